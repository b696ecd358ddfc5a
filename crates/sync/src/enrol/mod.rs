//! Enrolment: a new device joins a table with a one-time code from the chair.
//!
//! The chair makes an invitation for a participant; its code (16 characters, e.g. `KQ7M-2XRA-9DFT-C4HW`)
//! is given by hand, read aloud or shown as a QR code. The joining device proves it knows the code
//! by writing a *join request* into the shared folder, encrypted with a key derived from the code
//! (Argon2id, so that guessing codes against the folder's files is hopeless); the chair's device
//! checks it (known, not expired, not used), the chair compares fingerprints and accepts, and writes
//! a *welcome* sealed with the same key: the table and the chair's device, which the new device
//! trusts from then on. Both files are signed by their writer. Nothing here touches a file.

use argon2::{Algorithm, Argon2, Params, Version};
use chacha20poly1305::aead::{Aead, KeyInit, Payload as AeadPayload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use ed25519_dalek::Signature;
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use casustafel_domain::{ParticipantId, TableId};

use crate::keys::{DeviceId, DeviceKeys};
use crate::OutFile;

/// The largest enrolment file accepted.
pub const MAX_ENROL_BYTES: usize = 64 * 1024;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// What can go wrong, each with a sentence for people in the UI.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum EnrolError {
    /// Wrong length, a character that is not in codes, or the check character does not match.
    #[error("the code is mistyped")]
    Mistyped,
    /// The code is well-formed but opens nothing: not this table's, or a typo that slipped past the
    /// check character.
    #[error("the code is not known")]
    Unknown,
    #[error("the code has expired")]
    Expired,
    #[error("the code was used already")]
    Used,
    /// The chair did not admit this device.
    #[error("the chair did not admit this device")]
    Refused,
    /// Not an enrolment file, damaged, too large, or not signed by its writer.
    #[error("the enrolment file is damaged or forged")]
    Malformed,
}

impl EnrolError {
    /// The code kept with a warning (the store turns it into the screens' `SetAsideReason`).
    pub fn code(&self) -> &'static str {
        match self {
            EnrolError::Mistyped => "code_mistyped",
            EnrolError::Unknown => "code_unknown",
            EnrolError::Expired => "code_expired",
            EnrolError::Used => "code_used",
            EnrolError::Refused => "join_refused",
            EnrolError::Malformed => "malformed",
        }
    }
}

/// A one-time code, parsed.
#[derive(Clone, PartialEq, Eq)]
pub struct Code {
    id: [u8; 3],
    secret: Zeroizing<[u8; 6]>,
}

impl std::fmt::Debug for Code {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Code").field("id", &self.id).finish()
    }
}

/// Odd weights (coprime to 32) catch every single mistyped character.
fn check_char(chars: &[u8]) -> u8 {
    let sum: usize = chars
        .iter()
        .enumerate()
        .map(|(i, c)| (2 * i + 1) * ALPHABET.iter().position(|a| a == c).unwrap_or(0))
        .sum();
    ALPHABET[sum % 32]
}

impl Code {
    /// A fresh random code.
    pub fn generate(rng: &mut impl CryptoRngCore) -> Self {
        let mut id = [0u8; 3];
        rng.fill_bytes(&mut id);
        let mut secret = Zeroizing::new([0u8; 6]);
        rng.fill_bytes(secret.as_mut());
        Self { id, secret }
    }

    /// As people type it: four groups of four.
    pub fn to_text(&self) -> String {
        let mut raw = [0u8; 9];
        raw[..3].copy_from_slice(&self.id);
        raw[3..].copy_from_slice(self.secret.as_ref());
        let mut chars = data_encoding::BASE32_NOPAD.encode(&raw).into_bytes();
        let check = check_char(&chars);
        chars.push(check);
        chars
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    /// Reads a typed code: case, spaces and dashes do not matter, and 0/1/8 are read as O/I/B.
    pub fn parse(text: &str) -> Result<Self, EnrolError> {
        let chars: Vec<u8> = text
            .chars()
            .filter(|c| !c.is_whitespace() && *c != '-')
            .map(|c| match c.to_ascii_uppercase() {
                '0' => 'O',
                '1' => 'I',
                '8' => 'B',
                other => other,
            })
            .map(|c| if c.is_ascii() { c as u8 } else { b'?' })
            .collect();
        if chars.len() != 16 || !chars.iter().all(|c| ALPHABET.contains(c)) {
            return Err(EnrolError::Mistyped);
        }
        if check_char(&chars[..15]) != chars[15] {
            return Err(EnrolError::Mistyped);
        }
        let raw = data_encoding::BASE32_NOPAD
            .decode(&chars[..15])
            .map_err(|_| EnrolError::Mistyped)?;
        let raw: [u8; 9] = raw.try_into().map_err(|_| EnrolError::Mistyped)?;
        let mut id = [0u8; 3];
        id.copy_from_slice(&raw[..3]);
        let mut secret = Zeroizing::new([0u8; 6]);
        secret.copy_from_slice(&raw[3..]);
        Ok(Self { id, secret })
    }

    /// The key both sides derive from the code.
    pub fn key(&self) -> Zeroizing<[u8; 32]> {
        let mut out = Zeroizing::new([0u8; 32]);
        let mut salt = b"casustafel enrol".to_vec();
        salt.extend_from_slice(&self.id);
        // OWASP's minimum for Argon2id; the code lives for days, not years.
        if let Ok(params) = Params::new(19 * 1024, 2, 1, Some(32)) {
            let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
            let _ = argon.hash_password_into(self.secret.as_ref(), &salt, out.as_mut());
        }
        out
    }

    pub fn id_hex(&self) -> String {
        data_encoding::HEXLOWER.encode(&self.id)
    }

    /// Where the chair's welcome to this code's join request is written.
    pub fn welcome_name(&self) -> String {
        welcome_name(&self.id)
    }

    /// Where the chair's refusal of `device`'s join request with this code is written.
    pub fn refusal_name(&self, device: &DeviceId) -> String {
        refusal_name(&self.id, device)
    }
}

fn welcome_name(id: &[u8]) -> String {
    format!("enrol/{}.welcome", data_encoding::HEXLOWER.encode(id))
}

fn refusal_name(id: &[u8], device: &DeviceId) -> String {
    format!(
        "enrol/{}.{}.refused",
        data_encoding::HEXLOWER.encode(id),
        data_encoding::HEXLOWER.encode(&device.signing[..8])
    )
}

/// The chair's record of an invitation (kept in its encrypted store).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Invitation {
    pub id: [u8; 3],
    pub key: [u8; 32],
    pub table: TableId,
    pub participant: ParticipantId,
    /// Unix seconds.
    pub expires_at: i64,
    pub used_by: Option<DeviceId>,
}

impl Invitation {
    pub fn new(code: &Code, table: TableId, participant: ParticipantId, expires_at: i64) -> Self {
        Self {
            id: code.id,
            key: *code.key(),
            table,
            participant,
            expires_at,
            used_by: None,
        }
    }
}

/// What a joining device says about itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct JoinRequest {
    pub device: DeviceId,
    /// A name for the device, e.g. "Laptop CAW – An".
    pub label: String,
}

/// What the chair's device answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Welcome {
    pub table: TableId,
    pub table_name: String,
    pub participant: ParticipantId,
    /// The chair's device: the new device trusts what it signs about membership.
    pub chair: DeviceId,
}

#[derive(Debug, Serialize, Deserialize)]
struct Sealed {
    format: u8,
    invitation: [u8; 3],
    kind: u8,
    from: DeviceId,
    nonce: [u8; 24],
    ciphertext: Vec<u8>,
    signature: Vec<u8>,
}

const JOIN: u8 = 1;
const WELCOME: u8 = 2;
const REFUSAL: u8 = 3;

/// The chair's device's answer to a request it cannot accept (expired or used code), so that the
/// joining device can say so instead of waiting.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Refusal {
    pub device: DeviceId,
    /// `code_expired` or `code_used` (see `EnrolError::code`).
    pub reason: String,
}

fn signed_part(s: &Sealed) -> Vec<u8> {
    postcard::to_allocvec(&(
        s.format,
        s.invitation,
        s.kind,
        &s.from,
        s.nonce,
        &s.ciphertext,
    ))
    .unwrap_or_default()
}

fn aad(invitation: [u8; 3], kind: u8, from: &DeviceId) -> Vec<u8> {
    postcard::to_allocvec(&(b"casustafel enrol v1", invitation, kind, from)).unwrap_or_default()
}

fn seal<T: Serialize>(
    me: &DeviceKeys,
    invitation: [u8; 3],
    key: &[u8; 32],
    kind: u8,
    body: &T,
    rng: &mut impl CryptoRngCore,
) -> Vec<u8> {
    let from = me.id();
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let plain = Zeroizing::new(postcard::to_allocvec(body).unwrap_or_default());
    let ciphertext = XChaCha20Poly1305::new(key.into())
        .encrypt(
            XNonce::from_slice(&nonce),
            AeadPayload {
                msg: &plain,
                aad: &aad(invitation, kind, &from),
            },
        )
        .unwrap_or_default();
    let mut s = Sealed {
        format: 1,
        invitation,
        kind,
        from,
        nonce,
        ciphertext,
        signature: Vec::new(),
    };
    s.signature = me.sign(&signed_part(&s)).to_vec();
    postcard::to_allocvec(&s).unwrap_or_default()
}

/// Reads the outside of an enrolment file: which invitation, what kind, signed by whom.
fn outer(bytes: &[u8], kind: u8) -> Result<Sealed, EnrolError> {
    if bytes.len() > MAX_ENROL_BYTES {
        return Err(EnrolError::Malformed);
    }
    let s: Sealed = postcard::from_bytes(bytes).map_err(|_| EnrolError::Malformed)?;
    if s.format != 1 || s.kind != kind {
        return Err(EnrolError::Malformed);
    }
    let key = s.from.verifying_key().ok_or(EnrolError::Malformed)?;
    let sig = Signature::from_slice(&s.signature).map_err(|_| EnrolError::Malformed)?;
    key.verify_strict(&signed_part(&s), &sig)
        .map_err(|_| EnrolError::Malformed)?;
    Ok(s)
}

fn open<T: for<'de> Deserialize<'de>>(s: &Sealed, key: &[u8; 32]) -> Result<T, EnrolError> {
    let plain = Zeroizing::new(
        XChaCha20Poly1305::new(key.into())
            .decrypt(
                XNonce::from_slice(&s.nonce),
                AeadPayload {
                    msg: &s.ciphertext,
                    aad: &aad(s.invitation, s.kind, &s.from),
                },
            )
            .map_err(|_| EnrolError::Unknown)?,
    );
    postcard::from_bytes(&plain).map_err(|_| EnrolError::Malformed)
}

/// The joining device's request, to write into the folder's `enrol/` folder.
pub fn join_request(
    me: &DeviceKeys,
    code: &Code,
    label: &str,
    rng: &mut impl CryptoRngCore,
) -> OutFile {
    let body = JoinRequest {
        device: me.id(),
        label: label.chars().take(80).collect(),
    };
    let key = code.key();
    OutFile {
        name: format!(
            "enrol/{}.{}.join",
            code.id_hex(),
            data_encoding::HEXLOWER.encode(&me.id().signing[..8])
        ),
        bytes: seal(me, code.id, &key, JOIN, &body, rng),
    }
}

/// The chair's device reads a join request against its open invitations (`now` in unix seconds).
/// On success the invitation is marked used by that device; the caller then asks the chair to
/// compare fingerprints before welcoming it.
pub fn accept_join(
    invitations: &mut [Invitation],
    bytes: &[u8],
    now: i64,
) -> Result<(usize, JoinRequest), EnrolError> {
    let s = outer(bytes, JOIN)?;
    let (index, inv) = invitations
        .iter_mut()
        .enumerate()
        .find(|(_, i)| i.id == s.invitation)
        .ok_or(EnrolError::Unknown)?;
    let request: JoinRequest = open(&s, &inv.key)?;
    if request.device != s.from {
        return Err(EnrolError::Malformed);
    }
    match inv.used_by {
        Some(d) if d == request.device => return Ok((index, request)),
        Some(_) => return Err(EnrolError::Used),
        None => {}
    }
    if now > inv.expires_at {
        return Err(EnrolError::Expired);
    }
    inv.used_by = Some(request.device);
    Ok((index, request))
}

/// The chair's answer to an accepted request.
pub fn welcome(
    chair: &DeviceKeys,
    invitation: &Invitation,
    table_name: &str,
    rng: &mut impl CryptoRngCore,
) -> OutFile {
    let body = Welcome {
        table: invitation.table,
        table_name: table_name.to_string(),
        participant: invitation.participant,
        chair: chair.id(),
    };
    OutFile {
        name: welcome_name(&invitation.id),
        bytes: seal(chair, invitation.id, &invitation.key, WELCOME, &body, rng),
    }
}

/// The refusal of a join request that names a known invitation but cannot be accepted. `None`
/// when the request cannot even be read with the invitation's key (then nobody would read the
/// answer either).
pub fn refusal(
    chair: &DeviceKeys,
    invitations: &[Invitation],
    request: &[u8],
    reason: &EnrolError,
    rng: &mut impl CryptoRngCore,
) -> Option<OutFile> {
    let s = outer(request, JOIN).ok()?;
    let inv = invitations.iter().find(|i| i.id == s.invitation)?;
    let req: JoinRequest = open(&s, &inv.key).ok()?;
    let body = Refusal {
        device: req.device,
        reason: reason.code().to_string(),
    };
    Some(OutFile {
        name: refusal_name(&inv.id, &req.device),
        bytes: seal(chair, inv.id, &inv.key, REFUSAL, &body, rng),
    })
}

/// The joining device reads a refusal with the code it typed; it must be about this device.
pub fn read_refusal(code: &Code, me: &DeviceId, bytes: &[u8]) -> Result<EnrolError, EnrolError> {
    let s = outer(bytes, REFUSAL)?;
    if s.invitation != code.id {
        return Err(EnrolError::Unknown);
    }
    let r: Refusal = open(&s, &code.key())?;
    if r.device != *me {
        return Err(EnrolError::Malformed);
    }
    Ok(match r.reason.as_str() {
        "code_expired" => EnrolError::Expired,
        "code_used" => EnrolError::Used,
        "join_refused" => EnrolError::Refused,
        _ => EnrolError::Unknown,
    })
}

/// The joining device reads the welcome with the code it typed.
pub fn read_welcome(code: &Code, bytes: &[u8]) -> Result<Welcome, EnrolError> {
    let s = outer(bytes, WELCOME)?;
    if s.invitation != code.id {
        return Err(EnrolError::Unknown);
    }
    let w: Welcome = open(&s, &code.key())?;
    if w.chair != s.from {
        return Err(EnrolError::Malformed);
    }
    Ok(w)
}

#[cfg(test)]
mod tests;
