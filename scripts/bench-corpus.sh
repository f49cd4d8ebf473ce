#!/usr/bin/env bash
# Build the local benchmark corpus (git-ignored) from every .txt under the shared corpus:
#   bench-corpus/all.txt      every article concatenated (throughput, one big file)
#   bench-corpus/dir/         every article as its own file (directory runs, --jobs, memory)
#   bench-corpus/article.txt  one article of about 700 words (the editor save-hook case)
# Usage: scripts/bench-corpus.sh [SHARED_CORPUS_DIR]   (default: ../shared/corpus, /work/shared/corpus)
set -euo pipefail
cd "$(dirname "$0")/.."
src="${1:-}"
if [ -z "$src" ]; then
    for c in ../shared/corpus ../../shared/corpus /work/shared/corpus; do
        if [ -d "$c" ]; then src="$c"; break; fi
    done
fi
if [ -z "$src" ] || [ ! -d "$src" ]; then
    echo "error: no shared corpus found; pass its directory" >&2
    exit 2
fi
out=bench-corpus
rm -rf "$out"
mkdir -p "$out/dir"
# Sorted for a stable order; file names flattened so every article is its own file.
find "$src" -name '*.txt' -type f | LC_ALL=C sort > "$out/files.lst"
n=0
while IFS= read -r f; do
    rel="${f#"$src"/}"
    cp "$f" "$out/dir/$(printf '%05d' "$n")-${rel//\//_}"
    n=$((n + 1))
done < "$out/files.lst"
# Concatenate with a blank line between articles so paragraphs do not run together.
while IFS= read -r f; do cat "$f"; printf '\n\n'; done < "$out/files.lst" > "$out/all.txt"
# The save-hook article: the file whose word count is closest to 700.
best=""; bestd=1000000000
while IFS= read -r f; do
    w=$(wc -w < "$f")
    d=$(( w > 700 ? w - 700 : 700 - w ))
    if [ "$d" -lt "$bestd" ]; then best="$f"; bestd="$d"; fi
done < "$out/files.lst"
cp "$best" "$out/article.txt"
echo "bench-corpus: $n files, $(wc -c < "$out/all.txt") bytes, $(wc -w < "$out/all.txt") words; article.txt: $(wc -w < "$out/article.txt") words (from ${best#"$src"/})"
