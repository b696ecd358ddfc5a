//! Casustafel's desktop shell. It only wires things together: command-line options, the profile
//! state, and the commands the UI may call. Rules live in `casustafel-domain`, storage in
//! `casustafel-store`, the IPC contract in `casustafel-api`.

#![cfg_attr(not(debug_assertions), windows_subsystem = "windows")]

mod cli;
mod commands;
mod error;
mod faults;
mod state;

use clap::Parser;
use tauri::Manager;

fn main() {
    // Why a live connection was refused or dropped goes to the log (standard error; RUST_LOG
    // overrides): device fingerprints, addresses and reasons, never content.
    env_logger::Builder::from_env(
        env_logger::Env::default()
            .default_filter_or("warn,casustafel_lan=info,casustafel_live=info"),
    )
    .init();
    let args = cli::Args::parse();
    tauri::Builder::default()
        .setup(move |app| {
            let dir = args.profile_dir(&app.path().app_data_dir()?);
            let export_dir =
                args.export_dir(app.path().document_dir().ok(), app.path().home_dir().ok());
            let state = state::AppState::open(dir, export_dir, args.demo)?;
            state.start_background_sync(std::time::Duration::from_secs(args.sync_seconds.max(1)));
            if !args.no_lan {
                state.start_live(casustafel_lan::Options {
                    port: args.lan_port,
                    discovery: args.lan_discovery,
                    ..Default::default()
                });
            }
            app.manage(state);
            Ok(())
        })
        .invoke_handler(commands::invoke_handler())
        .on_window_event(commands::window::on_window_event)
        .run(tauri::generate_context!())
        .expect("Casustafel could not start its window");
}
