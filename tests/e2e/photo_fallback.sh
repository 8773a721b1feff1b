#!/usr/bin/env bash
# A photo that exists but is not a readable PNG/JPEG: the report is still
# made, the card shows the initials, and a warning points at the data field.
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
printf 'pas une image' > "$tmp/portrait.png"
/usr/bin/python3 - "$tmp/annee.yaml" <<'PY'
import sys
src = open("data/2023.yaml", encoding="utf-8").read().splitlines()
out, done = [], False
for line in src:
    out.append(line)
    if not done and line.strip() == 'nom: "BONNET-DERIVIÈRE"':
        out.append(line[: len(line) - len(line.lstrip())] + 'photo: "portrait.png"')
        done = True
open(sys.argv[1], "w", encoding="utf-8").write("\n".join(out) + "\n")
sys.exit(0 if done else 1)
PY
line=$(grep -n 'photo: "portrait.png"' "$tmp/annee.yaml" | cut -d: -f1)
[ -n "$line" ] || { echo "la photo n'a pas pu être ajoutée aux données"; exit 1; }
"$bin" -o "$tmp/out" "$tmp/annee.yaml" 2>"$tmp/err"; st=$?
[ $st -eq 0 ] || { echo "statut $st, attendu 0"; cat "$tmp/err"; exit 1; }
grep -q "annee.yaml:$line:[0-9]*: avertissement: .*photo « portrait.png » inutilisable (PNG ou JPEG attendu) : initiales à la place" "$tmp/err" ||
  { echo "avertissement positionné attendu absent :"; cat "$tmp/err"; fails=1; }
pdftotext -q "$tmp/out/rapport-activites-2023.pdf" - | grep -A12 "L’équipe d’animation" | grep -q "^ÉB$" ||
  { echo "les initiales ÉB n'apparaissent pas sur la page de l'équipe"; fails=1; }
exit $fails
