//! Command-line options.

use std::path::{Path, PathBuf};

use clap::Parser;

/// Casustafel: case-table meetings, local-first and encrypted.
#[derive(Debug, Parser)]
#[command(version, about)]
pub struct Args {
    /// The profile folder to open. Default: the "profile" folder in the app's data folder
    /// (the "demo" folder with --demo).
    #[arg(long, env = "CASUSTAFEL_PROFILE_DIR")]
    pub profile_dir: Option<PathBuf>,

    /// Open the demo profile (fictional data, public passphrase); it is created on first use.
    #[arg(long)]
    pub demo: bool,
}

impl Args {
    pub fn profile_dir(&self, app_data_dir: &Path) -> PathBuf {
        match &self.profile_dir {
            Some(dir) => dir.clone(),
            None if self.demo => app_data_dir.join("demo"),
            None => app_data_dir.join("profile"),
        }
    }
}
