#!/usr/bin/env bash
# Photos in every form a team member's photo may come in
# (tests/data/photos/, made by make-photos): every PNG bit depth, palette,
# tRNS, alpha and interlacing, and baseline, progressive, grey and CMYK
# JPEG, are drawn, as 8-bit images (no soft mask, no 16-bit data); damaged
# or oversized files are refused already by --check, each with a warning
# at its data field giving the reason, and the card shows the initials;
# a 30000 × 30000 PNG is refused from its header, at once.
set -u
bin=$1; fails=0
here=$(cd "$(dirname "$0")/../.." && pwd)
photos=$here/tests/data/photos
tmp=$(mktemp -d); [ -n "${KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=$((fails + 1)); }

good="gris1.png gris2.png gris4.png gris8.png gris16.png gris1-entrelace.png gris4-entrelace.png
gris8-trns.png gris-alpha8.png gris-alpha16.png rgb8.png rgb16.png rgb8-trns.png rgb8-entrelace.png
rgba8.png rgba16.png rgba16-entrelace.png palette1.png palette2.png palette4.png palette8.png
palette4-entrelace.png palette8-trns.png large.png portrait.jpg portrait-progressif.jpg gris.jpg
cmjn.jpg large.jpg"
# damaged or oversized: FILE|REASON
bad_list="tronque.png|fichier tronqué
crc.png|somme de contrôle incorrecte : fichier abîmé
abime.png|données PNG invalides
sans-fin.png|fichier tronqué
enorme.png|image trop grande : 30 000 × 30 000 pixels, la limite est de 40 000 000 pixels
pas-une-image.png|PNG ou JPEG attendu
tronque.jpg|fichier tronqué
enorme.jpg|image trop grande : 60 000 × 60 000 pixels, la limite est de 40 000 000 pixels"

# A year whose team has one more member per photo (named after the file).
make_year() {
  local out=$1; shift
  mkdir -p "$(dirname "$out")/photos"
  for f in "$@"; do cp "$photos/$f" "$(dirname "$out")/photos/"; done
  /usr/bin/python3 - "$out" "$@" <<'PY'
import sys
out, files = sys.argv[1], sys.argv[2:]
s = open("data/2023.yaml", encoding="utf-8").read()
i = s.index("  membres:\n") + len("  membres:\n")
add = "".join('    - prenom: "Photo"\n      nom: "%s"\n      organisation: "Test"\n'
              '      photo: "photos/%s"\n' % (f.upper(), f) for f in files)
open(out, "w", encoding="utf-8").write(s[:i] + add + s[i:])
PY
}

cd "$here" || exit 1

# ---- every variant is drawn, 8-bit, without soft mask
# shellcheck disable=SC2086
make_year "$tmp/ok/annee.yaml" $good
"$bin" -o "$tmp/ok/out" "$tmp/ok/annee.yaml" 2>"$tmp/ok/err"; st=$?
[ $st -eq 0 ] || { fail "photos valides : statut $st"; cat "$tmp/ok/err"; }
grep -q "photo" "$tmp/ok/err" && { fail "photos valides : avertissement inattendu"; grep photo "$tmp/ok/err"; }
pdf=$tmp/ok/out/rapport-activites-2023.pdf
if [ -s "$pdf" ]; then
  list=$(pdfimages -list "$pdf" | tail -n +3)
  n=$(printf '%s\n' "$list" | grep -c image)
  [ "$n" -eq 29 ] || fail "$n images dans le PDF, 29 attendues"
  printf '%s\n' "$list" | awk '$8 != 8 { bad = 1 } END { exit bad }' || fail "une image n'est pas en 8 bits"
  printf '%s\n' "$list" | grep -q smask && fail "masque de transparence dans le PDF (PDF/A l'interdit)"
  # grey files stay grey, the others are RGB; reduced ones keep their ratio
  [ "$(printf '%s\n' "$list" | awk '$6 == "gray"' | wc -l)" -eq 12 ] || fail "12 images grises attendues (11 petites et large.png)"
  printf '%s\n' "$list" | awk '$4 == 1367 && $5 == 7' | grep -q . || fail "large.png non réduite à 1367 × 7"
  printf '%s\n' "$list" | awk '$4 == 1125 && $5 == 8' | grep -q . || fail "large.jpg non réduite à 1125 × 8"
else
  fail "pas de PDF avec les photos valides"
fi

# ---- damaged or oversized: a warning at the field, with --check already;
# the report is made, with the initials
# shellcheck disable=SC2046
make_year "$tmp/ko/annee.yaml" $(printf '%s\n' "$bad_list" | cut -d'|' -f1)
for mode in check full; do
  if [ $mode = check ]; then
    "$bin" --check "$tmp/ko/annee.yaml" >/dev/null 2>"$tmp/ko/err"; st=$?
  else
    "$bin" -o "$tmp/ko/out" "$tmp/ko/annee.yaml" 2>"$tmp/ko/err"; st=$?
  fi
  [ $st -eq 0 ] || { fail "$mode : photos abîmées : statut $st"; cat "$tmp/ko/err"; }
  while IFS='|' read -r f why; do
    line=$(grep -n "photo: \"photos/$f\"" "$tmp/ko/annee.yaml" | cut -d: -f1)
    n=$(grep -c "photo « photos/$f »" "$tmp/ko/err")
    [ "$n" -eq 1 ] || fail "$mode : $f : $n avertissements (1 attendu)"
    grep -qF "annee.yaml:$line:14: avertissement: equipe.membres[" "$tmp/ko/err" ||
      fail "$mode : $f : avertissement absent à la ligne $line"
    grep -qF "photo « photos/$f » inutilisable ($why) : initiales à la place" "$tmp/ko/err" ||
      { fail "$mode : $f : raison « $why » absente"; grep -F "$f" "$tmp/ko/err"; }
  done <<<"$bad_list"
done
pdf=$tmp/ko/out/rapport-activites-2023.pdf
if [ -s "$pdf" ]; then
  [ "$(pdfimages -list "$pdf" | tail -n +3 | grep -c image)" -eq 0 ] || fail "image d'une photo refusée dans le PDF"
  pdftotext -q "$pdf" - | grep -q "^PT$" || fail "initiales « PT » absentes des fiches"
else
  fail "pas de PDF avec les photos abîmées"
fi

# ---- the budget is checked from the header: no time spent on 900 Mpixels
make_year "$tmp/big/annee.yaml" enorme.png
start=$(date +%s%N)
"$bin" --check "$tmp/big/annee.yaml" >/dev/null 2>&1
ms=$(( ($(date +%s%N) - start) / 1000000 ))
[ "$ms" -lt 2000 ] || fail "photo de 30000 × 30000 refusée en $ms ms"

[ $fails -eq 0 ] && echo "photos : toutes les variantes conformes"
exit $((fails > 0))
