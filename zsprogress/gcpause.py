"""The cyclic garbage collector paused while a stage builds many small objects.

Segmenting, extracting and linking allocate tens of thousands of small objects per report
(lines, cells, regex matches, claims, rows) that form no reference cycles; the collector would
walk them again and again as they pile up (about a tenth of the pipeline on the sample, a third
of segmenting a 2 MB report). Each stage runs with it paused, and it is restored as it was.

Its gain, measured (``bench/run.py --only floor``, callgrind): a cold ``completion -f json`` on
the sample executes about 17% fewer instructions with it (2,762 M against 3,330 M), most of it
while extract compiles the rules the report needs (each ``regex.compile`` allocates thousands
of parser objects, and the collector would walk every object of the process, Pydantic's
included, again and again). tests/test_gcpause.py checks the collections it prevents."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    collecting = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if collecting:
            gc.enable()
