#!/usr/bin/env bash
# Any year, any shape (issue 10): the fixed sample of tests/years/ — four
# contrasting years of our own, three generated ones and the regression
# seeds (REGRESSION_SEEDS below) — validated,
# rendered and checked with tests/years/check-report.
#
# What holds already, asserted on every year of the sample:
#   - every year of the sample passes --check (exit 0);
#   - every year renders (exit 0), except those listed in PENDING_RENDER;
#   - the same data give the same PDF bytes twice;
#   - the rules listed in HOLDING hold on every year that renders: what the
#     report says (every record named, workstreams detailed, no "0 <noun>",
#     agreement, elision, no dangling ":", no empty heading or section, the
#     sommaire, no sentence twice, no future partner, punctuation, counts
#     labelled right) and the page flow of issue 10 item 7 (no nearly empty
#     page, no heading at the foot of a page, nothing outside the page or
#     across a frame's edge);
#   - check-report finds nothing in the 2023 report, apart from the rules
#     listed in PENDING_2023 (known defects of 2023 itself);
#   - check-report bites: a template with a dangling "0 réunion et 1
#     ateliers :" and a narrowed left margin is caught (zero, accord,
#     deux_points, hors_page).
# PENDING (issue 10 item 7): the rules superposition and photos (they pass
# on the sample today: PR_ANY_YEAR_STRICT=1 holds). With
# PR_ANY_YEAR_STRICT=1 the script requires every rule of check-report on
# every year of the sample, and every year to render: the lead turns this
# on by default when item 7 is closed.
set -u
bin=$1; fails=0
PY=/usr/bin/python3
CHECK="$PY tests/years/check-report"
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
strict=${PR_ANY_YEAR_STRICT:-0}
# Every year of the sample renders (photos are decoded by src/image/ since
# issue 10 item 7).
PENDING_RENDER=""
# 2023 itself: nothing pending.
PENDING_2023=""
# Rules that already hold on every year of the sample that renders.
HOLDING="nommes,detail,zero,accord,elision,deux_points,titre_vide,section_vide,sommaire,doublon,partenaire_futur,ponctuation,libelle,page_vide,titre_bas,hors_page,hors_cadre"

fail() { echo "ÉCHEC : $*"; fails=1; }

years=()
for f in tests/years/*.yaml; do years+=("$f"); done
# Seeds 1 to 3, and regression seeds: each once showed a defect that a fix
# removed (seed: rule, what was wrong).
#   5: ponctuation, a quote by an organisation alone printed ", Métropole…"
#  23: deux_points, the second pass moved a grid of cards (the site's
#      rubriques) to a new page without its lead-in "… rencontres :", and
#      left a half-empty page; now it carries the grid's last rows over
#  26: hors_page, a long list of credits ran off the back cover
#  37: titre_bas, the last of four key figures went alone to the next
#      page, leaving its heading over one row at the foot of the page
#  49: page_vide, a chain of short subsections (a workstream with two
#      lines, the officials' heading and card) moved whole with the map
#      after it, leaving a page with one box; titre_bas then read the
#      workstream's heading, in the top fifth, as at the page's foot
#  56: elision, "plus de un participant"
REGRESSION_SEEDS="5 23 26 37 49 56"
for s in 1 2 3 $REGRESSION_SEEDS; do
  $PY tests/years/gen --seed "$s" -o "$tmp/graine-$s.yaml" \
    || fail "tests/years/gen --seed $s"
  years+=("$tmp/graine-$s.yaml")
done

for y in "${years[@]}"; do
  name=$(basename "$y" .yaml)
  "$bin" --check -q "$y" >/dev/null 2>"$tmp/$name.check" \
    || { fail "$name : --check a échoué"; cat "$tmp/$name.check"; continue; }
  if ! "$bin" -q --pdf "$tmp/$name.pdf" --xlsx "$tmp/$name.xlsx" "$y" 2>"$tmp/$name.err"; then
    if [ "$strict" = 1 ] || [[ "$PENDING_RENDER" != *" $name "* ]]; then
      fail "$name : rapport non produit : $(head -c 300 "$tmp/$name.err")"
    else
      echo "en attente (issue 10) : $name : rapport non produit"
    fi
    continue
  fi
  "$bin" -q --pdf "$tmp/$name-2.pdf" --xlsx "$tmp/$name-2.xlsx" "$y" 2>/dev/null
  cmp -s "$tmp/$name.pdf" "$tmp/$name-2.pdf" || fail "$name : deux rendus différents"
  if [ "${PR_E2E_SKIP_SLOW:-0}" != 1 ]; then
    if [ "$strict" = 1 ]; then
      $CHECK "$tmp/$name.pdf" "$y" || fail "$name : check-report"
    else
      $CHECK "$tmp/$name.pdf" "$y" --regles "$HOLDING" > "$tmp/$name.out" \
        || { fail "$name : check-report ($HOLDING)"; cat "$tmp/$name.out"; }
    fi
  fi
done

# the checker on 2023 and on a deliberately broken template (once per suite)
if [ "${PR_E2E_SKIP_SLOW:-0}" != 1 ]; then
  "$bin" -q --pdf "$tmp/2023.pdf" --xlsx "$tmp/2023.xlsx" data/2023.yaml 2>/dev/null \
    || fail "2023 : rapport non produit"
  sauf=$PENDING_2023; [ "$strict" = 1 ] && sauf=""
  if [ -n "$sauf" ]; then
    $CHECK "$tmp/2023.pdf" data/2023.yaml --sauf "$sauf" > "$tmp/2023.out" || { fail "2023 : check-report"; cat "$tmp/2023.out"; }
  else
    $CHECK "$tmp/2023.pdf" data/2023.yaml > "$tmp/2023.out" || { fail "2023 : check-report"; cat "$tmp/2023.out"; }
  fi

  cp -R report-templates/rapport-annuel "$tmp/gabarit"
  $PY - "$tmp/gabarit" <<'PY'
import re, sys
d = sys.argv[1]
t = open(d + "/structure.yaml", encoding="utf-8").read()
# a last component of part 2 (governance) that breaks three rules
t = t.replace("        bloc: echanges\n",
              "        bloc: echanges\n"
              "      - composant: texte\n"
              "        texte: \"Au total, 0 réunion et 1 ateliers :\"\n", 1)
open(d + "/structure.yaml", "w", encoding="utf-8").write(t)
s = open(d + "/style.yaml", encoding="utf-8").read()
s = re.sub(r"gauche: 20", "gauche: 8", s)
open(d + "/style.yaml", "w", encoding="utf-8").write(s)
PY
  "$bin" -q --templates "$tmp/gabarit" --pdf "$tmp/casse.pdf" --xlsx "$tmp/casse.xlsx" data/2023.yaml 2>/dev/null \
    || fail "gabarit cassé : rapport non produit"
  $CHECK "$tmp/casse.pdf" data/2023.yaml > "$tmp/casse.out"
  [ $? = 1 ] || fail "check-report ne signale rien sur un gabarit cassé"
  for want in '^\[zero\] p\. [0-9]+ \(x [0-9]+, y [0-9]+\) : zéro suivi d.un nom \(« 0 réunion »\)' \
              '^\[accord\] p\. [0-9]+ \(x [0-9]+, y [0-9]+\) : pluriel après 1 \(« 1 ateliers »\)' \
              '^\[deux_points\] p\. [0-9]+ \(x [0-9]+, y [0-9]+\) : ligne finale de la partie terminée par « : » « Au total, 0 réunion et 1 ateliers : »' \
              '^\[hors_page\] p\. [0-9]+ \(x [0-9]+, y 62\) : mot dans la marge gauche « Présentation »'; do
    grep -Eq "$want" "$tmp/casse.out" || { fail "check-report n'a pas signalé : $want"; grep -v hors_page "$tmp/casse.out" | head -20; }
  done
fi
exit $fails
