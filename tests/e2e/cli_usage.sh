#!/usr/bin/env bash
# Command-line usage: help, version, usage errors (exit 2, French message).
set -u
bin=$1; fails=0
expect() { # expect STATUS PATTERN -- ARGS...
  local want=$1 pat=$2; shift 3
  out=$("$bin" "$@" 2>&1); got=$?
  if [ "$got" != "$want" ]; then echo "statut $got au lieu de $want pour : $*"; echo "$out"; fails=1; return; fi
  if ! printf '%s' "$out" | grep -q -- "$pat"; then echo "message « $pat » absent pour : $*"; echo "$out"; fails=1; fi
}
expect 0 "Usage : planif-rapport" -- --help
expect 0 "Codes de sortie" -- -h
expect 0 "^planif-rapport [0-9]" -- --version
expect 2 "aucun fichier de données" --
expect 2 "option inconnue « --bogus »" -- --bogus data/2023.yaml
expect 2 "un seul fichier de données" -- a.yaml b.yaml
expect 2 "précisez --format" -- -
expect 2 "format inconnu « xml »" -- --format xml -
expect 2 "l'option -o attend une valeur" -- data/2023.yaml -o
exit $fails
