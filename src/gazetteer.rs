//! The gazetteer: entities of world news with their canonical English news spelling.
//!
//! Loaded once per rule set from every `data/gazetteer/*.toml` of every rule source (the
//! built-in `rules/`, `--rules DIR`) plus extra files a newsroom names, and shared by the checks
//! that need it (entity case, transliteration round trips, consistency).
//!
//! ```toml
//! [[entity]]
//! name = "Sergei Lavrov"          # canonical English news spelling
//! type = "person"                 # person | organization | party | media | agency | group | place
//! variants = ["Sergey Lavrov"]    # acceptable alternative spellings (not flagged)
//! wrong = ["Sergej Lavrov"]       # known wrong spellings, fixed to `name`
//! role = "Russian foreign minister"   # optional, for docs and attribution
//! ```

use crate::diagnostic::Span;
use crate::rules::{RuleError, SourceFile};
use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum EntityType {
    Person,
    Organization,
    Party,
    Media,
    Agency,
    Group,
    Place,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Entity {
    pub name: String,
    #[serde(rename = "type")]
    pub kind: EntityType,
    #[serde(default)]
    pub variants: Vec<String>,
    #[serde(default)]
    pub wrong: Vec<String>,
    #[serde(default)]
    pub role: Option<String>,
    /// File the entry comes from (for messages).
    #[serde(skip)]
    pub file: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GazetteerFile {
    #[serde(default)]
    entity: Vec<Entity>,
}

#[derive(Debug, Default, Clone)]
pub struct Gazetteer {
    pub entities: Vec<Entity>,
}

impl Gazetteer {
    /// Parse one gazetteer file and append its entities.
    pub fn add_file(&mut self, file: &SourceFile) -> Result<(), RuleError> {
        let parsed: GazetteerFile = toml::from_str(&file.text).map_err(|e| {
            let span = e.span().map(|r| Span::new(r.start, r.end)).unwrap_or(Span::new(0, 0));
            RuleError::at(&file.name, Some(&file.text), span, e.message().to_string())
        })?;
        for mut e in parsed.entity {
            if e.name.trim().is_empty() {
                let at = crate::rules::find_key(&file.text, Span::new(0, file.text.len()), "name");
                return Err(RuleError::at(&file.name, Some(&file.text), at, "gazetteer entity with an empty name"));
            }
            e.file = file.name.clone();
            self.entities.push(e);
        }
        Ok(())
    }

    pub fn of_type(&self, t: EntityType) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == t)
    }
}
