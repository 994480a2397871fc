//! Attachment files: encrypted under a data key of their own and stored
//! outside the database under their id; metadata, content hash and wrapped
//! key in the database.

use std::path::PathBuf;

use lantern_domain::attachment::{check_upload, Attachment};
use lantern_domain::{AttachmentId, CaseId, ValidationErrors};
use lantern_storage::StoredAttachment;
use lantern_vault::{open, seal, Binding, DataKey};
use sha2::{Digest, Sha256};

use crate::identity::key_binding;
use crate::keys::vault_error;

use crate::policy::Sight;
use crate::text::TextField;
use crate::{Actor, App, AppError};

fn content_binding(row: &[u8; 16]) -> Binding<'_> {
    Binding::new("attachments", "content", *row)
}

impl App {
    pub(crate) fn attachment_path(&self, id: AttachmentId) -> PathBuf {
        self.settings.attachment_dir.join(id.to_string())
    }

    pub async fn upload_attachment(
        &self,
        actor: &Actor,
        case_id: CaseId,
        file_name: &str,
        content: &[u8],
    ) -> Result<Attachment, AppError> {
        self.require_full_sight(actor, case_id).await?;
        let (file_name, content_type) = check_upload(file_name, content)
            .map_err(|e| AppError::Invalid(ValidationErrors::single(e.field, e.problem)))?;
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
        let case = self
            .storage
            .get_case(case_id)
            .await?
            .ok_or(AppError::NotFound("case"))?;
        let case_key = self
            .case_key_for_writing(case_id, case.data_key.as_deref())
            .await?;
        let stored = StoredAttachment {
            file_name: Some(case_key.seal(
                TextField::FileName,
                attachment.id.as_uuid(),
                &attachment.file_name,
            )?),
            attachment: Attachment {
                file_name: String::new(),
                ..attachment.clone()
            },
        };
        let row = *attachment.id.as_uuid().as_bytes();
        let key = DataKey::generate();
        let wrapped = self
            .keys()
            .with_ring(|ring| ring.wrap(&key, &key_binding(&row)))?;
        let sealed = seal(&key, &content_binding(&row), content).map_err(vault_error)?;
        // Write the file completely under a temporary name first, then move
        // it into place; only then record it. A failed insert removes the file.
        let path = self.attachment_path(attachment.id);
        let partial = path.with_extension("partial");
        tokio::fs::create_dir_all(&self.settings.attachment_dir)
            .await
            .map_err(|_| AppError::Internal("attachment directory"))?;
        tokio::fs::write(&partial, &sealed)
            .await
            .map_err(|_| AppError::Internal("attachment write"))?;
        tokio::fs::rename(&partial, &path)
            .await
            .map_err(|_| AppError::Internal("attachment write"))?;
        if let Err(error) = self
            .storage
            .insert_attachment(
                &stored,
                wrapped.as_bytes(),
                &self.audit(
                    actor,
                    "attachment.create",
                    "attachment",
                    Some(attachment.id.as_uuid()),
                    &["file"],
                ),
            )
            .await
        {
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
        let (stored, keys) = self
            .storage
            .get_attachment(id)
            .await?
            .ok_or(AppError::NotFound("attachment"))?;
        let attachment = &stored.attachment;
        // Files may identify people: full sight of the case only, and a
        // refusal looks like a missing file.
        match self.case_sight(actor, attachment.case_id).await {
            Ok(Sight::Full) => {}
            _ => return Err(AppError::NotFound("attachment")),
        }
        // An erased attachment's key is gone: the file can never be read.
        let wrapped = keys.content.ok_or(AppError::NotFound("attachment"))?;
        let row = *id.as_uuid().as_bytes();
        let key = self
            .keys()
            .with_ring(|ring| ring.unwrap_key(&wrapped, &key_binding(&row)))?;
        let sealed = tokio::fs::read(self.attachment_path(id))
            .await
            .map_err(|_| AppError::Internal("attachment file missing"))?;
        let content = open(&key, &content_binding(&row), &sealed).map_err(vault_error)?;
        self.audit_read(
            actor,
            "attachment.download",
            "attachment",
            id.as_uuid(),
            &["file"],
        )
        .await?;
        if hex::encode(Sha256::digest(&content)) != attachment.sha256 {
            return Err(AppError::Internal(
                "attachment file does not match its hash",
            ));
        }
        let case_key = match keys.case.as_deref() {
            Some(wrapped) => Some(self.unwrap_case_key(attachment.case_id, wrapped)?),
            None => None,
        };
        let attachment = self.open_attachment(stored, case_key.as_ref())?;
        Ok((attachment, content))
    }
}
