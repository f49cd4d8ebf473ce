#!/usr/bin/env python3
"""Convert public transliteration facts into the compact data files under rules/data/translit/.

Inputs (paths default to the shared corpus beside the repository):
  - iuliia romanization schemas (JSON, MIT licence, (c) 2020 Anton Zhiyanov): the subset that
    produces plain Latin letters is written to rules/data/translit/schemas.toml;
  - Wikidata English/Russian person-name token pairs (CC0): written to
    rules/data/translit/en-ru-names.txt, one `english russian` pair a line, keeping tokens seen
    at least MIN_COUNT times plus every token of every gazetteer person (rules/data/gazetteer/).

Re-run after adding gazetteer people whose tokens are rare (tokens missing from the table fall
back to approximate letter rules):
  python3 scripts/translit_data.py [--iuliia DIR] [--names TSV] [--gazetteer-dir DIR ...]
"""
import argparse
import json
import re
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "rules" / "data" / "translit"
MIN_COUNT = 20

# (schema file, used in English-language news for Russian names?)
SCHEMAS = [
    ("wikipedia", True),
    ("bgn_pcgn", True),
    ("icao_doc_9303", True),
    ("mosmetro", True),
    ("yandex_maps", True),
    ("gost_52290", False),
    ("mvd_782", False),
    ("mvd_310", False),
    ("bs_2979_alt", False),
    ("ala_lc_alt", False),
    ("yandex_money", False),
    ("telegram", False),
]


def toml_str(s):
    return json.dumps(s, ensure_ascii=False)


def inline(table):
    if not table:
        return "{}"
    return "{ " + ", ".join(f"{toml_str(k)} = {toml_str(v.replace('·', ''))}" for k, v in table.items()) + " }"


def write_schemas(iuliia):
    lines = [
        "# Cyrillic -> Latin romanization schemas used to generate round-trip spellings of names.",
        "# Converted by scripts/translit_data.py from the iuliia schema files",
        "# (MIT licence, Copyright (c) 2020 Anton Zhiyanov; see LICENSE-iuliia.txt). `news = true`: a schema whose output",
        "# English-language news accepts for Russian names (its forms are variants, not errors).",
        "# mapping: letter; prev: previous letter + letter (a lone letter = word start);",
        "# next: letter + next letter; ending: the last two letters of a word.",
        "",
    ]
    for name, news in SCHEMAS:
        d = json.loads((iuliia / f"{name}.json").read_text(encoding="utf-8"))
        lines.append("[[schema]]")
        lines.append(f"name = {toml_str(name)}")
        lines.append(f"news = {'true' if news else 'false'}")
        for key, field in [("mapping", "mapping"), ("prev", "prev_mapping"), ("next", "next_mapping"),
                           ("ending", "ending_mapping")]:
            table = {k: v for k, v in (d.get(field) or {}).items() if re.fullmatch(r"[а-яё]+", k)}
            lines.append(f"{key} = {inline(table)}")
        lines.append("")
    (OUT / "schemas.toml").write_text("\n".join(lines), encoding="utf-8")


def gazetteer_tokens(extra_dirs):
    tokens = set()
    files = sorted((ROOT / "rules" / "data" / "gazetteer").glob("*.toml"))
    for d in extra_dirs:
        files += sorted(Path(d).glob("*.toml"))
    for f in files:
        data = tomllib.loads(f.read_text(encoding="utf-8"))
        for e in data.get("entity", []):
            if e.get("type") != "person":
                continue
            for name in [e["name"], *e.get("variants", [])]:
                tokens.update(t.lower() for t in re.findall(r"[^\W\d_]+", name))
    return tokens


def write_names(tsv, extra_dirs):
    wanted = gazetteer_tokens(extra_dirs)
    pairs = {}
    with open(tsv, encoding="utf-8") as fh:
        next(fh)
        for line in fh:
            en, ru, count, _ = line.rstrip("\n").split("\t")
            if not re.fullmatch(r"[a-zà-öø-ÿ'-]+", en) or not re.fullmatch(r"[а-яё-]+", ru):
                continue
            if int(count) >= MIN_COUNT or en in wanted:
                pairs[en] = ru
    lines = [
        "# English -> Russian spelling of person-name tokens, one `english russian` pair a line.",
        "# Converted by scripts/translit_data.py from Wikidata name pairs (CC0): tokens seen at least",
        f"# {MIN_COUNT} times plus every token of the gazetteer's people. Tokens not listed fall back to",
        "# the letter rules in en-ru-rules.toml.",
    ]
    lines += [f"{en} {ru}" for en, ru in sorted(pairs.items())]
    (OUT / "en-ru-names.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(pairs)


def main():
    shared = next((d / "shared" / "corpus" / "data" for d in ROOT.parents if (d / "shared").is_dir()),
                  ROOT.parent / "shared" / "corpus" / "data")
    ap = argparse.ArgumentParser()
    ap.add_argument("--iuliia", type=Path, default=shared / "translit-iuliia")
    ap.add_argument("--names", type=Path, default=shared / "person-names-wikidata" / "wd_russian.en-ru.tsv")
    ap.add_argument("--gazetteer-dir", action="append", default=[],
                    help="also keep the tokens of the people in this folder's gazetteer files")
    a = ap.parse_args()
    OUT.mkdir(parents=True, exist_ok=True)
    write_schemas(a.iuliia)
    (OUT / "LICENSE-iuliia.txt").write_text((a.iuliia / "LICENSE").read_text(encoding="utf-8"), encoding="utf-8")
    n = write_names(a.names, a.gazetteer_dir)
    print(f"wrote {OUT}/schemas.toml and en-ru-names.txt ({n} tokens)")


if __name__ == "__main__":
    main()
