#!/usr/bin/env bash
# A shared, group-writable, setgid output folder used by two users (run as
# two unprivileged ids with setpriv, no account needed; skipped when not
# root): the second user regenerates the report over the first one's files
# (protected_hardlinks forbids linking another user's file: the previous
# outputs are kept by renames only), and the outputs take the folder's
# group and the mode the umask gives.
set -u
bin=$1; fails=0
root=$(cd "$(dirname "$0")/../.." && pwd)
if [ "$(id -u)" != 0 ] || ! command -v setpriv >/dev/null; then
  echo "dossier partagé : ignoré (il faut être root pour prendre deux identités)"
  exit 0
fi
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
fail() { echo "ÉCHEC : $*"; fails=$((fails + 1)); }
chmod 755 "$tmp"
G=61000; A=61001; B=61002
# what the two users run: a copy they can read (the build tree may not be)
w=$tmp/w
mkdir -p "$w/fonts" "$w/report-templates"
cp "$bin" "$w/planif-rapport"
cp -R "$root/report-templates/rapport-annuel" "$w/report-templates/"
cp "$root/fonts/fonts.conf" "$w/fonts/"
cp "$root/data/2023.yaml" "$w/annee.yaml"
chmod -R a+rX "$w"
shared=$tmp/partage
mkdir "$shared"
chgrp $G "$shared"
chmod 2775 "$shared"
as() { local uid=$1 um=$2; shift 2
  (cd "$w" && umask "$um" && setpriv --reuid="$uid" --regid="$uid" --groups="$G" --inh-caps=-all "$@"); }

as $A 002 ./planif-rapport -q -o "$shared" annee.yaml 2>"$tmp/err" || { fail "premier utilisateur : échec"; cat "$tmp/err"; }
for f in rapport-activites-2023.pdf annexe-2023.xlsx; do
  [ "$(stat -c '%u %g %a' "$shared/$f")" = "$A $G 664" ] ||
    fail "$f après le premier utilisateur : $(stat -c '%u %g %a' "$shared/$f") (attendu $A $G 664)"
done
sed -i 's/  titre: "Rapport d.activités 2023"/  titre: "Rapport d’activités 2023 (relu)"/' "$w/annee.yaml"
as $B 022 ./planif-rapport -q -o "$shared" annee.yaml 2>"$tmp/err"; st=$?
[ $st -eq 0 ] || { fail "second utilisateur : statut $st"; cat "$tmp/err"; }
for f in rapport-activites-2023.pdf annexe-2023.xlsx; do
  [ "$(stat -c '%u %g %a' "$shared/$f")" = "$B $G 644" ] ||
    fail "$f après le second utilisateur : $(stat -c '%u %g %a' "$shared/$f") (attendu $B $G 644)"
done
stray=$(ls -A "$shared" | grep -vxF -e rapport-activites-2023.pdf -e annexe-2023.xlsx)
[ -z "$stray" ] || fail "fichiers temporaires laissés : $stray"
# and back to the first, over the second's files
as $A 002 ./planif-rapport -q -o "$shared" annee.yaml 2>"$tmp/err" || { fail "premier utilisateur, encore : échec"; cat "$tmp/err"; }
[ "$(stat -c '%u' "$shared/annexe-2023.xlsx")" = "$A" ] || fail "l'annexe n'a pas été remplacée"

[ $fails -eq 0 ] && echo "dossier partagé entre deux utilisateurs : conforme (protected_hardlinks=$(cat /proc/sys/fs/protected_hardlinks 2>/dev/null))"
exit $((fails > 0))
