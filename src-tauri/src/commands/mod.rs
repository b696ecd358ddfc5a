//! The commands the UI may call, one handler per command of the contract
//! (`casustafel_api::contract`). Each handler takes its command's `Args` and returns its `Out`;
//! [`on_store`] (or [`on_shared`]) moves the work off the UI thread, takes the store's lock and
//! maps the error, so a handler is the call it makes and nothing else.

pub mod actions;
pub mod cases;
pub mod live;
pub mod meetings;
pub mod partners;
pub mod phenomena;
pub mod profile;
pub mod referrals;
pub mod reports;
pub mod sync;
pub mod tables;
pub mod window;

use casustafel_api::contract::{Command, Out};
use casustafel_api::ApiError;
use casustafel_store::{Store, StoreError};
use tauri::State;

use crate::error::api_error;
use crate::state::{AppState, Shared};

/// An error a handler's work may end with: the store's, or already the API's.
pub trait IntoApiError {
    fn into_api(self) -> ApiError;
}

impl IntoApiError for ApiError {
    fn into_api(self) -> ApiError {
        self
    }
}

impl IntoApiError for StoreError {
    fn into_api(self) -> ApiError {
        api_error(self)
    }
}

/// Runs command `C`'s work on a worker thread (key derivation and SQLite never run on the UI
/// thread), with the app's shared state.
pub async fn on_shared<C, E>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&Shared) -> Result<Out<C>, E> + Send + 'static,
) -> Result<Out<C>, ApiError>
where
    C: Command,
    Out<C>: Send + 'static,
    E: IntoApiError,
{
    crate::faults::command(C::NAME)?;
    let shared = state.0.clone();
    tauri::async_runtime::spawn_blocking(move || work(&shared).map_err(E::into_api))
        .await
        .map_err(|e| ApiError::Internal {
            detail: format!("{}: worker: {e}", C::NAME),
        })?
}

/// Runs command `C`'s work on a worker thread against the unlocked store (under its lock), or
/// says the profile is locked.
pub async fn on_store<C, E>(
    state: &State<'_, AppState>,
    work: impl FnOnce(&mut Store) -> Result<Out<C>, E> + Send + 'static,
) -> Result<Out<C>, ApiError>
where
    C: Command,
    Out<C>: Send + 'static,
    E: IntoApiError,
{
    on_shared::<C, ApiError>(state, move |shared| {
        shared.with_store(|store| work(store).map_err(E::into_api))
    })
    .await
}

/// Today, in the local time zone of this computer (dates in the domain are calendar days).
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The handler list: every command of the contract, by the module that handles it. Each entry is
/// checked at compile time to be named as its command, and a test checks that the list is the
/// contract's, whole.
macro_rules! handlers {
    ($($module:ident :: $handler:ident => $command:ident),* $(,)?) => {
        $(
            const _: () = assert!(
                casustafel_api::contract::same_name(
                    <casustafel_api::contract::cmd::$command as Command>::NAME,
                    stringify!($handler),
                ),
                concat!("the handler ", stringify!($handler), " is not named as its command"),
            );
        )*
        /// The names of the commands the shell handles.
        #[cfg(test)]
        pub const HANDLED: &[&str] = &[$(stringify!($handler)),*];
        /// Tauri's invoke handler over exactly these commands.
        pub fn invoke_handler() -> impl Fn(tauri::ipc::Invoke) -> bool + Send + Sync + 'static {
            tauri::generate_handler![$($module::$handler),*]
        }
    };
}

handlers! {
    profile::profile_status => ProfileStatus,
    profile::create_profile => CreateProfile,
    profile::unlock_profile => UnlockProfile,
    profile::lock_profile => LockProfile,
    profile::set_language => SetLanguage,
    tables::list_tables => ListTables,
    tables::get_table => GetTable,
    tables::table_rights => TableRights,
    tables::create_table => CreateTable,
    tables::update_table => UpdateTable,
    phenomena::list_phenomena => ListPhenomena,
    phenomena::add_phenomenon => AddPhenomenon,
    phenomena::set_phenomenon_retired => SetPhenomenonRetired,
    partners::list_organisations => ListOrganisations,
    partners::add_organisation => AddOrganisation,
    partners::list_participants => ListParticipants,
    partners::add_participant => AddParticipant,
    referrals::list_referrals => ListReferrals,
    referrals::create_referral => CreateReferral,
    referrals::triage_referral => TriageReferral,
    cases::list_cases => ListCases,
    cases::get_case => GetCase,
    cases::update_case => UpdateCase,
    cases::close_case => CloseCase,
    cases::record_identity => RecordIdentity,
    cases::reveal_identity => RevealIdentity,
    meetings::plan_meeting => PlanMeeting,
    meetings::list_meetings => ListMeetings,
    meetings::get_meeting => GetMeeting,
    meetings::advance_meeting => AdvanceMeeting,
    meetings::set_attendance => SetAttendance,
    meetings::save_discussion => SaveDiscussion,
    meetings::get_discussion => GetDiscussion,
    meetings::edit_agenda => EditAgenda,
    meetings::save_followup => SaveFollowup,
    meetings::save_general_notes => SaveGeneralNotes,
    meetings::chair_overview => ChairOverview,
    actions::add_action => AddAction,
    actions::update_action => UpdateAction,
    actions::list_actions => ListActions,
    actions::action_progress => ActionProgress,
    reports::preview_report => PreviewReport,
    reports::export_folder => ExportFolder,
    reports::export_report => ExportReport,
    reports::record_print => RecordPrint,
    reports::list_disclosures => ListDisclosures,
    sync::device_fingerprint => DeviceFingerprint,
    sync::share_table => ShareTable,
    sync::sync_table => SyncTable,
    sync::sync_status => SyncStatus,
    sync::invite_device => InviteDevice,
    sync::join_table => JoinTable,
    sync::remove_device => RemoveDevice,
    sync::admit_device => AdmitDevice,
    sync::refuse_device => RefuseDevice,
    sync::refused_joins => RefusedJoins,
    sync::welcomes_to_confirm => WelcomesToConfirm,
    sync::confirm_welcome => ConfirmWelcome,
    live::live_status => LiveStatus,
    live::live_connect => LiveConnect,
    live::data_revision => DataRevision,
    window::set_unsaved => SetUnsaved,
    window::close_window => CloseWindow,
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use casustafel_api::contract::{permission, ALL};

    #[test]
    fn the_shell_handles_exactly_the_contract() {
        let handled: BTreeSet<_> = super::HANDLED.iter().collect();
        let contract: BTreeSet<_> = ALL.iter().collect();
        assert_eq!(handled, contract);
        assert_eq!(super::HANDLED.len(), ALL.len(), "a handler listed twice");
    }

    #[test]
    fn the_window_is_granted_exactly_the_contract() {
        let file = concat!(env!("CARGO_MANIFEST_DIR"), "/capabilities/default.json");
        let json: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(file).expect("capability file"))
                .expect("capability JSON");
        let granted: BTreeSet<String> = json["permissions"]
            .as_array()
            .expect("permissions")
            .iter()
            .filter_map(|p| p.as_str())
            // Tauri's own permissions (events) are not app commands.
            .filter(|p| !p.starts_with("core:"))
            .map(str::to_string)
            .collect();
        let contract: BTreeSet<String> = ALL.iter().map(|n| permission(n)).collect();
        assert_eq!(granted, contract);
    }
}
