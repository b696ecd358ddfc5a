//! Typed calls to the shell. Every call returns `Result<_, ApiError>`; nothing here unwraps.

use casustafel_api::commands::{self, Envelope};
use casustafel_api::report::ReportData;
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
use casustafel_domain::sync::{InviteCode, LiveStatus, SyncReport, SyncStatus};
use casustafel_domain::{
    ActionId, CaseId, Lang, MeetingId, OrganisationId, ParticipantId, PhenomenonId, ReferralId,
    Table, TableDraft, TableId,
};
use serde::de::DeserializeOwned;
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
    call(commands::SET_UNSAVED, commands::SetUnsavedArgs { unsaved }).await
}

/// Closes the window, after the person confirmed leaving unsaved text.
pub async fn close_window() -> Result<(), ApiError> {
    call(commands::CLOSE_WINDOW, ()).await
}

fn internal(detail: impl Into<String>) -> ApiError {
    ApiError::Internal {
        detail: detail.into(),
    }
}

async fn call<A: Serialize, R: DeserializeOwned>(cmd: &str, args: A) -> Result<R, ApiError> {
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
    call(commands::PROFILE_STATUS, ()).await
}

pub async fn create_profile(
    owner_name: String,
    passphrase: String,
    confirmation: String,
) -> Result<ProfileStatus, ApiError> {
    call(
        commands::CREATE_PROFILE,
        commands::CreateProfileArgs {
            owner_name,
            passphrase,
            confirmation,
        },
    )
    .await
}

pub async fn unlock_profile(passphrase: String) -> Result<ProfileStatus, ApiError> {
    call(
        commands::UNLOCK_PROFILE,
        commands::UnlockProfileArgs { passphrase },
    )
    .await
}

pub async fn lock_profile() -> Result<ProfileStatus, ApiError> {
    call(commands::LOCK_PROFILE, ()).await
}

pub async fn set_language(language: Lang) -> Result<ProfileStatus, ApiError> {
    call(
        commands::SET_LANGUAGE,
        commands::SetLanguageArgs { language },
    )
    .await
}

pub async fn list_tables() -> Result<Vec<TableSummary>, ApiError> {
    call(commands::LIST_TABLES, ()).await
}

pub async fn get_table(id: TableId) -> Result<Table, ApiError> {
    call(commands::GET_TABLE, commands::GetTableArgs { id }).await
}

/// What this device may do on `table` (the rulebook's answer, from the store).
pub async fn table_rights(table: TableId) -> Result<Rights, ApiError> {
    call(commands::TABLE_RIGHTS, commands::TableArgs { table }).await
}

pub async fn create_table(draft: TableDraft) -> Result<Table, ApiError> {
    call(commands::CREATE_TABLE, commands::CreateTableArgs { draft }).await
}

pub async fn update_table(id: TableId, draft: TableDraft) -> Result<Table, ApiError> {
    call(
        commands::UPDATE_TABLE,
        commands::UpdateTableArgs { id, draft },
    )
    .await
}

pub async fn list_phenomena() -> Result<Vec<Phenomenon>, ApiError> {
    call(commands::LIST_PHENOMENA, ()).await
}

pub async fn add_phenomenon(name: String) -> Result<Phenomenon, ApiError> {
    call(
        commands::ADD_PHENOMENON,
        commands::AddPhenomenonArgs { name },
    )
    .await
}

pub async fn set_phenomenon_retired(id: PhenomenonId, retired: bool) -> Result<(), ApiError> {
    call(
        commands::SET_PHENOMENON_RETIRED,
        commands::SetPhenomenonRetiredArgs { id, retired },
    )
    .await
}

pub async fn list_organisations() -> Result<Vec<Organisation>, ApiError> {
    call(commands::LIST_ORGANISATIONS, ()).await
}

pub async fn add_organisation(draft: OrganisationDraft) -> Result<Organisation, ApiError> {
    call(
        commands::ADD_ORGANISATION,
        commands::AddOrganisationArgs { draft },
    )
    .await
}

pub async fn list_participants(table: TableId) -> Result<Vec<Participant>, ApiError> {
    call(commands::LIST_PARTICIPANTS, commands::TableArgs { table }).await
}

pub async fn add_participant(
    table: TableId,
    draft: ParticipantDraft,
) -> Result<Participant, ApiError> {
    call(
        commands::ADD_PARTICIPANT,
        commands::AddParticipantArgs { table, draft },
    )
    .await
}

pub async fn list_referrals(table: TableId) -> Result<Vec<Referral>, ApiError> {
    call(commands::LIST_REFERRALS, commands::TableArgs { table }).await
}

pub async fn create_referral(table: TableId, draft: ReferralDraft) -> Result<Referral, ApiError> {
    call(
        commands::CREATE_REFERRAL,
        commands::CreateReferralArgs {
            table,
            draft,
            submit: true,
        },
    )
    .await
}

pub async fn triage_referral(id: ReferralId, draft: TriageDraft) -> Result<Referral, ApiError> {
    call(
        commands::TRIAGE_REFERRAL,
        commands::TriageReferralArgs { id, draft },
    )
    .await
}

pub async fn list_cases(filter: CaseFilter) -> Result<Vec<Case>, ApiError> {
    call(commands::LIST_CASES, commands::ListCasesArgs { filter }).await
}

pub async fn get_case(id: CaseId) -> Result<CaseDetail, ApiError> {
    call(commands::GET_CASE, commands::CaseArgs { id }).await
}

pub async fn update_case(id: CaseId, update: CaseUpdate) -> Result<Case, ApiError> {
    call(
        commands::UPDATE_CASE,
        commands::UpdateCaseArgs { id, update },
    )
    .await
}

pub async fn close_case(id: CaseId, draft: ClosureDraft) -> Result<Case, ApiError> {
    call(commands::CLOSE_CASE, commands::CloseCaseArgs { id, draft }).await
}

pub async fn record_identity(id: CaseId, persons: Vec<PersonDraft>) -> Result<(), ApiError> {
    call(
        commands::RECORD_IDENTITY,
        commands::RecordIdentityArgs { id, persons },
    )
    .await
}

pub async fn reveal_identity(id: CaseId) -> Result<Identity, ApiError> {
    call(commands::REVEAL_IDENTITY, commands::CaseArgs { id }).await
}

pub async fn plan_meeting(table: TableId, draft: MeetingDraft) -> Result<Meeting, ApiError> {
    call(
        commands::PLAN_MEETING,
        commands::PlanMeetingArgs { table, draft },
    )
    .await
}

pub async fn list_meetings(table: TableId) -> Result<Vec<Meeting>, ApiError> {
    call(commands::LIST_MEETINGS, commands::TableArgs { table }).await
}

pub async fn get_meeting(id: MeetingId) -> Result<MeetingView, ApiError> {
    call(commands::GET_MEETING, commands::MeetingArgs { id }).await
}

pub async fn advance_meeting(id: MeetingId, action: MeetingAction) -> Result<Meeting, ApiError> {
    call(
        commands::ADVANCE_MEETING,
        commands::AdvanceMeetingArgs { id, action },
    )
    .await
}

pub async fn set_attendance(
    meeting: MeetingId,
    participant: ParticipantId,
    presence: Presence,
    secrecy_confirmed: bool,
) -> Result<(), ApiError> {
    call(
        commands::SET_ATTENDANCE,
        commands::SetAttendanceArgs {
            meeting,
            participant,
            presence,
            secrecy_confirmed,
        },
    )
    .await
}

pub async fn save_discussion(
    meeting: MeetingId,
    case: CaseId,
    notes: String,
    decision: String,
) -> Result<(), ApiError> {
    call(
        commands::SAVE_DISCUSSION,
        commands::SaveDiscussionArgs {
            meeting,
            case,
            notes,
            decision,
        },
    )
    .await
}

pub async fn get_discussion(meeting: MeetingId, case: CaseId) -> Result<DiscussionText, ApiError> {
    call(
        commands::GET_DISCUSSION,
        commands::DiscussionArgs { meeting, case },
    )
    .await
}

pub async fn add_action(
    case: CaseId,
    meeting: MeetingId,
    draft: ActionDraft,
) -> Result<ActionSummary, ApiError> {
    call(
        commands::ADD_ACTION,
        commands::AddActionArgs {
            case,
            meeting,
            draft,
        },
    )
    .await
}

pub async fn update_action(
    id: ActionId,
    status: ActionStatus,
    note: String,
) -> Result<ActionSummary, ApiError> {
    call(
        commands::UPDATE_ACTION,
        commands::UpdateActionArgs { id, status, note },
    )
    .await
}

pub async fn action_progress(
    id: ActionId,
) -> Result<Vec<casustafel_domain::meeting::ProgressNoteView>, ApiError> {
    call(commands::ACTION_PROGRESS, commands::ActionArgs { id }).await
}

pub async fn list_actions(owner: Option<OrganisationId>) -> Result<Vec<ActionSummary>, ApiError> {
    call(commands::LIST_ACTIONS, commands::ListActionsArgs { owner }).await
}

pub async fn edit_agenda(meeting: MeetingId, edit: AgendaEdit) -> Result<MeetingView, ApiError> {
    call(
        commands::EDIT_AGENDA,
        commands::EditAgendaArgs { meeting, edit },
    )
    .await
}

pub async fn save_followup(
    meeting: MeetingId,
    case: CaseId,
    presenter: Option<ParticipantId>,
    update: CaseUpdate,
) -> Result<Case, ApiError> {
    call(
        commands::SAVE_FOLLOWUP,
        commands::SaveFollowupArgs {
            meeting,
            case,
            presenter,
            update,
        },
    )
    .await
}

pub async fn save_general_notes(meeting: MeetingId, text: String) -> Result<(), ApiError> {
    call(
        commands::SAVE_GENERAL_NOTES,
        commands::SaveGeneralNotesArgs { meeting, text },
    )
    .await
}

pub async fn chair_overview(table: TableId) -> Result<ChairOverview, ApiError> {
    call(commands::CHAIR_OVERVIEW, commands::TableArgs { table }).await
}

pub async fn preview_report(
    meeting: MeetingId,
    recipient: String,
    labels: ReportLabels,
) -> Result<ReportData, ApiError> {
    call(
        commands::PREVIEW_REPORT,
        commands::PreviewReportArgs {
            meeting,
            draft: DisclosureDraft { recipient },
            labels,
        },
    )
    .await
}

pub async fn export_folder() -> Result<String, ApiError> {
    call(commands::EXPORT_FOLDER, ()).await
}

pub async fn export_report(
    meeting: MeetingId,
    recipient: String,
    labels: ReportLabels,
) -> Result<ExportedReport, ApiError> {
    call(
        commands::EXPORT_REPORT,
        commands::ExportReportArgs {
            meeting,
            draft: DisclosureDraft { recipient },
            labels,
        },
    )
    .await
}

pub async fn record_print(meeting: MeetingId, recipient: String) -> Result<Disclosure, ApiError> {
    call(
        commands::RECORD_PRINT,
        commands::RecordPrintArgs {
            meeting,
            draft: DisclosureDraft { recipient },
        },
    )
    .await
}

pub async fn list_disclosures(table: TableId) -> Result<Vec<Disclosure>, ApiError> {
    call(commands::LIST_DISCLOSURES, commands::TableArgs { table }).await
}

pub async fn device_fingerprint() -> Result<String, ApiError> {
    call(commands::DEVICE_FINGERPRINT, ()).await
}

pub async fn share_table(table: TableId, folder: String) -> Result<SyncReport, ApiError> {
    call(
        commands::SHARE_TABLE,
        commands::ShareTableArgs { table, folder },
    )
    .await
}

pub async fn sync_table(table: TableId) -> Result<SyncReport, ApiError> {
    call(commands::SYNC_TABLE, commands::TableArgs { table }).await
}

pub async fn sync_status(table: TableId) -> Result<Option<SyncStatus>, ApiError> {
    call(commands::SYNC_STATUS, commands::TableArgs { table }).await
}

pub async fn invite_device(
    table: TableId,
    participant: ParticipantId,
) -> Result<InviteCode, ApiError> {
    call(
        commands::INVITE_DEVICE,
        commands::InviteDeviceArgs { table, participant },
    )
    .await
}

pub async fn join_table(code: String, folder: String, label: String) -> Result<String, ApiError> {
    call(
        commands::JOIN_TABLE,
        commands::JoinTableArgs {
            code,
            folder,
            label,
        },
    )
    .await
}

pub async fn remove_device(table: TableId, fingerprint: String) -> Result<(), ApiError> {
    call(
        commands::REMOVE_DEVICE,
        commands::RemoveDeviceArgs { table, fingerprint },
    )
    .await
}

pub async fn live_status(table: TableId) -> Result<LiveStatus, ApiError> {
    call(commands::LIVE_STATUS, commands::TableArgs { table }).await
}

pub async fn live_connect(table: TableId, address: String) -> Result<(), ApiError> {
    call(
        commands::LIVE_CONNECT,
        commands::LiveConnectArgs { table, address },
    )
    .await
}

pub async fn data_revision() -> Result<u64, ApiError> {
    call(commands::DATA_REVISION, ()).await
}

pub async fn refused_joins() -> Result<Vec<String>, ApiError> {
    call(commands::REFUSED_JOINS, ()).await
}

pub async fn admit_device(table: TableId, fingerprint: String) -> Result<SyncReport, ApiError> {
    call(
        commands::ADMIT_DEVICE,
        commands::RemoveDeviceArgs { table, fingerprint },
    )
    .await
}

pub async fn refuse_device(table: TableId, fingerprint: String) -> Result<(), ApiError> {
    call(
        commands::REFUSE_DEVICE,
        commands::RemoveDeviceArgs { table, fingerprint },
    )
    .await
}
