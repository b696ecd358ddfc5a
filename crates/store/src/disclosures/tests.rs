use super::*;
use casustafel_domain::meeting::{MeetingAction, MeetingDraft};

use crate::meetings::tests::{setup, today};
use crate::testutil::now;

fn held_meeting(s: &mut Store, table: TableId) -> MeetingId {
    let m = s
        .plan_meeting(
            table,
            &MeetingDraft {
                date: "28/11/2026".into(),
                place: "Raadzaal".into(),
            },
            today(),
            now(),
        )
        .unwrap();
    s.advance_meeting(m.id, MeetingAction::Open, now()).unwrap();
    m.id
}

fn to(recipient: &str) -> DisclosureDraft {
    DisclosureDraft {
        recipient: recipient.into(),
    }
}

fn pdf(_: &MeetingReport, draft: bool) -> std::result::Result<Vec<u8>, String> {
    Ok(format!("%PDF-fake draft={draft}").into_bytes())
}

#[test]
fn an_export_writes_the_file_and_its_ledger_line_together() {
    let (_dir, mut s, table, _org, _case) = setup();
    s.set_owner_name("Test Eigenaar").unwrap();
    let m = held_meeting(&mut s, table.id);
    let out = tempfile::tempdir().unwrap();
    // Still in session: the decisions are not final, nothing leaves.
    assert!(matches!(
        s.export_report(m, &to("Deelnemers"), out.path(), pdf, now()),
        Err(StoreError::Illegal(_))
    ));
    s.advance_meeting(m, MeetingAction::Close, now()).unwrap();
    // No recipient: refused, nothing written.
    assert!(matches!(
        s.export_report(m, &to("  "), out.path(), pdf, now()),
        Err(StoreError::Invalid(_))
    ));
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
    assert!(s.list_disclosures(table.id).unwrap().is_empty());

    let first = s
        .export_report(m, &to("Deelnemers van het overleg"), out.path(), pdf, now())
        .unwrap();
    assert_eq!(
        first.path.file_name().unwrap(),
        "besluitenverslag-2026-11-28-ANK.pdf"
    );
    assert_eq!(fs::read(&first.path).unwrap(), b"%PDF-fake draft=true");
    let second = s
        .export_report(m, &to("Procureur des Konings"), out.path(), pdf, now())
        .unwrap();
    assert_eq!(
        second.path.file_name().unwrap(),
        "besluitenverslag-2026-11-28-ANK-2.pdf",
        "an earlier export is never overwritten"
    );
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = fs::metadata(&second.path).unwrap().permissions().mode();
        assert_eq!(mode & 0o077, 0, "only the owner may read an export");
    }
    // No part files stay behind.
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 2);

    let ledger = s.list_disclosures(table.id).unwrap();
    assert_eq!(ledger.len(), 2);
    let line = ledger
        .iter()
        .find(|d| d.recipient == "Deelnemers van het overleg")
        .unwrap();
    assert_eq!(line.channel, Channel::Pdf);
    assert_eq!(line.file_name, "besluitenverslag-2026-11-28-ANK.pdf");
    assert_eq!(
        line.sha256,
        hex::encode(Sha256::digest(b"%PDF-fake draft=true"))
    );
    assert_eq!(line.actor, "Test Eigenaar");
    assert!(s
        .audit_for(&m.to_string())
        .unwrap()
        .iter()
        .any(|e| e.action == "disclosure.pdf" && e.subject == m.to_string()));

    // Approved: no longer a draft.
    s.advance_meeting(m, MeetingAction::ApproveReport, now())
        .unwrap();
    let third = s
        .export_report(m, &to("Deelnemers"), out.path(), pdf, now())
        .unwrap();
    assert_eq!(fs::read(&third.path).unwrap(), b"%PDF-fake draft=false");
}

#[test]
fn an_unwritable_folder_is_told_and_nothing_is_recorded() {
    let (_dir, mut s, table, _org, _case) = setup();
    let m = held_meeting(&mut s, table.id);
    s.advance_meeting(m, MeetingAction::Close, now()).unwrap();
    let out = tempfile::tempdir().unwrap();
    let file = out.path().join("not-a-folder");
    fs::write(&file, b"x").unwrap();
    let err = s
        .export_report(m, &to("Deelnemers"), &file, pdf, now())
        .unwrap_err();
    assert!(matches!(err, StoreError::Export { .. }), "{err:?}");
    assert!(s.list_disclosures(table.id).unwrap().is_empty());
    // A report that cannot be rendered writes nothing either.
    let out = tempfile::tempdir().unwrap();
    let failing = |_: &MeetingReport, _: bool| Err::<Vec<u8>, _>("no font");
    assert!(matches!(
        s.export_report(m, &to("Deelnemers"), out.path(), failing, now()),
        Err(StoreError::Render(_))
    ));
    assert_eq!(fs::read_dir(out.path()).unwrap().count(), 0);
    assert!(s.list_disclosures(table.id).unwrap().is_empty());
}

#[test]
fn the_ledger_is_append_only_and_prints_are_recorded() {
    let (_dir, mut s, table, _org, _case) = setup();
    let m = held_meeting(&mut s, table.id);
    assert!(s.record_print(m, &to("Deelnemers"), now()).is_err());
    s.advance_meeting(m, MeetingAction::Close, now()).unwrap();
    let d = s.record_print(m, &to("Deelnemers"), now()).unwrap();
    assert_eq!(d.channel, Channel::Print);
    assert_eq!(s.list_disclosures(table.id).unwrap(), vec![d]);
    assert!(s
        .conn
        .execute("UPDATE disclosure SET recipient = 'niemand'", [])
        .is_err());
    assert!(s.conn.execute("DELETE FROM disclosure", []).is_err());
}
