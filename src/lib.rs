//! brandlint: a brand-consistency linter for Markdown posts, HTML pages and email templates.
//!
//! The library is the pipeline: a rules file is [`config`]ured and compiled once; each
//! content file is [`read`] into a [`document::Document`] of scoped prose segments;
//! [`check`] runs the rules over them and [`suppress`] drops what comments switch off;
//! [`report`] renders findings. It returns values and never prints.

#![warn(missing_docs)]

pub mod baseline;
pub mod check;
pub mod config;
pub mod document;
pub mod fix;
pub mod limits;
pub mod lint;
pub mod matcher;
pub mod model;
pub mod printable;
pub mod read;
pub mod report;
pub mod run;
pub mod span;
pub mod suppress;
#[cfg(test)]
mod testing;
pub mod verify;
pub mod walk;
pub mod watch;
