//! The shared folder (a network share, a USB stick, a folder synced by Syncthing, OneDrive or
//! Nextcloud) as a sync transport. Layout: one sub-folder per device (`<16 hex>/<seq>.cst`) and
//! `enrol/` for join requests and welcomes. A device writes only into its own sub-folder and never
//! rewrites a file: a new file is written under a hidden temporary name, flushed, then renamed.
//!
//! Reading is bounded: names that are not ours are skipped (sync tools leave conflict copies and
//! temporary files), a file larger than the sync core accepts is not read at all, and one scan
//! reads at most `limit` files so a first sync of a big folder shows progress. The bytes read are
//! untrusted: the sync core verifies them.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use casustafel_sync::{OutFile, MAX_FILE_BYTES};

/// Why the folder cannot be used right now. Each says what a person can do about it.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum FolderError {
    /// The folder is not there (unplugged stick, network share not mounted, moved).
    #[error("the folder {path} is not reachable: {source}")]
    Unreachable {
        path: String,
        source: std::io::Error,
    },
    /// The folder is there but cannot be written (read-only share, full disk).
    #[error("cannot write into {path}: {source}")]
    NotWritable {
        path: String,
        source: std::io::Error,
    },
    /// A file of this device exists with other content: never overwritten.
    #[error("{0} exists with other content and is left alone")]
    Conflict(String),
    /// A name that is not a Casustafel file name (never written).
    #[error("refused file name {0}")]
    BadName(String),
}

/// A file read from the folder, not yet verified: named and shaped as the files devices
/// exchange, whatever carries them.
pub use casustafel_sync::OutFile as Incoming;

/// Why a file in the folder was not read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Skip {
    /// Larger than the sync core accepts.
    TooLarge(u64),
    /// The file system refused to read it.
    Unreadable(String),
}

/// One pass over the folder.
#[derive(Debug, Default)]
pub struct Scan {
    pub files: Vec<Incoming>,
    pub skipped: Vec<(String, Skip)>,
    /// Candidate files not yet dealt with, including those left for the next pass.
    pub pending: usize,
}

/// Is `name` a file name this transport reads and writes? (The sync core's rule.)
pub use casustafel_sync::names::valid_name;

#[derive(Debug, Clone)]
pub struct SharedFolder {
    root: PathBuf,
}

impl SharedFolder {
    /// The folder at `root`, if it is there.
    pub fn open(root: &Path) -> Result<Self, FolderError> {
        let unreachable = |source| FolderError::Unreachable {
            path: root.display().to_string(),
            source,
        };
        let meta = fs::metadata(root).map_err(unreachable)?;
        if !meta.is_dir() {
            return Err(unreachable(std::io::Error::other("not a folder")));
        }
        Ok(Self {
            root: root.to_path_buf(),
        })
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Writes one of this device's files. Writing the same file again is harmless; a file with
    /// that name and other content is never overwritten.
    pub fn write(&self, file: &OutFile) -> Result<(), FolderError> {
        if !valid_name(&file.name) {
            return Err(FolderError::BadName(file.name.clone()));
        }
        let path = self.root.join(&file.name);
        let not_writable = |source| FolderError::NotWritable {
            path: path.display().to_string(),
            source,
        };
        if let Ok(existing) = fs::read(&path) {
            return if existing == file.bytes {
                Ok(())
            } else {
                Err(FolderError::Conflict(file.name.clone()))
            };
        }
        let dir = path.parent().unwrap_or(&self.root);
        fs::create_dir_all(dir).map_err(not_writable)?;
        let base = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{base}.tmp"));
        {
            let mut f = fs::File::create(&tmp).map_err(not_writable)?;
            f.write_all(&file.bytes).map_err(not_writable)?;
            f.sync_all().map_err(not_writable)?;
        }
        fs::rename(&tmp, &path).map_err(not_writable)?;
        Ok(())
    }

    /// Reads one file by name (one seen before, read again now that it can be used); `None` when
    /// it is gone or not readable.
    pub fn read(&self, name: &str) -> Option<Incoming> {
        if !valid_name(name) {
            return None;
        }
        let path = self.root.join(name);
        let meta = fs::metadata(&path).ok()?;
        if !meta.is_file() || meta.len() > MAX_FILE_BYTES as u64 {
            return None;
        }
        fs::read(&path).ok().map(|bytes| Incoming {
            name: name.to_string(),
            bytes,
        })
    }

    /// Reads up to `limit` files whose name `done` does not know yet, in name order (so each
    /// device's files come in the order they were written).
    pub fn scan(&self, done: impl Fn(&str) -> bool, limit: usize) -> Result<Scan, FolderError> {
        let unreachable = |source| FolderError::Unreachable {
            path: self.root.display().to_string(),
            source,
        };
        let mut names = Vec::new();
        for dir in fs::read_dir(&self.root).map_err(unreachable)? {
            let Ok(dir) = dir else { continue };
            let dir_name = dir.file_name().to_string_lossy().into_owned();
            if !(casustafel_sync::names::is_device_dir(&dir_name) || dir_name == "enrol") {
                continue;
            }
            let Ok(entries) = fs::read_dir(dir.path()) else {
                continue;
            };
            for e in entries.flatten() {
                let name = format!("{dir_name}/{}", e.file_name().to_string_lossy());
                if valid_name(&name) && !done(&name) {
                    names.push(name);
                }
            }
        }
        names.sort();
        let mut scan = Scan {
            pending: names.len(),
            ..Scan::default()
        };
        for name in names.into_iter().take(limit) {
            let path = self.root.join(&name);
            match fs::metadata(&path) {
                Ok(m) if !m.is_file() => continue,
                Ok(m) if m.len() > MAX_FILE_BYTES as u64 => {
                    scan.skipped.push((name, Skip::TooLarge(m.len())));
                    continue;
                }
                Ok(_) => {}
                Err(e) => {
                    scan.skipped.push((name, Skip::Unreadable(e.to_string())));
                    continue;
                }
            }
            match fs::read(&path) {
                Ok(bytes) => scan.files.push(Incoming { name, bytes }),
                Err(e) => scan.skipped.push((name, Skip::Unreadable(e.to_string()))),
            }
        }
        Ok(scan)
    }
}

#[cfg(test)]
mod tests;
