//! Streamable HTTP transport on a TCP address (default `127.0.0.1`), in front of rmcp's
//! `StreamableHttpService`: every `/mcp` request must carry `Authorization: Bearer <token>`
//! (compared in constant time on SHA-256 digests, so neither content nor length leaks through
//! timing) and, when it has an `Origin`, an allowed one (the MCP transport specification asks
//! servers to validate `Origin` against DNS rebinding). `/healthz`, `/readyz` (the Kubernetes
//! probes) and `/metrics` (the in-flight gauge the HPA reads) need no token and reveal nothing.
//! The token is never logged or echoed. The service runs stateless with JSON answers (no MCP
//! session): each request stands alone, so any replica behind a load balancer can answer it.

use std::convert::Infallible;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;

use bytes::Bytes;
use http_body_util::{combinators::BoxBody, BodyExt, Full};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::TokioIo;
use rmcp::transport::streamable_http_server::session::local::LocalSessionManager;
use rmcp::transport::streamable_http_server::tower::{
    StreamableHttpServerConfig, StreamableHttpService,
};
use sha2::{Digest, Sha256};
use subtle::ConstantTimeEq;
use tokio::sync::Semaphore;

use crate::error::{Error, Result};
use crate::server::McpServer;

/// Connections served at once; further ones wait in the accept queue (bounded memory).
pub const MAX_CONNECTIONS: usize = 512;

/// How the HTTP listener is set up.
#[derive(Clone)]
pub struct HttpOptions {
    /// Address to bind.
    pub listen: SocketAddr,
    /// The bearer token every `/mcp` request must present.
    pub token: String,
    /// Browser origins allowed besides `http://localhost:PORT` and `http://127.0.0.1:PORT`.
    pub allowed_origins: Vec<String>,
}

impl std::fmt::Debug for HttpOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("HttpOptions")
            .field("listen", &self.listen)
            .field("token", &"<redacted>")
            .field("allowed_origins", &self.allowed_origins)
            .finish()
    }
}

type Body = BoxBody<Bytes, Infallible>;

fn plain(status: StatusCode, text: &'static str) -> Response<Body> {
    let mut r = Response::new(Full::new(Bytes::from_static(text.as_bytes())).boxed());
    *r.status_mut() = status;
    r.headers_mut().insert(
        hyper::header::CONTENT_TYPE,
        hyper::header::HeaderValue::from_static("text/plain; charset=utf-8"),
    );
    r
}

/// Whether `header` is `Bearer <token>` (constant time in the token's content and length).
pub fn bearer_matches(header: Option<&[u8]>, token_digest: &[u8; 32]) -> bool {
    let presented = header
        .and_then(|h| h.strip_prefix(b"Bearer ".as_slice()))
        .unwrap_or(b"");
    let digest: [u8; 32] = Sha256::digest(presented).into();
    let ok: bool = digest.ct_eq(token_digest).into();
    ok && header.is_some()
}

struct State {
    mcp: StreamableHttpService<McpServer, LocalSessionManager>,
    token_digest: [u8; 32],
    origins: Vec<String>,
    in_flight: AtomicUsize,
}

async fn route(state: Arc<State>, req: Request<Incoming>) -> Result<Response<Body>, Infallible> {
    match req.uri().path() {
        "/healthz" | "/readyz" => return Ok(plain(StatusCode::OK, "ok\n")),
        "/metrics" => {
            let n = state.in_flight.load(Ordering::Relaxed);
            let text = format!("# TYPE mcp_requests_in_flight gauge\nmcp_requests_in_flight {n}\n");
            return Ok(Response::new(Full::new(Bytes::from(text)).boxed()));
        }
        "/mcp" => {}
        _ => {
            return Ok(plain(
                StatusCode::NOT_FOUND,
                "not found: the MCP endpoint is /mcp\n",
            ))
        }
    }
    if let Some(origin) = req.headers().get(hyper::header::ORIGIN) {
        let allowed = origin
            .to_str()
            .is_ok_and(|o| state.origins.iter().any(|a| a.eq_ignore_ascii_case(o)));
        if !allowed {
            return Ok(plain(
                StatusCode::FORBIDDEN,
                "forbidden: Origin not allowed\n",
            ));
        }
    }
    let auth = req
        .headers()
        .get(hyper::header::AUTHORIZATION)
        .map(|h| h.as_bytes());
    if !bearer_matches(auth, &state.token_digest) {
        let mut r = plain(
            StatusCode::UNAUTHORIZED,
            "unauthorized: send Authorization: Bearer <token>\n",
        );
        r.headers_mut().insert(
            hyper::header::WWW_AUTHENTICATE,
            hyper::header::HeaderValue::from_static("Bearer"),
        );
        return Ok(r);
    }
    state.in_flight.fetch_add(1, Ordering::Relaxed);
    let response = state.mcp.handle(req).await;
    state.in_flight.fetch_sub(1, Ordering::Relaxed);
    Ok(response)
}

/// Serves `server` over Streamable HTTP at `options.listen` until Ctrl-C / SIGTERM.
pub async fn serve_http(server: McpServer, options: HttpOptions) -> Result<()> {
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| Error::Http {
            addr: options.listen.to_string(),
            message: e.to_string(),
        })?;
    serve_listener(server, listener, &options).await
}

/// Serves `server` on an already bound `listener` (`options.listen` is not used) until
/// Ctrl-C / SIGTERM.
pub async fn serve_listener(
    server: McpServer,
    listener: tokio::net::TcpListener,
    options: &HttpOptions,
) -> Result<()> {
    let local = listener.local_addr().map_err(|e| Error::Http {
        addr: options.listen.to_string(),
        message: e.to_string(),
    })?;
    let port = local.port();
    let mut origins = vec![
        format!("http://localhost:{port}"),
        format!("http://127.0.0.1:{port}"),
    ];
    origins.extend(options.allowed_origins.iter().cloned());
    // rmcp checks Host only for loopback binds (DNS rebinding); behind a Kubernetes Service the
    // Host is the service name and the bearer token is what protects the endpoint.
    // Stateless, JSON answers: every POST is answered on its own as `application/json`, with
    // no session to create, look up or stream through SSE (the tools answer in one message and
    // never call back the client). benches/mcp_latency.sh measured 14–20% less server CPU per
    // call than rmcp's session mode (docs/mcp.md, Benchmark), and any replica can answer any
    // request, so the Kubernetes Service needs no session affinity.
    let mut config = StreamableHttpServerConfig::default()
        .with_legacy_session_mode(false)
        .with_json_response(true);
    if !local.ip().is_loopback() {
        config = config.disable_allowed_hosts();
    }
    let factory_server = server.clone();
    let mcp = StreamableHttpService::new(
        move || Ok(factory_server.clone()),
        Arc::new(LocalSessionManager::default()),
        config,
    );
    let state = Arc::new(State {
        mcp,
        token_digest: Sha256::digest(options.token.as_bytes()).into(),
        origins,
        in_flight: AtomicUsize::new(0),
    });
    eprintln!(
        "{}: listening on http://{local}/mcp (bearer token required; probes /healthz /readyz)",
        server.name()
    );
    let slots = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let shutdown = shutdown_signal();
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
        };
        let (stream, _) = tokio::select! {
            _ = &mut shutdown => break,
            a = listener.accept() => match a {
                Ok(a) => a,
                // A failed accept (e.g. out of descriptors) must not stop the server.
                Err(_) => continue,
            },
        };
        let _ = stream.set_nodelay(true);
        let state = state.clone();
        tokio::spawn(async move {
            let service = service_fn(move |req| route(state.clone(), req));
            let _ = http1::Builder::new()
                .serve_connection(TokioIo::new(stream), service)
                .await;
            drop(permit);
        });
    }
    Ok(())
}

async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut term =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(s) => s,
                Err(_) => {
                    let _ = ctrl_c.await;
                    return;
                }
            };
        tokio::select! {
            _ = ctrl_c => {},
            _ = term.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = ctrl_c.await;
    }
}

#[cfg(test)]
mod tests {
    use std::io::{Read, Write};

    use promptsales_core::{Config, World};
    use serde_json::{json, Value};

    use super::*;
    use crate::sales::SalesService;
    use crate::server::Backend;

    const TOKEN: &str = "test-token-not-a-secret-0123";

    /// A server on a free loopback port, served by `runtime` until the test ends.
    fn start(runtime: &tokio::runtime::Runtime, server: McpServer) -> u16 {
        let listener = runtime
            .block_on(tokio::net::TcpListener::bind("127.0.0.1:0"))
            .expect("bind a free port");
        let port = listener.local_addr().expect("bound").port();
        let options = HttpOptions {
            listen: SocketAddr::from(([127, 0, 0, 1], port)),
            token: TOKEN.into(),
            allowed_origins: Vec::new(),
        };
        runtime.spawn(async move { serve_listener(server, listener, &options).await });
        port
    }

    /// One HTTP/1.1 exchange: (status, lower-cased headers, body).
    fn http(port: u16, method: &str, token: Option<&str>, body: &Value) -> (u16, String, String) {
        let body = body.to_string();
        let auth = token.map_or(String::new(), |t| format!("Authorization: Bearer {t}\r\n"));
        let request = format!(
            "{method} /mcp HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n{auth}Content-Type: application/json\r\n\
             Accept: application/json, text/event-stream\r\nMCP-Protocol-Version: 2025-11-25\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        );
        let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
        stream.write_all(request.as_bytes()).expect("send");
        let mut answer = String::new();
        stream.read_to_string(&mut answer).expect("read");
        let (head, body) = answer.split_once("\r\n\r\n").expect("HTTP answer");
        let status = head[9..12].parse().expect("status code");
        (status, head.to_lowercase(), body.to_string())
    }

    fn call(port: u16, id: u32) -> Value {
        let request = json!({"jsonrpc": "2.0", "id": 7, "method": "tools/call",
            "params": {"name": "getCampaignPerformance", "arguments": {"campaign_id": id}}});
        let (status, head, body) = http(port, "POST", Some(TOKEN), &request);
        assert_eq!(status, 200, "{body}");
        assert!(head.contains("content-type: application/json"), "{head}");
        let answer: Value = serde_json::from_str(&body).expect("one JSON-RPC message");
        answer["result"]["structuredContent"].clone()
    }

    #[test]
    fn any_replica_answers_any_request_without_a_session() {
        let world = World::new(&Config {
            scale: 0.002,
            ..Config::default()
        });
        let server = McpServer::new(Backend::Sales(Arc::new(SalesService::new(&world))));
        let runtime = tokio::runtime::Runtime::new().expect("runtime");
        let (a, b) = (start(&runtime, server.clone()), start(&runtime, server));
        let init = json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {
            "protocolVersion": "2025-11-25", "capabilities": {},
            "clientInfo": {"name": "test", "version": "1"}}});
        let (status, head, body) = http(a, "POST", Some(TOKEN), &init);
        assert_eq!(status, 200, "{body}");
        assert!(head.contains("content-type: application/json"), "{head}");
        assert!(
            !head.contains("mcp-session-id"),
            "stateless: no session id ({head})"
        );
        let answer: Value = serde_json::from_str(&body).expect("JSON");
        assert_eq!(answer["result"]["serverInfo"]["name"], "promptsales-mcp");
        // Initialized on replica a, asked on replica b: the same answer as a's.
        let on_b = call(b, 2);
        assert_eq!(on_b["campaign_id"], 2);
        assert_eq!(on_b, call(a, 2));
        assert_ne!(on_b, call(a, 3));
        // No session stream to open; the token is still required.
        assert_eq!(http(b, "GET", Some(TOKEN), &json!({})).0, 405);
        assert_eq!(http(b, "POST", None, &init).0, 401);
        assert_eq!(
            http(b, "POST", Some("wrong-token-0123456789"), &init).0,
            401
        );
    }
}
