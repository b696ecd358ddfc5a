//! Actions (afspraken): the form to agree one in a meeting, and "Mijn afspraken" where a partner
//! sees their actions across all cases and meetings, sets the status and adds a progress note.

use casustafel_api::ApiError;
use casustafel_domain::meeting::{ActionDraft, ActionStatus, ActionSummary, ProgressNoteView};
use casustafel_domain::organisation::Organisation;
use casustafel_domain::{
    format_date, ActionId, CaseId, Field as F, Lang, MeetingId, OrganisationId,
};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api;
use crate::clock::today;
use crate::components::field::{error_list, errors_for, general_error, radios, Field};
use crate::components::form::{emptied, pick, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::{use_load, use_submit, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct ActionFormProps {
    pub case: CaseId,
    pub meeting: MeetingId,
    pub code: String,
    pub orgs: Vec<Organisation>,
    /// Whether actions may be agreed here (`Act::AgreeAction`): otherwise the form is not shown.
    pub may_agree: bool,
}

/// The actions agreed on one case in one meeting, and the form to add one.
#[function_component(MeetingActions)]
pub fn meeting_actions(p: &ActionFormProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(ActionDraft::default()));
    let version = use_version();
    let list = use_load(
        (p.case, p.meeting, version.get()),
        |(case, meeting, _)| async move {
            let all = api::list_actions(None).await?;
            Ok::<Vec<ActionSummary>, ApiError>(
                all.into_iter()
                    .filter(|a| a.case_id == case && a.meeting_id == meeting)
                    .collect(),
            )
        },
    );
    let (case, meeting) = (p.case, p.meeting);
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        move |draft| api::add_action(case, meeting, draft),
        emptied,
        {
            let version = version.clone();
            Callback::from(move |_| version.bump())
        },
    );
    let err = |f: F| errors_for(&i18n, &error, f);
    let code = &p.code;
    let owners: Vec<_> = p
        .orgs
        .iter()
        .map(|o| (o.id, format!("owner-{code}-{}", o.id), o.name.clone()))
        .collect();
    let pick = pick(&form, |d: &mut ActionDraft, id: OrganisationId| {
        d.owner = Some(id)
    });
    let org_name = |id: OrganisationId| {
        p.orgs
            .iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    html! {
        <div class="meeting-actions">
            <h3>{ i18n.t("actions-title") }</h3>
            { list.view(&format!("actions-{code}"), |list: &Vec<ActionSummary>| html! {
                if !list.is_empty() {
                    <ul class="rows" id={format!("actions-{code}")}>
                        { for list.iter().map(|a| html! {
                            <li class="row-item">
                                <span class="row-main">{ &a.what }</span>
                                <span class="muted small">{ format!("{} · {}", org_name(a.owner), format_date(a.due)) }</span>
                            </li>
                        }) }
                    </ul>
                }
            }) }
            if p.may_agree {
            <form id={format!("action-form-{code}")} class="subform" {onsubmit} novalidate=true>
                <Field id={format!("action-what-{code}")} label={i18n.t("action-what")} value={form.0.what.clone()}
                    oninput={text(&form, |d, v| d.what = v)} errors={err(F::ActionWhat)} />
                <div class="field">
                    <span class="label">{ i18n.t("action-owner") }</span>
                    { radios("owner", &owners, form.0.owner, pick) }
                    { error_list(&format!("action-owner-{code}-error"), &err(F::ActionOwner)) }
                </div>
                <div class="row">
                    <Field id={format!("action-due-{code}")} label={i18n.t("action-due")} placeholder={i18n.t("form-date-hint")}
                        value={form.0.due.clone()} oninput={text(&form, |d, v| d.due = v)} errors={err(F::ActionDue)} />
                    <Field id={format!("action-feedback-{code}")} label={i18n.t("action-feedback")}
                        value={form.0.expected_feedback.clone()} oninput={text(&form, |d, v| d.expected_feedback = v)}
                        errors={err(F::ActionFeedback)} />
                </div>
                { general_error(&i18n, &error) }
                <div class="actions">
                    <button type="submit" id={format!("action-submit-{code}")} class="secondary">{ i18n.t("action-add") }</button>
                </div>
            </form>
            }
        </div>
    }
}

/// "Mijn afspraken": the actions of one partner organisation across all cases and meetings.
#[function_component(MyActionsPage)]
pub fn my_actions_page() -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let owner = use_state(|| None::<OrganisationId>);
    let version = use_version();
    let error = use_state(|| None::<ApiError>);
    let overdue_only = use_state(|| false);
    // The owner filter's options; without them the filter offers none, and says why.
    let orgs = use_load((), |_| api::list_organisations());
    let list = use_load((*owner, version.get()), |(owner, _)| {
        api::list_actions(owner)
    });
    let on_owner = {
        let owner = owner.clone();
        Callback::from(move |e: Event| {
            let v = e.target_unchecked_into::<HtmlSelectElement>().value();
            owner.set(v.parse().ok());
        })
    };
    let today = today();
    let all: &[ActionSummary] = list.get().map(Vec::as_slice).unwrap_or_default();
    let shown: Vec<&ActionSummary> = all
        .iter()
        .filter(|a| !*overdue_only || today.is_some_and(|d| a.is_overdue(d)))
        .collect();
    let overdue_count = all
        .iter()
        .filter(|a| today.is_some_and(|d| a.is_overdue(d)))
        .count();
    let toggle_overdue = {
        let overdue_only = overdue_only.clone();
        Callback::from(move |_| overdue_only.set(!*overdue_only))
    };
    html! {
        <section class="page" id="actions-page">
            <div class="page-head">
                <div>
                    <h1>{ i18n.t("my-actions-title") }</h1>
                    <p class="muted">{ i18n.t("my-actions-intro") }</p>
                </div>
                <label class="select" for="actions-owner">
                    <span class="label">{ i18n.t("action-owner") }</span>
                    <select id="actions-owner" onchange={on_owner}>
                        <option value="" selected={owner.is_none()}>{ i18n.t("filter-any") }</option>
                        { for orgs.get().into_iter().flatten().map(|o| html! {
                            <option value={o.id.to_string()} selected={*owner == Some(o.id)}>{ &o.name }</option>
                        }) }
                    </select>
                </label>
                { orgs.failure("actions-owner") }
            </div>
            <div class="card">
                <label class="radio check" for="actions-overdue">
                    <input type="checkbox" id="actions-overdue" checked={*overdue_only} onchange={toggle_overdue} />
                    <span>{ i18n.t_args("actions-overdue-only", &[("count", (overdue_count as i64).into())]) }</span>
                </label>
                { list.failure("action-list") }
                if list.get().is_none() {
                } else if shown.is_empty() {
                    <p class="empty">{ i18n.t("my-actions-empty") }</p>
                } else {
                    <table class="grid" id="action-list">
                        <thead><tr>
                            <th>{ i18n.t("action-what") }</th>
                            <th>{ i18n.t("case-code") }</th>
                            <th>{ i18n.t("action-due") }</th>
                            <th>{ i18n.t("case-status") }</th>
                            <th>{ i18n.t("action-note") }</th>
                        </tr></thead>
                        <tbody>
                            { for shown.iter().map(|a| html! {
                                <ActionRow key={a.id.to_string()} action={(*a).clone()} overdue={today.is_some_and(|d| a.is_overdue(d))}
                                    on_saved={{ let version = version.clone(); Callback::from(move |_| version.bump()) }}
                                    on_error={{ let error = error.clone(); Callback::from(move |e| error.set(Some(e))) }} />
                            }) }
                        </tbody>
                    </table>
                }
                if let Some(e) = error.as_ref() {
                    <p class="form-error" role="alert">{ i18n.error(e) }</p>
                }
            </div>
        </section>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct RowProps {
    action: ActionSummary,
    overdue: bool,
    on_saved: Callback<()>,
    on_error: Callback<ApiError>,
}

#[function_component(ActionRow)]
fn action_row(p: &RowProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let status = use_state(|| p.action.status);
    let note = use_state(String::new);
    let a = &p.action;
    let on_status = {
        let status = status.clone();
        Callback::from(move |e: Event| {
            if let Some(s) =
                ActionStatus::from_code(&e.target_unchecked_into::<HtmlSelectElement>().value())
            {
                status.set(s);
            }
        })
    };
    let on_note = {
        let note = note.clone();
        Callback::from(move |e: InputEvent| {
            note.set(e.target_unchecked_into::<HtmlInputElement>().value())
        })
    };
    // Counts saves, so that an open history shows the note just added.
    let saved = use_version();
    let update = {
        let (id, on_error) = (a.id, p.on_error.clone());
        let (note, saved, on_saved) = (note.clone(), saved.clone(), p.on_saved.clone());
        use_submit(
            move |(s, n): (ActionStatus, String)| {
                let on_error = on_error.clone();
                async move {
                    let r = api::update_action(id, s, n).await;
                    // Told above the list, where the person looks after saving a row.
                    if let Err(e) = &r {
                        on_error.emit(e.clone());
                    }
                    r
                }
            },
            Callback::from(move |_| {
                note.set(String::new());
                saved.bump();
                on_saved.emit(());
            }),
        )
    };
    let save = {
        let (status, note, send) = (status.clone(), note.clone(), update.send.clone());
        Callback::from(move |_| send.emit((*status, (*note).clone())))
    };
    let finished = a.status.is_finished();
    // Its owner organisation and those who run the table report on an action (the rulebook).
    let locked = finished || !a.may_update;
    let history = history(a.id, saved.get());
    html! {
        <tr class={classes!("action-row", p.overdue.then_some("overdue"))} data-what={a.what.clone()}>
            <td class="strong action-what">{ &a.what }</td>
            <td class="nowrap">{ &a.case_code }</td>
            <td>
                { format_date(a.due) }
                if p.overdue {
                    <span class="badge bad">{ i18n.t("action-overdue") }</span>
                }
            </td>
            <td>
                <select class="action-status" onchange={on_status} disabled={locked}>
                    { for ActionStatus::ALL.iter().map(|s| html! {
                        <option value={s.code()} selected={*status == *s}>{ i18n.t(&format!("astatus-{}", s.code())) }</option>
                    }) }
                </select>
            </td>
            <td>
                if !locked {
                    <div class="note-cell">
                        <input type="text" class="action-note" value={(*note).clone()} oninput={on_note}
                            placeholder={i18n.t("action-note-hint")} aria-label={i18n.t("action-note")} />
                        <button type="button" class="secondary small action-save" disabled={update.busy} onclick={save}>{ i18n.t("action-save") }</button>
                    </div>
                }
                { history }
            </td>
        </tr>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct HistoryProps {
    action: ActionId,
    /// Grows with each save on this row: reload when open.
    saved: u32,
}

fn history(action: ActionId, saved: u32) -> Html {
    html! { <ActionHistory {action} {saved} /> }
}

/// The progress notes of an action, loaded when opened.
#[function_component(ActionHistory)]
fn action_history(p: &HistoryProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let open = use_state(|| false);
    // Read when opened, and again after each save on its row.
    let notes = use_load((p.action, p.saved, *open), |(action, _, open)| async move {
        match open {
            true => api::action_progress(action).await.map(Some),
            false => Ok(None),
        }
    });
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            open.set(
                e.target_unchecked_into::<web_sys::HtmlDetailsElement>()
                    .open(),
            )
        })
    };
    html! {
        <details class="action-history" {ontoggle}>
            <summary>{ i18n.t("action-history") }</summary>
            { notes.view("action-history", |list: &Option<Vec<ProgressNoteView>>| match list {
                None => html! {},
                Some(list) if list.is_empty() => html! { <p class="hint">{ i18n.t("action-history-empty") }</p> },
                Some(list) => html! {
                    <ul class="history-list">
                        { for list.iter().map(|n| {
                            let when = chrono::DateTime::parse_from_rfc3339(&n.at)
                                .map(|t| crate::clock::local_time(t.with_timezone(&chrono::Utc)))
                                .unwrap_or_else(|_| n.at.clone());
                            html! {
                                <li>
                                    <span class="history-meta">{ format!("{when} — {}", n.by) }</span>
                                    <span class="history-text">{ &n.text }</span>
                                </li>
                            }
                        }) }
                    </ul>
                },
            }) }
        </details>
    }
}
