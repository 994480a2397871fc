//! Cases, their timelines and attachments.

use chrono::{DateTime, Datelike, Utc};
use lantern_domain::case::{Case, CaseDetails, CaseReference, CaseSummary};
use lantern_domain::page::{Page, PageRequest, COUNT_LIMIT};
use lantern_domain::vocab::Vocabulary;
use lantern_domain::{AttachmentId, CaseId};
use lantern_storage::{
    AttachmentKeys, CaseFile, CaseQuery, CaseScope, NewCase, Participant, SealedText, StorageError,
    StorageResult, StoredAttachment, StoredCase, StoredEvent,
};
use lantern_store_common::{
    classify, id, prefix_range, AttachmentRow, CaseRow, CaseSummaryRow, EventRow, ParticipantRow,
    UserRow, ATTACHMENT_COLUMNS, EVENT_COLUMNS, PERSON_COLUMNS, USER_COLUMNS,
};
use sqlx::{QueryBuilder, Sqlite, SqliteConnection, SqlitePool};

use crate::by_ids::{fetch_by_ids, uuids};

const CASE_COLUMNS: &str = "c.id, c.reference, c.intake_date, c.intake_source, c.status, c.place_of_recruitment, \
     c.place_of_exploitation, c.summary, c.office_id, c.created_by, c.created_at, c.updated_at, \
     (SELECT group_concat(x.exploitation_type, ',') FROM case_exploitation x WHERE x.case_id = c.id) AS exploitation_codes, \
     (SELECT group_concat(hex(t.user_id), ',') FROM case_team t WHERE t.case_id = c.id) AS team_codes, \
     c.summary_sealed, (SELECT k.wrapped FROM data_keys k WHERE k.owner_id = c.id) AS data_key";

/// A case's participants with their records: the case id, the role and
/// the person's columns.
fn participants_select() -> String {
    format!(
        "SELECT cp.case_id, cp.role, {PERSON_COLUMNS} FROM case_participants cp \
         JOIN persons p ON p.id = cp.person_id LEFT JOIN data_keys k ON k.owner_id = p.id"
    )
}
/// The order of a case's participants, as its page lists them.
const PARTICIPANT_ORDER: &str = "cp.role, p.pseudonym";

/// Columns of a case-list row; `c` is the case.
pub(crate) const SUMMARY_COLUMNS: &str = "c.id, c.reference, c.intake_date, c.status, c.office_id, \
     (SELECT COUNT(*) FROM case_participants cp WHERE cp.case_id = c.id) AS people_count, \
     (SELECT group_concat(x.exploitation_type, ',') FROM case_exploitation x WHERE x.case_id = c.id) AS exploitation_codes";

pub async fn insert_case(
    pool: &SqlitePool,
    new_case: &NewCase,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<Case> {
    let details = &new_case.details;
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "case"))?;
    let office_code: String = sqlx::query_scalar("SELECT code FROM offices WHERE id = ?")
        .bind(details.owning_office.as_uuid())
        .fetch_optional(&mut *tx)
        .await
        .map_err(|e| classify(e, "office"))?
        .ok_or(StorageError::MissingReference("office"))?;
    let year = details.intake_date.year();
    let sequence: i64 = sqlx::query_scalar(
        "INSERT INTO case_counters (office_id, year, last_sequence) VALUES (?, ?, 1) \
         ON CONFLICT (office_id, year) DO UPDATE SET last_sequence = last_sequence + 1 RETURNING last_sequence",
    )
    .bind(details.owning_office.as_uuid())
    .bind(year)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| classify(e, "case reference"))?;
    let reference = CaseReference::compose(
        &office_code,
        year,
        u32::try_from(sequence).unwrap_or(u32::MAX),
    );
    let case = Case {
        id: new_case.id,
        reference,
        details: details.clone(),
        created_by: new_case.created_by,
        created_at: new_case.at,
        updated_at: new_case.at,
    };
    insert_case_row(&mut tx, &case, new_case.summary.as_ref()).await?;
    crate::people::insert_data_key(&mut tx, case.id.as_uuid(), &new_case.data_key, new_case.at)
        .await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "case"))?;
    Ok(case)
}

/// Inserts a case with its side tables; the caller owns the transaction.
/// The summary is stored sealed only.
async fn insert_case_row(
    conn: &mut SqliteConnection,
    case: &Case,
    summary: Option<&SealedText>,
) -> StorageResult<()> {
    let d = &case.details;
    sqlx::query(
        "INSERT INTO cases (id, reference, intake_date, intake_source, status, place_of_recruitment, \
         place_of_exploitation, summary_sealed, office_id, created_by, created_at, updated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(case.id.as_uuid())
    .bind(case.reference.as_str())
    .bind(d.intake_date)
    .bind(d.intake_source.code())
    .bind(d.status.code())
    .bind(&d.place_of_recruitment)
    .bind(&d.place_of_exploitation)
    .bind(summary.map(|s| s.0.as_slice()))
    .bind(d.owning_office.as_uuid())
    .bind(case.created_by.map(|u| u.as_uuid()))
    .bind(case.created_at)
    .bind(case.updated_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    insert_side_tables(conn, case.id, d).await
}

async fn insert_side_tables(
    conn: &mut SqliteConnection,
    id: CaseId,
    d: &CaseDetails,
) -> StorageResult<()> {
    for kind in &d.exploitation_types {
        sqlx::query("INSERT INTO case_exploitation (case_id, exploitation_type) VALUES (?, ?)")
            .bind(id.as_uuid())
            .bind(kind.code())
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "case"))?;
    }
    for member in &d.team {
        sqlx::query("INSERT INTO case_team (case_id, user_id) VALUES (?, ?)")
            .bind(id.as_uuid())
            .bind(member.as_uuid())
            .execute(&mut *conn)
            .await
            .map_err(|e| classify(e, "team member"))?;
    }
    Ok(())
}

pub async fn update_case(
    pool: &SqlitePool,
    id: CaseId,
    d: &CaseDetails,
    summary: Option<&SealedText>,
    at: DateTime<Utc>,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<Case> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "case"))?;
    let changed = sqlx::query(
        "UPDATE cases SET intake_date = ?, intake_source = ?, status = ?, place_of_recruitment = ?, \
         place_of_exploitation = ?, summary = NULL, summary_sealed = ?, office_id = ?, updated_at = ? WHERE id = ?",
    )
    .bind(d.intake_date)
    .bind(d.intake_source.code())
    .bind(d.status.code())
    .bind(&d.place_of_recruitment)
    .bind(&d.place_of_exploitation)
    .bind(summary.map(|s| s.0.as_slice()))
    .bind(d.owning_office.as_uuid())
    .bind(at)
    .bind(id.as_uuid())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "case"))?
    .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("case"));
    }
    for table in ["case_exploitation", "case_team"] {
        sqlx::query(&format!("DELETE FROM {table} WHERE case_id = ?"))
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "case"))?;
    }
    insert_side_tables(&mut tx, id, d).await?;
    let case = get_case(&mut tx, id)
        .await?
        .ok_or(StorageError::NotFound("case"))?
        .case;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "case"))?;
    Ok(case)
}

pub async fn get_case(
    conn: &mut SqliteConnection,
    id: CaseId,
) -> StorageResult<Option<StoredCase>> {
    sqlx::query_as::<_, CaseRow>(&format!(
        "SELECT {CASE_COLUMNS} FROM cases c WHERE c.id = ?"
    ))
    .bind(id.as_uuid())
    .fetch_optional(&mut *conn)
    .await
    .map_err(|e| classify(e, "case"))?
    .map(CaseRow::into_stored_case)
    .transpose()
}

fn push_filter(query: &mut QueryBuilder<'_, Sqlite>, case_query: &CaseQuery) {
    let filter = &case_query.filter;
    query.push(" WHERE 1 = 1");
    push_scope(query, &case_query.scope);
    if let Some(text) = &filter.text {
        // Two index range scans united, rather than an OR that would make
        // SQLite scan every case.
        let (person_lo, person_hi) = prefix_range(text);
        let (ref_lo, ref_hi) = prefix_range(&text.to_uppercase());
        query
            .push(" AND c.id IN (SELECT id FROM cases WHERE reference >= ")
            .push_bind(ref_lo)
            .push(" AND reference < ")
            .push_bind(ref_hi)
            .push(
                " UNION SELECT cp.case_id FROM persons p JOIN case_participants cp ON cp.person_id = p.id \
                 WHERE p.pseudonym_folded >= ",
            )
            .push_bind(person_lo)
            .push(" AND p.pseudonym_folded < ")
            .push_bind(person_hi);
        for digest in &case_query.identity_digests {
            query
                .push(" UNION SELECT cp.case_id FROM person_lookup l JOIN case_participants cp ON cp.person_id = l.person_id WHERE l.digest = ")
                .push_bind(digest.clone());
        }
        query.push(")");
    }
    if let Some(status) = filter.status {
        query.push(" AND c.status = ").push_bind(status.code());
    }
    if let Some(office) = filter.office {
        query
            .push(" AND c.office_id = ")
            .push_bind(office.as_uuid());
    }
    if let Some(kind) = filter.exploitation_type {
        query
            .push(" AND c.id IN (SELECT case_id FROM case_exploitation WHERE exploitation_type = ")
            .push_bind(kind.code())
            .push(")");
    }
    if let Some(from) = filter.intake_from {
        query.push(" AND c.intake_date >= ").push_bind(from);
    }
    if let Some(to) = filter.intake_to {
        query.push(" AND c.intake_date <= ").push_bind(to);
    }
}

/// Limits `cases c` to what the scope allows.
fn push_scope(query: &mut QueryBuilder<'_, Sqlite>, scope: &CaseScope) {
    match scope {
        CaseScope::All => {}
        CaseScope::Office(office) => {
            query
                .push(" AND c.office_id = ")
                .push_bind(office.as_uuid());
        }
        CaseScope::Member { user, office, at } => {
            query.push(" AND c.id IN (");
            push_member_cases(query, *user, *office, *at);
            query.push(")");
        }
    }
}

/// The ids of a `Member` scope's cases: one union of small id sets, rather
/// than ORs, so the planner walks the member's cases instead of every case.
/// Every id is a case's (the tables reference `cases`, deleting with it).
fn push_member_cases(
    query: &mut QueryBuilder<'_, Sqlite>,
    user: lantern_domain::UserId,
    office: Option<lantern_domain::OfficeId>,
    at: chrono::DateTime<chrono::Utc>,
) {
    query
        .push("SELECT case_id FROM case_team WHERE user_id = ")
        .push_bind(user.as_uuid())
        .push(" UNION SELECT case_id FROM break_glass WHERE user_id = ")
        .push_bind(user.as_uuid())
        .push(" AND expires_at > ")
        .push_bind(at);
    if let Some(office) = office {
        query
            .push(" UNION SELECT id FROM cases WHERE office_id = ")
            .push_bind(office.as_uuid());
    }
}

/// The rows counted for the list's total: an unfiltered member's list is
/// counted from the scope's id set alone, without visiting `cases`.
fn push_counted(query: &mut QueryBuilder<'_, Sqlite>, case_query: &CaseQuery) {
    match &case_query.scope {
        CaseScope::Member { user, office, at }
            if case_query.filter == lantern_domain::case::CaseFilter::default() =>
        {
            query.push("SELECT 1 FROM (");
            push_member_cases(query, *user, *office, *at);
            query.push(") AS scoped");
        }
        _ => {
            query.push("SELECT 1 FROM cases c");
            push_filter(query, case_query);
        }
    }
}

pub async fn list_cases(
    pool: &SqlitePool,
    filter: &CaseQuery,
    page: PageRequest,
) -> StorageResult<Page<CaseSummary>> {
    let mut conn = pool.acquire().await.map_err(|e| classify(e, "case"))?;
    let mut count = QueryBuilder::<Sqlite>::new("SELECT COUNT(*) FROM (");
    push_counted(&mut count, filter);
    count
        .push(" LIMIT ")
        .push_bind(i64::try_from(COUNT_LIMIT + 1).unwrap_or(i64::MAX))
        .push(")");
    let total: i64 = count
        .build_query_scalar()
        .fetch_one(&mut *conn)
        .await
        .map_err(|e| classify(e, "case"))?;

    // The page's ids first, in order; only then its summary columns (two
    // subqueries a row), so they are computed for one page, not for every
    // case in scope.
    let mut select = QueryBuilder::<Sqlite>::new(format!(
        "SELECT {SUMMARY_COLUMNS} FROM cases c WHERE c.id IN (SELECT c.id FROM cases c"
    ));
    push_filter(&mut select, filter);
    select
        .push(" ORDER BY c.intake_date DESC, c.reference DESC LIMIT ")
        .push_bind(i64::try_from(page.limit()).unwrap_or(i64::MAX))
        .push(" OFFSET ")
        .push_bind(i64::try_from(page.offset()).unwrap_or(i64::MAX))
        .push(") ORDER BY c.intake_date DESC, c.reference DESC");
    let items = select
        .build_query_as::<CaseSummaryRow>()
        .fetch_all(&mut *conn)
        .await
        .map_err(|e| classify(e, "case"))?
        .into_iter()
        .map(CaseSummaryRow::into_summary)
        .collect::<StorageResult<Vec<_>>>()?;
    Ok(Page::new(items, page, u64::try_from(total).unwrap_or(0)))
}

pub async fn case_file(pool: &SqlitePool, id: CaseId) -> StorageResult<Option<CaseFile>> {
    // A read transaction gives one snapshot across the four reads.
    let mut tx = pool.begin().await.map_err(|e| classify(e, "case"))?;
    let Some(case) = get_case(&mut tx, id).await? else {
        return Ok(None);
    };
    let participants = sqlx::query_as::<_, ParticipantRow>(&format!(
        "{} WHERE cp.case_id = ? ORDER BY {PARTICIPANT_ORDER}",
        participants_select()
    ))
    .bind(id.as_uuid())
    .fetch_all(&mut *tx)
    .await
    .map_err(|e| classify(e, "participant"))?
    .into_iter()
    .map(ParticipantRow::into_participant)
    .collect::<StorageResult<Vec<_>>>()?;
    let events = sqlx::query_as::<_, EventRow>(&format!(
        "SELECT {EVENT_COLUMNS} FROM case_events \
         WHERE case_id = ? ORDER BY occurred_on DESC, recorded_at DESC"
    ))
    .bind(id.as_uuid())
    .fetch_all(&mut *tx)
    .await
    .map_err(|e| classify(e, "event"))?
    .into_iter()
    .map(EventRow::into_event)
    .collect::<StorageResult<Vec<_>>>()?;
    let attachments = sqlx::query_as::<_, AttachmentRow>(&format!(
        "SELECT {ATTACHMENT_COLUMNS} FROM attachments a \
         WHERE a.case_id = ? ORDER BY a.uploaded_at DESC"
    ))
    .bind(id.as_uuid())
    .fetch_all(&mut *tx)
    .await
    .map_err(|e| classify(e, "attachment"))?
    .into_iter()
    .map(AttachmentRow::into_attachment)
    .collect::<StorageResult<Vec<_>>>()?;
    let team = sqlx::query_as::<_, UserRow>(
        &format!("SELECT {USER_COLUMNS} FROM case_team t JOIN users u ON u.id = t.user_id WHERE t.case_id = ? \
         ORDER BY u.display_name"),
    )
    .bind(id.as_uuid())
    .fetch_all(&mut *tx)
    .await
    .map_err(|e| classify(e, "case team"))?
    .into_iter()
    .map(UserRow::into_user)
    .collect::<StorageResult<Vec<_>>>()?;
    tx.commit().await.map_err(|e| classify(e, "case"))?;
    Ok(Some(CaseFile {
        case,
        team,
        participants,
        events,
        attachments,
    }))
}

pub async fn insert_event(
    pool: &SqlitePool,
    event: &StoredEvent,
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "event"))?;
    insert_event_row(&mut tx, event).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "event"))
}

/// The title and note are stored sealed only; the clear title column,
/// required by the schema, stays empty.
async fn insert_event_row(conn: &mut SqliteConnection, stored: &StoredEvent) -> StorageResult<()> {
    let event = &stored.event;
    sqlx::query(
        "INSERT INTO case_events (id, case_id, occurred_on, kind, title, title_sealed, note_sealed, recorded_by, recorded_at) \
         VALUES (?, ?, ?, ?, '', ?, ?, ?, ?)",
    )
    .bind(event.id.as_uuid())
    .bind(event.case_id.as_uuid())
    .bind(event.details.occurred_on)
    .bind(event.details.kind.code())
    .bind(stored.title.as_ref().map(|t| t.0.as_slice()))
    .bind(stored.note.as_ref().map(|t| t.0.as_slice()))
    .bind(event.recorded_by.map(|u| u.as_uuid()))
    .bind(event.recorded_at)
    .execute(conn)
    .await
    .map_err(|e| classify(e, "case"))?;
    Ok(())
}

pub async fn insert_attachment(
    pool: &SqlitePool,
    stored: &StoredAttachment,
    data_key: &[u8],
    audit: &lantern_storage::AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "attachment"))?;
    let a = &stored.attachment;
    sqlx::query(
        "INSERT INTO attachments (id, case_id, file_name, file_name_sealed, content_type, size_bytes, sha256, uploaded_by, uploaded_at) \
         VALUES (?, ?, '', ?, ?, ?, ?, ?, ?)",
    )
    .bind(a.id.as_uuid())
    .bind(a.case_id.as_uuid())
    .bind(stored.file_name.as_ref().map(|n| n.0.as_slice()))
    .bind(a.content_type.mime())
    .bind(i64::try_from(a.size_bytes).unwrap_or(i64::MAX))
    .bind(&a.sha256)
    .bind(a.uploaded_by.map(|u| u.as_uuid()))
    .bind(a.uploaded_at)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "case"))?;
    crate::people::insert_data_key(&mut tx, a.id.as_uuid(), data_key, a.uploaded_at).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "attachment"))
}

#[derive(sqlx::FromRow)]
struct KeyedAttachmentRow {
    #[sqlx(flatten)]
    attachment: AttachmentRow,
    data_key: Option<Vec<u8>>,
    case_key: Option<Vec<u8>>,
}

pub async fn get_attachment(
    pool: &SqlitePool,
    id: AttachmentId,
) -> StorageResult<Option<(StoredAttachment, AttachmentKeys)>> {
    sqlx::query_as::<_, KeyedAttachmentRow>(&format!(
        "SELECT {ATTACHMENT_COLUMNS}, k.wrapped AS data_key, ck.wrapped AS case_key FROM attachments a \
         LEFT JOIN data_keys k ON k.owner_id = a.id LEFT JOIN data_keys ck ON ck.owner_id = a.case_id \
         WHERE a.id = ?"
    ))
    .bind(id.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "attachment"))?
    .map(|row| {
        Ok((
            row.attachment.into_attachment()?,
            AttachmentKeys {
                content: row.data_key,
                case: row.case_key,
            },
        ))
    })
    .transpose()
}

pub async fn case_summaries(
    pool: &SqlitePool,
    cases: &[CaseId],
) -> StorageResult<Vec<CaseSummary>> {
    fetch_by_ids(
        pool,
        &uuids(cases),
        || {
            QueryBuilder::new(format!(
                "SELECT {SUMMARY_COLUMNS} FROM cases c WHERE c.id IN "
            ))
        },
        "",
        "case",
        CaseSummaryRow::into_summary,
    )
    .await
}

#[derive(sqlx::FromRow)]
struct CaseParticipantRow {
    case_id: uuid::Uuid,
    #[sqlx(flatten)]
    participant: ParticipantRow,
}

pub async fn cases_participants(
    pool: &SqlitePool,
    cases: &[CaseId],
) -> StorageResult<Vec<(CaseId, Participant)>> {
    fetch_by_ids(
        pool,
        &uuids(cases),
        || QueryBuilder::new(format!("{} WHERE cp.case_id IN ", participants_select())),
        &format!(" ORDER BY cp.case_id, {PARTICIPANT_ORDER}"),
        "participant",
        |row: CaseParticipantRow| Ok((id(row.case_id), row.participant.into_participant()?)),
    )
    .await
}
