#!/usr/bin/env bash
# geo_data.sh — the committed reference geography is consistent: the C
# tables (src/data/geo_data.inc) regenerate byte for byte from data/geo (offline
# stage of tools/geo/regenerate), every département (overseas included) has
# an outline and every outline a département, and the derived files stay
# small.
set -eu
cd "$(dirname "$0")/../.."
tools/geo/regenerate --check-embed
all=$(awk -F'\t' '!/^#/ {print $1}' data/geo/departements.tsv | sort)
outlined=$(awk '!/^#/ {print $1}' data/geo/contours.txt | sort -u)
if [ "$all" != "$outlined" ]; then
  echo "contours et départements diffèrent :"
  diff <(echo "$all") <(echo "$outlined") || true
  exit 1
fi
metro=$(awk -F'\t' '!/^#/ && $4 == 0 {print $1}' data/geo/departements.tsv)
[ "$(echo "$metro" | wc -l)" -eq 96 ] || { echo "96 départements métropolitains attendus"; exit 1; }
[ "$(awk -F'\t' '!/^#/ && $4 == 1' data/geo/departements.tsv | wc -l)" -eq 5 ] || { echo "5 DROM attendus"; exit 1; }
size=$(cat data/geo/*.txt data/geo/*.tsv src/data/geo_data.inc | wc -c)
[ "$size" -lt 250000 ] || { echo "données géographiques trop volumineuses : $size octets"; exit 1; }
# a corrupted embed is detected
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/tools/geo" "$tmp/data" "$tmp/src"
cp tools/geo/regenerate "$tmp/tools/geo/" && cp -R data/geo "$tmp/data/" && mkdir -p "$tmp/src/data" && cp src/data/geo_data.inc "$tmp/src/data/"
sed -i 's/^01\tAin\t/01\tAim\t/' "$tmp/data/geo/departements.tsv"
if "$tmp/tools/geo/regenerate" --check-embed 2>"$tmp/err"; then echo "altération non détectée"; exit 1; fi
grep -q "src/data/geo_data.inc diffère" "$tmp/err"
