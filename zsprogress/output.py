"""Writing ``-o FILE``: atomically, and never over one of the inputs (docs/limits.md).

:func:`atomic` opens a temporary file in the target's directory (``.NAME.XXXX.tmp``, mode 0600
until it is done), the command writes its output there, and only when everything is written and
flushed to disk is it renamed over the target (``os.replace``, atomic on one file system). On any
failure (a full disk, a report that fails half way, Ctrl-C) the temporary file is removed and an
earlier file of that name is left as it was. A write that fails is one line, ``FILE: cannot
write: REASON`` (:class:`OutputError`, exit 2), never a traceback.

:func:`refuse_inputs` is asked before any report is read: ``-o`` naming one of the reports (the
same file, through any path or hard link) would destroy it, or be read back half written.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
import tempfile
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import IO, Any, Optional

from .errors import ZsprogressError


class OutputError(ZsprogressError):
    """``-o FILE`` cannot be written (exit 2, one line)."""


def cannot_write(target: Any, e: BaseException) -> OutputError:
    reason = getattr(e, "strerror", None) or str(e) or type(e).__name__
    return OutputError(f"{target}: cannot write: {reason}")


_write_bytes = io.FileIO.write  # the one call that writes to the disk (tests inject a full disk here)


class _Raw(io.FileIO):
    """The temporary file: a failed write (ENOSPC, EIO, EFBIG ...) is an :class:`OutputError`
    naming the target, so it is not taken for an error of the report being written."""

    target = ""

    def write(self, b: Any) -> int:
        try:
            return _write_bytes(self, b)
        except OSError as e:
            raise cannot_write(self.target, e) from None


def _open(path: str, target: Path, binary: bool, encoding: str = "utf-8") -> tuple[_Raw, IO[Any]]:
    raw = _Raw(path, "w")
    raw.target = str(target)
    fh: IO[Any] = io.BufferedWriter(raw)
    if not binary:
        fh = io.TextIOWrapper(fh, encoding=encoding, newline="")
    return raw, fh


@contextlib.contextmanager
def _terminate_cleanly() -> Iterator[None]:
    """While FILE is written, SIGTERM (a CI job's timeout, ``kill``) ends the run as Ctrl-C
    does: by an exception, so the temporary file is removed (exit 143)."""
    import signal
    import threading

    if threading.current_thread() is not threading.main_thread() or not hasattr(signal, "SIGTERM"):
        yield
        return

    def stop(signum: int, frame: Any) -> None:
        raise SystemExit(128 + signum)

    old = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, old)


def special(target: Path) -> bool:
    """True for a target that is no regular file (``/dev/stdout``, a FIFO, a device): written in
    place, since renaming a file over it would replace the device or the link itself."""
    try:
        return not stat.S_ISREG(os.stat(target).st_mode)
    except OSError:
        return False


@contextlib.contextmanager
def atomic(target: Path, binary: bool = False, encoding: str = "utf-8") -> Iterator[IO[Any]]:
    """A file handle whose contents replace ``target`` only when the ``with`` body ends well
    (text in ``encoding``: ``utf-8-sig`` writes a byte order mark first).
    A symbolic link is followed (the file it names is replaced, the link stays); a device or FIFO
    is written in place."""
    if special(target):
        try:
            raw, direct = _open(str(target), target, binary, encoding)
        except OSError as e:
            raise cannot_write(target, e) from None
        with direct:
            yield direct
        return
    target = Path(os.path.realpath(target))
    tmp = temp_path(target)
    try:
        with _terminate_cleanly():
            raw, fh = _open(tmp, target, binary, encoding)
            with fh:
                yield fh
                fh.flush()
                try:
                    os.fsync(raw.fileno())
                except OSError as e:
                    raise cannot_write(target, e) from None
            commit(tmp, target)
    except BaseException:
        discard(tmp)
        raise


def atomic_workbook(target: Path, write: Callable[[str], Any]) -> None:
    """``write(path)`` makes a workbook at ``path`` (xlsxwriter opens the file itself): a
    temporary file renamed over ``target`` when it is complete, as :func:`atomic`; a device or
    FIFO target gets the finished file's bytes."""
    if special(target):
        fd, tmp = tempfile.mkstemp(suffix=".xlsx")
        os.close(fd)
        try:
            _workbook(write, tmp, target)
            with open(tmp, "rb") as src, atomic(target, binary=True) as fh:
                shutil.copyfileobj(src, fh)
        finally:
            discard(tmp)
        return
    real = Path(os.path.realpath(target))
    tmp = temp_path(real)
    try:
        _workbook(write, tmp, target)
        commit(tmp, real)
    except BaseException:
        discard(tmp)
        raise


def _workbook(write: Callable[[str], Any], tmp: str, target: Path) -> None:
    import gc
    import sys

    err: Optional[OutputError] = None
    hook = sys.unraisablehook
    try:
        write(tmp)
    except Exception as e:  # xlsxwriter wraps the OSError of its final write in FileCreateError
        cause = e if isinstance(e, OSError) else e.__cause__ or e.__context__
        if not isinstance(cause, OSError) and type(e).__name__ != "FileCreateError":
            raise
        err = cannot_write(target, cause if isinstance(cause, OSError) else e)
        # the half-written zip of xlsxwriter tries to finish itself when it is collected (and
        # fails again, on stderr): it is dropped quietly, once
        sys.unraisablehook = lambda _u: None
    if err is not None:
        try:
            gc.collect()
        finally:
            sys.unraisablehook = hook
        raise err


def temp_path(target: Path) -> str:
    """A new empty file next to ``target`` (same file system, so the rename is atomic)."""
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as e:
        raise cannot_write(target, e) from None
    os.close(fd)
    return tmp


def commit(tmp: str, target: Path) -> None:
    """Give ``tmp`` the mode a new file (or the file it replaces) would have, then rename it."""
    try:
        try:
            mode = os.stat(target).st_mode & 0o7777
        except OSError:
            umask = os.umask(0)
            os.umask(umask)
            mode = 0o666 & ~umask
        os.chmod(tmp, mode)
        os.replace(tmp, target)
    except OSError as e:
        raise cannot_write(target, e) from None


def discard(tmp: str) -> None:
    with contextlib.suppress(OSError):
        os.unlink(tmp)


def refuse_inputs(target: Optional[Path], sources: Iterable[Optional[str]]) -> None:
    """Refuse ``-o target`` when it is one of the reports (or a file of a directory given)."""
    from .formats import SUFFIXES

    if target is None:
        return
    parent = target.parent
    if not parent.is_dir():
        reason = "No such file or directory" if not parent.exists() else "Not a directory"
        raise OutputError(f"{target}: cannot write: {reason}")
    try:
        out = os.stat(target)
    except OSError:
        return  # not there yet: it cannot be an input
    for src in sources:
        if src is None or src in ("-", "sample"):
            continue
        p = Path(src)
        try:
            files = [p] if not p.is_dir() else [f for f in p.iterdir() if f.suffix.lower() in SUFFIXES]
        except OSError:
            continue
        for f in files:
            try:
                st = os.stat(f)
            except OSError:
                continue
            if (st.st_dev, st.st_ino) == (out.st_dev, out.st_ino):
                raise OutputError(f"{target}: -o names one of the reports ({f}); "
                                  "give another output file")
