#!/usr/bin/env bash
# A broken copy of the default template: the CLI reports every template
# error with its file:line:col and a caret, exits 1 and writes no report;
# a wording change in the copy shows up in the PDF without recompiling.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
cp -r report-templates/rapport-annuel "$tmp/g"

# 1. wording and order change without recompiling
sed -i 's/titre: "Sommaire"/titre: "Table des matières"/' "$tmp/g/structure.yaml"
if ! "$bin" -q -o "$tmp/sortie" --templates "$tmp/g" --pdf "$tmp/ok.pdf" data/2023.yaml >"$tmp/out" 2>&1; then
  echo "le gabarit modifié a échoué :"; cat "$tmp/out"; fails=1
elif ! pdftotext -q -f 2 -l 2 "$tmp/ok.pdf" - | grep -q "Table des matières"; then
  echo "la modification du gabarit n'apparaît pas dans le PDF"; fails=1
fi

# 2. errors in each file of the template
sed -i 's/composant: frise$/composant: frises/' "$tmp/g/structure.yaml"
sed -i 's/^=== tour_horizon$/=== tour_horizon\n{{chiffre.evenement}} {{#si reseau.nom}}/' "$tmp/g/textes.txt"
sed -i 's/^  titre: *{graisse: black, *taille: 30, *couleur: bleu_france}/  titre: {graisse: black, taille: 30, couleur: bleu_fr}/' "$tmp/g/style.yaml"
# a value compared with a list of values is checked against the model's keys
sed -i 's/^        source: evenements\[type=stand_congres\]\[de_l_annee\]$/        source: evenements[type=stand_congre][de_l_annee]/' "$tmp/g/structure.yaml"
line_frise=$(grep -n "composant: frises" "$tmp/g/structure.yaml" | cut -d: -f1)
line_txt=$(grep -n "chiffre.evenement}}" "$tmp/g/textes.txt" | cut -d: -f1)
line_style=$(grep -n "couleur: bleu_fr}" "$tmp/g/style.yaml" | cut -d: -f1)
line_type=$(grep -n "type=stand_congre]" "$tmp/g/structure.yaml" | cut -d: -f1)
"$bin" -q -o "$tmp/sortie" --templates "$tmp/g" --pdf "$tmp/r.pdf" data/2023.yaml >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 1 ] || { echo "statut $status au lieu de 1"; fails=1; }
[ -e "$tmp/r.pdf" ] && { echo "un PDF a été écrit malgré les erreurs"; fails=1; }
expect() {
  grep -qF -- "$1" "$tmp/err" || { echo "message attendu absent : $1"; fails=1; }
}
expect "$tmp/g/style.yaml:$line_style:48: erreur: couleur inconnue « bleu_fr » : ni une couleur de la palette, ni #RRGGBB"
expect "$tmp/g/structure.yaml:$line_frise:20: erreur: composant inconnu « frises » (vouliez-vous dire « frise » ?)"
expect "$tmp/g/textes.txt:$line_txt:11: erreur: chiffre inconnu « evenement » (vouliez-vous dire « evenements » ?)"
expect "$tmp/g/textes.txt:$line_txt:23: erreur: bloc {{#si}} non fermé ({{/si}} manquant)"
expect "$tmp/g/structure.yaml:$line_type:33: erreur: type d'événement inconnu « stand_congre » pour « type » : vouliez-vous dire « stand_congres » ? (valeurs possibles : atelier_elus, atelier, webinaire, seminaire, rencontre_nationale, stand_congres, reunion_referents, journee_etude, publication, autre)"
expect "5 erreurs"
# the caret line under the unknown figure
grep -qF "{{chiffre.evenement}} {{#si reseau.nom}}" "$tmp/err" || { echo "ligne source absente"; fails=1; }
[ "$fails" = 0 ] || cat "$tmp/err"
exit $fails
