#!/usr/bin/env bash
# Changing the data changes the figures: remove a local network, add an
# event, and the figures move by exactly the expected amounts.
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
fig() { $PY -c 'import json,sys; print(json.load(open(sys.argv[1]))["chiffres"][sys.argv[2]])' "$1" "$2"; }
"$bin" -q --check --figures-json "$tmp/base.json" data/2023.yaml || exit 1

# 1. without the Ardennes network (one département, 08, covered by no other)
$PY - "$tmp/moins.json" <<'PY'
import json, sys, yaml
d = yaml.safe_load(open("data/2023.yaml"))
d["reseaux_locaux"] = [n for n in d["reseaux_locaux"] if n["id"] != "ardennes"]
d["chiffres_declares"] = []
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, default=str)
PY
"$bin" -q --check --figures-json "$tmp/moins-f.json" "$tmp/moins.json" || { echo "données modifiées refusées"; exit 1; }
for id in reseaux_locaux reseaux_departementaux departements_couverts; do
  b=$(fig "$tmp/base.json" $id); a=$(fig "$tmp/moins-f.json" $id)
  [ "$a" -eq $((b - 1)) ] || { echo "$id : $a après retrait, attendu $((b - 1))"; fails=1; }
done

# 2. one more officials' workshop with 25 participants and a new official
$PY - "$tmp/plus.json" <<'PY'
import json, sys, yaml
d = yaml.safe_load(open("data/2023.yaml"))
d["elus"].append({"id": "nouvel-elu", "prenom": "Alix", "nom": "NOUVEAU",
                  "mandats": ["Maire"], "commune": "Quimper", "departement": "29"})
d["evenements"].append({"id": "gt4", "date": "2023-12-14", "type": "atelier_elus",
                        "titre": "Atelier des élus (GT4)", "participants": 25,
                        "elus": ["nouvel-elu", "gamen"]})
d["chiffres_declares"] = []
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, default=str)
PY
"$bin" -q --check --figures-json "$tmp/plus-f.json" "$tmp/plus.json" || { echo "données modifiées refusées"; exit 1; }
check() { # id delta
  b=$(fig "$tmp/base.json" $1); a=$(fig "$tmp/plus-f.json" $1)
  [ "$a" -eq $((b + $2)) ] || { echo "$1 : $a après ajout, attendu $((b + $2))"; fails=1; }
}
check evenements 1
check ateliers_elus 1
check elus_engages 1
check personnes_mobilisees 25
check reseaux_locaux 0
exit $fails
