#!/usr/bin/env python3
"""Sanity checks for the held-out gold: run from the repository root as
    python3 tests/heldout/validate.py
It checks that every gold file parses and names an existing text, that every quote's
start/end snippets are found in order (and sit right after / before a quote mark), that
every figure value occurs in the text in some spelling, that every named person occurs
in the text, and that parties are canonical. It then writes a "perfect" prediction built
from the gold to /tmp/heldout_perfect.jsonl for the scorer."""
import json, os, re, sys

HERE = os.path.dirname(os.path.abspath(__file__))
GOLD, TEXTS = os.path.join(HERE, "gold"), os.path.join(HERE, "texts")
CANON = {"Conservative", "Labour", "Liberal Democrats", "Green", "SNP", "Plaid Cymru", "Reform UK", "UKIP",
         "DUP", "Sinn Féin", "SDLP", "UUP", "Alliance", "Independent", "Democratic", "Republican",
         "Libertarian", None}
EXTRA_PARTIES = {"Mebyon Kernow"}   # a real party outside the table, on purpose
KINDS = {"votes", "share_pct", "turnout_pct", "turnout_votes", "majority", "electorate", "swing_pct"}
QMARKS = "\"'\u201c\u201d\u2018\u2019"

UNITS = {w: i for i, w in enumerate("zero one two three four five six seven eight nine ten eleven twelve "
                                     "thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split())}
TENS = {w: 10 * (i + 2) for i, w in enumerate("twenty thirty forty fifty sixty seventy eighty ninety".split())}
SCALES = {"hundred": 100, "thousand": 1000, "million": 1000000}


def word_numbers(text):
    """Values of every run of number words ("nine hundred and twelve", "forty-one", "eleven hundred")."""
    toks = re.findall(r"[A-Za-z]+|\d+(?:\.\d+)?", text.replace("-", " "))
    out = set()
    i = 0
    while i < len(toks):
        total, cur, used, j = 0, 0, False, i
        while j < len(toks):
            w = toks[j].lower()
            if w in UNITS:
                cur += UNITS[w]
            elif w in TENS:
                cur += TENS[w]
            elif w in SCALES and (used or re.fullmatch(r"\d+(?:\.\d+)?", toks[j - 1] if j else "")):
                if not used:
                    cur = float(toks[j - 1])
                if SCALES[w] == 100:
                    cur *= 100
                else:
                    total += cur * SCALES[w]
                    cur = 0
            elif w == "and" and used:
                pass
            else:
                break
            used = True
            j += 1
            out.add(total + cur)
        i = max(j, i + 1)
    return out


def numbers_in(text):
    vals = set()
    for m in re.finditer(r"\d[\d,]*(?:\.\d+)?", text):
        s = m.group().rstrip(",")
        try:
            vals.add(float(s.replace(",", "")))
        except ValueError:
            pass
    vals |= {float(v) for v in word_numbers(text)}
    return vals


def main():
    errors, warns = [], []
    perfect = []
    golds = sorted(f for f in os.listdir(GOLD) if f.endswith(".json"))
    texts = sorted(f for f in os.listdir(TEXTS) if f.endswith(".txt"))
    if [g[:-5] for g in golds] != [t[:-4] for t in texts]:
        errors.append("gold and texts folders do not pair up")
    for gf in golds:
        try:
            g = json.load(open(os.path.join(GOLD, gf), encoding="utf-8"))
        except Exception as e:
            errors.append(f"{gf}: does not parse: {e}")
            continue
        path = os.path.join(TEXTS, g.get("file", ""))
        if not os.path.isfile(path):
            errors.append(f"{gf}: file {g.get('file')!r} missing")
            continue
        raw = open(path, "rb").read()
        text = raw.decode("utf-8")
        words = len(text.split())
        if not 150 <= words <= 500:
            errors.append(f"{gf}: {words} words")
        for key in ("candidates", "not_candidates", "figures", "quotes"):
            if not isinstance(g.get(key), list):
                errors.append(f"{gf}: {key} not a list")
        # people
        for c in g["candidates"]:
            if c["name"] not in text:
                errors.append(f"{gf}: candidate {c['name']!r} not in text")
            for p in c.get("party_any", [c.get("party")]):
                if p not in CANON and p not in EXTRA_PARTIES:
                    errors.append(f"{gf}: party {p!r} not canonical")
            if c.get("elected") not in (True, False, None):
                errors.append(f"{gf}: bad elected for {c['name']}")
        for n in g["not_candidates"]:
            if n not in text:
                errors.append(f"{gf}: non-candidate {n!r} not in text")
        # figures
        nums = numbers_in(text)
        for f in g["figures"]:
            if f["kind"] not in KINDS:
                errors.append(f"{gf}: bad kind {f['kind']}")
            if float(f["value"]) not in nums:
                errors.append(f"{gf}: figure value {f['value']} not found in text")
            for s in f.get("subject_any", [f.get("subject")]):
                if s is not None and s not in text:
                    errors.append(f"{gf}: subject {s!r} not in text")
            if f.get("year") and str(f["year"]) not in text:
                warns.append(f"{gf}: year {f['year']} not written in the text (derived)")
        # quotes
        spans = []
        for q in g["quotes"]:
            s = text.find(q["start"])
            e = text.find(q["end"], s) if s >= 0 else -1
            if s < 0 or e < 0:
                errors.append(f"{gf}: quote snippet not found: {q['start']!r} / {q['end']!r}")
                continue
            e += len(q["end"])
            if text.count(q["start"]) > 1 and not q.get("optional"):
                warns.append(f"{gf}: start snippet occurs {text.count(q['start'])} times: {q['start']!r}")
            if s == 0 or text[s - 1] not in QMARKS:
                errors.append(f"{gf}: quote {q['start']!r} does not open right after a quote mark")
            if e >= len(text) or text[e] not in QMARKS:
                errors.append(f"{gf}: quote {q['end']!r} does not end right before a quote mark")
            if q["speaker"] is not None and q["speaker"] not in text:
                errors.append(f"{gf}: speaker {q['speaker']!r} not in text")
            if q["speaker"] is None and not q.get("speaker_desc"):
                errors.append(f"{gf}: null speaker without speaker_desc")
            for s2, e2, q2 in spans:
                if s < e2 and s2 < e:
                    errors.append(f"{gf}: quotes overlap: {q2['start']!r} and {q['start']!r}")
            spans.append((s, e, q))
        # double-quoted passages the gold does not account for (for review)
        for m in re.finditer(r"[\u201c\"]([^\u201c\u201d\"\n]+)[\u201d\"]", text):
            if not any(s <= m.start(1) < e for s, e, _ in spans):
                warns.append(f"{gf}: quoted text not in gold (title/scare quote?): {m.group(1)[:50]!r}")
        # perfect prediction
        rec = {"path": g["file"], "candidates": [], "figures": [], "quotes": []}
        for c in g["candidates"]:
            party = c["party_any"][0] if "party_any" in c else c.get("party")
            rec["candidates"].append({"name": c["name"], "party": party, "elected": c.get("elected")})
        for f in g["figures"]:
            subj = f["subject_any"][0] if "subject_any" in f else f.get("subject")
            rec["figures"].append({"kind": f["kind"], "value": f["value"], "subject": subj})
        for s, e, q in spans:
            bs, be = len(text[:s].encode()), len(text[:e].encode())
            rec["quotes"].append({"span": [bs, be], "text": text[s:e],
                                  "speaker": q["speaker"] or q.get("speaker_desc")})
        perfect.append(rec)
    with open("/tmp/heldout_perfect.jsonl", "w", encoding="utf-8") as fh:
        for r in perfect:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    for w in warns:
        print("note:", w)
    for e in errors:
        print("ERROR:", e)
    print(f"{len(golds)} gold files, {len(errors)} errors, {len(warns)} notes; perfect prediction in /tmp/heldout_perfect.jsonl")
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
