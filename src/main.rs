//! `promptsales`: generate, verify and list the PromptSales synthetic dataset.

mod delta;
mod load;
mod load_content;
mod load_mssql;
mod mcp;
mod mcp_live;
mod output;
mod report;
mod tables;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Mutex;
use std::time::Instant;

use anyhow::{Context, Result};
use clap::{Parser, Subcommand};
use indicatif::{ProgressBar, ProgressStyle};
use promptsales_core::config::{self, Compression, Format, Partition, Store};
use promptsales_core::registry::TableDef;
use promptsales_core::sink::{self, Progress, WriteOptions};
use promptsales_core::{verify, Config, World};

#[derive(Parser, Debug)]
#[command(
    name = "promptsales",
    version,
    about = "Coherent, deterministic synthetic data for the PromptSales ecosystem"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Print only errors (and, for verify, the failed checks).
    #[arg(long, global = true)]
    quiet: bool,
}

#[derive(clap::Args, Debug)]
struct WorldArgs {
    /// Scale factor (0.001–100); 1 = 1 000 campaigns and 500 000 clients.
    #[arg(long, default_value = "1", allow_hyphen_values = true)]
    scale: String,
    /// Seed (0 … 2^64−1).
    #[arg(long, default_value = "42", allow_hyphen_values = true)]
    seed: String,
    /// Seasonal peak months, comma-separated (1–12).
    #[arg(long, default_value = "12,1,8", allow_hyphen_values = true)]
    peak_months: String,
    /// Dimension of the content image embeddings: 384 or 1536.
    #[arg(long, default_value = "384", allow_hyphen_values = true)]
    embedding_dims: String,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Generate the dataset to a folder.
    Generate {
        #[command(flatten)]
        world: WorldArgs,
        /// Output folder.
        #[arg(long, default_value = "data")]
        out: PathBuf,
        /// Stores, comma-separated: ads, crm, content, sales.
        #[arg(long, default_value = "ads,crm,content,sales")]
        stores: String,
        /// Only these tables, comma-separated store.table names (e.g. ads.campaigns,crm.clients).
        #[arg(long, conflicts_with = "stores")]
        tables: Option<String>,
        /// Formats, comma-separated: parquet, csv, bson, jsonl. Per table: a table that can be
        /// none of them (bson for ads, csv for content.images) is written as Parquet.
        #[arg(long, default_value = "parquet")]
        format: String,
        /// Replace the dataset already in --out (removing exactly the files its manifest lists).
        #[arg(long)]
        overwrite: bool,
        /// Split every table into this many parts (1–100000).
        #[arg(long, default_value = "1", allow_hyphen_values = true)]
        parts: String,
        /// Which part to write (1 … --parts).
        #[arg(long, default_value = "1", allow_hyphen_values = true)]
        part: String,
        /// Worker threads (1–1024; default: all cores).
        #[arg(long, allow_hyphen_values = true)]
        threads: Option<String>,
        /// Parquet codec: none, snappy, lz4, zstd, zstd(N).
        #[arg(long, default_value = "snappy")]
        compression: String,
        /// Rows per Parquet row group / generation chunk (1024–16777216).
        #[arg(long, default_value = "131072", allow_hyphen_values = true)]
        row_group_rows: String,
        /// No progress bars (per-table lines and the summary stay; --quiet hides those).
        #[arg(long)]
        no_progress: bool,
        /// Print one line per table (rows, seconds, rows/s) even without a terminal.
        #[arg(long)]
        timings: bool,
    },
    /// Check every invariant of a generated dataset; non-zero exit on any breach.
    Verify {
        /// Dataset folder (with manifest.json).
        dir: PathBuf,
        /// Print the report as JSON.
        #[arg(long)]
        json: bool,
        /// Check only part K of a partitioned dataset (its files and row counts).
        #[arg(long, allow_hyphen_values = true)]
        part: Option<String>,
    },
    /// Load stores into a database (PostgreSQL binary COPY).
    Load {
        #[command(subcommand)]
        target: load::LoadTarget,
    },
    /// Write the delta (rows inserted or changed) between two instants after the window.
    Delta(delta::DeltaArgs),
    /// Serve an MCP server (content or sales) over stdio or Streamable HTTP.
    Mcp(mcp::McpArgs),
    /// Render a self-contained HTML report of a dataset (or of a world generated on the fly).
    Report(report::ReportArgs),
    /// List the tables with their row counts at a scale.
    Tables {
        #[command(flatten)]
        world: WorldArgs,
        /// Print JSON (table, store, rows, unit, sizing, formats).
        #[arg(long)]
        json: bool,
        /// Add the estimated output size per format.
        #[arg(long)]
        bytes: bool,
    },
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            use clap::error::ErrorKind;
            if matches!(
                e.kind(),
                ErrorKind::DisplayHelp
                    | ErrorKind::DisplayVersion
                    | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
            ) {
                let _ = e.print();
                return ExitCode::SUCCESS;
            }
            eprintln!("{}", output::clap_one_line(&e.to_string()));
            return ExitCode::from(2);
        }
    };
    output::set_quiet(cli.quiet);
    output::one_line_panics();
    // The MCP servers write no dataset; they handle SIGINT/SIGTERM themselves.
    if !matches!(cli.command, Command::Mcp(_)) {
        output::remove_partial_output_on_signal();
    }
    let result = run(cli);
    // A signal arrived: its handler is removing this run's files and exits with 130; a write
    // that failed because its file vanished must not exit first with another code.
    if promptsales_core::sink::interrupted() {
        loop {
            std::thread::park();
        }
    }
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", output::error_line(&e));
            ExitCode::from(1)
        }
    }
}

fn parse_config(w: &WorldArgs) -> Result<Config> {
    let scale: f64 = w.scale.trim().parse().map_err(|_| {
        promptsales_core::Error::invalid(
            "--scale",
            format!(
                "must be a number from {} to {} (got '{}')",
                config::MIN_SCALE,
                config::MAX_SCALE,
                w.scale
            ),
        )
    })?;
    let seed: i128 = w.seed.trim().parse().map_err(|_| {
        promptsales_core::Error::invalid(
            "--seed",
            format!(
                "must be a whole number from 0 to {} (got '{}')",
                u64::MAX,
                w.seed
            ),
        )
    })?;
    let months = config::parse_int_list("--peak-months", &w.peak_months)?;
    let mut config = Config::new(seed, scale, &months)?;
    config.embedding_dims = config::validate_embedding_dims(parse_int(
        "--embedding-dims",
        &w.embedding_dims,
        "(384 or 1536)",
    )?)?;
    Ok(config)
}

fn parse_int(flag: &'static str, text: &str, range: &str) -> Result<i64> {
    Ok(text.trim().parse::<i64>().map_err(|_| {
        promptsales_core::Error::invalid(
            flag,
            format!("must be a whole number {range} (got '{text}')"),
        )
    })?)
}

fn parse_list<T: std::str::FromStr<Err = promptsales_core::Error> + PartialEq>(
    text: &str,
) -> Result<Vec<T>> {
    let mut out = Vec::new();
    for item in text.split(',') {
        let v: T = item.parse()?;
        if !out.contains(&v) {
            out.push(v);
        }
    }
    Ok(out)
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Generate {
            world,
            out,
            stores,
            tables,
            format,
            overwrite,
            parts,
            part,
            threads,
            compression,
            row_group_rows,
            no_progress,
            timings,
        } => {
            let config = parse_config(&world)?;
            let mut stores: Vec<Store> = parse_list(&stores)?;
            let tables = match tables {
                Some(t) => sink::parse_tables(&t)?,
                None => Vec::new(),
            };
            if !tables.is_empty() {
                stores = Store::ALL
                    .into_iter()
                    .filter(|s| tables.iter().any(|t| t.starts_with(&format!("{s}."))))
                    .collect();
            }
            let formats: Vec<Format> = parse_list(&format)?;
            let partition = Partition::new(
                parse_int("--part", &part, "from 1 to --parts")?,
                parse_int("--parts", &parts, "from 1 to 100000")?,
            )?;
            let compression: Compression = compression.parse()?;
            let row_group_rows = sink::validate_row_group_rows(parse_int(
                "--row-group-rows",
                &row_group_rows,
                "from 1024 to 16777216",
            )?)?;
            let threads = match threads {
                Some(t) => {
                    let n = parse_int("--threads", &t, "from 1 to 1024")?;
                    if !(1..=1024).contains(&n) {
                        return Err(promptsales_core::Error::invalid(
                            "--threads",
                            format!("must be from 1 to 1024 (got {n})"),
                        )
                        .into());
                    }
                    n as usize
                }
                None => std::thread::available_parallelism()
                    .map(|n| n.get())
                    .unwrap_or(1),
            };
            rayon::ThreadPoolBuilder::new()
                .num_threads(threads)
                .build_global()
                .context("starting worker threads")?;
            let options = WriteOptions {
                out: out.clone(),
                stores,
                formats,
                partition,
                compression,
                row_group_rows,
                tables,
                overwrite,
            };
            let started = Instant::now();
            let world = World::new(&config);
            let terminal = std::io::stderr().is_terminal() && !output::quiet();
            let progress = CliProgress {
                bar: Mutex::new(None),
                bars: terminal && !no_progress,
                lines: terminal || (timings && !output::quiet()),
            };
            let manifest = sink::write_dataset(&world, &options, &progress)?;
            let secs = started.elapsed().as_secs_f64();
            let rows: u64 = manifest.tables.values().map(|t| t.rows).sum();
            if output::quiet() {
                return Ok(ExitCode::SUCCESS);
            }
            let fallback: Vec<String> = options
                .selected_tables()
                .iter()
                .filter(|t| !options.formats.iter().any(|&f| t.supports(f)))
                .map(|t| t.qualified_name())
                .collect();
            if !fallback.is_empty() {
                eprintln!(
                    "note: {} written as parquet (they cannot be written as {})",
                    fallback.join(", "),
                    options
                        .formats
                        .iter()
                        .map(|f| f.extension())
                        .collect::<Vec<_>>()
                        .join(" or ")
                );
            }
            eprintln!(
                "wrote {} tables, {rows} rows in {secs:.2} s ({:.0} rows/s, {threads} threads) to {}",
                manifest.tables.len(),
                rows as f64 / secs.max(1e-9),
                out.display()
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Verify { dir, json, part } => {
            let report = match part {
                Some(k) => {
                    let k = parse_int("--part", &k, "from 1 to the number of parts")?;
                    let k = u32::try_from(k).ok().filter(|k| *k >= 1).ok_or_else(|| {
                        promptsales_core::Error::invalid(
                            "--part",
                            format!(
                                "must be a whole number from 1 to the number of parts (got {k})"
                            ),
                        )
                    })?;
                    verify::verify_part(&dir, k)?
                }
                None => verify::verify_dir(&dir)?,
            };
            if json {
                println!("{}", serde_json::to_string_pretty(&report.to_json())?);
            } else if output::quiet() {
                for c in report.failures() {
                    println!("[FAIL] {}: {}", c.name, c.detail);
                }
            } else {
                print!("{}", report.render());
            }
            Ok(if report.passed() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            })
        }
        Command::Load { target } => load::run(target),
        Command::Report(args) => report::run(args),
        Command::Delta(args) => delta::run(args),
        Command::Mcp(args) => mcp::run(args),
        Command::Tables { world, json, bytes } => {
            let config = parse_config(&world)?;
            tables::run(&World::new(&config), json, bytes)?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

struct CliProgress {
    bar: Mutex<Option<ProgressBar>>,
    bars: bool,
    lines: bool,
}

impl Progress for CliProgress {
    fn table_started(&self, table: &TableDef, chunks: u64) {
        if !self.bars {
            return;
        }
        let bar = ProgressBar::new(chunks);
        if let Ok(style) = ProgressStyle::with_template(
            "{msg:<26} [{bar:30}] {pos}/{len} chunks, {per_sec}, ETA {eta}",
        ) {
            bar.set_style(style.progress_chars("=> "));
        }
        bar.set_message(table.qualified_name());
        if let Ok(mut b) = self.bar.lock() {
            *b = Some(bar);
        }
    }

    fn chunk_done(&self, _rows: u64) {
        if let Ok(b) = self.bar.lock() {
            if let Some(bar) = b.as_ref() {
                bar.inc(1);
            }
        }
    }

    fn table_done(&self, table: &TableDef, rows: u64, seconds: f64) {
        if let Ok(mut b) = self.bar.lock() {
            if let Some(bar) = b.take() {
                bar.finish_and_clear();
            }
        }
        if self.lines {
            eprintln!(
                "{:<28} {rows:>11} rows {seconds:>7.2} s {:>12.0} rows/s",
                table.qualified_name(),
                rows as f64 / seconds.max(1e-9)
            );
        }
    }
}
