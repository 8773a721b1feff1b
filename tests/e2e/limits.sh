#!/usr/bin/env bash
# The loaders' limits (src/data/load.h PR_MAX_*, data/README.md § 7): each
# oversized input, generated here in a temporary folder, is refused with
# exit status 1 and one error naming the limit at the right position.
# The YAML alias bomb ("billion laughs") must be refused before it is
# expanded: the check is that this script finishes (no timing).
#   tests/e2e/limits.sh build/planif-rapport
set -u
bin=$1
py=/usr/bin/python3
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cd "$tmp" || exit 1
fails=0

# Generate the inputs (sizes just over each limit).
$py - <<'PYEOF' || exit 1
def w(name, text):
    open(name, 'w', encoding='utf-8').write(text)
w('profond.yaml', 'a: ' + '[' * 65 + ']' * 65 + '\n')
w('profond.json', '{"a": ' + '[' * 65 + ']' * 65 + '}\n')
w('profond-bloc.yaml', ''.join('  ' * i + 'k%d:\n' % i for i in range(70)) + '  ' * 70 + 'x\n')
w('texte.yaml', 'rapport:\n  titre: "' + 'é' * (32 * 1024 + 1) + '"\n')
w('texte.json', '{"rapport": {"titre": "' + 'x' * (64 * 1024 + 1) + '"}}\n')
w('liste.yaml', 'elus:\n' + '  - 0\n' * 200001)
w('liste.json', '{"elus": [' + ','.join(['0'] * 200001) + ']}\n')
w('objet.json', '{' + ','.join('"k%d":0' % i for i in range(200001)) + '}\n')
w('gros.yaml', '# ' + 'x' * (16 * 1024 * 1024) + '\n')
w('noeuds.json', '[' + ','.join('[' + ','.join(['0'] * 199999) + ']' for _ in range(11)) + ']\n')
# billion laughs: 10^9 nodes once expanded (9 levels of 10 aliases)
lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]']
for i in range(1, 10):
    lines.append('a%d: &a%d [%s]' % (i, i, ', '.join(['*a%d' % (i - 1)] * 10)))
w('rires.yaml', '\n'.join(lines) + '\n')
# a deep alias chain with few aliases per level but exponential size
lines = ['b0: &b0 [x, x]']
for i in range(1, 40):
    lines.append('b%d: &b%d [*b%d, *b%d]' % (i, i, i - 1, i - 1))
w('rires-binaire.yaml', '\n'.join(lines) + '\n')
PYEOF

# check FILE EXPECTED-FIRST-LINE [format for stdin]
check() {
  local file=$1 want=$2 fmt=${3:-}
  local out status
  if [ -n "$fmt" ]; then
    out=$("$bin" --check --format "$fmt" - <"$file" 2>&1 >/dev/null); status=$?
  else
    out=$("$bin" --check "$file" 2>&1 >/dev/null); status=$?
  fi
  local first
  first=$(printf '%s\n' "$out" | head -1)
  if [ "$status" != 1 ] || [ "$first" != "$want" ]; then
    echo "ÉCHEC $file${fmt:+ (entrée standard)} : statut $status"
    echo "  attendu : $want"
    echo "  obtenu  : $first"
    fails=$((fails + 1))
  fi
  # the summary counts exactly one error
  if ! printf '%s\n' "$out" | grep -qx '1 erreur, 0 avertissement'; then
    echo "ÉCHEC $file : résumé inattendu"; printf '%s\n' "$out" | tail -3; fails=$((fails + 1))
  fi
}

check profond.yaml 'profond.yaml:1:67: erreur: imbrication trop profonde : la limite est de 64 niveaux'
check profond.json 'profond.json:1:70: erreur: imbrication trop profonde : la limite est de 64 niveaux'
check profond-bloc.yaml 'profond-bloc.yaml:65:129: erreur: imbrication trop profonde : la limite est de 64 niveaux'
check texte.yaml 'texte.yaml:2:10: erreur: texte trop long : la limite est de 64 Kio par valeur'
check texte.json 'texte.json:1:23: erreur: texte trop long : la limite est de 64 Kio par valeur'
check liste.yaml 'liste.yaml:2:3: erreur: liste trop longue : la limite est de 200 000 éléments'
check liste.json 'liste.json:1:10: erreur: liste trop longue : la limite est de 200 000 éléments'
check objet.json 'objet.json:1:1: erreur: dictionnaire trop long : la limite est de 200 000 éléments'
check gros.yaml 'gros.yaml: erreur: fichier trop volumineux : la limite est de 16 Mio'
check gros.yaml '<entrée standard>: erreur: fichier trop volumineux : la limite est de 16 Mio' yaml
check noeuds.json 'noeuds.json:1:3999999: erreur: trop de valeurs : la limite est de 2 000 000 valeurs'
check rires.yaml "rires.yaml:7:10: erreur: trop de valeurs : l'alias « *a5 » porte le document au-delà de la limite de 2 000 000 valeurs (alias imbriqués ?)"
check rires-binaire.yaml "rires-binaire.yaml:19:18: erreur: trop de valeurs : l'alias « *b17 » porte le document au-delà de la limite de 2 000 000 valeurs (alias imbriqués ?)"

[ "$fails" -eq 0 ] && echo "limites : toutes refusées comme attendu"
[ "$fails" -eq 0 ]
