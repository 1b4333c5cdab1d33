"""The on-disk cache: where it is, and reading and writing plain data there safely.

Only JSON is written and read: a cache file can hold nothing but strings, numbers, lists and
dicts, so reading one never runs code (no pickle, no marshal). A file is read only when it is a
regular file owned by the current user and writable by no one else, in a directory nobody else
can write to, and when its first line is the SHA-256 of the rest (a truncated or damaged file);
anything else (missing, planted, damaged, from another version) is ignored and the caller
rebuilds its data. Switches: ``ZSPROGRESS_NO_CACHE=1`` (no cache at all),
``ZSPROGRESS_CACHE_DIR`` (its directory; default ``$XDG_CACHE_HOME/zsprogress`` or
``~/.cache/zsprogress``).

The directory stays small: a file is named ``<kind>-...`` (``rules-``, ``layout-``), a write
deletes the files it replaces (same ``prefix``: an older version of the same rules) and keeps at
most :data:`KEEP` files of each kind, the most recently used (a hit refreshes a file's mtime), so
caches of rule directories no longer used (a deleted checkout, a test's temporary copy) go too.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat
import time
from pathlib import Path
from typing import Any, Optional

KEEP = 8  # cache files kept per kind (rules-, layout-): one per rule directory in use


def cache_dir() -> Optional[Path]:
    """The cache directory, or None when the cache is switched off."""
    if os.environ.get("ZSPROGRESS_NO_CACHE"):
        return None
    base = os.environ.get("ZSPROGRESS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "zsprogress")
    return Path(base)


def _trusted(st: os.stat_result, directory: bool) -> bool:
    """Ours and writable by no one else (on systems with owners; elsewhere, any file)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile directories
        return True
    if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return stat.S_ISDIR(st.st_mode) if directory else stat.S_ISREG(st.st_mode)


def load(path: Path) -> Optional[Any]:
    """The JSON data of a trusted cache file, or None (missing, untrusted or unreadable)."""
    try:
        if not (_trusted(os.stat(path.parent), True) and _trusted(os.lstat(path), False)):
            return None
        with open(path, "rb") as fh:
            head, _, body = fh.read().partition(b"\n")
        if head.decode("ascii") != hashlib.sha256(body).hexdigest():
            return None
        data = json.loads(body)
    except (OSError, ValueError):
        return None
    try:
        os.utime(path)  # used now: among the last pruned (prune keeps the most recently used)
    except OSError:  # a read-only cache is still read
        pass
    return data


def store(path: Path, data: Any, prefix: str) -> None:
    """Write ``data`` as JSON (atomically, readable by the user only), then :func:`prune`.
    Failing to write (a read-only home) is not an error: the next run rebuilds."""
    try:
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
        os.replace(tmp, path)
        prune(path, prefix)
    except OSError:
        pass


def prune(path: Path, prefix: str) -> None:
    """Delete, beside the cache file ``path`` just written, files of its kind (named like it up
    to the first ``-``; no other file of the directory is touched): the other ``prefix*`` files
    (what it replaces), the pickle and marshal files of older zsprogress versions (never read),
    and the JSON files beyond the :data:`KEEP` most recently used. Temporary files of a write
    in progress are left alone (those of a write that died, older than an hour, are not)."""
    kind = path.name.split("-", 1)[0] + "-"
    mine: list[tuple[float, Path]] = []
    stale = time.time() - 3600
    with os.scandir(path.parent) as it:
        for e in it:
            name = e.name
            if name == path.name or not name.startswith(kind):
                continue
            old = path.parent / name
            try:
                mtime = e.stat(follow_symlinks=False).st_mtime
            except OSError:
                continue
            if name.endswith(".tmp"):
                if mtime < stale:
                    old.unlink(missing_ok=True)
            elif name.startswith(prefix) or name.endswith((".pickle", ".pkl", ".marshal")):
                old.unlink(missing_ok=True)
            elif name.endswith(".json"):
                mine.append((mtime, old))
    mine.sort(key=lambda x: x[0], reverse=True)
    for _, old in mine[KEEP - 1:]:  # KEEP - 1 others beside ``path``
        old.unlink(missing_ok=True)
