//! A profile folder: create it with a passphrase, unlock it, and get a `Store`.

use std::fs;
use std::path::{Path, PathBuf};

use casustafel_domain::check_new_passphrase;
use chrono::{DateTime, Utc};
use rusqlite::Connection;
use serde::{Deserialize, Serialize};

use crate::error::{Result, StoreError};
use crate::kdf::KdfParams;
use crate::{db, fsutil, migrations};

pub const HEADER_FILE: &str = "profile.json";
pub const DB_FILE: &str = "casustafel.db";
const FORMAT: u32 = 1;

/// `profile.json`: everything needed to derive the key, and nothing secret.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Header {
    format: u32,
    kdf: KdfParams,
    /// Hex check value from the key derivation (see `kdf::Derived`).
    check: String,
    created_at: DateTime<Utc>,
}

/// A profile folder, locked or not yet created.
#[derive(Debug, Clone)]
pub struct Profile {
    dir: PathBuf,
}

/// An unlocked profile: the open, decrypted database.
#[derive(Debug)]
pub struct Store {
    pub(crate) conn: Connection,
    dir: PathBuf,
}

impl Profile {
    pub fn new(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    fn header_path(&self) -> PathBuf {
        self.dir.join(HEADER_FILE)
    }

    fn db_path(&self) -> PathBuf {
        self.dir.join(DB_FILE)
    }

    /// Whether a profile was created in this folder.
    pub fn exists(&self) -> bool {
        self.header_path().is_file()
    }

    fn read_header(&self) -> Result<Header> {
        let bytes = match fs::read(self.header_path()) {
            Ok(b) => b,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Err(StoreError::NoProfile)
            }
            Err(e) => return Err(StoreError::Io(e)),
        };
        let header: Header = serde_json::from_slice(&bytes)
            .map_err(|e| StoreError::Damaged(format!("{HEADER_FILE}: {e}")))?;
        if header.format != FORMAT {
            return Err(StoreError::Damaged(format!(
                "{HEADER_FILE}: format {} is not known to this version",
                header.format
            )));
        }
        Ok(header)
    }

    /// The profile's short fingerprint, if it exists.
    pub fn fingerprint(&self) -> Result<Option<String>> {
        match self.read_header() {
            Ok(h) => Ok(Some(h.kdf.fingerprint())),
            Err(StoreError::NoProfile) => Ok(None),
            Err(e) => Err(e),
        }
    }

    /// Creates a new profile. Refuses if one exists: nothing is ever overwritten.
    pub fn create(
        &self,
        passphrase: &str,
        confirmation: &str,
        params: KdfParams,
        now: DateTime<Utc>,
    ) -> Result<Store> {
        if self.exists() {
            return Err(StoreError::ProfileExists);
        }
        check_new_passphrase(passphrase, confirmation).map_err(StoreError::Invalid)?;
        fsutil::create_private_dir(&self.dir)?;
        self.set_aside_orphan_database(now)?;
        let derived = params.derive(passphrase)?;
        let mut conn = db::open(&self.db_path(), &derived.key, true)?;
        migrations::run(&mut conn)?;
        let header = Header {
            format: FORMAT,
            kdf: params,
            check: hex::encode(derived.check),
            created_at: now,
        };
        let json = serde_json::to_vec_pretty(&header)
            .map_err(|e| StoreError::Io(std::io::Error::other(e)))?;
        // The header is written last: until it exists, the profile does not.
        fsutil::write_atomic(&self.header_path(), &json)?;
        Ok(Store {
            conn,
            dir: self.dir.clone(),
        })
    }

    /// A database without a header can only come from an interrupted creation (and without the
    /// header's salt it can never be decrypted). It is moved aside, not deleted.
    fn set_aside_orphan_database(&self, now: DateTime<Utc>) -> Result<()> {
        let db = self.db_path();
        if !db.exists() {
            return Ok(());
        }
        let stamp = now.format("%Y%m%dT%H%M%S");
        for suffix in ["", "-wal", "-shm"] {
            let from = PathBuf::from(format!("{}{suffix}", db.display()));
            if from.exists() {
                let to = PathBuf::from(format!("{}.orphan-{stamp}{suffix}", db.display()));
                fs::rename(from, to)?;
            }
        }
        Ok(())
    }

    /// Unlocks the profile with its passphrase. A wrong passphrase changes nothing.
    pub fn unlock(&self, passphrase: &str) -> Result<Store> {
        let header = self.read_header()?;
        let derived = header.kdf.derive(passphrase)?;
        let stored_check = hex::decode(&header.check)
            .map_err(|_| StoreError::Damaged(format!("{HEADER_FILE}: check value")))?;
        if stored_check != derived.check {
            return Err(StoreError::WrongPassphrase);
        }
        if !self.db_path().is_file() {
            return Err(StoreError::Damaged(format!("{DB_FILE} is missing")));
        }
        let mut conn = db::open(&self.db_path(), &derived.key, false)?;
        migrations::run(&mut conn)?;
        Ok(Store {
            conn,
            dir: self.dir.clone(),
        })
    }
}

impl Store {
    pub fn dir(&self) -> &Path {
        &self.dir
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PASS: &str = "zeven dwergen achter de bergen";

    fn now() -> DateTime<Utc> {
        DateTime::from_timestamp(1_790_000_000, 0).expect("timestamp")
    }

    fn params() -> KdfParams {
        KdfParams::insecure_for_tests().expect("params")
    }

    #[test]
    fn create_then_unlock() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path().join("profiel"));
        assert!(!p.exists());
        assert!(matches!(p.unlock(PASS), Err(StoreError::NoProfile)));
        drop(p.create(PASS, PASS, params(), now()).expect("create"));
        assert!(p.exists());
        assert!(p.fingerprint().expect("fp").is_some());
        p.unlock(PASS).expect("unlock");
    }

    #[test]
    fn wrong_passphrase_is_told_apart_and_changes_nothing() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path());
        drop(p.create(PASS, PASS, params(), now()).expect("create"));
        let before = fs::read(dir.path().join(HEADER_FILE)).expect("read");
        let db_before = fs::read(dir.path().join(DB_FILE)).expect("read");
        assert!(matches!(
            p.unlock("zeven dwergen achter de berg"),
            Err(StoreError::WrongPassphrase)
        ));
        assert_eq!(
            fs::read(dir.path().join(HEADER_FILE)).expect("read"),
            before
        );
        assert_eq!(fs::read(dir.path().join(DB_FILE)).expect("read"), db_before);
        p.unlock(PASS).expect("still opens");
    }

    #[test]
    fn an_existing_profile_is_never_overwritten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path());
        drop(p.create(PASS, PASS, params(), now()).expect("create"));
        assert!(matches!(
            p.create(
                "een heel andere zin",
                "een heel andere zin",
                params(),
                now()
            ),
            Err(StoreError::ProfileExists)
        ));
        p.unlock(PASS).expect("old passphrase still works");
    }

    #[test]
    fn a_weak_passphrase_is_refused_before_anything_is_written() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path().join("x"));
        assert!(matches!(
            p.create("kort", "kort", params(), now()),
            Err(StoreError::Invalid(_))
        ));
        assert!(!dir.path().join("x").exists());
    }

    #[test]
    fn damaged_files_are_reported_as_damage_not_as_a_wrong_passphrase() {
        let dir = tempfile::tempdir().expect("tempdir");
        let p = Profile::new(dir.path());
        drop(p.create(PASS, PASS, params(), now()).expect("create"));
        // Corrupt the first page of the database.
        let db = dir.path().join(DB_FILE);
        let mut bytes = fs::read(&db).expect("read");
        for b in bytes.iter_mut().take(64) {
            *b ^= 0xA5;
        }
        fs::write(&db, &bytes).expect("write");
        assert!(matches!(p.unlock(PASS), Err(StoreError::Damaged(_))));
        // A garbled header.
        fs::write(dir.path().join(HEADER_FILE), b"{not json").expect("write");
        assert!(matches!(p.unlock(PASS), Err(StoreError::Damaged(_))));
    }

    #[test]
    fn an_orphan_database_from_an_interrupted_creation_is_set_aside() {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::write(dir.path().join(DB_FILE), b"half-made").expect("write");
        let p = Profile::new(dir.path());
        drop(p.create(PASS, PASS, params(), now()).expect("create"));
        let kept = fs::read_dir(dir.path())
            .expect("list")
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().contains(".orphan-"));
        assert!(kept, "the orphan file is kept aside");
        p.unlock(PASS).expect("unlock");
    }
}
