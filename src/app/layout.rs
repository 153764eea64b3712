//! Where each pane goes. Pure geometry, shared by drawing and by the state that needs to know
//! page sizes, so the two never disagree.

use super::Focus;
use ratatui::layout::Rect;

/// The reading column's default width, a comfortable measure.
pub const DEFAULT_MEASURE: u16 = 80;

/// Below this width one pane is shown at a time.
pub const NARROW_WIDTH: u16 = 80;

/// The source list's share of the screen's width, in percent, unless changed.
pub const DEFAULT_LIST_SHARE: u16 = 40;
/// How far the list's share may go either way, in percent.
pub const LIST_SHARES: (u16, u16) = (20, 75);
/// What the list is at least given, when the screen allows: marks, ~40 characters of a
/// title, a date and the border.
const LIST_MIN: u16 = 3 + 40 + 12 + 2;
/// What the reading pane keeps at least.
const READER_MIN: u16 = 36;

/// The panes on screen; a pane that is not shown is None.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The filter bar and status line.
    pub bar: Rect,
}

/// Splits the screen: source list left (`share` percent of the width, at least enough for
/// a date and about 40 characters of a title where the screen allows), reading pane right,
/// the bar at the bottom. Narrow screens show the reader when it has the focus and the list
/// otherwise.
pub fn panes(area: Rect, focus: Focus, share: u16) -> Panes {
    let bar_height = area.height.min(1);
    let main = Rect {
        height: area.height - bar_height,
        ..area
    };
    let bar = Rect {
        y: area.y + main.height,
        height: bar_height,
        ..area
    };
    if main.height == 0 || main.width == 0 {
        return Panes {
            list: None,
            reader: None,
            bar,
        };
    }
    if area.width < NARROW_WIDTH {
        return match focus {
            Focus::Reader => Panes {
                list: None,
                reader: Some(main),
                bar,
            },
            _ => Panes {
                list: Some(main),
                reader: None,
                bar,
            },
        };
    }
    let wanted = (u32::from(area.width) * u32::from(share) / 100) as u16;
    let floor = LIST_MIN.min(area.width / 2);
    let list_width = wanted
        .max(floor)
        .min(area.width.saturating_sub(READER_MIN))
        .max(24.min(area.width));
    let list = Rect {
        width: list_width,
        ..main
    };
    let reader = Rect {
        x: main.x + list_width,
        width: main.width - list_width,
        ..main
    };
    Panes {
        list: Some(list),
        reader: Some(reader),
        bar,
    }
}

/// Inside a pane's border.
pub fn inner(pane: Rect) -> Rect {
    Rect {
        x: pane.x.saturating_add(1),
        y: pane.y.saturating_add(1),
        width: pane.width.saturating_sub(2),
        height: pane.height.saturating_sub(2),
    }
}

/// The rows of the source list, if the list is shown.
pub fn list_rows_area(size: Rect, focus: Focus, share: u16) -> Option<Rect> {
    panes(size, focus, share).list.map(inner)
}

/// The column the article's text is laid out in: at most `measure` wide, centred, clear of the
/// border and the scrollbar. The same whether or not the reader is shown just now.
pub fn reader_text_area(size: Rect, measure: u16, share: u16) -> Rect {
    let Some(pane) = panes(size, Focus::Reader, share).reader else {
        return Rect::default();
    };
    reader_text_in(pane, measure)
}

/// The text column inside a given reader pane.
pub fn reader_text_in(pane: Rect, measure: u16) -> Rect {
    let inner = inner(pane);
    // One column of margin on the left, one for the scrollbar on the right.
    let room = inner.width.saturating_sub(3);
    let width = room.min(measure.max(1));
    let left = inner.x + 1 + (room - width) / 2;
    Rect {
        x: left,
        y: inner.y,
        width,
        height: inner.height,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wide_screens_show_both_panes() {
        let p = panes(Rect::new(0, 0, 100, 30), Focus::List, DEFAULT_LIST_SHARE);
        // 40% would be 40 columns: the list gets half, as a date and 40 characters need.
        assert_eq!(p.list, Some(Rect::new(0, 0, 50, 29)));
        assert_eq!(p.reader, Some(Rect::new(50, 0, 50, 29)));
        let wide = panes(Rect::new(0, 0, 120, 40), Focus::List, DEFAULT_LIST_SHARE);
        assert_eq!(wide.list.unwrap().width, 57);
        let huge = panes(Rect::new(0, 0, 250, 40), Focus::List, DEFAULT_LIST_SHARE);
        assert_eq!(huge.list.unwrap().width, 100);
        // A share the user chose, within what leaves the reader room.
        let moved = panes(Rect::new(0, 0, 120, 40), Focus::List, 75);
        assert_eq!(moved.list.unwrap().width, 120 - 36);
        assert_eq!(p.bar, Rect::new(0, 29, 100, 1));
    }

    #[test]
    fn narrow_screens_show_one() {
        let area = Rect::new(0, 0, 60, 20);
        assert!(panes(area, Focus::List, 40).reader.is_none());
        assert!(panes(area, Focus::Reader, 40).list.is_none());
        assert!(panes(area, Focus::Filter, 40).list.is_some());
    }

    #[test]
    fn text_column_is_centred_and_capped() {
        let text = reader_text_in(Rect::new(0, 0, 200, 50), 80);
        assert_eq!(text.width, 80);
        // Inside the border 198 columns; less margin and scrollbar 195 to centre 80 in.
        assert_eq!(text.x, 1 + 1 + (195 - 80) / 2);
        let tiny = reader_text_area(Rect::new(0, 0, 1, 1), 80, 40);
        assert_eq!(tiny.width, 0);
    }
}
