//! Places known by several names: old and new spellings (Calcutta, Kolkata),
//! exonyms (Bangkok, Krung Thep), and the short forms registers use (QC,
//! CDMX). Each group's first name stands for the group, so every form of a
//! place compares as the same value and counts once in term frequencies.
//! Forms in a local script need not be listed: they are transliterated
//! first and usually meet a romanised form here or in the skeleton.

use std::collections::HashMap;
use std::sync::OnceLock;

use crate::normalise::text::to_latin;

/// Each group: the form that stands for it first.
const BUILT_IN: &[&[&str]] = &[
    // South Asia
    &["kolkata", "calcutta"],
    &["mumbai", "bombay"],
    &["delhi", "new delhi"],
    &["lucknow", "lakhnau"],
    &["varanasi", "banaras", "benares"],
    &["pune", "poona"],
    &["sitamarhi", "sitamadhi"],
    &["purnia", "purnea"],
    &["kishanganj", "kishangunj"],
    &["muzaffarpur", "muzzafarpur"],
    &["dhaka", "dacca"],
    &["jessore", "jashore"],
    &["satkhira", "shatkhira"],
    &["chittagong", "chattogram"],
    &["barisal", "barishal"],
    &["howrah", "haora"],
    &["coxs bazar", "cox bazar"],
    // Thailand
    &["bangkok", "krung thep", "krung thep maha nakhon"],
    &["chiang mai", "chiangmai"],
    &["chiang rai", "chiangrai"],
    &["udon thani", "udonthani", "udon"],
    &["khon kaen", "khonkaen"],
    &["nakhon ratchasima", "korat", "khorat"],
    &["mae sai", "maesai"],
    // Philippines
    &["manila", "city of manila", "maynila"],
    &["quezon city", "qc"],
    &["cagayan de oro", "cdo"],
    &["lapu lapu", "lapu lapu city"],
    // Latin America
    &[
        "ciudad de mexico",
        "mexico city",
        "cdmx",
        "cd de mexico",
        "mexico df",
    ],
    &["tijuana", "tj"],
    &["guadalajara", "gdl"],
    &["monterrey", "mty"],
    &["ciudad juarez", "cd juarez", "juarez"],
    &["tegucigalpa", "tegus"],
    &["ciudad de guatemala", "guatemala city"],
];

/// The form that stands for a place (lower-case Latin, as from
/// [`to_latin`]), or the place itself when it has no other known name.
pub fn canonical_place(latin: &str) -> &str {
    static TABLE: OnceLock<HashMap<String, &'static str>> = OnceLock::new();
    let table = TABLE.get_or_init(|| {
        let mut table = HashMap::new();
        for group in BUILT_IN {
            let Some(first) = group.first() else {
                continue;
            };
            for name in *group {
                table.insert(to_latin(name), *first);
            }
        }
        table
    });
    table.get(latin).copied().unwrap_or(latin)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_names_of_a_place_meet() {
        assert_eq!(canonical_place(&to_latin("Calcutta")), "kolkata");
        assert_eq!(
            canonical_place(&to_latin("Cd. de Mexico")),
            "ciudad de mexico"
        );
        assert_eq!(canonical_place(&to_latin("QC")), "quezon city");
        assert_eq!(canonical_place("springfield"), "springfield");
    }
}
