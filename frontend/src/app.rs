//! The root component: asks the shell where the profile stands and shows the matching screen.

use casustafel_api::{ApiError, ProfileState, ProfileStatus};
use casustafel_domain::{Lang, TableId};
use yew::platform::spawn_local;
use yew::prelude::*;

use crate::api;
use crate::autosave;
use crate::components::actions::MyActionsPage;
use crate::components::header::Header;
use crate::components::leave_dialog::{Leave, LeaveDialog};
use crate::components::phenomena::PhenomenaPage;
use crate::components::setup::SetupScreen;
use crate::components::table_detail::TableDetail;
use crate::components::table_form::TableForm;
use crate::components::tables::TablesPage;
use crate::components::unlock::UnlockScreen;
use crate::i18n::I18n;
use crate::revision::{Revision, POLL_MS};

/// Which page of the unlocked app is shown.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Page {
    Actions,
    Phenomena,
    Tables,
    NewTable,
    Table(TableId),
}

#[function_component(App)]
pub fn app() -> Html {
    let status = use_state(|| None::<Result<ProfileStatus, ApiError>>);
    let page = use_state(|| Page::Tables);
    // The language shown until the profile status arrives, and kept if saving the choice fails.
    let lang = use_state(|| Lang::Nl);
    {
        let (status, lang) = (status.clone(), lang.clone());
        use_effect_with((), move |_| {
            spawn_local(async move {
                let s = api::profile_status().await;
                if let Ok(st) = &s {
                    lang.set(st.language);
                }
                status.set(Some(s));
            });
        });
    }
    let set_status = {
        let (status, lang, page) = (status.clone(), lang.clone(), page.clone());
        Callback::from(move |s: ProfileStatus| {
            lang.set(s.language);
            if s.state != ProfileState::Unlocked {
                page.set(Page::Tables);
            }
            status.set(Some(Ok(s)));
        })
    };
    let on_language = {
        let (lang, set_status) = (lang.clone(), set_status.clone());
        Callback::from(move |l: Lang| {
            lang.set(l);
            let set_status = set_status.clone();
            spawn_local(async move {
                // The choice applies at once; saving it is best effort (it only affects the next start).
                if let Ok(s) = api::set_language(l).await {
                    set_status.emit(s);
                }
            });
        })
    };
    // Locking or closing with typed text not yet saved asks first (`LeaveDialog`).
    let leaving = use_state(|| None::<Leave>);
    let leave = {
        let (set_status, leaving) = (set_status.clone(), leaving.clone());
        Callback::from(move |l: Leave| {
            leaving.set(None);
            let set_status = set_status.clone();
            spawn_local(async move {
                match l {
                    Leave::Lock => {
                        // What was typed must not outlive the unlock, saved or not.
                        autosave::drop_all();
                        if let Ok(s) = api::lock_profile().await {
                            set_status.emit(s);
                        }
                    }
                    Leave::Close => {
                        let _ = api::close_window().await;
                    }
                }
            });
        })
    };
    let ask_or = |l: Leave| {
        let (leave, leaving) = (leave.clone(), leaving.clone());
        move || {
            if autosave::any_unsaved() {
                leaving.set(Some(l));
            } else {
                leave.emit(l);
            }
        }
    };
    let on_lock = {
        let ask = ask_or(Leave::Lock);
        Callback::from(move |_| ask())
    };
    {
        // The shell holds a close request back while text is unsaved, and says so here.
        let ask = ask_or(Leave::Close);
        use_effect_with((), move |_| {
            spawn_local(async move {
                let _ =
                    api::listen(casustafel_api::commands::CLOSE_REQUESTED, move |_| ask()).await;
            });
        });
    }
    // While unlocked, ask the shell now and then whether other devices' changes arrived.
    let revision = use_state(|| Revision(0));
    let unlocked_now = matches!(status.as_ref(), Some(Ok(s)) if s.state == ProfileState::Unlocked);
    {
        let revision = revision.clone();
        use_effect_with(unlocked_now, move |on| {
            let interval = on.then(|| {
                crate::timer::every(
                    move || {
                        let revision = revision.clone();
                        spawn_local(async move {
                            if let Ok(r) = api::data_revision().await {
                                if r != revision.0 {
                                    revision.set(Revision(r));
                                }
                            }
                        });
                    },
                    POLL_MS,
                )
            });
            move || drop(interval)
        });
    }
    let i18n = I18n { lang: *lang };
    let go = |p: Page| {
        let page = page.clone();
        Callback::from(move |_| page.set(p))
    };
    let open_table = {
        let page = page.clone();
        Callback::from(move |id: TableId| page.set(Page::Table(id)))
    };

    let (demo, unlocked) = match status.as_ref() {
        Some(Ok(s)) => (s.demo, s.state == ProfileState::Unlocked),
        _ => (false, false),
    };
    let content = match status.as_ref() {
        None => html! { <main class="center-screen"><p class="muted">{ "…" }</p></main> },
        Some(Err(e)) => html! {
            <main class="center-screen">
                <p class="form-error" role="alert" id="startup-error">{ i18n.error(e) }</p>
            </main>
        },
        Some(Ok(s)) => match s.state {
            ProfileState::New => html! { <SetupScreen on_created={set_status.clone()} /> },
            ProfileState::Locked => {
                html! { <UnlockScreen status={s.clone()} on_unlocked={set_status.clone()} /> }
            }
            ProfileState::Unlocked => html! {
                <>
                <nav class="nav" aria-label={i18n.t("app-title")}>
                    { for [(Page::Tables, "nav-tables"), (Page::Actions, "nav-actions"), (Page::Phenomena, "nav-phenomena")].into_iter().map(|(target, key)| {
                        let active = match (*page, target) {
                            (Page::Phenomena, Page::Phenomena) | (Page::Actions, Page::Actions) => true,
                            (Page::Phenomena | Page::Actions, _) | (_, Page::Phenomena | Page::Actions) => false,
                            _ => true,
                        };
                        html! {
                            <button type="button" id={key.to_string()} class={classes!(active.then_some("active"))}
                                onclick={go(target).reform(|_: MouseEvent| ())}>{ i18n.t(key) }</button>
                        }
                    }) }
                </nav>
                <main class="content">
                    { match *page {
                        Page::Tables => html! { <TablesPage on_open={open_table.clone()} on_new={go(Page::NewTable)} /> },
                        Page::NewTable => html! { <TableForm on_saved={open_table.clone()} on_cancel={go(Page::Tables)} /> },
                        Page::Table(id) => html! { <TableDetail {id} on_back={go(Page::Tables)} /> },
                        Page::Phenomena => html! { <PhenomenaPage /> },
                        Page::Actions => html! { <MyActionsPage /> },
                    } }
                </main>
                </>
            },
        },
    };
    html! {
        <ContextProvider<I18n> context={i18n}>
        <ContextProvider<Revision> context={*revision}>
            <Header {demo} {unlocked} {on_language} {on_lock} />
            { content }
            if let Some(l) = *leaving {
                <LeaveDialog leave={l} on_go={leave.clone()}
                    on_stay={let leaving = leaving.clone(); Callback::from(move |_| leaving.set(None))} />
            }
        </ContextProvider<Revision>>
        </ContextProvider<I18n>>
    }
}
