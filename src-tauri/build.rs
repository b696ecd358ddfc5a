fn main() {
    // Each app command gets an allow-/deny- permission; capabilities/default.json grants exactly these.
    let manifest = tauri_build::AppManifest::new().commands(&[
        "profile_status",
        "create_profile",
        "unlock_profile",
        "lock_profile",
        "set_language",
        "list_tables",
        "get_table",
        "create_table",
        "update_table",
        "list_phenomena",
        "add_phenomenon",
        "set_phenomenon_retired",
        "list_organisations",
        "add_organisation",
        "list_participants",
        "add_participant",
        "list_referrals",
        "create_referral",
        "triage_referral",
        "list_cases",
        "get_case",
        "update_case",
        "close_case",
        "record_identity",
        "reveal_identity",
        "plan_meeting",
        "list_meetings",
        "get_meeting",
        "advance_meeting",
        "set_attendance",
        "save_discussion",
        "get_discussion",
    ]);
    tauri_build::try_build(tauri_build::Attributes::new().app_manifest(manifest))
        .expect("tauri-build failed");
}
