//! Field comparisons: each turns a pair of records into an agreement level
//! (0 = disagree, higher = closer) or "null" when either side is missing.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::config::FieldKind;
use crate::normalise::date::{Birth, Date};
use crate::normalise::phone::one_typo_apart;
use crate::normalise::text::combine;
use crate::normalise::NameToken;
use crate::record::{Person, Schema, TextValue};
use crate::similarity::{jaro_winkler_at_least, within_one_edit};

/// Level recorded when either record lacks the field: it carries no evidence.
pub const NULL_LEVEL: u8 = u8::MAX;

/// Result of comparing one field of a pair.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Outcome {
    pub level: u8,
    /// Key of the value both records share, for term-frequency adjustment (0: none).
    pub tf_key: u64,
}

impl Outcome {
    pub const NULL: Self = Self {
        level: NULL_LEVEL,
        tf_key: 0,
    };

    fn level(level: u8) -> Self {
        Self { level, tf_key: 0 }
    }

    fn with_key(level: u8, tf_key: u64) -> Self {
        Self { level, tf_key }
    }
}

/// How a field is compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Comparator {
    GivenName,
    FamilyName,
    ParentName,
    Birth,
    Phone,
    /// A text field, by its slot in [`Person::texts`].
    Text {
        slot: usize,
        kind: TextKind,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum TextKind {
    Address,
    Place,
    Code,
    Identifier,
    Gender,
}

/// One compared field: its name in the output, levels, and whether rare values
/// count for more (term-frequency adjustment) at its top levels.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Field {
    pub name: String,
    pub comparator: Comparator,
    /// Number of levels including 0; the top level is `levels - 1`.
    pub levels: u8,
    /// Lowest level at which term frequencies replace the u-probability.
    pub tf_from_level: Option<u8>,
    /// Human-readable meaning of each level, for explanations.
    pub level_names: Vec<String>,
    pub evidence: Evidence,
}

/// Whose attribute a field is. Relatives share family name, phone, address
/// and place, so agreement on those alone must not make two people one: see
/// [`crate::model::combine_weights`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Evidence {
    Person,
    Household,
}

/// Name levels.
const NAME_LEVELS: [&str; 5] = [
    "different",
    "similar (Jaro-Winkler >= 0.80 or initial)",
    "close (Jaro-Winkler >= 0.92 or one edit)",
    "same after transliteration, phonetics or nickname",
    "exact",
];
const BIRTH_LEVELS: [&str; 6] = [
    "different",
    "estimated age within 4 years",
    "same year (estimated age, or 1 January standing for an unknown day)",
    "year within 1 and month or day equal",
    "day/month swapped or one digit wrong",
    "exact",
];

/// The set of fields compared for a schema.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Comparer {
    pub fields: Vec<Field>,
}

impl Comparer {
    pub fn new(schema: &Schema) -> Self {
        let mut fields = Vec::new();
        let names = |levels: &[&str]| levels.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        if schema.has(|k| Schema::is_name_kind(k) && k != FieldKind::FamilyName) {
            fields.push(Field {
                name: "given_name".into(),
                comparator: Comparator::GivenName,
                levels: 5,
                tf_from_level: Some(3),
                level_names: names(&NAME_LEVELS),
                evidence: Evidence::Person,
            });
        }
        if schema.has(|k| matches!(k, FieldKind::FamilyName | FieldKind::FullName)) {
            fields.push(Field {
                name: "family_name".into(),
                comparator: Comparator::FamilyName,
                levels: 5,
                tf_from_level: Some(3),
                level_names: names(&NAME_LEVELS),
                evidence: Evidence::Household,
            });
        }
        if schema.has(|k| k == FieldKind::ParentName) {
            fields.push(Field {
                name: "parent_name".into(),
                comparator: Comparator::ParentName,
                levels: 5,
                tf_from_level: Some(3),
                level_names: names(&NAME_LEVELS),
                evidence: Evidence::Household,
            });
        }
        if schema.has(|k| matches!(k, FieldKind::DateOfBirth | FieldKind::Age)) {
            fields.push(Field {
                name: "birth".into(),
                comparator: Comparator::Birth,
                levels: 6,
                tf_from_level: Some(5),
                level_names: names(&BIRTH_LEVELS),
                evidence: Evidence::Person,
            });
        }
        if schema.has(|k| k == FieldKind::Phone) {
            fields.push(Field {
                name: "phone".into(),
                comparator: Comparator::Phone,
                levels: 3,
                tf_from_level: Some(2),
                level_names: names(&["different", "one digit wrong", "same number"]),
                evidence: Evidence::Household,
            });
        }
        for (slot, text) in schema.text_fields.iter().enumerate() {
            let (kind, level_names, tf_from_level): (TextKind, &[&str], Option<u8>) =
                match text.kind {
                    FieldKind::Address => (
                        TextKind::Address,
                        &[
                            "different",
                            "similar (Jaro-Winkler >= 0.75)",
                            "close (Jaro-Winkler >= 0.90)",
                            "exact",
                        ],
                        Some(3),
                    ),
                    FieldKind::Place => (
                        TextKind::Place,
                        &[
                            "different",
                            "variant spelling or one name within the other",
                            "exact",
                        ],
                        Some(2),
                    ),
                    FieldKind::Identifier => (
                        TextKind::Identifier,
                        &[
                            "different",
                            "two characters wrong",
                            "one character wrong",
                            "exact",
                        ],
                        None,
                    ),
                    FieldKind::Gender => (TextKind::Gender, &["different", "same"], None),
                    _ => (
                        TextKind::Code,
                        &["different", "one character wrong", "exact"],
                        Some(2),
                    ),
                };
            fields.push(Field {
                name: text.name.clone(),
                comparator: Comparator::Text { slot, kind },
                levels: u8::try_from(level_names.len()).unwrap_or(2),
                tf_from_level,
                level_names: names(level_names),
                evidence: if matches!(kind, TextKind::Identifier | TextKind::Gender) {
                    Evidence::Person
                } else {
                    Evidence::Household
                },
            });
        }
        Self { fields }
    }

    /// Compares every field of a pair; `out` must have one slot per field.
    pub fn compare(&self, a: &Person, b: &Person, out: &mut [Outcome]) {
        let mut names = None;
        for (index, slot) in out.iter_mut().enumerate().take(self.fields.len()) {
            *slot = self.compare_field(index, a, b, &mut names);
        }
    }

    /// Compares every pair, in parallel, and maps each pair's outcomes with
    /// `f`; results in the order of `pairs`.
    pub fn map_pairs<T: Send>(
        &self,
        people: &[Person],
        pairs: &[(u32, u32)],
        f: impl Fn(u32, u32, &[Outcome]) -> T + Sync,
    ) -> Vec<T> {
        pairs
            .par_chunks(4096)
            .flat_map_iter(|chunk| {
                let mut outcomes = vec![Outcome::NULL; self.fields.len()];
                chunk
                    .iter()
                    .map(|&(a, b)| {
                        self.compare(&people[a as usize], &people[b as usize], &mut outcomes);
                        f(a, b, &outcomes)
                    })
                    .collect::<Vec<_>>()
            })
            .collect()
    }

    /// Compares one field. Given and family names are compared together (to
    /// see swaps); `names` keeps that result for the other name field.
    pub fn compare_field(
        &self,
        index: usize,
        a: &Person,
        b: &Person,
        names: &mut Option<(Outcome, Outcome)>,
    ) -> Outcome {
        let mut both_names = || *names.get_or_insert_with(|| compare_names(a, b));
        match self.fields[index].comparator {
            Comparator::GivenName => both_names().0,
            Comparator::FamilyName => both_names().1,
            Comparator::ParentName => token_sets(&a.parents, &b.parents),
            Comparator::Birth => compare_birth(&a.birth, &b.birth),
            Comparator::Phone => compare_phones(&a.phones, &b.phones),
            // Given names are mostly of one sex, so agreeing names already
            // imply agreeing sexes: counting both would count one fact twice.
            // A differing sex still counts against the pair.
            Comparator::Text {
                kind: TextKind::Gender,
                slot,
            } => match (&a.texts[slot], &b.texts[slot]) {
                (Some(x), Some(y)) if x.hash != y.hash => Outcome::level(0),
                (Some(_), Some(_)) if !matches!(both_names().0.level, 3..=4) => Outcome::level(1),
                _ => Outcome::NULL,
            },
            Comparator::Text { slot, kind } => match (&a.texts[slot], &b.texts[slot]) {
                (Some(x), Some(y)) => compare_text(kind, x, y),
                _ => Outcome::NULL,
            },
        }
    }

    /// Index of the given-name field, if the schema has one.
    pub fn given_field(&self) -> Option<usize> {
        self.fields
            .iter()
            .position(|f| f.comparator == Comparator::GivenName)
    }

    /// Relative cost of comparing a field, to compare cheap fields first.
    pub fn cost(&self, index: usize) -> u8 {
        match self.fields[index].comparator {
            Comparator::Birth | Comparator::Phone => 0,
            Comparator::Text {
                kind: TextKind::Code | TextKind::Identifier | TextKind::Gender,
                ..
            } => 1,
            Comparator::GivenName | Comparator::FamilyName => 2,
            // Places are mostly equal or not (a hash); parents' names need
            // string similarity: places first reject more pairs cheaply.
            Comparator::Text {
                kind: TextKind::Place,
                ..
            } => 3,
            Comparator::ParentName => 4,
            Comparator::Text {
                kind: TextKind::Address,
                ..
            } => 5,
        }
    }
}

/// Compares given and family names together so that swapped names are seen:
/// "Kumar Ram" against "Ram Kumar" agrees on both, one level below exact.
fn compare_names(a: &Person, b: &Person) -> (Outcome, Outcome) {
    let straight = (given_level(a, b), token_sets(&a.family, &b.family));
    let complete = |p: &Person| !p.given.is_empty() && !p.family.is_empty();
    if (straight.0.level >= 3 && straight.1.level >= 3) || !(complete(a) && complete(b)) {
        return straight;
    }
    // A swap counts only when both names agree the other way round (allowing
    // a typo in either) and better than straight; it is strong evidence but
    // not exact, and the shared value came from the other field, so that
    // field's frequency table does not apply.
    let swapped_given = token_sets(&a.given, &b.family);
    let swapped_family = token_sets(&a.family, &b.given);
    let (sg, sf) = (swapped_given.level, swapped_family.level);
    let straight_sum = u16::from(straight.0.level) + u16::from(straight.1.level);
    if sg >= 2 && sf >= 2 && u16::from(sg) + u16::from(sf) > straight_sum {
        (Outcome::level(sg.min(3)), Outcome::level(sf.min(3)))
    } else {
        straight
    }
}

fn given_level(a: &Person, b: &Person) -> Outcome {
    let direct = token_sets(&a.given, &b.given);
    if direct.level >= 3 || (a.aliases.is_empty() && b.aliases.is_empty()) {
        return direct;
    }
    // Aliases and nicknames: any known name of one against any of the other.
    // An alias agreement is capped below exact; a missing side says nothing.
    let mut best = direct;
    for (left, right) in [
        (&a.aliases, &b.given),
        (&a.given, &b.aliases),
        (&a.aliases, &b.aliases),
    ] {
        let found = token_sets(left, right);
        if found.level == NULL_LEVEL {
            continue;
        }
        let found = Outcome::level(found.level.min(3));
        if best.level == NULL_LEVEL || found.level > best.level {
            best = found;
        }
    }
    best
}

/// Best agreement between any word of one name and any word of the other,
/// also trying the words run together ("dela cruz" = "delacruz").
fn token_sets(a: &[NameToken], b: &[NameToken]) -> Outcome {
    if a.is_empty() || b.is_empty() {
        return Outcome::NULL;
    }
    let equal = equal_tokens(a, b);
    if equal.level >= 3 {
        return several_words(a, b, equal);
    }
    if a.len() > 1 || b.len() > 1 {
        let joined =
            |t: &'_ [NameToken]| t.iter().flat_map(|w| w.latin.bytes()).collect::<Vec<u8>>();
        let letters = |t: &[NameToken]| t.iter().map(|w| w.latin.len()).sum::<usize>();
        if letters(a) == letters(b) && joined(a) == joined(b) {
            return Outcome::level(4);
        }
    }
    // String similarity only when no word agreed outright: it is the costly part.
    let mut best = 0;
    for x in a {
        for y in b {
            best = best.max(similar_level(&x.latin, &y.latin));
        }
    }
    if best >= 2 && conflicting_words(a, b) {
        best = 1;
    }
    Outcome::level(best)
}

/// Whether two names of several words each have a word unlike any of the
/// other's ("Maria Cristina", "Maria Luisa"): two people of a common first
/// name, not one person written twice.
fn conflicting_words(a: &[NameToken], b: &[NameToken]) -> bool {
    if a.len() < 2 || b.len() < 2 {
        return false;
    }
    let alike = |x: &NameToken, y: &NameToken| {
        x.exact == y.exact
            || x.skeleton == y.skeleton
            || x.phonetic == y.phonetic
            || x.shares_nickname_group(y)
            || similar_level(&x.latin, &y.latin) >= 2
    };
    let unmatched =
        |p: &[NameToken], q: &[NameToken]| p.iter().any(|x| !q.iter().any(|y| alike(x, y)));
    unmatched(a, b) && unmatched(b, a)
}

/// Names of several words that agree on one: when every word of the
/// shorter name agrees exactly, the pair of words is rarer than either
/// ("Maria Luisa" against "Maria"), so its frequency is used; when each
/// side has a word unlike any of the other's ("Maria Cristina", "Maria
/// Luisa"), they are two people of a common first name: only similar.
fn several_words(a: &[NameToken], b: &[NameToken], agreed: Outcome) -> Outcome {
    if a.len() < 2 || b.len() < 2 {
        return agreed;
    }
    if conflicting_words(a, b) {
        return Outcome::level(1);
    }
    let exact: Vec<u64> = a
        .iter()
        .take(NAME_WORDS_FOR_PAIRS)
        .filter(|x| {
            b.iter()
                .take(NAME_WORDS_FOR_PAIRS)
                .any(|y| y.exact == x.exact)
        })
        .map(|x| x.exact)
        .collect();
    match exact.as_slice() {
        [first, second, ..] if agreed.level == 4 && first != second => {
            Outcome::with_key(4, word_pair_key(*first, *second))
        }
        _ => agreed,
    }
}

/// Words of a name whose pairs are counted for term frequencies.
pub const NAME_WORDS_FOR_PAIRS: usize = 3;

/// Frequency key of two words of one name, in either order.
pub fn word_pair_key(x: u64, y: u64) -> u64 {
    combine(combine(0x7061_6972, x.min(y)), x.max(y))
}

/// Best agreement by equality of some form: spelling (4), or skeleton,
/// sound or nickname group (3). Level 0 when none.
fn equal_tokens(a: &[NameToken], b: &[NameToken]) -> Outcome {
    let mut best = Outcome::level(0);
    for x in a {
        for y in b {
            if x.exact == y.exact {
                return Outcome::with_key(4, x.exact);
            }
            if best.level < 3 {
                // Skeletons and sounds of short names collide ("Usha" and
                // "Asha" share a skeleton, "Rita" and "Radha" a sound):
                // they count only for spellings that are alike anyway.
                let alike = |floor| jaro_winkler_at_least(&x.latin, &y.latin, floor).is_some();
                if x.skeleton == y.skeleton && alike(SKELETON_FLOOR) {
                    best = Outcome::with_key(3, x.skeleton);
                } else if x.shares_nickname_group(y)
                    || (x.phonetic == y.phonetic && alike(PHONETIC_FLOOR))
                {
                    best = Outcome::level(3);
                }
            }
        }
    }
    best
}

/// Jaro-Winkler below which an equal skeleton or sound is taken for chance.
const SKELETON_FLOOR: f64 = 0.7;
const PHONETIC_FLOOR: f64 = 0.8;

/// Levels 0-2 from spelling similarity; an initial matches its name at level 1.
fn similar_level(p: &str, q: &str) -> u8 {
    if p.len() == 1 || q.len() == 1 {
        return u8::from(p.as_bytes().first() == q.as_bytes().first());
    }
    if p.len().min(q.len()) >= 4 && within_one_edit(p, q) {
        return 2;
    }
    match jaro_winkler_at_least(p, q, 0.80) {
        Some(similarity) if similarity >= 0.92 => 2,
        Some(_) => 1,
        None => 0,
    }
}

fn compare_birth(a: &Birth, b: &Birth) -> Outcome {
    let (Some(ya), Some(yb)) = (a.years, b.years) else {
        return Outcome::NULL;
    };
    let full = |d: Option<Date>| d.filter(|d| d.month != 0 && d.day != 0);
    if let (Some(da), Some(db)) = (full(a.date), full(b.date)) {
        if da == db {
            return Outcome::with_key(5, da.key());
        }
        let swapped = da.year == db.year && da.month == db.day && da.day == db.month;
        if swapped || digit_edits(da.digits(), db.digits()) <= 1 {
            return Outcome::level(4);
        }
        let close_year = da.year.abs_diff(db.year) <= 1;
        if close_year && (da.month == db.month || da.day == db.day) {
            return Outcome::level(3);
        }
        // 1 January stands for an unknown birthday in many registers.
        let placeholder = |d: Date| d.month == 1 && d.day == 1;
        if close_year && (placeholder(da) || placeholder(db)) {
            return Outcome::level(2);
        }
        // Two written dates that differ in day and month (and are no slip of
        // either) belong to different people, however close the years:
        // siblings are born a year or two apart.
        return Outcome::level(0);
    }
    // An estimated age or a partial date: are the years compatible?
    // Distance between the two ranges of years (0 when they overlap).
    let gap = yb.0.saturating_sub(ya.1).max(ya.0.saturating_sub(yb.1));
    Outcome::level(match gap {
        0 => 2,
        g if g <= AGE_TOLERANCE_YEARS => 1,
        _ => 0,
    })
}

/// Estimated ages are often a few years off (and the age itself spans two
/// possible birth years).
const AGE_TOLERANCE_YEARS: u16 = 4;

/// Substitutions, plus adjacent transpositions counted as one edit.
fn digit_edits(a: [u8; 8], b: [u8; 8]) -> usize {
    let mut edits = 0;
    let mut i = 0;
    while i < 8 {
        if a[i] != b[i] {
            edits += 1;
            if i + 1 < 8 && a[i] == b[i + 1] && a[i + 1] == b[i] {
                i += 1;
            }
        }
        i += 1;
    }
    edits
}

fn compare_phones(a: &[u64], b: &[u64]) -> Outcome {
    if a.is_empty() || b.is_empty() {
        return Outcome::NULL;
    }
    let mut best = Outcome::level(0);
    for x in a {
        for y in b {
            if x == y {
                return Outcome::with_key(2, *x);
            }
            if one_typo_apart(*x, *y) {
                best = Outcome::level(1);
            }
        }
    }
    best
}

/// Whether every word of `short` is a word of `long`.
fn contains_word(long: &str, short: &str) -> bool {
    // The substring test is cheap and rules out almost every pair.
    short.len() < long.len()
        && long.contains(short)
        && short.split(' ').all(|w| long.split(' ').any(|l| l == w))
}

fn compare_text(kind: TextKind, a: &TextValue, b: &TextValue) -> Outcome {
    let exact = a.hash == b.hash;
    let (x, y) = (&*a.text, &*b.text);
    match kind {
        TextKind::Address => {
            if exact {
                return Outcome::with_key(3, a.hash);
            }
            // House numbers and street words apart: "12 Rizal St" and
            // "45 Rizal St" share a street, not an address.
            let same_numbers = a.numbers == b.numbers;
            let same_words = a.skeleton == b.skeleton;
            let level =
                if same_numbers && (same_words || jaro_winkler_at_least(x, y, 0.90).is_some()) {
                    2
                } else {
                    u8::from(same_numbers || same_words)
                };
            Outcome::level(level)
        }
        TextKind::Place => {
            if exact {
                return Outcome::with_key(2, a.hash);
            }
            // Spelling variants (Jessore, Jashore), one name inside the other
            // (Cebu, Cebu City), or close spellings.
            let close = a.skeleton == b.skeleton
                || contains_word(x, y)
                || contains_word(y, x)
                || jaro_winkler_at_least(x, y, 0.88).is_some();
            Outcome::level(u8::from(close))
        }
        TextKind::Code => {
            if exact {
                return Outcome::with_key(2, a.hash);
            }
            Outcome::level(u8::from(within_one_edit(x, y)))
        }
        TextKind::Identifier => {
            if exact {
                return Outcome::level(3);
            }
            if within_one_edit(x, y) {
                return Outcome::level(2);
            }
            // Document numbers are copied by hand: two slips still say a lot.
            let two_edits =
                x.len().abs_diff(y.len()) <= 2 && strsim::damerau_levenshtein(x, y) <= 2;
            Outcome::level(u8::from(two_edits))
        }
        TextKind::Gender => Outcome::level(u8::from(exact)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Options;
    use crate::normalise::Normaliser;

    fn person(given: &str, family: &str) -> Person {
        let n = Normaliser::new(&Options::default());
        Person {
            given: n.name_tokens(given).into(),
            family: n.name_tokens(family).into(),
            ..Person::default()
        }
    }

    #[test]
    fn names_across_scripts_and_swaps() {
        let (g, f) = compare_names(&person("Rahim", "Hossain"), &person("রহিম", "হোসেন"));
        assert_eq!((g.level, f.level), (3, 3));
        let (g, f) = compare_names(&person("Ram", "Kumar"), &person("Kumar", "Ram"));
        assert_eq!((g.level, f.level), (3, 3));
        let (g, _) = compare_names(&person("Roberto", "Garcia"), &person("Beto", "Garcia"));
        assert_eq!(g.level, 3);
        let (g, f) = compare_names(
            &person("Roberto", "Gonzales"),
            &person("Robertp", "Gonzalex"),
        );
        assert_eq!((g.level, f.level), (2, 2));
        let (g, _) = compare_names(&person("", "Santos"), &person("Maria", "Santos"));
        assert_eq!(g.level, NULL_LEVEL);
    }

    #[test]
    fn a_record_agrees_with_itself_at_every_top_level() {
        let config = crate::config::LinkConfig::parse(
            "id = \"id\"\n[columns]\ng = \"given_name\"\nf = \"family_name\"\nd = \"dob\"\np = \"phone\"\n\
             a = \"address\"\nx = \"place\"\nc = \"code\"\ni = \"identifier\"\ns = \"gender\"\n",
        )
        .unwrap();
        let schema = Schema::new(&config);
        let normaliser = Normaliser::new(&config.options);
        let row = [
            "Ana Maria",
            "Cruz",
            "1990-01-02",
            "+63 917 123 4567",
            "12 Rizal St",
            "Cebu",
            "6000",
            "AB123",
            "f",
        ];
        // Row values follow the config's (sorted) column order.
        let order: Vec<&str> = config
            .columns
            .iter()
            .map(|(name, _)| match name.as_str() {
                "g" => row[0],
                "f" => row[1],
                "d" => row[2],
                "p" => row[3],
                "a" => row[4],
                "x" => row[5],
                "c" => row[6],
                "i" => row[7],
                _ => row[8],
            })
            .collect();
        let person = schema.person(&order, &normaliser, &|raw| normaliser.name_tokens(raw));
        let comparer = Comparer::new(&schema);
        let mut out = vec![Outcome::NULL; comparer.fields.len()];
        comparer.compare(&person, &person, &mut out);
        for (field, outcome) in comparer.fields.iter().zip(&out) {
            assert_eq!(usize::from(field.levels), field.level_names.len());
            if field.name == "s" {
                // The agreeing given names already say the sex is the same.
                assert_eq!(outcome.level, NULL_LEVEL);
            } else {
                assert_eq!(outcome.level, field.levels - 1, "{}", field.name);
            }
        }
    }

    #[test]
    fn sex_counts_only_when_the_given_names_do_not_imply_it() {
        let config = crate::config::LinkConfig::parse(
            "id = \"id\"\n[columns]\ng = \"given_name\"\nf = \"family_name\"\ns = \"gender\"\n",
        )
        .unwrap();
        let schema = Schema::new(&config);
        let normaliser = Normaliser::new(&config.options);
        let comparer = Comparer::new(&schema);
        let sex_field = comparer.fields.iter().position(|f| f.name == "s").unwrap();
        let level = |a: [&str; 3], b: [&str; 3]| {
            let person = |row: &[&str; 3]| {
                // Config order is sorted: f, g, s.
                schema.person(&[row[1], row[0], row[2]], &normaliser, &|raw| {
                    normaliser.name_tokens(raw)
                })
            };
            let mut out = vec![Outcome::NULL; comparer.fields.len()];
            comparer.compare(&person(&a), &person(&b), &mut out);
            out[sex_field].level
        };
        assert_eq!(
            level(["Maria", "Cruz", "F"], ["Maria", "Cruz", "female"]),
            NULL_LEVEL
        );
        assert_eq!(level(["Maria", "Cruz", "F"], ["Mario", "Cruz", "M"]), 0);
        assert_eq!(level(["Maria", "Cruz", "F"], ["Maria", "Cruz", "M"]), 0);
        assert_eq!(level(["Baby", "Cruz", "f"], ["Nene", "Cruz", "F"]), 1);
        assert_eq!(level(["", "Cruz", "f"], ["Nene", "Cruz", "Female"]), 1);
    }

    #[test]
    fn dates_with_typos_and_swaps() {
        let d = |year, month, day| Birth::from_date(Date { year, month, day });
        assert_eq!(compare_birth(&d(1990, 4, 12), &d(1990, 4, 12)).level, 5);
        assert_eq!(compare_birth(&d(1990, 4, 12), &d(1990, 12, 4)).level, 4);
        assert_eq!(compare_birth(&d(1990, 4, 12), &d(1991, 4, 12)).level, 4);
        assert_eq!(compare_birth(&d(1990, 4, 12), &d(1991, 4, 2)).level, 3);
        assert_eq!(compare_birth(&d(1990, 4, 12), &d(1990, 1, 1)).level, 2);
        // Siblings: close years, different birthdays.
        assert_eq!(compare_birth(&d(1990, 4, 12), &d(1991, 9, 23)).level, 0);
        let age = Birth {
            date: None,
            years: Some((1988, 1989)),
        };
        assert_eq!(compare_birth(&d(1989, 4, 12), &age).level, 2);
        assert_eq!(compare_birth(&d(1992, 4, 12), &age).level, 1);
        assert_eq!(compare_birth(&d(1970, 4, 12), &age).level, 0);
    }
}
