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

    /// The folder where decision reports are saved as PDF. Default: "Casustafel" in the user's
    /// documents folder. Every file saved there is recorded in the disclosure ledger.
    #[arg(long, env = "CASUSTAFEL_EXPORT_DIR")]
    pub export_dir: Option<PathBuf>,

    /// Seconds between two automatic syncs of the shared tables while the profile is unlocked.
    #[arg(long, env = "CASUSTAFEL_SYNC_SECONDS", default_value_t = 30)]
    pub sync_seconds: u64,

    /// The TCP port for live sync on the meeting-room network (another one is taken if it is in
    /// use; 0: any free port).
    #[arg(long, env = "CASUSTAFEL_LAN_PORT", default_value_t = casustafel_lan::node::DEFAULT_PORT)]
    pub lan_port: u16,

    /// Announce this device and find the others on the local network with mDNS. Without it,
    /// devices connect by the address typed in the sync panel.
    #[arg(long, env = "CASUSTAFEL_LAN_DISCOVERY", default_value_t = true, action = clap::ArgAction::Set)]
    pub lan_discovery: bool,

    /// Switch live sync on the network off (the shared folder still syncs).
    #[arg(long, env = "CASUSTAFEL_NO_LAN")]
    pub no_lan: bool,

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

impl Args {
    pub fn export_dir(&self, documents: Option<PathBuf>, home: Option<PathBuf>) -> PathBuf {
        match &self.export_dir {
            Some(dir) => dir.clone(),
            None => documents
                .or(home)
                .unwrap_or_else(std::env::temp_dir)
                .join("Casustafel"),
        }
    }
}
