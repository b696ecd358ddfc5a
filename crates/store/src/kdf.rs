//! Passphrase → database key, with Argon2id. The parameters travel with the salt in `profile.json`,
//! so a later version can raise them for new profiles and still open old ones.

use argon2::{Algorithm, Argon2, Params, Version};
use serde::{Deserialize, Serialize};
use zeroize::Zeroizing;

use crate::error::{Result, StoreError};

pub const SALT_LEN: usize = 16;
pub const KEY_LEN: usize = 32;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct KdfParams {
    pub algorithm: String,
    pub version: u32,
    pub m_cost_kib: u32,
    pub t_cost: u32,
    pub p_cost: u32,
    /// Hex-encoded random salt.
    pub salt: String,
}

/// The derived secrets: the database key, and a check value that tells a wrong passphrase apart from
/// a damaged database. Both come out of one Argon2id call (64 bytes); the check value is stored in
/// `profile.json` and reveals nothing about the key.
pub struct Derived {
    pub key: Zeroizing<[u8; KEY_LEN]>,
    pub check: [u8; KEY_LEN],
}

impl std::fmt::Debug for Derived {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Derived { .. }")
    }
}

impl KdfParams {
    /// The parameters for new profiles: 64 MiB, 3 passes, 1 lane (above OWASP's minimum for Argon2id).
    pub fn recommended() -> Result<Self> {
        Self::with_costs(64 * 1024, 3, 1)
    }

    /// Cheap parameters for tests only. Never used by the app.
    pub fn insecure_for_tests() -> Result<Self> {
        Self::with_costs(256, 1, 1)
    }

    fn with_costs(m_cost_kib: u32, t_cost: u32, p_cost: u32) -> Result<Self> {
        let mut salt = [0u8; SALT_LEN];
        getrandom::fill(&mut salt)
            .map_err(|e| StoreError::Io(std::io::Error::other(e.to_string())))?;
        Ok(Self {
            algorithm: "argon2id".into(),
            version: 0x13,
            m_cost_kib,
            t_cost,
            p_cost,
            salt: hex::encode(salt),
        })
    }

    pub fn derive(&self, passphrase: &str) -> Result<Derived> {
        if self.algorithm != "argon2id" || self.version != 0x13 {
            return Err(StoreError::Damaged(format!(
                "unknown key derivation {} v{}",
                self.algorithm, self.version
            )));
        }
        let salt = hex::decode(&self.salt)
            .map_err(|_| StoreError::Damaged("salt is not hexadecimal".into()))?;
        let params = Params::new(self.m_cost_kib, self.t_cost, self.p_cost, Some(2 * KEY_LEN))
            .map_err(|e| StoreError::Damaged(format!("key derivation parameters: {e}")))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let mut out = Zeroizing::new([0u8; 2 * KEY_LEN]);
        argon
            .hash_password_into(passphrase.as_bytes(), &salt, out.as_mut())
            .map_err(|e| StoreError::Damaged(format!("key derivation: {e}")))?;
        let mut key = Zeroizing::new([0u8; KEY_LEN]);
        key.copy_from_slice(&out[..KEY_LEN]);
        let mut check = [0u8; KEY_LEN];
        check.copy_from_slice(&out[KEY_LEN..]);
        Ok(Derived { key, check })
    }

    /// A short, non-secret fingerprint of the profile (from its salt), e.g. `3F9A-07C2`.
    pub fn fingerprint(&self) -> String {
        let s = self.salt.to_uppercase();
        let head: String = s.chars().take(8).collect();
        match head.len() {
            8 => format!("{}-{}", &head[..4], &head[4..]),
            _ => head,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_passphrase_same_key_other_passphrase_other_key() {
        let p = KdfParams::insecure_for_tests().expect("params");
        let a = p.derive("een lange wachtwoordzin").expect("derive");
        let b = p.derive("een lange wachtwoordzin").expect("derive");
        let c = p.derive("een andere wachtwoordzin").expect("derive");
        assert_eq!(*a.key, *b.key);
        assert_eq!(a.check, b.check);
        assert_ne!(*a.key, *c.key);
        assert_ne!(*a.key, a.check);
    }

    #[test]
    fn a_fresh_salt_every_time() {
        let p = KdfParams::insecure_for_tests().expect("params");
        let q = KdfParams::insecure_for_tests().expect("params");
        assert_ne!(p.salt, q.salt);
        assert_eq!(p.fingerprint().len(), 9);
    }

    #[test]
    fn tampered_parameters_are_reported_not_panicked() {
        let mut p = KdfParams::insecure_for_tests().expect("params");
        p.salt = "zz".into();
        assert!(matches!(p.derive("x"), Err(StoreError::Damaged(_))));
        let mut p = KdfParams::insecure_for_tests().expect("params");
        p.m_cost_kib = 0;
        assert!(matches!(p.derive("x"), Err(StoreError::Damaged(_))));
        let mut p = KdfParams::insecure_for_tests().expect("params");
        p.algorithm = "md5".into();
        assert!(matches!(p.derive("x"), Err(StoreError::Damaged(_))));
    }
}
