//! Attachment files: stored outside the database under a random name, with
//! their metadata and content hash in the database.

use std::path::PathBuf;

use lantern_domain::attachment::{check_upload, Attachment};
use lantern_domain::{AttachmentId, CaseId, ValidationErrors};
use sha2::{Digest, Sha256};

use crate::policy::{require, Action};
use crate::{Actor, App, AppError};

impl App {
    fn attachment_path(&self, id: AttachmentId) -> PathBuf {
        self.settings.attachment_dir.join(id.to_string())
    }

    pub async fn upload_attachment(
        &self,
        actor: &Actor,
        case_id: CaseId,
        file_name: &str,
        content: &[u8],
    ) -> Result<Attachment, AppError> {
        require(actor, Action::EditCases)?;
        let (file_name, content_type) = check_upload(file_name, content)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
        if self.storage.get_case(case_id).await?.is_none() {
            return Err(AppError::NotFound("case"));
        }
        let attachment = Attachment {
            id: AttachmentId::random(),
            case_id,
            file_name,
            content_type,
            size_bytes: u64::try_from(content.len()).unwrap_or(u64::MAX),
            sha256: hex::encode(Sha256::digest(content)),
            uploaded_by: Some(actor.id()),
            uploaded_at: self.now(),
        };
        // Write the file completely under a temporary name first, then move
        // it into place; only then record it. A failed insert removes the file.
        let path = self.attachment_path(attachment.id);
        let partial = path.with_extension("partial");
        tokio::fs::create_dir_all(&self.settings.attachment_dir)
            .await
            .map_err(|_| AppError::Internal("attachment directory"))?;
        tokio::fs::write(&partial, content)
            .await
            .map_err(|_| AppError::Internal("attachment write"))?;
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(|_| AppError::Internal("attachment write"))?;
        if let Err(error) = self.storage.insert_attachment(&attachment).await {
            let _ = tokio::fs::remove_file(&path).await;
            return Err(error.into());
        }
        tracing::info!(attachment = %attachment.id, case = %case_id, actor = %actor.id(), "attachment stored");
        Ok(attachment)
    }

    /// The attachment and its content, verified against the stored hash.
    pub async fn download_attachment(
        &self,
        actor: &Actor,
        id: AttachmentId,
    ) -> Result<(Attachment, Vec<u8>), AppError> {
        require(actor, Action::ReadCases)?;
        let attachment = self
            .storage
            .get_attachment(id)
            .await?
            .ok_or(AppError::NotFound("attachment"))?;
        let content = tokio::fs::read(self.attachment_path(id))
            .await
            .map_err(|_| AppError::Internal("attachment file missing"))?;
        if hex::encode(Sha256::digest(&content)) != attachment.sha256 {
            return Err(AppError::Internal(
                "attachment file does not match its hash",
            ));
        }
        Ok((attachment, content))
    }
}
