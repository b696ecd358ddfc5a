//! The one error type every command returns. It is serialisable, so the UI receives it typed and shows
//! a sentence in the user's language for each variant (see `assets/i18n/*.ftl`, keys `error-*`).

use casustafel_domain::rights::Act;
use casustafel_domain::FieldError;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[serde(tag = "code", rename_all = "snake_case")]
#[non_exhaustive]
pub enum ApiError {
    /// No profile exists yet in the profile folder: the UI offers to create one.
    #[error("no profile exists yet")]
    NoProfile,
    /// A profile already exists: creating another would overwrite it, which never happens.
    #[error("a profile already exists")]
    ProfileExists,
    /// The passphrase does not open this profile. Nothing was changed.
    #[error("wrong passphrase")]
    WrongPassphrase,
    /// The profile must be unlocked first.
    #[error("the profile is locked")]
    Locked,
    /// The input was refused; each error names the field it belongs to.
    #[error("invalid input: {errors:?}")]
    Invalid { errors: Vec<FieldError> },
    /// The thing asked for does not exist (any more).
    #[error("not found")]
    NotFound,
    /// The action is not allowed in the current state (e.g. triaging a referral twice).
    #[error("{entity}: cannot {action} from {from}")]
    IllegalTransition {
        entity: String,
        from: String,
        action: String,
    },
    /// The passphrase is right but the database cannot be read: damaged or from a newer version.
    #[error("the profile cannot be read: {detail}")]
    ProfileDamaged { detail: String },
    /// The profile folder cannot be read or written (permissions, full disk, removed drive).
    #[error("the profile folder is not usable: {detail}")]
    Io { detail: String },
    /// A report could not be written to the export folder; nothing was recorded as disclosed.
    #[error("cannot write to {folder}: {detail}")]
    ExportFailed { folder: String, detail: String },
    /// Sync could not go on; `problem` says why (a code the UI explains), `folder` where.
    #[error("sync: {problem:?} {folder}")]
    Sync {
        problem: SyncProblem,
        folder: String,
    },
    /// The rulebook does not let this device do `act` (see `casustafel_domain::rights`).
    #[error("not allowed: {act:?}")]
    NotAllowed { act: Act },
    /// The disk holding the profile is full: nothing more can be saved until space is freed.
    #[error("the disk is full")]
    DiskFull,
    /// Another program holds the profile's database (a second Casustafel on the same profile, a
    /// backup tool); saving works again once it lets go.
    #[error("the profile is in use by another program")]
    Busy,
    /// Anything else; `detail` is technical and holds no personal data.
    #[error("internal error: {detail}")]
    Internal { detail: String },
}

/// Why sync could not go on, as the UI explains it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SyncProblem {
    FolderUnreachable,
    FolderNotWritable,
    NotShared,
    NotChair,
    /// Only the chair's device keeps the table's register (and admits devices).
    NotKeeper,
    Removed,
    CodeMistyped,
    CodeUnknown,
    CodeExpired,
    CodeUsed,
    /// Live sync on the network was switched off when the app started.
    LiveOff,
}

impl SyncProblem {
    pub const ALL: [SyncProblem; 11] = [
        SyncProblem::FolderUnreachable,
        SyncProblem::FolderNotWritable,
        SyncProblem::NotShared,
        SyncProblem::NotChair,
        SyncProblem::NotKeeper,
        SyncProblem::Removed,
        SyncProblem::CodeMistyped,
        SyncProblem::CodeUnknown,
        SyncProblem::CodeExpired,
        SyncProblem::CodeUsed,
        SyncProblem::LiveOff,
    ];

    pub fn message_id(self) -> &'static str {
        match self {
            SyncProblem::FolderUnreachable => "error-sync-folder-unreachable",
            SyncProblem::FolderNotWritable => "error-sync-folder-not-writable",
            SyncProblem::NotShared => "error-sync-not-shared",
            SyncProblem::NotChair => "error-sync-not-chair",
            SyncProblem::NotKeeper => "error-sync-not-keeper",
            SyncProblem::Removed => "error-sync-removed",
            SyncProblem::CodeMistyped => "error-sync-code-mistyped",
            SyncProblem::CodeUnknown => "error-sync-code-unknown",
            SyncProblem::CodeExpired => "error-sync-code-expired",
            SyncProblem::CodeUsed => "error-sync-code-used",
            SyncProblem::LiveOff => "error-sync-live-off",
        }
    }
}

impl ApiError {
    /// The Fluent message id that explains this error to a person.
    pub fn message_id(&self) -> &'static str {
        match self {
            ApiError::NoProfile => "error-no-profile",
            ApiError::ProfileExists => "error-profile-exists",
            ApiError::WrongPassphrase => "error-wrong-passphrase",
            ApiError::Locked => "error-locked",
            ApiError::Invalid { .. } => "error-invalid",
            ApiError::NotFound => "error-not-found",
            ApiError::IllegalTransition { .. } => "error-illegal-transition",
            ApiError::ProfileDamaged { .. } => "error-profile-damaged",
            ApiError::Io { .. } => "error-io",
            ApiError::DiskFull => "error-disk-full",
            ApiError::Busy => "error-busy",
            ApiError::ExportFailed { .. } => "error-export-failed",
            ApiError::Sync { problem, .. } => problem.message_id(),
            ApiError::NotAllowed { act } => match act {
                Act::WriteDiscussion {
                    report_approved: true,
                }
                | Act::AgreeAction {
                    report_approved: true,
                } => "error-report-approved",
                Act::ReportOnAction { .. } => "error-not-action-owner",
                Act::RewriteProgress => "error-progress-history",
                Act::KeepRegister => "error-sync-not-keeper",
                Act::RunTable | Act::AgreeAction { .. } | Act::WriteDiscussion { .. } => {
                    "error-sync-not-chair"
                }
            },
            ApiError::Internal { .. } => "error-internal",
        }
    }

    /// Field errors, if this is an input error.
    pub fn field_errors(&self) -> &[FieldError] {
        match self {
            ApiError::Invalid { errors } => errors,
            _ => &[],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use casustafel_domain::{Field, Problem};

    #[test]
    fn errors_travel_as_tagged_json_and_come_back_equal() {
        let cases = vec![
            ApiError::WrongPassphrase,
            ApiError::Invalid {
                errors: vec![FieldError::new(Field::Name, Problem::TooLong { max: 120 })],
            },
            ApiError::Io {
                detail: "disk full".into(),
            },
            ApiError::NotAllowed {
                act: Act::ReportOnAction {
                    owner: "00000000-0000-0000-0000-000000000007".parse().expect("id"),
                },
            },
        ];
        for e in cases {
            let json = serde_json::to_string(&e).expect("serialise");
            assert!(json.contains("\"code\""), "{json}");
            let back: ApiError = serde_json::from_str(&json).expect("deserialise");
            assert_eq!(back, e);
        }
        let json = serde_json::to_value(ApiError::WrongPassphrase).expect("serialise");
        assert_eq!(json, serde_json::json!({"code": "wrong_passphrase"}));
    }
}
