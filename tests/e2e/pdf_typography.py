#!/usr/bin/python3
"""The typographic finish of a report PDF (issue 14, item 5), read from its
content streams with pikepdf (text shows: Tf, Tm, Tj, TJ; the fonts' /W
widths):

    pdf_typography.py REPORT.pdf

  - kerning drawn: wherever two characters that Lato kerns (« Te », « To »,
    « Va », « AV »…) follow each other in one string, a TJ number stands
    between them (« Territoires » without a hole between T and e), in
    display type and body text alike;
  - measured and drawn widths agree: the running heads' section titles
    and the folios, set flush right by the layout from its kerned
    measure, end on the same x on every page (within 0.01 pt);
  - a two-level contents: every level-2 bookmark (a section's level-1
    heading) has a line in the contents (front matter) linking to its page,
    and the structure nests a TOC of headings in each section's TOCI;
  - page labels (/PageLabels): the cover and the contents i, ii (iii…
    when the contents run on), the other pages their number, and every
    folio printed at the foot of a page reads its page's label.
Each failure is printed as « ÉCHEC : … »; exit status 1.
"""
import sys

import pikepdf

# Pairs Lato's kern table closes by 4 % of the size or more, regular and
# bold alike (upper case, then upper-lower).
KERNED = ["AV", "AT", "AY", "LT", "LY", "LV", "TA", "VA", "YA", "Te", "To", "Ta", "Tr", "Ty",
          "Va", "Ve", "Vo", "Yo", "Ye", "Ya", "Pa"]


def widths_of(font):
    desc = font.DescendantFonts[0]
    dw = float(desc.get("/DW", 1000))
    w, arr, i = {}, desc.get("/W", []), 0
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


def shows(page, fonts):
    """(x0, x1, y, size, text, pieces): pieces are the TJ items (strings
    and numbers) in order."""
    out = []
    font, size, x, y = None, 10.0, 0.0, 0.0
    res = page.obj.Resources.get("/Font", {})
    for operands, op in pikepdf.parse_content_stream(page):
        op = str(op)
        if op == "Tf":
            font, size = res.get(str(operands[0])), float(operands[1])
            if font is not None and font.objgen not in fonts:
                fonts[font.objgen] = widths_of(font)
        elif op == "Tm":
            x, y = float(operands[4]), float(operands[5])
        elif op in ("Tj", "TJ"):
            w, dw = fonts[font.objgen]
            items = list(operands[0]) if op == "TJ" else [operands[0]]
            adv, text, pieces = 0.0, "", []
            for it in items:
                if isinstance(it, pikepdf.String):
                    b = bytes(it)
                    t = "".join(chr(b[i] << 8 | b[i + 1]) for i in range(0, len(b) - 1, 2))
                    text += t
                    pieces.append(t)
                    adv += sum(w.get(ord(c), dw) for c in t)
                else:
                    adv -= float(it)
                    pieces.append(float(it))
            out.append((x, x + adv * size / 1000.0, y, size, text, pieces))
    return out


def main():
    path = sys.argv[1]
    pdf = pikepdf.open(path)
    fails = []
    fonts = {}
    unkerned, kerned = [], 0
    heads, folios = [], []
    labels = [pikepdf.Page(p).label for p in pdf.pages]
    for n, page in enumerate(pdf.pages, 1):
        h = float(page.mediabox[3])
        sh = shows(page, fonts)
        for x0, x1, y, size, text, pieces in sh:
            # the strings between two TJ numbers, joined
            runs, cur = [], ""
            for p in pieces:
                if isinstance(p, str):
                    cur += p
                else:
                    runs.append(cur)
                    cur = ""
            runs.append(cur)
            for p in runs:
                if p:
                    for pair in KERNED:
                        if pair in p:
                            unkerned.append("p. %d : « %s » dans « %s »" % (n, pair, text[:50]))
            for a, b in zip(pieces, pieces[1:]):
                if isinstance(a, str) and isinstance(b, float):
                    kerned += 1
        # the running head (top 70 pt) and the folio (bottom 70 pt): the
        # strings right of the middle, the last one ends the line
        top = [s for s in sh if s[2] > h - 70 and s[0] > 300]
        foot = [s for s in sh if s[2] < 70 and s[0] > 300]
        if top:
            heads.append((n, max(s[1] for s in top)))
        if foot:
            folio = "".join(s[4] for s in sorted(foot, key=lambda s: s[0]))
            folios.append((n, folio, max(s[1] for s in foot)))
    for u in unkerned[:10]:
        fails.append("paire non crénée : %s" % u)
    if len(unkerned) > 10:
        fails.append("… et %d autres paires non crénées" % (len(unkerned) - 10))
    if kerned < 100:
        fails.append("%d ajustements TJ seulement : le texte n'est pas créné" % kerned)
    for what, ends in (("titre courant", [(n, e) for n, e in heads]),
                       ("folio", [(n, e) for n, _, e in folios])):
        if len(ends) < 3:
            fails.append("%s : trouvé sur %d pages seulement" % (what, len(ends)))
            continue
        ref = sorted(e for _, e in ends)[len(ends) // 2]
        for n, e in ends:
            if abs(e - ref) > 0.01:
                fails.append("%s de la page %d : finit à %.3f pt au lieu de %.3f (mesure ≠ dessin)"
                             % (what, n, e, ref))
    # page labels: i, ii, then the page numbers; folios read them
    if "/PageLabels" not in pdf.Root:
        fails.append("pas de /PageLabels")
    roman = ["i", "ii", "iii", "iv", "v", "vi"]
    front = 0
    while front < len(labels) and front < len(roman) and labels[front] == roman[front]:
        front += 1
    if front < 2:
        fails.append("couverture et sommaire étiquetés %s au lieu de i, ii…" % labels[:2])
    for n, label in enumerate(labels, 1):
        if n > max(front, 2) and label != str(n):
            fails.append("page %d étiquetée « %s »" % (n, label))
    for n, folio, _ in folios:
        shown = folio.split(" / ")[0].strip()
        if shown != labels[n - 1]:
            fails.append("page %d : folio « %s », étiquette « %s »" % (n, folio, labels[n - 1]))
    fails += check_contents(pdf, front)
    for f in fails:
        print("ÉCHEC : %s : %s" % (path, f))
    return 1 if fails else 0


def check_contents(pdf, front):
    """The two-level contents: the links of the front matter's pages go to
    every page a level-2 bookmark points to; nested TOC elements."""
    fails = []
    index = {p.objgen: i for i, p in enumerate(pdf.pages)}
    marks = []
    with pdf.open_outline() as ol:
        def walk(items, level):
            for it in items:
                d = it.destination
                if d is None and it.action is not None:
                    d = it.action.get("/D")
                pg = index.get(d[0].objgen) if d is not None else None
                marks.append((level, str(it.title), pg))
                walk(it.children, level + 1)
        walk(ol.root, 1)
    dests = []
    for i in range(1, max(front, 2)):
        for a in pdf.pages[i].obj.get("/Annots", []):
            d = a.get("/Dest")
            if d is None and "/A" in a:
                d = a.A.get("/D")
            if d is not None and not isinstance(d, pikepdf.Name):
                dests.append(index.get(d[0].objgen))
    second = [(t, pg) for lvl, t, pg in marks if lvl == 2]
    if not second:
        fails.append("aucun signet de niveau 2 : le sommaire à deux niveaux ne se vérifie pas")
    for t, pg in second:
        if pg not in dests:
            fails.append("sommaire : pas de ligne menant à « %s » (p. %s)"
                         % (t, pg + 1 if pg is not None else "?"))
    nested = 0

    def visit(node, parent, depth=0):
        nonlocal nested
        if depth > 60:
            return
        if isinstance(node, pikepdf.Array):
            for x in node:
                visit(x, parent, depth)
        elif isinstance(node, pikepdf.Dictionary) and "/S" in node:
            s = str(node.S)
            if s == "/TOC" and parent == "/TOCI":
                nested += 1
            if "/K" in node:
                visit(node.K, s, depth + 1)
    visit(pdf.Root.StructTreeRoot.K, None)
    if nested == 0:
        fails.append("structure : aucune TOC imbriquée dans un TOCI (sommaire à un niveau)")
    return fails


if __name__ == "__main__":
    sys.exit(main())
