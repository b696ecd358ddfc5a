//! Running a meeting: the agenda, attendance with the secrecy confirmation, and per case who
//! presented it, the follow-up decided, the confidential notes and the decision (saved as you type:
//! at most one save in flight, the latest text always follows) and the actions; the meeting's
//! general notes; after closing, the decision report.

use std::cell::RefCell;
use std::rc::Rc;

use std::future::Future;
use std::pin::Pin;

use casustafel_api::CaseDetail;
use casustafel_domain::meeting::{AgendaKind, MeetingAction, MeetingStatus, MeetingView, Presence};
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{CaseId, Lang, MeetingId, ParticipantId, Table};
use web_sys::HtmlTextAreaElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::actions::MeetingActions;
use crate::components::agenda::AgendaEditor;
use crate::components::followup_form::CaseUpdateForm;
use crate::components::report_panel::ReportPanel;
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct RunProps {
    pub view: MeetingView,
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    pub on_changed: Callback<()>,
    /// The table is run from another device (the chair's): the meeting is followed here, not run —
    /// no start or close, attendance, agenda, follow-up, general notes or report. A partner's
    /// notes on its own cases and the actions stay editable (they live in the case documents).
    #[prop_or_default]
    pub read_only: bool,
}

#[function_component(MeetingRun)]
pub fn meeting_run(p: &RunProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let people = use_state(Vec::<Participant>::new);
    let orgs = use_state(Vec::<Organisation>::new);
    let error = use_state(|| None::<casustafel_api::ApiError>);
    {
        let (people, orgs) = (people.clone(), orgs.clone());
        use_effect_with(p.view.meeting.table_id, move |table| {
            let table = *table;
            spawn_local(async move {
                if let Ok(o) = api::list_organisations().await {
                    orgs.set(o);
                }
                if let Ok(list) = api::list_participants(table).await {
                    people.set(list);
                }
            });
        });
    }
    let m = &p.view.meeting;
    let advance = |action: MeetingAction| {
        let (id, on_changed, error) = (m.id, p.on_changed.clone(), error.clone());
        Callback::from(move |_| {
            let (on_changed, error) = (on_changed.clone(), error.clone());
            spawn_local(async move {
                match api::advance_meeting(id, action).await {
                    Ok(_) => on_changed.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let attend = |pid: ParticipantId, presence: Presence, secrecy: bool| {
        let (id, on_changed, error) = (m.id, p.on_changed.clone(), error.clone());
        Callback::from(move |_| {
            let (on_changed, error) = (on_changed.clone(), error.clone());
            spawn_local(async move {
                match api::set_attendance(id, pid, presence, secrecy).await {
                    Ok(()) => on_changed.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let in_session = m.status == MeetingStatus::InSession;
    // Invited: standing members active on the day; ad hoc participants for a case on the agenda.
    let agenda_cases: Vec<CaseId> = p.view.agenda.iter().filter_map(|i| i.case_id).collect();
    let invited: Vec<&Participant> = people
        .iter()
        .filter(|pp| pp.invited_to(m.date, &agenda_cases))
        .collect();
    let present: Vec<&Participant> = invited
        .iter()
        .copied()
        .filter(|pp| {
            p.view
                .attendance
                .iter()
                .any(|a| a.participant_id == pp.id && a.presence == Presence::Present)
        })
        .collect();
    let code_of = |c: &CaseId| {
        p.view
            .agenda
            .iter()
            .find(|i| i.case_id == Some(*c))
            .map(|i| i.title.clone())
    };
    let scope = |pp: &Participant| -> String {
        if pp.role == casustafel_domain::participant::Role::AdHoc {
            let codes: Vec<String> = pp.cases.iter().filter_map(code_of).collect();
            i18n.t_args("invited-for", &[("cases", codes.join(", ").into())])
        } else {
            i18n.t(&format!("role-{}", pp.role.code()))
        }
    };
    html! {
        <div id="meeting-run">
            <AgendaEditor view={p.view.clone()} on_changed={p.on_changed.clone()} read_only={p.read_only} />
            if !p.read_only {
            <div class="actions start">
                if m.status == MeetingStatus::Planned {
                    <button type="button" id="meeting-open" class="primary" onclick={advance(MeetingAction::Open)}>{ i18n.t("meeting-open") }</button>
                }
                if in_session {
                    <button type="button" id="meeting-close" class="secondary" onclick={advance(MeetingAction::Close)}>{ i18n.t("meeting-close") }</button>
                }
            </div>
            }
            if m.status == MeetingStatus::Planned {
                <h3>{ i18n.t_args("meeting-invited", &[("count", (invited.len() as i64).into())]) }</h3>
                <ul class="plain" id="invited">
                    { for invited.iter().map(|pp| html! {
                        <li><span class="strong">{ &pp.name }</span>{ " — " }<span class="muted">{ scope(pp) }</span></li>
                    }) }
                </ul>
            }
            if in_session {
                <h3>{ i18n.t("meeting-attendance") }</h3>
                <table class="grid" id="attendance">
                    <tbody>
                        { for invited.iter().map(|pp| {
                            let entry = p.view.attendance.iter().find(|a| a.participant_id == pp.id);
                            let presence = entry.map(|a| a.presence);
                            let confirmed = entry.is_some_and(|a| a.secrecy_confirmed);
                            html! {
                                <tr data-name={pp.name.clone()}>
                                    <td><span class="strong">{ &pp.name }</span><div class="muted small">{ scope(pp) }</div></td>
                                    <td>
                                        <div class="radios">
                                            { for Presence::ALL.iter().map(|pr| {
                                                let dom = format!("presence-{}-{}", pp.id, pr.code());
                                                html! {
                                                    <label class="radio" for={dom.clone()}>
                                                        <input type="radio" id={dom} name={format!("presence-{}", pp.id)}
                                                            checked={presence == Some(*pr)} disabled={p.read_only}
                                                            onchange={attend(pp.id, *pr, confirmed && *pr == Presence::Present)} />
                                                        <span>{ i18n.t(&format!("presence-{}", pr.code())) }</span>
                                                    </label>
                                                }
                                            }) }
                                        </div>
                                    </td>
                                    <td>
                                        if presence == Some(Presence::Present) {
                                            <label class="radio check" for={format!("secrecy-{}", pp.id)}>
                                                <input type="checkbox" id={format!("secrecy-{}", pp.id)} checked={confirmed} disabled={p.read_only}
                                                    onchange={attend(pp.id, Presence::Present, !confirmed)} />
                                                <span>{ i18n.t("meeting-secrecy") }</span>
                                            </label>
                                        }
                                    </td>
                                </tr>
                            }
                        }) }
                    </tbody>
                </table>
                { for p.view.agenda.iter().map(|item| match item.case_id {
                    Some(case) => html! {
                        <AgendaCase key={item.id.clone()} meeting={m.id} {case} code={item.title.clone()}
                            not_cleared={present.iter().filter(|pp| !pp.may_see_case(case, m.date)).map(|pp| pp.name.clone()).collect::<Vec<_>>()}
                            table={p.table.clone()} phenomena={p.phenomena.clone()}
                            orgs={(*orgs).clone()} people={(*people).clone()} read_only={p.read_only} />
                    },
                    None => html! {
                        <div key={item.id.clone()} class="card agenda-theme">
                            <h3>{ &item.title }</h3>
                            <span class="badge neutral">{ i18n.t(&format!("agenda-{}", AgendaKind::Thematic.code())) }</span>
                            <p class="hint">{ i18n.t("agenda-theme-notes") }</p>
                        </div>
                    },
                }) }
                <DiscussionEditor target={Target::General { meeting: m.id }} code={"general".to_string()} read_only={p.read_only} />
            }
            if !p.read_only && matches!(m.status, MeetingStatus::Held | MeetingStatus::ReportApproved) {
                <ReportPanel view={p.view.clone()} on_changed={p.on_changed.clone()} />
            }
            if let Some(e) = error.as_ref() {
                <p class="form-error" role="alert">{ i18n.error(e) }</p>
            }
        </div>
    }
}

/// What an editor saves: a case's notes and decision in a meeting, or the meeting's general notes.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Target {
    Case { meeting: MeetingId, case: CaseId },
    General { meeting: MeetingId },
}

type Saving = Pin<Box<dyn Future<Output = bool>>>;

impl Target {
    fn save(self, first: String, second: String) -> Saving {
        Box::pin(async move {
            match self {
                Target::Case { meeting, case } => {
                    api::save_discussion(meeting, case, first, second).await
                }
                Target::General { meeting } => api::save_general_notes(meeting, first).await,
            }
            .is_ok()
        })
    }

    async fn load(self) -> Option<(String, String)> {
        match self {
            Target::Case { meeting, case } => api::get_discussion(meeting, case)
                .await
                .ok()
                .map(|d| (d.notes, d.decision)),
            Target::General { meeting } => api::get_meeting(meeting)
                .await
                .ok()
                .map(|v| (v.general_notes, String::new())),
        }
    }
}

#[derive(Debug, Properties, PartialEq)]
struct EditorProps {
    target: Target,
    /// The case code, or "general": names the elements.
    code: String,
    /// Shown, not edited (the meeting's general notes on a device that does not run the table).
    #[prop_or_default]
    read_only: bool,
}

/// What is typed, and whether a save is running.
#[derive(Debug, Default)]
struct Pending {
    notes: String,
    decision: String,
    in_flight: bool,
    dirty: bool,
    /// The last save failed: what is on screen is not stored, and must not be replaced.
    failed: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Loading,
    Saved,
    Saving,
    Failed,
}

/// Saves the latest text, then again if more was typed meanwhile; never two saves at once.
fn save_loop(target: Target, pending: Rc<RefCell<Pending>>, state: UseStateHandle<SaveState>) {
    spawn_local(async move {
        loop {
            let (notes, decision) = {
                let mut p = pending.borrow_mut();
                p.dirty = false;
                (p.notes.clone(), p.decision.clone())
            };
            let ok = target.save(notes, decision).await;
            let again = {
                let mut p = pending.borrow_mut();
                if !p.dirty || !ok {
                    p.in_flight = false;
                    p.failed = !ok;
                    false
                } else {
                    true
                }
            };
            if !again {
                state.set(if ok {
                    SaveState::Saved
                } else {
                    SaveState::Failed
                });
                return;
            }
        }
    });
}

#[function_component(DiscussionEditor)]
fn discussion_editor(p: &EditorProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let pending = use_mut_ref(Pending::default);
    let state = use_state(|| SaveState::Loading);
    // Rendered values; the pending buffer is the source of truth for saving.
    let notes = use_state(String::new);
    let decision = use_state(String::new);
    {
        let (pending, state, notes, decision) = (
            pending.clone(),
            state.clone(),
            notes.clone(),
            decision.clone(),
        );
        use_effect_with(p.target, move |target| {
            let target = *target;
            spawn_local(async move {
                if let Some((n, d)) = target.load().await {
                    {
                        let mut p = pending.borrow_mut();
                        p.notes = n.clone();
                        p.decision = d.clone();
                    }
                    notes.set(n);
                    decision.set(d);
                }
                state.set(SaveState::Saved);
            });
        });
    }
    // What another device wrote (live, or from the folder) shows here too, as long as nothing
    // typed here waits to be saved: a text being typed is never replaced.
    let revision = crate::revision::use_revision();
    {
        let (pending, notes, decision) = (pending.clone(), notes.clone(), decision.clone());
        use_effect_with((p.target, revision), move |(target, revision)| {
            let target = *target;
            if *revision > 0 {
                spawn_local(async move {
                    let Some((n, d)) = target.load().await else {
                        return;
                    };
                    let mut p = pending.borrow_mut();
                    if p.in_flight || p.dirty || p.failed || (p.notes == n && p.decision == d) {
                        return;
                    }
                    p.notes = n.clone();
                    p.decision = d.clone();
                    drop(p);
                    notes.set(n);
                    decision.set(d);
                });
            }
        });
    }
    let on_input = |is_notes: bool| {
        let (pending, state, notes, decision, target) = (
            pending.clone(),
            state.clone(),
            notes.clone(),
            decision.clone(),
            p.target,
        );
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            let start = {
                let mut p = pending.borrow_mut();
                if is_notes {
                    p.notes = v.clone();
                } else {
                    p.decision = v.clone();
                }
                p.dirty = true;
                let start = !p.in_flight;
                p.in_flight = true;
                start
            };
            if is_notes {
                notes.set(v);
            } else {
                decision.set(v);
            }
            state.set(SaveState::Saving);
            if start {
                save_loop(target, pending.clone(), state.clone());
            }
        })
    };
    let status = match *state {
        SaveState::Loading => i18n.t("autosave-loading"),
        SaveState::Saved => i18n.t("autosave-saved"),
        SaveState::Saving => i18n.t("autosave-saving"),
        SaveState::Failed => i18n.t("autosave-failed"),
    };
    let code = &p.code;
    let general = matches!(p.target, Target::General { .. });
    let (title, notes_label, notes_hint) = if general {
        (
            i18n.t("general-notes-title"),
            i18n.t("general-notes"),
            i18n.t("general-notes-hint"),
        )
    } else {
        (
            code.clone(),
            i18n.t("discussion-notes"),
            i18n.t("discussion-notes-hint"),
        )
    };
    html! {
        <div class="discussion" id={format!("discussion-{code}")}>
            <div class="page-head">
                <h3>{ title }</h3>
                <span class={classes!("save-state", (*state == SaveState::Failed).then_some("bad"))} id={format!("save-state-{code}")}>{ status }</span>
            </div>
            <label for={format!("notes-{code}")} class="label">{ notes_label }</label>
            <p class="hint">{ notes_hint }</p>
            <textarea id={format!("notes-{code}")} rows="6" value={(*notes).clone()} oninput={on_input(true)}
                disabled={*state == SaveState::Loading || p.read_only} />
            if !general {
                <label for={format!("decision-{code}")} class="label">{ i18n.t("discussion-decision") }</label>
                <textarea id={format!("decision-{code}")} rows="3" value={(*decision).clone()} oninput={on_input(false)}
                    disabled={*state == SaveState::Loading} />
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct CaseItemProps {
    meeting: MeetingId,
    /// Present, but not cleared for this case (an ad hoc participant for another case, or no
    /// signed protocol): they leave the room while it is discussed.
    not_cleared: Vec<String>,
    case: CaseId,
    code: String,
    table: Table,
    phenomena: Vec<Phenomenon>,
    orgs: Vec<Organisation>,
    people: Vec<Participant>,
    read_only: bool,
}

/// One case on the agenda: who presented it and the follow-up decided, the notes and decision,
/// and the actions agreed.
#[function_component(AgendaCase)]
fn agenda_case(p: &CaseItemProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let loaded = use_state(|| None::<(CaseDetail, Option<ParticipantId>)>);
    let version = use_state(|| 0u32);
    {
        let loaded = loaded.clone();
        use_effect_with((p.meeting, p.case, *version), move |(meeting, case, _)| {
            let (meeting, case) = (*meeting, *case);
            spawn_local(async move {
                if let (Ok(d), Ok(t)) = (
                    api::get_case(case).await,
                    api::get_discussion(meeting, case).await,
                ) {
                    loaded.set(Some((d, t.presenter)));
                }
            });
        });
    }
    let code = p.code.clone();
    html! {
        <div class="card agenda-case" id={format!("agenda-case-{code}")}>
            if !p.not_cleared.is_empty() {
                <p class="notice warning" id={format!("not-cleared-{code}")}>
                    { i18n.t_args("not-cleared", &[("names", p.not_cleared.join(", ").into())]) }
                </p>
            }
            <DiscussionEditor target={Target::Case { meeting: p.meeting, case: p.case }} code={code.clone()} />
            if !p.read_only {
            <details class="followup" id={format!("followup-{code}")}>
                <summary>{ i18n.t("followup-title") }</summary>
                if let Some((d, presenter)) = loaded.as_ref() {
                    <CaseUpdateForm case={d.case.clone()} table={p.table.clone()} phenomena={p.phenomena.clone()}
                        orgs={p.orgs.clone()} people={p.people.clone()} meeting={Some(p.meeting)}
                        presenter={*presenter} prefix={format!("{code}-")}
                        on_saved={let v = version.clone(); Callback::from(move |_| v.set(*v + 1))} />
                }
            </details>
            }
            <MeetingActions case={p.case} meeting={p.meeting} code={code.clone()} orgs={p.orgs.clone()} />
        </div>
    }
}
