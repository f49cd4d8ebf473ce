//! `numeric-date`: all-numeric dates in the source language's order (29.11.2016).
//!
//! ```toml
//! kind = "numeric-date"
//! order = "dmy"                              # dmy | mdy: how the source writes dates
//! separators = "."                           # characters that separate the parts
//! months = ["Jan.", "Feb.", "March", ...]    # 12 month names for the suggestion
//! fix = "unsafe"
//! ```
//! Flags day-month-year dates with a four-digit year (1900-2099) that are valid dates, and
//! suggests the news form "Nov. 29, 2016". Quiet on version numbers and longer dotted runs
//! (1.2.2016.3) and on numbers glued to other digits.

use super::{BuildCtx, BuildError, Check, Ctx, FixMode};
use crate::diagnostic::Span;
use regex::Regex;
use serde::Deserialize;

#[derive(Deserialize, Clone, Copy, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
enum Order {
    Dmy,
    Mdy,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields, rename_all = "kebab-case")]
struct Params {
    #[serde(default = "default_order")]
    order: Order,
    #[serde(default = "default_separators")]
    separators: String,
    months: Vec<String>,
    #[serde(default)]
    fix: FixMode,
}

fn default_order() -> Order {
    Order::Dmy
}

fn default_separators() -> String {
    ".".to_string()
}

pub struct NumericDate {
    re: Regex,
    order: Order,
    months: Vec<String>,
    fix: FixMode,
}

impl NumericDate {
    pub fn build(cx: &BuildCtx, table: toml::Table) -> Result<Self, BuildError> {
        let p: Params = cx.params(table)?;
        if p.months.len() != 12 {
            return Err(BuildError::new(
                "months".to_string(),
                format!("`months` needs 12 names, not {}", p.months.len()),
            ));
        }
        if p.separators.is_empty() {
            return Err(BuildError::new("separators".to_string(), "`separators` is empty"));
        }
        let sep = format!("[{}]", regex::escape(&p.separators));
        let pattern = format!(r"(\d{{1,2}})({sep})(\d{{1,2}})({sep})((?:19|20)\d\d)");
        Ok(NumericDate { re: cx.regex("separators", &pattern)?, order: p.order, months: p.months, fix: p.fix })
    }
}

fn days_in(month: u32, year: u32) -> u32 {
    match month {
        2 if year.is_multiple_of(4) && (!year.is_multiple_of(100) || year.is_multiple_of(400)) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl Check for NumericDate {
    fn check(&self, cx: &mut Ctx) {
        let text = cx.doc.text;
        for c in self.re.captures_iter(text) {
            let (Some(all), Some(a), Some(s1), Some(b), Some(s2), Some(y)) =
                (c.get(0), c.get(1), c.get(2), c.get(3), c.get(4), c.get(5))
            else {
                continue;
            };
            if s1.as_str() != s2.as_str() {
                continue;
            }
            let before = text[..all.start()].chars().next_back();
            let mut after = text[all.end()..].chars();
            let next = after.next();
            let next2 = after.next();
            let glued_before =
                before.is_some_and(|c| c.is_alphanumeric() || c == s1.as_str().chars().next().unwrap_or(' '));
            let glued_after = next.is_some_and(|c| c.is_alphanumeric())
                || (next.is_some_and(|c| matches!(c, '.' | ',' | '-' | '/'))
                    && next2.is_some_and(|c| c.is_ascii_digit()));
            if glued_before || glued_after {
                continue;
            }
            let (a, b, year): (u32, u32, u32) = match (a.as_str().parse(), b.as_str().parse(), y.as_str().parse()) {
                (Ok(a), Ok(b), Ok(y)) => (a, b, y),
                _ => continue,
            };
            let (day, month) = if self.order == Order::Dmy { (a, b) } else { (b, a) };
            if !(1..=12).contains(&month) || day == 0 || day > days_in(month, year) {
                continue;
            }
            let news = format!("{} {day}, {year}", self.months[month as usize - 1]);
            cx.report_replace(Span::new(all.start(), all.end()), Some(&news), self.fix);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::days_in;

    #[test]
    fn month_lengths_follow_the_calendar() {
        assert_eq!(days_in(2, 2016), 29);
        assert_eq!(days_in(2, 2021), 28);
        assert_eq!(days_in(2, 2000), 29);
        assert_eq!(days_in(2, 1900), 28);
        assert_eq!(days_in(11, 2016), 30);
        assert_eq!(days_in(12, 2016), 31);
    }
}
