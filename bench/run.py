#!/usr/bin/env python3
"""Measure newsfacts: throughput, memory and start-up, next to `wc -w` on the same files.

    python3 bench/run.py                 # 10k and 100k articles, all measurements
    python3 bench/run.py --sizes 10000   # one size
    python3 bench/run.py --runs 9        # more timed rounds (default 5)
    python3 bench/run.py --no-pgo        # the release-lto build without PGO

Needs hyperfine (Debian: apt-get install hyperfine) and GNU time (/usr/bin/time). The
corpora are built by bench/make_corpus.py under target/bench/ (never committed) and
reused by later runs. Every timed command runs on warm page cache: one warm-up round
first, then --runs timed rounds. In each round `wc -w`, one thread and all threads run
one after the other on the same files, so that a change in the machine's speed (this
one's drifts by a third within an hour) falls on all three alike: the table gives the
median of the rounds, the best round for one thread, and the speed-up as the median of
each round's own ratio. Warm is not always warm: this VM pages out file pages left
idle for a few seconds (the kernel's DAMON), so the last files of a long run may come
from disk; the MB the machine read from disk during each timed command (`pgpgin` of
/proc/vmstat) is printed under the table. A second table times the first size's articles as one JSON
Lines stream on standard input (`extract --stdin`, as Spark's `RDD.pipe` runs it), made
once into target/bench/corpus-10k.jsonl. The tables are printed in Markdown and saved to
target/bench/results.md, each round's times to target/bench/*.json. Check `uptime`
first: other work on the machine makes every number worse.

The measured binary is the one to ship: the release-lto profile built with
profile-guided optimisation by bench/build_pgo.py (trained on other articles than the
benchmark's; it needs `rustup component add llvm-tools`). With --no-pgo, or when
llvm-profdata is missing, it is the plain release-lto build; the first line of the table
says which.
"""

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
BENCH = os.path.join(REPO, "target", "bench")
PLAIN = os.path.join(REPO, "target", "release-lto", "newsfacts")

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import build_pgo  # noqa: E402


def run(cmd, **kw):
    return subprocess.run(cmd, check=True, **kw)


def corpus(count):
    folder = os.path.join(BENCH, f"corpus-{count // 1000}k")
    run([sys.executable, os.path.join(REPO, "bench", "make_corpus.py"), str(count), folder])
    size = files = 0
    for root, _, names in os.walk(folder):
        for n in names:
            if n.endswith(".txt"):
                files += 1
                size += os.path.getsize(os.path.join(root, n))
    return folder, files, size


def stream_of(folder, files):
    """The articles of `folder` as one JSON Lines stream for `extract --stdin`, in path
    order, each with its path as the id: target/bench/<folder>.jsonl, made once."""
    target = folder + ".jsonl"
    if os.path.exists(target) and os.path.getmtime(target) >= os.path.getmtime(folder):
        return target
    paths = sorted(os.path.join(root, n) for root, _, names in os.walk(folder) for n in names if n.endswith(".txt"))
    assert len(paths) == files
    with open(target + ".tmp", "w", encoding="utf-8") as out:
        for path in paths:
            with open(path, encoding="utf-8", errors="replace") as f:
                out.write(json.dumps({"id": os.path.relpath(path, folder), "text": f.read()}) + "\n")
    os.replace(target + ".tmp", target)
    return target


def disk_reads_mb():
    """MB read from block devices since boot, by the whole machine (`pgpgin` of
    /proc/vmstat, in KiB), or None where the kernel does not say."""
    try:
        with open("/proc/vmstat") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("pgpgin ")) * 1024 / 1e6
    except (OSError, StopIteration):
        return None


def timed(cmd):
    """Wall-clock seconds and CPU seconds (user and system, with its children) of `cmd`,
    a shell command, and the MB the machine read from disk meanwhile (None if unknown)."""
    disk_before = disk_reads_mb()
    start = time.perf_counter()
    child = subprocess.Popen(["sh", "-c", cmd])
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    if status != 0:
        sys.exit(f"bench: `{cmd}` failed ({status})")
    disk_after = disk_reads_mb()
    disk = None if disk_before is None or disk_after is None else disk_after - disk_before
    return wall, usage.ru_utime + usage.ru_stime, disk


def rounds(commands, runs, name):
    """Each of `commands` once per round, in turn, after a warm-up round: per command its
    wall-clock seconds and CPU seconds of every round, also saved to target/bench/NAME.json."""
    for cmd in commands:
        timed(cmd)
    results = [{"command": cmd, "wall": [], "cpu": [], "disk_mb": []} for cmd in commands]
    for _ in range(runs):
        for cmd, result in zip(commands, results):
            wall, cpu, disk = timed(cmd)
            result["wall"].append(wall)
            result["cpu"].append(cpu)
            result["disk_mb"].append(disk)
    with open(os.path.join(BENCH, f"{name}.json"), "w") as f:
        json.dump(results, f, indent=1)
    return results


def hyperfine(commands, runs, name):
    out = os.path.join(BENCH, f"{name}.json")
    run(["hyperfine", "--style", "basic", "--warmup", "1", "--runs", str(runs), "--export-json", out, *commands],
        stdout=subprocess.DEVNULL)
    with open(out) as f:
        return [r for r in json.load(f)["results"]]


def disk_read(result):
    """The median MB read from disk during one command's rounds, in words."""
    reads = [mb for mb in result["disk_mb"] if mb is not None]
    return f"{statistics.median(reads):.1f} MB" if reads else "unknown"


def peak_rss_mb(cmd):
    """Peak resident memory of `cmd` (a shell command) in MB, from GNU time."""
    res = subprocess.run(["/usr/bin/time", "-v", "sh", "-c", cmd], capture_output=True, text=True, check=True)
    kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", res.stderr).group(1))
    return kb / 1024


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--sizes", default="10000,100000", help="corpus sizes in articles (default 10000,100000)")
    p.add_argument("--runs", type=int, default=5, help="timed rounds (default 5)")
    p.add_argument("--no-pgo", action="store_true", help="measure the release-lto build without profile-guided optimisation")
    p.add_argument("--no-build", action="store_true", help="measure the binary built last (the PGO one unless --no-pgo)")
    args = p.parse_args()
    for tool in ["hyperfine", "/usr/bin/time"]:
        if not shutil.which(tool):
            sys.exit(f"bench: {tool} is missing; on Debian: apt-get install hyperfine time")
    pgo = not args.no_pgo and build_pgo.llvm_profdata() is not None
    if not args.no_pgo and not pgo:
        print("bench: llvm-profdata is missing (rustup component add llvm-tools): measuring the build without PGO", file=sys.stderr)
    binary = build_pgo.BINARY if pgo else PLAIN
    if not args.no_build:
        if pgo:
            build_pgo.build(build_pgo.TRAINING)
        else:
            run(["cargo", "build", "--profile", "release-lto", "--quiet"], cwd=REPO)
    os.makedirs(BENCH, exist_ok=True)
    cores = os.cpu_count()
    lines = []
    say = lambda s="": (print(s), lines.append(s))

    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=REPO, capture_output=True, text=True).stdout.strip()
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "?")
    build = "release-lto with PGO" if pgo else "release-lto without PGO"
    say(f"newsfacts {commit} ({build}), {time.strftime('%Y-%m-%d %H:%M')}, {cores} cores ({cpu}), load before: {os.getloadavg()[0]:.2f}")
    say()
    say(f"| articles | MB | `wc -w` s | 1 thread s | 1 thread MB/s (best) | 1 thread articles/s | 1 thread MB/s of CPU time | x `wc -w` | {cores} threads s | {cores} threads MB/s | speed-up | peak RSS 1 / {cores} threads |")
    say("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    disk_notes = []
    for count in [int(s) for s in args.sizes.split(",")]:
        folder, files, size = corpus(count)
        run(["sh", "-c", f"find {folder} -name '*.txt' -print0 | xargs -0 cat > /dev/null"])
        wc = f"find {folder} -name '*.txt' -print0 | xargs -0 wc -w > /dev/null"
        one = f"{binary} extract -q -j1 {folder} > /dev/null"
        all_ = f"{binary} extract -q -j{cores} {folder} > /dev/null"
        r_wc, r_one, r_all = rounds([wc, one, all_], args.runs, f"throughput-{count}")
        t_wc, t_one, t_all = (statistics.median(r["wall"]) for r in (r_wc, r_one, r_all))
        best_one = min(r_one["wall"])
        speed_up = statistics.median(one / all_ for one, all_ in zip(r_one["wall"], r_all["wall"]))
        cpu_one = statistics.median(r_one["cpu"])
        rss_one, rss_all = peak_rss_mb(one), peak_rss_mb(all_)
        disk_notes.append(f"{files:,} articles: {disk_read(r_one)} on one thread, {disk_read(r_all)} on {cores}")
        mb = size / 1e6
        say(f"| {files:,} | {mb:.1f} | {t_wc:.2f} | {t_one:.2f} | {mb / t_one:.1f} ({mb / best_one:.1f}) | {files / t_one:,.0f} | {mb / cpu_one:.1f} | {t_one / t_wc:.0f} "
            f"| {t_all:.2f} | {mb / t_all:.1f} | {speed_up:.2f}x | {rss_one:.0f} / {rss_all:.0f} MB |")
    say()
    say(f"Medians of {args.runs} rounds; in each round the three commands ran one after the other. Speed-up: the median of each round's one-thread time over its {cores}-thread time.")
    say(f"Read from disk while newsfacts ran (median of the rounds; the page cache should hold every file): {'; '.join(disk_notes)}.")

    # The same articles as one stream on standard input, as Spark's `RDD.pipe` feeds them:
    # no files to open, but a JSON line to parse per article. MB/s are of the articles'
    # bytes, as above.
    count = int(args.sizes.split(",")[0])
    folder, files, size = corpus(count)
    stream = stream_of(folder, files)
    one = f"{binary} extract -q --stdin -j1 < {stream} > /dev/null"
    all_ = f"{binary} extract -q --stdin -j{cores} < {stream} > /dev/null"
    r_one, r_all = rounds([one, all_], args.runs, f"stream-{count}")
    t_one, t_all = (statistics.median(r["wall"]) for r in (r_one, r_all))
    speed_up = statistics.median(one / all_ for one, all_ in zip(r_one["wall"], r_all["wall"]))
    rss_one, rss_all = peak_rss_mb(one), peak_rss_mb(all_)
    mb = size / 1e6
    say()
    say(f"| `--stdin`, JSON Lines | stream MB | 1 thread s | 1 thread MB/s | {cores} threads s | {cores} threads MB/s | speed-up | peak RSS 1 / {cores} threads |")
    say("|---|---:|---:|---:|---:|---:|---:|---:|")
    say(f"| {files:,} articles | {os.path.getsize(stream) / 1e6:.1f} | {t_one:.2f} | {mb / t_one:.1f} | {t_all:.2f} | {mb / t_all:.1f} | {speed_up:.2f}x | {rss_one:.0f} / {rss_all:.0f} MB |")

    # Control: how much parallelism the machine gives right now. N independent sha256sum
    # runs side by side against one; on a quiet N-core machine the speed-up is close to N,
    # and no program can scale better than this while other work holds the cores.
    blob = os.path.join(BENCH, "control.bin")
    with open(blob, "wb") as f:
        f.write(b"\0" * 150_000_000)
    single = f"sha256sum {blob} > /dev/null"
    side_by_side = " & ".join([f"sha256sum {blob} > /dev/null"] * cores) + " & wait"
    r_single, r_parallel = (statistics.median(r["wall"]) for r in rounds([single, side_by_side], args.runs, "control"))
    say()
    say(f"Control: {cores} x `sha256sum` side by side against one: speed-up {cores * r_single / r_parallel:.2f}x "
        f"(what the machine allowed during this run; {cores}.00x on a quiet machine)")
    os.remove(blob)

    empty = os.path.join(BENCH, "empty.txt")
    open(empty, "w").close()
    election = os.path.join(REPO, "corpus", sorted(f for f in os.listdir(os.path.join(REPO, "corpus")) if f.endswith(".txt"))[0])
    starts = hyperfine([f"{binary} extract -q {empty}", f"{binary} extract -q {election}"], max(args.runs, 20), "startup")
    say()
    say("| start-up | mean | min |")
    say("|---|---:|---:|")
    for label, r in zip(["empty article", "one election article (corpus/, compiles the area patterns)"], starts):
        say(f"| {label} | {r['mean'] * 1000:.1f} ms | {r['min'] * 1000:.1f} ms |")
    say()
    say(f"load after: {os.getloadavg()[0]:.2f}")
    with open(os.path.join(BENCH, "results.md"), "w") as f:
        f.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
