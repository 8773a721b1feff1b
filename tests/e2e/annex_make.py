#!/usr/bin/python3
"""annex_make.py — writes the annexes the annex end-to-end scripts check.

Usage: annex_make.py PROGRAM DIR
Writes in DIR, each with its figures JSON (planif-rapport --figures-json
shape) and the bytes it was made from (NAME.src: the data file, or the
text test_annex gives as its data), and lists their base names in DIR/list,
one a line:
  sample, sample-plus  the hand-built model of tests/unit/test_annex.c
                       (build/unit/test_annex --write), and the same with one
                       more atelier des élus
  data, data-plus      PROGRAM on data/2023.yaml, and on data/2023.json with
                       one more atelier des élus
The creation date is SOURCE_DATE_EPOCH (default 1714521600).
Exits 1, with the reason on stderr, when a writer fails.
"""
import json
import os
import shutil
import subprocess
import sys

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
EPOCH = os.environ.get("SOURCE_DATE_EPOCH", "1714521600")


def run(cmd):
    env = dict(os.environ, SOURCE_DATE_EPOCH=EPOCH)
    p = subprocess.run(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    return p.returncode, p.stderr


def main(argv):
    if len(argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    prog, d = argv[1], argv[2]
    writer = os.path.join(ROOT, "build", "unit", "test_annex")
    names = []
    if not os.access(writer, os.X_OK):
        print(f"programme {writer} absent (make test-fast le construit)", file=sys.stderr)
        return 1
    for name, extra in (("sample", []), ("sample-plus", ["--extra-event"])):
        rc, err = run([writer, "--write", f"{d}/{name}.xlsx", "--figures-json",
                       f"{d}/{name}.json"] + extra)
        if rc:
            print(f"test_annex --write {' '.join(extra)} a échoué ({rc}) :\n{err}", file=sys.stderr)
            return 1
        with open(f"{d}/{name}.src", "w", encoding="utf-8") as fp:
            fp.write("annee: 2023\n")   # test_annex's stand-in for the data file
        with open(f"{d}/{name}.name", "w", encoding="utf-8") as fp:
            fp.write("sample-2023.yaml")
        names.append(name)
    rc, err = run([prog, "-o", f"{d}/out", "--xlsx", f"{d}/data.xlsx", "--figures-json",
                   f"{d}/data.json", os.path.join(ROOT, "data", "2023.yaml")])
    if rc or not os.path.exists(f"{d}/data.xlsx") or not os.path.getsize(f"{d}/data.xlsx"):
        print(f"planif-rapport sur data/2023.yaml a échoué ({rc}) :\n{err}", file=sys.stderr)
        return 1
    else:
        names.append("data")
        shutil.copyfile(os.path.join(ROOT, "data", "2023.yaml"), f"{d}/data.src")
        with open(f"{d}/data.name", "w", encoding="utf-8") as fp:
            fp.write("2023.yaml")   # given as an absolute path: the name only is shown
        # the same year with one more atelier des élus (12 participants, an
        # official already engaged): data/2023.json round-trips exactly
        with open(os.path.join(ROOT, "data", "2023.json"), encoding="utf-8") as fp:
            year = json.load(fp)
        first_official = year["elus"][0]["id"]
        year["evenements"].append({
            "id": "atelier-essai-annexe", "date": f"{year['rapport']['annee']}-12-20",
            "type": "atelier_elus", "titre": "Atelier des élus ajouté par le test de l'annexe",
            "participants": 12, "elus": [first_official]})
        with open(f"{d}/data-plus.json.in", "w", encoding="utf-8") as fp:
            json.dump(year, fp, ensure_ascii=False, indent=1)
        rc, err = run([prog, "-o", f"{d}/out-plus", "--xlsx", f"{d}/data-plus.xlsx",
                       "--format", "json", "--figures-json", f"{d}/data-plus.figures.json",
                       f"{d}/data-plus.json.in"])
        if rc or not os.path.exists(f"{d}/data-plus.xlsx"):
            print(f"planif-rapport sur les données plus un événement a échoué ({rc}) :\n{err}",
                  file=sys.stderr)
            return 1
        os.replace(f"{d}/data-plus.figures.json", f"{d}/data-plus.json")
        shutil.copyfile(f"{d}/data-plus.json.in", f"{d}/data-plus.src")
        with open(f"{d}/data-plus.name", "w", encoding="utf-8") as fp:
            fp.write("data-plus.json.in")
        names.append("data-plus")
    with open(f"{d}/list", "w") as fp:
        fp.write("".join(n + "\n" for n in names))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
