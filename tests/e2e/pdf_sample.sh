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
/usr/bin/python3 - "$tmp/a.json" <<'EOF' || fail "signets ou liens"
import json, sys
j = json.load(open(sys.argv[1]))
got = []
def walk(items, level):
    for o in items:
        got.append((level, o["title"], o["destpageposfrom1"]))
        walk(o.get("kids", []), level + 1)
walk(j["outlines"], 1)
want = [(1, "Sommaire", 2), (1, "1. Un réseau en quelques mots", 3),
        (2, "Ce que fait le réseau", 4), (1, "2. Une année de travaux", 5)]
if got != want:
    sys.exit("signets : %r" % got)
links = [v["value"] for v in j["qpdf"][1].values()
         if isinstance(v.get("value"), dict) and v["value"].get("/Subtype") == "/Link"]
uris = [l["/A"]["/URI"] for l in links if "/A" in l]
if uris != ["u:https://www.planif-territoires.logement.gouv.fr"]:
    sys.exit("liens URI : %r" % uris)
if sum(1 for l in links if "/Dest" in l) != 3:
    sys.exit("liens internes du sommaire : %d" % sum(1 for l in links if "/Dest" in l))
if any(l.get("/Border") != [0, 0, 0] for l in links):
    sys.exit("lien avec bordure visible")
EOF

pdfinfo "$tmp/a.pdf" >"$tmp/info" 2>&1 || fail "pdfinfo"
grep -q "^Title: *Rapport d’activités 2023" "$tmp/info" || fail "titre du document"
grep -q "^CreationDate: *Wed May  1 00:00:00 2024" "$tmp/info" || { cat "$tmp/info"; fail "date de création"; }
grep -q "^Pages: *6" "$tmp/info" || fail "nombre de pages"
exit 0
