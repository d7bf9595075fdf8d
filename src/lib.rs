//! margin: a terminal reader that annotates an article as you read it.
//!
//! The folders are the layers:
//! - `core/`, with `detect/` and `format/`: pure. The document, loading
//!   from bytes, repair, search, layout, detection, and the reader's state
//!   (`app`). No terminal, no filesystem, and no import of `edge` or `ui`.
//! - `ui/`: drawing a frame from the app's state (ratatui, no I/O).
//! - `edge/`: what touches the terminal, the disk, pipes, signals and
//!   threads: `source`, `pipe`, `store`, `guarded_file`, `persist`,
//!   `terminal`, `event_loop`, `commands`, `cli`, `events`.
//!
//! Modules are re-exported at the root (`crate::document`, `crate::store`)
//! so paths stay short; the folder says which layer each is in.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod core;
pub mod detect;
pub mod edge;
pub mod format;
pub mod ui;

pub use self::core::{
    action, app, bookmarks, config, config_error, corrections, decode, document, export, help,
    highlights, keymap, layout, load, panel, print, repair, rule_edits, sanitise, search,
    source_map, span, theme, user_rules, viewport,
};
pub use edge::{
    cli, commands, event_loop, events, guarded_file, kept, persist, pipe, rules_file, source,
    store, terminal,
};
