#!/usr/bin/env bash
# Figures on small hand-made years whose answers are known: each file in
# tests/data/ states its expected figures in its header comment
# ("#   id   value"); --figures-json must give exactly those.
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
for data in tests/data/*.yaml; do
  "$bin" -q --check --figures-json "$tmp/f.json" "$data" >/dev/null 2>"$tmp/err"
  st=$?
  if [ $st -ne 0 ]; then echo "$data : statut $st"; cat "$tmp/err"; fails=1; continue; fi
  n=0
  while read -r id want; do
    got=$(/usr/bin/python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["chiffres"][sys.argv[2]])' "$tmp/f.json" "$id" 2>/dev/null)
    n=$((n + 1))
    [ "$got" = "$want" ] || { echo "$data : $id = $got, attendu $want"; fails=1; }
  done < <(sed -n '/^# Chiffres attendus/,/^#$/p' "$data" | sed -nE 's/^#   ([a-z_]+) +([0-9]+).*/\1 \2/p')
  [ $n -ge 20 ] || { echo "$data : seulement $n chiffres attendus lus dans l'en-tête"; fails=1; }
done
exit $fails
