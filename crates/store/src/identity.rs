//! Per-case keys and the identity they encrypt (XChaCha20-Poly1305). The database is encrypted as a
//! whole already; the per-case key adds that an identity can be destroyed on its own (by deleting
//! its key) and, once cases sync, shared only with the partners of that case.

use casustafel_domain::identity::Identity;
use casustafel_domain::CaseId;
use chacha20poly1305::aead::{Aead, KeyInit};
use chacha20poly1305::{Key, XChaCha20Poly1305, XNonce};
use rusqlite::{params, Connection, OptionalExtension};
use zeroize::Zeroizing;

use crate::error::{Result, StoreError};

fn random<const N: usize>() -> Result<[u8; N]> {
    let mut b = [0u8; N];
    getrandom::fill(&mut b).map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
    Ok(b)
}

/// Creates the key of a new case.
pub(crate) fn create_key(conn: &Connection, case: CaseId) -> Result<()> {
    let key = Zeroizing::new(random::<32>()?);
    conn.execute(
        "INSERT INTO case_key (case_id, key) VALUES (?1, ?2)",
        params![case.to_string(), key.as_slice()],
    )?;
    Ok(())
}

fn cipher(conn: &Connection, case: CaseId) -> Result<XChaCha20Poly1305> {
    let key: Zeroizing<Vec<u8>> = Zeroizing::new(
        conn.query_row(
            "SELECT key FROM case_key WHERE case_id = ?1",
            [case.to_string()],
            |r| r.get(0),
        )
        .optional()?
        .ok_or(StoreError::NotFound)?,
    );
    if key.len() != 32 {
        return Err(StoreError::Damaged("case key length".into()));
    }
    Ok(XChaCha20Poly1305::new(Key::from_slice(&key)))
}

/// Encrypts and stores (or replaces) the identity of a case.
pub(crate) fn store_identity(conn: &Connection, case: CaseId, identity: &Identity) -> Result<()> {
    let plain = Zeroizing::new(
        serde_json::to_vec(identity).map_err(|e| StoreError::Io(std::io::Error::other(e)))?,
    );
    let nonce = random::<24>()?;
    let ciphertext = cipher(conn, case)?
        .encrypt(XNonce::from_slice(&nonce), plain.as_slice())
        .map_err(|_| StoreError::Damaged("identity encryption".into()))?;
    conn.execute(
        "INSERT INTO case_identity (case_id, nonce, ciphertext) VALUES (?1, ?2, ?3)
         ON CONFLICT(case_id) DO UPDATE SET nonce = excluded.nonce, ciphertext = excluded.ciphertext",
        params![case.to_string(), nonce.as_slice(), ciphertext],
    )?;
    Ok(())
}

/// Decrypts the identity of a case, if one is recorded and its key still exists.
pub(crate) fn load_identity(conn: &Connection, case: CaseId) -> Result<Option<Identity>> {
    let row: Option<(Vec<u8>, Vec<u8>)> = conn
        .query_row(
            "SELECT nonce, ciphertext FROM case_identity WHERE case_id = ?1",
            [case.to_string()],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    let Some((nonce, ciphertext)) = row else {
        return Ok(None);
    };
    if nonce.len() != 24 {
        return Err(StoreError::Damaged("identity nonce length".into()));
    }
    let plain = Zeroizing::new(
        cipher(conn, case)?
            .decrypt(XNonce::from_slice(&nonce), ciphertext.as_slice())
            .map_err(|_| StoreError::Damaged("the identity cannot be decrypted".into()))?,
    );
    serde_json::from_slice(&plain)
        .map(Some)
        .map_err(|_| StoreError::Damaged("identity contents".into()))
}
