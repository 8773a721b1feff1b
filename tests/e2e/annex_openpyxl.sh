#!/usr/bin/env bash
# annex_openpyxl.sh PROGRAM — structure of the Excel annex read with openpyxl
# (tests/e2e/annex_openpyxl.py): sheet names, tables and their calculated
# columns, input and computed styles, validation lists, number and date
# cells, joins, formulas by table and column only, cached values, print
# set-up, metadata and properties, the chart's alternative text and cache;
# and the same input gives a byte-identical file.
set -u
prog=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
EPOCH=${SOURCE_DATE_EPOCH:-1714521600}

if ! $PY -c 'import openpyxl' 2>/dev/null; then
  echo "annex_openpyxl : $PY doit avoir openpyxl (python3-openpyxl)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY "$here/annex_make.py" "$prog" "$tmp" || exit 1

rc=0
while read -r name; do
  $PY "$here/annex_openpyxl.py" "$tmp/$name.xlsx" "$tmp/$name.json" "$EPOCH" "$tmp/$name.src" \
    "$(cat "$tmp/$name.name")" || rc=1
done < "$tmp/list"

# reproducible: the same input, the same bytes
SOURCE_DATE_EPOCH=$EPOCH "$prog" -o "$tmp/out2" --xlsx "$tmp/data2.xlsx" \
  "$root/data/2023.yaml" >/dev/null 2>&1 || { echo "ÉCHEC : seconde exécution" >&2; rc=1; }
cmp -s "$tmp/data.xlsx" "$tmp/data2.xlsx" ||
  { echo "ÉCHEC : deux exécutions donnent deux annexes différentes" >&2; rc=1; }
"$root/build/unit/test_annex" --write "$tmp/sample2.xlsx" 2>/dev/null
cmp -s "$tmp/sample.xlsx" "$tmp/sample2.xlsx" ||
  { echo "ÉCHEC : deux écritures du modèle d'essai diffèrent" >&2; rc=1; }
exit $rc
