#!/usr/bin/env bash
# What a run reads is never what it writes: an output naming the data file,
# a template file, the font table, a font or a photo (by another spelling, a
# symbolic or a hard link too), or two outputs naming one file, is a usage
# error (exit 2), with --check too, and nothing is touched; empty paths are
# usage errors; --figures-json - writes the JSON to standard output; a
# template error creates no output folder; a closed standard input is said
# so in French.
set -u
bin=$1; fails=0
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=$((fails + 1)); }

# A working copy: data, template, fonts (the font table names a font of
# the copy) and a photo, run from inside it.
w=$tmp/w
mkdir -p "$w/fonts" "$w/report-templates" "$w/photos"
cp -R "$root/report-templates/rapport-annuel" "$w/report-templates/"
cp /usr/share/fonts/truetype/lato/Lato-Regular.ttf "$w/fonts/"
sed 's|^regular *=.*|regular    = Lato-Regular.ttf|' "$root/fonts/fonts.conf" >"$w/fonts/fonts.conf"
cp "$root/tests/data/photos/rgb8.png" "$w/photos/portrait.png"
/usr/bin/python3 - "$root/data/2023.yaml" "$w/annee.yaml" <<'PY'
import sys
s = open(sys.argv[1], encoding="utf-8").read()
i = s.index("  membres:"); j = s.index("- prenom:", i); k = s.index("\n", j)
open(sys.argv[2], "w", encoding="utf-8").write(s[:k + 1] + '      photo: "photos/portrait.png"\n' + s[k + 1:])
PY
ln -s annee.yaml "$w/lien.yaml"
ln "$w/annee.yaml" "$w/dur.yaml"
cd "$w" || exit 1
sums() { find . -type f -print0 | sort -z | xargs -0 sha256sum; }
before=$(sums)

# expect STATUS TEXT -- COMMAND...: the status, the text on stderr, and
# nothing in the working copy changed or added
expect() {
  local want=$1 text=$2; shift 3
  "$@" >"$tmp/out" 2>"$tmp/err"; local st=$?
  [ "$st" = "$want" ] || { fail "statut $st (attendu $want) : $*"; sed 's/^/    /' "$tmp/err" | head -5; }
  grep -qF -- "$text" "$tmp/err" || { fail "message « $text » absent : $*"; sed 's/^/    /' "$tmp/err" | head -5; }
  [ "$(sums)" = "$before" ] || { fail "fichiers modifiés par : $*"; before=$(sums); }
  [ -e out ] && { fail "dossier out/ créé par : $*"; rm -rf out; }
}

pre="désigne le fichier de données « annee.yaml » : il serait écrasé"
expect 2 "--pdf « annee.yaml » $pre" -- "$bin" -q --pdf annee.yaml annee.yaml
expect 2 "--xlsx « ./photos/../annee.yaml » $pre" -- "$bin" -q --xlsx ./photos/../annee.yaml annee.yaml
expect 2 "--figures-json « annee.yaml » $pre" -- "$bin" -q --check --figures-json annee.yaml annee.yaml
expect 2 "--figures-json « lien.yaml » $pre" -- "$bin" -q --check --figures-json lien.yaml annee.yaml
expect 2 "--pdf « dur.yaml » $pre" -- "$bin" -q --pdf dur.yaml annee.yaml
expect 2 "--figures-json « $w/annee.yaml » $pre" -- "$bin" -q --figures-json "$w/annee.yaml" annee.yaml
expect 2 "--xlsx « report-templates/rapport-annuel/textes.txt » désigne un fichier du gabarit" -- \
  "$bin" -q --xlsx report-templates/rapport-annuel/textes.txt annee.yaml
expect 2 "--figures-json « report-templates/rapport-annuel/style.yaml » désigne un fichier du gabarit" -- \
  "$bin" -q --check --figures-json report-templates/rapport-annuel/style.yaml annee.yaml
expect 2 "--pdf « fonts/fonts.conf » désigne la table des polices" -- "$bin" -q --pdf fonts/fonts.conf annee.yaml
expect 2 "--pdf « fonts/Lato-Regular.ttf » désigne une police" -- "$bin" -q --pdf fonts/Lato-Regular.ttf annee.yaml
expect 2 "--xlsx « photos/portrait.png » désigne une photo" -- "$bin" -q --xlsx photos/portrait.png annee.yaml
expect 2 "--figures-json « photos/portrait.png » désigne une photo" -- \
  "$bin" -q --check --figures-json photos/portrait.png annee.yaml
expect 2 "--pdf « x/r.pdf » et --xlsx « x/./r.pdf » désignent le même fichier" -- \
  "$bin" -q --pdf x/r.pdf --xlsx x/./r.pdf annee.yaml
expect 2 "--xlsx « sortie/a.xlsx » et --figures-json « sortie/../sortie/a.xlsx » désignent le même fichier" -- \
  "$bin" -q --xlsx sortie/a.xlsx --figures-json sortie/../sortie/a.xlsx annee.yaml
expect 2 "--pdf « photos » est un dossier" -- "$bin" -q --pdf photos annee.yaml
[ -e x ] || [ -e sortie ] && fail "dossier de sortie créé malgré l'erreur"
# standard input redirected from the file an output names
expect 2 "--pdf « annee.yaml » désigne le fichier de données (entrée standard)" -- \
  sh -c "exec \"\$0\" -q --format yaml --pdf annee.yaml - <annee.yaml" "$bin"

# ---- empty paths
expect 2 "l'option -o attend un chemin non vide" -- "$bin" -o "" annee.yaml
expect 2 "l'option --pdf attend un chemin non vide" -- "$bin" --pdf "" annee.yaml
expect 2 "l'option --xlsx attend un chemin non vide" -- "$bin" --xlsx "" annee.yaml
expect 2 "l'option --templates attend un chemin non vide" -- "$bin" --templates "" annee.yaml
expect 2 "l'option --figures-json attend un chemin non vide" -- "$bin" --check --figures-json "" annee.yaml
expect 2 "chemin du fichier de données vide" -- "$bin" ""

# ---- a template error: no output folder made
sed -i 's/composant: frise$/composant: frises/' report-templates/rapport-annuel/structure.yaml
before=$(sums)
expect 1 "composant inconnu « frises »" -- "$bin" -q -o nouveau/dossier annee.yaml
[ -e nouveau ] && fail "le dossier de sortie a été créé malgré l'erreur de gabarit"
cp "$root/report-templates/rapport-annuel/structure.yaml" report-templates/rapport-annuel/
before=$(sums)

# ---- --figures-json -: the JSON on standard output, no file named "-"
"$bin" -q --check --figures-json - annee.yaml >"$tmp/json" 2>"$tmp/err"; st=$?
[ $st -eq 0 ] || fail "--check --figures-json - : statut $st"
/usr/bin/python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["annee"] == 2023' "$tmp/json" ||
  fail "--figures-json - : pas un JSON des chiffres sur la sortie standard"
[ -e ./- ] && fail "un fichier « - » a été créé"
"$bin" -q -o "$tmp/o" --figures-json - annee.yaml >"$tmp/json2" 2>"$tmp/err"; st=$?
[ $st -eq 0 ] || { fail "rapport avec --figures-json - : statut $st"; cat "$tmp/err"; }
cmp -s "$tmp/json" "$tmp/json2" || fail "--figures-json - : le JSON diffère entre --check et le rapport"
[ -s "$tmp/o/rapport-activites-2023.pdf" ] || fail "--figures-json - : pas de rapport"
[ -e ./- ] && fail "un fichier « - » a été créé"
# the same JSON as a file
"$bin" -q --check --figures-json "$tmp/c.json" annee.yaml || fail "--figures-json FICHIER"
cmp -s "$tmp/json" "$tmp/c.json" || fail "--figures-json - et FICHIER diffèrent"

# ---- closed standard input
"$bin" -q --check --format yaml - <&- 2>"$tmp/err"; st=$?
[ $st -eq 3 ] || fail "entrée standard fermée : statut $st (attendu 3)"
grep -qF "<entrée standard>: erreur: lecture impossible : l'entrée standard est fermée" "$tmp/err" ||
  { fail "entrée standard fermée : message"; cat "$tmp/err"; }
grep -q "système n°" "$tmp/err" && fail "entrée standard fermée : « erreur système n° »"
# closed standard output and error: the outputs are not written over them
"$bin" -q -o "$tmp/fermes" annee.yaml >&- 2>&-; st=$?
[ $st -eq 0 ] || fail "sorties standard fermées : statut $st"
head -c 5 "$tmp/fermes/rapport-activites-2023.pdf" | grep -q '%PDF-' || fail "sorties standard fermées : PDF abîmé"

[ $fails -eq 0 ] && echo "chemins : conformes"
exit $((fails > 0))
