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
    /// Key file holding the master keys (created with mode 0600 when
    /// missing). Defaults to lantern.keys in the data directory. Keep it
    /// out of database backups.
    #[arg(long, env = "LANTERN_KEY_FILE", global = true)]
    pub key_file: Option<PathBuf>,
}

#[derive(Debug, Deserialize, Default)]
#[serde(deny_unknown_fields)]
struct FileConfig {
    data_dir: Option<PathBuf>,
    database_url: Option<String>,
    key_file: Option<PathBuf>,
    bind: Option<String>,
    secure_cookies: Option<bool>,
    tls_cert: Option<PathBuf>,
    tls_key: Option<PathBuf>,
}

/// The certificate chain and private key (PEM files) `lantern serve`
/// terminates TLS with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TlsFiles {
    pub cert: PathBuf,
    pub key: PathBuf,
}

/// What `lantern serve` takes on top of the common settings, from its flags
/// or their `LANTERN_*` variables (clap reads both).
#[derive(Debug, Clone, Default)]
pub struct ServeOverrides {
    pub bind: Option<String>,
    pub tls_cert: Option<PathBuf>,
    pub tls_key: Option<PathBuf>,
}

/// Said when one half of the TLS pair is given without the other.
pub const TLS_CERT_WITHOUT_KEY: &str = "tls_cert is set but tls_key is not: give both \
     (tls_cert and tls_key in lantern.toml, LANTERN_TLS_CERT and LANTERN_TLS_KEY, \
     or serve --tls-cert and --tls-key) or neither";
pub const TLS_KEY_WITHOUT_CERT: &str = "tls_key is set but tls_cert is not: give both \
     (tls_cert and tls_key in lantern.toml, LANTERN_TLS_CERT and LANTERN_TLS_KEY, \
     or serve --tls-cert and --tls-key) or neither";

#[derive(Debug, Clone)]
pub struct Config {
    pub data_dir: PathBuf,
    pub database_url: Option<String>,
    pub key_file: Option<PathBuf>,
    pub bind: SocketAddr,
    /// Cookies get `Secure` and responses carry HSTS: set for a server
    /// behind a TLS proxy, implied when `tls` is set.
    pub secure_cookies: bool,
    /// Serve HTTPS with these files instead of plain HTTP.
    pub tls: Option<TlsFiles>,
}

fn read_file(path: &Path) -> Result<FileConfig> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading config file {}", path.display()))?;
    parse_file(&text).with_context(|| format!("config file {} is not valid", path.display()))
}

fn parse_file(text: &str) -> Result<FileConfig, ConfigSyntaxError> {
    toml::from_str(text).map_err(|error| ConfigSyntaxError::new(text, &error))
}

/// A config file that does not parse, described by position and kind only.
/// The TOML parser's own message prints the offending line and can quote a
/// value, and the line may be `database_url` with its password: that must
/// not reach a terminal or a service log.
#[derive(Debug)]
pub struct ConfigSyntaxError {
    line: usize,
    column: usize,
    kind: &'static str,
}

impl ConfigSyntaxError {
    fn new(text: &str, error: &toml::de::Error) -> Self {
        let start = error.span().map_or(0, |span| span.start);
        let before = text.get(..start).unwrap_or("");
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        // The parser's message only picks the kind; none of it is shown.
        let message = error.message();
        let kind = if message.starts_with("unknown field") {
            "an unknown setting"
        } else if message.starts_with("invalid type") || message.starts_with("invalid value") {
            "a value of the wrong type"
        } else if message.starts_with("duplicate key") {
            "a setting given twice"
        } else {
            "malformed TOML"
        };
        Self { line, column, kind }
    }
}

impl std::fmt::Display for ConfigSyntaxError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "line {}, column {}: {} (the settings are {})",
            self.line,
            self.column,
            self.kind,
            SETTINGS.join(", ")
        )
    }
}

impl std::error::Error for ConfigSyntaxError {}

/// The keys a config file may hold.
pub const SETTINGS: &[&str] = &[
    "data_dir",
    "database_url",
    "key_file",
    "bind",
    "secure_cookies",
    "tls_cert",
    "tls_key",
];

impl Config {
    pub fn resolve(common: &CommonArgs, bind: Option<&str>) -> Result<Self> {
        Self::resolve_for_serve(
            common,
            &ServeOverrides {
                bind: bind.map(str::to_owned),
                ..ServeOverrides::default()
            },
        )
    }

    /// `resolve` with everything `lantern serve` can override.
    pub fn resolve_for_serve(common: &CommonArgs, serve: &ServeOverrides) -> Result<Self> {
        let file = match &common.config {
            Some(path) => read_file(path)?,
            None if Path::new(DEFAULT_CONFIG_FILE).exists() => {
                read_file(Path::new(DEFAULT_CONFIG_FILE))?
            }
            None => FileConfig::default(),
        };
        Self::combine(common, serve, file)
    }

    /// The configuration a config file's text yields on its own, with no
    /// flags or variables: the same parsing and checks as `resolve`.
    pub fn from_toml(text: &str) -> Result<Self> {
        let file = parse_file(text).context("the config file is not valid")?;
        Self::combine(&CommonArgs::default(), &ServeOverrides::default(), file)
    }

    fn combine(common: &CommonArgs, serve: &ServeOverrides, file: FileConfig) -> Result<Self> {
        let bind_text = serve
            .bind
            .clone()
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
            key_file: common.key_file.clone().or(file.key_file),
            bind,
            secure_cookies: file.secure_cookies.unwrap_or(false),
            tls: tls_files(
                serve.tls_cert.clone().or(file.tls_cert),
                serve.tls_key.clone().or(file.tls_key),
            )?,
        })
    }

    /// Whether browsers reach this server over HTTPS: cookies get `Secure`
    /// and responses carry HSTS.
    pub fn serves_https(&self) -> bool {
        self.secure_cookies || self.tls.is_some()
    }

    pub fn sqlite_path(&self) -> PathBuf {
        self.data_dir.join("lantern.db")
    }

    pub fn key_file_path(&self) -> PathBuf {
        self.key_file
            .clone()
            .unwrap_or_else(|| self.data_dir.join("lantern.keys"))
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

/// Both halves of the TLS pair, or neither; each half already layered
/// (file, then variable, then flag) on its own.
fn tls_files(cert: Option<PathBuf>, key: Option<PathBuf>) -> Result<Option<TlsFiles>> {
    match (cert, key) {
        (Some(cert), Some(key)) => Ok(Some(TlsFiles { cert, key })),
        (None, None) => Ok(None),
        (Some(_), None) => Err(anyhow::anyhow!(TLS_CERT_WITHOUT_KEY)),
        (None, Some(_)) => Err(anyhow::anyhow!(TLS_KEY_WITHOUT_CERT)),
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

    #[test]
    fn tls_files_come_in_pairs_layered_like_every_setting() {
        let both = Config::from_toml(
            "tls_cert = \"/etc/lantern/cert.pem\"\ntls_key = \"/etc/lantern/key.pem\"\n",
        )
        .unwrap();
        assert_eq!(
            both.tls,
            Some(TlsFiles {
                cert: "/etc/lantern/cert.pem".into(),
                key: "/etc/lantern/key.pem".into(),
            })
        );
        assert!(both.serves_https() && !both.secure_cookies);
        let neither = Config::from_toml("").unwrap();
        assert_eq!(neither.tls, None);
        assert!(!neither.serves_https());

        let message = format!(
            "{:#}",
            Config::from_toml("tls_cert = \"c.pem\"\n").unwrap_err()
        );
        assert_eq!(message, TLS_CERT_WITHOUT_KEY);
        let message = format!(
            "{:#}",
            Config::from_toml("tls_key = \"k.pem\"\n").unwrap_err()
        );
        assert_eq!(message, TLS_KEY_WITHOUT_CERT);
        assert!(message.contains("tls_cert") && message.contains("--tls-key"));

        // A flag completes a pair the file began, and overrides the file.
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lantern.toml");
        std::fs::write(&file, "tls_cert = \"/file/cert.pem\"\n").unwrap();
        let common = CommonArgs {
            config: Some(file),
            ..CommonArgs::default()
        };
        let half = Config::resolve_for_serve(&common, &ServeOverrides::default());
        assert_eq!(format!("{:#}", half.unwrap_err()), TLS_CERT_WITHOUT_KEY);
        let completed = Config::resolve_for_serve(
            &common,
            &ServeOverrides {
                tls_key: Some("/flag/key.pem".into()),
                ..ServeOverrides::default()
            },
        )
        .unwrap();
        assert_eq!(
            completed.tls,
            Some(TlsFiles {
                cert: "/file/cert.pem".into(),
                key: "/flag/key.pem".into(),
            })
        );
        let overridden = Config::resolve_for_serve(
            &common,
            &ServeOverrides {
                tls_cert: Some("/flag/cert.pem".into()),
                tls_key: Some("/flag/key.pem".into()),
                ..ServeOverrides::default()
            },
        )
        .unwrap();
        assert_eq!(
            overridden.tls.map(|t| t.cert),
            Some(PathBuf::from("/flag/cert.pem"))
        );
    }

    #[test]
    fn errors_give_the_position_and_never_the_text() {
        // Found by fuzzing (fuzz/regressions/config_toml): the TOML parser's
        // message prints the offending line, here a database password.
        let secret = "postgres://lantern:S3cret-Pa55@db/lantern";
        for (text, line, kind) in [
            (
                format!("bind = \"[::1]:80\"\ndatabase_url = \"{secret}\" x\n"),
                2,
                "malformed TOML",
            ),
            (format!("database_url = \"{secret}\n"), 1, "malformed TOML"),
            (
                format!("secure_cookies = \"{secret}\"\n"),
                1,
                "a value of the wrong type",
            ),
            (format!("\"{secret}\" = 1\n"), 1, "an unknown setting"),
            (
                format!("bind = \"{secret}\"\nbind = \"{secret}\"\n"),
                2,
                "a setting given twice",
            ),
        ] {
            let message = format!("{:#}", Config::from_toml(&text).unwrap_err());
            assert!(!message.contains("S3cret"), "{message}");
            assert!(
                message.contains(&format!("line {line}, column ")),
                "{message}"
            );
            assert!(message.contains(kind), "{message}");
        }
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("lantern.toml");
        std::fs::write(&file, format!("database_url = '{secret}\n")).unwrap();
        let common = CommonArgs {
            config: Some(file),
            ..CommonArgs::default()
        };
        let message = format!("{:#}", Config::resolve(&common, None).unwrap_err());
        assert!(
            !message.contains("S3cret") && message.contains("line 1"),
            "{message}"
        );
    }
}
