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
//!
//! The same `name` in several files (the built-in data and a newsroom's own file) is one entity:
//! later entries add their variants, wrong forms and role to the first instead of conflicting.
//! Person names are written "Given Surname" (other checks derive surnames and given names).

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
    /// File the entry comes from (for messages; the first file when entries were merged).
    #[serde(skip)]
    pub file: String,
}

impl Entity {
    /// Every accepted spelling: the canonical name first, then the variants.
    pub fn spellings(&self) -> impl Iterator<Item = &str> {
        std::iter::once(self.name.as_str()).chain(self.variants.iter().map(String::as_str))
    }

    /// The last word of a person's name ("Trump" for "Donald Trump"); `None` for other types or
    /// one-word names.
    pub fn surname(&self) -> Option<&str> {
        if self.kind != EntityType::Person {
            return None;
        }
        self.name.rsplit_once(' ').map(|(_, s)| s)
    }

    /// The first word of a person's name ("Donald" for "Donald Trump").
    pub fn given_name(&self) -> Option<&str> {
        if self.kind != EntityType::Person {
            return None;
        }
        self.name.split_once(' ').map(|(g, _)| g)
    }
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
    /// lowercased name -> index into `entities`
    by_name: std::collections::HashMap<String, usize>,
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
            self.merge(e);
        }
        Ok(())
    }

    /// Add an entity, folding it into an earlier one with the same name (case-insensitive).
    fn merge(&mut self, e: Entity) {
        let key = e.name.to_lowercase();
        let Some(&i) = self.by_name.get(&key) else {
            self.by_name.insert(key, self.entities.len());
            self.entities.push(e);
            return;
        };
        let have = &mut self.entities[i];
        for v in e.variants {
            if v != have.name && !have.variants.contains(&v) {
                have.variants.push(v);
            }
        }
        for w in e.wrong {
            if !have.wrong.contains(&w) {
                have.wrong.push(w);
            }
        }
        if have.role.is_none() {
            have.role = e.role;
        }
    }

    /// The entity with this canonical name (case-insensitive).
    pub fn get(&self, name: &str) -> Option<&Entity> {
        self.by_name.get(&name.to_lowercase()).map(|&i| &self.entities[i])
    }

    pub fn of_type(&self, t: EntityType) -> impl Iterator<Item = &Entity> {
        self.entities.iter().filter(move |e| e.kind == t)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn file(name: &str, text: &str) -> SourceFile {
        SourceFile { name: name.to_string(), text: text.to_string() }
    }

    #[test]
    fn duplicate_entities_merge_across_files() {
        let mut g = Gazetteer::default();
        g.add_file(&file(
            "a.toml",
            "[[entity]]\nname = \"Olaf Scholz\"\ntype = \"person\"\nvariants = [\"O. Scholz\"]\n",
        ))
        .unwrap();
        g.add_file(&file(
            "b.toml",
            "[[entity]]\nname = \"olaf scholz\"\ntype = \"person\"\nwrong = [\"Olaf Sholts\"]\nrole = \"chancellor\"\n",
        ))
        .unwrap();
        assert_eq!(g.entities.len(), 1);
        let e = g.get("Olaf Scholz").unwrap();
        assert_eq!(e.variants, vec!["O. Scholz"]);
        assert_eq!(e.wrong, vec!["Olaf Sholts"]);
        assert_eq!(e.role.as_deref(), Some("chancellor"));
        assert_eq!(e.surname(), Some("Scholz"));
        assert_eq!(e.given_name(), Some("Olaf"));
        assert_eq!(e.file, "a.toml");
    }

    #[test]
    fn empty_name_is_an_error() {
        let mut g = Gazetteer::default();
        assert!(g.add_file(&file("a.toml", "[[entity]]\nname = \" \"\ntype = \"person\"\n")).is_err());
    }
}
