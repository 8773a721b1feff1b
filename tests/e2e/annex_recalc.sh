#!/usr/bin/env bash
# annex_recalc.sh PROGRAM — proof that the Excel annex recomputes.
# LibreOffice (headless, UNO) recalculates every formula of each annex after
# its cached results were replaced by a sentinel (tests/e2e/annex_recalc.py):
# each must give back its cached value, each Synthèse value the figure the
# program computed (--figures-json) and each Contrôles status the program's
# cross-check. Then one more event in the data must change both the cached
# and the recomputed figures.
# Skipped (exit 0) only when PR_E2E_SKIP_SLOW=1 (the sanitized pass);
# otherwise LibreOffice is required.
set -u
prog=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
EPOCH=${SOURCE_DATE_EPOCH:-1714521600}

if [ "${PR_E2E_SKIP_SLOW:-0}" = 1 ]; then
  echo "annex_recalc : ignoré (PR_E2E_SKIP_SLOW=1, LibreOffice ne tourne que dans la passe normale)"
  exit 0
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "annex_recalc : LibreOffice (soffice) est requis ; make test (tools/setup-deps test) l'installe" >&2
  exit 1
fi
if ! $PY -c 'import uno, openpyxl' 2>/dev/null; then
  echo "annex_recalc : $PY doit avoir uno (python3-uno) et openpyxl (python3-openpyxl)" >&2
  exit 1
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY "$here/annex_make.py" "$prog" "$tmp" || exit 1

args=()
while read -r name; do
  args+=("$tmp/$name.xlsx" "$tmp/$name.json")
done < "$tmp/list"
$PY "$here/annex_recalc.py" "${args[@]}" > "$tmp/recalc.json" || exit 1

# one more atelier des élus: the cached figures (the program's) and the
# recomputed ones both move, in the sample (with a new elected official) and
# in the real year (an official already engaged)
$PY - "$tmp" <<'PYEOF' || exit 1
import json, sys
d = sys.argv[1]
recalc = json.load(open(f"{d}/recalc.json"))
cases = [("sample", {"evenements": 1, "ateliers_elus": 1, "elus_engages": 1,
                     "personnes_mobilisees": 12, "personnes_mobilisees_plancher": 0,
                     "tables_rondes": 0}),
         ("data", {"evenements": 1, "ateliers_elus": 1, "elus_engages": 0,
                   "personnes_mobilisees": 12, "lettres": 0})]
bad = 0
for name, want in cases:
    base = json.load(open(f"{d}/{name}.json"))["chiffres"]
    plus = json.load(open(f"{d}/{name}-plus.json"))["chiffres"]
    rb, rp = recalc[f"{d}/{name}.xlsx"], recalc[f"{d}/{name}-plus.xlsx"]
    for fid, delta in want.items():
        for kind, b, p in (("en cache", base, plus), ("recalculé", rb, rp)):
            if p[fid] - b[fid] != delta:
                print(f"ÉCHEC : {name} {fid} {kind} : {b[fid]} -> {p[fid]}, écart attendu {delta}",
                      file=sys.stderr)
                bad += 1
sys.exit(1 if bad else 0)
PYEOF
echo "annex_recalc : $(wc -l < "$tmp/list") annexe(s) recalculée(s) par LibreOffice, conformes"
