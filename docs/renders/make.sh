#!/usr/bin/env bash
# Regenerate the reference renders in docs/renders/ (needs poppler's pdftoppm; run from
# the repository root): the first pages of the example's report and one briefing, in
# English, Chinese and the bilingual edition, as small PNGs for review in diffs.
set -euo pipefail
out=$(mktemp -d)
SOURCE_DATE_EPOCH=1730419200 PYTHONPATH=src python -m briefings build examples/iurc-china-2024 \
    --out "$out" --lang en,zh,en+zh --format pdf >/dev/null
for lang in en zh en+zh; do
    pdftoppm -png -r 40 -f 1 -l 3 "$out/$lang/visit-report.pdf" "docs/renders/$lang-visit-report"
    pdftoppm -png -r 40 -f 1 -l 1 "$out/$lang/dg-regio.pdf" "docs/renders/$lang-dg-regio"
done
rm -rf "$out"
