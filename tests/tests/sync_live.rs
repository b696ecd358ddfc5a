//! Live sync on the network through the real store, in one process: the chair's device and a
//! partner's device (from `shared_case_scenario`) connect over loopback by a typed address; a
//! progress note made on one appears on the other without any folder pass, and the status the
//! partner sets reaches the chair. Everything on the wire is recorded by a relay in between: the
//! note's words never cross in the clear. A stranger's device and a removed device are refused
//! and get nothing. A tampered member that sends junk under the chair's genuine file names first
//! does not keep the genuine files from arriving.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casustafel_domain::meeting::ActionStatus;
use casustafel_domain::TableId;
use casustafel_lan::proto::Have;
use casustafel_lan::{Library, Node, Options, PeerState};
use casustafel_live::folder::FolderSync;
use casustafel_live::{Live, SharedStore};
use casustafel_store::{Profile, Store};
use casustafel_sync::{Access, DeviceId, DeviceKeys, OutFile};

const PASS: &str = "live in de vergaderzaal";
const CANARY: &str = "KANARIE-live-notitie";

fn local() -> Options {
    Options {
        port: 0,
        discovery: false,
        ..Default::default()
    }
}

fn open(dir: &std::path::Path) -> SharedStore {
    Arc::new(Mutex::new(Some(
        Profile::new(dir).unlock(PASS).expect("unlock"),
    )))
}

fn with<T>(s: &SharedStore, f: impl FnOnce(&mut Store) -> T) -> T {
    f(s.lock().expect("lock").as_mut().expect("unlocked"))
}

/// Waits until `done`, generously (a slow machine must not fail the test); returns how long it took.
fn eventually(what: &str, done: impl Fn() -> bool) -> Duration {
    let start = Instant::now();
    while !done() {
        assert!(start.elapsed() < Duration::from_secs(60), "never: {what}");
        std::thread::sleep(Duration::from_millis(10));
    }
    start.elapsed()
}

/// Bytes that crossed a relay: per connection, (towards the listener, back from it).
type Transcripts = Arc<Mutex<Vec<(Arc<Mutex<Vec<u8>>>, Arc<Mutex<Vec<u8>>>)>>>;

/// A relay that forwards one port to another and keeps every byte that passes, both ways.
fn recording_relay(to: SocketAddr) -> (SocketAddr, Transcripts) {
    let listener = TcpListener::bind("127.0.0.1:0").expect("relay");
    let addr = listener.local_addr().expect("addr");
    let seen: Transcripts = Arc::default();
    let s = seen.clone();
    std::thread::spawn(move || {
        for inbound in listener.incoming().flatten() {
            let Ok(outbound) = TcpStream::connect(to) else {
                continue;
            };
            let (there, back) = (
                Arc::new(Mutex::new(Vec::new())),
                Arc::new(Mutex::new(Vec::new())),
            );
            s.lock().expect("lock").push((there.clone(), back.clone()));
            for (mut from, mut into, log) in [
                (
                    inbound.try_clone().expect("clone"),
                    outbound.try_clone().expect("clone"),
                    there,
                ),
                (outbound, inbound, back),
            ] {
                std::thread::spawn(move || {
                    let mut buf = [0u8; 16384];
                    while let Ok(n) = from.read(&mut buf) {
                        if n == 0 || into.write_all(&buf[..n]).is_err() {
                            break;
                        }
                        log.lock().expect("lock").extend_from_slice(&buf[..n]);
                    }
                    let _ = into.shutdown(std::net::Shutdown::Both);
                });
            }
        }
    });
    (addr, seen)
}

fn all_bytes(t: &Transcripts) -> Vec<u8> {
    let mut out = Vec::new();
    for (a, b) in t.lock().expect("lock").iter() {
        out.extend(a.lock().expect("lock").iter());
        out.extend(b.lock().expect("lock").iter());
    }
    out
}

fn contains(hay: &[u8], needle: &str) -> bool {
    hay.windows(needle.len()).any(|w| w == needle.as_bytes())
}

fn notes(s: &SharedStore, case: casustafel_domain::CaseId, action: &str) -> Vec<String> {
    with(s, |st| {
        st.case_document(case)
            .expect("doc")
            .and_then(|d| d.actions.get(action).cloned())
            .map(|a| a.progress.values().map(|p| p.text.clone()).collect())
            .unwrap_or_default()
    })
}

#[test]
fn a_note_typed_on_one_device_appears_on_the_other_live_and_never_in_the_clear() {
    let casustafel_tests::SharedCase {
        root: _root,
        folder,
        dirs,
        table,
        case,
        action,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    // From here on the folder is gone: only the network carries changes.
    std::fs::remove_dir_all(&folder).expect("unplug the folder");

    let chair = open(&dirs[0]);
    let caw = open(&dirs[1]);
    let (rev_chair, rev_caw) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let live_chair = Live::start(chair.clone(), rev_chair.clone(), local()).expect("chair");
    let live_caw = Live::start(caw.clone(), rev_caw.clone(), local()).expect("caw");
    let (relay, wire) = recording_relay(SocketAddr::from(([127, 0, 0, 1], live_chair.port())));
    live_caw.connect(table, relay);

    // The chair types a note; it appears on the partner's device.
    let now = chrono::Utc::now();
    let text = format!("{CANARY} — gebeld met de school");
    with(&chair, |s| {
        s.update_action(action, ActionStatus::Open, &text, now)
            .expect("note")
    });
    let took = eventually("the note on the partner's device", || {
        notes(&caw, case, &action.to_string()).contains(&text)
    });
    println!(
        "live: a note reached the other device after {} ms (first connection included)",
        took.as_millis()
    );
    assert!(
        rev_caw.load(std::sync::atomic::Ordering::SeqCst) > 0,
        "the screen is told to reload"
    );

    // Once connected, a second note: the figure a secretary sees while typing.
    let second = format!("{CANARY} — tweede notitie");
    with(&chair, |s| {
        s.update_action(action, ActionStatus::Open, &second, chrono::Utc::now())
            .expect("note")
    });
    let took = eventually("the second note", || {
        notes(&caw, case, &action.to_string()).contains(&second)
    });
    println!(
        "live: on an open connection, a note took {} ms",
        took.as_millis()
    );

    // The partner marks the action done; the chair sees it.
    with(&caw, |s| {
        s.update_action(action, ActionStatus::Done, "afgerond", chrono::Utc::now())
            .expect("done")
    });
    eventually("the chair sees the action done", || {
        with(&chair, |s| {
            s.list_actions(None)
                .expect("actions")
                .iter()
                .any(|a| a.id == action && a.status == ActionStatus::Done)
        })
    });
    let caw_device = with(&caw, |s| s.sync_keys().expect("keys").id());
    assert!(live_chair
        .peers(table)
        .iter()
        .any(|p| p.device == Some(caw_device) && p.state == PeerState::Connected));
    let wire = all_bytes(&wire);
    assert!(wire.len() > 1000, "the relay saw the traffic");
    assert!(
        !contains(&wire, CANARY),
        "no note in the clear on the network"
    );
    assert!(!contains(&wire, "afgerond"));
}

/// A device with keys and the table's id, but not enrolled: what it receives is recorded.
struct Stranger {
    secret: [u8; 64],
    table: TableId,
    chair: DeviceId,
    got: Mutex<Vec<OutFile>>,
}

impl Library for Stranger {
    fn keys(&self) -> Option<DeviceKeys> {
        Some(DeviceKeys::from_secret_bytes(&self.secret))
    }
    fn tables(&self) -> Vec<TableId> {
        vec![self.table]
    }
    fn access(&self, _: TableId) -> Option<Access> {
        // It accepts the chair's device: the refusal must come from the chair's side.
        let mut access = Access::default();
        access.members.insert(
            self.chair,
            casustafel_sync::Member {
                participant: casustafel_domain::ParticipantId(uuid::Uuid::nil()),
                organisation: casustafel_domain::OrganisationId(uuid::Uuid::nil()),
                role: casustafel_domain::participant::Role::Chair,
                cases: vec![],
                removed: false,
                settled: 0,
            },
        );
        Some(access)
    }
    fn have(&self, _: TableId) -> Have {
        Have::default()
    }
    fn missing(&self, _: TableId, _: &DeviceId, _: &Have, _: usize) -> Vec<OutFile> {
        vec![]
    }
    fn receive(&self, _: TableId, _: DeviceId, files: Vec<OutFile>) -> bool {
        self.got.lock().expect("lock").extend(files);
        true
    }
}

#[test]
fn a_stranger_and_a_removed_device_get_nothing() {
    let casustafel_tests::SharedCase {
        root: _root,
        dirs,
        table,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    let chair = open(&dirs[0]);
    let ocmw = open(&dirs[2]);
    // The chair removes the OCMW device.
    let ocmw_device = with(&ocmw, |s| s.sync_keys().expect("keys").id());
    with(&chair, |s| {
        s.remove_device(table, &ocmw_device.fingerprint(), chrono::Utc::now())
            .expect("remove")
    });
    let live_chair =
        Live::start(chair.clone(), Arc::new(AtomicU64::new(0)), local()).expect("chair");
    let chair_addr = SocketAddr::from(([127, 0, 0, 1], live_chair.port()));
    let (relay, wire) = recording_relay(chair_addr);

    let keys = DeviceKeys::generate(&mut rand_core::OsRng);
    let stranger = Arc::new(Stranger {
        secret: *keys.to_secret_bytes(),
        table,
        chair: with(&chair, |s| s.sync_keys().expect("keys").id()),
        got: Mutex::new(vec![]),
    });
    let node = Node::start(stranger.clone(), local()).expect("stranger");
    node.connect(table, relay);
    let live_ocmw = Live::start(ocmw.clone(), Arc::new(AtomicU64::new(0)), local()).expect("ocmw");
    live_ocmw.connect(table, relay);

    eventually("the chair lists both refusals", || {
        let peers = live_chair.peers(table);
        peers.iter().any(|p| p.reason == Some("unknown_device"))
            && peers.iter().any(|p| p.reason == Some("removed"))
    });
    eventually("the stranger is told", || {
        node.peers(table)
            .iter()
            .any(|p| p.state == PeerState::Refused && p.reason == Some("unknown_device"))
    });
    std::thread::sleep(Duration::from_secs(2));
    // Both stop calling; a connection still in its handshake ends before the transcripts are read.
    drop(node);
    drop(live_ocmw);
    std::thread::sleep(Duration::from_secs(2));
    assert!(
        stranger.got.lock().expect("lock").is_empty(),
        "the stranger got no file"
    );
    // What the chair's side sent on each of these connections: handshake frames and a refusal,
    // never a data frame (kind 4), which is the only kind that can carry a file. (A connection
    // still in its handshake when the callers were stopped ends without its refusal.)
    let transcripts = wire.lock().expect("lock").clone();
    assert!(!transcripts.is_empty());
    let mut refusals = 0;
    for (_, back) in &transcripts {
        let frames = casustafel_lan::frame::Decoder::default()
            .push(&back.lock().expect("lock"))
            .expect("frames");
        let kinds: Vec<u8> = frames.iter().filter_map(|f| f.first().copied()).collect();
        assert!(
            kinds.iter().all(|k| [2, 3].contains(k)),
            "only handshake and refusal frames went to a refused device: {kinds:?}"
        );
        refusals += usize::from(kinds.last() == Some(&3));
    }
    assert!(refusals > 0, "the callers were told why");
    println!(
        "live: {} refused connections, no data frame",
        transcripts.len()
    );
    let wire = all_bytes(&wire);
    for word in ["LZO", "Huisbezoek", "Zonnedijk"] {
        assert!(!contains(&wire, word), "{word} on the wire");
    }
}

#[test]
fn a_device_is_handed_only_files_about_what_it_may_read() {
    let casustafel_tests::SharedCase {
        root: _root,
        folder,
        dirs,
        table,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    let chair = Profile::new(&dirs[0]).unlock(PASS).expect("unlock");
    let people = chair.list_participants(table).expect("people");
    let cases = chair
        .list_cases(
            &casustafel_domain::case::CaseFilter {
                table: Some(table),
                ..Default::default()
            },
            chrono::Utc::now().date_naive(),
        )
        .expect("cases");
    // A partner's device and a case its organisation is no partner of.
    let (member, hidden) = [
        (&dirs[1], "Youssef El Amrani"),
        (&dirs[2], "Sofie Lambrecht"),
    ]
    .into_iter()
    .find_map(|(dir, name)| {
        let org = people.iter().find(|p| p.name == name)?.organisation_id;
        let case = cases.iter().find(|c| !c.partners.contains(&org))?;
        Some((dir, case.id))
    })
    .expect("a case one of the partners is not involved in");
    let member_store = Profile::new(member).unlock(PASS).expect("unlock");
    let device = member_store.sync_keys().expect("keys").id();
    // What the partner's device can tell of a file: a change's document (the table's routing key
    // opens every change's box), a key sealed to it; nothing of a key sealed to another device.
    let about = |f: &OutFile| member_store.forge_about(table, f).expect("about");
    // The chair wrote files about that case (they are in the folder) ...
    let mut about_hidden = 0;
    for dev in std::fs::read_dir(&folder).expect("folder").flatten() {
        for file in std::fs::read_dir(dev.path())
            .expect("device folder")
            .flatten()
        {
            let name = format!(
                "{}/{}",
                dev.file_name().to_string_lossy(),
                file.file_name().to_string_lossy()
            );
            let f = OutFile {
                bytes: std::fs::read(file.path()).expect("file"),
                name,
            };
            if matches!(
                chair.forge_about(table, &f).expect("about"),
                Some((casustafel_sync::DocRef::Case(c), _)) if c == hidden
            ) {
                about_hidden += 1;
            }
        }
    }
    assert!(about_hidden > 0);
    // ... and hands that partner's device none of them, and no key sealed to another device.
    let handed = chair
        .live_files(table, &device, |_| false, 100_000)
        .expect("files");
    assert!(!handed.is_empty());
    for f in &handed {
        let (doc, to) = about(f).expect("a file it can open");
        assert_ne!(doc, casustafel_sync::DocRef::Case(hidden), "{}", f.name);
        assert!(to.is_none_or(|t| t == device), "{}", f.name);
    }
}

/// A member's device whose app was tampered with: it holds nothing and answers every peer with
/// junk under `names` (genuine file names of another device).
struct Tampered {
    secret: [u8; 64],
    table: TableId,
    access: Access,
    names: Vec<String>,
}

impl Library for Tampered {
    fn keys(&self) -> Option<DeviceKeys> {
        Some(DeviceKeys::from_secret_bytes(&self.secret))
    }
    fn tables(&self) -> Vec<TableId> {
        vec![self.table]
    }
    fn access(&self, _: TableId) -> Option<Access> {
        Some(self.access.clone())
    }
    fn have(&self, _: TableId) -> Have {
        Have::default()
    }
    fn missing(&self, _: TableId, _: &DeviceId, has: &Have, _: usize) -> Vec<OutFile> {
        self.names
            .iter()
            .filter(|n| !has.contains(n))
            .map(|n| OutFile {
                name: n.clone(),
                bytes: b"niet het echte bestand".to_vec(),
            })
            .collect()
    }
    fn receive(&self, _: TableId, _: DeviceId, _: Vec<OutFile>) -> bool {
        true
    }
}

#[test]
fn junk_from_a_peer_under_genuine_names_does_not_keep_the_genuine_files_away() {
    let casustafel_tests::SharedCase {
        root: _root,
        folder,
        dirs,
        table,
        case,
        action,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    std::fs::remove_dir_all(&folder).expect("unplug the folder");
    let chair = open(&dirs[0]);
    let caw = open(&dirs[1]);
    let ocmw = Profile::new(&dirs[2]).unlock(PASS).expect("unlock");

    // The chair writes a note; its files are named before anyone has them.
    let text = "Live: één nieuw gegeven, ça compte 🙂 שלום";
    let names: Vec<String> = with(&chair, |s| {
        s.update_action(action, ActionStatus::Open, text, chrono::Utc::now())
            .expect("note");
        s.export_changes(table, chrono::Utc::now()).expect("export");
        s.outbox(table)
            .expect("outbox")
            .into_iter()
            .map(|f| f.name)
            .collect()
    });
    assert!(!names.is_empty());

    // The tampered OCMW device reaches the CAW device first, with junk under those names.
    let tampered = Arc::new(Tampered {
        secret: *ocmw.sync_keys().expect("keys").to_secret_bytes(),
        table,
        access: ocmw.sync_access(table).expect("access"),
        names: names.clone(),
    });
    drop(ocmw);
    let node = Node::start(tampered, local()).expect("tampered");
    let live_caw = Live::start(caw.clone(), Arc::new(AtomicU64::new(0)), local()).expect("caw");
    live_caw.connect(table, SocketAddr::from(([127, 0, 0, 1], node.port())));
    eventually("the CAW device sets the junk aside", || {
        with(&caw, |s| {
            s.sync_status(table)
                .map(|st| st.warnings.len() >= names.len())
                .unwrap_or(false)
        })
    });
    assert!(!notes(&caw, case, &action.to_string()).contains(&text.to_string()));
    drop(node);

    // Then the chair's device: the genuine files still come.
    let live_chair =
        Live::start(chair.clone(), Arc::new(AtomicU64::new(0)), local()).expect("chair");
    live_caw.connect(table, SocketAddr::from(([127, 0, 0, 1], live_chair.port())));
    eventually("the genuine note on the CAW device", || {
        notes(&caw, case, &action.to_string()).contains(&text.to_string())
    });
}

/// A device announces a table on the network only while it has a reason to: one of the table's
/// meetings is in session, or the sync tab showed the table's peers a moment ago. Otherwise
/// anyone listening on a café's network would see that a case-table device is there.
#[test]
fn a_table_is_announced_only_in_session_or_when_the_sync_tab_asks() {
    let root = tempfile::tempdir().expect("tempdir");
    let dir = root.path().join("voorzitter");
    let (mut chair, t) = casustafel_tests::demo_chair(&dir, PASS, chrono::Utc::now());
    let folder = root.path().join("map");
    std::fs::create_dir_all(&folder).expect("folder");
    chair
        .share_table(t.id, &folder, chrono::Utc::now())
        .expect("share");
    drop(chair);
    let store = open(&dir);
    let live = Live::start(store.clone(), Arc::new(AtomicU64::new(0)), local()).expect("live");
    assert!(live.announced().is_empty(), "nothing announced by itself");
    let _ = live.peers(t.id);
    assert_eq!(live.announced(), vec![t.id], "the sync tab asked");
    drop(live);

    // A meeting in session announces the table without anyone asking.
    with(&store, |s| {
        casustafel_tests::open_meeting_today(s, t.id, chrono::Utc::now());
    });
    let live = Live::start(store.clone(), Arc::new(AtomicU64::new(0)), local()).expect("live");
    assert_eq!(live.announced(), vec![t.id], "a meeting in session");
}

/// Typing shows in the folder as a file a second at most, and not at all while no peer is there:
/// every file the live loop makes also lands in the shared folder, where its time and count would
/// otherwise show the rhythm of the typing (a file per pause of 50 ms).
#[test]
fn typing_goes_out_in_batches_and_only_to_a_peer_that_is_there() {
    let casustafel_tests::SharedCase {
        root: _root,
        dirs,
        table,
        case,
        action,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    let chair = open(&dirs[0]);
    let caw = open(&dirs[1]);
    let outbox = |s: &SharedStore| with(s, |s| s.outbox(table).expect("outbox").len());
    let live_chair =
        Live::start(chair.clone(), Arc::new(AtomicU64::new(0)), local()).expect("chair");
    let type_notes = |prefix: &str, n: usize| {
        for i in 0..n {
            with(&chair, |s| {
                s.update_action(
                    action,
                    ActionStatus::Open,
                    &format!("{prefix} {i}: één, ça, 🙂"),
                    chrono::Utc::now(),
                )
                .expect("note")
            });
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    let before = outbox(&chair);
    type_notes("alleen", 20);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(outbox(&chair), before, "nothing sent with nobody there");

    // The partner's device connects: what was typed goes to it.
    let live_caw = Live::start(caw.clone(), Arc::new(AtomicU64::new(0)), local()).expect("caw");
    live_caw.connect(table, SocketAddr::from(([127, 0, 0, 1], live_chair.port())));
    eventually("the notes typed alone arrive", || {
        notes(&caw, case, &action.to_string()).contains(&"alleen 19: één, ça, 🙂".to_string())
    });
    let connected = outbox(&chair);
    let typing = Instant::now();
    type_notes("samen", 30);
    let seconds = typing.elapsed().as_secs() + 1;
    eventually("the notes typed together arrive", || {
        notes(&caw, case, &action.to_string()).contains(&"samen 29: één, ça, 🙂".to_string())
    });
    let made = outbox(&chair) - connected;
    println!("live: 30 notes typed 50 ms apart, over {seconds} s, went out in {made} file(s)");
    // A batch a second, each a file for the case and at most two for the register the chair's
    // device keeps; sent at every pause, it was about two files per note.
    assert!(
        made as u64 <= 3 * (seconds + 1),
        "{made} files for 30 notes in {seconds} s"
    );
}
