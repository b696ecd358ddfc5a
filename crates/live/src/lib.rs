//! The sync driver: the transports over the device's store (`casustafel-store`), which decides
//! through one port, with the same checks whatever carried a file.
//!
//! - Live sync on the meeting-room network (this file): the LAN node (`casustafel-lan`) moves
//!   files; while a table has a peer connected, a small loop exports local edits about once a
//!   second, so what the secretary types reaches the others while they talk. With no peer there,
//!   edits wait for the folder pass: the folder would otherwise hold a file per pause in typing.
//! - The shared folder (`folder`): a pass per shared table, and the folder side of sharing and
//!   joining, with the store held only for each step, never across folder IO.

use std::collections::BTreeMap;
use std::net::SocketAddr;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::time::{Duration, Instant};

use casustafel_domain::TableId;
use casustafel_lan::proto::Have;
use casustafel_lan::{Library, Node, Options, PeerView};
use casustafel_store::{Source, Store};
use casustafel_sync::{Access, DeviceId, DeviceKeys, OutFile};

pub mod folder;

/// The app's store: `None` while the profile is locked.
pub type SharedStore = Arc<Mutex<Option<Store>>>;

/// Takes the store's lock. A panic while it was held leaves the connection usable (SQLite rolled
/// the transaction back), so a poisoned lock is taken as it is.
pub fn lock(store: &Mutex<Option<Store>>) -> MutexGuard<'_, Option<Store>> {
    store.lock().unwrap_or_else(|p| p.into_inner())
}

/// How often local edits are looked for (a cheap counter read when nothing changed).
const EXPORT_EVERY: Duration = Duration::from_millis(50);

/// The least time between two live exports of a table: typing becomes a file a second at most,
/// so the files (which the folder holds too) do not show the rhythm of every keystroke.
const LIVE_BATCH: Duration = Duration::from_secs(1);

/// How long the network is searched for a table's peers after the sync tab last showed them.
const ASKED_FOR: Duration = Duration::from_secs(10 * 60);

/// When the sync tab last showed each table's peers.
type Asked = Arc<Mutex<BTreeMap<TableId, Instant>>>;

struct StoreLibrary {
    store: SharedStore,
    /// Grows whenever something from a peer was applied; the screen reloads when it changes.
    revision: Arc<AtomicU64>,
    asked: Asked,
}

impl StoreLibrary {
    fn lock(&self) -> MutexGuard<'_, Option<Store>> {
        lock(&self.store)
    }
}

impl Library for StoreLibrary {
    fn keys(&self) -> Option<DeviceKeys> {
        self.lock().as_ref()?.sync_keys().ok()
    }

    fn tables(&self) -> Vec<TableId> {
        self.lock()
            .as_ref()
            .and_then(|s| s.sync_tables().ok())
            .unwrap_or_default()
    }

    /// A table is announced and looked for while one of its meetings is in session here, or for
    /// ten minutes after the sync tab showed its peers.
    fn discoverable(&self) -> Vec<TableId> {
        let mut tables = self
            .lock()
            .as_ref()
            .and_then(|s| s.sync_tables_in_session().ok())
            .unwrap_or_default();
        let asked = self.asked.lock().unwrap_or_else(|p| p.into_inner());
        for (t, at) in asked.iter() {
            if at.elapsed() < ASKED_FOR && !tables.contains(t) {
                tables.push(*t);
            }
        }
        drop(asked);
        let shared = self.tables();
        tables.retain(|t| shared.contains(t));
        tables
    }

    fn access(&self, table: TableId) -> Option<Access> {
        self.lock().as_ref()?.sync_access(table).ok()
    }

    fn have(&self, table: TableId) -> Have {
        let names = self
            .lock()
            .as_ref()
            .and_then(|s| s.live_have(table).ok())
            .unwrap_or_default();
        Have::from_names(names.iter().map(String::as_str))
    }

    fn missing(&self, table: TableId, peer: &DeviceId, has: &Have, limit: usize) -> Vec<OutFile> {
        self.lock()
            .as_ref()
            .and_then(|s| s.live_files(table, peer, |n| has.contains(n), limit).ok())
            .unwrap_or_default()
    }

    fn receive(&self, table: TableId, from: DeviceId, files: Vec<OutFile>) -> bool {
        let mut guard = self.lock();
        let Some(store) = guard.as_mut() else {
            return false;
        };
        match store.receive(table, files, Source::Peer, chrono::Utc::now()) {
            Ok(report) => {
                if report.applied > 0 {
                    self.revision.fetch_add(1, Ordering::SeqCst);
                }
                if !report.set_aside.is_empty() {
                    log::warn!(
                        "live: {} file(s) from {} set aside",
                        report.set_aside.len(),
                        from.fingerprint()
                    );
                }
                true
            }
            Err(e) => {
                log::warn!("live: files from {} not taken: {e}", from.fingerprint());
                false
            }
        }
    }
}

/// Live sync while the app runs.
pub struct Live {
    node: Node,
    stop: Arc<AtomicBool>,
    asked: Asked,
    library: Arc<StoreLibrary>,
}

impl std::fmt::Debug for Live {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Live").field("node", &self.node).finish()
    }
}

impl Live {
    /// Starts the node and the export loop. `revision` grows when peers' changes are applied.
    pub fn start(
        store: SharedStore,
        revision: Arc<AtomicU64>,
        options: Options,
    ) -> std::io::Result<Live> {
        let asked = Asked::default();
        let library = Arc::new(StoreLibrary {
            store: store.clone(),
            revision,
            asked: asked.clone(),
        });
        let node = Node::start(library.clone(), options)?;
        let stop = Arc::new(AtomicBool::new(false));
        let notify = node.notifier();
        let linked = node.linked();
        let s = stop.clone();
        std::thread::Builder::new()
            .name("live-export".into())
            .spawn(move || export_loop(store, s, notify, linked))?;
        Ok(Live {
            node,
            stop,
            asked,
            library,
        })
    }

    pub fn port(&self) -> u16 {
        self.node.port()
    }

    /// Addresses to type on another device to reach this one.
    pub fn addresses(&self) -> Vec<SocketAddr> {
        self.node.addresses()
    }

    pub fn connect(&self, table: TableId, address: SocketAddr) {
        self.node.connect(table, address);
    }

    /// The peers of `table`, for the sync tab; showing them is asking for them, so the network
    /// is searched for the table's peers for a while (see `StoreLibrary::discoverable`).
    pub fn peers(&self, table: TableId) -> Vec<PeerView> {
        self.asked
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(table, Instant::now());
        self.node.peers(table)
    }

    /// The tables announced and looked for on the network now.
    pub fn announced(&self) -> Vec<TableId> {
        self.library.discoverable()
    }

    /// Drops every live connection; they come back by themselves (the network changed).
    pub fn disconnect_all(&self) {
        self.node.disconnect_all();
    }
}

impl Drop for Live {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
    }
}

/// Exports what was edited here since the last look, for every shared table with a peer
/// connected (at most once per `LIVE_BATCH` each), and wakes the node's writers when there is
/// something new. Edits of tables with no peer here wait for the folder pass.
fn export_loop(
    store: SharedStore,
    stop: Arc<AtomicBool>,
    notify: impl Fn(),
    linked: impl Fn(TableId) -> bool,
) {
    let mut seen = None;
    // Tables edited since their last live export: exported once a peer is there and the batch
    // time is over (the folder pass may have exported them meanwhile: then nothing is left).
    let mut pending: std::collections::BTreeSet<TableId> = Default::default();
    let mut last: BTreeMap<TableId, Instant> = BTreeMap::new();
    while !stop.load(Ordering::SeqCst) {
        std::thread::sleep(EXPORT_EVERY);
        let mut guard = lock(&store);
        let Some(store) = guard.as_mut() else {
            seen = None;
            continue;
        };
        let count = store.change_count();
        if seen != Some(count) {
            pending.extend(store.sync_tables().unwrap_or_default());
        }
        let mut made = 0;
        for table in pending.clone() {
            if !linked(table) || last.get(&table).is_some_and(|t| t.elapsed() < LIVE_BATCH) {
                continue;
            }
            last.insert(table, Instant::now());
            pending.remove(&table);
            // A removed device or a damaged table simply exports nothing; the sync panel says why.
            made += store.export_changes(table, chrono::Utc::now()).unwrap_or(0);
        }
        // What the exports themselves changed is no new edit.
        seen = Some(store.change_count());
        drop(guard);
        if made > 0 {
            notify();
        }
    }
}
