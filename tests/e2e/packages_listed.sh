#!/usr/bin/env bash
# packages_listed.sh — every command and Python module the test scripts use
# comes from a package of tools/setup-deps (BUILD or TEST list, or what they
# depend on) or from Debian's required packages (tests/e2e/packages_listed.py).
# Then the check is shown to bite: a script of a temporary folder that runs
# qpdf while qpdf is taken out of the lists, a command no package has, and
# a Python module no package has, must give exactly those three failures.
set -u
here=$(cd "$(dirname "$0")" && pwd)
PY=/usr/bin/python3
fails=0
$PY "$here/packages_listed.py" || fails=1

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cat >"$tmp/faux.sh" <<'SH'
#!/usr/bin/env bash
f=$(mktemp)
qpdf --check "$f" | grep -q ok && commande-inexistante-pour-test "$f"
/usr/bin/python3 -c 'import module_inexistant_pour_test' || rm -f "$f"
SH
$PY "$here/packages_listed.py" --without qpdf "$tmp/faux.sh" >"$tmp/out" 2>&1; st=$?
[ $st -eq 1 ] || { echo "ÉCHEC : script fautif accepté (statut $st)"; fails=1; }
for want in "ÉCHEC : commande « qpdf » (/usr/bin/qpdf) : paquet qpdf absent de tools/setup-deps" \
            "ÉCHEC : commande « commande-inexistante-pour-test » introuvable" \
            "ÉCHEC : module Python « module_inexistant_pour_test » introuvable par /usr/bin/python3"; do
  grep -qF -- "$want" "$tmp/out" || { echo "ÉCHEC : attendu : $want"; fails=1; }
done
[ "$(grep -c '^ÉCHEC' "$tmp/out")" -eq 3 ] || { echo "ÉCHEC : 3 problèmes attendus :"; cat "$tmp/out"; fails=1; }
exit $fails
