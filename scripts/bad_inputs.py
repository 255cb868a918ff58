#!/usr/bin/env python3
"""Builds the adversarial inputs of issue 4 (bad input) in a folder, to measure newsfacts
on them with `/usr/bin/time -v`. Not a test: the sizes are real, so runs take a while.

    python3 scripts/bad_inputs.py OUT_DIR [--size BYTES] [--cases a,b,...]
    python3 scripts/bad_inputs.py OUT_DIR --files 100000     # a folder of small files
    python3 scripts/bad_inputs.py OUT_DIR --huge 200000000   # one 200 MB article

Every case is one file OUT_DIR/<case>.txt of about BYTES bytes (default 5,000,000), built
by repeating a unit: the bundled corpus as one line, as one sentence, runs of quote marks,
names, pronouns, numbers, whitespace, line ends.
"""

import argparse
import glob
import os

HERE = os.path.dirname(os.path.abspath(__file__))


def corpus_text():
    arts = sorted(glob.glob(os.path.join(HERE, "..", "corpus", "*.txt")))
    return " ".join(open(a, encoding="utf-8").read() for a in arts)


def one_line():
    return corpus_text().replace("\r", " ").replace("\n", " ") + " "


def one_sentence():
    return one_line().translate({ord(c): " " for c in ".!?"})


CASES = {
    "line": one_line,
    "sentence": one_sentence,
    "quotes-straight": lambda: 'votes " ',
    "quotes-open": lambda: "\u201cwe won ",
    "quotes-close": lambda: "we won\u201d ",
    "quotes-single": lambda: "the voters' 'choice ",
    "quotes-mixed": lambda: '"We won,\u201d she said \u2018 and \u201c',
    "names-run": lambda: "Smith Jones ",
    "names-said": lambda: "Jane Smith said it. ",
    "names-distinct": None,  # many different people, built below
    "parties-run": lambda: "Labour ",
    "pronouns": lambda: "Dr Jane Smith won. Mr John Brown lost. She said. He said. They said. The Labour candidate smiled. ",
    "numbers": lambda: "Jane Smith (Lab) 1,234 votes, 51.3% of the vote, a majority of 456. ",
    "spaces": lambda: " ",
    "newlines": lambda: "\n",
    "crs": lambda: "a\r",
    "word": lambda: "a",
    "tiny-sentences": lambda: "A. ",
    "short-lines": lambda: "Labour won 1,234 votes.\n",
    "election-lines": lambda: "Jane Smith (Lab) won the seat with 1,234 votes in the election; turnout was 61%.\n",
}


def distinct_names(size):
    out, i = [], 0
    total = 0
    while total < size:
        line = f"Candidate Jane Smith{i:06d} said she won {i} votes. "
        out.append(line)
        total += len(line)
        i += 1
    return "".join(out)


def build(case, size):
    if case == "names-distinct":
        text = distinct_names(size)
    else:
        unit = CASES[case]()
        text = unit * (size // len(unit.encode()) + 1)
    data = text.encode()[:size]
    while True:
        try:
            data.decode()
            return data
        except UnicodeDecodeError:
            data = data[:-1]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("out")
    ap.add_argument("--size", type=int, default=5_000_000)
    ap.add_argument("--cases", default=",".join(CASES))
    ap.add_argument("--files", type=int, help="write this many small articles into OUT/files/")
    ap.add_argument("--huge", type=int, help="write one article of this many bytes, OUT/huge.txt")
    args = ap.parse_args()
    os.makedirs(args.out, exist_ok=True)
    if args.files:
        folder = os.path.join(args.out, "files")
        arts = sorted(glob.glob(os.path.join(HERE, "..", "corpus", "*.txt")))
        bodies = [open(a, "rb").read() for a in arts]
        for i in range(args.files):
            sub = os.path.join(folder, f"{i // 1000:03d}")
            os.makedirs(sub, exist_ok=True)
            with open(os.path.join(sub, f"{i:06d}.txt"), "wb") as f:
                f.write(bodies[i % len(bodies)][: 200 + i % 800])
        return
    if args.huge:
        text = corpus_text().encode()
        with open(os.path.join(args.out, "huge.txt"), "wb") as f:
            written = 0
            while written < args.huge:
                chunk = text[: args.huge - written]
                f.write(chunk)
                written += len(chunk)
        return
    for case in args.cases.split(","):
        with open(os.path.join(args.out, f"{case}.txt"), "wb") as f:
            f.write(build(case, args.size))


if __name__ == "__main__":
    main()
