//! Command names and argument shapes. The shell registers a handler per name; the UI calls by name.
//! Tauri maps argument keys from camelCase in JavaScript to snake_case in Rust, so the structs here
//! are serialised as the single argument `args`.

use casustafel_domain::agenda::AgendaEdit;
use casustafel_domain::case::{CaseFilter, CaseUpdate, ClosureDraft};
use casustafel_domain::disclosure::DisclosureDraft;
use casustafel_domain::identity::PersonDraft;
use casustafel_domain::meeting::{
    ActionDraft, ActionStatus, MeetingAction, MeetingDraft, Presence,
};
use casustafel_domain::organisation::OrganisationDraft;
use casustafel_domain::participant::ParticipantDraft;
use casustafel_domain::referral::{ReferralDraft, TriageDraft};
use casustafel_domain::{
    ActionId, CaseId, MeetingId, OrganisationId, ParticipantId, PhenomenonId, ReferralId,
    TableDraft, TableId,
};
use serde::{Deserialize, Serialize};

use crate::dto::{Lang, ReportLabels};

pub const PROFILE_STATUS: &str = "profile_status";
pub const CREATE_PROFILE: &str = "create_profile";
pub const UNLOCK_PROFILE: &str = "unlock_profile";
pub const LOCK_PROFILE: &str = "lock_profile";
pub const SET_LANGUAGE: &str = "set_language";
pub const LIST_TABLES: &str = "list_tables";
pub const GET_TABLE: &str = "get_table";
/// What this device may do on a table (`casustafel_domain::rights::Rights`); takes `TableArgs`.
pub const TABLE_RIGHTS: &str = "table_rights";
pub const CREATE_TABLE: &str = "create_table";
pub const UPDATE_TABLE: &str = "update_table";
pub const LIST_PHENOMENA: &str = "list_phenomena";
pub const ADD_PHENOMENON: &str = "add_phenomenon";
pub const SET_PHENOMENON_RETIRED: &str = "set_phenomenon_retired";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateProfileArgs {
    /// Recorded as the actor in the audit log and timelines.
    pub owner_name: String,
    pub passphrase: String,
    pub confirmation: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UnlockProfileArgs {
    pub passphrase: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetLanguageArgs {
    pub language: Lang,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct GetTableArgs {
    pub id: TableId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateTableArgs {
    pub draft: TableDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateTableArgs {
    pub id: TableId,
    pub draft: TableDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddPhenomenonArgs {
    pub name: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetPhenomenonRetiredArgs {
    pub id: PhenomenonId,
    pub retired: bool,
}

/// The wrapper every command takes: `invoke(name, { args })`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Envelope<T> {
    pub args: T,
}

pub const LIST_ORGANISATIONS: &str = "list_organisations";
pub const ADD_ORGANISATION: &str = "add_organisation";
pub const LIST_PARTICIPANTS: &str = "list_participants";
pub const ADD_PARTICIPANT: &str = "add_participant";
pub const LIST_REFERRALS: &str = "list_referrals";
pub const CREATE_REFERRAL: &str = "create_referral";
pub const TRIAGE_REFERRAL: &str = "triage_referral";
pub const LIST_CASES: &str = "list_cases";
pub const GET_CASE: &str = "get_case";
pub const UPDATE_CASE: &str = "update_case";
pub const CLOSE_CASE: &str = "close_case";
pub const RECORD_IDENTITY: &str = "record_identity";
pub const REVEAL_IDENTITY: &str = "reveal_identity";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddOrganisationArgs {
    pub draft: OrganisationDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TableArgs {
    pub table: TableId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddParticipantArgs {
    pub table: TableId,
    pub draft: ParticipantDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateReferralArgs {
    pub table: TableId,
    pub draft: ReferralDraft,
    /// Send to triage at once (otherwise it stays a draft).
    pub submit: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct TriageReferralArgs {
    pub id: ReferralId,
    pub draft: TriageDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListCasesArgs {
    pub filter: CaseFilter,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CaseArgs {
    pub id: CaseId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateCaseArgs {
    pub id: CaseId,
    pub update: CaseUpdate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CloseCaseArgs {
    pub id: CaseId,
    pub draft: ClosureDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordIdentityArgs {
    pub id: CaseId,
    pub persons: Vec<PersonDraft>,
}

pub const PLAN_MEETING: &str = "plan_meeting";
pub const LIST_MEETINGS: &str = "list_meetings";
pub const GET_MEETING: &str = "get_meeting";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanMeetingArgs {
    pub table: TableId,
    pub draft: MeetingDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingArgs {
    pub id: MeetingId,
}

pub const ADVANCE_MEETING: &str = "advance_meeting";
pub const SET_ATTENDANCE: &str = "set_attendance";
pub const SAVE_DISCUSSION: &str = "save_discussion";
pub const GET_DISCUSSION: &str = "get_discussion";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AdvanceMeetingArgs {
    pub id: MeetingId,
    pub action: MeetingAction,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetAttendanceArgs {
    pub meeting: MeetingId,
    pub participant: ParticipantId,
    pub presence: Presence,
    pub secrecy_confirmed: bool,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DiscussionArgs {
    pub meeting: MeetingId,
    pub case: CaseId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveDiscussionArgs {
    pub meeting: MeetingId,
    pub case: CaseId,
    pub notes: String,
    pub decision: String,
}

pub const ADD_ACTION: &str = "add_action";
pub const UPDATE_ACTION: &str = "update_action";
pub const LIST_ACTIONS: &str = "list_actions";
/// The progress notes of one action.
pub const ACTION_PROGRESS: &str = "action_progress";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ActionArgs {
    pub id: ActionId,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct AddActionArgs {
    pub case: CaseId,
    pub meeting: MeetingId,
    pub draft: ActionDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct UpdateActionArgs {
    pub id: ActionId,
    pub status: ActionStatus,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ListActionsArgs {
    /// Only the actions of this organisation; all when `None`.
    pub owner: Option<OrganisationId>,
}

pub const EDIT_AGENDA: &str = "edit_agenda";
pub const SAVE_FOLLOWUP: &str = "save_followup";
pub const SAVE_GENERAL_NOTES: &str = "save_general_notes";
pub const CHAIR_OVERVIEW: &str = "chair_overview";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct EditAgendaArgs {
    pub meeting: MeetingId,
    pub edit: AgendaEdit,
}

/// The follow-up of a case decided in a meeting: who presented it, and the case update.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveFollowupArgs {
    pub meeting: MeetingId,
    pub case: CaseId,
    pub presenter: Option<ParticipantId>,
    pub update: CaseUpdate,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SaveGeneralNotesArgs {
    pub meeting: MeetingId,
    pub text: String,
}

pub const PREVIEW_REPORT: &str = "preview_report";
pub const EXPORT_FOLDER: &str = "export_folder";
pub const EXPORT_REPORT: &str = "export_report";
pub const RECORD_PRINT: &str = "record_print";
pub const LIST_DISCLOSURES: &str = "list_disclosures";

/// Save the decision report as PDF for `draft.recipient`, in the language of `labels`.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ExportReportArgs {
    pub meeting: MeetingId,
    pub draft: DisclosureDraft,
    pub labels: ReportLabels,
}

/// The report as it will print for `draft.recipient` (which may still be empty).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PreviewReportArgs {
    pub meeting: MeetingId,
    pub draft: DisclosureDraft,
    pub labels: ReportLabels,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct RecordPrintArgs {
    pub meeting: MeetingId,
    pub draft: DisclosureDraft,
}

pub const DEVICE_FINGERPRINT: &str = "device_fingerprint";
pub const SHARE_TABLE: &str = "share_table";
pub const SYNC_TABLE: &str = "sync_table";
pub const SYNC_STATUS: &str = "sync_status";
pub const INVITE_DEVICE: &str = "invite_device";
pub const JOIN_TABLE: &str = "join_table";
pub const REMOVE_DEVICE: &str = "remove_device";
pub const ADMIT_DEVICE: &str = "admit_device";
pub const REFUSE_DEVICE: &str = "refuse_device";
/// Joins the chair's device refused (expired or used code): reason codes, read once.
pub const REFUSED_JOINS: &str = "refused_joins";
/// Live sync on the meeting-room network: this device's addresses and the table's peers.
pub const LIVE_STATUS: &str = "live_status";
/// Connect to a peer by an address a person typed.
pub const LIVE_CONNECT: &str = "live_connect";
/// A number that grows when changes from other devices were applied: the screen reloads then.
pub const DATA_REVISION: &str = "data_revision";
/// The screen says whether typed text waits to be saved; the shell then asks before the window
/// closes (event [`CLOSE_REQUESTED`]).
pub const SET_UNSAVED: &str = "set_unsaved";
/// Closes the window after the person confirmed it, unsaved text or not.
pub const CLOSE_WINDOW: &str = "close_window";
/// The event the shell sends the screen when the window is asked to close while text is unsaved.
pub const CLOSE_REQUESTED: &str = "close-requested";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct SetUnsavedArgs {
    pub unsaved: bool,
}

/// An address typed on this device to reach another of the same table.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct LiveConnectArgs {
    pub table: TableId,
    pub address: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
/// A device of this table, by its fingerprint (remove, admit or refuse it).
pub struct RemoveDeviceArgs {
    pub table: TableId,
    pub fingerprint: String,
}

/// Share a table through a folder (a path on this computer: a share, a stick, a synced folder).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ShareTableArgs {
    pub table: TableId,
    pub folder: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct InviteDeviceArgs {
    pub table: TableId,
    pub participant: ParticipantId,
}

/// Join a table with the chair's code, through the same folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinTableArgs {
    pub code: String,
    pub folder: String,
    /// What this device is called, e.g. "Laptop CAW – An".
    pub label: String,
}
