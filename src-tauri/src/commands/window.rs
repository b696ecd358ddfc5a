//! Closing the window while typed text waits to be saved: the screen says when it has unsaved
//! text, the shell then holds a close request back and asks the screen, which asks the person.

use std::sync::atomic::Ordering;

use casustafel_api::commands::CLOSE_REQUESTED;
use casustafel_api::contract::{cmd, Args, Out};
use casustafel_api::ApiError;
use tauri::{Emitter, Manager, State, Window, WindowEvent};

use crate::state::AppState;

#[tauri::command]
pub fn set_unsaved(
    state: State<'_, AppState>,
    args: Args<cmd::SetUnsaved>,
) -> Result<Out<cmd::SetUnsaved>, ApiError> {
    state.0.unsaved.store(args.unsaved, Ordering::SeqCst);
    Ok(())
}

/// The person confirmed closing although text is unsaved.
#[tauri::command]
pub fn close_window(
    state: State<'_, AppState>,
    window: Window,
) -> Result<Out<cmd::CloseWindow>, ApiError> {
    state.0.unsaved.store(false, Ordering::SeqCst);
    window.close().map_err(|e| ApiError::Internal {
        detail: format!("close: {e}"),
    })
}

/// A close request while the screen has unsaved text is held back, and the screen is told.
pub fn on_window_event(window: &Window, event: &WindowEvent) {
    if let WindowEvent::CloseRequested { api, .. } = event {
        let unsaved = window
            .try_state::<AppState>()
            .is_some_and(|s| s.0.unsaved.load(Ordering::SeqCst));
        // If the screen cannot be asked, the window closes as asked: never a window that
        // cannot be closed.
        if unsaved && window.emit(CLOSE_REQUESTED, ()).is_ok() {
            api.prevent_close();
        }
    }
}
