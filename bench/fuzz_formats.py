"""Fuzz the format readers with mutations of the sample's DOCX, XLSX and HTML (issue 19).

    PYTHONPATH=$PWD python bench/fuzz_formats.py [--cases 200] [--seed 1] [--timeout 60] [--formats docx,xlsx,html]

Each case is a mutated file run through ``zsprogress tasks FILE -f json -q`` in a forked child
(the modules are imported once, here), with its own stdout/stderr files and a wall-clock bound.
Its outcome is one of:

- ``ok``: exit 0 (the mutation left a readable report);
- ``error``: exit 2 with one ``error: FILE: ...`` line (a damaged file said so);
- ``traceback``: a Python traceback or ``internal error`` (exit 70) -- a bug;
- ``crash``: killed by a signal or exit >= 128 (a C/Rust library aborting, the OOM killer);
- ``hang``: still running after ``--timeout`` seconds (killed).

Mutations (seeded): on the raw bytes (flip bytes, overwrite a run, truncate, duplicate or delete a
slice) and, for DOCX/XLSX, inside one inflated XML part, re-zipped (the same, plus deleting or
duplicating an element, a far-away cell reference, a huge span or size attribute, a DTD). The
counts per format and outcome are printed with the slowest case and the largest peak RSS of a
child (``wait4``); the exit status is 1 when any case crashed, hung or printed a traceback.
"""

from __future__ import annotations

import argparse
import io
import os
import random
import re
import signal
import sys
import tempfile
import time
import zipfile
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures" / "formats"
OUTCOMES = ("ok", "error", "traceback", "crash", "hang")
BAD = ("traceback", "crash", "hang")


# --------------------------------------------------------------------------------------------
# mutations


def mutate_bytes(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    op = rng.choice(("flip", "run", "truncate", "dup", "delete"))
    i = rng.randrange(len(b))
    if op == "flip":
        for _ in range(rng.randint(1, 16)):
            k = rng.randrange(len(b))
            b[k] = rng.randrange(256)
    elif op == "run":
        n = rng.randint(1, 512)
        b[i:i + n] = bytes(rng.randrange(256) for _ in range(min(n, len(b) - i)))
    elif op == "truncate":
        del b[i:]
    elif op == "dup":
        n = rng.randint(1, 4096)
        b[i:i] = b[i:i + n]
    else:
        del b[i:i + rng.randint(1, 4096)]
    return bytes(b)


_ELEMENT = re.compile(rb"<([A-Za-z][\w:]*)\b[^>]*>.*?</\1>", re.S)


def mutate_xml(xml: bytes, rng: random.Random, kind: str) -> bytes:
    op = rng.choice(("bytes", "del_element", "dup_element", "far_ref", "big_attr", "dtd", "bytes"))
    if op == "bytes":
        return mutate_bytes(xml, rng)
    if op in ("del_element", "dup_element"):
        ms = list(_ELEMENT.finditer(xml, rng.randrange(len(xml) // 2)))[:200]
        if not ms:
            return mutate_bytes(xml, rng)
        m = rng.choice(ms)
        piece = m.group(0)
        return xml[:m.start()] + (piece * rng.choice((2, 10, 100)) if op == "dup_element" else b"") + xml[m.end():]
    if op == "far_ref":
        refs = list(re.finditer(rb'r="[A-Z]{1,3}[0-9]{1,7}"', xml))
        if not refs or kind != "xlsx":
            return mutate_bytes(xml, rng)
        m = rng.choice(refs)
        far = rng.choice((b'r="XFD1048576"', b'r="D1048576"', b'r="ZZ200000"', b'r="A1"'))
        return xml[:m.start()] + far + xml[m.end():]
    if op == "big_attr":
        ms = list(re.finditer(rb'(w:val|gridSpan w:val|ref|spans|w:w)="[^"]*"', xml))
        if not ms:
            return mutate_bytes(xml, rng)
        m = rng.choice(ms)
        return xml[:m.start()] + m.group(1) + b'="' + rng.choice((b"1000000000", b"-1", b"A1:XFD1048576", b"")) \
            + b'"' + xml[m.end():]
    head, sep, rest = xml.partition(b"?>")
    return head + sep + b'<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa">]>' + rest


def mutate_zip(data: bytes, rng: random.Random, kind: str) -> bytes:
    if rng.random() < 0.3:
        return mutate_bytes(data, rng)
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        infos = zin.infolist()
        xmls = [i for i in infos if i.filename.endswith(".xml")]
        main = [i for i in xmls if i.filename in ("word/document.xml", "xl/worksheets/sheet1.xml",
                                                  "xl/sharedStrings.xml")]
        target = rng.choice(main if main and rng.random() < 0.7 else xmls)
        out = io.BytesIO()
        with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zout:
            for i in infos:
                part = zin.read(i)
                if i.filename == target.filename:
                    part = mutate_xml(part, rng, kind)
                zout.writestr(i.filename, part)
    return out.getvalue()


def mutate_html(data: bytes, rng: random.Random) -> bytes:
    op = rng.choice(("bytes", "tags", "dup", "span"))
    if op == "bytes":
        return mutate_bytes(data, rng)
    text = data
    if op == "tags":  # drop or add closing tags
        for _ in range(rng.randint(1, 50)):
            i = rng.randrange(len(text))
            text = text[:i] + rng.choice((b"</td>", b"<tr>", b"<table>", b"</table>", b"<td rowspan=9>", b"")) + text[i:]
        return text
    if op == "dup":
        ms = list(re.finditer(rb"<tr\b.*?</tr>", text, re.S))
        if ms:
            m = rng.choice(ms)
            return text[:m.start()] + m.group(0) * rng.choice((2, 50, 500)) + text[m.end():]
        return mutate_bytes(data, rng)
    return re.sub(rb"rowspan=\"?\d+\"?", rng.choice((b'rowspan="100000"', b'rowspan="0"', b"rowspan=-3")), text, count=3)


def mutate(kind: str, data: bytes, rng: random.Random) -> bytes:
    return mutate_html(data, rng) if kind == "html" else mutate_zip(data, rng, kind)


# --------------------------------------------------------------------------------------------
# running one case


def run_case(path: Path, timeout: float) -> tuple[str, float, int, str]:
    """(outcome, seconds, peak RSS in MB, first stderr line) of ``tasks PATH`` in a forked child."""
    out_f = tempfile.TemporaryFile()
    err_f = tempfile.TemporaryFile()
    t0 = time.perf_counter()
    pid = os.fork()
    if pid == 0:  # the child: the CLI, as a user runs it
        try:
            os.dup2(out_f.fileno(), 1)
            os.dup2(err_f.fileno(), 2)
            # the streams a user's process has (under pytest they are capture objects)
            sys.stdout = open(1, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            sys.stderr = open(2, "w", encoding="utf-8", closefd=False)  # noqa: SIM115
            from zsprogress.cli import main

            main(["tasks", str(path), "-f", "json", "-q"])
        except SystemExit as e:
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(e.code if isinstance(e.code, int) else 1)
        except BaseException:  # noqa: BLE001 - a traceback outside the CLI's boundary
            import traceback

            traceback.print_exc()
            sys.stderr.flush()
            os._exit(99)
        os._exit(0)
    status = rusage = None
    while True:
        wpid, status, rusage = os.wait4(pid, os.WNOHANG)
        if wpid:
            break
        if time.perf_counter() - t0 > timeout:
            os.kill(pid, signal.SIGKILL)
            _, status, rusage = os.wait4(pid, 0)
            return "hang", time.perf_counter() - t0, rusage.ru_maxrss // 1024, ""
        time.sleep(0.01)
    secs = time.perf_counter() - t0
    err_f.seek(0)
    err = err_f.read().decode("utf-8", "replace")
    first = err.splitlines()[0] if err else ""
    rss = rusage.ru_maxrss // 1024
    if os.WIFSIGNALED(status):
        return "crash", secs, rss, f"signal {os.WTERMSIG(status)}"
    code = os.WEXITSTATUS(status)
    if code >= 128:
        return "crash", secs, rss, first
    if "Traceback" in err or code in (70, 99):
        return "traceback", secs, rss, first
    if code == 0:
        return "ok", secs, rss, first
    if code == 2 and len(err.splitlines()) == 1 and first.startswith("error: "):
        return "error", secs, rss, first
    return "traceback", secs, rss, first  # any other shape of failure is a bug too


def fuzz(formats: list[str], cases: int, seed: int, timeout: float, verbose: bool = False) -> dict:
    """Run ``cases`` mutations of each format; {format: Counter of outcomes} plus 'slowest'/'rss'."""
    import zsprogress.cli  # noqa: F401 - imported once, before the children are forked

    rng = random.Random(seed)
    result: dict = {}
    with tempfile.TemporaryDirectory(prefix="zsfuzz-") as tmp:
        for kind in formats:
            base = (FIXTURES / f"zhoushan-2024-h1.{kind}").read_bytes()
            counts: Counter = Counter()
            slowest = (0.0, "")
            rss = 0
            bad: list[str] = []
            for n in range(cases):
                p = Path(tmp) / f"case{n:04d}.{kind}"
                p.write_bytes(mutate(kind, base, rng))
                outcome, secs, mb, line = run_case(p, timeout)
                counts[outcome] += 1
                rss = max(rss, mb)
                if secs > slowest[0]:
                    slowest = (secs, f"case {n}: {outcome} {line[:100]}")
                if outcome in BAD:
                    keep = Path(tmp).parent / f"zsfuzz-{kind}-{seed}-{n}.{kind}"
                    keep.write_bytes(p.read_bytes())
                    bad.append(f"{outcome}: {keep}: {line[:160]}")
                if verbose:
                    print(f"{kind} {n}: {outcome} {secs:.2f}s {mb} MB {line[:120]}", file=sys.stderr)
            result[kind] = {"counts": counts, "slowest": slowest, "rss": rss, "bad": bad}
    return result


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.partition("\n")[0])
    ap.add_argument("--cases", type=int, default=200, help="mutations per format")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--timeout", type=float, default=60.0, help="seconds before a case is a hang")
    ap.add_argument("--formats", default="docx,xlsx,html")
    ap.add_argument("-v", "--verbose", action="store_true")
    a = ap.parse_args(argv)
    t0 = time.perf_counter()
    res = fuzz(a.formats.split(","), a.cases, a.seed, a.timeout, a.verbose)
    print(f"{'format':<6} {'cases':>6} " + " ".join(f"{o:>9}" for o in OUTCOMES) + "  slowest / peak RSS")
    total: Counter = Counter()
    for kind, r in res.items():
        c = r["counts"]
        total.update(c)
        print(f"{kind:<6} {sum(c.values()):>6} " + " ".join(f"{c[o]:>9}" for o in OUTCOMES)
              + f"  {r['slowest'][0]:.2f} s ({r['slowest'][1]}) / {r['rss']} MB")
        for line in r["bad"]:
            print("  " + line)
    print(f"{'all':<6} {sum(total.values()):>6} " + " ".join(f"{total[o]:>9}" for o in OUTCOMES)
          + f"  in {time.perf_counter() - t0:.0f} s (seed {a.seed}, bound {a.timeout:g} s)")
    return 1 if any(total[o] for o in BAD) else 0


if __name__ == "__main__":
    sys.exit(main())
