#!/usr/bin/env bash
# Template and font-table files as an editor or an accident may leave them:
# a BOM at the start of textes.txt, structure.yaml, style.yaml and
# fonts.conf is accepted (the same report, byte for byte); a NUL byte or a
# control character in textes.txt is a template error at its line and
# column (not a silent truncation); 10 000 nested {{#si}} are one error,
# found at once; margins that leave no room are a template error, not 934
# pages; a word longer than the line stays within the page; no output
# folder is made when the template is refused.
set -u
bin=$1; fails=0
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=$((fails + 1)); }
slow=1; case $(basename "$bin") in *-san) slow=4 ;; esac
data=$root/data/2023.yaml

# A working copy of the template and the font table, run from inside it
# (the font table is found as fonts/fonts.conf under the current folder).
fresh() {
  rm -rf "$tmp/w"; mkdir -p "$tmp/w/fonts" "$tmp/w/report-templates"
  cp -R "$root/report-templates/rapport-annuel" "$tmp/w/report-templates/"
  cp "$root/fonts/fonts.conf" "$tmp/w/fonts/"
}
T=report-templates/rapport-annuel

fresh
(cd "$tmp/w" && "$bin" -q -o "$tmp/ref" "$data") || fail "copie du gabarit : échec"

# ---- a BOM in every text input: the same report
fresh
for f in $T/textes.txt $T/structure.yaml $T/style.yaml fonts/fonts.conf; do
  { printf '\xef\xbb\xbf'; cat "$tmp/w/$f"; } >"$tmp/x" && mv "$tmp/x" "$tmp/w/$f"
done
(cd "$tmp/w" && "$bin" -q -o "$tmp/bom" "$data") 2>"$tmp/err" || { fail "BOM : échec"; cat "$tmp/err"; }
cmp -s "$tmp/ref/rapport-activites-2023.pdf" "$tmp/bom/rapport-activites-2023.pdf" ||
  fail "BOM : le rapport diffère"

# expect STATUS TEXT: a run of the working copy into a new folder, which
# must not be created when the status is not 0
expect() {
  (cd "$tmp/w" && "$bin" -q -o "$tmp/nouveau/dossier" "$data") >/dev/null 2>"$tmp/err"; local st=$?
  [ "$st" = "$1" ] || { fail "statut $st (attendu $1) pour : $2"; sed 's/^/    /' "$tmp/err" | head -4; }
  grep -qF -- "$2" "$tmp/err" || { fail "message absent : $2"; sed 's/^/    /' "$tmp/err" | head -4; }
  if [ "$1" != 0 ] && [ -e "$tmp/nouveau" ]; then fail "dossier de sortie créé malgré : $2"; fi
  rm -rf "$tmp/nouveau"
}

# ---- a NUL byte, a control character, bytes that are not UTF-8
fresh
line=$(grep -n '^=== presentation' "$tmp/w/$T/textes.txt" | cut -d: -f1)
sed -i "$((line + 1))s/^/Le réseau\x00 coupé /" "$tmp/w/$T/textes.txt"
expect 1 "$T/textes.txt:$((line + 1)):10: erreur: caractère nul U+0000 interdit dans le texte"
fresh
sed -i "$((line + 1))s/^/Le titre\x1b]0;x\x07 /" "$tmp/w/$T/textes.txt"
expect 1 "$T/textes.txt:$((line + 1)):9: erreur: caractère de contrôle U+001B interdit dans le texte"
fresh
sed -i "$((line + 1))s/^/caf\xe9 /" "$tmp/w/$T/textes.txt"
expect 1 "$T/textes.txt:$((line + 1)):4: erreur: octet UTF-8 invalide (0xE9)"
fresh
printf 'regular = /usr/share/fonts/truetype/lato/Lato-Regular.ttf\x01\n' >"$tmp/w/fonts/fonts.conf"
expect 1 "fonts/fonts.conf:1:58: erreur: caractère de contrôle U+0001 interdit dans le fichier"

# ---- 10 000 nested {{#si}}: one error, at once
fresh
/usr/bin/python3 - "$tmp/w/$T/textes.txt" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
i = s.index("\n", s.index("\n=== presentation")) + 1
n = 10000
open(p, "w", encoding="utf-8").write(s[:i] + "{{#si rapport.annee}}" * n + "x" + "{{/si}}" * n + "\n" + s[i:])
PY
start=$(date +%s%N)
expect 1 "erreur: blocs trop imbriqués : au plus 32 niveaux de {{#si}}, {{#chaque}} et {{#liste}} l'un dans l'autre"
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt $((2000 * slow)) ] || fail "10 000 {{#si}} imbriqués : $ms ms"
[ "$(grep -c "trop imbriqués" "$tmp/err")" -eq 1 ] || fail "10 000 {{#si}} imbriqués : plus d'une erreur"

# ---- margins larger than the page
fresh
sed -i 's/  marges: {haut: 22, bas: 24, gauche: 20, droite: 20}/  marges: {haut: 22, bas: 24, gauche: 100, droite: 100}/' "$tmp/w/$T/style.yaml"
mline=$(grep -n "gauche: 100" "$tmp/w/$T/style.yaml" | cut -d: -f1)
expect 1 "$T/style.yaml:$mline:11: erreur: marges trop grandes pour la page : il reste 10 × 251 mm pour le texte (au moins 40 mm dans chaque sens)"

# ---- a word longer than the line: within the page, with a warning
fresh
/usr/bin/python3 - "$tmp/w/$T/textes.txt" <<'PY'
import sys
p = sys.argv[1]
s = open(p, encoding="utf-8").read()
i = s.index("\n", s.index("\n=== presentation")) + 1
open(p, "w", encoding="utf-8").write(s[:i] + "Anti" + "constitutionnellement" * 300 + " fin.\n" + s[i:])
PY
(cd "$tmp/w" && "$bin" -o "$tmp/mot" "$data") >/dev/null 2>"$tmp/err" || { fail "mot long : échec"; cat "$tmp/err"; }
grep -q "est plus large que la colonne : il est coupé" "$tmp/err" || fail "mot long : avertissement absent"
# every glyph of the text inside the page (pdftotext -bbox gives each word's box)
pdftotext -bbox "$tmp/mot/rapport-activites-2023.pdf" "$tmp/bbox.html" 2>/dev/null
/usr/bin/python3 - "$tmp/bbox.html" <<'PY' || fail "mot long : texte hors de la page"
import re, sys
html = open(sys.argv[1], encoding="utf-8").read()
bad = [m for m in re.finditer(r'<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"', html)
       if float(m.group(2)) > 595.3 or float(m.group(1)) < 0]
sys.exit(1 if bad else 0)
PY

[ $fails -eq 0 ] && echo "entrées du gabarit : conformes"
exit $((fails > 0))
