//! Live sync as separate processes over loopback, with no folder: the chair's device and two
//! partners' devices each add progress notes to an action of the same case (the chair and CAW to
//! CAW's, OCMW to its own, as the rulebook allows) while cutting their connections
//! now and then (they reconnect by themselves). Afterwards every device holds every acknowledged
//! note, and the same ones.

use std::collections::BTreeSet;
use std::process::{Command, Stdio};

use casustafel_store::Profile;
use casustafel_tests::case_notes;

const PASS: &str = "drie laptops, een zaal";

#[test]
fn three_processes_converge_over_the_network_with_cuts() {
    let casustafel_tests::SharedCase {
        root,
        folder,
        dirs,
        case,
        actions,
        ..
    } = casustafel_tests::SharedCase::new(PASS);
    let rendezvous = root.path().join("poorten");
    std::fs::create_dir_all(&rendezvous).expect("rendezvous");
    let before = {
        let chair = Profile::new(&dirs[0]).unlock(PASS).expect("unlock");
        case_notes(&chair, case)
    };
    // Enrolment went through the folder; now it is gone and only the network is left.
    std::fs::remove_dir_all(&folder).expect("unplug");
    let rounds = 8;
    let expected = before.len() + 3 * rounds;
    let children: Vec<_> = dirs
        .iter()
        .zip(["voorzitter", "caw", "ocmw"])
        .zip(actions)
        .map(|((dir, tag), action)| {
            Command::new(env!("CARGO_BIN_EXE_live_syncer"))
                .arg(dir)
                .arg(PASS)
                .arg(action.to_string())
                .arg(rounds.to_string())
                .arg(tag)
                .arg(&rendezvous)
                .arg("3")
                .arg(expected.to_string())
                .stdout(Stdio::piped())
                .spawn()
                .expect("live_syncer")
        })
        .collect();
    let mut acknowledged = BTreeSet::new();
    let mut cuts = 0;
    for child in children {
        let out = child.wait_with_output().expect("live_syncer ran");
        assert!(out.status.success(), "a live_syncer failed");
        let text = String::from_utf8_lossy(&out.stdout).into_owned();
        assert!(
            text.contains("converged"),
            "a device did not converge:\n{text}"
        );
        for line in text.lines() {
            if let Some(note) = line.strip_prefix("ack ") {
                acknowledged.insert(note.to_string());
            }
            if line == "cut" {
                cuts += 1;
            }
        }
    }
    assert_eq!(acknowledged.len(), 3 * rounds);
    println!("live processes: {} notes, {cuts} cuts", acknowledged.len());
    let mut sets = Vec::new();
    for dir in &dirs {
        let store = Profile::new(dir).unlock(PASS).expect("unlock");
        let got = case_notes(&store, case);
        for note in &acknowledged {
            assert!(got.contains(note), "{note} missing on {}", dir.display());
        }
        sets.push(got);
    }
    assert!(
        sets.windows(2).all(|w| w[0] == w[1]),
        "every device holds the same notes"
    );
}
