//! Colours and attributes of every styled element. With `NO_COLOR` set, attributes only.

use ratatui::style::{Color, Modifier, Style};

/// Declares [`Theme`] and the names config files give its elements from one list.
macro_rules! theme_elements {
    ($($(#[$doc:meta])* $field:ident,)*) => {
        /// Styles the reader draws with.
        #[derive(Debug, Clone, PartialEq)]
        pub struct Theme {
            $($(#[$doc])* pub $field: Style,)*
        }

        impl Theme {
            /// The styled elements a config file can set colours for, by name.
            pub const ELEMENTS: &'static [&'static str] = &[$(stringify!($field),)*];

            /// The style of an element by its config name ("title", "border_focused").
            pub fn element_mut(&mut self, name: &str) -> Option<&mut Style> {
                match name {
                    $(stringify!($field) => Some(&mut self.$field),)*
                    _ => None,
                }
            }
        }
    };
}

theme_elements! {
    title,
    meta,
    lead,
    body,
    dim,
    header,
    selected,
    selected_unfocused,
    border,
    border_focused,
    matched,
    bar,
    notice,
    /// Titles of articles not read yet.
    unread,
    /// The unread dot and the star.
    star,
}

impl Theme {
    /// The default colours.
    pub fn colour() -> Theme {
        Theme {
            title: Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD),
            meta: Style::new().fg(Color::Cyan),
            lead: Style::new().add_modifier(Modifier::ITALIC),
            body: Style::new(),
            dim: Style::new().fg(Color::Indexed(245)),
            header: Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
            selected: Style::new().fg(Color::Black).bg(Color::Yellow),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED),
            border: Style::new().fg(Color::Indexed(242)),
            border_focused: Style::new().fg(Color::Yellow),
            matched: Style::new()
                .fg(Color::Green)
                .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar: Style::new(),
            notice: Style::new().fg(Color::Yellow),
            unread: Style::new().add_modifier(Modifier::BOLD),
            star: Style::new().fg(Color::Yellow),
        }
    }

    /// No colours at all: bold, dim, italic, reverse and underline only.
    pub fn monochrome() -> Theme {
        Theme {
            title: Style::new().add_modifier(Modifier::BOLD),
            meta: Style::new().add_modifier(Modifier::DIM),
            lead: Style::new().add_modifier(Modifier::ITALIC),
            body: Style::new(),
            dim: Style::new().add_modifier(Modifier::DIM),
            header: Style::new().add_modifier(Modifier::BOLD),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            selected_unfocused: Style::new().add_modifier(Modifier::REVERSED | Modifier::DIM),
            border: Style::new().add_modifier(Modifier::DIM),
            border_focused: Style::new().add_modifier(Modifier::BOLD),
            matched: Style::new().add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
            bar: Style::new(),
            notice: Style::new().add_modifier(Modifier::BOLD),
            unread: Style::new().add_modifier(Modifier::BOLD),
            star: Style::new().add_modifier(Modifier::BOLD),
        }
    }

    /// Whether the `NO_COLOR` convention asks for no colours (set and not empty).
    pub fn no_color() -> bool {
        std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
    }
}

impl Default for Theme {
    fn default() -> Self {
        Theme::colour()
    }
}
