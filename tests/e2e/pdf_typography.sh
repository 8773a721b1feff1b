#!/usr/bin/env bash
# The typographic finish of the report (issue 14, item 5), on the 2023
# report and the years of tests/years/ that render (pdf_typography.py):
# kerning drawn (no « Te » without its kerning), measured and drawn widths
# equal (flush-right running heads and folios end on one x), a two-level
# contents, page labels i, ii, 3, 4… that the folios read; and the body
# measure (pdf_measure.py): 60 to 85 characters a line of running text on
# average.
# The checks bite: the 2023 report with its kerning numbers taken out of
# the TJ arrays, without its page labels and its contents' links, fails
# them; so does the report of the template without its text column.
set -u
bin=$1; fails=0
PY=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=1; }

"$bin" -q --pdf "$tmp/2023.pdf" --xlsx "$tmp/2023.xlsx" data/2023.yaml 2>"$tmp/err" \
  || { fail "rapport 2023 non produit"; cat "$tmp/err"; exit 1; }
$PY tests/e2e/pdf_typography.py "$tmp/2023.pdf" || fails=1
$PY tests/e2e/pdf_measure.py "$tmp/2023.pdf" >"$tmp/measure" || { fails=1; cat "$tmp/measure"; }
for y in tests/years/*.yaml; do
  name=$(basename "$y" .yaml)
  "$bin" -q --pdf "$tmp/$name.pdf" --xlsx "$tmp/$name.xlsx" "$y" 2>/dev/null \
    || { fail "$name : rapport non produit"; continue; }
  $PY tests/e2e/pdf_typography.py "$tmp/$name.pdf" || fails=1
  $PY tests/e2e/pdf_measure.py "$tmp/$name.pdf" --lignes 10 >"$tmp/measure" || { fails=1; cat "$tmp/measure"; }
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
for page in pdf.pages[1:3]:   # the contents' links gone
    if "/Annots" in page.obj:
        del page.obj.Annots
pdf.save(sys.argv[2])
EOF
out=$($PY tests/e2e/pdf_typography.py "$tmp/broken.pdf" 2>&1)
# the measure bites too: the report of the template without its text column
cp -R report-templates/rapport-annuel "$tmp/large"
sed -i '/colonne_texte:/d' "$tmp/large/style.yaml"
"$bin" -q --templates "$tmp/large" --pdf "$tmp/large.pdf" --xlsx "$tmp/large.xlsx" data/2023.yaml \
  2>/dev/null || fail "rapport sans colonne de texte non produit"
$PY tests/e2e/pdf_measure.py "$tmp/large.pdf" | grep -q "signes par ligne en moyenne, hors de 60 à 85" \
  || fail "la mesure ne voit pas des lignes de plus de 85 signes"
for want in "paire non crénée : p. 2 : « Te » dans « Planif Territoires »" "titre courant de la page" \
            "pas de /PageLabels" "page 2 : folio « ii », étiquette « 2 »" \
            "sommaire : pas de ligne menant à « Présentation »"; do
  [[ "$out" == *"$want"* ]] || fail "le contrôle ne voit pas : $want"
done
exit $fails
