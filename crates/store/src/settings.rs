//! Preferences that are needed before the profile is unlocked (the language of the unlock screen).
//! Kept in `settings.json` beside the profile, in plain text: they hold nothing personal.

use std::fs;
use std::path::Path;

use casustafel_domain::Lang;
use serde::{Deserialize, Serialize};

use crate::error::Result;
use crate::fsutil;

pub const SETTINGS_FILE: &str = "settings.json";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    #[serde(default)]
    pub language: Lang,
}

impl Settings {
    /// Reads the settings; a missing or unreadable file gives the defaults (it holds only preferences).
    pub fn load(dir: &Path) -> Settings {
        fs::read(dir.join(SETTINGS_FILE))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok())
            .unwrap_or_default()
    }

    pub fn save(&self, dir: &Path) -> Result<()> {
        fsutil::create_private_dir(dir)?;
        let json = serde_json::to_vec_pretty(self)
            .map_err(|e| crate::StoreError::Io(std::io::Error::other(e)))?;
        fsutil::write_atomic(&dir.join(SETTINGS_FILE), &json)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_defaults() {
        let dir = tempfile::tempdir().expect("tempdir");
        assert_eq!(Settings::load(dir.path()).language, Lang::Nl);
        Settings { language: Lang::Fr }
            .save(dir.path())
            .expect("save");
        assert_eq!(Settings::load(dir.path()).language, Lang::Fr);
        fs::write(dir.path().join(SETTINGS_FILE), b"garbage").expect("write");
        assert_eq!(Settings::load(dir.path()).language, Lang::Nl);
    }
}
