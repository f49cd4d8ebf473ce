#!/usr/bin/env bash
# Whole-process benchmark of the release binary with every built-in rule enabled. Prints the
# figures docs/performance.md records (throughput per core, one article start to finish,
# start-up, peak memory on a directory, speed-up with 2 jobs). Stage timings: add --stages
# (runs `cargo bench --bench engine`).
#   scripts/bench.sh [--stages] [--runs N]
# Needs hyperfine (apt-get install hyperfine) and python3; builds bench-corpus/ when missing.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=0
runs=20
while [ $# -gt 0 ]; do
    case "$1" in
        --stages) stages=1 ;;
        --runs) runs="$2"; shift ;;
        *) echo "usage: scripts/bench.sh [--stages] [--runs N]" >&2; exit 2 ;;
    esac
    shift
done
command -v hyperfine >/dev/null || { echo "error: hyperfine is missing (apt-get install hyperfine)" >&2; exit 2; }
cargo build --release --quiet
[ -f bench-corpus/all.txt ] || scripts/bench-corpus.sh
bin=target/release/mtlint
c=bench-corpus
: > "$c/empty.txt"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "rules:   $($bin rules | wc -l) built-in rules; mtlint $($bin --version | cut -d' ' -f2), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')"
echo "corpus:  $(ls $c/dir | wc -l) files, $(wc -c < $c/all.txt) bytes; article.txt $(wc -w < $c/article.txt) words"
echo

# -N: no shell in between; -i: findings exit 1, which is not a failure here.
hyperfine -N -i --warmup 3 --runs "$runs" --export-json "$out/h.json" \
    -n startup "$bin check --format concise $c/empty.txt" \
    -n article "$bin check --format concise $c/article.txt" \
    -n all "$bin check --format concise --jobs 1 $c/all.txt" \
    -n dir-j1 "$bin check --format concise --jobs 1 $c/dir" \
    -n dir-j2 "$bin check --format concise --jobs 2 $c/dir" 2>/dev/null >/dev/null

rss() { { /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null || true; } | tail -1; }
rss_dir=$(rss $bin check --format concise --jobs 2 $c/dir)
rss_all=$(rss $bin check --format concise --jobs 1 $c/all.txt)

python3 - "$out/h.json" "$(wc -c < $c/all.txt)" "$rss_dir" "$rss_all" <<'PY'
import json, sys
res = {r["command"]: r for r in json.load(open(sys.argv[1]))["results"]}
size, rss_dir, rss_all = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
def ms(name, key="mean"): return res[name][key] * 1000
def cpu(name): return (res[name]["user"] + res[name]["system"]) * 1000
mb = size / 1e6
lint_cpu = cpu("all") - cpu("startup")
lint_wall = ms("all", "median") - ms("startup", "median")
rows = [
    ("start-up (empty file), wall median", f'{ms("startup", "median"):.1f} ms', "(part of the 5 ms below)"),
    ("start-up, CPU (user+sys)", f'{cpu("startup"):.1f} ms', ""),
    ("one article start to finish, wall median", f'{ms("article", "median"):.1f} ms', "target < 5 ms"),
    ("one article, CPU (user+sys)", f'{cpu("article"):.1f} ms', ""),
    (f"throughput per core, {mb:.2f} MB in one file (CPU, start-up removed)", f"{mb / (lint_cpu / 1000):.1f} MB/s", "target >= 30 MB/s"),
    ("throughput per core (wall, start-up removed)", f"{mb / (lint_wall / 1000):.1f} MB/s", ""),
    ("directory, --jobs 1, wall median", f'{ms("dir-j1", "median"):.0f} ms', ""),
    ("directory, --jobs 2, wall median", f'{ms("dir-j2", "median"):.0f} ms', ""),
    ("speed-up with 2 jobs (wall medians)", f'{ms("dir-j1", "median") / ms("dir-j2", "median"):.2f}x', "target >= 1.7x"),
    ("peak RSS, directory, --jobs 2", f"{rss_dir / 1024:.1f} MB", "target < 30 MB"),
    ("peak RSS, all text in one file", f"{rss_all / 1024:.1f} MB", ""),
]
print("| measure | value | note |\n|---|---|---|")
for r in rows:
    print(f"| {r[0]} | {r[1]} | {r[2]} |")
PY

if [ "$stages" = 1 ]; then
    echo
    cargo bench --bench engine
fi
