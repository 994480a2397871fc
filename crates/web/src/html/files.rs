//! Uploading and downloading attachments.

use axum::extract::{Multipart, Path, State};
use axum::http::header::{CACHE_CONTROL, CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Redirect, Response};
use lantern_app::secrets::constant_time_eq;
use lantern_domain::attachment::MAX_ATTACHMENT_BYTES;
use lantern_domain::{AttachmentId, CaseId};

use crate::error::{HtmlError, WebError};
use crate::extract::Viewer;
use crate::html::cases::parse_id;
use crate::state::AppState;

/// The fields of the upload form, read from a multipart body whose parts
/// are each bounded.
async fn read_upload(mut multipart: Multipart) -> Result<(String, String, Vec<u8>), WebError> {
    let unreadable = || WebError::BadRequest("the upload could not be read".into());
    let mut csrf = String::new();
    let mut file: Option<(String, Vec<u8>)> = None;
    while let Some(field) = multipart.next_field().await.map_err(|_| unreadable())? {
        match field.name() {
            Some("csrf") => csrf = field.text().await.map_err(|_| unreadable())?,
            Some("file") => {
                let name = field.file_name().unwrap_or("").to_owned();
                let bytes = field.bytes().await.map_err(|_| WebError::PayloadTooLarge)?;
                if bytes.len() > MAX_ATTACHMENT_BYTES {
                    return Err(WebError::PayloadTooLarge);
                }
                file = Some((name, bytes.to_vec()));
            }
            _ => {}
        }
    }
    let (name, content) = file.unwrap_or_default();
    Ok((csrf, name, content))
}

pub async fn upload(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(case): Path<String>,
    multipart: Result<Multipart, axum::extract::multipart::MultipartRejection>,
) -> Result<Response, HtmlError> {
    let case: CaseId = parse_id(&case).map_err(viewer.fail())?;
    let multipart = multipart.map_err(|_| viewer.fail()(WebError::UnsupportedMediaType))?;
    let (csrf, name, content) = read_upload(multipart).await.map_err(viewer.fail())?;
    if !constant_time_eq(&csrf, &viewer.csrf) {
        return Err(viewer.fail()(WebError::CsrfMismatch));
    }
    state
        .app
        .upload_attachment(&viewer.actor, case, &name, &content)
        .await
        .map_err(viewer.fail())?;
    Ok(Redirect::to(&format!("/cases/{case}")).into_response())
}

pub async fn download(
    State(state): State<AppState>,
    viewer: Viewer,
    Path(id): Path<String>,
) -> Result<Response, HtmlError> {
    let id: AttachmentId = parse_id(&id).map_err(viewer.fail())?;
    let (attachment, content) = state
        .app
        .download_attachment(&viewer.actor, id)
        .await
        .map_err(viewer.fail())?;
    Ok(attachment_response(&attachment, content))
}

/// Always served as a download, with the sniffed type, so a file can never
/// run as a page of this site.
pub fn attachment_response(
    attachment: &lantern_domain::attachment::Attachment,
    content: Vec<u8>,
) -> Response {
    let ascii_name: String = attachment
        .file_name
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || ".-_".contains(c) {
                c
            } else {
                '_'
            }
        })
        .collect();
    (
        [
            (CONTENT_TYPE, attachment.content_type.mime().to_owned()),
            (
                CONTENT_DISPOSITION,
                format!("attachment; filename=\"{ascii_name}\""),
            ),
            (CACHE_CONTROL, "no-store".to_owned()),
        ],
        content,
    )
        .into_response()
}
