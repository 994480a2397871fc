//! How long records are kept once their work is done. A rule names a kind
//! of record and the days it is kept after every case it belongs to was
//! closed and left unchanged; no rule means kept until someone erases it.
//! Any change to a closed case starts its clock again.

use std::collections::BTreeMap;

use chrono::{DateTime, Duration, Utc};

use crate::validation::{Problem, ValidationErrors};
use crate::vocab::{RetainedRecord, Vocabulary};

/// Shorter periods are more likely a slip than a policy: a case reopened a
/// month after closing must still find its people.
pub const MIN_RETENTION_DAYS: u32 = 30;
pub const MAX_RETENTION_DAYS: u32 = 36_500;

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RetentionPolicy {
    days: BTreeMap<RetainedRecord, u32>,
}

impl RetentionPolicy {
    pub fn from_rules(rules: impl IntoIterator<Item = (RetainedRecord, u32)>) -> Self {
        Self {
            days: rules.into_iter().collect(),
        }
    }

    /// Days kept after closure, `None` for "keep".
    pub fn days(&self, record: RetainedRecord) -> Option<u32> {
        self.days.get(&record).copied()
    }

    /// Records closed before this moment are due for erasure.
    pub fn cutoff(&self, record: RetainedRecord, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
        self.days(record)
            .map(|days| now - Duration::days(i64::from(days)))
    }

    pub fn rules(&self) -> impl Iterator<Item = (RetainedRecord, u32)> + '_ {
        self.days.iter().map(|(r, d)| (*r, *d))
    }

    /// A policy as typed: one field per record kind (named by its code),
    /// blank for "keep".
    pub fn parse<'a>(
        fields: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> Result<Self, ValidationErrors> {
        let mut days = BTreeMap::new();
        let mut errors = ValidationErrors::default();
        for (field, raw) in fields {
            let Ok(record) = RetainedRecord::from_code(field) else {
                errors.push(field, Problem::UnknownValue);
                continue;
            };
            let raw = raw.trim();
            if raw.is_empty() {
                continue;
            }
            let range = MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS;
            match raw.parse::<u32>() {
                Ok(n) if range.contains(&n) => {
                    days.insert(record, n);
                }
                _ => errors.push(
                    field,
                    Problem::OutOfRange {
                        min: i64::from(MIN_RETENTION_DAYS),
                        max: i64::from(MAX_RETENTION_DAYS),
                    },
                ),
            }
        }
        if errors.is_empty() {
            Ok(Self { days })
        } else {
            Err(errors)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn blank_keeps_and_numbers_set_days() {
        let policy =
            RetentionPolicy::parse([("person_identity", " 3650 "), ("attachment", "")]).unwrap();
        assert_eq!(policy.days(RetainedRecord::PersonIdentity), Some(3650));
        assert_eq!(policy.days(RetainedRecord::Attachment), None);
        let now = DateTime::from_timestamp(100 * 86_400, 0).unwrap();
        assert_eq!(
            policy.cutoff(RetainedRecord::PersonIdentity, now),
            Some(now - Duration::days(3650))
        );
        assert_eq!(policy.cutoff(RetainedRecord::Attachment, now), None);
    }

    #[test]
    fn out_of_range_and_unknown_fields_are_named() {
        let errors = RetentionPolicy::parse([("attachment", "7"), ("emails", "90")]).unwrap_err();
        assert!(matches!(
            errors.for_field("attachment"),
            Some(Problem::OutOfRange { .. })
        ));
        assert_eq!(errors.for_field("emails"), Some(&Problem::UnknownValue));
        assert!(RetentionPolicy::parse([("attachment", "-40")]).is_err());
    }

    proptest! {
        #[test]
        fn parse_accepts_exactly_the_allowed_range(raw in ".{0,12}") {
            let parsed = RetentionPolicy::parse([("attachment", raw.as_str())]);
            let expected = match raw.trim().parse::<u32>() {
                _ if raw.trim().is_empty() => Some(None),
                Ok(n) if (MIN_RETENTION_DAYS..=MAX_RETENTION_DAYS).contains(&n) => Some(Some(n)),
                _ => None,
            };
            match expected {
                Some(days) => prop_assert_eq!(parsed.ok().and_then(|p| p.days(RetainedRecord::Attachment)), days),
                None => prop_assert!(parsed.is_err()),
            }
        }
    }
}
