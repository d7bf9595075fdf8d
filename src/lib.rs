//! margin: a terminal reader that annotates an article as you read it.
//!
//! The core (document, load, detect, layout, viewport, app) is pure: it never
//! touches the terminal or the filesystem. `source`, `store` and the
//! binary's event loop are the edges.
#![cfg_attr(not(test), deny(clippy::unwrap_used))]

pub mod bookmarks;
pub mod detect;
pub mod document;
pub mod layout;
pub mod load;
pub mod repair;
pub mod sanitise;
pub mod store;
pub mod viewport;
