use anyhow::Result;
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};
use lantern_app::retention::Erased;
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
    let counts: Vec<String> = report
        .counts()
        .into_iter()
        .map(|(kind, count)| match kind {
            Erased::Identities => format!("{count} identities"),
            Erased::Attachments => format!("{count} files"),
            Erased::CaseTexts => format!("the free text of {count} cases"),
            Erased::Entities => format!("{count} establishments or vehicles"),
        })
        .collect();
    let (last, rest) = counts
        .split_last()
        .map_or(("", &[][..]), |(l, r)| (l.as_str(), r));
    println!("{} and {last} {verb}.", rest.join(", "));
    Ok(())
}
