//! The "new case table" form. What was typed stays in the form until it is saved or cancelled;
//! refused input is marked next to each field.

use casustafel_api::ApiError;
use casustafel_domain::{
    Field as F, Lang, LegalBasisKind, Municipality, PhenomenonId, Table, TableDraft, TableId,
    TableKind,
};
use std::rc::Rc;

use web_sys::HtmlInputElement;
use yew::prelude::*;

use crate::api;
use crate::components::field::{
    coded, error_list, errors_for as field_errors, radios, Field, FieldKind,
};
use crate::components::form::{kept, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::use_load;

#[derive(Debug, Properties, PartialEq)]
pub struct FormProps {
    /// The table being configured; `None` for a new one.
    #[prop_or_default]
    pub existing: Option<Table>,
    pub on_saved: Callback<TableId>,
    pub on_cancel: Callback<()>,
}

fn empty_row() -> Municipality {
    Municipality {
        nis_code: String::new(),
        name: String::new(),
    }
}

#[function_component(TableForm)]
pub fn table_form(p: &FormProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let draft = {
        let existing = p.existing.clone();
        use_reducer(move || {
            Form(
                existing
                    .map(|t| t.to_draft())
                    .unwrap_or_else(|| TableDraft {
                        municipalities: vec![empty_row()],
                        retention_months: "24".into(),
                        ..TableDraft::default()
                    }),
            )
        })
    };
    let phenomena = use_load((), |_| api::list_phenomena());
    let existing = p.existing.as_ref().map(|t| t.id);
    let FormSubmit {
        onsubmit,
        error,
        busy: saving,
    } = use_form_submit(
        &draft,
        move |d| async move {
            match existing {
                Some(id) => api::update_table(id, d).await,
                None => api::create_table(d).await,
            }
        },
        kept,
        p.on_saved.reform(|t: Table| t.id),
    );

    // One updater for every field: takes a closure that edits a copy of the draft.
    // Editing a field clears the errors shown for it: they described the old value.
    let clear_errors = {
        let error = error.clone();
        move |field: F| {
            if let Some(ApiError::Invalid { errors }) = error.as_ref() {
                if errors.iter().any(|e| e.field == field) {
                    let errors = errors
                        .iter()
                        .filter(|e| e.field != field)
                        .cloned()
                        .collect();
                    error.set(Some(ApiError::Invalid { errors }));
                }
            }
        }
    };
    let update = {
        let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
        move |field: F, f: fn(&mut TableDraft, String)| {
            let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
            Callback::from(move |v: String| {
                clear_errors(field);
                draft.dispatch(Rc::new(move |d: &mut TableDraft| f(d, v.clone())))
            })
        }
    };
    let errors_for = |field: F| field_errors(&i18n, &error, field);

    let kinds = coded(&i18n, "kind", "kind", &TableKind::ALL, |k| k.code());
    let pick_kind = {
        let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
        Callback::from(move |k: TableKind| {
            clear_errors(F::Kind);
            draft.dispatch(Rc::new(move |d: &mut TableDraft| d.kind = Some(k)))
        })
    };
    let lb_kinds = coded(&i18n, "lbkind", "lbkind", &LegalBasisKind::ALL, |k| {
        k.code()
    });
    let pick_lb_kind = {
        let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
        Callback::from(move |k: LegalBasisKind| {
            clear_errors(F::LegalBasisKind);
            draft.dispatch(Rc::new(move |d: &mut TableDraft| {
                d.legal_basis_kind = Some(k)
            }))
        })
    };
    let edit_row = {
        let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
        move |i: usize, code: bool| {
            let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
            Callback::from(move |e: InputEvent| {
                clear_errors(F::Municipalities);
                let v = e.target_unchecked_into::<HtmlInputElement>().value();
                draft.dispatch(Rc::new(move |d: &mut TableDraft| {
                    if let Some(row) = d.municipalities.get_mut(i) {
                        if code {
                            row.nis_code = v.clone();
                        } else {
                            row.name = v.clone();
                        }
                    }
                }));
            })
        }
    };
    let add_row = {
        let draft = draft.clone();
        Callback::from(move |_| {
            draft.dispatch(Rc::new(|d: &mut TableDraft| {
                d.municipalities.push(empty_row())
            }))
        })
    };
    let remove_row = {
        let draft = draft.clone();
        move |i: usize| {
            let draft = draft.clone();
            Callback::from(move |_| {
                draft.dispatch(Rc::new(move |d: &mut TableDraft| {
                    if d.municipalities.len() > 1 && i < d.municipalities.len() {
                        d.municipalities.remove(i);
                    }
                }))
            })
        }
    };
    let toggle_phenomenon = {
        let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
        move |id: PhenomenonId| {
            let (draft, clear_errors) = (draft.clone(), clear_errors.clone());
            Callback::from(move |_| {
                clear_errors(F::Phenomena);
                draft.dispatch(Rc::new(move |d: &mut TableDraft| {
                    if let Some(i) = d.phenomena.iter().position(|p| *p == id) {
                        d.phenomena.remove(i);
                    } else {
                        d.phenomena.push(id);
                    }
                }))
            })
        }
    };
    let muni_errors = errors_for(F::Municipalities);
    let general_error = error.as_ref().map(|e| i18n.error(e));

    html! {
        <section class="page" id="table-form-page">
            <form class="card form" id="table-form" {onsubmit} novalidate=true>
                <h1>{ if p.existing.is_some() { i18n.t("form-edit-title") } else { i18n.t("form-title") } }</h1>
                <Field id="table-name" label={i18n.t("form-name")} hint={i18n.t("form-name-hint")}
                    value={draft.0.name.clone()} oninput={update(F::Name, |d, v| d.name = v)}
                    errors={errors_for(F::Name)} autofocus=true />

                <fieldset class={classes!("field", (!errors_for(F::Kind).is_empty()).then_some("has-error"))}>
                    <legend>{ i18n.t("form-kind") }</legend>
                    { radios("kind", &kinds, draft.0.kind, pick_kind) }
                    { error_list("kind-error", &errors_for(F::Kind)) }
                </fieldset>

                <fieldset class={classes!("field", (!muni_errors.is_empty()).then_some("has-error"))} id="municipalities">
                    <legend>{ i18n.t("form-municipalities") }</legend>
                    <p class="hint">{ i18n.t("form-municipalities-hint") }</p>
                    // Every list sits in an element of its own: Yew then never confuses the rows with
                    // the errors below them, and the focused input survives an error disappearing.
                    <div class="muni-rows">
                        { for draft.0.municipalities.iter().enumerate().map(|(i, m)| html! {
                            <div class="muni-row" key={i}>
                                <input id={format!("muni-code-{i}")} class="nis" type="text" inputmode="numeric"
                                    maxlength="5" value={m.nis_code.clone()} oninput={edit_row(i, true)}
                                    placeholder={i18n.t("form-nis-code")} aria-label={i18n.t("form-nis-code")} />
                                <input id={format!("muni-name-{i}")} type="text" value={m.name.clone()}
                                    oninput={edit_row(i, false)} placeholder={i18n.t("form-municipality-name")}
                                    aria-label={i18n.t("form-municipality-name")} />
                                if draft.0.municipalities.len() > 1 {
                                    <button type="button" class="link" onclick={remove_row(i)}>
                                        { i18n.t("form-remove-municipality") }
                                    </button>
                                }
                            </div>
                        }) }
                    </div>
                    <button type="button" id="add-municipality" class="secondary small" onclick={add_row}>
                        { i18n.t("form-add-municipality") }
                    </button>
                    { error_list("municipalities-error", &muni_errors) }
                </fieldset>

                <fieldset class="group">
                    <legend>{ i18n.t("form-legal-basis") }</legend>
                    <p class="hint">{ i18n.t("form-legal-basis-hint") }</p>
                    <div class={classes!("field", (!errors_for(F::LegalBasisKind).is_empty()).then_some("has-error"))}>
                        <span class="label">{ i18n.t("form-lb-kind") }</span>
                        { radios("lbkind", &lb_kinds, draft.0.legal_basis_kind, pick_lb_kind) }
                        { error_list("lbkind-error", &errors_for(F::LegalBasisKind)) }
                    </div>
                    <Field id="lb-reference" label={i18n.t("form-lb-reference")} hint={i18n.t("form-lb-reference-hint")}
                        value={draft.0.legal_basis_reference.clone()} oninput={update(F::LegalBasisReference, |d, v| d.legal_basis_reference = v)}
                        errors={errors_for(F::LegalBasisReference)} />
                    <div class="row">
                        <Field id="lb-date" label={i18n.t("form-lb-date")} placeholder={i18n.t("form-date-hint")}
                            value={draft.0.legal_basis_date.clone()} oninput={update(F::LegalBasisDate, |d, v| d.legal_basis_date = v)}
                            errors={errors_for(F::LegalBasisDate)} />
                        <Field id="lb-expiry" label={i18n.t("form-lb-expiry")} placeholder={i18n.t("form-date-hint")}
                            value={draft.0.legal_basis_expiry.clone()} oninput={update(F::LegalBasisExpiry, |d, v| d.legal_basis_expiry = v)}
                            errors={errors_for(F::LegalBasisExpiry)} />
                    </div>
                </fieldset>

                <Field id="finality" label={i18n.t("form-finality")} hint={i18n.t("form-finality-hint")}
                    kind={FieldKind::Multiline} value={draft.0.finality.clone()}
                    oninput={update(F::Finality, |d, v| d.finality = v)} errors={errors_for(F::Finality)} />

                <fieldset class="group">
                    <legend>{ i18n.t("form-settings") }</legend>
                    <div class={classes!("field", (!errors_for(F::Phenomena).is_empty()).then_some("has-error"))}>
                        <span class="label">{ i18n.t("form-phenomena") }</span>
                        <p class="hint">{ i18n.t("form-phenomena-hint") }</p>
                        { phenomena.failure("phenomena") }
                        <div class="checks" id="phenomena">
                            { for phenomena.get().into_iter().flatten()
                                .filter(|ph| !ph.retired || draft.0.phenomena.contains(&ph.id))
                                .map(|ph| {
                                    let id = format!("phen-{}", ph.key.clone().unwrap_or_else(|| ph.id.to_string()));
                                    let checked = draft.0.phenomena.contains(&ph.id);
                                    html! {
                                        <label class="radio" for={id.clone()}>
                                            <input type="checkbox" id={id} {checked} onchange={toggle_phenomenon(ph.id)} />
                                            <span>{ i18n.phenomenon(ph) }</span>
                                        </label>
                                    }
                                }) }
                        </div>
                        { error_list("phenomena-error", &errors_for(F::Phenomena)) }
                    </div>
                    <div class="row">
                        <Field id="case-prefix" label={i18n.t("form-case-prefix")} hint={i18n.t("form-case-prefix-hint")}
                            value={draft.0.case_prefix.clone()} oninput={update(F::CasePrefix, |d, v| d.case_prefix = v)}
                            errors={errors_for(F::CasePrefix)} />
                        <Field id="retention-months" label={i18n.t("form-retention")} hint={i18n.t("form-retention-hint")}
                            value={draft.0.retention_months.clone()} oninput={update(F::RetentionMonths, |d, v| d.retention_months = v)}
                            errors={errors_for(F::RetentionMonths)} />
                    </div>
                    <div class="row">
                        <Field id="cadence-weeks" label={i18n.t("form-cadence")} hint={i18n.t("form-cadence-hint")}
                            value={draft.0.cadence_weeks.clone()} oninput={update(F::CadenceWeeks, |d, v| d.cadence_weeks = v)}
                            errors={errors_for(F::CadenceWeeks)} />
                        <div></div>
                    </div>
                    <Field id="admission-criteria" label={i18n.t("form-criteria")} hint={i18n.t("form-criteria-hint")}
                        kind={FieldKind::Multiline} value={draft.0.admission_criteria.clone()}
                        oninput={update(F::AdmissionCriteria, |d, v| d.admission_criteria = v)}
                        errors={errors_for(F::AdmissionCriteria)} />
                    <Field id="modalities" label={i18n.t("form-modalities")} hint={i18n.t("form-modalities-hint")}
                        kind={FieldKind::Multiline} value={draft.0.modalities.clone()}
                        oninput={update(F::Modalities, |d, v| d.modalities = v)}
                        errors={errors_for(F::Modalities)} />
                </fieldset>

                if let Some(msg) = general_error {
                    <p class="form-error" id="table-form-error" role="alert">{ msg }</p>
                }
                <div class="actions">
                    <button type="button" id="table-cancel" class="secondary" onclick={p.on_cancel.reform(|_| ())}>
                        { i18n.t("form-cancel") }
                    </button>
                    <button type="submit" id="table-submit" class="primary" disabled={saving}>
                        { if saving { i18n.t("form-saving") } else { i18n.t("form-submit") } }
                    </button>
                </div>
            </form>
        </section>
    }
}
