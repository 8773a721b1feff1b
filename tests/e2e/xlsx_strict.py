#!/usr/bin/python3
"""xlsx_strict.py — every part of .xlsx files parsed by a strict XML
parser, then each file opened by openpyxl.

Usage (with /usr/bin/python3):
  xlsx_strict.py FILE.xlsx...

Each XML part of each archive (.xml, .rels) goes through expat, which
refuses what XML 1.0 forbids (control characters, U+FFFE, U+FFFF, bytes
that are not UTF-8, character references to them, bad nesting); then the
workbook is loaded with openpyxl and every cell read, as a reviewer's
spreadsheet would. Prints one line per failure and the number of files
checked; exits 1 on any failure.
"""
import sys
import warnings
import xml.parsers.expat
import zipfile

import openpyxl


def check(path):
    problems = []
    try:
        z = zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError) as e:
        return ["%s : archive illisible (%s)" % (path, e)]
    with z:
        for name in z.namelist():
            if not name.endswith((".xml", ".rels")):
                continue
            p = xml.parsers.expat.ParserCreate()
            try:
                p.Parse(z.read(name), True)
            except xml.parsers.expat.ExpatError as e:
                problems.append("%s : %s : XML refusé par expat (%s)" % (path, name, e))
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            wb = openpyxl.load_workbook(path)
        for ws in wb.worksheets:
            for row in ws.iter_rows(values_only=True):
                for _ in row:
                    pass
        wb.properties.title
    except Exception as e:  # openpyxl raises many kinds
        problems.append("%s : refusé par openpyxl (%s : %s)" % (path, type(e).__name__, e))
    return problems


def main():
    bad = 0
    for path in sys.argv[1:]:
        for line in check(path):
            print("ÉCHEC : " + line)
            bad += 1
    print("xlsx_strict : %d fichiers, %d problème(s)" % (len(sys.argv) - 1, bad))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
