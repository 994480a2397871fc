//! Cultures: the communities people in the data come from. A culture ties
//! together the name tables, source areas, citizenship, languages, phone
//! formats and address style that must agree for a person to be believable.

use crate::names::*;
use crate::places::{self, Place};

/// How a full name is put together.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum NameOrder {
    /// "Anita Das".
    GivenFamily,
    /// Burmese names have no family part: "Aye Aye Mon".
    GivenOnly,
    /// Filipino: given name, mother's maiden initial, family name.
    Filipino,
    /// Spanish: given name(s), father's then mother's family name.
    Spanish,
}

/// How a postal address is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AddressStyle {
    SouthAsia,
    Nepal,
    Philippines,
    Thailand,
    Myanmar,
    Laos,
    Mexico,
    Guatemala,
    CentralAmerica,
}

pub(crate) struct Culture {
    /// ISO 3166-1 alpha-2 code of the usual citizenship.
    pub country: &'static str,
    /// The country's name for addresses written in English and in Spanish.
    pub country_en: &'static str,
    pub country_es: &'static str,
    /// ISO 639-1 codes: the first is always spoken, the others often.
    pub languages: &'static [&'static str],
    pub female: &'static [Name],
    pub male: &'static [Name],
    pub female_family: &'static [Name],
    pub male_family: &'static [Name],
    pub nick_female: &'static [Name],
    pub nick_male: &'static [Name],
    pub handle_female: &'static [Name],
    pub handle_male: &'static [Name],
    /// South Asian handles follow the name ("Rina Mashi", "Raju Bhai").
    pub handle_after_name: bool,
    pub order: NameOrder,
    pub places: &'static [Place],
    /// Phone formats; `#` is a random digit.
    pub phones: &'static [&'static str],
    pub address: AddressStyle,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum CultureId {
    WestBengal,
    WestBengalMuslim,
    Bangladesh,
    Nepal,
    NorthIndia,
    Maharashtra,
    Visayas,
    Luzon,
    Thailand,
    Myanmar,
    Laos,
    Mexico,
    Guatemala,
    Honduras,
    ElSalvador,
}

impl CultureId {
    pub const ALL: [CultureId; 15] = [
        Self::WestBengal,
        Self::WestBengalMuslim,
        Self::Bangladesh,
        Self::Nepal,
        Self::NorthIndia,
        Self::Maharashtra,
        Self::Visayas,
        Self::Luzon,
        Self::Thailand,
        Self::Myanmar,
        Self::Laos,
        Self::Mexico,
        Self::Guatemala,
        Self::Honduras,
        Self::ElSalvador,
    ];

    /// Position in `ALL`, for tables computed once per culture.
    pub fn index(self) -> usize {
        self as usize
    }

    pub fn spec(self) -> &'static Culture {
        match self {
            Self::WestBengal => &WEST_BENGAL,
            Self::WestBengalMuslim => &WEST_BENGAL_MUSLIM,
            Self::Bangladesh => &BANGLADESH,
            Self::Nepal => &NEPAL,
            Self::NorthIndia => &NORTH_INDIA,
            Self::Maharashtra => &MAHARASHTRA,
            Self::Visayas => &VISAYAS,
            Self::Luzon => &LUZON,
            Self::Thailand => &THAILAND,
            Self::Myanmar => &MYANMAR,
            Self::Laos => &LAOS,
            Self::Mexico => &MEXICO,
            Self::Guatemala => &GUATEMALA,
            Self::Honduras => &HONDURAS,
            Self::ElSalvador => &EL_SALVADOR,
        }
    }
}

const INDIA_PHONES: &[&str] = &[
    "+91 9#### #####",
    "+91 8#### #####",
    "+91 7#### #####",
    "9#### #####",
];

static WEST_BENGAL: Culture = Culture {
    country: "IN",
    country_en: "India",
    country_es: "India",
    languages: &["bn", "hi"],
    female: BN_FEMALE,
    male: BN_MALE,
    female_family: BN_FAMILY,
    male_family: BN_FAMILY,
    nick_female: BN_NICK_FEMALE,
    nick_male: BN_NICK_MALE,
    handle_female: BN_HANDLE_FEMALE,
    handle_male: BN_HANDLE_MALE,
    handle_after_name: true,
    order: NameOrder::GivenFamily,
    places: places::WEST_BENGAL,
    phones: INDIA_PHONES,
    address: AddressStyle::SouthAsia,
};

static WEST_BENGAL_MUSLIM: Culture = Culture {
    country: "IN",
    country_en: "India",
    country_es: "India",
    languages: &["bn", "hi"],
    female: BD_FEMALE,
    male: BD_MALE,
    female_family: BD_FEMALE_FAMILY,
    male_family: BD_MALE_FAMILY,
    nick_female: BN_NICK_FEMALE,
    nick_male: BN_NICK_MALE,
    handle_female: BN_HANDLE_FEMALE,
    handle_male: BN_HANDLE_MALE,
    handle_after_name: true,
    order: NameOrder::GivenFamily,
    places: places::WEST_BENGAL_MUSLIM,
    phones: INDIA_PHONES,
    address: AddressStyle::SouthAsia,
};

static BANGLADESH: Culture = Culture {
    country: "BD",
    country_en: "Bangladesh",
    country_es: "Bangladés",
    languages: &["bn"],
    female: BD_FEMALE,
    male: BD_MALE,
    female_family: BD_FEMALE_FAMILY,
    male_family: BD_MALE_FAMILY,
    nick_female: BN_NICK_FEMALE,
    nick_male: BN_NICK_MALE,
    handle_female: BN_HANDLE_FEMALE,
    handle_male: BN_HANDLE_MALE,
    handle_after_name: true,
    order: NameOrder::GivenFamily,
    places: places::BANGLADESH,
    phones: &[
        "+880 17##-######",
        "+880 19##-######",
        "+880 18##-######",
        "01###-######",
    ],
    address: AddressStyle::SouthAsia,
};

static NEPAL: Culture = Culture {
    country: "NP",
    country_en: "Nepal",
    country_es: "Nepal",
    languages: &["ne", "hi"],
    female: NE_FEMALE,
    male: NE_MALE,
    female_family: NE_FAMILY,
    male_family: NE_FAMILY,
    nick_female: NE_NICK_FEMALE,
    nick_male: NE_NICK_MALE,
    handle_female: NE_HANDLE_FEMALE,
    handle_male: NE_HANDLE_MALE,
    handle_after_name: true,
    order: NameOrder::GivenFamily,
    places: places::NEPAL,
    phones: &["+977 98########", "+977 980-#######", "+977 984-#######"],
    address: AddressStyle::Nepal,
};

static NORTH_INDIA: Culture = Culture {
    country: "IN",
    country_en: "India",
    country_es: "India",
    languages: &["hi", "en"],
    female: HI_FEMALE,
    male: HI_MALE,
    female_family: HI_FEMALE_FAMILY,
    male_family: HI_MALE_FAMILY,
    nick_female: HI_NICK_FEMALE,
    nick_male: HI_NICK_MALE,
    handle_female: HI_HANDLE_FEMALE,
    handle_male: HI_HANDLE_MALE,
    handle_after_name: true,
    order: NameOrder::GivenFamily,
    places: places::NORTH_INDIA,
    phones: INDIA_PHONES,
    address: AddressStyle::SouthAsia,
};

static MAHARASHTRA: Culture = Culture {
    country: "IN",
    country_en: "India",
    country_es: "India",
    languages: &["mr", "hi", "en"],
    female: MR_FEMALE,
    male: MR_MALE,
    female_family: MR_FAMILY,
    male_family: MR_FAMILY,
    nick_female: MR_NICK_FEMALE,
    nick_male: MR_NICK_MALE,
    handle_female: MR_HANDLE_FEMALE,
    handle_male: MR_HANDLE_MALE,
    handle_after_name: true,
    order: NameOrder::GivenFamily,
    places: places::MAHARASHTRA,
    phones: INDIA_PHONES,
    address: AddressStyle::SouthAsia,
};

const PHILIPPINE_PHONES: &[&str] = &[
    "+63 917 ### ####",
    "+63 927 ### ####",
    "+63 998 ### ####",
    "0917 ### ####",
    "0932 ### ####",
];

/// Cebuano has no ISO 639-1 code, so Visayan speakers are recorded with
/// Filipino (`tl`) and English, as most intake forms do.
static VISAYAS: Culture = Culture {
    country: "PH",
    country_en: "Philippines",
    country_es: "Filipinas",
    languages: &["tl", "en"],
    female: PH_FEMALE,
    male: PH_MALE,
    female_family: PH_VISAYAS_FAMILY,
    male_family: PH_VISAYAS_FAMILY,
    nick_female: PH_NICK_FEMALE,
    nick_male: PH_NICK_MALE,
    handle_female: PH_HANDLE_FEMALE,
    handle_male: PH_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::Filipino,
    places: places::VISAYAS,
    phones: PHILIPPINE_PHONES,
    address: AddressStyle::Philippines,
};

static LUZON: Culture = Culture {
    country: "PH",
    country_en: "Philippines",
    country_es: "Filipinas",
    languages: &["tl", "en"],
    female: PH_FEMALE,
    male: PH_MALE,
    female_family: PH_LUZON_FAMILY,
    male_family: PH_LUZON_FAMILY,
    nick_female: PH_NICK_FEMALE,
    nick_male: PH_NICK_MALE,
    handle_female: PH_HANDLE_FEMALE,
    handle_male: PH_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::Filipino,
    places: places::LUZON,
    phones: PHILIPPINE_PHONES,
    address: AddressStyle::Philippines,
};

static THAILAND: Culture = Culture {
    country: "TH",
    country_en: "Thailand",
    country_es: "Tailandia",
    languages: &["th", "en"],
    female: TH_FEMALE,
    male: TH_MALE,
    female_family: TH_FAMILY,
    male_family: TH_FAMILY,
    nick_female: TH_NICK_FEMALE,
    nick_male: TH_NICK_MALE,
    handle_female: TH_HANDLE_FEMALE,
    handle_male: TH_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::GivenFamily,
    places: places::THAILAND,
    phones: &["+66 8# ### ####", "+66 9# ### ####", "08#-###-####"],
    address: AddressStyle::Thailand,
};

static MYANMAR: Culture = Culture {
    country: "MM",
    country_en: "Myanmar",
    country_es: "Myanmar",
    languages: &["my", "th"],
    female: MM_FEMALE,
    male: MM_MALE,
    female_family: &[],
    male_family: &[],
    nick_female: MM_NICK_FEMALE,
    nick_male: MM_NICK_MALE,
    handle_female: MM_HANDLE_FEMALE,
    handle_male: MM_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::GivenOnly,
    places: places::MYANMAR,
    phones: &["+95 9 ### ### ###", "09 ### ### ###"],
    address: AddressStyle::Myanmar,
};

static LAOS: Culture = Culture {
    country: "LA",
    country_en: "Laos",
    country_es: "Laos",
    languages: &["lo", "th"],
    female: LA_FEMALE,
    male: LA_MALE,
    female_family: LA_FAMILY,
    male_family: LA_FAMILY,
    nick_female: LA_NICK_FEMALE,
    nick_male: LA_NICK_MALE,
    handle_female: LA_HANDLE_FEMALE,
    handle_male: LA_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::GivenFamily,
    places: places::LAOS,
    phones: &["+856 20 #### ####", "020 ## ### ###"],
    address: AddressStyle::Laos,
};

static MEXICO: Culture = Culture {
    country: "MX",
    country_en: "Mexico",
    country_es: "México",
    languages: &["es", "en"],
    female: MX_FEMALE,
    male: MX_MALE,
    female_family: MX_FAMILY,
    male_family: MX_FAMILY,
    nick_female: MX_NICK_FEMALE,
    nick_male: MX_NICK_MALE,
    handle_female: MX_HANDLE_FEMALE,
    handle_male: MX_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::Spanish,
    places: places::MEXICO,
    phones: &[
        "+52 55 #### ####",
        "+52 246 ### ####",
        "+52 222 ### ####",
        "+52 962 ### ####",
        "55 #### ####",
    ],
    address: AddressStyle::Mexico,
};

static GUATEMALA: Culture = Culture {
    country: "GT",
    country_en: "Guatemala",
    country_es: "Guatemala",
    languages: &["es"],
    female: GT_FEMALE,
    male: GT_MALE,
    female_family: GT_FAMILY,
    male_family: GT_FAMILY,
    nick_female: GT_NICK_FEMALE,
    nick_male: GT_NICK_MALE,
    handle_female: GT_HANDLE_FEMALE,
    handle_male: GT_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::Spanish,
    places: places::GUATEMALA,
    phones: &["+502 5### ####", "+502 4### ####", "+502 3### ####"],
    address: AddressStyle::Guatemala,
};

static HONDURAS: Culture = Culture {
    country: "HN",
    country_en: "Honduras",
    country_es: "Honduras",
    languages: &["es"],
    female: CA_FEMALE,
    male: CA_MALE,
    female_family: HN_FAMILY,
    male_family: HN_FAMILY,
    nick_female: CA_NICK_FEMALE,
    nick_male: CA_NICK_MALE,
    handle_female: MX_HANDLE_FEMALE,
    handle_male: MX_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::Spanish,
    places: places::HONDURAS,
    phones: &["+504 9###-####", "+504 3###-####"],
    address: AddressStyle::CentralAmerica,
};

static EL_SALVADOR: Culture = Culture {
    country: "SV",
    country_en: "El Salvador",
    country_es: "El Salvador",
    languages: &["es"],
    female: CA_FEMALE,
    male: CA_MALE,
    female_family: SV_FAMILY,
    male_family: SV_FAMILY,
    nick_female: CA_NICK_FEMALE,
    nick_male: CA_NICK_MALE,
    handle_female: MX_HANDLE_FEMALE,
    handle_male: MX_HANDLE_MALE,
    handle_after_name: false,
    order: NameOrder::Spanish,
    places: places::EL_SALVADOR,
    phones: &["+503 7### ####", "+503 6### ####"],
    address: AddressStyle::CentralAmerica,
};

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use lantern_domain::iso::{CountryCode, LanguageCode};
    use lantern_domain::text::optional_line;

    use super::*;
    use crate::offices::OFFICES;

    /// A table entry must already be what validation would store: trimmed,
    /// NFC-normalised, one line.
    fn canonical(text: &str) {
        assert_eq!(
            optional_line("t", text, 200).unwrap().as_deref(),
            Some(text),
            "{text:?}"
        );
    }

    fn names(table: &[Name]) {
        assert!(!table.is_empty());
        for name in table {
            canonical(name.latin);
            canonical(name.native);
        }
    }

    #[test]
    fn every_culture_is_complete_and_canonical() {
        for id in CultureId::ALL {
            let c = id.spec();
            assert_eq!(CultureId::ALL[id.index()], id);
            assert!(CountryCode::parse(c.country).is_ok(), "{}", c.country);
            assert!(!c.languages.is_empty());
            for language in c.languages {
                assert!(LanguageCode::parse(language).is_ok(), "{language}");
            }
            names(c.female);
            names(c.male);
            if c.order != NameOrder::GivenOnly {
                names(c.female_family);
                names(c.male_family);
            }
            names(c.nick_female);
            names(c.nick_male);
            names(c.handle_female);
            names(c.handle_male);
            assert!(!c.places.is_empty());
            for place in c.places {
                canonical(place.locality);
                canonical(place.area);
            }
            assert!(!c.phones.is_empty());
            for pattern in c.phones {
                let digits = pattern
                    .chars()
                    .filter(|ch| *ch == '#' || ch.is_ascii_digit())
                    .count();
                assert!((6..=15).contains(&digits), "{pattern}");
            }
        }
    }

    #[test]
    fn every_office_is_complete_and_pseudonym_lists_are_disjoint() {
        let mut words = HashSet::new();
        for office in OFFICES {
            assert!(!office.cultures.is_empty() && !office.exploitation.is_empty());
            assert!(office.staff.len() >= 3 && !office.posts.is_empty());
            for sites in [
                office.sites.sexual,
                office.sites.labour,
                office.sites.marriage,
                office.sites.domestic,
            ] {
                assert!(!sites.is_empty(), "{}", office.code);
                for site in sites {
                    canonical(&site.label());
                }
            }
            assert!(!office.pseudonyms.is_empty());
            for word in office.pseudonyms {
                canonical(word);
                // Numbered handles ("Doel 2") must not collide with words.
                assert!(!word.ends_with(|c: char| c.is_ascii_digit()));
                assert!(words.insert(*word), "{word} is in two lists");
            }
        }
    }
}
