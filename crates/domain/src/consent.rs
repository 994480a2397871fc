//! A person's consent, purpose by purpose, as a history: a decision is
//! never edited, a later one (a withdrawal, a new grant) supersedes it.
//! What holds now is the latest decision for each purpose; no decision at
//! all counts as no consent.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::case::{required_past_date, EARLIEST_INTAKE_YEAR};
use crate::validation::{Problem, ValidationErrors};
use crate::vocab::{ConsentDecision, ConsentGiver, ConsentInformed, ConsentPurpose, Vocabulary};
use crate::{ConsentId, PersonId, UserId};

/// What the person must have been told before a grant counts: why the data
/// is collected and that they may withdraw.
pub const REQUIRED_FOR_GRANT: [ConsentInformed; 2] =
    [ConsentInformed::Purpose, ConsentInformed::Withdrawal];

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentDetails {
    pub purpose: ConsentPurpose,
    pub decision: ConsentDecision,
    pub given_by: ConsentGiver,
    pub informed: Vec<ConsentInformed>,
    pub decided_on: NaiveDate,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConsentRecord {
    pub id: ConsentId,
    pub person_id: PersonId,
    pub details: ConsentDetails,
    pub recorded_by: Option<UserId>,
    pub recorded_at: DateTime<Utc>,
}

/// A decision as typed into a form or JSON body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct ConsentInput {
    pub purpose: String,
    pub decision: String,
    pub given_by: String,
    pub informed: Vec<String>,
    pub decided_on: String,
}

impl ConsentInput {
    pub fn validate(&self, today: NaiveDate) -> Result<ConsentDetails, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let purpose = errors.check(ConsentPurpose::parse_field("purpose", &self.purpose));
        let decision = errors.check(ConsentDecision::parse_field("decision", &self.decision));
        let given_by = errors.check(ConsentGiver::parse_field("given_by", &self.given_by));
        let decided_on = errors.check(required_past_date(
            "decided_on",
            &self.decided_on,
            EARLIEST_INTAKE_YEAR,
            today,
        ));
        let mut informed = Vec::new();
        for code in &self.informed {
            match ConsentInformed::parse_field("informed", code) {
                Ok(item) if !informed.contains(&item) => informed.push(item),
                Ok(_) => {}
                Err(e) => {
                    errors.push(e.field, e.problem);
                    break;
                }
            }
        }
        informed.sort();
        let uninformed_grant = decision == Some(ConsentDecision::Granted)
            && !REQUIRED_FOR_GRANT.iter().all(|r| informed.contains(r));
        if uninformed_grant {
            errors.push("informed", Problem::Required);
        }
        errors.finish(|| {
            Some(ConsentDetails {
                purpose: purpose?,
                decision: decision?,
                given_by: given_by?,
                informed,
                decided_on: decided_on?,
            })
        })
    }
}

/// The decision in force for a purpose: the latest by date, then by when
/// it was recorded.
///
/// A history may join the records of several people merged into one. On
/// the latest day, decisions recorded on different records were made
/// without knowing of each other, so the order they were typed in says
/// nothing: there a refusal or withdrawal on any record rules over a
/// grant on another. Within one record, the later entry rules as always.
pub fn current(records: &[ConsentRecord], purpose: ConsentPurpose) -> Option<&ConsentRecord> {
    let for_purpose = || records.iter().filter(move |r| r.details.purpose == purpose);
    let latest_day = for_purpose().map(|r| r.details.decided_on).max()?;
    let on_latest_day = || for_purpose().filter(move |r| r.details.decided_on == latest_day);
    // The last word of each record on that day.
    let last_words: Vec<&ConsentRecord> = on_latest_day()
        .filter(|r| {
            on_latest_day()
                .all(|other| other.person_id != r.person_id || other.recorded_at <= r.recorded_at)
        })
        .collect();
    last_words
        .iter()
        .copied()
        .filter(|r| r.details.decision != ConsentDecision::Granted)
        .max_by_key(|r| r.recorded_at)
        .or_else(|| last_words.iter().copied().max_by_key(|r| r.recorded_at))
}

/// Whether the person's consent for a purpose is granted now.
pub fn is_granted(records: &[ConsentRecord], purpose: ConsentPurpose) -> bool {
    current(records, purpose).is_some_and(|r| r.details.decision == ConsentDecision::Granted)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
    }

    fn input(decision: &str, informed: &[&str]) -> ConsentInput {
        ConsentInput {
            purpose: "sharing".into(),
            decision: decision.into(),
            given_by: "person".into(),
            informed: informed.iter().map(|s| (*s).to_owned()).collect(),
            decided_on: "2026-11-30".into(),
        }
    }

    #[test]
    fn a_grant_needs_the_person_informed_of_purpose_and_withdrawal() {
        let errors = input("granted", &["purpose"])
            .validate(today())
            .unwrap_err();
        assert_eq!(errors.for_field("informed"), Some(&Problem::Required));
        assert!(input("granted", &["withdrawal", "purpose", "purpose"])
            .validate(today())
            .is_ok());
        assert!(input("refused", &[]).validate(today()).is_ok());
    }

    #[test]
    fn bad_codes_and_dates_are_named() {
        let mut bad = input("maybe", &["gossip"]);
        bad.decided_on = "2027-01-01".into();
        bad.purpose = "marketing".into();
        let errors = bad.validate(today()).unwrap_err();
        assert_eq!(errors.for_field("decision"), Some(&Problem::UnknownValue));
        assert_eq!(errors.for_field("informed"), Some(&Problem::UnknownValue));
        assert_eq!(errors.for_field("purpose"), Some(&Problem::UnknownValue));
        assert_eq!(errors.for_field("decided_on"), Some(&Problem::DateInFuture));
    }

    /// A decision on one and the same person's record.
    fn record(day: u32, seconds: i64, decision: ConsentDecision) -> ConsentRecord {
        ConsentRecord {
            id: ConsentId::random(),
            person_id: PersonId::from_uuid(uuid::Uuid::nil()),
            details: ConsentDetails {
                purpose: ConsentPurpose::Sharing,
                decision,
                given_by: ConsentGiver::Person,
                informed: REQUIRED_FOR_GRANT.to_vec(),
                decided_on: NaiveDate::from_ymd_opt(2026, 1, day).unwrap(),
            },
            recorded_by: None,
            recorded_at: DateTime::from_timestamp(seconds, 0).unwrap(),
        }
    }

    #[test]
    fn a_withdrawal_supersedes_an_earlier_grant() {
        use ConsentDecision::*;
        let history = vec![record(1, 10, Granted), record(5, 5, Withdrawn)];
        assert!(!is_granted(&history, ConsentPurpose::Sharing));
        assert!(!is_granted(&history, ConsentPurpose::Services));
        let regranted = [history, vec![record(5, 20, Granted)]].concat();
        assert!(is_granted(&regranted, ConsentPurpose::Sharing));
    }

    fn on_record(person: PersonId, mut consent: ConsentRecord) -> ConsentRecord {
        consent.person_id = person;
        consent
    }

    #[test]
    fn merged_histories_let_the_latest_day_rule_and_a_withdrawal_win_its_ties() {
        use ConsentDecision::*;
        let (survivor, merged) = (PersonId::random(), PersonId::random());
        // A later grant on the other record rules over an older withdrawal.
        let history = vec![
            on_record(survivor, record(3, 10, Withdrawn)),
            on_record(merged, record(4, 5, Granted)),
        ];
        assert!(is_granted(&history, ConsentPurpose::Sharing));
        // An older grant never overrides a withdrawal, even one typed first.
        let history = vec![
            on_record(survivor, record(4, 5, Withdrawn)),
            on_record(merged, record(4, 50, Granted)),
            on_record(merged, record(2, 60, Granted)),
        ];
        let ruling = current(&history, ConsentPurpose::Sharing).unwrap();
        assert_eq!(ruling.details.decision, Withdrawn);
        assert_eq!(ruling.person_id, survivor);
        // Within one record the later entry of the day still rules.
        let history = vec![
            on_record(survivor, record(4, 5, Withdrawn)),
            on_record(survivor, record(4, 9, Granted)),
            on_record(merged, record(4, 1, Granted)),
        ];
        assert!(is_granted(&history, ConsentPurpose::Sharing));
        let history = [history, vec![on_record(merged, record(4, 2, Refused))]].concat();
        assert!(!is_granted(&history, ConsentPurpose::Sharing));
    }

    proptest! {
        #[test]
        fn the_latest_decision_always_rules(decisions in prop::collection::vec((1u32..28, 0i64..1000, 0usize..3), 1..12)) {
            let all = [ConsentDecision::Granted, ConsentDecision::Refused, ConsentDecision::Withdrawn];
            let history: Vec<_> = decisions.iter().map(|(d, s, k)| record(*d, *s, all[*k])).collect();
            let latest = history.iter().max_by_key(|r| (r.details.decided_on, r.recorded_at)).unwrap();
            prop_assert_eq!(
                is_granted(&history, ConsentPurpose::Sharing),
                latest.details.decision == ConsentDecision::Granted
            );
        }

        #[test]
        fn validation_never_panics(purpose in ".{0,20}", decision in ".{0,20}", informed in prop::collection::vec(".{0,12}", 0..8), date in ".{0,12}") {
            let _ = ConsentInput { purpose, decision, given_by: "person".into(), informed, decided_on: date }.validate(today());
        }
    }
}
