//! A person record after normalisation, and how a CSV row becomes one.

use crate::config::{FieldKind, LinkConfig};
use crate::normalise::date::{birth_years_from_age, parse_date, Birth};
use crate::normalise::phone::{parse_phones, PhoneKey};
use crate::normalise::places::canonical_place;
use crate::normalise::text::{hash_str, normalise_address, skeleton, to_latin};
use crate::normalise::{domain, NameToken, Normaliser};

/// A free-text or code value with its hash (for equality and term frequencies).
#[derive(Debug, Clone)]
pub struct TextValue {
    pub text: Box<str>,
    pub hash: u64,
    /// Places: romanisation skeleton of the whole value. Addresses: hash of
    /// the words without the numbers.
    pub skeleton: u64,
    /// Addresses: hash of the numbers (house, plot, unit).
    pub numbers: u64,
}

/// Everything the comparisons need about one record. Debug is implemented by
/// hand so identifying values never reach a log.
#[derive(Clone, Default)]
pub struct Person {
    pub given: Box<[NameToken]>,
    pub family: Box<[NameToken]>,
    pub aliases: Box<[NameToken]>,
    pub parents: Box<[NameToken]>,
    pub birth: Birth,
    pub phones: Box<[PhoneKey]>,
    /// One slot per text field of the schema, in schema order.
    pub texts: Box<[Option<TextValue>]>,
}

impl std::fmt::Debug for Person {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Person").finish_non_exhaustive()
    }
}

/// A compared column that is neither a name, a birth date nor a phone.
#[derive(Debug, Clone)]
pub struct TextField {
    pub name: String,
    pub kind: FieldKind,
    /// Position in the row handed over by the CSV reader (config order).
    pub column: usize,
}

/// Which configured columns feed which part of a [`Person`].
#[derive(Debug, Clone)]
pub struct Schema {
    kinds: Vec<FieldKind>,
    pub text_fields: Vec<TextField>,
}

impl Schema {
    pub fn new(config: &LinkConfig) -> Self {
        let kinds: Vec<FieldKind> = config.columns.iter().map(|(_, k)| *k).collect();
        let text_fields = config
            .columns
            .iter()
            .enumerate()
            .filter(|(_, (_, kind))| is_text_kind(*kind))
            .map(|(column, (name, kind))| TextField {
                name: name.clone(),
                kind: *kind,
                column,
            })
            .collect();
        Self { kinds, text_fields }
    }

    pub fn has(&self, wanted: impl Fn(FieldKind) -> bool) -> bool {
        self.kinds.iter().any(|k| wanted(*k))
    }

    pub fn is_name_kind(kind: FieldKind) -> bool {
        matches!(
            kind,
            FieldKind::GivenName | FieldKind::FamilyName | FieldKind::FullName | FieldKind::Alias
        )
    }

    pub fn width(&self) -> usize {
        self.kinds.len()
    }

    pub fn kind(&self, column: usize) -> FieldKind {
        self.kinds[column]
    }

    /// Builds a person from one row (values in config order). `names` turns a
    /// name cell into tokens; the loader passes a memoised lookup.
    pub fn person(
        &self,
        row: &[&str],
        normaliser: &Normaliser,
        names: &dyn Fn(&str) -> Vec<NameToken>,
    ) -> Person {
        let mut given = Vec::new();
        let mut family = Vec::new();
        let mut aliases = Vec::new();
        let mut parents = Vec::new();
        let mut full = Vec::new();
        let mut birth = Birth::default();
        let mut age_years = None;
        let mut phones = Vec::new();
        let mut texts: Vec<Option<TextValue>> = vec![None; self.text_fields.len()];
        let mut text_slot = 0;
        for (column, value) in row.iter().enumerate() {
            let kind = self.kinds[column];
            let value = value.trim();
            if is_text_kind(kind) {
                if !value.is_empty() {
                    texts[text_slot] = text_value(kind, value);
                }
                text_slot += 1;
                continue;
            }
            if value.is_empty() {
                continue;
            }
            match kind {
                FieldKind::GivenName => given.extend(names(value)),
                FieldKind::FamilyName => family.extend(names(value)),
                FieldKind::FullName => full.extend(names(value)),
                FieldKind::Alias => aliases.extend(names(value)),
                FieldKind::ParentName => parents.extend(names(value)),
                // The first readable date wins.
                FieldKind::DateOfBirth if birth.date.is_none() => {
                    if let Some(date) = parse_date(value, normaliser.date_order) {
                        birth = Birth::from_date(date);
                    }
                }
                FieldKind::Age => {
                    age_years = age_years
                        .or_else(|| birth_years_from_age(value, normaliser.age_reference_year));
                }
                FieldKind::Phone => parse_phones(value, &mut phones),
                _ => {}
            }
        }
        if birth.years.is_none() {
            birth.years = age_years;
        }
        if given.is_empty() && family.is_empty() && !full.is_empty() {
            // A single name column: last word as family name, the rest as given.
            if full.len() > 1 {
                family.extend(full.pop());
            }
            given = full;
        }
        Person {
            given: given.into(),
            family: family.into(),
            aliases: aliases.into(),
            parents: parents.into(),
            birth,
            phones: phones.into(),
            texts: texts.into(),
        }
    }
}

fn is_text_kind(kind: FieldKind) -> bool {
    matches!(
        kind,
        FieldKind::Address
            | FieldKind::Place
            | FieldKind::Code
            | FieldKind::Identifier
            | FieldKind::Gender
    )
}

fn text_value(kind: FieldKind, raw: &str) -> Option<TextValue> {
    let text = match kind {
        FieldKind::Address => normalise_address(raw),
        FieldKind::Code | FieldKind::Identifier => to_latin(raw).replace(' ', ""),
        FieldKind::Gender => gender(&to_latin(raw)).to_string(),
        FieldKind::Place => canonical_place(&to_latin(raw)).to_string(),
        _ => to_latin(raw),
    };
    if text.is_empty() {
        return None;
    }
    let hash = hash_str(domain::TEXT, &text);
    let (skeleton, numbers) = match kind {
        FieldKind::Place => (
            hash_str(domain::SKELETON, &skeleton(&text.replace(' ', ""))),
            0,
        ),
        FieldKind::Address => {
            let (digits, words): (Vec<&str>, Vec<&str>) = text
                .split(' ')
                .partition(|w| w.bytes().any(|b| b.is_ascii_digit()));
            (
                hash_str(domain::TEXT, &words.join(" ")),
                hash_str(domain::TEXT, &digits.join(" ")),
            )
        }
        _ => (hash, 0),
    };
    Some(TextValue {
        text: text.into_boxed_str(),
        hash,
        skeleton,
        numbers,
    })
}

fn gender(latin: &str) -> &str {
    match latin {
        "m" | "male" | "man" | "boy" | "h" | "hombre" | "masculino" | "lalaki" => "m",
        "f" | "female" | "woman" | "girl" | "mujer" | "femenino" | "babae" => "f",
        other => other,
    }
}
