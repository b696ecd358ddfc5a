//! The top bar: name, demo badge, language switch and (when unlocked) the lock button.

use casustafel_domain::Lang;
use yew::prelude::*;

use crate::i18n::I18n;

#[derive(Debug, Properties, PartialEq)]
pub struct HeaderProps {
    pub demo: bool,
    pub unlocked: bool,
    pub on_language: Callback<Lang>,
    pub on_lock: Callback<()>,
}

#[function_component(Header)]
pub fn header(p: &HeaderProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    html! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true"></span>
                <span class="brand-name">{ i18n.t("app-title") }</span>
                <span class="tagline">{ i18n.t("app-tagline") }</span>
                if p.demo {
                    <span class="badge demo" id="demo-badge">{ i18n.t("demo-badge") }</span>
                }
            </div>
            <div class="topbar-actions">
                <div class="lang-switch" role="group" aria-label={i18n.t("language")}>
                    { for Lang::ALL.into_iter().map(|l| {
                        let onclick = p.on_language.reform(move |_| l);
                        html! {
                            <button type="button" id={format!("lang-{}", l.code())}
                                class={classes!("lang", (l == i18n.lang).then_some("active"))}
                                aria-pressed={(l == i18n.lang).to_string()} {onclick}>
                                { l.code().to_uppercase() }
                            </button>
                        }
                    }) }
                </div>
                if p.unlocked {
                    <button type="button" id="lock" class="secondary"
                        onclick={p.on_lock.reform(|_| ())}>{ i18n.t("lock") }</button>
                }
            </div>
        </header>
    }
}
