//! The rules file: its schema, loading with `extends`, and discovery next to the content.
//! Every error is a miette report pointing into the TOML. What the tables mean to a check is
//! the checks' own business: `crate::check::compile` turns the merged tables into the rules
//! they run.

pub mod conflict;
pub mod discover;
pub mod error;
pub mod load;
pub mod schema;
pub mod table;
pub mod vale;
