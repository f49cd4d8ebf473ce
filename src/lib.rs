//! mtlint: a translation-quality linter for machine-translated news.
//!
//! Data flows one way: input -> [`document::Document`] -> rules ([`rules`], [`checks`]) ->
//! [`diagnostic::Diagnostic`]s -> [`render`]ers. See ARCHITECTURE.md.

pub mod atomic;
pub mod baseline;
pub mod checks;
pub mod cli;
pub mod config;
pub mod diagnostic;
pub mod document;
pub mod engine;
pub mod fix;
pub mod gazetteer;
pub mod input;
pub mod lexicon;
pub mod render;
pub mod rules;
pub mod runner;
pub mod suppress;
pub mod verify;

pub use diagnostic::{Applicability, Category, Diagnostic, Edit, Fix, Severity, Span};
pub use document::Document;
pub use engine::Engine;
pub use rules::RuleSet;
