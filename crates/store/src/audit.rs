//! The audit log: who did what, when. Append-only (triggers refuse UPDATE and DELETE) and
//! hash-chained (each entry's hash covers the previous one), so a supervisor can check that nothing
//! was removed or rewritten.

use chrono::{DateTime, Utc};
use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::error::{Result, StoreError};
use crate::profile::Store;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AuditEntry {
    pub seq: i64,
    pub at: DateTime<Utc>,
    pub actor: String,
    pub action: String,
    pub subject: String,
}

fn entry_hash(prev: &[u8], at: &str, actor: &str, action: &str, subject: &str) -> Vec<u8> {
    let mut h = Sha256::new();
    h.update(prev);
    for part in [at, actor, action, subject] {
        h.update((part.len() as u64).to_be_bytes());
        h.update(part.as_bytes());
    }
    h.finalize().to_vec()
}

/// Appends an entry inside the caller's transaction, so it is written with the change it records.
pub(crate) fn append(
    conn: &Connection,
    at: DateTime<Utc>,
    actor: &str,
    action: &str,
    subject: &str,
) -> Result<()> {
    let prev: Vec<u8> = conn
        .query_row(
            "SELECT hash FROM audit_event ORDER BY seq DESC LIMIT 1",
            [],
            |r| r.get(0),
        )
        .optional()?
        .unwrap_or_else(|| vec![0u8; 32]);
    let at = at.to_rfc3339();
    let hash = entry_hash(&prev, &at, actor, action, subject);
    conn.execute(
        "INSERT INTO audit_event (at, actor, action, subject, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        params![at, actor, action, subject, prev, hash],
    )?;
    Ok(())
}

impl Store {
    /// The name recorded as the actor of what this profile does.
    pub fn actor(&self) -> Result<String> {
        Ok(self
            .conn
            .query_row(
                "SELECT value FROM profile_meta WHERE key = 'owner_name'",
                [],
                |r| r.get(0),
            )
            .optional()?
            .unwrap_or_else(|| "owner".to_string()))
    }

    /// Sets the name recorded as the actor of what this profile does.
    pub fn set_owner_name(&mut self, name: &str) -> Result<String> {
        let name =
            casustafel_domain::participant::check_owner_name(name).map_err(StoreError::Invalid)?;
        self.conn.execute(
            "INSERT INTO profile_meta (key, value) VALUES ('owner_name', ?1)
             ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [&name],
        )?;
        Ok(name)
    }

    /// Entries about `subject` (e.g. a case id), oldest first.
    pub fn audit_for(&self, subject: &str) -> Result<Vec<AuditEntry>> {
        let mut stmt = self.conn.prepare_cached(
            "SELECT seq, at, actor, action, subject FROM audit_event WHERE subject = ?1 ORDER BY seq",
        )?;
        let rows = stmt.query_map([subject], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, String>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, String>(4)?,
            ))
        })?;
        rows.map(|row| {
            let (seq, at, actor, action, subject) = row?;
            Ok(AuditEntry {
                seq,
                at: DateTime::parse_from_rfc3339(&at)
                    .map_err(|_| StoreError::Damaged("audit time".into()))?
                    .with_timezone(&Utc),
                actor,
                action,
                subject,
            })
        })
        .collect()
    }

    /// Recomputes the chain. Returns the number of entries, or says where it breaks.
    pub fn verify_audit(&self) -> Result<usize> {
        let mut stmt = self.conn.prepare(
            "SELECT seq, at, actor, action, subject, prev_hash, hash FROM audit_event ORDER BY seq",
        )?;
        let mut rows = stmt.query([])?;
        let mut prev = vec![0u8; 32];
        let mut n = 0;
        while let Some(r) = rows.next()? {
            let seq: i64 = r.get(0)?;
            let (at, actor, action, subject): (String, String, String, String) =
                (r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?);
            let (stored_prev, stored): (Vec<u8>, Vec<u8>) = (r.get(5)?, r.get(6)?);
            if stored_prev != prev || stored != entry_hash(&prev, &at, &actor, &action, &subject) {
                return Err(StoreError::Damaged(format!(
                    "audit log broken at entry {seq}"
                )));
            }
            prev = stored;
            n += 1;
        }
        Ok(n)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testutil::{new_store, now};

    #[test]
    fn the_chain_verifies_and_cannot_be_rewritten() {
        let (_dir, s) = new_store();
        for i in 0..5 {
            append(
                &s.conn,
                now(),
                "owner",
                "identity.reveal",
                &format!("case-{i}"),
            )
            .unwrap();
        }
        assert_eq!(s.verify_audit().unwrap(), 5);
        assert_eq!(s.actor().unwrap(), "owner");
        assert_eq!(s.audit_for("case-3").unwrap().len(), 1);
        assert!(s
            .conn
            .execute("UPDATE audit_event SET actor = 'x' WHERE seq = 2", [])
            .is_err());
        assert!(s
            .conn
            .execute("DELETE FROM audit_event WHERE seq = 2", [])
            .is_err());
    }

    #[test]
    fn the_owner_name_is_the_actor() {
        let (_dir, mut s) = new_store();
        assert!(matches!(
            s.set_owner_name("  "),
            Err(StoreError::Invalid(_))
        ));
        s.set_owner_name(" An Coördinator ").unwrap();
        assert_eq!(s.actor().unwrap(), "An Coördinator");
    }

    #[test]
    fn a_forged_entry_breaks_the_chain() {
        let (_dir, s) = new_store();
        append(&s.conn, now(), "owner", "a", "x").unwrap();
        // Inserting a row with a made-up hash is possible, but verification finds it.
        s.conn
            .execute(
                "INSERT INTO audit_event (at, actor, action, subject, prev_hash, hash)
                 VALUES ('2026-01-01T00:00:00+00:00', 'mallory', 'b', 'y', x'00', x'00')",
                [],
            )
            .unwrap();
        assert!(matches!(s.verify_audit(), Err(StoreError::Damaged(_))));
    }
}
