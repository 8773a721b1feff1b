#!/usr/bin/python3
"""annex_edits.py — a reviewer's corrections in the annex recompute the
figures exactly as the same corrections in the data file.

Usage (with /usr/bin/python3, which has uno):
  annex_edits.py PROGRAM DATA.json WORKDIR

PROGRAM is planif-rapport, DATA.json a year (data/2023.json). The script
writes the annex of DATA.json, then, for each edit a reviewer makes:
  1. opens the annex in a headless LibreOffice (UNO), makes the edit in the
     sheets the way a reviewer would (typing in input cells, inserting a row
     inside a table and copying a neighbouring row into it, sorting), forces
     calculateAll() and reads every figure of Synthèse (by its id) and
     every status of Contrôles;
  2. makes the same edit in a copy of DATA.json and runs
     PROGRAM --check --figures-json on it;
  3. requires the figures and the statuses to be the same, and the edit to
     move at least one figure (sorting: to move none).
The edits: a date moved to the year before; a local network switched off;
an attendance corrected; rows inserted inside tables (an event, a session
of the national meeting and its speaker); every table of the book sorted
on its first column, descending.
Prints one line per failure on stderr and exits 1 on any failure (2 on a
set-up error).
"""
import copy
import datetime
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from annex_recalc import Office  # noqa: E402  (the same headless LibreOffice)

failures = []


def fail(msg):
    failures.append(msg)
    print("ÉCHEC : " + msg, file=sys.stderr)


def serial(y, m, d):
    """A spreadsheet date serial (days since 30 December 1899)."""
    return (datetime.date(y, m, d) - datetime.date(1899, 12, 30)).days


class Book:
    """An annex opened in LibreOffice, edited through its tables."""

    def __init__(self, office, path):
        self.office = office
        self.doc = office.desktop.loadComponentFromURL(
            office.uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
            (office.prop("Hidden", True),))
        if self.doc is None:
            raise RuntimeError(f"LibreOffice n'a pas pu ouvrir {path}")

    def close(self):
        self.doc.close(True)

    def table(self, name):
        """(sheet, range address with the header, {header: column index})."""
        area = self.doc.DatabaseRanges.getByName(name).getDataArea()
        sheet = self.doc.Sheets.getByIndex(area.Sheet)
        headers = {sheet.getCellByPosition(c, area.StartRow).getString(): c
                   for c in range(area.StartColumn, area.EndColumn + 1)}
        return sheet, area, headers

    def row_of(self, name, header, value):
        sheet, area, h = self.table(name)
        for r in range(area.StartRow + 1, area.EndRow + 1):
            if sheet.getCellByPosition(h[header], r).getString() == value:
                return r
        raise KeyError(f"{name} : aucune ligne où {header} = {value}")

    def set(self, name, row, header, value):
        """Type a value in an input cell: a number, a text, or None to clear it."""
        sheet, _, h = self.table(name)
        cell = sheet.getCellByPosition(h[header], row)
        if value is None:
            cell.clearContents(1 | 2 | 4 | 16)   # VALUE, DATETIME, STRING, FORMULA
        elif isinstance(value, str):
            cell.setString(value)
        else:
            cell.setValue(value)

    def insert_row(self, name, values):
        """Insert a row inside a table (before its second record), copy the
        record below into it (its formulas come with it, as a reviewer
        copies a neighbouring row in LibreOffice), then type its input
        cells: `values` maps every input header to its value (None: empty)."""
        sheet, area, h = self.table(name)
        at = area.StartRow + 2
        sheet.Rows.insertByIndex(at, 1)
        src = self.office.uno.createUnoStruct("com.sun.star.table.CellRangeAddress")
        src.Sheet, src.StartColumn, src.EndColumn = area.Sheet, area.StartColumn, area.EndColumn
        src.StartRow = src.EndRow = at + 1
        dst = self.office.uno.createUnoStruct("com.sun.star.table.CellAddress")
        dst.Sheet, dst.Column, dst.Row = area.Sheet, area.StartColumn, at
        sheet.copyRange(dst, src)
        for header, value in values.items():
            self.set(name, at, header, value)
        return at

    def sort_every_table(self):
        """Sort each table on its first column, descending, header kept."""
        names = self.doc.DatabaseRanges.getElementNames()
        for name in names:
            rng = self.doc.DatabaseRanges.getByName(name).getReferredCells()
            field = self.office.uno.createUnoStruct("com.sun.star.table.TableSortField")
            field.Field, field.IsAscending = 0, False
            desc = rng.createSortDescriptor()
            for p in desc:
                if p.Name == "SortFields":
                    p.Value = self.office.uno.Any("[]com.sun.star.table.TableSortField", (field,))
                elif p.Name == "ContainsHeader":
                    p.Value = True
            self.office.uno.invoke(rng, "sort", (desc,))
        return names

    def results(self):
        """({figure id: value} of Synthèse, sorted [(figure, published, status)] of Contrôles)."""
        self.doc.calculateAll()
        sheet, area, h = self.table("ChiffresCles")
        figures = {}
        for r in range(area.StartRow + 1, area.EndRow + 1):
            cell = sheet.getCellByPosition(h["Valeur"], r)
            value = f"#ERREUR{cell.getError()}" if cell.getError() else cell.getValue()
            figures[sheet.getCellByPosition(h["Id"], r).getString()] = value
        sheet, area, h = self.table("Controles")
        checks = []
        for r in range(area.StartRow + 1, area.EndRow + 1):
            def get(header):
                return sheet.getCellByPosition(h[header], r)
            checks.append((get("Chiffre").getString(), get("Valeur publiée").getValue(),
                           get("Statut").getString()))
        return figures, sorted(checks)


def run_program(program, data, workdir, name):
    """Figures and checks of PROGRAM on the data (a dict): the reference."""
    path = os.path.join(workdir, name + ".json")
    with open(path, "w", encoding="utf-8") as fp:
        json.dump(data, fp, ensure_ascii=False, indent=1)
    out = os.path.join(workdir, name + ".figures.json")
    p = subprocess.run([program, "--check", "-q", "--figures-json", out, path],
                       stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        raise RuntimeError(f"{name} : planif-rapport a échoué ({p.returncode}) :\n{p.stderr}")
    with open(out, encoding="utf-8") as fp:
        doc = json.load(fp)
    checks = sorted((c["chiffre"], float(c["declare"]), c["statut"]) for c in doc["controles"])
    return {k: float(v) for k, v in doc["chiffres"].items()}, checks


def event(data, ident):
    return next(e for e in data["evenements"] if e["id"] == ident)


# ---- the edits: (name, what it does in the book, the same in the data) ----
def book_date(book):
    book.set("Evenements", book.row_of("Evenements", "Id", "gt1"), "Date", serial(2022, 7, 1))


def data_date(data):
    event(data, "gt1")["date"] = "2022-07"


def book_network(book):
    book.set("ReseauxLocaux", book.row_of("ReseauxLocaux", "Id", "pas-de-calais"), "Actif", "non")


def data_network(data):
    next(n for n in data["reseaux_locaux"] if n["id"] == "pas-de-calais")["actif"] = False


def book_attendance(book):
    r = book.row_of("Evenements", "Id", "gt1")
    book.set("Evenements", r, "Participants", 12)
    book.set("Evenements", r, "Précision des participants", "exact")
    r = book.row_of("Evenements", "Id", "rn2023")
    book.set("Evenements", r, "Participants", 230)
    book.set("Evenements", r, "Précision des participants", "plus de")


def data_attendance(data):
    event(data, "gt1")["participants"] = 12
    event(data, "rn2023")["participants"] = {"valeur": 230, "precision": "plus_de"}


EVENT_INPUTS = ["Id", "Date", "Précision de la date", "Type (clé)", "Organisateur", "Titre",
                "Thème", "Édition", "Lieu", "Ville", "Code postal", "Participants",
                "Précision des participants", "Chantier", "Personnes interviewées",
                "Thématiques", "Résumé"]


def book_insert(book):
    values = dict.fromkeys(EVENT_INPUTS)
    values.update({"Id": "webinaire-essai", "Date": serial(2023, 6, 15),
                   "Précision de la date": "jour", "Type (clé)": "webinaire",
                   "Titre": "Webinaire ajouté par un relecteur", "Participants": 40,
                   "Précision des participants": "exact"})
    book.insert_row("Evenements", values)
    book.insert_row("Sessions", {"Événement": "rn2023", "N° de session": 10,
                                 "Type (clé)": "table_ronde", "Titre": "Table ronde ajoutée",
                                 "Participants": None, "Précision des participants": None,
                                 "Texte": None})
    book.insert_row("Intervenants", {"Événement": "rn2023", "N° de session": 10,
                                     "Prénom": "Camille", "Nom": "ESSAI", "Fonction": None,
                                     "Organisation": None})


def data_insert(data):
    data["evenements"].append({"id": "webinaire-essai", "date": "2023-06-15", "type": "webinaire",
                               "titre": "Webinaire ajouté par un relecteur", "participants": 40})
    event(data, "rn2023")["sessions"].append({
        "type": "table_ronde", "titre": "Table ronde ajoutée",
        "intervenants": [{"prenom": "Camille", "nom": "ESSAI"}]})


def book_sort(book):
    sheet, area, h = book.table("Evenements")
    before = [sheet.getCellByPosition(h["Id"], r).getString()
              for r in range(area.StartRow + 1, area.EndRow + 1)]
    names = book.sort_every_table()
    if len(names) < 20:
        fail(f"tri : {len(names)} tableaux seulement ({', '.join(names)})")
    after = [sheet.getCellByPosition(h["Id"], r).getString()
             for r in range(area.StartRow + 1, area.EndRow + 1)]
    if after != sorted(before, reverse=True) or after == before:
        fail(f"tri : Événements dans l'ordre {after}")


EDITS = [
    ("année d'une date", book_date, data_date),
    ("réseau désactivé", book_network, data_network),
    ("effectifs corrigés", book_attendance, data_attendance),
    ("lignes insérées", book_insert, data_insert),
    ("tous les tableaux triés", book_sort, None),
]


def main(argv):
    if len(argv) != 4:
        print(__doc__, file=sys.stderr)
        return 2
    program, data_path, workdir = argv[1], argv[2], argv[3]
    with open(data_path, encoding="utf-8") as fp:
        base = json.load(fp)
    annex = os.path.join(workdir, "annexe.xlsx")
    env = dict(os.environ, SOURCE_DATE_EPOCH=os.environ.get("SOURCE_DATE_EPOCH", "1714521600"))
    p = subprocess.run([program, "-q", "-o", os.path.join(workdir, "out"), "--xlsx", annex,
                        data_path], env=env, stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        print(f"annex_edits : planif-rapport a échoué ({p.returncode}) :\n{p.stderr}",
              file=sys.stderr)
        return 2
    ref_figures, ref_checks = run_program(program, base, workdir, "base")
    try:
        office = Office(workdir)
    except Exception as e:  # set-up problem, not a test failure
        print(f"annex_edits : LibreOffice indisponible : {e}", file=sys.stderr)
        return 2
    try:
        for name, in_book, in_data in EDITS:
            book = Book(office, annex)
            try:
                in_book(book)
                got_figures, got_checks = book.results()
            finally:
                book.close()
            if in_data:
                data = copy.deepcopy(base)
                in_data(data)
                want_figures, want_checks = run_program(program, data, workdir,
                                                        name.replace(" ", "-").replace("'", ""))
            else:
                want_figures, want_checks = ref_figures, ref_checks
            bad = [k for k in want_figures if got_figures.get(k) != want_figures[k]]
            for k in bad:
                fail(f"{name} : {k} recalculé {got_figures.get(k)}, planif-rapport sur les "
                     f"données corrigées {want_figures[k]}")
            for k in got_figures:
                if k not in want_figures:
                    fail(f"{name} : {k} dans Synthèse, absent des chiffres")
            if got_checks != want_checks:
                diff = [(g, w) for g, w in zip(got_checks, want_checks) if g != w]
                fail(f"{name} : Contrôles {diff[:3]} (classeur, planif-rapport)")
            moved = sorted(k for k in want_figures if want_figures[k] != ref_figures[k])
            if in_data and not moved:
                fail(f"{name} : la correction ne change aucun chiffre (test sans effet)")
            if not in_data and moved:
                fail(f"{name} : le tri change {moved}")
            print(f"annex_edits : {name} : {len(want_figures) - len(bad)}/{len(want_figures)} "
                  f"chiffres conformes ; chiffres changés : {', '.join(moved) or 'aucun'}",
                  file=sys.stderr)
    finally:
        office.close()
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
