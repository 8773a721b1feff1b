#!/usr/bin/env bash
# include_rules.sh — every #include of src/ keeps to the layers and to the
# libraries each layer may use (tables in tests/e2e/include_rules.py,
# drawn in ARCHITECTURE.md). Then a copy of src/ with one violation of each
# kind (and an include inside a comment, which is none) must give exactly
# those violations, at their lines.
set -u
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
PY=/usr/bin/python3
fails=0
$PY "$here/include_rules.py" "$root/src" || fails=1

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
cp -R "$root/src" "$tmp/src"
# add LINE FILE: appends an include line to a source of the copy, and
# prints where it landed (src/FILE:N)
add() { printf '%s\n' "$1" >>"$tmp/src/$2"; echo "src/$2:$(wc -l <"$tmp/src/$2")"; }
w1=$(add '#include <hpdf.h>' compose/report.c)
w2=$(add '#include <xlsxwriter.h>' pdf/render_pdf.c)
w3=$(add '#include <yaml.h>' data/model.c)
w4=$(add '#include <jansson.h>' data/load_yaml.c)
w5=$(add '#include <hyphen.h>' typeset/text.c)
w6=$(add '#include "compose/report.h"' data/load_json.c)
w7=$(add '#include "data/model.h"' data/load.c)
w8=$(add '#include "typeset/font.h"' data/figures.c)
w9=$(add '#include "data/model.h"' base/util.h)
w10=$(add '#include "util.h"' doc/doc.c)
w11=$(add '#include "data/value.h"' compose/template_text.c)
w12=$(add '#include "data/load.h"' compose/template_text.h)
w13=$(add '#include <png.h>' pdf/render_pdf.c)
w14=$(add '#include "image/photo.h"' doc/doc.c)
add '/* #include <hpdf.h> in a comment is no include */' annex/annex.c >/dev/null
mkdir "$tmp/src/divers" && echo 'int x;' >"$tmp/src/divers/x.c"
$PY "$here/include_rules.py" "$tmp/src" >"$tmp/out" 2>&1; st=$?
[ $st -eq 1 ] || { echo "ÉCHEC : violations acceptées (statut $st)"; fails=1; }
for want in "$w1 : #include <hpdf.h> interdit (réservé à src/pdf/*)" \
            "$w2 : #include <xlsxwriter.h> interdit (réservé à src/annex/xlsx.c src/annex/xlsx_fixes.c)" \
            "$w3 : #include <yaml.h> interdit (réservé à src/data/load_yaml.c)" \
            "$w4 : #include <jansson.h> interdit (réservé à src/data/load_json.c)" \
            "$w5 : #include <hyphen.h> interdit (réservé à src/typeset/hyph.c)" \
            "$w6 : #include \"compose/report.h\" interdit (data/load*.c ne peut inclure que : base data/value.h data/load*.h)" \
            "$w7 : #include \"data/model.h\" interdit (data/load*.c ne peut inclure que : base data/value.h data/load*.h)" \
            "$w8 : #include \"typeset/font.h\" interdit (data/* ne peut inclure que : base data)" \
            "$w9 : #include \"data/model.h\" interdit (base/* ne peut inclure que : base)" \
            "$w10 : #include \"util.h\" ne nomme pas un fichier src/COUCHE/… existant" \
            "$w11 : #include \"data/value.h\" interdit (compose/template_text* ne peut inclure que : base data/model.h data/model_schema.h data/figures.h data/figref.h data/history.h data/geo.h doc typeset compose)" \
            "$w12 : #include \"data/load.h\" interdit (compose/template_text* ne peut inclure que : base data/model.h data/model_schema.h data/figures.h data/figref.h data/history.h data/geo.h doc typeset compose)" \
            "$w13 : #include <png.h> interdit (réservé à src/image/photo.c)" \
            "$w14 : #include \"image/photo.h\" interdit (doc/* ne peut inclure que : base doc)" \
            "src/divers/x.c : fichier hors des couches connues (ajoutez-le à la table LAYERS)"; do
  grep -qxF -- "ÉCHEC : $want" "$tmp/out" || { echo "ÉCHEC : attendu : $want"; fails=1; }
done
[ "$(grep -c '^ÉCHEC' "$tmp/out")" -eq 15 ] || { echo "ÉCHEC : 15 violations attendues :"; cat "$tmp/out"; fails=1; }
exit $fails
