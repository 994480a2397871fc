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
    let cases =
        lantern_storage::Storage::list_cases(&store, &Default::default(), Default::default())
            .await
            .unwrap();
    assert_eq!(cases.total, 0);
}

async fn sqlx_integrity_check(store: &lantern_store_sqlite::SqliteStorage) -> String {
    store.integrity_check().await.unwrap()
}
