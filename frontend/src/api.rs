//! Typed calls to the shell. Every call returns `Result<_, ApiError>`; nothing here unwraps.

use casustafel_api::commands::{self, Envelope};
use casustafel_api::contract::{cmd, Args, Command, Out};
use casustafel_api::report::ReportData;
use casustafel_api::sync::{InviteCode, LiveStatus, SyncReport, SyncStatus, WelcomeToConfirm};
use casustafel_api::{
    ApiError, CaseDetail, DiscussionText, ExportedReport, ProfileStatus, ReportLabels, TableSummary,
};
use casustafel_domain::agenda::AgendaEdit;
use casustafel_domain::case::{Case, CaseFilter, CaseUpdate, ClosureDraft};
use casustafel_domain::disclosure::{Disclosure, DisclosureDraft};
use casustafel_domain::identity::{Identity, PersonDraft};
use casustafel_domain::meeting::{
    ActionDraft, ActionStatus, ActionSummary, ChairOverview, Meeting, MeetingAction, MeetingDraft,
    MeetingView, Presence,
};
use casustafel_domain::organisation::{Organisation, OrganisationDraft};
use casustafel_domain::participant::{Participant, ParticipantDraft};
use casustafel_domain::phenomenon::Phenomenon;
use casustafel_domain::referral::{Referral, ReferralDraft, TriageDraft};
use casustafel_domain::rights::Rights;
use casustafel_domain::{
    ActionId, CaseId, Lang, MeetingId, OrganisationId, ParticipantId, PhenomenonId, ReferralId,
    Table, TableDraft, TableId,
};
use serde::Serialize;
use wasm_bindgen::prelude::*;

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "core"], catch)]
    async fn invoke(cmd: &str, args: JsValue) -> Result<JsValue, JsValue>;

    #[wasm_bindgen(js_namespace = ["window", "__TAURI__", "event"], js_name = listen, catch)]
    async fn tauri_listen(
        event: &str,
        handler: &Closure<dyn FnMut(JsValue)>,
    ) -> Result<JsValue, JsValue>;
}

/// Calls `f` each time the shell sends `event`, for as long as the app runs.
pub async fn listen(event: &'static str, f: impl FnMut(JsValue) + 'static) -> Result<(), ApiError> {
    let handler = Closure::<dyn FnMut(JsValue)>::new(f);
    tauri_listen(event, &handler)
        .await
        .map_err(|e| internal(format!("listen {event}: {e:?}")))?;
    // The app listens until it ends: the handler lives as long.
    handler.forget();
    Ok(())
}

/// Tells the shell whether typed text waits to be saved (closing then asks first).
pub async fn set_unsaved(unsaved: bool) -> Result<(), ApiError> {
    call::<cmd::SetUnsaved>(commands::SetUnsavedArgs { unsaved }).await
}

/// Closes the window, after the person confirmed leaving unsaved text.
pub async fn close_window() -> Result<(), ApiError> {
    call::<cmd::CloseWindow>(()).await
}

fn internal(detail: impl Into<String>) -> ApiError {
    ApiError::Internal {
        detail: detail.into(),
    }
}

/// Calls command `C` of the contract: what is sent and what comes back are its types.
async fn call<C: Command>(args: Args<C>) -> Result<Out<C>, ApiError> {
    let cmd = C::NAME;
    let serializer = serde_wasm_bindgen::Serializer::json_compatible();
    let js_args = Envelope { args }
        .serialize(&serializer)
        .map_err(|e| internal(format!("{cmd}: {e}")))?;
    match invoke(cmd, js_args).await {
        Ok(value) => {
            serde_wasm_bindgen::from_value(value).map_err(|e| internal(format!("{cmd}: {e}")))
        }
        // The shell sends an `ApiError`; Tauri itself may send a plain string (e.g. a refused permission).
        Err(value) => Err(serde_wasm_bindgen::from_value::<ApiError>(value.clone())
            .unwrap_or_else(|_| {
                internal(
                    value
                        .as_string()
                        .unwrap_or_else(|| format!("{cmd}: {value:?}")),
                )
            })),
    }
}

pub async fn profile_status() -> Result<ProfileStatus, ApiError> {
    call::<cmd::ProfileStatus>(()).await
}

pub async fn create_profile(
    owner_name: String,
    passphrase: String,
    confirmation: String,
) -> Result<ProfileStatus, ApiError> {
    call::<cmd::CreateProfile>(commands::CreateProfileArgs {
        owner_name,
        passphrase,
        confirmation,
    })
    .await
}

pub async fn unlock_profile(passphrase: String) -> Result<ProfileStatus, ApiError> {
    call::<cmd::UnlockProfile>(commands::UnlockProfileArgs { passphrase }).await
}

pub async fn lock_profile() -> Result<ProfileStatus, ApiError> {
    call::<cmd::LockProfile>(()).await
}

pub async fn set_language(language: Lang) -> Result<ProfileStatus, ApiError> {
    call::<cmd::SetLanguage>(commands::SetLanguageArgs { language }).await
}

pub async fn list_tables() -> Result<Vec<TableSummary>, ApiError> {
    call::<cmd::ListTables>(()).await
}

pub async fn get_table(id: TableId) -> Result<Table, ApiError> {
    call::<cmd::GetTable>(commands::GetTableArgs { id }).await
}

/// What this device may do on `table` (the rulebook's answer, from the store).
pub async fn table_rights(table: TableId) -> Result<Rights, ApiError> {
    call::<cmd::TableRights>(commands::TableArgs { table }).await
}

pub async fn create_table(draft: TableDraft) -> Result<Table, ApiError> {
    call::<cmd::CreateTable>(commands::CreateTableArgs { draft }).await
}

pub async fn update_table(id: TableId, draft: TableDraft) -> Result<Table, ApiError> {
    call::<cmd::UpdateTable>(commands::UpdateTableArgs { id, draft }).await
}

pub async fn list_phenomena() -> Result<Vec<Phenomenon>, ApiError> {
    call::<cmd::ListPhenomena>(()).await
}

pub async fn add_phenomenon(name: String) -> Result<Phenomenon, ApiError> {
    call::<cmd::AddPhenomenon>(commands::AddPhenomenonArgs { name }).await
}

pub async fn set_phenomenon_retired(id: PhenomenonId, retired: bool) -> Result<(), ApiError> {
    call::<cmd::SetPhenomenonRetired>(commands::SetPhenomenonRetiredArgs { id, retired }).await
}

pub async fn list_organisations() -> Result<Vec<Organisation>, ApiError> {
    call::<cmd::ListOrganisations>(()).await
}

pub async fn add_organisation(draft: OrganisationDraft) -> Result<Organisation, ApiError> {
    call::<cmd::AddOrganisation>(commands::AddOrganisationArgs { draft }).await
}

pub async fn list_participants(table: TableId) -> Result<Vec<Participant>, ApiError> {
    call::<cmd::ListParticipants>(commands::TableArgs { table }).await
}

pub async fn add_participant(
    table: TableId,
    draft: ParticipantDraft,
) -> Result<Participant, ApiError> {
    call::<cmd::AddParticipant>(commands::AddParticipantArgs { table, draft }).await
}

pub async fn list_referrals(table: TableId) -> Result<Vec<Referral>, ApiError> {
    call::<cmd::ListReferrals>(commands::TableArgs { table }).await
}

pub async fn create_referral(table: TableId, draft: ReferralDraft) -> Result<Referral, ApiError> {
    call::<cmd::CreateReferral>(commands::CreateReferralArgs {
        table,
        draft,
        submit: true,
    })
    .await
}

pub async fn triage_referral(id: ReferralId, draft: TriageDraft) -> Result<Referral, ApiError> {
    call::<cmd::TriageReferral>(commands::TriageReferralArgs { id, draft }).await
}

pub async fn list_cases(filter: CaseFilter) -> Result<Vec<Case>, ApiError> {
    call::<cmd::ListCases>(commands::ListCasesArgs { filter }).await
}

/// A table's open cases: those that can be put on an agenda or that an ad hoc participant can be
/// invited for.
pub async fn open_cases(table: TableId) -> Result<Vec<Case>, ApiError> {
    let filter = CaseFilter {
        table: Some(table),
        ..CaseFilter::default()
    };
    let all = list_cases(filter).await?;
    Ok(all.into_iter().filter(|c| c.status.is_open()).collect())
}

pub async fn get_case(id: CaseId) -> Result<CaseDetail, ApiError> {
    call::<cmd::GetCase>(commands::CaseArgs { id }).await
}

pub async fn update_case(id: CaseId, update: CaseUpdate) -> Result<Case, ApiError> {
    call::<cmd::UpdateCase>(commands::UpdateCaseArgs { id, update }).await
}

pub async fn close_case(id: CaseId, draft: ClosureDraft) -> Result<Case, ApiError> {
    call::<cmd::CloseCase>(commands::CloseCaseArgs { id, draft }).await
}

pub async fn record_identity(id: CaseId, persons: Vec<PersonDraft>) -> Result<(), ApiError> {
    call::<cmd::RecordIdentity>(commands::RecordIdentityArgs { id, persons }).await
}

pub async fn reveal_identity(id: CaseId) -> Result<Identity, ApiError> {
    call::<cmd::RevealIdentity>(commands::CaseArgs { id }).await
}

pub async fn plan_meeting(table: TableId, draft: MeetingDraft) -> Result<Meeting, ApiError> {
    call::<cmd::PlanMeeting>(commands::PlanMeetingArgs { table, draft }).await
}

pub async fn list_meetings(table: TableId) -> Result<Vec<Meeting>, ApiError> {
    call::<cmd::ListMeetings>(commands::TableArgs { table }).await
}

pub async fn get_meeting(id: MeetingId) -> Result<MeetingView, ApiError> {
    call::<cmd::GetMeeting>(commands::MeetingArgs { id }).await
}

pub async fn advance_meeting(id: MeetingId, action: MeetingAction) -> Result<Meeting, ApiError> {
    call::<cmd::AdvanceMeeting>(commands::AdvanceMeetingArgs { id, action }).await
}

pub async fn set_attendance(
    meeting: MeetingId,
    participant: ParticipantId,
    presence: Presence,
    secrecy_confirmed: bool,
) -> Result<(), ApiError> {
    call::<cmd::SetAttendance>(commands::SetAttendanceArgs {
        meeting,
        participant,
        presence,
        secrecy_confirmed,
    })
    .await
}

pub async fn save_discussion(
    meeting: MeetingId,
    case: CaseId,
    notes: String,
    decision: String,
) -> Result<(), ApiError> {
    call::<cmd::SaveDiscussion>(commands::SaveDiscussionArgs {
        meeting,
        case,
        notes,
        decision,
    })
    .await
}

pub async fn get_discussion(meeting: MeetingId, case: CaseId) -> Result<DiscussionText, ApiError> {
    call::<cmd::GetDiscussion>(commands::DiscussionArgs { meeting, case }).await
}

pub async fn add_action(
    case: CaseId,
    meeting: MeetingId,
    draft: ActionDraft,
) -> Result<ActionSummary, ApiError> {
    call::<cmd::AddAction>(commands::AddActionArgs {
        case,
        meeting,
        draft,
    })
    .await
}

pub async fn update_action(
    id: ActionId,
    status: ActionStatus,
    note: String,
) -> Result<ActionSummary, ApiError> {
    call::<cmd::UpdateAction>(commands::UpdateActionArgs { id, status, note }).await
}

pub async fn action_progress(
    id: ActionId,
) -> Result<Vec<casustafel_domain::meeting::ProgressNoteView>, ApiError> {
    call::<cmd::ActionProgress>(commands::ActionArgs { id }).await
}

pub async fn list_actions(owner: Option<OrganisationId>) -> Result<Vec<ActionSummary>, ApiError> {
    call::<cmd::ListActions>(commands::ListActionsArgs { owner }).await
}

pub async fn edit_agenda(meeting: MeetingId, edit: AgendaEdit) -> Result<MeetingView, ApiError> {
    call::<cmd::EditAgenda>(commands::EditAgendaArgs { meeting, edit }).await
}

pub async fn save_followup(
    meeting: MeetingId,
    case: CaseId,
    presenter: Option<ParticipantId>,
    update: CaseUpdate,
) -> Result<Case, ApiError> {
    call::<cmd::SaveFollowup>(commands::SaveFollowupArgs {
        meeting,
        case,
        presenter,
        update,
    })
    .await
}

pub async fn save_general_notes(meeting: MeetingId, text: String) -> Result<(), ApiError> {
    call::<cmd::SaveGeneralNotes>(commands::SaveGeneralNotesArgs { meeting, text }).await
}

pub async fn chair_overview(table: TableId) -> Result<ChairOverview, ApiError> {
    call::<cmd::ChairOverview>(commands::TableArgs { table }).await
}

pub async fn preview_report(
    meeting: MeetingId,
    recipient: String,
    labels: ReportLabels,
) -> Result<ReportData, ApiError> {
    call::<cmd::PreviewReport>(commands::PreviewReportArgs {
        meeting,
        draft: DisclosureDraft { recipient },
        labels,
    })
    .await
}

pub async fn export_folder() -> Result<String, ApiError> {
    call::<cmd::ExportFolder>(()).await
}

pub async fn export_report(
    meeting: MeetingId,
    recipient: String,
    labels: ReportLabels,
) -> Result<ExportedReport, ApiError> {
    call::<cmd::ExportReport>(commands::ExportReportArgs {
        meeting,
        draft: DisclosureDraft { recipient },
        labels,
    })
    .await
}

pub async fn record_print(meeting: MeetingId, recipient: String) -> Result<Disclosure, ApiError> {
    call::<cmd::RecordPrint>(commands::RecordPrintArgs {
        meeting,
        draft: DisclosureDraft { recipient },
    })
    .await
}

pub async fn list_disclosures(table: TableId) -> Result<Vec<Disclosure>, ApiError> {
    call::<cmd::ListDisclosures>(commands::TableArgs { table }).await
}

pub async fn device_fingerprint() -> Result<String, ApiError> {
    call::<cmd::DeviceFingerprint>(()).await
}

pub async fn share_table(table: TableId, folder: String) -> Result<SyncReport, ApiError> {
    call::<cmd::ShareTable>(commands::ShareTableArgs { table, folder }).await
}

pub async fn sync_table(table: TableId) -> Result<SyncReport, ApiError> {
    call::<cmd::SyncTable>(commands::TableArgs { table }).await
}

pub async fn sync_status(table: TableId) -> Result<Option<SyncStatus>, ApiError> {
    call::<cmd::SyncStatus>(commands::TableArgs { table }).await
}

pub async fn invite_device(
    table: TableId,
    participant: ParticipantId,
) -> Result<InviteCode, ApiError> {
    call::<cmd::InviteDevice>(commands::InviteDeviceArgs { table, participant }).await
}

pub async fn join_table(code: String, folder: String, label: String) -> Result<String, ApiError> {
    call::<cmd::JoinTable>(commands::JoinTableArgs {
        code,
        folder,
        label,
    })
    .await
}

pub async fn remove_device(table: TableId, fingerprint: String) -> Result<(), ApiError> {
    call::<cmd::RemoveDevice>(commands::RemoveDeviceArgs { table, fingerprint }).await
}

pub async fn live_status(table: TableId) -> Result<LiveStatus, ApiError> {
    call::<cmd::LiveStatus>(commands::TableArgs { table }).await
}

pub async fn live_connect(table: TableId, address: String) -> Result<(), ApiError> {
    call::<cmd::LiveConnect>(commands::LiveConnectArgs { table, address }).await
}

pub async fn data_revision() -> Result<u64, ApiError> {
    call::<cmd::DataRevision>(()).await
}

pub async fn refused_joins() -> Result<Vec<String>, ApiError> {
    call::<cmd::RefusedJoins>(()).await
}

pub async fn welcomes_to_confirm() -> Result<Vec<WelcomeToConfirm>, ApiError> {
    call::<cmd::WelcomesToConfirm>(()).await
}

pub async fn confirm_welcome(id: String, same: bool) -> Result<(), ApiError> {
    call::<cmd::ConfirmWelcome>(commands::ConfirmWelcomeArgs { id, same }).await
}

pub async fn admit_device(table: TableId, fingerprint: String) -> Result<SyncReport, ApiError> {
    call::<cmd::AdmitDevice>(commands::RemoveDeviceArgs { table, fingerprint }).await
}

pub async fn refuse_device(table: TableId, fingerprint: String) -> Result<(), ApiError> {
    call::<cmd::RefuseDevice>(commands::RemoveDeviceArgs { table, fingerprint }).await
}
