//! Loading a CSV file into normalised people.

use std::hash::BuildHasherDefault;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::config::LinkConfig;
use crate::error::LinkError;
use crate::input::{CsvSource, RawBatch};
use crate::model::KeyHasher;
use crate::normalise::{NameToken, Normaliser};
use crate::record::{Person, Schema};

type KeyMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<KeyHasher>>;

/// Rows normalised together; large enough to keep both cores busy, small
/// enough that raw strings never pile up.
const BATCH_ROWS: usize = 32_768;

/// The records of one file.
#[derive(Debug, Default)]
pub struct Dataset {
    pub path: PathBuf,
    pub ids: Vec<String>,
    pub people: Vec<Person>,
}

/// Everything needed to turn rows into people, shared by batch and index.
pub struct Loader<'a> {
    pub config: &'a LinkConfig,
    pub config_path: &'a Path,
    pub schema: &'a Schema,
    pub normaliser: &'a Normaliser,
}

impl Loader<'_> {
    pub fn load(&self, path: &Path) -> Result<Dataset, LinkError> {
        let file = std::fs::File::open(path).map_err(|e| LinkError::io(path, e))?;
        self.load_from(file, path)
    }

    pub fn load_from<R: Read>(&self, input: R, path: &Path) -> Result<Dataset, LinkError> {
        let mut source = CsvSource::from_reader(input, path, self.config, self.config_path)?;
        let mut dataset = Dataset {
            path: path.to_path_buf(),
            ..Dataset::default()
        };
        let mut first_line_of_id: KeyMap<String, u64> = KeyMap::default();
        // Names repeat heavily (a few thousand spellings cover most records), so
        // each distinct name cell is transliterated and encoded once.
        let mut name_cache: KeyMap<String, Vec<NameToken>> = KeyMap::default();
        while let Some(batch) = source.next_batch(BATCH_ROWS)? {
            for (id, line) in batch.ids.iter().zip(&batch.lines) {
                if let Some(first_line) = first_line_of_id.get(id) {
                    return Err(LinkError::DuplicateId {
                        path: path.to_path_buf(),
                        line: *line,
                        column: self.config.id_column.clone(),
                        first_line: *first_line,
                    });
                }
                first_line_of_id.insert(id.clone(), *line);
            }
            self.cache_names(&batch, &mut name_cache);
            let names = |raw: &str| name_cache.get(raw).cloned().unwrap_or_default();
            let people: Vec<Person> = (0..batch.len())
                .into_par_iter()
                .map(|row| self.schema.person(&batch.row(row), self.normaliser, &names))
                .collect();
            dataset.people.extend(people);
            dataset.ids.extend(batch.ids);
        }
        if dataset.ids.is_empty() {
            return Err(LinkError::EmptyInput {
                path: path.to_path_buf(),
            });
        }
        Ok(dataset)
    }

    fn cache_names(&self, batch: &RawBatch, cache: &mut KeyMap<String, Vec<NameToken>>) {
        let mut new_cells: Vec<&str> = Vec::new();
        let name_columns: Vec<usize> = (0..self.schema.width())
            .filter(|c| Schema::is_name_kind(self.schema.kind(*c)))
            .collect();
        for row in 0..batch.len() {
            for &column in &name_columns {
                let value = batch.value(row, column).trim();
                if !value.is_empty() && !cache.contains_key(value) {
                    new_cells.push(value);
                }
            }
        }
        new_cells.sort_unstable();
        new_cells.dedup();
        let encoded: Vec<(String, Vec<NameToken>)> = new_cells
            .par_iter()
            .map(|cell| (cell.to_string(), self.normaliser.name_tokens(cell)))
            .collect();
        cache.extend(encoded);
    }
}
