//! One case: its follow-up (risk, track, partners, casusregisseur, next review), the identity behind
//! the pseudonym (shown only on request, and every look is recorded), closure, and the timeline.

use std::rc::Rc;

use casustafel_domain::case::{CaseEvent, CaseEventKind, ClosureDraft, ClosureReason};
use casustafel_domain::identity::{Identity, PersonDraft, PersonRole};
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{format_date, CaseId, Field as F, Lang, Table};
use yew::prelude::*;

use crate::api;
use crate::components::cases::risk_badge;
use crate::components::field::{
    coded, error_list, errors_for, general_error, radios, Field, FieldKind,
};
use crate::components::followup_form::CaseUpdateForm;
use crate::components::form::{apply, kept, pick, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::{use_load, use_submit, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct CaseViewProps {
    pub id: CaseId,
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    pub on_back: Callback<()>,
}

#[function_component(CaseView)]
pub fn case_view(p: &CaseViewProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let version = use_version();
    let loaded = use_load(
        (p.id, p.table.id, version.get()),
        |(id, table, _)| async move {
            let orgs = api::list_organisations().await?;
            let people = api::list_participants(table).await?;
            Ok((api::get_case(id).await?, orgs, people))
        },
    );
    let reload = {
        let version = version.clone();
        Callback::from(move |_: ()| version.bump())
    };
    let back = html! {
        <button type="button" id="case-back" class="link" onclick={p.on_back.reform(|_| ())}>
            { i18n.t("case-back") }
        </button>
    };
    let Some((d, orgs, people)) = loaded.get().cloned() else {
        return html! { <div class="tab">{ back }{ loaded.view("case-detail", |_| html! {}) }</div> };
    };
    let c = &d.case;
    let open = c.status.is_open();
    html! {
        <div class="tab" id="case-view">
            { back }
            <div class="card">
                <div class="page-head">
                    <div>
                        <h2 id="case-code">{ &c.code }</h2>
                        <p class="muted">{ i18n.t_args("case-opened", &[("date", format_date(c.opened_on).into())]) }</p>
                    </div>
                    <div class="badges">
                        <span class="badge neutral" id="case-status">{ i18n.t(&format!("cstatus-{}", c.status.code())) }</span>
                        { risk_badge(&i18n, c.risk) }
                    </div>
                </div>
                <dl class="compact">
                    <dt>{ i18n.t("referral-concern") }</dt><dd class="prose">{ &d.referral.concern }</dd>
                    <dt>{ i18n.t("referral-question") }</dt><dd class="prose">{ &d.referral.question }</dd>
                    <dt>{ i18n.t("referral-tried") }</dt><dd class="prose">{ &d.referral.tried }</dd>
                    if let Some(cl) = &c.closure {
                        <dt>{ i18n.t("closure-title") }</dt>
                        <dd id="case-closure">{ format!("{} — {} ({})", i18n.t(&format!("closure-{}", cl.reason.code())), cl.outcome, format_date(cl.closed_on)) }</dd>
                    }
                </dl>
            </div>
            if open {
                <CaseUpdateForm case={d.case.clone()} table={p.table.clone()} phenomena={p.phenomena.clone()}
                    orgs={orgs.clone()} people={people.clone()} on_saved={reload.clone()} />
            }
            <IdentityPanel id={c.id} has_identity={c.has_identity} open={open} on_saved={reload.clone()} />
            if open {
                <ClosureForm id={c.id} on_saved={reload} />
            }
            <div class="card">
                <h2>{ i18n.t("timeline-title") }</h2>
                <ol class="timeline" id="case-timeline">
                    { for d.timeline.iter().rev().map(|e| timeline_item(&i18n, e)) }
                </ol>
            </div>
        </div>
    }
}

fn timeline_item(i18n: &I18n, e: &CaseEvent) -> Html {
    let what = match &e.kind {
        CaseEventKind::Admitted => i18n.t("event-admitted"),
        CaseEventKind::Updated { fields } => i18n.t_args(
            "event-updated",
            &[(
                "fields",
                fields
                    .iter()
                    .map(|f| i18n.t(&format!("field-{f}")))
                    .collect::<Vec<_>>()
                    .join(", ")
                    .into(),
            )],
        ),
        CaseEventKind::StatusChanged { to } => i18n.t_args(
            "event-status",
            &[("status", i18n.t(&format!("cstatus-{}", to.code())).into())],
        ),
        CaseEventKind::IdentityRecorded => i18n.t("event-identity-recorded"),
        CaseEventKind::IdentityRevealed => i18n.t("event-identity-revealed"),
        CaseEventKind::Closed { reason } => i18n.t_args(
            "event-closed",
            &[(
                "reason",
                i18n.t(&format!("closure-{}", reason.code())).into(),
            )],
        ),
    };
    html! {
        <li class={classes!(matches!(e.kind, CaseEventKind::IdentityRevealed).then_some("reveal"))}>
            <span class="when">{ crate::clock::local_time(e.at) }</span>
            <span class="what">{ what }</span>
            <span class="who muted small">{ if e.by == "owner" { i18n.t("actor-owner") } else { e.by.clone() } }</span>
        </li>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct IdentityProps {
    id: CaseId,
    has_identity: bool,
    open: bool,
    on_saved: Callback<()>,
}

fn subject_row() -> PersonDraft {
    PersonDraft {
        role: Some(PersonRole::Subject),
        ..PersonDraft::default()
    }
}

#[function_component(IdentityPanel)]
fn identity_panel(p: &IdentityProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let shown = use_state(|| None::<Identity>);
    let form = use_reducer(|| Form(vec![subject_row()]));
    let id = p.id;
    let reveal = {
        let (shown, on_saved) = (shown.clone(), p.on_saved.clone());
        use_submit(
            move |()| api::reveal_identity(id),
            Callback::from(move |identity| {
                shown.set(Some(identity));
                // The reveal is now in the timeline: show it.
                on_saved.emit(());
            }),
        )
    };
    let hide = {
        let shown = shown.clone();
        Callback::from(move |_| shown.set(None))
    };
    let FormSubmit {
        onsubmit,
        error,
        busy,
    } = use_form_submit(
        &form,
        move |rows| api::record_identity(id, rows),
        kept,
        p.on_saved.reform(|_| ()),
    );
    let err = |f: F| errors_for(&i18n, &error, f);
    let row_text = |i: usize, set: fn(&mut PersonDraft, String)| {
        let form = form.clone();
        Callback::from(move |v: String| {
            form.dispatch(Rc::new(move |rows: &mut Vec<PersonDraft>| {
                if let Some(r) = rows.get_mut(i) {
                    set(r, v.clone());
                }
            }))
        })
    };
    html! {
        <div class="card identity" id="identity-panel">
            <h2>{ i18n.t("identity-title") }</h2>
            <p class="notice info">{ i18n.t("identity-intro") }</p>
            if let Some(identity) = shown.as_ref() {
                <table class="grid" id="identity-shown">
                    <thead><tr>
                        <th>{ i18n.t("identity-role") }</th><th>{ i18n.t("identity-name") }</th>
                        <th>{ i18n.t("identity-birth-date") }</th><th>{ i18n.t("identity-address") }</th>
                    </tr></thead>
                    <tbody>
                        { for identity.persons.iter().map(|pp| html! {
                            <tr>
                                <td>{ i18n.t(&format!("person-{}", pp.role.code())) }</td>
                                <td class="strong identity-name">{ &pp.name }</td>
                                <td>{ pp.birth_date.map(format_date).unwrap_or_default() }</td>
                                <td>{ &pp.address }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
                <p class="muted small">{ i18n.t("identity-recorded-notice") }</p>
                <button type="button" id="hide-identity" class="secondary" onclick={hide}>{ i18n.t("identity-hide") }</button>
            } else if p.has_identity {
                <button type="button" id="reveal-identity" class="secondary" disabled={reveal.busy} onclick={reveal.send.reform(|_| ())}>{ i18n.t("identity-reveal") }</button>
            } else if p.open {
                <form id="identity-form" {onsubmit} novalidate=true>
                    { for form.0.iter().enumerate().map(|(i, r)| html! {
                        <div class="person-row" key={i}>
                            <span class="badge neutral">{ i18n.t(&format!("person-{}", r.role.unwrap_or(PersonRole::Other).code())) }</span>
                            <Field id={format!("person-name-{i}")} label={i18n.t("identity-name")} value={r.name.clone()}
                                oninput={row_text(i, |r, v| r.name = v)} />
                            <Field id={format!("person-birth-{i}")} label={i18n.t("identity-birth-date")} placeholder={i18n.t("form-date-hint")}
                                value={r.birth_date.clone()} oninput={row_text(i, |r, v| r.birth_date = v)} />
                            <Field id={format!("person-address-{i}")} label={i18n.t("identity-address")} value={r.address.clone()}
                                oninput={row_text(i, |r, v| r.address = v)} />
                        </div>
                    }) }
                    <button type="button" id="add-person" class="secondary small"
                        onclick={apply(&form, |rows: &mut Vec<PersonDraft>| rows.push(PersonDraft { role: Some(PersonRole::Other), ..PersonDraft::default() }))}>
                        { i18n.t("identity-add-person") }
                    </button>
                    { error_list("identity-error", &[err(F::Persons), err(F::PersonName), err(F::BirthDate), err(F::Address)].concat()) }
                    <div class="actions">
                        <button type="submit" id="identity-submit" class="primary" disabled={busy}>{ i18n.t("identity-save") }</button>
                    </div>
                </form>
            }
            { general_error(&i18n, &error) }
            { general_error(&i18n, &reveal.error) }
        </div>
    }
}

#[derive(Debug, Properties, PartialEq)]
struct ClosureProps {
    id: CaseId,
    on_saved: Callback<()>,
}

#[function_component(ClosureForm)]
fn closure_form(p: &ClosureProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = use_reducer(|| Form(ClosureDraft::default()));
    let id = p.id;
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        move |d| api::close_case(id, d),
        kept,
        p.on_saved.reform(|_| ()),
    );
    let err = |f: F| errors_for(&i18n, &error, f);
    let reasons = coded(&i18n, "closure", "closure", &ClosureReason::ALL, |r| {
        r.code()
    });
    let pick = pick(&form, |d: &mut ClosureDraft, r: ClosureReason| {
        d.reason = Some(r)
    });
    html! {
        <form class="card form" id="closure-form" {onsubmit} novalidate=true>
            <h2>{ i18n.t("closure-title") }</h2>
            <div class="field">
                <span class="label">{ i18n.t("closure-reason") }</span>
                { radios("closure", &reasons, form.0.reason, pick) }
                { error_list("closure-reason-error", &err(F::ClosureReason)) }
            </div>
            <Field id="closure-outcome" label={i18n.t("closure-outcome")} kind={FieldKind::Multiline}
                value={form.0.outcome.clone()} oninput={text(&form, |d, v| d.outcome = v)} errors={err(F::ClosureOutcome)} />
            <p class="hint">{ i18n.t("closure-hint") }</p>
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id="closure-submit" class="primary">{ i18n.t("closure-submit") }</button>
            </div>
        </form>
    }
}
