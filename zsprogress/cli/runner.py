"""Batch runs: the reports of one command, one after another or by ``--jobs N`` worker processes
(:func:`zsprogress.batch.ordered_map`), in input order, with a progress bar on a terminal.

A run is a *batch* when a directory is among the arguments, or several reports are: a report
that cannot be read is one line ``error: FILE: reason`` on stderr, the others still run, and the
exit code is 1 at the end (2 when no report could be read). Without a directory every report
named must be readable: the reports are read before the first row is written, and a bad one is
exit 2 (one line, no rows), as for a single report. Rows come report by report in input order,
so JSON/JSONL/CSV output is streamed and memory stays flat; with --jobs N the reports are
processed by N worker processes, a window of reports ahead of the one being written.
"""

import dataclasses
import itertools
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any, Optional

import typer

from ..errors import ZsprogressError
from . import jobs
from .jobs import Outcome, WorkOptions
from .options import Globals
from .root import EXIT_ERROR, EXIT_FINDINGS, CliError, visible


def default_source() -> Optional[str]:
    """No report argument: ``'-'`` when stdin is piped or redirected from a file (read it, as
    jq and grep do; an empty pipe or file is then "the report is empty", never the sample),
    None (the bundled sample) when stdin is a terminal, /dev/null or another character device,
    closed, or an in-memory stream with nothing in it (a test runner's stdin)."""
    import stat

    stream = sys.stdin
    if stream is None:
        return None
    try:
        if stream.isatty():
            return None
        mode = os.fstat(stream.fileno()).st_mode
    except (OSError, ValueError, AttributeError):  # no file descriptor: an in-memory stream
        buf = getattr(stream, "buffer", stream)
        try:
            if not buf.seekable():
                return "-"
            pos = buf.tell()
            data = buf.read(1)
            buf.seek(pos)
        except (OSError, ValueError, AttributeError):
            return None
        return "-" if data else None
    return "-" if stat.S_ISFIFO(mode) or stat.S_ISREG(mode) or stat.S_ISSOCK(mode) else None


class Batch:
    """The reports of one command run and how they went (``failed``/``done`` counts)."""

    def __init__(self, sources: Optional[list[str]], jobs: int = 1, sample_word: bool = False,
                 colour: Optional[bool] = None):
        from ..read import expand

        srcs: list[Optional[str]] = list(sources) if sources else [default_source()]
        if sample_word:  # `sample` names the bundled report, unless a file of that name is here
            srcs = [None if s == "sample" and not Path(s).exists() else s for s in srcs]
        if srcs.count("-") > 1:
            raise CliError("'-' (stdin) can be given only once")
        # several reports, or a directory: a report that fails is reported and the rest run
        self.batch = len(srcs) > 1 or any(s not in (None, "-") and Path(s).is_dir() for s in srcs)
        self.items = expand(srcs)
        self.jobs = max(1, jobs)
        self.failed = 0
        self.done = 0
        self.colour = Globals().colour if colour is None else colour  # of the progress bar and errors

    def __len__(self) -> int:
        return len(self.items)

    def load_rules(self, patterns: Optional[Path]) -> None:
        """A batch loads the rules before its first report: an invalid rules directory fails once,
        not once per report, and ``--jobs`` workers inherit them. A single report has them loaded
        by its command's work after it is read (before any row), so segmenting a large report does
        not stack on the rules' memory (one 5 MB report: peak RSS 99.0 -> 94.4 MiB)."""
        if self.batch:
            jobs.load_rules(patterns)

    def _stdin_first(self, items: list, opts: WorkOptions) -> tuple[list, Any]:
        """stdin is read here, once, whatever the workers: (the items, the parsed report or None)."""
        if not any(src == "-" for src, _ in items):
            return items, None
        try:
            return items, jobs.api().parse_report("-", layout=opts.layout)
        except ZsprogressError as e:
            if not self.batch:
                raise
            return [(s, str(e)) if s == "-" else (s, err) for s, err in items], None

    def run(self, cmd: str, opts: WorkOptions, debug: bool = False) -> Iterator[Outcome]:
        """The outcomes of the readable reports, in input order; errors are reported on stderr
        (batch) or raised (not a batch)."""
        items, stdin_report = self._stdin_first(list(self.items), opts)
        if not self.batch and len(items) > 1:
            from ..read import read

            for src, _ in items:  # every report named must be readable before a row is written
                if src != "-":
                    read(src)
        catch = "all" if self.batch and not debug else "read"
        outs = _outcomes(cmd, items, opts, self.jobs, catch, stdin_report)
        with progress(len(items), self.colour) as bar:
            for out in outs:
                bar.step()
                if out.error is not None:
                    if not self.batch:
                        raise out.exc if out.exc is not None else ZsprogressError(out.error)
                    self.failed += 1
                    bar.say(out.error, error=True)
                    continue
                self.done += 1
                for w in out.warnings:
                    bar.say(w)
                yield out

    def rows(self, cmd: str, opts: WorkOptions, debug: bool = False, count: Optional[dict] = None) -> Iterator[Any]:
        """The rows of each report, report after report. The first readable report is read
        before this returns, so a bad single report fails before the output file is opened,
        and a batch where nothing could be read writes nothing (not even ``[]``): exit 2. With
        ``opts.lazy`` a single report's rows are made as they are consumed (JSONL/CSV)."""
        outs = self.run(cmd, dataclasses.replace(opts, lazy=opts.lazy and not self.batch), debug)
        first = next(outs, None)
        if first is None:
            self.exit()
            return iter(())
        return _counted(itertools.chain([first], outs), count)

    def exit(self) -> None:
        """Exit 1 when some report of a batch failed, 2 when none could be read."""
        if self.failed:
            raise typer.Exit(EXIT_ERROR if not self.done else EXIT_FINDINGS)


def _counted(outs: Iterator[Outcome], totals: Optional[dict]) -> Iterator[Any]:
    """The rows of each outcome; its counts are added to ``totals`` once its rows are out."""
    for out in outs:
        yield from out.rows
        if totals is not None:
            for k, v in out.stats.items():
                totals[k] = totals.get(k, 0) + v


def _outcomes(cmd: str, items: list, opts: WorkOptions, n_jobs: int, catch: str,
              stdin_report: Any) -> Iterator[Outcome]:
    def job(src: Optional[str]) -> Any:
        return stdin_report if src == "-" else src

    if n_jobs <= 1 or len(items) <= 1:
        for src, err in items:
            yield Outcome(str(src), error=err) if err else jobs.work(cmd, job(src), opts, catch)
        return
    from ..batch import WorkerDied, input_size, ordered_map

    # the workers are started once and fed chunks of reports; one that dies fails its report only
    runs = [src for src, err in items if not err]
    done = ordered_map(jobs.work, [(cmd, job(src), opts, catch) for src in runs], n_jobs,
                       [input_size(src) for src in runs])
    for src, err in items:
        if err:
            yield Outcome(str(src), error=err)
            continue
        out = next(done)
        if isinstance(out, WorkerDied):
            name = "<sample>" if src is None else str(src)
            out = Outcome(name, error=f"{name}: {out.reason()}")
        yield out


class progress:  # noqa: N801 - a context manager used as a function
    """A Rich progress bar on stderr while several reports run and stderr is a terminal; gives
    a ``say(line)`` that prints above the bar (or plainly without one)."""

    def __init__(self, total: int, colour: bool = True):
        self.total = total
        self.bar: Optional[Any] = None
        self.colour = colour

    def __enter__(self) -> "progress":
        if self.total > 1 and sys.stderr.isatty():
            from rich.console import Console
            from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

            # refreshed at each report, not by Rich's refresh thread: the worker processes of
            # --jobs are forked while the bar is up, and a fork from a process with threads may
            # leave a lock (of stderr, say) held for good in the child
            self.bar = Progress(TextColumn("reports"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                                console=Console(stderr=True, emoji=False,
                                                color_system="auto" if self.colour else None),
                                transient=True, auto_refresh=False)
            self.bar.start()
            self.task = self.bar.add_task("reports", total=self.total)
        return self

    def say(self, line: str, error: bool = False) -> None:
        if error:
            line = "error: " + " ".join(line.split())
        line = visible(line)  # warnings and errors quote the report and its file name
        if self.bar is not None:
            self.bar.console.print(line, style="red" if error and self.colour else None,
                                   markup=False, highlight=False)
        else:
            typer.secho(line, err=True, fg="red" if error and self.colour else None)

    def step(self) -> None:
        if self.bar is not None:
            self.bar.advance(self.task)
            self.bar.refresh()

    def __exit__(self, *exc: Any) -> None:
        if self.bar is not None:
            self.bar.stop()
