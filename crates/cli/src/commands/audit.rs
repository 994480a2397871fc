use anyhow::{bail, Result};
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Check the whole audit log: every entry's keyed link, no missing
    /// entries, and every signed checkpoint. Names the first break.
    Verify,
    /// Print the signed checkpoints and the public key that verifies them,
    /// to keep somewhere the database's administrators cannot alter.
    Checkpoints,
}

pub async fn run(common: &CommonArgs, command: AuditCommand) -> Result<()> {
    let config = Config::resolve(common, None)?;
    let storage = lantern::open_storage(&config).await?;
    let app = lantern::build_app(&config, storage)?;
    match command {
        AuditCommand::Verify => match app
            .verify_audit()
            .await
            .map_err(|e| anyhow::anyhow!("{e}"))?
        {
            Ok(report) => {
                println!(
                    "The audit log is intact: {} entries, {} signed checkpoints.",
                    report.entries, report.checkpoints
                );
                Ok(())
            }
            Err(broken) => bail!("the audit log is broken: {broken}"),
        },
        AuditCommand::Checkpoints => {
            let (public_key, checkpoints) = app
                .audit_checkpoints_export()
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("public-key {public_key}");
            for c in checkpoints {
                println!(
                    "checkpoint {} {} {} {}",
                    c.seq,
                    c.at.to_rfc3339(),
                    hex_of(&c.head),
                    hex_of(&c.signature)
                );
            }
            Ok(())
        }
    }
}

fn hex_of(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
