//! Word tokens: UAX #29 word segments that contain a letter or digit.
//!
//! UAX #29 through unicode-segmentation is exact but was a quarter of all lint time. Most news
//! sentences are ASCII plus a few typographic marks, where the UAX #29 rules reduce to a small
//! scanner; that scanner runs when every char of the sentence is in its set, and the general
//! segmenter runs otherwise. Both give the same segments (checked by a differential test).

use unicode_segmentation::UnicodeSegmentation;

/// Call `f(start, end)` (byte offsets into `s`) for every word of `s`, in order.
pub fn for_each_word(s: &str, mut f: impl FnMut(usize, usize)) {
    if fast_path_applies(s) {
        scan(s.as_bytes(), f);
    } else {
        for (off, w) in s.split_word_bound_indices() {
            if w.chars().any(char::is_alphanumeric) {
                f(off, off + w.len());
            }
        }
    }
}

/// Non-ASCII chars the scanner knows: ‘ ’ are MidNumLet; “ ” « » – — … and NBSP are Other.
const KNOWN: &[char] = &['‘', '’', '“', '”', '«', '»', '–', '—', '…', '\u{a0}'];

fn fast_path_applies(s: &str) -> bool {
    s.is_ascii() || s.chars().all(|c| c.is_ascii() || KNOWN.contains(&c))
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
    /// `_` (ExtendNumLet): joins letters and digits on both sides.
    Connector,
    /// `:` (MidLetter): joins letter-letter.
    MidLetter,
    /// `,` `;` (MidNum): joins digit-digit.
    MidNum,
    /// `.` `'` ‘ ’ (MidNumLet, Single_Quote): join letter-letter and digit-digit.
    MidBoth,
    Other,
}

/// Class and byte length of the char at `i` (ASCII, or one of `KNOWN`).
fn class_at(b: &[u8], i: usize) -> (Class, usize) {
    let c = b[i];
    if c.is_ascii() {
        let class = match c {
            b'a'..=b'z' | b'A'..=b'Z' => Class::Letter,
            b'0'..=b'9' => Class::Digit,
            b'_' => Class::Connector,
            b':' => Class::MidLetter,
            b',' | b';' => Class::MidNum,
            b'.' | b'\'' => Class::MidBoth,
            _ => Class::Other,
        };
        return (class, 1);
    }
    let len = match c {
        0xc0..=0xdf => 2,
        0xe0..=0xef => 3,
        _ => 4,
    };
    // ‘ U+2018 = e2 80 98, ’ U+2019 = e2 80 99.
    let class = if b.get(i..i + 3).is_some_and(|t| t == [0xe2, 0x80, 0x98] || t == [0xe2, 0x80, 0x99]) {
        Class::MidBoth
    } else {
        Class::Other
    };
    (class, len)
}

fn scan(b: &[u8], mut f: impl FnMut(usize, usize)) {
    let mut i = 0;
    let mut start: Option<usize> = None; // start of the current run of letters, digits and `_`
    let mut has_alnum = false;
    let mut last = Class::Other; // class of the run's last char
    while i < b.len() {
        let (class, len) = class_at(b, i);
        match class {
            Class::Letter | Class::Digit | Class::Connector => {
                if start.is_none() {
                    start = Some(i);
                    has_alnum = false;
                }
                has_alnum |= class != Class::Connector;
                last = class;
                i += len;
                continue;
            }
            Class::MidLetter | Class::MidNum | Class::MidBoth if start.is_some() && i + len < b.len() => {
                let (next, _) = class_at(b, i + len);
                let joins = match class {
                    Class::MidLetter => last == Class::Letter && next == Class::Letter,
                    Class::MidNum => last == Class::Digit && next == Class::Digit,
                    _ => last == next && matches!(next, Class::Letter | Class::Digit),
                };
                if joins {
                    i += len;
                    continue;
                }
            }
            _ => {}
        }
        if let Some(s) = start.take()
            && has_alnum
        {
            f(s, i);
        }
        i += len;
    }
    if let Some(s) = start
        && has_alnum
    {
        f(s, b.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn general(s: &str) -> Vec<(usize, usize)> {
        s.split_word_bound_indices()
            .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
            .map(|(o, w)| (o, o + w.len()))
            .collect()
    }

    fn fast(s: &str) -> Vec<(usize, usize)> {
        let mut v = Vec::new();
        scan(s.as_bytes(), |a, b| v.push((a, b)));
        v
    }

    #[test]
    fn known_cases() {
        for s in [
            "U.S. officials’ “talks” on 1,000.5 items: a:b, don't, don’t, x_y, _a, __, 3.a, a.3, e.g., ‘quoted’",
            "Mr. Lavrov—and… «Da» 12;34 5'6 a..b a''b 1,,2 end.",
            "'a' a' 'a _1_ 1_ a_: :a a:",
        ] {
            assert!(fast_path_applies(s));
            assert_eq!(fast(s), general(s), "{s}");
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]
        #[test]
        fn the_scanner_agrees_with_uax29(s in "[a-zA-Z0-9_:,;.' \"\\-!?()\\n\\r\\t‘’“”«»–—…\u{a0}]{0,40}") {
            prop_assert_eq!(fast(&s), general(&s));
        }
    }
}
