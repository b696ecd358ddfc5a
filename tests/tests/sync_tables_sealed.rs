//! Tables are sealed from each other. The OCMW partner of the LIVC-R table (T1) also chairs a table
//! of its own (T2), to which the CAW participant's device belongs too. As T2's chair its device may
//! hand keys and write every document of T2 — and a tampered copy of its app uses that to write into
//! T1 on the CAW device: a case of T1 (rewriting CAW's action) and T1's table document (making its
//! own device T1's chair), and T2's table document (renaming CAW, the partner both tables share, and
//! saying it is not bound by professional secrecy) and T2's register (an entry that claims T1's
//! case as T2's, under another code). Nothing of it changes anything on the CAW device: every such file is set
//! aside as belonging to another table, and T1 goes on syncing as before.

use casustafel_api::sync::SetAsideReason;
use casustafel_domain::participant::{ParticipantDraft, Role};
use casustafel_domain::{LegalBasisKind, Municipality, TableDraft, TableId, TableKind};
use casustafel_live::folder::FolderSync;
use casustafel_store::Store;
use casustafel_sync::DocRef;
use casustafel_tests::SharedCase;

const PASS: &str = "een lange proefzin voor verzegelde tafels";
const FORGED: &str = "Dossier afsluiten — beslist door wie?";

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn unlock(dir: &std::path::Path) -> Store {
    casustafel_tests::unlock(dir, PASS)
}

/// The OCMW device's own table, shared into `folder`, with the CAW participant's device admitted.
fn second_table(ocmw: &mut Store, caw: &mut Store, folder: &std::path::Path) -> TableId {
    let today = now().date_naive();
    let phenomenon = ocmw.list_phenomena().expect("phenomena")[0].id;
    let table = ocmw
        .create_table(
            &TableDraft {
                name: "Jeugdoverlast Zonnedijk".into(),
                kind: Some(TableKind::Other),
                municipalities: vec![Municipality {
                    nis_code: "45991".into(),
                    name: "Zonnedijk".into(),
                }],
                legal_basis_kind: Some(LegalBasisKind::Decree),
                legal_basis_reference: "Samenwerkingsprotocol jeugd".into(),
                legal_basis_date: "01/01/2026".into(),
                legal_basis_expiry: String::new(),
                finality: "Overleg over jongeren die overlast veroorzaken".into(),
                case_prefix: "JO".into(),
                modalities: "Maandelijks".into(),
                admission_criteria: "Herhaalde overlast".into(),
                phenomena: vec![phenomenon],
                retention_months: "12".into(),
                cadence_weeks: String::new(),
            },
            now(),
        )
        .expect("second table")
        .id;
    let caw_org = casustafel_tests::organisation(ocmw, "CAW");
    let youssef = ocmw
        .add_participant(
            table,
            &ParticipantDraft {
                name: "Youssef El Amrani".into(),
                organisation_id: Some(caw_org),
                role: Some(Role::Member),
                protocol_signed_on: casustafel_domain::format_date(today),
                protocol_version: "1".into(),
                active_from: casustafel_domain::format_date(today),
                active_to: String::new(),
                cases: vec![],
            },
        )
        .expect("participant")
        .id;
    ocmw.share_table(table, folder, now()).expect("share");
    let code = ocmw.invite(table, youssef, now()).expect("invite").code;
    let fp = caw
        .join_table(&code, folder, "Youssef El Amrani", now())
        .expect("join");
    ocmw.sync_now(table, now()).expect("request");
    ocmw.admit_device(table, &fp, now()).expect("admit");
    let chair_fp = ocmw.device_fingerprint().expect("fingerprint");
    casustafel_tests::accept_welcome(caw, &chair_fp, now());
    for _ in 0..2 {
        for (_, r) in caw.sync_all(now()).expect("caw") {
            r.expect("caw pass");
        }
        ocmw.sync_now(table, now()).expect("ocmw T2");
    }
    assert!(
        caw.sync_tables().expect("tables").contains(&table),
        "the CAW device sits at both tables"
    );
    table
}

fn set_aside(store: &Store, table: TableId) -> Vec<SetAsideReason> {
    store
        .sync_status(table)
        .expect("status")
        .warnings
        .into_iter()
        .map(|w| w.reason)
        .collect()
}

#[test]
fn the_chair_of_another_table_writes_nothing_into_this_one() {
    let shared = SharedCase::new(PASS);
    let t1 = shared.table;
    let folder2 = shared.root.path().join("map-jeugd");
    std::fs::create_dir_all(&folder2).expect("folder");
    let mut caw = unlock(&shared.dirs[1]);
    let mut ocmw = unlock(&shared.dirs[2]);
    let t2 = second_table(&mut ocmw, &mut caw, &folder2);

    let action = shared.action.to_string();
    let before = caw.case_document(shared.case).expect("doc").expect("held");
    let access_before = caw.sync_access(t1).expect("access");
    let partners_before = caw.list_organisations().expect("partners");
    let case_before = caw.get_case(shared.case).expect("the case");
    let ocmw_device = ocmw.sync_keys().expect("keys").id();
    assert_eq!(
        access_before.members.get(&ocmw_device).map(|m| m.role),
        Some(Role::Member)
    );

    // The tampered app: CAW's action rewritten in T1's case, itself made chair of T1, both sent to
    // the members of T2 (its own table, where it hands out the keys).
    ocmw.forge_table_edit(
        t2,
        |d| {
            for v in d.organisations.values_mut() {
                let mut org: serde_json::Value = serde_json::from_str(v).expect("partner");
                if org["name"].as_str().is_some_and(|n| n.contains("CAW")) {
                    org["name"] = "CAW — niet gebonden".into();
                    org["bound_by_secrecy"] = false.into();
                }
                *v = org.to_string();
            }
        },
        now(),
    )
    .expect("forged partner");
    // Its own register, with an entry that claims T1's case as T2's.
    let t1_entry = {
        let doc = ocmw
            .forge_register_read(t1)
            .expect("T1's register on the OCMW device");
        doc.cases
            .get(&shared.case.to_string())
            .cloned()
            .expect("the case's entry")
    };
    ocmw.forge_register_edit(
        t2,
        |d| {
            let mut entry: serde_json::Value = serde_json::from_str(&t1_entry).expect("entry");
            entry["case"]["table_id"] = t2.to_string().into();
            entry["case"]["code"] = "JO-2026-666".into();
            d.cases.insert(shared.case.to_string(), entry.to_string());
        },
        now(),
    )
    .expect("forged register");
    ocmw.forge_case_edit(
        shared.case,
        |d| {
            let a = d.actions.get_mut(&action).expect("CAW's action");
            a.what = FORGED.into();
            a.status = "done".into();
        },
        now(),
    )
    .expect("forged case");
    ocmw.forge_table_edit(
        t1,
        |d| {
            for v in d.devices.values_mut() {
                let mut record: serde_json::Value = serde_json::from_str(v).expect("record");
                if record["member"]["role"] == "member" {
                    record["member"]["role"] = "chair".into();
                }
                *v = record.to_string();
            }
        },
        now(),
    )
    .expect("forged table");
    ocmw.forge_export_via(t2, DocRef::Case(shared.case))
        .expect("export case");
    ocmw.forge_export_via(t2, DocRef::Table(t1))
        .expect("export table");
    ocmw.forge_export_via(t2, DocRef::Table(t2))
        .expect("export partners");
    ocmw.forge_export_via(t2, DocRef::Register(t2))
        .expect("export register");
    // Written straight into the folder (an honest pass would first put the table document back
    // as its own register says).
    let share = casustafel_folder::SharedFolder::open(&folder2).expect("folder");
    for f in ocmw.outbox(t2).expect("outbox") {
        share.write(&f).expect("write");
    }

    for _ in 0..2 {
        for (_, r) in caw.sync_all(now()).expect("sync") {
            r.expect("pass");
        }
    }

    let after = caw.case_document(shared.case).expect("doc").expect("held");
    assert_eq!(
        after.actions.get(&action),
        before.actions.get(&action),
        "T2's chair rewrote an action of T1"
    );
    let access_after = caw.sync_access(t1).expect("access");
    assert_eq!(
        access_after, access_before,
        "T2's chair changed who may do what at T1"
    );
    assert_eq!(
        caw.list_organisations().expect("partners"),
        partners_before,
        "T2's chair renamed a partner of T1"
    );
    let case_after = caw.get_case(shared.case).expect("the case");
    assert_eq!(
        (case_after.code, case_after.table_id),
        (case_before.code, case_before.table_id),
        "T2's register rewrote T1's case"
    );
    let reasons = set_aside(&caw, t2);
    assert!(
        reasons.contains(&SetAsideReason::OtherTable),
        "the CAW device says why: {reasons:?}"
    );
    assert!(set_aside(&caw, t1).is_empty(), "nothing wrong at T1 itself");

    // T1 goes on as before: a note of the chair reaches the CAW device.
    drop(ocmw);
    let mut chair = unlock(&shared.dirs[0]);
    let note = "Gesprek met de school: ça va mieux, één keer te laat 🙂 شكرا";
    casustafel_tests::add_progress_note(&mut chair, shared.action, note, now());
    chair.sync_now(t1, now()).expect("chair T1");
    caw.sync_now(t1, now()).expect("caw T1");
    assert!(
        casustafel_tests::action_notes(&caw, shared.case, shared.action).contains(note),
        "T1 still syncs"
    );
}
