//! What every command shares about output: `--quiet` (only errors, and `verify`'s failures),
//! the one-line error for a clap parse failure, and cleanup on SIGINT/SIGTERM.

use std::sync::atomic::{AtomicBool, Ordering};

static QUIET: AtomicBool = AtomicBool::new(false);

/// Sets `--quiet` for the whole run.
pub fn set_quiet(quiet: bool) {
    QUIET.store(quiet, Ordering::Relaxed);
}

/// Whether `--quiet` was given: no summaries, no per-table lines, no bars.
pub fn quiet() -> bool {
    QUIET.load(Ordering::Relaxed)
}

/// A clap error as one line that keeps what clap lists after its first line (the missing
/// argument's name, the valid values), without the usage and help hints.
pub fn clap_one_line(text: &str) -> String {
    let parts: Vec<&str> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take_while(|l| !l.starts_with("Usage:") && !l.starts_with("For more information"))
        .filter(|l| !l.starts_with("tip:"))
        .collect();
    if parts.is_empty() {
        "error: invalid arguments".to_string()
    } else {
        parts.join(" ")
    }
}

/// An error and its causes as one line, skipping a cause whose text the line already holds
/// (our errors print their source inline, so anyhow's chain would repeat it).
pub fn error_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        let text = text.lines().next().unwrap_or_default();
        if text.is_empty() || line.contains(text) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text);
    }
    if line.is_empty() {
        "failed".into()
    } else {
        line
    }
}

/// On SIGINT or SIGTERM: remove the temporary and half-written files of the run in progress,
/// then exit with 130 (the shell's code for an interrupted command).
pub fn remove_partial_output_on_signal() {
    // Failing to install the handler only loses the cleanup, not the run.
    let _ = ctrlc::set_handler(|| {
        let removed = promptsales_core::sink::remove_partial_output();
        eprintln!("interrupted: removed {removed} partial file(s); no manifest was written");
        std::process::exit(130);
    });
}

/// One line for a panic (a bug), instead of Rust's multi-line message and backtrace hint.
pub fn one_line_panics() {
    std::panic::set_hook(Box::new(|info| {
        let msg = info
            .payload()
            .downcast_ref::<String>()
            .map(String::as_str)
            .or_else(|| info.payload().downcast_ref::<&str>().copied())
            .unwrap_or("unknown");
        let at = info
            .location()
            .map(|l| format!(" at {}:{}", l.file(), l.line()))
            .unwrap_or_default();
        eprintln!(
            "promptsales: internal error: {}{at}",
            msg.lines().next().unwrap_or_default()
        );
    }));
}
