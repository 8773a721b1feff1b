#!/usr/bin/env bash
# `make install` honours PREFIX and DESTDIR, and the installed program finds
# its templates and fonts from any folder (no source tree needed); so does
# the program built in the source tree and not installed.
set -u
[ "${PR_E2E_SKIP_SLOW:-0}" = 1 ] && { echo "ignoré dans la passe sanitizers"; exit 0; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fails=0
make -s install PREFIX=/opt/pr DESTDIR="$tmp/stage" >"$tmp/log" 2>&1 || { echo "make install a échoué"; cat "$tmp/log"; exit 1; }
for f in bin/planif-rapport share/planif-rapport/fonts/fonts.conf \
         share/planif-rapport/report-templates/rapport-annuel/structure.yaml; do
  [ -e "$tmp/stage/opt/pr/$f" ] || { echo "absent après installation : $f"; fails=1; }
done
cp data/2023.yaml "$tmp/donnees.yaml"
(cd "$tmp" && stage/opt/pr/bin/planif-rapport -q -o sortie donnees.yaml 2>/dev/null) || { echo "le programme installé a échoué"; fails=1; }
[ -s "$tmp/sortie/rapport-activites-2023.pdf" ] || { echo "rapport absent"; fails=1; }
[ -s "$tmp/sortie/annexe-2023.xlsx" ] || { echo "annexe absente"; fails=1; }
# the program built in the source tree, not installed, run from another
# folder: it finds the tree's templates and fonts (BIN/..), same report
bin=$(readlink -f "${1:-build/planif-rapport}")
(cd "$tmp" && "$bin" -q -o arbre donnees.yaml 2>"$tmp/err") || { echo "le programme non installé, lancé d'ailleurs, a échoué :"; cat "$tmp/err"; fails=1; }
cmp -s "$tmp/arbre/rapport-activites-2023.pdf" "$tmp/sortie/rapport-activites-2023.pdf" ||
  { echo "le rapport du programme non installé diffère de celui du programme installé"; fails=1; }
make -s uninstall PREFIX=/opt/pr DESTDIR="$tmp/stage" >/dev/null 2>&1
[ ! -e "$tmp/stage/opt/pr/bin/planif-rapport" ] || { echo "make uninstall n'a pas retiré le programme"; fails=1; }
exit $fails
