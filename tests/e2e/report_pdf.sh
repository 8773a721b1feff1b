#!/usr/bin/env bash
# The annual report PDF written by the CLI from data/2023.yaml with the
# default template, read back with pdftotext:
#  - the contents page lists the seven sections, and each page number it
#    gives is the page where that section starts (its divider page);
#  - every section title is printed;
#  - every key figure appears with its computed value (values from
#    --figures-json), in the sentence or tile that presents it;
#  - the note « Chiffres corrigés » lists each published figure the data
#    correct (a check that differs), with its corrected and published values,
#    and nothing else;
#  - the contents entries and the back cover's mailto link are links.
set -u
bin=$1
tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
"$bin" -q -o "$tmp" --pdf "$tmp/r.pdf" --figures-json "$tmp/f.json" data/2023.yaml >"$tmp/out" 2>&1
status=$?
if [ "$status" != 0 ]; then
  echo "planif-rapport a échoué (statut $status) :"; cat "$tmp/out"; exit 1
fi
[ -s "$tmp/r.pdf" ] || { echo "PDF absent"; exit 1; }
n=$(pdfinfo "$tmp/r.pdf" | sed -n 's/^Pages: *//p')
for ((p = 1; p <= n; p++)); do
  pdftotext -q -f "$p" -l "$p" -raw "$tmp/r.pdf" "$tmp/page-$p.txt" || exit 1
done
pdftotext -q -f 2 -l 2 -layout "$tmp/r.pdf" "$tmp/toc.txt" || exit 1
qpdf --qdf --object-streams=disable "$tmp/r.pdf" "$tmp/q.pdf" 2>/dev/null
[ -s "$tmp/q.pdf" ] || { echo "qpdf n'a pas pu relire le PDF"; exit 1; }

/usr/bin/python3 - "$tmp" "$n" <<'EOF'
import json, re, sys
tmp, n = sys.argv[1], int(sys.argv[2])
fails = []

def norm(s):
    # one line, typographic spaces and apostrophes made plain, hyphenation
    # undone: a soft hyphen ends a line where a word was cut (the word
    # rejoins), U+2010 where a compound word's own hyphen ends one
    s = s.replace("\u00ad\n", "").replace("\u00ad", "")
    s = s.replace("\u2010\n", "-").replace("\u2010", "-")
    s = re.sub(r"(\w)-\n(\w)", r"\1\2", s)
    s = s.replace("\u202f", " ").replace("\u00a0", " ").replace("\u2019", "'")
    return re.sub(r"\s+", " ", s)

pages = [norm(open(f"{tmp}/page-{p}.txt", encoding="utf-8").read()) for p in range(1, n + 1)]
text = " ".join(pages)
figdoc = json.load(open(f"{tmp}/f.json", encoding="utf-8"))
fig = figdoc["chiffres"]

titles = [
    "Le réseau Planif Territoires en bref",
    "La gouvernance du réseau",
    "Tour d'horizon de l'année 2023",
    "Les chantiers thématiques",
    "Les temps forts nationaux",
    "Les réseaux locaux et leurs référents",
    "Une communication renouvelée",
]

# contents: "N  Title ....... page"
toc = norm(open(f"{tmp}/toc.txt", encoding="utf-8").read())
if "Sommaire" not in toc:
    fails.append("page 2 : « Sommaire » absent")
starts = []
for i, t in enumerate(titles, 1):
    m = re.search(r"\b%d\s+%s[ .]*?(\d+)\b" % (i, re.escape(t)), toc)
    if not m:
        fails.append(f"sommaire : entrée « {i} {t} » sans numéro de page")
        continue
    pg = int(m.group(1))
    starts.append(pg)
    if not (1 <= pg <= n):
        fails.append(f"sommaire : page {pg} hors du document ({n} pages)")
        continue
    # the divider page: the section's numeral and title, nothing else
    if t not in pages[pg - 1]:
        fails.append(f"« {t} » : le sommaire indique la page {pg}, qui ne porte pas ce titre")
    if t in pages[pg - 2] and pg > 1 and "Sommaire" not in pages[pg - 2]:
        fails.append(f"« {t} » commence avant la page {pg} indiquée au sommaire")
if starts != sorted(starts) or len(set(starts)) != len(starts):
    fails.append(f"sommaire : pages non croissantes {starts}")

for t in titles:
    if text.count(t) < 2:
        fails.append(f"titre de section « {t} » absent du corps du rapport")

# key figures, each in its sentence or tile (patterns on the normalised text)
def f(k):
    return str(fig[k])

# running prose writes numbers in words up to ten, digits beyond
WORDS = ["aucun", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix"]
def w(k, fem=False):
    v = fig[k]
    if v <= 10:
        x = WORDS[v]
        return {"aucun": "aucune", "un": "une"}.get(x, x) if fem else x
    return "{:,}".format(v).replace(",", " ")

plancher = fig["personnes_mobilisees_plancher"]
checks = {
    "ateliers_elus": f("ateliers_elus") + r" ateliers? des élus avec " + f("elus_engages") + " élus? engagés?",
    # a figure referred to in the data's prose (chantiers[0].resume)
    "elus_engages": w("elus_engages").capitalize() + " élus? locaux",
    "stands_congres": f("stands_congres") + " stands? sur (un|des) congrès d'élus",
    "rencontre_nationale_edition": f("rencontre_nationale_edition") + r" ?(e|er|re) rencontre nationale",
    "rencontre_nationale_participants": "rencontre nationale : " + f("rencontre_nationale_participants") + " participants",
    "tables_rondes": f("tables_rondes") + " tables? rondes?, " + f("mini_conferences") + " mini-?conférences?",
    "mini_conferences": f("mini_conferences") + " mini-?conférences? et " + f("ateliers_rencontre") + " ateliers?",
    "ateliers_rencontre": f("ateliers_rencontre") + " ateliers",
    "intervenants_rencontre": f("intervenants_rencontre") + " intervenants",
    "lettres": f("lettres") + " lettres? d'info publiées?",
    "chantiers_actifs": f("chantiers_actifs") + " chantiers? thématiques? menés? dans l'année",
    "personnes_mobilisees_plancher": ("Plus de " if fig["personnes_mobilisees"] != plancher else "")
        + str(plancher) + " participations déclarées",
    "personnes_mobilisees": f("personnes_mobilisees") + " participations? recensées?",
    "evenements": w("evenements") + " événements?",
    "evenements_organises": f("evenements_organises") + " événements? organisés? par le réseau national",
    "reunions_copil": w("reunions_copil", True).capitalize() + " réunions? du comité de pilotage en 2023",
    "partenaires": "compte en 2023 " + w("partenaires") + " partenaires?",
    "partenaires_nouveaux": "dont " + w("partenaires_nouveaux") + " nouveaux? venus?",
    "reseaux_locaux": f("reseaux_locaux") + " réseaux? locaux?",
    "departements_couverts": "couvrent " + f("departements_couverts") + " départements?",
    "reseaux_regionaux": w("reseaux_regionaux").capitalize() + " réseaux? régionaux?",
    "reseaux_departementaux": w("reseaux_departementaux").capitalize() + " réseaux? départementaux? ou interdépartementaux?",
    "reunions_referents": "retrouvés " + w("reunions_referents", True) + " fois",
}
# figures of the annex (Synthèse) that the default template does not print
annex_only = {"participations_ateliers_elus", "interventions_rencontre", "chantiers_en_cours",
              "chantiers_termines", "evenements_effectif_approche", "evenements_effectif_inconnu",
              "reunions_gouvernance", "reunions_comite_technique"}
for k in fig:
    if k not in checks and k not in annex_only:
        fails.append(f"chiffre « {k} » : aucune vérification prévue (ajoutez-la)")
for k, pat in checks.items():
    if not re.search(pat, text):
        fails.append(f"chiffre « {k} » = {fig.get(k)} : motif « {pat} » introuvable")

# the note of corrected figures: one line per check that differs
corrected = [c for c in figdoc["controles"] if c["statut"].startswith("Diffère")]
m = re.search(r"Chiffres corrigés (.*?)(?= \d+ / \d+|$)", text)
if not corrected:
    if m:
        fails.append("note « Chiffres corrigés » sans chiffre corrigé")
elif not m:
    fails.append("note « Chiffres corrigés » absente")
else:
    note = m.group(1)
    lines = re.findall(r"(\d+), et non ((?:plus de |environ )?\d+)[ .]", note)
    want = [(str(c["calcule"]), {"plus de": "plus de ", "environ": "environ "}.get(c["forme"], "")
             + str(c["declare"])) for c in corrected]
    if lines != want:
        fails.append(f"note « Chiffres corrigés » : {lines}, attendu {want}")

# links: the contents entries point inside the document, the back cover
# has the mailto link
q = open(f"{tmp}/q.pdf", "rb").read().decode("latin-1")
if "mailto:planif-territoires@developpement-durable.gouv.fr" not in q:
    fails.append("lien mailto du contact absent")
internal = [o for o in q.split("endobj") if "/Subtype /Link" in o and "/Dest " in o]
if len(internal) < len(titles):
    fails.append(f"{len(internal)} liens internes pour {len(titles)} entrées au sommaire")

for x in fails:
    print("ÉCHEC :", x)
sys.exit(1 if fails else 0)
EOF
