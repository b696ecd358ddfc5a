//! The shared-folder transport: one pass per shared table (write what this device made, read what
//! others wrote, hand it to the store's port), and the folder side of sharing and joining.
//!
//! The store is held only for each step, never across folder IO: a slow or unplugged network
//! share makes a pass slow, never the window (whose commands take the same lock). What is read
//! from the folder is untrusted; the store's port puts it through the sync engine's checks.

use std::cell::RefCell;
use std::path::Path;
use std::sync::Mutex;

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::TableId;
use casustafel_folder::{FolderError, Incoming, Scan, SharedFolder, Skip};
use casustafel_store::{Source, Store, StoreError, SyncProblem, SyncReport};
use casustafel_sync::names::spare_name;
use casustafel_sync::OutFile;
use chrono::{DateTime, Utc};

type Result<T, E = StoreError> = std::result::Result<T, E>;

/// Files read per pass at most, so that a first sync of a big folder shows progress.
pub const FILES_PER_PASS: usize = 2_000;

/// The store, held for one step at a time.
pub trait Hold {
    /// Runs `step` on the store, or says the profile is locked.
    fn hold<R>(&self, step: impl FnOnce(&mut Store) -> Result<R>) -> Result<R>;
}

/// The app's store: locked for each step; `None` while the profile is locked.
impl Hold for Mutex<Option<Store>> {
    fn hold<R>(&self, step: impl FnOnce(&mut Store) -> Result<R>) -> Result<R> {
        let mut guard = crate::lock(self);
        match guard.as_mut() {
            Some(store) => step(store),
            None => Err(StoreError::Locked),
        }
    }
}

/// A store one caller owns (a test, a command-line tool): nobody else waits on it.
impl Hold for RefCell<&mut Store> {
    fn hold<R>(&self, step: impl FnOnce(&mut Store) -> Result<R>) -> Result<R> {
        step(&mut self.borrow_mut())
    }
}

/// What a pass does with a folder; `SharedFolder` on disk. A test can put a folder in between
/// that checks the store is free whenever the folder is touched.
pub trait Folder {
    fn root(&self) -> &Path;
    fn scan(&self, done: &dyn Fn(&str) -> bool, limit: usize) -> Result<Scan, FolderError>;
    fn read(&self, name: &str) -> Option<Incoming>;
    fn write(&self, file: &OutFile) -> Result<(), FolderError>;
}

impl Folder for SharedFolder {
    fn root(&self) -> &Path {
        SharedFolder::root(self)
    }
    fn scan(&self, done: &dyn Fn(&str) -> bool, limit: usize) -> Result<Scan, FolderError> {
        SharedFolder::scan(self, done, limit)
    }
    fn read(&self, name: &str) -> Option<Incoming> {
        SharedFolder::read(self, name)
    }
    fn write(&self, file: &OutFile) -> Result<(), FolderError> {
        SharedFolder::write(self, file)
    }
}

fn unreachable(folder: &Path) -> StoreError {
    StoreError::Sync(SyncProblem::FolderUnreachable {
        folder: folder.display().to_string(),
    })
}

fn folder_error(folder: &Path, e: FolderError) -> StoreError {
    match e {
        FolderError::Unreachable { .. } => unreachable(folder),
        _ => StoreError::Sync(SyncProblem::FolderNotWritable {
            folder: folder.display().to_string(),
        }),
    }
}

fn open(folder: &Path) -> Result<SharedFolder> {
    SharedFolder::open(folder).map_err(|e| folder_error(folder, e))
}

/// Writes the outbox of `table` into the folder; what could not be written stays for the next
/// pass. Another file at the name of one of ours (anyone who can write to the folder can put one
/// there) holds nothing up: ours goes under its spare name, and the sync panel says so. Returns
/// how many files were written.
fn flush(
    store: &impl Hold,
    table: TableId,
    folder: &impl Folder,
    now: DateTime<Utc>,
) -> Result<usize> {
    let files = store.hold(|s| s.outbox(table))?;
    let mut written = 0;
    for f in files {
        match folder.write(&f) {
            Ok(()) => store.hold(|s| s.sent(table, &f.name))?,
            Err(FolderError::Conflict(_)) => {
                let spare = spare_name(&f.name, &f.bytes);
                if let Some(spare) = &spare {
                    let file = OutFile {
                        name: spare.clone(),
                        bytes: f.bytes.clone(),
                    };
                    folder
                        .write(&file)
                        .map_err(|e| folder_error(folder.root(), e))?;
                }
                store.hold(|s| s.sent_elsewhere(table, &f.name, spare.as_deref(), now))?;
            }
            Err(e) => return Err(folder_error(folder.root(), e)),
        }
        written += 1;
    }
    Ok(written)
}

/// Names where a file lay that did not verify, read again per pass at most: the genuine file may
/// have come there since.
const JUNK_PER_PASS: usize = 64;

/// One pass over `table`'s folder: export, write, read, take in, write the answers. The folder
/// must be reachable. How it ended is recorded for the sync panel.
pub fn pass(store: &impl Hold, table: TableId, now: DateTime<Utc>) -> Result<SyncReport> {
    pass_through(store, table, now, open)
}

/// A pass through the folder `open` makes of the table's folder path.
pub fn pass_through<F: Folder>(
    store: &impl Hold,
    table: TableId,
    now: DateTime<Utc>,
    open: impl FnOnce(&Path) -> Result<F>,
) -> Result<SyncReport> {
    let result = store
        .hold(|s| s.sync_folder(table))
        .and_then(|root| open(&root))
        .and_then(|folder| pass_inner(store, table, &folder, now));
    store.hold(|s| s.pass_ended(table, now, result.as_ref().map(|_| ())))?;
    result
}

fn pass_inner(
    store: &impl Hold,
    table: TableId,
    folder: &impl Folder,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    let root = folder.root().to_path_buf();
    let mut report = SyncReport::default();
    store.hold(|s| s.export_changes(table, now))?;
    report.written += flush(store, table, folder, now)?;

    // Read what others wrote (join requests too, answered if this device runs the table).
    let held = store.hold(|s| s.held(table))?;
    let scan = folder
        .scan(&|n| held.contains(n), FILES_PER_PASS)
        .map_err(|e| folder_error(&root, e))?;
    report.pending = scan
        .pending
        .saturating_sub(scan.files.len() + scan.skipped.len());
    let mut files = scan.files;
    // Files that wait and were never archived are brought again, and a few names where a file
    // lay that did not verify.
    for name in store.hold(|s| s.waiting_unarchived(table))? {
        files.extend(folder.read(&name));
    }
    for name in store.hold(|s| s.junk_to_recheck(table, JUNK_PER_PASS))? {
        files.extend(folder.read(&name));
    }
    let unread = scan
        .skipped
        .into_iter()
        .map(|(name, why)| {
            let why = match why {
                Skip::TooLarge(_) => SetAsideReason::TooLarge,
                _ => SetAsideReason::Unreadable,
            };
            (name, why)
        })
        .collect();
    let got = store.hold(|s| s.receive(table, files, Source::Folder { unread }, now))?;
    report.read = got.read;
    report.applied = got.applied;
    report.waiting = got.waiting;
    report.set_aside = got.set_aside;
    report.joined = got.joined;
    report.written += flush(store, table, folder, now)?;
    store.hold(|s| s.check_not_removed(table))?;
    Ok(report)
}

/// Looks in the folders of the joins this device waits on for the chair's answer.
fn check_joins(store: &impl Hold) -> Result<()> {
    for join in store.hold(|s| s.waiting_joins())? {
        let Ok(folder) = SharedFolder::open(&join.folder) else {
            continue;
        };
        let refusal = folder.read(&join.refusal);
        let welcome = folder.read(&join.welcome);
        if refusal.is_none() && welcome.is_none() {
            continue;
        }
        store.hold(|s| {
            s.join_answered(
                &join.id,
                welcome.as_ref().map(|f| f.bytes.as_slice()),
                refusal.as_ref().map(|f| f.bytes.as_slice()),
            )
        })?;
    }
    Ok(())
}

/// Passes over every shared table, after looking for answers to joins this device waits on. A
/// folder out of reach does not stop the others: each table gets its own result.
pub fn pass_all(
    store: &impl Hold,
    now: DateTime<Utc>,
) -> Result<Vec<(TableId, Result<SyncReport>)>> {
    check_joins(store)?;
    let tables = store.hold(|s| s.sync_tables())?;
    Ok(tables
        .into_iter()
        .map(|t| (t, pass(store, t, now)))
        .collect())
}

/// Starts sharing `table` through `folder` from this device (which runs it), then a first pass.
pub fn share(
    store: &impl Hold,
    table: TableId,
    folder: &Path,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    open(folder)?;
    store.hold(|s| s.start_sharing(table, folder, now))?;
    pass(store, table, now)
}

/// On the joining device: asks to join with `code` through `folder`. The answer is looked for by
/// the next `pass_all`. Returns this device's fingerprint, to compare with what the chair's
/// device shows.
pub fn join(
    store: &impl Hold,
    code: &str,
    folder: &Path,
    label: &str,
    now: DateTime<Utc>,
) -> Result<String> {
    let shared = open(folder)?;
    let request = store.hold(|s| s.join_request(code, label))?;
    shared
        .write(&request)
        .map_err(|e| folder_error(folder, e))?;
    store.hold(|s| s.join_sent(code, folder, now))
}

/// Admits a device that asked to join (after the chair compared fingerprints), then a pass that
/// welcomes it and hands it the keys of what it may read.
pub fn admit(
    store: &impl Hold,
    table: TableId,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    store.hold(|s| s.admit(table, fingerprint, now))?;
    pass(store, table, now)
}

/// Turns away a device that asked to join; it is told at once if the folder is reachable, else
/// by a later pass.
pub fn refuse(
    store: &impl Hold,
    table: TableId,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<()> {
    store.hold(|s| s.refuse(table, fingerprint, now))?;
    let root = store.hold(|s| s.sync_folder(table))?;
    if let Ok(folder) = SharedFolder::open(&root) {
        flush(store, table, &folder, now)?;
    }
    Ok(())
}

/// Removes a device from the table, then a pass that rotates the keys of what it could read.
pub fn remove(
    store: &impl Hold,
    table: TableId,
    fingerprint: &str,
    now: DateTime<Utc>,
) -> Result<SyncReport> {
    // What the device wrote before its removal is read first, so that it still counts.
    let _ = pass(store, table, now);
    store.hold(|s| s.remove_device(table, fingerprint, now))?;
    pass(store, table, now)
}

/// The folder transport over a store the caller owns: the same passes, for tests and tools.
pub trait FolderSync {
    fn sync_now(&mut self, table: TableId, now: DateTime<Utc>) -> Result<SyncReport>;
    fn sync_all(&mut self, now: DateTime<Utc>) -> Result<Vec<(TableId, Result<SyncReport>)>>;
    fn share_table(
        &mut self,
        table: TableId,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<SyncReport>;
    fn join_table(
        &mut self,
        code: &str,
        folder: &Path,
        label: &str,
        now: DateTime<Utc>,
    ) -> Result<String>;
    fn admit_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<SyncReport>;
    fn refuse_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<()>;
}

impl FolderSync for Store {
    fn sync_now(&mut self, table: TableId, now: DateTime<Utc>) -> Result<SyncReport> {
        pass(&RefCell::new(self), table, now)
    }
    fn sync_all(&mut self, now: DateTime<Utc>) -> Result<Vec<(TableId, Result<SyncReport>)>> {
        pass_all(&RefCell::new(self), now)
    }
    fn share_table(
        &mut self,
        table: TableId,
        folder: &Path,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        share(&RefCell::new(self), table, folder, now)
    }
    fn join_table(
        &mut self,
        code: &str,
        folder: &Path,
        label: &str,
        now: DateTime<Utc>,
    ) -> Result<String> {
        join(&RefCell::new(self), code, folder, label, now)
    }
    fn admit_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<SyncReport> {
        admit(&RefCell::new(self), table, fingerprint, now)
    }
    fn refuse_device(
        &mut self,
        table: TableId,
        fingerprint: &str,
        now: DateTime<Utc>,
    ) -> Result<()> {
        refuse(&RefCell::new(self), table, fingerprint, now)
    }
}
