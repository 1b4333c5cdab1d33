"""The worker processes of ``--jobs N``: started once, fed chunks of reports, and a worker that
dies does not end the batch.

:func:`ordered_map` runs ``fn(*args)`` for each job in N worker processes and yields the results
in input order, at most a window of jobs ahead of the one being consumed (memory stays flat on a
long batch). Small reports go to a worker several at a time (a chunk: up to ``CHUNK_JOBS`` jobs
and ``CHUNK_BYTES`` of input), so a batch of many small files is not paid in round trips.

A worker that dies (``os._exit``, a segfault in a C library, the OOM killer) is found by its
process sentinel: the job it was on is yielded as a :class:`WorkerDied` (the caller marks that
report failed), the rest of its chunk goes to a new worker, and the batch goes on. An exception
raised by ``fn`` in a worker is raised again here, as :class:`concurrent.futures` would.
"""

from __future__ import annotations

import collections
import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

CHUNK_JOBS = 8                # jobs per chunk at most
CHUNK_BYTES = 256 * 1024      # input bytes per chunk at most (one large report is a chunk alone)


@dataclass
class WorkerDied:
    """The worker running this job died: ``exitcode`` is its exit status (-N: killed by signal N)."""

    exitcode: int | None

    def reason(self) -> str:
        code = self.exitcode
        if code is not None and code < 0:
            try:
                name = signal.Signals(-code).name
            except ValueError:
                name = f"signal {-code}"
            return f"the worker process died ({name}) while reading it"
        return f"the worker process died (exit {code}) while reading it"


class _Raised:
    def __init__(self, exc: BaseException):
        self.exc = exc


def _serve(conn: Any, fn: Callable[..., Any]) -> None:
    """A worker: receive a chunk [(index, args)], send (index, ok, result) for each, until None."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    while True:
        try:
            chunk = conn.recv()
        except (EOFError, OSError):
            return
        if chunk is None:
            return
        for i, args in chunk:
            try:
                msg = (i, True, fn(*args))
            except BaseException as e:  # noqa: BLE001 - sent back and raised in the parent
                msg = (i, False, e)
            try:
                conn.send(msg)
            except Exception as e:  # noqa: BLE001 - an unpicklable result or error
                conn.send((i, False, RuntimeError(f"{type(e).__name__}: {e}")))


class _Worker:
    def __init__(self, ctx: Any, fn: Callable[..., Any]):
        self.conn, child = ctx.Pipe()
        self.proc = ctx.Process(target=_serve, args=(child, fn), daemon=True)
        self.proc.start()
        child.close()
        self.pending: collections.deque[int] = collections.deque()

    def stop(self) -> None:
        with contextlib.suppress(OSError, ValueError):
            self.conn.send(None)
        self.proc.join(timeout=1)
        if self.proc.is_alive():
            self.proc.kill()
            self.proc.join(timeout=1)
        self.conn.close()


def _context() -> Any:
    import multiprocessing as mp

    # fork: the workers inherit the rules the parent has loaded (a batch loads them first)
    return mp.get_context("fork") if "fork" in mp.get_all_start_methods() else mp.get_context()


def ordered_map(fn: Callable[..., Any], jobs: Sequence[tuple], workers: int,
                sizes: Sequence[int] | None = None) -> Iterator[Any]:
    """``fn(*args)`` of each job, in order, run by ``workers`` processes; a job whose worker died
    gives a :class:`WorkerDied`. ``sizes`` (bytes of each job's input) shape the chunks."""
    from multiprocessing.connection import wait

    n = len(jobs)
    sizes = sizes if sizes is not None else [0] * n
    ctx = _context()
    pool = [_Worker(ctx, fn) for _ in range(min(workers, n))]
    window = max(4 * len(pool), 2 * len(pool) * CHUNK_JOBS)
    results: dict[int, Any] = {}
    retry: collections.deque[int] = collections.deque()
    next_job = 0   # the next job never sent
    emitted = 0    # the next job to yield

    def chunk() -> list[int]:
        nonlocal next_job
        out: list[int] = []
        size = 0
        left = n - next_job
        cap = max(1, min(CHUNK_JOBS, left // (2 * len(pool)) or 1))  # the end of a batch is shared out
        while retry and len(out) < cap:
            out.append(retry.popleft())
        while next_job < n and next_job < emitted + window and len(out) < cap:
            if out and size + sizes[next_job] > CHUNK_BYTES:
                break
            size += sizes[next_job]
            out.append(next_job)
            next_job += 1
        return out

    try:
        while emitted < n:
            for w in pool:
                if not w.pending:
                    todo = chunk()
                    if todo:
                        w.pending.extend(todo)
                        w.conn.send([(i, jobs[i]) for i in todo])
            while emitted in results:
                r = results.pop(emitted)
                emitted += 1
                if isinstance(r, _Raised):
                    raise r.exc
                yield r
            if emitted >= n:
                break
            busy = [w for w in pool if w.pending]
            if not busy:
                continue
            ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
            for k, w in enumerate(pool):
                if not w.pending or (w.conn not in ready and w.proc.sentinel not in ready):
                    continue
                dead = False
                while w.pending:
                    try:
                        if not w.conn.poll():
                            break
                        i, ok, value = w.conn.recv()
                    except (EOFError, OSError):
                        dead = True
                        break
                    w.pending.remove(i)
                    results[i] = value if ok else _Raised(value)
                if dead or (w.pending and not w.proc.is_alive() and not w.conn.poll()):
                    w.proc.join(timeout=5)
                    if w.pending:
                        results[w.pending.popleft()] = WorkerDied(w.proc.exitcode)
                        retry.extendleft(reversed(w.pending))
                    w.pending.clear()
                    with contextlib.suppress(OSError):
                        w.conn.close()
                    pool[k] = _Worker(ctx, fn)
    finally:
        for w in pool:
            w.stop()


def input_size(src: Any) -> int:
    """Bytes of a report path (0 for stdin, the sample or an unreadable path)."""
    if not isinstance(src, (str, os.PathLike)):
        return 0
    try:
        return os.stat(src).st_size
    except OSError:
        return 0
