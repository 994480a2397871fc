use anyhow::{bail, Context, Result};
use clap::Subcommand;
use lantern::config::{CommonArgs, Config};
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
    /// Recompute every person's blind-index digests (search, places,
    /// duplicate blocking keys) from their identity, in batches of one
    /// transaction each. Run after the blocking rules change version or the
    /// blind-index key changes; safe to run again, and to resume.
    Reindex {
        /// Resume after this person id (printed by an interrupted run).
        #[arg(long, value_name = "PERSON_ID")]
        after: Option<String>,
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
    if let KeysCommand::Reindex { after } = &command {
        return reindex(&config, after.as_deref()).await;
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

async fn reindex(config: &Config, after: Option<&str>) -> Result<()> {
    let after = after
        .map(|raw| {
            raw.parse::<lantern_domain::PersonId>()
                .context("--after takes a person id as printed by an earlier run")
        })
        .transpose()?;
    let storage = lantern::open_storage(config).await?;
    let app = lantern::build_app(config, storage)?;
    let outcome = app
        .reindex_people(after, |progress| {
            if let Some(last) = progress.last {
                println!(
                    "{} people reindexed ({} identities opened), up to {last}",
                    progress.people, progress.opened
                );
            }
        })
        .await;
    match outcome {
        Ok(done) => {
            println!(
                "Done: rewrote the digests of {} people ({} identities opened).",
                done.people, done.opened
            );
            Ok(())
        }
        Err(error) => bail!(
            "reindexing stopped: {error}; run again with --after and the last id printed to resume"
        ),
    }
}
