//! Encrypted backup and restore: a round trip gives back every record and
//! file, the backup holds nothing readable without the age identity, and
//! the restored audit log verifies.

use std::process::Command;

use age::secrecy::ExposeSecret;
use lantern_storage::{CaseQuery, Storage};

use crate::on_both_backends;
use crate::support::*;

async fn every_case(store: &dyn Storage) -> Vec<lantern_storage::CaseFile> {
    let page = store
        .list_cases(
            &CaseQuery::everything(),
            lantern_domain::page::PageRequest::new(Some(1), Some(100)),
        )
        .await
        .unwrap();
    let mut files = Vec::new();
    for case in page.items {
        files.push(store.case_file(case.id).await.unwrap().unwrap());
    }
    files
}

async fn round_trip(server: &TestServer) {
    let browser = server.signed_in("backup.worker", "case_worker").await;
    let case_path = create_case_via_form(&browser, server).await;
    browser
        .post_form(
            &format!("{case_path}/people"),
            &[
                ("role", "Victim"),
                ("pseudonym", "Malati"),
                ("gender", "Feminine"),
                ("legal_name", "Backup Secretname"),
            ],
        )
        .await;
    let csrf = browser.csrf().await;
    let form = reqwest::multipart::Form::new().text("csrf", csrf).part(
        "file",
        reqwest::multipart::Part::bytes(b"statement Backup Secretname".to_vec()).file_name("s.txt"),
    );
    browser
        .client
        .post(browser.url(&format!("{case_path}/attachments")))
        .multipart(form)
        .send()
        .await
        .unwrap();
    create_case_via_form(&browser, server).await;

    let identity = age::x25519::Identity::generate();
    let work = tempfile::tempdir().unwrap();
    let identity_file = work.path().join("identity.txt");
    std::fs::write(&identity_file, identity.to_string().expose_secret()).unwrap();
    let archive = work.path().join("lantern.backup");
    let mut database = Vec::new();
    if let Some(url) = server.database_url() {
        database = vec!["--database-url".to_owned(), url];
    }
    let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("--data-dir")
        .arg(server.data_dir())
        .args(&database)
        .args(["backup", "--to"])
        .arg(&archive)
        .args(["--recipient", &identity.to_public().to_string()])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let sealed = std::fs::read(&archive).unwrap();
    assert!(sealed.starts_with(b"age-encryption.org/v1"));
    assert!(!String::from_utf8_lossy(&sealed).contains("Secretname"));

    // Restore elsewhere: the key file travels separately.
    let target = tempfile::tempdir().unwrap();
    std::fs::copy(
        server.data_dir().join("lantern.keys"),
        target.path().join("lantern.keys"),
    )
    .unwrap();
    let mut restored_db = Vec::new();
    let mut restored_name = None;
    if server.database_url().is_some() {
        let admin = postgres_admin_url();
        let (store, name) = lantern_store_postgres::PgStorage::create_database_for_tests(&admin)
            .await
            .unwrap();
        store.close().await;
        restored_db = vec![
            "--database-url".to_owned(),
            format!("{}/{name}", admin.rsplit_once('/').unwrap().0),
        ];
        restored_name = Some(name);
    }
    let wrong = age::x25519::Identity::generate();
    let wrong_file = work.path().join("wrong.txt");
    std::fs::write(&wrong_file, wrong.to_string().expose_secret()).unwrap();
    let refused = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("--data-dir")
        .arg(target.path().join("nothing"))
        .args(["restore", "--from"])
        .arg(&archive)
        .arg("--identity")
        .arg(&wrong_file)
        .output()
        .unwrap();
    assert!(
        !refused.status.success(),
        "another identity cannot read the backup"
    );

    let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("--data-dir")
        .arg(target.path())
        .args(&restored_db)
        .args(["restore", "--from"])
        .arg(&archive)
        .arg("--identity")
        .arg(&identity_file)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(String::from_utf8_lossy(&out.stdout).contains("intact"));

    let config = lantern::config::Config {
        data_dir: target.path().to_path_buf(),
        database_url: restored_db.get(1).cloned(),
        key_file: None,
        bind: "127.0.0.1:0".parse().unwrap(),
        secure_cookies: false,
        tls: None,
    };
    let restored = lantern::open_storage(&config).await.unwrap();
    let before = every_case(server.storage.as_ref()).await;
    let after = every_case(restored.as_ref()).await;
    assert_eq!(before.len(), 2);
    assert_eq!(
        before, after,
        "every case, person, entry and attachment record came back"
    );
    for file in std::fs::read_dir(server.data_dir().join("attachments")).unwrap() {
        let file = file.unwrap();
        let copy = target.path().join("attachments").join(file.file_name());
        assert_eq!(
            std::fs::read(file.path()).unwrap(),
            std::fs::read(copy).unwrap()
        );
    }
    let app = lantern::build_app(&config, restored).unwrap();
    assert!(app.verify_audit().await.unwrap().is_ok());
    if let Some(name) = restored_name {
        lantern_store_postgres::PgStorage::drop_database(&postgres_admin_url(), &name)
            .await
            .unwrap();
    }
}
on_both_backends!(backups_round_trip_encrypted, round_trip);
