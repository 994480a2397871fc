//! Possible duplicates: warnings when a person is recorded, and the review
//! queue of probable same-person pairs with merge and unmerge.
//!
//! Candidates are found without opening anyone's identity. Each person's
//! blocking keys (phonetic and transliterated forms of name words, taken in
//! pairs so swapped and missing names still meet; a name word with the birth
//! year; the last digits of each phone) rest in `person_lookup` as keyed
//! blind-index digests, next to the exact name and phone digests. A
//! candidate is a person sharing a digest. Only candidates are opened, in
//! memory, and each pair is scored by the linkage engine's Fellegi–Sunter
//! model.
//!
//! The model is trained once per process, without labels, on a synthetic
//! population from the engine's own generator (fixed size and seed, so the
//! same m- and u-probabilities every time) rather than on the records: the
//! records cannot be decrypted wholesale to train on, and the few decrypted
//! candidates are far too few. Scores use the plain m/u probabilities
//! without term-frequency adjustment for the same reason.

use std::collections::hash_map::Entry;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use lantern_domain::duplicate::MatchReason;
use lantern_domain::person::PersonIdentity;
use lantern_domain::{PersonId, Sensitive};
use lantern_linkage::compare::{Comparator, Outcome, TextKind};
use lantern_linkage::dataset::Dataset;
use lantern_linkage::generate::{generate, GeneratorOptions};
use lantern_linkage::link::Task;
use lantern_linkage::model::TermFrequencies;
use lantern_linkage::normalise::Normaliser;
use lantern_linkage::record::Person as LinkPerson;
use lantern_linkage::{Engine, LinkConfig, Model};
use lantern_storage::{
    CollisionScope, DuplicatePair, DuplicatePairId, PairDecision, PairStatus, StoredPerson,
};

use crate::policy::{allows, require, Action, Sight};
use crate::{Actor, App, AppError};

/// Possible duplicates from this match probability are shown at intake.
pub const INTAKE_THRESHOLD: f64 = 0.5;
/// Pairs from this match probability enter the review queue.
pub const QUEUE_THRESHOLD: f64 = 0.9;
/// People opened and scored at most for one intake check.
const INTAKE_CANDIDATES: u32 = 40;
/// Possible duplicates shown at most.
const INTAKE_SHOWN: usize = 8;
/// Digests shared by more people than this are too common to block on.
pub const MAX_BLOCK: u32 = 60;
/// Colliding pairs fetched per round of a scan.
const SCAN_BATCH: u32 = 5_000;
/// People kept opened (normalised, in memory) during a scan at most.
const SCAN_CACHE: usize = 50_000;

/// The engine's view of a Lantern identity. Column names are the
/// engine's; their kinds decide the comparisons.
const LINK_CONFIG: &str = r#"
id = "id"
[columns]
name = "full_name"
alias = "alias"
date_of_birth = "date_of_birth"
age = "age"
phone = "phone"
address = "address"
[options]
age_reference_year = 2025
u_sample_pairs = 100000
em_sample_pairs = 100000
"#;
/// Year against which `LINK_CONFIG` reads ages.
const AGE_REFERENCE_YEAR: i32 = 2025;
/// Size and seed of the synthetic training population.
const TRAINING_RECORDS: usize = 8_000;
const TRAINING_SEED: u64 = 0x1a57_e2d0_d0b1;

/// Version of the blocking keys: part of the blind-index purpose, so keys
/// computed differently never meet old ones.
const BLOCK_PURPOSE: &str = "person-block-v1";

/// The trained engine, shared by every request of the process.
struct Matcher {
    engine: Engine,
    model: Model,
    no_frequencies: TermFrequencies,
}

static MATCHER: OnceLock<Result<Matcher, String>> = OnceLock::new();
static NORMALISER: OnceLock<Normaliser> = OnceLock::new();

fn normaliser() -> &'static Normaliser {
    NORMALISER.get_or_init(|| Normaliser::new(&lantern_linkage::config::Options::default()))
}

fn link_config() -> Result<LinkConfig, String> {
    LinkConfig::parse(LINK_CONFIG)
}

impl Matcher {
    fn train() -> Result<Self, String> {
        let engine = Engine::new(link_config()?);
        let records = generate(&GeneratorOptions::new(TRAINING_RECORDS, TRAINING_SEED));
        let mut ids = Vec::with_capacity(records.len());
        let mut people = Vec::with_capacity(records.len());
        for record in &records {
            let name = format!("{} {}", record.given_name, record.family_name);
            let address = [record.address.as_str(), record.place.as_str()].join(", ");
            let cells = [
                ("name", name.as_str()),
                ("alias", record.alias.as_str()),
                ("date_of_birth", record.date_of_birth.as_str()),
                ("age", record.age.as_str()),
                ("phone", record.phone.as_str()),
                ("address", address.as_str()),
            ];
            ids.push(record.record_id.clone());
            people.push(person_of(&engine, &cells));
        }
        let task = Task::new(
            Dataset {
                path: PathBuf::from("synthetic"),
                ids,
                people,
            },
            None,
        )
        .map_err(|e| e.to_string())?;
        let model = engine.train(&task).model;
        Ok(Self {
            engine,
            model,
            no_frequencies: TermFrequencies::default(),
        })
    }

    fn person(&self, identity: &PersonIdentity, this_year: i32) -> LinkPerson {
        let name = identity.legal_name.clone().unwrap_or_default();
        let aliases = identity.aliases.join(" ");
        let birth = identity
            .date_of_birth
            .map(|d| d.format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        // The engine reads ages against a fixed year; shift the estimate so
        // it points at the same birth year.
        let age = identity
            .estimated_age
            .map(|a| (i32::from(a) + AGE_REFERENCE_YEAR - this_year).to_string())
            .unwrap_or_default();
        let phones = identity.phones.join("; ");
        let address = identity.addresses.first().cloned().unwrap_or_default();
        let cells = [
            ("name", name.as_str()),
            ("alias", aliases.as_str()),
            ("date_of_birth", birth.as_str()),
            ("age", age.as_str()),
            ("phone", phones.as_str()),
            ("address", address.as_str()),
        ];
        person_of(&self.engine, &cells)
    }

    /// The match probability of two records and the reasons for it.
    fn score(&self, a: &LinkPerson, b: &LinkPerson) -> (f64, Vec<MatchReason>) {
        let comparer = &self.model.comparer;
        let mut outcomes = vec![Outcome::NULL; comparer.fields.len()];
        comparer.compare(a, b, &mut outcomes);
        let score = self.model.score(&outcomes, &self.no_frequencies);
        let mut reasons: Vec<MatchReason> = comparer
            .fields
            .iter()
            .zip(&outcomes)
            .zip(&score.weights)
            .filter(|(_, weight)| **weight > 0.0)
            .filter_map(|((field, outcome), _)| {
                let top = outcome.level + 2 >= field.levels;
                reason(field.comparator, top)
            })
            .collect();
        reasons.sort_unstable();
        reasons.dedup();
        (score.probability(), reasons)
    }
}

/// A record for the engine from `(column, value)` cells.
fn person_of(engine: &Engine, cells: &[(&str, &str)]) -> LinkPerson {
    let row: Vec<&str> = engine
        .config
        .columns
        .iter()
        .map(|(name, _)| {
            cells
                .iter()
                .find(|(column, _)| column == name)
                .map_or("", |(_, value)| *value)
        })
        .collect();
    let normaliser = &engine.normaliser;
    engine
        .schema
        .person(&row, normaliser, &|raw| normaliser.name_tokens(raw))
}

/// A positive field weight in words; `top` is one of the field's two best
/// levels (exact, or the same after transliteration, phonetics or nickname).
fn reason(comparator: Comparator, top: bool) -> Option<MatchReason> {
    Some(match (comparator, top) {
        (Comparator::GivenName, true) => MatchReason::GivenNameSame,
        (Comparator::GivenName, false) => MatchReason::GivenNameSimilar,
        (Comparator::FamilyName, true) => MatchReason::FamilyNameSame,
        (Comparator::FamilyName, false) => MatchReason::FamilyNameSimilar,
        (Comparator::Birth, true) => MatchReason::DateOfBirthMatches,
        (Comparator::Birth, false) => MatchReason::DateOfBirthClose,
        (Comparator::Phone, _) => MatchReason::SamePhone,
        (
            Comparator::Text {
                kind: TextKind::Address,
                ..
            },
            _,
        ) => MatchReason::AddressSimilar,
        _ => return None,
    })
}

/// The trained matcher, training it on first use (a second or so, off the
/// async workers).
async fn matcher() -> Result<&'static Matcher, AppError> {
    if let Some(ready) = MATCHER.get() {
        return ready
            .as_ref()
            .map_err(|_| AppError::Internal("linkage model"));
    }
    tokio::task::spawn_blocking(|| MATCHER.get_or_init(Matcher::train))
        .await
        .map_err(|_| AppError::Internal("linkage model"))?
        .as_ref()
        .map_err(|_| AppError::Internal("linkage model"))
}

/// Trains the model now, so the first intake does not wait for it.
pub async fn warm_up() -> Result<(), AppError> {
    matcher().await.map(|_| ())
}

/// The blocking keys of an identity, before keyed hashing. Built from the
/// linkage engine's normaliser (transliteration to Latin, Double Metaphone,
/// consonant skeletons), whose outputs are hashes, not names.
pub(crate) fn blocking_keys(identity: &PersonIdentity) -> Vec<String> {
    let normaliser = normaliser();
    let mut keys = Vec::new();
    let year = identity.date_of_birth.map(|d| {
        use chrono::Datelike;
        d.year()
    });
    for name in identity.legal_name.iter().chain(&identity.aliases) {
        let tokens = normaliser.name_tokens(name);
        if let [only] = tokens.as_slice() {
            keys.push(format!("p1:{:x}", only.phonetic));
        }
        // Every pair of words, in either order: swapped given and family
        // names and a dropped middle name still share a key.
        for (i, a) in tokens.iter().enumerate() {
            for b in &tokens[i + 1..] {
                let (p, q) = ordered(a.phonetic, b.phonetic);
                keys.push(format!("pp:{p:x}:{q:x}"));
                let (s, t) = ordered(a.skeleton, b.skeleton);
                keys.push(format!("sp:{s:x}:{t:x}"));
            }
            if let Some(year) = year {
                keys.push(format!("py:{:x}:{year}", a.phonetic));
            }
        }
    }
    for phone in &identity.phones {
        let digits: String = phone.chars().filter(char::is_ascii_digit).collect();
        if digits.len() >= 8 {
            // The last eight digits: the same number written with or
            // without a country or trunk prefix.
            keys.push(format!("pl:{}", &digits[digits.len() - 8..]));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    keys
}

fn ordered(a: u64, b: u64) -> (u64, u64) {
    (a.min(b), a.max(b))
}

pub(crate) fn block_purpose() -> &'static str {
    BLOCK_PURPOSE
}

/// A person the actor sees in full who may be the one being recorded.
#[derive(Debug, Clone)]
pub struct DuplicateCandidate {
    pub person: PersonId,
    pub pseudonym: String,
    pub legal_name: Option<Sensitive<String>>,
    pub probability: f64,
    pub reasons: Vec<MatchReason>,
}

/// Whether to look for duplicates before saving a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DuplicateCheck {
    /// Look, and refuse to save while possible duplicates exist.
    Warn,
    /// The user saw the possible duplicates and confirmed a new person.
    Acknowledged,
}

impl DuplicateCheck {
    pub fn acknowledged(yes: bool) -> Self {
        if yes {
            Self::Acknowledged
        } else {
            Self::Warn
        }
    }
}

/// Fields shown for a possible duplicate, as the audit log names them.
const CANDIDATE_FIELDS: [&str; 2] = ["pseudonym", "legal_name"];

impl App {
    /// People the actor sees in full who may be the person described by
    /// `identity`, most probable first. Only people in cases the actor sees
    /// in full are considered, so the answer never reveals a person kept
    /// from them. Each one shown is recorded as a read.
    pub(crate) async fn possible_duplicates(
        &self,
        actor: &Actor,
        identity: &Sensitive<PersonIdentity>,
        exclude: Option<PersonId>,
    ) -> Result<Vec<DuplicateCandidate>, AppError> {
        let digests = self.identity.lookups(identity);
        let ids = self
            .storage
            .people_sharing_digests(&digests, actor.id(), self.now(), exclude, INTAKE_CANDIDATES)
            .await?;
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let matcher = matcher().await?;
        let this_year = chrono::Datelike::year(&self.today());
        let new = matcher.person(identity.expose(), this_year);
        let mut found = Vec::new();
        for id in ids {
            // The storage query already kept to the actor's teams and
            // grants; the policy has the last word.
            if !matches!(self.person_sight(actor, id).await, Ok((Sight::Full, _))) {
                continue;
            }
            let Some((stored, other)) = self.open_person(id).await? else {
                continue;
            };
            let (probability, reasons) =
                matcher.score(&new, &matcher.person(other.expose(), this_year));
            if probability >= INTAKE_THRESHOLD {
                found.push(DuplicateCandidate {
                    person: id,
                    pseudonym: stored.profile.pseudonym,
                    legal_name: other.expose().legal_name.clone().map(Sensitive::new),
                    probability,
                    reasons,
                });
            }
        }
        found.sort_by(|a, b| {
            b.probability
                .total_cmp(&a.probability)
                .then(a.person.cmp(&b.person))
        });
        found.truncate(INTAKE_SHOWN);
        for candidate in &found {
            self.audit_read(
                actor,
                "person.duplicate-candidate",
                "person",
                candidate.person.as_uuid(),
                &CANDIDATE_FIELDS,
            )
            .await?;
        }
        Ok(found)
    }

    /// Refuses to save while the person may already be recorded, unless the
    /// user acknowledged the warning.
    pub(crate) async fn check_duplicates(
        &self,
        actor: &Actor,
        identity: &Sensitive<PersonIdentity>,
        exclude: Option<PersonId>,
        check: DuplicateCheck,
    ) -> Result<(), AppError> {
        if check == DuplicateCheck::Acknowledged {
            return Ok(());
        }
        let found = self.possible_duplicates(actor, identity, exclude).await?;
        if found.is_empty() {
            Ok(())
        } else {
            Err(AppError::PossibleDuplicates(found))
        }
    }

    /// A stored person with their opened identity; `None` when missing or
    /// erased.
    async fn open_person(
        &self,
        id: PersonId,
    ) -> Result<Option<(StoredPerson, Sensitive<PersonIdentity>)>, AppError> {
        let Some(stored) = self.storage.get_person(id).await? else {
            return Ok(None);
        };
        let identity =
            self.identity
                .open(stored.id, &stored.identity, stored.data_key.as_deref())?;
        Ok(identity.map(|identity| (stored, identity)))
    }
}

/// What one scan did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct ScanReport {
    /// Pairs sharing a blocking key that were scored.
    pub pairs_scored: u64,
    /// People whose identity was opened to score them.
    pub people_opened: u64,
    /// Pairs added to the review queue.
    pub pairs_queued: u64,
}

impl App {
    /// Scores every pair of people sharing a blocking-key digest that is not
    /// yet in the review queue, and queues those from `QUEUE_THRESHOLD`.
    /// Runs as the system: it shows nothing to anyone, and records one audit
    /// entry saying how many identities it opened.
    pub async fn scan_duplicates(&self) -> Result<ScanReport, AppError> {
        self.scan_duplicates_within(u64::MAX).await
    }

    /// A scan that stops after scoring `max_pairs` pairs. Pairs involving a
    /// suspect are scored before all others, so a scan cut short (by this
    /// budget, an error or a shutdown) has covered them first.
    pub async fn scan_duplicates_within(&self, max_pairs: u64) -> Result<ScanReport, AppError> {
        let matcher = matcher().await?;
        let this_year = chrono::Datelike::year(&self.today());
        let mut report = ScanReport::default();
        // Each person is opened once and kept, normalised, for the rest of
        // the scan (bounded), then dropped.
        let mut opened: HashMap<PersonId, Option<Arc<LinkPerson>>> = HashMap::new();
        let outcome = async {
            for scope in [CollisionScope::SuspectInvolved, CollisionScope::NoSuspect] {
                let mut after = None;
                while report.pairs_scored < max_pairs {
                    let budget = u32::try_from(max_pairs - report.pairs_scored)
                        .map_or(SCAN_BATCH, |left| left.min(SCAN_BATCH));
                    let pairs = self
                        .storage
                        .digest_collisions(MAX_BLOCK, scope, after, budget)
                        .await?;
                    let Some(last) = pairs.last().copied() else {
                        break;
                    };
                    after = Some(last);
                    if opened.len() > SCAN_CACHE {
                        opened.clear();
                    }
                    let mut queued = Vec::new();
                    for (a, b) in pairs {
                        let mut people = Vec::with_capacity(2);
                        for id in [a, b] {
                            if let Entry::Vacant(slot) = opened.entry(id) {
                                let person = self.open_person(id).await?.map(|(_, identity)| {
                                    Arc::new(matcher.person(identity.expose(), this_year))
                                });
                                report.people_opened += u64::from(person.is_some());
                                slot.insert(person);
                            }
                            people.push(opened.get(&id).cloned().flatten());
                        }
                        let [Some(first), Some(second)] = [people[0].take(), people[1].take()]
                        else {
                            continue;
                        };
                        report.pairs_scored += 1;
                        let (probability, reasons) = matcher.score(&first, &second);
                        if probability >= QUEUE_THRESHOLD {
                            queued.push(DuplicatePair {
                                id: DuplicatePairId::random(),
                                person_a: a,
                                person_b: b,
                                probability,
                                reasons: MatchReason::join(&reasons),
                                involves_suspect: scope == CollisionScope::SuspectInvolved,
                                status: PairStatus::Pending,
                                found_at: self.now(),
                                decided_at: None,
                                decided_by: None,
                            });
                        }
                    }
                    report.pairs_queued += self.storage.record_duplicate_pairs(&queued).await?;
                }
            }
            Ok::<(), AppError>(())
        }
        .await;
        if report.people_opened > 0 {
            // Recorded even when the scan failed part way: what was opened
            // was opened.
            let entry = self.system_audit(
                "duplicates.scan",
                "person",
                &CANDIDATE_FIELDS,
                format!(
                    "opened {} identities, scored {} pairs, queued {}",
                    report.people_opened, report.pairs_scored, report.pairs_queued
                ),
            );
            self.storage.append_audit(&entry).await?;
        }
        outcome.map(|()| report)
    }
}

/// A review-queue pair as the actor may see it.
#[derive(Debug, Clone)]
pub struct PairView {
    pub pair: DuplicatePair,
    pub reasons: Vec<MatchReason>,
    pub a: PairPerson,
    pub b: PairPerson,
    /// The actor sees every case of both people in full and may merge,
    /// unmerge or dismiss.
    pub decidable: bool,
}

/// One side of a pair: the pseudonym always, the name only in full sight.
#[derive(Debug, Clone)]
pub struct PairPerson {
    pub id: PersonId,
    pub pseudonym: String,
    pub legal_name: Option<Sensitive<String>>,
}

impl App {
    /// Whether the actor may open the review queue at all: case workers,
    /// investigators and lawyers (pairs within their full sight), and
    /// administrators (every pair, de-identified unless they broke glass).
    pub fn may_review_duplicates(&self, actor: &Actor) -> bool {
        crate::policy::may_review_duplicates(actor)
    }

    /// How the actor sees a pair: `None` when they may not see it at all.
    async fn pair_sight(
        &self,
        actor: &Actor,
        pair: &DuplicatePair,
    ) -> Result<Option<(Sight, bool)>, AppError> {
        let mut worst = Sight::Full;
        let mut every_case_full = true;
        for person in [pair.person_a, pair.person_b] {
            match self.person_sight(actor, person).await {
                Ok((best, per_case)) => {
                    worst = worst.min(best);
                    every_case_full &= per_case.iter().all(|(_, s)| *s == Sight::Full);
                }
                Err(AppError::NotFound(_)) => {
                    // A merged-away person has no cases: judge by the
                    // survivor, whose cases now hold its participations.
                    let Some(survivor) = self.storage.merged_into(person).await? else {
                        return Ok(None);
                    };
                    let Ok((best, per_case)) = self.person_sight(actor, survivor).await else {
                        return Ok(None);
                    };
                    worst = worst.min(best);
                    every_case_full &= per_case.iter().all(|(_, s)| *s == Sight::Full);
                }
                Err(other) => return Err(other),
            }
        }
        Ok(crate::policy::pair_sight(actor, worst).map(|s| (s, every_case_full)))
    }

    async fn pair_person(&self, id: PersonId, full: bool) -> Result<PairPerson, AppError> {
        let stored = self
            .storage
            .get_person(id)
            .await?
            .ok_or(AppError::NotFound("duplicate pair"))?;
        let legal_name = if full {
            self.identity
                .open(stored.id, &stored.identity, stored.data_key.as_deref())?
                .and_then(|i| i.expose().legal_name.clone())
                .map(Sensitive::new)
        } else {
            None
        };
        Ok(PairPerson {
            id,
            pseudonym: stored.profile.pseudonym,
            legal_name,
        })
    }

    async fn pair_view(
        &self,
        actor: &Actor,
        pair: DuplicatePair,
    ) -> Result<Option<PairView>, AppError> {
        let Some((sight, every_case_full)) = self.pair_sight(actor, &pair).await? else {
            return Ok(None);
        };
        let full = sight == Sight::Full;
        if full {
            for person in [pair.person_a, pair.person_b] {
                self.audit_read(
                    actor,
                    "person.duplicate-review",
                    "person",
                    person.as_uuid(),
                    &CANDIDATE_FIELDS,
                )
                .await?;
            }
        }
        Ok(Some(PairView {
            reasons: MatchReason::split(&pair.reasons),
            a: self.pair_person(pair.person_a, full).await?,
            b: self.pair_person(pair.person_b, full).await?,
            decidable: full && every_case_full && allows(actor, Action::EditCases),
            pair,
        }))
    }

    /// Pairs with the given status that the actor may see.
    pub async fn duplicate_pairs(
        &self,
        actor: &Actor,
        status: PairStatus,
    ) -> Result<Vec<PairView>, AppError> {
        if !self.may_review_duplicates(actor) {
            return Err(AppError::Forbidden);
        }
        let mut views = Vec::new();
        for pair in self.storage.list_duplicate_pairs(status, 500).await? {
            if let Some(view) = self.pair_view(actor, pair).await? {
                views.push(view);
            }
        }
        Ok(views)
    }

    /// One pair; a pair the actor may not see is `NotFound`.
    pub async fn duplicate_pair(
        &self,
        actor: &Actor,
        id: DuplicatePairId,
    ) -> Result<PairView, AppError> {
        if !self.may_review_duplicates(actor) {
            return Err(AppError::NotFound("duplicate pair"));
        }
        let pair = self
            .storage
            .get_duplicate_pair(id)
            .await?
            .ok_or(AppError::NotFound("duplicate pair"))?;
        self.pair_view(actor, pair)
            .await?
            .ok_or(AppError::NotFound("duplicate pair"))
    }

    /// The pair, if the actor may decide about it: full sight of every case
    /// of both people.
    async fn decidable_pair(
        &self,
        actor: &Actor,
        id: DuplicatePairId,
    ) -> Result<DuplicatePair, AppError> {
        require(actor, Action::EditCases)?;
        let view = self.duplicate_pair(actor, id).await?;
        if !view.decidable {
            return Err(AppError::Forbidden);
        }
        Ok(view.pair)
    }

    fn decision(&self, actor: &Actor, pair: DuplicatePairId) -> PairDecision {
        PairDecision {
            pair,
            by: actor.id(),
            at: self.now(),
        }
    }

    /// Makes two records one: `survivor` keeps its record and gains the
    /// other's participations; the other stays as a tombstone.
    pub async fn merge_pair(
        &self,
        actor: &Actor,
        id: DuplicatePairId,
        survivor: PersonId,
    ) -> Result<(), AppError> {
        let pair = self.decidable_pair(actor, id).await?;
        let merged = if survivor == pair.person_a {
            pair.person_b
        } else if survivor == pair.person_b {
            pair.person_a
        } else {
            return Err(AppError::Invalid(lantern_domain::ValidationErrors::single(
                "survivor",
                lantern_domain::validation::Problem::UnknownValue,
            )));
        };
        let mut entry = self.audit(
            actor,
            "person.merge",
            "person",
            Some(merged.as_uuid()),
            &["participations"],
        );
        entry.event.reason = Some(format!("merged into {survivor}"));
        self.storage
            .merge_people(&self.decision(actor, id), survivor, &entry)
            .await
            .map_err(conflict_as_state)?;
        tracing::info!(pair = %id, actor = %actor.id(), "people merged");
        Ok(())
    }

    /// Reverses a merge exactly.
    pub async fn unmerge_pair(&self, actor: &Actor, id: DuplicatePairId) -> Result<(), AppError> {
        let pair = self.decidable_pair(actor, id).await?;
        let merged = self
            .merged_side(&pair)
            .await?
            .ok_or(AppError::Conflict("duplicate pair"))?;
        let entry = self.audit(
            actor,
            "person.unmerge",
            "person",
            Some(merged.as_uuid()),
            &["participations"],
        );
        self.storage
            .unmerge_people(&self.decision(actor, id), &entry)
            .await
            .map_err(conflict_as_state)?;
        tracing::info!(pair = %id, actor = %actor.id(), "merge reversed");
        Ok(())
    }

    async fn merged_side(&self, pair: &DuplicatePair) -> Result<Option<PersonId>, AppError> {
        for person in [pair.person_a, pair.person_b] {
            if self.storage.merged_into(person).await?.is_some() {
                return Ok(Some(person));
            }
        }
        Ok(None)
    }

    /// Records that the two are not the same person.
    pub async fn dismiss_pair(&self, actor: &Actor, id: DuplicatePairId) -> Result<(), AppError> {
        let pair = self.decidable_pair(actor, id).await?;
        let entry = self.audit(
            actor,
            "duplicates.dismiss",
            "duplicate_pair",
            Some(pair.id.as_uuid()),
            &["status"],
        );
        self.storage
            .dismiss_duplicate_pair(&self.decision(actor, id), &entry)
            .await
            .map_err(conflict_as_state)
    }

    /// The survivor a person was merged into, for their tombstone.
    pub async fn merged_into(&self, person: PersonId) -> Result<Option<PersonId>, AppError> {
        Ok(self.storage.merged_into(person).await?)
    }

    /// Where a merged person's page now lives: the survivor, if the actor
    /// may see the survivor at all (otherwise the tombstone stays missing).
    pub async fn survivor_for(
        &self,
        actor: &Actor,
        person: PersonId,
    ) -> Result<Option<PersonId>, AppError> {
        let Some(survivor) = self.storage.merged_into(person).await? else {
            return Ok(None);
        };
        Ok(self
            .person_sight(actor, survivor)
            .await
            .ok()
            .map(|_| survivor))
    }
}

/// A decision on a pair that is no longer in the state it needs.
fn conflict_as_state(error: lantern_storage::StorageError) -> AppError {
    match error {
        lantern_storage::StorageError::Conflict(_) => AppError::Conflict("duplicate pair"),
        other => other.into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::NaiveDate;

    fn identity(name: &str, born: Option<(i32, u32, u32)>, phone: &str) -> PersonIdentity {
        PersonIdentity {
            legal_name: Some(name.to_owned()),
            aliases: Vec::new(),
            date_of_birth: born.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d)),
            estimated_age: None,
            citizenships: Vec::new(),
            languages: Vec::new(),
            phones: if phone.is_empty() {
                Vec::new()
            } else {
                vec![phone.to_owned()]
            },
            addresses: Vec::new(),
            identifying_marks: None,
        }
    }

    #[test]
    fn blocking_keys_meet_across_spellings_order_and_prefixes() {
        let a = blocking_keys(&identity(
            "Maria Fernanda Gonzalez",
            Some((1990, 3, 4)),
            "+52 55 1234 5678",
        ));
        let b = blocking_keys(&identity("Gonsalez Maria", None, "55 1234 5678"));
        let shared: Vec<_> = a.iter().filter(|k| b.contains(k)).collect();
        assert!(
            shared.iter().any(|k| k.starts_with("pp:")),
            "swapped, respelt names share a key"
        );
        assert!(
            shared.iter().any(|k| k.starts_with("pl:")),
            "phones share their last digits"
        );
        let c = blocking_keys(&identity("Somchai Jaidee", Some((1990, 3, 4)), ""));
        assert!(
            a.iter().all(|k| !c.contains(k)),
            "different people share nothing"
        );
    }

    #[test]
    fn blocking_keys_carry_no_name() {
        let keys = blocking_keys(&identity(
            "Rosalinda Quispe",
            Some((1988, 1, 2)),
            "0991234567",
        ));
        assert!(!keys.is_empty());
        for key in &keys {
            let lower = key.to_lowercase();
            assert!(!lower.contains("rosalinda") && !lower.contains("quispe"));
        }
    }

    #[test]
    fn the_model_tells_a_respelt_record_from_a_stranger() {
        let matcher = Matcher::train().expect("training");
        let this_year = 2026;
        let a = matcher.person(
            &identity(
                "Maria Fernanda Gonzalez",
                Some((1990, 3, 4)),
                "+52 55 1234 5678",
            ),
            this_year,
        );
        let b = matcher.person(
            &identity("Maria Gonsalez", Some((1990, 4, 3)), "55 1234 5678"),
            this_year,
        );
        let c = matcher.person(
            &identity("Maria Lopez", Some((1972, 11, 20)), "+52 33 9876 5432"),
            this_year,
        );
        let (same, reasons) = matcher.score(&a, &b);
        let (different, _) = matcher.score(&a, &c);
        assert!(same >= QUEUE_THRESHOLD, "respelt record scored {same}");
        assert!(different < INTAKE_THRESHOLD, "stranger scored {different}");
        assert!(reasons.contains(&MatchReason::SamePhone));
        assert!(reasons.contains(&MatchReason::GivenNameSame));
    }
}
