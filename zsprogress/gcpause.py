"""The cyclic garbage collector paused while a stage builds many small objects.

Segmenting, extracting and linking allocate tens of thousands of small objects per report
(lines, cells, regex matches, claims, rows) that form no reference cycles; the collector would
walk them again and again as they pile up (about a tenth of the pipeline on the sample, a third
of segmenting a 2 MB report). Each stage runs with it paused, and it is restored as it was."""

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
