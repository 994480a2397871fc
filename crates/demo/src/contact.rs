//! Phone numbers and postal addresses written the way each country writes
//! them.

use std::fmt::Write;

use crate::cultures::{AddressStyle, Culture};
use crate::offices::Lang;
use crate::places::Place;
use crate::rng::{between, pick, push_digits, DemoRng};

/// A phone number in one of the culture's local formats.
pub(crate) fn phone(rng: &mut DemoRng, culture: &Culture) -> String {
    let mut out = String::with_capacity(20);
    let pattern = pick(rng, culture.phones);
    push_digits(rng, pattern, &mut out);
    out
}

/// The place as a case file names a source area: "Melamchi, Sindhupalchok,
/// Nepal" (the country only when it is not the office's own).
pub(crate) fn place_label(place: Place, foreign_country: Option<&str>) -> String {
    let mut out = String::with_capacity(60);
    push_place(&mut out, place);
    if let Some(country) = foreign_country {
        out.push_str(", ");
        out.push_str(country);
    }
    out
}

/// "Canning, South 24 Parganas, West Bengal", but "Sahebganj, Jharkhand"
/// rather than repeating a town that gives its name to its district.
fn push_place(out: &mut String, place: Place) {
    let repeats = place
        .area
        .strip_prefix(place.locality)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(','));
    if !repeats {
        out.push_str(place.locality);
        out.push_str(", ");
    }
    out.push_str(place.area);
}

const LANDMARKS: &[&str] = &[
    "Near Bus Stand",
    "Near Primary School",
    "Behind Post Office",
    "Near Railway Station",
    "Near Ration Shop",
    "Opposite Health Centre",
];

const BARANGAYS: &[&str] = &[
    "Poblacion",
    "San Isidro",
    "Santo Niño",
    "Bagong Silang",
    "San Roque",
    "Mabolo",
    "Pajo",
    "Looc",
    "Tipolo",
    "Ibabao",
];

const STREETS_MX: &[&str] = &[
    "Hidalgo",
    "Morelos",
    "Juárez",
    "5 de Mayo",
    "Independencia",
    "Allende",
    "Zaragoza",
    "Guerrero",
];

const COLONIAS: &[&str] = &[
    "Centro",
    "San Miguel",
    "La Esperanza",
    "Guadalupe",
    "El Carmen",
    "Las Flores",
    "San José",
    "Santa Cruz",
];

/// A home address in `place`, with the country appended when foreign.
pub(crate) fn address(
    rng: &mut DemoRng,
    culture: &Culture,
    place: Place,
    foreign_country: Option<&str>,
) -> String {
    let mut out = String::with_capacity(80);
    let number = between(rng, 1, 250);
    let ward = between(rng, 1, 18);
    // Writing to a String cannot fail; the results are ignored for that
    // reason only.
    let _ = match culture.address {
        AddressStyle::SouthAsia => {
            if between(rng, 0, 1) == 0 {
                write!(out, "H. No. {number}, Ward No. {ward}")
            } else {
                write!(out, "{}", pick(rng, LANDMARKS))
            }
        }
        AddressStyle::Nepal => write!(out, "Ward No. {ward}"),
        AddressStyle::Philippines => {
            write!(out, "Purok {ward}, Brgy. {}", pick(rng, BARANGAYS))
        }
        AddressStyle::Thailand => {
            let moo = between(rng, 1, 14);
            let sub = between(rng, 1, 9);
            write!(out, "{number}/{sub} Moo {moo}")
        }
        AddressStyle::Myanmar => write!(out, "No. {number}, Ward {ward}"),
        AddressStyle::Laos => write!(out, "House {number}, Unit {ward}"),
        AddressStyle::Mexico => write!(
            out,
            "Calle {} {number}, Col. {}",
            pick(rng, STREETS_MX),
            pick(rng, COLONIAS)
        ),
        AddressStyle::Guatemala => {
            let street = between(rng, 1, 15);
            let block = between(rng, 1, 40);
            let zone = between(rng, 1, 6);
            write!(out, "{street}a. Calle {block}-{number}, Zona {zone}")
        }
        AddressStyle::CentralAmerica => {
            write!(out, "Col. {}, casa {number}", pick(rng, COLONIAS))
        }
    };
    out.push_str(", ");
    push_place(&mut out, place);
    if let Some(country) = foreign_country {
        out.push_str(", ");
        out.push_str(country);
    }
    out
}

/// The country's name in the office's language, when it is not the
/// office's own country.
pub(crate) fn foreign_name(
    culture: &Culture,
    office_country: &str,
    lang: Lang,
) -> Option<&'static str> {
    if culture.country == office_country {
        None
    } else {
        Some(match lang {
            Lang::En => culture.country_en,
            Lang::Es => culture.country_es,
        })
    }
}
