#!/usr/bin/env bash
# Two newsfacts binaries side by side: runs them alternately on the same corpus and
# prints each one's minimum and median wall-clock time. On a shared VM whose speed
# drifts from minute to minute, alternating runs compare two builds more fairly than two
# bench/run.py tables taken at different times.
#
#     bench/ab.sh OLD_BINARY NEW_BINARY [RUNS] [CORPUS]
#
# RUNS defaults to 10; CORPUS to target/bench/corpus-10k (made by bench/run.py or
# bench/make_corpus.py). THREADS=2 sets -j. Output goes to /dev/null. The files are read
# into the page cache before every run: this VM pages out what has been idle for a few
# seconds (DAMON), so one warm-up at the start left the later runs reading from disk.
set -euo pipefail
old=${1:?usage: bench/ab.sh OLD_BINARY NEW_BINARY [RUNS] [CORPUS]}
new=${2:?usage: bench/ab.sh OLD_BINARY NEW_BINARY [RUNS] [CORPUS]}
runs=${3:-10}
corpus=${4:-"$(dirname "$0")/../target/bench/corpus-10k"}
threads=${THREADS:-1}
[ -d "$corpus" ] || { echo "no corpus at $corpus: run bench/run.py first, or name one" >&2; exit 2; }
warm() { find "$corpus" -type f -print0 | xargs -0 cat >/dev/null; }
for _ in $(seq "$runs"); do
    for bin in "$old" "$new"; do
        warm
        /usr/bin/time -f "$bin %e" "$bin" extract -q -j"$threads" "$corpus" -o /dev/null
    done
done 2>&1 >/dev/null | python3 -c '
import collections, statistics, sys
times = collections.defaultdict(list)
for line in sys.stdin:
    binary, _, seconds = line.rstrip().rpartition(" ")
    if binary in sys.argv[1:]:
        times[binary].append(float(seconds))
for binary, t in times.items():
    print(f"{binary}: min {min(t):.3f} s, median {statistics.median(t):.3f} s, {len(t)} runs")
' "$old" "$new"
