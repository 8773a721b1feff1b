#!/usr/bin/python3
"""annex_openpyxl.py — structure of the Excel annex, read with openpyxl.

Usage (with /usr/bin/python3):
  annex_openpyxl.py ANNEX.xlsx FIGURES.json CREATED_EPOCH

FIGURES.json is planif-rapport --figures-json output; CREATED_EPOCH the
creation time the annex was written with (SOURCE_DATE_EPOCH).
Checks: sheet names and order; one Excel table per data sheet at A1 covering
the header and every record (autofilter, banded rows), no merged cells,
header row frozen; numbers are numbers, codes are text, dates are dates in
French formats; identifiers join across sheets; Synthèse values are formulas
whose cached results are the figures; Contrôles statuses are the
cross-check's, with conditional formatting; print set-up (landscape, one page
wide, header row repeated, footer with sheet name and page numbers); column
widths fit the content; document properties; a native chart.
Prints one line per failure and exits 1 on any failure.
"""
import datetime
import json
import sys
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

SHEETS = [
    "À propos", "Synthèse", "Contrôles", "Événements", "Sessions", "Intervenants",
    "Présences des élus", "Chantiers", "Actions", "Élus", "Réseaux locaux",
    "Départements couverts", "Équipe", "Prestataires", "Partenaires", "Gouvernance",
    "Lettres", "Citations",
]
DATA_SHEETS = SHEETS[3:]

# columns whose cells must be numbers (by sheet; "*" for every sheet)
NUMERIC = {
    "*": {"Année", "Participants", "Intervenants", "Sessions", "N° de session", "Depuis"},
    "Événements": {"Édition", "Nombre d'élus présents"},
    "Chantiers": {"Axe", "Actions", "Livrables"},
    "Actions": {"N° d'action"},
    "Élus": {"Latitude", "Longitude"},
    "Réseaux locaux": {"Départements couverts", "Actif"},
    "Prestataires": {"Principal"},
    "Gouvernance": {"Décisions (nombre)"},
    "Lettres": {"Numéro"},
    "Intervenants": {"Première mention"},
}
# columns that hold codes or identifiers: always text, even "01"
TEXT = {"Id", "Code", "Code région", "Code postal", "Département", "Événement", "Élu",
        "Chantier", "Type (clé)", "Type d'événement (clé)", "Identité (clé)"}
DATE_FORMATS = {"dd/mm/yyyy", "[$-40C]mmmm yyyy", "yyyy"}

# (sheet, column) -> (sheet, column) it refers to
JOINS = [
    (("Sessions", "Événement"), ("Événements", "Id")),
    (("Intervenants", "Événement"), ("Événements", "Id")),
    (("Présences des élus", "Événement"), ("Événements", "Id")),
    (("Présences des élus", "Élu"), ("Élus", "Id")),
    (("Citations", "Événement"), ("Événements", "Id")),
    (("Actions", "Chantier"), ("Chantiers", "Id")),
    (("Actions", "Événement"), ("Événements", "Id")),
    (("Élus", "Chantier"), ("Chantiers", "Id")),
    (("Événements", "Chantier"), ("Chantiers", "Id")),
    (("Contrôles", "Chiffre"), ("Synthèse", "Id")),
]

failures = []


def fail(msg):
    failures.append(msg)
    print("ÉCHEC : " + msg, file=sys.stderr)


def table_of(ws):
    tables = list(ws.tables.values())
    return tables[0] if tables else None


def columns(ws):
    """{header: [values of the records]} of the sheet's table at A1."""
    t = table_of(ws)
    if t is None:
        return {}
    ref = openpyxl.worksheet.cell_range.CellRange(t.ref)
    out = {}
    for col in range(ref.min_col, ref.max_col + 1):
        header = ws.cell(ref.min_row, col).value
        out[header] = [ws.cell(r, col) for r in range(ref.min_row + 1, ref.max_row + 1)]
    return out


def last_used_row(ws):
    last = 1
    for row in ws.iter_rows():
        if any(c.value is not None for c in row):
            last = row[0].row
    return last


def check_table(ws):
    t = table_of(ws)
    if t is None or len(ws.tables) != 1:
        fail(f"{ws.title} : une table Excel attendue, {len(ws.tables)} trouvée(s)")
        return
    ref = openpyxl.worksheet.cell_range.CellRange(t.ref)
    if (ref.min_row, ref.min_col) != (1, 1):
        fail(f"{ws.title} : la table commence en {t.ref}, pas en A1")
    used = max(last_used_row(ws), 2)
    if ref.max_row != used:
        fail(f"{ws.title} : la table {t.ref} s'arrête ligne {ref.max_row}, "
             f"données jusqu'à la ligne {used}")
    if ref.max_col != ws.max_column:
        fail(f"{ws.title} : la table {t.ref} ne couvre pas les {ws.max_column} colonnes")
    headers = [ws.cell(1, c).value for c in range(1, ref.max_col + 1)]
    names = [c.name for c in t.tableColumns]
    if headers != names:
        fail(f"{ws.title} : en-têtes {headers} ≠ colonnes de la table {names}")
    if t.autoFilter is None:
        fail(f"{ws.title} : pas de filtre automatique")
    if not (t.tableStyleInfo and t.tableStyleInfo.showRowStripes):
        fail(f"{ws.title} : pas de lignes à bandes")
    if t.headerRowCount == 0:
        fail(f"{ws.title} : pas de ligne d'en-tête")


def check_presentation(ws, data):
    if ws.merged_cells.ranges:
        fail(f"{ws.title} : cellules fusionnées {ws.merged_cells.ranges}")
    ps = ws.page_setup
    if ps.orientation != "landscape":
        fail(f"{ws.title} : orientation {ps.orientation}")
    if ps.fitToWidth not in (1, None) or ps.fitToHeight != 0 or not ws.sheet_properties.pageSetUpPr.fitToPage:
        fail(f"{ws.title} : pas ajustée à une page de large "
             f"({ps.fitToWidth} x {ps.fitToHeight})")
    footer = ws.oddFooter
    text = "".join(p.text or "" for p in (footer.left, footer.center, footer.right))
    for code in ("&A", "&P", "&N"):
        if code not in text:
            fail(f"{ws.title} : pied de page sans {code} ({text!r})")
    if data:
        if ws.freeze_panes != "A2":
            fail(f"{ws.title} : ligne d'en-tête non figée ({ws.freeze_panes})")
        if ws.print_title_rows not in ("1:1", "$1:$1"):
            fail(f"{ws.title} : ligne d'en-tête non répétée à l'impression "
                 f"({ws.print_title_rows})")
        # widths: every column of a table sized, wide enough for its header
        # and values (a caption outside the tables may spill over)
        in_tables = set()
        for t in ws.tables.values():
            r = openpyxl.worksheet.cell_range.CellRange(t.ref)
            in_tables |= {(row, col) for row in range(r.min_row, r.max_row + 1)
                          for col in range(r.min_col, r.max_col + 1)}
        for col in range(1, ws.max_column + 1):
            letter = get_column_letter(col)
            dim = ws.column_dimensions.get(letter)
            width = dim.width if dim is not None and dim.customWidth else None
            if not width:
                fail(f"{ws.title} : largeur de la colonne {letter} non réglée")
                continue
            longest = 0
            for row in ws.iter_rows(min_col=col, max_col=col):
                if (row[0].row, col) not in in_tables:
                    continue
                v = row[0].value
                if isinstance(v, str) and not v.startswith("="):
                    longest = max(longest, max(len(x) for x in v.split("\n")))
            if width < min(longest, 58):
                fail(f"{ws.title} : colonne {letter} large de {width} pour "
                     f"{longest} caractères")


def check_types(ws):
    cols = columns(ws)
    numeric = NUMERIC["*"] | NUMERIC.get(ws.title, set())
    for header, cells in cols.items():
        for c in cells:
            v = c.value
            if v is None:
                continue
            if header in numeric and not isinstance(v, (int, float)) and not (
                    isinstance(v, str) and v.startswith("=")):
                fail(f"{ws.title}!{c.coordinate} ({header}) : {v!r} n'est pas un nombre")
            if header in TEXT and not isinstance(v, str):
                fail(f"{ws.title}!{c.coordinate} ({header}) : {v!r} n'est pas du texte")
            if header == "Date":
                if not isinstance(v, datetime.datetime):
                    fail(f"{ws.title}!{c.coordinate} : {v!r} n'est pas une date")
                elif c.number_format not in DATE_FORMATS:
                    fail(f"{ws.title}!{c.coordinate} : format de date {c.number_format!r}")
                elif c.number_format != "dd/mm/yyyy" and v.day != 1:
                    fail(f"{ws.title}!{c.coordinate} : date au mois hors du 1er ({v})")
    # the date precision column agrees with the date format
    if "Précision de la date" in cols and "Date" in cols:
        fmt = {"jour": "dd/mm/yyyy", "mois": "[$-40C]mmmm yyyy", "année": "yyyy"}
        for p, d in zip(cols["Précision de la date"], cols["Date"]):
            if p.value and d.number_format != fmt[p.value]:
                fail(f"{ws.title}!{d.coordinate} : précision {p.value}, format {d.number_format}")


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    path, figures_path, created = argv[1], argv[2], int(argv[3])
    with open(figures_path, encoding="utf-8") as fp:
        doc = json.load(fp)
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    if wb.sheetnames != SHEETS:
        fail(f"feuilles {wb.sheetnames}, attendu {SHEETS}")
    for ws in wb.worksheets:
        data = ws.title in DATA_SHEETS
        check_presentation(ws, data or ws.title in ("Synthèse", "Contrôles"))
        if data or ws.title in ("Synthèse", "Contrôles"):
            if data:
                check_table(ws)
            check_types(ws)

    # identifiers join across sheets
    for (s1, c1), (s2, c2) in JOINS:
        if s1 not in wb.sheetnames or s2 not in wb.sheetnames:
            continue
        known = {c.value for c in columns(wb[s2]).get(c2, [])}
        for c in columns(wb[s1]).get(c1, []):
            if c.value is not None and c.value not in known:
                fail(f"{s1}!{c.coordinate} : {c.value!r} absent de {s2}.{c2}")

    # Synthèse: formulas whose cached values are the figures
    syn, synv = wb["Synthèse"], wv["Synthèse"]
    figs = doc["chiffres"]
    seen = []
    for row in range(2, 2 + len(figs)):
        fid = syn.cell(row, 1).value
        seen.append(fid)
        val, cached = syn.cell(row, 3).value, synv.cell(row, 3).value
        if not (isinstance(val, str) and val.startswith("=")):
            fail(f"Synthèse!C{row} ({fid}) n'est pas une formule : {val!r}")
        if fid in figs and cached != figs[fid]:
            fail(f"Synthèse!C{row} ({fid}) en cache {cached!r}, attendu {figs[fid]}")
        source = syn.cell(row, 5).value
        if source not in wb.sheetnames:
            fail(f"Synthèse!E{row} ({fid}) : feuille source {source!r} absente du classeur")
        elif isinstance(val, str) and f"'{source}'!" not in val and not val.startswith("=IF($C$"):
            fail(f"Synthèse!C{row} ({fid}) : la formule ne lit pas sa feuille source {source!r}")
        shown = syn.cell(row, 6).value
        if isinstance(val, str) and shown != val[1:]:
            fail(f"Synthèse!F{row} ({fid}) montre {shown!r}, la formule est {val!r}")
    if seen != list(figs):
        fail(f"Synthèse : chiffres {seen}, attendu {list(figs)}")

    # Contrôles: the program's cross-check, statuses coloured
    ctl, ctlv = wb["Contrôles"], wv["Contrôles"]
    for i, want in enumerate(doc["controles"]):
        row = i + 2
        got = [ctlv.cell(row, c).value for c in (1, 5, 6, 7, 8)]
        exp = [want["chiffre"], want["declare"], want["calcule"], want["ecart"], want["statut"]]
        if got != exp:
            fail(f"Contrôles ligne {row} : {got}, attendu {exp}")
        if not str(ctl.cell(row, 8).value).startswith("=IF("):
            fail(f"Contrôles!H{row} : le statut n'est pas une formule")
    if doc["controles"]:
        rules = [r for cf in ctl.conditional_formatting for r in cf.rules]
        formulas = sorted(f for r in rules for f in (r.formula or []))
        if formulas != ['"OK"', '"ÉCART"']:
            fail(f"Contrôles : mise en forme conditionnelle {formulas}")

    # À propos: what the annex is, its year, data file, tool, date
    about = {r[0]: r[1] for r in wv["À propos"].iter_rows(min_row=1, max_col=2, values_only=True)
             if r[0]}
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    day = datetime.datetime.fromtimestamp(created, datetime.timezone.utc)
    want_about = {
        "Année": doc["annee"],
        "Produit le": f"{day.day}{'er' if day.day == 1 else ''} {months[day.month - 1]} {day.year}",
    }
    for key, want in want_about.items():
        if about.get(key) != want:
            fail(f"À propos : {key} = {about.get(key)!r}, attendu {want!r}")
    for key in ("Objet", "Fichier de données", "Outil", "Comment lire"):
        if not about.get(key):
            fail(f"À propos : « {key} » absent")
    if not str(about.get("Outil", "")).startswith("planif-rapport "):
        fail(f"À propos : outil {about.get('Outil')!r}")

    # document properties
    p = wb.properties
    year = doc["annee"]
    if p.title != f"Annexe du rapport d'activités {year}":
        fail(f"titre du document {p.title!r}")
    if not p.creator or not p.subject or not p.keywords or str(year) not in p.keywords:
        fail(f"propriétés incomplètes : {p.creator!r} {p.subject!r} {p.keywords!r}")
    want_created = datetime.datetime.fromtimestamp(created, datetime.timezone.utc).replace(tzinfo=None)
    if p.created != want_created:
        fail(f"date de création {p.created}, attendu {want_created}")
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
        if "<Company>" not in app:
            fail("propriété « société » absente")
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        if len(charts) != 1:
            fail(f"{len(charts)} graphique(s), attendu 1")
        elif "Synthèse" not in z.read(charts[0]).decode():
            fail("le graphique ne lit pas la feuille Synthèse")
    n = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    print(f"{path} : {len(wb.sheetnames)} feuilles, {n} cellules vérifiées, "
          f"{len(failures)} échec(s)", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
