#!/usr/bin/python3
"""The text layer of a report PDF, read as plain extractors read it (issue 14,
item 3): pikepdf walks each page's content stream and concatenates the
strings of its Tj and TJ operators in order (the fonts' codes are Unicode
values, Identity-H with an identity ToUnicode), a line break when the
baseline changes and nothing else: no space is guessed from positions,
as pypdf and the indexers built on it do.

    pdf_text_layer.py REPORT.pdf [--data YEAR.yaml] [--expect "les acteurs" ...]
                      [--names "X Y" ...] [--coupures]

Checks, each printed as « ÉCHEC : … » (exit status 1):
  - every phrase given with --expect is in the plain text (words separated
    by real spaces, « Créé en 2013 », not « Créé en2013 »);
  - no visible gap between two strings of one line that no space carries:
    two strings on one baseline are either contiguous (the space is a
    character of one of them) or far apart (another column, a cell); a gap
    of a word space's size without a U+0020 is a missing space, between
    two shows or inside one (a TJ number of more than 0.15 em);
  - the hyphens the hyphenation adds are soft: U+00AD, only at a line's
    end (the plain text rejoins the word once « U+00AD, line break » is
    removed); no line ends with U+002D (a word's own hyphen that ends a
    line is U+2010, which poppler does not glue), and pdftotext (poppler)
    keeps each --names entry whole, with its hyphen;
  - read through the structure tree (pdfinfo -struct-text, as a screen
    reader reads it; a Figure's text aside, its /Alt is read), the last
    word of a line and the first of the next are not glued (a line broken
    at a space ends with it, and so does a text followed by another of the
    same element);
  - each --names entry, and each person of --data (every mapping with a
    `prenom` and a `nom`) of at most 30 characters, is never split between
    two lines wherever it is printed, in the plain text and in pdftotext's (its first name and
    surname on one line, a compound surname whole), and never glued.
"""
import re
import subprocess
import sys

import pikepdf

SHY = "\u00ad"
# A name longer than this may not fit a card even at 75 % of its size:
# the layout then breaks it at a space or a hyphen (never inside a word),
# with a warning. Shorter names are never broken.
LONG_NAME = 30


def strings_of(obj):
    """The text of a Tj string or a TJ array (two-byte codes)."""
    if isinstance(obj, pikepdf.Array):
        return "".join(strings_of(x) for x in obj if isinstance(x, pikepdf.String))
    b = bytes(obj)
    return "".join(chr(b[i] << 8 | b[i + 1]) for i in range(0, len(b) - 1, 2))


def widths_of(font):
    """The /W widths of a Type0 font (code -> thousandths), and its default."""
    desc = font.DescendantFonts[0]
    dw = float(desc.get("/DW", 1000))
    w, arr = {}, desc.get("/W", [])
    i = 0
    while i < len(arr):
        first = int(arr[i])
        if isinstance(arr[i + 1], pikepdf.Array):
            for k, v in enumerate(arr[i + 1]):
                w[first + k] = float(v)
            i += 2
        else:
            for c in range(first, int(arr[i + 1]) + 1):
                w[c] = float(arr[i + 2])
            i += 3
    return w, dw


def shows(page, fonts, inner):
    """The text shows of a page: (x0, x1, y, size, text), x1 from the /W
    widths and the TJ numbers; gaps inside a show that no space carries
    are added to `inner`."""
    out = []
    font, size, x, y = None, 10.0, 0.0, 0.0
    res = page.obj.Resources.get("/Font", {})
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "Tf":
            name = str(operands[0])
            font = res.get(name)
            size = float(operands[1])
            if font is not None and font.objgen not in fonts:
                fonts[font.objgen] = widths_of(font)
        elif op == "Tm":
            x, y = float(operands[4]), float(operands[5])
        elif op in ("Td", "TD"):
            x, y = x + float(operands[0]), y + float(operands[1])
        elif op in ("Tj", "TJ"):
            w, dw = fonts[font.objgen] if font is not None else ({}, 1000)
            items = operands[0] if op == "TJ" else [operands[0]]
            adv, text, gap = 0.0, "", 0.0
            for it in items:
                if isinstance(it, pikepdf.String):
                    t = strings_of(it)
                    # a word space's worth of room inside the show, not
                    # carried by a space on either side
                    if gap > 150 and text and t and text[-1] != " " and t[0] != " ":
                        inner.append("« %s » | « %s » (%.2f pt)" % (text[-30:], t[:30],
                                                                 gap * size / 1000.0))
                    text += t
                    adv += sum(w.get(ord(c), dw) for c in t)
                    gap = 0.0
                else:
                    adv -= float(it)
                    gap -= float(it)
            out.append((x, x + adv * size / 1000.0, y, size, text))
    return out


def plain_text(all_shows):
    """Concatenated strings, a line break when the baseline changes."""
    lines, cur, last_y = [], "", None
    for x0, x1, y, size, text in all_shows:
        if last_y is not None and abs(y - last_y) > size * 0.5:
            lines.append(cur)
            cur = ""
        cur += text
        last_y = y
    lines.append(cur)
    return lines


def people(path):
    """ "prenom nom" of every mapping of the data file with both."""
    import yaml
    out = []
    def walk(v):
        if isinstance(v, dict):
            if isinstance(v.get("prenom"), str) and isinstance(v.get("nom"), str):
                out.append("%s %s" % (v["prenom"].strip(), v["nom"].strip()))
            for x in v.values():
                walk(x)
        elif isinstance(v, list):
            for x in v:
                walk(x)
    with open(path, encoding="utf-8") as f:
        walk(yaml.safe_load(f))
    return sorted(set(n for n in out if n.strip()))


def main():
    args = sys.argv[1:]
    path = args.pop(0)
    expect, names = [], []
    cuts = "--coupures" in args
    args = [a for a in args if a != "--coupures"]
    while args:
        opt, val = args.pop(0), args.pop(0)
        if opt == "--data":
            names += people(val)
        else:
            (expect if opt == "--expect" else names).append(val)
    pdf = pikepdf.open(path)
    fonts, fails, lines, gaps = {}, [], [], []
    for n, page in enumerate(pdf.pages, 1):
        inner = []
        sh = shows(page, fonts, inner)
        gaps += ["page %d : %s" % (n, g) for g in inner]
        lines += plain_text(sh)
        for a, b in zip(sh, sh[1:]):
            same_line = abs(a[2] - b[2]) < 0.5 * max(a[3], b[3])
            gap = b[0] - a[1]
            spaced = a[4].endswith(" ") or b[4].startswith(" ")
            small = min(a[3], b[3])
            if same_line and not spaced and 0.05 * small < gap < 0.6 * small:
                gaps.append("page %d : « %s » | « %s » (écart %.2f pt)" % (n, a[4][-30:], b[4][:30], gap))
    text = "\n".join(lines)
    # the structure's text: no word glued to the next line's first word
    struct = subprocess.run(["pdfinfo", "-struct-text", path], capture_output=True,
                            text=True).stdout
    # (the text of a Figure aside: a reader reads its /Alt instead)
    chunks, stack = [], []
    for sl in struct.split("\n"):
        body = sl.strip()
        if not body:
            continue
        indent = len(sl) - len(sl.lstrip(" "))
        while stack and stack[-1][0] >= indent:
            stack.pop()
        if body.startswith('"') and body.endswith('"'):
            if not any(name == "Figure" for _, name in stack):
                chunks.append(body[1:-1])
        else:
            stack.append((indent, body.split()[0]))
    glued = 0
    for a, b in zip(lines, lines[1:]):
        m1, m2 = re.search(r"[\w’']+$", a), re.match(r"[\w’']+", b)
        if m1 and m2:
            w1, w2 = m1.group(0)[-25:], m2.group(0)[:25]
            if len(w1) > 1 and len(w2) > 1 and any(w1 + w2 in c for c in chunks) and \
                    not any(w1 + " " + w2 in c for c in chunks):
                if glued < 5:
                    fails.append("structure : « %s » collé à « %s » d'une ligne à l'autre" % (w1, w2))
                glued += 1
    if glued > 5:
        fails.append("… et %d autres mots collés d'une ligne à l'autre" % (glued - 5))
    for phrase in expect:
        if phrase not in text:
            fails.append("texte brut : « %s » absent" % phrase)
    for g in gaps[:10]:
        fails.append("espace absente entre deux chaînes d'une ligne, %s" % g)
    if len(gaps) > 10:
        fails.append("… et %d autres espaces absentes" % (len(gaps) - 10))
    # soft hyphens only at a line's end; no line ends with U+002D
    for ln in lines:
        if SHY in ln[:-1]:
            fails.append("trait d'union conditionnel au milieu d'une ligne : « %s »" % ln[-40:])
        if ln.endswith("-"):
            fails.append("ligne terminée par U+002D (poppler recollerait) : « %s »" % ln[-40:])
    if cuts and not any(ln.endswith(SHY) for ln in lines):
        fails.append("aucune coupure de mot (U+00AD en fin de ligne) : l'essai ne mord pas")
    joined = text.replace(SHY + "\n", "")
    if re.search(r"\w" + SHY, joined):
        fails.append("U+00AD qui ne se recolle pas")
    poppler = subprocess.run(["pdftotext", "-enc", "UTF-8", path, "-"], capture_output=True,
                             text=True).stdout
    for name in names:
        if len(name) > LONG_NAME:
            continue   # wider than a card even shrunk: broken as a last resort
        # the name, its spaces and hyphens wherever a line may break
        pat = re.escape(name).replace(r"\ ", r"\s*").replace(r"\-", "[-\u2010]\u00ad?\\s*")
        for where, t in (("texte brut", text), ("pdftotext", poppler)):
            found = re.findall(pat, t)
            for f in found:
                if "\n" in f:
                    fails.append("%s : nom coupé entre deux lignes : « %s »" % (where, f))
            glued = name.replace("-", "")
            if glued != name and glued in t:
                fails.append("%s : nom recollé : « %s »" % (where, glued))
    for f in fails:
        print("ÉCHEC : %s : %s" % (path, f))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
