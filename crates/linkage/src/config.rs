//! The TOML file that tells the engine what each CSV column holds.
//!
//! ```toml
//! id = "rec_id"
//! [columns]            # column name = kind
//! given_name = "given_name"
//! surname = "family_name"
//! date_of_birth = "date_of_birth"
//! [options]            # all optional
//! date_order = "dmy"
//! age_reference_year = 2025
//! max_block_size = 150
//! nicknames = [["roberto", "beto", "tito"]]
//! blocking = ["phone", "identifier", "birth_date_initial", "given_day_month", "name_address", "name_initial_year", "name_pair", "name_parent"]
//! ```

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::LinkError;

/// What a column holds; decides how it is normalised and compared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FieldKind {
    #[serde(alias = "first_name", alias = "forename")]
    GivenName,
    #[serde(alias = "surname", alias = "last_name")]
    FamilyName,
    #[serde(alias = "name")]
    FullName,
    #[serde(alias = "nickname", alias = "aliases")]
    Alias,
    /// A parent's name as intake forms record it ("son/daughter of"):
    /// rarely shared by namesakes, always by siblings.
    #[serde(alias = "father_name", alias = "mother_name")]
    ParentName,
    #[serde(alias = "dob", alias = "birth_date")]
    DateOfBirth,
    /// Age in years, often estimated, relative to `age_reference_year`.
    Age,
    #[serde(alias = "phone_number", alias = "mobile")]
    Phone,
    #[serde(alias = "street")]
    Address,
    /// Town, village, district, suburb, state, country.
    #[serde(alias = "city", alias = "locality")]
    Place,
    /// Short codes compared exactly or with one typo: postcode, street number.
    #[serde(alias = "postcode", alias = "zip")]
    Code,
    /// Document numbers: national id, passport, social security.
    #[serde(alias = "document", alias = "national_id")]
    Identifier,
    #[serde(alias = "sex")]
    Gender,
    /// The record id (may also be given as top-level `id = "column"`).
    Id,
    Ignore,
}

/// How ambiguous numeric dates such as 03/04/1990 are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DateOrder {
    /// Day first: the convention in South and Southeast Asia and Latin America.
    #[default]
    Dmy,
    Mdy,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Options {
    #[serde(default)]
    pub date_order: DateOrder,
    /// Year against which ages are turned into birth years. Passed in rather
    /// than read from the clock so results are reproducible.
    #[serde(default = "default_reference_year")]
    pub age_reference_year: i32,
    /// Blocks larger than this are skipped (other rules still cover their pairs).
    #[serde(default = "default_max_block_size")]
    pub max_block_size: usize,
    /// Random pairs sampled to estimate u-probabilities.
    #[serde(default = "default_u_sample")]
    pub u_sample_pairs: usize,
    /// Candidate pairs sampled for expectation-maximisation.
    #[serde(default = "default_em_sample")]
    pub em_sample_pairs: usize,
    #[serde(default = "default_seed")]
    pub seed: u64,
    /// Blocking rules to use, in order; the default set when absent.
    #[serde(default)]
    pub blocking: Option<Vec<crate::block::Rule>>,
    /// Extra nickname groups: each list is a canonical name followed by its nicknames.
    #[serde(default)]
    pub nicknames: Vec<Vec<String>>,
}

fn default_reference_year() -> i32 {
    2025
}
fn default_max_block_size() -> usize {
    150
}
fn default_u_sample() -> usize {
    300_000
}
fn default_em_sample() -> usize {
    300_000
}
fn default_seed() -> u64 {
    0x5eed_1a77_e2d0
}

impl Default for Options {
    fn default() -> Self {
        Self {
            date_order: DateOrder::default(),
            age_reference_year: default_reference_year(),
            max_block_size: default_max_block_size(),
            u_sample_pairs: default_u_sample(),
            em_sample_pairs: default_em_sample(),
            seed: default_seed(),
            blocking: None,
            nicknames: Vec::new(),
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    id: Option<String>,
    columns: BTreeMap<String, FieldKind>,
    #[serde(default)]
    options: Option<Options>,
}

/// A parsed, checked configuration.
#[derive(Debug, Clone)]
pub struct LinkConfig {
    /// Column holding the record id.
    pub id_column: String,
    /// Column name and kind, in a stable (sorted) order; `Id` and `Ignore` removed.
    pub columns: Vec<(String, FieldKind)>,
    pub options: Options,
}

/// Limits that keep a hostile config from exhausting memory.
const MAX_CONFIG_BYTES: u64 = 1 << 20;
const MAX_COLUMNS: usize = 256;
const MAX_BLOCK_SIZE_LIMIT: usize = 100_000;

impl LinkConfig {
    pub fn from_file(path: &Path) -> Result<Self, LinkError> {
        let meta = std::fs::metadata(path).map_err(|e| LinkError::io(path, e))?;
        if meta.len() > MAX_CONFIG_BYTES {
            return Err(LinkError::TooLarge {
                path: path.to_path_buf(),
                what: "config file size in bytes",
                limit: MAX_CONFIG_BYTES,
            });
        }
        let bytes = std::fs::read(path).map_err(|e| LinkError::io(path, e))?;
        let text = std::str::from_utf8(&bytes).map_err(|_| LinkError::Config {
            path: path.to_path_buf(),
            reason: "not valid UTF-8".into(),
        })?;
        Self::parse(text).map_err(|reason| LinkError::Config {
            path: path.to_path_buf(),
            reason,
        })
    }

    /// Parses config text; the error is a human-readable reason (the caller adds the path).
    pub fn parse(text: &str) -> Result<Self, String> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| e.message().to_string())?;
        if raw.columns.len() > MAX_COLUMNS {
            return Err(format!("more than {MAX_COLUMNS} columns configured"));
        }
        let mut id_column = raw.id;
        let mut columns = Vec::new();
        for (name, kind) in raw.columns {
            match kind {
                FieldKind::Id => {
                    if id_column.as_ref().is_some_and(|id| *id != name) {
                        return Err("two different id columns are configured".into());
                    }
                    id_column = Some(name);
                }
                FieldKind::Ignore => {}
                _ => columns.push((name, kind)),
            }
        }
        let id_column = id_column.ok_or("no id column: set `id = \"column\"`")?;
        if id_column.trim().is_empty() {
            return Err("the id column name is empty".into());
        }
        let options = raw.options.unwrap_or_default();
        if options.max_block_size < 2 || options.max_block_size > MAX_BLOCK_SIZE_LIMIT {
            return Err(format!(
                "max_block_size must be between 2 and {MAX_BLOCK_SIZE_LIMIT}"
            ));
        }
        if options.nicknames.iter().any(|group| group.len() < 2) {
            return Err("each nickname group needs a name and at least one nickname".into());
        }
        Ok(Self {
            id_column,
            columns,
            options,
        })
    }

    pub fn has_kind(&self, kind: FieldKind) -> bool {
        self.columns.iter().any(|(_, k)| *k == kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_the_issue_example() {
        let cfg = LinkConfig::parse(
            "id = \"rec_id\"\n[columns]\ngiven_name = \"given_name\"\nsurname = \"family_name\"\ndate_of_birth = \"date_of_birth\"\n",
        )
        .unwrap();
        assert_eq!(cfg.id_column, "rec_id");
        assert!(cfg.has_kind(FieldKind::FamilyName));
        assert_eq!(cfg.columns.len(), 3);
    }

    #[test]
    fn rejects_unknown_kind_and_missing_id() {
        assert!(LinkConfig::parse("id = \"x\"\n[columns]\na = \"shoe_size\"\n").is_err());
        assert!(LinkConfig::parse("[columns]\na = \"given_name\"\n").is_err());
        assert!(LinkConfig::parse("id = \"x\"\ncolums = 3\n").is_err());
    }
}
