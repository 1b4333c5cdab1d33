"""`zsprogress report`: the self-contained HTML page, checked as text and in headless Chromium.

The browser tests run Debian's ``chromium`` (``.ci/run`` installs it); without it they are
skipped with the reason. Chromium loads the page from a file with no network at all, takes a
screenshot (PNG: decoded with zlib to check its size and that it is not blank) and dumps the
DOM after layout (the sample's ten leaders must be in it); console messages go to stderr with
``--enable-logging=stderr`` and none may be an error.
"""

from __future__ import annotations

import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest
from typer.testing import CliRunner

from zsprogress.cli import app

runner = CliRunner()
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (apt-get install chromium; .ci/run installs it)")

# the leaders of the sample, read from its section headings (…牵头重点工作)
LEADERS = ["徐仁标", "毛江平", "韩峻", "周国岭", "方铁道", "孙小晓", "赵骏", "洪碧", "周建军", "史舟海"]


@pytest.fixture(scope="module")
def page(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("page") / "report.html"
    result = runner.invoke(app, ["report", "sample", "-o", str(out), "--lang", "en"])
    assert result.exit_code == 0, (result.stdout, result.stderr)
    return out


# --- the page as text -----------------------------------------------------------------------------

def test_page_is_self_contained(page):
    html = page.read_text(encoding="utf-8")
    assert html.startswith("<!doctype html>") and html.rstrip().endswith("</html>")
    # no resource from elsewhere: no src/href but in-page anchors, no @import, no url()
    assert not re.search(r"\bsrc\s*=", html)
    assert all(h.startswith("#") for h in re.findall(r'href="([^"]*)"', html))
    assert "@import" not in html and "url(" not in html and "http://" not in html


def test_page_has_every_leader_status_words_and_evidence(page):
    html = page.read_text(encoding="utf-8")
    for name in LEADERS:
        assert f"<h2>{name}" in html
    # status in words, not only in colour
    assert '<span class="badge st-on_track">on track</span>' in html
    assert '<span class="badge st-behind">behind</span>' in html
    # 货物吞吐量: target 6.75亿吨 (T5.4 content) and actual 3.57亿吨 marked in the progress text
    assert re.search(r'<mark class="k-qty used"[^>]*>3\.57亿吨</mark>', html)
    assert re.search(r'<mark class="k-qty used"[^>]*>6\.75亿吨</mark>', html)
    # a rate drawn against the expected rate: 48.9% of 2万人 at 上半年 (expected 50)
    assert 'style="width:48.9%"' in html and 'class="exp" style="left:50.0%"' in html
    # responsive and print CSS
    assert "@media (max-width:700px)" in html and "@media print" in html


def test_page_escapes_report_text(tmp_path):
    report = tmp_path / "x.txt"
    report.write_text(
        "序号\t任务内容\t牵头单位\t完成情况\n"
        "张三<b>市长牵头重点工作\n"
        "1\t新建<script>alert(1)</script>5个\t市\"局\t已新建<img src=x>3个\n", encoding="utf-8")
    out = tmp_path / "r.html"
    result = runner.invoke(app, ["report", str(report), "-o", str(out), "-q"])
    assert result.exit_code == 0, result.stderr
    html = out.read_text(encoding="utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "&lt;img src=x&gt;" in html
    assert "张三<b>" not in html
    assert html.count("<script>") == 1  # ours: opens the evidence before printing


def test_report_to_stdout_and_several_reports(tmp_path):
    sample = Path(__file__).resolve().parent.parent / "samples" / "zhoushan-2024-h1.txt"
    copy = tmp_path / "copy.txt"
    copy.write_bytes(sample.read_bytes())
    result = runner.invoke(app, ["report", "sample", str(copy), "--leader", "毛江平", "-q"])
    assert result.exit_code == 0, result.stderr
    html = result.stdout
    assert html.count('<section class="report"') == 2 and str(copy) in html
    assert html.count("<h2>毛江平") == 2 and "<h2>韩峻" not in html
    assert result.stderr == ""  # --quiet


# --- in the browser ------------------------------------------------------------------------------

def _chromium(*args: str, url: str) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    return subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
                           "--enable-logging=stderr", "--v=0", *args, url],
                          capture_output=True, text=True, timeout=120)


def _console_errors(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines()
            if "CONSOLE" in line and re.search(r"Uncaught|Error|error", line.split("CONSOLE", 1)[1])]


def _png(path: Path) -> tuple[int, int, set]:
    """Width, height and the distinct pixels of every 7th row of a PNG (8-bit RGB/RGBA)."""
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    pos, idat, ihdr = 8, b"", b""
    while pos < len(data):
        n, kind = struct.unpack(">I4s", data[pos:pos + 8])
        chunk = data[pos + 8:pos + 8 + n]
        if kind == b"IHDR":
            ihdr = chunk
        elif kind == b"IDAT":
            idat += chunk
        pos += 12 + n
    w, h, depth, ctype = struct.unpack(">IIBB", ihdr[:10])
    assert depth == 8 and ctype in (2, 6), (depth, ctype)
    bpp = 3 if ctype == 2 else 4
    raw = zlib.decompress(idat)
    stride = w * bpp
    colours: set = set()
    prev = bytearray(stride)
    for y in range(h):  # undo the PNG filters row by row
        f, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], (prev[i - bpp] if i >= bpp else 0)
            if f == 1:
                line[i] = (line[i] + a) & 255
            elif f == 2:
                line[i] = (line[i] + b) & 255
            elif f == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif f == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        if y % 7 == 0:
            colours.update(bytes(line[i:i + 3]) for i in range(0, stride, bpp))
        prev = line
    return w, h, colours


def test_console_error_detection_works(tmp_path):
    """The check below can fail: a page that throws is caught."""
    if CHROMIUM is None:
        pytest.skip("chromium is not installed (apt-get install chromium; .ci/run installs it)")
    bad = tmp_path / "bad.html"
    bad.write_text("<!doctype html><p>x</p><script>throw new Error('boom')</script>", encoding="utf-8")
    assert _console_errors(_chromium("--dump-dom", url=bad.as_uri()).stderr)


@needs_chromium
def test_page_in_chromium_screenshot_and_dom(page, tmp_path):
    shot = tmp_path / "desktop.png"
    run = _chromium(f"--screenshot={shot}", "--window-size=1280,1600", url=page.as_uri())
    assert shot.exists(), run.stderr[-2000:]
    assert not _console_errors(run.stderr)
    assert 20_000 < shot.stat().st_size < 20_000_000
    w, h, colours = _png(shot)
    assert (w, h) == (1280, 1600)
    assert len(colours) > 50  # text, bars and status colours: not a blank page

    dom = _chromium("--dump-dom", "--window-size=1280,1600", url=page.as_uri())
    assert not _console_errors(dom.stderr)
    for name in LEADERS:
        assert f"<h2>{name}" in dom.stdout, name
    assert dom.stdout.count('class="badge st-') > 50


@needs_chromium
def test_page_fits_a_phone(page, tmp_path):
    """At a phone's width the tables become cards: the header row is hidden and nothing is wider
    than the window. A copy of the page records what the browser computed into the DOM."""
    probe = tmp_path / "probe.html"
    probe.write_text(page.read_text(encoding="utf-8").replace(
        "</body>", "<script>var b=document.body.dataset;b.sw=document.documentElement.scrollWidth;"
                   "b.iw=window.innerWidth;b.thead=getComputedStyle(document.querySelector('thead')).display;"
                   "</script></body>"), encoding="utf-8")
    dom = _chromium("--dump-dom", "--window-size=390,844", url=probe.as_uri())
    assert not _console_errors(dom.stderr)
    m = re.search(r'data-sw="(\d+)" data-iw="(\d+)" data-thead="(\w+)"', dom.stdout)
    assert m, dom.stdout[:500]
    sw, iw, thead = int(m[1]), int(m[2]), m[3]
    assert iw <= 700 and sw <= iw and thead == "none"
    shot = tmp_path / "phone.png"
    _chromium(f"--screenshot={shot}", "--window-size=390,844", url=page.as_uri())
    assert shot.exists() and len(_png(shot)[2]) > 20
