//! SQL Server loader (PromptAds and PromptCrm, DESIGN.md §1 and §7): creates each store's
//! schema from `sql/<store>/mssql/tables.sql`, streams rows through the TDS bulk-load path
//! (`tiberius::Client::bulk_insert`, the protocol behind `bcp` and `SqlBulkCopy`) with one
//! transaction per table, then applies `keys.sql` (keys, checks, clustered and nonclustered
//! indexes) and refreshes statistics. The API is synchronous like [`crate::postgres`]: a
//! current-thread tokio runtime lives inside [`Connection`].
//!
//! TLS is rustls (no OpenSSL); the password comes from the URL, which callers read from
//! `--url` or `MSSQL_URL`, and never appears in an error or a log line.

pub mod ddl;
pub mod rows;

use std::sync::mpsc::sync_channel;
use std::time::{Duration, Instant};

use arrow::record_batch::RecordBatch;
use promptsales_core::registry::{tables_of, TableDef};
use promptsales_core::Store;
use rayon::prelude::*;
use tiberius::{AuthMethod, Client, Config, EncryptionLevel};
use tokio::net::TcpStream;
use tokio_util::compat::{Compat, TokioAsyncWriteCompatExt};

use crate::error::{Error, Result};
pub use crate::postgres::{IfExists, LoadProgress, LoadReport, Quiet, Source, TableLoad};
use rows::{ColumnSpec, RowEncoder};

/// Rows per generated chunk.
pub const CHUNK_ROWS: u64 = 1 << 16;
/// How long to wait for TCP + TLS + login.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);
/// SQL Server's default port.
pub const DEFAULT_PORT: u16 = 1433;
/// SQL Server's "Login failed for user" error number.
const LOGIN_FAILED: u32 = 18456;

/// A parsed connection URL. `Debug` never shows the password.
#[derive(Clone)]
pub struct ConnectOptions {
    /// Host name or address.
    pub host: String,
    /// TCP port.
    pub port: u16,
    /// Database (default `master`).
    pub database: String,
    /// SQL login.
    pub user: String,
    password: String,
    /// Accept the server's certificate without validating it (development servers).
    pub trust_server_certificate: bool,
    /// Encrypt the whole session (`true`, the default) or only the login (`false`).
    pub encrypt: bool,
}

impl std::fmt::Debug for ConnectOptions {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ConnectOptions")
            .field("target", &self.target())
            .field("user", &self.user)
            .field("password", &"***")
            .finish()
    }
}

impl ConnectOptions {
    /// `host:port/database` (never the password).
    pub fn target(&self) -> String {
        format!("{}:{}/{}", self.host, self.port, self.database)
    }

    fn config(&self, host: &str, port: u16) -> Config {
        let mut c = Config::new();
        c.host(host);
        c.port(port);
        c.database(&self.database);
        c.application_name("promptsales");
        c.authentication(AuthMethod::sql_server(&self.user, &self.password));
        c.encryption(if self.encrypt {
            EncryptionLevel::Required
        } else {
            EncryptionLevel::Off
        });
        if self.trust_server_certificate {
            c.trust_cert();
        }
        c
    }

    /// Replaces every occurrence of the password (plain or percent-encoded) in a message.
    fn redact(&self, message: &str) -> String {
        let mut out = message.lines().next().unwrap_or("failed").to_string();
        if self.password.len() > 1 {
            out = out.replace(&self.password, "***");
        }
        out
    }
}

fn percent_decode(s: &str, what: &str) -> Result<String> {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok())
                .ok_or_else(|| Error::MssqlBadUrl(format!("bad %-escape in the {what}")))?;
            out.push(hex);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).map_err(|_| Error::MssqlBadUrl(format!("the {what} is not UTF-8")))
}

/// Parses `sqlserver://USER:PASSWORD@HOST[:PORT]/DATABASE[?options]` (`mssql://` also
/// accepted; user and password may be %-encoded). Options: `trust_server_certificate=true`,
/// `encrypt=true|false`. Errors never contain the password.
pub fn parse_url(url: &str) -> Result<ConnectOptions> {
    let url = url.trim();
    let rest = url
        .strip_prefix("sqlserver://")
        .or_else(|| url.strip_prefix("mssql://"))
        .ok_or_else(|| Error::MssqlBadUrl("must start with sqlserver://".into()))?;
    let (rest, query) = rest.split_once('?').unwrap_or((rest, ""));
    let (authority, database) = rest.split_once('/').unwrap_or((rest, ""));
    let (userinfo, hostport) = authority
        .rsplit_once('@')
        .ok_or_else(|| Error::MssqlBadUrl("no USER:PASSWORD@ before the host".into()))?;
    let (user, password) = userinfo.split_once(':').unwrap_or((userinfo, ""));
    let user = percent_decode(user, "user")?;
    let password = percent_decode(password, "password")?;
    if user.is_empty() {
        return Err(Error::MssqlBadUrl("no user".into()));
    }
    let (host, port) = match hostport.rsplit_once(':') {
        Some((h, p)) if !h.ends_with(']') || h.starts_with('[') => {
            let port =
                p.parse::<u16>().ok().filter(|&p| p > 0).ok_or_else(|| {
                    Error::MssqlBadUrl(format!("port must be 1–65535 (got '{p}')"))
                })?;
            (h, port)
        }
        _ => (hostport, DEFAULT_PORT),
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    if host.is_empty() {
        return Err(Error::MssqlBadUrl("no host".into()));
    }
    let mut options = ConnectOptions {
        host: host.to_string(),
        port,
        database: if database.is_empty() {
            "master".to_string()
        } else {
            percent_decode(database, "database")?
        },
        user,
        password,
        trust_server_certificate: false,
        encrypt: true,
    };
    for pair in query.split('&').filter(|p| !p.is_empty()) {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        if !matches!(
            k,
            "trust_server_certificate" | "TrustServerCertificate" | "encrypt"
        ) {
            return Err(Error::MssqlBadUrl(format!(
                "unknown option '{k}' (valid: trust_server_certificate, encrypt)"
            )));
        }
        let flag = match v {
            "true" | "yes" | "1" => true,
            "false" | "no" | "0" => false,
            _ => {
                return Err(Error::MssqlBadUrl(format!(
                    "option '{k}' must be true or false"
                )))
            }
        };
        match k {
            "trust_server_certificate" | "TrustServerCertificate" => {
                options.trust_server_certificate = flag
            }
            _ => options.encrypt = flag,
        }
    }
    Ok(options)
}

type Tds = Client<Compat<TcpStream>>;

/// An open SQL Server session and the runtime that drives it (the client is declared first so
/// it is dropped while its runtime still exists).
pub struct Connection {
    client: Tds,
    runtime: tokio::runtime::Runtime,
    options: ConnectOptions,
}

impl std::fmt::Debug for Connection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Connection")
            .field("target", &self.options.target())
            .finish()
    }
}

/// Maps a driver error to the crate's error, keeping one line and no password.
fn map_err(options: &ConnectOptions, context: &str, e: tiberius::error::Error) -> Error {
    use tiberius::error::Error as E;
    match e {
        E::Server(t) => server_error(options, context, t.code(), t.message(), t.line()),
        E::Io { message, .. } => Error::MssqlUnreachable {
            target: options.target(),
            message: options.redact(&message),
        },
        E::Tls(message) => Error::MssqlUnreachable {
            target: options.target(),
            message: options.redact(&format!("TLS: {message}")),
        },
        other => Error::Database {
            context: context.to_string(),
            message: options.redact(&other.to_string()),
        },
    }
}

/// An error the server reported (tiberius' `TokenError` has no public constructor, so the
/// mapping is a function of its fields, testable without a server).
fn server_error(
    options: &ConnectOptions,
    context: &str,
    code: u32,
    message: &str,
    line: u32,
) -> Error {
    if code == LOGIN_FAILED {
        return Error::MssqlAuth {
            target: options.target(),
            user: options.user.clone(),
        };
    }
    Error::Database {
        context: context.to_string(),
        message: options.redact(&format!("{message} (error {code}, line {line})")),
    }
}

async fn open(options: &ConnectOptions, host: &str, port: u16) -> Result<Tds> {
    let unreachable = |message: String| Error::MssqlUnreachable {
        target: options.target(),
        message: options.redact(&message),
    };
    let tcp = tokio::time::timeout(CONNECT_TIMEOUT, TcpStream::connect((host, port)))
        .await
        .map_err(|_| unreachable(format!("no answer within {} s", CONNECT_TIMEOUT.as_secs())))?
        .map_err(|e| unreachable(e.to_string()))?;
    tcp.set_nodelay(true)
        .map_err(|e| unreachable(e.to_string()))?;
    let login = Client::connect(options.config(host, port), tcp.compat_write());
    let result = match tokio::time::timeout(CONNECT_TIMEOUT, login).await {
        Err(_) => {
            return Err(unreachable(format!(
                "no TDS handshake within {} s (is this a SQL Server port?)",
                CONNECT_TIMEOUT.as_secs()
            )))
        }
        Ok(result) => result,
    };
    result.map_err(|e| match e {
        // Azure SQL gateways redirect to the node that holds the database.
        tiberius::error::Error::Routing { host, port } => unreachable(format!(
            "the server redirected the connection to {host}:{port}; connect there directly"
        )),
        e @ tiberius::error::Error::Server(_) => map_err(options, "login", e),
        // Anything else during login (EOF, protocol, TLS) means no usable TDS endpoint.
        other => unreachable(format!("login failed before authentication: {other}")),
    })
}

/// Connects and logs in.
pub fn connect(url: &str) -> Result<Connection> {
    let options = parse_url(url)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()
        .map_err(|e| Error::MssqlUnreachable {
            target: options.target(),
            message: format!("cannot start the I/O runtime: {e}"),
        })?;
    let client = runtime.block_on(open(&options, &options.host, options.port))?;
    Ok(Connection {
        client,
        runtime,
        options,
    })
}

impl Connection {
    /// `host:port/database` of this session.
    pub fn target(&self) -> String {
        self.options.target()
    }

    /// Runs a T-SQL script, batch by batch (split on `GO` lines like sqlcmd).
    pub fn execute_script(&mut self, context: &str, script: &str) -> Result<()> {
        for batch in ddl::batches(script) {
            let (client, options) = (&mut self.client, &self.options);
            self.runtime.block_on(async {
                let stream = client
                    .simple_query(batch)
                    .await
                    .map_err(|e| map_err(options, context, e))?;
                stream
                    .into_results()
                    .await
                    .map_err(|e| map_err(options, context, e))
            })?;
        }
        Ok(())
    }

    fn scalar(&mut self, context: &str, sql: &str) -> Result<i64> {
        let (client, options) = (&mut self.client, &self.options);
        self.runtime.block_on(async {
            let stream = client
                .simple_query(sql)
                .await
                .map_err(|e| map_err(options, context, e))?;
            let row = stream
                .into_row()
                .await
                .map_err(|e| map_err(options, context, e))?;
            let value = match row {
                Some(r) => r
                    .try_get::<i32, _>(0)
                    .map_err(|e| map_err(options, context, e))?,
                None => None,
            };
            Ok(value.map(i64::from).unwrap_or(0))
        })
    }
}

/// Drops every table of a schema (foreign keys first: SQL Server has no `DROP SCHEMA … CASCADE`).
fn drop_tables_sql(schema: &str) -> String {
    format!(
        "DECLARE @sql NVARCHAR(MAX) = N'';\n\
         SELECT @sql += N'ALTER TABLE ' + QUOTENAME(s.name) + N'.' + QUOTENAME(t.name) + N' DROP CONSTRAINT ' + QUOTENAME(f.name) + N'; '\n\
           FROM sys.foreign_keys f JOIN sys.tables t ON t.object_id = f.parent_object_id JOIN sys.schemas s ON s.schema_id = t.schema_id\n\
          WHERE s.name = N'{schema}';\n\
         SELECT @sql += N'DROP TABLE ' + QUOTENAME(s.name) + N'.' + QUOTENAME(t.name) + N'; '\n\
           FROM sys.tables t JOIN sys.schemas s ON s.schema_id = t.schema_id WHERE s.name = N'{schema}';\n\
         EXEC sys.sp_executesql @sql;\n"
    )
}

/// How each column of `t` is encoded (NVARCHAR widths from the committed DDL).
pub fn encoder_for(t: &TableDef) -> RowEncoder {
    let widths = ddl::declared_widths(t.store);
    let columns = t
        .schema()
        .fields()
        .iter()
        .map(|f| ColumnSpec {
            name: f.name().clone(),
            width: widths
                .get(&format!("{}.{}", t.qualified_name(), f.name()))
                .copied()
                .flatten(),
        })
        .collect();
    RowEncoder::new(t.qualified_name(), columns)
}

/// Loads `stores` (ads, crm) from `source` into the database behind `conn`.
pub fn load(
    conn: &mut Connection,
    stores: &[Store],
    source: Source<'_>,
    if_exists: IfExists,
    progress: &dyn LoadProgress,
) -> Result<LoadReport> {
    let started = Instant::now();
    if let Some(s) = stores.iter().find(|s| !ddl::STORES.contains(s)) {
        return Err(promptsales_core::Error::invalid(
            "--stores",
            format!("store '{s}' has no SQL Server schema (valid: ads, crm)"),
        )
        .into());
    }
    let stores: Vec<Store> = ddl::STORES
        .into_iter()
        .filter(|s| stores.contains(s))
        .collect();
    if let Source::Dataset(ds) = source {
        for t in tables_of(&stores) {
            if !ds.has(&t.qualified_name()) {
                return Err(Error::NotADataset {
                    path: ds.root().to_path_buf(),
                    message: format!(
                        "has no table {} (generate it with --stores {})",
                        t.qualified_name(),
                        t.store
                    ),
                });
            }
        }
    }
    // Decide for every store before changing anything.
    let mut fresh = Vec::new();
    for &store in &stores {
        let existing = conn.scalar(
            "reading INFORMATION_SCHEMA",
            &format!(
                "SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = N'{}'",
                store.name()
            ),
        )?;
        if existing > 0 && if_exists == IfExists::Fail {
            return Err(Error::AlreadyLoaded(store.name().to_string()));
        }
        fresh.push(existing == 0 || if_exists == IfExists::Truncate);
    }
    let mut report = LoadReport::default();
    for (&store, &fresh) in stores.iter().zip(&fresh) {
        if fresh {
            conn.execute_script(
                &format!("dropping the tables of schema {}", store.name()),
                &drop_tables_sql(store.name()),
            )?;
            conn.execute_script(
                &format!("creating schema {}", store.name()),
                ddl::committed_tables_sql(store),
            )?;
        }
        for t in tables_of(&[store]) {
            progress.table_started(t);
            let done = bulk_table(conn, t, source)?;
            progress.table_done(&done);
            report.tables.push(done);
        }
        if fresh {
            let t0 = Instant::now();
            let script = format!(
                "BEGIN TRANSACTION;\nGO\n{}\nCOMMIT;\n",
                ddl::keys_sql(store)
            );
            conn.execute_script(
                &format!("adding keys and indexes to {}", store.name()),
                &script,
            )?;
            let secs = t0.elapsed().as_secs_f64();
            report.keys_seconds += secs;
            progress.step_done(&format!("keys and indexes of {}", store.name()), secs);
        }
    }
    let t0 = Instant::now();
    for t in tables_of(&stores) {
        conn.execute_script(
            &format!("UPDATE STATISTICS {}", t.qualified_name()),
            &format!("UPDATE STATISTICS {};", t.qualified_name()),
        )?;
    }
    report.analyze_seconds = t0.elapsed().as_secs_f64();
    progress.step_done("update statistics", report.analyze_seconds);
    report.total_seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

/// Bulk-loads one table in its own transaction: generation (or reading) runs in parallel
/// windows on a producer thread while this thread encodes rows and feeds the server.
fn bulk_table(conn: &mut Connection, t: &TableDef, source: Source<'_>) -> Result<TableLoad> {
    let name = t.qualified_name();
    let started = Instant::now();
    let encoder = encoder_for(t);
    let whole = match source {
        Source::Dataset(ds) => Some(ds.read(&name)?),
        Source::Generate(_) => None,
    };
    let pieces: Vec<std::ops::Range<u64>> = match (source, &whole) {
        (Source::Generate(world), _) => {
            let units = t.units(world);
            if units == 0 {
                Vec::new()
            } else {
                t.chunks(world, 0..units, CHUNK_ROWS)
            }
        }
        (Source::Dataset(_), Some(b)) => {
            let n = b.num_rows() as u64;
            (0..n)
                .step_by(CHUNK_ROWS as usize)
                .map(|o| o..(o + CHUNK_ROWS).min(n))
                .collect()
        }
        (Source::Dataset(_), None) => Vec::new(),
    };
    let make = |r: &std::ops::Range<u64>| -> Result<RecordBatch> {
        match (source, &whole) {
            (Source::Generate(world), _) => Ok(t.batch(world, r.clone())?),
            (_, Some(b)) => Ok(b.slice(r.start as usize, (r.end - r.start) as usize)),
            _ => Err(Error::NotADataset {
                path: std::path::PathBuf::new(),
                message: format!("{name} could not be read"),
            }),
        }
    };
    let context = format!("bulk load {name}");
    let window = rayon::current_num_threads().max(1) * 2;
    let Connection {
        client,
        runtime,
        options,
    } = conn;
    let rows = std::thread::scope(|scope| -> Result<u64> {
        let (send, receive) = sync_channel::<Result<RecordBatch>>(window);
        let producer = scope.spawn(move || {
            for group in pieces.chunks(window) {
                let made: Vec<Result<RecordBatch>> = group.par_iter().map(make).collect();
                for b in made {
                    let failed = b.is_err();
                    if send.send(b).is_err() || failed {
                        return;
                    }
                }
            }
        });
        let outcome = runtime.block_on(async {
            let err = |e: tiberius::error::Error| map_err(options, &context, e);
            client.begin_transaction().await.map_err(err)?;
            let mut request = client.bulk_insert(&name).await.map_err(err)?;
            // `receive` is moved in: on an early error it is dropped with this future, which
            // unblocks the producer before it is joined.
            for batch in receive {
                let batch = batch?;
                for row in 0..batch.num_rows() {
                    request
                        .send(encoder.encode(&batch, row)?)
                        .await
                        .map_err(err)?;
                }
            }
            let result = request.finalize().await.map_err(err)?;
            Ok::<u64, Error>(result.total())
        });
        let _ = producer.join();
        outcome
    });
    let rows = match rows {
        Ok(rows) => rows,
        Err(e) => {
            // The table stays empty; a later --if-exists truncate reloads it.
            let _ = runtime.block_on(client.rollback_transaction());
            return Err(e);
        }
    };
    runtime
        .block_on(client.commit_transaction())
        .map_err(|e| map_err(options, &format!("COMMIT {name}"), e))?;
    Ok(TableLoad {
        table: name,
        rows,
        seconds: started.elapsed().as_secs_f64(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// URLs parse into host, port, database, user and options; the password is kept but never
    /// shown by Debug or target().
    #[test]
    fn parses_urls() -> Result<()> {
        let o = parse_url(
            "sqlserver://sa:S3cr%40t@db.local:14330/PromptAds?trust_server_certificate=true",
        )?;
        assert_eq!(o.target(), "db.local:14330/PromptAds");
        assert_eq!(o.user, "sa");
        assert_eq!(o.password, "S3cr@t");
        assert!(o.trust_server_certificate && o.encrypt);
        assert!(!format!("{o:?}").contains("S3cr"));
        let o = parse_url("mssql://loader:pw@127.0.0.1?encrypt=false")?;
        assert_eq!(o.target(), "127.0.0.1:1433/master");
        assert!(!o.encrypt);
        let o = parse_url("sqlserver://u:p@[::1]:1444/db")?;
        assert_eq!((o.host.as_str(), o.port), ("::1", 1444));
        Ok(())
    }

    /// Bad URLs are refused with a reason that never repeats the password.
    #[test]
    fn bad_urls_are_refused_without_the_password() {
        for (url, reason) in [
            (
                "postgresql://sa:S3cretPw@h/db",
                "must start with sqlserver://",
            ),
            ("sqlserver://h/db", "no USER:PASSWORD@"),
            ("sqlserver://sa:S3cretPw@h:99999/db", "port must be 1–65535"),
            ("sqlserver://sa:S3cretPw@h:0/db", "port must be 1–65535"),
            ("sqlserver://sa:S3cretPw@/db", "no host"),
            (
                "sqlserver://sa:S3cretPw@h/db?colour=blue",
                "unknown option 'colour'",
            ),
            (
                "sqlserver://sa:S3cretPw@h/db?encrypt=maybe",
                "must be true or false",
            ),
            ("sqlserver://sa:S3%ZZ@h/db", "bad %-escape in the password"),
        ] {
            match parse_url(url) {
                Err(e) => {
                    let text = e.to_string();
                    assert!(text.contains(reason), "{url}: {text}");
                    assert!(text.starts_with("--url: "), "{text}");
                    assert!(
                        !text.contains("S3cretPw") && !text.contains("S3%ZZ"),
                        "{text}"
                    );
                    assert_eq!(text.lines().count(), 1);
                }
                Ok(o) => panic!("{url} parsed as {o:?}"),
            }
        }
    }

    /// Driver errors become one line without the password; login failure is named as such.
    #[test]
    fn redacts_the_password() -> Result<()> {
        let o = parse_url("sqlserver://sa:S3cretPw@h/db")?;
        assert_eq!(o.redact("x S3cretPw y\nsecond line"), "x *** y");
        let e = map_err(
            &o,
            "login",
            tiberius::error::Error::Io {
                kind: std::io::ErrorKind::ConnectionRefused,
                message: "refused S3cretPw".into(),
            },
        );
        assert_eq!(
            e.to_string(),
            "cannot reach SQL Server at h:1433/db: refused ***"
        );
        Ok(())
    }

    /// Every ads and crm table has an encoder whose string columns carry a declared width.
    #[test]
    fn encoders_cover_every_column() {
        for t in tables_of(&ddl::STORES) {
            let e = encoder_for(t);
            let dbg = format!("{e:?}");
            for f in t.schema().fields() {
                assert!(dbg.contains(&format!("\"{}\"", f.name())), "{}", f.name());
            }
        }
    }

    /// The drop script targets only the named schema, foreign keys first.
    #[test]
    fn drop_script_is_scoped_to_the_schema() {
        let sql = drop_tables_sql("ads");
        let fk = sql.find("sys.foreign_keys").unwrap_or(usize::MAX);
        let tables = sql.find("N'DROP TABLE '").unwrap_or(0);
        assert!(fk < tables);
        assert_eq!(sql.matches("WHERE s.name = N'ads'").count(), 2);
    }
}
