//! The one source of randomness and the small helpers every generator uses.
//!
//! Every helper is total: picking from an empty table yields the type's
//! default instead of panicking (the workspace denies panics), and the tests
//! catch an empty table through the validation they run on the output.

use chrono::{DateTime, Days, NaiveDate, NaiveTime, TimeDelta, Utc};
use lantern_domain::Id;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

/// ChaCha8 is portable (same stream on every platform and rand version of
/// the 0.3 line) and fast enough for millions of draws per second.
pub(crate) type DemoRng = ChaCha8Rng;

pub(crate) fn seeded(seed: u64) -> DemoRng {
    DemoRng::seed_from_u64(seed)
}

/// A uniformly chosen element of `items`.
pub(crate) fn pick<T: Copy + Default>(rng: &mut DemoRng, items: &[T]) -> T {
    items
        .get(index(rng, items.len()))
        .copied()
        .unwrap_or_default()
}

/// A uniform index below `len` (0 for an empty range).
pub(crate) fn index(rng: &mut DemoRng, len: usize) -> usize {
    if len == 0 {
        0
    } else {
        rng.gen_range(0..len)
    }
}

/// An element chosen with probability proportional to its weight;
/// `otherwise` when the table is empty or all weights are zero.
pub(crate) fn weighted<T: Copy>(rng: &mut DemoRng, items: &[(T, u32)], otherwise: T) -> T {
    let total: u32 = items.iter().map(|(_, w)| *w).sum();
    if total == 0 {
        return otherwise;
    }
    let mut roll = rng.gen_range(0..total);
    for (item, weight) in items {
        if roll < *weight {
            return *item;
        }
        roll -= weight;
    }
    otherwise
}

/// True with the given probability in percent.
pub(crate) fn chance(rng: &mut DemoRng, percent: u32) -> bool {
    rng.gen_range(0..100) < percent
}

/// A uniform integer in `low..=high` (`low` when the range is empty).
pub(crate) fn between(rng: &mut DemoRng, low: u32, high: u32) -> u32 {
    if high <= low {
        low
    } else {
        rng.gen_range(low..=high)
    }
}

/// An identifier drawn from the seeded stream, so ids repeat across runs.
pub(crate) fn id<K>(rng: &mut DemoRng) -> Id<K> {
    Id::from_random_bytes(rng.gen())
}

/// Appends `pattern` to `out` with every `#` replaced by a random digit.
pub(crate) fn push_digits(rng: &mut DemoRng, pattern: &str, out: &mut String) {
    for c in pattern.chars() {
        if c == '#' {
            out.push(char::from(b'0' + rng.gen_range(0..10u8)));
        } else {
            out.push(c);
        }
    }
}

/// `date` moved by `days` (negative: earlier); unchanged if out of range.
pub(crate) fn shift(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = if days >= 0 {
        date.checked_add_days(Days::new(days.unsigned_abs()))
    } else {
        date.checked_sub_days(Days::new(days.unsigned_abs()))
    };
    moved.unwrap_or(date)
}

/// A moment on `date` between `start_hour` and `start_hour + span_hours`
/// (UTC), so timestamps fall in an office's working day.
pub(crate) fn moment(
    rng: &mut DemoRng,
    date: NaiveDate,
    start_hour: u32,
    span_hours: u32,
) -> DateTime<Utc> {
    let start = start_hour.min(23) * 3600;
    let latest = (start + span_hours * 3600).min(24 * 3600 - 1);
    let seconds = between(rng, start, latest);
    let time = NaiveTime::from_num_seconds_from_midnight_opt(seconds, 0).unwrap_or_default();
    date.and_time(time).and_utc()
}

/// `at` plus a few minutes: for records made one after another.
pub(crate) fn minutes_after(rng: &mut DemoRng, at: DateTime<Utc>, max: u32) -> DateTime<Utc> {
    let minutes = TimeDelta::minutes(i64::from(between(rng, 1, max.max(1))));
    at.checked_add_signed(minutes).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn helpers_are_total_on_empty_input() {
        let mut rng = seeded(1);
        let empty: &[&str] = &[];
        assert_eq!(pick(&mut rng, empty), "");
        assert_eq!(weighted(&mut rng, &[] as &[(u8, u32)], 7), 7);
        assert_eq!(weighted(&mut rng, &[(1u8, 0)], 7), 7);
        assert_eq!(between(&mut rng, 5, 3), 5);
        assert_eq!(index(&mut rng, 0), 0);
        assert_eq!(shift(NaiveDate::MAX, 1), NaiveDate::MAX);
    }

    #[test]
    fn weights_are_respected() {
        let mut rng = seeded(2);
        let draws = (0..10_000)
            .filter(|_| weighted(&mut rng, &[(true, 1), (false, 3)], false))
            .count();
        assert!((2_000..3_000).contains(&draws), "{draws}");
    }

    #[test]
    fn digits_fill_a_pattern() {
        let mut rng = seeded(3);
        let mut out = String::new();
        push_digits(&mut rng, "+91 9#### #####", &mut out);
        assert!(out.starts_with("+91 9"));
        assert_eq!(out.chars().filter(char::is_ascii_digit).count(), 12);
    }
}
