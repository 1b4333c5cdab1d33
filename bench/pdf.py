"""PDF reading: time and peak memory for the sample's PDF and for generated long PDFs.

    python bench/pdf.py                       # the sample (18 pages), then 40, 80 and 160 pages
    python bench/pdf.py --pages 160,320 --runs 5

Each reading runs in a fresh interpreter (``read_page`` of the bytes, the format library imported
first and not timed), which prints wall and CPU seconds and its peak RSS (``ru_maxrss``); the
median of ``--runs`` is shown. The long PDFs are the sample's table written again and again by
reportlab the way tests/fixtures/formats/make_fixtures.py writes it (A4 landscape, ruled, header
repeated on each page), so pages per second and peak RSS at 40, 80 and 160 pages show whether
reading is linear in pages and memory flat. Nothing here is asserted: the figures are printed.
"""

from __future__ import annotations

import argparse
import html
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "tests" / "fixtures" / "formats" / "zhoushan-2024-h1.pdf"

CHILD = r"""
import json, resource, sys, time
import pypdfium2
from zsprogress.formats import read_page
data = open(sys.argv[1], "rb").read()
t, c = time.perf_counter(), time.process_time()
page = read_page(data, "pdf", sys.argv[1])
wall, cpu = time.perf_counter() - t, time.process_time() - c
print(json.dumps({"wall": wall, "cpu": cpu, "rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "pages": len(pypdfium2.PdfDocument(data)), "grids": len(page.grids)}))
"""


def long_pdf(path: Path, min_pages: int, space_before: float = 5) -> int:
    """Write the sample's table again and again until the PDF has at least ``min_pages`` pages;
    a cell's paragraphs set apart by ``space_before`` points (0: only line ends show them)."""
    import pypdfium2
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4, landscape
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.lib.units import mm
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import PageBreak, Paragraph, SimpleDocTemplate, Table, TableStyle

    from zsprogress.api import parse_report

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    body = ParagraphStyle("body", fontName="STSong-Light", fontSize=8, leading=10, wordWrap="CJK")
    gap = ParagraphStyle("gap", parent=body, spaceBefore=space_before)

    def paras(text: str) -> list:
        return [Paragraph(html.escape(x), body if i == 0 else gap) for i, x in enumerate(text.split("\n"))]

    rep = parse_report()
    data: list[list] = [[Paragraph(h, body) for h in ("序号", "任务内容", "牵头单位", "半年度完成情况")]]
    spans, section = [], None
    for t in rep.tasks:
        if t.section != section:
            section = t.section
            spans.append(("SPAN", (0, len(data)), (-1, len(data))))
            data.append([Paragraph(t.section, body), "", "", ""])
        data.append([paras(str(t.seq)), paras(t.content), paras("\n".join(t.lead_units)), paras(t.progress_text)])
    style = TableStyle([("GRID", (0, 0), (-1, -1), 0.5, colors.black), ("VALIGN", (0, 0), (-1, -1), "TOP"), *spans])
    def build(copies: int) -> int:
        story: list = []
        for _ in range(copies):
            story += [Table(data, colWidths=[12 * mm, 70 * mm, 28 * mm, 150 * mm], repeatRows=1, style=style),
                      PageBreak()]
        SimpleDocTemplate(str(path), pagesize=landscape(A4), leftMargin=12 * mm, rightMargin=12 * mm,
                          topMargin=12 * mm, bottomMargin=12 * mm).build(story)
        doc = pypdfium2.PdfDocument(str(path))
        n = len(doc)
        doc.close()
        return n

    per_copy = build(1)
    return build(-(-min_pages // per_copy)) if per_copy < min_pages else per_copy


def measure(path: Path, runs: int) -> dict:
    out = []
    for _ in range(runs):
        p = subprocess.run([sys.executable, "-c", CHILD, str(path)], capture_output=True, text=True, check=True,
                           cwd=ROOT)
        out.append(json.loads(p.stdout))
    return {k: statistics.median(r[k] for r in out) for k in out[0]}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--pages", default="40,80,160", help="page counts of the generated PDFs")
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    rows = [("sample", SAMPLE)]
    with tempfile.TemporaryDirectory() as tmp:
        for n in (int(x) for x in args.pages.split(",") if x):
            p = Path(tmp) / f"long-{n}.pdf"
            long_pdf(p, n)
            rows.append((f"~{n} pages", p))
        print(f"{'pdf':<12} {'pages':>5} {'wall s':>7} {'cpu s':>6} {'ms/page':>8} {'peak RSS MB':>11}")
        for name, p in rows:
            m = measure(p, args.runs)
            print(f"{name:<12} {m['pages']:>5.0f} {m['wall']:>7.3f} {m['cpu']:>6.3f} "
                  f"{1000 * m['cpu'] / m['pages']:>8.1f} {m['rss_mb']:>11.1f}")


if __name__ == "__main__":
    main()
