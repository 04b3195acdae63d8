#!/usr/bin/env python3
"""Refresh the rendered examples in docs/diagnostics.md from the insta snapshots of the bad
inputs (tests/snapshots/bad_input__*.snap). Run after `cargo insta review` or
`INSTA_UPDATE=always cargo test --test bad_input`; `cargo test` fails while they differ."""
import re
from pathlib import Path

root = Path(__file__).resolve().parent.parent
doc_path = root / "docs" / "diagnostics.md"
doc = doc_path.read_text(encoding="utf-8")


def fresh(match):
    path = match.group(1)
    name = Path(path).stem
    snap = (root / "tests" / "snapshots" / f"bad_input__{name}.snap").read_text(encoding="utf-8")
    body = snap.split("---\n", 2)[2].rstrip("\n")
    return f"Example (`{path}`):\n\n```\n{body}\n```"


doc = re.sub(r"Example \(`([^`]+)`\):\n\n```\n.*?\n```", fresh, doc, flags=re.S)
doc_path.write_text(doc, encoding="utf-8")
