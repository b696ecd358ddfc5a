//! A table's case register: pseudonymous codes only, filtered and searched as you type.

use casustafel_domain::case::{Case, CaseFilter, CaseStatus, RiskLevel, Track};
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{format_date, CaseId, Lang, Table};
use web_sys::{HtmlInputElement, HtmlSelectElement};
use yew::prelude::*;

use crate::api;
use crate::components::case_view::CaseView;
use crate::components::form::{apply, text, Form};
use crate::i18n::I18n;
use crate::load::{use_load, use_version};

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

/// A drop-down filter: "any" or one of `options` (code, label).
fn select(
    i18n: &I18n,
    id: &'static str,
    label_key: &str,
    options: &[(String, String)],
    current: Option<String>,
    on: Callback<Option<String>>,
) -> Html {
    let onchange = on.reform(|e: Event| {
        let v = e.target_unchecked_into::<HtmlSelectElement>().value();
        (!v.is_empty()).then_some(v)
    });
    html! {
        <label class="select" for={id}>
            <span class="label">{ i18n.t(label_key) }</span>
            <select {id} {onchange}>
                <option value="" selected={current.is_none()}>{ i18n.t("filter-any") }</option>
                { for options.iter().map(|(code, label)| html! {
                    <option value={code.clone()} selected={current.as_deref() == Some(code.as_str())}>{ label }</option>
                }) }
            </select>
        </label>
    }
}

/// A callback that stores a chosen filter value with `set`.
fn setter(
    form: &UseReducerHandle<Form<CaseFilter>>,
    set: fn(&mut CaseFilter, Option<String>),
) -> Callback<Option<String>> {
    let form = form.clone();
    Callback::from(move |v: Option<String>| {
        form.dispatch(std::rc::Rc::new(move |f: &mut CaseFilter| {
            set(f, v.clone())
        }))
    })
}

#[function_component(CasesTab)]
pub fn cases_tab(p: &CasesProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    // A reducer, so that every keystroke in the search field applies to the latest filter.
    let filter = {
        let table = p.table.id;
        use_reducer(move || {
            Form(CaseFilter {
                table: Some(table),
                ..CaseFilter::default()
            })
        })
    };
    let open = use_state(|| None::<CaseId>);
    // Bumped when a case page closes, so the list shows what changed there.
    let version = use_version();
    let cases = use_load((filter.0.clone(), version.get()), |(f, _)| {
        api::list_cases(f)
    });
    // The partner filter's options; without them the filter offers none, and says why.
    let orgs = use_load((), |_| api::list_organisations());
    let on_text = text(&filter, |f, v| f.text = v)
        .reform(|e: InputEvent| e.target_unchecked_into::<HtmlInputElement>().value());
    let toggle_due = apply(&filter, |f: &mut CaseFilter| f.review_due = !f.review_due);
    let phenomena: Vec<(String, String)> = p
        .phenomena
        .iter()
        .filter(|ph| p.table.settings.phenomena.contains(&ph.id))
        .map(|ph| (ph.id.to_string(), i18n.phenomenon(ph)))
        .collect();
    let statuses: Vec<(String, String)> = CaseStatus::ALL
        .iter()
        .map(|s| {
            (
                s.code().to_string(),
                i18n.t(&format!("cstatus-{}", s.code())),
            )
        })
        .collect();
    let risks: Vec<(String, String)> = RiskLevel::ALL
        .iter()
        .map(|r| (r.code().to_string(), i18n.t(&format!("risk-{}", r.code()))))
        .collect();
    let tracks: Vec<(String, String)> = Track::ALL
        .iter()
        .map(|t| (t.code().to_string(), i18n.t(&format!("track-{}", t.code()))))
        .collect();
    let partners: Vec<(String, String)> = orgs
        .get()
        .map(|list| {
            list.iter()
                .map(|o| (o.id.to_string(), o.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let f = &filter.0;
    let selects = html! {
        <div class="filter-grid">
            { select(&i18n, "filter-phenomenon", "form-phenomena", &phenomena, f.phenomenon.map(|x| x.to_string()),
                setter(&filter, |f, v| f.phenomenon = v.and_then(|v| v.parse().ok()))) }
            { select(&i18n, "filter-status", "case-status", &statuses, f.status.map(|x| x.code().to_string()),
                setter(&filter, |f, v| f.status = v.and_then(|v| CaseStatus::from_code(&v)))) }
            { select(&i18n, "filter-risk", "case-risk", &risks, f.risk.map(|x| x.code().to_string()),
                setter(&filter, |f, v| f.risk = v.and_then(|v| RiskLevel::from_code(&v)))) }
            { select(&i18n, "filter-track", "case-track", &tracks, f.track.map(|x| x.code().to_string()),
                setter(&filter, |f, v| f.track = v.and_then(|v| Track::from_code(&v)))) }
            { select(&i18n, "filter-partner", "case-partners", &partners, f.partner.map(|x| x.to_string()),
                setter(&filter, |f, v| f.partner = v.and_then(|v| v.parse().ok()))) }
        </div>
    };
    if let Some(id) = *open {
        let on_back = {
            let (open, version) = (open.clone(), version.clone());
            Callback::from(move |_| {
                open.set(None);
                version.bump();
            })
        };
        return html! { <CaseView {id} table={p.table.clone()} phenomena={p.phenomena.clone()} {on_back} /> };
    }
    html! {
        <div class="tab" id="cases-tab">
            <div class="card">
                <div class="filters">
                    <input type="search" id="case-search" placeholder={i18n.t("cases-search")}
                        aria-label={i18n.t("cases-search")} value={f.text.clone()} oninput={on_text} />
                    <label class="radio check" for="filter-review-due">
                        <input type="checkbox" id="filter-review-due" checked={f.review_due} onchange={toggle_due} />
                        <span>{ i18n.t("cases-review-due") }</span>
                    </label>
                </div>
                { selects }
                { orgs.failure("case-partners") }
                { cases.view("case-list", |list: &Vec<Case>| match list {
                    list if list.is_empty() => html! { <p class="empty">{ i18n.t("cases-empty") }</p> },
                    list => html! {
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
                }) }
            </div>
        </div>
    }
}
