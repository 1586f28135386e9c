//! Command line of `mcp-load`: every flag is checked here, once, and a bad one is reported
//! in one line naming the flag and its valid range.

use std::path::PathBuf;
use std::time::Duration;

use crate::calls::{Scenario, Server};

pub const USAGE: &str = "\
usage: mcp-load [--content-url URL] [--sales-url URL] [--token-file FILE]
                [--clients 1,32] [--calls 200] [--warmup 5] [--max-seconds 60]
                [--campaigns N] [--only SCENARIO,...] [--json FILE] [--threads 1]
                [--keep-alive] [--content-pid PID] [--sales-pid PID] [--nonce N]

Drives the PromptSales MCP servers (Streamable HTTP) with N concurrent sessions of the official
Rust MCP client: each initializes its own session, makes --warmup unrecorded calls, then
--calls recorded calls one after another (closed loop), stopping early after --max-seconds.
Token: --token-file, else the environment variable MCP_SERVER_TOKEN (never printed).
Scenarios: content-distinct, content-repeat, content-generate (need --content-url;
content-generate also --campaigns), sales-performance (needs --campaigns), sales-top (need
--sales-url).";

/// Parsed and validated options.
#[derive(Debug, Clone)]
pub struct Args {
    pub content_url: Option<String>,
    pub sales_url: Option<String>,
    pub token_file: Option<PathBuf>,
    pub clients: Vec<usize>,
    pub calls: usize,
    pub warmup: usize,
    pub max_time: Duration,
    pub campaigns: Option<u64>,
    pub scenarios: Vec<Scenario>,
    pub json: Option<PathBuf>,
    pub threads: usize,
    pub keep_alive: bool,
    pub content_pid: Option<u32>,
    pub sales_pid: Option<u32>,
    pub nonce: Option<u64>,
}

/// `Ok(None)`: `--help` was asked.
pub fn parse(argv: impl IntoIterator<Item = String>) -> Result<Option<Args>, String> {
    let mut a = Args {
        content_url: None,
        sales_url: None,
        token_file: None,
        clients: vec![1, 32],
        calls: 200,
        warmup: 5,
        max_time: Duration::from_secs(60),
        campaigns: None,
        scenarios: Scenario::ALL.to_vec(),
        json: None,
        threads: 1,
        keep_alive: false,
        content_pid: None,
        sales_pid: None,
        nonce: None,
    };
    let mut only_given = false;
    let mut it = argv.into_iter();
    while let Some(flag) = it.next() {
        if flag == "--help" || flag == "-h" {
            return Ok(None);
        }
        if flag == "--keep-alive" {
            a.keep_alive = true;
            continue;
        }
        let value = it
            .next()
            .ok_or_else(|| format!("{flag}: needs a value (see --help)"))?;
        match flag.as_str() {
            "--content-url" => a.content_url = Some(url(&flag, &value)?),
            "--sales-url" => a.sales_url = Some(url(&flag, &value)?),
            "--token-file" => a.token_file = Some(PathBuf::from(value)),
            "--clients" => {
                a.clients = value
                    .split(',')
                    .map(|v| number(&flag, v, 1, 1024))
                    .collect::<Result<Vec<_>, _>>()?
                    .into_iter()
                    .map(|n| n as usize)
                    .collect();
            }
            "--calls" => a.calls = number(&flag, &value, 1, 1_000_000)? as usize,
            "--warmup" => a.warmup = number(&flag, &value, 0, 10_000)? as usize,
            "--max-seconds" => {
                let s: f64 = value.parse().unwrap_or(f64::NAN);
                if !(0.1..=3600.0).contains(&s) {
                    return Err(format!(
                        "--max-seconds: must be a number from 0.1 to 3600 (got '{value}')"
                    ));
                }
                a.max_time = Duration::from_secs_f64(s);
            }
            "--campaigns" => a.campaigns = Some(number(&flag, &value, 1, 1_000_000_000)?),
            "--only" => {
                only_given = true;
                a.scenarios = value
                    .split(',')
                    .map(|s| {
                        Scenario::parse(s.trim()).ok_or_else(|| {
                            format!(
                                "--only: unknown scenario '{s}' (one of: {})",
                                Scenario::ALL.map(Scenario::name).join(", ")
                            )
                        })
                    })
                    .collect::<Result<_, _>>()?;
            }
            "--json" => a.json = Some(PathBuf::from(value)),
            "--threads" => a.threads = number(&flag, &value, 1, 64)? as usize,
            "--content-pid" => {
                a.content_pid = Some(number(&flag, &value, 1, u32::MAX.into())? as u32)
            }
            "--sales-pid" => a.sales_pid = Some(number(&flag, &value, 1, u32::MAX.into())? as u32),
            "--nonce" => a.nonce = Some(number(&flag, &value, 0, u64::MAX)?),
            _ => return Err(format!("unknown flag '{flag}' (see --help)")),
        }
    }
    // Only the scenarios whose server was given run; asking for one without it is an error.
    for s in &a.scenarios {
        let (given, flag) = match s.server() {
            Server::Content => (a.content_url.is_some(), "--content-url"),
            Server::Sales => (a.sales_url.is_some(), "--sales-url"),
        };
        if !given && only_given {
            return Err(format!("--only {}: needs {flag}", s.name()));
        }
    }
    a.scenarios.retain(|s| match s.server() {
        Server::Content => a.content_url.is_some(),
        Server::Sales => a.sales_url.is_some(),
    });
    if a.scenarios.is_empty() {
        return Err("--content-url or --sales-url: give at least one server".into());
    }
    if let Some(s) = a
        .scenarios
        .iter()
        .find(|s| matches!(s, Scenario::SalesPerformance | Scenario::ContentGenerate))
    {
        if a.campaigns.is_none() {
            return Err(format!(
                "--campaigns: {} needs the number of campaigns of the world served (1 or more)",
                s.name()
            ));
        }
    }
    Ok(Some(a))
}

fn number(flag: &str, value: &str, min: u64, max: u64) -> Result<u64, String> {
    match value.trim().parse::<u64>() {
        Ok(n) if (min..=max).contains(&n) => Ok(n),
        _ => Err(format!(
            "{flag}: must be a whole number from {min} to {max} (got '{value}')"
        )),
    }
}

fn url(flag: &str, value: &str) -> Result<String, String> {
    if (value.starts_with("http://") || value.starts_with("https://"))
        && !value.chars().any(char::is_whitespace)
    {
        Ok(value.to_string())
    } else {
        Err(format!(
            "{flag}: must be an http:// or https:// URL such as http://127.0.0.1:8080/mcp (got '{value}')"
        ))
    }
}

/// The bearer token: `--token-file` (trimmed) or `MCP_SERVER_TOKEN`. Errors name the source,
/// never the value.
pub fn token(file: Option<&std::path::Path>) -> Result<String, String> {
    let (token, from) = match file {
        Some(f) => (
            std::fs::read_to_string(f)
                .map_err(|e| format!("--token-file: cannot read {}: {e}", f.display()))?,
            format!("--token-file {}", f.display()),
        ),
        None => (
            std::env::var("MCP_SERVER_TOKEN").unwrap_or_default(),
            "environment variable MCP_SERVER_TOKEN".to_string(),
        ),
    };
    let token = token.trim().to_string();
    if token.is_empty() || token.chars().any(char::is_control) {
        return Err(format!(
            "{from}: needs a bearer token (non-empty, printable; the value is not shown)"
        ));
    }
    Ok(token)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(args: &[&str]) -> Result<Option<Args>, String> {
        parse(args.iter().map(|s| s.to_string()))
    }

    #[test]
    fn defaults_and_lists() {
        let a = p(&["--sales-url", "http://127.0.0.1:1/mcp", "--campaigns", "50"])
            .expect("valid")
            .expect("not help");
        assert_eq!(a.clients, vec![1, 32]);
        assert_eq!((a.calls, a.warmup, a.threads), (200, 5, 1));
        assert_eq!(
            a.scenarios,
            vec![Scenario::SalesPerformance, Scenario::SalesTop]
        );
        let a = p(&[
            "--content-url",
            "http://x/mcp",
            "--clients",
            "4,8",
            "--only",
            "content-repeat",
            "--max-seconds",
            "2.5",
        ])
        .expect("valid")
        .expect("not help");
        assert_eq!(a.clients, vec![4, 8]);
        assert_eq!(a.scenarios, vec![Scenario::ContentRepeat]);
        assert_eq!(a.max_time, Duration::from_millis(2500));
        assert!(p(&["--help"]).expect("help").is_none());
    }

    #[test]
    fn bad_flags_name_the_flag_and_range() {
        let u = "http://127.0.0.1:1/mcp";
        let err = |args: &[&str]| p(args).expect_err("must be refused");
        assert_eq!(
            err(&["--content-url", u, "--clients", "0"]),
            "--clients: must be a whole number from 1 to 1024 (got '0')"
        );
        assert!(err(&["--content-url", u, "--calls", "-3"]).starts_with("--calls: "));
        assert!(err(&["--content-url", u, "--max-seconds", "0"]).contains("0.1 to 3600"));
        assert!(err(&["--content-url", "127.0.0.1:1"]).starts_with("--content-url: "));
        assert!(err(&["--sales-url", u]).starts_with("--campaigns: "));
        assert!(err(&["--content-url", u, "--only", "sales-top"]).contains("--sales-url"));
        assert!(err(&["--content-url", u, "--only", "x"]).contains("unknown scenario 'x'"));
        assert!(err(&["--warmup"]).contains("needs a value"));
        assert!(err(&[]).contains("at least one server"));
        assert!(err(&["--bogus", "1"]).contains("unknown flag '--bogus'"));
    }

    #[test]
    fn token_errors_never_show_the_value() {
        let dir = std::env::temp_dir().join(format!("mcp-load-test-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let f = dir.join("token");
        std::fs::write(&f, "  s3cret-value-123\n").expect("write");
        assert_eq!(token(Some(&f)).expect("read"), "s3cret-value-123");
        std::fs::write(&f, "bad\u{7}token").expect("write");
        let e = token(Some(&f)).expect_err("control character");
        assert!(e.starts_with("--token-file ") && !e.contains("bad"));
        let e = token(Some(&dir.join("missing"))).expect_err("missing file");
        assert!(e.starts_with("--token-file: cannot read"));
        std::fs::remove_dir_all(&dir).expect("cleanup");
    }
}
