//! Applying fixes: choose a consistent, non-overlapping subset and splice it into the text.
//!
//! Fixes of different diagnostics may overlap; the first (by position, then rule order) wins and
//! the others wait for the next pass. Callers that need convergence re-lint and repeat
//! ([`fix_until_stable`]).

use crate::diagnostic::{Applicability, Diagnostic, Edit, Fix};

/// Which fixes may be applied.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FixLevel {
    /// Only safe fixes (`--fix`).
    Safe,
    /// Safe and unsafe fixes (`--unsafe-fixes`).
    Unsafe,
}

impl FixLevel {
    pub fn allows(self, a: Applicability) -> bool {
        match self {
            FixLevel::Safe => a == Applicability::Safe,
            FixLevel::Unsafe => true,
        }
    }
}

/// The fixes chosen for one pass: each diagnostic contributes its first allowed fix, skipped if
/// any edit clashes with an edit already chosen.
pub fn select(diags: &[Diagnostic], level: FixLevel) -> Vec<(&Diagnostic, &Fix)> {
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut chosen = Vec::new();
    let mut order: Vec<&Diagnostic> = diags.iter().collect();
    order.sort_by_key(|d| d.fixes.first().and_then(Fix::span).map(|s| s.start).unwrap_or(d.span.start));
    for d in order {
        let Some(fix) = d.fixes.iter().find(|f| level.allows(f.applicability)) else { continue };
        let clashes = fix.edits.iter().any(|e| taken.iter().any(|&(s, t)| clash((e.start, e.end), (s, t))));
        if clashes {
            continue;
        }
        taken.extend(fix.edits.iter().map(|e| (e.start, e.end)));
        chosen.push((d, fix));
    }
    chosen
}

/// Two edits clash when they overlap, or are both insertions at the same point.
fn clash(a: (usize, usize), b: (usize, usize)) -> bool {
    (a.0 < b.1 && b.0 < a.1) || (a.0 == a.1 && b.0 == b.1 && a.0 == b.0)
}

/// Splice edits (non-overlapping) into `text`.
pub fn apply_edits(text: &str, edits: &mut [&Edit]) -> String {
    edits.sort_by_key(|e| (e.start, e.end));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for e in edits.iter() {
        if e.start < pos || e.end > text.len() {
            continue;
        }
        out.push_str(&text[pos..e.start]);
        out.push_str(&e.replacement);
        pos = e.end;
    }
    out.push_str(&text[pos..]);
    out
}

/// Apply one pass of fixes; returns the new text and how many fixes were applied.
pub fn apply(text: &str, diags: &[Diagnostic], level: FixLevel) -> (String, usize) {
    let chosen = select(diags, level);
    let mut edits: Vec<&Edit> = chosen.iter().flat_map(|(_, f)| f.edits.iter()).collect();
    (apply_edits(text, &mut edits), chosen.len())
}

/// The outcome of [`fix_with`].
#[derive(Debug)]
pub struct Fixed {
    pub text: String,
    /// Fixes applied per rule id, in the order rules were first fixed.
    pub applied: Vec<(String, usize)>,
    /// The diagnostics of the final text.
    pub diagnostics: Vec<Diagnostic>,
    /// False when `max_passes` ran out with allowed fixes left.
    pub converged: bool,
}

/// Fix `text`, whose diagnostics `first` already are, then re-lint and repeat until no allowed
/// fix is left or `max_passes` fixes have been applied. Lints once per pass that changed the text.
pub fn fix_with(
    text: &str,
    first: Vec<Diagnostic>,
    level: FixLevel,
    max_passes: usize,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> Fixed {
    let mut current = text.to_string();
    let mut diags = first;
    let mut applied: Vec<(String, usize)> = Vec::new();
    let mut converged = false;
    for pass in 0..=max_passes {
        let chosen = select(&diags, level);
        if chosen.is_empty() {
            converged = true;
            break;
        }
        if pass == max_passes {
            break;
        }
        for (d, _) in &chosen {
            match applied.iter_mut().find(|(r, _)| r.as_str() == &*d.rule) {
                Some((_, n)) => *n += 1,
                None => applied.push((d.rule.to_string(), 1)),
            }
        }
        let mut edits: Vec<&Edit> = chosen.iter().flat_map(|(_, f)| f.edits.iter()).collect();
        let next = apply_edits(&current, &mut edits);
        if next == current {
            // Fixes that change nothing would loop forever; what is left is reported as is.
            break;
        }
        current = next;
        diags = lint(&current);
    }
    Fixed { text: current, applied, diagnostics: diags, converged }
}

/// Lint, fix, re-lint until no allowed fix is left or `max_passes` is reached. `lint` is called
/// on each intermediate text. Returns the final text and the fixes applied per rule id.
pub fn fix_until_stable(
    text: &str,
    level: FixLevel,
    max_passes: usize,
    mut lint: impl FnMut(&str) -> Vec<Diagnostic>,
) -> (String, Vec<(String, usize)>) {
    let first = lint(text);
    let f = fix_with(text, first, level, max_passes, lint);
    (f.text, f.applied)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Category, Severity, Span};

    fn diag(start: usize, end: usize, rep: &str, app: Applicability) -> Diagnostic {
        Diagnostic {
            rule: "t.r".into(),
            severity: Severity::Warning,
            category: Category::Typography,
            message: "m".into(),
            span: Span::new(start, end),
            label: None,
            labels: vec![],
            notes: vec![],
            help: None,
            fixes: vec![Fix::replace(Span::new(start, end), rep, app)],
        }
    }

    #[test]
    fn overlapping_fixes_take_the_first_and_safe_only_by_default() {
        let text = "abcdef";
        let diags = vec![
            diag(0, 3, "X", Applicability::Safe),
            diag(2, 4, "Y", Applicability::Safe),
            diag(4, 6, "Z", Applicability::Unsafe),
        ];
        assert_eq!(apply(text, &diags, FixLevel::Safe), ("Xdef".to_string(), 1));
        assert_eq!(apply(text, &diags, FixLevel::Unsafe), ("XdZ".to_string(), 2));
    }

    #[test]
    fn fix_with_stops_after_max_passes_and_says_so() {
        // A "rule" that always wants one more `!`: never converges, is cut off.
        let lint = |t: &str| vec![diag(t.len(), t.len(), "!", Applicability::Safe)];
        let f = fix_with("a", lint("a"), FixLevel::Safe, 3, lint);
        assert_eq!(f.text, "a!!!");
        assert!(!f.converged);
        assert_eq!(f.applied, vec![("t.r".to_string(), 3)]);
        assert_eq!(f.diagnostics[0].span.start, 4, "diagnostics belong to the final text");
        let none = |_: &str| Vec::new();
        let f = fix_with("a", Vec::new(), FixLevel::Safe, 3, none);
        assert!(f.converged && f.applied.is_empty());
    }
}
