use super::*;
use crate::rules::Rules;
use crate::store::{LoadOptions, Sources, load_all};

fn seeds() -> Store {
    load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default())
}

fn header_names(list: &SourceList) -> Vec<String> {
    list.rows
        .iter()
        .filter_map(|r| match r {
            Row::Header { outlet, count, .. } => Some(format!(
                "{} ({count})",
                outlet.as_deref().unwrap_or(UNKNOWN_OUTLET)
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn grouped_by_outlet_unknown_last() {
    let store = seeds();
    let mut list = SourceList::default();
    list.rebuild(&store, None, &|_| true, None, None);
    assert_eq!(
        header_names(&list),
        [
            "Kompas TV (1)",
            "Tribun Banyumas (1)",
            "Tribunnews (1)",
            "Unknown outlet (2)"
        ]
    );
    assert_eq!(list.rows.len(), 9);
    assert_eq!(
        list.selected, 1,
        "the first article is selected, not a header"
    );
}

#[test]
fn folding_hides_members_and_keeps_header_selected() {
    let store = seeds();
    let mut list = SourceList::default();
    list.rebuild(&store, None, &|_| true, None, None);
    list.select_edge(true);
    list.toggle_fold(&store, None, &|_| true, None);
    assert_eq!(list.rows.len(), 7);
    assert!(matches!(
        &list.rows.get(list.selected).unwrap(),
        Row::Header {
            outlet: None,
            folded: true,
            ..
        }
    ));
    list.toggle_fold(&store, None, &|_| true, None);
    assert_eq!(list.rows.len(), 9);
}

/// Articles of several outlets (one of them in two cases of its name, some with none),
/// dated all over a year.
fn mixed_store() -> Store {
    let outlets = [
        Some("Kompas"),
        Some("Antara"),
        None,
        Some("tempo"),
        Some("Antara"),
    ];
    let articles = (0..40)
        .map(|n| {
            let text = format!(
                "Judul berita nomor {n}\n\nIsi berita nomor {n} tentang hal {}.\n",
                n % 7
            );
            let mut article = crate::article::parse(&text, Rules::builtin());
            article.outlet = outlets[n % outlets.len()].map(Arc::from);
            article.date =
                crate::article::ArticleDate::new(2024, 1 + (n % 12) as u8, 1 + (n * 7 % 28) as u8);
            article
        })
        .collect();
    Store::from_articles(articles)
}

/// Folding or unfolding one outlet in place gives the rows a whole rebuild gives, in
/// every order, for every outlet, with others folded or not.
#[test]
fn folding_in_place_gives_the_rebuilt_rows() {
    let store = mixed_store();
    let unread = |i: usize| !i.is_multiple_of(3);
    let mut list = SourceList::default();
    for _ in 0..3 {
        list.sort = list.sort.next();
        list.folded.clear();
        list.rebuild(&store, None, &unread, None, None);
        let outlets: Vec<Option<Arc<str>>> = (list.rows.iter())
            .filter_map(|row| match row {
                Row::Header { outlet, .. } => Some(outlet),
                _ => None,
            })
            .collect();
        assert_eq!(outlets.len(), 4, "{:?}", list.sort);
        // Fold each in turn (so others are folded around it), then unfold each.
        for outlet in outlets.iter().chain(&outlets) {
            list.selected = list.rows.header_position(outlet).unwrap();
            let before = list.rows.len();
            assert_eq!(
                list.toggle_fold(&store, None, &unread, None),
                Some(outlet.clone())
            );
            assert_ne!(list.rows.len(), before, "{outlet:?}");
            let Rows::Grouped(rows) = &list.rows else {
                panic!("grouped rows");
            };
            assert_eq!(
                rows,
                &list.group(&store, &unread),
                "{outlet:?}, {:?}",
                list.sort
            );
            assert_eq!(list.rows.header_position(outlet), Some(list.selected));
        }
        assert!(list.folded.is_empty());
        // Fold one, then all, then none.
        list.selected = list.rows.header_position(&outlets[1]).unwrap();
        list.toggle_fold(&store, None, &unread, None);
        for all_folded in [true, false] {
            list.toggle_fold_all(&store, None, &unread, None);
            assert_eq!(list.folded.len() == outlets.len(), all_folded);
            let Rows::Grouped(rows) = &list.rows else {
                panic!("grouped rows");
            };
            assert_eq!(rows, &list.group(&store, &unread), "{:?}", list.sort);
        }
    }
}

#[test]
fn scrolling_follows_selection() {
    let mut list = SourceList {
        rows: Rows::Grouped((0..50).map(|index| Row::Article { index }).collect()),
        ..SourceList::default()
    };
    list.move_by(30);
    list.scroll_into_view(10);
    assert_eq!(list.offset, 21);
    list.move_by(-100);
    list.scroll_into_view(10);
    assert_eq!((list.selected, list.offset), (0, 0));
}
