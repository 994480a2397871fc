//! People and the two halves of what is known about them.
//!
//! `PersonIdentity` holds everything that identifies a person; it is stored
//! and handled as one unit so encryption, redaction and erasure act on it in
//! one place. `PersonProfile` holds what may be shown to anyone allowed to
//! see the case at all.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::iso::{parse_code_list, CountryCode, LanguageCode};
use crate::text::{optional_line, optional_text, required_line, search_fold};
use crate::validation::{field_error, FieldError, Problem, ValidationErrors};
use crate::vocab::{AgeBand, Gender, Vocabulary};
use crate::{OfficeId, PersonId, Sensitive};

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_LIST_ENTRIES: usize = 20;
pub const MAX_MARKS_CHARS: usize = 2_000;
pub const EARLIEST_BIRTH_YEAR: i32 = 1900;

/// Identifying facts. Never logged, never in a URL.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonIdentity {
    pub legal_name: Option<String>,
    pub aliases: Vec<String>,
    pub date_of_birth: Option<NaiveDate>,
    pub estimated_age: Option<u8>,
    pub citizenships: Vec<CountryCode>,
    pub languages: Vec<LanguageCode>,
    pub phones: Vec<String>,
    pub addresses: Vec<String>,
    pub identifying_marks: Option<String>,
}

impl std::fmt::Debug for PersonIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("PersonIdentity(..)")
    }
}

/// What can be shown without identifying the person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PersonProfile {
    pub pseudonym: String,
    pub age_band: AgeBand,
    pub gender: Gender,
}

impl PersonProfile {
    /// The form of the pseudonym that search compares against.
    pub fn search_key(&self) -> String {
        search_fold(&self.pseudonym)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Person {
    pub id: PersonId,
    pub office_id: OfficeId,
    pub profile: PersonProfile,
    pub identity: Sensitive<PersonIdentity>,
    pub created_at: chrono::DateTime<chrono::Utc>,
    pub updated_at: chrono::DateTime<chrono::Utc>,
}

/// A validated person ready to be stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PersonDraft {
    pub profile: PersonProfile,
    pub identity: Sensitive<PersonIdentity>,
}

/// A person as typed into a form or a JSON body: every field raw text, so
/// what the user typed can be shown back to them next to the problem.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct PersonInput {
    pub pseudonym: String,
    pub gender: String,
    pub legal_name: Sensitive<String>,
    /// One per line.
    pub aliases: Sensitive<String>,
    pub date_of_birth: Sensitive<String>,
    pub estimated_age: Sensitive<String>,
    /// ISO 3166 codes separated by commas or spaces.
    pub citizenships: Sensitive<String>,
    /// ISO 639-1 codes separated by commas or spaces.
    pub languages: Sensitive<String>,
    /// One per line.
    pub phones: Sensitive<String>,
    /// One per line.
    pub addresses: Sensitive<String>,
    pub identifying_marks: Sensitive<String>,
}

impl PersonInput {
    /// Fills a form from a stored person, for editing.
    pub fn from_person(person: &Person) -> Self {
        let identity = person.identity.expose();
        let lines = |values: &[String]| Sensitive::new(values.join("\n"));
        let codes = |values: Vec<&str>| Sensitive::new(values.join(", "));
        Self {
            pseudonym: person.profile.pseudonym.clone(),
            gender: person.profile.gender.code().to_owned(),
            legal_name: Sensitive::new(identity.legal_name.clone().unwrap_or_default()),
            aliases: lines(&identity.aliases),
            date_of_birth: Sensitive::new(
                identity
                    .date_of_birth
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            estimated_age: Sensitive::new(
                identity
                    .estimated_age
                    .map(|a| a.to_string())
                    .unwrap_or_default(),
            ),
            citizenships: codes(identity.citizenships.iter().map(|c| c.as_str()).collect()),
            languages: codes(identity.languages.iter().map(|c| c.as_str()).collect()),
            phones: lines(&identity.phones),
            addresses: lines(&identity.addresses),
            identifying_marks: Sensitive::new(
                identity.identifying_marks.clone().unwrap_or_default(),
            ),
        }
    }

    pub fn validate(&self, today: NaiveDate) -> Result<PersonDraft, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let pseudonym = errors.check(required_line("pseudonym", &self.pseudonym, 80));
        let gender = errors.check(Gender::parse_field("gender", &self.gender));
        let legal_name = errors.check(optional_line(
            "legal_name",
            self.legal_name.expose(),
            MAX_NAME_CHARS,
        ));
        let aliases = errors.check(line_list("aliases", self.aliases.expose(), MAX_NAME_CHARS));
        let date_of_birth = errors.check(optional_past_date(
            "date_of_birth",
            self.date_of_birth.expose(),
            EARLIEST_BIRTH_YEAR,
            today,
        ));
        let estimated_age =
            errors.check(optional_age("estimated_age", self.estimated_age.expose()));
        let citizenships = errors.check(parse_code_list(
            "citizenships",
            self.citizenships.expose(),
            CountryCode::parse,
            MAX_LIST_ENTRIES,
        ));
        let languages = errors.check(parse_code_list(
            "languages",
            self.languages.expose(),
            LanguageCode::parse,
            MAX_LIST_ENTRIES,
        ));
        let phones = errors.check(phone_list("phones", self.phones.expose()));
        let addresses = errors.check(line_list("addresses", self.addresses.expose(), 500));
        let identifying_marks = errors.check(optional_text(
            "identifying_marks",
            self.identifying_marks.expose(),
            MAX_MARKS_CHARS,
        ));

        errors.finish(|| {
            let date_of_birth = date_of_birth?;
            let estimated_age = estimated_age?;
            let age_band = age_band(date_of_birth, estimated_age, today);
            Some(PersonDraft {
                profile: PersonProfile {
                    pseudonym: pseudonym?,
                    age_band,
                    gender: gender?,
                },
                identity: Sensitive::new(PersonIdentity {
                    legal_name: legal_name?,
                    aliases: aliases?,
                    date_of_birth,
                    estimated_age,
                    citizenships: citizenships?,
                    languages: languages?,
                    phones: phones?,
                    addresses: addresses?,
                    identifying_marks: identifying_marks?,
                }),
            })
        })
    }
}

/// The age band follows the date of birth when known, else the estimate.
pub fn age_band(
    date_of_birth: Option<NaiveDate>,
    estimated_age: Option<u8>,
    today: NaiveDate,
) -> AgeBand {
    match (date_of_birth, estimated_age) {
        (Some(dob), _) => AgeBand::for_age(age_on(dob, today)),
        (None, Some(age)) => AgeBand::for_age(u32::from(age)),
        (None, None) => AgeBand::Unknown,
    }
}

/// Whole years between a birth date and a later date.
pub fn age_on(date_of_birth: NaiveDate, on: NaiveDate) -> u32 {
    let mut years = on.year() - date_of_birth.year();
    if (on.month(), on.day()) < (date_of_birth.month(), date_of_birth.day()) {
        years -= 1;
    }
    u32::try_from(years).unwrap_or(0)
}

/// Parses an optional ISO date that must lie between 1 January of
/// `earliest_year` and `today`.
pub fn optional_past_date(
    field: &str,
    raw: &str,
    earliest_year: i32,
    today: NaiveDate,
) -> Result<Option<NaiveDate>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    let date = parse_date(field, raw)?;
    check_date_range(field, date, earliest_year, today).map(Some)
}

pub fn parse_date(field: &str, raw: &str) -> Result<NaiveDate, FieldError> {
    NaiveDate::parse_from_str(raw.trim(), "%Y-%m-%d")
        .map_err(|_| field_error(field, Problem::InvalidDate))
}

pub fn check_date_range(
    field: &str,
    date: NaiveDate,
    earliest_year: i32,
    today: NaiveDate,
) -> Result<NaiveDate, FieldError> {
    if date > today {
        return Err(field_error(field, Problem::DateInFuture));
    }
    if date.year() < earliest_year {
        return Err(field_error(
            field,
            Problem::DateTooEarly {
                earliest: format!("{earliest_year}-01-01"),
            },
        ));
    }
    Ok(date)
}

fn optional_age(field: &str, raw: &str) -> Result<Option<u8>, FieldError> {
    let raw = raw.trim();
    if raw.is_empty() {
        return Ok(None);
    }
    match raw.parse::<u8>() {
        Ok(age) if age <= 120 => Ok(Some(age)),
        _ => Err(field_error(field, Problem::OutOfRange { min: 0, max: 120 })),
    }
}

/// One value per line; blank lines are dropped, duplicates kept once.
pub fn line_list(field: &str, raw: &str, max_chars: usize) -> Result<Vec<String>, FieldError> {
    let mut values: Vec<String> = Vec::new();
    for line in raw.lines() {
        if let Some(value) = optional_line(field, line, max_chars)? {
            if !values.contains(&value) {
                values.push(value);
            }
        }
    }
    if values.len() > MAX_LIST_ENTRIES {
        return Err(field_error(
            field,
            Problem::TooMany {
                max: MAX_LIST_ENTRIES,
            },
        ));
    }
    Ok(values)
}

/// Phone numbers as written locally (`+91 98300 12345`, `(02) 8123-4567`):
/// digits with the usual separators, 6 to 15 digits as E.164 allows.
fn phone_list(field: &str, raw: &str) -> Result<Vec<String>, FieldError> {
    let phones = line_list(field, raw, 40)?;
    for phone in &phones {
        let allowed = phone
            .chars()
            .enumerate()
            .all(|(i, c)| c.is_ascii_digit() || " -().".contains(c) || (c == '+' && i == 0));
        let digits = phone.chars().filter(char::is_ascii_digit).count();
        if !allowed || !(6..=15).contains(&digits) {
            return Err(field_error(field, Problem::InvalidFormat));
        }
    }
    Ok(phones)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
    }

    fn valid_input() -> PersonInput {
        PersonInput {
            pseudonym: "Tara".into(),
            gender: "Feminine".into(),
            legal_name: Sensitive::new("অনিতা দাস".into()),
            phones: Sensitive::new("+91 98300 12345\n033 2456 7890".into()),
            citizenships: Sensitive::new("IN, bd".into()),
            languages: Sensitive::new("bn hi".into()),
            date_of_birth: Sensitive::new("2010-03-14".into()),
            ..PersonInput::default()
        }
    }

    #[test]
    fn valid_person_is_split_into_profile_and_identity() {
        let draft = valid_input().validate(today()).unwrap();
        assert_eq!(draft.profile.pseudonym, "Tara");
        assert_eq!(draft.profile.age_band, AgeBand::From9To17);
        let identity = draft.identity.expose();
        assert_eq!(identity.legal_name.as_deref(), Some("অনিতা দাস"));
        assert_eq!(identity.phones.len(), 2);
        assert_eq!(identity.citizenships.len(), 2);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let input = PersonInput {
            pseudonym: " ".into(),
            gender: "Unknown".into(),
            date_of_birth: Sensitive::new("2030-01-01".into()),
            phones: Sensitive::new("call me".into()),
            estimated_age: Sensitive::new("300".into()),
            ..PersonInput::default()
        };
        let errors = input.validate(today()).unwrap_err();
        assert_eq!(errors.for_field("pseudonym"), Some(&Problem::Required));
        assert_eq!(errors.for_field("gender"), Some(&Problem::UnknownValue));
        assert_eq!(
            errors.for_field("date_of_birth"),
            Some(&Problem::DateInFuture)
        );
        assert_eq!(errors.for_field("phones"), Some(&Problem::InvalidFormat));
        assert!(errors.for_field("estimated_age").is_some());
    }

    #[test]
    fn errors_never_contain_the_rejected_value() {
        let input = PersonInput {
            pseudonym: "x".into(),
            gender: "Feminine".into(),
            phones: Sensitive::new("555-SECRET".into()),
            ..PersonInput::default()
        };
        let message = input.validate(today()).unwrap_err().to_string();
        assert!(!message.contains("SECRET"));
    }

    #[test]
    fn age_is_counted_in_whole_years() {
        let dob = NaiveDate::from_ymd_opt(2000, 11, 26).unwrap();
        assert_eq!(age_on(dob, today()), 25);
        let dob = NaiveDate::from_ymd_opt(2000, 11, 25).unwrap();
        assert_eq!(age_on(dob, today()), 26);
    }

    #[test]
    fn edit_form_round_trips_a_person() {
        let draft = valid_input().validate(today()).unwrap();
        let person = Person {
            id: PersonId::random(),
            office_id: OfficeId::random(),
            profile: draft.profile.clone(),
            identity: draft.identity.clone(),
            created_at: chrono::DateTime::UNIX_EPOCH,
            updated_at: chrono::DateTime::UNIX_EPOCH,
        };
        let again = PersonInput::from_person(&person).validate(today()).unwrap();
        assert_eq!(again, draft);
    }

    proptest! {
        #[test]
        fn validation_never_panics(
            pseudonym in any::<String>(), dob in any::<String>(), age in any::<String>(),
            phones in any::<String>(), codes in any::<String>()
        ) {
            let input = PersonInput {
                pseudonym,
                gender: "Masculine".into(),
                date_of_birth: Sensitive::new(dob),
                estimated_age: Sensitive::new(age),
                phones: Sensitive::new(phones),
                citizenships: Sensitive::new(codes),
                ..PersonInput::default()
            };
            if let Ok(draft) = input.validate(today()) {
                let identity = draft.identity.expose();
                if let Some(dob) = identity.date_of_birth {
                    prop_assert!(dob <= today());
                }
                prop_assert!(identity.phones.len() <= MAX_LIST_ENTRIES);
            }
        }

        #[test]
        fn well_formed_dates_in_range_are_accepted(days in 0i64..40_000) {
            let date = today() - chrono::Duration::days(days);
            let raw = date.format("%Y-%m-%d").to_string();
            prop_assert_eq!(optional_past_date("d", &raw, 1900, today()), Ok(Some(date)));
        }
    }
}
