#!/usr/bin/env bash
# What the PDF backend promises, checked on the real report written by the
# CLI from data/2023.yaml: two runs give byte-identical files, qpdf finds
# no error, every page is A4, every font is
# embedded as a subset with a ToUnicode map, pdftotext reads it without
# warnings, the outline has one entry per section, and no link shows a
# border. $1 is the program.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC pdf_report_backend : $*"; exit 1; }

"$bin" -q -o "$tmp" --pdf "$tmp/a.pdf" data/2023.yaml >"$tmp/out" 2>&1
status=$?
[ "$status" = 0 ] || { cat "$tmp/out"; fail "statut $status"; }
"$bin" -q -o "$tmp" --pdf "$tmp/b.pdf" data/2023.yaml >/dev/null 2>&1 || fail "seconde exécution"
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || fail "deux exécutions donnent des fichiers différents"

qpdf --check "$tmp/a.pdf" >"$tmp/check" 2>&1 || { tail -5 "$tmp/check"; fail "qpdf --check"; }
grep -q "No syntax or stream encoding errors" "$tmp/check" || fail "qpdf signale des erreurs"

pdfinfo -f 1 -l 999 "$tmp/a.pdf" >"$tmp/info" 2>&1 || fail "pdfinfo"
bad=$(grep "^Page .* size:" "$tmp/info" | grep -v "595.276 x 841.89 pts (A4)")
grep -q "^Page .* size:" "$tmp/info" || fail "tailles de page absentes"
[ -z "$bad" ] || { echo "$bad" | head -3; fail "page hors format A4"; }
grep -q "^Title: .*2023" "$tmp/info" || fail "titre du document absent"

pdffonts "$tmp/a.pdf" >"$tmp/fonts" 2>&1 || fail "pdffonts"
[ "$(tail -n +3 "$tmp/fonts" | wc -l)" -ge 2 ] || fail "polices absentes"
bad=$(tail -n +3 "$tmp/fonts" | awk '{ n = NF; if ($(n-4) != "yes" || $(n-3) != "yes" || $(n-2) != "yes") print }')
[ -z "$bad" ] || { cat "$tmp/fonts"; fail "police non incorporée, non sous-ensemble ou sans ToUnicode"; }

pdftotext "$tmp/a.pdf" "$tmp/a.txt" 2>"$tmp/pt.err" || fail "pdftotext"
[ -s "$tmp/pt.err" ] && { head -3 "$tmp/pt.err"; fail "avertissements de pdftotext"; }
grep -q "é" "$tmp/a.txt" || fail "texte accentué illisible"

qpdf --json "$tmp/a.pdf" >"$tmp/a.json" 2>/dev/null || fail "qpdf --json"
/usr/bin/python3 - "$tmp/a.json" <<'EOF' || fail "signets ou liens"
import json, sys
j = json.load(open(sys.argv[1]))
top = [o["title"] for o in j["outlines"]]
if len(top) < 7 or not all(t.strip() for t in top):
    sys.exit("signets de premier niveau (une par section attendue) : %r" % top)
def walk(items):
    for e in items:
        yield e
        yield from walk(e.get("kids", []))
titles = [e["title"] for e in walk(j["outlines"])]
if any("'" in t for t in titles):
    sys.exit("signets avec une apostrophe droite : %r" % [t for t in titles if "'" in t])
if not any(o.get("kids") for o in j["outlines"]):
    sys.exit("aucun signet de sous-section")
pages = [o["destpageposfrom1"] for o in j["outlines"]]
if pages != sorted(pages) or any(p < 1 for p in pages):
    sys.exit("signets : pages de destination %r" % pages)
links = [v["value"] for v in j["qpdf"][1].values()
         if isinstance(v.get("value"), dict) and v["value"].get("/Subtype") == "/Link"]
if not links:
    sys.exit("aucun lien")
if any(l.get("/Border") != [0, 0, 0] for l in links):
    sys.exit("lien avec bordure visible")
EOF
exit 0
