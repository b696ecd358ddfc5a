//! A table's case register: pseudonymous codes only, filtered and searched as you type.

use casustafel_api::ApiError;
use casustafel_domain::case::{Case, CaseFilter, CaseStatus, RiskLevel};
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{format_date, CaseId, Lang, Table};
use web_sys::HtmlInputElement;
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::components::case_view::CaseView;
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct CasesProps {
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
}

pub fn risk_badge(i18n: &I18n, risk: Option<RiskLevel>) -> Html {
    match risk {
        Some(r) => {
            let class = match r {
                RiskLevel::Green => "ok",
                RiskLevel::Orange => "warn",
                RiskLevel::Red => "bad",
            };
            html! { <span class={classes!("badge", class)}>{ i18n.t(&format!("risk-{}", r.code())) }</span> }
        }
        None => html! {},
    }
}

#[function_component(CasesTab)]
pub fn cases_tab(p: &CasesProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let filter = use_state(|| CaseFilter {
        table: Some(p.table.id),
        ..CaseFilter::default()
    });
    let open = use_state(|| None::<CaseId>);
    // Bumped when a case page closes, so the list shows what changed there.
    let version = use_state(|| 0u32);
    let cases = use_state(|| None::<Result<Vec<Case>, ApiError>>);
    {
        let cases = cases.clone();
        use_effect_with(((*filter).clone(), *version), move |(f, _)| {
            let f = f.clone();
            spawn_local(async move { cases.set(Some(api::list_cases(f).await)) });
        });
    }
    let on_text = {
        let filter = filter.clone();
        Callback::from(move |e: InputEvent| {
            let mut f = (*filter).clone();
            f.text = e.target_unchecked_into::<HtmlInputElement>().value();
            filter.set(f);
        })
    };
    let toggle_due = {
        let filter = filter.clone();
        Callback::from(move |_| {
            let mut f = (*filter).clone();
            f.review_due = !f.review_due;
            filter.set(f);
        })
    };
    let toggle_open = {
        let filter = filter.clone();
        Callback::from(move |_| {
            let mut f = (*filter).clone();
            f.status = match f.status {
                None => Some(CaseStatus::Closed),
                Some(_) => None,
            };
            filter.set(f);
        })
    };
    if let Some(id) = *open {
        let on_back = {
            let (open, version) = (open.clone(), version.clone());
            Callback::from(move |_| {
                open.set(None);
                version.set(*version + 1);
            })
        };
        return html! { <CaseView {id} table={p.table.clone()} phenomena={p.phenomena.clone()} {on_back} /> };
    }
    html! {
        <div class="tab" id="cases-tab">
            <div class="card">
                <div class="filters">
                    <input type="search" id="case-search" placeholder={i18n.t("cases-search")}
                        aria-label={i18n.t("cases-search")} value={filter.text.clone()} oninput={on_text} />
                    <label class="radio check" for="filter-review-due">
                        <input type="checkbox" id="filter-review-due" checked={filter.review_due} onchange={toggle_due} />
                        <span>{ i18n.t("cases-review-due") }</span>
                    </label>
                    <label class="radio check" for="filter-closed">
                        <input type="checkbox" id="filter-closed" checked={filter.status.is_some()} onchange={toggle_open} />
                        <span>{ i18n.t("cases-closed-only") }</span>
                    </label>
                </div>
                { match cases.as_ref() {
                    None => html! {},
                    Some(Err(e)) => html! { <p class="form-error" role="alert">{ i18n.error(e) }</p> },
                    Some(Ok(list)) if list.is_empty() => html! { <p class="empty">{ i18n.t("cases-empty") }</p> },
                    Some(Ok(list)) => html! {
                        <table class="grid" id="case-list">
                            <thead><tr>
                                <th>{ i18n.t("case-code") }</th>
                                <th>{ i18n.t("case-status") }</th>
                                <th>{ i18n.t("case-risk") }</th>
                                <th>{ i18n.t("case-next-review") }</th>
                            </tr></thead>
                            <tbody>
                                { for list.iter().map(|c| {
                                    let id = c.id;
                                    let onclick = { let open = open.clone(); Callback::from(move |_| open.set(Some(id))) };
                                    html! {
                                    <tr>
                                        <td class="strong case-code">
                                            <button type="button" class="link case-open" {onclick}>{ &c.code }</button>
                                        </td>
                                        <td>{ i18n.t(&format!("cstatus-{}", c.status.code())) }</td>
                                        <td>{ risk_badge(&i18n, c.risk) }</td>
                                        <td>{ c.next_review.map(format_date).unwrap_or_default() }</td>
                                    </tr>
                                }}) }
                            </tbody>
                        </table>
                    },
                } }
            </div>
        </div>
    }
}
