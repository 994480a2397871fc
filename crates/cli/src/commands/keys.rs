use anyhow::{bail, Context, Result};
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};
use lantern_app::reindex::ReindexCursor;
use lantern_vault::{KeyId, KeyRing};

#[derive(Subcommand)]
pub enum KeysCommand {
    /// Add a new master key, make it current, and re-wrap every data key
    /// under it. Servers keep running: they reload the key file when they
    /// meet the new key.
    Rotate,
    /// Re-wrap data keys still under an older master key (after an
    /// interrupted rotation).
    Rewrap,
    /// Show the master keys and how many data keys each wraps.
    Status,
    /// Drop an old master key from the key file once no data key uses it.
    Retire { key_id: String },
    /// Recompute every blind-index digest from the records: people's
    /// (search, places, duplicate blocking keys), then establishments' and
    /// vehicles' (names, plates, places), in batches of one transaction
    /// each. Run after the blocking rules change version or the blind-index
    /// key changes; safe to run again, and to resume.
    Reindex {
        /// Resume after this person id (printed by an interrupted run).
        #[arg(long, value_name = "PERSON_ID", conflicts_with = "after_entity")]
        after: Option<String>,
        /// Resume after this establishment or vehicle id (printed by a run
        /// interrupted once the people were done).
        #[arg(long, value_name = "ENTITY_ID")]
        after_entity: Option<String>,
    },
}

fn key_file(config: &Config) -> Result<std::path::PathBuf> {
    if std::env::var_os("LANTERN_KEYS").is_some() {
        bail!("keys come from LANTERN_KEYS; rotate them where that value is kept, with a key file");
    }
    Ok(config.key_file_path())
}

pub async fn run(common: &CommonArgs, command: KeysCommand) -> Result<()> {
    let config = Config::resolve(common, None)?;
    // Reindexing needs the keys but not the key file's path: it also runs
    // with LANTERN_KEYS.
    if let KeysCommand::Reindex {
        after,
        after_entity,
    } = &command
    {
        return reindex(&config, after.as_deref(), after_entity.as_deref()).await;
    }
    let path = key_file(&config)?;
    match command {
        KeysCommand::Reindex { .. } => {}
        KeysCommand::Rotate => {
            let mut ring =
                KeyRing::load(&path).with_context(|| format!("opening {}", path.display()))?;
            let new = ring.rotate();
            ring.save(&path)
                .with_context(|| format!("saving {}", path.display()))?;
            println!("New current master key {new}; re-wrapping data keys…");
            rewrap(&config).await?;
        }
        KeysCommand::Rewrap => rewrap(&config).await?,
        KeysCommand::Status => {
            let ring =
                KeyRing::load(&path).with_context(|| format!("opening {}", path.display()))?;
            let storage = lantern::open_storage(&config).await?;
            let app = lantern::build_app(&config, storage)?;
            let census = app
                .data_key_census()
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            println!("current master key: {}", ring.current_key_id());
            for id in ring.key_ids() {
                let count = census
                    .iter()
                    .find(|(k, _)| *k == id.to_string())
                    .map(|(_, n)| *n)
                    .unwrap_or(0);
                println!("  {id}: {count} data keys");
            }
        }
        KeysCommand::Retire { key_id } => {
            let id = KeyId::from_hex(&key_id).context("a key id is 8 hexadecimal characters")?;
            let storage = lantern::open_storage(&config).await?;
            let app = lantern::build_app(&config, storage)?;
            let census = app
                .data_key_census()
                .await
                .map_err(|e| anyhow::anyhow!("{e}"))?;
            if census.iter().any(|(k, n)| *k == id.to_string() && *n > 0) {
                bail!("data keys still use {id}; run `lantern keys rewrap` first");
            }
            let mut ring = KeyRing::load(&path)?;
            ring.retire(id).map_err(|e| anyhow::anyhow!("{e}"))?;
            ring.save(&path)?;
            println!("Retired {id}.");
        }
    }
    Ok(())
}

async fn rewrap(config: &Config) -> Result<()> {
    let storage = lantern::open_storage(config).await?;
    let app = lantern::build_app(config, storage)?;
    let report = app
        .rewrap_data_keys()
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    println!(
        "Examined {} data keys, re-wrapped {}.",
        report.examined, report.rewrapped
    );
    Ok(())
}

async fn reindex(config: &Config, after: Option<&str>, after_entity: Option<&str>) -> Result<()> {
    let after = match (after, after_entity) {
        (Some(raw), _) => Some(ReindexCursor::Person(
            raw.parse()
                .context("--after takes a person id as printed by an earlier run")?,
        )),
        (None, Some(raw)) => Some(ReindexCursor::Entity(raw.parse().context(
            "--after-entity takes an establishment or vehicle id as printed by an earlier run",
        )?)),
        (None, None) => None,
    };
    let storage = lantern::open_storage(config).await?;
    let app = lantern::build_app(config, storage)?;
    let outcome = app
        .reindex(after, |progress| match progress.last {
            Some(ReindexCursor::Person(last)) => println!(
                "{} people reindexed ({} identities opened), up to {last}",
                progress.people, progress.opened
            ),
            Some(ReindexCursor::Entity(last)) => println!(
                "{} establishments or vehicles reindexed ({} opened), up to {last}",
                progress.entities, progress.entities_opened
            ),
            None => {}
        })
        .await;
    match outcome {
        Ok(done) => {
            println!(
                "Done: rewrote the digests of {} people ({} identities opened) and of {} \
                 establishments or vehicles ({} opened).",
                done.people, done.opened, done.entities, done.entities_opened
            );
            Ok(())
        }
        Err(error) => bail!(
            "reindexing stopped: {error}; run again with --after (after a person id) or \
             --after-entity (after an establishment or vehicle id) and the last id printed to resume"
        ),
    }
}
