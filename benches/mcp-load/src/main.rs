//! `mcp-load`: a load generator for the PromptSales MCP servers that is a real MCP client — the
//! official Rust SDK (`rmcp`) with its Streamable HTTP client transport.
//!
//! For every client count and scenario it opens N sessions at once (each `initialize`s its own
//! MCP session), lets each make a few unrecorded warm-up calls, then starts them together on a
//! closed loop of `tools/call`s (the next call leaves when the previous answer is parsed),
//! bounded by a number of calls and a time. Every answer is checked (no `isError`, a
//! `structuredContent` with the expected shape) before its latency counts. It prints p50, p90,
//! p99 and max per scenario with the throughput, the CPU time the servers and this client
//! used per call (from /proc, when the server pids are given) and the load average, and writes
//! the same as JSON.
//!
//! Run by benches/mcp_latency.sh, which starts the servers and builds this crate on its own.

mod args;
mod calls;
mod stats;

use std::path::Path;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rmcp::model::{CallToolRequestParams, ClientConfig, Implementation, ProtocolVersion};
use rmcp::service::{RoleClient, RunningService};
use rmcp::transport::streamable_http_client::StreamableHttpClientTransportConfig;
use rmcp::transport::StreamableHttpClientTransport;
use rmcp::ServiceExt;
use serde_json::{json, Value};
use tokio::sync::Barrier;
use tokio::time::timeout_at;

use crate::args::Args;
use crate::calls::{Scenario, Server};

/// How long a call that was sent before the time bound may still take to answer; past it the
/// call counts as an error and the run ends anyway (the bound in time is a bound).
const GRACE: Duration = Duration::from_secs(5);

type Session = RunningService<RoleClient, ClientConfig>;

/// What one client of one scenario saw.
#[derive(Debug, Default)]
struct ClientOutcome {
    latencies: Vec<Duration>,
    errors: usize,
    first_error: Option<String>,
    protocol: Option<String>,
}

impl ClientOutcome {
    fn error(&mut self, e: String) {
        self.errors += 1;
        self.first_error.get_or_insert(e);
    }
}

/// Everything a client task needs, shared.
#[derive(Debug)]
struct Plan {
    scenario: Scenario,
    url: String,
    token: String,
    calls: usize,
    warmup: usize,
    max_time: Duration,
    nonce: u64,
    campaigns: u64,
    keep_alive: bool,
    /// Every client and the coordinator meet here twice: when all are warmed up (the
    /// measured window opens) and when all have finished their calls (it closes).
    start: Barrier,
    end: Barrier,
}

async fn connect(plan: &Plan) -> Result<Session, String> {
    let config =
        StreamableHttpClientTransportConfig::with_uri(plan.url.as_str()).auth_header(&plan.token);
    let transport = if plan.keep_alive {
        // reqwest's default: idle connections are pooled and reused.
        let client = reqwest::Client::builder()
            .build()
            .map_err(|e| format!("building the HTTP client: {e}"))?;
        StreamableHttpClientTransport::with_client(client, config)
    } else {
        // rmcp's own client (what an rmcp-based MCP client does): no idle pooling, one TCP
        // connection per POST.
        StreamableHttpClientTransport::from_config(config)
    };
    let mut info = ClientConfig::default();
    // The newest revision that still has sessions and `initialize` (the servers run rmcp's
    // session mode; the Python SDK peer negotiates the same).
    info.protocol_version = ProtocolVersion::LATEST_WITH_INITIALIZE;
    info.client_info = Implementation::new("promptsales-mcp-load", env!("CARGO_PKG_VERSION"));
    info.serve(transport)
        .await
        .map_err(|e| format!("initialize {}: {e}", plan.url))
}

/// One `tools/call`; its latency when the answer is a real one.
async fn call(
    session: &Session,
    plan: &Plan,
    client: usize,
    n: usize,
    limit: tokio::time::Instant,
) -> Result<Duration, String> {
    let s = plan.scenario;
    let args = s.arguments(client, n, plan.nonce, plan.campaigns);
    let params = CallToolRequestParams::new(s.tool())
        .with_arguments(args.as_object().cloned().unwrap_or_default());
    let sent = Instant::now();
    let answer = timeout_at(limit, session.call_tool(params)).await;
    let latency = sent.elapsed();
    let result = answer
        .map_err(|_| format!("{}: no answer within the time bound", s.tool()))?
        .map_err(|e| format!("{}: {e}", s.tool()))?;
    if result.is_error == Some(true) {
        let text = serde_json::to_string(&result.content).unwrap_or_default();
        return Err(format!(
            "{} answered isError: {}",
            s.tool(),
            text.chars().take(200).collect::<String>()
        ));
    }
    match &result.structured_content {
        Some(Value::Object(o)) => match s.check(&args, o) {
            None => Ok(latency),
            Some(why) => Err(why),
        },
        _ => Err(format!("{}: no structuredContent object", s.tool())),
    }
}

async fn client_task(plan: Arc<Plan>, client: usize) -> ClientOutcome {
    let mut out = ClientOutcome::default();
    let setup_limit = tokio::time::Instant::now() + plan.max_time;
    let session = match timeout_at(setup_limit, connect(&plan)).await {
        Ok(Ok(s)) => Some(s),
        Ok(Err(e)) => {
            out.error(e);
            None
        }
        Err(_) => {
            out.error(format!(
                "initialize {}: no answer within the time bound",
                plan.url
            ));
            None
        }
    };
    let mut n = 0;
    if let Some(s) = &session {
        out.protocol = s
            .peer_info()
            .map(|i| i.protocol_version.as_str().to_string());
        while n < plan.warmup && out.errors == 0 {
            if let Err(e) = call(s, &plan, client, n, setup_limit).await {
                out.error(format!("warm-up: {e}"));
            }
            n += 1;
        }
    }
    plan.start.wait().await;
    if let (Some(s), 0) = (&session, out.errors) {
        let deadline = tokio::time::Instant::now() + plan.max_time;
        // A client stops at its first error: a server that is down must not make it spin.
        for _ in 0..plan.calls {
            if tokio::time::Instant::now() >= deadline {
                break;
            }
            match call(s, &plan, client, n, deadline + GRACE).await {
                Ok(latency) => out.latencies.push(latency),
                Err(e) => {
                    out.error(e);
                    break;
                }
            }
            n += 1;
        }
    }
    plan.end.wait().await;
    if let Some(s) = session {
        // Ends the session (DELETE) outside the measured window; bounded like everything else.
        let _ = tokio::time::timeout(GRACE, s.cancel()).await;
    }
    out
}

/// CPU time (user + system) of a process so far, in seconds, from /proc (Linux); `None`
/// elsewhere or when the process is gone.
fn cpu_seconds(pid: Option<u32>) -> Option<f64> {
    let path = match pid {
        Some(p) => format!("/proc/{p}/stat"),
        None => "/proc/self/stat".to_string(),
    };
    let stat = std::fs::read_to_string(path).ok()?;
    // Fields after the command name (which may hold spaces) start at field 3 (state);
    // utime and stime are fields 14 and 15, in USER_HZ ticks — 100 per second on Linux.
    let rest = stat.rsplit_once(')')?.1;
    let f: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = f.get(11)?.parse::<u64>().ok()? + f.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}

fn loadavg() -> String {
    std::fs::read_to_string("/proc/loadavg")
        .map(|l| l.split_whitespace().take(3).collect::<Vec<_>>().join(" "))
        .unwrap_or_else(|_| "n/a".into())
}

fn cpu_model() -> String {
    std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split_once(':'))
                .map(|(_, m)| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown".into())
}

/// Runs one scenario with `clients` sessions; its JSON record.
async fn run_scenario(
    args: &Args,
    token: &str,
    scenario: Scenario,
    clients: usize,
    nonce: u64,
) -> Value {
    let (url, server_pid) = match scenario.server() {
        Server::Content => (args.content_url.clone(), args.content_pid),
        Server::Sales => (args.sales_url.clone(), args.sales_pid),
    };
    let plan = Arc::new(Plan {
        scenario,
        url: url.unwrap_or_default(),
        token: token.to_string(),
        calls: args.calls,
        warmup: args.warmup,
        max_time: args.max_time,
        nonce,
        campaigns: args.campaigns.unwrap_or(1),
        keep_alive: args.keep_alive,
        start: Barrier::new(clients + 1),
        end: Barrier::new(clients + 1),
    });
    let load_before = loadavg();
    let tasks: Vec<_> = (0..clients)
        .map(|k| tokio::spawn(client_task(plan.clone(), k)))
        .collect();
    plan.start.wait().await;
    let t0 = Instant::now();
    let (server0, self0) = (cpu_seconds(server_pid), cpu_seconds(None));
    plan.end.wait().await;
    let wall = t0.elapsed();
    let (server1, self1) = (cpu_seconds(server_pid), cpu_seconds(None));
    let load_after = loadavg();
    let mut all = ClientOutcome::default();
    for t in tasks {
        match t.await {
            Ok(o) => {
                all.latencies.extend(o.latencies);
                all.errors += o.errors;
                if let Some(e) = o.first_error {
                    all.first_error.get_or_insert(e);
                }
                if all.protocol.is_none() {
                    all.protocol = o.protocol;
                }
            }
            Err(e) => all.error(format!("client task failed: {e}")),
        }
    }
    let n = all.latencies.len();
    let per_call_ms = |a: Option<f64>, b: Option<f64>| match (a, b) {
        (Some(a), Some(b)) if n > 0 => Some((b - a) * 1000.0 / n as f64),
        _ => None,
    };
    let summary = stats::summarize(&all.latencies);
    let stopped_by_time = n + all.errors < clients * args.calls && all.errors == 0;
    json!({
        "scenario": scenario.name(),
        "label": scenario.label(),
        "tool": scenario.tool(),
        "url": plan.url,
        "protocol_version": all.protocol,
        "clients": clients,
        "calls_per_client": args.calls,
        "warmup_per_client": args.warmup,
        "max_seconds": args.max_time.as_secs_f64(),
        "measured_calls": n,
        "errors": all.errors,
        "first_error": all.first_error,
        "stopped_by_time": stopped_by_time,
        "wall_seconds": wall.as_secs_f64(),
        "calls_per_second": if wall.is_zero() { 0.0 } else { n as f64 / wall.as_secs_f64() },
        "latency_ms": summary.map(|s| json!({
            "min": s.min, "p50": s.p50, "p90": s.p90, "p99": s.p99, "max": s.max, "mean": s.mean,
        })),
        "server_cpu_ms_per_call": per_call_ms(server0, server1),
        "client_cpu_ms_per_call": per_call_ms(self0, self1),
        "loadavg_before": load_before,
        "loadavg_after": load_after,
    })
}

fn fmt_ms(v: &Value, key: &str) -> String {
    v["latency_ms"][key]
        .as_f64()
        .map_or("-".into(), |x| format!("{x:.2}"))
}

fn fmt_opt(v: &Value) -> String {
    v.as_f64().map_or("-".into(), |x| format!("{x:.2}"))
}

fn print_row(r: &Value) {
    println!(
        "{:<34} {:>4} {:>6} {:>4} {:>8} {:>8} {:>8} {:>8} {:>8.0} {:>7} {:>7}  {}",
        r["label"].as_str().unwrap_or(""),
        r["clients"].as_u64().unwrap_or(0),
        r["measured_calls"].as_u64().unwrap_or(0),
        r["errors"].as_u64().unwrap_or(0),
        fmt_ms(r, "p50"),
        fmt_ms(r, "p90"),
        fmt_ms(r, "p99"),
        fmt_ms(r, "max"),
        r["calls_per_second"].as_f64().unwrap_or(0.0),
        fmt_opt(&r["server_cpu_ms_per_call"]),
        fmt_opt(&r["client_cpu_ms_per_call"]),
        r["loadavg_after"].as_str().unwrap_or(""),
    );
    if let Some(e) = r["first_error"].as_str() {
        println!("    first error: {e}");
    }
    if r["stopped_by_time"].as_bool() == Some(true) {
        println!("    stopped by --max-seconds before every client made its calls");
    }
}

/// Writes `value` to `path` through a temporary name, so a reader never sees half a file.
fn write_json(path: &Path, value: &Value) -> Result<(), String> {
    let tmp = path.with_extension("json.tmp");
    let text = serde_json::to_string_pretty(value).map_err(|e| e.to_string())?;
    std::fs::write(&tmp, text + "\n")
        .and_then(|()| std::fs::rename(&tmp, path))
        .map_err(|e| {
            let _ = std::fs::remove_file(&tmp);
            format!("--json: cannot write {}: {e}", path.display())
        })
}

async fn run(args: Args, token: String) -> Result<bool, String> {
    // Distinct queries must also differ from the previous run's (a cache outlives a run).
    let nonce = args.nonce.unwrap_or_else(|| {
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_secs())
    });
    let nproc = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "mcp-load: rmcp 3.11 client, {} thread(s), {}, nonce {nonce}; machine {nproc} cores, {}",
        args.threads,
        if args.keep_alive {
            "HTTP keep-alive"
        } else {
            "rmcp default HTTP client (a connection per POST)"
        },
        cpu_model()
    );
    println!(
        "{:<34} {:>4} {:>6} {:>4} {:>8} {:>8} {:>8} {:>8} {:>8} {:>7} {:>7}  load after",
        "call",
        "cli",
        "calls",
        "err",
        "p50 ms",
        "p90 ms",
        "p99 ms",
        "max ms",
        "calls/s",
        "srv ms",
        "cli ms",
    );
    let load_start = loadavg();
    let mut rows = Vec::new();
    let mut ok = true;
    for &clients in &args.clients {
        for &scenario in &args.scenarios {
            let r = run_scenario(&args, &token, scenario, clients, nonce).await;
            print_row(&r);
            ok &= r["errors"] == 0 && r["measured_calls"].as_u64().unwrap_or(0) > 0;
            rows.push(r);
        }
    }
    println!("(srv ms / cli ms: CPU time of the server / of this client per measured call)");
    if let Some(path) = &args.json {
        write_json(
            path,
            &json!({
                "tool": "mcp-load",
                "client": "rmcp 3.11 (official Rust MCP SDK), Streamable HTTP",
                "keep_alive": args.keep_alive,
                "client_threads": args.threads,
                "nonce": nonce,
                "machine": {
                    "nproc": nproc,
                    "cpu_model": cpu_model(),
                    "loadavg_start": load_start,
                    "loadavg_end": loadavg(),
                },
                "scenarios": rows,
            }),
        )?;
    }
    Ok(ok)
}

fn main() -> ExitCode {
    let args = match args::parse(std::env::args().skip(1)) {
        Ok(Some(a)) => a,
        Ok(None) => {
            println!("{}", args::USAGE);
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("mcp-load: {e}");
            return ExitCode::from(2);
        }
    };
    let token = match args::token(args.token_file.as_deref()) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("mcp-load: {e}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(args.threads)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("mcp-load: starting the async runtime: {e}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(args, token)) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => {
            eprintln!("mcp-load: some calls failed or none was measured (see the table)");
            ExitCode::from(1)
        }
        Err(e) => {
            eprintln!("mcp-load: {e}");
            ExitCode::from(1)
        }
    }
}
