//! margin: a terminal reader that annotates an article as you read it.
//!
//! The core (document, load, detect, layout, viewport, app) is pure: it never
//! touches the terminal or the filesystem. `source`, `pipe`, `store`,
//! `guarded_file`, `terminal` and `event_loop` are the edges.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod action;
pub mod app;
pub mod bookmarks;
pub mod cli;
pub mod commands;
pub mod config;
pub mod config_error;
pub mod decode;
pub mod detect;
pub mod document;
pub mod event_loop;
pub mod events;
pub mod export;
pub mod format;
pub mod guarded_file;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod load;
pub mod panel;
pub mod persist;
pub mod pipe;
pub mod print;
pub mod repair;
pub mod sanitise;
pub mod search;
pub mod source;
pub mod store;
pub mod terminal;
pub mod theme;
pub mod ui;
pub mod viewport;
