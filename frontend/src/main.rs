//! Casustafel's user interface: a Yew app compiled to wasm and shown in the Tauri window.
//! It holds no rules of its own: it shows what the shell returns and sends what a person types.

mod api;
mod app;
mod autosave;
mod clock;
mod components;
mod i18n;
mod load;
mod revision;
mod timer;

fn main() {
    yew::Renderer::<app::App>::new().render();
}
