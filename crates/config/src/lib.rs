//! Lantern's configuration: a TOML file, then environment variables, then
//! command-line flags, each overriding the one before.

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};
use clap::Args;
use serde::Deserialize;

pub const DEFAULT_BIND: &str = "127.0.0.1:8080";
pub const DEFAULT_DATA_DIR: &str = "lantern-data";
pub const DEFAULT_CONFIG_FILE: &str = "lantern.toml";

/// Settings every command shares. Flags win over `LANTERN_*` variables
/// (clap reads both), which win over the config file.
#[derive(Debug, Args, Clone, Default)]
pub struct CommonArgs {
    /// Configuration file (TOML). Defaults to ./lantern.toml when present.
    #[arg(long, env = "LANTERN_CONFIG", global = true)]
    pub config: Option<PathBuf>,
    /// Directory holding the SQLite database and attachment files.
    #[arg(long, env = "LANTERN_DATA_DIR", global = true)]
    pub data_dir: Option<PathBuf>,
    /// PostgreSQL URL (postgres://…); without it Lantern uses embedded SQLite.
    #[arg(
        long,
        env = "LANTERN_DATABASE_URL",
        global = true,
        hide_env_values = true
    )]
    pub database_url: Option<String>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    bind: Option<String>,
    secure_cookies: Option<bool>,
}

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub bind: SocketAddr,
    pub secure_cookies: bool,
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading config file {}", path.display()))?;
    parse_file(&text).with_context(|| format!("config file {} is not valid", path.display()))
}

fn parse_file(text: &str) -> Result<FileConfig, toml::de::Error> {
    toml::from_str(text)
}

impl Config {
    pub fn resolve(common: &CommonArgs, bind: Option<&str>) -> Result<Self> {
        let file = match &common.config {
            Some(path) => read_file(path)?,
            None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
                read_file(Path::new(DEFAULT_CONFIG_FILE))?
            }
            None => FileConfig::default(),
        };
        Self::combine(common, bind, file)
    }

    /// The configuration a config file's text yields on its own, with no
    /// flags or variables: the same parsing and checks as `resolve`.
    pub fn from_toml(text: &str) -> Result<Self> {
        let file = parse_file(text).context("the config file is not valid")?;
        Self::combine(&CommonArgs::default(), None, file)
    }

    fn combine(common: &CommonArgs, bind: Option<&str>, file: FileConfig) -> Result<Self> {
        let bind_text = bind
            .map(str::to_owned)
            .or(file.bind)
            .unwrap_or_else(|| DEFAULT_BIND.to_owned());
        let bind = bind_text.parse().with_context(|| {
            "bind must be an address with a port, like 127.0.0.1:8080".to_owned()
        })?;
        Ok(Self {
            data_dir: common
                .data_dir
                .clone()
                .or(file.data_dir)
                .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR)),
            database_url: common.database_url.clone().or(file.database_url),
            bind,
            secure_cookies: file.secure_cookies.unwrap_or(false),
        })
    }

    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("lantern.db")
    }

    pub fn attachment_dir(&self) -> PathBuf {
        self.data_dir.join("attachments")
    }

    pub fn backend_label(&self) -> &'static str {
        if self.database_url.is_some() {
            "postgresql"
        } else {
            "sqlite"
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_override_the_file_and_defaults_fill_the_rest() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lantern.toml");
        std::fs::write(
            &file,
            "data_dir = \"/srv/lantern\"\nbind = \"0.0.0.0:9000\"\n",
        )
        .unwrap();
        let common = CommonArgs {
            config: Some(file.clone()),
            ..CommonArgs::default()
        };
        let from_file = Config::resolve(&common, None).unwrap();
        assert_eq!(from_file.data_dir, PathBuf::from("/srv/lantern"));
        assert_eq!(from_file.bind.port(), 9000);
        let overridden = Config::resolve(
            &CommonArgs {
                data_dir: Some("/tmp/x".into()),
                ..common
            },
            Some("127.0.0.1:1234"),
        )
        .unwrap();
        assert_eq!(overridden.data_dir, PathBuf::from("/tmp/x"));
        assert_eq!(overridden.bind.port(), 1234);
    }

    #[test]
    fn bad_files_and_addresses_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("bad.toml");
        std::fs::write(&file, "colour = \"blue\"\n").unwrap();
        let common = CommonArgs {
            config: Some(file),
            ..CommonArgs::default()
        };
        assert!(Config::resolve(&common, None).is_err());
        assert!(Config::resolve(&CommonArgs::default(), Some("nonsense")).is_err());
    }
}
