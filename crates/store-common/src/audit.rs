//! The audit chain's arithmetic, shared by both backends: given the head
//! read inside the appending transaction, the sequence number, link and (on
//! every checkpoint) signature of each new entry. The keys stay behind
//! `AuditChain`; storage only sees its results.

use lantern_storage::{AuditAppend, StorageError, StorageResult};

const GENESIS: [u8; 32] = [0; 32];

/// One entry ready to insert.
pub struct LinkedEntry<'e, 'a> {
    pub append: &'e AuditAppend<'a>,
    pub seq: i64,
    pub link: [u8; 32],
    /// The signed head, when this entry is a checkpoint.
    pub checkpoint: Option<[u8; 64]>,
}

/// Links `entries`, in order, after `head` (the last stored entry's
/// sequence number and link, `None` for an empty log).
pub fn link_after<'e, 'a>(
    head: Option<(i64, Vec<u8>)>,
    entries: &'e [AuditAppend<'a>],
) -> StorageResult<Vec<LinkedEntry<'e, 'a>>> {
    let (mut seq, mut previous) = match head {
        Some((seq, link)) => (
            seq,
            <[u8; 32]>::try_from(link).map_err(|_| StorageError::Corrupt("audit entry"))?,
        ),
        None => (0, GENESIS),
    };
    Ok(entries
        .iter()
        .map(|append| {
            seq += 1;
            let link = append.chain.link(&previous, seq, &append.event.canonical());
            previous = link;
            let checkpoint = (seq % append.chain.checkpoint_every() == 0)
                .then(|| append.chain.sign_head(seq, &link));
            LinkedEntry {
                append,
                seq,
                link,
                checkpoint,
            }
        })
        .collect())
}

/// Rows per multi-row insert: ten binds each, far below either database's
/// limit on binds per statement.
pub const AUDIT_ROWS_PER_INSERT: usize = 200;
