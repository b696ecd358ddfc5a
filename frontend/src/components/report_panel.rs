//! After the meeting: the decision report (besluitenverslag). The chair approves it, saves it as a
//! PDF or prints it from the print view; each copy names its recipient and is recorded in the
//! disclosure ledger before it leaves. The report never holds the confidential notes.

use casustafel_api::report::{ReportAction, ReportData};
use casustafel_api::{ApiError, ExportedReport, ReportLabels};
use casustafel_domain::case::{RiskLevel, Track};
use casustafel_domain::meeting::{MeetingAction, MeetingStatus, MeetingView, Presence};
use casustafel_domain::{Field as F, Lang};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::{errors_for, general_error, Field};
use crate::i18n::I18n;
use crate::load::use_load;

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
}

#[function_component(ReportPanel)]
pub fn report_panel(p: &ReportPanelProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let recipient = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let exported = use_state(|| None::<ExportedReport>);
    // Where the report is saved: said before the button is pressed.
    let folder = use_load((), |_| api::export_folder());
    let preview = use_state(|| None::<ReportData>);
    let printed = use_state(|| false);
    let m = &p.view.meeting;
    let approve = {
        let (id, on_changed, error) = (m.id, p.on_changed.clone(), error.clone());
        Callback::from(move |_| {
            let (on_changed, error) = (on_changed.clone(), error.clone());
            spawn_local(async move {
                match api::advance_meeting(id, MeetingAction::ApproveReport).await {
                    Ok(_) => on_changed.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let export = {
        let (id, recipient, error, exported, labels) = (
            m.id,
            recipient.clone(),
            error.clone(),
            exported.clone(),
            report_labels(&i18n),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (to, error, exported, labels) = (
                (*recipient).clone(),
                error.clone(),
                exported.clone(),
                labels.clone(),
            );
            spawn_local(async move {
                match api::export_report(id, to, labels).await {
                    Ok(x) => {
                        error.set(None);
                        exported.set(Some(x));
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let show_preview = {
        let (id, preview, error, recipient, labels) = (
            m.id,
            preview.clone(),
            error.clone(),
            recipient.clone(),
            report_labels(&i18n),
        );
        Callback::from(move |_| {
            let (preview, error, to, labels) = (
                preview.clone(),
                error.clone(),
                (*recipient).clone(),
                labels.clone(),
            );
            spawn_local(async move {
                match api::preview_report(id, to, labels).await {
                    Ok(r) => preview.set(Some(r)),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let print = {
        let (id, recipient, error, printed) =
            (m.id, recipient.clone(), error.clone(), printed.clone());
        Callback::from(move |_| {
            let (to, error, printed) = ((*recipient).clone(), error.clone(), printed.clone());
            spawn_local(async move {
                // Recorded first: a copy never leaves without its line in the ledger.
                match api::record_print(id, to).await {
                    Ok(_) => {
                        error.set(None);
                        printed.set(true);
                        if let Some(w) = web_sys::window() {
                            let _ = w.print();
                        }
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let draft = m.status == MeetingStatus::Held;
    html! {
        <div class="card report-panel" id="report-panel">
            <h3>{ i18n.t("report-title") }</h3>
            if draft {
                <p class="hint">{ i18n.t("report-draft-hint") }</p>
                <div class="actions start">
                    <button type="button" id="report-approve" class="secondary" onclick={approve}>{ i18n.t("report-approve") }</button>
                </div>
            } else {
                <p class="hint" id="report-approved">{ i18n.t("report-approved") }</p>
            }
            <form class="form" id="report-form" onsubmit={export} novalidate=true>
                <Field id="report-recipient" label={i18n.t("report-recipient")} hint={i18n.t("report-recipient-hint")}
                    value={(*recipient).clone()} oninput={let r = recipient.clone(); Callback::from(move |v| r.set(v))}
                    errors={errors_for(&i18n, &error, F::Recipient)} />
                { folder.view("report-folder", |f: &String| html! {
                    <p class="hint">{ i18n.t_args("report-folder", &[("folder", f.as_str().into())]) }</p>
                }) }
                <div class="actions start">
                    <button type="submit" id="report-export" class="primary">{ i18n.t("report-export") }</button>
                    <button type="button" id="report-preview" class="secondary" onclick={show_preview}>{ i18n.t("report-print-view") }</button>
                </div>
            </form>
            <div>
                if let Some(x) = exported.as_ref() {
                    <p class="notice ok" id="report-exported" role="status">{ i18n.t_args("report-exported", &[("path", x.path.as_str().into())]) }</p>
                }
                if *printed {
                    <p class="notice ok" id="report-printed" role="status">{ i18n.t("report-printed") }</p>
                }
                { general_error(&i18n, &error) }
            </div>
            if let Some(r) = preview.as_ref() {
                <PrintView report={r.clone()} on_print={print} />
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
