//! Reading CSV input in batches, checking it against the config as we go.
//!
//! Rows are handed out in batches so a million-record file never sits in memory
//! as raw strings all at once: each batch is normalised and then dropped.

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::config::LinkConfig;
use crate::error::LinkError;

/// Longest accepted value; anything longer is not a name, date or phone.
pub const MAX_FIELD_BYTES: usize = 16 * 1024;
/// Records are indexed by `u32`.
pub const MAX_RECORDS: u64 = u32::MAX as u64 - 1;
const MAX_HEADER_COLUMNS: usize = 4096;

/// Rows read from one file, restricted to the configured columns. Values sit
/// in one buffer (no allocation per cell: a million rows have ten million).
#[derive(Debug, Default)]
pub struct RawBatch {
    pub ids: Vec<String>,
    /// Line of each row in the file (1-based, header is line 1).
    pub lines: Vec<u64>,
    text: String,
    /// Row-major cell bounds in `text`: `cells[row * width + column]`.
    cells: Vec<(u32, u32)>,
    pub width: usize,
}

impl RawBatch {
    pub fn len(&self) -> usize {
        self.ids.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ids.is_empty()
    }

    /// The value of one cell (columns in config order).
    pub fn value(&self, row: usize, column: usize) -> &str {
        let (start, end) = self.cells[row * self.width + column];
        self.text
            .get(start as usize..end as usize)
            .unwrap_or_default()
    }

    /// The values of one row, in config order.
    pub fn row(&self, row: usize) -> Vec<&str> {
        (0..self.width)
            .map(|column| self.value(row, column))
            .collect()
    }

    fn push_value(&mut self, value: &str) {
        let start = self.text.len() as u32;
        self.text.push_str(value);
        self.cells.push((start, self.text.len() as u32));
    }
}

/// Batches stop growing past this many bytes of cell text (offsets are u32).
const MAX_BATCH_TEXT: usize = 1 << 30;

/// A CSV file opened for reading, its header already checked against the config.
pub struct CsvSource<R: Read> {
    path: PathBuf,
    reader: csv::Reader<R>,
    id_position: usize,
    /// Position in the CSV row of each configured column, in config order.
    positions: Vec<usize>,
    header: Vec<String>,
    record: csv::ByteRecord,
    rows_read: u64,
}

impl<R: Read> CsvSource<R> {
    pub fn from_reader(
        input: R,
        path: &Path,
        config: &LinkConfig,
        config_path: &Path,
    ) -> Result<Self, LinkError> {
        let mut reader = csv::ReaderBuilder::new()
            .trim(csv::Trim::All)
            .flexible(false)
            .has_headers(true)
            .from_reader(input);
        let header_bytes = reader
            .byte_headers()
            .map_err(|e| csv_error(path, 1, &e))?
            .clone();
        if header_bytes.is_empty() || header_bytes.iter().all(|h| h.is_empty()) {
            return Err(LinkError::EmptyInput {
                path: path.to_path_buf(),
            });
        }
        if header_bytes.len() > MAX_HEADER_COLUMNS {
            return Err(LinkError::TooLarge {
                path: path.to_path_buf(),
                what: "number of columns",
                limit: MAX_HEADER_COLUMNS as u64,
            });
        }
        let mut header = Vec::with_capacity(header_bytes.len());
        for (index, name) in header_bytes.iter().enumerate() {
            let name = std::str::from_utf8(name).map_err(|_| LinkError::InvalidUtf8 {
                path: path.to_path_buf(),
                line: 1,
                column: format!("#{}", index + 1),
            })?;
            header.push(name.to_string());
        }
        let find = |column: &str| {
            header
                .iter()
                .position(|h| h == column)
                .ok_or_else(|| LinkError::UnknownColumn {
                    config: config_path.to_path_buf(),
                    csv: path.to_path_buf(),
                    column: column.to_string(),
                })
        };
        let id_position = find(&config.id_column)?;
        let positions = config
            .columns
            .iter()
            .map(|(name, _)| find(name))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Self {
            path: path.to_path_buf(),
            reader,
            id_position,
            positions,
            header,
            record: csv::ByteRecord::new(),
            rows_read: 0,
        })
    }

    /// Reads up to `max_rows` rows; `None` at end of file.
    pub fn next_batch(&mut self, max_rows: usize) -> Result<Option<RawBatch>, LinkError> {
        let width = self.positions.len();
        let mut batch = RawBatch {
            width,
            ..RawBatch::default()
        };
        while batch.len() < max_rows && batch.text.len() < MAX_BATCH_TEXT {
            let more = self
                .reader
                .read_byte_record(&mut self.record)
                .map_err(|e| {
                    let line = e.position().map_or(self.rows_read + 2, |p| p.line());
                    csv_error(&self.path, line, &e)
                })?;
            if !more {
                break;
            }
            self.rows_read += 1;
            if self.rows_read > MAX_RECORDS {
                return Err(LinkError::TooLarge {
                    path: self.path.clone(),
                    what: "number of records",
                    limit: MAX_RECORDS,
                });
            }
            let line = self
                .record
                .position()
                .map_or(self.rows_read + 1, |p| p.line());
            let id = self.field(self.id_position, line)?;
            if id.is_empty() {
                return Err(LinkError::MissingId {
                    path: self.path.clone(),
                    line,
                    column: self.header[self.id_position].clone(),
                });
            }
            batch.ids.push(id.to_string());
            batch.lines.push(line);
            for i in 0..width {
                let value = self.field(self.positions[i], line)?;
                batch.push_value(value);
            }
        }
        Ok(if batch.is_empty() { None } else { Some(batch) })
    }

    fn field(&self, position: usize, line: u64) -> Result<&str, LinkError> {
        let bytes = self.record.get(position).unwrap_or_default();
        if bytes.len() > MAX_FIELD_BYTES {
            return Err(LinkError::FieldTooLong {
                path: self.path.clone(),
                line,
                column: self.header[position].clone(),
                limit: MAX_FIELD_BYTES,
            });
        }
        std::str::from_utf8(bytes).map_err(|_| LinkError::InvalidUtf8 {
            path: self.path.clone(),
            line,
            column: self.header[position].clone(),
        })
    }
}

/// Turns a csv error into one that names the place; the csv crate's own messages
/// can quote field contents, so only the kind of fault is kept.
fn csv_error(path: &Path, line: u64, error: &csv::Error) -> LinkError {
    let reason = match error.kind() {
        csv::ErrorKind::UnequalLengths {
            expected_len, len, ..
        } => format!("has {len} fields where the header has {expected_len}"),
        csv::ErrorKind::Utf8 { .. } => "not valid UTF-8".to_string(),
        csv::ErrorKind::Io(_) => "read error".to_string(),
        _ => "cannot be parsed".to_string(),
    };
    LinkError::MalformedRow {
        path: path.to_path_buf(),
        line,
        reason,
    }
}
