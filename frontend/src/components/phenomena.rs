//! The phenomenon taxonomy: the chair adds a phenomenon or retires one. No code change, ever.

use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{Field as F, Lang};
use yew::prelude::*;

use crate::api;
use crate::components::field::{errors_for, Field};
use crate::components::form::{emptied, text, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;
use crate::load::{use_load, use_send};

#[function_component(PhenomenaPage)]
pub fn phenomena_page() -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let list = use_load((), |_| api::list_phenomena());
    let reload = list.reload();
    let name = use_reducer(|| Form(String::new()));
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(&name, api::add_phenomenon, emptied, reload.reform(|_| ()));
    // Retiring or restoring one: each click sent, its own error shown under the list.
    let retire = use_send(
        |(id, retired)| api::set_phenomenon_retired(id, retired),
        reload.clone(),
    );
    let toggle = |p: &Phenomenon| {
        let (id, retired) = (p.id, !p.retired);
        retire.send.reform(move |_| (id, retired))
    };
    let name_errors = errors_for(&i18n, &error, F::Name);
    let general = error
        .as_ref()
        .filter(|e| e.field_errors().is_empty())
        .or(retire.error.as_ref())
        .map(|e| i18n.error(e));
    html! {
        <section class="page" id="phenomena-page">
            <div class="page-head">
                <div>
                    <h1>{ i18n.t("phenomena-title") }</h1>
                    <p class="muted">{ i18n.t("phenomena-intro") }</p>
                </div>
            </div>
            <div class="card">
                { list.view("phenomenon-list", |items: &Vec<Phenomenon>| html! {
                        <ul class="rows" id="phenomenon-list">
                            { for items.iter().map(|p| html! {
                                <li class={classes!("row-item", p.retired.then_some("retired"))}>
                                    <span class="row-main">{ i18n.phenomenon(p) }</span>
                                    if p.retired {
                                        <span class="badge bad">{ i18n.t("phenomena-retired") }</span>
                                    }
                                    <button type="button" class="link" onclick={toggle(p)}>
                                        { if p.retired { i18n.t("phenomena-restore") } else { i18n.t("phenomena-retire") } }
                                    </button>
                                </li>
                            }) }
                        </ul>
                }) }
                <form class="inline-form" id="phenomenon-form" {onsubmit} novalidate=true>
                    <Field id="phenomenon-name" label={i18n.t("phenomena-new")} value={name.0.clone()}
                        oninput={text(&name, |d, v| *d = v)} errors={name_errors} />
                    <button type="submit" id="phenomenon-add" class="primary">{ i18n.t("phenomena-add") }</button>
                </form>
                if let Some(msg) = general {
                    <p class="form-error" role="alert">{ msg }</p>
                }
            </div>
        </section>
    }
}
