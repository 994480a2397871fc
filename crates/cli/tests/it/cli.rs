//! The `lantern` binary itself: help, version, administration, demo data.

use std::io::Write;
use std::process::{Command, Stdio};

fn lantern(data_dir: &std::path::Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_lantern"));
    command
        .arg("--data-dir")
        .arg(data_dir)
        .env_remove("LANTERN_DATABASE_URL");
    command
}

#[test]
fn help_and_version() {
    let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("--version")
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("lantern "));
    for args in [
        vec!["--help"],
        vec!["serve", "--help"],
        vec!["user", "add", "--help"],
        vec!["demo", "--help"],
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
            .args(&args)
            .output()
            .unwrap();
        assert!(out.status.success(), "{args:?}");
        assert!(
            String::from_utf8_lossy(&out.stdout).contains("Usage"),
            "{args:?}"
        );
    }
}

#[test]
fn offices_users_and_passwords_from_stdin() {
    let dir = tempfile::tempdir().unwrap();
    let status = lantern(dir.path())
        .args([
            "office",
            "add",
            "--code",
            "mnl",
            "--name",
            "Manila",
            "--country",
            "PH",
            "--region",
            "NCR",
        ])
        .output()
        .unwrap();
    assert!(
        status.status.success(),
        "{}",
        String::from_utf8_lossy(&status.stderr)
    );

    let add = |password: &str, username: &str| {
        let mut child = lantern(dir.path())
            .args([
                "user",
                "add",
                "--username",
                username,
                "--display-name",
                "Joanna Cruz",
                "--role",
                "lawyer",
                "--office",
                "MNL",
            ])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(format!("{password}\n").as_bytes())
            .unwrap();
        child.wait_with_output().unwrap()
    };
    let short = add("short", "joanna");
    assert!(!short.status.success());
    assert!(String::from_utf8_lossy(&short.stderr).contains("password"));
    let ok = add("a perfectly long passphrase", "joanna");
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
    let again = add("a perfectly long passphrase", "joanna");
    assert!(!again.status.success(), "usernames are unique");

    let list = lantern(dir.path()).args(["user", "list"]).output().unwrap();
    let listed = String::from_utf8_lossy(&list.stdout);
    assert!(listed.contains("joanna") && listed.contains("lawyer") && listed.contains("MNL"));
    assert!(!listed.contains("argon2"));

    let token = lantern(dir.path())
        .args(["user", "token", "joanna", "--name", "reports"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&token.stdout).starts_with("lt_"));
    let disable = lantern(dir.path())
        .args(["user", "disable", "joanna"])
        .output()
        .unwrap();
    assert!(disable.status.success());
    let unknown = lantern(dir.path())
        .args(["user", "disable", "nobody"])
        .output()
        .unwrap();
    assert!(!unknown.status.success());
}

#[test]
fn demo_data_loads_into_an_empty_database_only() {
    let dir = tempfile::tempdir().unwrap();
    let out = lantern(dir.path())
        .args(["demo", "--cases", "200", "--seed", "7"])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.contains("Loaded 200 cases"));
    assert!(stdout.contains("password: "));
    let again = lantern(dir.path())
        .args(["demo", "--cases", "10"])
        .output()
        .unwrap();
    assert!(!again.status.success());
    let migrate = lantern(dir.path()).arg("migrate").output().unwrap();
    assert!(migrate.status.success());
}

/// A process killed in the middle of a large write leaves the database as it
/// was at the last commit: nothing of the interrupted import, everything
/// committed before it, and a file that opens and passes SQLite's checks.
#[tokio::test]
async fn a_kill_during_a_write_loses_no_committed_data() {
    let dir = tempfile::tempdir().unwrap();
    let added = lantern(dir.path())
        .args([
            "office",
            "add",
            "--code",
            "DEL",
            "--name",
            "Delhi",
            "--country",
            "IN",
            "--region",
            "Delhi",
        ])
        .output()
        .unwrap();
    assert!(added.status.success());
    let mut child = lantern(dir.path())
        .args(["demo", "--cases", "200000"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    std::thread::sleep(std::time::Duration::from_millis(1500));
    child.kill().unwrap(); // SIGKILL: no chance to clean up
    child.wait().unwrap();

    let store = lantern_store_sqlite::SqliteStorage::open(&dir.path().join("lantern.db"))
        .await
        .unwrap();
    let check: String = sqlx_integrity_check(&store).await;
    assert_eq!(check, "ok");
    let offices = lantern_storage::Storage::list_offices(&store)
        .await
        .unwrap();
    assert_eq!(
        offices.len(),
        1,
        "the committed office survived, no demo office was half-written"
    );
    assert!(lantern_storage::Storage::list_users(&store)
        .await
        .unwrap()
        .is_empty());
    let cases = lantern_storage::Storage::list_cases(
        &store,
        &lantern_storage::CaseQuery::everything(),
        Default::default(),
    )
    .await
    .unwrap();
    assert_eq!(cases.total, 0);
}

async fn sqlx_integrity_check(store: &lantern_store_sqlite::SqliteStorage) -> String {
    store.integrity_check().await.unwrap()
}

/// The identifying strings of the demo data a seed produces today.
fn demo_secrets(cases: usize, seed: u64) -> Vec<String> {
    let data = lantern_demo::generate(&lantern_demo::DemoConfig {
        cases,
        seed,
        today: chrono::Utc::now().date_naive(),
    });
    let mut secrets: Vec<String> = data
        .persons
        .iter()
        .flat_map(|p| {
            let i = &p.identity;
            i.legal_name
                .iter()
                .cloned()
                .chain(i.phones.iter().cloned())
                .chain(i.addresses.iter().cloned())
        })
        .filter(|s| s.chars().count() >= 8)
        .collect();
    // Free text names people and places too: summaries, titles and notes.
    secrets.extend(
        data.cases
            .iter()
            .filter_map(|c| c.details.summary.clone())
            .chain(data.events.iter().flat_map(|e| {
                std::iter::once(e.details.title.clone()).chain(e.details.note.clone())
            }))
            .filter(|s| s.chars().count() >= 12),
    );
    secrets.sort();
    secrets.dedup();
    assert!(
        secrets.len() > 100,
        "the demo has identifying data to look for"
    );
    secrets
}

fn find_any<'a>(haystack: &[u8], secrets: &'a [String]) -> Option<&'a String> {
    // Plaintext would be valid UTF-8 in one piece, so a lossy view of the
    // bytes still contains it, and `str::contains` searches fast.
    let text = String::from_utf8_lossy(haystack);
    secrets.iter().find(|s| text.contains(s.as_str()))
}

/// After loading demo data and serving an attachment, no demo person's
/// name, phone number or address, and no case summary, timeline title or
/// note, appears in the database file, its WAL, the attachment files or
/// the logs: they rest only encrypted.
#[test]
fn nothing_identifying_rests_in_plaintext_on_sqlite() {
    let dir = tempfile::tempdir().unwrap();
    let out = lantern(dir.path())
        .args(["demo", "--cases", "150", "--seed", "11"])
        .env("LANTERN_LOG", "debug")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    // The duplicate scan writes blocking-key collisions' scores and reasons:
    // those tables are read below with the rest of the file.
    let scan = lantern(dir.path())
        .args(["duplicates", "scan"])
        .env("LANTERN_LOG", "debug")
        .output()
        .unwrap();
    assert!(
        scan.status.success() && String::from_utf8_lossy(&scan.stdout).contains("Scored"),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
    let secrets = demo_secrets(150, 11);
    let mut logs = out.stdout.clone();
    logs.extend_from_slice(&out.stderr);
    logs.extend_from_slice(&scan.stdout);
    logs.extend_from_slice(&scan.stderr);
    assert_eq!(
        find_any(&logs, &secrets),
        None,
        "identifying data in the logs"
    );
    let mut checked = 0;
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.is_file() {
            let bytes = std::fs::read(&path).unwrap();
            assert_eq!(
                find_any(&bytes, &secrets),
                None,
                "identifying data in {}",
                path.display()
            );
            checked += 1;
        }
    }
    assert!(checked >= 2, "the database and the key file were checked");
    let keys = std::fs::metadata(dir.path().join("lantern.keys")).unwrap();
    use std::os::unix::fs::PermissionsExt;
    assert_eq!(
        keys.permissions().mode() & 0o077,
        0,
        "the key file is private"
    );
}

#[tokio::test]
async fn nothing_identifying_rests_in_plaintext_on_postgres() {
    let admin = crate::support::postgres_admin_url();
    let (store, name) = lantern_store_postgres::PgStorage::create_database_for_tests(&admin)
        .await
        .unwrap();
    store.close().await;
    let url = format!("{}/{name}", admin.rsplit_once('/').unwrap().0);
    let dir = tempfile::tempdir().unwrap();
    let out = lantern(dir.path())
        .args([
            "--database-url",
            &url,
            "demo",
            "--cases",
            "150",
            "--seed",
            "12",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let scan = lantern(dir.path())
        .args(["--database-url", &url, "duplicates", "scan"])
        .output()
        .unwrap();
    assert!(
        scan.status.success(),
        "{}",
        String::from_utf8_lossy(&scan.stderr)
    );
    let dump = Command::new("pg_dump")
        .arg(&url)
        .output()
        .expect("pg_dump is installed");
    assert!(
        dump.status.success(),
        "{}",
        String::from_utf8_lossy(&dump.stderr)
    );
    assert!(dump.stdout.len() > 10_000);
    let secrets = demo_secrets(150, 12);
    assert_eq!(
        find_any(&dump.stdout, &secrets),
        None,
        "identifying data in pg_dump"
    );
    lantern_store_postgres::PgStorage::drop_database(&admin, &name)
        .await
        .unwrap();
}

fn shared_dir() -> std::path::PathBuf {
    let path = std::env::var_os("LANTERN_SHARED")
        .map(std::path::PathBuf::from)
        .unwrap_or_else(|| {
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared")
        });
    assert!(
        path.join("data/febrl/dataset4a.csv").exists(),
        "the shared reference data is needed at {} (set LANTERN_SHARED)",
        path.display()
    );
    path
}

/// `lantern link` links FEBRL 4a against 4b end to end, and names the file
/// and problem for a config that refers to a missing column.
#[test]
fn link_command_links_two_files() {
    let febrl = shared_dir().join("data/febrl");
    let config =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../linkage/configs/febrl.toml");
    let dir = tempfile::tempdir().unwrap();
    let pairs = dir.path().join("pairs.csv");
    let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("link")
        .arg("--input")
        .arg(febrl.join("dataset4a.csv"))
        .arg("--against")
        .arg(febrl.join("dataset4b.csv"))
        .arg("--config")
        .arg(&config)
        .arg("--output")
        .arg(&pairs)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = std::fs::read_to_string(&pairs).unwrap();
    let mut lines = text.lines();
    assert!(lines
        .next()
        .unwrap()
        .starts_with("left_id,right_id,probability"));
    let rows: Vec<&str> = lines.collect();
    assert!(rows.len() > 4_900, "{} pairs", rows.len());
    let correct = rows
        .iter()
        .filter(|r| {
            let mut f = r.split(',');
            let (a, b) = (f.next().unwrap(), f.next().unwrap());
            a.split('-').nth(1) == b.split('-').nth(1)
        })
        .count();
    assert!(
        correct as f64 / rows.len() as f64 > 0.999,
        "precision {correct}/{}",
        rows.len()
    );

    let bad_config = dir.path().join("bad.toml");
    std::fs::write(
        &bad_config,
        "id = \"rec_id\"\n[columns]\nno_such_column = \"given_name\"\n",
    )
    .unwrap();
    let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("link")
        .arg("--input")
        .arg(febrl.join("dataset1.csv"))
        .arg("--config")
        .arg(&bad_config)
        .arg("--output")
        .arg(dir.path().join("x.csv"))
        .output()
        .unwrap();
    assert!(!out.status.success());
    let message = String::from_utf8_lossy(&out.stderr);
    assert!(message.contains("no_such_column"), "{message}");
}

#[test]
fn audit_verify_reports_an_intact_log() {
    let dir = tempfile::tempdir().unwrap();
    let out = lantern(dir.path())
        .args(["audit", "verify"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("intact"));
    let out = lantern(dir.path())
        .args(["audit", "checkpoints"])
        .output()
        .unwrap();
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("public-key "));
}
