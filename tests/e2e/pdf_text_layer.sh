#!/usr/bin/env bash
# The text layer of the report (issue 14, item 3), on the 2023 report and
# the years of tests/years/ that render, read as a plain extractor reads it
# (pdf_text_layer.py: the strings of the content streams in order, no
# space guessed): real spaces between words (« les acteurs », « Créé en
# 2013 »), justified lines included; the hyphens hyphenation adds are soft
# (U+00AD at a line's end), no line ends with U+002D; read through the
# structure tree (pdfinfo -struct-text), no word is glued to the next
# line's first word; the people of the
# data are never split between first name and surname nor inside a
# compound surname, and poppler never glues a hyphenated name.
# The check bites: the 2023 report drawn with its justified words placed
# one by one (no spaces) and a name split over two lines fails it.
set -u
bin=$1; fails=0
PY=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=1; }

"$bin" -q --pdf "$tmp/2023.pdf" --xlsx "$tmp/2023.xlsx" data/2023.yaml 2>"$tmp/err" \
  || { fail "rapport 2023 non produit"; cat "$tmp/err"; exit 1; }
$PY tests/e2e/pdf_text_layer.py "$tmp/2023.pdf" --data data/2023.yaml --coupures \
  --expect "Planif Territoires rassemble les acteurs qui font la planification" \
  --expect "Créé en 2013" --expect "Émilie BONNET-DERIVIÈRE" || fails=1

for y in tests/years/*.yaml; do
  name=$(basename "$y" .yaml)
  "$bin" -q --pdf "$tmp/$name.pdf" --xlsx "$tmp/$name.xlsx" "$y" 2>/dev/null || continue
  $PY tests/e2e/pdf_text_layer.py "$tmp/$name.pdf" --data "$y" || fails=1
done

# ---- the check bites ------------------------------------------------------------
$PY - "$tmp/2023.pdf" "$tmp/broken.pdf" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
u = lambda s: bytes(s).decode("utf-16-be")
S = lambda t: pikepdf.String(t.encode("utf-16-be"))
split = False
for page in pdf.pages:
    ops = []
    for operands, op in pikepdf.parse_content_stream(page):
        if str(op) == "Tj":
            operands = [S(u(operands[0]))]
        elif str(op) == "TJ":
            operands = [pikepdf.Array([S(u(x)) if isinstance(x, pikepdf.String) else x
                                       for x in operands[0]])]
        if str(op) in ("Tj", "TJ"):
            items = operands[0] if str(op) == "TJ" else operands
            text = "".join(u(x) for x in items if isinstance(x, pikepdf.String))
            # a name split: the first "Émilie BONNET-" ends its line,
            # "DERIVIÈRE" goes 12 pt lower
            if not split and "BONNET-DERIVIÈRE" in text:
                split = True
                head, tail = text.split("DERIVIÈRE", 1)
                ops += [([S(head)], pikepdf.Operator("Tj")), ([0, -12], pikepdf.Operator("Td"))]
                operands, op = [S("DERIVIÈRE" + tail)], pikepdf.Operator("Tj")
            # the spaces (U+0020) dropped: the words of a justified line
            # then stand apart by the TJ numbers alone
            if str(op) == "Tj":
                operands = [S(u(operands[0]).replace(" ", ""))]
            else:
                operands = [pikepdf.Array([S(u(x).replace(" ", "")) if isinstance(x, pikepdf.String)
                                           else x for x in operands[0]])]
        ops.append((operands, op))
    page.obj.Contents = pdf.make_stream(pikepdf.unparse_content_stream(ops))
pdf.save(sys.argv[2])
EOF
out=$($PY tests/e2e/pdf_text_layer.py "$tmp/broken.pdf" --data data/2023.yaml \
        --expect "Créé en 2013" 2>&1)
for want in "texte brut : « Créé en 2013 » absent" "espace absente entre deux chaînes" \
            "d'une ligne à l'autre" \
            "nom coupé entre deux lignes : « Émilie"; do
  [[ "$out" == *"$want"* ]] || fail "le contrôle ne voit pas : $want"
done
exit $fails
