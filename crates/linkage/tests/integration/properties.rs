//! Property tests over the parsers the fuzz targets also exercise: whatever
//! the bytes, the result is a value or a typed error, never a panic.

use std::path::Path;

use proptest::prelude::*;

use lantern_linkage::config::{DateOrder, LinkConfig};
use lantern_linkage::dataset::Loader;
use lantern_linkage::link::Engine;
use lantern_linkage::normalise::date::{birth_years_from_age, parse_date};
use lantern_linkage::normalise::phone::parse_phones;
use lantern_linkage::normalise::text::{skeleton, to_latin};

const CONFIG: &str = "id = \"id\"\n[columns]\ng = \"given_name\"\nf = \"family_name\"\nd = \"dob\"\np = \"phone\"\na = \"address\"\nage = \"age\"\nr = \"parent_name\"\ns = \"gender\"\n";

fn load(bytes: &[u8]) {
    let engine = Engine::new(LinkConfig::parse(CONFIG).unwrap());
    let loader = Loader {
        config: &engine.config,
        config_path: Path::new("fields.toml"),
        schema: &engine.schema,
        normaliser: &engine.normaliser,
    };
    let _ = loader.load_from(bytes, Path::new("input.csv"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn csv_reader_never_panics(body in proptest::collection::vec(any::<u8>(), 0..512)) {
        let mut bytes = b"id,g,f,d,p,a,age,r,s\n".to_vec();
        bytes.extend(body);
        load(&bytes);
    }

    #[test]
    fn csv_reader_survives_structured_rows(rows in proptest::collection::vec(
        proptest::collection::vec("[^\u{0}]{0,12}", 0..11), 0..20)) {
        let mut text = String::from("id,g,f,d,p,a,age,r,s\n");
        for row in rows {
            text.push_str(&row.iter().map(|v| format!("\"{}\"", v.replace('"', "\"\""))).collect::<Vec<_>>().join(","));
            text.push('\n');
        }
        load(text.as_bytes());
    }

    #[test]
    fn config_parser_never_panics(text in "\\PC{0,200}") {
        let _ = LinkConfig::parse(&text);
    }

    #[test]
    fn config_parser_survives_near_valid_configs(kind in "[a-z_]{0,14}", column in "\\PC{0,10}", cap in any::<i64>()) {
        let text = format!("id = \"id\"\n[columns]\n\"{}\" = \"{}\"\n[options]\nmax_block_size = {}\n",
            column.replace(['"', '\\'], ""), kind, cap);
        let _ = LinkConfig::parse(&text);
    }

    #[test]
    fn normalisers_never_panic(text in "\\PC{0,40}") {
        let latin = to_latin(&text);
        prop_assert!(latin.is_ascii());
        for word in latin.split(' ') {
            let _ = skeleton(word);
        }
        let mut phones = Vec::new();
        parse_phones(&text, &mut phones);
        let _ = parse_date(&text, DateOrder::Dmy);
        let _ = birth_years_from_age(&text, 2025);
    }
}
