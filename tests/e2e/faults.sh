#!/usr/bin/env bash
# Fault injection on the outputs (quick sweep of tests/faults/run): a failing
# write, fsync, rename, open, fopen or allocation, or a full disk, ends with
# exit status 3 and a French message, no temporary file, and the previous
# report, annex and figures file byte-identical.
#   tests/e2e/faults.sh build/planif-rapport[-san]
cd "$(dirname "$0")/../.." || exit 1
exec tests/faults/run "$1" --quick --outputs-only
