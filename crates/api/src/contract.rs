//! The command contract, written once: each command's name, argument and result.
//!
//! Everything else is derived from this list or checked against it: the UI calls
//! `call::<cmd::X>(args)`, so what it sends and what it expects back are the types here, checked
//! at compile time; the shell's handlers take [`Args`] and return [`Out`] of their command, its
//! handler list is checked against [`ALL`] by name, `build.rs` gives every name in [`ALL`] its
//! permission, and a test checks that `capabilities/default.json` grants exactly those.

use serde::de::DeserializeOwned;
use serde::Serialize;

/// One command the UI may call.
pub trait Command {
    /// The name the UI invokes and the shell's handler function is called.
    const NAME: &'static str;
    /// What the UI sends, as the single argument `args` (`Envelope`).
    type Args: Serialize + DeserializeOwned;
    /// What the shell answers when the command succeeds (otherwise an `ApiError`).
    type Output: Serialize + DeserializeOwned;
}

/// The argument type of command `C`.
pub type Args<C> = <C as Command>::Args;
/// The result type of command `C`.
pub type Out<C> = <C as Command>::Output;

/// The name a Tauri permission gives command `name`: `allow-` and the name in kebab case.
pub fn permission(name: &str) -> String {
    format!("allow-{}", name.replace('_', "-"))
}

/// Equality of two names in a constant context (the shell asserts each handler's name at
/// compile time).
pub const fn same_name(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    let mut i = 0;
    while i < a.len() {
        if a[i] != b[i] {
            return false;
        }
        i += 1;
    }
    true
}

macro_rules! contract {
    ($( $(#[$doc:meta])* $marker:ident = $name:literal ($args:ty) -> $out:ty; )*) => {
        /// One type per command, named after it: `cmd::TableRights` is `table_rights`.
        pub mod cmd {
            $(
                $(#[$doc])*
                #[derive(Debug)]
                pub enum $marker {}
            )*
        }
        $(
            impl Command for cmd::$marker {
                const NAME: &'static str = $name;
                type Args = $args;
                type Output = $out;
            }
        )*
        /// Every command's name, in the order of the contract.
        pub const ALL: &[&str] = &[$($name),*];
    };
}

use crate::commands::*;
use crate::dto::{CaseDetail, DiscussionText, ExportedReport, ProfileStatus, TableSummary};
use crate::report::ReportData;
use crate::sync::{InviteCode, LiveStatus, SyncReport, SyncStatus, WelcomeToConfirm};
use casustafel_domain::case::Case;
use casustafel_domain::disclosure::Disclosure;
use casustafel_domain::identity::Identity;
use casustafel_domain::meeting::{
    ActionSummary, ChairOverview, Meeting, MeetingView, ProgressNoteView,
};
use casustafel_domain::organisation::Organisation;
use casustafel_domain::participant::Participant;
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::referral::Referral;
use casustafel_domain::rights::Rights;
use casustafel_domain::Table;

contract! {
    // The profile.
    ProfileStatus = "profile_status" (()) -> ProfileStatus;
    CreateProfile = "create_profile" (CreateProfileArgs) -> ProfileStatus;
    UnlockProfile = "unlock_profile" (UnlockProfileArgs) -> ProfileStatus;
    LockProfile = "lock_profile" (()) -> ProfileStatus;
    SetLanguage = "set_language" (SetLanguageArgs) -> ProfileStatus;
    // Case tables and what they know.
    ListTables = "list_tables" (()) -> Vec<TableSummary>;
    GetTable = "get_table" (GetTableArgs) -> Table;
    /// What this device may do on a table (the rulebook, `casustafel_domain::rights`).
    TableRights = "table_rights" (TableArgs) -> Rights;
    CreateTable = "create_table" (CreateTableArgs) -> Table;
    UpdateTable = "update_table" (UpdateTableArgs) -> Table;
    ListPhenomena = "list_phenomena" (()) -> Vec<Phenomenon>;
    AddPhenomenon = "add_phenomenon" (AddPhenomenonArgs) -> Phenomenon;
    SetPhenomenonRetired = "set_phenomenon_retired" (SetPhenomenonRetiredArgs) -> ();
    ListOrganisations = "list_organisations" (()) -> Vec<Organisation>;
    AddOrganisation = "add_organisation" (AddOrganisationArgs) -> Organisation;
    ListParticipants = "list_participants" (TableArgs) -> Vec<Participant>;
    AddParticipant = "add_participant" (AddParticipantArgs) -> Participant;
    // Referrals and cases.
    ListReferrals = "list_referrals" (TableArgs) -> Vec<Referral>;
    CreateReferral = "create_referral" (CreateReferralArgs) -> Referral;
    TriageReferral = "triage_referral" (TriageReferralArgs) -> Referral;
    ListCases = "list_cases" (ListCasesArgs) -> Vec<Case>;
    GetCase = "get_case" (CaseArgs) -> CaseDetail;
    UpdateCase = "update_case" (UpdateCaseArgs) -> Case;
    CloseCase = "close_case" (CloseCaseArgs) -> Case;
    RecordIdentity = "record_identity" (RecordIdentityArgs) -> ();
    RevealIdentity = "reveal_identity" (CaseArgs) -> Identity;
    // Meetings.
    PlanMeeting = "plan_meeting" (PlanMeetingArgs) -> Meeting;
    ListMeetings = "list_meetings" (TableArgs) -> Vec<Meeting>;
    GetMeeting = "get_meeting" (MeetingArgs) -> MeetingView;
    AdvanceMeeting = "advance_meeting" (AdvanceMeetingArgs) -> Meeting;
    SetAttendance = "set_attendance" (SetAttendanceArgs) -> ();
    SaveDiscussion = "save_discussion" (SaveDiscussionArgs) -> ();
    GetDiscussion = "get_discussion" (DiscussionArgs) -> DiscussionText;
    EditAgenda = "edit_agenda" (EditAgendaArgs) -> MeetingView;
    SaveFollowup = "save_followup" (SaveFollowupArgs) -> Case;
    SaveGeneralNotes = "save_general_notes" (SaveGeneralNotesArgs) -> ();
    ChairOverview = "chair_overview" (TableArgs) -> ChairOverview;
    // Actions (afspraken).
    AddAction = "add_action" (AddActionArgs) -> ActionSummary;
    UpdateAction = "update_action" (UpdateActionArgs) -> ActionSummary;
    ListActions = "list_actions" (ListActionsArgs) -> Vec<ActionSummary>;
    /// The progress notes of one action.
    ActionProgress = "action_progress" (ActionArgs) -> Vec<ProgressNoteView>;
    // The decision report and the disclosure ledger.
    PreviewReport = "preview_report" (PreviewReportArgs) -> ReportData;
    ExportFolder = "export_folder" (()) -> String;
    ExportReport = "export_report" (ExportReportArgs) -> ExportedReport;
    RecordPrint = "record_print" (RecordPrintArgs) -> Disclosure;
    ListDisclosures = "list_disclosures" (TableArgs) -> Vec<Disclosure>;
    // Sync between devices.
    DeviceFingerprint = "device_fingerprint" (()) -> String;
    ShareTable = "share_table" (ShareTableArgs) -> SyncReport;
    SyncTable = "sync_table" (TableArgs) -> SyncReport;
    SyncStatus = "sync_status" (TableArgs) -> Option<SyncStatus>;
    InviteDevice = "invite_device" (InviteDeviceArgs) -> InviteCode;
    JoinTable = "join_table" (JoinTableArgs) -> String;
    RemoveDevice = "remove_device" (RemoveDeviceArgs) -> ();
    AdmitDevice = "admit_device" (RemoveDeviceArgs) -> SyncReport;
    RefuseDevice = "refuse_device" (RemoveDeviceArgs) -> ();
    /// Joins the chair's device refused (expired or used code): reason codes, read once.
    RefusedJoins = "refused_joins" (()) -> Vec<String>;
    /// Answers to joins that wait for the person to compare the answering device's fingerprint
    /// with the chair's screen.
    WelcomesToConfirm = "welcomes_to_confirm" (()) -> Vec<WelcomeToConfirm>;
    /// The person compared: the same (join the table) or not (stay unjoined).
    ConfirmWelcome = "confirm_welcome" (ConfirmWelcomeArgs) -> ();
    /// Live sync on the meeting-room network: this device's addresses and the table's peers.
    LiveStatus = "live_status" (TableArgs) -> LiveStatus;
    /// Connect to a peer by an address a person typed.
    LiveConnect = "live_connect" (LiveConnectArgs) -> ();
    /// A number that grows when changes from other devices were applied: the screen reloads then.
    DataRevision = "data_revision" (()) -> u64;
    // The window.
    /// The screen says whether typed text waits to be saved; the shell then asks before the window
    /// closes (event `CLOSE_REQUESTED`).
    SetUnsaved = "set_unsaved" (SetUnsavedArgs) -> ();
    /// Closes the window after the person confirmed it, unsaved text or not.
    CloseWindow = "close_window" (()) -> ();
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_unique_and_snake_case() {
        let mut seen = std::collections::BTreeSet::new();
        for name in ALL {
            assert!(seen.insert(*name), "{name} twice");
            assert!(
                name.chars().all(|c| c.is_ascii_lowercase() || c == '_'),
                "{name}"
            );
        }
        assert_eq!(<cmd::TableRights as Command>::NAME, "table_rights");
        assert_eq!(permission("table_rights"), "allow-table-rights");
    }

    #[test]
    fn same_name_compares_whole_names() {
        assert!(same_name("get_case", "get_case"));
        assert!(!same_name("get_case", "get_cases"));
        assert!(!same_name("get_case", "get_cast"));
    }
}
