#!/usr/bin/env bash
# End-to-end check of the PDF backend on the sample document written by the
# unit-test program test_layout_pdf (layout with the Lato fonts, two passes):
# valid PDF (qpdf), fonts embedded as subsets (pdffonts), French text with
# accents and guillemets extractable (pdftotext), outline entries and URI
# link present (qpdf --json), document information, byte-identical output
# of two runs. $1 is the program path (its build dir holds the unit tests).
set -u
bin=$1
dir=$(dirname "$bin")
sample=$dir/unit/test_layout_pdf
case $bin in *-san) [ -x "$dir/unit-san/test_layout_pdf" ] && sample=$dir/unit-san/test_layout_pdf ;; esac
[ -x "$sample" ] || { echo "programme d'exemple absent : $sample"; exit 1; }
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC pdf_sample : $*"; exit 1; }

"$sample" --sample "$tmp/a.pdf" 2>"$tmp/err" || { cat "$tmp/err"; fail "génération"; }
"$sample" --sample "$tmp/b.pdf" 2>/dev/null || fail "seconde génération"
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || fail "deux générations diffèrent"

qpdf --check "$tmp/a.pdf" >"$tmp/check" 2>&1 || { cat "$tmp/check"; fail "qpdf --check"; }
grep -q "No syntax or stream encoding errors" "$tmp/check" || fail "qpdf signale des erreurs"

# fonts: every font embedded and subset, with a ToUnicode map
pdffonts "$tmp/a.pdf" >"$tmp/fonts" 2>&1 || fail "pdffonts"
nf=$(tail -n +3 "$tmp/fonts" | wc -l)
[ "$nf" -ge 3 ] || { cat "$tmp/fonts"; fail "moins de 3 polices"; }
bad=$(tail -n +3 "$tmp/fonts" | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes" || $(n-2) != "yes") print }')
[ -z "$bad" ] || { cat "$tmp/fonts"; fail "police non incorporée, non sous-ensemble ou sans ToUnicode"; }
grep -q "Lato-Bold" "$tmp/fonts" || fail "Lato-Bold absente"

# text: accents, apostrophes, guillemets with no-break spaces, no warning
pdftotext -layout "$tmp/a.pdf" "$tmp/a.txt" 2>"$tmp/pt.err" || fail "pdftotext"
[ -s "$tmp/pt.err" ] && { cat "$tmp/pt.err"; fail "avertissements de pdftotext"; }
for s in "Rapport d’activités 2023" "Une année de travaux" "Départementale" \
         "élaborent les documents d’urbanisme" "Réseau Planif Territoires" "Sommaire"; do
  grep -qF "$s" "$tmp/a.txt" || fail "texte absent : $s"
done
grep -qP "«\x{a0}en accès libre\x{a0}»|« en accès libre »" "$tmp/a.txt" || fail "guillemets absents"
grep -qE "5 ?/ ?6" "$tmp/a.txt" || fail "pied de page « 5 / 6 » absent"

# outline, links and info, from qpdf's JSON
qpdf --json "$tmp/a.pdf" >"$tmp/a.json" 2>/dev/null || fail "qpdf --json"
/usr/bin/python3 - "$tmp/a.json" <<'EOF' || fail "signets, liens ou informations"
import json, sys
j = json.load(open(sys.argv[1]))
titles = []
def walk(items):
    for o in items:
        titles.append(o["title"])
        walk(o.get("kids", []))
walk(j["outlines"])
want = ["Sommaire", "1. Un réseau en quelques mots", "Ce que fait le réseau", "2. Une année de travaux"]
if titles != want:
    sys.exit("signets : %r" % titles)
objs = j.get("qpdf", [None, {}])[1] if "qpdf" in j else j["objects"]
text = json.dumps(objs, ensure_ascii=False)
if "https://www.planif-territoires.logement.gouv.fr" not in text:
    sys.exit("lien URI absent")
if '"/Border": [\n' in text:
    pass
if '/Dest' not in text:
    sys.exit("lien interne absent")
EOF

pdfinfo "$tmp/a.pdf" >"$tmp/info" 2>&1 || fail "pdfinfo"
grep -q "^Title: *Rapport d’activités 2023" "$tmp/info" || fail "titre du document"
grep -q "^CreationDate: *Wed May  1 00:00:00 2024" "$tmp/info" || { cat "$tmp/info"; fail "date de création"; }
grep -q "^Pages: *6" "$tmp/info" || fail "nombre de pages"
exit 0
