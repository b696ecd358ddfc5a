//! The follow-up of a case — risk, track, partners, casusregisseur, phenomena, next review — on the
//! case page, and per case in a running meeting (where it also records who presented the case).

use std::rc::Rc;

use casustafel_domain::case::{Case, CaseUpdate, RiskLevel, Track};
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::{
    format_date, Field as F, Lang, MeetingId, OrganisationId, ParticipantId, Table,
};
use yew::prelude::*;

use crate::api;
use crate::components::field::{coded, error_list, errors_for, general_error, radios, Field};
use crate::components::form::{apply, kept, pick, text, toggle, use_form_submit, Form, FormSubmit};
use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct UpdateProps {
    pub case: Case,
    pub table: Table,
    pub phenomena: Vec<Phenomenon>,
    pub orgs: Vec<Organisation>,
    pub people: Vec<Participant>,
    pub on_saved: Callback<()>,
    /// Set when the follow-up is decided in a meeting: it is then recorded in that meeting too,
    /// with who presented the case.
    #[prop_or_default]
    pub meeting: Option<MeetingId>,
    #[prop_or_default]
    pub presenter: Option<ParticipantId>,
    /// Prefix of every element id, so several forms can share a screen.
    #[prop_or_default]
    pub prefix: AttrValue,
}

#[function_component(CaseUpdateForm)]
pub fn case_update_form(p: &UpdateProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let form = {
        let c = p.case.clone();
        use_reducer(move || {
            Form(CaseUpdate {
                phenomena: c.phenomena,
                risk: c.risk,
                track: c.track,
                partners: c.partners,
                casusregisseur: c.casusregisseur,
                next_review: c.next_review.map(format_date).unwrap_or_default(),
            })
        })
    };
    let presenter = use_state(|| p.presenter);
    let saved = use_state(|| false);
    let (id, meeting, who) = (p.case.id, p.meeting, *presenter);
    let on_done = {
        let (saved, on_saved) = (saved.clone(), p.on_saved.clone());
        Callback::from(move |()| {
            saved.set(true);
            on_saved.emit(());
        })
    };
    // Decided in a meeting (with who presented the case), or an update outside one. The form
    // stays, with what was saved.
    let FormSubmit {
        onsubmit, error, ..
    } = use_form_submit(
        &form,
        move |u| async move {
            match meeting {
                Some(m) => api::save_followup(m, id, who, u).await.map(|_| ()),
                None => api::update_case(id, u).await.map(|_| ()),
            }
        },
        kept,
        on_done,
    );
    let err = |f: F| errors_for(&i18n, &error, f);
    let px = p.prefix.clone();
    let pid = move |s: &str| format!("{px}{s}");
    let risks = coded(&i18n, &pid("risk"), "risk", &RiskLevel::ALL, |r| r.code());
    let tracks = coded(&i18n, &pid("track"), "track", &Track::ALL, |t| t.code());
    let regisseurs: Vec<_> = p
        .people
        .iter()
        .map(|pp| (pp.id, pid(&format!("regisseur-{}", pp.id)), pp.name.clone()))
        .collect();
    let pick_risk = pick(&form, |d: &mut CaseUpdate, r: RiskLevel| d.risk = Some(r));
    let pick_track = pick(&form, |d: &mut CaseUpdate, t: Track| d.track = Some(t));
    let presenters: Vec<_> = p
        .people
        .iter()
        .map(|pp| (pp.id, pid(&format!("presenter-{}", pp.id)), pp.name.clone()))
        .collect();
    let pick_presenter = {
        let presenter = presenter.clone();
        Callback::from(move |id: ParticipantId| presenter.set(Some(id)))
    };
    let pick_regisseur = {
        let form = form.clone();
        Callback::from(move |id: ParticipantId| {
            form.dispatch(Rc::new(move |d: &mut CaseUpdate| {
                d.casusregisseur = Some(id)
            }))
        })
    };
    html! {
        <form class={classes!("form", p.meeting.is_none().then_some("card"))} id={pid("case-form")} {onsubmit} novalidate=true>
            if p.meeting.is_none() {
                <h2>{ i18n.t("case-follow-up") }</h2>
            } else {
                <div class="field">
                    <span class="label">{ i18n.t("followup-presenter") }</span>
                    { radios("presenter", &presenters, *presenter, pick_presenter) }
                </div>
            }
            <div class="field">
                <span class="label">{ i18n.t("case-risk") }</span>
                { radios("risk", &risks, form.0.risk, pick_risk) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("case-track") }</span>
                { radios("track", &tracks, form.0.track, pick_track) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("case-partners") }</span>
                <div class="checks">
                    { for p.orgs.iter().map(|o| {
                        let id: OrganisationId = o.id;
                        let dom = pid(&format!("partner-{}", o.id));
                        html! {
                            <label class="radio" for={dom.clone()}>
                                <input type="checkbox" id={dom} checked={form.0.partners.contains(&id)}
                                    onchange={apply(&form, move |d: &mut CaseUpdate| toggle(&mut d.partners, id))} />
                                <span>{ &o.name }</span>
                            </label>
                        }
                    }) }
                </div>
                { error_list(&pid("case-partners-error"), &err(F::Partners)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("case-regisseur") }</span>
                if p.people.is_empty() {
                    <p class="hint">{ i18n.t("case-regisseur-none") }</p>
                }
                { radios("regisseur", &regisseurs, form.0.casusregisseur, pick_regisseur) }
                { error_list(&pid("case-regisseur-error"), &err(F::Casusregisseur)) }
            </div>
            <div class="field">
                <span class="label">{ i18n.t("form-phenomena") }</span>
                <div class="checks">
                    { for p.phenomena.iter().filter(|ph| p.table.settings.phenomena.contains(&ph.id) || form.0.phenomena.contains(&ph.id)).map(|ph| {
                        let id = ph.id;
                        let dom = pid(&format!("cphen-{}", ph.key.clone().unwrap_or_else(|| ph.id.to_string())));
                        html! {
                            <label class="radio" for={dom.clone()}>
                                <input type="checkbox" id={dom} checked={form.0.phenomena.contains(&id)}
                                    onchange={apply(&form, move |d: &mut CaseUpdate| toggle(&mut d.phenomena, id))} />
                                <span>{ i18n.phenomenon(ph) }</span>
                            </label>
                        }
                    }) }
                </div>
                { error_list(&pid("case-phenomena-error"), &err(F::Phenomena)) }
            </div>
            <Field id={pid("next-review")} label={i18n.t("case-next-review")} placeholder={i18n.t("form-date-hint")}
                value={form.0.next_review.clone()} oninput={text(&form, |d, v| d.next_review = v)}
                errors={err(F::NextReview)} />
            { general_error(&i18n, &error) }
            <div class="actions">
                <button type="submit" id={pid("case-submit")} class="primary">{ i18n.t(if p.meeting.is_some() { "followup-save" } else { "case-save" }) }</button>
                if *saved && error.is_none() {
                    <span class="save-state" id={pid("case-saved")}>{ i18n.t("autosave-saved") }</span>
                }
            </div>
        </form>
    }
}
