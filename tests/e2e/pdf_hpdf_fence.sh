#!/usr/bin/env bash
# libharu is fenced in: every use of its private structures and internal
# functions sits in src/pdf/hpdf_private.c. Checked on the sources:
#   - only src/pdf/ includes libharu's headers;
#   - in src/pdf/, only hpdf_private.c includes any but hpdf.h and
#     hpdf_objects.h (the public API and the object layer);
#   - elsewhere in src/pdf/, every HPDF_ name is one those public headers
#     declare (with the ones they include for constants and types:
#     hpdf_consts.h, hpdf_types.h, hpdf_error.h, hpdf_version.h);
#   - elsewhere in src/pdf/, no "->" follows a name declared with a libharu
#     type (HPDF_Doc pdf; … pdf->) or a cast to one, and none reaches a
#     field of a libharu structure (the fields of the structures of
#     /usr/include/hpdf_*.h) unless one of the project's own structures has
#     a field of that name;
#   - hpdf_private.c stops the build with another libharu (#error on
#     HPDF_MAJOR_VERSION…).
# $1 (the program) is not used.
set -u
cd "$(dirname "$0")/../.." || exit 1
/usr/bin/python3 - <<'EOF'
import glob, os, re, sys

INC = "/usr/include"
FENCE = "src/pdf/hpdf_private.c"
PUBLIC = ["hpdf.h", "hpdf_objects.h"]
VOCAB = PUBLIC + ["hpdf_consts.h", "hpdf_types.h", "hpdf_error.h", "hpdf_version.h"]
fails = []

def strip_comments(text):
    text = re.sub(r"/\*.*?\*/", " ", text, flags=re.S)
    text = re.sub(r"//[^\n]*", " ", text)
    return re.sub(r'"(\\.|[^"\\])*"', '""', text)

def struct_fields(text):
    """Field names of the struct bodies in C text (an approximation: the
    last identifier of each member declaration, function pointers too)."""
    names = set()
    for body in re.findall(r"struct\s*\w*\s*\{([^{}]*)\}", text):
        for decl in body.split(";"):
            decl = re.sub(r"\[[^\]]*\]", "", decl).strip()
            m = re.search(r"\(\s*\*\s*(\w+)\s*\)", decl) or re.search(r"(\w+)\s*$", decl)
            if m:
                for part in decl.split(","):
                    k = re.search(r"(\w+)\s*$", part.strip())
                    if k and "(" not in part:
                        names.add(k.group(1))
                names.add(m.group(1))
    return names

vocab = set()
for h in VOCAB:
    vocab |= set(re.findall(r"\bHPDF_\w+", strip_comments(open(os.path.join(INC, h), errors="replace").read())))
libharu_fields = set()
for h in glob.glob(os.path.join(INC, "hpdf*.h")):
    libharu_fields |= struct_fields(strip_comments(open(h, errors="replace").read()))

sources = sorted(glob.glob("src/**/*.[ch]", recursive=True))
own_fields = set()
for path in sources:
    own_fields |= struct_fields(strip_comments(open(path, errors="replace").read()))

for path in sources:
    raw = open(path, errors="replace").read()
    text = strip_comments(raw)
    includes = re.findall(r'#\s*include\s*[<"](hpdf[^>"]*)[>"]', raw)
    if includes and not path.startswith("src/pdf/"):
        fails.append("%s : inclut %s (seul src/pdf/ utilise libharu)" % (path, ", ".join(includes)))
    if path == FENCE or not path.startswith("src/pdf/"):
        continue
    for h in includes:
        if h not in PUBLIC:
            fails.append("%s : inclut %s (réservé à %s)" % (path, h, FENCE))
    for name in sorted(set(re.findall(r"\bHPDF_\w+", text)) - vocab):
        fails.append("%s : %s n'est pas dans l'API publique de libharu (réservé à %s)" % (path, name, FENCE))
    handles = set(re.findall(r"\bHPDF_\w+\s*\*?\s*(\w+)\s*[;,)=\[]", text))
    for name in sorted(set(re.findall(r"(\w+)\s*(?:\[[^\]]*\]\s*)?->", text)) & handles):
        fails.append("%s : « %s-> » entre dans un objet de libharu (réservé à %s)" % (path, name, FENCE))
    if re.search(r"\(\s*\(\s*HPDF_\w+\s*\)[^()]*\)\s*->", text):
        fails.append("%s : « ((HPDF_…)…)-> » entre dans un objet de libharu (réservé à %s)" % (path, FENCE))
    for name in sorted(set(re.findall(r"->\s*(\w+)", text)) & (libharu_fields - own_fields)):
        fails.append("%s : « ->%s » atteint un champ d'une structure de libharu (réservé à %s)"
                     % (path, name, FENCE))

fence = open(FENCE).read()
if not re.search(r"#if\s+HPDF_MAJOR_VERSION\s*!=.*\n#error", fence):
    fails.append("%s : pas de contrôle de la version de libharu (#error)" % FENCE)
for f in fails:
    print("ÉCHEC pdf_hpdf_fence : " + f)
sys.exit(1 if fails else 0)
EOF
