#!/usr/bin/env bash
# The typographic finish of the report (issue 14, item 5), on the 2023
# report and the years of tests/years/ that render (pdf_typography.py):
# kerning drawn (no « Te » without its kerning), measured and drawn widths
# equal (flush-right running heads and folios end on one x), page labels
# i, ii, 3, 4… that the folios read.
# The check bites: the 2023 report with its kerning numbers taken out of
# the TJ arrays, and without its page labels, fails it.
set -u
bin=$1; fails=0
PY=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=1; }

"$bin" -q --pdf "$tmp/2023.pdf" --xlsx "$tmp/2023.xlsx" data/2023.yaml 2>"$tmp/err" \
  || { fail "rapport 2023 non produit"; cat "$tmp/err"; exit 1; }
$PY tests/e2e/pdf_typography.py "$tmp/2023.pdf" || fails=1
for y in tests/years/*.yaml; do
  name=$(basename "$y" .yaml)
  "$bin" -q --pdf "$tmp/$name.pdf" --xlsx "$tmp/$name.xlsx" "$y" 2>/dev/null || continue
  $PY tests/e2e/pdf_typography.py "$tmp/$name.pdf" || fails=1
done

# ---- the check bites ------------------------------------------------------------
$PY - "$tmp/2023.pdf" "$tmp/broken.pdf" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
for page in pdf.pages:
    ops = []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "TJ":   # the strings alone: drawn unkerned
            operands = [pikepdf.Array([x for x in operands[0] if isinstance(x, pikepdf.String)])]
        ops.append((operands, op))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
del pdf.Root.PageLabels
pdf.save(sys.argv[2])
EOF
out=$($PY tests/e2e/pdf_typography.py "$tmp/broken.pdf" 2>&1)
for want in "paire non crénée : p. 2 : « Te » dans « Planif Territoires »" "titre courant de la page" \
            "pas de /PageLabels" "page 2 : folio « ii », étiquette « 2 »"; do
  [[ "$out" == *"$want"* ]] || fail "le contrôle ne voit pas : $want"
done
exit $fails
