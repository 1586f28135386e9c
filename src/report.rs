//! `promptsales report`: the HTML report of a dataset folder, or of a world generated on the fly.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;

use crate::{parse_config, WorldArgs};

/// `promptsales report DIR [--out FILE]` or `promptsales report --scale S --seed N [--out FILE]`.
#[derive(clap::Args, Debug)]
pub struct ReportArgs {
    /// Dataset folder (with manifest.json); omit it to generate a world with --scale/--seed.
    dir: Option<PathBuf>,
    /// Output HTML file (written to a temporary name, then renamed).
    #[arg(long, default_value = "report.html")]
    out: PathBuf,
    /// Without DIR: scale factor of the world to generate (0.001–100).
    #[arg(long, allow_hyphen_values = true)]
    scale: Option<String>,
    /// Without DIR: seed of the world to generate (0 … 2^64−1).
    #[arg(long, allow_hyphen_values = true)]
    seed: Option<String>,
}

pub fn run(args: ReportArgs) -> Result<ExitCode> {
    promptsales_report::check_out(&args.out)?;
    let started = Instant::now();
    let html = match (&args.dir, &args.scale, &args.seed) {
        (Some(_), Some(_), _) => {
            return Err(promptsales_core::Error::invalid(
                "--scale",
                "give either a dataset folder DIR or --scale/--seed to generate one, not both",
            )
            .into())
        }
        (Some(_), None, Some(_)) => {
            return Err(promptsales_core::Error::invalid(
                "--seed",
                "give either a dataset folder DIR or --scale/--seed to generate one, not both",
            )
            .into())
        }
        (Some(dir), None, None) => promptsales_report::render_dir(dir)?,
        (None, scale, seed) => {
            let world = WorldArgs {
                scale: scale.clone().unwrap_or_else(|| "1".into()),
                seed: seed.clone().unwrap_or_else(|| "42".into()),
                peak_months: "12,1,8".into(),
                embedding_dims: "384".into(),
            };
            promptsales_report::render_generated(&parse_config(&world)?)?
        }
    };
    promptsales_report::write_html(&args.out, &html)?;
    eprintln!(
        "wrote {} ({} bytes) in {:.2} s",
        args.out.display(),
        html.len(),
        started.elapsed().as_secs_f64()
    );
    Ok(ExitCode::SUCCESS)
}
