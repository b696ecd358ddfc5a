//! The folder transport never holds the store across folder IO. A network share can be slow or
//! hang (a laptop that left the municipal network, an unplugged stick): the window's commands take
//! the same store lock, so a pass that read or wrote the folder while holding it would freeze the
//! screen for as long. Each test puts a folder between the pass and the disk that checks, at every
//! touch, that the store is free — and one that hangs until a command from "the window" went
//! through.

use std::cell::Cell;
use std::path::Path;
use std::sync::mpsc;
use std::sync::Mutex;
use std::time::Duration;

use casustafel_folder::{FolderError, Incoming, Scan, SharedFolder};
use casustafel_live::folder::{self, Folder};
use casustafel_store::{Profile, Store};
use casustafel_sync::OutFile;
use casustafel_tests::SharedCase;

const PASS: &str = "een lange proefzin voor het slot";

fn open(shared: &SharedCase, i: usize) -> Store {
    Profile::new(&shared.dirs[i]).unlock(PASS).expect("unlock")
}

/// A folder that asserts, whenever it is touched, that nobody holds the store.
struct Watched<'a> {
    inner: SharedFolder,
    store: &'a Mutex<Option<Store>>,
    touches: Cell<usize>,
    /// While scanning: ask "the window" to run a command, and wait until it did.
    window: Option<(mpsc::Sender<()>, mpsc::Receiver<()>)>,
}

impl Watched<'_> {
    fn touch(&self, what: &str) {
        assert!(
            self.store.try_lock().is_ok(),
            "the store is held while the folder is touched ({what})"
        );
        self.touches.set(self.touches.get() + 1);
    }
}

impl Folder for Watched<'_> {
    fn root(&self) -> &Path {
        self.inner.root()
    }
    fn scan(&self, done: &dyn Fn(&str) -> bool, limit: usize) -> Result<Scan, FolderError> {
        self.touch("scan");
        if let Some((ask, done_by_window)) = &self.window {
            ask.send(()).expect("the window listens");
            // The share hangs until the window's command went through; were the store held now,
            // the command would wait on this scan and this scan on the command.
            done_by_window
                .recv_timeout(Duration::from_secs(30))
                .expect("a command from the window waited on the folder");
        }
        self.inner.scan(done, limit)
    }
    fn read(&self, name: &str) -> Option<Incoming> {
        self.touch("read");
        self.inner.read(name)
    }
    fn write(&self, file: &OutFile) -> Result<(), FolderError> {
        self.touch("write");
        self.inner.write(file)
    }
}

fn watched<'a>(
    store: &'a Mutex<Option<Store>>,
    window: Option<(mpsc::Sender<()>, mpsc::Receiver<()>)>,
) -> impl FnOnce(&Path) -> Result<Watched<'a>, casustafel_store::StoreError> {
    move |root| {
        Ok(Watched {
            inner: SharedFolder::open(root).expect("the folder is there"),
            store,
            touches: Cell::new(0),
            window,
        })
    }
}

#[test]
fn a_pass_never_touches_the_folder_while_it_holds_the_store() {
    let shared = SharedCase::new(PASS);
    let now = chrono::Utc::now();
    let chair = Mutex::new(Some(open(&shared, 0)));
    let meeting = folder::Hold::hold(&chair, |s| {
        Ok(casustafel_tests::open_meeting_today(s, shared.table, now))
    })
    .expect("meeting");
    let said = "Besproken: de élève is geïnformeerd, café geïnformeerd 👋 مرحبا";
    folder::Hold::hold(&chair, |s| {
        s.save_discussion(meeting, shared.case, said, "Spoor 2", now)
    })
    .expect("notes");

    // The chair's pass writes its changes and reads the folder: never with the store held.
    let report =
        folder::pass_through(&chair, shared.table, now, watched(&chair, None)).expect("pass");
    assert!(report.written > 0, "{report:?}");

    // CAW's device, through the same kind of pass, receives the notes' meeting.
    let caw = Mutex::new(Some(open(&shared, 1)));
    for _ in 0..2 {
        folder::pass_through(&caw, shared.table, now, watched(&caw, None)).expect("pass");
    }
    let meetings = folder::Hold::hold(&caw, |s| s.list_meetings(shared.table)).expect("list");
    assert!(meetings.iter().any(|m| m.id == meeting), "{meetings:?}");
}

#[test]
fn a_command_from_the_window_goes_through_while_the_share_hangs() {
    let shared = SharedCase::new(PASS);
    let now = chrono::Utc::now();
    let chair = &Mutex::new(Some(open(&shared, 0)));
    let (ask, asked) = mpsc::channel();
    let (done, window_done) = mpsc::channel();
    std::thread::scope(|scope| {
        // The window: when asked, it lists the tables (as the screen does) and says it is done.
        let window = scope.spawn(move || {
            asked.recv().expect("asked");
            let tables =
                folder::Hold::hold(chair, |s| s.list_tables()).expect("the window's command");
            done.send(()).expect("the pass waits");
            tables.len()
        });
        folder::pass_through(
            chair,
            shared.table,
            now,
            watched(chair, Some((ask, window_done))),
        )
        .expect("pass");
        assert!(window.join().expect("window") > 0);
    });
}
