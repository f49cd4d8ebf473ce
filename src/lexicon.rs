//! Word lists read from rule data files (`rules/data/**/*.txt`: one entry a line, `#` comments),
//! loaded once per process per file and shared by every rule that names the same file.

use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// A set of words held as one buffer and sorted offsets: loading is one pass over the text with
/// no per-word allocation (start-up matters for editor save hooks), lookups are binary searches.
#[derive(Debug, Default)]
pub struct WordList {
    buf: String,
    spans: Vec<(u32, u32)>,
}

impl WordList {
    /// One entry a line; blank lines and `#` comments are skipped.
    pub fn parse(text: &str) -> Self {
        Self::build(text.to_string())
    }

    /// As `parse`, with every entry lowercased.
    pub fn parse_lowercase(text: &str) -> Self {
        Self::build(text.to_lowercase())
    }

    fn build(buf: String) -> Self {
        let mut spans = Vec::new();
        let mut pos = 0usize;
        for line in buf.split_inclusive('\n') {
            let body = line.trim_end_matches(['\n', '\r']);
            let trimmed = body.trim();
            if !trimmed.is_empty() && !trimmed.starts_with('#') {
                let start = pos + (body.len() - body.trim_start().len());
                spans.push((start as u32, (start + trimmed.len()) as u32));
            }
            pos += line.len();
        }
        let key = |&(s, e): &(u32, u32)| &buf[s as usize..e as usize];
        if !spans.windows(2).all(|w| key(&w[0]) <= key(&w[1])) {
            spans.sort_unstable_by(|a, b| key(a).cmp(key(b)));
        }
        spans.dedup_by(|a, b| key(a) == key(b));
        WordList { buf, spans }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.spans.binary_search_by(|&(s, e)| self.buf[s as usize..e as usize].cmp(w)).is_ok()
    }

    pub fn len(&self) -> usize {
        self.spans.len()
    }

    pub fn is_empty(&self) -> bool {
        self.spans.is_empty()
    }

    pub fn iter(&self) -> impl Iterator<Item = &str> {
        self.spans.iter().map(|&(s, e)| &self.buf[s as usize..e as usize])
    }
}

/// Parsed lists by (file name, text length, lowercased).
type Cache = Mutex<HashMap<(String, usize, bool), Arc<WordList>>>;

/// Parse `text` (named `name`) once; later calls with the same name and length share the list.
pub fn shared(name: &str, text: &str) -> Arc<WordList> {
    shared_with(name, text, false)
}

/// As [`shared`], optionally lowercasing every entry.
pub fn shared_with(name: &str, text: &str, lowercase: bool) -> Arc<WordList> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (name.to_string(), text.len(), lowercase);
    if let Some(w) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return w.clone();
    }
    let list = Arc::new(if lowercase { WordList::parse_lowercase(text) } else { WordList::parse(text) });
    cache.lock().unwrap_or_else(|e| e.into_inner()).insert(key, list.clone());
    list
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comments_and_blanks_are_skipped_and_lists_are_shared() {
        let w = WordList::parse("# header\nalpha\n\n  beta \n");
        assert_eq!(w.len(), 2);
        assert!(w.contains("beta") && w.contains("alpha") && !w.contains("# header") && !w.contains("gamma"));
        let unsorted = WordList::parse_lowercase("Zeta\nalpha\nMid\nalpha\n");
        assert_eq!(unsorted.iter().collect::<Vec<_>>(), vec!["alpha", "mid", "zeta"]);
        assert!(unsorted.contains("mid") && !unsorted.contains("Mid"));
        let a = shared("t/x.txt", "one\ntwo\n");
        let b = shared("t/x.txt", "one\ntwo\n");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
