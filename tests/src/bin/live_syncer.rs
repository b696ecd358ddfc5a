//! Test helper for `tests/sync_live_processes.rs`: one device as its own process, syncing only
//! over the network (loopback). It announces its port in a rendezvous folder, connects to the
//! others by address, then adds progress notes to one action (printing `ack <note>` once the store
//! saved each), now and then cutting all its connections (they come back by themselves). Then it
//! waits until it holds `expected` notes, prints `converged <n>`, and keeps serving until every
//! process is done.
//!
//! Usage: `live_syncer <profile-dir> <passphrase> <action-id> <rounds> <tag> <rendezvous> <procs> <expected>`

use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casustafel_domain::ActionId;
use casustafel_lan::Options;
use casustafel_live::Live;
use casustafel_store::{Profile, Store};

/// The progress notes on all actions of `action`'s case (each device writes on its own action).
fn notes(store: &Store, action: ActionId) -> usize {
    store
        .list_actions(None)
        .ok()
        .and_then(|all| all.into_iter().find(|a| a.id == action))
        .and_then(|a| store.case_document(a.case_id).ok().flatten())
        .map(|d| d.actions.values().map(|a| a.progress.len()).sum())
        .unwrap_or(0)
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, dir, pass, action, rounds, tag, rendezvous, procs, expected] = args.as_slice() else {
        eprintln!("usage: live_syncer <profile-dir> <passphrase> <action-id> <rounds> <tag> <rendezvous> <procs> <expected>");
        std::process::exit(2);
    };
    let action: ActionId = action.parse().expect("action id");
    let rounds: u32 = rounds.parse().expect("rounds");
    let procs: usize = procs.parse().expect("procs");
    let expected: usize = expected.parse().expect("expected");
    let rendezvous = Path::new(rendezvous);
    let store = Profile::new(Path::new(dir)).unlock(pass).expect("unlock");
    let table = store.sync_tables().expect("tables")[0];
    let shared = Arc::new(Mutex::new(Some(store)));
    let live = Live::start(
        shared.clone(),
        Arc::new(AtomicU64::new(0)),
        Options {
            port: 0,
            discovery: false,
            ..Default::default()
        },
    )
    .expect("live");
    let tmp = rendezvous.join(format!(".{tag}.port"));
    std::fs::write(&tmp, live.port().to_string()).expect("port file");
    std::fs::rename(&tmp, rendezvous.join(format!("{tag}.port"))).expect("port file");
    // Everyone's port, then a connection to each other device.
    let start = Instant::now();
    let ports: Vec<(String, u16)> = loop {
        let found: Vec<(String, u16)> = std::fs::read_dir(rendezvous)
            .expect("rendezvous")
            .flatten()
            .filter_map(|e| {
                let name = e.file_name().to_string_lossy().into_owned();
                let other = name.strip_suffix(".port")?.to_string();
                let port = std::fs::read_to_string(e.path())
                    .ok()?
                    .trim()
                    .parse()
                    .ok()?;
                Some((other, port))
            })
            .collect();
        if found.len() == procs {
            break found;
        }
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "the others never came"
        );
        std::thread::sleep(Duration::from_millis(20));
    };
    for (other, port) in &ports {
        if other != tag {
            live.connect(table, SocketAddr::from(([127, 0, 0, 1], *port)));
        }
    }
    // A small deterministic generator per process: pauses and cuts differ between runs of tags.
    let mut seed: u64 = tag.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x100_0000_01b3)
    });
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    let mut out = std::io::stdout();
    for round in 0..rounds {
        let note = format!("{tag}-{round}");
        {
            let mut guard = shared.lock().expect("lock");
            let store = guard.as_mut().expect("unlocked");
            casustafel_tests::add_progress_note(store, action, &note, chrono::Utc::now());
        }
        writeln!(out, "ack {note}").expect("stdout");
        out.flush().expect("flush");
        if next() % 4 == 0 {
            live.disconnect_all();
            writeln!(out, "cut").expect("stdout");
        }
        std::thread::sleep(Duration::from_millis(10 + next() % 70));
    }
    let start = Instant::now();
    loop {
        let n = notes(
            shared.lock().expect("lock").as_ref().expect("unlocked"),
            action,
        );
        if n >= expected {
            writeln!(out, "converged {n}").expect("stdout");
            break;
        }
        if start.elapsed() > Duration::from_secs(120) {
            writeln!(out, "stuck at {n}").expect("stdout");
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    out.flush().expect("flush");
    std::fs::write(rendezvous.join(format!("{tag}.done")), "").expect("done file");
    // Keep serving until everyone is done, so that nobody is left without a peer.
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(120) {
        let done = std::fs::read_dir(rendezvous)
            .expect("rendezvous")
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().ends_with(".done"))
            .count();
        if done == procs {
            break;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    std::thread::sleep(Duration::from_millis(300));
}
