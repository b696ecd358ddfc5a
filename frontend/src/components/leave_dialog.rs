//! Asked before locking the profile or closing the window while typed text waits to be saved:
//! wait (the default: the dialog goes and the app goes on as soon as everything is saved), or
//! leave anyway and lose that text.

use casustafel_domain::Lang;
use yew::prelude::*;

use crate::autosave;
use crate::i18n::I18n;

/// What the person asked to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Leave {
    Lock,
    Close,
}

#[derive(Debug, Properties, PartialEq)]
pub struct LeaveProps {
    pub leave: Leave,
    /// Stay (the person chose to wait and go on working).
    pub on_stay: Callback<()>,
    /// Go ahead: everything got saved meanwhile, or the person chose to lose it.
    pub on_go: Callback<Leave>,
}

#[function_component(LeaveDialog)]
pub fn leave_dialog(p: &LeaveProps) -> Html {
    let i18n = use_context::<I18n>().unwrap_or(I18n { lang: Lang::Nl });
    let redraw = use_force_update();
    {
        let (on_go, leave) = (p.on_go.clone(), p.leave);
        use_effect_with(leave, move |_| {
            let id = autosave::subscribe(
                None,
                Callback::from(move |_| {
                    if autosave::any_unsaved() {
                        redraw.force_update();
                    } else {
                        on_go.emit(leave);
                    }
                }),
            );
            move || autosave::unsubscribe(id)
        });
    }
    let wait_ref = use_node_ref();
    {
        let wait_ref = wait_ref.clone();
        use_effect_with((), move |_| {
            if let Some(b) = wait_ref.cast::<web_sys::HtmlElement>() {
                let _ = b.focus();
            }
        });
    }
    let reason = autosave::problem()
        .map(|e| i18n.error(&e))
        .unwrap_or_else(|| i18n.t("unsaved-pending"));
    let (text, anyway) = match p.leave {
        Leave::Lock => ("unsaved-lock", "unsaved-lock-anyway"),
        Leave::Close => ("unsaved-close", "unsaved-close-anyway"),
    };
    let leave = p.leave;
    html! {
        <div class="modal-backdrop">
            <div class="modal card" role="alertdialog" aria-modal="true" id="leave-dialog"
                aria-labelledby="leave-title" aria-describedby="leave-text">
                <h2 id="leave-title">{ i18n.t("unsaved-title") }</h2>
                <p id="leave-text">{ i18n.t_args(text, &[("reason", reason.into())]) }</p>
                <div class="actions">
                    <button type="button" id="leave-wait" class="primary" ref={wait_ref}
                        onclick={p.on_stay.reform(|_| ())}>{ i18n.t("unsaved-wait") }</button>
                    <button type="button" id="leave-anyway" class="danger"
                        onclick={p.on_go.reform(move |_| leave)}>{ i18n.t(anyway) }</button>
                </div>
            </div>
        </div>
    }
}
