pub mod audit;
pub mod backup;
pub mod demo;
pub mod duplicates;
pub mod keys;
pub mod link;
pub mod retention;
pub mod serve;
pub mod users;

use anyhow::Result;
use lantern::config::{CommonArgs, Config};

pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_env("LANTERN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info,sqlx=warn"));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();
}

pub async fn migrate(common: &CommonArgs) -> Result<()> {
    let config = Config::resolve(common, None)?;
    let storage = lantern::open_storage(&config).await?;
    let app = lantern::build_app(&config, storage)?;
    lantern::seal_clear_text(&app).await?;
    println!("The {} database is up to date.", config.backend_label());
    Ok(())
}
