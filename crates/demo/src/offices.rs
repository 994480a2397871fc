//! The offices of the demo organisation and everything that differs between
//! them: who their cases are about, what exploitation they see, where, in
//! which language the team writes and which legal system applies.

use lantern_domain::iso::CountryCode;
use lantern_domain::user::Office;
use lantern_domain::vocab::{ExploitationType as E, UserRole as R, UserRole};

use crate::cultures::CultureId;
use crate::names;
use crate::places::{self, Sites};
use crate::rng::{id, DemoRng};

/// The language a team writes its case notes in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    Es,
}

impl Lang {
    /// The interface language code of the office's users.
    pub fn code(self) -> &'static str {
        match self {
            Self::En => "en",
            Self::Es => "es",
        }
    }
}

/// The legal system whose procedure a case timeline follows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Jurisdiction {
    India,
    Philippines,
    Thailand,
    Mexico,
    Guatemala,
}

pub(crate) struct StaffMember {
    pub username: &'static str,
    pub display_name: &'static str,
    pub role: UserRole,
}

const fn staff(username: &'static str, display_name: &'static str, role: UserRole) -> StaffMember {
    StaffMember {
        username,
        display_name,
        role,
    }
}

pub(crate) struct OfficeSpec {
    pub code: &'static str,
    pub name: &'static str,
    pub country: &'static str,
    pub region: &'static str,
    pub lang: Lang,
    pub jurisdiction: Jurisdiction,
    /// The UTC hour the working day starts, so timestamps fall in office
    /// hours (India 09:00 IST is 03:30 UTC; Mexico 08:00 is 14:00 UTC).
    pub utc_work_start: u32,
    /// Relative share of all cases.
    pub weight: u32,
    /// Where the office's victims come from.
    pub cultures: &'static [(CultureId, u32)],
    pub exploitation: &'static [(E, u32)],
    pub sites: &'static Sites,
    pub posts: &'static [&'static str],
    pub pseudonyms: &'static [&'static str],
    /// Two case workers, an investigator and a lawyer, in that order.
    pub staff: &'static [StaffMember],
}

impl OfficeSpec {
    /// The culture most of the office's own people (suspects, officials,
    /// witnesses) belong to.
    pub fn home_culture(&self) -> CultureId {
        self.cultures
            .first()
            .map_or(CultureId::WestBengal, |(culture, _)| *culture)
    }
}

pub(crate) static OFFICES: &[OfficeSpec] = &[
    OfficeSpec {
        code: "KOL",
        name: "Kolkata",
        country: "IN",
        region: "West Bengal",
        lang: Lang::En,
        jurisdiction: Jurisdiction::India,
        utc_work_start: 3,
        weight: 20,
        cultures: &[
            (CultureId::WestBengal, 55),
            (CultureId::WestBengalMuslim, 15),
            (CultureId::Bangladesh, 20),
            (CultureId::Nepal, 10),
        ],
        exploitation: &[
            (E::SexualExploitation, 74),
            (E::ForcedMarriage, 8),
            (E::ChildLabour, 7),
            (E::Servitude, 6),
            (E::ForcedLabour, 5),
        ],
        sites: &places::SITES_KOL,
        posts: places::POSTS_KOL,
        pseudonyms: names::PSEUDONYMS_KOL,
        staff: &[
            staff("priya.kol", "Priya Mondal", R::CaseWorker),
            staff("soma.kol", "Soma Chatterjee", R::CaseWorker),
            staff("arindam.kol", "Arindam Sen", R::Investigator),
            staff("rituparna.kol", "Rituparna Ghosh", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "MUM",
        name: "Mumbai",
        country: "IN",
        region: "Maharashtra",
        lang: Lang::En,
        jurisdiction: Jurisdiction::India,
        utc_work_start: 3,
        weight: 15,
        cultures: &[
            (CultureId::Maharashtra, 35),
            (CultureId::WestBengal, 20),
            (CultureId::Bangladesh, 15),
            (CultureId::Nepal, 15),
            (CultureId::NorthIndia, 15),
        ],
        exploitation: &[
            (E::SexualExploitation, 65),
            (E::ChildLabour, 14),
            (E::ForcedLabour, 10),
            (E::Servitude, 6),
            (E::ForcedBegging, 5),
        ],
        sites: &places::SITES_MUM,
        posts: places::POSTS_MUM,
        pseudonyms: names::PSEUDONYMS_MUM,
        staff: &[
            staff("sneha.mum", "Sneha Patil", R::CaseWorker),
            staff("anjali.mum", "Anjali Jadhav", R::CaseWorker),
            staff("rahul.mum", "Rahul Shinde", R::Investigator),
            staff("meera.mum", "Meera Deshpande", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "DEL",
        name: "Delhi",
        country: "IN",
        region: "National Capital Territory of Delhi",
        lang: Lang::En,
        jurisdiction: Jurisdiction::India,
        utc_work_start: 3,
        weight: 11,
        cultures: &[
            (CultureId::NorthIndia, 60),
            (CultureId::Nepal, 20),
            (CultureId::WestBengal, 12),
            (CultureId::WestBengalMuslim, 8),
        ],
        exploitation: &[
            (E::SexualExploitation, 45),
            (E::Servitude, 20),
            (E::ChildLabour, 13),
            (E::ForcedMarriage, 12),
            (E::ForcedLabour, 6),
            (E::ForcedBegging, 4),
        ],
        sites: &places::SITES_DEL,
        posts: places::POSTS_DEL,
        pseudonyms: names::PSEUDONYMS_DEL,
        staff: &[
            staff("kavita.del", "Kavita Sharma", R::CaseWorker),
            staff("neha.del", "Neha Verma", R::CaseWorker),
            staff("vikram.del", "Vikram Singh", R::Investigator),
            staff("farah.del", "Farah Khan", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "CEB",
        name: "Cebu",
        country: "PH",
        region: "Central Visayas",
        lang: Lang::En,
        jurisdiction: Jurisdiction::Philippines,
        utc_work_start: 1,
        weight: 15,
        cultures: &[(CultureId::Visayas, 100)],
        exploitation: &[
            (E::SexualExploitation, 84),
            (E::ForcedLabour, 7),
            (E::Servitude, 7),
            (E::ForcedMarriage, 2),
        ],
        sites: &places::SITES_CEB,
        posts: places::POSTS_CEB,
        pseudonyms: names::PSEUDONYMS_CEB,
        staff: &[
            staff("maria.ceb", "Maria Luz Cabahug", R::CaseWorker),
            staff("jessa.ceb", "Jessa Villarin", R::CaseWorker),
            staff("rogelio.ceb", "Rogelio Abellana", R::Investigator),
            staff("cristina.ceb", "Cristina Ouano", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "MNL",
        name: "Manila",
        country: "PH",
        region: "National Capital Region",
        lang: Lang::En,
        jurisdiction: Jurisdiction::Philippines,
        utc_work_start: 1,
        weight: 12,
        cultures: &[(CultureId::Luzon, 75), (CultureId::Visayas, 25)],
        exploitation: &[
            (E::SexualExploitation, 72),
            (E::ForcedLabour, 14),
            (E::Servitude, 12),
            (E::ForcedMarriage, 2),
        ],
        sites: &places::SITES_MNL,
        posts: places::POSTS_MNL,
        pseudonyms: names::PSEUDONYMS_MNL,
        staff: &[
            staff("angelica.mnl", "Angelica Reyes", R::CaseWorker),
            staff("joanna.mnl", "Joanna Dizon", R::CaseWorker),
            staff("mark.mnl", "Mark Anthony Cruz", R::Investigator),
            staff("patricia.mnl", "Patricia Mendoza", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "BKK",
        name: "Bangkok",
        country: "TH",
        region: "Bangkok",
        lang: Lang::En,
        jurisdiction: Jurisdiction::Thailand,
        utc_work_start: 2,
        weight: 10,
        cultures: &[
            (CultureId::Thailand, 55),
            (CultureId::Myanmar, 25),
            (CultureId::Laos, 20),
        ],
        exploitation: &[
            (E::SexualExploitation, 50),
            (E::ForcedLabour, 33),
            (E::ForcedBegging, 7),
            (E::ChildLabour, 6),
            (E::Servitude, 4),
        ],
        sites: &places::SITES_BKK,
        posts: places::POSTS_BKK,
        pseudonyms: names::PSEUDONYMS_BKK,
        staff: &[
            staff("siriporn.bkk", "Siriporn Chaiyasit", R::CaseWorker),
            staff("kanokwan.bkk", "Kanokwan Srisuk", R::CaseWorker),
            staff("somchai.bkk", "Somchai Wongsa", R::Investigator),
            staff("nattaya.bkk", "Nattaya Boonma", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "CDMX",
        name: "Ciudad de México",
        country: "MX",
        region: "Ciudad de México",
        lang: Lang::Es,
        jurisdiction: Jurisdiction::Mexico,
        utc_work_start: 14,
        weight: 10,
        cultures: &[
            (CultureId::Mexico, 75),
            (CultureId::Guatemala, 10),
            (CultureId::Honduras, 10),
            (CultureId::ElSalvador, 5),
        ],
        exploitation: &[
            (E::SexualExploitation, 70),
            (E::ForcedLabour, 16),
            (E::ForcedBegging, 6),
            (E::Servitude, 5),
            (E::ForcedMarriage, 3),
        ],
        sites: &places::SITES_CDMX,
        posts: places::POSTS_CDMX,
        pseudonyms: names::PSEUDONYMS_CDMX,
        staff: &[
            staff("guadalupe.cdmx", "Guadalupe Hernández", R::CaseWorker),
            staff("anasofia.cdmx", "Ana Sofía Ramírez", R::CaseWorker),
            staff("jorge.cdmx", "Jorge Castillo", R::Investigator),
            staff("mariana.cdmx", "Mariana Torres", R::Lawyer),
        ],
    },
    OfficeSpec {
        code: "GUA",
        name: "Ciudad de Guatemala",
        country: "GT",
        region: "Guatemala",
        lang: Lang::Es,
        jurisdiction: Jurisdiction::Guatemala,
        utc_work_start: 14,
        weight: 8,
        cultures: &[
            (CultureId::Guatemala, 70),
            (CultureId::Honduras, 15),
            (CultureId::ElSalvador, 15),
        ],
        exploitation: &[
            (E::SexualExploitation, 60),
            (E::ForcedLabour, 14),
            (E::ForcedBegging, 10),
            (E::Servitude, 10),
            (E::ForcedMarriage, 6),
        ],
        sites: &places::SITES_GUA,
        posts: places::POSTS_GUA,
        pseudonyms: names::PSEUDONYMS_GUA,
        staff: &[
            staff("analucia.gua", "Ana Lucía Pérez", R::CaseWorker),
            staff("rosa.gua", "Rosa Xoc", R::CaseWorker),
            staff("carlos.gua", "Carlos Ajú", R::Investigator),
            staff("lucia.gua", "Lucía Monterroso", R::Lawyer),
        ],
    },
];

/// Organisation-wide accounts and the office each is attached to (users
/// must belong to one).
pub(crate) static GLOBAL_STAFF: &[(StaffMember, usize)] = &[
    (staff("admin", "Administrator", R::Admin), 0),
    (staff("nadia.me", "Nadia Rahman", R::MeAnalyst), 0),
    (
        staff("partner.viewer", "Partner Viewer", R::PartnerViewer),
        4,
    ),
];

/// The offices as domain records, each with its specification. An office
/// whose country code were not on the ISO list would be left out rather
/// than invented.
pub(crate) fn build(rng: &mut DemoRng) -> Vec<(&'static OfficeSpec, Office)> {
    OFFICES
        .iter()
        .filter_map(|spec| {
            let id = id(rng);
            let country = CountryCode::parse(spec.country).ok()?;
            Some((
                spec,
                Office {
                    id,
                    code: spec.code.to_owned(),
                    name: spec.name.to_owned(),
                    country,
                    region: spec.region.to_owned(),
                },
            ))
        })
        .collect()
}
