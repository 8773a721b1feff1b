#!/usr/bin/python3
"""include_rules.py — the layers of src/ and the libraries each may use,
checked on every #include (ARCHITECTURE.md draws them).

    tests/e2e/include_rules.py [SRC]        (default: the repository's src/)

Prints one line per include that breaks a rule, then a summary; exit
status 1 when there is one. The rules are the two tables below, and only
there.
"""
import fnmatch
import os
import re
import sys

# Which project headers each part of src/ may include, by the first folder
# of the header's path ("base" for "base/diag.h"). The most specific
# pattern that matches a source file applies (a file name beats a folder).
# The layers, from the bottom: base; data (load -> value tree -> model ->
# figures); image (photos decoded into pixels, beside data: the data
# check decodes them, layout and the PDF use the pixels); doc (the display
# list, which names an image's pixels without including image/); typeset (fonts, hyphenation, text,
# layout); compose (templates, report, maps); the two writers, pdf and
# annex; main.c on top. An entry with a "/" names headers (a pattern), one
# without names a whole folder. The loaders know only the value tree: not
# the model, nor anything above.
LAYERS = """
# source pattern        may include
base/*                  base
image/*                 base image
data/*                  base data
data/model_build.c      base data image
data/load*.c            base data/value.h data/load*.h
data/value.*            base data/value.h
doc/*                   base doc
typeset/*               base doc typeset image
compose/*               base data doc typeset compose image
compose/template_text*  base data/model.h data/model_schema.h data/figures.h data/figref.h data/history.h data/geo.h doc typeset compose
pdf/*                   base doc typeset pdf image
annex/*                 base data annex
main.c                  *
"""
# Templates read the model, not the raw tree: the text language
# (compose/template_text*) evaluates paths on the model through its schema
# and may not include the value tree (data/value.h) nor the loaders.
# template.c and template_style.c read the template's own YAML files, so
# they keep compose/*'s rule.

# Library headers (system includes, <...>) and the only sources that may
# include them. A header not named here is free (libc, POSIX).
LIBRARIES = """
# header pattern        only in
hpdf.h                  pdf/*
hpdf_*.h                pdf/*
xlsxwriter.h            annex/xlsx.c annex/xlsx_fixes.c
xlsxwriter/*            annex/xlsx.c annex/xlsx_fixes.c
minizip/*               annex/*
zlib.h                  pdf/* annex/verify.c
yaml.h                  data/load_yaml.c
jansson.h               data/load_json.c
hyphen.h                typeset/hyph.c
png.h                   image/photo.c
pngconf.h               image/photo.c
jpeglib.h               image/photo.c
jerror.h                image/photo.c
jconfig.h               image/photo.c
jmorecfg.h              image/photo.c
"""


def table(text):
    rows = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].split()
        if line:
            rows.append((line[0], line[1:]))
    return rows


def specificity(pattern):
    # a file name (no wildcard) first, then the longest pattern
    return ("*" not in pattern and "?" not in pattern, len(pattern))


def allowed_for(rel, layers):
    best = None
    for pat, allow in layers:
        if fnmatch.fnmatchcase(rel, pat) and (best is None or specificity(pat) > specificity(best[0])):
            best = (pat, allow)
    return best


INCLUDE = re.compile(r'^[ \t]*#[ \t]*include[ \t]*([<"])([^>"]+)[>"]', re.M)


def strip_comments(text):
    # keep the line count: a comment becomes as many newlines
    return re.sub(r"/\*.*?\*/|//[^\n]*", lambda m: "\n" * m.group(0).count("\n"), text, flags=re.S)


def main():
    root = os.path.normpath(os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", ".."))
    src = os.path.abspath(sys.argv[1]) if len(sys.argv) > 1 else os.path.join(root, "src")
    layers, libraries = table(LAYERS), table(LIBRARIES)
    problems, n_files, n_includes = [], 0, 0
    for dirpath, _, names in sorted(os.walk(src)):
        for name in sorted(names):
            if not name.endswith((".c", ".h", ".inc")):
                continue
            path = os.path.join(dirpath, name)
            rel = os.path.relpath(path, src)
            n_files += 1
            rule = allowed_for(rel, layers)
            text = strip_comments(open(path, encoding="utf-8", errors="replace").read())
            if rule is None:
                problems.append("src/%s : fichier hors des couches connues (ajoutez-le à la table LAYERS)" % rel)
                continue
            for m in INCLUDE.finditer(text):
                n_includes += 1
                line = text.count("\n", 0, m.start()) + 1
                kind, header = m.group(1), m.group(2)
                where = "src/%s:%d" % (rel, line)
                if kind == '"':
                    if "/" not in header or not os.path.isfile(os.path.join(src, header)):
                        problems.append('%s : #include "%s" ne nomme pas un fichier src/COUCHE/… existant' % (where, header))
                        continue
                    layer = header.split("/", 1)[0]
                    allow = rule[1]
                    ok = "*" in allow or layer in allow or any(
                        "/" in a and fnmatch.fnmatchcase(header, a) for a in allow)
                    if not ok:
                        problems.append('%s : #include "%s" interdit (%s ne peut inclure que : %s)'
                                        % (where, header, rule[0], " ".join(allow)))
                else:
                    for pat, only in libraries:
                        if fnmatch.fnmatchcase(header, pat):
                            if not any(fnmatch.fnmatchcase(rel, o) for o in only):
                                problems.append("%s : #include <%s> interdit (réservé à %s)"
                                                % (where, header, " ".join("src/" + o for o in only)))
                            break
    for p in problems:
        print("ÉCHEC :", p)
    print("include_rules : %d fichiers, %d #include, %d violation(s)" % (n_files, n_includes, len(problems)))
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
