#!/usr/bin/env bash
# Outputs are written atomically: a failed run leaves the previous outputs
# byte-identical and no temporary file; --check writes nothing; a missing
# output folder is created; an impossible one is an I/O error (exit 3).
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
say() { echo "$*"; fails=1; }

# --check writes nothing, not even the output folder
"$bin" -q --check -o "$tmp/rien" data/2023.yaml || say "--check a échoué"
[ ! -e "$tmp/rien" ] || say "--check a créé le dossier de sortie"

# a missing output folder (two levels) is created
"$bin" -q -o "$tmp/a/b" data/2023.yaml || say "échec avec un dossier de sortie à créer"
[ -s "$tmp/a/b/rapport-activites-2023.pdf" ] || say "rapport absent dans le dossier créé"

# last year's outputs survive bad data
mkdir -p "$tmp/out"
echo "rapport précédent" > "$tmp/out/rapport-activites-2023.pdf"
echo "annexe précédente" > "$tmp/out/annexe-2023.xlsx"
sum_before=$(cat "$tmp/out"/* | md5sum)
printf 'rapport:\n  annee: 2023\n  titre: [pas, un, texte]\n' > "$tmp/bad.yaml"
"$bin" -q -o "$tmp/out" "$tmp/bad.yaml" 2>"$tmp/err"; st=$?
[ $st -eq 1 ] || say "données invalides : statut $st, attendu 1"
grep -q "erreur" "$tmp/err" || say "pas de message d'erreur"
[ "$(cat "$tmp/out"/* | md5sum)" = "$sum_before" ] || say "les sorties précédentes ont changé"
[ "$(ls -A "$tmp/out" | wc -l)" -eq 2 ] || { say "fichiers en trop :"; ls -A "$tmp/out"; }

# an output folder that cannot exist (below a regular file): exit 3
echo x > "$tmp/fichier"
"$bin" -q -o "$tmp/fichier/out" data/2023.yaml 2>"$tmp/err"; st=$?
[ $st -eq 3 ] || say "dossier impossible : statut $st, attendu 3"
grep -q "impossible de créer le dossier de sortie" "$tmp/err" || { say "message attendu absent :"; cat "$tmp/err"; }

# --figures-json belongs to the run: it is not replaced when the run fails
echo '{"ancien": 1}' > "$tmp/chiffres.json"
"$bin" -q -o "$tmp/o" --pdf "$tmp/fichier/x.pdf" --figures-json "$tmp/chiffres.json" data/2023.yaml 2>/dev/null; st=$?
[ $st -eq 3 ] || say "figures + sortie impossible : statut $st, attendu 3"
[ "$(cat "$tmp/chiffres.json")" = '{"ancien": 1}' ] || say "le fichier de chiffres a été remplacé par une exécution en échec"

# a successful run replaces the outputs and leaves no temporary file
"$bin" -q -o "$tmp/out" data/2023.yaml || say "échec de la génération"
head -c 5 "$tmp/out/rapport-activites-2023.pdf" | grep -q '%PDF-' || say "le rapport n'a pas été remplacé"
[ -z "$(ls -A "$tmp/out" | grep '^\.')" ] || { say "fichier temporaire laissé :"; ls -A "$tmp/out"; }
exit $fails
