//! The pure core: the document and how it is loaded from bytes, repaired,
//! searched, wrapped, laid out and annotated, and the reader's state
//! (`app`) with the one door it changes through, `App::update`.
//!
//! Nothing here reads or writes a file or the terminal, and nothing imports
//! `edge` or `ui`: the edges hand bytes, events and results in, and take
//! text and requests out. Detection (`crate::detect`) and the format
//! converters (`crate::format`) belong to this layer too; they stay at the
//! top of `src/` for their history.

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod config;
pub mod config_error;
pub mod corrections;
pub mod decode;
pub mod document;
pub mod export;
pub mod help;
pub mod highlights;
pub mod keymap;
pub mod layout;
pub mod load;
pub mod panel;
pub mod print;
pub mod repair;
pub mod rule_edits;
pub mod sanitise;
pub mod search;
pub mod source_map;
pub mod span;
pub mod theme;
pub mod user_rules;
pub mod viewport;
