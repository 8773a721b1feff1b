#!/usr/bin/env bash
# annex_edits.sh PROGRAM — a reviewer's corrections in the annex, made in
# LibreOffice through UNO (tests/e2e/annex_edits.py), recompute every figure
# of Synthèse and every status of Contrôles exactly as PROGRAM does on the
# same corrections made in the data file: a date moved to the year before,
# a local network switched off, attendances corrected, rows inserted inside
# tables, every table sorted.
# Skipped (exit 0) only when PR_E2E_SKIP_SLOW=1 (the sanitized pass);
# otherwise LibreOffice is required.
set -u
prog=$1
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3

if [ "${PR_E2E_SKIP_SLOW:-0}" = 1 ]; then
  echo "annex_edits : ignoré (PR_E2E_SKIP_SLOW=1, LibreOffice ne tourne que dans la passe normale)"
  exit 0
fi
if ! command -v soffice >/dev/null 2>&1; then
  echo "annex_edits : LibreOffice (soffice) est requis ; make test (tools/setup-deps test) l'installe" >&2
  exit 1
fi
if ! $PY -c 'import uno' 2>/dev/null; then
  echo "annex_edits : $PY doit avoir uno (python3-uno)" >&2
  exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
$PY "$here/annex_edits.py" "$prog" "$root/data/2023.json" "$tmp"
