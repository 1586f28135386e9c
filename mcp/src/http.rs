//! Streamable HTTP transport on a TCP address (default `127.0.0.1`), in front of rmcp's
//! `StreamableHttpService`: every `/mcp` request must carry `Authorization: Bearer <token>`
//! (compared in constant time on SHA-256 digests, so neither content nor length leaks through
//! timing) and, when it has an `Origin`, an allowed one (the MCP transport specification asks
//! servers to validate `Origin` against DNS rebinding). `/healthz`, `/readyz` (the Kubernetes
//! probes) and `/metrics` (the in-flight gauge the HPA reads) need no token and reveal nothing.
//! The token is never logged or echoed.

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
    let addr = options.listen.to_string();
    let listener = tokio::net::TcpListener::bind(options.listen)
        .await
        .map_err(|e| Error::Http {
            addr: addr.clone(),
            message: e.to_string(),
        })?;
    let local = listener.local_addr().map_err(|e| Error::Http {
        addr: addr.clone(),
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
    let mut config = StreamableHttpServerConfig::default();
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
