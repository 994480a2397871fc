//! String similarity on short ASCII strings without allocating: the scorer
//! calls these millions of times. Falls back to `strsim` for long or
//! non-ASCII input.

const STACK_LIMIT: usize = 64;

/// Jaro–Winkler similarity (prefix scale 0.1, up to four characters).
pub fn jaro_winkler(a: &str, b: &str) -> f64 {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len() > STACK_LIMIT || y.len() > STACK_LIMIT || !a.is_ascii() || !b.is_ascii() {
        return strsim::jaro_winkler(a, b);
    }
    let jaro = jaro_bytes(x, y);
    let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count();
    jaro + prefix as f64 * 0.1 * (1.0 - jaro)
}

/// Jaro–Winkler if it can reach `floor`, else `None`, decided first by a
/// cheap upper bound: characters of one string whose letter does not occur in
/// the other can never match. Most compared pairs are far apart, and this
/// skips the quadratic part for them.
pub fn jaro_winkler_at_least(a: &str, b: &str, floor: f64) -> Option<f64> {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.is_empty() || y.is_empty() {
        let value = jaro_winkler(a, b);
        return (value >= floor).then_some(value);
    }
    let mask = |s: &[u8]| s.iter().fold(0u64, |m, c| m | 1 << (c & 63));
    let (mask_x, mask_y) = (mask(x), mask(y));
    let present = |s: &[u8], other: u64| s.iter().filter(|c| other & (1 << (*c & 63)) != 0).count();
    let matches = present(x, mask_y).min(present(y, mask_x)) as f64;
    let jaro_bound = (matches / x.len() as f64 + matches / y.len() as f64 + 1.0) / 3.0;
    let prefix = x.iter().zip(y).take(4).take_while(|(p, q)| p == q).count();
    let bound = jaro_bound + prefix as f64 * 0.1 * (1.0 - jaro_bound);
    if bound < floor {
        return None;
    }
    let value = jaro_winkler(a, b);
    (value >= floor).then_some(value)
}

fn jaro_bytes(x: &[u8], y: &[u8]) -> f64 {
    if x.is_empty() && y.is_empty() {
        return 1.0;
    }
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let window = (x.len().max(y.len()) / 2).saturating_sub(1);
    let mut x_matched = [false; STACK_LIMIT];
    let mut y_matched = [false; STACK_LIMIT];
    let mut matches = 0usize;
    for (i, &c) in x.iter().enumerate() {
        let start = i.saturating_sub(window);
        let end = (i + window + 1).min(y.len());
        for j in start..end {
            if !y_matched[j] && y[j] == c {
                x_matched[i] = true;
                y_matched[j] = true;
                matches += 1;
                break;
            }
        }
    }
    if matches == 0 {
        return 0.0;
    }
    let mut transpositions = 0usize;
    let mut j = 0;
    for (i, &c) in x.iter().enumerate() {
        if !x_matched[i] {
            continue;
        }
        while !y_matched[j] {
            j += 1;
        }
        if c != y[j] {
            transpositions += 1;
        }
        j += 1;
    }
    let m = matches as f64;
    (m / x.len() as f64 + m / y.len() as f64 + (m - (transpositions / 2) as f64) / m) / 3.0
}

/// Whether two strings are at most one edit apart (insertion, deletion,
/// substitution, or swap of adjacent characters).
pub fn within_one_edit(a: &str, b: &str) -> bool {
    let (x, y) = (a.as_bytes(), b.as_bytes());
    if x.len().abs_diff(y.len()) > 1 {
        return false;
    }
    let prefix = x.iter().zip(y).take_while(|(p, q)| p == q).count();
    if prefix == x.len() && prefix == y.len() {
        return true;
    }
    let (xs, ys) = (&x[prefix..], &y[prefix..]);
    match xs.len().cmp(&ys.len()) {
        std::cmp::Ordering::Equal => {
            xs[1..] == ys[1..]
                || (xs.len() >= 2 && xs[0] == ys[1] && xs[1] == ys[0] && xs[2..] == ys[2..])
        }
        std::cmp::Ordering::Less => xs == &ys[1..],
        std::cmp::Ordering::Greater => &xs[1..] == ys,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_strsim() {
        for (a, b) in [
            ("martha", "marhta"),
            ("dixon", "dicksonx"),
            ("jones", "johnson"),
            ("abc", "xyz"),
            ("a", "a"),
        ] {
            assert!(
                (jaro_winkler(a, b) - strsim::jaro_winkler(a, b)).abs() < 1e-9,
                "{a} {b}"
            );
        }
    }

    #[test]
    fn bound_never_rejects_a_similar_pair() {
        let words = [
            "martha", "marhta", "dixon", "dicksonx", "jones", "johnson", "abc", "xyz", "santos",
            "zantos",
        ];
        for a in words {
            for b in words {
                let exact = jaro_winkler(a, b);
                for floor in [0.5, 0.75, 0.8, 0.9] {
                    assert_eq!(
                        jaro_winkler_at_least(a, b, floor).is_some(),
                        exact >= floor,
                        "{a} {b} {floor}"
                    );
                }
            }
        }
    }

    #[test]
    fn one_edit() {
        assert!(within_one_edit("santos", "santso"));
        assert!(within_one_edit("santos", "santo"));
        assert!(within_one_edit("santos", "xantos"));
        assert!(within_one_edit("santos", "santos"));
        assert!(!within_one_edit("santos", "stanso"));
        assert!(!within_one_edit("ab", "ba "));
    }
}
