#!/usr/bin/env python3
"""Build a benchmark corpus of N articles from real news text.

The articles of the source folders (by default ../shared/corpus/bbc-2005 beside the
repository, and the repository's corpus/) are copied round-robin until there are N of
them. Each copy gets its own name, NNNNNNN_<original name>, and every 1,000 copies go
into their own sub-folder, like a real dump. The text is copied unchanged, so every copy
of an article extracts to the same facts. The output folder is created. It must not
exist already, unless it holds a corpus this script made with the same N, in which case
it is reused.

    python3 bench/make_corpus.py 10000 target/bench/corpus-10k
    python3 bench/make_corpus.py 100000 target/bench/corpus-100k --source my/articles
"""

import argparse
import os
import shutil
import sys

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEFAULT_SOURCES = [os.path.join(REPO, "..", "shared", "corpus", "bbc-2005"), os.path.join(REPO, "corpus")]
STAMP = ".newsfacts-bench-corpus"


def articles(folders):
    found = []
    for folder in folders:
        if not os.path.isdir(folder):
            sys.exit(f"make_corpus: the source folder {folder} does not exist; pass --source DIR")
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            found.extend(os.path.join(root, f) for f in sorted(files) if f.endswith(".txt"))
    if not found:
        sys.exit("make_corpus: the source folders hold no .txt article")
    return found


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("count", type=int, help="how many articles to write")
    p.add_argument("output", help="folder to create")
    p.add_argument("--source", action="append", help="a folder of .txt articles (repeatable)")
    args = p.parse_args()

    stamp = os.path.join(args.output, STAMP)
    if os.path.exists(stamp):
        with open(stamp) as f:
            if f.read().strip() == str(args.count):
                print(f"make_corpus: {args.output} already holds {args.count} articles; reusing it")
                return
    if os.path.exists(args.output):
        sys.exit(f"make_corpus: {args.output} exists and is not a {args.count}-article corpus; remove it first")

    sources = articles(args.source or DEFAULT_SOURCES)
    total = 0
    for i in range(args.count):
        src = sources[i % len(sources)]
        folder = os.path.join(args.output, f"{i // 1000:04d}")
        if i % 1000 == 0:
            os.makedirs(folder)
        dst = os.path.join(folder, f"{i:07d}_{os.path.basename(src)}")
        shutil.copyfile(src, dst)
        total += os.path.getsize(dst)
    with open(stamp, "w") as f:
        f.write(f"{args.count}\n")
    print(f"make_corpus: {args.count} articles, {total / 1e6:.1f} MB, from {len(sources)} distinct articles, in {args.output}")


if __name__ == "__main__":
    main()
