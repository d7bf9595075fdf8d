//! The user's rules file, written when the reader corrects detection for
//! every article (`X`, `P`, `R`). The file is read through the guarded
//! open (a regular file, capped), edited as text by the pure
//! `rule_edits::edit_text` (comments and layout kept; a file that is not
//! TOML is left as it is) and written atomically: a temp file beside it,
//! fsync, rename. A symlinked file is written through its link.

use std::fs;
use std::io;
use std::path::Path;

use crate::app::{App, Change};
use crate::rule_edits::{self, RuleOp};
use crate::{guarded_file, sanitise, source, store};

/// Rules files are hand-written: far smaller than this.
const MAX_RULES_BYTES: u64 = 16 << 20;

/// Why there is no file to write to.
const NO_FILE: &str =
    "your rules cannot be saved: no home directory to keep them in (use --rules FILE)";

/// Writes what the app changed in the user's rules, when a write is due,
/// and tells it how that went. A failure leaves the changes pending in
/// the app, to be tried again.
pub fn save(app: &mut App, file: Option<&Path>) {
    let ops = app.take_rule_writes();
    if ops.is_empty() {
        return;
    }
    let written = match file {
        Some(path) => write(path, &ops),
        None => Err(NO_FILE.to_owned()),
    };
    match written {
        Ok(()) => app.update(Change::RulesWritten),
        Err(reason) => app.update(Change::RulesWriteFailed { ops, reason }),
    }
}

/// Applies `ops` to the rules file at `path` (made, with its directory,
/// if missing). The error is a one-line message for the status bar.
pub fn write(path: &Path, ops: &[RuleOp]) -> Result<(), String> {
    let shown = sanitise::one_line(&source::display_name(path), 80);
    let failed = |e: io::Error| {
        format!(
            "your rules file {shown} cannot be written: {}",
            store::describe(&e)
        )
    };
    let target = store::resolve(path).map_err(failed)?;
    if let Some(dir) = target.parent().filter(|d| !d.as_os_str().is_empty()) {
        fs::create_dir_all(dir).map_err(failed)?;
    }
    // The file itself is the lock (no lock file beside a hand-kept one):
    // two copies of margin editing at once take turns, each re-reading.
    let lock = guarded_file::lock(&target, guarded_file::LOCK_WAIT).map_err(failed)?;
    let old = guarded_file::read_capped_text(&target, MAX_RULES_BYTES).map_err(failed)?;
    let new = rule_edits::edit_text(&old, ops)
        .map_err(|e| format!("your rules file {shown} was left as it is: {e}"))?;
    if new != old {
        store::write_bytes_atomically(&target, new.as_bytes()).map_err(failed)?;
    }
    drop(lock);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rule_edits::RuleEdit;

    fn not_role(name: &str) -> RuleOp {
        RuleOp::Add(RuleEdit::NotRole(name.into()))
    }

    #[test]
    fn a_missing_file_and_directory_are_made_and_a_kept_one_keeps_its_comments() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("config").join("margin").join("rules.toml");
        write(&path, &[not_role("platform")]).expect("written");
        let text = fs::read_to_string(&path).expect("read");
        assert!(text.ends_with("not_roles = [\"platform\"]\n"), "{text}");
        fs::write(&path, "# mine\nnot_roles = [\"platform\"]  # no\n").expect("write");
        write(&path, &[not_role("source")]).expect("written");
        assert_eq!(
            fs::read_to_string(&path).expect("read"),
            "# mine\nnot_roles = [\"platform\", \"source\"]  # no\n"
        );
        let names: Vec<String> = fs::read_dir(dir.path().join("config").join("margin"))
            .expect("dir")
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, vec!["rules.toml"], "no temp or lock file left");
    }

    #[test]
    fn a_file_that_is_not_toml_is_left_as_it_is() {
        let dir = tempfile::tempdir().expect("dir");
        let path = dir.path().join("rules.toml");
        fs::write(&path, "[[product]\n").expect("write");
        let error = write(&path, &[not_role("platform")]).expect_err("refused");
        assert!(
            error.contains("rules.toml was left as it is: it is not valid TOML (line 1"),
            "{error}"
        );
        assert_eq!(fs::read_to_string(&path).expect("read"), "[[product]\n");
    }

    #[cfg(unix)]
    #[test]
    fn a_fifo_where_the_rules_file_should_be_is_refused_without_hanging() {
        let dir = tempfile::tempdir().expect("dir");
        let fifo = dir.path().join("rules.toml");
        let mode = rustix::fs::Mode::RUSR | rustix::fs::Mode::WUSR;
        rustix::fs::mkfifoat(rustix::fs::CWD, &fifo, mode).expect("mkfifo");
        let error = write(&fifo, &[not_role("platform")]).expect_err("refused");
        assert!(
            error.ends_with("cannot be written: it is not a regular file"),
            "{error}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_symlinked_file_is_written_through_its_link() {
        let dir = tempfile::tempdir().expect("dir");
        let real = dir.path().join("real.toml");
        let link = dir.path().join("rules.toml");
        fs::write(&real, "# real\n").expect("write");
        std::os::unix::fs::symlink(&real, &link).expect("link");
        write(&link, &[not_role("platform")]).expect("written");
        assert!(
            fs::symlink_metadata(&link)
                .expect("meta")
                .file_type()
                .is_symlink()
        );
        let text = fs::read_to_string(&real).expect("read");
        assert_eq!(text, "# real\nnot_roles = [\"platform\"]\n");
    }

    #[test]
    fn a_failed_write_stays_pending_in_the_app_and_goes_out_with_the_next_try() {
        use crate::app::Action;
        use ratatui::layout::Size;
        let dir = tempfile::tempdir().expect("dir");
        // A file where the rules' directory should be: writes fail.
        let blocker = dir.path().join("config");
        fs::write(&blocker, b"").expect("blocker");
        let path = blocker.join("rules.toml");
        let doc = crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("doc");
        let mut app = App::new(doc, "article.txt".into(), Size::new(120, 40));
        app.update(Action::FocusNext);
        app.update(Action::SelectFirst);
        app.update(Action::DismissEverywhere);
        save(&mut app, Some(&path));
        let reason = app.unsaved_reason().expect("failed").to_owned();
        assert!(reason.starts_with("your rules file "), "{reason}");
        assert_eq!(app.user_changes_pending(), 1);
        fs::remove_file(&blocker).expect("free");
        app.update(Action::Quit);
        save(&mut app, Some(&path));
        assert_eq!(app.unsaved_reason(), None);
        assert_eq!(app.user_changes_pending(), 0);
        let text = fs::read_to_string(&path).expect("written");
        assert!(text.ends_with("not_roles = [\"platform\"]\n"), "{text}");
    }
}
