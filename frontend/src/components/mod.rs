//! One component per file, each with its own `Props`.

pub mod field;
pub mod header;
pub mod phenomena;
pub mod setup;
pub mod table_detail;
pub mod table_form;
pub mod tables;
pub mod unlock;
