#!/usr/bin/python3
"""The body measure of a report PDF (issue 14, item 5): the characters per
line of its running text, read with pdftotext -bbox-layout.

    pdf_measure.py REPORT.pdf [--min 60] [--max 85] [--lignes 50] [-v]

Running text: the lines of pdftotext's blocks whose words are all of the
body's size (the most common word height of the report, within 0.3 pt)
and that have at least two lines (a paragraph, not a label, a caption
or a card's line); the last line of each block is left out (a
paragraph's last line is short by nature). At least --lignes such lines
are needed for the measure to mean something. A line's characters are its
words' characters plus one space between two words. The average over
all such lines must lie between --min and --max (60 and 85, what a
report reads best at); each page's average is printed with -v.
Failures are printed as « ÉCHEC : … »; exit status 1.
"""
import collections
import re
import subprocess
import sys


def main():
    args = sys.argv[1:]
    path = args.pop(0)
    lo, hi, verbose, need = 60.0, 85.0, False, 50
    while args:
        a = args.pop(0)
        if a == "--min":
            lo = float(args.pop(0))
        elif a == "--max":
            hi = float(args.pop(0))
        elif a == "--lignes":
            need = int(args.pop(0))
        elif a == "-v":
            verbose = True
    xml = subprocess.run(["pdftotext", "-bbox-layout", path, "-"], capture_output=True,
                         text=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>')
    pages = []
    heights = collections.Counter()
    for ptxt in re.split(r"<page ", xml)[1:]:
        blocks = []
        for b in re.findall(r"<block [^>]*>(.*?)</block>", ptxt, re.S):
            lines = []
            for l in re.findall(r"<line [^>]*>(.*?)</line>", b, re.S):
                ws = [(float(m[1]), float(m[3]) - float(m[1]), m[4]) for m in word.findall(l)]
                if ws:
                    lines.append(ws)
                    for w in ws:
                        heights[round(w[1], 1)] += len(w[2])
            blocks.append(lines)
        pages.append(blocks)
    body_h = heights.most_common(1)[0][0] if heights else 0
    counts, per_page = [], []
    for n, blocks in enumerate(pages, 1):
        mine = []
        for lines in blocks:
            if len(lines) < 2:
                continue
            if not all(abs(w[1] - body_h) <= 0.3 for ln in lines for w in ln):
                continue
            for ln in lines[:-1]:
                mine.append(sum(len(w[2]) for w in ln) + len(ln) - 1)
        counts += mine
        if mine:
            per_page.append((n, sum(mine) / len(mine), len(mine)))
    fails = []
    if len(counts) < need:
        fails.append("%d lignes de texte courant seulement : la mesure ne mord pas" % len(counts))
    avg = sum(counts) / len(counts) if counts else 0
    if verbose:
        for n, a, k in per_page:
            print("page %d : %.1f signes par ligne (%d lignes)" % (n, a, k))
    print("%s : %.1f signes par ligne en moyenne sur %d lignes de texte courant "
          "(%d à %d)" % (path, avg, len(counts), min(counts) if counts else 0,
                         max(counts) if counts else 0))
    if not lo <= avg <= hi:
        fails.append("%.1f signes par ligne en moyenne, hors de %g à %g" % (avg, lo, hi))
    for f in fails:
        print("ÉCHEC : %s : %s" % (path, f))
    return 1 if fails else 0


if __name__ == "__main__":
    sys.exit(main())
