"""Count the Python opcodes executed and the C functions called by one warm ``extract_claims``
and one ``completion_table`` on a report (default: the sample): a deterministic figure for the
Python side of the pipeline, which wall time on a loaded machine cannot resolve.

    PYTHONPATH=$PWD python bench/opcodes.py [REPORT] [--top N]

A trace function (``sys.settrace`` with opcode events, on only while counting) counts every
opcode, by function (``file:function``, comprehensions by their first line); a profile hook
counts the C calls. The regex engine's own work is not in these counts: the instructions of the
whole pipeline are bench/run.py's (callgrind).
"""

from __future__ import annotations

import argparse
import collections
import sys
from collections.abc import Callable
from typing import Any, Optional


def _key(code: Any) -> str:
    name = code.co_name
    where = code.co_filename
    if "zsprogress" not in where:
        return "other"
    key = where.rsplit("/", 1)[-1] + ":" + name
    return f"{key}@{code.co_firstlineno}" if name.startswith("<") else key


def measure(fn: Callable[[], object]) -> tuple[collections.Counter, int]:
    """(opcodes by function, C calls) of one call of ``fn``."""
    ops: collections.Counter = collections.Counter()
    calls = [0]

    def tracer(frame: Any, event: str, arg: Any) -> Any:
        frame.f_trace_opcodes = True
        key = _key(frame.f_code)

        def local(frame: Any, event: str, arg: Any) -> Any:
            if event == "opcode":
                ops[key] += 1
            return local
        return local

    def prof(frame: Any, event: str, arg: Any) -> None:
        if event == "c_call":
            calls[0] += 1

    sys.settrace(tracer)
    sys.setprofile(prof)
    try:
        fn()
    finally:
        sys.settrace(None)
        sys.setprofile(None)
    return ops, calls[0]


def count(src: Optional[str] = None) -> dict[str, tuple[collections.Counter, int]]:
    """{"extract": (opcodes by function, C calls), "link": ...} on a warm pipeline."""
    import zsprogress.api as api

    report = api.parse_report(src)
    cs = api.extract_claims(report)
    api.completion_table(report, cs)  # warm: rules loaded and compiled before counting
    return {"extract": measure(lambda: api.extract_claims(report)),
            "link": measure(lambda: api.completion_table(report, cs))}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("report", nargs="?", default=None, help="a report file (default: the sample)")
    ap.add_argument("--top", type=int, default=0, help="also list the N functions with the most opcodes")
    a = ap.parse_args()
    for stage, (ops, calls) in count(a.report).items():
        print(f"{stage}: {sum(ops.values()):,} opcodes, {calls:,} C calls")
        for k, v in ops.most_common(a.top):
            print(f"{v:10,}  {k}")


if __name__ == "__main__":
    main()
