//! The phenomenon taxonomy: the chair adds a phenomenon or retires one. No code change, ever.

use casustafel_api::ApiError;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{Field as F, Lang};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::field::Field;
use crate::i18n::I18n;
use crate::load::use_load;

#[function_component(PhenomenaPage)]
pub fn phenomena_page() -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let list = use_load((), |_| api::list_phenomena());
    let name = use_state(String::new);
    let error = use_state(|| None::<ApiError>);
    let reload = list.reload();
    let onsubmit = {
        let (name, error, reload) = (name.clone(), error.clone(), reload.clone());
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let (n, name, error, reload) =
                ((*name).clone(), name.clone(), error.clone(), reload.clone());
            spawn_local(async move {
                match api::add_phenomenon(n).await {
                    Ok(_) => {
                        name.set(String::new());
                        error.set(None);
                        reload.emit(());
                    }
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let toggle = |p: &Phenomenon| {
        let (id, retired, reload, error) = (p.id, !p.retired, reload.clone(), error.clone());
        Callback::from(move |_| {
            let (reload, error) = (reload.clone(), error.clone());
            spawn_local(async move {
                match api::set_phenomenon_retired(id, retired).await {
                    Ok(()) => reload.emit(()),
                    Err(e) => error.set(Some(e)),
                }
            });
        })
    };
    let name_errors: Vec<String> = error
        .as_ref()
        .map(|e| {
            e.field_errors()
                .iter()
                .filter(|fe| fe.field == F::Name)
                .map(|fe| i18n.problem(&fe.problem))
                .collect()
        })
        .unwrap_or_default();
    let general = error
        .as_ref()
        .filter(|e| e.field_errors().is_empty())
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
                    <Field id="phenomenon-name" label={i18n.t("phenomena-new")} value={(*name).clone()}
                        oninput={{ let name = name.clone(); Callback::from(move |v: String| name.set(v)) }}
                        errors={name_errors} />
                    <button type="submit" id="phenomenon-add" class="primary">{ i18n.t("phenomena-add") }</button>
                </form>
                if let Some(msg) = general {
                    <p class="form-error" role="alert">{ msg }</p>
                }
            </div>
        </section>
    }
}
