//! Where each part of the screen goes, for a terminal size. Pure, shared by
//! `App` (which needs the pane's width and height to scroll) and drawing.

use ratatui::layout::{Rect, Size};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Areas {
    pub size: Size,
    /// Gutter and text together.
    pub pane: Rect,
    pub gutter: Rect,
    pub text: Rect,
    /// The panel, its border and header included.
    pub panel: Option<Rect>,
    /// Whether the panel sits beside the pane (else below it).
    pub beside: bool,
    pub status: Rect,
}

/// Columns of the gutter besides the paragraph number.
pub const GUTTER_MARKS: u16 = 3;

/// Narrower than this, a gutter would crowd out the text.
const MIN_TEXT_FOR_GUTTER: u16 = 12;

impl Areas {
    /// From this width on the panel sits beside the pane.
    pub const WIDE: u16 = 80;

    pub fn compute(size: Size, panel_shown: bool, paragraphs: usize) -> Self {
        let full = Rect::new(0, 0, size.width, size.height);
        let status_height = full.height.min(1);
        let body = Rect {
            height: full.height - status_height,
            ..full
        };
        let status = Rect {
            y: body.bottom(),
            height: status_height,
            ..full
        };
        let beside = size.width >= Self::WIDE;
        let (pane, panel) = match (panel_shown, beside) {
            (false, _) => (body, None),
            (true, true) => {
                let panel_width = (body.width / 3).max(24).min(body.width);
                let pane = Rect {
                    width: body.width - panel_width,
                    ..body
                };
                let panel = Rect {
                    x: pane.right(),
                    width: panel_width,
                    ..body
                };
                (pane, Some(panel))
            }
            (true, false) => {
                let panel_height = (body.height * 2 / 5).max(body.height.min(3));
                let pane = Rect {
                    height: body.height - panel_height,
                    ..body
                };
                let panel = Rect {
                    y: pane.bottom(),
                    height: panel_height,
                    ..body
                };
                (pane, Some(panel))
            }
        };
        let digits = paragraphs.max(1).to_string().len() as u16;
        // Number, annotation mark, bookmark mark, a space.
        let gutter_width = if pane.width >= digits + GUTTER_MARKS + MIN_TEXT_FOR_GUTTER {
            digits + GUTTER_MARKS
        } else {
            0
        };
        let gutter = Rect {
            width: gutter_width,
            ..pane
        };
        // One blank column before a panel beside the pane keeps text off its border.
        let margin = u16::from(beside && panel.is_some() && pane.width > gutter_width + 1);
        let text = Rect {
            x: gutter.right(),
            width: pane.width - gutter_width - margin,
            ..pane
        };
        Areas {
            size,
            pane,
            gutter,
            text,
            panel,
            beside,
            status,
        }
    }

    /// Where panel entries are listed: below the header, right of the border.
    pub fn panel_list(&self) -> Option<Rect> {
        self.panel.map(|panel| {
            let border = u16::from(self.beside).min(panel.width);
            let header = panel.height.min(1);
            Rect {
                x: panel.x + border,
                y: panel.y + header,
                width: panel.width - border,
                height: panel.height - header,
            }
        })
    }

    /// How many panel rows are visible.
    pub fn panel_rows(&self) -> usize {
        self.panel_list().map_or(0, |l| l.height as usize)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parts_tile_the_screen_at_every_size() {
        for width in 0..=130u16 {
            for height in [0, 1, 2, 5, 20, 40] {
                for shown in [false, true] {
                    let a = Areas::compute(Size::new(width, height), shown, 12345);
                    let screen = Rect::new(0, 0, width, height);
                    for rect in [a.pane, a.gutter, a.text, a.status]
                        .into_iter()
                        .chain(a.panel)
                        .chain(a.panel_list())
                    {
                        assert_eq!(screen.intersection(rect), rect, "{width}x{height}");
                    }
                    if let Some(panel) = a.panel {
                        assert!(!panel.intersects(a.text), "{width}x{height}: {a:?}");
                    }
                    assert!(!a.status.intersects(a.pane));
                }
            }
        }
    }

    #[test]
    fn wide_screens_put_the_panel_beside_a_two_thirds_pane() {
        let a = Areas::compute(Size::new(120, 40), true, 10);
        assert!(a.beside);
        assert_eq!(a.pane.width, 80);
        assert_eq!(a.status.y, 39);
        let narrow = Areas::compute(Size::new(60, 20), true, 10);
        assert!(!narrow.beside);
        assert!(narrow.panel.is_some_and(|p| p.y > narrow.pane.y));
    }
}
