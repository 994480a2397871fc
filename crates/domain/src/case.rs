//! Cases: the unit of casework, owned by an office and worked by a team.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::person::{check_date_range, optional_past_date, parse_date};
use crate::text::{optional_line, optional_text, search_fold};
use crate::validation::{field_error, FieldError, Problem, ValidationErrors};
use crate::vocab::{CaseRole, CaseStatus, ExploitationType, IntakeSource, Vocabulary};
use crate::{CaseId, OfficeId, PersonId, UserId};

/// Casework in Lantern's regions is not older than this; earlier intake dates
/// are typing mistakes.
pub const EARLIEST_INTAKE_YEAR: i32 = 1990;
pub const MAX_PLACE_CHARS: usize = 200;
pub const MAX_SUMMARY_CHARS: usize = 10_000;
pub const MAX_TEAM: usize = 20;

/// A case reference such as `KOL-2026-000042`: office code, intake year,
/// sequence within that office and year.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct CaseReference(String);

impl CaseReference {
    pub fn compose(office_code: &str, year: i32, sequence: u32) -> Self {
        Self(format!("{office_code}-{year}-{sequence:06}"))
    }

    /// Wraps a reference read back from storage.
    pub fn from_stored(value: String) -> Self {
        Self(value)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for CaseReference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// The fields of a case that people edit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseDetails {
    pub intake_date: NaiveDate,
    pub intake_source: IntakeSource,
    pub status: CaseStatus,
    pub exploitation_types: Vec<ExploitationType>,
    pub place_of_recruitment: Option<String>,
    pub place_of_exploitation: Option<String>,
    pub summary: Option<String>,
    pub owning_office: OfficeId,
    pub team: Vec<UserId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    pub id: CaseId,
    pub reference: CaseReference,
    pub details: CaseDetails,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

/// One line of a case list: only what a list needs, nothing identifying.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CaseSummary {
    pub id: CaseId,
    pub reference: CaseReference,
    pub intake_date: NaiveDate,
    pub status: CaseStatus,
    pub exploitation_types: Vec<ExploitationType>,
    pub owning_office: OfficeId,
    pub people_count: u32,
}

/// A person's part in a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseParticipant {
    pub person_id: PersonId,
    pub role: CaseRole,
}

/// A case as typed into a form or JSON body.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseInput {
    pub intake_date: String,
    pub intake_source: String,
    pub status: String,
    pub exploitation_types: Vec<String>,
    pub place_of_recruitment: String,
    pub place_of_exploitation: String,
    pub summary: String,
    pub owning_office: String,
    pub team: Vec<String>,
}

impl CaseInput {
    pub fn from_details(details: &CaseDetails) -> Self {
        Self {
            intake_date: details.intake_date.format("%Y-%m-%d").to_string(),
            intake_source: details.intake_source.code().to_owned(),
            status: details.status.code().to_owned(),
            exploitation_types: details
                .exploitation_types
                .iter()
                .map(|t| t.code().to_owned())
                .collect(),
            place_of_recruitment: details.place_of_recruitment.clone().unwrap_or_default(),
            place_of_exploitation: details.place_of_exploitation.clone().unwrap_or_default(),
            summary: details.summary.clone().unwrap_or_default(),
            owning_office: details.owning_office.to_string(),
            team: details.team.iter().map(ToString::to_string).collect(),
        }
    }

    pub fn validate(&self, today: NaiveDate) -> Result<CaseDetails, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let intake_date = errors.check(required_past_date(
            "intake_date",
            &self.intake_date,
            EARLIEST_INTAKE_YEAR,
            today,
        ));
        let intake_source = errors.check(IntakeSource::parse_field(
            "intake_source",
            &self.intake_source,
        ));
        let status = errors.check(CaseStatus::parse_field("status", &self.status));
        let exploitation_types = errors.check(code_set::<ExploitationType>(
            "exploitation_types",
            &self.exploitation_types,
        ));
        let place_of_recruitment = errors.check(optional_line(
            "place_of_recruitment",
            &self.place_of_recruitment,
            MAX_PLACE_CHARS,
        ));
        let place_of_exploitation = errors.check(optional_line(
            "place_of_exploitation",
            &self.place_of_exploitation,
            MAX_PLACE_CHARS,
        ));
        let summary = errors.check(optional_text("summary", &self.summary, MAX_SUMMARY_CHARS));
        let owning_office = errors.check(
            self.owning_office
                .trim()
                .parse::<OfficeId>()
                .map_err(|_| field_error("owning_office", Problem::UnknownValue)),
        );
        let team = errors.check(id_set::<crate::id::UserKind>("team", &self.team, MAX_TEAM));
        errors.finish(|| {
            Some(CaseDetails {
                intake_date: intake_date?,
                intake_source: intake_source?,
                status: status?,
                exploitation_types: exploitation_types?,
                place_of_recruitment: place_of_recruitment?,
                place_of_exploitation: place_of_exploitation?,
                summary: summary?,
                owning_office: owning_office?,
                team: team?,
            })
        })
    }
}

pub fn required_past_date(
    field: &str,
    raw: &str,
    earliest_year: i32,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    optional_past_date(field, raw, earliest_year, today)?
        .ok_or_else(|| field_error(field, Problem::Required))
}

/// A set of vocabulary codes: each known, none repeated, in canonical order.
pub fn code_set<V: Vocabulary + Ord>(field: &str, raw: &[String]) -> Result<Vec<V>, FieldError> {
    let mut values = raw
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| V::parse_field(field, c))
        .collect::<Result<Vec<V>, FieldError>>()?;
    values.sort_unstable();
    values.dedup();
    Ok(values)
}

fn id_set<K>(field: &str, raw: &[String], max: usize) -> Result<Vec<crate::Id<K>>, FieldError> {
    let mut ids = raw
        .iter()
        .filter(|c| !c.trim().is_empty())
        .map(|c| {
            c.trim()
                .parse::<crate::Id<K>>()
                .map_err(|_| field_error(field, Problem::UnknownValue))
        })
        .collect::<Result<Vec<_>, FieldError>>()?;
    ids.sort_unstable();
    ids.dedup();
    if ids.len() > max {
        return Err(field_error(field, Problem::TooMany { max }));
    }
    Ok(ids)
}

/// What a case list is narrowed by. Built only through `CaseFilterInput`, so
/// the text is folded and dates are checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CaseFilter {
    /// Folded search text, matched against case references and pseudonyms.
    pub text: Option<String>,
    pub status: Option<CaseStatus>,
    pub office: Option<OfficeId>,
    pub exploitation_type: Option<ExploitationType>,
    pub intake_from: Option<NaiveDate>,
    pub intake_to: Option<NaiveDate>,
}

/// A case-list query as it arrives in a URL.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct CaseFilterInput {
    pub q: String,
    pub status: String,
    pub office: String,
    pub exploitation_type: String,
    pub from: String,
    pub to: String,
}

impl CaseFilterInput {
    pub fn validate(&self) -> Result<CaseFilter, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let text = errors.check(optional_line("q", &self.q, 100));
        let status = errors.check(optional_code::<CaseStatus>("status", &self.status));
        let exploitation_type = errors.check(optional_code::<ExploitationType>(
            "exploitation_type",
            &self.exploitation_type,
        ));
        let office = errors.check(if self.office.trim().is_empty() {
            Ok(None)
        } else {
            self.office
                .trim()
                .parse::<OfficeId>()
                .map(Some)
                .map_err(|_| field_error("office", Problem::UnknownValue))
        });
        let intake_from = errors.check(optional_date("from", &self.from));
        let intake_to = errors.check(optional_date("to", &self.to));
        if let (Some(Some(from)), Some(Some(to))) = (intake_from, intake_to) {
            if to < from {
                errors.push("to", Problem::DateRangeReversed);
            }
        }
        errors.finish(|| {
            Some(CaseFilter {
                text: text?.map(|t| search_fold(&t)),
                status: status?,
                office: office?,
                exploitation_type: exploitation_type?,
                intake_from: intake_from?,
                intake_to: intake_to?,
            })
        })
    }
}

fn optional_code<V: Vocabulary>(field: &str, raw: &str) -> Result<Option<V>, FieldError> {
    if raw.trim().is_empty() {
        Ok(None)
    } else {
        V::parse_field(field, raw).map(Some)
    }
}

fn optional_date(field: &str, raw: &str) -> Result<Option<NaiveDate>, FieldError> {
    if raw.trim().is_empty() {
        return Ok(None);
    }
    let date = parse_date(field, raw)?;
    // Filters may look ahead, but not to dates no case can have.
    let far_future = NaiveDate::from_ymd_opt(2200, 1, 1).unwrap_or(NaiveDate::MAX);
    check_date_range(field, date, EARLIEST_INTAKE_YEAR, far_future).map(Some)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn valid() -> CaseInput {
        CaseInput {
            intake_date: "2026-01-10".into(),
            intake_source: "Hotline".into(),
            status: "Active".into(),
            exploitation_types: vec![
                "SexualExploitation".into(),
                "ForcedLabour".into(),
                "ForcedLabour".into(),
            ],
            owning_office: OfficeId::random().to_string(),
            ..CaseInput::default()
        }
    }

    #[test]
    fn valid_case_is_accepted_with_types_deduplicated() {
        let details = valid().validate(today()).unwrap();
        assert_eq!(
            details.exploitation_types,
            vec![
                ExploitationType::ForcedLabour,
                ExploitationType::SexualExploitation
            ]
        );
    }

    #[test]
    fn intake_date_is_required_and_bounded() {
        for (raw, problem) in [
            ("", Problem::Required),
            ("10/01/2026", Problem::InvalidDate),
            ("2027-01-01", Problem::DateInFuture),
            (
                "1989-12-31",
                Problem::DateTooEarly {
                    earliest: "1990-01-01".into(),
                },
            ),
        ] {
            let input = CaseInput {
                intake_date: raw.into(),
                ..valid()
            };
            let errors = input.validate(today()).unwrap_err();
            assert_eq!(errors.for_field("intake_date"), Some(&problem), "{raw}");
        }
    }

    #[test]
    fn unknown_vocabulary_and_ids_are_named() {
        let input = CaseInput {
            status: "Open".into(),
            exploitation_types: vec!["Slavery".into()],
            owning_office: "nope".into(),
            team: vec!["also-nope".into()],
            ..valid()
        };
        let errors = input.validate(today()).unwrap_err();
        for field in ["status", "exploitation_types", "owning_office", "team"] {
            assert_eq!(
                errors.for_field(field),
                Some(&Problem::UnknownValue),
                "{field}"
            );
        }
    }

    #[test]
    fn filter_folds_text_and_checks_dates() {
        let filter = CaseFilterInput {
            q: " KOL-2026 ".into(),
            from: "2026-02-01".into(),
            to: "2026-01-01".into(),
            ..CaseFilterInput::default()
        };
        let errors = filter.validate().unwrap_err();
        assert_eq!(errors.for_field("to"), Some(&Problem::DateRangeReversed));

        let ok = CaseFilterInput {
            q: "KOL".into(),
            ..CaseFilterInput::default()
        }
        .validate()
        .unwrap();
        assert_eq!(ok.text.as_deref(), Some("kol"));
    }

    #[test]
    fn references_are_zero_padded() {
        assert_eq!(
            CaseReference::compose("KOL", 2026, 42).as_str(),
            "KOL-2026-000042"
        );
    }

    proptest! {
        #[test]
        fn case_validation_never_panics(
            date in any::<String>(), status in any::<String>(), types in proptest::collection::vec(any::<String>(), 0..4),
            summary in any::<String>()
        ) {
            let input = CaseInput { intake_date: date, status, exploitation_types: types, summary, ..valid() };
            if let Ok(details) = input.validate(today()) {
                prop_assert!(details.intake_date <= today());
                prop_assert!(details.summary.map_or(0, |s| s.chars().count()) <= MAX_SUMMARY_CHARS);
            }
        }

        #[test]
        fn filter_validation_never_panics(q in any::<String>(), from in any::<String>(), status in any::<String>()) {
            let _ = CaseFilterInput { q, from, status, ..CaseFilterInput::default() }.validate();
        }
    }
}
