//! Why two person records may describe the same person. Reasons are codes,
//! shown to users through the message catalogues and stored in the review
//! queue; they never carry the values that were compared.

/// One piece of evidence that two records are the same person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchReason {
    GivenNameSame,
    GivenNameSimilar,
    FamilyNameSame,
    FamilyNameSimilar,
    DateOfBirthMatches,
    DateOfBirthClose,
    SamePhone,
    AddressSimilar,
}

impl MatchReason {
    pub const ALL: [Self; 8] = [
        Self::GivenNameSame,
        Self::GivenNameSimilar,
        Self::FamilyNameSame,
        Self::FamilyNameSimilar,
        Self::DateOfBirthMatches,
        Self::DateOfBirthClose,
        Self::SamePhone,
        Self::AddressSimilar,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::GivenNameSame => "given-name-same",
            Self::GivenNameSimilar => "given-name-similar",
            Self::FamilyNameSame => "family-name-same",
            Self::FamilyNameSimilar => "family-name-similar",
            Self::DateOfBirthMatches => "date-of-birth-matches",
            Self::DateOfBirthClose => "date-of-birth-close",
            Self::SamePhone => "same-phone",
            Self::AddressSimilar => "address-similar",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|r| r.code() == code)
    }

    /// The message that says this reason in words.
    pub fn message_id(self) -> String {
        format!("duplicate-reason-{}", self.code())
    }

    /// Reasons as stored: codes separated by spaces.
    pub fn join(reasons: &[Self]) -> String {
        reasons
            .iter()
            .map(|r| r.code())
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// Stored reasons read back; unknown codes (from a newer version) are
    /// skipped rather than failing the whole queue.
    pub fn split(codes: &str) -> Vec<Self> {
        codes.split(' ').filter_map(Self::from_code).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reasons_round_trip_through_their_codes() {
        let all = MatchReason::ALL.to_vec();
        assert_eq!(MatchReason::split(&MatchReason::join(&all)), all);
        assert_eq!(
            MatchReason::split("same-phone unknown"),
            [MatchReason::SamePhone]
        );
        assert!(MatchReason::split("").is_empty());
    }
}
