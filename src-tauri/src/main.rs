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
        .invoke_handler(tauri::generate_handler![
            commands::profile::profile_status,
            commands::profile::create_profile,
            commands::profile::unlock_profile,
            commands::profile::lock_profile,
            commands::profile::set_language,
            commands::tables::list_tables,
            commands::tables::get_table,
            commands::tables::table_rights,
            commands::tables::create_table,
            commands::tables::update_table,
            commands::phenomena::list_phenomena,
            commands::phenomena::add_phenomenon,
            commands::phenomena::set_phenomenon_retired,
            commands::partners::list_organisations,
            commands::partners::add_organisation,
            commands::partners::list_participants,
            commands::partners::add_participant,
            commands::referrals::list_referrals,
            commands::referrals::create_referral,
            commands::referrals::triage_referral,
            commands::cases::list_cases,
            commands::cases::get_case,
            commands::cases::update_case,
            commands::cases::close_case,
            commands::cases::record_identity,
            commands::cases::reveal_identity,
            commands::meetings::plan_meeting,
            commands::meetings::list_meetings,
            commands::meetings::get_meeting,
            commands::meetings::advance_meeting,
            commands::meetings::set_attendance,
            commands::meetings::save_discussion,
            commands::meetings::get_discussion,
            commands::actions::add_action,
            commands::actions::update_action,
            commands::actions::list_actions,
            commands::actions::action_progress,
            commands::meetings::edit_agenda,
            commands::meetings::save_followup,
            commands::meetings::save_general_notes,
            commands::meetings::chair_overview,
            commands::reports::preview_report,
            commands::reports::export_folder,
            commands::reports::export_report,
            commands::reports::record_print,
            commands::reports::list_disclosures,
            commands::sync::device_fingerprint,
            commands::sync::share_table,
            commands::sync::sync_table,
            commands::sync::sync_status,
            commands::sync::invite_device,
            commands::sync::join_table,
            commands::sync::remove_device,
            commands::sync::refused_joins,
            commands::sync::admit_device,
            commands::live::live_status,
            commands::live::live_connect,
            commands::live::data_revision,
            commands::sync::refuse_device,
            commands::window::set_unsaved,
            commands::window::close_window,
        ])
        .on_window_event(commands::window::on_window_event)
        .run(tauri::generate_context!())
        .expect("Casustafel could not start its window");
}
