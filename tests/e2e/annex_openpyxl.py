#!/usr/bin/python3
"""annex_openpyxl.py — structure of the Excel annex, read with openpyxl.

Usage (with /usr/bin/python3):
  annex_openpyxl.py ANNEX.xlsx FIGURES.json CREATED_EPOCH DATA_FILE NAME

FIGURES.json is planif-rapport --figures-json output; CREATED_EPOCH the
production time the annex was written with (SOURCE_DATE_EPOCH); DATA_FILE
the bytes it was made from (its SHA-256 is on À propos); NAME the data
file's name À propos must show (its name only, though it was given with its
folders).
Checks:
  - sheet names and order; on every record sheet, row 1 says where the rows
    come from and one Excel table starts at A2 (header) covering every
    record, with autofilter and banded rows, no merged cells, the header
    frozen and repeated on printed pages;
  - input and computed columns: a computed column is a calculated column
    (the table holds its formula, every cell holds the same formula, by
    structured references only) and looks computed (fill, header colour);
    an input column holds values and looks like an input; the derived
    columns the issue lists are computed; explicit header formats;
  - data-validation lists on the code columns, over Listes or the sheet of
    the ids;
  - numbers are numbers, codes text, dates dates in French formats;
    identifiers join across sheets;
  - Synthèse: values are formulas over tables (no cell position anywhere in
    the book's formulas), cached results are the figures, each with a unit,
    a definition, the rows counted and a link to its sheet; attendance
    totals say how many counts they approximate and leave out;
  - Contrôles: the program's cross-check, statuses in words coloured by
    conditional formats, publication and explanation columns;
  - Évolution: one column per year compared (FIGURES.json "comparaison"),
    the report's year a calculated column that looks the figure up on
    Synthèse by its id, earlier years numbers typed in (input style) and
    their cached values the program's, the comparison's columns calculated
    (the rate as a percentage), « Comparable » an input; the table of
    sources below, names without folders; with one year, row 1 says there
    is nothing to compare;
  - print set-up: landscape, fitted to one page wide only where the scale
    stays at 60 % or more, footer with sheet name and page numbers;
  - À propos: metadata (title, period, producer, contact, licence, data
    file name and SHA-256, publication and production dates, tool), the
    source of truth, the legend of styles, revision notes, the sheets with
    links; document properties;
  - the chart: alternative text, cached values equal to its cells'.
Prints one line per failure and exits 1 on any failure.
"""
import datetime
import hashlib
import json
import re
import sys
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.cell_range import CellRange

SHEETS = [
    "À propos", "Synthèse", "Contrôles", "Évolution", "Définitions", "Événements", "Sessions",
    "Intervenants", "Présences des élus", "Chantiers", "Actions", "Élus", "Réseaux locaux",
    "Départements", "Équipe", "Prestataires", "Partenaires", "Gouvernance", "Lettres",
    "Citations", "Listes",
]
RECORD_SHEETS = SHEETS[4:-1]
TABLE_SHEETS = ["Synthèse", "Contrôles", "Évolution", "Définitions"] + RECORD_SHEETS

# columns that must be computed (calculated columns), by sheet
COMPUTED = {
    "Événements": {"Année", "Type", "Organisé par le réseau", "Effectif", "Sessions",
                   "Intervenants", "Élus présents"},
    "Sessions": {"Type", "Intervenants", "Type d’événement (clé)", "Année"},
    "Intervenants": {"Identité (clé)", "Type d’événement (clé)", "Année", "Mentions"},
    "Présences des élus": {"Type d’événement (clé)", "Année"},
    "Chantiers": {"Axe (titre court)", "Statut de l’année", "Dans l’année", "Actions"},
    "Actions": {"Statut"},
    "Élus": {"Département (nom)", "Région", "Ateliers des élus de l’année"},
    "Réseaux locaux": {"Échelle", "Départements couverts"},
    "Départements": {"Réseaux actifs", "Couvert"},
    "Gouvernance": {"Année", "Type"},
    "Lettres": {"Année"},
    "Contrôles": {"Libellé", "Valeur calculée", "Écart", "Règle", "Statut"},
}
# Évolution: the columns after the years, those of them calculated
EVOLUTION_AFTER = 6
EVOLUTION_COMPUTED = {"Comparée à", "Valeur de comparaison", "Écart", "Évolution"}
# code columns with a data-validation list, and where the list lives
VALIDATED = {
    "Événements": {"Précision de la date": "Listes", "Type (clé)": "Listes",
                   "Précision des participants": "Listes", "Chantier": "Chantiers"},
    "Sessions": {"Événement": "Événements", "Type (clé)": "Listes",
                 "Précision des participants": "Listes"},
    "Intervenants": {"Événement": "Événements"},
    "Présences des élus": {"Événement": "Événements", "Élu": "Élus"},
    "Chantiers": {"Axe": "Listes", "Statut de l’année (clé)": "Listes",
                  "Statut de l’année précédente (clé)": "Listes"},
    "Actions": {"Chantier": "Chantiers", "Statut (clé)": "Listes", "Événement": "Événements"},
    "Élus": {"Département": "Départements", "Chantier": "Chantiers"},
    "Réseaux locaux": {"Échelle (clé)": "Listes", "Actif": "Listes"},
    "Prestataires": {"Principal": "Listes"},
    "Gouvernance": {"Type (clé)": "Listes"},
    "Contrôles": {"Chiffre": "Synthèse", "Forme": "Listes"},
}
# columns whose cells must be numbers (by sheet; "*" for every sheet)
NUMERIC = {
    "*": {"Année", "Participants", "Intervenants", "Sessions", "N° de session", "Depuis"},
    "Événements": {"Édition", "Élus présents"},
    "Chantiers": {"Axe", "Actions"},
    "Actions": {"N° d’action"},
    "Élus": {"Latitude", "Longitude", "Ateliers des élus de l’année"},
    "Réseaux locaux": {"Départements couverts"},
    "Départements": {"Réseaux actifs"},
    "Lettres": {"Numéro"},
    "Intervenants": {"Mentions"},
    "Contrôles": {"Valeur publiée", "Valeur calculée", "Écart"},
}
# columns that hold codes or identifiers: always text, even "01"
TEXT = {"Id", "Code", "Code région", "Code postal", "Département", "Événement", "Élu",
        "Chantier", "Type (clé)", "Type d’événement (clé)", "Identité (clé)", "Régions (codes)",
        "Départements (codes)"}
DATE_FORMATS = {"dd/mm/yyyy", "[$-40C]mmmm yyyy", "yyyy"}
HEADER_INPUT, HEADER_COMPUTED, COMPUTED_FILL = "1F4E79", "5B7290", "E4E8EE"

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
    (("Élus", "Département"), ("Départements", "Code")),
    (("Événements", "Chantier"), ("Chantiers", "Id")),
    (("Contrôles", "Chiffre"), ("Synthèse", "Id")),
]

failures = []


def fail(msg):
    failures.append(msg)
    print("ÉCHEC : " + msg, file=sys.stderr)


def rgb(colour):
    """The 6 hex digits of an openpyxl colour, or ""."""
    v = getattr(colour, "rgb", None)
    return v[-6:].upper() if isinstance(v, str) else ""


def main_table(ws):
    """The sheet's table whose header is on row 2 at A2 (its main table)."""
    for t in ws.tables.values():
        r = CellRange(t.ref)
        if (r.min_row, r.min_col) == (2, 1):
            return t
    return None


def columns(ws, t=None):
    """{header: [cells of the records]} of a table (the main one by default)."""
    t = t or main_table(ws)
    if t is None:
        return {}
    ref = CellRange(t.ref)
    return {ws.cell(ref.min_row, c).value: [ws.cell(r, c) for r in range(ref.min_row + 1,
                                                                          ref.max_row + 1)]
            for c in range(ref.min_col, ref.max_col + 1)}


def last_used_row(ws):
    last = 1
    for row in ws.iter_rows():
        if any(c.value is not None for c in row):
            last = row[0].row
    return last


def norm(formula):
    return formula.lstrip("=")


def check_table(ws, values):
    """values: the same sheet read with data_only=True."""
    t = main_table(ws)
    if t is None:
        fail(f"{ws.title} : pas de table Excel en A2")
        return
    ref = CellRange(t.ref)
    if ws.title in RECORD_SHEETS:
        used = max(last_used_row(ws), 3)
        if ref.max_row != used:
            fail(f"{ws.title} : la table {t.ref} s'arrête ligne {ref.max_row}, données jusqu'à "
                 f"la ligne {used}")
        note = ws.cell(1, 1).value
        if not (isinstance(note, str) and note.startswith("Source")):
            fail(f"{ws.title} : la ligne 1 ne dit pas d'où viennent les lignes ({note!r})")
    headers = [ws.cell(2, c).value for c in range(ref.min_col, ref.max_col + 1)]
    names = [c.name for c in t.tableColumns]
    if headers != names:
        fail(f"{ws.title} : en-têtes {headers} ≠ colonnes de la table {names}")
    if t.autoFilter is None:
        fail(f"{ws.title} : pas de filtre automatique")
    if not (t.tableStyleInfo and t.tableStyleInfo.showRowStripes):
        fail(f"{ws.title} : pas de lignes à bandes")
    for h in headers:
        if any(ch in h for ch in "[]#'"):
            fail(f"{ws.title} : en-tête « {h} » illisible dans une référence structurée")
    cols = columns(ws, t)
    n_records = ref.max_row - ref.min_row
    empty = n_records == 1 and all(c.value is None for cells in cols.values() for c in cells[:1])
    # calculated columns: the table's formula in every cell, styled computed
    for i, tc in enumerate(t.tableColumns):
        h = tc.name
        calc = tc.calculatedColumnFormula
        header_cell = ws.cell(2, ref.min_col + i)
        fill = rgb(header_cell.fill.fgColor)
        if not header_cell.font.b or rgb(header_cell.font.color) != "FFFFFF":
            fail(f"{ws.title}!{header_cell.coordinate} : en-tête sans format explicite")
        want_computed = h in COMPUTED.get(ws.title, set()) or (
            ws.title == "Évolution" and (h in EVOLUTION_COMPUTED or h == headers[-EVOLUTION_AFTER - 1]))
        if (ws.title in COMPUTED or ws.title == "Évolution") and not empty and \
                want_computed != (calc is not None):
            fail(f"{ws.title} : colonne « {h} » {'sans' if want_computed else 'avec'} "
                 f"formule de colonne calculée")
        is_computed = calc is not None or (ws.title == "Synthèse" and h in (
            "Valeur", "Effectifs approchés", "Effectifs inconnus"))
        if fill != (HEADER_COMPUTED if is_computed else HEADER_INPUT):
            fail(f"{ws.title} : en-tête « {h} » de couleur {fill}")
        for c in cols[h]:
            v = c.value
            if calc is not None:
                f = v.text if hasattr(v, "text") else v
                if not (isinstance(f, str) and norm(f) == norm(calc.attr_text if hasattr(
                        calc, "attr_text") else str(calc))):
                    fail(f"{ws.title}!{c.coordinate} : {f!r} n'est pas la formule de la colonne "
                         f"« {h} »")
                    break
                if rgb(c.fill.fgColor) != COMPUTED_FILL:
                    fail(f"{ws.title}!{c.coordinate} : cellule calculée sans son fond")
                    break
            elif not is_computed:
                if isinstance(v, str) and v.startswith("="):
                    fail(f"{ws.title}!{c.coordinate} : formule dans la colonne de saisie « {h} »")
                    break
                if rgb(c.fill.fgColor) == COMPUTED_FILL:
                    fail(f"{ws.title}!{c.coordinate} : cellule de saisie au fond des calculs")
                    break
    # validation lists
    dvs = ws.data_validations.dataValidation
    for h, where in VALIDATED.get(ws.title, {}).items():
        if h not in cols:
            fail(f"{ws.title} : colonne « {h} » absente")
            continue
        col = get_column_letter(ref.min_col + headers.index(h))
        hit = [dv for dv in dvs if dv.type == "list" and any(
            str(r).startswith(f"{col}3") for r in dv.sqref.ranges)]
        if not hit:
            fail(f"{ws.title} : colonne « {h} » sans liste de validation")
        elif not hit[0].formula1 or f"'{where}'!" not in hit[0].formula1:
            fail(f"{ws.title} : la liste de « {h} » ne lit pas {where} ({hit[0].formula1})")


def check_presentation(ws, widths_px_per_char=7):
    if ws.merged_cells.ranges:
        fail(f"{ws.title} : cellules fusionnées {ws.merged_cells.ranges}")
    ps = ws.page_setup
    if ps.orientation != "landscape":
        fail(f"{ws.title} : orientation {ps.orientation}")
    footer = ws.oddFooter
    text = "".join(p.text or "" for p in (footer.left, footer.center, footer.right))
    for code in ("&A", "&P", "&N"):
        if code not in text:
            fail(f"{ws.title} : pied de page sans {code} ({text!r})")
    # fitted to one page wide only where the scale stays >= 60 %
    last = ws.max_column
    for t in ws.tables.values():
        last = max(last, CellRange(t.ref).max_col)
    px = 0
    for col in range(1, last + 1):
        dim = ws.column_dimensions.get(get_column_letter(col))
        w = dim.width if dim is not None and dim.customWidth else None
        # a width is stored as (w * 7 + 5) / 7 (libxlsxwriter, as Excel)
        px += round(w * widths_px_per_char) if w else 64
    page = (297 / 25.4 - 2 * 0.5) * 96
    fit = bool(ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    if fit != (px * 0.6 <= page):
        fail(f"{ws.title} : ajustement à la largeur {fit} pour {px} px (page {page:.0f} px, "
             f"échelle {page / px:.0%})")
    if fit and (ps.fitToWidth not in (1, None) or ps.fitToHeight != 0):
        fail(f"{ws.title} : ajustée à {ps.fitToWidth} x {ps.fitToHeight} pages")
    if not fit and ps.scale not in (None, 100):
        fail(f"{ws.title} : échelle {ps.scale} sans ajustement")
    if ws.title in TABLE_SHEETS:
        if ws.freeze_panes != "A3":
            fail(f"{ws.title} : en-tête non figé ({ws.freeze_panes})")
        if ws.print_title_rows not in ("2:2", "$2:$2"):
            fail(f"{ws.title} : en-tête non répété à l'impression ({ws.print_title_rows})")
        for col in range(1, ws.max_column + 1):
            dim = ws.column_dimensions.get(get_column_letter(col))
            if dim is None or not dim.customWidth or not dim.width:
                fail(f"{ws.title} : largeur de la colonne {get_column_letter(col)} non réglée")


def check_types(ws):
    cols = columns(ws)
    numeric = NUMERIC["*"] | NUMERIC.get(ws.title, set())
    for header, cells in cols.items():
        for c in cells:
            v = c.value
            if v is None or (isinstance(v, str) and v.startswith("=")):
                continue
            if header in numeric and not isinstance(v, (int, float)):
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
    if "Précision de la date" in cols and "Date" in cols:
        fmt = {"jour": "dd/mm/yyyy", "mois": "[$-40C]mmmm yyyy", "année": "yyyy"}
        for p, d in zip(cols["Précision de la date"], cols["Date"]):
            if p.value and d.number_format != fmt[p.value]:
                fail(f"{ws.title}!{d.coordinate} : précision {p.value}, format {d.number_format}")


def check_evolution(ws, wv, doc):
    """The figures by year: the report's year by formula, the others typed in."""
    comp = doc.get("comparaison")
    years = [a["annee"] for a in comp["annees"]] if comp else [doc["annee"]]
    t = ws.tables.get("Evolution")
    if t is None:
        fail("Évolution : pas de table Evolution")
        return
    cols, vcols = columns(ws, t), columns(wv, wv.tables["Evolution"])
    headers = list(cols)
    want_headers = ["Id", "Libellé", "Unité"] + [str(y) for y in years] + [
        "Comparée à", "Valeur de comparaison", "Comparable", "Écart", "Évolution", "Motif"]
    if headers != want_headers:
        fail(f"Évolution : colonnes {headers}, attendu {want_headers}")
        return
    want = comp["chiffres"] if comp else []
    ids = [c.value for c in cols["Id"] if c.value is not None]
    if ids != [k["chiffre"] for k in want]:
        fail(f"Évolution : chiffres {ids}, attendu {[k['chiffre'] for k in want]}")
        return
    note = ws.cell(1, 1).value or ""
    if not note.startswith("Source"):
        fail(f"Évolution : la ligne 1 ne dit pas d'où viennent les lignes ({note!r})")
    if not want and "rien à comparer" not in note:
        fail(f"Évolution : une seule année, la ligne 1 ne dit pas « rien à comparer » ({note!r})")
    current = str(years[-1])
    syn = columns(ws.parent["Synthèse"], ws.parent["Synthèse"].tables["ChiffresCles"])
    for i, k in enumerate(want):
        f = cols[current][i].value
        f = f.text if hasattr(f, "text") else f
        if f != ('=IFERROR(INDEX(ChiffresCles[Valeur],MATCH(Evolution[[#This Row],[Id]],'
                 'ChiffresCles[Id],0)),"")'):
            fail(f"Évolution ({k['chiffre']}) : {current} n'est pas cherché dans Synthèse : {f!r}")
        for y, v in zip(years, k["valeurs"]):
            cell, cached = cols[str(y)][i], vcols[str(y)][i].value
            if cached != v:
                fail(f"Évolution ({k['chiffre']}) {y} = {cached!r}, attendu {v!r}")
            if str(y) != current and not (v is None or isinstance(cell.value, (int, float))):
                fail(f"Évolution!{cell.coordinate} : {cell.value!r} n'est pas une valeur saisie")
        want_cmp = "oui" if k["comparable"] else "non comparable"
        if cols["Comparable"][i].value != want_cmp:
            fail(f"Évolution ({k['chiffre']}) : comparable {cols['Comparable'][i].value!r}")
        change, rate = vcols["Écart"][i].value, vcols["Évolution"][i].value
        if change != k["ecart"] and not (change in ("", None) and k["ecart"] is None):
            fail(f"Évolution ({k['chiffre']}) : écart en cache {change!r}, attendu {k['ecart']}")
        if (k["taux"] is None) != (rate in ("", None)) or (
                k["taux"] is not None and abs(rate - k["taux"]) > 5e-5):
            fail(f"Évolution ({k['chiffre']}) : évolution en cache {rate!r}, attendu {k['taux']}")
        if "%" not in cols["Évolution"][i].number_format:
            fail(f"Évolution ({k['chiffre']}) : évolution sans format de pourcentage")
    if want and cols["Id"][0].value not in {c.value for c in syn["Id"]}:
        fail("Évolution : identifiants absents de Synthèse")
    src = ws.tables.get("SourcesEvolution")
    if src is None:
        fail("Évolution : pas de tableau des sources")
        return
    sc = columns(ws, src)
    listed = sorted({c.value for c in sc["Année"]})
    if listed != years:
        fail(f"Évolution : sources des années {listed}, attendu {years}")
    for c in sc["Source"]:
        if not c.value or "/" in c.value:
            fail(f"Évolution!{c.coordinate} : source {c.value!r} (un nom, sans dossier)")


def main(argv):
    if len(argv) != 6:
        print(__doc__, file=sys.stderr)
        return 2
    path, figures_path, created, data_path, data_name = (argv[1], argv[2], int(argv[3]), argv[4],
                                                         argv[5])
    with open(figures_path, encoding="utf-8") as fp:
        doc = json.load(fp)
    wb = openpyxl.load_workbook(path)
    wv = openpyxl.load_workbook(path, data_only=True)
    if wb.sheetnames != SHEETS:
        fail(f"feuilles {wb.sheetnames}, attendu {SHEETS}")
    for ws in wb.worksheets:
        check_presentation(ws)
        if ws.title in TABLE_SHEETS:
            check_table(ws, wv[ws.title])
            check_types(ws)
    # no formula of the book names a cell position: tables and columns only
    for ws in wb.worksheets:
        for row in ws.iter_rows():
            for c in row:
                if isinstance(c.value, str) and c.value.startswith("=") and (
                        "$" in c.value or re.search(r"![A-Z]+[0-9]", c.value)
                        or re.search(r"(?<![A-Za-z_\[])[A-Z]{1,2}[0-9]+(?![0-9(])", c.value)):
                    fail(f"{ws.title}!{c.coordinate} : formule par position {c.value!r}")

    # identifiers join across sheets
    for (s1, c1), (s2, c2) in JOINS:
        known = {c.value for c in columns(wb[s2]).get(c2, [])}
        for c in columns(wb[s1]).get(c1, []):
            if c.value is not None and c.value not in known:
                fail(f"{s1}!{c.coordinate} : {c.value!r} absent de {s2}.{c2}")

    # Synthèse: formulas over tables whose cached values are the figures
    syn, synv = wb["Synthèse"], wv["Synthèse"]
    sc, svc = columns(syn, syn.tables["ChiffresCles"]), columns(synv, synv.tables["ChiffresCles"])
    figs = doc["chiffres"]
    seen = [c.value for c in sc["Id"]]
    if seen != list(figs):
        fail(f"Synthèse : chiffres {seen}, attendu {list(figs)}")
    for i, fid in enumerate(seen):
        val, cached = sc["Valeur"][i].value, svc["Valeur"][i].value
        if not (isinstance(val, str) and val.startswith("=")):
            fail(f"Synthèse ({fid}) : la valeur n'est pas une formule : {val!r}")
        elif fid in figs and cached != figs[fid]:
            fail(f"Synthèse ({fid}) en cache {cached!r}, attendu {figs[fid]}")
        for h in ("Unité", "Définition", "Lignes comptées"):
            if not sc[h][i].value:
                fail(f"Synthèse ({fid}) : « {h} » vide")
        link = sc["Feuille"][i]
        target = link.hyperlink.location if link.hyperlink else None
        if not target or target.strip("'").split("'!")[0] != link.value or link.value not in SHEETS:
            fail(f"Synthèse ({fid}) : lien vers sa feuille {link.value!r} -> {target!r}")
        rows = sc["Lignes comptées"][i].value or ""
        if not rows.startswith(link.value):
            fail(f"Synthèse ({fid}) : lignes comptées « {rows} » hors de sa feuille {link.value}")
        shown = sc["Formule"][i].value
        if isinstance(val, str) and shown != val[1:]:
            fail(f"Synthèse ({fid}) montre {shown!r}, la formule est {val!r}")
        prec = doc.get("precision", {}).get(fid)
        approx, unknown = svc["Effectifs approchés"][i].value, svc["Effectifs inconnus"][i].value
        if prec and (approx, unknown) != (prec["approches"], prec["inconnus"]):
            fail(f"Synthèse ({fid}) : effectifs approchés/inconnus {approx}/{unknown}, "
                 f"attendu {prec}")
        if not prec and (approx is not None or unknown is not None):
            fail(f"Synthèse ({fid}) : effectifs approchés/inconnus pour un compte")

    # Contrôles: the program's cross-check in words, statuses coloured
    ctl, ctlv = wb["Contrôles"], wv["Contrôles"]
    cc, cvc = columns(ctl), columns(ctlv)
    n = len(doc["controles"])
    for i, want in enumerate(doc["controles"]):
        got = [cvc[h][i].value for h in ("Chiffre", "Forme", "Valeur publiée", "Valeur calculée",
                                         "Écart", "Statut")]
        exp = [want["chiffre"], want["forme"], want["declare"], want["calcule"], want["ecart"],
               want["statut"]]
        if got != exp:
            fail(f"Contrôles ligne {i + 3} : {got}, attendu {exp}")
        if want["statut"].startswith("Diffère") and not cvc["Explication"][i].value and \
                path.endswith("data.xlsx"):
            fail(f"Contrôles ligne {i + 3} : écart sans explication")
    if n:
        rules = [r for cf in ctl.conditional_formatting for r in cf.rules]
        texts = sorted((r.operator, r.text) for r in rules)
        if texts != [("beginsWith", "Concorde"), ("beginsWith", "Diffère")]:
            fail(f"Contrôles : mise en forme conditionnelle {texts}")
        if not any(c.value for c in cc["Publié dans"]):
            fail("Contrôles : aucune publication d'origine")

    check_evolution(wb["Évolution"], wv["Évolution"], doc)

    # À propos: metadata, source of truth, legend, revision notes, sheets
    ab, abv = wb["À propos"], wv["À propos"]
    about = {r[0]: r[1] for r in abv.iter_rows(min_row=1, max_col=2, values_only=True) if r[0]}
    months = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
              "septembre", "octobre", "novembre", "décembre"]
    day = datetime.datetime.fromtimestamp(created, datetime.timezone.utc)
    data = open(data_path, "rb").read()
    want_about = {
        "Année": doc["annee"],
        "Période couverte": f"du 1er janvier au 31 décembre {doc['annee']}",
        "Date de production": f"{day.day}{'er' if day.day == 1 else ''} {months[day.month - 1]} "
                              f"{day.year}",
        "Empreinte SHA-256 du fichier": hashlib.sha256(data).hexdigest(),
        "Licence": "Licence Ouverte / Open Licence version 2.0 (Etalab)",
    }
    for key, want in want_about.items():
        if about.get(key) != want:
            fail(f"À propos : {key} = {about.get(key)!r}, attendu {want!r}")
    for key in ("Titre", "Producteur", "Contact", "Fichier de données", "Publication du rapport",
                "Date de production d’après", "Outil", "Source de vérité", "Comment lire",
                "Notes de révision", "Saisie", "Calculé"):
        if key not in about:
            fail(f"À propos : « {key} » absent")
    name = about.get("Fichier de données") or ""
    if name != data_name:
        fail(f"À propos : fichier de données {name!r}, attendu {data_name!r} (le nom seul)")
    if about.get("Date de production") == about.get("Publication du rapport"):
        fail("À propos : date de production confondue avec la publication")
    if not str(about.get("Outil", "")).startswith("planif-rapport "):
        fail(f"À propos : outil {about.get('Outil')!r}")
    legend = {r[0].value: r[0] for r in ab.iter_rows(min_row=1, max_col=1) if r[0].value in (
        "Saisie", "Calculé")}
    if "Calculé" not in legend or rgb(legend["Calculé"].fill.fgColor) != COMPUTED_FILL:
        fail("À propos : la légende « Calculé » n'a pas le fond des cellules calculées")
    if "Saisie" not in legend or rgb(legend["Saisie"].fill.fgColor) == COMPUTED_FILL:
        fail("À propos : la légende « Saisie » a le fond des cellules calculées")
    sheets = columns(ab, ab.tables["Feuilles"])
    listed = [c.value for c in sheets["Feuille"]]
    if listed != SHEETS:
        fail(f"À propos : feuilles listées {listed}")
    for c in sheets["Feuille"]:
        if not c.hyperlink or c.value not in (c.hyperlink.location or ""):
            fail(f"À propos!{c.coordinate} : pas de lien vers la feuille {c.value}")

    # document properties
    p = wb.properties
    year = doc["annee"]
    if p.title != f"Annexe du rapport d'activités {year}":
        fail(f"titre du document {p.title!r}")
    if not p.creator or not p.subject or not p.keywords or str(year) not in p.keywords:
        fail(f"propriétés incomplètes : {p.creator!r} {p.subject!r} {p.keywords!r}")
    want_created = datetime.datetime.fromtimestamp(created, datetime.timezone.utc).replace(
        tzinfo=None)
    if p.created != want_created:
        fail(f"date de création {p.created}, attendu {want_created}")
    if hashlib.sha256(data).hexdigest() not in (p.description or ""):
        fail(f"commentaires du document sans l'empreinte : {p.description!r}")

    # the chart: alternative text, and its cache is what its cells compute
    with zipfile.ZipFile(path) as z:
        app = z.read("docProps/app.xml").decode()
        if "<Company>" not in app:
            fail("propriété « société » absente")
        charts = [n for n in z.namelist() if n.startswith("xl/charts/chart")]
        if len(charts) != 1:
            fail(f"{len(charts)} graphique(s), attendu 1")
        else:
            chart = z.read(charts[0]).decode()
            drawing = z.read("xl/drawings/drawing1.xml").decode()
            m = re.search(r'descr="([^"]*)"', drawing)
            if not m or len(m.group(1)) < 40:
                fail("le graphique n'a pas de texte de remplacement")
            num = re.search(r"<c:val>.*?<c:f>([^<]*)</c:f>.*?<c:numCache>(.*?)</c:numCache>",
                            chart, re.S)
            if not num or "Synthèse" not in num.group(1):
                fail("le graphique ne lit pas la feuille Synthèse")
            else:
                cache = [float(v) for v in re.findall(r"<c:v>([^<]*)</c:v>", num.group(2))]
                mo = columns(synv, synv.tables["ParticipationsParMois"])
                cells = [float(c.value) for c in mo["Participations déclarées"]]
                if cache != cells:
                    fail(f"cache du graphique {cache}, cellules {cells}")
                said = re.findall(r" (\d+)[,.]", m.group(1).split(":", 1)[-1]) if m else []
                if m and [str(int(v)) for v in cells] != said:
                    fail(f"le texte de remplacement ne donne pas les valeurs : {m.group(1)!r}")
    n = sum(1 for ws in wb.worksheets for row in ws.iter_rows() for c in row if c.value is not None)
    print(f"{path} : {len(wb.sheetnames)} feuilles, {n} cellules vérifiées, "
          f"{len(failures)} échec(s)", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
