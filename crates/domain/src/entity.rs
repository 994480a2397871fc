//! Establishments and vehicles recorded in a case: the things besides people
//! that tie cases together. What identifies them (a name, an address, a
//! registration plate) is kept apart from what does not (the kind), as a
//! person's identity is kept apart from their profile, so it can be sealed.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

use crate::text::{optional_line, optional_text, required_line};
use crate::validation::{field_error, Problem, ValidationErrors};
use crate::vocab::{EntityKind, EstablishmentKind, Vocabulary};
use crate::{CaseId, Id, Sensitive, UserId};

pub enum CaseEntityMarker {}
pub type EntityId = Id<CaseEntityMarker>;

pub const MAX_NAME_CHARS: usize = 200;
pub const MAX_PLACE_CHARS: usize = 300;
pub const MAX_DESCRIPTION_CHARS: usize = 1_000;
/// Registration plates are short everywhere; a longer value is a mistake.
pub const MAX_PLATE_CHARS: usize = 20;

/// The identifying half of an establishment or vehicle, sealed at rest.
#[derive(Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct EntityIdentity {
    /// The establishment's name, or the vehicle's registration plate.
    pub name: String,
    /// Where the establishment is (an address, a district, a web address).
    pub place: Option<String>,
    /// What else tells it apart: a vehicle's make and colour, a sign.
    pub description: Option<String>,
}

/// Prints nothing of the value: a stray `{:?}` must not leak a name or plate.
impl std::fmt::Debug for EntityIdentity {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("EntityIdentity(..)")
    }
}

/// An establishment or vehicle of one case, as the application opened it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CaseEntity {
    pub id: EntityId,
    pub case_id: CaseId,
    pub kind: EntityKind,
    /// Set for establishments only.
    pub establishment_kind: Option<EstablishmentKind>,
    /// `None` when its data key was destroyed.
    pub identity: Option<Sensitive<EntityIdentity>>,
    pub created_by: Option<UserId>,
    pub created_at: DateTime<Utc>,
}

/// A checked new entity.
#[derive(Debug, Clone)]
pub struct EntityDraft {
    pub kind: EntityKind,
    pub establishment_kind: Option<EstablishmentKind>,
    pub identity: Sensitive<EntityIdentity>,
}

/// The form and API input, as typed.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(default)]
pub struct EntityInput {
    pub kind: String,
    pub establishment_kind: String,
    pub name: String,
    pub place: String,
    pub description: String,
}

impl EntityInput {
    pub fn validate(&self) -> Result<EntityDraft, ValidationErrors> {
        let mut errors = ValidationErrors::default();
        let kind = errors.check(EntityKind::parse_field("kind", &self.kind));
        let establishment_kind = match kind {
            Some(EntityKind::Establishment) => errors
                .check(EstablishmentKind::parse_field(
                    "establishment_kind",
                    &self.establishment_kind,
                ))
                .map(Some),
            // A vehicle has no establishment kind; one given is a mistake.
            Some(EntityKind::Vehicle) if !self.establishment_kind.trim().is_empty() => {
                errors.push("establishment_kind", Problem::UnknownValue);
                None
            }
            _ => Some(None),
        };
        let name = match kind {
            Some(EntityKind::Vehicle) => errors.check(
                required_line("name", &self.name, MAX_PLATE_CHARS).and_then(|plate| {
                    if plate_key(&plate).is_empty() {
                        Err(field_error("name", Problem::InvalidFormat))
                    } else {
                        Ok(plate)
                    }
                }),
            ),
            _ => errors.check(required_line("name", &self.name, MAX_NAME_CHARS)),
        };
        let place = errors.check(optional_line("place", &self.place, MAX_PLACE_CHARS));
        let description = errors.check(optional_text(
            "description",
            &self.description,
            MAX_DESCRIPTION_CHARS,
        ));
        errors.finish(|| {
            Some(EntityDraft {
                kind: kind?,
                establishment_kind: establishment_kind?,
                identity: Sensitive::new(EntityIdentity {
                    name: name?,
                    place: place?,
                    description: description?,
                }),
            })
        })
    }
}

/// A registration plate reduced to what tells plates apart: letters and
/// digits, upper-cased, so `mh 12-ab 1234` and `MH12AB1234` meet.
pub fn plate_key(plate: &str) -> String {
    plate
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_uppercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(kind: &str, establishment_kind: &str, name: &str) -> EntityInput {
        EntityInput {
            kind: kind.into(),
            establishment_kind: establishment_kind.into(),
            name: name.into(),
            ..EntityInput::default()
        }
    }

    #[test]
    fn an_establishment_needs_its_kind_and_name() {
        let draft = input("establishment", "massage_parlour", " Golden Lotus ")
            .validate()
            .unwrap();
        assert_eq!(draft.kind, EntityKind::Establishment);
        assert_eq!(
            draft.establishment_kind,
            Some(EstablishmentKind::MassageParlour)
        );
        assert_eq!(draft.identity.expose().name, "Golden Lotus");
        let errors = input("establishment", "", "").validate().unwrap_err();
        assert_eq!(
            errors.for_field("establishment_kind"),
            Some(&Problem::UnknownValue)
        );
        assert_eq!(errors.for_field("name"), Some(&Problem::Required));
    }

    #[test]
    fn a_vehicle_needs_a_plate_with_letters_or_digits_and_no_establishment_kind() {
        let draft = input("vehicle", "", "mh 12-ab 1234").validate().unwrap();
        assert_eq!(draft.establishment_kind, None);
        assert_eq!(plate_key(&draft.identity.expose().name), "MH12AB1234");
        let errors = input("vehicle", "", "- -").validate().unwrap_err();
        assert_eq!(errors.for_field("name"), Some(&Problem::InvalidFormat));
        let errors = input("vehicle", "bar", "AB 1").validate().unwrap_err();
        assert_eq!(
            errors.for_field("establishment_kind"),
            Some(&Problem::UnknownValue)
        );
        let errors = input("vehicle", "", &"A".repeat(21))
            .validate()
            .unwrap_err();
        assert_eq!(
            errors.for_field("name"),
            Some(&Problem::TooLong {
                max: MAX_PLATE_CHARS
            })
        );
    }

    #[test]
    fn an_unknown_kind_is_named_and_the_value_never_echoed() {
        let errors = input("boat", "", "Secret Name").validate().unwrap_err();
        assert_eq!(errors.for_field("kind"), Some(&Problem::UnknownValue));
        assert!(!format!("{errors:?} {errors}").contains("Secret"));
    }
}
