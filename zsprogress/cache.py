"""The on-disk cache: where it is, and reading and writing plain data there safely.

What is cached is the validated data of the pattern files (rules.py, layout_vocab.py), which
costs a TOML parse and a Pydantic validation to rebuild: never a compiled regex, never code.
Every regex is compiled from its source in the process that uses it.

Only JSON is written and read: a cache file can hold nothing but strings, numbers, lists and
dicts, so reading one never runs code (no pickle, no marshal) and a damaged or planted file is at
worst ignored. The guarantees, on systems with file owners (POSIX):

- the directory is created with mode 0700; when it is not a directory of the current user that
  nobody else can write to, it is not used (one ``warning:`` line on stderr, then no cache);
- a file is read through a descriptor opened with ``O_NOFOLLOW`` (a symlink is not followed) and
  only when that descriptor is a regular file owned by the user and writable by no one else, at
  most :data:`MAX_BYTES`, and only when its first line is the SHA-256 of the rest (a truncated
  file); anything else (missing, planted, damaged, too large, not JSON) is ignored and the caller
  rebuilds its data;
- a file is written to a new temporary file in the directory, opened with
  ``O_CREAT|O_EXCL|O_NOFOLLOW`` and mode 0600 (never through a planted name or symlink), then
  renamed over the old one.

Switches: ``ZSPROGRESS_NO_CACHE=1`` (no cache at all), ``ZSPROGRESS_CACHE_DIR`` (its
directory; default ``$XDG_CACHE_HOME/zsprogress`` or ``~/.cache/zsprogress``).

Names: ``<kind>-<scope>-<key>.json``. The scope (:func:`entry`) hashes what the data depends on
besides its files: the checkout (or installed copy) the patterns come from, the versions of
Python, ``regex`` and zsprogress, so two checkouts or two Pythons sharing the directory keep a file
each instead of evicting each other. The key hashes the files' bytes. A write deletes the files
of its scope it replaces (an older key) and keeps at most :data:`KEEP` files of each kind, the
most recently used (a hit refreshes a file's mtime).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import stat
import sys
import time
from pathlib import Path
from typing import Any, Optional

KEEP = 16  # cache files kept per kind (rules-, layout-): one per checkout and Python in use
MAX_BYTES = 8 << 20  # a cache file larger than this is not read (the rules' data is ~0.4 MB)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_NONBLOCK = getattr(os, "O_NONBLOCK", 0)  # a FIFO planted under a cache name must not block open()


def _token() -> str:
    """A random part of a temporary file's name (``secrets`` would import hmac: ~20 ms)."""
    return os.urandom(6).hex()


def cache_dir() -> Optional[Path]:
    """Where the cache is, or None when it is switched off (the directory is not checked here:
    :func:`usable_dir` does)."""
    if os.environ.get("ZSPROGRESS_NO_CACHE"):
        return None
    base = os.environ.get("ZSPROGRESS_CACHE_DIR") or os.path.join(
        os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache"), "zsprogress")
    return Path(base)


def _trusted(st: os.stat_result, directory: bool) -> bool:
    """Ours and writable by no one else (on systems with owners; elsewhere, any file)."""
    if not hasattr(os, "getuid"):  # pragma: no cover - Windows: per-user profile directories
        return stat.S_ISDIR(st.st_mode) if directory else stat.S_ISREG(st.st_mode)
    if st.st_uid != os.getuid() or st.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        return False
    return stat.S_ISDIR(st.st_mode) if directory else stat.S_ISREG(st.st_mode)


@functools.lru_cache(maxsize=8)
def _checked(base: str) -> bool:
    """Whether the directory ``base`` can hold the cache: created (mode 0700) when missing, and
    then owned by the user and writable by no one else. Refused: one warning per process."""
    path = Path(base)
    try:
        path.mkdir(mode=0o700, parents=True, exist_ok=True)
        st = os.stat(path)
    except OSError:  # a read-only home, a file in the way: no cache, as with NO_CACHE
        return False
    if _trusted(st, True):
        return True
    sys.stderr.write(f"warning: cache directory {path} is not a directory of yours that only you can "
                     "write to: not used (set ZSPROGRESS_CACHE_DIR, or ZSPROGRESS_NO_CACHE=1)\n")
    return False


def usable_dir() -> Optional[Path]:
    """The cache directory when the cache is on and the directory is safe to use, else None."""
    base = cache_dir()
    return base if base is not None and _checked(str(base)) else None


def entry(kind: str, origin: str, key: str) -> Optional[tuple[Path, str]]:
    """(file, scope prefix) of the cache entry of ``kind`` for data read from ``origin`` (a path:
    the checkout or installed copy) whose files hash to ``key``; None when there is no cache."""
    base = usable_dir()
    if base is None:
        return None
    import regex

    from . import __version__

    scope = hashlib.sha256(f"{origin}|{sys.version}|{regex.__version__}|{__version__}".encode()).hexdigest()[:12]
    prefix = f"{kind}-{scope}-"
    return base / f"{prefix}{key}.json", prefix


def load(path: Path) -> Optional[Any]:
    """The JSON data of a trusted cache file, or None (missing, untrusted, too large, damaged)."""
    try:
        if not _trusted(os.stat(path.parent), True):
            return None
        fd = os.open(path, os.O_RDONLY | _NOFOLLOW | _NONBLOCK)
    except OSError:
        return None
    try:
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fh.fileno())
            if not _trusted(st, False) or st.st_size > MAX_BYTES:
                return None
            raw = fh.read(MAX_BYTES + 1)
        if len(raw) > MAX_BYTES:
            return None
        head, _, body = raw.partition(b"\n")
        if head != hashlib.sha256(body).hexdigest().encode("ascii"):
            return None
        data = json.loads(body)
    except Exception:  # noqa: BLE001 - OSError, bad UTF-8 or JSON, JSON nested too deep: ignored
        return None
    try:
        os.utime(path, follow_symlinks=False)  # used now: among the last pruned
    except (OSError, NotImplementedError):  # a read-only cache is still read
        pass
    return data


def store(path: Path, data: Any, prefix: str) -> None:
    """Write ``data`` as JSON (atomically, readable by the user only), then :func:`prune`.
    Failing to write (a read-only home, a full disk) is not an error: the next run rebuilds."""
    if not _checked(str(path.parent)):
        return
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    if len(body) + 65 > MAX_BYTES:
        return
    tmp = path.with_name(f"{path.name}.{os.getpid()}.{_token()}.tmp")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW, 0o600)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(hashlib.sha256(body).hexdigest().encode("ascii") + b"\n" + body)
        os.replace(tmp, path)
        prune(path, prefix)
    except OSError:
        try:
            os.unlink(tmp)
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
