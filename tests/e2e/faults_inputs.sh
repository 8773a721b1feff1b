#!/usr/bin/env bash
# Unusable inputs and outputs, each with its exit status and French message:
# unreadable data file, missing or corrupt font, missing template file,
# missing or corrupt photo, unreadable hyphenation patterns, output folder
# to create or impossible to create.
#   tests/e2e/faults_inputs.sh build/planif-rapport
# Tests run as root in CI, and root ignores file permissions: an unreadable
# file is made with chmod 000 and read as user "nobody" (setpriv) when
# running as root, and also as a directory (EISDIR) and as a path through a
# regular file (ENOTDIR), which fail for root too.
set -u
bin=$1
cd "$(dirname "$0")/../.." || exit 1
ROOT=$PWD
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
fails=0

# expect STATUS PATTERN -- COMMAND...: exit status and a line of stderr
expect() {
  local want=$1 pat=$2; shift 3
  local out got
  out=$("$@" 2>&1 >/dev/null); got=$?
  if [ "$got" != "$want" ]; then
    echo "ÉCHEC : statut $got au lieu de $want pour : $*"; printf '%s\n' "$out" | grep -v '^ ' | tail -5
    fails=$((fails + 1)); return
  fi
  if ! printf '%s\n' "$out" | grep -qF -- "$pat"; then
    echo "ÉCHEC : message « $pat » absent pour : $*"; printf '%s\n' "$out" | grep -v '^ ' | tail -5
    fails=$((fails + 1))
  fi
}

# ---- unreadable data file
cp data/2023.yaml "$tmp/illisible.yaml"; chmod 000 "$tmp/illisible.yaml"
if [ "$(id -u)" = 0 ]; then
  if command -v setpriv >/dev/null; then
    expect 3 "$tmp/illisible.yaml: erreur: lecture impossible : permission refusée" -- \
      setpriv --reuid=65534 --regid=65534 --clear-groups "$bin" --check "$tmp/illisible.yaml"
  fi
else
  expect 3 "$tmp/illisible.yaml: erreur: lecture impossible : permission refusée" -- "$bin" --check "$tmp/illisible.yaml"
fi
mkdir "$tmp/dossier.yaml"
expect 3 "$tmp/dossier.yaml: erreur: lecture impossible : c'est un dossier, pas un fichier" -- "$bin" --check "$tmp/dossier.yaml"
expect 3 "data/2023.yaml/x.yaml: erreur: lecture impossible : un élément du chemin n'est pas un dossier" -- \
  "$bin" --check data/2023.yaml/x.yaml
expect 3 "$tmp/absent.yaml: erreur: lecture impossible : fichier ou dossier introuvable" -- "$bin" --check "$tmp/absent.yaml"

# ---- fonts: an installed copy of the resources whose mapping is broken
mkdir -p "$tmp/res/fonts"
cp -r report-templates "$tmp/res/"
sed 's|^bold *=.*|bold = /nonexistent/Lato-Bold.ttf|' fonts/fonts.conf >"$tmp/res/fonts/fonts.conf"
mkdir "$tmp/ailleurs"
run_installed() { (cd "$tmp/ailleurs" && PLANIF_RAPPORT_DATADIR=$tmp/res "$bin" -q -o "$tmp/out-police" "$ROOT/data/2023.yaml"); }
expect 3 "impossible de lire la police « /nonexistent/Lato-Bold.ttf » : fichier ou dossier introuvable" -- run_installed
printf 'pas une police' >"$tmp/cassee.ttf"
sed "s|^bold *=.*|bold = $tmp/cassee.ttf|" fonts/fonts.conf >"$tmp/res/fonts/fonts.conf"
expect 3 "police illisible « $tmp/cassee.ttf » : ce n’est pas un fichier TrueType ou OpenType" -- run_installed
[ ! -e "$tmp/out-police" ] || [ -z "$(ls -A "$tmp/out-police")" ] || { echo "ÉCHEC : police absente mais fichiers écrits"; fails=$((fails + 1)); }

# ---- templates: a copy without structure.yaml
cp -r report-templates/rapport-annuel "$tmp/gabarit"
rm "$tmp/gabarit/structure.yaml"
expect 3 "$tmp/gabarit/structure.yaml: erreur: lecture impossible : fichier ou dossier introuvable" -- \
  "$bin" -q -o "$tmp/out-gabarit" --templates "$tmp/gabarit" data/2023.yaml

# ---- photos: a member with a photo that is missing, then not an image
/usr/bin/python3 - "$tmp/photo.yaml" <<'PYEOF'
import sys
s = open('data/2023.yaml', encoding='utf-8').read()
i = s.index('  membres:'); j = s.index('- prenom:', i); k = s.index('\n', j)
open(sys.argv[1], 'w', encoding='utf-8').write(s[:k + 1] + '      photo: "portrait.png"\n' + s[k + 1:])
PYEOF
line=$(grep -n 'photo: "portrait.png"' "$tmp/photo.yaml" | cut -d: -f1)
expect 1 "$tmp/photo.yaml:$line:14: erreur: equipe.membres[0].photo : photo introuvable « portrait.png » (cherchée à $tmp/portrait.png)" -- \
  "$bin" -q -o "$tmp/out-photo" "$tmp/photo.yaml"
printf 'pas une image' >"$tmp/portrait.png"
# a corrupt photo: the report is made with the initials, and a warning
# points at the data field
expect 0 "$tmp/photo.yaml:$line:14: avertissement: equipe.membres[0].photo : photo « portrait.png » inutilisable (PNG ou JPEG attendu) : initiales à la place" -- \
  "$bin" -o "$tmp/out-photo" "$tmp/photo.yaml"

# ---- the French hyphenation patterns cannot be read (loaded with the
# template and fonts): a warning, and the report made without hyphenation
san=""; case $(basename "$bin") in *-san) san=-DFAILSHIM_NO_MALLOC ;; esac
if cc -O1 -shared -fPIC $san -o "$tmp/failshim.so" tests/faults/failshim.c -ldl 2>/dev/null; then
  expect 0 "/usr/share/hyphen/hyph_fr.dic: avertissement: dictionnaire de césure français introuvable (paquet hyphen-fr) : le texte sera composé sans césure" -- \
    env LD_PRELOAD="$tmp/failshim.so" FAIL_CALL=fopen FAIL_AT=1+ FAIL_PATH=hyph_fr.dic \
      ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}:verify_asan_link_order=0" \
      "$bin" -o "$tmp/out-cesure" data/2023.yaml
  [ -s "$tmp/out-cesure/rapport-activites-2023.pdf" ] ||
    { echo "ÉCHEC : pas de rapport sans césure"; fails=$((fails + 1)); }
else
  echo "ÉCHEC : compilation du shim"; fails=$((fails + 1))
fi

# ---- output folder: created when missing; impossible under a regular file
expect 0 "rapport écrit dans $tmp/a/b/c/rapport-activites-2023.pdf" -- "$bin" -o "$tmp/a/b/c" data/2023.yaml
[ -s "$tmp/a/b/c/rapport-activites-2023.pdf" ] || { echo "ÉCHEC : dossier de sortie non créé"; fails=$((fails + 1)); }
: >"$tmp/fichier"
expect 3 "$tmp/fichier/sortie/rapport-activites-2023.pdf: erreur: impossible de créer le dossier de sortie" -- \
  "$bin" -q -o "$tmp/fichier/sortie" data/2023.yaml
expect 3 "$tmp/fichier/chiffres.json: erreur: impossible de créer le dossier de sortie : un élément du chemin n'est pas un dossier" -- \
  "$bin" -q --check --figures-json "$tmp/fichier/chiffres.json" data/2023.yaml

[ "$fails" -eq 0 ] && echo "entrées et sorties inutilisables : conformes"
[ "$fails" -eq 0 ]
