#!/usr/bin/env bash
# Runs into one output folder take turns (a lock on the folder): with two
# years of the same number but different data run at the same time, over
# and over, the report and the annex found in the folder always come from
# the same run; a run that finds the folder busy says so and waits; with
# --wait 1 and the folder held longer, it gives up (exit 3) with a French
# message and leaves the other's outputs alone.
set -u
bin=$1; fails=0
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=$((fails + 1)); }
slow=1; case $(basename "$bin") in *-san) slow=4 ;; esac

# two years 2023 that differ (a larger one, so that runs overlap)
"$root/tests/bench/gen" 20 >"$tmp/a.yaml" || exit 1
"$root/tests/bench/gen" 24 >"$tmp/b.yaml" || exit 1
for y in a b; do
  "$bin" -q -o "$tmp/ref-$y" "$tmp/$y.yaml" || { echo "ÉCHEC : exécution de référence"; exit 1; }
  cat "$tmp/ref-$y/rapport-activites-2023.pdf" "$tmp/ref-$y/annexe-2023.xlsx" | sha256sum >"$tmp/sum-$y"
done
out=$tmp/out
state() { cat "$out/rapport-activites-2023.pdf" "$out/annexe-2023.xlsx" | sha256sum; }

waited=0
rounds=${PR_CONCURRENT_ROUNDS:-12}
for i in $(seq 1 "$rounds"); do
  "$bin" -o "$out" "$tmp/a.yaml" >/dev/null 2>"$tmp/err-a" &
  pa=$!
  "$bin" -o "$out" "$tmp/b.yaml" >/dev/null 2>"$tmp/err-b" &
  pb=$!
  wait $pa; sa=$?
  wait $pb; sb=$?
  [ $sa -eq 0 ] && [ $sb -eq 0 ] || { fail "tour $i : statuts $sa et $sb"; cat "$tmp/err-a" "$tmp/err-b"; }
  now=$(state)
  [ "$now" = "$(cat "$tmp/sum-a")" ] || [ "$now" = "$(cat "$tmp/sum-b")" ] ||
    fail "tour $i : le rapport et l'annexe ne viennent pas de la même exécution"
  stray=$(ls -A "$out" | grep -vxF -e rapport-activites-2023.pdf -e annexe-2023.xlsx)
  [ -z "$stray" ] || fail "tour $i : fichiers temporaires laissés : $stray"
  grep -qh "une autre exécution écrit dans le dossier « $out » ; attente de sa fin (au plus 120 s)" \
    "$tmp/err-a" "$tmp/err-b" && waited=$((waited + 1))
done
[ $waited -gt 0 ] || fail "aucune exécution n'a attendu l'autre en $rounds tours"

# ---- a folder held longer than --wait: exit 3, message, outputs untouched
before=$(state)
flock "$out" sleep $((3 * slow)) &
holder=$!
sleep 0.3
start=$(date +%s)
"$bin" --wait 1 -o "$out" "$tmp/a.yaml" >/dev/null 2>"$tmp/err"; st=$?
took=$(( $(date +%s) - start ))
[ $st -eq 3 ] || { fail "dossier occupé : statut $st (attendu 3)"; cat "$tmp/err"; }
grep -qF "une autre exécution écrit dans le dossier « $out » ; attente de sa fin (au plus 1 s)" "$tmp/err" ||
  fail "dossier occupé : message d'attente absent"
grep -qF "$out: erreur: dossier de sortie occupé par une autre exécution de planif-rapport depuis 1 s : abandon" "$tmp/err" ||
  { fail "dossier occupé : message d'abandon absent"; cat "$tmp/err"; }
[ $took -le $((2 + slow)) ] || fail "dossier occupé : abandon après $took s (--wait 1)"
[ "$(state)" = "$before" ] || fail "dossier occupé : sorties modifiées"
# -q: no waiting message, the same error
"$bin" -q --wait 0 -o "$out" "$tmp/a.yaml" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 3 ] || fail "--wait 0 : statut $st"
grep -q "attente" "$tmp/err" && fail "-q : message d'attente affiché"
wait $holder
# once free, the run goes through
"$bin" -q --wait 1 -o "$out" "$tmp/a.yaml" || fail "dossier libéré : échec"
[ "$(state)" = "$(cat "$tmp/sum-a")" ] || fail "dossier libéré : sorties inattendues"
# --wait takes a number of seconds
"$bin" --wait x "$tmp/a.yaml" 2>"$tmp/err"; st=$?
[ $st -eq 2 ] && grep -qF "l'option --wait attend un nombre de secondes" "$tmp/err" || fail "--wait x accepté"

[ $fails -eq 0 ] && echo "exécutions concurrentes : $rounds tours, $waited attentes, conformes"
exit $((fails > 0))
