//! The checks behind Lantern's fuzz targets.
//!
//! Each function takes raw bytes as they could arrive from outside (a form
//! body, a JSON body, a query string, an upload, a config file, a header),
//! runs them through exactly the decoding the server uses and then through
//! the domain's validation, and asserts what must hold of anything accepted:
//! bounded, trimmed, free of control characters, within its date range, and
//! errors that never repeat what was sent. Any panic is a finding.
//!
//! The cargo-fuzz targets in `fuzz/` are one line each around these, so the
//! same checks run on stable in `cargo test`, which replays every file under
//! `fuzz/regressions/<target>/` and `fuzz/seeds/<target>/` (see the tests).

use chrono::{Datelike, NaiveDate};
use lantern_domain::attachment::{
    check_upload, Attachment, AttachmentType, MAX_ATTACHMENT_BYTES, MAX_FILE_NAME_CHARS,
};
use lantern_domain::case::{
    CaseDetails, CaseFilter, CaseInput, EARLIEST_INTAKE_YEAR, MAX_PLACE_CHARS, MAX_SUMMARY_CHARS,
    MAX_TEAM,
};
use lantern_domain::consent::{ConsentInput, REQUIRED_FOR_GRANT};
use lantern_domain::entity::EntityInput;
use lantern_domain::event::{EventDetails, EventInput, MAX_NOTE_CHARS, MAX_TITLE_CHARS};
use lantern_domain::page::MAX_PER_PAGE;
use lantern_domain::permission::{cell, Cell, RolePermissions};
use lantern_domain::person::{
    PersonDraft, PersonInput, EARLIEST_BIRTH_YEAR, MAX_LIST_ENTRIES, MAX_MARKS_CHARS,
    MAX_NAME_CHARS,
};
use lantern_domain::retention::{RetentionPolicy, MAX_RETENTION_DAYS, MIN_RETENTION_DAYS};
use lantern_domain::vocab::{CaseRole, Vocabulary};
use lantern_domain::vocab::{ConsentDecision, Permission, RetainedRecord, UserRole};
use lantern_domain::{AttachmentId, CaseId, ValidationErrors};
use lantern_web::api::network::EntityIn;
use lantern_web::api::wire::{CaseIn, ConsentIn, EventIn, NewParticipantIn, PersonIn};
use lantern_web::api::CaseListQuery;
use lantern_web::error::WebError;
use lantern_web::extract::{parse_form, parse_json, parse_signed_form};
use lantern_web::html::cases::ListQuery;
use lantern_web::html::governance::{PermissionsForm, RetentionForm};
use lantern_web::html::people::NewPersonForm;
use serde::Deserialize;

/// A fixed "today", so a crashing input reproduces on any day.
pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap_or(NaiveDate::MIN)
}

/// The session CSRF token the signed-form checks compare against.
const SESSION_CSRF: &str = "fuzz-session-csrf-token";

/// A fuzz check: panics on a finding, else tells whether the input got all
/// the way through validation (so tests can tell the seeds reach it).
pub type Check = fn(&[u8]) -> bool;

/// Every fuzz target: its name (the file in `fuzz/fuzz_targets/`, the
/// folder under `fuzz/regressions/` and `fuzz/seeds/`) and its check.
pub const TARGETS: &[(&str, Check)] = &[
    ("form_case", form_case),
    ("form_person", form_person),
    ("form_event", form_event),
    ("filter_query", filter_query),
    ("json_case", json_case),
    ("json_person", json_person),
    ("json_event", json_event),
    ("json_participant", json_participant),
    ("upload", upload),
    ("config_toml", config_toml),
    ("accept_language", accept_language),
    ("form_consent", form_consent),
    ("json_consent", json_consent),
    ("form_entity", form_entity),
    ("json_entity", json_entity),
    ("form_settings", form_settings),
];

// --- urlencoded forms --------------------------------------------------------

/// The CSRF field as the signed-form extractor reads it.
#[derive(Deserialize)]
struct CsrfOnly {
    #[serde(default)]
    csrf: String,
}

/// What every form decode must satisfy, whatever the form: a body that is
/// not UTF-8 is refused, errors are fixed sentences, and a signed form is
/// read only when its token matches.
fn form<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Option<T> {
    let parsed = parse_form::<T>(body);
    if std::str::from_utf8(body).is_err() {
        assert!(parsed.is_err(), "a form that is not UTF-8 was accepted");
    }
    if let Err(error) = &parsed {
        assert_fixed_form_error(error);
    }
    match parse_signed_form::<T>(body, SESSION_CSRF) {
        Ok(_) => {
            let token = parse_form::<CsrfOnly>(body).map(|f| f.csrf);
            assert_eq!(
                token.as_deref().ok(),
                Some(SESSION_CSRF),
                "a signed form was read without the session's token"
            );
            assert!(
                parsed.is_ok(),
                "the signed form decoded but the form did not"
            );
        }
        Err(error) => assert_fixed_form_error(&error),
    }
    parsed.ok()
}

fn assert_fixed_form_error(error: &WebError) {
    match error {
        WebError::BadRequest(message) => assert!(
            message == "the form is not valid UTF-8" || message == "the form could not be read",
            "a form error says more than a fixed sentence"
        ),
        WebError::CsrfMismatch => {}
        _ => unexpected_error("form"),
    }
}

#[allow(clippy::panic)] // a panic is how a fuzz check reports a finding
fn unexpected_error(what: &str) {
    panic!("{what} decoding failed with an unexpected kind of error");
}

/// `POST /cases` and `POST /cases/{id}`.
pub fn form_case(body: &[u8]) -> bool {
    form::<CaseInput>(body).is_some_and(|input| check_case(&input))
}

/// `POST /cases/{id}/people` (a role and a person) and `POST /people/{id}`.
pub fn form_person(body: &[u8]) -> bool {
    let new = form::<NewPersonForm>(body)
        .is_some_and(|form| check_role(&form.role) & check_person(&form.person));
    let edit = form::<PersonInput>(body).is_some_and(|input| check_person(&input));
    new || edit
}

/// `POST /cases/{id}/events`.
pub fn form_event(body: &[u8]) -> bool {
    form::<EventInput>(body).is_some_and(|input| check_event(&input))
}

/// `POST /people/{id}/consents`.
pub fn form_consent(body: &[u8]) -> bool {
    form::<ConsentInput>(body).is_some_and(|input| check_consent(&input))
}

/// `POST /cases/{id}/entities`.
pub fn form_entity(body: &[u8]) -> bool {
    form::<EntityInput>(body).is_some_and(|input| check_entity(&input))
}

/// `POST /admin/permissions` and `POST /admin/retention`: the decoders and
/// the domain's parsers of the two settings forms.
pub fn form_settings(body: &[u8]) -> bool {
    let permissions = form::<PermissionsForm>(body).is_some_and(|form| {
        match RolePermissions::from_submission(form.cell.iter().map(String::as_str)) {
            Ok(table) => {
                for role in UserRole::ALL {
                    for permission in Permission::ALL {
                        if let Cell::Fixed(granted) = cell(*role, *permission) {
                            assert_eq!(
                                table.grants(*role, *permission),
                                granted,
                                "a submission changed a fixed cell"
                            );
                        }
                    }
                }
                true
            }
            Err(errors) => assert_errors_name_fields(&errors, &["permissions"]),
        }
    });
    let retention = form::<RetentionForm>(body).is_some_and(|form| {
        let fields = RetainedRecord::ALL
            .iter()
            .map(|record| (record.code(), form.get(*record)));
        match RetentionPolicy::parse(fields) {
            Ok(policy) => {
                for (_, days) in policy.rules() {
                    assert!(
                        (MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&days),
                        "a retention period out of range was accepted"
                    );
                }
                true
            }
            Err(errors) => assert_errors_name_fields(&errors, &["person_identity", "attachment"]),
        }
    });
    permissions || retention
}

/// The query strings of `GET /cases` and `GET /api/v1/cases`.
pub fn filter_query(raw: &[u8]) -> bool {
    // A request line's query is text; axum hands handlers a `&str`.
    let Ok(raw) = std::str::from_utf8(raw) else {
        return false;
    };
    let html = ListQuery::parse(Some(raw)).is_ok_and(|query| {
        let page = query.page_request();
        assert!(page.page() >= 1);
        check_filter(query.filter.validate())
    });
    let api = CaseListQuery::parse(Some(raw)).is_ok_and(|query| {
        let page = query.page_request();
        assert!(page.page() >= 1 && (1..=MAX_PER_PAGE).contains(&page.per_page()));
        check_filter(query.filter.validate())
    });
    html || api
}

// --- JSON bodies -------------------------------------------------------------

fn json<T: for<'de> Deserialize<'de>>(body: &[u8]) -> Option<T> {
    match parse_json::<T>(body) {
        Ok(value) => {
            assert!(std::str::from_utf8(body).is_ok());
            Some(value)
        }
        Err(WebError::BadRequest(message)) => {
            assert_json_error_is_positional(&message);
            None
        }
        Err(_) => {
            unexpected_error("JSON");
            None
        }
    }
}

/// The API's JSON errors name a kind and a position only: serde's own
/// messages can quote the value, which may identify a person.
fn assert_json_error_is_positional(message: &str) {
    if message == "the body is not valid UTF-8" {
        return;
    }
    let rest = [
        "the body is not well-formed JSON (line ",
        "the body has a field of the wrong type or an unknown value (line ",
        "the body could not be read (line ",
    ]
    .iter()
    .find_map(|prefix| message.strip_prefix(prefix));
    let digits_only = rest
        .and_then(|rest| rest.strip_suffix(')'))
        .and_then(|r| r.split_once(", column "))
        .is_some_and(|(line, column)| {
            [line, column]
                .iter()
                .all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
        });
    assert!(digits_only, "a JSON error carries more than a position");
}

/// `POST /api/v1/cases` and `PUT /api/v1/cases/{id}`.
pub fn json_case(body: &[u8]) -> bool {
    json::<CaseIn>(body).is_some_and(|input| check_case(&input.into()))
}

/// `PUT /api/v1/people/{id}`.
pub fn json_person(body: &[u8]) -> bool {
    json::<PersonIn>(body).is_some_and(|input| check_person(&input.into()))
}

/// `POST /api/v1/cases/{id}/events`.
pub fn json_event(body: &[u8]) -> bool {
    json::<EventIn>(body).is_some_and(|input| check_event(&input.into()))
}

/// `POST /api/v1/people/{id}/consents`.
pub fn json_consent(body: &[u8]) -> bool {
    json::<ConsentIn>(body).is_some_and(|input| check_consent(&input.into()))
}

/// `POST /api/v1/cases/{id}/entities`.
pub fn json_entity(body: &[u8]) -> bool {
    json::<EntityIn>(body).is_some_and(|input| check_entity(&input.into()))
}

/// `POST /api/v1/cases/{id}/people`.
pub fn json_participant(body: &[u8]) -> bool {
    json::<NewParticipantIn>(body)
        .is_some_and(|input| check_role(&input.role) & check_person(&input.person.into()))
}

// --- uploads, configuration, headers -----------------------------------------

/// An upload: the first two bytes (little-endian) give the length of the
/// file name, taken from the bytes after them (invalid UTF-8 replaced, as a
/// multipart decoder yields text); the rest is the content.
pub fn upload(data: &[u8]) -> bool {
    let (name, content) = split_upload(data);
    let Ok((file_name, kind)) = check_upload(&name, content) else {
        return false;
    };
    assert!(!content.is_empty() && content.len() <= MAX_ATTACHMENT_BYTES);
    assert_eq!(AttachmentType::sniff(content), Some(kind));
    if kind == AttachmentType::PlainText {
        assert!(std::str::from_utf8(content).is_ok() && !content.contains(&0));
    }
    assert!(!file_name.is_empty() && file_name.chars().count() <= MAX_FILE_NAME_CHARS);
    assert!(
        !file_name.contains(['/', '\\']),
        "a path reached the file name"
    );
    assert!(file_name != "." && file_name != "..");
    assert_clean_line(&file_name);
    // The name comes back in a header on download: it must always make one.
    let attachment = Attachment {
        id: AttachmentId::random(),
        case_id: CaseId::random(),
        file_name,
        content_type: kind,
        size_bytes: content.len() as u64,
        sha256: String::new(),
        uploaded_by: None,
        uploaded_at: chrono::DateTime::UNIX_EPOCH,
    };
    let response = lantern_web::html::files::attachment_response(&attachment, Vec::new());
    assert!(response.status().is_success());
    let disposition = response
        .headers()
        .get("content-disposition")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    assert!(disposition.starts_with("attachment; filename=\""));
    true
}

fn split_upload(data: &[u8]) -> (String, &[u8]) {
    let (len, rest) = match data {
        [a, b, rest @ ..] => (usize::from(u16::from_le_bytes([*a, *b])), rest),
        _ => (0, data),
    };
    let (name, content) = rest.split_at(len.min(rest.len()));
    (String::from_utf8_lossy(name).into_owned(), content)
}

/// A config file's text.
pub fn config_toml(data: &[u8]) -> bool {
    let Ok(text) = std::str::from_utf8(data) else {
        return false;
    };
    let result = lantern_config::Config::from_toml(text);
    if let Err(error) = &result {
        // The error is printed when the server refuses to start, and a
        // config holds a database URL that may hold a password: it must be
        // a fixed sentence with a position, never text from the file.
        assert_config_error_is_positional(&format!("{error:#}"));
    }
    result.is_ok()
}

fn assert_config_error_is_positional(message: &str) {
    if message
        == "bind must be an address with a port, like 127.0.0.1:8080: invalid socket address syntax"
        || message == lantern_config::TLS_CERT_WITHOUT_KEY
        || message == lantern_config::TLS_KEY_WITHOUT_CERT
    {
        return;
    }
    let settings = lantern_config::SETTINGS.join(", ");
    let shaped = message
        .strip_prefix("the config file is not valid: line ")
        .and_then(|rest| rest.split_once(", column "))
        .and_then(|(line, rest)| {
            rest.split_once(": ")
                .map(|(column, kind)| (line, column, kind))
        })
        .is_some_and(|(line, column, kind)| {
            let number = |n: &str| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit());
            let kinds = [
                "an unknown setting",
                "a value of the wrong type",
                "a setting given twice",
                "malformed TOML",
            ];
            number(line)
                && number(column)
                && kinds
                    .iter()
                    .any(|k| kind == format!("{k} (the settings are {settings})"))
        });
    assert!(
        shaped,
        "a config error says more than a position and a kind"
    );
}

/// An `Accept-Language` header.
pub fn accept_language(data: &[u8]) -> bool {
    let Ok(header) = std::str::from_utf8(data) else {
        return false;
    };
    let supported = ["en", "es"];
    let chosen = lantern_web::i18n::negotiate(Some(header), &supported);
    assert!(supported.contains(&chosen));
    assert_eq!(
        chosen,
        lantern_web::i18n::negotiate(Some(header), &supported)
    );
    true
}

// --- what validated values must satisfy ------------------------------------

fn assert_clean_line(value: &str) {
    assert_clean_text(value);
    assert!(
        !value.contains(['\n', '\r', '\t']),
        "a line break in a line"
    );
}

fn assert_clean_text(value: &str) {
    assert_eq!(value.trim(), value, "untrimmed text was accepted");
    assert!(!value.is_empty(), "empty text was accepted as a value");
    assert!(
        !value
            .chars()
            .any(|c| c.is_control() && !matches!(c, '\n' | '\r' | '\t')),
        "control characters were accepted"
    );
}

fn assert_bounded(value: &str, max_chars: usize) {
    assert!(
        value.chars().count() <= max_chars,
        "over-long text accepted"
    );
}

fn assert_date_between(date: NaiveDate, earliest_year: i32, latest: NaiveDate) {
    assert!(date.year() >= earliest_year && date <= latest);
}

/// Validation errors name known fields and nothing else.
fn assert_errors_name_fields(errors: &ValidationErrors, fields: &[&str]) -> bool {
    assert!(!errors.errors().is_empty(), "an empty error list");
    for error in errors.errors() {
        assert!(
            fields.contains(&error.field.as_str()),
            "an error names an unknown field"
        );
    }
    false
}

fn check_case(input: &CaseInput) -> bool {
    const FIELDS: &[&str] = &[
        "intake_date",
        "intake_source",
        "status",
        "exploitation_types",
        "place_of_recruitment",
        "place_of_exploitation",
        "summary",
        "owning_office",
        "team",
    ];
    match input.validate(today()) {
        Ok(CaseDetails {
            intake_date,
            exploitation_types,
            place_of_recruitment,
            place_of_exploitation,
            summary,
            team,
            ..
        }) => {
            assert_date_between(intake_date, EARLIEST_INTAKE_YEAR, today());
            for place in [&place_of_recruitment, &place_of_exploitation]
                .into_iter()
                .flatten()
            {
                assert_clean_line(place);
                assert_bounded(place, MAX_PLACE_CHARS);
            }
            if let Some(summary) = &summary {
                assert_clean_text(summary);
                assert_bounded(summary, MAX_SUMMARY_CHARS);
            }
            assert!(exploitation_types.windows(2).all(|w| w[0] < w[1]));
            assert!(team.len() <= MAX_TEAM && team.windows(2).all(|w| w[0] < w[1]));
            true
        }
        Err(errors) => assert_errors_name_fields(&errors, FIELDS),
    }
}

fn check_role(role: &str) -> bool {
    CaseRole::parse_field("role", role)
        .inspect(|parsed| assert_eq!(parsed.code(), role.trim()))
        .is_ok()
}

fn check_person(input: &PersonInput) -> bool {
    const FIELDS: &[&str] = &[
        "pseudonym",
        "gender",
        "legal_name",
        "aliases",
        "date_of_birth",
        "estimated_age",
        "citizenships",
        "languages",
        "phones",
        "addresses",
        "identifying_marks",
    ];
    match input.validate(today()) {
        Ok(PersonDraft { profile, identity }) => {
            assert_clean_line(&profile.pseudonym);
            assert_bounded(&profile.pseudonym, 80);
            let identity = identity.expose();
            if let Some(name) = &identity.legal_name {
                assert_clean_line(name);
                assert_bounded(name, MAX_NAME_CHARS);
            }
            for (list, max) in [
                (&identity.aliases, MAX_NAME_CHARS),
                (&identity.phones, 40),
                (&identity.addresses, 500),
            ] {
                assert!(list.len() <= MAX_LIST_ENTRIES);
                for value in list {
                    assert_clean_line(value);
                    assert_bounded(value, max);
                }
            }
            for phone in &identity.phones {
                let digits = phone.chars().filter(char::is_ascii_digit).count();
                assert!((6..=15).contains(&digits));
            }
            assert!(identity.citizenships.len() <= MAX_LIST_ENTRIES);
            assert!(identity.languages.len() <= MAX_LIST_ENTRIES);
            if let Some(dob) = identity.date_of_birth {
                assert_date_between(dob, EARLIEST_BIRTH_YEAR, today());
            }
            assert!(identity.estimated_age.is_none_or(|age| age <= 120));
            if let Some(marks) = &identity.identifying_marks {
                assert_clean_text(marks);
                assert_bounded(marks, MAX_MARKS_CHARS);
            }
            true
        }
        Err(errors) => assert_errors_name_fields(&errors, FIELDS),
    }
}

fn check_event(input: &EventInput) -> bool {
    const FIELDS: &[&str] = &["occurred_on", "kind", "title", "note"];
    match input.validate(today()) {
        Ok(EventDetails {
            occurred_on,
            title,
            note,
            ..
        }) => {
            assert_date_between(occurred_on, EARLIEST_INTAKE_YEAR, today());
            assert_clean_line(&title);
            assert_bounded(&title, MAX_TITLE_CHARS);
            if let Some(note) = &note {
                assert_clean_text(note);
                assert_bounded(note, MAX_NOTE_CHARS);
            }
            true
        }
        Err(errors) => assert_errors_name_fields(&errors, FIELDS),
    }
}

fn check_consent(input: &ConsentInput) -> bool {
    const FIELDS: &[&str] = &["purpose", "decision", "given_by", "informed", "decided_on"];
    match input.validate(today()) {
        Ok(details) => {
            assert_date_between(details.decided_on, EARLIEST_INTAKE_YEAR, today());
            if details.decision == ConsentDecision::Granted {
                for required in REQUIRED_FOR_GRANT {
                    assert!(
                        details.informed.contains(&required),
                        "a grant was accepted without the person informed"
                    );
                }
            }
            assert!(
                details.informed.windows(2).all(|w| w[0] < w[1]),
                "informed items are sorted and unique"
            );
            true
        }
        Err(errors) => assert_errors_name_fields(&errors, FIELDS),
    }
}

fn check_entity(input: &EntityInput) -> bool {
    const FIELDS: &[&str] = &["kind", "establishment_kind", "name", "place", "description"];
    match input.validate() {
        Ok(draft) => {
            let identity = draft.identity.expose();
            assert_clean_line(&identity.name);
            assert!(!identity.name.is_empty(), "an entity without a name");
            if let Some(place) = &identity.place {
                assert_clean_line(place);
            }
            if let Some(description) = &identity.description {
                assert_clean_text(description);
            }
            true
        }
        Err(errors) => assert_errors_name_fields(&errors, FIELDS),
    }
}

fn check_filter(result: Result<CaseFilter, ValidationErrors>) -> bool {
    const FIELDS: &[&str] = &["q", "status", "office", "exploitation_type", "from", "to"];
    match result {
        Ok(filter) => {
            if let Some(text) = &filter.text {
                assert!(!text.is_empty());
            }
            if let (Some(from), Some(to)) = (filter.intake_from, filter.intake_to) {
                assert!(from <= to, "a reversed date range was accepted");
            }
            for date in [filter.intake_from, filter.intake_to].into_iter().flatten() {
                assert!(date.year() >= EARLIEST_INTAKE_YEAR && date.year() < 2200);
            }
            true
        }
        Err(errors) => assert_errors_name_fields(&errors, FIELDS),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn fuzz_dir() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fuzz")
    }

    /// Every file under `fuzz/<kind>/<target>/`, by target.
    fn inputs(kind: &str) -> Vec<(&'static str, PathBuf)> {
        let mut found = Vec::new();
        for (name, _) in TARGETS {
            let dir = fuzz_dir().join(kind).join(name);
            let Ok(entries) = std::fs::read_dir(&dir) else {
                continue;
            };
            for entry in entries {
                let path = entry.unwrap().path();
                if path.is_file() {
                    found.push((*name, path));
                }
            }
        }
        found.sort();
        found
    }

    /// Runs every input of a kind through its check; the paths accepted.
    fn replay(kind: &str) -> Vec<PathBuf> {
        let mut accepted = Vec::new();
        for (name, path) in inputs(kind) {
            let check = TARGETS.iter().find(|(n, _)| *n == name).unwrap().1;
            let data = std::fs::read(&path).unwrap();
            // A panic here names the file, so the failing input is obvious.
            match std::panic::catch_unwind(|| check(&data)) {
                Ok(true) => accepted.push(path),
                Ok(false) => {}
                Err(_) => panic!("{} fails {name}", path.display()),
            }
        }
        accepted
    }

    #[test]
    fn every_target_has_a_fuzz_target_file_and_seeds() {
        for (name, _) in TARGETS {
            let file = fuzz_dir().join("fuzz_targets").join(format!("{name}.rs"));
            assert!(file.is_file(), "missing {}", file.display());
            assert!(
                inputs("seeds").iter().any(|(n, _)| n == name),
                "no seeds for {name}"
            );
        }
    }

    #[test]
    fn regression_inputs_pass() {
        // Each file is an input that once crashed a target; the fix must hold.
        replay("regressions");
    }

    #[test]
    fn seed_inputs_pass_and_reach_past_validation() {
        // Seeds are valid inputs, so the fuzzer starts from deep paths.
        let accepted = replay("seeds");
        let all = inputs("seeds");
        assert!(all.len() >= TARGETS.len());
        for (name, path) in all {
            assert!(
                accepted.contains(&path),
                "seed {} is refused by {name}",
                path.display()
            );
        }
    }

    #[test]
    fn uploads_split_into_name_and_content() {
        let (name, content) = split_upload(b"\x05\x00a.txthello");
        assert_eq!(name, "a.txt");
        assert_eq!(content, b"hello");
        let (name, content) = split_upload(b"\xff\xffab");
        assert_eq!((name.as_str(), content), ("ab", &b""[..]));
    }

    #[test]
    fn checks_accept_ordinary_inputs() {
        let office = lantern_domain::OfficeId::random();
        assert!(form_case(
            format!(
                "csrf={SESSION_CSRF}&intake_date=2026-01-10&intake_source=Hotline&status=Active\
                 &exploitation_types=SexualExploitation&owning_office={office}"
            )
            .as_bytes(),
        ));
        assert!(form_person(
            b"role=Victim&pseudonym=Tara&gender=Feminine&phones=%2B91+98300+12345"
        ));
        assert!(!form_person(b"role=Victim&pseudonym=%FF&gender=Feminine"));
        assert!(!json_case(
            br#"{"intake_date":"2026-01-10","status":"Active"}"#
        ));
        assert!(json_participant(
            br#"{"role":"Victim","person":{"pseudonym":"Tara","gender":"Feminine"}}"#
        ));
        assert!(filter_query(
            b"q=KOL&status=Active&from=2026-01-01&page=2&per_page=500"
        ));
        assert!(upload(b"\x08\x00scan.pdf%PDF-1.7"));
        assert!(!upload(b"\x02\x00..hello"));
        assert!(config_toml(b"bind = \"127.0.0.1:8080\"\n"));
        assert!(!config_toml(b"colour = \"blue\"\n"));
        assert!(accept_language(b"es-MX,es;q=0.9,en;q=0.8"));
    }
}
