//! Stories: the articles of many outlets that report one event, found offline from their text
//! alone. Each article carries its story terms from the parse ([`terms::story_terms`]); the
//! grouping ([`cluster::group`]) links articles whose rare words agree; [`Stories`] holds the
//! result with what the reader and `--stories` show of each story. Pure: no terminal here.

pub mod cluster;
pub mod compare;
mod stop_words;
pub mod terms;
mod two_events;

use crate::article::{Article, ArticleDate};
use std::collections::HashMap;
use std::sync::OnceLock;

/// The stories of a set of articles.
#[derive(Debug, Clone, Default)]
pub struct Stories {
    /// Each article's story, by store index; `u32::MAX` for an article not grouped (retired).
    pub story_of: Vec<u32>,
    /// Each story's articles, newest first.
    pub members: Vec<Vec<usize>>,
    /// The stories, newest first (by their newest article); ties by their first member's path.
    pub order: Vec<u32>,
    /// Each story's header, worked out the first time it is asked for ([`Stories::header`]):
    /// a story of hundreds of articles is not read again on every frame it is shown.
    headers: Vec<OnceLock<Box<Header>>>,
}

/// What a story's header says of it.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    /// See [`label`].
    pub label: String,
    /// See [`known_outlets`].
    pub known_outlets: usize,
    /// See [`span`].
    pub span: Option<(ArticleDate, ArticleDate)>,
}

impl Stories {
    /// Groups `articles`: `live` says which take part, `by_date` lists them newest first.
    pub fn build(articles: &[Article], live: &dyn Fn(usize) -> bool, by_date: &[usize]) -> Stories {
        Stories::build_with(articles, live, by_date, cluster::group)
    }

    /// [`Stories::build`], with the articles grouped by `group` (see
    /// [`Stories::from_inputs_with`]).
    pub fn build_with(
        articles: &[Article],
        live: &dyn Fn(usize) -> bool,
        by_date: &[usize],
        group: impl FnOnce(&[cluster::Doc]) -> Vec<u32>,
    ) -> Stories {
        let inputs: Vec<StoryInput> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| StoryInput::of(a, live(i)))
            .collect();
        Stories::from_inputs_with(&inputs, by_date, group)
    }

    /// Groups what [`StoryInput`]s say of a store's articles (by store index), away from the
    /// store: on a thread of its own while keys go on being answered.
    pub fn from_inputs(inputs: &[StoryInput], by_date: &[usize]) -> Stories {
        Stories::from_inputs_with(inputs, by_date, cluster::group)
    }

    /// [`Stories::from_inputs`], with the articles grouped by `group` (which may take the
    /// numbers [`cluster::group`] gave the same documents before, from the cache).
    pub fn from_inputs_with(
        inputs: &[StoryInput],
        by_date: &[usize],
        group: impl FnOnce(&[cluster::Doc]) -> Vec<u32>,
    ) -> Stories {
        let (stable, docs) = grouping_docs(inputs);
        let numbers = group(&docs);
        let mut story_of = vec![u32::MAX; inputs.len()];
        for (&index, &number) in stable.iter().zip(&numbers) {
            story_of[index] = number;
        }
        let count = numbers.iter().max().map_or(0, |&m| m as usize + 1);
        let mut members: Vec<Vec<usize>> = vec![Vec::new(); count];
        for &index in by_date {
            if let Some(&story) = story_of.get(index).filter(|&&s| s != u32::MAX) {
                members[story as usize].push(index);
            }
        }
        // Newest first; articles of one time by path, whatever order they were read in.
        let newest_first = |&a: &usize, &b: &usize| {
            inputs[b]
                .when
                .cmp(&inputs[a].when)
                .then_with(|| inputs[a].path.cmp(&inputs[b].path))
        };
        for list in &mut members {
            list.sort_by(newest_first);
        }
        let mut order: Vec<u32> = (0..count as u32)
            .filter(|&s| !members[s as usize].is_empty())
            .collect();
        order.sort_by(|&a, &b| newest_first(&members[a as usize][0], &members[b as usize][0]));
        Stories {
            headers: (0..members.len()).map(|_| OnceLock::new()).collect(),
            story_of,
            members,
            order,
        }
    }

    /// What story `story`'s header says: its label, outlets and dates. `articles` is the
    /// store the stories were formed from (its articles never change once in; a file read
    /// again comes in as a new article, and the stories are formed again).
    pub fn header(&self, story: u32, articles: &[Article]) -> &Header {
        let members = &self.members[story as usize];
        self.headers[story as usize].get_or_init(|| {
            Box::new(Header {
                label: label(members, articles),
                known_outlets: known_outlets(members, articles),
                span: span(members, articles),
            })
        })
    }

    /// The story of article `index`, when it has been grouped.
    pub fn story(&self, index: usize) -> Option<u32> {
        self.story_of.get(index).copied().filter(|&s| s != u32::MAX)
    }

    /// The other articles of `index`'s story, newest first.
    pub fn companions(&self, index: usize) -> Vec<usize> {
        self.story(index).map_or_else(Vec::new, |s| {
            self.members[s as usize]
                .iter()
                .copied()
                .filter(|&i| i != index)
                .collect()
        })
    }
}

/// What the grouping reads of the articles taking part, in a stable order (by path, then
/// text) so that the stories never depend on the order they were loaded in: each one's index
/// in `inputs`, and its [`cluster::Doc`].
pub fn grouping_docs(inputs: &[StoryInput]) -> (Vec<usize>, Vec<cluster::Doc<'_>>) {
    let mut stable: Vec<usize> = (0..inputs.len()).filter(|&i| inputs[i].live).collect();
    stable.sort_by(|&a, &b| {
        (&inputs[a].path, inputs[a].content_hash).cmp(&(&inputs[b].path, inputs[b].content_hash))
    });
    let docs = stable
        .iter()
        .map(|&i| cluster::Doc {
            terms: &inputs[i].terms,
            day: inputs[i].day,
            month_day: inputs[i].month_day,
        })
        .collect();
    (stable, docs)
}

/// What the grouping reads of one article, taken out of the store (the terms shared, not
/// copied: this is made for every article on the key's thread).
#[derive(Debug, Clone)]
pub struct StoryInput {
    /// Shared with the article, not copied: these are made for every article on the key's
    /// thread when the story view is asked for.
    pub path: std::sync::Arc<std::path::Path>,
    pub content_hash: u64,
    pub terms: std::sync::Arc<[terms::Term]>,
    pub day: Option<i32>,
    /// The month and day of its date, or the day it gives without a year.
    pub month_day: Option<crate::article::dates::MonthDay>,
    /// Orders articles in time ([`ArticleDate::rank_key`]; 0 for none).
    pub when: u64,
    /// Taking part (not retired).
    pub live: bool,
}

impl StoryInput {
    /// What the grouping reads of `article`.
    pub fn of(article: &Article, live: bool) -> StoryInput {
        StoryInput {
            path: article.path.clone(),
            content_hash: article.content_hash,
            terms: std::sync::Arc::clone(&article.story_terms),
            day: article.date.map(|d| d.days_since_epoch()),
            month_day: (article.date.map(|d| (d.month, d.day))).or(article.undated_day),
            when: article.date.map_or(0, |d| d.rank_key()),
            live,
        }
    }
}

/// What `--stories` and the story view say of one story.
#[derive(Debug, Clone)]
pub struct Summary {
    /// A short id made from the story's files, the same whatever order they were read in.
    pub id: String,
    pub label: String,
    pub outlets: Vec<String>,
    pub span: Option<(ArticleDate, ArticleDate)>,
    /// The articles, newest first.
    pub members: Vec<usize>,
}

/// Every story with an article that `keep` keeps, newest first (ties by id).
pub fn summaries(
    stories: &Stories,
    articles: &[Article],
    keep: &dyn Fn(usize) -> bool,
) -> Vec<Summary> {
    let mut out: Vec<Summary> = stories
        .members
        .iter()
        .enumerate()
        .filter(|(_, members)| members.iter().any(|&i| keep(i)))
        .map(|(story, members)| {
            let header = stories.header(story as u32, articles);
            let mut paths: Vec<String> = members
                .iter()
                .map(|&i| articles[i].path.to_string_lossy().into_owned())
                .collect();
            paths.sort();
            let id = format!(
                "{:08x}",
                xxhash_rust::xxh3::xxh3_64(paths.join("\n").as_bytes()) as u32
            );
            Summary {
                id,
                label: header.label.clone(),
                outlets: outlets(members, articles),
                span: header.span,
                members: members.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| {
        let newest = |s: &Summary| s.span.map(|(_, last)| last.sort_key());
        newest(b).cmp(&newest(a)).then_with(|| a.id.cmp(&b.id))
    });
    out
}

/// A story's label: the words most of its headlines share ("Putin · Kim · Pyongyang"), as
/// the first headline to use each wrote it; words count as shared by their term, so
/// "vaccine" and "Vaccines" are one. For a story of one, its headline.
pub fn label(members: &[usize], articles: &[Article]) -> String {
    if members.len() < 2 {
        return members
            .first()
            .map(|&i| articles[i].title.clone())
            .unwrap_or_default();
    }
    // Each term: how many headlines have it, where it was first met, how it was written,
    // and the last headline counted (a word twice in one headline counts once).
    let mut counts: HashMap<String, (usize, usize, &str, usize)> = HashMap::new();
    let mut position = 0;
    for (n, &i) in members.iter().enumerate() {
        for (term, written) in terms::keyed_words(&articles[i].title) {
            position += 1;
            let entry = counts
                .entry(term)
                .or_insert((0, position, written, usize::MAX));
            if entry.3 != n {
                entry.3 = n;
                entry.0 += 1;
            }
        }
    }
    let mut shared: Vec<(usize, usize, &str)> = (counts.into_values())
        .filter(|&(count, ..)| count >= 2)
        .map(|(count, first, written, _)| (count, first, written))
        .collect();
    shared.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let words: Vec<&str> = shared.into_iter().take(4).map(|(_, _, w)| w).collect();
    if words.is_empty() {
        return articles[members[0]].title.clone();
    }
    words.join(" · ")
}

/// The outlets of a story's articles, each once, in order of their first article.
pub fn outlets(members: &[usize], articles: &[Article]) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for &i in members {
        let name = articles[i]
            .outlet
            .as_deref()
            .unwrap_or(crate::article::UNKNOWN_OUTLET);
        if !out.iter().any(|o| o == name) {
            out.push(name.to_string());
        }
    }
    out
}

/// How many outlets a story's articles are known to be from (articles of no known outlet
/// are not counted).
pub fn known_outlets(members: &[usize], articles: &[Article]) -> usize {
    let mut seen: Vec<&str> = Vec::new();
    for name in members
        .iter()
        .filter_map(|&i| articles[i].outlet.as_deref())
    {
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.len()
}

/// The first and last dates among a story's articles.
pub fn span(members: &[usize], articles: &[Article]) -> Option<(ArticleDate, ArticleDate)> {
    let dates = members.iter().filter_map(|&i| articles[i].date);
    let first = dates.clone().min_by_key(|d| d.sort_key())?;
    let last = dates.max_by_key(|d| d.sort_key())?;
    Some((first, last))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::rules::Rules;
    use crate::store::{LoadOptions, Sources, load_all};

    #[test]
    fn the_seeds_are_one_story_of_five() {
        let store = load_all(&Sources::Seeds, Rules::builtin(), LoadOptions::default());
        let stories = Stories::build(&store.articles, &|_| true, store.by_date());
        assert_eq!(stories.members.len(), 1, "{:?}", stories.members);
        assert_eq!(stories.members[0].len(), 5);
        let label = label(&stories.members[0], &store.articles);
        assert!(label.contains("Putin") && label.contains("Kim"), "{label}");
        // The header says the same, and is worked out once.
        let header = stories.header(0, &store.articles);
        assert_eq!(header.label, label);
        assert_eq!(header.known_outlets, 3);
        let (first, last) = header.span.expect("the seeds are dated");
        assert_eq!(
            (first.day_string(), last.day_string()),
            ("2024-06-19".into(), "2024-06-20".into())
        );
        assert!(std::ptr::eq(header, stories.header(0, &store.articles)));
    }

    /// Invented wire reports: two earthquakes and two shootings, each told by two outlets.
    /// The two earthquakes (and the two shootings) are told in nearly the same words; only
    /// the places, names and numbers differ.
    const EVENTS_OF_ONE_KIND: [(&str, &str); 8] = [
        (
            "turkey-wire",
            "Magnitude 6.4 earthquake strikes western Turkey, killing at least 12\n\nISTANBUL, March 3 (Reuters) - A magnitude 6.4 earthquake struck western Turkey on Tuesday, killing at least 12 people and injuring more than 200, the country's disaster agency said. The quake was centred near the town of Simav in Kutahya province, officials said. Rescue teams searched collapsed buildings through the night as aftershocks rattled the region.\n",
        ),
        (
            "turkey-paper",
            "Deadly quake hits Turkey's Kutahya province\n\nA powerful earthquake shook Kutahya province in western Turkey on Tuesday, leaving 12 people dead and hundreds injured. The magnitude 6.4 tremor was centred near Simav, according to the disaster agency AFAD. Rescuers worked through the night to reach people trapped under collapsed buildings.\n",
        ),
        (
            "chile-wire",
            "Magnitude 6.1 earthquake strikes central Chile, killing at least 9\n\nSANTIAGO, March 4 (Reuters) - A magnitude 6.1 earthquake struck central Chile on Wednesday, killing at least 9 people and injuring dozens, the national emergency office said. The quake was centred near the city of Talca in the Maule region, officials said. Rescue teams searched collapsed buildings as aftershocks rattled the region.\n",
        ),
        (
            "chile-paper",
            "Deadly quake hits Chile's Maule region\n\nA strong earthquake shook the Maule region of central Chile on Wednesday, leaving 9 people dead and dozens injured. The magnitude 6.1 tremor was centred near Talca, according to the emergency office ONEMI. Rescuers worked through the night to reach people trapped under collapsed buildings.\n",
        ),
        (
            "ohio-wire",
            "Gunman kills four at shopping mall in Ohio, police say\n\nCOLUMBUS, Ohio, March 3 (Reuters) - A gunman opened fire at a shopping mall in Columbus, Ohio, on Tuesday, killing four people before he was shot dead by police, officials said. Police Chief Elaine Bryant said the suspect, a 34-year-old man, acted alone. The motive was not yet known.\n",
        ),
        (
            "ohio-paper",
            "Four dead in Columbus mall shooting\n\nFour people were killed when a man opened fire inside a Columbus shopping mall on Tuesday, police said. Chief Elaine Bryant told reporters the 34-year-old suspect was killed by officers and appeared to have acted alone. Investigators are looking into a motive.\n",
        ),
        (
            "texas-wire",
            "Gunman kills three at supermarket in Texas, police say\n\nAUSTIN, Texas, March 4 (Reuters) - A gunman opened fire at a supermarket in Austin, Texas, on Wednesday, killing three people before he was arrested by police, officials said. Police Chief Joseph Chacon said the suspect, a 28-year-old man, acted alone. The motive was not yet known.\n",
        ),
        (
            "texas-paper",
            "Three dead in Austin supermarket shooting\n\nThree people were killed when a man opened fire inside an Austin supermarket on Wednesday, police said. Chief Joseph Chacon told reporters the 28-year-old suspect was arrested at the scene and appeared to have acted alone. Investigators are looking into a motive.\n",
        ),
    ];

    /// Each event's two tellings are one story, and two events of one kind are two, though
    /// their reports share most of their words: their places, names and numbers differ.
    #[test]
    fn two_events_of_one_kind_told_in_the_same_words_are_two_stories() {
        let got = stories_of_named(&EVENTS_OF_ONE_KIND);
        assert_eq!(
            got,
            [
                ["chile-paper", "chile-wire"],
                ["ohio-paper", "ohio-wire"],
                ["texas-paper", "texas-wire"],
                ["turkey-paper", "turkey-wire"],
            ]
        );
    }

    /// One flood told on two days, each day by two outlets, undated: the second day's
    /// reports give new figures (the toll, the displaced, the water's depth) and share none of
    /// the first day's, as one company's two quarters would. It is one story: without dates,
    /// figures that differ do not tell a developing story from two events.
    #[test]
    fn a_story_told_over_two_days_with_new_figures_is_one() {
        let tellings = [
            "Floods kill 12 in Jakarta as rivers overflow\n\nHeavy rain caused the Ciliwung river to overflow on Wednesday, flooding 8,400 homes across Jakarta and killing 12 people, the disaster agency BPBD said. Governor Anies Baswedan said 31,000 residents had been moved to 260 shelters. Water reached 2.5 metres in parts of East Jakarta, and 19 toll road sections were closed.\n",
            "Jakarta floods force 31,000 from homes\n\nFloodwaters up to 2.5 metres deep swept through Jakarta on Wednesday after the Ciliwung burst its banks, killing 12 people and forcing 31,000 into shelters, officials said. Anies Baswedan said 8,400 homes were under water in Kampung Melayu and Bidara Cina.\n",
            "Jakarta flood death toll rises to 21\n\nThe death toll from floods in Jakarta rose to 21 on Thursday as rescuers reached neighbourhoods cut off by the Ciliwung river, the disaster agency BPBD said. Governor Anies Baswedan said 47,000 residents were now in 390 shelters. Water was receding in Kampung Melayu but still 1.8 metres deep in Bidara Cina.\n",
            "Toll from Jakarta floods climbs to 21 as waters recede\n\nAt least 21 people have died in the Jakarta floods, officials said on Thursday, up from 12 a day earlier. Anies Baswedan said 47,000 people had fled to shelters. The Ciliwung was falling, but 1.8 metres of water remained in Bidara Cina, and 11 toll road sections were still shut.\n",
        ];
        let named: Vec<(&str, &str)> = ["day1-a", "day1-b", "day2-a", "day2-b"]
            .into_iter()
            .zip(tellings)
            .collect();
        let sizes: Vec<usize> = stories_of_named(&named).iter().map(Vec::len).collect();
        assert_eq!(sizes, [4]);
    }

    /// The stories that articles parsed from `named` texts (name, text) form: each story its
    /// articles' names, sorted, and the stories sorted.
    fn stories_of_named<'a>(named: &[(&'a str, &str)]) -> Vec<Vec<&'a str>> {
        let articles: Vec<Article> = named
            .iter()
            .map(|(name, text)| {
                let mut article = crate::article::parse(text, Rules::builtin());
                article.path = std::path::Path::new(name).into();
                crate::store::with_story_terms(&mut article);
                article
            })
            .collect();
        let by_date: Vec<usize> = (0..articles.len()).collect();
        let stories = Stories::build(&articles, &|_| true, &by_date);
        let mut got: Vec<Vec<&str>> = stories
            .members
            .iter()
            .filter(|members| !members.is_empty())
            .map(|members| {
                let mut names: Vec<&str> = members.iter().map(|&i| named[i].0).collect();
                names.sort();
                names
            })
            .collect();
        got.sort();
        got
    }

    fn titled(titles: &[&str]) -> Vec<Article> {
        titles
            .iter()
            .map(|title| crate::article::parse(&format!("{title}\n\nA body.\n"), Rules::builtin()))
            .collect()
    }

    /// Headlines that share words only in other forms ("Vaccines" and "vaccine", "Protests"
    /// and "protest") still share them: the label is those words, each as first written,
    /// most shared first, not the first headline whole.
    #[test]
    fn a_label_counts_a_word_in_any_of_its_forms() {
        let articles = titled(&[
            "Vaccines reach Jakarta as protests grow",
            "Jakarta vaccine drive begins",
            "Protest in Jakarta over the vaccine drive",
        ]);
        assert_eq!(
            label(&[0, 1, 2], &articles),
            "Vaccines · Jakarta · protests · drive"
        );
        let articles = titled(&["Farmers protest prices", "Protests by farmers spread"]);
        assert_eq!(label(&[0, 1], &articles), "Farmers · protest");
        // A web address's ending is not a word of the story.
        let articles = titled(&[
            "Kompas.com Kembali Jadi Pemenang Media Tepercaya",
            "Kompas.com Jadi Pemenang Lagi",
        ]);
        assert_eq!(label(&[0, 1], &articles), "Kompas · Pemenang");
        // Words the headlines do not share leave the first headline as the label.
        let articles = titled(&["Storm hits coast", "Markets rally"]);
        assert_eq!(label(&[0, 1], &articles), "Storm hits coast");
        assert_eq!(label(&[1], &articles), "Markets rally");
    }
}
