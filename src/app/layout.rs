//! Where each pane goes. Pure geometry, shared by drawing and by the state that needs to know
//! page sizes, so the two never disagree.

use super::Focus;
use ratatui::layout::Rect;

/// The reading column's default width, a comfortable measure.
pub const DEFAULT_MEASURE: u16 = 80;

/// Below this width one pane is shown at a time.
pub const NARROW_WIDTH: u16 = 80;

/// The panes on screen; a pane that is not shown is None.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Panes {
    pub list: Option<Rect>,
    pub reader: Option<Rect>,
    /// The filter bar and status line.
    pub bar: Rect,
}

/// Splits the screen: source list left, reading pane right, the bar at the bottom. Narrow
/// screens show the reader when it has the focus and the list otherwise.
pub fn panes(area: Rect, focus: Focus) -> Panes {
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
    let list_width = (area.width * 2 / 5).clamp(30, 60);
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
pub fn list_rows_area(size: Rect, focus: Focus) -> Option<Rect> {
    panes(size, focus).list.map(inner)
}

/// The column the article's text is laid out in: at most `measure` wide, centred, clear of the
/// border and the scrollbar. The same whether or not the reader is shown just now.
pub fn reader_text_area(size: Rect, measure: u16) -> Rect {
    let Some(pane) = panes(size, Focus::Reader).reader else {
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
        let p = panes(Rect::new(0, 0, 100, 30), Focus::List);
        assert_eq!(p.list, Some(Rect::new(0, 0, 40, 29)));
        assert_eq!(p.reader, Some(Rect::new(40, 0, 60, 29)));
        assert_eq!(p.bar, Rect::new(0, 29, 100, 1));
    }

    #[test]
    fn narrow_screens_show_one() {
        let area = Rect::new(0, 0, 60, 20);
        assert!(panes(area, Focus::List).reader.is_none());
        assert!(panes(area, Focus::Reader).list.is_none());
        assert!(panes(area, Focus::Filter).list.is_some());
    }

    #[test]
    fn text_column_is_centred_and_capped() {
        let text = reader_text_in(Rect::new(0, 0, 200, 50), 80);
        assert_eq!(text.width, 80);
        // Inside the border 198 columns; less margin and scrollbar 195 to centre 80 in.
        assert_eq!(text.x, 1 + 1 + (195 - 80) / 2);
        let tiny = reader_text_area(Rect::new(0, 0, 1, 1), 80);
        assert_eq!(tiny.width, 0);
    }
}
