//! Signing in, sessions, CSRF and security headers.

use crate::on_both_backends;
use crate::support::*;

async fn health_and_headers(server: &TestServer) {
    let response = reqwest::get(server.url("/healthz")).await.unwrap();
    assert_eq!(response.status(), 200);
    let headers = response.headers();
    let csp = headers["content-security-policy"].to_str().unwrap();
    assert!(csp.contains("default-src 'none'") && csp.contains("frame-ancestors 'none'"));
    assert!(!csp.contains("unsafe-inline"));
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["referrer-policy"], "no-referrer");
    assert_eq!(headers["cache-control"], "no-store");
}
on_both_backends!(health_answers_with_security_headers, health_and_headers);

async fn login_outcomes(server: &TestServer) {
    server.user("asha", "case_worker").await;
    let browser = Browser::new(server);
    let wrong = browser.login("asha", "not the password at all").await;
    assert_eq!(wrong.status(), 401);
    let wrong_body = wrong.text().await.unwrap();
    let unknown = browser.login("nobody", "not the password at all").await;
    assert_eq!(unknown.status(), 401);
    let unknown_body = unknown.text().await.unwrap();
    assert!(wrong_body.contains("username or password is not correct"));
    // Unknown users and wrong passwords are indistinguishable but for the
    // echoed username and the fresh CSRF token.
    let normalise = |body: &str, name: &str| {
        regex::Regex::new(r#"value="[A-Za-z0-9_-]{43}""#)
            .unwrap()
            .replace_all(&body.replace(name, "USER"), "")
            .into_owned()
    };
    assert_eq!(
        normalise(&wrong_body, "asha"),
        normalise(&unknown_body, "nobody")
    );

    let ok = browser.login("ASHA", PASSWORD).await;
    assert_eq!(ok.status(), 303);
    assert_eq!(location(&ok), "/cases");
    let cookie = ok
        .headers()
        .get_all("set-cookie")
        .iter()
        .map(|v| v.to_str().unwrap().to_owned())
        .find(|c| c.starts_with("lantern_session="))
        .unwrap();
    assert!(
        cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"),
        "{cookie}"
    );
    let (status, page) = browser.get_text("/cases").await;
    assert_eq!(status, 200);
    assert!(page.contains("asha name"));
}
on_both_backends!(login_accepts_only_the_right_password, login_outcomes);

async fn anonymous_is_sent_to_login(server: &TestServer) {
    let browser = Browser::new(server);
    for path in [
        "/cases",
        "/cases/new",
        "/people/00000000-0000-0000-0000-000000000000",
    ] {
        let response = browser.get(path).await;
        assert_eq!(response.status(), 303, "{path}");
        assert_eq!(location(&response), "/login");
    }
    let forged = browser
        .client
        .post(browser.url("/cases"))
        .form(&[("csrf", "x"), ("intake_date", "2026-01-01")])
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 303);
    assert_eq!(server.case_count().await, 0);
}
on_both_backends!(
    anonymous_requests_are_sent_to_sign_in,
    anonymous_is_sent_to_login
);

async fn csrf_is_required(server: &TestServer) {
    let browser = server.signed_in("ravi", "investigator").await;
    let office = server.office.id.to_string();
    let fields = [
        ("intake_date", "2026-01-05"),
        ("intake_source", "Hotline"),
        ("status", "Active"),
        ("owning_office", office.as_str()),
    ];
    let missing = browser
        .client
        .post(browser.url("/cases"))
        .form(&fields)
        .send()
        .await
        .unwrap();
    assert_eq!(missing.status(), 403);
    let mut wrong = vec![("csrf", "forged-token")];
    wrong.extend_from_slice(&fields);
    let forged = browser
        .client
        .post(browser.url("/cases"))
        .form(&wrong)
        .send()
        .await
        .unwrap();
    assert_eq!(forged.status(), 403);
    assert_eq!(server.case_count().await, 0);
    let login_without_cookie = reqwest::Client::builder()
        .redirect(reqwest::redirect::Policy::none())
        .build()
        .unwrap()
        .post(server.url("/login"))
        .form(&[("csrf", "x"), ("username", "ravi"), ("password", PASSWORD)])
        .send()
        .await
        .unwrap();
    assert_eq!(login_without_cookie.status(), 403);
}
on_both_backends!(state_changes_need_the_csrf_token, csrf_is_required);

async fn logout_and_disable(server: &TestServer) {
    let browser = server.signed_in("meera", "lawyer").await;
    let response = browser.post_form("/logout", &[]).await;
    assert_eq!(response.status(), 303);
    assert_eq!(browser.get("/cases").await.status(), 303);

    let second = server.signed_in("joel", "case_worker").await;
    assert_eq!(second.get("/cases").await.status(), 200);
    let joel = server
        .storage
        .user_credentials("joel")
        .await
        .unwrap()
        .unwrap()
        .user;
    let root = server.app.console_actor(server.office.id);
    server
        .app
        .set_user_disabled(&root, joel.id, true)
        .await
        .unwrap();
    assert_eq!(
        second.get("/cases").await.status(),
        303,
        "disabling ends sessions"
    );
    assert_eq!(second.login("joel", PASSWORD).await.status(), 401);
}
on_both_backends!(sign_out_and_disabling_end_sessions, logout_and_disable);

async fn login_is_rate_limited(server: &TestServer) {
    let browser = Browser::new(server);
    let mut statuses = Vec::new();
    // A different username each time: this is the per-address limit, not
    // the per-account lockout (see `accounts.rs`).
    for i in 0..12 {
        statuses.push(
            browser
                .login(&format!("nobody{i}"), "wrong password here")
                .await
                .status()
                .as_u16(),
        );
    }
    assert_eq!(&statuses[..10], &[401; 10]);
    assert_eq!(statuses[11], 429);
}
on_both_backends!(sign_in_attempts_are_rate_limited, login_is_rate_limited);
