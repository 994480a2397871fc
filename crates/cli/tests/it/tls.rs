//! `lantern serve` terminating TLS itself: HTTPS with HSTS and `Secure`
//! cookies, nothing in plain HTTP, and clear refusals of bad key material.

use std::process::Command;

use crate::support::{Backend, Browser, TestServer, TestTls, PASSWORD};

async fn https_with_hsts_and_secure_cookies(backend: Backend) {
    let server = TestServer::start_with(backend, Some(TestTls::self_signed())).await;
    assert!(
        server.base.starts_with("https://127.0.0.1:"),
        "{}",
        server.base
    );
    let browser = Browser::new(&server);

    let health = browser.get("/healthz").await;
    assert_eq!(health.status(), 200);
    assert_eq!(
        health.headers()["strict-transport-security"],
        "max-age=63072000; includeSubDomains"
    );

    // An analyst signs in with the password alone: the session cookie the
    // server sets must be marked Secure.
    server.user("ines", "me_analyst").await;
    let response = browser.login_password("ines", PASSWORD).await;
    assert_eq!(response.status(), 303);
    let session_cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|c| c.starts_with("lantern_session="))
        .map(str::to_owned)
        .expect("a session cookie");
    assert!(session_cookie.contains("; Secure"), "{session_cookie}");
    assert!(session_cookie.contains("; HttpOnly"), "{session_cookie}");
    assert_eq!(browser.get_text("/cases").await.0, 200);

    // The same port does not answer plain HTTP.
    let plain = reqwest::Client::new()
        .get(server.base.replacen("https://", "http://", 1) + "/healthz")
        .timeout(std::time::Duration::from_secs(10))
        .send()
        .await;
    assert!(
        plain.is_err(),
        "plain HTTP to the TLS port answered {:?}",
        plain.map(|r| r.status())
    );

    // A client that does not trust the certificate gets nowhere.
    let untrusting = reqwest::Client::new()
        .get(server.url("/healthz"))
        .send()
        .await;
    assert!(untrusting.is_err());
    server.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_with_hsts_and_secure_cookies_on_sqlite() {
    https_with_hsts_and_secure_cookies(Backend::Sqlite).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn https_with_hsts_and_secure_cookies_on_postgres() {
    https_with_hsts_and_secure_cookies(Backend::Postgres).await;
}

fn serve(data_dir: &std::path::Path, args: &[&str]) -> (bool, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_lantern"))
        .arg("--data-dir")
        .arg(data_dir)
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .args(args)
        .env_remove("LANTERN_DATABASE_URL")
        .env_remove("LANTERN_TLS_CERT")
        .env_remove("LANTERN_TLS_KEY")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn serve_refuses_half_a_pair_and_bad_files_without_printing_them() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let tls = TestTls::self_signed();
    let cert = dir.path().join("cert.pem");
    let key = dir.path().join("key.pem");
    std::fs::write(&cert, &tls.cert_pem).unwrap();
    std::fs::write(&key, &tls.key_pem).unwrap();
    let cert_arg = cert.to_str().unwrap();
    let key_arg = key.to_str().unwrap();

    let (ok, stderr) = serve(&data, &["--tls-cert", cert_arg]);
    assert!(!ok);
    assert!(
        stderr.contains("tls_cert is set but tls_key is not"),
        "{stderr}"
    );
    let (ok, stderr) = serve(&data, &["--tls-key", key_arg]);
    assert!(!ok);
    assert!(
        stderr.contains("tls_key is set but tls_cert is not"),
        "{stderr}"
    );

    // A key file holding something that is not a key (here the
    // certificate), a key that is not the certificate's, and a missing
    // file: each named, none quoted.
    let other = TestTls::self_signed();
    let other_key = dir.path().join("other-key.pem");
    std::fs::write(&other_key, &other.key_pem).unwrap();
    let missing = dir.path().join("missing.pem");
    let secret_line = |pem: &str| pem.lines().nth(1).unwrap_or_default().to_owned();
    for (cert_path, key_path, expected) in [
        (cert_arg, cert_arg, "holds no PEM private key"),
        (cert_arg, other_key.to_str().unwrap(), "does not match"),
        (key_arg, key_arg, "holds no PEM certificate"),
        (missing.to_str().unwrap(), key_arg, "no such file"),
    ] {
        let (ok, stderr) = serve(&data, &["--tls-cert", cert_path, "--tls-key", key_path]);
        assert!(!ok, "{stderr}");
        assert!(stderr.contains(expected), "{expected}: {stderr}");
        assert!(stderr.contains("TLS"), "{stderr}");
        for pem in [&tls.key_pem, &other.key_pem] {
            assert!(!stderr.contains(&secret_line(pem)), "{stderr}");
        }
    }
}
