//! The edges: everything that touches the outside world. The command line,
//! files (articles, state, configuration), pipes, the terminal, signals and
//! threads. They turn what arrives into `Change`s for the core's
//! `App::update`, and carry out what the app's outbox asks for.

pub mod cli;
pub mod commands;
pub mod event_loop;
pub mod events;
pub mod guarded_file;
pub mod job_control;
pub mod kept;
pub mod persist;
pub mod pipe;
pub mod rules_file;
pub mod source;
pub mod store;
pub mod terminal;
