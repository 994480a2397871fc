//! Blocking: which pairs are worth comparing.
//!
//! Several rules each give a record a few keys; records sharing a key form a
//! block. The union of all rules' pairs is taken without ever materialising a
//! pair twice: a pair is emitted only by the first rule, and within that rule
//! only by the smallest key, that the two records share. Blocks larger than the
//! cap (common names, shared phones) are not paired in full: their members are
//! sorted by what the key leaves out and each is paired with its next few
//! neighbours (a sorted neighbourhood), so the pairs stay bounded; those
//! neighbour pairs are deduplicated once, at the end, against every rule.

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::compare::{Comparator, TextKind};
use crate::config::FieldKind;
use crate::normalise::text::{combine, hash_bytes, hash_str, skeleton};
use crate::normalise::{domain, NameToken};
use crate::record::{Person, Schema, TextValue};
use crate::rng::Rng;

/// The set of pairs a task is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PairSpace {
    /// Pairs within one set of `records`.
    Dedupe { records: u32 },
    /// Records `0..left` against `left..left + right`.
    Link { left: u32, right: u32 },
}

impl PairSpace {
    pub fn total_pairs(self) -> f64 {
        match self {
            Self::Dedupe { records } => {
                let n = f64::from(records);
                n * (n - 1.0) / 2.0
            }
            Self::Link { left, right } => f64::from(left) * f64::from(right),
        }
    }

    /// Whether two records form a pair of this task (ordered a < b).
    pub(crate) fn admits(self, a: u32, b: u32) -> bool {
        match self {
            Self::Dedupe { .. } => a != b,
            Self::Link { left, .. } => (a < left) != (b < left),
        }
    }

    pub fn random_pair(self, rng: &mut Rng) -> Option<(u32, u32)> {
        match self {
            Self::Dedupe { records } if records >= 2 => {
                let a = rng.below(u64::from(records)) as u32;
                let b = rng.below(u64::from(records)) as u32;
                (a != b).then(|| (a.min(b), a.max(b)))
            }
            Self::Link { left, right } if left > 0 && right > 0 => {
                let a = rng.below(u64::from(left)) as u32;
                let b = left + rng.below(u64::from(right)) as u32;
                Some((a, b))
            }
            _ => None,
        }
    }
}

/// One blocking rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Skeletons of a given name (or alias) and a family name, in either order:
    /// catches transliterations and swapped names.
    NamePair,
    /// Birth date (day and month in either order) and the initial of a name.
    BirthDateInitial,
    /// Both name skeletons (either order) and a plausible birth year: the
    /// name pair alone is too common at a million records.
    NameYear,
    /// Both name skeletons and the day and month of birth: survives a
    /// mistyped or estimated year.
    NameDayMonth,
    /// Both name skeletons and a place (by its romanisation skeleton): for
    /// records without a usable birth date whose names are too common alone.
    NamePlace,
    /// Any shared phone number.
    Phone,
    /// Given-name skeleton and a plausible birth year: survives a changed or
    /// missing family name and estimated ages.
    GivenBirthYear,
    /// Family-name skeleton and a plausible birth year: survives nicknames.
    FamilyBirthYear,
    /// An identical document number.
    Identifier,
    /// Family-name skeleton and a shared place or code.
    FamilyPlace,
    /// Given-name skeleton and a shared place or code: survives a changed
    /// family name and a missing birth date.
    GivenPlace,
    /// Any name word (given, family, alias, in any field) and the same
    /// address: survives a missing or swapped name, a new phone and a missing
    /// or estimated birth date. Relatives share the address, so its blocks
    /// are households: small, but not used for training.
    NameAddress,
    /// One name's skeleton, the other name's initial and a plausible birth
    /// year, both ways round: survives a typo or an unrelated spelling in
    /// one of the names, and swapped names.
    NameInitialYear,
    /// Day and month of birth (either order) with the initials of both
    /// names (either order): survives a wrong year and a misspelt or
    /// differently romanised name.
    DayMonthInitials,
    /// A given name (or alias) and the day and month of birth (either
    /// order): survives a missing family name and a wrong year.
    GivenDayMonth,
    /// Any name word (given, family or alias) and a word of the parent's
    /// name: for records without a usable birth date, phone or address.
    /// Siblings share the parent and the family name, so its blocks are
    /// partly households and are not used for training.
    NameParent,
}

impl Rule {
    /// Whether this rule's small blocks are used for training. Blocks keyed on
    /// a place gather namesakes and households of one town: EM would take
    /// them for matches and learn that matches often differ in birth date.
    pub fn trains(self) -> bool {
        !matches!(
            self,
            Self::NamePlace
                | Self::FamilyPlace
                | Self::GivenPlace
                | Self::NameAddress
                | Self::NameParent
        )
    }

    /// Whether pairs found by this rule agree on `comparator` by construction,
    /// so that field says nothing about them (training leaves it out).
    pub fn blocks_on(self, comparator: Comparator) -> bool {
        use Comparator as C;
        match (self, comparator) {
            (
                Self::NamePair | Self::NameYear | Self::NameDayMonth,
                C::GivenName | C::FamilyName,
            )
            | (Self::NameYear | Self::NameDayMonth, C::Birth)
            | (
                Self::BirthDateInitial
                | Self::GivenBirthYear
                | Self::FamilyBirthYear
                | Self::NameInitialYear
                | Self::DayMonthInitials
                | Self::GivenDayMonth,
                C::Birth,
            )
            | (Self::GivenBirthYear | Self::GivenDayMonth, C::GivenName)
            | (Self::NameInitialYear, C::GivenName | C::FamilyName)
            | (Self::FamilyBirthYear | Self::FamilyPlace, C::FamilyName)
            | (Self::GivenPlace, C::GivenName)
            | (Self::Phone, C::Phone)
            | (Self::NameParent, C::ParentName) => true,
            (Self::Identifier, C::Text { kind, .. }) => kind == TextKind::Identifier,
            (Self::FamilyPlace, C::Text { kind, .. }) => {
                matches!(kind, TextKind::Place | TextKind::Code)
            }
            _ => false,
        }
    }
}

/// Ordered so the cheapest, most selective rules claim shared pairs first.
/// Measured on the synthetic million: these find the most true pairs per
/// candidate. Given-or-family-name-with-year, family-name-with-place and
/// names-with-place keys add many pairs for few matches (names-with-place:
/// +0.4 points of F1 for +28% candidates) and are available on request.
pub const DEFAULT_RULES: &[Rule] = &[
    Rule::Phone,
    Rule::Identifier,
    Rule::BirthDateInitial,
    Rule::GivenDayMonth,
    Rule::NameAddress,
    Rule::NameInitialYear,
    Rule::NamePair,
    Rule::NameParent,
];

/// See [`Blocker::block_cap`].
const WEAK_RULE_CAP_DIVISOR: usize = 3;

/// Names have few words; more than this many per part adds keys, not recall.
const NAME_WORDS_FOR_KEYS: usize = 3;
/// An age estimated as "20-40" says too little to block on.
const MAX_YEARS_FOR_KEYS: u16 = 8;
/// Estimated ages are up to three years off.
const AGE_SLACK_YEARS: u16 = 3;

/// The rules that apply to a schema, with the block-size cap.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Blocker {
    pub rules: Vec<Rule>,
    pub max_block_size: usize,
    identifier_slots: Vec<usize>,
    place_slots: Vec<usize>,
    #[serde(default)]
    address_slots: Vec<usize>,
}

impl Blocker {
    /// The rules that apply to a schema: `requested` if given (rules whose
    /// fields are missing are dropped), otherwise the default set.
    pub fn new(schema: &Schema, max_block_size: usize, requested: Option<&[Rule]>) -> Self {
        let names = schema.has(Schema::is_name_kind);
        let family = schema.has(|k| matches!(k, FieldKind::FamilyName | FieldKind::FullName));
        let birth = schema.has(|k| matches!(k, FieldKind::DateOfBirth | FieldKind::Age));
        let parents = schema.has(|k| k == FieldKind::ParentName);
        let slots = |wanted: &dyn Fn(FieldKind) -> bool| -> Vec<usize> {
            schema
                .text_fields
                .iter()
                .enumerate()
                .filter(|(_, t)| wanted(t.kind))
                .map(|(slot, _)| slot)
                .collect()
        };
        let identifier_slots = slots(&|k| k == FieldKind::Identifier);
        let place_slots = slots(&|k| matches!(k, FieldKind::Place | FieldKind::Code));
        let address_slots = slots(&|k| k == FieldKind::Address);
        let applies = |rule: Rule| match rule {
            Rule::NamePair => family,
            Rule::BirthDateInitial | Rule::GivenBirthYear => birth && names,
            Rule::NameYear | Rule::NameDayMonth | Rule::FamilyBirthYear => birth && family,
            Rule::Phone => schema.has(|k| k == FieldKind::Phone),
            Rule::Identifier => !identifier_slots.is_empty(),
            Rule::FamilyPlace | Rule::NamePlace => family && !place_slots.is_empty(),
            Rule::GivenPlace => names && !place_slots.is_empty(),
            Rule::NameAddress => names && !address_slots.is_empty(),
            Rule::NameInitialYear | Rule::DayMonthInitials => birth && family,
            Rule::GivenDayMonth => birth && names,
            Rule::NameParent => parents && names,
        };
        let rules = requested
            .unwrap_or(DEFAULT_RULES)
            .iter()
            .copied()
            .filter(|r| applies(*r))
            .collect();
        Self {
            rules,
            max_block_size,
            identifier_slots,
            place_slots,
            address_slots,
        }
    }

    /// Largest block a rule pairs up. Keys that are weak on their own (one
    /// name and an initial, a given name and a birthday, a name pair) gather
    /// many namesakes at a million records: their blocks are held to a
    /// third of the cap, which costs little recall (the other rules find
    /// most of those pairs) and halves the candidate pairs.
    pub fn block_cap(&self, rule: Rule) -> usize {
        match rule {
            Rule::NameInitialYear
            | Rule::GivenDayMonth
            | Rule::DayMonthInitials
            | Rule::NameParent => (self.max_block_size / WEAK_RULE_CAP_DIVISOR).max(2),
            _ => self.max_block_size,
        }
    }

    /// The keys a record has under one rule (unsorted, may repeat).
    pub fn keys(&self, rule: Rule, person: &Person, out: &mut Vec<u64>) {
        let salt = rule as u64 + 1;
        let given = || {
            person
                .given
                .iter()
                .take(NAME_WORDS_FOR_KEYS)
                .chain(person.aliases.iter().take(NAME_WORDS_FOR_KEYS))
        };
        let family_words = word_keys(&person.family);
        let mut given_words = word_keys(&person.given);
        given_words.extend(word_keys(&person.aliases));
        let family = || person.family.iter().take(NAME_WORDS_FOR_KEYS);
        let name_pairs = |out: &mut Vec<u64>, extra: u64| {
            for &(g, _) in &given_words {
                for &(f, _) in &family_words {
                    let (low, high) = (g.min(f), g.max(f));
                    out.push(combine(combine(combine(salt, low), high), extra));
                }
            }
        };
        match rule {
            Rule::NamePair => name_pairs(out, 0),
            Rule::NameYear => {
                if let Some((first, last)) = key_years(person) {
                    for year in first..=last {
                        name_pairs(out, u64::from(year));
                    }
                }
            }
            Rule::NamePlace => {
                for slot in &self.place_slots {
                    if let Some(Some(place)) = person.texts.get(*slot) {
                        name_pairs(out, place.skeleton);
                    }
                }
            }
            Rule::NameDayMonth => {
                if let Some(day_month) = day_month(person) {
                    name_pairs(out, day_month);
                }
            }
            Rule::DayMonthInitials => {
                if let Some(day_month) = day_month(person) {
                    let base = combine(salt, day_month);
                    for &(_, g) in &given_words {
                        for &(_, f) in &family_words {
                            let (low, high) = (g.min(f), g.max(f));
                            out.push(combine(base, u64::from(low) << 8 | u64::from(high)));
                        }
                    }
                }
            }
            Rule::GivenDayMonth => {
                if let Some(day_month) = day_month(person) {
                    let base = combine(salt, day_month);
                    out.extend(given_words.iter().map(|(g, _)| combine(base, *g)));
                }
            }
            Rule::BirthDateInitial => {
                if let Some(date) = person.birth.date.filter(|d| d.month != 0 && d.day != 0) {
                    let (low, high) = (date.month.min(date.day), date.month.max(date.day));
                    let base = combine(
                        salt,
                        u64::from(date.year) << 16 | u64::from(low) << 8 | u64::from(high),
                    );
                    let initials = person
                        .given
                        .first()
                        .into_iter()
                        .chain(person.family.first());
                    for token in initials {
                        out.push(combine(base, u64::from(token.initial)));
                    }
                }
            }
            Rule::Phone => out.extend(person.phones.iter().map(|p| combine(salt, *p))),
            Rule::GivenBirthYear => name_years(salt, given(), person, out),
            Rule::FamilyBirthYear => name_years(salt, family(), person, out),
            Rule::Identifier => {
                for slot in &self.identifier_slots {
                    if let Some(Some(value)) = person.texts.get(*slot) {
                        out.push(combine(salt, value.hash));
                    }
                }
            }
            Rule::FamilyPlace => self.name_places(salt, family(), person, out),
            Rule::GivenPlace => self.name_places(salt, given(), person, out),
            Rule::NameAddress => {
                for (position, slot) in self.address_slots.iter().enumerate() {
                    if let Some(Some(address)) = person.texts.get(*slot) {
                        let base = combine(combine(salt, position as u64), address_key(address));
                        let words = given_words.iter().chain(&family_words).map(|(s, _)| *s);
                        out.extend(words.map(|w| combine(base, w)));
                    }
                }
            }
            Rule::NameParent => {
                for (parent, _) in word_keys(&person.parents) {
                    let base = combine(salt, parent);
                    out.extend(given_words.iter().map(|(w, _)| combine(base, *w)));
                }
            }
            Rule::NameInitialYear => {
                if let Some((first, last)) = key_years(person) {
                    for &(g, g_initial) in &given_words {
                        for &(f, f_initial) in &family_words {
                            // Both ways round, so a swapped record has the same keys.
                            for (word, initial) in [(g, f_initial), (f, g_initial)] {
                                let base = combine(combine(salt, word), u64::from(initial));
                                for year in first..=last {
                                    out.push(combine(base, u64::from(year)));
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// An address as its numbers and the initials of its words: "222 Nehru
/// Colony" and "222 Nehzu Colony", "158 Av. Revolucion" and "158 Avenidaa
/// Revolucion" share it; neighbours at another number do not.
fn address_key(address: &TextValue) -> u64 {
    let initials: Vec<u8> = address
        .text
        .split(' ')
        .filter(|w| !w.bytes().any(|b| b.is_ascii_digit()))
        .filter_map(|w| w.bytes().next())
        .collect();
    combine(address.numbers, hash_bytes(domain::TEXT, &initials))
}

/// Skeletons (with initials) of the words of a name, and of the words run
/// together when there are several: Thai family names are written as one
/// word or split at a morpheme ("Khamsuk", "Kham Sook"), Spanish ones as
/// "Dela Cruz" or "Delacruz", given names as "Rosemarie" or "Rose Marie".
fn word_keys(tokens: &[NameToken]) -> Vec<(u64, u8)> {
    let words = &tokens[..tokens.len().min(NAME_WORDS_FOR_KEYS)];
    let mut out: Vec<(u64, u8)> = words.iter().map(|t| (t.skeleton, t.initial)).collect();
    if words.len() > 1 {
        let joined: String = words.iter().map(|t| &*t.latin).collect();
        let skeleton = skeleton(&joined);
        out.push((
            hash_str(domain::SKELETON, &skeleton),
            skeleton.as_bytes().first().copied().unwrap_or(b'_'),
        ));
    }
    out
}

/// Blocks larger than this are left out even from the sorted
/// neighbourhood: a key shared by that many records says nothing.
const MAX_WINDOWED_BLOCK: usize = 20_000;
/// Neighbours each record of an oversized block is paired with.
pub const OVERSIZED_WINDOW: usize = 6;

impl Blocker {
    /// Where a record sorts inside an oversized block of `rule`: by what the
    /// rule's key leaves out, so that records agreeing on it end up side by
    /// side (names sort by birth date and place, birthdays by names, and so on).
    pub fn order_key(&self, rule: Rule, person: &Person) -> u64 {
        let low = |h: u64| h & 0xFFFF_FFFF;
        let birth = person
            .birth
            .date
            .map(|d| d.key())
            .or_else(|| person.birth.years.map(|(first, _)| u64::from(first) << 16))
            .unwrap_or(0);
        let first_skeleton = |tokens: &[NameToken]| tokens.first().map_or(0, |t| t.skeleton);
        let (g, f) = (
            first_skeleton(&person.given),
            first_skeleton(&person.family),
        );
        let names = combine(g.min(f), g.max(f));
        let place = self
            .place_slots
            .iter()
            .find_map(|slot| person.texts.get(*slot).and_then(|t| t.as_ref()))
            .map_or(0, |t| t.skeleton);
        match rule {
            Rule::NamePair | Rule::NamePlace | Rule::NameAddress => birth << 32 | low(place),
            // Namesakes of one parent's name sort by their other name, then
            // by place: a record without a birth date stays beside its twin.
            Rule::NameParent => low(names) << 32 | low(place),
            Rule::NameYear
            | Rule::NameInitialYear
            | Rule::GivenBirthYear
            | Rule::FamilyBirthYear => birth << 32 | low(names),
            Rule::GivenDayMonth | Rule::GivenPlace => low(f) << 32 | birth >> 16,
            Rule::FamilyPlace => low(g) << 32 | birth >> 16,
            Rule::NameDayMonth
            | Rule::BirthDateInitial
            | Rule::DayMonthInitials
            | Rule::Phone
            | Rule::Identifier => low(names) << 32 | birth >> 16,
        }
    }
}

impl Blocker {
    /// A second order for the oversized blocks of name pairs: by every
    /// place the record gives (district and village), then birth. A
    /// record without a birth date sorts first under [`Blocker::order_key`],
    /// far from its twin with one; here it sorts beside the namesakes of
    /// its own village, where the twin is.
    pub fn second_order_key(&self, rule: Rule, person: &Person) -> Option<u64> {
        if rule != Rule::NamePair {
            return None;
        }
        let places = self
            .place_slots
            .iter()
            .filter_map(|slot| person.texts.get(*slot).and_then(|t| t.as_ref()))
            .fold(0, |key, place| combine(key, place.skeleton));
        let birth = person.birth.years.map_or(0, |(first, _)| u64::from(first));
        Some((places & 0xFFFF_FFFF_FFFF_0000) | birth)
    }
}

/// Day and month of birth in either order (they are often swapped), when
/// the record has a full date.
fn day_month(person: &Person) -> Option<u64> {
    let date = person.birth.date.filter(|d| d.month != 0 && d.day != 0)?;
    Some(u64::from(date.month.min(date.day)) << 8 | u64::from(date.month.max(date.day)))
}

/// Birth years to put in keys: the year of a date, or the years an estimated
/// age allows, widened because estimates are often a few years off.
fn key_years(person: &Person) -> Option<(u16, u16)> {
    let (mut first, mut last) = person.birth.years?;
    if person.birth.date.is_none() {
        first = first.saturating_sub(AGE_SLACK_YEARS);
        last = last.saturating_add(AGE_SLACK_YEARS);
    }
    (last.saturating_sub(first) <= MAX_YEARS_FOR_KEYS).then_some((first, last))
}

impl Blocker {
    /// Keys of a name word with each place or code the record has.
    fn name_places<'a>(
        &self,
        salt: u64,
        tokens: impl Iterator<Item = &'a NameToken> + Clone,
        person: &Person,
        out: &mut Vec<u64>,
    ) {
        for (position, slot) in self.place_slots.iter().enumerate() {
            if let Some(Some(value)) = person.texts.get(*slot) {
                let base = combine(combine(salt, position as u64), value.hash);
                out.extend(tokens.clone().map(|t| combine(base, t.skeleton)));
            }
        }
    }
}

fn name_years<'a>(
    salt: u64,
    tokens: impl Iterator<Item = &'a NameToken>,
    person: &Person,
    out: &mut Vec<u64>,
) {
    let Some((first, last)) = key_years(person) else {
        return;
    };
    for token in tokens {
        for year in first..=last {
            out.push(combine(combine(salt, token.skeleton), u64::from(year)));
        }
    }
}

/// Records grouped by key for one rule: `members[offsets[i]..offsets[i + 1]]`
/// share `keys[i]`. Only blocks within the size cap are kept.
#[derive(Debug, Clone, Default)]
pub struct KeyTable {
    pub keys: Vec<u64>,
    pub offsets: Vec<u32>,
    pub members: Vec<u32>,
    pub skipped_blocks: u64,
}

impl KeyTable {
    pub fn build(blocker: &Blocker, rule: Rule, people: &[Person]) -> Self {
        Self::build_windowed(blocker, rule, people, 0).0
    }

    /// As [`KeyTable::build`]; blocks over the cap are not simply skipped
    /// when `window` is above 0: their members are sorted by what the rule's
    /// key leaves out ([`Blocker::order_key`]) and each is paired with the
    /// `window` records after it (a sorted neighbourhood inside the block),
    /// so a common name costs `window` pairs per record, not its square.
    pub fn build_windowed(
        blocker: &Blocker,
        rule: Rule,
        people: &[Person],
        window: usize,
    ) -> (Self, Vec<(u32, u32)>) {
        let mut entries: Vec<(u64, u32)> = people
            .par_iter()
            .enumerate()
            .flat_map_iter(|(index, person)| {
                let mut keys = Vec::new();
                blocker.keys(rule, person, &mut keys);
                keys.into_iter().map(move |k| (k, index as u32))
            })
            .collect();
        entries.par_sort_unstable();
        entries.dedup();
        let mut table = Self {
            offsets: vec![0],
            ..Self::default()
        };
        let mut start = 0;
        let mut oversized: Vec<(usize, usize)> = Vec::new();
        while start < entries.len() {
            let key = entries[start].0;
            let end = start + entries[start..].partition_point(|e| e.0 == key);
            if end - start <= blocker.block_cap(rule) {
                table.keys.push(key);
                table
                    .members
                    .extend(entries[start..end].iter().map(|e| e.1));
                table.offsets.push(table.members.len() as u32);
            } else {
                table.skipped_blocks += 1;
                if window > 0 && end - start <= MAX_WINDOWED_BLOCK {
                    oversized.push((start, end));
                }
            }
            start = end;
        }
        let windowed: Vec<(u32, u32)> = oversized
            .par_iter()
            .flat_map_iter(|&(start, end)| {
                let block = &entries[start..end];
                let order = |key: &dyn Fn(&Person) -> Option<u64>| {
                    let mut members: Vec<(u64, u32)> = block
                        .iter()
                        .filter_map(|e| Some((key(&people[e.1 as usize])?, e.1)))
                        .collect();
                    members.sort_unstable();
                    members
                };
                let first = order(&|p| Some(blocker.order_key(rule, p)));
                let second = order(&|p| blocker.second_order_key(rule, p));
                let mut pairs = Vec::with_capacity((first.len() + second.len()) * window);
                for members in [first, second] {
                    for (i, &(_, a)) in members.iter().enumerate() {
                        for &(_, b) in members.iter().skip(i + 1).take(window) {
                            pairs.push((a.min(b), a.max(b)));
                        }
                    }
                }
                pairs
            })
            .collect();
        (table, windowed)
    }

    pub fn block(&self, index: usize) -> &[u32] {
        &self.members[self.offsets[index] as usize..self.offsets[index + 1] as usize]
    }

    /// Members of the block with this key, if the block exists and is within the cap.
    pub fn lookup(&self, key: u64) -> &[u32] {
        match self.keys.binary_search(&key) {
            Ok(index) => self.block(index),
            Err(_) => &[],
        }
    }

    /// For each record, its keys that could pair it with another record, sorted.
    fn by_record(&self, records: usize) -> RecordKeys {
        let mut counts = vec![0u32; records + 1];
        let shared = |i: usize| self.offsets[i + 1] - self.offsets[i] >= 2;
        for i in (0..self.keys.len()).filter(|&i| shared(i)) {
            for &m in self.block(i) {
                counts[m as usize + 1] += 1;
            }
        }
        for i in 1..counts.len() {
            counts[i] += counts[i - 1];
        }
        let mut keys = vec![0u64; counts[records] as usize];
        let mut fill = counts.clone();
        // Keys are visited in ascending order, so each record's list comes out sorted.
        for i in (0..self.keys.len()).filter(|&i| shared(i)) {
            for &m in self.block(i) {
                keys[fill[m as usize] as usize] = self.keys[i];
                fill[m as usize] += 1;
            }
        }
        RecordKeys {
            offsets: counts,
            keys,
        }
    }
}

struct RecordKeys {
    offsets: Vec<u32>,
    keys: Vec<u64>,
}

impl RecordKeys {
    fn of(&self, record: u32) -> &[u64] {
        let r = record as usize;
        &self.keys[self.offsets[r] as usize..self.offsets[r + 1] as usize]
    }

    /// Smallest key two records share.
    fn first_shared(&self, a: u32, b: u32) -> Option<u64> {
        let (x, y) = (self.of(a), self.of(b));
        let (mut i, mut j) = (0, 0);
        while i < x.len() && j < y.len() {
            match x[i].cmp(&y[j]) {
                std::cmp::Ordering::Less => i += 1,
                std::cmp::Ordering::Greater => j += 1,
                std::cmp::Ordering::Equal => return Some(x[i]),
            }
        }
        None
    }
}

/// Blocks up to this size supply training pairs.
const TRAINING_BLOCK_SIZE: usize = 6;

/// Counts for one rule, for the summary.
#[derive(Debug, Clone, Serialize)]
pub struct RuleStats {
    pub rule: Rule,
    /// Pairs this rule added that no earlier rule had.
    pub new_pairs: u64,
    pub skipped_blocks: u64,
}

#[derive(Debug, Default)]
pub struct Candidates {
    /// Ordered pairs `(a, b)`, `a < b`, each exactly once.
    pub pairs: Vec<(u32, u32)>,
    pub rules: Vec<RuleStats>,
    /// Per rule, pairs from its smallest blocks (whether or not an earlier rule
    /// also found them). A rare key shared by a few records is usually the same
    /// person, so these pairs have enough matches for EM to find them.
    pub training: Vec<(Rule, Vec<(u32, u32)>)>,
    /// Pairs from sorted neighbourhoods inside oversized blocks (after all
    /// rules' pairs in [`Candidates::pairs`]).
    pub windowed_pairs: u64,
}

impl Candidates {
    /// The pairs each rule contributed, in rule order.
    pub fn by_rule(&self) -> impl Iterator<Item = (Rule, &[(u32, u32)])> {
        let mut start = 0usize;
        self.rules.iter().map(move |stats| {
            let end = (start + stats.new_pairs as usize).min(self.pairs.len());
            let slice = &self.pairs[start..end];
            start = end;
            (stats.rule, slice)
        })
    }
}

/// All candidate pairs of a task: the union of every rule's blocks.
pub fn candidate_pairs(blocker: &Blocker, people: &[Person], space: PairSpace) -> Candidates {
    let mut earlier: Vec<RecordKeys> = Vec::with_capacity(blocker.rules.len());
    let mut out = Candidates::default();
    let mut windowed: Vec<(u32, u32)> = Vec::new();
    for &rule in &blocker.rules {
        let (table, neighbours) = KeyTable::build_windowed(blocker, rule, people, OVERSIZED_WINDOW);
        windowed.extend(neighbours.into_iter().filter(|(a, b)| space.admits(*a, *b)));
        let current = table.by_record(people.len());
        let pairs: Vec<(u32, u32)> = (0..table.keys.len())
            .into_par_iter()
            .flat_map_iter(|block_index| {
                let key = table.keys[block_index];
                let members = table.block(block_index);
                let earlier = &earlier;
                let current = &current;
                members.iter().enumerate().flat_map(move |(i, &a)| {
                    members[i + 1..].iter().filter_map(move |&b| {
                        let first_here = current.first_shared(a, b) == Some(key);
                        let new = space.admits(a, b)
                            && first_here
                            && earlier.iter().all(|rule| rule.first_shared(a, b).is_none());
                        new.then_some((a, b))
                    })
                })
            })
            .collect();
        let training: Vec<(u32, u32)> = (0..table.keys.len())
            .into_par_iter()
            .filter(|&i| rule.trains() && table.block(i).len() <= TRAINING_BLOCK_SIZE)
            .flat_map_iter(|i| {
                let members = table.block(i);
                members.iter().enumerate().flat_map(move |(j, &a)| {
                    members[j + 1..]
                        .iter()
                        .filter(move |&&b| space.admits(a, b))
                        .map(move |&b| (a, b))
                })
            })
            .collect();
        out.training.push((rule, training));
        out.rules.push(RuleStats {
            rule,
            new_pairs: pairs.len() as u64,
            skipped_blocks: table.skipped_blocks,
        });
        out.pairs.extend(pairs);
        earlier.push(current);
    }
    // Neighbours in oversized blocks: once each, and only those that no
    // block within the cap already gave.
    windowed.par_sort_unstable();
    windowed.dedup();
    windowed.retain(|(a, b)| {
        earlier
            .iter()
            .all(|rule| rule.first_shared(*a, *b).is_none())
    });
    out.windowed_pairs = windowed.len() as u64;
    out.pairs.extend(windowed);
    out
}
