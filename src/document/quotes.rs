//! Quotation marks and their pairing within a paragraph.
//!
//! Handles typographic double quotes (“ ” „), straight double quotes ("), guillemets (« ») and
//! single typographic quotes (‘ ’, where ’ between letters is an apostrophe), nested to any
//! depth. Marks that find no partner are kept as quotes with one side missing, so a check can
//! point at an unbalanced mark.

use crate::diagnostic::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStyle {
    /// “ ” „ and "
    Double,
    /// « »
    Guillemet,
    /// ‘ ’
    Single,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct QuoteMark {
    pub span: Span,
    pub ch: char,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quote {
    pub style: QuoteStyle,
    pub open: Option<QuoteMark>,
    pub close: Option<QuoteMark>,
    /// 0 for a top-level quotation, 1 inside another, ...
    pub depth: usize,
}

impl Quote {
    /// The quoted text between the marks, when both are present.
    pub fn inner(&self) -> Option<Span> {
        match (self.open, self.close) {
            (Some(o), Some(c)) => Some(Span::new(o.span.end, c.span.start)),
            _ => None,
        }
    }
    /// The quotation including its marks, when both are present.
    pub fn outer(&self) -> Option<Span> {
        match (self.open, self.close) {
            (Some(o), Some(c)) => Some(Span::new(o.span.start, c.span.end)),
            _ => None,
        }
    }
    pub fn is_balanced(&self) -> bool {
        self.open.is_some() && self.close.is_some()
    }
    /// The mark that exists (the opener when both do): where an unbalanced quote is reported.
    pub fn mark(&self) -> QuoteMark {
        self.open.or(self.close).expect("a quote has at least one mark")
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    Open,
    Close,
    Either,
}

fn classify(c: char) -> Option<(QuoteStyle, Role)> {
    Some(match c {
        '“' => (QuoteStyle::Double, Role::Either),
        '„' => (QuoteStyle::Double, Role::Open),
        '”' => (QuoteStyle::Double, Role::Either),
        '"' => (QuoteStyle::Double, Role::Either),
        '«' => (QuoteStyle::Guillemet, Role::Open),
        '»' => (QuoteStyle::Guillemet, Role::Close),
        '‘' => (QuoteStyle::Single, Role::Open),
        '’' => (QuoteStyle::Single, Role::Close),
        _ => return None,
    })
}

fn opens_context(prev: Option<char>) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.is_whitespace() || matches!(p, '(' | '[' | '—' | '–' | '-' | '/' | '“' | '„' | '«' | '‘' | '"' | ':')
        }
    }
}

/// Punctuation that follows a closing mark (`( single) ",`), never the first character of a quotation.
fn closing_punct(c: char) -> bool {
    matches!(c, ',' | '.' | ';' | ':' | '!' | '?' | ')' | ']')
}

/// Pair the quotation marks inside one paragraph.
pub fn pair(text: &str, para: Span) -> Vec<Quote> {
    let p = &text[para.start..para.end];
    let mut out: Vec<Quote> = Vec::new();
    // Stack of indices into `out` whose opener waits for a closer.
    let mut stack: Vec<usize> = Vec::new();
    // How many openers of each style wait on the stack: the common "is one open?" questions are
    // answered in constant time, so a paragraph of thousands of unmatched marks stays linear.
    let mut open_count = [0usize; 3];
    let mut prev: Option<char> = None;
    let mut iter = p.char_indices().peekable();
    while let Some((i, c)) = iter.next() {
        let next = iter.peek().map(|&(_, n)| n);
        let Some((style, role)) = classify(c) else {
            prev = Some(c);
            continue;
        };
        let mark = QuoteMark { span: Span::new(para.start + i, para.start + i + c.len_utf8()), ch: c };
        let between_letters = prev.is_some_and(char::is_alphanumeric) && next.is_some_and(char::is_alphanumeric);
        let role = match (c, role) {
            // ’ between letters is an apostrophe; after a letter with no ‘ open, it is one too.
            ('’', _) if between_letters => {
                prev = Some(c);
                continue;
            }
            ('’', _) if open_count[QuoteStyle::Single as usize] == 0 => {
                prev = Some(c);
                continue;
            }
            // “ closes a „ (German style); otherwise it opens.
            ('“', _) => {
                if stack.last().is_some_and(|&q| out[q].open.is_some_and(|m| m.ch == '„')) {
                    Role::Close
                } else {
                    Role::Open
                }
            }
            // ” and " open after a space or bracket when a word follows; otherwise they close.
            // A straight mark with spaces on both sides (tokenized MT: `the missile " Zircon"`)
            // closes a pending straight quotation, and opens one otherwise.
            ('”' | '"', Role::Either) => {
                let spaced = prev.is_some_and(char::is_whitespace) && next.is_some_and(char::is_whitespace);
                if c == '"' && spaced {
                    let pending = stack.iter().any(|&q| out[q].open.is_some_and(|m| m.ch == '"'));
                    if pending { Role::Close } else { Role::Open }
                } else if opens_context(prev) && next.is_some_and(|n| !n.is_whitespace() && !closing_punct(n)) {
                    Role::Open
                } else {
                    Role::Close
                }
            }
            (_, r) => r,
        };
        match role {
            Role::Open | Role::Either => {
                out.push(Quote { style, open: Some(mark), close: None, depth: stack.len() });
                stack.push(out.len() - 1);
                open_count[style as usize] += 1;
            }
            Role::Close => {
                // The search only runs when a partner exists, and every opener it passes is
                // popped: amortized constant time per mark.
                let partner = if open_count[style as usize] > 0 {
                    stack.iter().rposition(|&q| out[q].style == style)
                } else {
                    None
                };
                if let Some(pos) = partner {
                    // Openers above the partner stay unmatched.
                    let q = stack[pos];
                    for &above in &stack[pos..] {
                        open_count[out[above].style as usize] -= 1;
                    }
                    stack.truncate(pos);
                    out[q].close = Some(mark);
                } else {
                    out.push(Quote { style, open: None, close: Some(mark), depth: stack.len() });
                }
            }
        }
        prev = Some(c);
    }
    out.sort_by_key(|q| q.mark().span.start);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(text: &str) -> Vec<(Option<&str>, bool)> {
        pair(text, Span::new(0, text.len()))
            .iter()
            .map(|q| (q.inner().map(|s| s.text(text)), q.is_balanced()))
            .collect()
    }

    #[test]
    fn nested_and_mixed_styles_pair() {
        assert_eq!(
            quotes("He said: “I call it “old news” today.” «Да» and ‘fine’."),
            vec![
                (Some("I call it “old news” today."), true),
                (Some("old news"), true),
                (Some("Да"), true),
                (Some("fine"), true),
            ]
        );
    }

    #[test]
    fn apostrophes_are_not_quotes_and_unclosed_opener_is_kept() {
        let text = "“Therefore, Assad’s plan is “last year’s snow” – said X.";
        let q = pair(text, Span::new(0, text.len()));
        assert_eq!(q.len(), 2);
        assert!(!q[0].is_balanced());
        assert_eq!(q[0].mark().span.start, 0);
        assert_eq!(q[1].inner().unwrap().text(text), "last year’s snow");
    }

    #[test]
    fn spaced_straight_quotes_pair_as_tokenized_text() {
        assert_eq!(quotes(r#"The missile " Zircon" flew."#), vec![(Some(" Zircon"), true)]);
        assert_eq!(quotes(r#"He said " yes " and left."#), vec![(Some(" yes "), true)]);
        assert_eq!(quotes(r#"It was "fine, " he said."#), vec![(Some("fine, "), true)]);
        assert_eq!(quotes(r#"Items such as "fee ( single) ", and more."#), vec![(Some("fee ( single) "), true)]);
    }

    #[test]
    fn straight_quotes_pair_by_context() {
        assert_eq!(quotes(r#"The "deal" was "fine," he said."#), vec![(Some("deal"), true), (Some("fine,"), true)]);
        assert_eq!(quotes("He wrote \"hello"), vec![(None, false)]);
    }
}
