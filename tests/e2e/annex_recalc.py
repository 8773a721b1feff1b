#!/usr/bin/python3
"""annex_recalc.py — proof that the Excel annex recomputes in LibreOffice.

Usage (with /usr/bin/python3, which has openpyxl and uno):
  annex_recalc.py [--feuilles S1,S2...] ANNEX.xlsx FIGURES.json [ANNEX2.xlsx FIGURES2.json ...]

--feuilles limits the cells read back to those sheets (Synthèse, Contrôles
and Évolution are always read): LibreOffice still recalculates the whole
book, but reading a cell over UNO is slow, and a generated year has tens
of thousands of formulas.

FIGURES.json is the output of planif-rapport --figures-json:
  {"annee": 2023, "chiffres": {"id": value, ...},
   "controles": [{"chiffre", "declare", "calcule", "ecart", "statut"}, ...]}

For each annex:
  1. reads every formula cell and its cached result (openpyxl);
  2. writes a "poisoned" copy where every cached result is replaced by a
     sentinel (-999), so that only a real recalculation can give the right
     values back;
  3. opens the copy in a headless LibreOffice (private profile, UNO pipe),
     forces calculateAll() and reads every formula cell back;
  4. checks: each recomputed value equals the cached one; each Synthèse
     value equals the figure of FIGURES.json and every figure has a row;
     the Contrôles rows are the "controles" of the JSON, in order, each with
     the computed value, the difference and the status (in words:
     "Concorde", "Diffère : publié trop haut"...) of the program's
     cross-check, both cached and recomputed; when FIGURES.json has a
     "comparaison" (the years compared), the Évolution sheet is that
     comparison: one row per figure compared, in order, each year's value
     (the report's year recomputed from Synthèse, the earlier ones
     constants), the year and value compared with, « oui » or « non
     comparable », the difference and the rate recomputed (empty when not
     comparable, or no rate), and the table of sources naming each earlier
     year's data file (its name only) or each published figure's source.
Prints the recomputed Synthèse of each annex as JSON on the last line
({"ANNEX.xlsx": {"id": value}}) for the calling script, one line per
failure on stderr, and exits 1 on any failure (2 on usage / set-up error).
"""
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
import zipfile

import openpyxl
from openpyxl.utils import get_column_letter

SENTINEL = "-999"


def fail(msg):
    print("ÉCHEC : " + msg, file=sys.stderr)
    fail.count += 1


fail.count = 0


def formula_cells(path):
    """{sheet: {"C2": (formula, cached)}} of every formula cell."""
    wf = openpyxl.load_workbook(path, data_only=False)
    wv = openpyxl.load_workbook(path, data_only=True)
    out = {}
    for ws in wf.worksheets:
        cells = {}
        for row in ws.iter_rows():
            for c in row:
                if c.data_type == "f":
                    ref = f"{get_column_letter(c.column)}{c.row}"
                    cells[ref] = (c.value, wv[ws.title][ref].value)
        out[ws.title] = cells
    return out


def poison(src, dst):
    """Copy src replacing every cached formula result by the sentinel."""
    n = 0
    with zipfile.ZipFile(src) as zin, zipfile.ZipFile(dst, "w", zipfile.ZIP_DEFLATED) as zout:
        for item in zin.infolist():
            data = zin.read(item.filename)
            if item.filename.startswith("xl/worksheets/sheet"):
                text = data.decode("utf-8")
                text, k = re.subn(r"(</f>)<v>[^<]*</v>", r"\1<v>" + SENTINEL + "</v>", text)
                n += k
                data = text.encode("utf-8")
            zout.writestr(item, data)
    return n


class Office:
    """A headless LibreOffice driven over a UNO pipe, with its own profile."""

    def __init__(self, workdir):
        import uno  # noqa: F401  (only with /usr/bin/python3 and LibreOffice)
        self.uno = uno
        self.pipe = f"planif_rapport_{os.getpid()}"
        profile = os.path.join(workdir, "profil-lo")
        self.proc = subprocess.Popen(
            ["soffice", "--headless", "--invisible", "--nologo", "--norestore",
             "--nodefault", "--nolockcheck",
             f"-env:UserInstallation=file://{profile}",
             f"--accept=pipe,name={self.pipe};urp;StarOffice.ComponentContext"],
            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        # LibreOffice takes a few seconds to start: poll for the pipe (this is
        # a start-up wait, not a timing assertion)
        for _ in range(240):
            if self.proc.poll() is not None:
                raise RuntimeError("LibreOffice s'est arrêté au démarrage")
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={self.pipe};urp;StarOffice.ComponentContext")
                break
            except Exception:
                time.sleep(0.5)
        if ctx is None:
            self.close()
            raise RuntimeError("impossible de joindre LibreOffice par UNO")
        self.desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)

    def prop(self, name, value):
        p = self.uno.createUnoStruct("com.sun.star.beans.PropertyValue")
        p.Name, p.Value = name, value
        return p

    def recalc_values(self, path, wanted):
        """Open path, calculateAll(), return {sheet: {ref: value}} of `wanted`."""
        url = self.uno.systemPathToFileUrl(os.path.abspath(path))
        doc = self.desktop.loadComponentFromURL(
            url, "_blank", 0, (self.prop("Hidden", True), self.prop("ReadOnly", True)))
        if doc is None:
            raise RuntimeError(f"LibreOffice n'a pas pu ouvrir {path}")
        try:
            doc.calculateAll()
            out = {}
            for sheet, refs in wanted.items():
                ws = doc.Sheets.getByName(sheet)
                vals = {}
                for ref in refs:
                    cell = ws.getCellRangeByName(ref)
                    if cell.getError():
                        vals[ref] = f"#ERREUR{cell.getError()}"
                    elif cell.FormulaResultType2 == 2:  # com.sun.star.sheet.FormulaResult.STRING
                        vals[ref] = cell.getString()
                    else:
                        vals[ref] = cell.getValue()
                out[sheet] = vals
            return out
        finally:
            doc.close(True)

    def close(self):
        try:
            if getattr(self, "desktop", None) is not None:
                self.desktop.terminate()
        except Exception:
            pass
        try:
            self.proc.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, 9)
            self.proc.wait()


def table_rows(ws, name):
    """(header row number, {header: column number}, first data row, last data row) of a table."""
    t = ws.tables[name]
    ref = openpyxl.worksheet.cell_range.CellRange(t.ref)
    cols = {ws.cell(ref.min_row, c).value: c for c in range(ref.min_col, ref.max_col + 1)}
    return ref.min_row, cols, ref.min_row + 1, ref.max_row


def same(a, b):
    if a in ("", None) and b in ("", None):  # an empty text result reads back as None
        return True
    if isinstance(a, (int, float)) and isinstance(b, (int, float)):
        return abs(a - b) < 1e-9
    return str(a) == str(b)


def check_annex(office, path, figures_path, workdir, only=None):
    with open(figures_path, encoding="utf-8") as fp:
        doc = json.load(fp)
    figures = doc["chiffres"]
    controls = doc["controles"]
    cells = formula_cells(path)
    total = sum(len(v) for v in cells.values())
    if total == 0:
        fail(f"{path} : aucune formule")
    copy = os.path.join(workdir, "empoisonne-" + os.path.basename(path))
    n = poison(path, copy)
    if n != total:
        fail(f"{path} : {n} résultats en cache remplacés pour {total} formules")
    if only:
        cells = {s: v for s, v in cells.items()
                 if s in only or s in ("Synthèse", "Contrôles", "Évolution")}
    wanted = {s: list(v) for s, v in cells.items() if v}
    got = office.recalc_values(copy, wanted)
    for sheet, refs in cells.items():
        for ref, (formula, cached) in refs.items():
            value = got[sheet][ref]
            if not same(value, cached):
                fail(f"{path} : {sheet}!{ref} {formula} recalculé = {value!r}, en cache = {cached!r}")

    # Synthèse: one row per figure, the value recomputed equals the figure
    wb = openpyxl.load_workbook(path, data_only=True)
    syn = wb["Synthèse"]
    _, cols, row, _ = table_rows(syn, "ChiffresCles")
    col_id, col_val = cols["Id"], cols["Valeur"]
    recomputed = {}
    while syn.cell(row, col_id).value:
        fid = syn.cell(row, col_id).value
        ref = f"{get_column_letter(col_val)}{row}"
        if ref not in cells["Synthèse"]:
            fail(f"{path} : Synthèse!{ref} ({fid}) n'est pas une formule")
        else:
            recomputed[fid] = got["Synthèse"][ref]
        row += 1
    for fid, value in figures.items():
        if fid not in recomputed:
            fail(f"{path} : le chiffre {fid} n'a pas de ligne dans Synthèse")
        elif not same(recomputed[fid], value):
            fail(f"{path} : {fid} recalculé par LibreOffice = {recomputed[fid]!r}, "
                 f"calculé par planif-rapport = {value}")
    for fid in recomputed:
        if fid not in figures:
            fail(f"{path} : Synthèse liste {fid}, absent des chiffres")

    # Contrôles: computed value, difference and status of each declared figure
    ctl = wb["Contrôles"]
    _, ci, row, _ = table_rows(ctl, "Controles")
    n_checks = 0
    while ctl.cell(row, ci["Chiffre"]).value:
        fid = ctl.cell(row, ci["Chiffre"]).value
        declared = ctl.cell(row, ci["Valeur publiée"]).value
        got_row = {k: got["Contrôles"].get(f"{get_column_letter(ci[k])}{row}")
                   for k in ("Valeur calculée", "Écart", "Statut")}
        cached_status = ctl.cell(row, ci["Statut"]).value
        if n_checks >= len(controls):
            fail(f"{path} : Contrôles ligne {row} ({fid}) en trop")
        else:
            want = controls[n_checks]
            if fid != want["chiffre"] or declared != want["declare"]:
                fail(f"{path} : Contrôles ligne {row} : {fid} = {declared!r}, attendu "
                     f"{want['chiffre']} = {want['declare']}")
            for key, col in (("calcule", "Valeur calculée"), ("ecart", "Écart"),
                             ("statut", "Statut")):
                if not same(got_row[col], want[key]):
                    fail(f"{path} : Contrôles ligne {row} ({fid}) {col} recalculé "
                         f"{got_row[col]!r}, attendu {want[key]!r}")
            if cached_status != want["statut"]:
                fail(f"{path} : Contrôles ligne {row} ({fid}) statut en cache "
                     f"{cached_status!r}, attendu {want['statut']!r}")
        row += 1
        n_checks += 1
    if n_checks < len(controls):
        fail(f"{path} : {len(controls) - n_checks} contrôle(s) absent(s) de la feuille Contrôles")
    n_evolution = check_evolution(path, doc, wb, cells, got)
    return recomputed, total, n_checks, n_evolution


def check_evolution(path, doc, wb, cells, got):
    """The Évolution sheet against the program's comparison; its rows."""
    comp = doc.get("comparaison")
    if "Évolution" not in wb.sheetnames:
        fail(f"{path} : feuille Évolution absente")
        return 0
    ws = wb["Évolution"]
    hr, cols, row, last = table_rows(ws, "Evolution")
    years = [a["annee"] for a in comp["annees"]] if comp else [doc["annee"]]
    year_cols = [h for h in cols if isinstance(h, str) and h.isdigit()]
    if year_cols != [str(y) for y in years]:
        fail(f"{path} : Évolution, colonnes des années {year_cols}, attendu {years}")
        return 0
    want = comp["chiffres"] if comp else []
    ids = []
    while row <= last and ws.cell(row, cols["Id"]).value:
        ids.append((row, ws.cell(row, cols["Id"]).value))
        row += 1
    if [i for _, i in ids] != [k["chiffre"] for k in want]:
        fail(f"{path} : Évolution, chiffres {[i for _, i in ids]}, attendu "
             f"{[k['chiffre'] for k in want]}")
        return len(ids)
    if not want and "rien à comparer" not in (ws.cell(1, 1).value or ""):
        fail(f"{path} : Évolution sans année précédente ne dit pas « rien à comparer »")

    def value(r, header):
        """The recomputed value of a formula cell, else the cell's constant."""
        ref = f"{get_column_letter(cols[header])}{r}"
        if ref in cells["Évolution"]:
            return got["Évolution"][ref], True
        return ws.cell(r, cols[header]).value, False

    for (r, fid), k in zip(ids, want):
        for y, v in zip(years, k["valeurs"]):
            got_v, is_formula = value(r, str(y))
            if is_formula != (y == years[-1]):
                fail(f"{path} : Évolution ({fid}) {y} : {'formule' if is_formula else 'constante'}"
                     f" inattendue")
            if not same(got_v, v):
                fail(f"{path} : Évolution ({fid}) {y} = {got_v!r}, attendu {v!r}")
        expect = {
            "Comparée à": k["annee_precedente"],
            "Valeur de comparaison": k["precedent"],
            "Comparable": "oui" if k["comparable"] else "non comparable",
            "Écart": k["ecart"],
            "Évolution": k["taux"],
        }
        for h, v in expect.items():
            got_v, is_formula = value(r, h)
            if is_formula == (h == "Comparable"):
                fail(f"{path} : Évolution ({fid}) « {h} » : formule attendue"
                     if h != "Comparable" else f"{path} : Évolution ({fid}) « {h} » calculé")
            if h == "Évolution" and isinstance(got_v, float) and v is not None:
                ok = abs(got_v - v) < 5e-5   # the JSON has 4 decimals
            else:
                ok = same(got_v, v)
            if not ok:
                fail(f"{path} : Évolution ({fid}) « {h} » = {got_v!r}, attendu {v!r}")
        motif = ws.cell(r, cols["Motif"]).value or ""
        if not k["comparable"] and "non comparable" not in motif:
            fail(f"{path} : Évolution ({fid}) non comparable sans motif ({motif!r})")

    # the sources: each earlier year's file (name only) or published figures
    _, sc, srow, slast = table_rows(ws, "SourcesEvolution")
    rows = [(ws.cell(r, sc["Année"]).value, ws.cell(r, sc["Source"]).value,
             ws.cell(r, sc["Chiffre"]).value, ws.cell(r, sc["Origine"]).value)
            for r in range(srow, slast + 1)]
    expect = []
    for i, a in enumerate(comp["annees"] if comp else [{"annee": doc["annee"],
                                                        "origine": "annee_du_rapport"}]):
        if a["origine"] == "annee_du_rapport":
            expect.append((a["annee"], "année du rapport"))
        elif a["origine"] == "fichier":
            expect.append((a["annee"], os.path.basename(a["fichier"]), "tous",
                           "fichier de données"))
        else:
            for k in want:
                if k["valeurs"][i] is not None:
                    expect.append((a["annee"], k["sources"][i], k["chiffre"], "chiffre publié"))
    got_rows = [r if r[3] != "année du rapport" else (r[0], r[3]) for r in rows]
    if sorted(got_rows, key=str) != sorted(expect, key=str):
        fail(f"{path} : Évolution, sources {got_rows}, attendu {expect}")
    for r in rows:
        if r[1] and "/" in r[1]:
            fail(f"{path} : Évolution, source avec un dossier : {r[1]!r}")
    return len(ids)


def main(argv):
    only = None
    if len(argv) > 2 and argv[1] == "--feuilles":
        only = set(argv[2].split(","))
        argv = argv[:1] + argv[3:]
    if len(argv) < 3 or len(argv) % 2 == 0:
        print(__doc__, file=sys.stderr)
        return 2
    workdir = tempfile.mkdtemp(prefix="annex-recalc-")
    try:
        try:
            office = Office(workdir)
        except Exception as e:  # set-up problem, not a test failure
            print(f"annex_recalc : LibreOffice indisponible : {e}", file=sys.stderr)
            return 2
        out = {}
        try:
            for i in range(1, len(argv), 2):
                recomputed, n_formulas, n_checks, n_evolution = check_annex(
                    office, argv[i], argv[i + 1], workdir, only)
                print(f"{argv[i]} : {n_formulas} formules recalculées, {len(recomputed)} chiffres, "
                      f"{n_checks} contrôles, {n_evolution} chiffres comparés", file=sys.stderr)
                out[argv[i]] = recomputed
        finally:
            office.close()
        print(json.dumps(out, ensure_ascii=False))
        return 1 if fail.count else 0
    finally:
        shutil.rmtree(workdir, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
