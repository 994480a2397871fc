//! Offices, users, sessions and API tokens.

use chrono::{DateTime, Utc};
use lantern_domain::user::{Office, User};
use lantern_domain::vocab::Vocabulary;
use lantern_domain::{OfficeId, UserId};
use lantern_storage::{
    ApiTokenId, ApiTokenRecord, AuditAppend, SessionRecord, StorageError, StorageResult,
    UserCredentials,
};
use lantern_store_common::{
    classify, ApiTokenRow, ApiTokenUserRow, OfficeRow, SessionRow, UserRow, SESSION_COLUMNS,
    USER_COLUMNS,
};
use sqlx::{SqliteConnection, SqlitePool};

pub async fn insert_office(pool: &SqlitePool, office: &Office) -> StorageResult<()> {
    sqlx::query("INSERT INTO offices (id, code, name, country, region) VALUES (?, ?, ?, ?, ?)")
        .bind(office.id.as_uuid())
        .bind(&office.code)
        .bind(&office.name)
        .bind(office.country.as_str())
        .bind(&office.region)
        .execute(pool)
        .await
        .map_err(|e| classify(e, "office"))?;
    Ok(())
}

pub async fn list_offices(pool: &SqlitePool) -> StorageResult<Vec<Office>> {
    sqlx::query_as::<_, OfficeRow>(
        "SELECT id, code, name, country, region FROM offices ORDER BY name",
    )
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "office"))?
    .into_iter()
    .map(OfficeRow::into_office)
    .collect()
}

pub async fn get_office(pool: &SqlitePool, id: OfficeId) -> StorageResult<Option<Office>> {
    sqlx::query_as::<_, OfficeRow>(
        "SELECT id, code, name, country, region FROM offices WHERE id = ?",
    )
    .bind(id.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "office"))?
    .map(OfficeRow::into_office)
    .transpose()
}

pub async fn insert_user(
    pool: &SqlitePool,
    user: &User,
    password_hash: &str,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "user"))?;
    insert_user_row(&mut tx, user, password_hash).await?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "user"))
}

/// Inserts a user (and their supervisor flag); the caller owns the transaction.
pub(crate) async fn insert_user_row(
    conn: &mut SqliteConnection,
    user: &User,
    password_hash: &str,
) -> StorageResult<()> {
    sqlx::query(
        "INSERT INTO users (id, username, display_name, password_hash, role, office_id, language, disabled, created_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(user.id.as_uuid())
    .bind(&user.username)
    .bind(&user.display_name)
    .bind(password_hash)
    .bind(user.role.code())
    .bind(user.office_id.as_uuid())
    .bind(&user.language)
    .bind(user.disabled)
    .bind(user.created_at)
    .execute(&mut *conn)
    .await
    .map_err(|e| classify(e, "user"))?;
    if user.supervisor {
        set_supervisor_with(conn, user.id, true).await?;
    }
    Ok(())
}

pub(crate) async fn set_supervisor_with(
    conn: &mut SqliteConnection,
    user: UserId,
    supervisor: bool,
) -> StorageResult<()> {
    let sql = if supervisor {
        "INSERT INTO supervisors (user_id) VALUES (?) ON CONFLICT DO NOTHING"
    } else {
        "DELETE FROM supervisors WHERE user_id = ?"
    };
    sqlx::query(sql)
        .bind(user.as_uuid())
        .execute(conn)
        .await
        .map_err(|e| classify(e, "user"))?;
    Ok(())
}

pub async fn set_supervisor(
    pool: &SqlitePool,
    user: UserId,
    supervisor: bool,
) -> StorageResult<()> {
    let mut conn = pool.acquire().await.map_err(|e| classify(e, "user"))?;
    set_supervisor_with(&mut conn, user, supervisor).await
}

#[derive(sqlx::FromRow)]
struct CredentialRow {
    password_hash: String,
    #[sqlx(flatten)]
    user: UserRow,
}

pub async fn user_credentials(
    pool: &SqlitePool,
    username: &str,
) -> StorageResult<Option<UserCredentials>> {
    let row: Option<CredentialRow> = sqlx::query_as(&format!(
        "SELECT {USER_COLUMNS}, u.password_hash FROM users u WHERE u.username = ?"
    ))
    .bind(username)
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "user"))?;
    row.map(|r| {
        Ok(UserCredentials {
            user: r.user.into_user()?,
            password_hash: r.password_hash,
        })
    })
    .transpose()
}

pub async fn get_user(pool: &SqlitePool, id: UserId) -> StorageResult<Option<User>> {
    sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.id = ?"
    ))
    .bind(id.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "user"))?
    .map(UserRow::into_user)
    .transpose()
}

pub async fn list_users(pool: &SqlitePool) -> StorageResult<Vec<User>> {
    sqlx::query_as::<_, UserRow>(&format!(
        "SELECT {USER_COLUMNS} FROM users u ORDER BY u.username"
    ))
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "user"))?
    .into_iter()
    .map(UserRow::into_user)
    .collect()
}

pub async fn set_user_disabled(
    pool: &SqlitePool,
    id: UserId,
    disabled: bool,
    at: DateTime<Utc>,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "user"))?;
    let changed = sqlx::query("UPDATE users SET disabled = ? WHERE id = ?")
        .bind(disabled)
        .bind(id.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "user"))?
        .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("user"));
    }
    if disabled {
        sqlx::query("DELETE FROM sessions WHERE user_id = ?")
            .bind(id.as_uuid())
            .execute(&mut *tx)
            .await
            .map_err(|e| classify(e, "session"))?;
        sqlx::query(
            "UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL",
        )
        .bind(at)
        .bind(id.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "api token"))?;
    }
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "user"))
}

pub async fn set_user_language(pool: &SqlitePool, id: UserId, language: &str) -> StorageResult<()> {
    let changed = sqlx::query("UPDATE users SET language = ? WHERE id = ?")
        .bind(language)
        .bind(id.as_uuid())
        .execute(pool)
        .await
        .map_err(|e| classify(e, "user"))?
        .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("user"));
    }
    Ok(())
}

pub async fn insert_session(
    pool: &SqlitePool,
    session: &SessionRecord,
    audit: Option<&AuditAppend<'_>>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "session"))?;
    sqlx::query(
        "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, stage, authenticated_at) \
         VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(&session.token_hash)
    .bind(session.user_id.as_uuid())
    .bind(&session.csrf_token)
    .bind(session.created_at)
    .bind(session.last_seen_at)
    .bind(session.expires_at)
    .bind(session.stage.code())
    .bind(session.authenticated_at)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "session"))?;
    crate::audit::append_if_any(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "session"))
}

pub async fn session_by_token_hash(
    pool: &SqlitePool,
    token_hash: &[u8],
) -> StorageResult<Option<(SessionRecord, User)>> {
    sqlx::query_as::<_, SessionRow>(&format!(
        "SELECT {SESSION_COLUMNS}, {USER_COLUMNS} \
         FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.token_hash = ?"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "session"))?
    .map(SessionRow::into_session)
    .transpose()
}

pub async fn touch_session(
    pool: &SqlitePool,
    token_hash: &[u8],
    at: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE sessions SET last_seen_at = ? WHERE token_hash = ?")
        .bind(at)
        .bind(token_hash)
        .execute(pool)
        .await
        .map_err(|e| classify(e, "session"))?;
    Ok(())
}

pub async fn delete_session(
    pool: &SqlitePool,
    token_hash: &[u8],
    audit: Option<&AuditAppend<'_>>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "session"))?;
    sqlx::query("DELETE FROM sessions WHERE token_hash = ?")
        .bind(token_hash)
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "session"))?;
    crate::audit::append_if_any(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "session"))
}

pub async fn delete_expired_sessions(pool: &SqlitePool, now: DateTime<Utc>) -> StorageResult<u64> {
    Ok(sqlx::query("DELETE FROM sessions WHERE expires_at < ?")
        .bind(now)
        .execute(pool)
        .await
        .map_err(|e| classify(e, "session"))?
        .rows_affected())
}

pub async fn insert_api_token(
    pool: &SqlitePool,
    token: &ApiTokenRecord,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "api token"))?;
    sqlx::query(
        "INSERT INTO api_tokens (id, user_id, name, token_hash, created_at, revoked_at, scope) \
         VALUES (?, ?, ?, ?, ?, ?, ?)",
    )
    .bind(token.id.as_uuid())
    .bind(token.user_id.as_uuid())
    .bind(&token.name)
    .bind(&token.token_hash)
    .bind(token.created_at)
    .bind(token.revoked_at)
    .bind(token.scope.code())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "api token"))?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "api token"))
}

const TOKEN_COLUMNS: &str =
    "t.id AS t_id, t.user_id AS t_user_id, t.name AS t_name, t.token_hash AS t_token_hash, \
     t.created_at AS t_created_at, t.revoked_at AS t_revoked_at, t.scope AS t_scope";

pub async fn api_token_by_hash(
    pool: &SqlitePool,
    token_hash: &[u8],
) -> StorageResult<Option<(ApiTokenRecord, User)>> {
    sqlx::query_as::<_, ApiTokenUserRow>(&format!(
        "SELECT {TOKEN_COLUMNS}, {USER_COLUMNS} FROM api_tokens t JOIN users u ON u.id = t.user_id \
         WHERE t.token_hash = ?"
    ))
    .bind(token_hash)
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "api token"))?
    .map(|row| Ok((row.token.into_token()?, row.user.into_user()?)))
    .transpose()
}

pub async fn list_api_tokens(
    pool: &SqlitePool,
    user: UserId,
) -> StorageResult<Vec<ApiTokenRecord>> {
    sqlx::query_as::<_, ApiTokenRow>(&format!(
        "SELECT {TOKEN_COLUMNS} FROM api_tokens t WHERE t.user_id = ? ORDER BY t.created_at"
    ))
    .bind(user.as_uuid())
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "api token"))?
    .into_iter()
    .map(ApiTokenRow::into_token)
    .collect()
}

pub async fn revoke_api_token(
    pool: &SqlitePool,
    user: UserId,
    token: ApiTokenId,
    at: DateTime<Utc>,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "api token"))?;
    let changed = sqlx::query(
        "UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
    )
    .bind(at)
    .bind(token.as_uuid())
    .bind(user.as_uuid())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "api token"))?
    .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("api token"));
    }
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "api token"))
}
