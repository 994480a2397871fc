//! The incremental index: one new record against an indexed set.

use lantern_linkage::generate::{generate, write_csv, GeneratorOptions, LINK_CONFIG};
use lantern_linkage::LinkIndex;

use crate::support::*;

#[test]
fn query_finds_a_new_registration_of_an_indexed_person() {
    let out = scratch("incremental");
    let records = generate(&GeneratorOptions::new(5000, 3));
    write_csv(&records, &out.join("people.csv")).unwrap();
    std::fs::write(out.join("fields.toml"), LINK_CONFIG).unwrap();
    let mut index = LinkIndex::from_csv(&out.join("fields.toml"), &out.join("people.csv")).unwrap();
    assert_eq!(index.len(), 5000);

    // The same person registered again, in Devanagari, with a new phone.
    let first = [
        ("given_name", "Sunita"),
        ("family_name", "Kumari"),
        ("date_of_birth", "12/04/1998"),
        ("phone", "+91 98765 43210"),
        ("place", "Patna"),
    ];
    let again = [
        ("given_name", "सुनीता"),
        ("family_name", "कुमारी"),
        ("date_of_birth", "1998-04-12"),
        ("phone", "098765-43210"),
        ("place", "पटना"),
    ];
    let position = index.insert("NEW-1", &first).unwrap();
    let matches = index.query(&again, 0.9);
    let best = matches.first().expect("the new registration matches");
    assert_eq!(best.record, position);
    assert_eq!(index.id(best.record), Some("NEW-1"));
    assert_eq!(best.weights.len(), index.model().fields.len());

    // Someone else entirely matches nobody.
    let stranger = [
        ("given_name", "Zbigniew"),
        ("family_name", "Quartermaine"),
        ("date_of_birth", "01/01/1950"),
    ];
    assert!(index.query(&stranger, 0.5).is_empty());
}
