//! A repeating timer for polling what the background sync brings in.

/// A repeating timer that stops when dropped.
pub fn every(f: impl Fn() + 'static, ms: i32) -> Interval {
    let cb = wasm_bindgen::closure::Closure::<dyn Fn()>::new(f);
    let id = web_sys::window()
        .and_then(|w| {
            use wasm_bindgen::JsCast;
            w.set_interval_with_callback_and_timeout_and_arguments_0(
                cb.as_ref().unchecked_ref(),
                ms,
            )
            .ok()
        })
        .unwrap_or(-1);
    Interval { id, _cb: cb }
}

pub struct Interval {
    id: i32,
    _cb: wasm_bindgen::closure::Closure<dyn Fn()>,
}

impl Drop for Interval {
    fn drop(&mut self) {
        if let Some(w) = web_sys::window() {
            w.clear_interval_with_handle(self.id);
        }
    }
}

/// Waits `ms` milliseconds without blocking the screen.
pub async fn sleep(ms: u32) {
    let promise = js_sys::Promise::new(&mut |resolve, _| {
        if let Some(w) = web_sys::window() {
            let _ = w.set_timeout_with_callback_and_timeout_and_arguments_0(
                &resolve,
                i32::try_from(ms).unwrap_or(i32::MAX),
            );
        }
    });
    let _ = wasm_bindgen_futures::JsFuture::from(promise).await;
}
