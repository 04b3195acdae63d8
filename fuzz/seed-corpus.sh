#!/usr/bin/env bash
# Seeds the fuzz corpus with the worked cases and the bad inputs, so that a session starts from
# files that reach every statement of the language and every diagnostic.
set -euo pipefail
cd "$(dirname "$0")/.."
mkdir -p fuzz/corpus/check
find cases tests/bad -name '*.case' -exec cp {} fuzz/corpus/check/ \;
echo "fuzz/corpus/check: $(ls fuzz/corpus/check | wc -l) seeds"
