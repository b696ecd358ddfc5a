//! Test helpers shared by the store's unit tests.

use chrono::{DateTime, Utc};
use tempfile::TempDir;

use crate::{KdfParams, Profile, Store};

pub const PASS: &str = "zeven dwergen achter de bergen";

pub fn now() -> DateTime<Utc> {
    DateTime::from_timestamp(1_790_000_000, 0).expect("timestamp")
}

/// A fresh profile in a temp folder (kept alive by the returned guard).
pub fn new_store() -> (TempDir, Store) {
    let dir = tempfile::tempdir().expect("tempdir");
    let store = Profile::new(dir.path())
        .create(
            PASS,
            PASS,
            KdfParams::insecure_for_tests().expect("params"),
            now(),
        )
        .expect("create");
    (dir, store)
}
