//! Dates of birth and ages, kept as what they are: an exact (if possibly
//! mistyped) date, or a range of possible birth years from an estimated age.

use crate::config::DateOrder;

/// A date as written. Month or day are 0 when only the year is known. Values
/// are kept even when impossible (month 13) because a mistyped digit is still
/// evidence when compared with the correct date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// The eight digits YYYYMMDD, for counting typos.
    pub fn digits(self) -> [u8; 8] {
        let mut out = [0u8; 8];
        let mut value =
            u32::from(self.year) * 10_000 + u32::from(self.month) * 100 + u32::from(self.day);
        for slot in out.iter_mut().rev() {
            *slot = (value % 10) as u8;
            value /= 10;
        }
        out
    }

    pub fn key(self) -> u64 {
        (u64::from(self.year) << 16) | (u64::from(self.month) << 8) | u64::from(self.day)
    }
}

/// What is known about when a person was born.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Birth {
    pub date: Option<Date>,
    /// Inclusive range of plausible birth years (from the date, or from an age).
    pub years: Option<(u16, u16)>,
}

impl Birth {
    pub fn is_known(&self) -> bool {
        self.years.is_some()
    }

    pub fn from_date(date: Date) -> Self {
        Self {
            date: Some(date),
            years: Some((date.year, date.year)),
        }
    }
}

const MIN_YEAR: u16 = 1880;
const MAX_YEAR: u16 = 2100;

/// Parses YYYYMMDD, YYYY-MM-DD, DD/MM/YYYY (or MM/DD/YYYY), "12 Jan 1990",
/// and a bare year. Returns `None` for anything else.
pub fn parse_date(raw: &str, order: DateOrder) -> Option<Date> {
    let raw = raw.trim();
    if raw.is_empty() {
        return None;
    }
    if raw.len() == 8 && raw.bytes().all(|b| b.is_ascii_digit()) {
        let n: u32 = raw.parse().ok()?;
        return plausible(Date {
            year: (n / 10_000) as u16,
            month: ((n / 100) % 100) as u8,
            day: (n % 100) as u8,
        });
    }
    let parts: Vec<&str> = raw
        .split(['-', '/', '.', ' ', ','])
        .filter(|p| !p.is_empty())
        .collect();
    match parts.as_slice() {
        [year] => plausible(Date {
            year: year.parse().ok()?,
            month: 0,
            day: 0,
        }),
        [a, b, c] => three_parts(a, b, c, order),
        [month, year] => plausible(Date {
            year: year.parse().ok()?,
            month: month_number(month)?,
            day: 0,
        }),
        _ => None,
    }
}

fn three_parts(a: &str, b: &str, c: &str, order: DateOrder) -> Option<Date> {
    if a.len() == 4 {
        return plausible(Date {
            year: a.parse().ok()?,
            month: month_number(b)?,
            day: c.parse().ok()?,
        });
    }
    let year = expand_year(c)?;
    // A month written as a word settles the order whatever the convention.
    if !b.bytes().all(|x| x.is_ascii_digit()) {
        return plausible(Date {
            year,
            month: month_number(b)?,
            day: a.parse().ok()?,
        });
    }
    if !a.bytes().all(|x| x.is_ascii_digit()) {
        return plausible(Date {
            year,
            month: month_number(a)?,
            day: b.parse().ok()?,
        });
    }
    let first: u8 = a.parse().ok()?;
    let second: u8 = b.parse().ok()?;
    let (day, month) = match order {
        _ if first > 12 && second <= 12 => (first, second),
        _ if second > 12 && first <= 12 => (second, first),
        DateOrder::Dmy => (first, second),
        DateOrder::Mdy => (second, first),
    };
    plausible(Date { year, month, day })
}

fn expand_year(text: &str) -> Option<u16> {
    let value: u16 = text.parse().ok()?;
    match text.len() {
        4 => Some(value),
        // Two-digit years in birth dates are almost always last century or this one;
        // pick the reading that is not in the future relative to 2030.
        2 => Some(if value <= 30 {
            2000 + value
        } else {
            1900 + value
        }),
        _ => None,
    }
}

fn month_number(text: &str) -> Option<u8> {
    if let Ok(n) = text.parse::<u8>() {
        return Some(n);
    }
    const NAMES: [&[&str]; 12] = [
        &["jan", "ene"],
        &["feb"],
        &["mar"],
        &["apr", "abr"],
        &["may"],
        &["jun"],
        &["jul"],
        &["aug", "ago"],
        &["sep", "set"],
        &["oct"],
        &["nov"],
        &["dec", "dic"],
    ];
    let lower = text.to_ascii_lowercase();
    let prefix = lower.get(..3)?;
    NAMES
        .iter()
        .position(|names| names.contains(&prefix))
        .and_then(|i| u8::try_from(i + 1).ok())
}

fn plausible(date: Date) -> Option<Date> {
    let in_range = (MIN_YEAR..=MAX_YEAR).contains(&date.year) && date.month <= 99 && date.day <= 99;
    in_range.then_some(date)
}

/// Parses an age ("35", "~35", "30-35", "about 35", "35?") into birth years.
pub fn birth_years_from_age(raw: &str, reference_year: i32) -> Option<(u16, u16)> {
    let numbers: Vec<i32> = raw
        .split(|c: char| !c.is_ascii_digit())
        .filter(|p| !p.is_empty() && p.len() <= 3)
        .filter_map(|p| p.parse().ok())
        .collect();
    let (low, high) = match numbers.as_slice() {
        [age] => (*age, *age),
        [a, b] => ((*a).min(*b), (*a).max(*b)),
        _ => return None,
    };
    if high > 125 {
        return None;
    }
    // Someone aged 35 in the reference year was born in one of two years.
    let earliest = reference_year - high - 1;
    let latest = reference_year - low;
    let earliest = u16::try_from(earliest).ok()?;
    let latest = u16::try_from(latest).ok()?;
    Some((earliest, latest))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: u16, m: u8, d: u8) -> Option<Date> {
        Some(Date {
            year: y,
            month: m,
            day: d,
        })
    }

    #[test]
    fn reads_common_formats() {
        assert_eq!(parse_date("19900412", DateOrder::Dmy), date(1990, 4, 12));
        assert_eq!(parse_date("1990-04-12", DateOrder::Dmy), date(1990, 4, 12));
        assert_eq!(parse_date("12/04/1990", DateOrder::Dmy), date(1990, 4, 12));
        assert_eq!(parse_date("04/12/1990", DateOrder::Mdy), date(1990, 4, 12));
        assert_eq!(parse_date("25/12/1990", DateOrder::Mdy), date(1990, 12, 25));
        assert_eq!(parse_date("12 Abr 1990", DateOrder::Dmy), date(1990, 4, 12));
        assert_eq!(parse_date("1990", DateOrder::Dmy), date(1990, 0, 0));
        assert_eq!(parse_date("yesterday", DateOrder::Dmy), None);
        assert_eq!(
            date(1990, 4, 12).map(|d| d.digits()),
            Some([1, 9, 9, 0, 0, 4, 1, 2])
        );
    }

    #[test]
    fn ages_become_year_ranges() {
        assert_eq!(birth_years_from_age("35", 2025), Some((1989, 1990)));
        assert_eq!(
            birth_years_from_age("about 30-35", 2025),
            Some((1989, 1995))
        );
        assert_eq!(birth_years_from_age("old", 2025), None);
    }
}
