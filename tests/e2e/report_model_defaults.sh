#!/usr/bin/env bash
# Templates read the validated model, with the defaults of data/README.md
# (issue 10, item 4): the same report whether a default is written or not.
# On 2023, `principal: false` removed from the consultancies, `actif: true`
# removed from the local networks and `2023: prevu` removed from a
# workstream's statut change nothing in the PDF's text; a consultancy added
# without `principal` is named among the others.
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
"$bin" -q -o "$tmp/base" data/2023.yaml 2>/dev/null || { echo "échec sur data/2023.yaml"; exit 1; }
$PY - "$tmp/sans.json" "$tmp/ajout.json" <<'PY'
import json, sys, yaml
d = yaml.safe_load(open("data/2023.yaml"))
n = 0
for p in d["equipe"]["prestataires"]:
    if p.get("principal") is False:
        del p["principal"]; n += 1
for r in d["reseaux_locaux"]:
    if r.get("actif") is True:
        del r["actif"]; n += 1
for c in d["chantiers"]:
    if c["statut"].get(2023) == "prevu":
        del c["statut"][2023]; n += 1
assert n >= 4, n
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, default=str)
d["equipe"]["prestataires"].append({"nom": "Studio Mangrove", "role": "graphisme"})
json.dump(d, open(sys.argv[2], "w"), ensure_ascii=False, default=str)
PY
for v in sans ajout; do
  "$bin" -q -o "$tmp/$v" "$tmp/$v.json" 2>/dev/null || { echo "échec sur les données « $v »"; exit 1; }
done
text() { pdftotext -q "$1/rapport-activites-2023.pdf" - | tr '\n\302\240\342\200\257' '    ' | tr -s ' '; }
base=$(text "$tmp/base"); sans=$(text "$tmp/sans"); ajout=$(text "$tmp/ajout")
[ "$base" = "$sans" ] || { echo "les valeurs par défaut écrites ou non ne donnent pas le même texte :";
                           diff <(printf '%s' "$base" | tr ' ' '\n') <(printf '%s' "$sans" | tr ' ' '\n') | head -20; fails=1; }
printf '%s' "$ajout" | grep -q "concours de Territoire et Contexte, gleech et Studio Mangrove" ||
  { echo "le prestataire sans « principal » n'est pas nommé avec les autres"; fails=1; }
exit $fails
