//! A table's meetings: plan one, and see the agenda the app proposes (new cases, then returning
//! cases whose review date has come).

use casustafel_domain::meeting::{Meeting, MeetingDraft, MeetingView};
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::rights::{Act, Rights};
use casustafel_domain::{format_date, Field as F, Lang, MeetingId, Table, TableId};
use yew::prelude::*;

use crate::api;
use crate::components::chair_overview::ChairOverviewCard;
use crate::components::field::{errors_for, general_error, Field};
use crate::components::form::{emptied, text, use_form_submit, Form, FormSubmit};
use crate::components::meeting_run::MeetingRun;
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

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
    // The meeting opened below the list, if any.
    let selected = use_state(|| None::<MeetingId>);
    // Grows with every change made here; the list, the open meeting and the overview reload on it.
    let version = use_version();
    let meetings = use_load((p.table.id, version.get()), |(table, _)| {
        api::list_meetings(table)
    });
    let shown = use_load((*selected, version.get()), |(id, _)| async move {
        match id {
            Some(id) => api::get_meeting(id).await.map(Some),
            None => Ok(None),
        }
    });
    let open = {
        let selected = selected.clone();
        move |id: MeetingId| {
            let selected = selected.clone();
            Callback::from(move |_| selected.set(Some(id)))
        }
    };
    // After a change on the run screen.
    let refresh = {
        let version = version.clone();
        Callback::from(move |_: ()| version.bump())
    };
    let on_planned = {
        let (version, selected) = (version.clone(), selected.clone());
        Callback::from(move |m: Meeting| {
            selected.set(Some(m.id));
            version.bump();
        })
    };
    let list = meetings.view("meeting-list", |list: &Vec<Meeting>| {
        if list.is_empty() {
            return html! { <p class="empty">{ i18n.t("meetings-empty") }</p> };
        }
        html! {
            <table class="grid" id="meeting-list">
                <thead><tr>
                    <th>{ i18n.t("meeting-date") }</th>
                    <th>{ i18n.t("meeting-place") }</th>
                    <th>{ i18n.t("case-status") }</th>
                </tr></thead>
                <tbody>
                    { for list.iter().map(|m| html! {
                        <tr>
                            <td><button type="button" class="link meeting-open" onclick={open(m.id)}>{ format_date(m.date) }</button></td>
                            <td>{ &m.place }</td>
                            <td>{ i18n.t(&format!("mstatus-{}", m.status.code())) }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        }
    });
    html! {
        <div class="tab" id="meetings-tab">
            <ChairOverviewCard table={p.table.id} version={version.get()} />
            <div class="card">
                <h2>{ i18n.t("meetings-title") }</h2>
                { list }
            </div>
            { shown.view("meeting-view", |v: &Option<MeetingView>| match v {
                Some(v) => html! {
                    <div class="card highlight" id="meeting-view">
                        <h2>{ i18n.t_args("meeting-heading", &[("date", format_date(v.meeting.date).into()), ("place", v.meeting.place.as_str().into())]) }</h2>
                        <p class="hint">{ i18n.t("meeting-next-step") }</p>
                        <MeetingRun view={v.clone()} table={p.table.clone()} phenomena={p.phenomena.clone()} on_changed={refresh.clone()} rights={p.rights} />
                    </div>
                },
                None => html! {},
            }) }
            if p.rights.may(Act::KeepRegister) {
                <PlanForm table={p.table.id} {on_planned} />
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct PlanProps {
    table: TableId,
    on_planned: Callback<Meeting>,
}

#[function_component(PlanForm)]
fn plan_form(p: &PlanProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(MeetingDraft::default()));
    let table = p.table;
    let FormSubmit {
        onsubmit,
        error,
        busy,
    } = use_form_submit(
        &form,
        move |draft| api::plan_meeting(table, draft),
        emptied,
        p.on_planned.clone(),
    );
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
                <button type="submit" id="meeting-submit" class="primary" disabled={busy}>{ i18n.t("meeting-plan-submit") }</button>
            </div>
        </form>
    }
}
