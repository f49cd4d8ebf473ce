//! Text -> `Document`: built once per file and shared by every rule.
//!
//! The model holds byte spans into the stored text: lines, paragraphs (blank-line separated),
//! sentences, words (UAX #29 via unicode-segmentation) and quotations with their pairing.
//! Checks read this model; they never re-tokenize.

mod lines;
mod quotes;
mod sentences;
mod words;

pub use lines::LineIndex;
pub use quotes::{Quote, QuoteMark, QuoteStyle};

use crate::diagnostic::Span;

/// A word token: a UAX #29 word that contains at least one letter or digit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Word {
    pub span: Span,
    /// Index of the sentence that holds the word.
    pub sentence: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    pub span: Span,
    pub paragraph: usize,
    /// Range of indices into `Document::words`.
    pub words: (usize, usize),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Paragraph {
    pub span: Span,
    /// Range of indices into `Document::sentences`.
    pub sentences: (usize, usize),
    /// Range of indices into `Document::quotes`.
    pub quotes: (usize, usize),
}

#[derive(Debug)]
pub struct Document<'a> {
    pub text: &'a str,
    pub lines: LineIndex,
    pub paragraphs: Vec<Paragraph>,
    pub sentences: Vec<Sentence>,
    pub words: Vec<Word>,
    /// Quotations in order of their opening mark; unmatched marks are quotes with one side missing.
    pub quotes: Vec<Quote>,
    /// Computed on first use by `is_headline`: the end of a first line without final
    /// punctuation (0 when there is none), and which sentences are in title case.
    headlines: std::sync::OnceLock<(usize, Vec<bool>)>,
}

impl<'a> Document<'a> {
    pub fn new(text: &'a str) -> Self {
        let lines = LineIndex::new(text);
        let body_start = if text.starts_with('\u{feff}') { 3 } else { 0 };
        let mut paragraphs = Vec::new();
        let mut sentences = Vec::new();
        let mut words = Vec::new();
        let mut quotes = Vec::new();
        for pspan in paragraph_spans(text, body_start) {
            let pidx = paragraphs.len();
            let s0 = sentences.len();
            for sspan in sentences::split(text, pspan) {
                let w0 = words.len();
                let sidx = sentences.len();
                words::for_each_word(sspan.text(text), |a, b| {
                    words.push(Word { span: Span::new(sspan.start + a, sspan.start + b), sentence: sidx });
                });
                sentences.push(Sentence { span: sspan, paragraph: pidx, words: (w0, words.len()) });
            }
            let q0 = quotes.len();
            quotes.extend(quotes::pair(text, pspan));
            paragraphs.push(Paragraph { span: pspan, sentences: (s0, sentences.len()), quotes: (q0, quotes.len()) });
        }
        Document { text, lines, paragraphs, sentences, words, quotes, headlines: std::sync::OnceLock::new() }
    }

    /// The text of a span.
    pub fn slice(&self, span: Span) -> &'a str {
        &self.text[span.start..span.end]
    }

    /// Index of the sentence that contains byte `pos` (or the nearest one before it).
    pub fn sentence_at(&self, pos: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.span.start <= pos);
        i.checked_sub(1)
    }

    /// Index of the paragraph that contains byte `pos` (or the nearest one before it).
    pub fn paragraph_at(&self, pos: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|p| p.span.start <= pos);
        i.checked_sub(1)
    }

    /// Index of the first word that starts at or after `pos`.
    pub fn word_index_from(&self, pos: usize) -> usize {
        self.words.partition_point(|w| w.span.start < pos)
    }

    /// The words of a sentence.
    pub fn sentence_words(&self, sentence: usize) -> &[Word] {
        let (a, b) = self.sentences[sentence].words;
        &self.words[a..b]
    }

    /// True when `pos` is the first word of its sentence (ignoring opening quotes and brackets).
    pub fn is_sentence_start(&self, pos: usize) -> bool {
        match self.sentence_at(pos) {
            Some(s) => {
                let (a, b) = self.sentences[s].words;
                a < b && self.words[a].span.start == pos
            }
            None => false,
        }
    }

    /// True when `pos` lies in a headline-like line, where capitals say nothing about names: the
    /// first line of the text when it has no final sentence punctuation, or a sentence in title
    /// case (a function word such as "To", "Is", "Says" capitalized after its first word).
    pub fn is_headline(&self, pos: usize) -> bool {
        // Computed once per document: callers ask about every word, and a per-call scan of the
        // sentence (or of the first line) is quadratic on long single-line texts.
        let (first_line_headline_end, title_case) = self.headlines.get_or_init(|| {
            const SMALL: &[&str] = &[
                "Of", "To", "In", "For", "On", "With", "At", "By", "From", "As", "And", "Or", "Is", "Are", "Was",
                "Were", "Says", "Say", "Will", "Over", "After", "Into", "Amid", "Against", "Not", "Be",
            ];
            let first_line_end = self.text.find('\n').unwrap_or(self.text.len());
            let line = self.text[..first_line_end].trim_end();
            let headline_end =
                if line.ends_with(['.', '!', '?', '"', '”', '…', ':', ';']) { 0 } else { first_line_end };
            let title_case = (0..self.sentences.len())
                .map(|s| {
                    let ws = self.sentence_words(s);
                    ws.len() >= 3 && ws[1..].iter().any(|w| SMALL.contains(&self.slice(w.span)))
                })
                .collect();
            (headline_end, title_case)
        });
        if pos < *first_line_headline_end {
            return true;
        }
        self.sentence_at(pos).is_some_and(|s| title_case[s])
    }

    /// The quotation whose inner text holds `span`, innermost first.
    pub fn quote_around(&self, span: Span) -> Option<&Quote> {
        // Quotes never cross paragraphs: only the paragraph's own quotes can hold the span.
        let (a, b) = self.paragraph_at(span.start).map_or((0, 0), |p| self.paragraphs[p].quotes);
        self.quotes[a..b].iter().filter(|q| q.inner().is_some_and(|i| i.contains(span))).max_by_key(|q| q.depth)
    }
}

/// Lines with their terminators; `\n`, `\r\n` and a lone `\r` (old Mac files) all end a line,
/// as in [`LineIndex`].
fn lines_inclusive(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => i + 2,
            Some(i) => i + 1,
            None => rest.len(),
        };
        let (line, tail) = rest.split_at(end);
        rest = tail;
        Some(line)
    })
}

/// Spans of blank-line separated paragraphs, trimmed of surrounding whitespace.
fn paragraph_spans(text: &str, from: usize) -> Vec<Span> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut last_end = from;
    let mut pos = from;
    for line in lines_inclusive(&text[from..]) {
        let content = line.trim_end_matches(['\n', '\r']);
        let blank = content.trim().is_empty();
        if blank {
            if let Some(s) = start.take() {
                out.push(Span::new(s, last_end));
            }
        } else {
            let lead = content.len() - content.trim_start().len();
            if start.is_none() {
                start = Some(pos + lead);
            }
            last_end = pos + content.trim_end().len();
        }
        pos += line.len();
    }
    if let Some(s) = start {
        out.push(Span::new(s, last_end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines_with_crlf_and_bom() {
        let text = "\u{feff}First line.\r\nSecond line.\r\n\r\n  Next para.  \r\n";
        let doc = Document::new(text);
        let paras: Vec<&str> = doc.paragraphs.iter().map(|p| doc.slice(p.span)).collect();
        assert_eq!(paras, vec!["First line.\r\nSecond line.", "Next para."]);
        assert_eq!(doc.paragraphs[0].span.start, 3);
    }

    #[test]
    fn lone_cr_ends_lines_and_paragraphs_like_lf() {
        let lf = "Title here\n\nFirst para. Second sentence.\nNext line.\n\n\nLast para.\n";
        let cr = lf.replace('\n', "\r");
        let crlf = lf.replace('\n', "\r\n");
        let shape = |t: &str| {
            let d = Document::new(t);
            let paras: Vec<String> =
                d.paragraphs.iter().map(|p| d.slice(p.span).replace("\r\n", " ").replace(['\r', '\n'], " ")).collect();
            let sents: Vec<String> =
                d.sentences.iter().map(|s| d.slice(s.span).replace("\r\n", " ").replace(['\r', '\n'], " ")).collect();
            (paras, sents, d.words.len(), d.lines.len())
        };
        let want = shape(lf);
        assert_eq!(want.0.len(), 3);
        assert_eq!(shape(&cr), want);
        assert_eq!(shape(&crlf), want);
    }

    #[test]
    fn headlines_are_the_bare_first_line_and_title_case_sentences() {
        let doc = Document::new("Russia Says Talks Go On\nThe talks go on. Officials Met In Geneva Today.\n");
        let names = Document::new("The talks went on.\nPresident Volodymyr Zelensky met Chancellor Olaf Scholz.");
        assert!(!names.is_headline(names.text.find("Olaf").unwrap()));
        assert!(doc.is_headline(0));
        assert!(!doc.is_headline(doc.text.find("talks go").unwrap()));
        assert!(doc.is_headline(doc.text.find("Geneva").unwrap()));
        let doc = Document::new("The talks go on.\nMore text.");
        assert!(!doc.is_headline(0));
    }

    #[test]
    fn words_carry_their_sentence() {
        let doc = Document::new("Mr. Smith left. He said “no”.");
        let words: Vec<&str> = doc.words.iter().map(|w| doc.slice(w.span)).collect();
        assert_eq!(words, vec!["Mr", "Smith", "left", "He", "said", "no"]);
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.words[3].sentence, 1);
        assert!(doc.is_sentence_start(doc.words[3].span.start));
        assert!(!doc.is_sentence_start(doc.words[1].span.start));
    }
}
