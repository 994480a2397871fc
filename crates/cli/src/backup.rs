//! Encrypted backups: a consistent snapshot of the database (SQLite's
//! `VACUUM INTO`, or `pg_dump` in one transaction for PostgreSQL) and the
//! attachment files, packed as a tar archive and encrypted with age to
//! public keys only. The server can write backups it cannot read; the
//! master key file is not included and must be kept apart.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};

use crate::config::Config;

const MANIFEST: &str = "manifest.json";
const SQLITE_FILE: &str = "lantern.db";
const POSTGRES_FILE: &str = "postgres.dump";
const ATTACHMENTS: &str = "attachments";

#[derive(Serialize, Deserialize)]
struct Manifest {
    format: u32,
    backend: String,
    created_at: String,
    lantern_version: String,
}

/// Parses age recipients (`age1…`), naming the one that is not valid.
pub fn parse_recipients(raw: &[String]) -> Result<Vec<age::x25519::Recipient>> {
    if raw.is_empty() {
        bail!("name at least one age recipient (--recipient age1…); the backup is encrypted to it");
    }
    raw.iter()
        .enumerate()
        .map(|(i, r)| {
            r.trim()
                .parse::<age::x25519::Recipient>()
                .map_err(|_| anyhow::anyhow!("recipient {} is not an age X25519 public key", i + 1))
        })
        .collect()
}

/// Writes an encrypted backup of the configured installation to `target`.
pub async fn backup(
    config: &Config,
    recipients: &[age::x25519::Recipient],
    target: &Path,
) -> Result<()> {
    let staging = tempfile::tempdir().context("making a staging directory")?;
    let backend = match &config.database_url {
        None => {
            let store = lantern_store_sqlite::SqliteStorage::open(&config.sqlite_path())
                .await
                .context("opening the SQLite database")?;
            store
                .snapshot_to(&staging.path().join(SQLITE_FILE))
                .await
                .context("taking a consistent SQLite snapshot")?;
            "sqlite"
        }
        Some(url) => {
            // pg_dump takes its snapshot in one repeatable-read transaction.
            let status = Command::new("pg_dump")
                .args(["--format=custom", "--no-owner", "--file"])
                .arg(staging.path().join(POSTGRES_FILE))
                .arg(url)
                .status()
                .context("running pg_dump (install the PostgreSQL client)")?;
            if !status.success() {
                bail!("pg_dump failed");
            }
            "postgresql"
        }
    };
    let manifest = Manifest {
        format: 1,
        backend: backend.into(),
        created_at: chrono::Utc::now().to_rfc3339(),
        lantern_version: env!("CARGO_PKG_VERSION").into(),
    };
    std::fs::write(
        staging.path().join(MANIFEST),
        serde_json::to_vec_pretty(&manifest)?,
    )?;

    let encryptor =
        age::Encryptor::with_recipients(recipients.iter().map(|r| r as &dyn age::Recipient))
            .map_err(|_| anyhow::anyhow!("no usable recipient"))?;
    let partial = target.with_extension("partial");
    let file = std::fs::File::create(&partial)
        .with_context(|| format!("creating {}", partial.display()))?;
    let mut encrypted = encryptor.wrap_output(file).context("starting encryption")?;
    {
        let mut archive = tar::Builder::new(&mut encrypted);
        for name in [MANIFEST, SQLITE_FILE, POSTGRES_FILE] {
            let path = staging.path().join(name);
            if path.exists() {
                archive.append_path_with_name(&path, name)?;
            }
        }
        let attachments = config.attachment_dir();
        if attachments.is_dir() {
            archive.append_dir_all(ATTACHMENTS, &attachments)?;
        }
        archive.finish()?;
    }
    encrypted
        .finish()
        .context("finishing encryption")?
        .sync_all()?;
    std::fs::rename(&partial, target).with_context(|| format!("writing {}", target.display()))?;
    Ok(())
}

/// Restores a backup into an empty data directory (and, for PostgreSQL, an
/// empty database), then returns which backend it held.
pub fn restore(config: &Config, source: &Path, identity_file: &Path) -> Result<String> {
    let identity_text = std::fs::read_to_string(identity_file)
        .with_context(|| format!("reading the identity file {}", identity_file.display()))?;
    let identity = identity_text
        .lines()
        .map(str::trim)
        .find(|l| l.starts_with("AGE-SECRET-KEY-"))
        .context("the identity file holds no age secret key")?
        .parse::<age::x25519::Identity>()
        .map_err(|_| anyhow::anyhow!("the identity file's key is not valid"))?;
    let data_dir = &config.data_dir;
    if data_dir.join(SQLITE_FILE).exists() || data_dir.join(ATTACHMENTS).exists() {
        bail!(
            "{} is not empty; restore into an empty data directory",
            data_dir.display()
        );
    }
    std::fs::create_dir_all(data_dir)?;
    let file =
        std::fs::File::open(source).with_context(|| format!("opening {}", source.display()))?;
    let decryptor = age::Decryptor::new(std::io::BufReader::new(file))
        .context("not an age-encrypted backup")?;
    let reader = decryptor
        .decrypt(std::iter::once(&identity as &dyn age::Identity))
        .map_err(|_| anyhow::anyhow!("this identity cannot decrypt the backup"))?;
    let staging = tempfile::tempdir()?;
    tar::Archive::new(reader)
        .unpack(staging.path())
        .context("the backup archive is damaged")?;
    let mut manifest_text = String::new();
    std::fs::File::open(staging.path().join(MANIFEST))
        .context("the backup has no manifest")?
        .read_to_string(&mut manifest_text)?;
    let manifest: Manifest =
        serde_json::from_str(&manifest_text).context("the backup's manifest is not valid")?;
    if manifest.format != 1 {
        bail!("backup format {} is not supported", manifest.format);
    }
    match (manifest.backend.as_str(), &config.database_url) {
        ("sqlite", None) => {
            std::fs::rename(staging.path().join(SQLITE_FILE), data_dir.join(SQLITE_FILE))
                .or_else(|_| std::fs::copy(staging.path().join(SQLITE_FILE), data_dir.join(SQLITE_FILE)).map(|_| ()))?;
        }
        ("postgresql", Some(url)) => {
            let status = Command::new("pg_restore")
                .args(["--no-owner", "--exit-on-error", "--dbname"])
                .arg(url)
                .arg(staging.path().join(POSTGRES_FILE))
                .status()
                .context("running pg_restore (install the PostgreSQL client)")?;
            if !status.success() {
                bail!("pg_restore failed; the target database must exist and be empty");
            }
        }
        (backend, _) => bail!("the backup holds a {backend} database; configure the same kind of database to restore it"),
    }
    let attachments = staging.path().join(ATTACHMENTS);
    if attachments.is_dir() {
        copy_dir(&attachments, &config.attachment_dir())?;
    }
    Ok(manifest.backend)
}

fn copy_dir(from: &Path, to: &PathBuf) -> Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            let mut source = std::fs::File::open(entry.path())?;
            let mut target = std::fs::File::create(to.join(entry.file_name()))?;
            std::io::copy(&mut source, &mut target)?;
            target.flush()?;
        }
    }
    Ok(())
}
