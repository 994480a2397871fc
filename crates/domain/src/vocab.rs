//! Controlled vocabularies. Codes follow HTCDS 2.0 value names where the
//! standard has them, so exports map one to one; each vocabulary also names
//! the translation-catalogue prefix its labels live under.

use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::validation::{field_error, FieldError, Problem};

/// The code of a vocabulary value was not one of the known codes.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown vocabulary code")]
pub struct UnknownCode;

/// Common behaviour of every controlled vocabulary.
pub trait Vocabulary: Sized + Copy + 'static {
    /// Translation-catalogue prefix: the label of a value is `{PREFIX}-{code}`.
    const PREFIX: &'static str;
    const ALL: &'static [Self];
    fn code(self) -> &'static str;

    fn from_code(code: &str) -> Result<Self, UnknownCode> {
        Self::ALL
            .iter()
            .copied()
            .find(|v| v.code() == code)
            .ok_or(UnknownCode)
    }

    /// The catalogue key of this value's label.
    fn message_id(self) -> String {
        // Fluent identifiers allow letters, digits, `-` and `_` only.
        format!("{}-{}", Self::PREFIX, self.code().replace('+', "plus"))
    }

    /// Parses a submitted field, naming the field when the code is unknown.
    fn parse_field(field: &str, code: &str) -> Result<Self, FieldError> {
        Self::from_code(code.trim()).map_err(|_| field_error(field, Problem::UnknownValue))
    }
}

macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident, $prefix:literal, { $($variant:ident => $code:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum $name { $($variant),+ }

        impl Vocabulary for $name {
            const PREFIX: &'static str = $prefix;
            const ALL: &'static [Self] = &[$(Self::$variant),+];
            fn code(self) -> &'static str {
                match self { $(Self::$variant => $code),+ }
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(self.code())
            }
        }

        impl FromStr for $name {
            type Err = UnknownCode;
            fn from_str(s: &str) -> Result<Self, Self::Err> {
                Self::from_code(s)
            }
        }

        impl Serialize for $name {
            fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.code())
            }
        }

        impl<'de> Deserialize<'de> for $name {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let code = String::deserialize(d)?;
                Self::from_code(&code).map_err(|_| {
                    serde::de::Error::custom(format!("unknown {} value", $prefix))
                })
            }
        }
    };
}

vocabulary!(
    /// HTCDS `cas_Status`.
    CaseStatus, "case-status", {
        Active => "Active",
        FollowUp => "FollowUp",
        Closed => "Closed",
        ClosedReferred => "ClosedReferred",
    }
);

vocabulary!(
    /// HTCDS `vic_TypeOfExploitation`.
    ExploitationType, "exploitation", {
        ForcedLabour => "ForcedLabour",
        SexualExploitation => "SexualExploitation",
        ChildLabour => "ChildLabour",
        ForcedMarriage => "ForcedMarriage",
        Servitude => "Servitude",
        ForcedMilitaryByNonStateActors => "ForcedMilitaryByNonStateActors",
        OrganRemoval => "OrganRemoval",
        ForcedBegging => "ForcedBegging",
        ForcedAdoption => "ForcedAdoption",
        Surrogacy => "Surrogacy",
        Other => "Other",
    }
);

vocabulary!(
    /// HTCDS `prs_Gender`.
    Gender, "gender", {
        Feminine => "Feminine",
        Masculine => "Masculine",
        TransgenderFeminine => "TransgenderFeminine",
        TransgenderMasculine => "TransgenderMasculine",
        NonConforming => "NonConforming",
        NonSpecifiedUnknown => "NonSpecifiedUnknown",
    }
);

vocabulary!(
    /// How a case reached the organisation.
    IntakeSource, "intake-source", {
        Hotline => "Hotline",
        PoliceReferral => "PoliceReferral",
        NgoReferral => "NgoReferral",
        GovernmentReferral => "GovernmentReferral",
        Outreach => "Outreach",
        CommunityTip => "CommunityTip",
        OnlineTip => "OnlineTip",
        SelfReferral => "SelfReferral",
        FamilyReport => "FamilyReport",
    }
);

vocabulary!(
    /// The part a person plays in one case. One person may play several
    /// parts across cases (a witness in one, a victim in another).
    CaseRole, "case-role", {
        Victim => "Victim",
        Suspect => "Suspect",
        Witness => "Witness",
        Guardian => "Guardian",
        Official => "Official",
    }
);

vocabulary!(
    /// Age bands used where an exact age would identify (CTDC-style).
    AgeBand, "age-band", {
        Under9 => "0-8",
        From9To17 => "9-17",
        From18To20 => "18-20",
        From21To23 => "21-23",
        From24To26 => "24-26",
        From27To29 => "27-29",
        From30To38 => "30-38",
        From39To47 => "39-47",
        Over48 => "48+",
        Unknown => "unknown",
    }
);

vocabulary!(
    /// Kinds of dated entry on a case timeline. `Stage*` values follow HTCDS
    /// `hte_Type`.
    EventKind, "event-kind", {
        Note => "Note",
        Intake => "Intake",
        Screening => "Screening",
        Rescue => "Rescue",
        StageRecruitment => "Recruitment",
        StageTransit => "Transit",
        StageExploitation => "Exploitation",
        PoliceComplaint => "PoliceComplaint",
        CourtHearing => "CourtHearing",
        Service => "Service",
        Referral => "Referral",
        StatusChange => "StatusChange",
    }
);

vocabulary!(
    /// What a user does in the organisation; decides what they may do.
    UserRole, "user-role", {
        Admin => "admin",
        CaseWorker => "case_worker",
        Investigator => "investigator",
        Lawyer => "lawyer",
        MeAnalyst => "me_analyst",
        PartnerViewer => "partner_viewer",
    }
);

vocabulary!(
    /// What a role may be allowed to do; administrators configure which role
    /// has which, within the fixed bounds of `permission::cell`.
    Permission, "permission", {
        ReadCases => "read_cases",
        EditCases => "edit_cases",
        BreakGlass => "break_glass",
        ManageUsers => "manage_users",
    }
);

vocabulary!(
    /// What a person's consent is asked for (HTCDS `con_Consent`, split by
    /// purpose).
    ConsentPurpose, "consent-purpose", {
        Services => "services",
        Sharing => "sharing",
        DataUse => "data_use",
    }
);

vocabulary!(
    ConsentDecision, "consent-decision", {
        Granted => "granted",
        Refused => "refused",
        Withdrawn => "withdrawn",
    }
);

vocabulary!(
    /// Who gave the decision: the person, or a guardian for a child (with
    /// the child's assent recorded in the notes of the case).
    ConsentGiver, "consent-giver", {
        Person => "person",
        Guardian => "guardian",
    }
);

vocabulary!(
    /// What the person was told before deciding, after HTCDS's guidance on
    /// consent.
    ConsentInformed, "consent-informed", {
        Purpose => "purpose",
        DataUse => "data_use",
        Research => "research",
        AccessRight => "access_right",
        StoragePeriod => "storage_period",
        Withdrawal => "withdrawal",
    }
);

vocabulary!(
    /// Records that a retention policy may end.
    RetainedRecord, "retained-record", {
        PersonIdentity => "person_identity",
        Attachment => "attachment",
    }
);

vocabulary!(
    /// The kinds of thing, besides people, that a case records and that can
    /// tie cases together. HTCDS 2.0 has no field for them; the codes are
    /// Lantern's own.
    EntityKind, "entity-kind", {
        Establishment => "establishment",
        Vehicle => "vehicle",
    }
);

vocabulary!(
    /// What kind of place an establishment is (Lantern's own codes: HTCDS
    /// 2.0 records only the country and city of exploitation).
    EstablishmentKind, "establishment-kind", {
        Brothel => "brothel",
        MassageParlour => "massage_parlour",
        Hotel => "hotel",
        Bar => "bar",
        PlacementAgency => "placement_agency",
        Online => "online",
        Other => "other",
    }
);

impl AgeBand {
    /// The band an age in whole years falls in.
    pub fn for_age(years: u32) -> Self {
        match years {
            0..=8 => Self::Under9,
            9..=17 => Self::From9To17,
            18..=20 => Self::From18To20,
            21..=23 => Self::From21To23,
            24..=26 => Self::From24To26,
            27..=29 => Self::From27To29,
            30..=38 => Self::From30To38,
            39..=47 => Self::From39To47,
            _ => Self::Over48,
        }
    }

    pub fn is_minor(self) -> bool {
        matches!(self, Self::Under9 | Self::From9To17)
    }
}

impl UserRole {
    /// Roles whose work is casework, as opposed to analysis or partnership.
    pub fn may_edit_cases(self) -> bool {
        matches!(
            self,
            Self::Admin | Self::CaseWorker | Self::Investigator | Self::Lawyer
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn round_trips<V: Vocabulary + PartialEq + fmt::Debug>() {
        for v in V::ALL {
            assert_eq!(V::from_code(v.code()), Ok(*v));
        }
        let mut codes: Vec<_> = V::ALL.iter().map(|v| v.code()).collect();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), V::ALL.len(), "{} codes are unique", V::PREFIX);
    }

    #[test]
    fn every_vocabulary_round_trips_its_codes() {
        round_trips::<CaseStatus>();
        round_trips::<EntityKind>();
        round_trips::<EstablishmentKind>();
        round_trips::<ExploitationType>();
        round_trips::<Gender>();
        round_trips::<IntakeSource>();
        round_trips::<CaseRole>();
        round_trips::<AgeBand>();
        round_trips::<EventKind>();
        round_trips::<UserRole>();
    }

    #[test]
    fn unknown_codes_are_refused_with_the_field_named() {
        let err = CaseStatus::parse_field("status", "Open").unwrap_err();
        assert_eq!(err.field, "status");
        assert_eq!(err.problem, Problem::UnknownValue);
    }

    #[test]
    fn htcds_exploitation_types_are_all_present() {
        assert_eq!(ExploitationType::ALL.len(), 11);
        assert_eq!(
            serde_json::to_string(&ExploitationType::SexualExploitation).unwrap(),
            "\"SexualExploitation\""
        );
    }

    #[test]
    fn age_bands_cover_every_age() {
        assert_eq!(AgeBand::for_age(0), AgeBand::Under9);
        assert_eq!(AgeBand::for_age(17), AgeBand::From9To17);
        assert!(AgeBand::for_age(17).is_minor());
        assert!(!AgeBand::for_age(18).is_minor());
        assert_eq!(AgeBand::for_age(120), AgeBand::Over48);
    }
}
