//! The rulebook (`casustafel_domain::rights`) as a table of who may do what, checked for every row on
//! three devices sharing case 001 — the chair's, CAW's (a partner that owns the action) and OCMW's (a
//! partner that does not):
//! - the device's own store allows the row or refuses it with the rule's error;
//! - what the store refuses, a tampered copy of the app writes anyway (`forge_case_edit`) and syncs:
//!   the other devices apply none of it (those that did not tamper themselves also say they set it
//!   aside as not allowed), while what the rule allows reaches them.

use casustafel_docs::{CaseDoc, ProgressNote};
use casustafel_domain::meeting::{ActionDraft, ActionStatus};
use casustafel_domain::rights::Act;
use casustafel_domain::{ActionId, CaseId, MeetingId, OrganisationId};
use casustafel_store::{Profile, Store, StoreError, SyncProblem};
use casustafel_tests::{open_meeting_today, sync_rounds, SharedCase};

const PASS: &str = "een lange proefzin voor de regels";
const WHO: [&str; 3] = ["voorzitter", "CAW", "OCMW"];

/// What a row acts on.
struct Ctx {
    case: CaseId,
    meeting: MeetingId,
    action: ActionId,
    caw: OrganisationId,
}

/// Through the store, as the app does it; `None` where the store offers no such operation.
type ByStore = Option<fn(&mut Store, &Ctx, &str) -> Result<(), StoreError>>;

struct Row {
    what: &'static str,
    /// Allowed for the chair, CAW and OCMW (`None`: not tried from that device).
    allowed: [Option<bool>; 3],
    by_store: ByStore,
    /// The same edit, written directly into the document by a tampered app.
    forge: fn(&mut CaseDoc, &Ctx, &str),
    /// Whether a device's document holds the edit made with `marker`.
    holds: fn(&CaseDoc, &Ctx, &str) -> bool,
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            what: "the confidential notes and the decision",
            allowed: [Some(true), Some(false), Some(false)],
            by_store: Some(|s, c, m| {
                s.save_discussion(c.meeting, c.case, &format!("Voorbereid {m}"), m, now())
            }),
            forge: |d, c, m| {
                // Appended, as typing on would: concurrent edits then keep each text whole.
                let d = d.discussions.entry(c.meeting.to_string()).or_default();
                let notes = format!("{} {m}", d.notes.as_str());
                casustafel_docs::set_text(&mut d.notes, &notes);
            },
            holds: |d, c, m| {
                d.discussions
                    .get(&c.meeting.to_string())
                    .is_some_and(|d| d.notes.as_str().contains(m))
            },
        },
        Row {
            what: "agreeing an action",
            allowed: [Some(true), Some(false), Some(false)],
            by_store: Some(|s, c, m| {
                s.add_action(
                    c.case,
                    c.meeting,
                    &ActionDraft {
                        what: m.into(),
                        owner: Some(c.caw),
                        owner_person: String::new(),
                        due: casustafel_domain::format_date(today() + chrono::Duration::days(7)),
                        expected_feedback: String::new(),
                    },
                    today(),
                    now(),
                )
                .map(|_| ())
            }),
            forge: |d, c, m| {
                d.actions.insert(
                    format!("nieuw-{m}"),
                    casustafel_docs::ActionDoc {
                        meeting_id: c.meeting.to_string(),
                        what: m.into(),
                        owner: c.caw.to_string(),
                        due: today().to_string(),
                        status: "open".into(),
                        ..Default::default()
                    },
                );
            },
            holds: |d, _, m| d.actions.values().any(|a| a.what == m),
        },
        Row {
            what: "changing what was agreed",
            allowed: [None, Some(false), Some(false)],
            by_store: None,
            forge: |d, c, m| {
                if let Some(a) = d.actions.get_mut(&c.action.to_string()) {
                    a.what = m.into();
                }
            },
            holds: |d, c, m| d.actions[&c.action.to_string()].what == m,
        },
        Row {
            what: "a progress note on CAW's action",
            allowed: [Some(true), Some(true), Some(false)],
            by_store: Some(|s, c, m| {
                s.update_action(c.action, ActionStatus::InProgress, m, now())
                    .map(|_| ())
            }),
            forge: |d, c, m| {
                if let Some(a) = d.actions.get_mut(&c.action.to_string()) {
                    a.progress.insert(
                        format!("nota-{m}"),
                        ProgressNote {
                            at: now().to_rfc3339(),
                            by: "?".into(),
                            text: m.into(),
                        },
                    );
                }
            },
            holds: has_note,
        },
        Row {
            what: "rewriting a progress note already written",
            allowed: [Some(false), Some(false), Some(false)],
            by_store: None,
            forge: |d, c, m| {
                if let Some(a) = d.actions.get_mut(&c.action.to_string()) {
                    for p in a.progress.values_mut() {
                        p.text = m.into();
                    }
                }
            },
            holds: has_note,
        },
        Row {
            what: "the case's register entry",
            allowed: [None, Some(false), Some(false)],
            by_store: None,
            forge: |d, _, m| d.register = format!("{{\"vervalst\":\"{m}\"}}"),
            holds: |d, _, m| d.register.contains(m),
        },
    ]
}

/// Whether CAW's action has a progress note reading `m`.
fn has_note(d: &CaseDoc, c: &Ctx, m: &str) -> bool {
    d.actions[&c.action.to_string()]
        .progress
        .values()
        .any(|p| p.text == m)
}

fn now() -> chrono::DateTime<chrono::Utc> {
    chrono::Utc::now()
}

fn today() -> chrono::NaiveDate {
    now().date_naive()
}

fn open(shared: &SharedCase, i: usize) -> Store {
    Profile::new(&shared.dirs[i]).unlock(PASS).expect("unlock")
}

#[test]
fn who_may_do_what_is_one_rule_for_the_store_and_on_receipt() {
    for row in rows() {
        let shared = SharedCase::new(PASS);
        let mut stores = [open(&shared, 0), open(&shared, 1), open(&shared, 2)];
        let meeting = open_meeting_today(&mut stores[0], shared.table, now());
        let caw = casustafel_tests::organisation(&stores[0], "CAW");
        let ctx = Ctx {
            case: shared.case,
            meeting,
            action: shared.action,
            caw,
        };
        // Notes begun (so that a forged edit changes the same text rather than a new entry that
        // would hide it as a conflict) and a note already written, to rewrite.
        stores[0]
            .save_discussion(ctx.meeting, ctx.case, "Voorbereid", "", now())
            .expect("notes begun");
        stores[0]
            .update_action(ctx.action, ActionStatus::InProgress, "Eerste nota", now())
            .expect("first note");
        sync_rounds(&mut stores, 2, now());

        let marker = |i: usize| format!("{} — {} é 👋 مرحبا", row.what, WHO[i]);
        for (i, allowed) in row.allowed.iter().enumerate() {
            let Some(allowed) = *allowed else { continue };
            let m = marker(i);
            let by_store = row.by_store.map(|f| f(&mut stores[i], &ctx, &m));
            match (&by_store, allowed) {
                (Some(Ok(())), true) | (None, false) => {}
                (Some(Err(e)), false) => assert!(
                    matches!(
                        e,
                        StoreError::Sync(SyncProblem::NotChair) | StoreError::NotAllowed(_)
                    ),
                    "{}: {} refused with the wrong error {e:?}",
                    row.what,
                    WHO[i]
                ),
                (got, _) => panic!("{}: {} by the store: {got:?}", row.what, WHO[i]),
            }
            if !allowed {
                stores[i]
                    .forge_case_edit(ctx.case, |d| (row.forge)(d, &ctx, &m), now())
                    .expect("forge");
            }
        }
        sync_rounds(&mut stores, 3, now());

        for (i, allowed) in row.allowed.iter().enumerate() {
            let Some(allowed) = *allowed else { continue };
            for (j, receiver) in stores.iter().enumerate().filter(|(j, _)| *j != i) {
                let doc = receiver
                    .case_document(ctx.case)
                    .expect("doc")
                    .expect("case");
                assert_eq!(
                    (row.holds)(&doc, &ctx, &marker(i)),
                    allowed,
                    "{}: by {}, as {} holds it",
                    row.what,
                    WHO[i],
                    WHO[j]
                );
                if !allowed && row.allowed[j] != Some(false) {
                    let warnings = receiver.sync_status(shared.table).expect("status").warnings;
                    assert!(
                        warnings
                            .iter()
                            .any(|w| w.reason == casustafel_api::sync::SetAsideReason::NotAllowed),
                        "{}: {} sets aside what {} did: {warnings:?}",
                        row.what,
                        WHO[j],
                        WHO[i]
                    );
                }
            }
        }
    }
}

/// Once the table approved a meeting's report, the record of that meeting stays what the report
/// says: the chair's store refuses a new decision, follow-up or action in it; actions agreed then
/// are still reported on.
#[test]
fn an_approved_report_freezes_its_meeting_record() {
    let shared = SharedCase::new(PASS);
    let mut chair = open(&shared, 0);
    let approved = chair
        .list_meetings(shared.table)
        .expect("meetings")
        .into_iter()
        .find(|m| m.status == casustafel_domain::meeting::MeetingStatus::ReportApproved)
        .expect("the demo's approved meeting")
        .id;
    let frozen = Act::WriteDiscussion {
        report_approved: true,
    };
    let before = chair.discussion(approved, shared.case).expect("discussion");
    assert!(matches!(
        chair.save_discussion(approved, shared.case, "Nieuw", "Ander besluit", now()),
        Err(StoreError::NotAllowed(a)) if a == frozen
    ));
    assert_eq!(
        chair.discussion(approved, shared.case).expect("discussion"),
        before
    );
    let caw = chair.list_organisations().expect("orgs")[0].id;
    assert!(matches!(
        chair.add_action(
            shared.case,
            approved,
            &ActionDraft {
                what: "Te laat".into(),
                owner: Some(caw),
                owner_person: String::new(),
                due: casustafel_domain::format_date(today() + chrono::Duration::days(3)),
                expected_feedback: String::new(),
            },
            today(),
            now(),
        ),
        Err(StoreError::NotAllowed(Act::AgreeAction {
            report_approved: true
        }))
    ));
    chair
        .update_action(
            shared.action,
            ActionStatus::Done,
            "Afgerond, café gesloten",
            now(),
        )
        .expect("an action agreed then is still reported on");
}
