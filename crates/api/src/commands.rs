//! Command names and argument shapes. The shell registers a handler per name; the UI calls by name.
//! Tauri maps argument keys from camelCase in JavaScript to snake_case in Rust, so the structs here
//! are serialised as the single argument `args`.

use casustafel_domain::{PhenomenonId, TableDraft, TableId};
use serde::{Deserialize, Serialize};

use crate::dto::Lang;

pub const PROFILE_STATUS: &str = "profile_status";
pub const CREATE_PROFILE: &str = "create_profile";
pub const UNLOCK_PROFILE: &str = "unlock_profile";
pub const LOCK_PROFILE: &str = "lock_profile";
pub const SET_LANGUAGE: &str = "set_language";
pub const LIST_TABLES: &str = "list_tables";
pub const GET_TABLE: &str = "get_table";
pub const CREATE_TABLE: &str = "create_table";
pub const UPDATE_TABLE: &str = "update_table";
pub const LIST_PHENOMENA: &str = "list_phenomena";
pub const ADD_PHENOMENON: &str = "add_phenomenon";
pub const SET_PHENOMENON_RETIRED: &str = "set_phenomenon_retired";

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct CreateProfileArgs {
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
