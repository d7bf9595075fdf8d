//! The panel's selected entry and the first panel row shown. Private fields
//! keep the invariant in one place: the selection is an entry of the panel
//! (or 0 when it has none) and its row is on screen.

use crate::panel::Panel;

#[derive(Debug, Default)]
pub(super) struct Selection {
    selected: usize,
    offset: usize,
}

impl Selection {
    pub(super) fn selected(&self) -> usize {
        self.selected
    }

    /// The first panel row shown.
    pub(super) fn offset(&self) -> usize {
        self.offset
    }

    /// Selects entry `index`, clamped to the panel, and scrolls to it.
    pub(super) fn select(&mut self, index: isize, panel: &Panel, rows: usize) {
        let last = panel.len().saturating_sub(1) as isize;
        self.selected = index.clamp(0, last) as usize;
        self.keep_visible(panel, rows);
    }

    /// After the panel or its height changed: still an entry, still shown.
    pub(super) fn refit(&mut self, panel: &Panel, rows: usize) {
        self.selected = self.selected.min(panel.len().saturating_sub(1));
        self.keep_visible(panel, rows);
    }

    fn keep_visible(&mut self, panel: &Panel, rows: usize) {
        if rows == 0 || panel.is_empty() {
            return;
        }
        let row = panel.row_of(self.selected);
        // Keep the group header above the first entry in view.
        let wanted_top = if self.selected == 0 { 0 } else { row };
        if wanted_top < self.offset {
            self.offset = wanted_top;
        } else if row >= self.offset + rows {
            self.offset = row + 1 - rows;
        }
    }

    /// Brings panel row `row` to the top when it is out of view (the entry
    /// for what is read), leaving the selection where it is.
    pub(super) fn show_row(&mut self, row: usize, panel: &Panel, rows: usize) {
        if rows > 0 && (row < self.offset || row >= self.offset + rows) {
            self.offset = row.min(panel.row_count().saturating_sub(rows));
        }
    }
}
