#!/usr/bin/env bash
# The annex is always XML 1.0 that a strict parser (expat) and openpyxl
# take, whatever the data: every annex made from the years, the data
# cases and the fuzzers' corpora (tests/fuzz/corpus/{model_yaml,model_json,
# pipeline}) and from a data file whose name holds characters XML cannot
# carry (shown as U+FFFD); a text longer than a cell holds is cut with a
# warning at its place in the data; at `ulimit -n 5` the failure is told in
# French, never in libxlsxwriter's English.
set -u
bin=$1; fails=0
root=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=$((fails + 1)); }
cd "$root" || exit 1
annexes=()
n=0

# Run on one data file; keep its annex (if the run made one) for the check.
run() {
  n=$((n + 1))
  local o=$tmp/o$n
  "$bin" -q -o "$o" "$@" >/dev/null 2>"$tmp/err$n"
  local a
  for a in "$o"/annexe-*.xlsx; do
    [ -f "$a" ] && annexes+=("$a")
  done
  return 0
}

# ---- the years and the cases
for f in data/2023.yaml data/2023.json tests/data/*.yaml tests/years/*.yaml; do run "$f"; done
for d in tests/cases/valide-yaml tests/cases/valide-json tests/cases/yaml-bom tests/cases/json-bom \
         tests/cases/figures-2023; do
  run "$d"/input.*
done
# ---- the fuzzers' seed corpora (most are broken on purpose: no annex)
for f in tests/fuzz/corpus/model_yaml/* tests/fuzz/corpus/pipeline/*.yaml; do
  cp "$f" "$tmp/c.yaml" && run "$tmp/c.yaml"
done
for f in tests/fuzz/corpus/model_json/* tests/fuzz/corpus/pipeline/*.json; do
  cp "$f" "$tmp/c.json" && run "$tmp/c.json"
done

# ---- a data file whose name XML cannot carry: an escape, DEL, a byte that
# is not UTF-8, and the characters XML escapes
hostile=$tmp/$(printf 'an\033n\177e\377 \074\046\076\042\047.yaml')
cp data/2023.yaml "$hostile"
"$bin" -o "$tmp/hostile" "$hostile" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 0 ] || { fail "nom de fichier hostile : statut $st"; cat "$tmp/err"; }
grep -q $'\x1b' "$tmp/err" && fail "nom de fichier hostile : échappement brut dans les messages"
grep -qF 'an\x1bn\x7fe\xff <&>' "$tmp/err" || fail "nom de fichier hostile : nom non montré échappé"
annexes+=("$tmp/hostile/annexe-2023.xlsx")
/usr/bin/python3 - "$tmp/hostile/annexe-2023.xlsx" <<'PY' || fail "nom de fichier hostile : « À propos » ne montre pas U+FFFD"
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["À propos"]
names = [r[1] for r in ws.iter_rows(values_only=True) if r and r[0] == "Fichier de données"]
sys.exit(0 if names and "an\ufffdn\ufffde\ufffd <&>\"'.yaml" in names[0] else 1)
PY

# ---- a text longer than a cell holds: cut, with a warning at its place
/usr/bin/python3 - "$tmp/long.yaml" <<'PY'
import sys
s = open("data/2023.yaml", encoding="utf-8").read()
i = s.index("evenements:"); j = s.index("    titre:", i); k = s.index("\n", j)
text = " ".join("mot%d" % n for n in range(6000))          # 46 889 characters
open(sys.argv[1], "w", encoding="utf-8").write(s[:j] + '    titre: "' + text + '"' + s[k:])
PY
line=$(grep -n '    titre: "mot0 mot1' "$tmp/long.yaml" | cut -d: -f1)
"$bin" -o "$tmp/long" "$tmp/long.yaml" >/dev/null 2>"$tmp/err"; st=$?
[ $st -eq 0 ] || { fail "texte long : statut $st"; cat "$tmp/err"; }
grep -qF "long.yaml:$line:12: avertissement: evenements[0].titre : texte de 46 889 caractères coupé à 32 767 dans l'annexe (feuille « Événements », cellule I3 : une cellule Excel en tient 32 767 octets au plus)" "$tmp/err" ||
  { fail "texte long : avertissement absent ou mal placé"; grep -F "coupé" "$tmp/err"; }
annexes+=("$tmp/long/annexe-2023.xlsx")
/usr/bin/python3 - "$tmp/long/annexe-2023.xlsx" <<'PY' || fail "texte long : cellule I3 inattendue"
import sys, openpyxl
v = openpyxl.load_workbook(sys.argv[1])["Événements"]["I3"].value
sys.exit(0 if v and v.startswith("mot0 mot1") and len(v.encode()) <= 32767 and len(v) == 32767 else 1)
PY

# ---- too few file descriptors: French, no English from libxlsxwriter
for fds in 5 6 7; do
  (ulimit -n "$fds"; "$bin" -q -o "$tmp/fd$fds" data/2023.yaml) >"$tmp/out" 2>&1; st=$?
  [ $st -eq 3 ] || [ $st -eq 0 ] || fail "ulimit -n $fds : statut $st"
  if grep -qE "\[ERROR\]|error|Error|Too many|tmpfile" "$tmp/out"; then
    fail "ulimit -n $fds : message anglais"; sed 's/^/    /' "$tmp/out" | head -3
  fi
  [ $st -eq 3 ] && ! grep -q "trop de fichiers ouverts" "$tmp/out" && fail "ulimit -n $fds : message sans raison"
done

# ---- every annex: expat on each part, openpyxl on the file
[ ${#annexes[@]} -ge 20 ] || fail "seulement ${#annexes[@]} annexes produites"
/usr/bin/python3 tests/e2e/xlsx_strict.py "${annexes[@]}" >"$tmp/strict" || { fail "XML strict"; cat "$tmp/strict"; }

[ $fails -eq 0 ] && echo "annexe XML : $(tail -1 "$tmp/strict" | sed 's/xlsx_strict : //'), sur $n exécutions"
exit $((fails > 0))
