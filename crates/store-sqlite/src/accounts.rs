//! Accounts and sessions: sign-in throttling, second factors, password and
//! role changes, and the sessions an administrator sees.

use chrono::{DateTime, Utc};
use lantern_domain::vocab::{UserRole, Vocabulary};
use lantern_domain::UserId;
use lantern_storage::{
    AuditAppend, LoginThrottle, SecondFactorRecord, SessionRecord, StorageError, StorageResult,
};
use lantern_store_common::{
    classify, BareSessionRow, LoginThrottleRow, SecondFactorRow, SESSION_COLUMNS,
};
use sqlx::SqlitePool;

pub async fn login_throttle(
    pool: &SqlitePool,
    username_key: &[u8],
) -> StorageResult<Option<LoginThrottle>> {
    Ok(sqlx::query_as::<_, LoginThrottleRow>(
        "SELECT failures, last_failure_at FROM login_throttles WHERE username_key = ?1",
    )
    .bind(username_key)
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "login throttle"))?
    .map(LoginThrottleRow::into_throttle))
}

pub async fn record_login_failure(
    pool: &SqlitePool,
    username_key: &[u8],
    at: DateTime<Utc>,
    forget_before: DateTime<Utc>,
    audit: Option<&AuditAppend<'_>>,
) -> StorageResult<LoginThrottle> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "login throttle"))?;
    // One statement, so concurrent failures on several servers all count.
    let result = sqlx::query_as::<_, LoginThrottleRow>(
        "INSERT INTO login_throttles (username_key, failures, last_failure_at) VALUES (?1, 1, ?2) \
         ON CONFLICT (username_key) DO UPDATE SET \
         failures = CASE WHEN login_throttles.last_failure_at < ?3 THEN 1 \
                         ELSE login_throttles.failures + 1 END, \
         last_failure_at = excluded.last_failure_at \
         RETURNING failures, last_failure_at",
    )
    .bind(username_key)
    .bind(at)
    .bind(forget_before)
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| classify(e, "login throttle"))?
    .into_throttle();
    crate::audit::append_if_any(&mut tx, audit).await?;
    tx.commit()
        .await
        .map_err(|e| classify(e, "login throttle"))?;
    Ok(result)
}

pub async fn clear_login_failures(pool: &SqlitePool, username_key: &[u8]) -> StorageResult<()> {
    sqlx::query("DELETE FROM login_throttles WHERE username_key = ?1")
        .bind(username_key)
        .execute(pool)
        .await
        .map_err(|e| classify(e, "login throttle"))?;
    Ok(())
}

pub async fn delete_stale_login_throttles(
    pool: &SqlitePool,
    before: DateTime<Utc>,
) -> StorageResult<u64> {
    Ok(
        sqlx::query("DELETE FROM login_throttles WHERE last_failure_at < ?1")
            .bind(before)
            .execute(pool)
            .await
            .map_err(|e| classify(e, "login throttle"))?
            .rows_affected(),
    )
}

pub async fn second_factor(
    pool: &SqlitePool,
    user: UserId,
) -> StorageResult<Option<SecondFactorRecord>> {
    Ok(sqlx::query_as::<_, SecondFactorRow>(
        "SELECT user_id, sealed_secret, created_at, confirmed_at, last_used_step \
         FROM second_factors WHERE user_id = ?1",
    )
    .bind(user.as_uuid())
    .fetch_optional(pool)
    .await
    .map_err(|e| classify(e, "second factor"))?
    .map(SecondFactorRow::into_record))
}

pub async fn begin_second_factor(
    pool: &SqlitePool,
    record: &SecondFactorRecord,
    recovery_code_hashes: &[Vec<u8>],
) -> StorageResult<()> {
    let mut tx = pool
        .begin()
        .await
        .map_err(|e| classify(e, "second factor"))?;
    let confirmed: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM second_factors WHERE user_id = ?1 AND confirmed_at IS NOT NULL",
    )
    .bind(record.user_id.as_uuid())
    .fetch_one(&mut *tx)
    .await
    .map_err(|e| classify(e, "second factor"))?;
    if confirmed > 0 {
        return Err(StorageError::Conflict("second factor"));
    }
    // Recovery codes go with their second factor (ON DELETE CASCADE).
    sqlx::query("DELETE FROM second_factors WHERE user_id = ?1")
        .bind(record.user_id.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "second factor"))?;
    sqlx::query(
        "INSERT INTO second_factors (user_id, sealed_secret, created_at, confirmed_at, last_used_step) \
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )
    .bind(record.user_id.as_uuid())
    .bind(&record.sealed_secret.0)
    .bind(record.created_at)
    .bind(record.confirmed_at)
    .bind(record.last_used_step)
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "second factor"))?;
    for hash in recovery_code_hashes {
        sqlx::query(
            "INSERT INTO recovery_codes (user_id, code_hash, used_at) VALUES (?1, ?2, NULL)",
        )
        .bind(record.user_id.as_uuid())
        .bind(hash)
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "recovery code"))?;
    }
    tx.commit().await.map_err(|e| classify(e, "second factor"))
}

pub async fn confirm_second_factor(
    pool: &SqlitePool,
    user: UserId,
    step: i64,
    at: DateTime<Utc>,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "second factor"))?;
    let changed = sqlx::query(
        "UPDATE second_factors SET confirmed_at = ?1, last_used_step = ?2 \
         WHERE user_id = ?3 AND confirmed_at IS NULL",
    )
    .bind(at)
    .bind(step)
    .bind(user.as_uuid())
    .execute(&mut *tx)
    .await
    .map_err(|e| classify(e, "second factor"))?
    .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("second factor"));
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "session"))?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "second factor"))
}

pub async fn use_totp_step(pool: &SqlitePool, user: UserId, step: i64) -> StorageResult<bool> {
    // Compare and set in one statement: of two servers accepting the same
    // code at once, only one changes the row.
    let changed = sqlx::query(
        "UPDATE second_factors SET last_used_step = ?1 \
         WHERE user_id = ?2 AND confirmed_at IS NOT NULL AND last_used_step < ?3",
    )
    .bind(step)
    .bind(user.as_uuid())
    .bind(step)
    .execute(pool)
    .await
    .map_err(|e| classify(e, "second factor"))?
    .rows_affected();
    Ok(changed == 1)
}

pub async fn use_recovery_code(
    pool: &SqlitePool,
    user: UserId,
    code_hash: &[u8],
    at: DateTime<Utc>,
) -> StorageResult<bool> {
    let changed = sqlx::query(
        "UPDATE recovery_codes SET used_at = ?1 \
         WHERE user_id = ?2 AND code_hash = ?3 AND used_at IS NULL \
         AND EXISTS (SELECT 1 FROM second_factors f \
                     WHERE f.user_id = recovery_codes.user_id AND f.confirmed_at IS NOT NULL)",
    )
    .bind(at)
    .bind(user.as_uuid())
    .bind(code_hash)
    .execute(pool)
    .await
    .map_err(|e| classify(e, "recovery code"))?
    .rows_affected();
    Ok(changed == 1)
}

pub async fn unused_recovery_codes(pool: &SqlitePool, user: UserId) -> StorageResult<u32> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM recovery_codes WHERE user_id = ?1 AND used_at IS NULL",
    )
    .bind(user.as_uuid())
    .fetch_one(pool)
    .await
    .map_err(|e| classify(e, "recovery code"))?;
    Ok(u32::try_from(count).unwrap_or(u32::MAX))
}

pub async fn delete_second_factor(
    pool: &SqlitePool,
    user: UserId,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "second factor"))?;
    sqlx::query("DELETE FROM second_factors WHERE user_id = ?1")
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "second factor"))?;
    sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "session"))?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "second factor"))
}

pub async fn set_user_password(
    pool: &SqlitePool,
    user: UserId,
    password_hash: &str,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "user"))?;
    let changed = sqlx::query("UPDATE users SET password_hash = ?1 WHERE id = ?2")
        .bind(password_hash)
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "user"))?
        .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("user"));
    }
    sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "session"))?;
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "user"))
}

pub async fn set_user_role(
    pool: &SqlitePool,
    user: UserId,
    role: UserRole,
    audit: &AuditAppend<'_>,
) -> StorageResult<()> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "user"))?;
    let changed = sqlx::query("UPDATE users SET role = ?1 WHERE id = ?2")
        .bind(role.code())
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "user"))?
        .rows_affected();
    if changed == 0 {
        return Err(StorageError::NotFound("user"));
    }
    crate::audit::append_in(&mut tx, audit).await?;
    tx.commit().await.map_err(|e| classify(e, "user"))
}

pub async fn list_user_sessions(
    pool: &SqlitePool,
    user: UserId,
) -> StorageResult<Vec<SessionRecord>> {
    sqlx::query_as::<_, BareSessionRow>(&format!(
        "SELECT {SESSION_COLUMNS}, s.user_id AS s_user_id FROM sessions s \
         WHERE s.user_id = ?1 ORDER BY s.created_at DESC, s.token_hash"
    ))
    .bind(user.as_uuid())
    .fetch_all(pool)
    .await
    .map_err(|e| classify(e, "session"))?
    .into_iter()
    .map(BareSessionRow::into_session)
    .collect()
}

pub async fn delete_user_sessions(
    pool: &SqlitePool,
    user: UserId,
    audit: &AuditAppend<'_>,
) -> StorageResult<u64> {
    let mut tx = pool
        .begin_with(crate::audit::BEGIN_WRITE)
        .await
        .map_err(|e| classify(e, "session"))?;
    let ended = sqlx::query("DELETE FROM sessions WHERE user_id = ?1")
        .bind(user.as_uuid())
        .execute(&mut *tx)
        .await
        .map_err(|e| classify(e, "session"))?
        .rows_affected();
    crate::audit::append_in(&mut tx, &audit.with_field(format!("sessions:{ended}"))).await?;
    tx.commit().await.map_err(|e| classify(e, "session"))?;
    Ok(ended)
}

pub async fn mark_session_authenticated(
    pool: &SqlitePool,
    token_hash: &[u8],
    at: DateTime<Utc>,
) -> StorageResult<()> {
    sqlx::query("UPDATE sessions SET authenticated_at = ?1 WHERE token_hash = ?2")
        .bind(at)
        .bind(token_hash)
        .execute(pool)
        .await
        .map_err(|e| classify(e, "session"))?;
    Ok(())
}
