//! Dated entries on a case's timeline.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::case::{required_past_date, EARLIEST_INTAKE_YEAR};
use crate::text::{optional_text, required_line};
use crate::validation::ValidationErrors;
use crate::vocab::{EventKind, Vocabulary};
use crate::{CaseId, EventId, UserId};

pub const MAX_TITLE_CHARS: usize = 200;
pub const MAX_NOTE_CHARS: usize = 20_000;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EventDetails {
    pub occurred_on: NaiveDate,
    pub kind: EventKind,
    pub title: String,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEvent {
    pub id: EventId,
    pub case_id: CaseId,
    pub details: EventDetails,
    pub recorded_by: Option<UserId>,
    pub recorded_at: DateTime<Utc>,
}

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EventInput {
    pub occurred_on: String,
    pub kind: String,
    pub title: String,
    pub note: String,
}

impl EventInput {
    pub fn validate(&self, today: NaiveDate) -> Result<EventDetails, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let occurred_on = errors.check(required_past_date(
            "occurred_on",
            &self.occurred_on,
            EARLIEST_INTAKE_YEAR,
            today,
        ));
        let kind = errors.check(EventKind::parse_field("kind", &self.kind));
        let title = errors.check(required_line("title", &self.title, MAX_TITLE_CHARS));
        let note = errors.check(optional_text("note", &self.note, MAX_NOTE_CHARS));
        errors.finish(|| {
            Some(EventDetails {
                occurred_on: occurred_on?,
                kind: kind?,
                title: title?,
                note: note?,
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::validation::Problem;

    #[test]
    fn events_need_a_past_date_a_kind_and_a_title() {
        let today = NaiveDate::from_ymd_opt(2026, 11, 25).unwrap();
        let errors = EventInput {
            occurred_on: "2026-13-01".into(),
            kind: "Party".into(),
            ..EventInput::default()
        }
        .validate(today)
        .unwrap_err();
        assert_eq!(errors.for_field("occurred_on"), Some(&Problem::InvalidDate));
        assert_eq!(errors.for_field("kind"), Some(&Problem::UnknownValue));
        assert_eq!(errors.for_field("title"), Some(&Problem::Required));

        let ok = EventInput {
            occurred_on: "2026-11-01".into(),
            kind: "Rescue".into(),
            title: "Rescue with AHTU".into(),
            note: String::new(),
        }
        .validate(today)
        .unwrap();
        assert_eq!(ok.kind, EventKind::Rescue);
        assert_eq!(ok.note, None);
    }
}
