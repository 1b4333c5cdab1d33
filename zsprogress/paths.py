"""Where the pattern files are: the floor every layer may ask (reading, segmenting and the rule
engine find ``patterns/`` the same way), with nothing above it imported."""

from __future__ import annotations

import os
from pathlib import Path

from .errors import PatternError


def patterns_dir(override: str | Path | None = None) -> Path:
    """Where patterns/ is: --patterns, $ZSPROGRESS_PATTERNS, the wheel's copy, the repository's."""
    cands: list[Path] = []
    if override:
        cands.append(Path(override))
    elif os.environ.get("ZSPROGRESS_PATTERNS"):
        cands.append(Path(os.environ["ZSPROGRESS_PATTERNS"]))
    else:
        here = Path(__file__).resolve().parent
        cands += [here / "_data" / "patterns", here.parent / "patterns"]
    for c in cands:
        if c.is_dir() and any(c.glob("*.toml")):
            return c
    raise PatternError(f"no patterns directory with .toml files at {', '.join(map(str, cands))}")
