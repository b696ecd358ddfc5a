//! The files devices exchange. Each is signed by its author (Ed25519), names the table it belongs
//! to, and carries either a change of one document, encrypted with that document's key
//! (XChaCha20-Poly1305; the table, author, sequence number, document and key epoch are bound in as
//! associated data), or a document key sealed to one device (X25519 + HKDF-SHA256 +
//! XChaCha20-Poly1305). Whoever holds the files without the keys sees only who wrote how much, when.
//!
//! Everything read is hostile until verified: the size is checked first, the signature before the
//! payload is decoded, and no input makes this code panic.

use chacha20poly1305::aead::{Aead, KeyInit, Payload as AeadPayload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::Signature;
use hkdf::Hkdf;
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use sha2::Sha256;
use x25519_dalek::{EphemeralSecret, PublicKey};
use zeroize::Zeroizing;

use casustafel_domain::TableId;

use crate::access::DocRef;
use crate::keys::{DeviceId, DeviceKeys};

/// The largest file accepted; anything larger is set aside unread.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The format written today (2: the table is named in the signed payload and bound into the
/// encryption). Files of format 1 are not read.
pub const FORMAT: u8 = 2;

/// A document key of one epoch.
pub type DocKey = Zeroizing<[u8; 32]>;

/// Why a file was set aside. Shown to people, so each says what happened in plain terms.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Rejection {
    #[error("file too large ({0} bytes)")]
    TooLarge(usize),
    #[error("not a Casustafel file, or damaged")]
    Malformed,
    #[error("made by a newer version of Casustafel (format {0})")]
    NewerFormat(u8),
    #[error("signature does not match its author")]
    BadSignature,
    #[error("its name does not match its content")]
    Misnamed,
    #[error("cannot be decrypted with the document's key")]
    Undecryptable,
    #[error("its author may not change this document")]
    NotAllowed,
    #[error("it belongs to another case table")]
    OtherTable,
}

impl Rejection {
    /// Whether the file says nothing of its author at this table: not verifiable as written by
    /// whoever its name says, for this table (anyone who can write to a folder can put such a file
    /// at any name). Its name is not done with: the genuine file may come there later.
    pub fn is_unverified(&self) -> bool {
        !matches!(self, Rejection::Undecryptable | Rejection::NotAllowed)
    }

    /// The code kept with a warning (the store turns it into the screens' `SetAsideReason`).
    pub fn code(&self) -> &'static str {
        match self {
            Rejection::TooLarge(_) => "too_large",
            Rejection::Malformed => "malformed",
            Rejection::NewerFormat(_) => "newer_format",
            Rejection::BadSignature => "bad_signature",
            Rejection::Misnamed => "misnamed",
            Rejection::Undecryptable => "undecryptable",
            Rejection::NotAllowed => "not_allowed",
            Rejection::OtherTable => "other_table",
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
struct SignedFile {
    format: u8,
    author: DeviceId,
    payload: Vec<u8>,
    signature: Vec<u8>,
}

/// What a file says, once its signature is verified.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// The table the file belongs to: a reader syncing another table sets it aside.
    pub table: TableId,
    /// Per author, increasing; with the author it names the file and makes replays harmless.
    pub seq: u64,
    pub body: Body,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Body {
    /// Automerge change bytes of `doc`, encrypted with its key of `epoch`.
    Change {
        doc: DocRef,
        epoch: u32,
        nonce: [u8; 24],
        ciphertext: Vec<u8>,
    },
    /// The key of `doc` for `epoch`, sealed to the device `to`.
    Grant {
        doc: DocRef,
        epoch: u32,
        to: DeviceId,
        ephemeral: [u8; 32],
        nonce: [u8; 24],
        sealed: Vec<u8>,
    },
}

/// A verified file: who wrote it, and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Verified {
    pub author: DeviceId,
    pub payload: Payload,
}

/// The file name for (author, seq): a folder per device, a file per change, so that a device only
/// ever writes into its own folder and never rewrites a file.
pub fn file_name(author: &DeviceId, seq: u64) -> String {
    format!("{}/{seq:016x}.cst", folder_of(author))
}

/// The folder `author`'s files are named under.
pub fn folder_of(author: &DeviceId) -> String {
    data_encoding::HEXLOWER.encode(&author.signing[..8])
}

/// What a ciphertext is bound to: altering any of it makes decryption fail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Binding {
    pub table: TableId,
    pub author: DeviceId,
    pub seq: u64,
    pub doc: DocRef,
    pub epoch: u32,
}

impl Binding {
    fn aad(&self, to: Option<&DeviceId>) -> Vec<u8> {
        postcard::to_allocvec(&(b"casustafel v2", self, to)).unwrap_or_default()
    }
}

/// Signs `payload` as `me` and returns the file's bytes.
pub fn write(me: &DeviceKeys, payload: &Payload) -> Vec<u8> {
    let payload = postcard::to_allocvec(payload).unwrap_or_default();
    let signature = me.sign(&payload).to_vec();
    postcard::to_allocvec(&SignedFile {
        format: FORMAT,
        author: me.id(),
        payload,
        signature,
    })
    .unwrap_or_default()
}

/// Checks size, format and signature, then decodes. `name`, when given, must be the file's own.
pub fn read(bytes: &[u8], name: Option<&str>) -> Result<Verified, Rejection> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(Rejection::TooLarge(bytes.len()));
    }
    let file: SignedFile = postcard::from_bytes(bytes).map_err(|_| Rejection::Malformed)?;
    if file.format > FORMAT {
        return Err(Rejection::NewerFormat(file.format));
    }
    if file.format != FORMAT {
        return Err(Rejection::Malformed);
    }
    let key = file.author.verifying_key().ok_or(Rejection::BadSignature)?;
    let signature = Signature::from_slice(&file.signature).map_err(|_| Rejection::BadSignature)?;
    key.verify_strict(&file.payload, &signature)
        .map_err(|_| Rejection::BadSignature)?;
    let payload: Payload = postcard::from_bytes(&file.payload).map_err(|_| Rejection::Malformed)?;
    if let Some(n) = name {
        let own = file_name(&file.author, payload.seq);
        if n != own && crate::names::spare_name(&own, bytes).as_deref() != Some(n) {
            return Err(Rejection::Misnamed);
        }
    }
    Ok(Verified {
        author: file.author,
        payload,
    })
}

/// What a verified file is about: its document, and for a key grant the device it is sealed to.
/// (The table it names is checked by the engine that reads it.)
/// Used to hand a file on only to devices that may read it; `None` for a file that does not verify.
pub fn about(bytes: &[u8], name: Option<&str>) -> Option<(DocRef, Option<DeviceId>)> {
    let v = read(bytes, name).ok()?;
    Some(match v.payload.body {
        Body::Change { doc, .. } => (doc, None),
        Body::Grant { doc, to, .. } => (doc, Some(to)),
    })
}

/// Encrypts a change of `doc` for the file (author, seq).
pub fn seal_change(at: Binding, key: &DocKey, change: &[u8], rng: &mut impl CryptoRngCore) -> Body {
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let aad = at.aad(None);
    let ciphertext = cipher
        .encrypt(
            XNonce::from_slice(&nonce),
            AeadPayload {
                msg: change,
                aad: &aad,
            },
        )
        .unwrap_or_default();
    Body::Change {
        doc: at.doc,
        epoch: at.epoch,
        nonce,
        ciphertext,
    }
}

/// Decrypts a change; fails when the key is wrong or anything bound to it was altered.
pub fn open_change(
    at: Binding,
    key: &DocKey,
    nonce: &[u8; 24],
    ciphertext: &[u8],
) -> Result<Vec<u8>, Rejection> {
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    let aad = at.aad(None);
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            AeadPayload {
                msg: ciphertext,
                aad: &aad,
            },
        )
        .map_err(|_| Rejection::Undecryptable)
}

fn grant_cipher(shared: &[u8; 32], ephemeral: &[u8; 32], to: &DeviceId) -> XChaCha20Poly1305 {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(ephemeral);
    salt[32..].copy_from_slice(&to.agreement);
    let hk = Hkdf::<Sha256>::new(Some(&salt), shared);
    let mut okm = Zeroizing::new([0u8; 32]);
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(b"casustafel grant v1", okm.as_mut());
    XChaCha20Poly1305::new(okm.as_ref().into())
}

/// Seals `key` to the device `to`, so that only it can open it.
pub fn seal_grant(at: Binding, key: &DocKey, to: &DeviceId, rng: &mut impl CryptoRngCore) -> Body {
    let secret = EphemeralSecret::random_from_rng(&mut *rng);
    let ephemeral = PublicKey::from(&secret).to_bytes();
    let shared = secret.diffie_hellman(&PublicKey::from(to.agreement));
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let aad = at.aad(Some(to));
    let sealed = grant_cipher(shared.as_bytes(), &ephemeral, to)
        .encrypt(
            XNonce::from_slice(&nonce),
            AeadPayload {
                msg: key.as_ref(),
                aad: &aad,
            },
        )
        .unwrap_or_default();
    Body::Grant {
        doc: at.doc,
        epoch: at.epoch,
        to: *to,
        ephemeral,
        nonce,
        sealed,
    }
}

/// Opens a key sealed to `me`.
pub fn open_grant(
    me: &DeviceKeys,
    at: Binding,
    ephemeral: &[u8; 32],
    nonce: &[u8; 24],
    sealed: &[u8],
) -> Result<DocKey, Rejection> {
    let to = me.id();
    let shared = me.agreement().diffie_hellman(&PublicKey::from(*ephemeral));
    let aad = at.aad(Some(&to));
    let plain = Zeroizing::new(
        grant_cipher(shared.as_bytes(), ephemeral, &to)
            .decrypt(
                XNonce::from_slice(nonce),
                AeadPayload {
                    msg: sealed,
                    aad: &aad,
                },
            )
            .map_err(|_| Rejection::Undecryptable)?,
    );
    let bytes: [u8; 32] = plain
        .as_slice()
        .try_into()
        .map_err(|_| Rejection::Undecryptable)?;
    Ok(Zeroizing::new(bytes))
}
