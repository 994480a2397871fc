//! The baseline for `docs/benchmarks.md`: a bare axum handler that runs the
//! same storage reads as Lantern's case page (`Storage::case_file`) on the
//! same database, with no session, access check, identity decoding,
//! template or security headers. Lantern's case page throughput divided by
//! this one's is the overhead being measured.
//!
//! Usage: lantern-baseline --data-dir DIR [--database-url URL] --bind ADDR

use std::sync::Arc;

use anyhow::{bail, Context, Result};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use axum::Router;
use lantern::config::{CommonArgs, Config};
use lantern::StorageHandle;
use lantern_domain::CaseId;

struct Args {
    common: CommonArgs,
    bind: String,
}

fn parse_args() -> Result<Args> {
    let mut common = CommonArgs::default();
    let mut bind = "127.0.0.1:8081".to_owned();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args
            .next()
            .with_context(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--data-dir" => common.data_dir = Some(value.into()),
            "--database-url" => common.database_url = Some(value),
            "--bind" => bind = value,
            other => bail!("unknown flag {other}"),
        }
    }
    Ok(Args { common, bind })
}

async fn case_file(
    State(storage): State<Arc<dyn StorageHandle>>,
    Path(id): Path<String>,
) -> (StatusCode, String) {
    let Ok(id) = id.parse::<CaseId>() else {
        return (StatusCode::NOT_FOUND, String::new());
    };
    match storage.case_file(id).await {
        Ok(Some(file)) => (
            StatusCode::OK,
            format!(
                "{} {} people {} events {} attachments",
                file.case.case.reference,
                file.participants.len(),
                file.events.len(),
                file.attachments.len()
            ),
        ),
        Ok(None) => (StatusCode::NOT_FOUND, String::new()),
        Err(_) => (StatusCode::INTERNAL_SERVER_ERROR, String::new()),
    }
}

#[tokio::main]
async fn main() -> Result<()> {
    let args = parse_args()?;
    let config = Config::resolve(&args.common, Some(&args.bind))?;
    let storage = lantern::open_storage(&config).await?;
    let app = Router::new()
        .route("/cases/{id}", get(case_file))
        .with_state(storage);
    let listener = tokio::net::TcpListener::bind(config.bind).await?;
    println!("baseline listening on http://{}/", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
