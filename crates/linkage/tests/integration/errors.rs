//! Bad input gives a typed error naming the file, line and column, never a
//! panic, and never repeats the offending value.

use std::path::Path;

use lantern_linkage::{run_link, LinkError, LinkOptions};

use crate::support::scratch;

const CONFIG: &str = "id = \"id\"\n[columns]\ngiven = \"given_name\"\nfamily = \"family_name\"\ndob = \"date_of_birth\"\n";

fn run(dir: &Path, csv: &[u8], config: &str) -> Result<(), LinkError> {
    std::fs::write(dir.join("in.csv"), csv).unwrap();
    std::fs::write(dir.join("fields.toml"), config).unwrap();
    let options = LinkOptions::new(
        dir.join("in.csv"),
        dir.join("fields.toml"),
        dir.join("out.csv"),
    );
    run_link(&options).map(|_| ())
}

#[test]
fn malformed_row_names_file_and_line() {
    let dir = scratch("malformed");
    let err = run(
        &dir,
        b"id,given,family,dob\n1,Ana,Cruz,1990\n2,SecretName,Cruz\n",
        CONFIG,
    )
    .unwrap_err();
    match &err {
        LinkError::MalformedRow { line, path, .. } => {
            assert_eq!(*line, 3);
            assert!(path.ends_with("in.csv"));
        }
        other => panic!("unexpected {other:?}"),
    }
    assert!(
        !err.to_string().contains("SecretName"),
        "error leaks a value: {err}"
    );
}

#[test]
fn invalid_utf8_names_line_and_column() {
    let dir = scratch("utf8");
    let err = run(
        &dir,
        b"id,given,family,dob\n1,Ana,Cruz,1990\n2,\xff\xfeX,Cruz,1991\n",
        CONFIG,
    )
    .unwrap_err();
    match err {
        LinkError::InvalidUtf8 { line, column, .. } => {
            assert_eq!(line, 3);
            assert_eq!(column, "given");
        }
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unknown_column_in_config() {
    let dir = scratch("unknown");
    let err = run(&dir, b"id,given,family\n1,Ana,Cruz\n", CONFIG).unwrap_err();
    match err {
        LinkError::UnknownColumn { column, .. } => assert_eq!(column, "dob"),
        other => panic!("unexpected {other:?}"),
    }
}

#[test]
fn unknown_kind_and_bad_toml_are_config_errors() {
    let dir = scratch("config");
    let csv = b"id,given\n1,Ana\n";
    for config in [
        "id = \"id\"\n[columns]\ngiven = \"shoe_size\"\n",
        "id = \"id\"\n[columns\n",
        "[columns]\ngiven = \"given_name\"\n",
        "id = \"id\"\n[columns]\ngiven = \"given_name\"\n[options]\nmax_block_size = 0\n",
    ] {
        match run(&dir, csv, config) {
            Err(LinkError::Config { .. }) => {}
            other => panic!("config {config:?} gave {other:?}"),
        }
    }
}

#[test]
fn empty_files_are_rejected() {
    let dir = scratch("empty");
    assert!(matches!(
        run(&dir, b"", CONFIG),
        Err(LinkError::EmptyInput { .. })
    ));
    assert!(matches!(
        run(&dir, b"id,given,family,dob\n", CONFIG),
        Err(LinkError::EmptyInput { .. })
    ));
}

#[test]
fn duplicate_and_missing_ids() {
    let dir = scratch("ids");
    let err = run(
        &dir,
        b"id,given,family,dob\n1,Ana,Cruz,1990\n1,Ben,Cruz,1991\n",
        CONFIG,
    )
    .unwrap_err();
    assert!(
        matches!(
            err,
            LinkError::DuplicateId {
                line: 3,
                first_line: 2,
                ..
            }
        ),
        "{err:?}"
    );
    let err = run(&dir, b"id,given,family,dob\n,Ana,Cruz,1990\n", CONFIG).unwrap_err();
    assert!(
        matches!(err, LinkError::MissingId { line: 2, .. }),
        "{err:?}"
    );
}

#[test]
fn absurd_field_sizes_are_rejected() {
    let dir = scratch("huge");
    let mut csv = b"id,given,family,dob\n1,".to_vec();
    csv.extend(std::iter::repeat_n(b'a', 100_000));
    csv.extend_from_slice(b",Cruz,1990\n");
    let err = run(&dir, &csv, CONFIG).unwrap_err();
    assert!(
        matches!(err, LinkError::FieldTooLong { line: 2, .. }),
        "{err:?}"
    );
}

#[test]
fn missing_files_and_bad_threshold() {
    let dir = scratch("missing");
    let options = LinkOptions::new(
        dir.join("nope.csv"),
        dir.join("nope.toml"),
        dir.join("out.csv"),
    );
    assert!(matches!(run_link(&options), Err(LinkError::Io { .. })));
    let mut options = options;
    options.threshold = 1.5;
    assert!(matches!(run_link(&options), Err(LinkError::BadThreshold)));
}

#[test]
fn garbage_values_are_missing_not_errors() {
    let dir = scratch("garbage");
    let csv =
        "id,given,family,dob\n1,???,---,not a date\n2,Ana,Cruz,31/31/3190\n3,अना,क्रूज़,1990-02-30\n";
    run(&dir, csv.as_bytes(), CONFIG).unwrap();
}
