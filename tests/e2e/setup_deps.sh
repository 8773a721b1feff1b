#!/usr/bin/env bash
# tools/setup-deps: two lists, BUILD (building, make report) and TEST (the
# tests); nothing to do when everything is installed; as a normal user, a
# missing package gives the exact apt-get line and exit status 1. The
# Makefile asks for BUILD alone for building and the report, for TEST too
# for the test goals, and for nothing for clean.
set -u
root=$(cd "$(dirname "$0")/../.." && pwd)
fails=0
fail() { echo "ÉCHEC : $*"; fails=1; }
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"

# ---- everything is installed (make test installed both lists)
"$root/tools/setup-deps" >/dev/null 2>&1 || fail "setup-deps (build) échoue alors que tout est installé"
"$root/tools/setup-deps" test >/dev/null 2>&1 || fail "setup-deps test échoue alors que tout est installé"

# ---- the two lists
build=$("$root/tools/setup-deps" --list build) || fail "--list build"
test_=$("$root/tools/setup-deps" --list test) || fail "--list test"
for p in gcc make pkg-config libhpdf-dev libxlsxwriter-dev libjansson-dev libyaml-dev zlib1g-dev \
         libhyphen-dev libpng-dev libjpeg62-turbo-dev hyphen-fr fonts-lato; do
  printf '%s\n' "$build" | grep -qx "$p" || fail "$p absent de la liste BUILD"
done
for p in libreoffice-calc-nogui python3-uno python3-openpyxl poppler-utils qpdf valgrind clang \
         libclang-rt-14-dev default-jre-headless libpdfbox2-java python3-pikepdf; do
  printf '%s\n' "$test_" | grep -qx "$p" || fail "$p absent de la liste TEST"
  printf '%s\n' "$build" | grep -qx "$p" && fail "$p dans la liste BUILD (make report l'installerait)"
done
both=$(printf '%s\n' "$build" "$test_" | sort | uniq -d)
[ -z "$both" ] || fail "paquets dans les deux listes : $both"
"$root/tools/setup-deps" --list autre >/dev/null 2>&1 && fail "--list autre accepté"

# ---- a normal user: the apt-get line, in French, exit status 1
cp "$root/tools/setup-deps" "$tmp/setup-deps"; chmod 755 "$tmp/setup-deps"
as_user() {
  if [ "$(id -u)" = 0 ]; then setpriv --reuid=65534 --regid=65534 --clear-groups "$@"; else "$@"; fi
}
for set in build test; do
  out=$(SETUP_DEPS_PKGS="make paquet-inexistant-pour-test" as_user "$tmp/setup-deps" $set 2>&1); st=$?
  [ $st -eq 1 ] || fail "$set : statut $st pour un utilisateur sans droits, attendu 1"
  printf '%s' "$out" | grep -qx "  sudo apt-get install -y --no-install-recommends paquet-inexistant-pour-test" ||
    { fail "$set : ligne apt-get attendue absente :"; echo "$out"; }
  case $set in build) want="pour compiler et produire le rapport (make report)" ;;
               test) want="pour les tests (make test)" ;; esac
  printf '%s' "$out" | grep -qF "planif-rapport : paquets manquants $want. Installez-les avec :" ||
    { fail "$set : message attendu absent :"; echo "$out"; }
done

# ---- the Makefile asks for the right list: a copy of it with a
# setup-deps that only writes down its argument
mkdir -p "$tmp/mk/tools"
cp "$root/Makefile" "$root/VERSION" "$tmp/mk/"
printf '#!/bin/sh\necho "${1:-build}" >>"%s/calls"\nexit ${FAUX_STATUT:-0}\n' "$tmp" >"$tmp/mk/tools/setup-deps"
chmod +x "$tmp/mk/tools/setup-deps"
goal_set() { # goal_set WANT GOALS...: the list setup-deps was asked for
  local want=$1; shift
  rm -f "$tmp/calls"
  make -n -C "$tmp/mk" "$@" >/dev/null 2>&1
  got=$(cat "$tmp/calls" 2>/dev/null | tr '\n' ' ' | sed 's/ $//')
  [ "$got" = "$want" ] || fail "make $* : setup-deps « $got », attendu « $want »"
}
goal_set build
goal_set build all
goal_set build report
goal_set build check
goal_set build install
goal_set build deps
for g in test test-fast asan valgrind bench fuzz test-deps; do goal_set test $g; done
goal_set test report test
goal_set "" clean
goal_set "" uninstall
rm -f "$tmp/calls"
PR_SKIP_DEPS=1 make -n -C "$tmp/mk" report >/dev/null 2>&1
[ ! -e "$tmp/calls" ] || fail "PR_SKIP_DEPS=1 n'empêche pas setup-deps"
out=$(FAUX_STATUT=1 make -n -C "$tmp/mk" report 2>&1); st=$?
[ $st -ne 0 ] || fail "make continue alors que des paquets manquent"
printf '%s' "$out" | grep -q "paquets Debian manquants" || { fail "message de make absent :"; echo "$out"; }
exit $fails
