//! Word lists read from rule data files (`rules/data/**/*.txt`: one entry a line, `#` comments),
//! loaded once per process per file and shared by every rule that names the same file.

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex, OnceLock};

/// A set of words; lookups are exact (callers normalize case).
#[derive(Debug, Default)]
pub struct WordList {
    words: HashSet<String>,
}

impl WordList {
    pub fn parse(text: &str) -> Self {
        let words =
            text.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).map(str::to_string).collect();
        WordList { words }
    }

    pub fn contains(&self, w: &str) -> bool {
        self.words.contains(w)
    }

    pub fn insert(&mut self, w: impl Into<String>) {
        self.words.insert(w.into());
    }

    pub fn len(&self) -> usize {
        self.words.len()
    }

    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }
}

/// Parsed lists by (file name, text length).
type Cache = Mutex<HashMap<(String, usize), Arc<WordList>>>;

/// Parse `text` (named `name`) once; later calls with the same name and length share the list.
pub fn shared(name: &str, text: &str) -> Arc<WordList> {
    static CACHE: OnceLock<Cache> = OnceLock::new();
    let cache = CACHE.get_or_init(Default::default);
    let key = (name.to_string(), text.len());
    if let Some(w) = cache.lock().unwrap_or_else(|e| e.into_inner()).get(&key) {
        return w.clone();
    }
    let list = Arc::new(WordList::parse(text));
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
        assert!(w.contains("beta") && !w.contains("# header"));
        let a = shared("t/x.txt", "one\ntwo\n");
        let b = shared("t/x.txt", "one\ntwo\n");
        assert!(Arc::ptr_eq(&a, &b));
    }
}
