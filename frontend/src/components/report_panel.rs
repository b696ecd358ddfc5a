//! After the meeting: the decision report (besluitenverslag). The chair approves it, saves it as a
//! PDF or prints it from the print view; each copy names its recipient and is recorded in the
//! disclosure ledger before it leaves. The report never holds the confidential notes.

use casustafel_api::report::{ReportAction, ReportData};
use casustafel_api::{ExportedReport, ReportLabels};
use casustafel_domain::case::{RiskLevel, Track};
use casustafel_domain::meeting::{MeetingAction, MeetingStatus, MeetingView, Presence};
use casustafel_domain::{Field as F, Lang};
use yew::prelude::*;

use crate::api;
use crate::components::field::{errors_for, general_error, Field};
use crate::components::form::{text, Form};
use crate::i18n::I18n;
use crate::load::{use_load, use_submit};

/// The report's fixed texts in the UI's language.
pub fn report_labels(i18n: &I18n) -> ReportLabels {
    let mut terms = std::collections::BTreeMap::new();
    let keys = Presence::ALL
        .iter()
        .map(|p| format!("presence-{}", p.code()))
        .chain(RiskLevel::ALL.iter().map(|r| format!("risk-{}", r.code())))
        .chain(Track::ALL.iter().map(|t| format!("track-{}", t.code())));
    for key in keys {
        let word = i18n.t(&key);
        terms.insert(key, word);
    }
    ReportLabels {
        title: i18n.t("report-title"),
        confidential: i18n.t("report-confidential"),
        draft: i18n.t("report-draft"),
        issued_to: i18n.t("report-issued-to"),
        issued_by: i18n.t("report-issued-by"),
        attendance: i18n.t("meeting-attendance"),
        decisions: i18n.t("report-decisions"),
        decision: i18n.t("discussion-decision"),
        risk: i18n.t("case-risk"),
        track: i18n.t("case-track"),
        regisseur: i18n.t("case-regisseur"),
        next_review: i18n.t("case-next-review"),
        actions: i18n.t("report-actions"),
        no_actions: i18n.t("report-no-actions"),
        owner: i18n.t("report-owner"),
        due: i18n.t("report-due"),
        feedback: i18n.t("report-feedback"),
        page: i18n.t("report-page"),
        amended: i18n.t("report-amended"),
        terms,
    }
}

#[derive(Debug, Properties, PartialEq)]
pub struct ReportPanelProps {
    pub view: MeetingView,
    pub on_changed: Callback<()>,
    /// The report is approved here (on the device that keeps the register); elsewhere it is only
    /// saved or printed.
    pub approves: bool,
}

#[function_component(ReportPanel)]
pub fn report_panel(p: &ReportPanelProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let recipient = use_reducer(Form::<String>::default);
    let exported = use_state(|| None::<ExportedReport>);
    // Where the report is saved: said before the button is pressed.
    let folder = use_load((), |_| api::export_folder());
    let preview = use_state(|| None::<ReportData>);
    let printed = use_state(|| false);
    let m = &p.view.meeting;
    let id = m.id;
    let approve = use_submit(
        move |()| api::advance_meeting(id, MeetingAction::ApproveReport),
        p.on_changed.reform(|_| ()),
    );
    let export = {
        let exported = exported.clone();
        use_submit(
            move |(to, labels)| api::export_report(id, to, labels),
            Callback::from(move |x| exported.set(Some(x))),
        )
    };
    let show = {
        let preview = preview.clone();
        use_submit(
            move |(to, labels)| api::preview_report(id, to, labels),
            Callback::from(move |r| preview.set(Some(r))),
        )
    };
    // Recorded first: a copy never leaves without its line in the ledger.
    let print = {
        let printed = printed.clone();
        use_submit(
            move |to| api::record_print(id, to),
            Callback::from(move |_| {
                printed.set(true);
                if let Some(w) = web_sys::window() {
                    let _ = w.print();
                }
            }),
        )
    };
    // The four sends share the recipient field: the error shown is the last one pressed's.
    let last = use_state(|| 0usize);
    let pressed = |n: usize| {
        let last = last.clone();
        move || last.set(n)
    };
    let with_recipient = |n: usize, send: &Callback<(String, ReportLabels)>| {
        let (recipient, labels, send, pressed) = (
            recipient.clone(),
            report_labels(&i18n),
            send.clone(),
            pressed(n),
        );
        move || {
            pressed();
            send.emit((recipient.0.clone(), labels.clone()))
        }
    };
    let on_approve = {
        let (send, pressed) = (approve.send.clone(), pressed(0));
        Callback::from(move |_| {
            pressed();
            send.emit(())
        })
    };
    let on_export = {
        let send = with_recipient(1, &export.send);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            send();
        })
    };
    let on_preview = {
        let send = with_recipient(2, &show.send);
        Callback::from(move |_| send())
    };
    let on_print = {
        let (recipient, send, pressed) = (recipient.clone(), print.send.clone(), pressed(3));
        Callback::from(move |_| {
            pressed();
            send.emit(recipient.0.clone())
        })
    };
    let error = [&approve.error, &export.error, &show.error, &print.error][*last];
    let recipient_errors = errors_for(&i18n, error, F::Recipient);
    let draft = m.status == MeetingStatus::Held;
    html! {
        <div class="card report-panel" id="report-panel">
            <h3>{ i18n.t("report-title") }</h3>
            if draft && p.approves {
                <p class="hint">{ i18n.t("report-draft-hint") }</p>
                <div class="actions start">
                    <button type="button" id="report-approve" class="secondary" disabled={approve.busy} onclick={on_approve}>{ i18n.t("report-approve") }</button>
                </div>
            } else if !draft {
                <p class="hint" id="report-approved">{ i18n.t("report-approved") }</p>
            }
            <form class="form" id="report-form" onsubmit={on_export} novalidate=true>
                <Field id="report-recipient" label={i18n.t("report-recipient")} hint={i18n.t("report-recipient-hint")}
                    value={recipient.0.clone()} oninput={text(&recipient, |r, v| *r = v)}
                    errors={recipient_errors} />
                { folder.view("report-folder", |f: &String| html! {
                    <p class="hint">{ i18n.t_args("report-folder", &[("folder", f.as_str().into())]) }</p>
                }) }
                <div class="actions start">
                    <button type="submit" id="report-export" class="primary" disabled={export.busy}>{ i18n.t("report-export") }</button>
                    <button type="button" id="report-preview" class="secondary" onclick={on_preview}>{ i18n.t("report-print-view") }</button>
                </div>
            </form>
            <div>
                if let Some(x) = exported.as_ref() {
                    <p class="notice ok" id="report-exported" role="status">{ i18n.t_args("report-exported", &[("path", x.path.as_str().into())]) }</p>
                }
                if *printed {
                    <p class="notice ok" id="report-printed" role="status">{ i18n.t("report-printed") }</p>
                }
                { general_error(&i18n, error) }
            </div>
            if let Some(r) = preview.as_ref() {
                <PrintView report={r.clone()} {on_print} />
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct PrintProps {
    report: ReportData,
    on_print: Callback<MouseEvent>,
}

/// The report as it prints: the same words as the PDF. Print styles hide everything else.
#[function_component(PrintView)]
fn print_view(p: &PrintProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let r = &p.report;
    let l = &r.labels;
    html! {
        <div id="print-view">
            <div class="actions start no-print">
                <button type="button" id="report-print" class="primary" onclick={p.on_print.clone()}>{ i18n.t("report-print") }</button>
            </div>
            <article class="print-page" id="print-page">
                <p class="confidential">{ &l.confidential }</p>
                <h1>{ &l.title }</h1>
                <p class="strong">{ &r.table_name }</p>
                <p>{ format!("{} — {}", r.date, r.place) }</p>
                if let Some(draft) = &r.draft {
                    <p class="confidential">{ draft }</p>
                }
                if !r.issued.is_empty() {
                    <p class="small">{ &r.issued }</p>
                }
                <h2>{ &l.attendance }</h2>
                <ul>
                    { for r.attendance.iter().map(|(who, presence)| html! { <li>{ format!("{who}: {presence}") }</li> }) }
                </ul>
                <h2>{ &l.decisions }</h2>
                { for r.items.iter().map(|c| html! {
                    <section class="print-case">
                        <h3>{ &c.code }</h3>
                        { record(l, (Some(&c.follow_up), Some(&c.decision), Some(&c.actions))) }
                        if let Some(a) = &c.amendment {
                            <div class="amendment">
                                <p class="confidential">{ &l.amended }</p>
                                { record(l, (a.follow_up.as_ref(), a.decision.as_ref(), a.actions.as_ref())) }
                            </div>
                        }
                    </section>
                }) }
            </article>
        </div>
    }
}

/// A case's follow-up, decision and actions, as the PDF prints them; a part that is `None` is
/// left out (an amendment shows only what changed).
type Parts<'a> = (
    Option<&'a String>,
    Option<&'a String>,
    Option<&'a Vec<ReportAction>>,
);

fn record(l: &ReportLabels, (follow_up, decision, actions): Parts<'_>) -> Html {
    html! {
        <>
            if let Some(f) = follow_up.filter(|f| !f.is_empty()) {
                <p class="small">{ f }</p>
            }
            if let Some(d) = decision {
                <p><span class="strong">{ format!("{}: ", l.decision) }</span>{ d }</p>
            }
            if let Some(actions) = actions {
                <p class="strong">{ format!("{}:", l.actions) }</p>
                if actions.is_empty() {
                    <p>{ &l.no_actions }</p>
                }
                <ul>
                    { for actions.iter().map(|a| html! {
                        <li>
                            { &a.what }
                            <div class="small">
                                { format!("{}: {} · {}: {}", l.owner, a.owner, l.due, a.due) }
                                if !a.expected_feedback.is_empty() {
                                    { format!(" · {}: {}", l.feedback, a.expected_feedback) }
                                }
                            </div>
                        </li>
                    }) }
                </ul>
            }
        </>
    }
}
