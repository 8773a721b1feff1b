#!/usr/bin/env bash
# The PDF's text follows the data: one more officials' workshop and one
# local network less change the sentences and tiles that state them.
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
PY=/usr/bin/python3
"$bin" -q -o "$tmp/base" data/2023.yaml 2>/dev/null || { echo "échec sur data/2023.yaml"; exit 1; }
$PY - "$tmp/modif.json" <<'PY'
import json, sys, yaml
d = yaml.safe_load(open("data/2023.yaml"))
d["reseaux_locaux"] = [n for n in d["reseaux_locaux"] if n["id"] != "ardennes"]
d["evenements"].append({"id": "gt4", "date": "2023-12-14", "type": "atelier_elus",
                        "titre": "Atelier des élus « engagés dans la planification » (GT 4)",
                        "participants": 12, "elus": ["gamen", "robert"], "chantier": "1.a"})
json.dump(d, open(sys.argv[1], "w"), ensure_ascii=False, default=str)
PY
"$bin" -q -o "$tmp/modif" "$tmp/modif.json" 2>/dev/null || { echo "échec sur les données modifiées"; exit 1; }
text() { pdftotext -q "$1/rapport-activites-2023.pdf" - | tr '\n\302\240\342\200\257' '    ' | tr -s ' '; }
base=$(text "$tmp/base"); modif=$(text "$tmp/modif")
has()   { printf '%s' "$2" | grep -q -- "$3" || { echo "$1 : « $3 » absent"; fails=1; }; }
hasnt() { printf '%s' "$2" | grep -q -- "$3" && { echo "$1 : « $3 » encore présent"; fails=1; }; }
has base  "$base"  "huit réseaux locaux"
has modif "$modif" "sept réseaux locaux"
hasnt modif "$modif" "huit réseaux locaux"
has base  "$base"  "38 départements"
has modif "$modif" "37 départements"
has modif "$modif" "(GT 4)"
hasnt base "$base" "(GT 4)"
# running prose writes the numbers up to ten in words
has base  "$base"  "trois ateliers"
has modif "$modif" "quatre ateliers"
hasnt modif "$modif" "trois ateliers"
exit $fails
