//! What a change does to a case document, in the rulebook's terms (`casustafel_domain::rights`):
//! the store checks these acts against the rights of whoever made the change — this device before a
//! local edit is saved, another device when its change arrives — so both follow one rule.

use std::collections::{BTreeMap, BTreeSet};

use casustafel_domain::rights::Act;

use super::{ActionDoc, CaseDoc};

/// The acts that turn `before` (`None`: the document did not exist here yet) into `after`.
/// `approved(meeting_id)` tells whether that meeting's report is approved.
pub fn case_acts(
    before: Option<&CaseDoc>,
    after: &CaseDoc,
    approved: impl Fn(&str) -> bool,
) -> BTreeSet<Act> {
    let mut acts = BTreeSet::new();
    let Some(before) = before else {
        acts.insert(Act::KeepRegister);
        return acts;
    };
    if before.case_id != after.case_id || before.register != after.register {
        acts.insert(Act::KeepRegister);
    }
    for meeting in changed_keys(&before.discussions, &after.discussions) {
        acts.insert(Act::WriteDiscussion {
            report_approved: approved(meeting),
        });
    }
    for id in changed_keys(&before.actions, &after.actions) {
        match (before.actions.get(id), after.actions.get(id)) {
            (Some(old), Some(new)) => action_acts(old, new, &approved, &mut acts),
            // Agreed or withdrawn.
            (old, new) => {
                let meeting = old.or(new).map_or("", |a| a.meeting_id.as_str());
                acts.insert(Act::AgreeAction {
                    report_approved: approved(meeting),
                });
            }
        }
    }
    acts
}

fn action_acts(
    old: &ActionDoc,
    new: &ActionDoc,
    approved: impl Fn(&str) -> bool,
    acts: &mut BTreeSet<Act>,
) {
    // Moved to another meeting: both meetings' records change.
    let agree = Act::AgreeAction {
        report_approved: approved(&old.meeting_id) || approved(&new.meeting_id),
    };
    let terms = |a: &ActionDoc| {
        (
            a.meeting_id.clone(),
            a.what.clone(),
            a.owner.clone(),
            a.owner_person.clone(),
            a.due.clone(),
            a.expected_feedback.clone(),
        )
    };
    if terms(old) != terms(new) {
        acts.insert(agree);
    }
    let report = match old.owner.parse() {
        Ok(owner) => Act::ReportOnAction { owner },
        // An owner that is no organisation: only those who run the table report on it.
        Err(_) => Act::RunTable,
    };
    if old.status != new.status {
        acts.insert(report);
    }
    for id in changed_keys(&old.progress, &new.progress) {
        if old.progress.contains_key(id) {
            acts.insert(Act::RewriteProgress);
        } else {
            acts.insert(report);
        }
    }
}

/// The keys whose value differs between `a` and `b` (present in one only, or changed).
fn changed_keys<'a, V: PartialEq>(
    a: &'a BTreeMap<String, V>,
    b: &'a BTreeMap<String, V>,
) -> impl Iterator<Item = &'a String> {
    let keys: BTreeSet<&String> = a.keys().chain(b.keys()).collect();
    keys.into_iter().filter(|k| a.get(*k) != b.get(*k))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{set_text, ProgressNote};
    use casustafel_domain::OrganisationId;

    const CAW: &str = "00000000-0000-0000-0000-000000000001";

    fn doc() -> CaseDoc {
        let mut c = CaseDoc {
            case_id: "case-1".into(),
            register: "{}".into(),
            ..CaseDoc::default()
        };
        c.discussions.insert("m1".into(), Default::default());
        c.actions.insert(
            "a1".into(),
            ActionDoc {
                meeting_id: "m1".into(),
                what: "Huisbezoek".into(),
                owner: CAW.into(),
                status: "open".into(),
                ..ActionDoc::default()
            },
        );
        c
    }

    fn acts_of(edit: impl FnOnce(&mut CaseDoc)) -> Vec<Act> {
        let before = doc();
        let mut after = before.clone();
        edit(&mut after);
        case_acts(Some(&before), &after, |m| m == "m-approved")
            .into_iter()
            .collect()
    }

    #[test]
    fn each_change_is_named_for_the_rulebook() {
        let caw = Act::ReportOnAction {
            owner: CAW.parse::<OrganisationId>().unwrap(),
        };
        let open = Act::WriteDiscussion {
            report_approved: false,
        };
        let agree = Act::AgreeAction {
            report_approved: false,
        };
        assert_eq!(acts_of(|_| {}), vec![]);
        assert_eq!(
            acts_of(|c| c.register = "{\"x\":1}".into()),
            vec![Act::KeepRegister]
        );
        assert_eq!(
            acts_of(|c| set_text(&mut c.discussions.get_mut("m1").unwrap().notes, "é")),
            vec![open]
        );
        assert_eq!(
            acts_of(|c| {
                c.discussions
                    .insert("m-approved".into(), Default::default());
            }),
            vec![Act::WriteDiscussion {
                report_approved: true
            }]
        );
        let a1 = |c: &mut CaseDoc| c.actions.get_mut("a1").unwrap().clone();
        assert_eq!(
            acts_of(|c| c.actions.get_mut("a1").unwrap().status = "done".into()),
            vec![caw]
        );
        let note = ProgressNote {
            at: "2026-12-02T10:00:00Z".into(),
            by: "Youssef".into(),
            text: "Gebeld 👋".into(),
        };
        assert_eq!(
            acts_of(|c| {
                c.actions
                    .get_mut("a1")
                    .unwrap()
                    .progress
                    .insert("n1".into(), note.clone());
            }),
            vec![caw]
        );
        assert_eq!(
            acts_of(|c| c.actions.get_mut("a1").unwrap().due = "2027-01-01".into()),
            vec![agree]
        );
        assert_eq!(
            acts_of(|c| {
                let mut a = a1(c);
                a.what = "Nieuw".into();
                c.actions.insert("a2".into(), a);
            }),
            vec![agree]
        );
        assert_eq!(
            acts_of(|c| {
                let mut a = a1(c);
                a.meeting_id = "m-approved".into();
                c.actions.insert("a2".into(), a);
            }),
            vec![Act::AgreeAction {
                report_approved: true
            }]
        );
        // A note already written: changed or removed is history rewritten.
        let mut with_note = doc();
        with_note
            .actions
            .get_mut("a1")
            .unwrap()
            .progress
            .insert("n1".into(), note);
        let mut changed = with_note.clone();
        changed
            .actions
            .get_mut("a1")
            .unwrap()
            .progress
            .get_mut("n1")
            .unwrap()
            .text = "Anders".into();
        let mut removed = with_note.clone();
        removed.actions.get_mut("a1").unwrap().progress.clear();
        for after in [changed, removed] {
            assert_eq!(
                case_acts(Some(&with_note), &after, |_| false)
                    .into_iter()
                    .collect::<Vec<_>>(),
                vec![Act::RewriteProgress]
            );
        }
        // A document that arrives for the first time is the register's.
        assert_eq!(
            case_acts(None, &doc(), |_| false)
                .into_iter()
                .collect::<Vec<_>>(),
            vec![Act::KeepRegister]
        );
    }
}
