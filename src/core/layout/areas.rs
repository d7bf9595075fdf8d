//! Where each part of the screen goes, for a terminal size. Pure, shared by
//! `App` (which needs the pane's width and height to scroll) and drawing.

use ratatui::layout::{Rect, Size};

use crate::config::{PanelSide, PanelWidth};

/// The user's layout settings (see `config`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct LayoutPrefs {
    pub panel_width: Option<PanelWidth>,
    pub side: PanelSide,
    /// The widest the text column gets, centred in the pane.
    pub max_width: Option<u16>,
}

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
    /// Beside, on the left of the pane.
    pub panel_left: bool,
    pub status: Rect,
}

/// Columns of the gutter besides the paragraph number.
pub const GUTTER_MARKS: u16 = 3;

/// Narrower than this, a gutter would crowd out the text.
const MIN_TEXT_FOR_GUTTER: u16 = 12;

impl Areas {
    /// From this width on the panel sits beside the pane.
    pub const WIDE: u16 = 80;

    pub fn compute(size: Size, panel_shown: bool, paragraphs: usize, prefs: &LayoutPrefs) -> Self {
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
        let beside = size.width >= Self::WIDE && prefs.side != PanelSide::Bottom;
        let panel_left = beside && prefs.side == PanelSide::Left;
        let (pane, panel) = match (panel_shown, beside) {
            (false, _) => (body, None),
            (true, true) => {
                let panel_width = prefs
                    .panel_width
                    .map_or((body.width / 3).max(24), |w| w.columns(body.width))
                    .clamp(2, body.width - MIN_TEXT_FOR_GUTTER);
                let pane_width = body.width - panel_width;
                let (pane_x, panel_x) = if panel_left {
                    (body.x + panel_width, body.x)
                } else {
                    (body.x, body.x + pane_width)
                };
                let pane = Rect {
                    x: pane_x,
                    width: pane_width,
                    ..body
                };
                let panel = Rect {
                    x: panel_x,
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
        // One blank column before a panel on the right keeps text off its border.
        let margin =
            u16::from(beside && !panel_left && panel.is_some() && pane.width > gutter_width + 1);
        let available = pane.width - gutter_width - margin;
        let text_width = prefs
            .max_width
            .map_or(available, |max| available.min(max.max(1)));
        // A narrower reading column is centred, its gutter beside it.
        let indent = (available - text_width) / 2;
        let gutter = Rect {
            x: pane.x + indent,
            width: gutter_width,
            ..pane
        };
        let text = Rect {
            x: gutter.right(),
            width: text_width,
            ..pane
        };
        Areas {
            size,
            pane,
            gutter,
            text,
            panel,
            beside,
            panel_left,
            status,
        }
    }

    /// Where panel entries are listed: below the header, right of the border.
    pub fn panel_list(&self) -> Option<Rect> {
        self.panel.map(|panel| {
            let border = u16::from(self.beside).min(panel.width);
            let header = panel.height.min(1);
            // The border faces the pane: the panel's left column, or its right one.
            let shift = if self.panel_left { 0 } else { border };
            Rect {
                x: panel.x + shift,
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
                    let a = Areas::compute(
                        Size::new(width, height),
                        shown,
                        12345,
                        &LayoutPrefs::default(),
                    );
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
        let a = Areas::compute(Size::new(120, 40), true, 10, &LayoutPrefs::default());
        assert!(a.beside);
        assert_eq!(a.pane.width, 80);
        assert_eq!(a.status.y, 39);
        let narrow = Areas::compute(Size::new(60, 20), true, 10, &LayoutPrefs::default());
        assert!(!narrow.beside);
        assert!(narrow.panel.is_some_and(|p| p.y > narrow.pane.y));
    }

    #[test]
    fn preferences_move_and_size_the_parts() {
        let prefs = LayoutPrefs {
            panel_width: Some(PanelWidth::Columns(30)),
            side: PanelSide::Left,
            max_width: Some(50),
        };
        let a = Areas::compute(Size::new(120, 40), true, 10, &prefs);
        let panel = a.panel.expect("panel");
        assert_eq!((panel.x, panel.width), (0, 30));
        assert!(a.pane.x >= 30);
        assert_eq!(a.text.width, 50);
        let list = a.panel_list().expect("list");
        assert_eq!(list.x, 0, "border on the panel's right");
        // Centred: as much room on each side of gutter + text.
        let left = a.gutter.x - a.pane.x;
        let right = a.pane.right() - a.text.right();
        assert!(left.abs_diff(right) <= 1, "{left} {right}");
        let bottom = LayoutPrefs {
            side: PanelSide::Bottom,
            ..LayoutPrefs::default()
        };
        assert!(!Areas::compute(Size::new(120, 40), true, 10, &bottom).beside);
    }

    #[test]
    fn any_preferences_at_any_size_stay_on_screen() {
        let widths = [
            None,
            Some(PanelWidth::Columns(200)),
            Some(PanelWidth::Percent(90)),
            Some(PanelWidth::Columns(0)),
        ];
        for panel_width in widths {
            for side in [PanelSide::Left, PanelSide::Right, PanelSide::Bottom] {
                for max_width in [None, Some(0), Some(1), Some(60)] {
                    let prefs = LayoutPrefs {
                        panel_width,
                        side,
                        max_width,
                    };
                    for width in [0, 1, 30, 79, 80, 81, 200] {
                        let a = Areas::compute(Size::new(width, 30), true, 99, &prefs);
                        let screen = Rect::new(0, 0, width, 30);
                        for rect in [a.pane, a.gutter, a.text]
                            .into_iter()
                            .chain(a.panel)
                            .chain(a.panel_list())
                        {
                            assert_eq!(screen.intersection(rect), rect);
                        }
                        if let Some(panel) = a.panel {
                            assert!(!panel.intersects(a.text) || a.text.width == 0);
                        }
                    }
                }
            }
        }
    }
}
