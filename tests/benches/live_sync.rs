//! Live sync latency: how long a progress note typed on the chair's device takes to be in the
//! partner's store over an open loopback connection, beside, in the same run, its parts done
//! directly — saving the note locally, exporting it and taking it in on the other store with no
//! network — and a raw TCP round trip on loopback.
//! `cargo bench -p casustafel-tests --bench live_sync` (N via NOTES=…, default 40).
//! Prints figures; asserts nothing about speed.

use std::collections::BTreeSet;
use std::io::{Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use casustafel_domain::meeting::ActionStatus;
use casustafel_domain::{ActionId, CaseId};
use casustafel_lan::Options;
use casustafel_live::{Live, SharedStore};
use casustafel_store::{Profile, Store};

const PASS: &str = "meten in de vergaderzaal";

fn has_note(s: &SharedStore, case: CaseId, action: ActionId, text: &str) -> bool {
    let guard = s.lock().expect("lock");
    let store = guard.as_ref().expect("unlocked");
    store
        .case_document(case)
        .expect("doc")
        .and_then(|d| d.actions.get(&action.to_string()).cloned())
        .is_some_and(|a| a.progress.values().any(|p| p.text == text))
}

fn stats(name: &str, mut ms: Vec<f64>) {
    ms.sort_by(|a, b| a.total_cmp(b));
    let at = |q: f64| ms[((ms.len() - 1) as f64 * q).round() as usize];
    println!(
        "{name:<58} median {:>8.2} ms   p90 {:>8.2} ms   ({} runs)",
        at(0.5),
        at(0.9),
        ms.len()
    );
}

fn main() {
    let n: usize = std::env::var("NOTES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(40);
    let casustafel_tests::SharedCase {
        root: _root,
        dirs,
        table,
        case,
        action,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    let open = |d: &std::path::Path| -> Store { Profile::new(d).unlock(PASS).expect("unlock") };

    // Baseline 1: a raw TCP round trip on loopback (64 bytes).
    let echo = TcpListener::bind("127.0.0.1:0").expect("echo");
    let echo_addr = echo.local_addr().expect("addr");
    std::thread::spawn(move || {
        for mut s in echo.incoming().flatten() {
            let mut buf = [0u8; 64];
            while s.read_exact(&mut buf).is_ok() {
                if s.write_all(&buf).is_err() {
                    break;
                }
            }
        }
    });
    let mut c = TcpStream::connect(echo_addr).expect("connect");
    c.set_nodelay(true).expect("nodelay");
    let mut tcp = Vec::new();
    for _ in 0..n {
        let t = Instant::now();
        c.write_all(&[7u8; 64]).expect("write");
        let mut buf = [0u8; 64];
        c.read_exact(&mut buf).expect("read");
        tcp.push(t.elapsed().as_secs_f64() * 1e3);
    }

    // Baseline 2: the store's own steps, directly between two stores (no network, no waiting).
    let (mut chair, mut caw) = (open(&dirs[0]), open(&dirs[1]));
    let caw_device = caw.sync_keys().expect("keys").id();
    let (mut save, mut export, mut receive) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..n {
        let now = chrono::Utc::now();
        let t = Instant::now();
        chair
            .update_action(action, ActionStatus::Open, &format!("direct {i}"), now)
            .expect("note");
        save.push(t.elapsed().as_secs_f64() * 1e3);
        let t = Instant::now();
        chair.export_changes(table, now).expect("export");
        export.push(t.elapsed().as_secs_f64() * 1e3);
        let has: BTreeSet<String> = caw.live_have(table).expect("have").into_iter().collect();
        let files = chair
            .live_files(table, &caw_device, |n| has.contains(n), 1000)
            .expect("files");
        let t = Instant::now();
        caw.receive(table, files, casustafel_store::Source::Peer, now)
            .expect("receive");
        receive.push(t.elapsed().as_secs_f64() * 1e3);
    }
    drop((chair, caw));

    // Live: the same, through the apps' loop and an open connection.
    let chair: SharedStore = Arc::new(Mutex::new(Some(open(&dirs[0]))));
    let caw: SharedStore = Arc::new(Mutex::new(Some(open(&dirs[1]))));
    let local = Options {
        port: 0,
        discovery: false,
        ..Default::default()
    };
    let lc = Live::start(chair.clone(), Arc::new(AtomicU64::new(0)), local.clone()).expect("live");
    // Waiting watches the revision counter, as the screen does, so the wait takes no store lock.
    let revision = Arc::new(AtomicU64::new(0));
    let lm = Live::start(caw.clone(), revision.clone(), local).expect("live");
    lm.connect(table, SocketAddr::from(([127, 0, 0, 1], lc.port())));
    let warm = "warm-up";
    chair
        .lock()
        .expect("lock")
        .as_mut()
        .expect("unlocked")
        .update_action(action, ActionStatus::Open, warm, chrono::Utc::now())
        .expect("note");
    while !has_note(&caw, case, action, warm) {
        std::thread::sleep(Duration::from_millis(5));
    }
    let mut live = Vec::new();
    for i in 0..n {
        let text = format!("live {i}");
        let t = Instant::now();
        chair
            .lock()
            .expect("lock")
            .as_mut()
            .expect("unlocked")
            .update_action(action, ActionStatus::Open, &text, chrono::Utc::now())
            .expect("note");
        let mut seen = revision.load(Ordering::SeqCst);
        loop {
            while revision.load(Ordering::SeqCst) == seen {
                std::thread::sleep(Duration::from_micros(200));
            }
            seen = revision.load(Ordering::SeqCst);
            if has_note(&caw, case, action, &text) {
                break;
            }
        }
        live.push(t.elapsed().as_secs_f64() * 1e3);
    }

    println!("live sync of one progress note, {n} notes each:");
    stats("baseline: raw TCP round trip on loopback (64 bytes)", tcp);
    stats(
        "baseline: save the note locally (store, one transaction)",
        save,
    );
    stats("baseline: export it (seal into a signed file)", export);
    stats(
        "baseline: take it in on the other store (verify, apply)",
        receive,
    );
    stats("live: typed on one device -> in the other's store", live);
    println!(
        "(the live figure includes the batch wait: a table's edits go out at most once a second, so a\n note typed right after the last one went out waits for the rest of that second)"
    );
}
