#!/usr/bin/env bash
# The PDF backend embeds subset fonts it builds itself (font_subset.c): on
# the real 2023 report, compared with the same report embedding the whole
# font files (PR_PDF_FULL_FONTS=1): qpdf finds no error, every font is
# embedded as a subset with a ToUnicode map, the embedded font programs are
# much smaller, the CIDToGIDMap streams are trimmed, pdftotext gives exactly
# the same text (raw and -layout), two runs are byte-identical, the file
# stays well under 1 MB, and every page renders to the same pixels at
# 100 dpi (skipped with PR_E2E_SKIP_SLOW=1). No file is left in the output
# folder or in the temporary folder ($TMPDIR). $1 is the program.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC pdf_font_subset : $*"; exit 1; }

mkdir "$tmp/tmpdir"
export TMPDIR=$tmp/tmpdir
"$bin" -q -o "$tmp/out" --pdf "$tmp/a.pdf" data/2023.yaml >"$tmp/log" 2>&1
status=$?
[ "$status" = 0 ] || { cat "$tmp/log"; fail "statut $status"; }
"$bin" -q -o "$tmp/out" --pdf "$tmp/b.pdf" data/2023.yaml >/dev/null 2>&1 || fail "seconde exécution"
cmp -s "$tmp/a.pdf" "$tmp/b.pdf" || fail "deux exécutions donnent des fichiers différents"
PR_PDF_FULL_FONTS=1 "$bin" -q -o "$tmp/out" --pdf "$tmp/full.pdf" data/2023.yaml >/dev/null 2>&1 ||
  fail "exécution avec les polices complètes"
[ -z "$(ls -A "$tmp/tmpdir")" ] || fail "fichiers laissés dans le dossier temporaire : $(ls -A "$tmp/tmpdir")"
left=$(ls -A "$tmp/out" | grep -v '^annexe-' | grep -v '^rapport-activites-')
[ -z "$left" ] || fail "fichiers en trop dans le dossier de sortie : $left"

qpdf --check "$tmp/a.pdf" >"$tmp/check" 2>&1 || { tail -5 "$tmp/check"; fail "qpdf --check"; }
grep -q "No syntax or stream encoding errors" "$tmp/check" || fail "qpdf signale des erreurs"

size=$(stat -c %s "$tmp/a.pdf")
[ "$size" -lt 1000000 ] || fail "fichier de $size octets (1 Mo au plus)"
[ "$size" -lt "$(stat -c %s "$tmp/full.pdf")" ] || fail "le PDF n'est pas plus petit qu'avec les polices complètes"

pdffonts "$tmp/a.pdf" >"$tmp/fonts" 2>&1 || fail "pdffonts"
pdffonts "$tmp/full.pdf" >"$tmp/fonts-full" 2>&1 || fail "pdffonts (polices complètes)"
[ "$(tail -n +3 "$tmp/fonts" | wc -l)" -ge 3 ] || { cat "$tmp/fonts"; fail "moins de 3 polices"; }
bad=$(tail -n +3 "$tmp/fonts" | awk '{ n = NF; if ($(n-5) != "Identity-H" || $(n-4) != "yes" || $(n-3) != "yes" || $(n-2) != "yes") print }')
[ -z "$bad" ] || { cat "$tmp/fonts"; fail "police non incorporée, non sous-ensemble ou sans ToUnicode"; }
cmp -s <(tail -n +3 "$tmp/fonts" | awk '{print $1}') <(tail -n +3 "$tmp/fonts-full" | awk '{print $1}') ||
  { cat "$tmp/fonts" "$tmp/fonts-full"; fail "noms des polices différents"; }

/usr/bin/python3 - "$tmp/a.pdf" "$tmp/full.pdf" <<'EOF' || fail "programmes de police ou CIDToGIDMap"
import re, sys, zlib
def objects(path):
    """Objects of a PDF without object streams: number -> (dict text, stream bytes or None)."""
    d = open(path, "rb").read()
    objs = {}
    for m in re.finditer(rb"(?m)^(\d+) 0 obj", d):
        end = d.find(b"endobj", m.end())
        body = d[m.end():end]
        k = body.find(b"stream")
        data = None
        if k >= 0 and b"/Length" in body[:k]:
            hdr = body[:k]
            start = k + len(b"stream")
            start += 2 if body[start:start + 2] == b"\r\n" else 1
            data = body[start:body.rfind(b"endstream")]   # /Length may be indirect
            if b"FlateDecode" in hdr:
                data = zlib.decompressobj().decompress(data)
            body = hdr
        objs[int(m.group(1))] = (body, data)
    return objs
def faces(path):
    """Per CIDFontType2 font: (name, Length1 of its font program, CIDToGIDMap size)."""
    objs = objects(path)
    out = []
    for body, _ in objs.values():
        if b"/CIDFontType2" not in body:
            continue
        name = re.search(rb"/BaseFont /(\S+)", body).group(1).decode()
        cmap = objs[int(re.search(rb"/CIDToGIDMap (\d+) 0 R", body).group(1))][1]
        desc = objs[int(re.search(rb"/FontDescriptor (\d+) 0 R", body).group(1))][0]
        prog = objs[int(re.search(rb"/FontFile2 (\d+) 0 R", desc).group(1))][0]
        out.append((name, int(re.search(rb"/Length1 (\d+)", prog).group(1)), len(cmap)))
    return sorted(out)
sub, full = faces(sys.argv[1]), faces(sys.argv[2])
if [f[0] for f in sub] != [f[0] for f in full] or len(sub) < 3:
    sys.exit("polices : %r contre %r" % (sub, full))
for (name, l1, m), (_, fl1, fm) in zip(sub, full):
    if l1 >= 40000 or l1 * 10 > fl1 * 6:
        sys.exit("%s : programme de police de %d octets (%d avec la police complète)" % (name, l1, fl1))
    if fm != 131070 or m >= 65536 or m % 2:
        sys.exit("%s : CIDToGIDMap de %d octets (%d avec la police complète)" % (name, m, fm))
EOF

for mode in raw layout; do
  opt=$([ $mode = layout ] && echo -layout)
  pdftotext $opt "$tmp/a.pdf" "$tmp/a-$mode.txt" 2>"$tmp/pt.err" || fail "pdftotext"
  [ -s "$tmp/pt.err" ] && { head -3 "$tmp/pt.err"; fail "avertissements de pdftotext"; }
  pdftotext $opt "$tmp/full.pdf" "$tmp/full-$mode.txt" 2>/dev/null || fail "pdftotext (polices complètes)"
  diff "$tmp/full-$mode.txt" "$tmp/a-$mode.txt" >"$tmp/diff" ||
    { head -20 "$tmp/diff"; fail "texte différent avec les sous-ensembles ($mode)"; }
done
grep -q "é" "$tmp/a-raw.txt" || fail "texte accentué illisible"

if [ "${PR_E2E_SKIP_SLOW:-0}" != 1 ]; then
  mkdir "$tmp/px-a" "$tmp/px-full"
  pdftoppm -r 100 -gray "$tmp/a.pdf" "$tmp/px-a/p" || fail "pdftoppm"
  pdftoppm -r 100 -gray "$tmp/full.pdf" "$tmp/px-full/p" || fail "pdftoppm (polices complètes)"
  n=0
  for f in "$tmp"/px-full/p-*.pgm; do
    n=$((n + 1))
    g=$tmp/px-a/$(basename "$f")
    [ -f "$g" ] || fail "page $(basename "$f") absente"
    cmp -s "$f" "$g" || fail "page $(basename "$f" .pgm) : pixels différents avec les sous-ensembles"
  done
  [ "$n" -ge 10 ] || fail "seulement $n pages rendues"
fi
exit 0
