//! Opening the SQLCipher database with a raw key, and the connection settings every store uses.

use std::path::Path;

use rusqlite::{Connection, OpenFlags};
use zeroize::Zeroizing;

use crate::error::{Result, StoreError};
use crate::kdf::KEY_LEN;

/// Opens (or, with `create`, creates) the database and applies the key and the pragmas.
/// The key is a raw 256-bit key (`x'…'`), so SQLCipher's own PBKDF2 is skipped: Argon2id did that work.
pub fn open(path: &Path, key: &[u8; KEY_LEN], create: bool) -> Result<Connection> {
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    let conn = Connection::open_with_flags(path, flags)?;
    // SQLCipher would otherwise log every failed decryption to stderr; the caller reports it instead.
    conn.execute_batch("PRAGMA cipher_log_level = NONE;")?;
    // Every copy of the key is wiped when dropped: its hex form and the statement that holds it.
    let hex = Zeroizing::new(hex::encode(key));
    let pragma = Zeroizing::new(format!("PRAGMA key = \"x'{}'\";", hex.as_str()));
    conn.execute_batch(&pragma)?;
    // SQLCipher wipes the memory it frees (page buffers that held plaintext, key material).
    conn.execute_batch("PRAGMA cipher_memory_security = ON;")?;
    // The first read decrypts page 1: with the wrong key or a damaged file it fails here.
    if let Err(e) = conn.query_row("SELECT count(*) FROM sqlite_master", [], |r| {
        r.get::<_, i64>(0)
    }) {
        return Err(match e.sqlite_error_code() {
            Some(rusqlite::ErrorCode::NotADatabase) => {
                StoreError::Damaged("the database file cannot be decrypted".into())
            }
            _ => StoreError::Sqlite(e),
        });
    }
    // Temporary tables and indices stay in memory, so no plaintext temp file is ever written.
    conn.pragma_update(None, "temp_store", "MEMORY")?;
    let mode: String = conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get(0))?;
    if !mode.eq_ignore_ascii_case("wal") {
        return Err(StoreError::Damaged(format!("journal mode {mode}")));
    }
    // FULL: what the user was told is saved survives a power cut.
    conn.pragma_update(None, "synchronous", "FULL")?;
    conn.pragma_update(None, "foreign_keys", "ON")?;
    conn.busy_timeout(std::time::Duration::from_secs(5))?;
    Ok(conn)
}

/// Checks that a row exists (`sql` selects `1`), or reports `NotFound`.
pub(crate) fn require<P: rusqlite::Params>(conn: &Connection, sql: &str, params: P) -> Result<()> {
    use rusqlite::OptionalExtension;
    conn.query_row(sql, params, |_| Ok(()))
        .optional()?
        .ok_or(StoreError::NotFound)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pragmas_are_in_force() {
        let dir = tempfile::tempdir().expect("tempdir");
        let conn = open(&dir.path().join("t.db"), &[7u8; KEY_LEN], true).expect("open");
        let sync: i64 = conn
            .query_row("PRAGMA synchronous", [], |r| r.get(0))
            .expect("synchronous");
        assert_eq!(sync, 2, "FULL");
        let fk: i64 = conn
            .query_row("PRAGMA foreign_keys", [], |r| r.get(0))
            .expect("foreign_keys");
        assert_eq!(fk, 1);
        let cipher: String = conn
            .query_row("PRAGMA cipher_version", [], |r| r.get(0))
            .expect("cipher_version");
        assert!(!cipher.is_empty(), "SQLCipher is linked");
        let wiped: String = conn
            .query_row("PRAGMA cipher_memory_security", [], |r| r.get(0))
            .expect("cipher_memory_security");
        assert_eq!(wiped, "1", "freed memory is wiped");
    }

    #[test]
    fn the_wrong_key_cannot_read() {
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("t.db");
        {
            let c = open(&path, &[1u8; KEY_LEN], true).expect("open");
            c.execute_batch("CREATE TABLE t(x); INSERT INTO t VALUES (1);")
                .expect("write");
        }
        assert!(matches!(
            open(&path, &[2u8; KEY_LEN], false),
            Err(StoreError::Damaged(_))
        ));
        assert!(open(&path, &[1u8; KEY_LEN], false).is_ok());
    }
}
