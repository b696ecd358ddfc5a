//! The app's state: which profile folder, and the unlocked store if any.

use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard, OnceLock};

use casustafel_api::{ApiError, ProfileState, ProfileStatus};
use casustafel_live::Live;
use casustafel_store::{demo, settings::Settings, KdfParams, Profile, Store};

use crate::error::api_error;

#[derive(Debug)]
pub struct Shared {
    pub profile: Profile,
    pub demo: bool,
    /// Where decision reports are saved as PDF.
    pub export_dir: PathBuf,
    store: Arc<Mutex<Option<Store>>>,
    /// Grows when changes from other devices were applied; the screen polls it to reload.
    pub revision: Arc<AtomicU64>,
    /// Live sync on the meeting-room network, once started.
    pub live: OnceLock<Live>,
    /// The screen has typed text that waits to be saved: closing the window asks first.
    pub unsaved: AtomicBool,
}

/// Managed by Tauri; cheap to clone into blocking tasks.
#[derive(Debug, Clone)]
pub struct AppState(pub Arc<Shared>);

impl AppState {
    /// Opens the profile folder. With `demo`, creates and fills the demo profile on first use.
    pub fn open(
        dir: PathBuf,
        export_dir: PathBuf,
        demo: bool,
    ) -> Result<Self, Box<dyn std::error::Error>> {
        let profile = Profile::new(dir);
        if demo && !profile.exists() {
            let mut store = profile.create(
                demo::DEMO_PASSPHRASE,
                demo::DEMO_PASSPHRASE,
                KdfParams::recommended()?,
                chrono::Utc::now(),
            )?;
            store.set_owner_name(demo::DEMO_OWNER)?;
            demo::seed(&mut store, chrono::Utc::now())?;
        }
        Ok(Self(Arc::new(Shared {
            profile,
            demo,
            export_dir,
            store: Arc::new(Mutex::new(None)),
            revision: Arc::new(AtomicU64::new(0)),
            live: OnceLock::new(),
            unsaved: AtomicBool::new(false),
        })))
    }
}

impl AppState {
    /// Syncs every shared table now and then while the app runs, off the UI thread. A folder out
    /// of reach is simply tried again next time; the screen shows the state.
    pub fn start_background_sync(&self, every: std::time::Duration) {
        let shared = self.0.clone();
        std::thread::spawn(move || loop {
            std::thread::sleep(every);
            // The store is held for each step of a pass only: a slow share never blocks the window.
            let applied = casustafel_live::folder::pass_all(shared.store(), chrono::Utc::now())
                .map(|r| {
                    r.iter()
                        .any(|(_, r)| r.as_ref().is_ok_and(|r| r.applied > 0))
                })
                .unwrap_or(false);
            if applied {
                shared.revision.fetch_add(1, Ordering::SeqCst);
            }
        });
    }

    /// Starts live sync on the meeting-room network. A port in use is replaced by a free one; a
    /// network that allows nothing leaves the folder transport working.
    pub fn start_live(&self, options: casustafel_lan::Options) {
        let shared = &self.0;
        match Live::start(shared.store.clone(), shared.revision.clone(), options) {
            Ok(live) => {
                let _ = shared.live.set(live);
            }
            Err(e) => eprintln!("casustafel: live sync not started: {e}"),
        }
    }
}

impl Shared {
    /// The store, for the sync driver, which holds it one step at a time.
    pub fn store(&self) -> &Mutex<Option<Store>> {
        &self.store
    }

    pub fn lock_store(&self) -> MutexGuard<'_, Option<Store>> {
        casustafel_live::lock(&self.store)
    }

    /// Runs `f` with the unlocked store, or says the profile is locked.
    pub fn with_store<T>(
        &self,
        f: impl FnOnce(&mut Store) -> Result<T, ApiError>,
    ) -> Result<T, ApiError> {
        let mut guard = self.lock_store();
        match guard.as_mut() {
            Some(store) => f(store),
            None => Err(ApiError::Locked),
        }
    }

    pub fn status(&self) -> Result<ProfileStatus, ApiError> {
        let unlocked = self.lock_store().is_some();
        let state = if unlocked {
            ProfileState::Unlocked
        } else if self.profile.exists() {
            ProfileState::Locked
        } else {
            ProfileState::New
        };
        Ok(ProfileStatus {
            state,
            language: Settings::load(self.profile.dir()).language,
            demo: self.demo,
            fingerprint: self.profile.fingerprint().map_err(api_error)?,
        })
    }
}
