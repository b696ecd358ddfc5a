//! What the decision report prints, in words: from the report content (domain) and the labels
//! translated by the UI. The PDF (crate `casustafel-report`) and the print view in the window both
//! show exactly this, so they cannot drift apart.

use casustafel_domain::format_date;
use casustafel_domain::meeting::{MeetingReport, ReportCase};
use serde::{Deserialize, Serialize};

use crate::dto::ReportLabels;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAction {
    pub what: String,
    pub owner: String,
    pub due: String,
    pub expected_feedback: String,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportItem {
    /// The pseudonymous case code.
    pub code: String,
    /// Risk, track, casusregisseur and next review as agreed, in one translated line; may be empty.
    pub follow_up: String,
    pub decision: String,
    pub actions: Vec<ReportAction>,
    /// What changed after the table approved the report, printed under the approved record.
    pub amendment: Option<ReportAmendment>,
}

/// The parts of a case's record that changed after the approval, as they stand now; a part that
/// did not change is `None` and is not printed again.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportAmendment {
    pub follow_up: Option<String>,
    pub decision: Option<String>,
    pub actions: Option<Vec<ReportAction>>,
}

/// Everything the report shows. There is deliberately no place for discussion notes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReportData {
    pub labels: ReportLabels,
    pub table_name: String,
    pub date: String,
    pub place: String,
    /// Set while the table has not approved the report: printed under the title in red.
    pub draft: Option<String>,
    /// To whom, when and by whom this copy was issued, so a copy found later can be traced.
    pub issued: String,
    /// (who, presence), already translated.
    pub attendance: Vec<(String, String)>,
    pub items: Vec<ReportItem>,
}

/// Who receives this copy, when, from whom: printed on the first page.
#[derive(Debug, Clone, Default)]
pub struct Issued {
    pub recipient: String,
    pub on: String,
    pub by: String,
}

fn term(labels: &ReportLabels, key: &str) -> String {
    labels
        .terms
        .get(key)
        .cloned()
        .unwrap_or_else(|| key.to_string())
}

fn follow_up(labels: &ReportLabels, c: &ReportCase) -> String {
    let mut parts = Vec::new();
    if let Some(r) = c.risk {
        parts.push(format!(
            "{}: {}",
            labels.risk,
            term(labels, &format!("risk-{}", r.code()))
        ));
    }
    if let Some(t) = c.track {
        parts.push(format!(
            "{}: {}",
            labels.track,
            term(labels, &format!("track-{}", t.code()))
        ));
    }
    if let Some(name) = &c.casusregisseur {
        parts.push(format!("{}: {name}", labels.regisseur));
    }
    if let Some(d) = c.next_review {
        parts.push(format!("{}: {}", labels.next_review, format_date(d)));
    }
    parts.join(" · ")
}

/// What the PDF prints. `draft`: the table has not approved the report yet.
pub fn report_data(
    report: &MeetingReport,
    labels: &ReportLabels,
    draft: bool,
    issued: &Issued,
) -> ReportData {
    ReportData {
        labels: labels.clone(),
        table_name: report.table_name.clone(),
        date: report.date.map(format_date).unwrap_or_default(),
        place: report.place.clone(),
        draft: draft.then(|| labels.draft.clone()),
        issued: if issued.recipient.trim().is_empty() {
            String::new()
        } else {
            format!(
                "{}: {} · {} · {} {}",
                labels.issued_to, issued.recipient, issued.on, labels.issued_by, issued.by
            )
        },
        attendance: report
            .attendance
            .iter()
            .map(|(name, org, presence)| {
                (
                    format!("{name} ({org})"),
                    term(labels, &format!("presence-{}", presence.code())),
                )
            })
            .collect(),
        items: report.items.iter().map(|c| item(labels, c)).collect(),
    }
}

fn item(labels: &ReportLabels, c: &ReportCase) -> ReportItem {
    let actions = |c: &ReportCase| -> Vec<ReportAction> {
        c.actions
            .iter()
            .map(|a| ReportAction {
                what: a.what.clone(),
                owner: a.owner.clone(),
                due: a.due.map(format_date).unwrap_or_default(),
                expected_feedback: a.expected_feedback.clone(),
            })
            .collect()
    };
    let approved = ReportItem {
        code: c.code.clone(),
        follow_up: follow_up(labels, c),
        decision: c.decision.clone(),
        actions: actions(c),
        amendment: None,
    };
    let amendment = c.amendment.as_deref().map(|now| {
        let changed = |before: &String, after: String| (*before != after).then_some(after);
        ReportAmendment {
            // A follow-up cleared since is said, not left blank.
            follow_up: changed(&approved.follow_up, follow_up(labels, now)).map(|f| {
                if f.is_empty() {
                    "—".into()
                } else {
                    f
                }
            }),
            decision: changed(&approved.decision, now.decision.clone()),
            actions: Some(actions(now)).filter(|a| *a != approved.actions),
        }
    });
    ReportItem {
        amendment,
        ..approved
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casustafel_domain::case::{RiskLevel, Track};
    use casustafel_domain::meeting::Presence;

    #[test]
    fn codes_become_the_given_words_and_draft_and_issue_are_shown() {
        let mut labels = ReportLabels {
            draft: "ONTWERP".into(),
            issued_to: "Verstrekt aan".into(),
            issued_by: "door".into(),
            risk: "Risico".into(),
            track: "Spoor".into(),
            regisseur: "Casusregisseur".into(),
            next_review: "Volgende bespreking".into(),
            ..ReportLabels::default()
        };
        labels
            .terms
            .insert("presence-excused".into(), "verontschuldigd".into());
        labels.terms.insert("risk-red".into(), "hoog".into());
        let report = MeetingReport {
            table_name: "Tafel".into(),
            date: chrono::NaiveDate::from_ymd_opt(2026, 3, 12),
            place: "Raadzaal".into(),
            attendance: vec![("An".into(), "CAW".into(), Presence::Excused)],
            items: vec![ReportCase {
                code: "ZON-2026-001".into(),
                risk: Some(RiskLevel::Red),
                track: Some(Track::ChainApproach),
                casusregisseur: Some("Bart".into()),
                next_review: chrono::NaiveDate::from_ymd_opt(2026, 4, 9),
                amendment: Some(Box::new(ReportCase {
                    decision: "Later gewijzigd: één huisbezoek".into(),
                    risk: Some(RiskLevel::Red),
                    ..ReportCase::default()
                })),
                ..ReportCase::default()
            }],
        };
        let issued = Issued {
            recipient: "Deelnemers".into(),
            on: "12/03/2026".into(),
            by: "Els".into(),
        };
        let d = report_data(&report, &labels, true, &issued);
        assert_eq!(d.draft.as_deref(), Some("ONTWERP"));
        assert_eq!(d.date, "12/03/2026");
        assert_eq!(
            d.attendance,
            vec![("An (CAW)".to_string(), "verontschuldigd".to_string())]
        );
        assert_eq!(
            d.items[0].follow_up,
            format!(
                "Risico: hoog · Spoor: track-{} · Casusregisseur: Bart · Volgende bespreking: 09/04/2026",
                Track::ChainApproach.code()
            ),
            "a missing word falls back to its key rather than to nothing"
        );
        let amended = d.items[0]
            .amendment
            .as_ref()
            .expect("the amendment is printed");
        assert_eq!(
            amended.decision.as_deref(),
            Some("Later gewijzigd: één huisbezoek")
        );
        assert_eq!(amended.follow_up.as_deref(), Some("Risico: hoog"));
        assert_eq!(amended.actions, None, "the actions did not change");
        assert_eq!(
            d.issued,
            "Verstrekt aan: Deelnemers · 12/03/2026 · door Els"
        );
        assert!(report_data(&report, &labels, false, &issued)
            .draft
            .is_none());
    }
}
