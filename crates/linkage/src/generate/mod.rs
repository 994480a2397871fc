//! A synthetic population with known duplicates, as hard as real intake data.
//!
//! People come from five locales (Hindi-speaking India, Bengal, Thailand, the
//! Philippines, Spanish-speaking Latin America). Each person is registered
//! once or several times; every registration is written as a clerk might:
//! in the local script or one of several romanisations, with a nickname,
//! typos, swapped given and family names, an approximate or swapped date of
//! birth or only an estimated age, a new or shared phone number in another
//! format, a new address, or fields left empty. Relatives share family name,
//! address and phone; namesakes are common because names follow Zipf's law.
//! Intake forms also record sex, a parent's name (the father's name in
//! South Asia, where forms ask for it as "son/daughter of") and the home
//! village beside the district; siblings share the parent, households the
//! village. Village names are built as villages are named (Rampur,
//! Krishnanagar, Rahimganj, Ban Somchai, San Jose, Villa Santos), so one
//! name recurs in many districts. Output is deterministic for a seed; those two columns come
//! from a stream of their own, so every other column is what it was before
//! they were added.

mod corrupt;
mod data;

use std::io::Write;
use std::path::Path;

use crate::error::LinkError;
use crate::rng::Rng;
use corrupt::{format_date, format_phone, typo, vary_address, vary_case};
use data::*;

/// What to generate.
#[derive(Debug, Clone)]
pub struct GeneratorOptions {
    pub records: usize,
    pub seed: u64,
    /// Year against which ages are written (matches the linkage config).
    pub reference_year: i32,
}

impl GeneratorOptions {
    pub fn new(records: usize, seed: u64) -> Self {
        Self {
            records,
            seed,
            reference_year: 2025,
        }
    }
}

/// One generated row. `entity_id` is the ground truth: rows with the same
/// entity are the same person.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SyntheticRecord {
    pub record_id: String,
    pub entity_id: String,
    pub locale: &'static str,
    pub given_name: String,
    pub family_name: String,
    pub alias: String,
    pub date_of_birth: String,
    pub age: String,
    pub phone: String,
    pub address: String,
    pub place: String,
    pub sex: &'static str,
    pub parent_name: String,
    pub village: String,
}

/// Column names of the CSV, in order.
pub const CSV_COLUMNS: [&str; 14] = [
    "record_id",
    "entity_id",
    "locale",
    "given_name",
    "family_name",
    "alias",
    "date_of_birth",
    "age",
    "phone",
    "address",
    "place",
    "sex",
    "parent_name",
    "village",
];

/// The linkage config for generated files.
pub const LINK_CONFIG: &str = r#"# Synthetic population written by lantern-linkage's generator
id = "record_id"

[columns]
given_name = "given_name"
family_name = "family_name"
alias = "alias"
date_of_birth = "date_of_birth"
age = "age"
phone = "phone"
address = "address"
place = "place"
sex = "gender"
parent_name = "parent_name"
village = "place"
entity_id = "ignore"
locale = "ignore"

[options]
age_reference_year = 2025
"#;

/// A name as a locale knows it.
#[derive(Debug, Clone)]
struct NameEntry {
    script: &'static str,
    spellings: Vec<&'static str>,
    nicknames: Vec<&'static str>,
}

fn parse_entries(raw: &[&'static str]) -> Vec<NameEntry> {
    raw.iter()
        .map(|entry| {
            let (forms, nicks) = entry.split_once('/').unwrap_or((entry, ""));
            let mut parts = forms.split('|');
            let script = parts.next().unwrap_or_default();
            NameEntry {
                script,
                spellings: parts.collect(),
                nicknames: nicks.split('|').filter(|n| !n.is_empty()).collect(),
            }
        })
        .collect()
}

/// Zipf-distributed choice among `n` items: a few names are very common.
#[derive(Debug, Clone)]
struct Zipf {
    cumulative: Vec<f64>,
}

impl Zipf {
    fn new(n: usize, exponent: f64) -> Self {
        let mut total = 0.0;
        let cumulative = (1..=n)
            .map(|rank| {
                total += 1.0 / (rank as f64).powf(exponent);
                total
            })
            .collect();
        Self { cumulative }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        let total = self.cumulative.last().copied().unwrap_or(0.0);
        let target = rng.unit() * total;
        self.cumulative
            .partition_point(|c| *c <= target)
            .min(self.cumulative.len().saturating_sub(1))
    }
}

struct NamePool {
    entries: Vec<NameEntry>,
    zipf: Zipf,
}

impl NamePool {
    fn new(raw: &[&'static str], exponent: f64) -> Self {
        let entries = parse_entries(raw);
        let zipf = Zipf::new(entries.len(), exponent);
        Self { entries, zipf }
    }

    fn sample(&self, rng: &mut Rng) -> usize {
        self.zipf.sample(rng)
    }
}

#[derive(Debug, Clone, Copy)]
struct PhonePlan {
    country_code: &'static str,
    /// First digits of mobile numbers after the trunk prefix.
    prefixes: &'static [&'static str],
    /// Digits of the national number (without trunk prefix).
    length: usize,
}

struct Locale {
    name: &'static str,
    male: NamePool,
    female: NamePool,
    family: NamePool,
    /// Thai: family names are built from two parts.
    compound_family: bool,
    /// Spanish: a second (maternal) family name.
    two_family_names: bool,
    pet_names: &'static [&'static str],
    places: NamePool,
    streets: &'static [&'static str],
    phone: PhonePlan,
    /// Share of registrations written in the local script.
    script_rate: f64,
    /// Share of registrations with no family name (common in South Asia).
    no_family_rate: f64,
    /// Share of people with two given names.
    second_given_rate: f64,
    /// Share of registrations that record a parent's name: nearly all forms
    /// in South Asia ask for the father's name, fewer elsewhere.
    parent_rate: f64,
    /// How village names are formed: an affix (script, Latin) before or
    /// after a name from the locale's male or family names.
    village_forms: &'static [VillageForm],
}

#[derive(Debug, Clone, Copy)]
struct VillageForm {
    script: &'static str,
    latin: &'static str,
    prefix: bool,
    from_family: bool,
}

const fn suffix(script: &'static str, latin: &'static str) -> VillageForm {
    VillageForm {
        script,
        latin,
        prefix: false,
        from_family: false,
    }
}

const fn prefix(script: &'static str, latin: &'static str, from_family: bool) -> VillageForm {
    VillageForm {
        script,
        latin,
        prefix: true,
        from_family,
    }
}

const HINDI_VILLAGES: &[VillageForm] = &[
    suffix("पुर", "pur"),
    suffix("गंज", "ganj"),
    suffix("नगर", "nagar"),
    suffix("गांव", "gaon"),
    suffix("पुरा", "pura"),
];
const BENGALI_VILLAGES: &[VillageForm] = &[
    suffix("পুর", "pur"),
    suffix("গঞ্জ", "ganj"),
    suffix("গ্রাম", "gram"),
    suffix("পাড়া", "para"),
];
const THAI_VILLAGES: &[VillageForm] = &[
    prefix("บ้าน", "Ban ", false),
    prefix("บ้าน", "Ban ", true),
    prefix("หนอง", "Nong ", true),
    prefix("โนน", "Non ", true),
    prefix("ดอน", "Don ", true),
];
const FILIPINO_VILLAGES: &[VillageForm] = &[
    prefix("", "San ", false),
    prefix("", "Villa ", true),
    prefix("", "Purok ", true),
];
const SPANISH_VILLAGES: &[VillageForm] = &[
    prefix("", "San ", false),
    prefix("", "Rancho ", true),
    prefix("", "Ejido ", true),
    prefix("", "Colonia ", true),
];

fn locales() -> Vec<(f64, Locale)> {
    vec![
        (
            0.25,
            Locale {
                name: "hi",
                village_forms: HINDI_VILLAGES,
                parent_rate: 0.85,
                second_given_rate: 0.15,
                male: NamePool::new(HINDI_MALE, GIVEN_ZIPF),
                female: NamePool::new(HINDI_FEMALE, GIVEN_ZIPF),
                family: NamePool::new(HINDI_FAMILY, 1.0),
                compound_family: false,
                two_family_names: false,
                pet_names: INDIA_PET_NAMES,
                places: NamePool::new(INDIA_PLACES, 0.8),
                streets: INDIA_STREETS,
                phone: PhonePlan {
                    country_code: "91",
                    prefixes: &["98", "97", "94", "88", "79", "70", "63"],
                    length: 10,
                },
                script_rate: 0.25,
                no_family_rate: 0.10,
            },
        ),
        (
            0.20,
            Locale {
                name: "bn",
                village_forms: BENGALI_VILLAGES,
                parent_rate: 0.85,
                second_given_rate: 0.3,
                male: NamePool::new(BENGALI_MALE, GIVEN_ZIPF),
                female: NamePool::new(BENGALI_FEMALE, GIVEN_ZIPF),
                family: NamePool::new(BENGALI_FAMILY, 1.0),
                compound_family: false,
                two_family_names: false,
                pet_names: BENGALI_PET_NAMES,
                places: NamePool::new(BENGAL_PLACES, 0.8),
                streets: BENGAL_STREETS,
                phone: PhonePlan {
                    country_code: "880",
                    prefixes: &["17", "18", "19", "16", "15", "13"],
                    length: 10,
                },
                script_rate: 0.25,
                no_family_rate: 0.08,
            },
        ),
        (
            0.15,
            Locale {
                name: "th",
                village_forms: THAI_VILLAGES,
                parent_rate: 0.5,
                second_given_rate: 0.0,
                male: NamePool::new(THAI_MALE, GIVEN_ZIPF),
                female: NamePool::new(THAI_FEMALE, GIVEN_ZIPF),
                family: NamePool::new(THAI_SURNAME_PARTS, 0.6),
                compound_family: true,
                two_family_names: false,
                pet_names: THAI_NICKNAMES,
                places: NamePool::new(THAI_PLACES, 0.8),
                streets: THAI_STREETS,
                phone: PhonePlan {
                    country_code: "66",
                    prefixes: &["81", "89", "86", "91", "62"],
                    length: 9,
                },
                script_rate: 0.35,
                no_family_rate: 0.05,
            },
        ),
        (
            0.20,
            Locale {
                name: "ph",
                village_forms: FILIPINO_VILLAGES,
                parent_rate: 0.6,
                second_given_rate: 0.35,
                male: NamePool::new(FILIPINO_MALE, GIVEN_ZIPF),
                female: NamePool::new(FILIPINO_FEMALE, GIVEN_ZIPF),
                family: NamePool::new(FILIPINO_FAMILY, 0.9),
                compound_family: false,
                two_family_names: false,
                pet_names: FILIPINO_NICKNAMES,
                places: NamePool::new(FILIPINO_PLACES, 0.8),
                streets: FILIPINO_STREETS,
                phone: PhonePlan {
                    country_code: "63",
                    prefixes: &["917", "918", "927", "939", "998"],
                    length: 10,
                },
                script_rate: 0.0,
                no_family_rate: 0.03,
            },
        ),
        (
            0.20,
            Locale {
                name: "es",
                village_forms: SPANISH_VILLAGES,
                parent_rate: 0.5,
                second_given_rate: 0.35,
                male: NamePool::new(SPANISH_MALE, GIVEN_ZIPF),
                female: NamePool::new(SPANISH_FEMALE, GIVEN_ZIPF),
                family: NamePool::new(SPANISH_FAMILY, 0.9),
                compound_family: false,
                two_family_names: true,
                pet_names: SPANISH_NICKNAMES,
                places: NamePool::new(SPANISH_PLACES, 0.8),
                streets: SPANISH_STREETS,
                phone: PhonePlan {
                    country_code: "52",
                    prefixes: &["55", "33", "81", "664", "998"],
                    length: 10,
                },
                script_rate: 0.0,
                no_family_rate: 0.02,
            },
        ),
    ]
}

/// Given names are spread more evenly than family names (which cluster by
/// region and community: Kumar, Devi, Hossain, Santos).
const GIVEN_ZIPF: f64 = 0.6;

/// The true person behind some records.
#[derive(Debug, Clone)]
struct Entity {
    female: bool,
    given: usize,
    /// A second given name (Juan Carlos, Md. Abdul, Ram Prasad).
    second_given: Option<usize>,
    family: Vec<usize>,
    nickname: Option<&'static str>,
    birth: (u16, u8, u8),
    phones: Vec<String>,
    address: String,
    place: usize,
    /// The father's given name, by its index in the locale's male names.
    parent: usize,
    /// The home village: its form and the index of its name in the
    /// form's pool.
    village: (usize, usize),
}

/// Numbers used by many unrelated people: a hostel, an agent, a trafficking network.
const SHARED_PHONES: usize = 3000;

/// Seed offset of the stream that draws sex and parent's name.
const EXTRA_COLUMNS_STREAM: u64 = 0x0005_e79a_7e17;

/// Number of extra registrations of a person: most once, some many times.
const EXTRA_RECORDS: [(usize, f64); 5] = [(0, 0.55), (1, 0.25), (2, 0.11), (3, 0.06), (4, 0.03)];

/// Generates the population, shuffled, with record ids in file order.
pub fn generate(options: &GeneratorOptions) -> Vec<SyntheticRecord> {
    let mut rng = Rng::new(options.seed);
    let mut columns_rng = Rng::new(options.seed ^ EXTRA_COLUMNS_STREAM);
    let locales = locales();
    let locale_weights: Vec<f64> = locales.iter().map(|(w, _)| *w).collect();
    let shared_phones: Vec<(usize, String)> = (0..SHARED_PHONES)
        .map(|_| {
            let locale = weighted(&mut rng, &locale_weights);
            (locale, new_phone(&mut rng, locales[locale].1.phone))
        })
        .collect();
    let mut records: Vec<SyntheticRecord> = Vec::with_capacity(options.records);
    let mut last_of_locale: Vec<Option<Entity>> = vec![None; locales.len()];
    let mut entity_number = 0usize;
    while records.len() < options.records {
        let locale_index = weighted(&mut rng, &locale_weights);
        let locale = &locales[locale_index].1;
        let relative = last_of_locale[locale_index]
            .as_ref()
            .filter(|_| rng.chance(0.2));
        let mut entity = new_entity(&mut rng, locale_index, locale, relative, &shared_phones);
        entity.parent = match relative {
            // A sibling shares the father; a parent or child does not.
            Some(r) if columns_rng.chance(0.5) => r.parent,
            _ => locale.male.sample(&mut columns_rng),
        };
        entity.village = match relative {
            Some(r) => r.village,
            None => new_village(&mut columns_rng, locale),
        };
        let extra = EXTRA_RECORDS[weighted(&mut rng, &EXTRA_RECORDS.map(|(_, p)| p))].0;
        for copy in 0..=extra {
            if records.len() == options.records {
                break;
            }
            let mut record = render(&mut rng, &entity, locale, copy > 0, options.reference_year);
            render_extra(&mut columns_rng, &entity, locale, copy > 0, &mut record);
            record.entity_id = format!("E{entity_number:07}");
            records.push(record);
        }
        last_of_locale[locale_index] = Some(entity);
        entity_number += 1;
    }
    // Shuffle so a person's registrations are scattered through the file.
    for i in (1..records.len()).rev() {
        let j = rng.index(i + 1);
        records.swap(i, j);
    }
    for (i, record) in records.iter_mut().enumerate() {
        record.record_id = format!("R{i:07}");
    }
    records
}

fn weighted(rng: &mut Rng, weights: &[f64]) -> usize {
    let total: f64 = weights.iter().sum();
    let mut target = rng.unit() * total;
    for (i, w) in weights.iter().enumerate() {
        if target < *w {
            return i;
        }
        target -= w;
    }
    weights.len() - 1
}

fn new_entity(
    rng: &mut Rng,
    locale_index: usize,
    locale: &Locale,
    relative: Option<&Entity>,
    shared_phones: &[(usize, String)],
) -> Entity {
    let female = rng.chance(0.6);
    let pool = if female { &locale.female } else { &locale.male };
    let given = pool.sample(rng);
    let second_given =
        Some(pool.sample(rng)).filter(|g| *g != given && rng.chance(locale.second_given_rate));
    let birth_year = match relative {
        // A sibling, child or parent: same household, different age.
        Some(r) => {
            let gap = 1 + rng.below(25) as i32;
            let year = i32::from(r.birth.0) + if rng.chance(0.5) { gap } else { -gap };
            year.clamp(1950, 2012) as u16
        }
        None => 1960 + (rng.unit().sqrt() * 52.0) as u16,
    };
    let birth = (birth_year, 1 + rng.below(12) as u8, 1 + rng.below(28) as u8);
    let family = match relative {
        Some(r) => r.family.clone(),
        None => {
            let parts = if locale.compound_family || locale.two_family_names {
                2
            } else {
                1
            };
            let mut family = Vec::with_capacity(parts);
            while family.len() < parts {
                let part = locale.family.sample(rng);
                if !family.contains(&part) {
                    family.push(part);
                }
            }
            family
        }
    };
    let name_entry = if female {
        &locale.female.entries[given]
    } else {
        &locale.male.entries[given]
    };
    let nickname = if rng.chance(0.35) {
        let own = &name_entry.nicknames;
        if !own.is_empty() && rng.chance(0.6) {
            rng.pick(own).copied()
        } else {
            rng.pick(locale.pet_names).copied()
        }
    } else {
        None
    };
    let mut phones = Vec::new();
    if let Some(r) = relative.filter(|_| rng.chance(0.5)) {
        phones.extend(r.phones.first().cloned());
    }
    if rng.chance(0.04) {
        let own_locale: Vec<&String> = shared_phones
            .iter()
            .filter(|(l, _)| *l == locale_index)
            .map(|(_, p)| p)
            .collect();
        phones.extend(rng.pick(&own_locale).map(|p| (*p).clone()));
    }
    phones.push(new_phone(rng, locale.phone));
    if rng.chance(0.2) {
        phones.push(new_phone(rng, locale.phone));
    }
    let (address, place) = match relative {
        Some(r) => (r.address.clone(), r.place),
        None => (new_address(rng, locale), locale.places.sample(rng)),
    };
    Entity {
        female,
        given,
        second_given,
        family,
        nickname,
        birth,
        phones,
        address,
        place,
        parent: 0,
        village: (0, 0),
    }
}

fn new_phone(rng: &mut Rng, plan: PhonePlan) -> String {
    let prefix = rng.pick(plan.prefixes).copied().unwrap_or("9");
    let mut number = prefix.to_string();
    while number.len() < plan.length {
        number.push(char::from(b'0' + rng.below(10) as u8));
    }
    number
}

fn new_address(rng: &mut Rng, locale: &Locale) -> String {
    let street = rng.pick(locale.streets).copied().unwrap_or("Main Road");
    format!("{} {}", 1 + rng.below(300), street)
}

/// Writes a name entry as a clerk would: local script or a romanisation.
fn write_name(rng: &mut Rng, entry: &NameEntry, script_rate: f64) -> String {
    if !entry.script.is_empty() && rng.chance(script_rate) {
        return entry.script.to_string();
    }
    spelling(rng, entry).to_string()
}

fn spelling<'a>(rng: &mut Rng, entry: &'a NameEntry) -> &'a str {
    let first = entry.spellings.first().copied().unwrap_or_default();
    if entry.spellings.len() > 1 && rng.chance(0.35) {
        rng.pick(&entry.spellings[1..]).copied().unwrap_or(first)
    } else {
        first
    }
}

fn family_name(rng: &mut Rng, entity: &Entity, locale: &Locale, in_script: bool) -> String {
    let parts: Vec<&NameEntry> = entity
        .family
        .iter()
        .map(|i| &locale.family.entries[*i])
        .collect();
    if locale.compound_family {
        if in_script {
            return parts.iter().map(|p| p.script).collect();
        }
        let mut out = String::new();
        for part in &parts {
            out.push_str(&capitalise(spelling(rng, part)));
        }
        // Sometimes split at the morpheme boundary: "Saeng Thong".
        if rng.chance(0.1) {
            let cut = spelling_len_of_first(&out, parts.len());
            out.insert(cut, ' ');
        }
        return capitalise(&out.to_lowercase());
    }
    let first = parts.first().map(|p| {
        if in_script && !p.script.is_empty() {
            p.script.to_string()
        } else {
            spelling(rng, p).to_string()
        }
    });
    let mut out = first.unwrap_or_default();
    // Spanish speakers carry two family names; registers often keep only one.
    if locale.two_family_names && parts.len() > 1 && rng.chance(0.6) {
        out.push(' ');
        out.push_str(spelling(rng, parts[1]));
    }
    out
}

fn spelling_len_of_first(joined: &str, parts: usize) -> usize {
    // Split position: after the first capitalised part (parts are capitalised).
    if parts < 2 {
        return joined.len();
    }
    joined
        .char_indices()
        .skip(1)
        .find(|(_, c)| c.is_uppercase())
        .map_or(joined.len() / 2, |(i, _)| i)
        .min(joined.len())
}

fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// One registration of an entity. Duplicates are noisier than first records.
fn render(
    rng: &mut Rng,
    entity: &Entity,
    locale: &Locale,
    duplicate: bool,
    reference_year: i32,
) -> SyntheticRecord {
    let noise = if duplicate { 1.0 } else { 0.5 };
    let in_script = locale.script_rate > 0.0 && rng.chance(locale.script_rate);
    let entry = if entity.female {
        &locale.female.entries[entity.given]
    } else {
        &locale.male.entries[entity.given]
    };
    let use_nickname = entity.nickname.is_some() && rng.chance(0.12 * noise);
    let given_is_name = !use_nickname;
    let mut given = match entity.nickname {
        Some(nick) if use_nickname => nick.to_string(),
        _ if in_script => write_name(rng, entry, 1.0),
        _ => write_name(rng, entry, 0.0),
    };
    if let Some(second) = entity
        .second_given
        .filter(|_| given_is_name && rng.chance(0.75))
    {
        let pool = if entity.female {
            &locale.female
        } else {
            &locale.male
        };
        let script_rate = if in_script { 1.0 } else { 0.0 };
        given.push(' ');
        given.push_str(&write_name(rng, &pool.entries[second], script_rate));
    }
    let mut family = family_name(rng, entity, locale, in_script);
    if rng.chance(0.08 * noise) {
        given = typo(rng, &given);
    }
    if rng.chance(0.08 * noise) {
        family = typo(rng, &family);
    }
    if rng.chance(locale.no_family_rate * noise) {
        family.clear();
    }
    if rng.chance(0.03 * noise) {
        given.clear();
    }
    if rng.chance(0.05 * noise) {
        std::mem::swap(&mut given, &mut family);
    }
    let alias = match entity.nickname {
        Some(nick) if rng.chance(0.35) => nick.to_string(),
        _ => String::new(),
    };
    let (date_of_birth, age) = birth_fields(rng, entity.birth, noise, reference_year);
    let phone = phone_field(rng, entity, locale, noise);
    let address = if rng.chance(0.2 * noise) {
        String::new()
    } else if duplicate && rng.chance(0.12) {
        new_address(rng, locale)
    } else {
        vary_address(rng, &entity.address, 0.05 * noise)
    };
    let place = if rng.chance(0.1 * noise) {
        String::new()
    } else if duplicate && rng.chance(0.1) {
        let other = locale.places.sample(rng);
        write_name(rng, &locale.places.entries[other], locale.script_rate)
    } else {
        write_name(
            rng,
            &locale.places.entries[entity.place],
            locale.script_rate,
        )
    };
    SyntheticRecord {
        record_id: String::new(),
        entity_id: String::new(),
        locale: locale.name,
        given_name: vary_case(rng, &given),
        family_name: vary_case(rng, &family),
        alias,
        date_of_birth,
        age,
        phone,
        address,
        place,
        sex: "",
        parent_name: String::new(),
        village: String::new(),
    }
}

/// Sex and a parent's name, as written at one registration.
fn render_extra(
    rng: &mut Rng,
    entity: &Entity,
    locale: &Locale,
    duplicate: bool,
    record: &mut SyntheticRecord,
) {
    let noise = if duplicate { 1.0 } else { 0.5 };
    record.sex = if rng.chance(0.04 * noise) {
        ""
    } else if rng.chance(0.005 * noise) {
        // Ticked in the wrong box.
        if entity.female {
            "M"
        } else {
            "F"
        }
    } else {
        let spelled: &[&str] = if entity.female {
            &["F", "Female", "f"]
        } else {
            &["M", "Male", "m"]
        };
        rng.pick(spelled).copied().unwrap_or_default()
    };
    record.parent_name = if rng.chance(locale.parent_rate) {
        let entry = &locale.male.entries[entity.parent];
        let written = write_name(rng, entry, locale.script_rate);
        let written = if rng.chance(0.08 * noise) {
            typo(rng, &written)
        } else {
            written
        };
        vary_case(rng, &written)
    } else {
        String::new()
    };
    record.village = if rng.chance(0.25 * noise) {
        String::new()
    } else if duplicate && rng.chance(0.1) {
        // Registered where the person was found, or after a move.
        let other = new_village(rng, locale);
        write_village(rng, locale, other)
    } else {
        write_village(rng, locale, entity.village)
    };
}

fn new_village(rng: &mut Rng, locale: &Locale) -> (usize, usize) {
    let form = rng.index(locale.village_forms.len().max(1));
    let from_family = locale
        .village_forms
        .get(form)
        .is_some_and(|f| f.from_family);
    let pool = if from_family {
        &locale.family
    } else {
        &locale.male
    };
    (form, pool.sample(rng))
}

fn write_village(rng: &mut Rng, locale: &Locale, (form, name): (usize, usize)) -> String {
    let Some(form) = locale.village_forms.get(form) else {
        return String::new();
    };
    let pool = if form.from_family {
        &locale.family
    } else {
        &locale.male
    };
    let Some(entry) = pool.entries.get(name) else {
        return String::new();
    };
    let in_script =
        !entry.script.is_empty() && !form.script.is_empty() && rng.chance(locale.script_rate);
    let written = match (in_script, form.prefix) {
        (true, true) => format!("{}{}", form.script, entry.script),
        (true, false) => format!("{}{}", entry.script, form.script),
        (false, true) => format!("{}{}", form.latin, capitalise(spelling(rng, entry))),
        (false, false) => capitalise(&format!("{}{}", spelling(rng, entry), form.latin)),
    };
    let written = if rng.chance(0.04) {
        typo(rng, &written)
    } else {
        written
    };
    vary_case(rng, &written)
}

fn birth_fields(
    rng: &mut Rng,
    birth: (u16, u8, u8),
    noise: f64,
    reference_year: i32,
) -> (String, String) {
    let (year, month, day) = birth;
    if rng.chance(0.2 * noise) {
        // No date: an estimated age (often off by a few years), or nothing.
        if rng.chance(0.6) {
            let true_age = reference_year - i32::from(year);
            let error = rng.below(7) as i32 - 3;
            return (String::new(), (true_age + error).max(1).to_string());
        }
        return (String::new(), String::new());
    }
    let roll = rng.unit() / noise.max(1e-9);
    let date = if roll < 0.05 && day <= 12 {
        (year, day, month)
    } else if roll < 0.10 {
        let digit_slip = rng.below(3);
        match digit_slip {
            0 => (year, month, (day % 10) + 10 * ((day / 10 + 1) % 3)),
            1 => ((year / 10) * 10 + (year % 10 + 1) % 10, month, day),
            _ => (year, (month % 9) + 1, day),
        }
    } else if roll < 0.14 {
        (
            if rng.chance(0.5) { year + 1 } else { year - 1 },
            month,
            day,
        )
    } else if roll < 0.17 {
        // Unknown birthday recorded as 1 January of the estimated year.
        (year, 1, 1)
    } else {
        (year, month, day)
    };
    (format_date(rng, date), String::new())
}

fn phone_field(rng: &mut Rng, entity: &Entity, locale: &Locale, noise: f64) -> String {
    if rng.chance(0.2 * noise) {
        return String::new();
    }
    if rng.chance(0.25 * noise) {
        // A new SIM since the last registration.
        let fresh = new_phone(rng, locale.phone);
        return format_phone(rng, &fresh, locale.phone.country_code);
    }
    let mut numbers: Vec<String> = Vec::new();
    if let Some(first) = rng.pick(&entity.phones) {
        numbers.push(first.clone());
    }
    if entity.phones.len() > 1 && rng.chance(0.3) {
        for p in &entity.phones {
            if !numbers.contains(p) {
                numbers.push(p.clone());
            }
        }
    }
    let written: Vec<String> = numbers
        .iter()
        .map(|n| {
            let n = if rng.chance(0.03 * noise) {
                typo_digit(rng, n)
            } else {
                n.clone()
            };
            format_phone(rng, &n, locale.phone.country_code)
        })
        .collect();
    written.join("; ")
}

fn typo_digit(rng: &mut Rng, number: &str) -> String {
    let mut digits: Vec<u8> = number.bytes().collect();
    if digits.is_empty() {
        return String::new();
    }
    let at = rng.index(digits.len());
    digits[at] = b'0' + rng.below(10) as u8;
    String::from_utf8(digits).unwrap_or_default()
}

/// Writes records as CSV with the columns of [`CSV_COLUMNS`].
pub fn write_csv(records: &[SyntheticRecord], path: &Path) -> Result<(), LinkError> {
    let file = std::fs::File::create(path).map_err(|e| LinkError::write(path, e))?;
    let mut writer = csv::Writer::from_writer(std::io::BufWriter::with_capacity(1 << 20, file));
    let fail = |e: csv::Error| LinkError::write(path, std::io::Error::other(e.to_string()));
    writer.write_record(CSV_COLUMNS).map_err(fail)?;
    for r in records {
        writer
            .write_record([
                r.record_id.as_str(),
                &r.entity_id,
                r.locale,
                &r.given_name,
                &r.family_name,
                &r.alias,
                &r.date_of_birth,
                &r.age,
                &r.phone,
                &r.address,
                &r.place,
                r.sex,
                &r.parent_name,
                &r.village,
            ])
            .map_err(fail)?;
    }
    let mut inner = writer
        .into_inner()
        .map_err(|e| LinkError::write(path, std::io::Error::other(e.to_string())))?;
    inner.flush().map_err(|e| LinkError::write(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn deterministic_for_a_seed() {
        let a = generate(&GeneratorOptions::new(2000, 7));
        let b = generate(&GeneratorOptions::new(2000, 7));
        let c = generate(&GeneratorOptions::new(2000, 8));
        assert_eq!(a, b);
        assert_ne!(a, c);
        assert_eq!(a.len(), 2000);
        let entities: std::collections::HashSet<_> = a.iter().map(|r| &r.entity_id).collect();
        assert!(
            entities.len() < 1500,
            "expected duplicates, got {} entities",
            entities.len()
        );
        assert!(a.iter().any(|r| r
            .given_name
            .chars()
            .any(|c| ('\u{0900}'..='\u{097F}').contains(&c))));
        assert!(a.iter().any(|r| r
            .given_name
            .chars()
            .any(|c| ('\u{0E00}'..='\u{0E7F}').contains(&c))));
    }

    #[test]
    fn sex_parent_and_village_are_recorded_and_consistent() {
        let records = generate(&GeneratorOptions::new(3000, 5));
        let share = |f: &dyn Fn(&SyntheticRecord) -> bool| {
            records.iter().filter(|r| f(r)).count() as f64 / records.len() as f64
        };
        assert!(share(&|r| !r.sex.is_empty()) > 0.9);
        assert!(share(&|r| !r.parent_name.is_empty()) > 0.5);
        assert!(share(&|r| !r.village.is_empty()) > 0.7);
        // Registrations of one person mostly write the parent's name alike
        // (the rest are spelling variants and typos).
        let mut parents: std::collections::HashMap<&str, Vec<String>> = Default::default();
        for r in records
            .iter()
            .filter(|r| r.locale == "es" && !r.parent_name.is_empty())
        {
            parents
                .entry(&r.entity_id)
                .or_default()
                .push(r.parent_name.to_lowercase());
        }
        let (mut same, mut pairs) = (0, 0);
        for names in parents.values() {
            for (i, a) in names.iter().enumerate() {
                for b in &names[i + 1..] {
                    pairs += 1;
                    same += usize::from(a == b);
                }
            }
        }
        assert!(pairs > 50 && same * 10 > pairs * 6, "{same} of {pairs}");
    }
}
