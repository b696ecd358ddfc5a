//! A table's partners and participants: who may sit at this table, in which role, and whether they
//! signed the secrecy protocol (art. 458ter).

use casustafel_domain::organisation::{OrgCategory, Organisation, OrganisationDraft};
use casustafel_domain::participant::{Participant, ParticipantDraft, Role};
use casustafel_domain::{format_date, Field as F, Lang, OrganisationId, TableId};
use yew::prelude::*;

use crate::api;
use crate::components::field::{coded, error_list, errors_for, general_error, radios, Field};
use crate::components::form::{
    apply, emptied, pick, text, toggle, use_form_submit, Form, FormSubmit,
};
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct ParticipantsProps {
    pub table: TableId,
    /// The table is run from another device (the chair's): its register is not edited here.
    #[prop_or_default]
    pub read_only: bool,
}

#[function_component(ParticipantsTab)]
pub fn participants_tab(p: &ParticipantsProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let version = use_version();
    let loaded = use_load((p.table, version.get()), |(table, _)| async move {
        Ok((
            api::list_organisations().await?,
            api::list_participants(table).await?,
        ))
    });
    let (orgs, people): (Vec<Organisation>, Vec<Participant>) =
        loaded.get().cloned().unwrap_or_default();
    let reload = {
        let version = version.clone();
        Callback::from(move |_: ()| version.bump())
    };
    let org_name = |id: OrganisationId| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    html! {
        <div class="tab" id="participants-tab">
            <div class="card">
                <h2>{ i18n.t("participants-title") }</h2>
                if loaded.get().is_none() {
                    { loaded.view("participant-list", |_| html! {}) }
                } else if people.is_empty() {
                    <p class="empty">{ i18n.t("participants-empty") }</p>
                } else {
                    <table class="grid" id="participant-list">
                        <thead><tr>
                            <th>{ i18n.t("participant-name") }</th>
                            <th>{ i18n.t("participant-organisation") }</th>
                            <th>{ i18n.t("participant-role") }</th>
                            <th>{ i18n.t("participant-protocol") }</th>
                        </tr></thead>
                        <tbody>
                            { for people.iter().map(|pp| html! {
                                <tr>
                                    <td class="strong">{ &pp.name }</td>
                                    <td>{ org_name(pp.organisation_id) }</td>
                                    <td>{ i18n.t(&format!("role-{}", pp.role.code())) }</td>
                                    <td>{ match &pp.protocol {
                                        Some(pr) => html! { <span class="badge ok">{ i18n.t_args("participant-signed", &[("date", format_date(pr.signed_on).into()), ("version", pr.version.as_str().into())]) }</span> },
                                        None => html! { <span class="badge bad">{ i18n.t("participant-not-signed") }</span> },
                                    } }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            </div>
            // The table's partners and participants come from the chair's device.
            if !p.read_only {
                <ParticipantForm table={p.table} orgs={orgs.clone()} on_saved={reload.clone()} />
                <OrganisationForm on_saved={reload} />
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ParticipantFormProps {
    table: TableId,
    orgs: Vec<Organisation>,
    on_saved: Callback<()>,
}

#[function_component(ParticipantForm)]
fn participant_form(p: &ParticipantFormProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(ParticipantDraft::default()));
    // The table's open cases, offered when the participant is ad hoc.
    let cases = use_load(p.table, api::open_cases);
    let table = p.table;
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        move |draft| api::add_participant(table, draft),
        emptied,
        p.on_saved.reform(|_| ()),
    );
    let org_options: Vec<_> = p
        .orgs
        .iter()
        .map(|o| (o.id, format!("org-{}", o.id), o.name.clone()))
        .collect();
    let roles = coded(&i18n, "role", "role", &Role::ALL, |r| r.code());
    let pick_org = {
        let form = form.clone();
        Callback::from(move |id: OrganisationId| {
            form.dispatch(std::rc::Rc::new(move |d: &mut ParticipantDraft| {
                d.organisation_id = Some(id)
            }))
        })
    };
    let pick_role = pick(&form, |d: &mut ParticipantDraft, r: Role| d.role = Some(r));
    let err = |f: F| errors_for(&i18n, &error, f);
    html! {
        <form class="card form" id="participant-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("participant-add-title") }</h2>
            <Field id="participant-name" label={i18n.t("participant-name")} value={form.0.name.clone()}
                oninput={text(&form, |d, v| d.name = v)} errors={err(F::Name)} />
            <div class="field">
                <span class="label">{ i18n.t("participant-organisation") }</span>
                if p.orgs.is_empty() {
                    <p class="hint">{ i18n.t("participant-no-orgs") }</p>
                }
                { radios("organisation", &org_options, form.0.organisation_id, pick_org) }
                { error_list("participant-organisation-error", &err(F::Organisation)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("participant-role") }</span>
                { radios("role", &roles, form.0.role, pick_role) }
                { error_list("participant-role-error", &err(F::Role)) }
            </div>
            <div class="row">
                <Field id="protocol-signed-on" label={i18n.t("participant-protocol-date")} placeholder={i18n.t("form-date-hint")}
                    hint={i18n.t("participant-protocol-hint")}
                    value={form.0.protocol_signed_on.clone()} oninput={text(&form, |d, v| d.protocol_signed_on = v)}
                    errors={err(F::ProtocolSignedOn)} />
                <Field id="protocol-version" label={i18n.t("participant-protocol-version")}
                    value={form.0.protocol_version.clone()} oninput={text(&form, |d, v| d.protocol_version = v)}
                    errors={err(F::ProtocolVersion)} />
            </div>
            <div class="row">
                <Field id="active-from" label={i18n.t("participant-active-from")} placeholder={i18n.t("form-date-hint")}
                    value={form.0.active_from.clone()} oninput={text(&form, |d, v| d.active_from = v)}
                    errors={err(F::ActiveFrom)} />
                <Field id="active-to" label={i18n.t("participant-active-to")} placeholder={i18n.t("form-date-hint")}
                    value={form.0.active_to.clone()} oninput={text(&form, |d, v| d.active_to = v)}
                    errors={err(F::ActiveTo)} />
            </div>
            if form.0.role == Some(Role::AdHoc) {
                <div class="field" id="participant-cases">
                    <span class="label">{ i18n.t("participant-cases") }</span>
                    <p class="hint">{ i18n.t("participant-cases-hint") }</p>
                    { cases.failure("participant-cases") }
                    if cases.get().is_some_and(Vec::is_empty) {
                        <p class="hint">{ i18n.t("participant-no-cases") }</p>
                    }
                    <div class="checks">
                        { for cases.get().into_iter().flatten().map(|c| {
                            let id = c.id;
                            let dom = format!("pcase-{}", c.code);
                            html! {
                                <label class="radio" for={dom.clone()}>
                                    <input type="checkbox" id={dom} checked={form.0.cases.contains(&id)}
                                        onchange={apply(&form, move |d: &mut ParticipantDraft| toggle(&mut d.cases, id))} />
                                    <span>{ &c.code }</span>
                                </label>
                            }
                        }) }
                    </div>
                </div>
            }
            { error_list("participant-cases-error", &err(F::Cases)) }
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id="participant-submit" class="primary">{ i18n.t("participant-add") }</button>
            </div>
        </form>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct OrganisationFormProps {
    on_saved: Callback<()>,
}

#[function_component(OrganisationForm)]
fn organisation_form(p: &OrganisationFormProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(OrganisationDraft::default()));
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        api::add_organisation,
        emptied,
        p.on_saved.reform(|_| ()),
    );
    let categories = coded(&i18n, "cat", "category", &OrgCategory::ALL, |c| c.code());
    let pick = {
        let form = form.clone();
        Callback::from(move |c: OrgCategory| {
            form.dispatch(std::rc::Rc::new(move |d: &mut OrganisationDraft| {
                d.category = Some(c);
                d.bound_by_secrecy = c.usually_bound_by_secrecy();
            }))
        })
    };
    let err = |f: F| errors_for(&i18n, &error, f);
    html! {
        <form class="card form" id="organisation-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("organisation-add-title") }</h2>
            <Field id="organisation-name" label={i18n.t("organisation-name")} value={form.0.name.clone()}
                oninput={text(&form, |d, v| d.name = v)} errors={err(F::Name)} />
            <div class="field">
                <span class="label">{ i18n.t("organisation-category") }</span>
                { radios("category", &categories, form.0.category, pick) }
                { error_list("organisation-category-error", &err(F::Category)) }
            </div>
            <label class="radio check" for="organisation-secrecy">
                <input type="checkbox" id="organisation-secrecy" checked={form.0.bound_by_secrecy}
                    onchange={apply(&form, |d: &mut OrganisationDraft| d.bound_by_secrecy = !d.bound_by_secrecy)} />
                <span>{ i18n.t("organisation-secrecy") }</span>
            </label>
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id="organisation-submit" class="secondary">{ i18n.t("organisation-add") }</button>
            </div>
        </form>
    }
}
