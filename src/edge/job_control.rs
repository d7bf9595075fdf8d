//! Whether a stop (Ctrl-Z) leaves a way back: a job-control shell that
//! started margin in a process group of its own, in the same session, can
//! continue it. Run as the session's first process (`tmux new margin`,
//! `xterm -e margin`, `ssh -t host margin`) or by a shell without job
//! control, nothing could, and a stop would hang the terminal for good; the
//! kernel discards a terminal's SIGTSTP there for the same reason (an
//! orphaned process group).
//!
//! The ids are read from `/proc`, not with `getsid`/`getpgid`: inside a PID
//! namespace (a container) those return 0 for a process whose group or
//! session leader lives outside it, which rustix's `Pid` cannot hold (it
//! panicked in CI). A 0 here means "not in our namespace", so not a shell
//! that could continue us.

use std::fs;

/// The process group and session of a process, as `/proc/PID/stat` says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Job {
    pub parent: u32,
    pub group: u32,
    pub session: u32,
}

/// Reads `ppid`, `pgrp` and `session` from a `/proc/PID/stat` line. The
/// command name (field 2) is in parentheses and may hold spaces and `)`,
/// so the fields are counted from its last `)`.
pub fn parse_stat(stat: &str) -> Option<Job> {
    let after_name = &stat[stat.rfind(')')? + 1..];
    let mut fields = after_name.split_ascii_whitespace().skip(1); // state
    let mut next = || fields.next()?.parse::<u32>().ok();
    Some(Job {
        parent: next()?,
        group: next()?,
        session: next()?,
    })
}

/// The decision, given margin's job and its parent's (`pid` is the parent's
/// own id). Ids of 0 lie outside our PID namespace.
pub fn can_continue(ours: Job, parent_pid: u32, parent: Job) -> bool {
    if [ours.session, ours.group, parent.session, parent.group].contains(&0) {
        return false;
    }
    if parent.session != ours.session {
        return false;
    }
    if parent.group != ours.group {
        return true;
    }
    // The parent shares margin's job (`sh -c 'margin; …'` run by a shell):
    // unless it leads the session, a job-control shell stands above it.
    parent.session != parent_pid
}

fn read_job(pid: &str) -> Option<Job> {
    parse_stat(&fs::read_to_string(format!("/proc/{pid}/stat")).ok()?)
}

/// Whether a shell could continue margin after a stop; false when it
/// cannot be told (no `/proc`), since a wrong yes hangs the terminal.
pub fn a_shell_can_continue_us() -> bool {
    let Some(ours) = read_job("self") else {
        return false;
    };
    if ours.parent == 0 {
        return false;
    }
    let Some(parent) = read_job(&ours.parent.to_string()) else {
        return false;
    };
    can_continue(ours, ours.parent, parent)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn job(parent: u32, group: u32, session: u32) -> Job {
        Job {
            parent,
            group,
            session,
        }
    }

    #[test]
    fn stat_fields_are_counted_after_the_last_parenthesis() {
        let line = "4242 (my (odd) name) S 17 4242 17 34816 4242 4194304 120 0";
        assert_eq!(parse_stat(line), Some(job(17, 4242, 17)));
        assert_eq!(parse_stat("1 (init) S 0 1 1 0"), Some(job(0, 1, 1)));
        assert_eq!(parse_stat("garbage"), None);
        assert_eq!(parse_stat("1 (x) S 2"), None);
    }

    #[test]
    fn this_process_has_a_readable_job() {
        let ours = read_job("self").expect("/proc/self/stat");
        assert_eq!(ours.parent, std::os::unix::process::parent_id());
    }

    #[test]
    fn a_shell_in_our_session_with_its_own_group_can_continue_us() {
        // bash (pid 100, leads session 100) started margin as job 200.
        assert!(can_continue(job(100, 200, 100), 100, job(90, 100, 100)));
    }

    #[test]
    fn leading_our_own_session_or_another_session_cannot() {
        // `tmux new margin`: margin leads session 300, its parent is elsewhere.
        assert!(!can_continue(job(50, 300, 300), 50, job(1, 50, 50)));
    }

    #[test]
    fn a_parent_sharing_our_group_can_only_if_it_does_not_lead_the_session() {
        // `sh -c 'margin; …'` under an interactive shell: sh (pid 210) is in job 200.
        assert!(can_continue(job(210, 200, 100), 210, job(100, 200, 100)));
        // A shell without job control leading the session, margin in its group.
        assert!(!can_continue(job(100, 100, 100), 100, job(90, 100, 100)));
    }

    #[test]
    fn ids_outside_our_namespace_mean_no() {
        assert!(!can_continue(job(100, 200, 0), 100, job(90, 0, 0)));
        assert!(!can_continue(job(100, 200, 100), 100, job(90, 0, 100)));
    }
}
