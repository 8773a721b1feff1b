#!/usr/bin/env bash
# The program is valgrind-clean (no invalid access, no leak) on the real
# data, a full report and a bad input. Runs in the normal pass only (the
# sanitized binary cannot run under valgrind).
set -u
[ "${PR_E2E_SKIP_SLOW:-0}" = 1 ] && { echo "ignoré dans la passe sanitizers"; exit 0; }
command -v valgrind >/dev/null || { echo "valgrind absent (make test, ou tools/setup-deps test, l'installe)"; exit 1; }
exec tests/run-valgrind "$1"
