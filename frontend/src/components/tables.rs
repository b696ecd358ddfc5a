//! The list of case tables.

use casustafel_api::TableSummary;
use casustafel_domain::{table::LegalBasisStatus, Lang, TableId};
use yew::prelude::*;

use crate::api;
use crate::components::join::JoinCard;
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

#[derive(Debug, Properties, PartialEq)]
pub struct TablesProps {
    pub on_open: Callback<TableId>,
    pub on_new: Callback<()>,
}

/// The badge for a legal basis: valid, expiring soon, or expired.
pub fn legal_basis_badge(i18n: &I18n, status: LegalBasisStatus) -> Html {
    let (class, text) = match status {
        LegalBasisStatus::Valid => ("ok", i18n.t("lbstatus-valid")),
        LegalBasisStatus::ExpiresSoon { days_left } => (
            "warn",
            i18n.t_args("lbstatus-expires-soon", &[("days", days_left.into())]),
        ),
        LegalBasisStatus::Expired => ("bad", i18n.t("lbstatus-expired")),
    };
    html! { <span class={classes!("badge", class)}>{ text }</span> }
}

#[function_component(TablesPage)]
pub fn tables_page(p: &TablesProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    // Intermunicipal use: one coordinator, the tables of several municipalities.
    let municipality = use_state(|| None::<String>);
    let version = use_version();
    let tables = use_load(version.get(), |_| api::list_tables());
    let reload = {
        let version = version.clone();
        Callback::from(move |_: ()| version.bump())
    };
    let municipalities: Vec<(String, String)> = {
        let mut all: Vec<(String, String)> = tables
            .get()
            .map(|l| {
                l.iter()
                    .flat_map(|t| {
                        t.municipalities
                            .iter()
                            .map(|m| (m.nis_code.clone(), m.name.clone()))
                    })
                    .collect()
            })
            .unwrap_or_default();
        all.sort_by(|a, b| a.1.cmp(&b.1));
        all.dedup_by(|a, b| a.0 == b.0);
        all
    };
    let chips = if municipalities.len() > 1 {
        let chip = |code: Option<String>, label: String| {
            let active = *municipality == code;
            let id = format!(
                "muni-filter-{}",
                code.clone().unwrap_or_else(|| "all".into())
            );
            let municipality = municipality.clone();
            html! {
                <button type="button" {id} class={classes!("chip-button", active.then_some("active"))}
                    aria-pressed={active.to_string()} onclick={Callback::from(move |_| municipality.set(code.clone()))}>
                    { label }
                </button>
            }
        };
        html! {
            <div class="chips" role="group" aria-label={i18n.t("tables-filter-municipality")}>
                { chip(None, i18n.t("tables-all-municipalities")) }
                { for municipalities.iter().map(|(code, name)| chip(Some(code.clone()), name.clone())) }
            </div>
        }
    } else {
        html! {}
    };
    let shown = |t: &&TableSummary| {
        municipality
            .as_ref()
            .is_none_or(|code| t.municipalities.iter().any(|m| &m.nis_code == code))
    };
    let body = tables.view("table-list", |list: &Vec<TableSummary>| match list {
        list if list.is_empty() => {
            html! { <p class="empty" id="tables-empty">{ i18n.t("tables-empty") }</p> }
        }
        list => html! {
            <ul class="table-list" id="table-list">
                { for list.iter().filter(shown).map(|t| {
                    let id = t.id;
                    let onclick = p.on_open.reform(move |_| id);
                    let munis = t.municipalities.iter().map(|m| m.name.as_str()).collect::<Vec<_>>().join(", ");
                    html! {
                        <li>
                            <button type="button" class="table-card" {onclick} data-id={t.id.to_string()}>
                                <span class="table-name">{ &t.name }</span>
                                <span class="table-kind">{ i18n.t(&format!("kind-{}", t.kind.code())) }</span>
                                <span class="table-munis">{ munis }</span>
                                { legal_basis_badge(&i18n, t.legal_basis_status) }
                            </button>
                        </li>
                    }
                }) }
            </ul>
        },
    });
    let count = tables.get().map(|l| l.len() as i64);
    html! {
        <section class="page" id="tables-page">
            <div class="page-head">
                <div>
                    <h1>{ i18n.t("tables-title") }</h1>
                    if let Some(n) = count {
                        <p class="muted">{ i18n.t_args("tables-count", &[("count", n.into())]) }</p>
                    }
                </div>
                <button type="button" id="new-table" class="primary" onclick={p.on_new.reform(|_| ())}>
                    { i18n.t("tables-new") }
                </button>
            </div>
            { chips }
            { body }
            <JoinCard on_tick={reload} />
        </section>
    }
}
