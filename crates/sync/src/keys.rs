//! A device's own keys: an Ed25519 key pair that signs what the device writes, and an X25519 key pair
//! to which document keys are sealed. The public halves are the device's identity; a short
//! fingerprint of them is what people compare aloud.

use ed25519_dalek::{Signer, SigningKey, VerifyingKey};
use rand_core::CryptoRngCore;
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use x25519_dalek::{PublicKey, StaticSecret};
use zeroize::Zeroizing;

/// A device, as others know it: its public keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub struct DeviceId {
    /// Ed25519 verifying key.
    pub signing: [u8; 32],
    /// X25519 public key.
    pub agreement: [u8; 32],
}

impl DeviceId {
    /// 16 characters in four groups (80 bits), e.g. `K7QM-2XRA-9DFT-C4HW`: short enough to read aloud,
    /// long enough that nobody can make a device with the same one.
    pub fn fingerprint(&self) -> String {
        let mut h = Sha256::new();
        h.update(b"casustafel device v1");
        h.update(self.signing);
        h.update(self.agreement);
        let digest = h.finalize();
        let text = data_encoding::BASE32_NOPAD.encode(&digest[..10]);
        text.as_bytes()
            .chunks(4)
            .map(|c| String::from_utf8_lossy(c).into_owned())
            .collect::<Vec<_>>()
            .join("-")
    }

    pub(crate) fn verifying_key(&self) -> Option<VerifyingKey> {
        VerifyingKey::from_bytes(&self.signing).ok()
    }
}

/// A device's secret keys. Kept in the encrypted store; never leaves the device.
pub struct DeviceKeys {
    signing: SigningKey,
    agreement: StaticSecret,
}

impl std::fmt::Debug for DeviceKeys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never print a secret, not even in a debug log.
        f.debug_struct("DeviceKeys")
            .field("id", &self.id().fingerprint())
            .finish()
    }
}

impl DeviceKeys {
    pub fn generate(rng: &mut impl CryptoRngCore) -> Self {
        Self {
            signing: SigningKey::generate(rng),
            agreement: StaticSecret::random_from_rng(rng),
        }
    }

    /// The 64 secret bytes, for the encrypted store.
    pub fn to_secret_bytes(&self) -> Zeroizing<[u8; 64]> {
        let mut out = Zeroizing::new([0u8; 64]);
        out[..32].copy_from_slice(&self.signing.to_bytes());
        out[32..].copy_from_slice(self.agreement.as_bytes());
        out
    }

    pub fn from_secret_bytes(bytes: &[u8; 64]) -> Self {
        let mut s = [0u8; 32];
        s.copy_from_slice(&bytes[..32]);
        let mut a = [0u8; 32];
        a.copy_from_slice(&bytes[32..]);
        let keys = Self {
            signing: SigningKey::from_bytes(&s),
            agreement: StaticSecret::from(a),
        };
        zeroize::Zeroize::zeroize(&mut s);
        zeroize::Zeroize::zeroize(&mut a);
        keys
    }

    pub fn id(&self) -> DeviceId {
        DeviceId {
            signing: self.signing.verifying_key().to_bytes(),
            agreement: PublicKey::from(&self.agreement).to_bytes(),
        }
    }

    /// The X25519 secret, for a transport that authenticates with it (the meeting-room channel).
    pub fn agreement_secret(&self) -> Zeroizing<[u8; 32]> {
        Zeroizing::new(self.agreement.to_bytes())
    }

    pub(crate) fn sign(&self, message: &[u8]) -> [u8; 64] {
        self.signing.sign(message).to_bytes()
    }

    pub(crate) fn agreement(&self) -> &StaticSecret {
        &self.agreement
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rand_chacha::rand_core::SeedableRng;

    #[test]
    fn keys_round_trip_and_fingerprints_differ() {
        let mut rng = rand_chacha::ChaCha20Rng::seed_from_u64(7);
        let a = DeviceKeys::generate(&mut rng);
        let b = DeviceKeys::generate(&mut rng);
        let again = DeviceKeys::from_secret_bytes(&a.to_secret_bytes());
        assert_eq!(again.id(), a.id());
        assert_ne!(a.id().fingerprint(), b.id().fingerprint());
        let fp = a.id().fingerprint();
        assert_eq!(fp.len(), 19, "{fp}");
        assert_eq!(fp.matches('-').count(), 3);
        // Debug shows the fingerprint and nothing else.
        assert_eq!(format!("{a:?}"), format!("DeviceKeys {{ id: {fp:?} }}"));
    }
}
