//! Turning raw cell text into comparable forms. Everything here is pure: the
//! same text always gives the same result, which is what lets the incremental
//! index normalise a new record exactly as the batch did.

pub mod date;
pub mod nicknames;
pub mod phone;
pub mod places;
pub mod text;

use std::sync::Arc;

use rphonetic::{DoubleMetaphone, Encoder};

use crate::config::{DateOrder, Options};
use nicknames::NicknameTable;
use text::{hash_str, skeleton, to_latin};

/// Hash domains keep keys of different meaning apart.
pub mod domain {
    pub const EXACT: u64 = 1;
    pub const SKELETON: u64 = 2;
    pub const PHONETIC: u64 = 3;
    pub const TEXT: u64 = 4;
}

/// One word of a name in every form the comparisons use.
#[derive(Debug, Clone)]
pub struct NameToken {
    pub latin: Arc<str>,
    pub exact: u64,
    pub skeleton: u64,
    pub phonetic: u64,
    pub nicknames: [u32; 2],
    /// First letter of the skeleton, for blocking keys that tolerate spelling.
    pub initial: u8,
}

impl NameToken {
    pub fn shares_nickname_group(&self, other: &NameToken) -> bool {
        self.nicknames
            .iter()
            .any(|g| *g != nicknames::NO_GROUP && other.nicknames.contains(g))
    }
}

/// Settings shared by every normalisation.
pub struct Normaliser {
    nicknames: NicknameTable,
    metaphone: DoubleMetaphone,
    pub date_order: DateOrder,
    pub age_reference_year: i32,
}

/// Words longer than this are not names; they are cut to keep comparisons cheap.
const MAX_NAME_WORD: usize = 40;
/// Names with more words are cut: the extra words add cost, not evidence.
const MAX_NAME_WORDS: usize = 6;

impl Normaliser {
    pub fn new(options: &Options) -> Self {
        let mut nicknames = NicknameTable::built_in();
        for group in &options.nicknames {
            nicknames.add_group(group.iter().map(String::as_str));
        }
        Self {
            nicknames,
            metaphone: DoubleMetaphone::new(Some(8)),
            date_order: options.date_order,
            age_reference_year: options.age_reference_year,
        }
    }

    /// The words of a name cell, transliterated to Latin.
    pub fn name_tokens(&self, raw: &str) -> Vec<NameToken> {
        let latin = to_latin(raw);
        latin
            .split(' ')
            .filter(|w| !w.is_empty())
            .take(MAX_NAME_WORDS)
            .map(|word| self.token(&word[..word.len().min(MAX_NAME_WORD)]))
            .collect()
    }

    fn token(&self, word: &str) -> NameToken {
        // A word with no letters has no sound or skeleton; fall back to the word
        // itself so such words never look alike by accident.
        let or_word = |code: String| {
            if code.is_empty() {
                word.to_string()
            } else {
                code
            }
        };
        let phonetic = or_word(self.metaphone.encode(word));
        let skeleton = or_word(skeleton(word));
        NameToken {
            initial: skeleton.as_bytes().first().copied().unwrap_or(b'_'),
            latin: Arc::from(word),
            exact: hash_str(domain::EXACT, word),
            skeleton: hash_str(domain::SKELETON, &skeleton),
            phonetic: hash_str(domain::PHONETIC, &phonetic),
            nicknames: self.nicknames.groups(word),
        }
    }
}
