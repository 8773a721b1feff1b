#!/usr/bin/env bash
# The report is an accessible, archivable PDF (issue 14): tagged PDF/UA-1
# and PDF/A-1a.
#   - Apache PDFBox Preflight (PDF/A-1b, Debian's libpdfbox2-java) finds no
#     error in the 2023 report nor in any year of tests/years/
#     (none is tolerated: the outline's destinations are written as direct
#     arrays, which PDFBox 2.0 reads, rather than libharu's indirect ones,
#     its known false positive "can't convert to Destination");
#   - the project's own PDF/UA check (pdfua_check.py: the Matterhorn
#     Protocol's machine-checkable conditions) finds nothing either;
#   - both bite: a copy without output intent fails Preflight, and copies
#     each broken in one way fail pdfua_check with the failure condition's
#     number (a Figure without /Alt, a page without /Tabs, a link without
#     /Contents, a skipped heading level, untagged content, no /Lang);
#   - the reading order: the text in the structure's order (pdfinfo
#     -struct-text) follows the first pages of the 2023 report, element by
#     element (spaces ignored: the text layer's are another matter);
#   - pdfinfo says Tagged: yes; the 2023 PDF stays under 400 KB.
# With PR_E2E_SKIP_SLOW=1 (the sanitized pass) only the 2023 report is
# checked, without Java.
set -u
bin=$1; fails=0
PY=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=1; }
slow=1; [ "${PR_E2E_SKIP_SLOW:-0}" = 1 ] && slow=0

J=/usr/share/java
CP=$J/pdfbox2.jar:$J/preflight.jar:$J/fontbox2.jar:$J/xmpbox.jar:$J/commons-logging.jar:$J/javax.activation.jar:$J/jaxb-api.jar

"$bin" -q --pdf "$tmp/r.pdf" --xlsx "$tmp/r.xlsx" data/2023.yaml 2>"$tmp/err" \
  || { fail "rapport 2023 non produit"; cat "$tmp/err"; exit 1; }
size=$(stat -c %s "$tmp/r.pdf")
[ "$size" -lt 409600 ] || fail "le PDF 2023 pèse $size octets (400 Kio au plus)"
pdfinfo "$tmp/r.pdf" | grep -q '^Tagged: *yes' || fail "pdfinfo : PDF non balisé"

out=$($PY tests/e2e/pdfua_check.py "$tmp/r.pdf" 2>&1) || fail "pdfua_check sur 2023 : $out"

# ---- the checks bite ---------------------------------------------------------
$PY - "$tmp/r.pdf" "$tmp" <<'EOF' || fails=1
import subprocess, sys
import pikepdf
src, tmp = sys.argv[1], sys.argv[2]

def broken(name, how):
    pdf = pikepdf.open(src)
    how(pdf)
    path = "%s/%s.pdf" % (tmp, name)
    pdf.save(path, static_id=True)
    return path

def elems(pdf, s):
    out = []
    def visit(node, depth=0):
        if depth > 100:
            return
        if isinstance(node, pikepdf.Array):
            for x in node:
                visit(x, depth)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            if node.S == pikepdf.Name(s):
                out.append(node)
            if "/K" in node:
                visit(node.K, depth + 1)
    visit(pdf.Root.StructTreeRoot.K)
    return out

def no_alt(pdf):
    del elems(pdf, "/Figure")[0].Alt
def no_tabs(pdf):
    p = next(p for p in pdf.pages if "/Annots" in p.obj)
    del p.obj.Tabs
def no_contents(pdf):
    p = next(p for p in pdf.pages if "/Annots" in p.obj)
    del p.obj.Annots[0].Contents
def skip_level(pdf):
    elems(pdf, "/H2")[0].S = pikepdf.Name("/H3")
def no_lang(pdf):
    del pdf.Root.Lang
def untagged(pdf):
    page = pdf.pages[4]
    data = page.obj.Contents.read_bytes().replace(b"/Artifact BMC\n", b"/Span BMC\n", 1)
    page.obj.Contents = pdf.make_stream(data)

fails = 0
for name, how, code in [("sans-alt", no_alt, "13-004"), ("sans-tabs", no_tabs, "28-008"),
                        ("sans-contents", no_contents, "28-012"),
                        ("niveau-saute", skip_level, "14-003"), ("sans-langue", no_lang, "11-001"),
                        ("non-balise", untagged, "01-005")]:
    path = broken(name, how)
    r = subprocess.run(["/usr/bin/python3", "tests/e2e/pdfua_check.py", path],
                       capture_output=True, text=True)
    if r.returncode != 1 or ("Matterhorn %s" % code) not in r.stdout:
        print("ÉCHEC : pdfua_check ne signale pas %s sur la copie %s :\n%s" % (code, name, r.stdout))
        fails = 1
sys.exit(fails)
EOF

# ---- reading order of the first pages ----------------------------------------------
pdfinfo -struct-text "$tmp/r.pdf" >"$tmp/struct.txt" 2>&1 || fail "pdfinfo -struct-text"
$PY - "$tmp/struct.txt" <<'EOF' || fails=1
import re, sys
# (structure type, text it holds): in this order, spaces ignored, as the
# first pages of the 2023 report read (the contents' page numbers left out)
EXPECTED = [
    ("P", "PLANIF TERRITOIRES"), ("P", "Rapport d’activités 2023"),
    ("H1", "Sommaire"),
    ("Link", "1 Le réseau Planif Territoires en bref"), ("Link", "2 La gouvernance du réseau"),
    ("Link", "7 Une communication renouvelée"),
    ("H2", "L’année 2023 en un coup d’œil"), ("P", "Comment lire ce rapport"),
    ("H1", "1"), ("H1", "Le réseau Planif Territoires en bref"),
    ("H2", "Présentation"), ("P", "Planif Territoires rassemble les acteurs"),
    ("P", "Pour y parvenir, le réseau s’est fixé plusieurs missions :"),
    ("LBody", "Fédérer et favoriser la coopération"), ("LBody", "Faciliter les échanges"),
    ("H2", "Son offre de service"),
    ("TH", "Communauté nationale"), ("TH", "Mise à disposition d’outils"),
    ("TD", "Les rencontres nationales"),
    ("H2", "La feuille de route thématique 2023–2024"),
    ("H1", "2"), ("H1", "La gouvernance du réseau"), ("H2", "L’équipe d’animation"),
]
norm = lambda s: re.sub(r"[\s\u00ad]", "", s)
leaves, stack = [], []
for line in open(sys.argv[1], encoding="utf-8"):
    indent = len(line) - len(line.lstrip(" "))
    body = line.strip()
    if not body:
        continue
    while stack and stack[-1][0] >= indent:
        stack.pop()
    if body.startswith('"'):
        leaves.append((stack[-1][1] if stack else "", norm(body.strip('"'))))
    else:
        stack.append((indent, re.split(r"[\s:]", body)[0]))
i = 0
for tag, text in EXPECTED:
    while i < len(leaves) and not (leaves[i][0] == tag and norm(text) in leaves[i][1]):
        i += 1
    if i == len(leaves):
        print("ÉCHEC : ordre de lecture : « %s » (%s) absent ou mal placé" % (text, tag))
        sys.exit(1)
    i += 1
EOF

# ---- PDF/A: PDFBox Preflight, on 2023 and the test years ------------------------------
# (one Java run for all: Preflight's batch mode validates every PDF of a folder)
if [ $slow = 1 ]; then
  mkdir "$tmp/pf"
  cp "$tmp/r.pdf" "$tmp/pf/2023.pdf"
  # it bites: the same file without its output intent
  $PY -c "
import pikepdf, sys
p = pikepdf.open(sys.argv[1]); del p.Root.OutputIntents; p.save(sys.argv[2])" \
    "$tmp/r.pdf" "$tmp/pf/sans-profil.pdf"
  want=" 2023 "
  for y in tests/years/*.yaml; do
    name=$(basename "$y" .yaml)
    # every test year renders (issue 10); one that does not is a failure
    "$bin" -q --pdf "$tmp/pf/$name.pdf" --xlsx "$tmp/$name.xlsx" "$y" 2>/dev/null ||
      { fail "$name ne se rend pas"; continue; }
    want="$want$name "
    out=$($PY tests/e2e/pdfua_check.py "$tmp/pf/$name.pdf" 2>&1) || fail "pdfua_check sur $name : $out"
  done
  java -cp "$CP" org.apache.pdfbox.preflight.Validator_A1b batch "$tmp/pf" >"$tmp/preflight.txt" 2>&1
  for name in $want; do
    grep -qx "The file $name.pdf is a valid PDF/A-1b file" "$tmp/preflight.txt" \
      || { fail "Preflight sur $name :"; sed -n "/The file $name.pdf/,/^$/p" "$tmp/preflight.txt" | head -20; }
  done
  sed -n "/The file sans-profil.pdf/,/^$/p" "$tmp/preflight.txt" | grep -q '^2\.4\.3 : ' \
    || fail "Preflight accepte un PDF sans profil de sortie"
fi
exit $fails
