use anyhow::Result;
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};

#[derive(Subcommand)]
pub enum DuplicatesCommand {
    /// Score every pair of people sharing a blocking key once, and add the
    /// probable same-person pairs to the review queue (what `serve` does in
    /// the background).
    Scan,
}

pub async fn run(common: &CommonArgs, command: DuplicatesCommand) -> Result<()> {
    let config = Config::resolve(common, None)?;
    let storage = lantern::open_storage(&config).await?;
    let app = lantern::build_app(&config, storage)?;
    match command {
        DuplicatesCommand::Scan => {
            let report = app
                .scan_duplicates()
                .await
                .map_err(|e| anyhow::anyhow!("scanning for duplicates: {e}"))?;
            println!(
                "Scored {} pairs sharing a blocking key ({} identities opened in memory); {} added to the review queue.",
                report.pairs_scored, report.people_opened, report.pairs_queued
            );
            Ok(())
        }
    }
}
