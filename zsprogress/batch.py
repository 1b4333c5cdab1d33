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


class _Pool:
    """The workers of one :func:`ordered_map`, the jobs sent and the results not yet yielded."""

    def __init__(self, fn: Callable[..., Any], jobs: Sequence[tuple], workers: int, sizes: Sequence[int]):
        self.fn, self.jobs, self.sizes = fn, jobs, sizes
        self.n = len(jobs)
        self.ctx = _context()
        self.workers = [_Worker(self.ctx, fn) for _ in range(min(workers, self.n))]
        self.window = max(4 * len(self.workers), 2 * len(self.workers) * CHUNK_JOBS)
        self.results: dict[int, Any] = {}
        self.retry: collections.deque[int] = collections.deque()
        self.next_job = 0   # the next job never sent
        self.emitted = 0    # the next job to yield

    def chunk(self) -> list[int]:
        """The next jobs for an idle worker: the jobs of a dead worker first, then new ones, up to
        ``CHUNK_JOBS`` and ``CHUNK_BYTES``, within the window; the end of a batch is shared out."""
        out: list[int] = []
        size = 0
        left = self.n - self.next_job
        cap = max(1, min(CHUNK_JOBS, left // (2 * len(self.workers)) or 1))
        while self.retry and len(out) < cap:
            out.append(self.retry.popleft())
        while self.next_job < self.n and self.next_job < self.emitted + self.window and len(out) < cap:
            if out and size + self.sizes[self.next_job] > CHUNK_BYTES:
                break
            size += self.sizes[self.next_job]
            out.append(self.next_job)
            self.next_job += 1
        return out

    def feed(self) -> None:
        """A chunk to every worker that has nothing to do."""
        for w in self.workers:
            if not w.pending:
                todo = self.chunk()
                if todo:
                    w.pending.extend(todo)
                    w.conn.send([(i, self.jobs[i]) for i in todo])

    def ready(self) -> Iterator[Any]:
        """The results that are next in order (an exception of a job is raised here)."""
        while self.emitted in self.results:
            r = self.results.pop(self.emitted)
            self.emitted += 1
            if isinstance(r, _Raised):
                raise r.exc
            yield r

    def collect(self) -> None:
        """Wait for a worker to answer or die; take its results; replace a dead one."""
        from multiprocessing.connection import wait

        busy = [w for w in self.workers if w.pending]
        if not busy:
            return
        ready = set(wait([w.conn for w in busy] + [w.proc.sentinel for w in busy]))
        for k, w in enumerate(self.workers):
            if w.pending and (w.conn in ready or w.proc.sentinel in ready):
                self._take(k, w)

    def _take(self, k: int, w: _Worker) -> None:
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
            self.results[i] = value if ok else _Raised(value)
        if dead or (w.pending and not w.proc.is_alive() and not w.conn.poll()):
            w.proc.join(timeout=5)
            if w.pending:   # the job it was on fails; the rest of its chunk goes to another worker
                self.results[w.pending.popleft()] = WorkerDied(w.proc.exitcode)
                self.retry.extendleft(reversed(w.pending))
            w.pending.clear()
            with contextlib.suppress(OSError):
                w.conn.close()
            self.workers[k] = _Worker(self.ctx, self.fn)

    def stop(self) -> None:
        for w in self.workers:
            w.stop()


def ordered_map(fn: Callable[..., Any], jobs: Sequence[tuple], workers: int,
                sizes: Sequence[int] | None = None) -> Iterator[Any]:
    """``fn(*args)`` of each job, in order, run by ``workers`` processes; a job whose worker died
    gives a :class:`WorkerDied`. ``sizes`` (bytes of each job's input) shape the chunks."""
    pool = _Pool(fn, jobs, workers, sizes if sizes is not None else [0] * len(jobs))
    try:
        while pool.emitted < pool.n:
            pool.feed()
            yield from pool.ready()
            if pool.emitted >= pool.n:
                break
            pool.collect()
    finally:
        pool.stop()


def input_size(src: Any) -> int:
    """Bytes of a report path (0 for stdin, the sample or an unreadable path)."""
    if not isinstance(src, (str, os.PathLike)):
        return 0
    try:
        return os.stat(src).st_size
    except OSError:
        return 0
