//! Sealing what a file holds (see `envelope`): a change goes under its document's key, then, with
//! its table, document and epoch, under the table's routing key; a key grant goes into a box only
//! its device can open. Both boxes are padded to a size bucket first, so the size of a file says
//! only roughly how much it holds.

use chacha20poly1305::aead::{Aead, KeyInit, Payload as AeadPayload};
use chacha20poly1305::{XChaCha20Poly1305, XNonce};
use hkdf::Hkdf;
use rand_core::CryptoRngCore;
use sha2::Sha256;
use x25519_dalek::{EphemeralSecret, PublicKey};
use zeroize::Zeroizing;

use crate::envelope::{Binding, DocKey, Inner, Payload, Rejection, MAX_FILE_BYTES};
use crate::keys::{DeviceId, DeviceKeys};

/// The smallest box: a key grant, a typed word and a short note all look alike.
const MIN_BUCKET: usize = 1024;
/// Room left in a file for what is not the box (names, keys, nonces, the signature, the tag).
const OVERHEAD: usize = 1024;

/// How large a box holding `n` bytes is: the next power of two, at least `MIN_BUCKET`; past what a
/// file may hold, just large enough (such a file is refused anyway).
pub fn bucket(n: usize) -> usize {
    let b = n.max(MIN_BUCKET).next_power_of_two();
    if b > MAX_FILE_BYTES - OVERHEAD {
        n.max(MAX_FILE_BYTES - OVERHEAD)
    } else {
        b
    }
}

/// `inner` with its length in front and zeros behind, to a bucket's size.
fn pad(inner: &Inner) -> Zeroizing<Vec<u8>> {
    let body = Zeroizing::new(postcard::to_allocvec(inner).unwrap_or_default());
    let mut out = Zeroizing::new(Vec::with_capacity(bucket(body.len() + 4)));
    out.extend_from_slice(&(body.len() as u32).to_le_bytes());
    out.extend_from_slice(&body);
    let size = bucket(out.len());
    out.resize(size, 0);
    out
}

fn unpad(plain: &[u8]) -> Option<Inner> {
    let (len, rest) = plain.split_first_chunk::<4>()?;
    let body = rest.get(..u32::from_le_bytes(*len) as usize)?;
    postcard::from_bytes(body).ok()
}

/// What the sealed box of file (author, seq) is bound to.
fn outer_aad(author: &DeviceId, seq: u64, ephemeral: &[u8; 32]) -> Vec<u8> {
    postcard::to_allocvec(&(b"casustafel box v3", author, seq, ephemeral)).unwrap_or_default()
}

/// The routing key of a table, from its table document's key of one epoch.
fn route_cipher(table_key: &DocKey) -> XChaCha20Poly1305 {
    let hk = Hkdf::<Sha256>::new(None, table_key.as_ref());
    let mut okm = Zeroizing::new([0u8; 32]);
    // 32 bytes is always a valid HKDF-SHA256 output length.
    let _ = hk.expand(b"casustafel route v3", okm.as_mut());
    XChaCha20Poly1305::new(okm.as_ref().into())
}

fn grant_cipher(shared: &[u8; 32], ephemeral: &[u8; 32], to: &DeviceId) -> XChaCha20Poly1305 {
    let mut salt = [0u8; 64];
    salt[..32].copy_from_slice(ephemeral);
    salt[32..].copy_from_slice(&to.agreement);
    let hk = Hkdf::<Sha256>::new(Some(&salt), shared);
    let mut okm = Zeroizing::new([0u8; 32]);
    let _ = hk.expand(b"casustafel grant v3", okm.as_mut());
    XChaCha20Poly1305::new(okm.as_ref().into())
}

fn seal(cipher: &XChaCha20Poly1305, nonce: &[u8; 24], plain: &[u8], aad: &[u8]) -> Vec<u8> {
    cipher
        .encrypt(XNonce::from_slice(nonce), AeadPayload { msg: plain, aad })
        .unwrap_or_default()
}

fn unseal(
    cipher: &XChaCha20Poly1305,
    nonce: &[u8; 24],
    sealed: &[u8],
    aad: &[u8],
) -> Option<Zeroizing<Vec<u8>>> {
    cipher
        .decrypt(XNonce::from_slice(nonce), AeadPayload { msg: sealed, aad })
        .ok()
        .map(Zeroizing::new)
}

/// Seals a change of `at.doc` for the file (at.author, at.seq): under the document's key `doc_key`,
/// then under the routing key of the table's `table_key`.
pub fn seal_change(
    at: Binding,
    table_key: &DocKey,
    doc_key: &DocKey,
    change: &[u8],
    rng: &mut impl CryptoRngCore,
) -> Payload {
    let mut inner_nonce = [0u8; 24];
    rng.fill_bytes(&mut inner_nonce);
    let ciphertext = seal(
        &XChaCha20Poly1305::new(doc_key.as_ref().into()),
        &inner_nonce,
        change,
        &at.aad(None),
    );
    let inner = Inner::Change {
        table: at.table,
        doc: at.doc,
        epoch: at.epoch,
        nonce: inner_nonce,
        ciphertext,
    };
    let mut ephemeral = [0u8; 32];
    rng.fill_bytes(&mut ephemeral);
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let aad = outer_aad(&at.author, at.seq, &ephemeral);
    let sealed = seal(&route_cipher(table_key), &nonce, &pad(&inner), &aad);
    Payload {
        seq: at.seq,
        ephemeral,
        nonce,
        sealed,
    }
}

/// Seals `key` (of `at.doc`, epoch `at.epoch`) to the device `to`, so that only it can open it.
pub fn seal_grant(
    at: Binding,
    key: &DocKey,
    to: &DeviceId,
    rng: &mut impl CryptoRngCore,
) -> Payload {
    let secret = EphemeralSecret::random_from_rng(&mut *rng);
    let ephemeral = PublicKey::from(&secret).to_bytes();
    let shared = secret.diffie_hellman(&PublicKey::from(to.agreement));
    let mut nonce = [0u8; 24];
    rng.fill_bytes(&mut nonce);
    let inner = Inner::Grant {
        table: at.table,
        doc: at.doc,
        epoch: at.epoch,
        to: *to,
        key: **key,
    };
    let aad = outer_aad(&at.author, at.seq, &ephemeral);
    let sealed = seal(
        &grant_cipher(shared.as_bytes(), &ephemeral, to),
        &nonce,
        &pad(&inner),
        &aad,
    );
    Payload {
        seq: at.seq,
        ephemeral,
        nonce,
        sealed,
    }
}

/// Opens the box of a verified file by `author`: with one of `table_keys` (the table document's
/// keys this device holds, newest first) for a change, or with this device's own key for a key
/// sealed to it. `None` when neither opens it: a key sealed to another device, or a change under a
/// table key this device does not hold (yet).
pub fn open(
    author: &DeviceId,
    payload: &Payload,
    table_keys: &[DocKey],
    me: &DeviceKeys,
) -> Option<Inner> {
    let aad = outer_aad(author, payload.seq, &payload.ephemeral);
    for key in table_keys {
        if let Some(plain) = unseal(&route_cipher(key), &payload.nonce, &payload.sealed, &aad) {
            return match unpad(&plain)? {
                change @ Inner::Change { .. } => Some(change),
                // A key is never sealed under the routing key.
                Inner::Grant { .. } => None,
            };
        }
    }
    let shared = me
        .agreement()
        .diffie_hellman(&PublicKey::from(payload.ephemeral));
    let mine = me.id();
    let plain = unseal(
        &grant_cipher(shared.as_bytes(), &payload.ephemeral, &mine),
        &payload.nonce,
        &payload.sealed,
        &aad,
    )?;
    match unpad(&plain)? {
        grant @ Inner::Grant { to, .. } if to == mine => Some(grant),
        _ => None,
    }
}

/// Decrypts a change's bytes; fails when the key is wrong or anything bound to it was altered.
pub fn open_change(
    at: Binding,
    key: &DocKey,
    nonce: &[u8; 24],
    ciphertext: &[u8],
) -> Result<Vec<u8>, Rejection> {
    let cipher = XChaCha20Poly1305::new(key.as_ref().into());
    cipher
        .decrypt(
            XNonce::from_slice(nonce),
            AeadPayload {
                msg: ciphertext,
                aad: &at.aad(None),
            },
        )
        .map_err(|_| Rejection::Undecryptable)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boxes_come_in_few_sizes() {
        assert_eq!(bucket(0), MIN_BUCKET);
        assert_eq!(bucket(MIN_BUCKET), MIN_BUCKET);
        assert_eq!(bucket(MIN_BUCKET + 1), 2 * MIN_BUCKET);
        assert_eq!(bucket(100_000), 131_072);
        assert!(bucket(MAX_FILE_BYTES) >= MAX_FILE_BYTES);
        for n in [0usize, 1, 1000, 5000, 70_000, 3_000_000] {
            let b = bucket(n);
            assert!(b >= n && (b.is_power_of_two() || b == MAX_FILE_BYTES - OVERHEAD));
        }
    }

    #[test]
    fn damaged_padding_is_no_box() {
        assert!(unpad(&[]).is_none());
        assert!(unpad(&[255, 255, 255, 255, 0]).is_none());
        assert!(unpad(&[1, 0, 0, 0]).is_none());
    }
}
