#!/usr/bin/env python3
"""Split the two GGE report texts into numbered paragraphs for rules/corpus/.

Usage: scripts/split-corpus.py SOURCES_DIR OUT_DIR

Writes one line per paragraph or sub-paragraph: `¶13(a) text`. The output is
committed; this script documents how it was made and is not needed at build time.
"""
import re
import sys
from pathlib import Path

ROMAN = ["i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x"]
NOISE = [
    re.compile(r"^A/7[06]/1(74|35)$"),
    re.compile(r"^\d{2}-\d{5}"),
    re.compile(r"^https?://"),
    re.compile(r"^[¹²³⁴⁵⁶⁷⁸⁹⁰]+"),
    re.compile(r"^[IVX]+\.\s"),
    re.compile(r"^[A-Z]\.\s"),
    re.compile(r"^Norm 13 \([a-k]\)"),
    re.compile(r"^\d+ (See|A/|General Assembly|Resolution)"),
    # Second lines of two-line section headings.
    re.compile(r"^of States$"),
    re.compile(r"^and capacity-building$"),
]


# Where the numbered text ends: what follows is an annex (the list of experts).
STOP = re.compile(r"^(List of members of the Group|Annex$)")

# Words the PDF extraction of A/70/174 broke in two.
FIXES = {
    "mal icious": "malicious",
    "mul tilateral": "multilateral",
    "volunta ry": "voluntary",
    "official ly": "officially",
}


def split(text):
    paras = []  # [key, text]
    number = 0
    letter = None
    started = False
    for raw in text.splitlines():
        line = re.sub(r"\[([^\]]+)\]\(#\)", r"\1", raw).strip()
        line = re.sub(r"\s+", " ", line)
        if not line:
            continue
        if STOP.match(line):
            break
        m = re.match(r"^(\d+)\.\s+(.*)$", line)
        if m and int(m.group(1)) == number + 1:
            number += 1
            letter = None
            started = True
            paras.append([f"{number}", m.group(2)])
            continue
        if not started:
            continue
        if any(p.match(line) for p in NOISE):
            continue
        m = re.match(r"^\(([a-z]+)\)\s+(.*)$", line)
        if m:
            tok = m.group(1)
            expected = "a" if letter is None else chr(ord(letter[0]) + 1)
            if tok == expected:
                letter = tok
                paras.append([f"{number}({tok})", m.group(2)])
                continue
            if tok in ROMAN and letter is not None:
                paras.append([f"{number}({letter})({tok})", m.group(2)])
                continue
        paras[-1][1] += " " + line
    return paras


def clean(s):
    for broken, whole in FIXES.items():
        s = s.replace(broken, whole)
    s = re.sub(r"(\w) -(\w)", r"\1-\2", s)  # "non -binding" from the PDF extraction
    s = re.sub(r"\s+([,;.:])", r"\1", s)
    return re.sub(r"\s+", " ", s).strip()


def main():
    src, out = Path(sys.argv[1]), Path(sys.argv[2])
    for name, symbol, last in [("A-70-174", "A/70/174", 36), ("A-76-135", "A/76/135", 98)]:
        paras = split((src / f"{name}.txt").read_text(encoding="utf-8"))
        paras = [p for p in paras if int(re.match(r"\d+", p[0]).group()) <= last]
        lines = [f"# {symbol}", ""] + [f"¶{k} {clean(t)}" for k, t in paras]
        (out / f"{name}.txt").write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
