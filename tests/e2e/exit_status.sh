#!/usr/bin/env bash
# One exit status per class of error, as README.md documents it: data and
# template errors 1 (a syntax error in fonts/fonts.conf, an unknown
# component style in style.yaml, each with its file:line:col), usage 2,
# input/output 3 (an output folder that cannot be written, a font file
# that cannot be read); the highest class wins. Nothing is written when a
# run fails. (Exit status 4, internal errors: tests/unit/test_util.c and
# test_diag.c; they have no command-line trigger.)
#   tests/e2e/exit_status.sh build/planif-rapport
set -u
bin=$1
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
fails=0

# expect STATUS LINE -- COMMAND...: exit status, and LINE among stderr's lines
expect() {
  local want=$1 line=$2; shift 3
  local out got
  out=$("$@" 2>&1 >/dev/null); got=$?
  if [ "$got" != "$want" ]; then
    echo "ÉCHEC : statut $got au lieu de $want pour : $*"; printf '%s\n' "$out" | tail -8
    fails=$((fails + 1)); return
  fi
  if ! printf '%s\n' "$out" | grep -qxF -- "$line"; then
    echo "ÉCHEC : ligne « $line » absente pour : $*"; printf '%s\n' "$out" | tail -8
    fails=$((fails + 1))
  fi
}
no_output() {   # no_output DIR: the failed run wrote nothing there
  if [ -e "$1" ] && [ -n "$(ls -A "$1")" ]; then
    echo "ÉCHEC : fichiers écrits malgré l'erreur dans $1 :"; ls -A "$1"; fails=$((fails + 1))
  fi
}

# ---- 1: data
sed 's/^  annee: 2023$/  annee: deux/' data/2023.yaml >"$tmp/mauvais.yaml"
line=$(grep -n '^  annee: deux$' "$tmp/mauvais.yaml" | cut -d: -f1)
expect 1 "$tmp/mauvais.yaml:$line:10: erreur: rapport.annee : nombre entier attendu, trouvé « deux »" -- \
  "$bin" --check "$tmp/mauvais.yaml"

# ---- 1: fonts/fonts.conf (found first under the current folder) with a
# line without "=": a template error at its line and column, not an I/O error
mkdir -p "$tmp/ici/fonts"
{ sed -n '1,/^regular/p' fonts/fonts.conf; echo "  semibold /usr/share/fonts/truetype/lato/Lato-Semibold.ttf"; } \
  >"$tmp/ici/fonts/fonts.conf"
line=$(wc -l <"$tmp/ici/fonts/fonts.conf")
run_here() { (cd "$tmp/ici" && "$bin" -q -o "$tmp/out-conf" --templates "$ROOT/report-templates/rapport-annuel" "$ROOT/data/2023.yaml"); }
expect 1 "fonts/fonts.conf:$line:3: erreur: ligne sans « = » : attendu « rôle = chemin de la police »" -- run_here
no_output "$tmp/out-conf"
# an unknown role, with a suggestion
{ sed -n '1,/^regular/p' fonts/fonts.conf; echo "semibld = /usr/share/fonts/truetype/lato/Lato-Semibold.ttf"; } \
  >"$tmp/ici/fonts/fonts.conf"
expect 1 "fonts/fonts.conf:$line:1: erreur: rôle de police inconnu « semibld » (vouliez-vous dire « semibold » ?)" -- run_here
# ...but a font file it names that cannot be read is an I/O error
{ sed -n '1,/^regular/p' fonts/fonts.conf; echo "semibold = $tmp/absente.ttf"; } >"$tmp/ici/fonts/fonts.conf"
expect 3 "fonts/fonts.conf:$line:12: erreur: impossible de lire la police « $tmp/absente.ttf » : fichier ou dossier introuvable" -- run_here
no_output "$tmp/out-conf"

# ---- 1: an unknown component style in style.yaml, at its position
cp -r report-templates/rapport-annuel "$tmp/gabarit"
sed -i 's/^  frise: /  frises: /' "$tmp/gabarit/style.yaml"
line=$(grep -n '^  frises:' "$tmp/gabarit/style.yaml" | cut -d: -f1)
expect 1 "$tmp/gabarit/style.yaml:$line:3: erreur: composant de style inconnu « frises » (vouliez-vous dire « frise » ?)" -- \
  "$bin" -q -o "$tmp/out-style" --templates "$tmp/gabarit" data/2023.yaml
no_output "$tmp/out-style"
# a YAML syntax error in the template is a template error too (status 1)
printf 'page: [A4\n' >"$tmp/gabarit/style.yaml"
expect 1 "$tmp/gabarit/style.yaml:2:1: erreur: syntaxe YAML : « , » ou « ] » attendu (dans la liste [ ] commencée ligne 1)" -- \
  "$bin" -q -o "$tmp/out-style" --templates "$tmp/gabarit" data/2023.yaml

# ---- 2: usage
expect 2 "planif-rapport: erreur: option inconnue « --sortie » (voir --help)" -- "$bin" --sortie x data/2023.yaml
expect 2 "planif-rapport: erreur: aucun fichier de données (voir --help)" -- "$bin" -q

# ---- 3: an output folder that cannot be written (read-only: as user
# "nobody" when running as root, who ignores permissions)
mkdir "$tmp/lecture-seule"; chmod 555 "$tmp/lecture-seule"
as_user=()
if [ "$(id -u)" = 0 ]; then
  command -v setpriv >/dev/null && as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
fi
if [ "$(id -u)" != 0 ] || [ ${#as_user[@]} -gt 0 ]; then
  expect 3 "$tmp/lecture-seule/rapport-activites-2023.pdf: erreur: impossible d'écrire dans le dossier de sortie : permission refusée" -- \
    "${as_user[@]+"${as_user[@]}"}" "$bin" -q -o "$tmp/lecture-seule" "$ROOT/data/2023.yaml"
  no_output "$tmp/lecture-seule"
fi
# and one that cannot exist (below a regular file)
: >"$tmp/fichier"
expect 3 "$tmp/fichier/sortie/rapport-activites-2023.pdf: erreur: impossible de créer le dossier de sortie : un élément du chemin n'est pas un dossier" -- \
  "$bin" -q -o "$tmp/fichier/sortie" data/2023.yaml

# ---- the highest class wins: bad data read from a file that cannot be read
expect 3 "$tmp/absent.yaml: erreur: lecture impossible : fichier ou dossier introuvable" -- \
  "$bin" --check "$tmp/absent.yaml"

[ "$fails" -eq 0 ] && echo "codes de sortie : conformes"
[ "$fails" -eq 0 ]
