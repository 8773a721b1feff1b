#!/usr/bin/env bash
# The comparison with the years before (issue 15), on years made by the
# year generator (tests/years/gen --seed N --year Y) in a temporary folder:
#   - one year alone: nothing to compare (--check says so, the JSON has no
#     figure, the report has no chart and no « contre … »);
#   - two years, 2022 beside 2023: the comparison's 2022 values are exactly
#     what --figures-json gives on 2022.yaml alone, the change is the
#     difference, the report's tiles say « contre N en 2022 » and the chart
#     is drawn, a Figure whose /Alt states its values;
#   - ten years, 2014 to 2023: every year's values are its own figures, in
#     order, reading them stays cheap (history stage timed), and the chart
#     covers 2014–2023;
#   - a published 2023 value under the definition of before 2024 (personnes_
#     mobilisees, PR_FIGURE_REVISIONS) in a 2024 report: --check, the tile,
#     the chart and the annex say « non comparable », no change is given;
#   - a broken 2022: a warning at its first error's file:line:col, the year
#     left out, exit status 0 and the report and the annex written;
#   - the annexes: with one year or a broken 2022, Évolution has no row and
#     says there is nothing to compare; the ten years' and the changed
#     definition's annexes recalculated by LibreOffice (annex_recalc.py):
#     Évolution is the program's comparison (each year's value, difference,
#     rate, « non comparable », sources) and its formulas give back their
#     cached values (skipped with PR_E2E_SKIP_SLOW=1, the sanitized pass).
set -u
bin=$1; fails=0
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
gen=tests/years/gen
fail() { echo "ÉCHEC : $*"; fails=1; }
export LC_ALL=C.UTF-8

# the report of a year, its figures (with the comparison) and its text
report() {
  "$bin" -q -o "$2" --figures-json "$2/chiffres.json" "$1" 2>/dev/null &&
    pdftotext -q "$2"/rapport-activites-*.pdf "$2/texte"
}

# an annex's Évolution with nothing to compare: no row, row 1 says so, the
# sources name the report's year alone
nothing_to_compare() {
  /usr/bin/python3 - "$1" <<'EOF'
import sys, openpyxl
ws = openpyxl.load_workbook(sys.argv[1])["Évolution"]
t, s = ws.tables["Evolution"], ws.tables["SourcesEvolution"]
rows = [c.value for c in ws[t.ref.split(":")[0][0]][2:] if c.value is not None]
if "rien à comparer" not in ws["A1"].value or t.ref.split(":")[1][1:] != "3" or \
        s.ref.split(":")[1][1:] != str(int(s.ref.split(":")[0][1:]) + 1):
    print(ws["A1"].value, t.ref, s.ref); sys.exit(1)
EOF
}

# the /Alt of the chart's Figure (the one that names the chart)
chart_alt() {
  /usr/bin/python3 - "$1" <<'EOF'
import sys, pikepdf
pdf = pikepdf.open(sys.argv[1])
def walk(node, out):
    if isinstance(node, pikepdf.Dictionary):
        if node.get("/S") == "/Figure" and "/Alt" in node and str(node.Alt).startswith("Évolution des chiffres clés"):
            out.append(str(node.Alt))
        kids = node.get("/K")
        if isinstance(kids, pikepdf.Array):
            for k in kids:
                walk(k, out)
        elif isinstance(kids, pikepdf.Dictionary):
            walk(kids, out)
out = []
walk(pdf.Root.StructTreeRoot, out)
print(out[0] if len(out) == 1 else "%d figures" % len(out))
EOF
}

# the figures of one year alone, as JSON
figures() { "$bin" -q --check --figures-json - "$1"; }

# ---- one year ------------------------------------------------------------------
mkdir "$tmp/un"
$gen --seed 3 --year 2023 -o "$tmp/un/2023.yaml"
out=$("$bin" --check "$tmp/un/2023.yaml" 2>/dev/null)
grep -q "aucune année précédente" <<<"$out" || fail "une année : --check ne dit pas « aucune année précédente »"
n=$(figures "$tmp/un/2023.yaml" | /usr/bin/python3 -c 'import json,sys; c=json.load(sys.stdin)["comparaison"]; print(len(c["annees"]), len(c["chiffres"]))')
[ "$n" = "1 0" ] || fail "une année : comparaison JSON « $n », attendu « 1 0 »"
report "$tmp/un/2023.yaml" "$tmp/un/out" || fail "une année : rapport non écrit"
! grep -q "Évolution des chiffres clés" "$tmp/un/out/texte" || fail "une année : le rapport montre un graphique"
! grep -q "contre .* en 20" "$tmp/un/out/texte" || fail "une année : le rapport compare à une année absente"
[ "$(chart_alt "$tmp/un/out/rapport-activites-2023.pdf")" = "0 figures" ] || fail "une année : figure du graphique présente"
nothing_to_compare "$tmp/un/out/annexe-2023.xlsx" || fail "une année : feuille Évolution de l'annexe"

# ---- the real 2023: 2022 known only by three published figures ----------------------
# the chart's candidates without a 2022 value give way to the next ones: no
# row of « n.d. », the letters and the partners drawn (the edition is not a
# candidate of the template)
report data/2023.yaml "$tmp/reel" || fail "2023 réel : rapport non écrit"
alt=$(chart_alt "$tmp/reel/rapport-activites-2023.pdf")
[ "$alt" = "Évolution des chiffres clés, 2022–2023. Lettres d’info publiées : 0 en 2022, 2 en 2023 (+2 depuis 2022). Partenaires du comité de pilotage : 6 en 2022, 7 en 2023 (+1 depuis 2022)." ] \
  || fail "2023 réel : texte de remplacement du graphique : $alt"
! grep -q "n\.d\." "$tmp/reel/texte" || fail "2023 réel : une ligne « n.d. » dans le rapport"

# ---- two years ------------------------------------------------------------------
mkdir "$tmp/deux"
# seed 13: a 2022 with events and declared participants, so changes and
# rates are not all from zero
$gen --seed 13 --year 2022 -o "$tmp/deux/2022.yaml"
$gen --seed 12 --year 2023 -o "$tmp/deux/2023.yaml"
figures "$tmp/deux/2022.yaml" >"$tmp/f2022.json" 2>/dev/null || fail "deux années : 2022 seule invalide"
figures "$tmp/deux/2023.yaml" >"$tmp/f2023.json" 2>/dev/null || fail "deux années : 2023 invalide"
/usr/bin/python3 - "$tmp/f2022.json" "$tmp/f2023.json" <<'EOF' || fails=1
import json, sys
y22 = json.load(open(sys.argv[1]))["chiffres"]
doc = json.load(open(sys.argv[2]))
c = doc["comparaison"]
years = [(a["annee"], a["origine"]) for a in c["annees"]]
if years != [(2022, "fichier"), (2023, "annee_du_rapport")]:
    print("deux années : années", years); sys.exit(1)
if not c["annees"][0]["fichier"].endswith("/2022.yaml"):
    print("deux années : fichier", c["annees"][0]["fichier"]); sys.exit(1)
ids = [k["chiffre"] for k in c["chiffres"]]
if ids != list(doc["chiffres"].keys()):
    print("deux années : chiffres comparés", ids); sys.exit(1)
for k in c["chiffres"]:
    now, before = doc["chiffres"][k["chiffre"]], y22[k["chiffre"]]
    if k["valeurs"] != [before, now] or k["precedent"] != before or k["ecart"] != now - before \
            or not k["comparable"] or k["annee_precedente"] != 2022:
        print("deux années :", k); sys.exit(1)
    if before > 0 and abs(k["taux"] - (now - before) / before) > 1e-4:
        print("deux années : taux", k); sys.exit(1)
EOF
out=$("$bin" --check "$tmp/deux/2023.yaml" 2>/dev/null)
grep -qE "^  evenements +[0-9]+ +[0-9]+ +[-+][0-9]+" <<<"$out" || fail "deux années : ligne evenements absente de --check"
grep -q "2022 : calculé à partir de $tmp/deux/2022.yaml" <<<"$out" || fail "deux années : source de 2022 absente de --check"

report "$tmp/deux/2023.yaml" "$tmp/deux/out" || fail "deux années : rapport non écrit"
grep -q "Évolution des chiffres clés, 2022–2023" "$tmp/deux/out/texte" || fail "deux années : graphique absent du rapport"
# the first tile and the chart follow evenements_organises (the template)
want=$(/usr/bin/python3 -c 'import json,sys; c=json.load(open(sys.argv[1]))["comparaison"]["chiffres"]; print([k for k in c if k["chiffre"]=="evenements_organises"][0]["texte"])' "$tmp/f2023.json")
tr '\n' ' ' <"$tmp/deux/out/texte" | grep -q "$want" || fail "deux années : « $want » absent du rapport"
alt=$(chart_alt "$tmp/deux/out/rapport-activites-2023.pdf")
ev=$(/usr/bin/python3 -c 'import json,sys; print(*(json.load(open(a))["chiffres"]["evenements_organises"] for a in sys.argv[1:]))' "$tmp/f2022.json" "$tmp/f2023.json")
read -r ev22 ev23 <<<"$ev"
grep -q "^Évolution des chiffres clés, 2022–2023\. Événements organisés par le réseau.: $ev22 en 2022, $ev23 en 2023 " <<<"$alt" \
  || fail "deux années : texte de remplacement du graphique inattendu : $alt"

# ---- ten years -------------------------------------------------------------------
mkdir "$tmp/dix"
for y in $(seq 2014 2023); do
  $gen --seed $((y - 2000)) --year "$y" -o "$tmp/dix/$y.yaml"
  figures "$tmp/dix/$y.yaml" >"$tmp/dix/f$y.json" 2>/dev/null || fail "dix années : $y invalide"
done
figures "$tmp/dix/2023.yaml" >"$tmp/dix/all.json" 2>/dev/null
/usr/bin/python3 - "$tmp/dix" <<'EOF' || fails=1
import json, os, sys
d = sys.argv[1]
c = json.load(open(os.path.join(d, "all.json")))["comparaison"]
years = [a["annee"] for a in c["annees"]]
if years != list(range(2014, 2024)):
    print("dix années : années", years); sys.exit(1)
own = {y: json.load(open(os.path.join(d, "f%d.json" % y)))["chiffres"] for y in years}
for k in c["chiffres"]:
    want = [own[y][k["chiffre"]] for y in years]
    if k["valeurs"] != want:
        print("dix années :", k["chiffre"], k["valeurs"], "attendu", want); sys.exit(1)
EOF
# linear: reading the nine earlier years costs no more than checking each
# alone (load, validate, figures), twice over for a shared machine
stage_sum() { PR_TIMINGS=1 "$bin" -q --check "$1" 2>&1 >/dev/null |
              sed -nE "s/^temps: étape=($2) ms=([0-9.]+).*/\2/p" | awk '{ s += $1 } END { print s + 0 }'; }
alone=0
for y in $(seq 2014 2022); do
  alone=$(awk -v a="$alone" -v b="$(stage_sum "$tmp/dix/$y.yaml" 'load|validate|figures')" 'BEGIN { print a + b }')
done
ms=$(stage_sum "$tmp/dix/2023.yaml" history)
awk -v m="$ms" -v a="$alone" 'BEGIN { exit !(m <= 2 * a + 10) }' \
  || fail "dix années : étape history en $ms ms, les neuf années seules en $alone ms"

report "$tmp/dix/2023.yaml" "$tmp/dix/out" || fail "dix années : rapport non écrit"
grep -q "Évolution des chiffres clés, 2014–2023" "$tmp/dix/out/texte" || fail "dix années : graphique 2014–2023 absent"
# the annex's Évolution with ten year columns: a table like the others
# (styles, calculated columns, widths, printed one page wide or across),
# its cached values the comparison (annex_openpyxl.py's checks, this sheet
# only)
/usr/bin/python3 - "$tmp/dix/out/annexe-2023.xlsx" "$tmp/dix/out/chiffres.json" <<'EOF' || fail "dix années : feuille Évolution"
import json, sys
sys.path.insert(0, "tests/e2e")
import openpyxl
import annex_openpyxl as a
wb, wv = openpyxl.load_workbook(sys.argv[1]), openpyxl.load_workbook(sys.argv[1], data_only=True)
doc = json.load(open(sys.argv[2]))
if len(doc["comparaison"]["annees"]) != 10:
    a.fail("dix années attendues")
a.check_presentation(wb["Évolution"])
a.check_table(wb["Évolution"], wv["Évolution"])
a.check_evolution(wb["Évolution"], wv["Évolution"], doc)
sys.exit(1 if a.failures else 0)
EOF

# ---- a figure whose definition changed --------------------------------------------
# 2024 with 2023 published: personnes_mobilisees under definition 1 (in
# force in 2023; the program computes definition 2 from 2024 on), lettres
# under the same definition as today
mkdir "$tmp/def"
$gen --seed 31 --year 2024 -o "$tmp/def/2024.yaml"
cat >>"$tmp/def/2024.yaml" <<'EOF'

annees_precedentes:
  chiffres:
    - annee: 2023
      chiffre: personnes_mobilisees
      valeur: 1200
      source: "Rapport d'activités 2023, partie 1"
    - annee: 2023
      chiffre: lettres
      valeur: 3
      source: "Rapport d'activités 2023, partie 7"
EOF
out=$("$bin" --check "$tmp/def/2024.yaml" 2>/dev/null)
grep -qE "^  personnes_mobilisees +1200 +[0-9]+ +— +— +définition modifiée en 2024.: non comparable \(2023\)$" <<<"$out" \
  || fail "définition modifiée : --check ne dit pas « non comparable » : $(grep personnes_mob <<<"$out")"
grep -qE "^  lettres +3 +[0-9]+ +[-+][0-9]+ " <<<"$out" || fail "définition modifiée : lettres non comparé"
grep -q "chiffres publiés" <<<"$out" || fail "définition modifiée : source de 2023 absente de --check"
report "$tmp/def/2024.yaml" "$tmp/def/out" || fail "définition modifiée : rapport non écrit"
tr '\n' ' ' <"$tmp/def/out/texte" | grep -q "définition modifiée en 2024.: non comparable" \
  || fail "définition modifiée : la tuile des participations ne dit pas « non comparable »"
! tr '\n' ' ' <"$tmp/def/out/texte" | grep -q "contre 1.200 en 2023" \
  || fail "définition modifiée : les participations comparées à 2023"
alt=$(chart_alt "$tmp/def/out/rapport-activites-2024.pdf")
grep -q "Participations déclarées.: 1.200 en 2023 (autre définition)" <<<"$alt" \
  || fail "définition modifiée : texte de remplacement du graphique : $alt"
grep -q "définition modifiée en 2024.: non comparable" <<<"$alt" \
  || fail "définition modifiée : le graphique ne dit pas « non comparable » : $alt"

# ---- a broken previous year --------------------------------------------------------
mkdir "$tmp/casse"
cp "$tmp/deux/2023.yaml" "$tmp/casse/2023.yaml"
cp "$tmp/deux/2022.yaml" "$tmp/casse/2022.yaml"
line=$(grep -n '^  annee: 2022' "$tmp/casse/2022.yaml" | head -1 | cut -d: -f1)
sed -i "${line}s/annee: 2022/annee: deux-mille/" "$tmp/casse/2022.yaml"
"$bin" -o "$tmp/casse/out" "$tmp/casse/2023.yaml" >"$tmp/out" 2>"$tmp/err"
st=$?
[ $st -eq 0 ] || { fail "année cassée : statut $st"; cat "$tmp/err"; }
grep -q "^$tmp/casse/2022.yaml:$line:10: avertissement: rapport.annee : nombre entier attendu, trouvé « deux-mille » ; année 2022 laissée de côté dans la comparaison$" "$tmp/err" \
  || { fail "année cassée : avertissement attendu à $tmp/casse/2022.yaml:$line:10"; cat "$tmp/err"; }
[ -s "$tmp/casse/out/rapport-activites-2023.pdf" ] && [ -s "$tmp/casse/out/annexe-2023.xlsx" ] \
  || fail "année cassée : rapport ou annexe non écrits"
n=$(figures "$tmp/casse/2023.yaml" 2>/dev/null | /usr/bin/python3 -c 'import json,sys; print(len(json.load(sys.stdin)["comparaison"]["annees"]))')
[ "$n" = 1 ] || fail "année cassée : $n années comparées, attendu 1"
nothing_to_compare "$tmp/casse/out/annexe-2023.xlsx" || fail "année cassée : feuille Évolution de l'annexe"

# ---- the annexes' Évolution, recalculated ------------------------------------------
if [ "${PR_E2E_SKIP_SLOW:-0}" = 1 ]; then
  echo "years_compare : recalcul des annexes ignoré (PR_E2E_SKIP_SLOW=1)"
elif ! command -v soffice >/dev/null 2>&1; then
  fail "LibreOffice (soffice) est requis pour recalculer les annexes"
else
  # ten years (every figure from its file) and a definition changed
  # (published figures, one not comparable); the two years are the same
  # sheet with fewer columns. Only the cells of Synthèse, Contrôles and
  # Évolution are read back (reading over UNO is slow)
  /usr/bin/python3 tests/e2e/annex_recalc.py --feuilles Évolution \
    "$tmp/dix/out/annexe-2023.xlsx" "$tmp/dix/out/chiffres.json" \
    "$tmp/def/out/annexe-2024.xlsx" "$tmp/def/out/chiffres.json" >"$tmp/recalc.json" 2>"$tmp/recalc.err" \
    || { fail "annexes : recalcul LibreOffice"; cat "$tmp/recalc.err"; }
  got=$(sed -nE 's/.* ([0-9]+) chiffres comparés$/\1/p' "$tmp/recalc.err" | tr '\n' ' ')
  [ "$got" = "31 2 " ] || fail "annexes : chiffres comparés « $got », attendu « 31 2 »"
fi

exit $fails
