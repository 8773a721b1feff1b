#!/usr/bin/python3
"""pdfua_check.py — the project's own check of a PDF against PDF/UA-1
(ISO 14289-1): the failure conditions of the Matterhorn Protocol 1.1 (PDF
Association) that a program can decide, on the file's objects and content
streams. No PDF/UA validator is packaged in Debian 12; this one is written
for what planif-rapport writes, but checks the conditions in general.

    tests/e2e/pdfua_check.py FILE.pdf [--quiet]

Prints one line per failure, "Matterhorn NN-NNN: what (where)", then a
summary line; exit status 1 when a condition fails, 2 when the file cannot
be read. Checked (Matterhorn numbers):

  01-003/004  no artifact inside tagged content, no tagged content inside
              an artifact (marked-content nesting);
  01-005      every painted content (text, paths, images, XObjects) is
              either tagged (BDC with an MCID) or an artifact;
  01-007      MarkInfo /Suspects is not true; MarkInfo /Marked is true
              (ISO 14289-1, 7.1);
  02-001..004 structure types are standard or role-mapped to a standard
              type, without cycles, standard types not remapped;
  06-001..003 XMP metadata with pdfuaid:part and dc:title;
  07-001/002  ViewerPreferences /DisplayDocTitle true;
  09-004..006 tables (Table > TR > TH/TD, THead/TBody/TFoot, Caption),
              lists (L > LI > Lbl/LBody) and TOC (TOC > TOCI) nest as
              ISO 32000-1, tables 333, 336 and 337 say;
  10-001      every character code shown has a Unicode value (ToUnicode);
  11-001      the document's language (/Lang in the catalog);
  13-004      every Figure has an /Alt (or /ActualText);
  14-002/003  the first heading is H1 and no heading level is skipped (in
              the structure's reading order); 14-006/007: no H tags;
  15-003      every TH has a Scope (tables without Headers and IDs);
  28-002      annotations other than Link and Widget sit in Annot elements;
  28-004/012  annotations (links) have /Contents;
  28-008/009  pages with annotations have /Tabs /S;
  28-011      each link annotation is nested in a Link element (through its
              /StructParent, and the element's OBJR);
  30-002      no form XObject with MCIDs is used more than once;
  31-004/005  Type 2 CIDFonts have a CIDToGIDMap;
  31-009      fonts used for text are embedded.

And the structure tree's own consistency, which the conditions above rely
on: every MCID shown on a page belongs, through the ParentTree, to an
element whose /K names that MCID on that page, and every MCID an element
names is shown on its page once.
"""
import re
import sys

import pikepdf
from pikepdf import Array, Dictionary, Name

STANDARD = {
    "Document", "Part", "Art", "Sect", "Div", "BlockQuote", "Caption", "TOC", "TOCI",
    "Index", "NonStruct", "Private", "P", "H", "H1", "H2", "H3", "H4", "H5", "H6", "L",
    "LI", "Lbl", "LBody", "Table", "TR", "TH", "TD", "THead", "TBody", "TFoot", "Span",
    "Quote", "Note", "Reference", "BibEntry", "Code", "Link", "Annot", "Ruby", "RB", "RT",
    "RP", "Warichu", "WT", "WP", "Figure", "Formula", "Form",
}
PAINT_OPS = {"Tj", "TJ", "'", '"', "f", "F", "f*", "B", "B*", "b", "b*", "S", "s", "sh",
             "Do", "BI", "INLINE IMAGE"}
SHOW_OPS = {"Tj", "TJ", "'", '"'}


class Checker:
    def __init__(self, pdf):
        self.pdf = pdf
        self.fails = []
        self.roles = {}

    def fail(self, code, what):
        self.fails.append((code, what))

    # ---- document level ----------------------------------------------------
    def check_catalog(self):
        root = self.pdf.Root
        mi = root.get("/MarkInfo")
        if mi is None or not bool(mi.get("/Marked", False)):
            self.fail("01-001", "le catalogue n'a pas MarkInfo /Marked true (PDF non balisé)")
        if mi is not None and bool(mi.get("/Suspects", False)):
            self.fail("01-007", "MarkInfo /Suspects vaut true")
        lang = root.get("/Lang")
        if lang is None or not str(lang).strip():
            self.fail("11-001", "pas de /Lang dans le catalogue : langue du document inconnue")
        vp = root.get("/ViewerPreferences")
        if vp is None or "/DisplayDocTitle" not in vp:
            self.fail("07-001", "ViewerPreferences sans DisplayDocTitle")
        elif not bool(vp.DisplayDocTitle):
            self.fail("07-002", "ViewerPreferences /DisplayDocTitle vaut false")
        md = root.get("/Metadata")
        if md is None:
            self.fail("06-001", "pas de métadonnées XMP")
            return
        xmp = md.read_bytes().decode("utf-8", "replace")
        if not re.search(r"<pdfuaid:part>\s*1\s*</pdfuaid:part>|pdfuaid:part=\"1\"", xmp):
            self.fail("06-002", "les métadonnées XMP n'ont pas pdfuaid:part 1")
        if not re.search(r"<dc:title>.*?<rdf:li[^>]*>[^<]+</rdf:li>", xmp, re.S):
            self.fail("06-003", "les métadonnées XMP n'ont pas dc:title")

    # ---- structure tree ------------------------------------------------------
    def struct_type(self, elem):
        s = elem.get("/S")
        return str(s)[1:] if s is not None else ""

    def standard_of(self, t):
        """The standard type t maps to (following the RoleMap), or None."""
        seen = set()
        while t not in STANDARD:
            if t in seen or t not in self.roles:
                return None
            seen.add(t)
            t = self.roles[t]
        return t

    def check_rolemap(self, tree):
        rm = tree.get("/RoleMap")
        if rm is None:
            return
        for k, v in rm.items():
            self.roles[k[1:]] = str(v)[1:]
        for k in self.roles:
            if k in STANDARD:
                self.fail("02-004", "type standard « %s » redéfini dans le RoleMap" % k)
            seen, t = set(), k
            while t in self.roles and t not in STANDARD:
                if t in seen:
                    self.fail("02-003", "correspondance circulaire dans le RoleMap (%s)" % k)
                    break
                seen.add(t)
                t = self.roles[t]

    def walk(self, tree):
        """The structure elements in reading order (depth first), each with
        its standard type and its parent's."""
        out = []
        k = tree.get("/K")
        stack = [(k, None)]
        order = []

        def visit(node, parent_type, depth):
            if depth > 200:
                self.fail("struct", "arbre de structure trop profond (cycle ?)")
                return
            if isinstance(node, Array):
                for x in node:
                    visit(x, parent_type, depth)
                return
            if not isinstance(node, Dictionary):
                return
            t = node.get("/Type")
            if t is not None and str(t) in ("/MCR", "/OBJR"):
                return
            if "/S" not in node:
                return
            st = self.struct_type(node)
            std = self.standard_of(st)
            if std is None:
                self.fail("02-001", "type de structure « %s » ni standard ni associé à un "
                                    "type standard" % st)
            order.append((node, st, std, parent_type))
            kids = node.get("/K")
            if kids is not None:
                visit(kids, std, depth + 1)

        visit(k, None, 0)
        del stack, out
        return order

    def check_structure(self):
        tree = self.pdf.Root.get("/StructTreeRoot")
        if tree is None:
            self.fail("01-001", "pas d'arbre de structure (StructTreeRoot)")
            return []
        self.check_rolemap(tree)
        elems = self.walk(tree)
        headings = []
        for node, st, std, parent in elems:
            kids = node.get("/K")
            kid_types = []
            if kids is not None:
                for x in (kids if isinstance(kids, Array) else [kids]):
                    if isinstance(x, Dictionary) and "/S" in x:
                        kid_types.append(self.standard_of(self.struct_type(x)))
            if std == "Figure" and "/Alt" not in node and "/ActualText" not in node:
                self.fail("13-004", "élément Figure sans texte de remplacement (/Alt)")
            if std == "H":
                self.fail("14-007", "balise H (non numérotée) employée")
            if std and re.fullmatch(r"H[1-6]", std):
                headings.append(int(std[1]))
            if std == "TH":
                a = node.get("/A")
                attrs = a if isinstance(a, Array) else [a] if a is not None else []
                if not any(isinstance(d, Dictionary) and "/Scope" in d for d in attrs) \
                        and "/Headers" not in node:
                    self.fail("15-003", "cellule TH sans attribut Scope")
            # nesting (ISO 32000-1, tables 333, 336, 337)
            if std in ("TR",) and parent not in ("Table", "THead", "TBody", "TFoot"):
                self.fail("09-004", "TR dans %s (et non dans Table)" % parent)
            if std in ("TH", "TD") and parent != "TR":
                self.fail("09-004", "%s dans %s (et non dans TR)" % (std, parent))
            if std in ("THead", "TBody", "TFoot") and parent != "Table":
                self.fail("09-004", "%s dans %s" % (std, parent))
            if std == "Table":
                for t in kid_types:
                    if t not in ("TR", "THead", "TBody", "TFoot", "Caption"):
                        self.fail("09-004", "%s dans Table" % t)
            if std == "LI" and parent != "L":
                self.fail("09-005", "LI dans %s (et non dans L)" % parent)
            if std in ("Lbl", "LBody") and parent != "LI" and not (std == "Lbl" and parent in ("TOCI", "BibEntry", "Note")):
                self.fail("09-005", "%s dans %s (et non dans LI)" % (std, parent))
            if std == "L":
                for t in kid_types:
                    if t not in ("LI", "L", "Caption"):
                        self.fail("09-005", "%s dans L" % t)
            if std == "TOCI" and parent != "TOC":
                self.fail("09-006", "TOCI dans %s (et non dans TOC)" % parent)
            if std == "TOC":
                for t in kid_types:
                    if t not in ("TOCI", "TOC", "Caption"):
                        self.fail("09-006", "%s dans TOC" % t)
        if headings:
            if headings[0] != 1:
                self.fail("14-002", "le premier titre est H%d et non H1" % headings[0])
            prev = 0
            for h in headings:
                if h > prev + 1:
                    self.fail("14-003", "H%d suit H%d : un niveau de titre est sauté" % (h, prev))
                prev = h
        return elems

    # ---- marked content and MCIDs ------------------------------------------------
    def mcids_of_elements(self, elems):
        """{(page objgen, mcid): element objgen} from the elements' /K."""
        named = {}
        for node, st, std, parent in elems:
            pg = node.get("/Pg")
            kids = node.get("/K")
            for x in (kids if isinstance(kids, Array) else [kids] if kids is not None else []):
                if isinstance(x, int):
                    if pg is None:
                        self.fail("struct", "MCID %d d'un élément %s sans /Pg" % (x, st))
                        continue
                    key = (pg.objgen, x)
                elif isinstance(x, Dictionary) and str(x.get("/Type", "")) == "/MCR":
                    p = x.get("/Pg", pg)
                    if p is None:
                        self.fail("struct", "MCR sans page")
                        continue
                    key = (p.objgen, int(x.MCID))
                else:
                    continue
                if key in named:
                    self.fail("struct", "MCID %d de la page %s nommé par deux éléments" % (key[1], key[0]))
                named[key] = node.objgen
        return named

    def check_content(self, page, pno, named, shown, forms_used):
        resources = page.obj.get("/Resources", Dictionary())
        stack = []          # 'T' tagged (with MCID), 'A' artifact, 'O' other marked content
        try:
            ops = pikepdf.parse_content_stream(page)
        except Exception as e:   # noqa: BLE001
            self.fail("content", "page %d : contenu illisible (%s)" % (pno, e))
            return
        parent_tree = {}
        sp = page.obj.get("/StructParents")
        for inst in ops:
            operands, op = inst.operands if hasattr(inst, "operands") else inst[0], \
                str(inst.operator if hasattr(inst, "operator") else inst[1])
            if op == "BDC" or op == "BMC":
                tag = str(operands[0])[1:]
                props = operands[1] if op == "BDC" and len(operands) > 1 else None
                if isinstance(props, Name):
                    props = resources.get("/Properties", Dictionary()).get(str(props))
                has_mcid = isinstance(props, Dictionary) and "/MCID" in props
                kind = "A" if tag == "Artifact" else "T" if has_mcid else "O"
                if kind == "A" and "T" in stack:
                    self.fail("01-003", "page %d : artefact dans un contenu balisé" % pno)
                if kind == "T" and "A" in stack:
                    self.fail("01-004", "page %d : contenu balisé dans un artefact" % pno)
                if kind == "T":
                    mcid = int(props.MCID)
                    key = (page.obj.objgen, mcid)
                    if key in shown:
                        self.fail("struct", "page %d : MCID %d employé deux fois" % (pno, mcid))
                    shown.add(key)
                    if key not in named:
                        self.fail("struct", "page %d : MCID %d d'aucun élément de structure" % (pno, mcid))
                    elif sp is not None:
                        parent_tree.setdefault("mcids", []).append((mcid, named[key]))
                stack.append(kind)
            elif op == "EMC":
                if stack:
                    stack.pop()
                else:
                    self.fail("content", "page %d : EMC sans BDC" % pno)
            elif op in PAINT_OPS:
                if "T" not in stack and "A" not in stack:
                    self.fail("01-005", "page %d : contenu (%s) ni balisé ni artefact" % (pno, op))
                if op == "Do":
                    name = str(operands[0])
                    xo = resources.get("/XObject", Dictionary()).get(name)
                    if xo is not None and xo.get("/Subtype") == Name.Form:
                        forms_used[xo.objgen] = forms_used.get(xo.objgen, 0) + 1
        if stack:
            self.fail("content", "page %d : séquence marquée non fermée" % pno)
        return parent_tree.get("mcids", [])

    def parent_tree_nums(self):
        tree = self.pdf.Root.StructTreeRoot
        pt = tree.get("/ParentTree")
        nums = {}

        def visit(node, depth=0):
            if depth > 20:
                return
            if "/Nums" in node:
                a = node.Nums
                for i in range(0, len(a) - 1, 2):
                    nums[int(a[i])] = a[i + 1]
            for kid in node.get("/Kids", []):
                visit(kid, depth + 1)
        if pt is not None:
            visit(pt)
        return nums

    # ---- fonts -------------------------------------------------------------------
    def check_fonts(self, page, pno, seen):
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        for name, f in fonts.items():
            if f.objgen in seen:
                continue
            seen.add(f.objgen)
            if "/ToUnicode" not in f:
                self.fail("10-001", "police %s sans ToUnicode" % f.get("/BaseFont"))
            desc = None
            if f.get("/Subtype") == Name.Type0:
                cid = f.DescendantFonts[0]
                desc = cid.get("/FontDescriptor")
                if cid.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in cid:
                    self.fail("31-005", "police CID de type 2 sans CIDToGIDMap (%s)" % f.get("/BaseFont"))
            else:
                desc = f.get("/FontDescriptor")
            if desc is None or not any(k in desc for k in ("/FontFile", "/FontFile2", "/FontFile3")):
                self.fail("31-009", "police %s non incorporée" % f.get("/BaseFont"))

    def tounicode_ranges(self, font):
        """The codes a ToUnicode CMap maps (bfchar and bfrange)."""
        data = font.ToUnicode.read_bytes().decode("latin-1")
        codes = set()
        for block in re.findall(r"beginbfrange(.*?)endbfrange", data, re.S):
            for lo, hi in re.findall(r"<([0-9A-Fa-f]+)>\s*<([0-9A-Fa-f]+)>\s*[<\[]", block):
                codes.update(range(int(lo, 16), int(hi, 16) + 1))
        for block in re.findall(r"beginbfchar(.*?)endbfchar", data, re.S):
            for c in re.findall(r"<([0-9A-Fa-f]+)>\s*<[0-9A-Fa-f]+>", block):
                codes.add(int(c, 16))
        return codes

    def check_codes(self, page, pno, cache):
        """10-001: every two-byte code shown maps to Unicode."""
        fonts = page.obj.get("/Resources", Dictionary()).get("/Font", Dictionary())
        current = None
        for inst in pikepdf.parse_content_stream(page, "Tf Tj TJ ' \""):
            operands, op = inst.operands, str(inst.operator)
            if op == "Tf":
                current = fonts.get(str(operands[0]))
                continue
            if current is None or "/ToUnicode" not in current:
                continue
            key = current.objgen
            if key not in cache:
                cache[key] = self.tounicode_ranges(current)
            two = current.get("/Subtype") == Name.Type0
            strings = operands[0] if op == "TJ" else [operands[-1]]
            for s in strings:
                if not isinstance(s, pikepdf.String):
                    continue
                b = bytes(s)
                codes = [b[i] << 8 | b[i + 1] for i in range(0, len(b) - 1, 2)] if two else list(b)
                for c in codes:
                    if c not in cache[key]:
                        self.fail("10-001", "page %d : code %04X sans valeur Unicode" % (pno, c))
                        return

    # ---- annotations ---------------------------------------------------------------
    def check_annotations(self, page, pno, nums):
        annots = page.obj.get("/Annots")
        if not annots:
            return
        tabs = page.obj.get("/Tabs")
        if tabs is None:
            self.fail("28-008", "page %d : annotations sans /Tabs" % pno)
        elif tabs != Name.S:
            self.fail("28-009", "page %d : /Tabs %s et non /S" % (pno, tabs))
        for a in annots:
            sub = a.get("/Subtype")
            if sub == Name.Popup:
                continue
            contents = a.get("/Contents")
            if contents is None or not str(contents).strip():
                self.fail("28-012" if sub == Name.Link else "28-004",
                          "page %d : annotation %s sans /Contents" % (pno, sub))
            sp = a.get("/StructParent")
            elem = nums.get(int(sp)) if sp is not None else None
            if elem is None or not isinstance(elem, Dictionary):
                self.fail("28-011" if sub == Name.Link else "28-002",
                          "page %d : annotation %s hors de la structure (pas de /StructParent)" % (pno, sub))
                continue
            std = self.standard_of(self.struct_type(elem))
            want = "Link" if sub == Name.Link else "Form" if sub == Name.Widget else "Annot"
            if std != want:
                self.fail("28-011" if sub == Name.Link else "28-002",
                          "page %d : annotation %s dans un élément %s" % (pno, sub, std))
            kids = elem.get("/K")
            objrs = [x for x in (kids if isinstance(kids, Array) else [kids])
                     if isinstance(x, Dictionary) and x.get("/Type") == Name.OBJR]
            if not any(o.get("/Obj") is not None and o.Obj.objgen == a.objgen for o in objrs):
                self.fail("28-011", "page %d : l'élément %s ne référence pas l'annotation (OBJR)" % (pno, std))

    def run(self):
        self.check_catalog()
        elems = self.check_structure()
        named = self.mcids_of_elements(elems) if elems else {}
        nums = self.parent_tree_nums() if self.pdf.Root.get("/StructTreeRoot") is not None else {}
        shown, forms_used, font_seen, code_cache = set(), {}, set(), {}
        for pno, page in enumerate(self.pdf.pages, 1):
            mc = self.check_content(page, pno, named, shown, forms_used) or []
            sp = page.obj.get("/StructParents")
            if mc and sp is None:
                self.fail("struct", "page %d : MCID mais pas de /StructParents" % pno)
            elif mc:
                arr = nums.get(int(sp))
                for mcid, elem in mc:
                    if arr is None or mcid >= len(arr) or arr[mcid].objgen != elem:
                        self.fail("struct", "page %d : ParentTree[%d][%d] ne désigne pas "
                                            "l'élément du MCID" % (pno, int(sp), mcid))
                        break
            self.check_fonts(page, pno, font_seen)
            self.check_codes(page, pno, code_cache)
            self.check_annotations(page, pno, nums)
        for key in named:
            if key not in shown:
                self.fail("struct", "MCID %d d'un élément absent du contenu de sa page" % key[1])
                break
        for og, n in forms_used.items():
            xo = self.pdf.get_object(og)
            if n > 1 and b"MCID" in xo.read_bytes():
                self.fail("30-002", "XObject de formulaire avec MCID employé %d fois" % n)
        return elems


def main():
    if len(sys.argv) < 2:
        print("usage : pdfua_check.py FICHIER.pdf [--quiet]", file=sys.stderr)
        return 2
    try:
        pdf = pikepdf.open(sys.argv[1])
    except Exception as e:   # noqa: BLE001
        print("pdfua_check : %s illisible : %s" % (sys.argv[1], e), file=sys.stderr)
        return 2
    c = Checker(pdf)
    elems = c.run()
    seen = set()
    for code, what in c.fails:
        if (code, what) in seen:
            continue
        seen.add((code, what))
        print("Matterhorn %s : %s" % (code, what))
    if "--quiet" not in sys.argv or c.fails:
        print("pdfua_check : %s : %d éléments de structure, %d échec(s)" %
              (sys.argv[1], len(elems), len(seen)))
    return 1 if c.fails else 0


if __name__ == "__main__":
    sys.exit(main())
