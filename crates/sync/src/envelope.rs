//! The files devices exchange. Each is signed by its author (Ed25519, under a tag of its own so the
//! signature means nothing elsewhere) and carries one sealed box: either a change of one document
//! (encrypted with that document's key, XChaCha20-Poly1305, with the table, author, sequence
//! number, document and key epoch bound in), wrapped under the table's routing key (derived from
//! the table document's key, which every member holds); or a document key sealed to one device
//! (X25519 + HKDF-SHA256 + XChaCha20-Poly1305). Both look alike from outside: the author, a
//! sequence number, 32 random-looking bytes, a nonce and a sealed box padded to a size bucket. Which
//! table, which document, which kind, which epoch and, for a key, which device: all inside.
//! A reader opens a box by trying its table's routing keys, then its own device key.
//!
//! Everything read is hostile until verified: the size is checked first, the signature before the
//! payload is decoded, and no input makes this code panic.

use ed25519_dalek::Signature;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use casustafel_domain::TableId;

use crate::access::DocRef;
use crate::keys::{DeviceId, DeviceKeys};

/// The largest file accepted; anything larger is set aside unread.
pub const MAX_FILE_BYTES: usize = 16 * 1024 * 1024;

/// The format written today (3: everything but the author and sequence number sealed, sizes
/// padded, signatures under their own tag). Files of earlier formats are not read.
pub const FORMAT: u8 = 3;

/// What a signature signs before the payload: a file signature is good for nothing else.
const SIGNED: &[u8] = b"casustafel signed file v3\0";

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

/// What a file says in the clear, once its signature is verified: only what a reader needs to
/// try to open it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Payload {
    /// Per author, increasing; with the author it names the file and makes replays harmless.
    pub seq: u64,
    /// A key grant's ephemeral X25519 key; random bytes for a change.
    pub ephemeral: [u8; 32],
    pub nonce: [u8; 24],
    /// The padded, encrypted `Inner`.
    pub sealed: Vec<u8>,
}

/// What a sealed box holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Inner {
    /// Automerge change bytes of `doc`, encrypted with its key of `epoch`.
    Change {
        table: TableId,
        doc: DocRef,
        epoch: u32,
        nonce: [u8; 24],
        ciphertext: Vec<u8>,
    },
    /// The key of `doc` for `epoch`, for the device `to` (the box is sealed to it).
    Grant {
        table: TableId,
        doc: DocRef,
        epoch: u32,
        to: DeviceId,
        key: [u8; 32],
    },
}

impl Inner {
    pub fn table(&self) -> TableId {
        match self {
            Inner::Change { table, .. } | Inner::Grant { table, .. } => *table,
        }
    }

    pub fn doc(&self) -> DocRef {
        match self {
            Inner::Change { doc, .. } | Inner::Grant { doc, .. } => *doc,
        }
    }
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
    pub(crate) fn aad(&self, to: Option<&DeviceId>) -> Vec<u8> {
        postcard::to_allocvec(&(b"casustafel v3", self, to)).unwrap_or_default()
    }
}

/// Signs `payload` as `me` and returns the file's bytes.
pub fn write(me: &DeviceKeys, payload: &Payload) -> Vec<u8> {
    let payload = postcard::to_allocvec(payload).unwrap_or_default();
    let signature = me.sign(&signed(&payload)).to_vec();
    postcard::to_allocvec(&SignedFile {
        format: FORMAT,
        author: me.id(),
        payload,
        signature,
    })
    .unwrap_or_default()
}

fn signed(payload: &[u8]) -> Vec<u8> {
    let mut m = Vec::with_capacity(SIGNED.len() + payload.len());
    m.extend_from_slice(SIGNED);
    m.extend_from_slice(payload);
    m
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
    key.verify_strict(&signed(&file.payload), &signature)
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

pub use crate::seal::{open, open_change, seal_change, seal_grant};
