//! ISO 3166-1 alpha-2 country codes and ISO 639-1 language codes, checked
//! against the official lists rather than by shape alone.

use serde::{Deserialize, Serialize};

use crate::validation::{field_error, FieldError, Problem};

const COUNTRIES: &str = "AD AE AF AG AI AL AM AO AQ AR AS AT AU AW AX AZ BA BB BD BE BF BG BH BI BJ BL BM BN BO BQ BR BS BT BV BW BY BZ CA CC CD CF CG CH CI CK CL CM CN CO CR CU CV CW CX CY CZ DE DJ DK DM DO DZ EC EE EG EH ER ES ET FI FJ FK FM FO FR GA GB GD GE GF GG GH GI GL GM GN GP GQ GR GS GT GU GW GY HK HM HN HR HT HU ID IE IL IM IN IO IQ IR IS IT JE JM JO JP KE KG KH KI KM KN KP KR KW KY KZ LA LB LC LI LK LR LS LT LU LV LY MA MC MD ME MF MG MH MK ML MM MN MO MP MQ MR MS MT MU MV MW MX MY MZ NA NC NE NF NG NI NL NO NP NR NU NZ OM PA PE PF PG PH PK PL PM PN PR PS PT PW PY QA RE RO RS RU RW SA SB SC SD SE SG SH SI SJ SK SL SM SN SO SR SS ST SV SX SY SZ TC TD TF TG TH TJ TK TL TM TN TO TR TT TV TW TZ UA UG UM US UY UZ VA VC VE VG VI VN VU WF WS YE YT ZA ZM ZW";

const LANGUAGES: &str = "aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk ur uz ve vi vo wa wo xh yi yo za zh zu";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct CountryCode([u8; 2]);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct LanguageCode([u8; 2]);

/// The text was not a code on the relevant ISO list.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("not a known ISO code")]
pub struct UnknownIsoCode;

fn two_letters(raw: &str, list: &str, upper: bool) -> Result<[u8; 2], UnknownIsoCode> {
    let code = if upper {
        raw.trim().to_ascii_uppercase()
    } else {
        raw.trim().to_ascii_lowercase()
    };
    match code.as_bytes() {
        [a, b] if list.split(' ').any(|c| c == code) => Ok([*a, *b]),
        _ => Err(UnknownIsoCode),
    }
}

impl CountryCode {
    pub fn parse(raw: &str) -> Result<Self, UnknownIsoCode> {
        two_letters(raw, COUNTRIES, true).map(Self)
    }

    pub fn parse_field(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::parse(raw).map_err(|_| field_error(field, Problem::UnknownValue))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl LanguageCode {
    pub fn parse(raw: &str) -> Result<Self, UnknownIsoCode> {
        two_letters(raw, LANGUAGES, false).map(Self)
    }

    pub fn parse_field(field: &str, raw: &str) -> Result<Self, FieldError> {
        Self::parse(raw).map_err(|_| field_error(field, Problem::UnknownValue))
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("??")
    }
}

impl TryFrom<String> for CountryCode {
    type Error = UnknownIsoCode;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<CountryCode> for String {
    fn from(value: CountryCode) -> Self {
        value.as_str().to_owned()
    }
}
impl TryFrom<String> for LanguageCode {
    type Error = UnknownIsoCode;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}
impl From<LanguageCode> for String {
    fn from(value: LanguageCode) -> Self {
        value.as_str().to_owned()
    }
}

impl std::fmt::Display for CountryCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}
impl std::fmt::Display for LanguageCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Parses a comma- or space-separated list of codes, naming the field and
/// position of the first unknown one.
pub fn parse_code_list<T>(
    field: &str,
    raw: &str,
    parse: impl Fn(&str) -> Result<T, UnknownIsoCode>,
    max: usize,
) -> Result<Vec<T>, FieldError>
where
    T: PartialEq,
{
    let mut codes = Vec::new();
    for part in raw.split([',', ' ']).filter(|p| !p.trim().is_empty()) {
        let code = parse(part).map_err(|_| field_error(field, Problem::UnknownValue))?;
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    if codes.len() > max {
        return Err(field_error(field, Problem::TooMany { max }));
    }
    Ok(codes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_known_codes_in_any_case() {
        assert_eq!(CountryCode::parse("in").unwrap().as_str(), "IN");
        assert_eq!(CountryCode::parse("PH").unwrap().as_str(), "PH");
        assert_eq!(LanguageCode::parse("BN").unwrap().as_str(), "bn");
    }

    #[test]
    fn refuses_unknown_codes() {
        assert!(CountryCode::parse("XX").is_err());
        assert!(CountryCode::parse("IND").is_err());
        assert!(LanguageCode::parse("zz").is_err());
        assert!(LanguageCode::parse("").is_err());
    }

    #[test]
    fn lists_are_deduplicated_and_bounded() {
        let list = parse_code_list("citizenships", "IN, in BD", CountryCode::parse, 5).unwrap();
        assert_eq!(list.len(), 2);
        let err = parse_code_list("citizenships", "IN XX", CountryCode::parse, 5).unwrap_err();
        assert_eq!(err.field, "citizenships");
    }
}
