//! Between the app and the store: load the saved state of an article once
//! it is complete, and save every change as it happens.

use crate::app::{App, Change};
use crate::bookmarks::{ArticleId, Op, reanchor_ops};
use crate::store::Store;

/// Loads the article's bookmarks and position, re-anchors them to the text
/// as it is now, remembers the path, and resumes reading. Needs the whole
/// document: the article is identified by a hash of its text.
pub fn open_state(app: &mut App, store: &Store, path: Option<String>) {
    // The state restored below carries this id, which later saves use.
    let id = ArticleId::of(app.article());
    let loaded = store.load(&id);
    let mut messages: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    let mut ops = reanchor_ops(&loaded.state, app.article());
    ops.extend(path.map(Op::SetPath));
    ops.push(Op::SetTitle(app.article().title().map(str::to_owned)));
    let state = match store.apply(&id, &ops) {
        Ok(state) => state,
        Err(error) => {
            messages.push(error.to_string());
            let mut state = loaded.state;
            for op in ops {
                state.apply(op);
            }
            state
        }
    };
    app.update(Change::Restored {
        state,
        resume: true,
    });
    if !messages.is_empty() {
        messages.extend(app.message().map(str::to_owned));
        app.update(Change::Warning(messages.join(" · ")));
    }
}

/// Saves what the app changed, when a save is due. A failure is shown and
/// the changes stay pending in the app. Nothing is saved before the article
/// is identified (loaded).
pub fn save(app: &mut App, store: Option<&Store>) {
    if !app.article().is_complete() {
        return;
    }
    let ops: Vec<Op> = app.take_saves();
    if ops.is_empty() {
        return;
    }
    let Some(store) = store else {
        app.update(Change::SaveFailed {
            ops,
            reason: NO_STORE.to_owned(),
        });
        return;
    };
    match store.apply(&app.bookmarks().id, &ops) {
        Ok(state) => app.update(Change::Saved(state)),
        Err(error) => app.update(Change::SaveFailed {
            ops,
            reason: error.to_string(),
        }),
    }
}

/// Why nothing can be saved when there is no data directory.
const NO_STORE: &str = "bookmarks cannot be saved: no home directory to keep them in";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::Action;
    use crate::document::Position;
    use ratatui::layout::Size;

    /// The disk-full case, with a fault any test can make: the data
    /// directory blocked by a regular file, then freed.
    #[test]
    fn a_bookmark_whose_save_failed_is_saved_by_the_next_one_that_works() {
        let dir = tempfile::tempdir().expect("dir");
        let data = dir.path().join("data");
        std::fs::write(&data, b"").expect("blocker");
        let store = Store::at(data.clone());
        let doc = crate::load::load_bytes(include_bytes!("../../assets/article.txt")).expect("doc");
        let mut app = App::new(doc, "article.txt".into(), Size::new(120, 20));
        app.update(Action::GoTo(Position::new(5, 0)));
        app.update(Action::ToggleBookmark);
        save(&mut app, Some(&store));
        assert!(app.unsaved_reason().is_some());
        std::fs::remove_file(&data).expect("free");
        app.update(Action::GoTo(Position::new(3, 0)));
        app.update(Action::ToggleBookmark);
        save(&mut app, Some(&store));
        assert_eq!(app.unsaved_reason(), None);
        let on_disk = store.load(&app.bookmarks().id).state;
        let paragraphs: Vec<usize> = on_disk.bookmarks.iter().map(|b| b.paragraph).collect();
        assert_eq!(paragraphs, vec![3, 5]);
    }
}
