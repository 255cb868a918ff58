#!/usr/bin/env python3
"""Build newsfacts with profile-guided optimisation (PGO): the fastest binary to ship.

    python3 bench/build_pgo.py            # prints the binary's path: target/pgo-use/release-lto/newsfacts
    python3 bench/build_pgo.py --train DIR [DIR ...]

Three steps, all under target/ (never committed):
1. an instrumented build of the release-lto profile (target/pgo-generate/);
2. that build extracts the training articles, writing how often each branch and call
   ran (target/pgo/train/*.profraw), merged by llvm-profdata;
3. the release-lto build again, compiled with those counts (target/pgo-use/): the
   compiler lays out the hot paths of the rules straight and inlines where the calls
   are frequent. The records are the same bytes; only the speed changes.

The training articles are by default ../shared/corpus/polnear-train (840 US campaign
articles) and ../shared/corpus/elections (UK student election reports): none of them is
in the benchmark corpora (the BBC articles and corpus/), so the benchmark does not
measure the binary on the texts it was trained on. llvm-profdata comes with Rust's
llvm-tools component: `rustup component add llvm-tools`.
"""

import argparse
import glob
import os
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SHARED = os.path.join(os.path.dirname(REPO), "shared", "corpus")
TRAINING = [os.path.join(SHARED, "polnear-train"), os.path.join(SHARED, "elections")]
BINARY = os.path.join(REPO, "target", "pgo-use", "release-lto", "newsfacts")


def llvm_profdata():
    """llvm-profdata of the toolchain that builds the project, or None."""
    sysroot = subprocess.run(["rustc", "--print", "sysroot"], cwd=REPO, capture_output=True, text=True, check=True).stdout.strip()
    host = next(l.split(":", 1)[1].strip() for l in subprocess.run(["rustc", "-vV"], capture_output=True, text=True, check=True).stdout.splitlines() if l.startswith("host:"))
    tool = os.path.join(sysroot, "lib", "rustlib", host, "bin", "llvm-profdata")
    return tool if os.path.exists(tool) else None


def cargo_build(target_dir, rustflags):
    env = dict(os.environ, RUSTFLAGS=" ".join(filter(None, [os.environ.get("RUSTFLAGS", ""), rustflags])))
    subprocess.run(["cargo", "build", "--profile", "release-lto", "--quiet", "--target-dir", target_dir], cwd=REPO, env=env, check=True)
    return os.path.join(target_dir, "release-lto", "newsfacts")


def build(training):
    """Builds the PGO binary from `training` (folders of articles); returns its path."""
    profdata = llvm_profdata()
    if profdata is None:
        sys.exit("build_pgo: llvm-profdata is missing; install it with `rustup component add llvm-tools`")
    missing = [t for t in training if not os.path.exists(t)]
    if missing:
        sys.exit(f"build_pgo: no training articles at {', '.join(missing)}; name others with --train")
    work = os.path.join(REPO, "target", "pgo")
    shutil.rmtree(work, ignore_errors=True)
    os.makedirs(os.path.join(work, "train"))
    # The build scripts are instrumented too and write their counts here while the
    # project builds; only the training run's counts (LLVM_PROFILE_FILE) are merged.
    instrumented = cargo_build(os.path.join(REPO, "target", "pgo-generate"), f"-Cprofile-generate={os.path.join(work, 'build')}")
    env = dict(os.environ, LLVM_PROFILE_FILE=os.path.join(work, "train", "newsfacts-%p-%m.profraw"))
    subprocess.run([instrumented, "extract", "--quiet", "--threads", "1", *training, "-o", os.devnull], env=env, check=True)
    merged = os.path.join(work, "merged.profdata")
    subprocess.run([profdata, "merge", "-o", merged, *glob.glob(os.path.join(work, "train", "*.profraw"))], check=True)
    return cargo_build(os.path.join(REPO, "target", "pgo-use"), f"-Cprofile-use={merged}")


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--train", nargs="+", default=TRAINING, metavar="DIR", help="folders of training articles (default: polnear-train and elections of ../shared/corpus)")
    args = p.parse_args()
    print(build(args.train))


if __name__ == "__main__":
    main()
