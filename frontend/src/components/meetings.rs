//! A table's meetings: plan one, and see the agenda the app proposes (new cases, then returning
//! cases whose review date has come).

use casustafel_api::ApiError;
use casustafel_domain::meeting::{Meeting, MeetingDraft, MeetingView};
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::rights::{Act, Rights};
use casustafel_domain::{format_date, Field as F, Lang, MeetingId, Table, TableId};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::chair_overview::ChairOverviewCard;
use crate::components::field::{errors_for, general_error, Field};
use crate::components::form::{text, Form};
use crate::components::meeting_run::MeetingRun;
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct MeetingsProps {
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    /// What this device may do on the table: a meeting is planned and run by those who run it.
    pub rights: Rights,
}

#[function_component(MeetingsTab)]
pub fn meetings_tab(p: &MeetingsProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let meetings = use_state(Vec::<Meeting>::new);
    let shown = use_state(|| None::<MeetingView>);
    let version = use_state(|| 0u32);
    let revision = crate::revision::use_revision();
    {
        let meetings = meetings.clone();
        use_effect_with((p.table.id, *version, revision), move |(table, _, _)| {
            let table = *table;
            spawn_local(async move {
                if let Ok(list) = api::list_meetings(table).await {
                    meetings.set(list);
                }
            });
        });
    }
    let open = {
        let shown = shown.clone();
        move |id: MeetingId| {
            let shown = shown.clone();
            Callback::from(move |_| {
                let shown = shown.clone();
                spawn_local(async move {
                    if let Ok(v) = api::get_meeting(id).await {
                        shown.set(Some(v));
                    }
                });
            })
        }
    };
    // Reloads the open meeting (and the list) after a change on the run screen.
    let refresh = {
        let (shown, version) = (shown.clone(), version.clone());
        Callback::from(move |_: ()| {
            let (shown, version) = (shown.clone(), version.clone());
            let id = shown.as_ref().map(|v| v.meeting.id);
            spawn_local(async move {
                if let Some(id) = id {
                    if let Ok(v) = api::get_meeting(id).await {
                        shown.set(Some(v));
                    }
                }
                version.set(*version + 1);
            });
        })
    };
    let on_planned = {
        let (version, shown) = (version.clone(), shown.clone());
        Callback::from(move |v: MeetingView| {
            version.set(*version + 1);
            shown.set(Some(v));
        })
    };
    html! {
        <div class="tab" id="meetings-tab">
            <ChairOverviewCard table={p.table.id} version={*version} />
            <div class="card">
                <h2>{ i18n.t("meetings-title") }</h2>
                if meetings.is_empty() {
                    <p class="empty">{ i18n.t("meetings-empty") }</p>
                } else {
                    <table class="grid" id="meeting-list">
                        <thead><tr>
                            <th>{ i18n.t("meeting-date") }</th>
                            <th>{ i18n.t("meeting-place") }</th>
                            <th>{ i18n.t("case-status") }</th>
                        </tr></thead>
                        <tbody>
                            { for meetings.iter().map(|m| html! {
                                <tr>
                                    <td><button type="button" class="link meeting-open" onclick={open(m.id)}>{ format_date(m.date) }</button></td>
                                    <td>{ &m.place }</td>
                                    <td>{ i18n.t(&format!("mstatus-{}", m.status.code())) }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </div>
            if let Some(v) = shown.as_ref() {
                <div class="card highlight" id="meeting-view">
                    <h2>{ i18n.t_args("meeting-heading", &[("date", format_date(v.meeting.date).into()), ("place", v.meeting.place.as_str().into())]) }</h2>
                    <p class="hint">{ i18n.t("meeting-next-step") }</p>
                    <MeetingRun view={v.clone()} table={p.table.clone()} phenomena={p.phenomena.clone()} on_changed={refresh.clone()} rights={p.rights} />
                </div>
            }
            if p.rights.may(Act::RunTable) {
                <PlanForm table={p.table.id} {on_planned} />
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct PlanProps {
    table: TableId,
    on_planned: Callback<MeetingView>,
}

#[function_component(PlanForm)]
fn plan_form(p: &PlanProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(MeetingDraft::default()));
    let error = use_state(|| None::<ApiError>);
    let onsubmit = {
        let (form, error, table, on_planned) =
            (form.clone(), error.clone(), p.table, p.on_planned.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (draft, form, error, on_planned) = (
                form.0.clone(),
                form.clone(),
                error.clone(),
                on_planned.clone(),
            );
            spawn_local(async move {
                match api::plan_meeting(table, draft).await {
                    Ok(m) => match api::get_meeting(m.id).await {
                        Ok(v) => {
                            form.dispatch(std::rc::Rc::new(|d: &mut MeetingDraft| {
                                *d = MeetingDraft::default()
                            }));
                            error.set(None);
                            on_planned.emit(v);
                        }
                        Err(e) => error.set(Some(e)),
                    },
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let err = |f: F| errors_for(&i18n, &error, f);
    html! {
        <form class="card form" id="meeting-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("meeting-plan") }</h2>
            <p class="hint">{ i18n.t("meeting-plan-hint") }</p>
            <div class="row">
                <Field id="meeting-date" label={i18n.t("meeting-date")} placeholder={i18n.t("form-date-hint")}
                    value={form.0.date.clone()} oninput={text(&form, |d, v| d.date = v)} errors={err(F::MeetingDate)} />
                <Field id="meeting-place" label={i18n.t("meeting-place")}
                    value={form.0.place.clone()} oninput={text(&form, |d, v| d.place = v)} errors={err(F::MeetingPlace)} />
            </div>
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id="meeting-submit" class="primary">{ i18n.t("meeting-plan-submit") }</button>
            </div>
        </form>
    }
}
