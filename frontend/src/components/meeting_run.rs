//! Running a meeting: the agenda, attendance with the secrecy confirmation, and per case who
//! presented it, the follow-up decided, the confidential notes and the decision (saved as you type,
//! `autosave/`) and the actions; the meeting's
//! general notes; after closing, the decision report.

use casustafel_api::CaseDetail;
use casustafel_domain::meeting::{AgendaKind, MeetingAction, MeetingStatus, MeetingView, Presence};
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::rights::{Act, Rights};
use casustafel_domain::{CaseId, Lang, MeetingId, ParticipantId, Table};
use web_sys::HtmlTextAreaElement;
use yew::prelude::*;

use crate::api;
use crate::autosave::{self, SaveState, Target};
use crate::components::actions::MeetingActions;
use crate::components::agenda::AgendaEditor;
use crate::components::followup_form::CaseUpdateForm;
use crate::components::report_panel::ReportPanel;
use crate::i18n::I18n;
use crate::load::{use_load, use_send, use_submit, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct RunProps {
    pub view: MeetingView,
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    pub on_changed: Callback<()>,
    /// What this device may do (the rulebook). On a device that does not run the table the meeting
    /// is followed, not run: no start or close, attendance, agenda, follow-up, notes, decisions,
    /// new actions or report; once the report is approved what was decided stays as it is.
    pub rights: Rights,
}

#[function_component(MeetingRun)]
pub fn meeting_run(p: &RunProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    // Who may attend and their organisations: the screen is drawn meanwhile, and says so if they
    // could not be read.
    let roster = use_load(p.view.meeting.table_id, |table| async move {
        Ok((
            api::list_organisations().await?,
            api::list_participants(table).await?,
        ))
    });
    let (orgs, people): (Vec<Organisation>, Vec<Participant>) =
        roster.get().cloned().unwrap_or_default();
    let m = &p.view.meeting;
    // Each click is sent: attendance is ticked row after row, faster than an answer comes.
    let id = m.id;
    let step = use_submit(
        move |a| api::advance_meeting(id, a),
        p.on_changed.reform(|_| ()),
    );
    let attendance = use_send(
        move |(pid, presence, secrecy)| api::set_attendance(id, pid, presence, secrecy),
        p.on_changed.clone(),
    );
    let advance = |action: MeetingAction| step.send.reform(move |_: MouseEvent| action);
    let attend = |pid: ParticipantId, presence: Presence, secrecy: bool| {
        attendance
            .send
            .reform(move |_: Event| (pid, presence, secrecy))
    };
    let in_session = m.status == MeetingStatus::InSession;
    let runs = p.rights.may(Act::RunTable);
    // Opening and closing a meeting is the register's: on the chair's device only.
    let keeps = p.rights.may(Act::KeepRegister);
    let report_approved = m.status == MeetingStatus::ReportApproved;
    let write = p.rights.may(Act::WriteDiscussion { report_approved });
    let agree = p.rights.may(Act::AgreeAction { report_approved });
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
            { roster.failure("meeting-roster") }
            <AgendaEditor view={p.view.clone()} on_changed={p.on_changed.clone()} read_only={!runs} />
            if keeps {
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
                                                            checked={presence == Some(*pr)} disabled={!runs}
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
                                                <input type="checkbox" id={format!("secrecy-{}", pp.id)} checked={confirmed} disabled={!runs}
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
                            orgs={orgs.clone()} people={people.clone()} {write} {agree} {keeps} />
                    },
                    None => html! {
                        <div key={item.id.clone()} class="card agenda-theme">
                            <h3>{ &item.title }</h3>
                            <span class="badge neutral">{ i18n.t(&format!("agenda-{}", AgendaKind::Thematic.code())) }</span>
                            <p class="hint">{ i18n.t("agenda-theme-notes") }</p>
                        </div>
                    },
                }) }
                <DiscussionEditor target={Target::General { meeting: m.id }} code={"general".to_string()} read_only={!runs} />
            }
            if runs && matches!(m.status, MeetingStatus::Held | MeetingStatus::ReportApproved) {
                <ReportPanel view={p.view.clone()} on_changed={p.on_changed.clone()} approves={keeps} />
            }
            if let Some(e) = step.error.as_ref().or(attendance.error.as_ref()) {
                <p class="form-error" role="alert">{ i18n.error(e) }</p>
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct EditorProps {
    target: Target,
    /// The case code, or "general": names the elements.
    code: String,
    /// Shown, not edited (on a device that does not run the table: those who run the meeting
    /// write the notes and the decision).
    #[prop_or_default]
    read_only: bool,
}

/// The notes (and, for a case, the decision) saved as they are typed (`autosave/`).
#[function_component(DiscussionEditor)]
fn discussion_editor(p: &EditorProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let target = p.target;
    let field = use_memo(target, |t| autosave::field(*t));
    let redraw = use_force_update();
    use_effect_with(target, move |target| {
        let id = autosave::subscribe(
            Some(*target),
            Callback::from(move |_| redraw.force_update()),
        );
        move || autosave::unsubscribe(id)
    });
    // Loaded from the store on first show, and again when other devices' changes arrived (live,
    // or from the folder), into the autosave buffer — never over text typed here that waits to be
    // saved. A failed load is said, with a retry; the text stays disabled until it is read.
    let loaded = use_load(target, |target| async move {
        let (notes, decision) = target.load().await?;
        autosave::loaded(target, notes, decision);
        Ok(())
    });
    let on_input = |is_notes: bool| {
        Callback::from(move |e: InputEvent| {
            let v = e.target_unchecked_into::<HtmlTextAreaElement>().value();
            if is_notes {
                autosave::typed(target, Some(v), None);
            } else {
                autosave::typed(target, None, Some(v));
            }
        })
    };
    let f = field.borrow();
    let loading = f.state == SaveState::Loading;
    let failed = matches!(f.state, SaveState::Failed(_));
    let status = match &f.state {
        SaveState::Loading => i18n.t("autosave-loading"),
        SaveState::Saved => i18n.t("autosave-saved"),
        SaveState::Saving => i18n.t("autosave-saving"),
        SaveState::Failed(_) => i18n.t("autosave-failed"),
    };
    let problem = match &f.state {
        SaveState::Failed(e) => Some(i18n.t_args(
            "autosave-failed-detail",
            &[("reason", i18n.error(e).into())],
        )),
        _ => None,
    };
    let code = &p.code;
    let general = matches!(target, Target::General { .. });
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
                <span class={classes!("save-state", failed.then_some("bad"))} id={format!("save-state-{code}")}
                    role="status" aria-live="polite">{ status }</span>
            </div>
            if let Some(problem) = problem {
                <p class="notice bad" role="alert" id={format!("save-problem-{code}")}>{ problem }</p>
            }
            { loaded.failure(&format!("discussion-{code}")) }
            <label for={format!("notes-{code}")} class="label">{ notes_label }</label>
            if p.read_only {
                <p class="hint" id={format!("read-only-{code}")}>{ i18n.t("discussion-read-only") }</p>
            } else {
                <p class="hint">{ notes_hint }</p>
            }
            <textarea id={format!("notes-{code}")} rows="6" value={f.notes.clone()} oninput={on_input(true)}
                disabled={loading || p.read_only} />
            if !general {
                <label for={format!("decision-{code}")} class="label">{ i18n.t("discussion-decision") }</label>
                <textarea id={format!("decision-{code}")} rows="3" value={f.decision.clone()} oninput={on_input(false)}
                    disabled={loading || p.read_only} />
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
    /// The notes, decision and follow-up may be written here (`Act::WriteDiscussion`).
    write: bool,
    /// Actions may be agreed here (`Act::AgreeAction`).
    agree: bool,
    /// The follow-up (the case's register entry) is written here: the register's keeper.
    keeps: bool,
}

/// One case on the agenda: who presented it and the follow-up decided, the notes and decision,
/// and the actions agreed.
#[function_component(AgendaCase)]
fn agenda_case(p: &CaseItemProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let version = use_version();
    let loaded = use_load(
        (p.meeting, p.case, version.get()),
        |(meeting, case, _)| async move {
            let detail = api::get_case(case).await?;
            let discussion = api::get_discussion(meeting, case).await?;
            Ok((detail, discussion.presenter))
        },
    );
    let code = p.code.clone();
    html! {
        <div class="card agenda-case" id={format!("agenda-case-{code}")}>
            if !p.not_cleared.is_empty() {
                <p class="notice warning" id={format!("not-cleared-{code}")}>
                    { i18n.t_args("not-cleared", &[("names", p.not_cleared.join(", ").into())]) }
                </p>
            }
            <DiscussionEditor target={Target::Case { meeting: p.meeting, case: p.case }} code={code.clone()} read_only={!p.write} />
            if p.write && p.keeps {
            <details class="followup" id={format!("followup-{code}")}>
                <summary>{ i18n.t("followup-title") }</summary>
                { loaded.view(&format!("followup-{code}"), |(d, presenter): &(CaseDetail, Option<ParticipantId>)| html! {
                    <CaseUpdateForm case={d.case.clone()} table={p.table.clone()} phenomena={p.phenomena.clone()}
                        orgs={p.orgs.clone()} people={p.people.clone()} meeting={Some(p.meeting)}
                        presenter={*presenter} prefix={format!("{code}-")}
                        on_saved={let v = version.clone(); Callback::from(move |_| v.bump())} />
                }) }
            </details>
            }
            <MeetingActions case={p.case} meeting={p.meeting} code={code.clone()} orgs={p.orgs.clone()} may_agree={p.agree} />
        </div>
    }
}
