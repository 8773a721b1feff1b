#!/usr/bin/env bash
# data/2023.json is generated from data/2023.yaml by tools/yaml2json: it must
# be up to date, and both must give the same figures and cross-check.
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
tools/yaml2json --check data/2023.yaml data/2023.json || { echo "data/2023.json n'est pas à jour (tools/yaml2json)"; fails=1; }
"$bin" -q --check --figures-json "$tmp/y.json" data/2023.yaml || fails=1
"$bin" -q --check --figures-json "$tmp/j.json" data/2023.json || fails=1
cmp -s "$tmp/y.json" "$tmp/j.json" || { echo "chiffres différents entre YAML et JSON"; diff "$tmp/y.json" "$tmp/j.json"; fails=1; }
exit $fails
