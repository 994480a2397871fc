//! Broad families of exploitation and the victims typical of each: who is
//! trafficked for what decides their likely gender and age, where they end
//! up and how a case summary describes them.

use lantern_domain::vocab::{ExploitationType, Gender};

use crate::places::{Site, Sites};
use crate::rng::{between, pick, weighted, DemoRng};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Family {
    Sexual,
    /// Forced labour and begging of adults.
    Labour,
    /// Labour of children: workshops, eateries, begging.
    ChildLabour,
    Marriage,
    /// Domestic servitude and everything else done inside a household.
    Domestic,
}

impl Family {
    pub fn of(kind: ExploitationType) -> Self {
        match kind {
            ExploitationType::SexualExploitation => Self::Sexual,
            ExploitationType::ForcedLabour | ExploitationType::ForcedBegging => Self::Labour,
            ExploitationType::ChildLabour => Self::ChildLabour,
            ExploitationType::ForcedMarriage => Self::Marriage,
            ExploitationType::Servitude
            | ExploitationType::ForcedMilitaryByNonStateActors
            | ExploitationType::OrganRemoval
            | ExploitationType::ForcedAdoption
            | ExploitationType::Surrogacy
            | ExploitationType::Other => Self::Domestic,
        }
    }

    /// A place of exploitation of this family from the office's list.
    pub fn site(self, rng: &mut DemoRng, sites: &Sites) -> Site {
        let table = match self {
            Self::Sexual => sites.sexual,
            Self::Labour | Self::ChildLabour => sites.labour,
            Self::Marriage => sites.marriage,
            Self::Domestic => sites.domestic,
        };
        pick(rng, table)
    }

    /// A victim's gender. Sexual exploitation cases are overwhelmingly
    /// women and girls, with transgender women over-represented; forced
    /// labour mostly men and boys.
    pub fn victim_gender(self, rng: &mut DemoRng) -> Gender {
        let weights: &[(Gender, u32)] = match self {
            Self::Sexual => &[
                (Gender::Feminine, 88),
                (Gender::Masculine, 5),
                (Gender::TransgenderFeminine, 5),
                (Gender::NonSpecifiedUnknown, 1),
                (Gender::NonConforming, 1),
            ],
            Self::Labour => &[
                (Gender::Masculine, 64),
                (Gender::Feminine, 34),
                (Gender::NonSpecifiedUnknown, 2),
            ],
            Self::ChildLabour => &[(Gender::Masculine, 55), (Gender::Feminine, 45)],
            Self::Marriage => &[(Gender::Feminine, 100)],
            Self::Domestic => &[(Gender::Feminine, 85), (Gender::Masculine, 15)],
        };
        weighted(rng, weights, Gender::Feminine)
    }

    /// A victim's age in years at intake. Victims skew young: most are
    /// between 12 and 25 and many are minors.
    pub fn victim_age(self, rng: &mut DemoRng) -> u32 {
        let bands: &[((u32, u32), u32)] = match self {
            Self::Sexual => &[
                ((11, 13), 6),
                ((14, 15), 16),
                ((16, 17), 24),
                ((18, 20), 26),
                ((21, 25), 20),
                ((26, 34), 8),
            ],
            Self::Labour => &[
                ((15, 17), 15),
                ((18, 25), 45),
                ((26, 35), 30),
                ((36, 45), 10),
            ],
            Self::ChildLabour => &[((8, 11), 30), ((12, 15), 60), ((16, 17), 10)],
            Self::Marriage => &[((13, 15), 20), ((16, 17), 30), ((18, 22), 50)],
            Self::Domestic => &[
                ((10, 13), 20),
                ((14, 17), 35),
                ((18, 25), 35),
                ((26, 40), 10),
            ],
        };
        let (low, high) = weighted(rng, bands, (16, 20));
        between(rng, low, high)
    }
}
