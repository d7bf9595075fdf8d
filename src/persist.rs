//! Between the app and the store: load the saved state of an article once
//! it is complete, and save every change as it happens.

use crate::app::App;
use crate::bookmarks::{ArticleId, Op, reanchor_ops};
use crate::store::Store;

/// Loads the article's bookmarks and position, re-anchors them to the text
/// as it is now, remembers the path, and resumes reading. Needs the whole
/// document: the article is identified by a hash of its text.
pub fn open_state(app: &mut App, store: &Store, path: Option<String>) {
    let id = ArticleId::of(&app.doc);
    app.bookmarks.id = id.clone();
    let loaded = store.load(&id);
    let mut messages: Vec<String> = loaded.warnings.iter().map(ToString::to_string).collect();
    let mut ops = reanchor_ops(&loaded.state, &app.doc);
    ops.extend(path.map(Op::SetPath));
    ops.push(Op::SetTitle(app.doc.title().map(str::to_owned)));
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
    app.restore(state, true);
    if !messages.is_empty() {
        messages.extend(app.message.take());
        app.save_failed(messages.join(" · "));
    }
}

/// Saves what the app changed. A failure is shown and the change kept in
/// memory. Nothing is saved before the article is identified (loaded).
pub fn save(app: &mut App, store: Option<&Store>) {
    if !app.doc.is_complete() {
        return;
    }
    let ops: Vec<Op> = app.take_saves();
    let Some(store) = store.filter(|_| !ops.is_empty()) else {
        return;
    };
    match store.apply(&app.bookmarks.id, &ops) {
        Ok(state) => app.saved(state),
        Err(error) => app.save_failed(error.to_string()),
    }
}
