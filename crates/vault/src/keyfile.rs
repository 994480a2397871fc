//! The key file on disk: created atomically with mode 0600, refused when
//! other accounts can reach it.

use std::fs::{self, File, OpenOptions};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

use rand::rngs::OsRng;
use rand::RngCore;
use zeroize::Zeroizing;

use crate::error::{KeyFileProblem, TextProblem, VaultError};
use crate::ring::KeyRing;

/// A real key file is a few hundred bytes per key; anything past this is not
/// one, and is not worth reading into memory.
const MAX_KEY_FILE_LEN: usize = 64 * 1024;

/// Whether [`KeyRing::load_or_create`] made a new key file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Created {
    /// No file existed: fresh keys were generated and written. The caller
    /// should tell the operator to back the file up.
    New,
    /// The file existed and was loaded.
    Existing,
}

impl KeyRing {
    /// Loads the key file at `path`.
    ///
    /// Refuses a file that group or others can access (the error names the
    /// file and the `chmod 600` that fixes it), a non-regular file, and a
    /// malformed one (the error names the line and the problem).
    pub fn load(path: &Path) -> Result<KeyRing, VaultError> {
        let text = read_private_file(path)?;
        KeyRing::from_text(&text).map_err(|error| match error {
            VaultError::KeyText(problem) => key_file_error(path, KeyFileProblem::Text(problem)),
            other => other,
        })
    }

    /// Loads the key file at `path`, or, when there is none, generates a new
    /// key ring and writes it there (mode 0600, atomically, never replacing
    /// a file another process created meanwhile).
    pub fn load_or_create(path: &Path) -> Result<(KeyRing, Created), VaultError> {
        match KeyRing::load(path) {
            Ok(ring) => return Ok((ring, Created::Existing)),
            Err(VaultError::Io { source, .. }) if source.kind() == io::ErrorKind::NotFound => {}
            Err(other) => return Err(other),
        }
        let ring = KeyRing::generate();
        match write_atomically(path, &ring.to_text(), Replace::Never) {
            Ok(()) => Ok((ring, Created::New)),
            // Another process won the race: its keys may already be in use,
            // so ours are discarded and its file is loaded.
            Err(VaultError::Io { source, .. }) if source.kind() == io::ErrorKind::AlreadyExists => {
                Ok((KeyRing::load(path)?, Created::Existing))
            }
            Err(other) => Err(other),
        }
    }

    /// Writes the key ring to `path` (mode 0600), replacing any file there
    /// atomically: a crash leaves either the old file or the new one.
    pub fn save(&self, path: &Path) -> Result<(), VaultError> {
        write_atomically(path, &self.to_text(), Replace::Allowed)
    }
}

fn read_private_file(path: &Path) -> Result<Zeroizing<String>, VaultError> {
    let io_error = |source| io_error(path, source);
    let file = File::open(path).map_err(io_error)?;
    // Checked on the open handle, so the file we vet is the file we read.
    let metadata = file.metadata().map_err(io_error)?;
    if !metadata.is_file() {
        return Err(key_file_error(path, KeyFileProblem::NotAFile));
    }
    refuse_if_exposed(path, &metadata)?;
    if metadata.len() > MAX_KEY_FILE_LEN as u64 {
        return Err(key_file_error(path, KeyFileProblem::TooLarge));
    }

    // Reserve enough up front that the buffer is never reallocated (which
    // would leave an unwiped copy of the keys behind).
    let mut bytes = Zeroizing::new(Vec::with_capacity(MAX_KEY_FILE_LEN + 1));
    file.take(MAX_KEY_FILE_LEN as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(io_error)?;
    if bytes.len() > MAX_KEY_FILE_LEN {
        return Err(key_file_error(path, KeyFileProblem::TooLarge));
    }
    let text = std::str::from_utf8(&bytes).map_err(|_| {
        key_file_error(
            path,
            KeyFileProblem::Text(TextProblem {
                line: None,
                what: "is not UTF-8 text",
            }),
        )
    })?;
    Ok(Zeroizing::new(text.to_owned()))
}

#[cfg(unix)]
fn refuse_if_exposed(path: &Path, metadata: &fs::Metadata) -> Result<(), VaultError> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o7777;
    // Any group/other bit is refused: readable means leaked, writable means
    // the keys can be swapped for an attacker's.
    if mode & 0o077 != 0 {
        return Err(key_file_error(path, KeyFileProblem::Exposed { mode }));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_if_exposed(_path: &Path, _metadata: &fs::Metadata) -> Result<(), VaultError> {
    // Lantern is deployed on Unix; elsewhere access is governed by ACLs we
    // cannot check portably.
    Ok(())
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Replace {
    Never,
    Allowed,
}

/// Write to a 0600 temporary file in the same directory, fsync it, then
/// move it into place and fsync the directory. With `Replace::Never` the
/// move is a hard link, which fails with `AlreadyExists` instead of
/// clobbering a file that appeared in the meantime.
fn write_atomically(path: &Path, contents: &str, replace: Replace) -> Result<(), VaultError> {
    let directory = parent_directory(path);
    let temporary = TemporaryFile::create(path, &directory)?;
    temporary.write_all_and_sync(contents)?;
    match replace {
        Replace::Allowed => {
            fs::rename(&temporary.path, path).map_err(|source| io_error(path, source))?;
            temporary.disarm();
        }
        Replace::Never => {
            fs::hard_link(&temporary.path, path).map_err(|source| io_error(path, source))?;
            // `temporary` is dropped here, removing the now-redundant name.
        }
    }
    sync_directory(&directory)
}

fn parent_directory(path: &Path) -> PathBuf {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

#[cfg(unix)]
fn sync_directory(directory: &Path) -> Result<(), VaultError> {
    // Without this the rename itself may not survive a power cut.
    File::open(directory)
        .and_then(|handle| handle.sync_all())
        .map_err(|source| io_error(directory, source))
}

#[cfg(not(unix))]
fn sync_directory(_directory: &Path) -> Result<(), VaultError> {
    Ok(())
}

/// A temporary file that removes itself unless disarmed, so a failed write
/// never leaves a stray copy of the keys next to the key file.
struct TemporaryFile {
    path: PathBuf,
    file: File,
    armed: bool,
}

impl TemporaryFile {
    fn create(target: &Path, directory: &Path) -> Result<Self, VaultError> {
        let name = target
            .file_name()
            .map(|name| name.to_string_lossy().into_owned())
            .unwrap_or_else(|| String::from("keys"));
        let mut suffix = [0u8; 8];
        OsRng.fill_bytes(&mut suffix);
        let path = directory.join(format!(".{name}.{}.tmp", hex::encode(suffix)));
        let file = open_private(&path).map_err(|source| io_error(&path, source))?;
        Ok(Self {
            path,
            file,
            armed: true,
        })
    }

    fn write_all_and_sync(&self, contents: &str) -> Result<(), VaultError> {
        let mut file = &self.file;
        file.write_all(contents.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|source| io_error(&self.path, source))
    }

    fn disarm(mut self) {
        self.armed = false;
    }
}

impl Drop for TemporaryFile {
    fn drop(&mut self) {
        if self.armed {
            // Best effort: the error, if any, was already reported.
            let _ = fs::remove_file(&self.path);
        }
    }
}

#[cfg(unix)]
fn open_private(path: &Path) -> io::Result<File> {
    use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
    let file = OpenOptions::new()
        .write(true)
        .create_new(true)
        .mode(0o600)
        .open(path)?;
    // The umask can only remove bits, but set it explicitly so the result
    // is exactly 0600 whatever the umask.
    file.set_permissions(fs::Permissions::from_mode(0o600))?;
    Ok(file)
}

#[cfg(not(unix))]
fn open_private(path: &Path) -> io::Result<File> {
    OpenOptions::new().write(true).create_new(true).open(path)
}

fn io_error(path: &Path, source: io::Error) -> VaultError {
    VaultError::Io {
        path: path.to_path_buf(),
        source,
    }
}

fn key_file_error(path: &Path, problem: KeyFileProblem) -> VaultError {
    VaultError::KeyFile {
        path: path.to_path_buf(),
        problem,
    }
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;

    use super::*;

    fn mode_of(path: &Path) -> u32 {
        fs::metadata(path).unwrap().permissions().mode() & 0o777
    }

    fn entries_in(directory: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(directory)
            .unwrap()
            .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn creates_a_0600_file_then_loads_the_same_keys() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("keys");

        let (created, how) = KeyRing::load_or_create(&path).unwrap();
        assert_eq!(how, Created::New);
        assert_eq!(mode_of(&path), 0o600);
        assert_eq!(entries_in(directory.path()), ["keys"], "no temporary left");

        let (loaded, how) = KeyRing::load_or_create(&path).unwrap();
        assert_eq!(how, Created::Existing);
        assert_eq!(loaded.to_text(), created.to_text());
    }

    #[test]
    fn save_replaces_the_file_and_keeps_it_private() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("keys");
        let (mut ring, _) = KeyRing::load_or_create(&path).unwrap();
        let old = ring.current_key_id();
        let new = ring.rotate();
        ring.save(&path).unwrap();

        assert_eq!(mode_of(&path), 0o600);
        assert_eq!(entries_in(directory.path()), ["keys"]);
        let loaded = KeyRing::load(&path).unwrap();
        assert_eq!(loaded.key_ids(), vec![new, old]);
    }

    #[test]
    fn refuses_a_file_others_can_read_and_names_the_fix() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("keys");
        KeyRing::generate().save(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o644)).unwrap();

        let error = KeyRing::load_or_create(&path).unwrap_err();
        assert!(matches!(
            &error,
            VaultError::KeyFile {
                problem: KeyFileProblem::Exposed { mode: 0o644 },
                ..
            }
        ));
        let message = error.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains("chmod 600"), "{message}");
        assert!(message.contains("0644"), "{message}");

        fs::set_permissions(&path, fs::Permissions::from_mode(0o620)).unwrap();
        assert!(
            KeyRing::load(&path).is_err(),
            "group-writable is refused too"
        );
    }

    #[test]
    fn reports_the_line_of_a_malformed_file() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("keys");
        let ring = KeyRing::generate();
        let text = ring.to_text();
        let broken: String = text
            .lines()
            .map(|line| {
                if line.starts_with("audit-mac ") {
                    String::from("audit-mac not-a-key")
                } else {
                    line.to_owned()
                }
            })
            .collect::<Vec<_>>()
            .join("\n");
        let line = broken
            .lines()
            .position(|line| line.starts_with("audit-mac"))
            .unwrap()
            + 1;
        fs::write(&path, &broken).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o600)).unwrap();

        let error = KeyRing::load(&path).unwrap_err();
        match &error {
            VaultError::KeyFile {
                problem: KeyFileProblem::Text(problem),
                ..
            } => assert_eq!(problem.line, Some(line)),
            other => panic!("unexpected {other:?}"),
        }
        let message = error.to_string();
        assert!(message.contains(&format!("line {line}:")), "{message}");
        assert!(!message.contains("not-a-key"), "{message}");
    }

    #[test]
    fn missing_directory_is_an_io_error_naming_the_path() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("absent").join("keys");
        let error = KeyRing::load_or_create(&path).unwrap_err();
        assert!(matches!(error, VaultError::Io { .. }));
    }

    #[test]
    fn refuses_a_directory() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("keys");
        fs::create_dir(&path).unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o700)).unwrap();
        assert!(matches!(
            KeyRing::load(&path),
            Err(VaultError::KeyFile {
                problem: KeyFileProblem::NotAFile,
                ..
            })
        ));
    }

    #[test]
    fn creating_never_replaces_an_existing_file() {
        let directory = tempfile::tempdir().unwrap();
        let path = directory.path().join("keys");
        let first = KeyRing::generate();
        first.save(&path).unwrap();
        let second = KeyRing::generate();
        let error = write_atomically(&path, &second.to_text(), Replace::Never).unwrap_err();
        assert!(
            matches!(error, VaultError::Io { ref source, .. } if source.kind() == io::ErrorKind::AlreadyExists)
        );
        assert_eq!(KeyRing::load(&path).unwrap().to_text(), first.to_text());
        assert_eq!(entries_in(directory.path()), ["keys"]);
    }
}
