#!/usr/bin/env bash
# annex_faults.sh PROGRAM — the annex writer under failing allocations and
# writes (the LD_PRELOAD shim of tests/faults). libxlsxwriter crashes when an
# allocation fails and does not check its writes to temporary files: the
# writer runs it in a child process and reads the archive back, so each run
# must end either with status 0 and a valid workbook (every XML part parses,
# zip CRCs good, 21 sheets) or with an I/O error in French (status 3: the
# annex's error, or memory exhausted in our own code) — never a crash, never
# a corrupt file reported as written, never a failed allocation or write
# reported as an internal error (4). Uses build/unit/test_annex --write
# (PROGRAM unused), whose status is the program's (pr_diags_exit_status).
# Skipped when PR_E2E_SKIP_SLOW=1 (the normal pass already ran it).
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
if [ "${PR_E2E_SKIP_SLOW:-0}" = 1 ]; then
  echo "annex_faults : ignoré (PR_E2E_SKIP_SLOW=1, déjà exécuté dans la passe normale)"
  exit 0
fi
writer=$root/build/unit/test_annex
[ -x "$writer" ] || { echo "annex_faults : $writer absent (make test-fast le construit)" >&2; exit 1; }
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cc -O1 -shared -fPIC -o "$tmp/failshim.so" "$root/tests/faults/failshim.c" -ldl ||
  { echo "annex_faults : compilation du shim impossible" >&2; exit 1; }

fails=0; runs=0
fail() { echo "ÉCHEC : $*" >&2; fails=$((fails + 1)); }

# valid.py FILE: the workbook is complete and every XML part parses
cat > "$tmp/valid.py" <<'PYEOF'
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
assert z.testzip() is None
for n in z.namelist():
    if n.endswith((".xml", ".rels")):
        xml.dom.minidom.parseString(z.read(n))
sheets = [n for n in z.namelist() if n.startswith("xl/worksheets/sheet")]
assert len(sheets) == 21, sheets
PYEOF

for kind in malloc write; do
  # count the calls of a run in one process (the child continues the count)
  rm -f "$tmp/count"
  env LD_PRELOAD="$tmp/failshim.so" FAIL_CALL=$kind FAIL_AT=999999999 FAIL_LOG="$tmp/count" \
    "$writer" --write "$tmp/a.xlsx" --in-process >/dev/null 2>&1 ||
    { fail "$kind : la course de comptage échoue"; continue; }
  total=$(sed -n 's/.* calls=\([0-9]*\).*/\1/p' "$tmp/count" | tail -1)
  [ -n "$total" ] && [ "$total" -gt 100 ] || { fail "$kind : $total appels comptés"; continue; }
  for i in $(seq 1 40); do
    n=$(( (total * i) / 41 + i % 7 ))
    rm -f "$tmp/a.xlsx"
    env LD_PRELOAD="$tmp/failshim.so" FAIL_CALL=$kind FAIL_AT=$n \
      "$writer" --write "$tmp/a.xlsx" >/dev/null 2>"$tmp/err"
    st=$?
    runs=$((runs + 1))
    case $st in
      0) $PY "$tmp/valid.py" "$tmp/a.xlsx" 2>/dev/null ||
           fail "$kind n°$n/$total : statut 0 mais classeur invalide" ;;
      3) grep -q "erreur: impossible d'écrire l'annexe « $tmp/a.xlsx » : \|mémoire insuffisante" "$tmp/err" ||
           { fail "$kind n°$n/$total : statut 3 sans message de l'annexe"; tail -3 "$tmp/err" >&2; } ;;
      *) fail "$kind n°$n/$total : statut $st"; tail -3 "$tmp/err" >&2 ;;
    esac
    if grep -q '^\[ERROR\]\|^\[WARNING\]' "$tmp/err"; then
      fail "$kind n°$n/$total : message anglais de libxlsxwriter affiché"
    fi
  done
done
echo "annex_faults : $runs exécutions, $fails échec(s)"
[ "$fails" -eq 0 ]
