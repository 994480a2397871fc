use anyhow::Result;
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};
use lantern_domain::vocab::{RetainedRecord, Vocabulary};

#[derive(Subcommand)]
pub enum RetentionCommand {
    /// Print the retention policy and what is due for erasure now.
    Show,
    /// Erase every identity and file the policy says is due, by destroying
    /// its data key (audited). The server also does this once a day.
    Apply {
        /// Count what is due and change nothing.
        #[arg(long)]
        dry_run: bool,
    },
}

pub async fn run(common: &CommonArgs, command: RetentionCommand) -> Result<()> {
    let config = Config::resolve(common, None)?;
    let storage = lantern::open_storage(&config).await?;
    let app = lantern::build_app(&config, storage)?;
    let fail = |e: lantern_app::AppError| anyhow::anyhow!("{e}");
    let dry_run = match command {
        RetentionCommand::Show => {
            let console = app.console_actor(lantern_domain::OfficeId::random());
            let policy = app.retention_policy(&console).await.map_err(fail)?;
            for record in RetainedRecord::ALL {
                match policy.days(*record) {
                    Some(days) => println!("{}: kept {days} days after closure", record.code()),
                    None => println!("{}: kept", record.code()),
                }
            }
            true
        }
        RetentionCommand::Apply { dry_run } => dry_run,
    };
    let report = app.apply_retention(dry_run).await.map_err(fail)?;
    let verb = if dry_run { "due for erasure" } else { "erased" };
    println!(
        "{} identities, {} files, the free text of {} cases and {} establishments or vehicles {verb}.",
        report.identities, report.attachments, report.case_texts, report.entities
    );
    Ok(())
}
