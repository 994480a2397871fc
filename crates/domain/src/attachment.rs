//! Files attached to a case. The type is decided from the content, never
//! from the name or the browser's claim, and only a few safe types pass.

use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::text::required_line;
use crate::validation::{field_error, FieldError, Problem};
use crate::{AttachmentId, CaseId, UserId};

pub const MAX_ATTACHMENT_BYTES: usize = 10 * 1024 * 1024;
pub const MAX_FILE_NAME_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum AttachmentType {
    Pdf,
    Png,
    Jpeg,
    PlainText,
}

impl AttachmentType {
    pub fn mime(self) -> &'static str {
        match self {
            Self::Pdf => "application/pdf",
            Self::Png => "image/png",
            Self::Jpeg => "image/jpeg",
            Self::PlainText => "text/plain; charset=utf-8",
        }
    }

    pub fn from_mime(mime: &str) -> Option<Self> {
        [Self::Pdf, Self::Png, Self::Jpeg, Self::PlainText]
            .into_iter()
            .find(|t| t.mime() == mime)
    }

    /// Recognises a file by its leading bytes. Text must be valid UTF-8 with
    /// no NUL, so a binary renamed `.txt` is refused.
    pub fn sniff(content: &[u8]) -> Option<Self> {
        if content.starts_with(b"%PDF-") {
            Some(Self::Pdf)
        } else if content.starts_with(b"\x89PNG\r\n\x1a\n") {
            Some(Self::Png)
        } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
            Some(Self::Jpeg)
        } else if !content.is_empty()
            && !content.contains(&0)
            && std::str::from_utf8(content).is_ok()
        {
            Some(Self::PlainText)
        } else {
            None
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attachment {
    pub id: AttachmentId,
    pub case_id: CaseId,
    pub file_name: String,
    pub content_type: AttachmentType,
    pub size_bytes: u64,
    /// Hex SHA-256 of the plaintext content, to prove a file is unchanged.
    pub sha256: String,
    pub uploaded_by: Option<UserId>,
    pub uploaded_at: DateTime<Utc>,
}

/// Checks an upload: a usable name, a size within bounds, a permitted type.
pub fn check_upload(
    file_name: &str,
    content: &[u8],
) -> Result<(String, AttachmentType), FieldError> {
    let name = required_line("file", file_name, MAX_FILE_NAME_CHARS)?;
    // Only the last path component: browsers on some systems send full paths.
    // It is trimmed again, as the whole name was: `dir/ x` is `x`, and a
    // blank last component is no name at all.
    let name = name
        .rsplit(['/', '\\'])
        .next()
        .map(str::trim)
        .filter(|n| !n.is_empty() && *n != "." && *n != "..")
        .ok_or_else(|| field_error("file", Problem::InvalidFormat))?
        .to_owned();
    if content.is_empty() {
        return Err(field_error("file", Problem::Required));
    }
    if content.len() > MAX_ATTACHMENT_BYTES {
        return Err(field_error(
            "file",
            Problem::OutOfRange {
                min: 1,
                max: MAX_ATTACHMENT_BYTES as i64,
            },
        ));
    }
    let kind =
        AttachmentType::sniff(content).ok_or_else(|| field_error("file", Problem::UnknownValue))?;
    Ok((name, kind))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn type_comes_from_content_not_name() {
        assert_eq!(
            check_upload("scan.pdf", b"%PDF-1.7 ...").unwrap().1,
            AttachmentType::Pdf
        );
        assert_eq!(
            check_upload("photo.txt", b"\x89PNG\r\n\x1a\nxxxx")
                .unwrap()
                .1,
            AttachmentType::Png
        );
        assert!(check_upload("evil.pdf", b"MZ\x90\x00\x03").is_err());
        assert!(check_upload("empty.txt", b"").is_err());
    }

    #[test]
    fn names_are_stripped_to_the_last_component() {
        assert_eq!(
            check_upload("C:\\Users\\x\\note.txt", b"hello").unwrap().0,
            "note.txt"
        );
        assert_eq!(
            check_upload("../../etc/passwd", b"hello").unwrap().0,
            "passwd"
        );
        assert!(check_upload("..", b"hello").is_err());
    }

    #[test]
    fn the_last_component_is_trimmed_and_never_blank() {
        // Found by fuzzing (fuzz/regressions/upload): the component after
        // the last separator kept its spaces, so `a\ b` was stored as ` b`
        // and `dir/ ` as a blank name.
        assert_eq!(
            check_upload("C:\\x\\ note.txt", b"hello").unwrap().0,
            "note.txt"
        );
        assert_eq!(
            check_upload("dir/ . ", b"hello").map(|n| n.0),
            Err(field_error("file", Problem::InvalidFormat))
        );
        for blank in ["dir/ ", "dir\\\t", "a/ .. "] {
            assert!(check_upload(blank, b"hello").is_err(), "{blank:?}");
        }
    }

    proptest! {
        #[test]
        fn sniffing_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..64), name in any::<String>()) {
            let _ = check_upload(&name, &bytes);
        }
    }
}
