//! A table's referrals (aanmeldingen): file one, and triage it against the table's checklist.
//! Admitting a referral opens a pseudonymous case.

use std::rc::Rc;

use casustafel_domain::organisation::Organisation;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::referral::{
    CriterionAnswer, Referral, ReferralDraft, ReferralStatus, TriageDraft, TriageOutcome, Urgency,
};
use casustafel_domain::{format_date, Field as F, Lang, OrganisationId, ReferralId, Table};
use yew::prelude::*;

use crate::api;
use crate::components::field::{
    coded, error_list, errors_for, general_error, radios, Field, FieldKind,
};
use crate::components::form::{apply, kept, pick, text, toggle, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct ReferralsProps {
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    /// The table is run from another device (the chair's): its register is not edited here.
    #[prop_or_default]
    pub read_only: bool,
}

fn status_class(s: ReferralStatus) -> &'static str {
    match s {
        ReferralStatus::Admitted => "ok",
        ReferralStatus::Rejected => "bad",
        ReferralStatus::Submitted | ReferralStatus::InTriage => "warn",
        _ => "neutral",
    }
}

#[function_component(ReferralsTab)]
pub fn referrals_tab(p: &ReferralsProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let version = use_version();
    let triaging = use_state(|| None::<ReferralId>);
    let loaded = use_load((p.table.id, version.get()), |(table, _)| async move {
        Ok((
            api::list_organisations().await?,
            api::list_referrals(table).await?,
        ))
    });
    let (orgs, referrals): (Vec<Organisation>, Vec<Referral>) =
        loaded.get().cloned().unwrap_or_default();
    let reload = {
        let (version, triaging) = (version.clone(), triaging.clone());
        Callback::from(move |_: ()| {
            triaging.set(None);
            version.bump();
        })
    };
    let org_name = |id: OrganisationId| {
        orgs.iter()
            .find(|o| o.id == id)
            .map(|o| o.name.clone())
            .unwrap_or_default()
    };
    let phen_names = |r: &Referral| {
        p.phenomena
            .iter()
            .filter(|ph| r.phenomena.contains(&ph.id))
            .map(|ph| i18n.phenomenon(ph))
            .collect::<Vec<_>>()
            .join(", ")
    };
    html! {
        <div class="tab" id="referrals-tab">
            <div class="card">
                <h2>{ i18n.t("referrals-title") }</h2>
                { loaded.view("referral-list", |_| html! {}) }
                if loaded.get().is_some_and(|(_, list)| list.is_empty()) {
                    <p class="empty">{ i18n.t("referrals-empty") }</p>
                }
                <ul class="rows" id="referral-list">
                    { for referrals.iter().map(|r| {
                        let id = r.id;
                        let open = !r.status.is_final();
                        let start = { let triaging = triaging.clone(); Callback::from(move |_| triaging.set(Some(id))) };
                        html! {
                            <li class="row-item referral">
                                <div class="row-main">
                                    <div class="strong">{ phen_names(r) }</div>
                                    <div class="muted small">{ format!("{} · {} · {}", org_name(r.referrer), format_date(r.created_at.date_naive()), i18n.t(&format!("urgency-{}", r.urgency.code()))) }</div>
                                    <div class="clip">{ &r.concern }</div>
                                </div>
                                <span class={classes!("badge", status_class(r.status))}>{ i18n.t(&format!("rstatus-{}", r.status.code())) }</span>
                                if open {
                                    <button type="button" class="secondary small triage-start" onclick={start}>{ i18n.t("triage-start") }</button>
                                }
                            </li>
                        }
                    }) }
                </ul>
            </div>
            if let Some(id) = *triaging {
                <TriageForm referral={id} criteria={p.table.settings.admission_criteria.clone()} on_saved={reload.clone()} />
            }
            if !p.read_only {
                <ReferralForm table={p.table.clone()} phenomena={p.phenomena.clone()} orgs={orgs.clone()} on_saved={reload} />
            }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ReferralFormProps {
    table: Table,
    phenomena: Vec<Phenomenon>,
    orgs: Vec<Organisation>,
    on_saved: Callback<()>,
}

/// A new referral: anonymous unless the referrer names the person.
fn fresh_referral() -> ReferralDraft {
    ReferralDraft {
        anonymous: true,
        ..ReferralDraft::default()
    }
}

#[function_component(ReferralForm)]
fn referral_form(p: &ReferralFormProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(fresh_referral()));
    let table = p.table.id;
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        move |draft| api::create_referral(table, draft),
        |d| *d = fresh_referral(),
        p.on_saved.reform(|_| ()),
    );
    let err = |f: F| errors_for(&i18n, &error, f);
    let orgs: Vec<_> = p
        .orgs
        .iter()
        .map(|o| (o.id, format!("referrer-{}", o.id), o.name.clone()))
        .collect();
    let pick_org = pick(&form, |d: &mut ReferralDraft, id: OrganisationId| {
        d.referrer = Some(id)
    });
    let urgencies = coded(&i18n, "urgency", "urgency", &Urgency::ALL, |u| u.code());
    let pick_urgency = pick(&form, |d: &mut ReferralDraft, u: Urgency| {
        d.urgency = Some(u)
    });
    let informed: Vec<_> = [
        (
            true,
            "informed-yes".to_string(),
            i18n.t("referral-informed-yes"),
        ),
        (
            false,
            "informed-no".to_string(),
            i18n.t("referral-informed-no"),
        ),
    ]
    .to_vec();
    let pick_informed = {
        let form = form.clone();
        Callback::from(move |b: bool| {
            form.dispatch(Rc::new(move |d: &mut ReferralDraft| {
                d.person_informed = Some(b)
            }))
        })
    };
    html! {
        <form class="card form" id="referral-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("referral-new") }</h2>
            <p class="hint">{ i18n.t("referral-minimal-hint") }</p>
            <div class="field">
                <span class="label">{ i18n.t("referral-referrer") }</span>
                { radios("referrer", &orgs, form.0.referrer, pick_org) }
                { error_list("referral-referrer-error", &err(F::Referrer)) }
            </div>
            <label class="radio check" for="referral-anonymous">
                <input type="checkbox" id="referral-anonymous" checked={form.0.anonymous}
                    onchange={apply(&form, |d: &mut ReferralDraft| d.anonymous = !d.anonymous)} />
                <span>{ i18n.t("referral-anonymous") }</span>
            </label>
            <div class="field">
                <span class="label">{ i18n.t("form-phenomena") }</span>
                <div class="checks">
                    { for p.phenomena.iter().filter(|ph| p.table.settings.phenomena.contains(&ph.id)).map(|ph| {
                        let id = ph.id;
                        let dom = format!("rphen-{}", ph.key.clone().unwrap_or_else(|| ph.id.to_string()));
                        html! {
                            <label class="radio" for={dom.clone()}>
                                <input type="checkbox" id={dom} checked={form.0.phenomena.contains(&id)}
                                    onchange={apply(&form, move |d: &mut ReferralDraft| toggle(&mut d.phenomena, id))} />
                                <span>{ i18n.phenomenon(ph) }</span>
                            </label>
                        }
                    }) }
                </div>
                { error_list("referral-phenomena-error", &err(F::Phenomena)) }
            </div>
            <Field id="referral-concern" label={i18n.t("referral-concern")} hint={i18n.t("referral-concern-hint")} kind={FieldKind::Multiline}
                value={form.0.concern.clone()} oninput={text(&form, |d, v| d.concern = v)} errors={err(F::Concern)} />
            <Field id="referral-question" label={i18n.t("referral-question")} kind={FieldKind::Multiline}
                value={form.0.question.clone()} oninput={text(&form, |d, v| d.question = v)} errors={err(F::Question)} />
            <Field id="referral-tried" label={i18n.t("referral-tried")} hint={i18n.t("referral-tried-hint")} kind={FieldKind::Multiline}
                value={form.0.tried.clone()} oninput={text(&form, |d, v| d.tried = v)} errors={err(F::Tried)} />
            <div class="field">
                <span class="label">{ i18n.t("referral-urgency") }</span>
                { radios("urgency", &urgencies, form.0.urgency, pick_urgency) }
                { error_list("referral-urgency-error", &err(F::Urgency)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("referral-informed") }</span>
                { radios("informed", &informed, form.0.person_informed, pick_informed) }
                { error_list("referral-informed-error", &err(F::PersonInformed)) }
            </div>
            if form.0.person_informed == Some(false) {
                <Field id="referral-not-informed-reason" label={i18n.t("referral-not-informed-reason")}
                    value={form.0.not_informed_reason.clone()} oninput={text(&form, |d, v| d.not_informed_reason = v)}
                    errors={err(F::NotInformedReason)} />
            }
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id="referral-submit" class="primary">{ i18n.t("referral-submit") }</button>
            </div>
        </form>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct TriageProps {
    referral: ReferralId,
    criteria: Vec<String>,
    on_saved: Callback<()>,
}

#[function_component(TriageForm)]
fn triage_form(p: &TriageProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = {
        let criteria = p.criteria.clone();
        use_reducer(move || {
            Form(TriageDraft {
                criteria: criteria
                    .into_iter()
                    .map(|criterion| CriterionAnswer {
                        criterion,
                        met: false,
                    })
                    .collect(),
                ..TriageDraft::default()
            })
        })
    };
    let id = p.referral;
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        move |draft| api::triage_referral(id, draft),
        kept,
        p.on_saved.reform(|_| ()),
    );
    let err = |f: F| errors_for(&i18n, &error, f);
    let outcomes = coded(&i18n, "outcome", "outcome", &TriageOutcome::ALL, |o| {
        o.code()
    });
    let pick = pick(&form, |d: &mut TriageDraft, o: TriageOutcome| {
        d.outcome = Some(o)
    });
    html! {
        <form class="card form highlight" id="triage-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("triage-title") }</h2>
            <div class="field">
                <span class="label">{ i18n.t("form-criteria") }</span>
                { for form.0.criteria.iter().enumerate().map(|(i, c)| html! {
                    <label class="radio check" for={format!("criterion-{i}")}>
                        <input type="checkbox" id={format!("criterion-{i}")} checked={c.met}
                            onchange={apply(&form, move |d: &mut TriageDraft| if let Some(c) = d.criteria.get_mut(i) { c.met = !c.met })} />
                        <span>{ &c.criterion }</span>
                    </label>
                }) }
                { error_list("triage-criteria-error", &err(F::Criteria)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("triage-outcome") }</span>
                { radios("outcome", &outcomes, form.0.outcome, pick) }
                { error_list("triage-outcome-error", &err(F::Outcome)) }
            </div>
            if form.0.outcome == Some(TriageOutcome::Redirected) {
                <Field id="triage-redirected-to" label={i18n.t("triage-redirected-to")}
                    value={form.0.redirected_to.clone()} oninput={text(&form, |d, v| d.redirected_to = v)}
                    errors={err(F::RedirectedTo)} />
            }
            <Field id="triage-reasons" label={i18n.t("triage-reasons")} kind={FieldKind::Multiline}
                value={form.0.reasons.clone()} oninput={text(&form, |d, v| d.reasons = v)} errors={err(F::Reasons)} />
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id="triage-submit" class="primary">{ i18n.t("triage-submit") }</button>
            </div>
        </form>
    }
}
