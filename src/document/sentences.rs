//! Sentence splitting tuned for news text.
//!
//! UAX #29 sentence bounds break after every "U.S." and "Mr."; news needs an abbreviation-aware
//! splitter, so this one is small and hand-written: a sentence ends at `.`, `!`, `?` or `…`
//! (plus closing quotes/brackets) followed by a space and an uppercase letter, digit, quote or
//! dash, unless the word before the stop is a known abbreviation or an initial. A line break ends
//! a sentence unless the next line starts in lower case (a soft-wrapped line).

use crate::diagnostic::Span;

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "gen", "col", "lt", "sgt", "capt", "maj", "adm", "gov", "sen", "rep", "rev", "st",
    "jr", "sr", "vs", "no", "nos", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "inc", "co", "corp", "ltd", "mt", "ft", "approx", "est", "dept", "univ", "assn", "bros", "gens", "reps", "sens",
    "pres", "cmdr", "e.g", "i.e", "etc", "al", "op", "vol", "pp", "fig", "ph",
];

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | '”' | '’' | '»' | ')' | ']' | '›')
}

fn is_starter(c: char) -> bool {
    c.is_uppercase() || c.is_numeric() || matches!(c, '"' | '“' | '«' | '‘' | '\'' | '(' | '[' | '—' | '–' | '-' | '„')
}

/// Split a paragraph span into sentence spans (trimmed).
///
/// Works on byte offsets with constant extra memory per position (a paragraph may be one
/// 50 MB line), in one forward pass: every look-ahead resumes where it stopped.
pub fn split(text: &str, para: Span) -> Vec<Span> {
    let p = &text[para.start..para.end];
    let mut out = Vec::new();
    let mut start = 0usize;
    let mut i = 0usize;
    while let Some(c) = char_at(p, i) {
        let pos = i;
        let mut cut: Option<usize> = None; // end offset (exclusive) of the sentence
        let mut next_start = 0usize;
        if c == '\n' || c == '\r' {
            // Line break: boundary unless the next line starts lowercase.
            let j = skip_while(p, i, char::is_whitespace);
            let next = char_at(p, j);
            if next.is_some_and(|n| !n.is_lowercase()) {
                cut = Some(pos);
                next_start = j;
                i = j;
            } else {
                i = j.max(i + c.len_utf8());
                continue;
            }
        } else if matches!(c, '.' | '!' | '?' | '…') {
            let j = skip_while(p, i + c.len_utf8(), |c| matches!(c, '.' | '!' | '?' | '…') || is_closer(c));
            let k = skip_while(p, j, |c| c.is_whitespace() && c != '\n' && c != '\r');
            let saw_space = k > j;
            if saw_space && char_at(p, k).is_some_and(is_starter) && !(c == '.' && abbreviation_before(p, pos)) {
                cut = Some(j);
                next_start = k;
                i = k;
            } else {
                i = j;
            }
        } else {
            i += c.len_utf8();
        }
        if let Some(end) = cut {
            push_trimmed(&mut out, para.start, p, start, end);
            start = next_start;
        }
    }
    push_trimmed(&mut out, para.start, p, start, p.len());
    out
}

fn char_at(p: &str, i: usize) -> Option<char> {
    p.get(i..).and_then(|s| s.chars().next())
}

/// Byte offset of the first char at or after `i` that fails `keep` (or the end).
fn skip_while(p: &str, i: usize, keep: impl Fn(char) -> bool) -> usize {
    p[i..].char_indices().find(|&(_, c)| !keep(c)).map_or(p.len(), |(off, _)| i + off)
}

fn push_trimmed(out: &mut Vec<Span>, base: usize, p: &str, start: usize, end: usize) {
    let s = &p[start..end];
    let lead = s.len() - s.trim_start().len();
    let trimmed = s.trim();
    if !trimmed.is_empty() {
        let a = base + start + lead;
        out.push(Span::new(a, a + trimmed.len()));
    }
}

/// Is the word that ends right before the `.` at `dot` an abbreviation or an initial?
fn abbreviation_before(p: &str, dot: usize) -> bool {
    let before = &p[..dot];
    let word_start = before
        .char_indices()
        .rev()
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.'))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(0);
    let word = &before[word_start..];
    if word.is_empty() {
        return false;
    }
    let mut letters = word.chars().filter(|c| c.is_alphabetic());
    // A single letter ("J.") or dotted initials ("U.S", "e.g").
    if word.contains('.') || (letters.next().is_some() && letters.next().is_none()) {
        return true;
    }
    let lower = word.to_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The previous splitter (a Vec of every char): the oracle the streaming one must match.
    fn reference_split(text: &str, para: Span) -> Vec<Span> {
        let p = &text[para.start..para.end];
        let mut out = Vec::new();
        let mut start = 0usize;
        let chars: Vec<(usize, char)> = p.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (pos, c) = chars[i];
            let mut cut: Option<usize> = None; // end offset (exclusive) of the sentence
            let mut next_start = 0usize;
            if c == '\n' || c == '\r' {
                // Line break: boundary unless the next line starts lowercase.
                let mut j = i;
                while j < chars.len() && chars[j].1.is_whitespace() {
                    j += 1;
                }
                let next_lower = j < chars.len() && chars[j].1.is_lowercase();
                if !next_lower && j < chars.len() {
                    cut = Some(pos);
                    next_start = chars[j].0;
                }
                if cut.is_none() {
                    i = j.max(i + 1);
                    continue;
                }
                i = j;
            } else if matches!(c, '.' | '!' | '?' | '…') {
                let mut j = i + 1;
                while j < chars.len() && (matches!(chars[j].1, '.' | '!' | '?' | '…') || is_closer(chars[j].1)) {
                    j += 1;
                }
                let end = if j < chars.len() { chars[j].0 } else { p.len() };
                let mut k = j;
                let mut saw_space = false;
                while k < chars.len() && chars[k].1.is_whitespace() && chars[k].1 != '\n' && chars[k].1 != '\r' {
                    saw_space = true;
                    k += 1;
                }
                if saw_space && k < chars.len() && is_starter(chars[k].1) && !(c == '.' && abbreviation_before(p, pos))
                {
                    cut = Some(end);
                    next_start = chars[k].0;
                    i = k;
                } else {
                    i = j;
                }
            } else {
                i += 1;
            }
            if let Some(end) = cut {
                push_trimmed(&mut out, para.start, p, start, end);
                start = next_start;
            }
        }
        push_trimmed(&mut out, para.start, p, start, p.len());
        out
    }

    #[test]
    fn streaming_splitter_matches_the_reference_on_tricky_text() {
        let pieces = [
            "Mr.", " ", "U.S.", "\n", "\r\n", "\r", "a", "B", "9", "…", "!", "?", ".", "”", "“", "\"", "(", ")", "»",
            "«", "  ", "\t", "é", "Ж", "ж", "—", "-", "e.g.", "Nov.", "J.", "word", "\u{a0}",
        ];
        // A small deterministic generator: every text of up to 4 pieces, then longer pseudo-random ones.
        let mut texts: Vec<String> = Vec::new();
        for a in pieces {
            for b in pieces {
                texts.push(format!("{a}{b}"));
                for c in ["Ab", ". ", "\n", "x"] {
                    texts.push(format!("{a}{b}{c}"));
                }
            }
        }
        let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
        for _ in 0..3000 {
            let mut t = String::new();
            for _ in 0..(seed % 24) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                t.push_str(pieces[(seed % pieces.len() as u64) as usize]);
            }
            texts.push(t);
        }
        for t in &texts {
            let all = Span::new(0, t.len());
            assert_eq!(split(t, all), reference_split(t, all), "{t:?}");
        }
    }

    fn sents(text: &str) -> Vec<&str> {
        split(text, Span::new(0, text.len())).iter().map(|s| s.text(text)).collect()
    }

    #[test]
    fn abbreviations_and_initials_do_not_end_sentences() {
        assert_eq!(
            sents("U.S. Secretary of State John Kerry met Mr. Lavrov on Nov. 29. They talked."),
            vec!["U.S. Secretary of State John Kerry met Mr. Lavrov on Nov. 29.", "They talked."]
        );
    }

    #[test]
    fn quotes_close_sentences_and_lines_split() {
        assert_eq!(
            sents("He said: “It is over.” Then he left!\nHeadline here\nand a wrapped line."),
            vec!["He said: “It is over.”", "Then he left!", "Headline here\nand a wrapped line."]
        );
    }
}
