//! People: builds one person (profile and identity) from a sketch of who
//! they are in the case, keeping name, script, age, citizenship, languages,
//! phones and addresses consistent with their culture.

use chrono::{DateTime, NaiveDate, Utc};
use lantern_domain::iso::{CountryCode, LanguageCode};
use lantern_domain::person::{age_band, PersonIdentity, PersonProfile};
use lantern_domain::vocab::{CaseRole, Gender};
use lantern_domain::OfficeId;

use crate::contact::{address, foreign_name, phone};
use crate::cultures::{Culture, CultureId, NameOrder};
use crate::names::Name;
use crate::offices::{Lang, OfficeSpec};
use crate::places::Place;
use crate::rng::{between, chance, id, index, minutes_after, pick, shift, weighted, DemoRng};
use crate::DemoPerson;

/// ISO codes parsed once per run rather than once per person: parsing
/// scans the official lists, which would dominate the run time.
pub(crate) struct Codes {
    countries: Vec<Option<CountryCode>>,
    languages: Vec<Vec<LanguageCode>>,
}

impl Codes {
    pub fn new() -> Self {
        let countries = CultureId::ALL
            .iter()
            .map(|c| CountryCode::parse(c.spec().country).ok())
            .collect();
        let languages = CultureId::ALL
            .iter()
            .map(|c| {
                c.spec()
                    .languages
                    .iter()
                    .filter_map(|l| LanguageCode::parse(l).ok())
                    .collect()
            })
            .collect();
        Self {
            countries,
            languages,
        }
    }

    fn country(&self, culture: CultureId) -> Option<CountryCode> {
        self.countries.get(culture.index()).copied().flatten()
    }

    fn languages(&self, culture: CultureId) -> &[LanguageCode] {
        self.languages
            .get(culture.index())
            .map_or(&[], Vec::as_slice)
    }
}

/// Hands out pseudonyms: a word from the office's list, numbered from the
/// second use on ("Doel", "Doel 2", …). Lists never share a word, so the
/// result is unique across the data set.
pub(crate) struct Pseudonyms {
    used: Vec<Vec<u32>>,
}

impl Pseudonyms {
    pub fn new(offices: &[&OfficeSpec]) -> Self {
        Self {
            used: offices
                .iter()
                .map(|o| vec![0; o.pseudonyms.len()])
                .collect(),
        }
    }

    fn next(&mut self, rng: &mut DemoRng, office: usize, words: &[&'static str]) -> String {
        let i = index(rng, words.len());
        let word = words.get(i).copied().unwrap_or("Tara");
        let count = self
            .used
            .get_mut(office)
            .and_then(|counts| counts.get_mut(i))
            .map_or(1, |c| {
                *c += 1;
                *c
            });
        if count == 1 {
            word.to_owned()
        } else {
            format!("{word} {count}")
        }
    }
}

/// Who a person is, as far as the case needs to decide before building
/// them.
pub(crate) struct Sketch<'a> {
    pub culture: CultureId,
    pub role: CaseRole,
    pub gender: Gender,
    /// Age in whole years on the intake date; `None` when nobody knows.
    pub age: Option<u32>,
    /// For a guardian: the child they are the parent of.
    pub parent_of: Option<&'a Born>,
}

/// A built person and what related people (a guardian) inherit from them.
pub(crate) struct Born {
    pub person: DemoPerson,
    pub surnames: (Name, Name),
    pub feminine: bool,
    pub home: Place,
    /// Age in years at intake, as sketched.
    pub age: u32,
}

/// The office a person is recorded under, and when.
pub(crate) struct Recording<'a> {
    pub office: &'a OfficeSpec,
    pub office_index: usize,
    pub office_id: OfficeId,
    pub intake: NaiveDate,
    pub created_at: DateTime<Utc>,
    pub today: NaiveDate,
}

impl Recording<'_> {
    /// Moves the recording time on by a few minutes, for the next person.
    pub fn advance(&mut self, rng: &mut DemoRng) {
        self.created_at = minutes_after(rng, self.created_at, 15);
    }
}

const MARKS_EN: &[&str] = &[
    "Scar on left forearm",
    "Mole above upper lip",
    "Burn mark on back of right hand",
    "Tattoo of a name on right wrist",
    "Small scar on chin",
    "Birthmark on left cheek",
    "Tattoo of a star behind right ear",
];

const MARKS_ES: &[&str] = &[
    "Cicatriz en el antebrazo izquierdo",
    "Lunar sobre el labio superior",
    "Quemadura en el dorso de la mano derecha",
    "Tatuaje de un nombre en la muñeca derecha",
    "Pequeña cicatriz en el mentón",
    "Mancha de nacimiento en la mejilla izquierda",
    "Tatuaje de una estrella detrás de la oreja derecha",
];

const SUSPECT_MARKS_EN: &[&str] = &[
    "Tattoo of a snake on right arm",
    "Scar across left eyebrow",
    "Gold front tooth",
    "Walks with a slight limp (left leg)",
    "Tattoo of a scorpion on neck",
];

const SUSPECT_MARKS_ES: &[&str] = &[
    "Tatuaje de una serpiente en el brazo derecho",
    "Cicatriz en la ceja izquierda",
    "Diente frontal de oro",
    "Cojea ligeramente de la pierna izquierda",
    "Tatuaje de un alacrán en el cuello",
];

/// How much of a person's age is known, by role: victims usually have a
/// document or a medical age estimate; suspects are often only described.
fn age_knowledge(role: CaseRole) -> [(AgeKnown, u32); 3] {
    match role {
        CaseRole::Victim => [
            (AgeKnown::Birth, 55),
            (AgeKnown::Estimate, 35),
            (AgeKnown::No, 10),
        ],
        CaseRole::Suspect => [
            (AgeKnown::Birth, 25),
            (AgeKnown::Estimate, 50),
            (AgeKnown::No, 25),
        ],
        CaseRole::Witness => [
            (AgeKnown::Birth, 30),
            (AgeKnown::Estimate, 40),
            (AgeKnown::No, 30),
        ],
        CaseRole::Guardian => [
            (AgeKnown::Birth, 40),
            (AgeKnown::Estimate, 45),
            (AgeKnown::No, 15),
        ],
        CaseRole::Official => [
            (AgeKnown::Birth, 0),
            (AgeKnown::Estimate, 30),
            (AgeKnown::No, 70),
        ],
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AgeKnown {
    Birth,
    Estimate,
    No,
}

/// Builds one person.
pub(crate) fn make(
    rng: &mut DemoRng,
    codes: &Codes,
    pseudonyms: &mut Pseudonyms,
    at: &Recording<'_>,
    sketch: &Sketch<'_>,
) -> Born {
    let culture = sketch.culture.spec();
    let feminine = match sketch.gender {
        Gender::Feminine | Gender::TransgenderFeminine => true,
        Gender::Masculine | Gender::TransgenderMasculine => false,
        Gender::NonConforming | Gender::NonSpecifiedUnknown => chance(rng, 50),
    };
    let given = pick(
        rng,
        if feminine {
            culture.female
        } else {
            culture.male
        },
    );
    let surnames = surnames(rng, culture, feminine, sketch.parent_of);
    let native = given.has_native_form() && chance(rng, 50);
    let middle = (culture.order == NameOrder::Filipino && chance(rng, 60))
        .then(|| pick(rng, culture.female_family).latin.chars().next())
        .flatten();

    let legal = full_name(culture.order, given, surnames, middle, native);
    let legal_known = match sketch.role {
        CaseRole::Victim => chance(rng, 96),
        CaseRole::Suspect => chance(rng, 85),
        _ => true,
    };

    let mut aliases: Vec<String> = Vec::new();
    // The same name in the other script, as a second document or a
    // transliterating officer would write it; only for a known name.
    if legal_known && given.has_native_form() && chance(rng, 60) {
        push_alias(
            &mut aliases,
            &legal,
            full_name(culture.order, given, surnames, middle, !native),
        );
    }
    let nick_chance = if sketch.role == CaseRole::Victim {
        40
    } else {
        20
    };
    if chance(rng, nick_chance) {
        let nick = pick(
            rng,
            if feminine {
                culture.nick_female
            } else {
                culture.nick_male
            },
        );
        let script = chance(rng, 50);
        push_alias(&mut aliases, &legal, nick.in_script(script).to_owned());
    }
    if sketch.role == CaseRole::Suspect && (chance(rng, 55) || !legal_known) {
        let handle = pick(
            rng,
            if feminine {
                culture.handle_female
            } else {
                culture.handle_male
            },
        );
        let alias = if culture.handle_after_name {
            format!("{} {}", given.latin, handle.latin)
        } else {
            handle.in_script(chance(rng, 50)).to_owned()
        };
        push_alias(&mut aliases, &legal, alias);
    }
    if !legal_known && aliases.is_empty() {
        aliases.push(given.in_script(native).to_owned());
    }

    let (date_of_birth, estimated_age) = age_facts(rng, sketch, at.intake);

    let mut citizenships = Vec::with_capacity(1);
    let documented = match sketch.role {
        CaseRole::Victim => 94,
        CaseRole::Suspect => 90,
        CaseRole::Witness => 85,
        CaseRole::Guardian => 95,
        CaseRole::Official => 100,
    };
    if chance(rng, documented) {
        citizenships.extend(codes.country(sketch.culture));
    }

    let spoken = codes.languages(sketch.culture);
    let mut languages = Vec::with_capacity(spoken.len());
    for (i, language) in spoken.iter().enumerate() {
        if i == 0 || chance(rng, 35) {
            languages.push(*language);
        }
    }

    let phone_count = weighted(rng, phone_counts(sketch.role), 0);
    let mut phones = Vec::with_capacity(phone_count);
    for _ in 0..phone_count {
        let number = phone(rng, culture);
        if !phones.contains(&number) {
            phones.push(number);
        }
    }

    let home = sketch
        .parent_of
        .map_or_else(|| pick(rng, culture.places), |child| child.home);
    let foreign = foreign_name(culture, at.office.country, at.office.lang);
    let mut addresses = Vec::with_capacity(1);
    match sketch.role {
        CaseRole::Official => addresses.push(pick(rng, at.office.posts).to_owned()),
        CaseRole::Guardian => {
            let shared = sketch
                .parent_of
                .and_then(|child| child.person.identity.addresses.first())
                .filter(|_| chance(rng, 90))
                .cloned();
            addresses.push(shared.unwrap_or_else(|| address(rng, culture, home, foreign)));
        }
        role => {
            let has_address = match role {
                CaseRole::Victim => 85,
                CaseRole::Suspect => 55,
                _ => 70,
            };
            if chance(rng, has_address) {
                addresses.push(address(rng, culture, home, foreign));
            }
        }
    }

    let identifying_marks = match sketch.role {
        CaseRole::Victim if chance(rng, 15) => Some(mark(rng, at.office.lang, false)),
        CaseRole::Suspect if chance(rng, 25) => Some(mark(rng, at.office.lang, true)),
        _ => None,
    };

    let pseudonym = pseudonyms.next(rng, at.office_index, at.office.pseudonyms);
    let identity = PersonIdentity {
        legal_name: legal_known.then_some(legal),
        aliases,
        date_of_birth,
        estimated_age,
        citizenships,
        languages,
        phones,
        addresses,
        identifying_marks,
    };
    let profile = PersonProfile {
        pseudonym,
        age_band: age_band(date_of_birth, estimated_age, at.today),
        gender: sketch.gender,
    };
    Born {
        person: DemoPerson {
            id: id(rng),
            office_id: at.office_id,
            profile,
            identity,
            created_at: at.created_at,
            updated_at: at.created_at,
        },
        surnames,
        feminine,
        home,
        age: sketch.age.unwrap_or(0),
    }
}

/// Family names, inherited from the child for a guardian where the
/// culture's naming makes that certain: a Spanish-speaking father passes on
/// his first surname, a mother her first as the child's second.
fn surnames(
    rng: &mut DemoRng,
    culture: &Culture,
    feminine: bool,
    parent_of: Option<&Born>,
) -> (Name, Name) {
    let table = if feminine {
        culture.female_family
    } else {
        culture.male_family
    };
    let first = pick(rng, table);
    let second = pick(rng, culture.female_family);
    let Some(child) = parent_of else {
        return (first, second);
    };
    match culture.order {
        NameOrder::Spanish if feminine => (child.surnames.1, second),
        NameOrder::Spanish => (child.surnames.0, second),
        NameOrder::GivenOnly => (first, second),
        NameOrder::GivenFamily | NameOrder::Filipino => {
            // Where women and men draw from different family-name lists
            // (Bangladeshi "Akter", Hindi "Devi"), only a parent of the same
            // gender shares the child's.
            let shared_list = std::ptr::eq(culture.female_family, culture.male_family);
            if shared_list || feminine == child.feminine {
                (child.surnames.0, second)
            } else {
                (first, second)
            }
        }
    }
}

fn full_name(
    order: NameOrder,
    given: Name,
    (first, second): (Name, Name),
    middle: Option<char>,
    native: bool,
) -> String {
    let given = given.in_script(native);
    match order {
        NameOrder::GivenOnly => given.to_owned(),
        NameOrder::GivenFamily => format!("{given} {}", first.in_script(native)),
        NameOrder::Filipino => match middle {
            Some(initial) => format!("{given} {initial}. {}", first.latin),
            None => format!("{given} {}", first.latin),
        },
        NameOrder::Spanish => format!("{given} {} {}", first.latin, second.latin),
    }
}

fn push_alias(aliases: &mut Vec<String>, legal: &str, alias: String) {
    if alias != legal && !aliases.contains(&alias) {
        aliases.push(alias);
    }
}

/// Date of birth or estimated age from the age on the intake date.
fn age_facts(
    rng: &mut DemoRng,
    sketch: &Sketch<'_>,
    intake: NaiveDate,
) -> (Option<NaiveDate>, Option<u8>) {
    let Some(age) = sketch.age else {
        return (None, None);
    };
    match weighted(rng, &age_knowledge(sketch.role), AgeKnown::No) {
        AgeKnown::Birth => {
            let days = i64::from(age) * 365 + i64::from(age / 4) + i64::from(between(rng, 0, 364));
            (Some(shift(intake, -days)), None)
        }
        AgeKnown::Estimate => (None, u8::try_from(age.min(120)).ok()),
        AgeKnown::No => (None, None),
    }
}

fn phone_counts(role: CaseRole) -> &'static [(usize, u32)] {
    match role {
        CaseRole::Victim => &[(0, 45), (1, 45), (2, 10)],
        CaseRole::Suspect => &[(0, 15), (1, 55), (2, 30)],
        CaseRole::Witness => &[(0, 20), (1, 80)],
        CaseRole::Guardian => &[(0, 15), (1, 85)],
        CaseRole::Official => &[(1, 70), (2, 30)],
    }
}

fn mark(rng: &mut DemoRng, lang: Lang, suspect: bool) -> String {
    let table = match (lang, suspect) {
        (Lang::En, false) => MARKS_EN,
        (Lang::En, true) => SUSPECT_MARKS_EN,
        (Lang::Es, false) => MARKS_ES,
        (Lang::Es, true) => SUSPECT_MARKS_ES,
    };
    pick(rng, table).to_owned()
}
