//! Nothing acknowledged is lost when the process dies: a helper types into a meeting's notes through
//! the store, one word per save, printing `ack N` after each save returns; this test kills it with
//! SIGKILL at random moments, many times, reopens the profile and counts acknowledged words missing.

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use casustafel_domain::{CaseId, MeetingId};
use casustafel_store::Profile;

const ROUNDS: usize = 12;

#[test]
fn no_acknowledged_edit_is_lost_when_the_process_is_killed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let typist = env!("CARGO_BIN_EXE_typist");
    let mut lost = 0usize;
    let mut total_acked = 0usize;
    for round in 0..ROUNDS {
        let mut child = Command::new(typist)
            .arg(dir.path())
            .stdout(Stdio::piped())
            .spawn()
            .expect("typist starts");
        let stdout = child.stdout.take().expect("stdout");
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if let Some(n) = line
                    .strip_prefix("ack ")
                    .and_then(|n| n.parse::<usize>().ok())
                {
                    let _ = tx.send(n);
                }
            }
        });
        // Wait for its first save (the first round also creates the profile), let it type for a
        // varying while, then kill it.
        let wait = Duration::from_millis(150 + (round as u64 * 97) % 400);
        let mut last_ack = rx.recv_timeout(Duration::from_secs(60)).unwrap_or(0);
        std::thread::sleep(wait);
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        let _ = reader.join();
        while let Ok(n) = rx.try_recv() {
            last_ack = last_ack.max(n);
        }
        assert!(
            last_ack > 0,
            "round {round}: the typist acknowledged nothing"
        );
        let ids: (MeetingId, CaseId) = serde_json::from_slice(
            &std::fs::read(dir.path().join("typist-ids.json")).expect("ids"),
        )
        .expect("ids json");
        let store = Profile::new(dir.path())
            .unlock("typist typist typist")
            .expect("reopen");
        let (notes, _) = store.discussion(ids.0, ids.1).expect("discussion");
        let words = notes.split_whitespace().count();
        if words < last_ack {
            lost += last_ack - words;
        }
        total_acked = last_ack;
        drop(store);
    }
    println!("{ROUNDS} kills, {total_acked} acknowledged saves, {lost} lost");
    assert_eq!(lost, 0, "acknowledged edits were lost");
}
