"""The zsprogress command line: thin commands over :mod:`zsprogress.api`.

Conventions (README "Command line" and "Exit codes"):

- only data on stdout; diagnostics, warnings and the claims summary on stderr;
- ``--format auto`` is a table on a terminal and JSON when stdout is piped (or, with ``-o FILE``,
  the format named by the file's extension, JSON otherwise);
- exit 0 ok, 1 ``check`` findings that fail or a batch where some report could not be read,
  2 bad argument / unreadable report / invalid pattern file, 70 internal error (a bug),
  130 interrupted;
- one error boundary (:func:`root.guard`): a :class:`ZsprogressError` becomes one ``error:``
  line on stderr and exit 2; ``--debug`` re-raises it with its traceback.

The modules: :mod:`.root` the app, its global options and the error boundary; :mod:`.options`
the options and choices, defined once; :mod:`.rows`, :mod:`.pages` and :mod:`.series` the
commands; :mod:`.runner` the batch of reports of a run; :mod:`.jobs` one report through one
command (in a worker with ``--jobs``); :mod:`.emit` the outputs.

Imports are lazy: the models, the rule engine and Rich load inside the commands that need them,
so ``zsprogress --help`` loads neither, and a JSON run never loads Rich. The annotations are
objects, not strings (no ``from __future__ import annotations``): Typer reads the signature of
every command on each run, and string annotations would be compiled and evaluated each time.
"""

from . import pages, rows, series
from .options import CLAIM_KINDS, ROW_KINDS, Status
from .root import EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, CliError, app, main

# the commands in the order of `zsprogress --help`
for _fn in (rows.tasks, rows.tallies, rows.claims, rows.rules, rows.completion, pages.show, pages.report,
            pages.schema, series.check, series.track):
    app.command()(_fn)
app.command("shell-completion")(pages.shell_completion)

__all__ = ["CLAIM_KINDS", "EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "ROW_KINDS", "CliError",
           "Status", "app", "main"]
