//! Arbitrary bytes after a valid header: the loader returns records or a
//! typed error, never panics.
#![no_main]

use std::path::Path;

use lantern_linkage::config::LinkConfig;
use lantern_linkage::link::Engine;
use libfuzzer_sys::fuzz_target;

const CONFIG: &str = "id = \"id\"\n[columns]\ng = \"given_name\"\nf = \"family_name\"\nd = \"dob\"\np = \"phone\"\na = \"address\"\nage = \"age\"\nx = \"place\"\nr = \"parent_name\"\ns = \"gender\"\n";

fuzz_target!(|body: &[u8]| {
    let Ok(config) = LinkConfig::parse(CONFIG) else { return };
    let engine = Engine::new(config);
    let mut bytes = b"id,g,f,d,p,a,age,x,r,s\n".to_vec();
    bytes.extend_from_slice(body);
    let _ = engine.loader(Path::new("fields.toml")).load_from(bytes.as_slice(), Path::new("input.csv"));
});
