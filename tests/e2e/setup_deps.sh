#!/usr/bin/env bash
# tools/setup-deps: nothing to do when everything is installed; as a normal
# user, a missing package gives the exact apt-get line and exit status 1.
set -u
fails=0
tools/setup-deps >/dev/null 2>&1 || { echo "setup-deps échoue alors que tout est installé"; fails=1; }
if command -v setpriv >/dev/null; then
  out=$(SETUP_DEPS_PKGS="make paquet-inexistant-pour-test" setpriv --reuid=65534 --regid=65534 --clear-groups tools/setup-deps 2>&1); st=$?
  [ $st -eq 1 ] || { echo "statut $st pour un utilisateur sans droits, attendu 1"; fails=1; }
  printf '%s' "$out" | grep -q "sudo apt-get install -y paquet-inexistant-pour-test" || { echo "ligne apt-get attendue absente :"; echo "$out"; fails=1; }
else
  echo "setpriv absent : partie non-root non vérifiée"; fails=1
fi
exit $fails
