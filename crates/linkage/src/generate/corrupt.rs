//! The ways a clerk's hand changes a value: typos, case, abbreviations, and
//! the many formats of dates and phone numbers.

use crate::rng::Rng;

const LETTERS: &[u8] = b"abcdefghijklmnopqrstuvwxyz";

/// One keying error: a wrong, missing, doubled or swapped letter.
pub fn typo(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    if chars.len() < 3 {
        return text.to_string();
    }
    // Never touch the first letter: people rarely get it wrong.
    let at = 1 + rng.index(chars.len() - 1);
    match rng.below(4) {
        0 => {
            let letter = LETTERS[rng.index(LETTERS.len())] as char;
            chars[at] = if chars[at].is_ascii() {
                letter
            } else {
                chars[at]
            };
        }
        1 => {
            chars.remove(at);
        }
        2 => {
            let c = chars[at];
            chars.insert(at, c);
        }
        _ => {
            if at + 1 < chars.len() {
                chars.swap(at, at + 1);
            } else {
                chars.swap(at - 1, at);
            }
        }
    }
    chars.into_iter().collect()
}

/// Registers are often typed in capitals.
pub fn vary_case(rng: &mut Rng, text: &str) -> String {
    let roll = rng.unit();
    if roll < 0.2 {
        text.to_uppercase()
    } else if roll < 0.25 {
        text.to_lowercase()
    } else {
        text.to_string()
    }
}

/// Abbreviates or spells out street words, sometimes with a typo.
pub fn vary_address(rng: &mut Rng, address: &str, typo_rate: f64) -> String {
    const SWAPS: &[(&str, &str)] = &[
        ("Road", "Rd"),
        ("Street", "St."),
        ("Avenida", "Av."),
        ("Calle", "C."),
        ("Boulevard", "Blvd"),
        ("Nagar", "Ngr"),
        ("Barangay", "Brgy"),
    ];
    let mut out = address.to_string();
    for (long, short) in SWAPS {
        if out.contains(long) && rng.chance(0.4) {
            out = out.replace(long, short);
        }
    }
    if rng.chance(0.3) {
        out = out.replacen(' ', ", ", 1);
    }
    if rng.chance(typo_rate) {
        out = typo(rng, &out);
    }
    out
}

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Day-first formats, as written in the countries served.
pub fn format_date(rng: &mut Rng, (year, month, day): (u16, u8, u8)) -> String {
    match rng.below(10) {
        0..=4 => format!("{day:02}/{month:02}/{year}"),
        5..=6 => format!("{year}-{month:02}-{day:02}"),
        7..=8 => format!("{day}-{month}-{year}"),
        _ => {
            let name = MONTHS.get(usize::from(month).wrapping_sub(1)).copied();
            match name {
                Some(name) => format!("{day} {name} {year}"),
                None => format!("{day:02}/{month:02}/{year}"),
            }
        }
    }
}

/// A national number written in one of the usual ways: with country code,
/// with trunk zero, grouped or not.
pub fn format_phone(rng: &mut Rng, national: &str, country_code: &str) -> String {
    let grouped = |n: &str| {
        let cut = n.len().saturating_sub(7).max(2).min(n.len());
        let (a, rest) = n.split_at(cut);
        let (b, c) = rest.split_at(rest.len().min(3));
        format!("{a} {b} {c}")
    };
    match rng.below(6) {
        0 => format!("+{country_code} {}", grouped(national)),
        1 => format!("+{country_code}{national}"),
        2 => format!("0{national}"),
        3 => format!("0{}", grouped(national).replace(' ', "-")),
        4 => national.to_string(),
        _ => format!("00{country_code} {national}"),
    }
}
