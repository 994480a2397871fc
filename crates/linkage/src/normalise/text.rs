//! Script-independent text forms: a Latin transliteration, a romanisation
//! "skeleton" that survives vowel and aspiration variants, and stable hashes.

/// Stable 64-bit FNV-1a hash, salted by `domain` so that, for example, a
/// skeleton and a spelling that happen to be equal strings get different keys.
pub fn hash_str(domain: u64, text: &str) -> u64 {
    hash_bytes(domain, text.as_bytes())
}

pub fn hash_bytes(domain: u64, bytes: &[u8]) -> u64 {
    const PRIME: u64 = 0x0000_0100_0000_01b3;
    let mut hash = 0xcbf2_9ce4_8422_2325_u64 ^ domain.wrapping_mul(0x9e37_79b9_7f4a_7c15);
    for &b in bytes {
        hash ^= u64::from(b);
        hash = hash.wrapping_mul(PRIME);
    }
    mix(hash)
}

/// Combines hashes (order matters).
pub fn combine(a: u64, b: u64) -> u64 {
    mix(a ^ b
        .wrapping_add(0x9e37_79b9_7f4a_7c15)
        .wrapping_add(a << 6)
        .wrapping_add(a >> 2))
}

fn mix(mut x: u64) -> u64 {
    x ^= x >> 33;
    x = x.wrapping_mul(0xff51_afd7_ed55_8ccd);
    x ^= x >> 33;
    x = x.wrapping_mul(0xc4ce_b9fe_1a85_ec53);
    x ^ (x >> 33)
}

/// Lower-case ASCII transliteration with words separated by single spaces.
/// Letters and digits survive; punctuation becomes a word break, except
/// apostrophes and dots, which join (O'Brien = OBrien, Ma. = Ma).
pub fn to_latin(raw: &str) -> String {
    let prepared;
    let text = if raw.chars().any(is_thai) {
        prepared = reorder_thai(raw);
        prepared.as_str()
    } else {
        raw
    };
    let ascii = transliterate(text);
    let mut out = String::with_capacity(ascii.len());
    let mut pending_space = false;
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.push(c.to_ascii_lowercase());
        } else if c != '\'' && c != '.' {
            pending_space = true;
        }
    }
    out
}

/// any_ascii, except that Indic च/চ become "ch" as every romanisation writes
/// them (any_ascii follows ISO 15919 and writes a bare "c").
fn transliterate(text: &str) -> String {
    if !text.chars().any(is_indic) {
        return any_ascii::any_ascii(text);
    }
    let mut out = String::with_capacity(text.len() * 2);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        let ascii = any_ascii::any_ascii_char(c);
        if matches!(c, '\u{0902}' | '\u{0982}') {
            // Anusvara takes the place of the next consonant's nasal:
            // संजय is "sanjay", not "smjy"; only before p, b, m is it an m.
            let next = chars.peek().map_or("", |n| any_ascii::any_ascii_char(*n));
            out.push(if next.starts_with(['p', 'b', 'm']) {
                'm'
            } else {
                'n'
            });
        } else if is_indic(c) && ascii.starts_with('c') && !ascii.starts_with("ch") {
            out.push_str("ch");
            out.push_str(&ascii[1..]);
        } else {
            out.push_str(ascii);
        }
    }
    out
}

/// Devanagari and Bengali blocks.
fn is_indic(c: char) -> bool {
    ('\u{0900}'..='\u{09FF}').contains(&c)
}

fn is_thai(c: char) -> bool {
    ('\u{0E00}'..='\u{0E7F}').contains(&c)
}

/// Thai writes some vowels before the consonant they follow in speech, and marks
/// silent letters with a thanthakhat; letter-by-letter transliteration gets both
/// wrong (ใจดี → "aichdi" instead of "jaidee"), so fix the order first.
fn reorder_thai(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let mut out: Vec<char> = Vec::with_capacity(chars.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let leading_vowel = ('\u{0E40}'..='\u{0E44}').contains(&c);
        if leading_vowel && i + 1 < chars.len() && is_thai_consonant(chars[i + 1]) {
            out.push(chars[i + 1]);
            out.push(c);
            i += 2;
            continue;
        }
        if c == '\u{0E4C}' {
            // Silent: drop the marks above it and the consonant they sit on.
            while out.last().is_some_and(|&p| is_thai_mark(p)) {
                out.pop();
            }
            if out.last().is_some_and(|&p| is_thai_consonant(p)) {
                out.pop();
            }
            i += 1;
            continue;
        }
        out.push(c);
        i += 1;
    }
    // A consonant that closes a word is pronounced differently (บุญ is "bun",
    // not "buy"); replace it with the consonant that transliterates to its sound.
    for j in 0..out.len() {
        let word_end = out.get(j + 1).is_none_or(|next| !is_thai(*next));
        // ญ closing a syllable inside a word is an n too (กาญจนา, Kanchana).
        let closes_syllable =
            out[j] == 'ญ' && out.get(j + 1).is_some_and(|next| is_thai_consonant(*next));
        if word_end || closes_syllable {
            out[j] = final_consonant(out[j]);
        }
    }
    out.into_iter().collect()
}

fn final_consonant(c: char) -> char {
    match c {
        'ญ' | 'ร' | 'ล' | 'ฬ' => 'น',
        'ด' | 'ต' | 'ท' | 'ธ' | 'ส' | 'ศ' | 'ษ' | 'จ' | 'ช' | 'ซ' | 'ฎ' | 'ฏ' | 'ฐ' | 'ฑ' | 'ฒ' => {
            'ต'
        }
        'บ' | 'พ' | 'ภ' | 'ฟ' => 'ป',
        'ข' | 'ค' | 'ฆ' => 'ก',
        other => other,
    }
}

fn is_thai_consonant(c: char) -> bool {
    ('\u{0E01}'..='\u{0E2E}').contains(&c)
}

fn is_thai_mark(c: char) -> bool {
    c == '\u{0E31}'
        || ('\u{0E34}'..='\u{0E3A}').contains(&c)
        || ('\u{0E47}'..='\u{0E4E}').contains(&c)
}

/// A consonant skeleton of one lower-case ASCII word: aspirates and common
/// romanisation alternatives folded (sh/s, v/w/b, ph/f/p, ch/j, x/ks, z/s,
/// q/k, c/k), doubled letters collapsed, and vowels and h dropped after the first
/// letter; a w that closes a vowel is a vowel. Sharma, Shrma (from Devanagari शर्मा) and Sarma share "srm";
/// Hossain, Hussain and Hosen share "hsn"; Lakshmi and Laxmi share "lksm".
pub fn skeleton(word: &str) -> String {
    let bytes = word.as_bytes();
    let mut folded: Vec<u8> = Vec::with_capacity(bytes.len() + 2);
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let next = bytes.get(i + 1).copied();
        let digraph = match (c, next) {
            (b's', Some(b'h')) => Some(b's'),
            (b'c', Some(b'h')) | (b'j', Some(b'h')) => Some(b'j'),
            (b'k' | b'g' | b'd' | b't' | b'b', Some(b'h')) => Some(fold_single(c)),
            // Thai, Bengali and Hindi "ph" is an aspirated p, written p or ph
            // (Amporn, Amphon); elsewhere it is an f (Sofia, Sophia). Both
            // fold to p, with f.
            (b'p', Some(b'h')) => Some(b'p'),
            (b'c', Some(b'k')) => Some(b'k'),
            _ => None,
        };
        if let Some(d) = digraph {
            folded.push(d);
            i += 2;
            continue;
        }
        let after_vowel = i > 0 && is_vowel(bytes[i - 1]);
        if c == b'w' && after_vowel && !next.is_some_and(is_vowel) {
            // "ow", "aw" spell a vowel: Chowdhury = Chaudhuri.
            folded.push(b'u');
        } else if c == b'x' {
            folded.extend_from_slice(b"ks");
        } else if c.is_ascii_lowercase() || c.is_ascii_digit() {
            folded.push(fold_single(c));
        }
        i += 1;
    }
    let mut out = String::with_capacity(folded.len());
    let mut previous: Option<u8> = None;
    for (position, &c) in folded.iter().enumerate() {
        if previous == Some(c) {
            continue;
        }
        previous = Some(c);
        if position == 0 {
            out.push(if is_vowel(c) { 'a' } else { c as char });
        } else if !is_vowel(c) && c != b'h' {
            out.push(c as char);
        }
    }
    // Thai romanisations keep a silent r before a final n (Siriporn,
    // Siripon; อัมพร is "amphon").
    if out.len() > 2 && out.ends_with("rn") {
        out.remove(out.len() - 2);
    }
    out
}

fn fold_single(c: u8) -> u8 {
    match c {
        b'v' | b'w' => b'b',
        b'f' => b'p',
        b'q' | b'c' => b'k',
        b'z' => b's',
        b'y' => b'i',
        other => other,
    }
}

fn is_vowel(c: u8) -> bool {
    matches!(c, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// Expands common address abbreviations so "12 Main St." equals "12 main street".
pub fn normalise_address(raw: &str) -> String {
    let latin = to_latin(raw);
    let mut out = String::with_capacity(latin.len() + 8);
    for word in latin.split(' ') {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(expand_abbreviation(word));
    }
    out
}

fn expand_abbreviation(word: &str) -> &str {
    match word {
        "st" | "str" => "street",
        "rd" => "road",
        "ave" | "av" | "avda" => "avenida",
        "avenue" => "avenida",
        "ln" => "lane",
        "dr" => "drive",
        "cres" => "crescent",
        "pl" => "place",
        "ct" => "court",
        "cl" => "close",
        "brgy" | "bgy" => "barangay",
        "col" => "colonia",
        "ngr" => "nagar",
        "no" | "num" | "nro" => "no",
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliterates_scripts() {
        assert_eq!(to_latin("María  José"), "maria jose");
        assert_eq!(to_latin("O'Brien-Smith"), "obrien smith");
        assert_eq!(to_latin("Ma. Cristina"), "ma cristina");
        assert_eq!(skeleton(&to_latin("ใจดี")), skeleton("jaidee"));
        assert_eq!(skeleton(&to_latin("สมศักดิ์")), skeleton("somsak"));
        assert_eq!(skeleton(&to_latin("บุญ")), skeleton("boon"));
    }

    #[test]
    fn skeleton_folds_romanisation_variants() {
        assert_eq!(skeleton("sharma"), skeleton(&to_latin("शर्मा")));
        assert_eq!(skeleton("hossain"), skeleton("hussain"));
        assert_eq!(skeleton("hosen"), skeleton("hossain"));
        assert_eq!(skeleton("lakshmi"), skeleton("laxmi"));
        assert_eq!(skeleton("biswas"), skeleton(&to_latin("বিশ্বাস")));
        assert_eq!(skeleton("mondal"), skeleton(&to_latin("মন্ডল")));
        assert_eq!(skeleton("fatema"), skeleton(&to_latin("ফাতেমা")));
        assert_eq!(skeleton("chowdhury"), skeleton(&to_latin("চৌধুরী")));
        assert_eq!(skeleton("chauhan"), skeleton(&to_latin("चौहान")));
        assert_eq!(skeleton("sanjay"), skeleton(&to_latin("संजय")));
        assert_eq!(skeleton("amporn"), skeleton(&to_latin("อัมพร")));
        assert_eq!(skeleton("amphon"), skeleton("amporn"));
        assert_eq!(skeleton("kanchana"), skeleton(&to_latin("กาญจนา")));
        assert_eq!(skeleton("sophia"), skeleton("sofia"));
        assert_eq!(skeleton("somchai"), skeleton(&to_latin("สมชาย")));
        assert_ne!(skeleton("ramesh"), skeleton("rakesh"));
    }

    #[test]
    fn hashes_are_domain_separated() {
        assert_ne!(hash_str(1, "ana"), hash_str(2, "ana"));
        assert_eq!(hash_str(1, "ana"), hash_str(1, "ana"));
    }
}
