//! What the decision report says of a case in one meeting: its decision, the follow-up agreed and
//! the actions agreed, and nothing of the confidential notes. When the table approves a report the
//! record of every case on its agenda is kept in the meeting document, so that a later change that
//! still reaches the record (an edit made on a device that had not seen the approval yet) shows
//! as an amendment, never as if it had been approved.

use std::collections::BTreeMap;

use autosurgeon::{Hydrate, Reconcile};

use super::CaseDoc;

/// A case's record in one meeting, as the report prints it.
#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct CaseRecord {
    pub decision: String,
    pub risk: Option<String>,
    pub track: Option<String>,
    /// Participant id.
    pub casusregisseur: Option<String>,
    /// ISO date.
    pub next_review: Option<String>,
    /// The actions agreed in the meeting, by action id.
    pub actions: BTreeMap<String, AgreedAction>,
}

/// An action as agreed: what the report prints of it. Its status and progress are not the
/// record: they move on after the report is approved.
#[derive(Debug, Clone, PartialEq, Eq, Default, Reconcile, Hydrate)]
pub struct AgreedAction {
    pub what: String,
    /// Organisation id.
    pub owner: String,
    pub owner_person: String,
    /// ISO date.
    pub due: String,
    pub expected_feedback: String,
}

impl CaseDoc {
    /// This case's record in `meeting`: empty when the meeting did not discuss it.
    pub fn record(&self, meeting: &str) -> CaseRecord {
        let discussion = self.discussions.get(meeting);
        CaseRecord {
            decision: discussion
                .map(|d| d.decision.as_str().to_string())
                .unwrap_or_default(),
            risk: discussion.and_then(|d| d.risk.clone()),
            track: discussion.and_then(|d| d.track.clone()),
            casusregisseur: discussion.and_then(|d| d.casusregisseur.clone()),
            next_review: discussion.and_then(|d| d.next_review.clone()),
            actions: self
                .actions
                .iter()
                .filter(|(_, a)| a.meeting_id == meeting)
                .map(|(id, a)| {
                    (
                        id.clone(),
                        AgreedAction {
                            what: a.what.clone(),
                            owner: a.owner.clone(),
                            owner_person: a.owner_person.clone(),
                            due: a.due.clone(),
                            expected_feedback: a.expected_feedback.clone(),
                        },
                    )
                })
                .collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{set_text, ActionDoc, Discussion, ProgressNote};

    fn case() -> CaseDoc {
        let mut doc = CaseDoc::default();
        let mut d = Discussion::default();
        set_text(&mut d.notes, "Vertrouwelijk: niet in het verslag");
        set_text(
            &mut d.decision,
            "Huisbezoek door de wijkagent, café één keer 👋",
        );
        d.risk = Some("orange".into());
        doc.discussions.insert("m1".into(), d);
        doc.discussions.insert("m0".into(), Discussion::default());
        for (id, meeting) in [("a1", "m1"), ("a0", "m0")] {
            doc.actions.insert(
                id.into(),
                ActionDoc {
                    meeting_id: meeting.into(),
                    what: format!("Afspraak {id}"),
                    owner: "caw".into(),
                    status: "open".into(),
                    ..Default::default()
                },
            );
        }
        doc
    }

    #[test]
    fn the_record_holds_the_decision_and_the_actions_of_that_meeting_only() {
        let doc = case();
        let r = doc.record("m1");
        assert_eq!(r.decision, "Huisbezoek door de wijkagent, café één keer 👋");
        assert_eq!(r.risk.as_deref(), Some("orange"));
        assert_eq!(r.actions.keys().collect::<Vec<_>>(), ["a1"]);
        assert_eq!(doc.record("m-elders"), CaseRecord::default());
    }

    #[test]
    fn reporting_on_an_action_does_not_change_the_record() {
        let mut doc = case();
        let before = doc.record("m1");
        let a = doc.actions.get_mut("a1").expect("action");
        a.status = "done".into();
        a.progress.insert(
            "n1".into(),
            ProgressNote {
                at: "2026-12-04T10:00:00Z".into(),
                by: "CAW".into(),
                text: "Afgerond".into(),
            },
        );
        assert_eq!(doc.record("m1"), before);
        doc.actions.get_mut("a1").expect("action").due = "2026-12-24".into();
        assert_ne!(doc.record("m1"), before);
    }
}
