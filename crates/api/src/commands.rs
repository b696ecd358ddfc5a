//! The argument shapes of the commands (their names and results are in [`crate::contract`]).
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

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct PlanMeetingArgs {
    pub table: TableId,
    pub draft: MeetingDraft,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct MeetingArgs {
    pub id: MeetingId,
}

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

/// The person on the joining device compared the fingerprint of the device that answered the
/// join `id` with the chair's screen: `same` or not.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ConfirmWelcomeArgs {
    pub id: String,
    pub same: bool,
}

/// Join a table with the chair's code, through the same folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct JoinTableArgs {
    pub code: String,
    pub folder: String,
    /// What this device is called, e.g. "Laptop CAW – An".
    pub label: String,
}
