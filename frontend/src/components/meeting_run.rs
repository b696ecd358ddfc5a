//! Running a meeting: attendance with the secrecy confirmation, and per case the confidential notes
//! and the decision, saved as you type (at most one save in flight; the latest text always follows).

use std::cell::RefCell;
use std::rc::Rc;

use casustafel_domain::meeting::{MeetingAction, MeetingStatus, MeetingView, Presence};
use casustafel_domain::participant::Participant;
use casustafel_domain::{CaseId, Lang, MeetingId, ParticipantId};
use web_sys::HtmlTextAreaElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::actions::MeetingActions;
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct RunProps {
    pub view: MeetingView,
    pub on_changed: Callback<()>,
}

#[function_component(MeetingRun)]
pub fn meeting_run(p: &RunProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let people = use_state(Vec::<Participant>::new);
    let orgs = use_state(Vec::<casustafel_domain::organisation::Organisation>::new);
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
    html! {
        <div id="meeting-run">
            <div class="actions start">
                if m.status == MeetingStatus::Planned {
                    <button type="button" id="meeting-open" class="primary" onclick={advance(MeetingAction::Open)}>{ i18n.t("meeting-open") }</button>
                }
                if in_session {
                    <button type="button" id="meeting-close" class="secondary" onclick={advance(MeetingAction::Close)}>{ i18n.t("meeting-close") }</button>
                }
            </div>
            if in_session {
                <h3>{ i18n.t("meeting-attendance") }</h3>
                <table class="grid" id="attendance">
                    <tbody>
                        { for people.iter().map(|pp| {
                            let entry = p.view.attendance.iter().find(|a| a.participant_id == pp.id);
                            let presence = entry.map(|a| a.presence);
                            let confirmed = entry.is_some_and(|a| a.secrecy_confirmed);
                            html! {
                                <tr>
                                    <td class="strong">{ &pp.name }</td>
                                    <td>
                                        <div class="radios">
                                            { for Presence::ALL.iter().map(|pr| {
                                                let dom = format!("presence-{}-{}", pp.id, pr.code());
                                                html! {
                                                    <label class="radio" for={dom.clone()}>
                                                        <input type="radio" id={dom} name={format!("presence-{}", pp.id)}
                                                            checked={presence == Some(*pr)}
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
                                                <input type="checkbox" id={format!("secrecy-{}", pp.id)} checked={confirmed}
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
                { for p.view.agenda.iter().filter_map(|item| item.case_id.map(|c| (c, item.title.clone()))).map(|(case, code)| html! {
                    <div class="agenda-case">
                        <DiscussionEditor meeting={m.id} {case} code={code.clone()} />
                        <MeetingActions {case} meeting={m.id} {code} orgs={(*orgs).clone()} />
                    </div>
                }) }
            }
            if let Some(e) = error.as_ref() {
                <p class="form-error" role="alert">{ i18n.error(e) }</p>
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct EditorProps {
    meeting: MeetingId,
    case: CaseId,
    code: String,
}

/// What is typed, and whether a save is running.
#[derive(Debug, Default)]
struct Pending {
    notes: String,
    decision: String,
    in_flight: bool,
    dirty: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum SaveState {
    Loading,
    Saved,
    Saving,
    Failed,
}

/// Saves the latest text, then again if more was typed meanwhile; never two saves at once.
fn save_loop(
    meeting: MeetingId,
    case: CaseId,
    pending: Rc<RefCell<Pending>>,
    state: UseStateHandle<SaveState>,
) {
    spawn_local(async move {
        loop {
            let (notes, decision) = {
                let mut p = pending.borrow_mut();
                p.dirty = false;
                (p.notes.clone(), p.decision.clone())
            };
            let ok = api::save_discussion(meeting, case, notes, decision)
                .await
                .is_ok();
            let again = {
                let mut p = pending.borrow_mut();
                if !p.dirty || !ok {
                    p.in_flight = false;
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
        use_effect_with((p.meeting, p.case), move |(meeting, case)| {
            let (meeting, case) = (*meeting, *case);
            spawn_local(async move {
                if let Ok(d) = api::get_discussion(meeting, case).await {
                    {
                        let mut p = pending.borrow_mut();
                        p.notes = d.notes.clone();
                        p.decision = d.decision.clone();
                    }
                    notes.set(d.notes);
                    decision.set(d.decision);
                }
                state.set(SaveState::Saved);
            });
        });
    }
    let on_input = |is_notes: bool| {
        let (pending, state, notes, decision, meeting, case) = (
            pending.clone(),
            state.clone(),
            notes.clone(),
            decision.clone(),
            p.meeting,
            p.case,
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
                save_loop(meeting, case, pending.clone(), state.clone());
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
    html! {
        <div class="card discussion" id={format!("discussion-{code}")}>
            <div class="page-head">
                <h3>{ code }</h3>
                <span class={classes!("save-state", (*state == SaveState::Failed).then_some("bad"))} id={format!("save-state-{code}")}>{ status }</span>
            </div>
            <label for={format!("notes-{code}")} class="label">{ i18n.t("discussion-notes") }</label>
            <p class="hint">{ i18n.t("discussion-notes-hint") }</p>
            <textarea id={format!("notes-{code}")} rows="6" value={(*notes).clone()} oninput={on_input(true)}
                disabled={*state == SaveState::Loading} />
            <label for={format!("decision-{code}")} class="label">{ i18n.t("discussion-decision") }</label>
            <textarea id={format!("decision-{code}")} rows="3" value={(*decision).clone()} oninput={on_input(false)}
                disabled={*state == SaveState::Loading} />
        </div>
    }
}
