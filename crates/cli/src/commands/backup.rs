use std::path::PathBuf;

use anyhow::{bail, Result};
use clap::Args;
use lantern::backup;
use lantern::config::{CommonArgs, Config};

#[derive(Args)]
pub struct BackupArgs {
    /// Where to write the encrypted backup.
    #[arg(long)]
    to: PathBuf,
    /// age public key (age1…) the backup is encrypted to; repeat for several.
    /// Keep the matching secret keys offline: this server cannot read them.
    #[arg(
        long = "recipient",
        env = "LANTERN_BACKUP_RECIPIENTS",
        value_delimiter = ','
    )]
    recipients: Vec<String>,
}

#[derive(Args)]
pub struct RestoreArgs {
    /// The encrypted backup.
    #[arg(long)]
    from: PathBuf,
    /// File holding the age secret key (AGE-SECRET-KEY-…) of a recipient.
    #[arg(long)]
    identity: PathBuf,
}

pub async fn run_backup(common: &CommonArgs, args: BackupArgs) -> Result<()> {
    let config = Config::resolve(common, None)?;
    let recipients = backup::parse_recipients(&args.recipients)?;
    // Bring the schema up to date first, so what is saved is current.
    lantern::open_storage(&config).await?;
    backup::backup(&config, &recipients, &args.to).await?;
    println!(
        "Wrote an encrypted backup to {} for {} recipient(s). The key file is not in it: keep it apart.",
        args.to.display(),
        recipients.len()
    );
    Ok(())
}

pub async fn run_restore(common: &CommonArgs, args: RestoreArgs) -> Result<()> {
    let config = Config::resolve(common, None)?;
    let backend = backup::restore(&config, &args.from, &args.identity)?;
    let storage = lantern::open_storage(&config).await?;
    let app = lantern::build_app(&config, storage)?;
    match app
        .verify_audit()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?
    {
        Ok(report) => {
            println!(
                "Restored the {backend} backup; its audit log is intact ({} entries, {} checkpoints).",
                report.entries, report.checkpoints
            );
            Ok(())
        }
        Err(broken) => bail!("restored, but the audit log is broken: {broken}"),
    }
}
