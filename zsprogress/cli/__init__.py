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

import os
import sys
from typing import Optional

from . import pages, rows, series
from .options import CLAIM_KINDS, ROW_KINDS, Status
from .root import COMPLETE_VAR, EXIT_ERROR, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_OK, CliError, new_app, run

# the commands in the order of `zsprogress --help`
COMMANDS = {"tasks": rows.tasks, "tallies": rows.tallies, "claims": rows.claims, "rules": rows.rules,
            "completion": rows.completion, "show": pages.show, "report": pages.report, "schema": pages.schema,
            "check": series.check, "track": series.track, "shell-completion": pages.shell_completion}
app = new_app(COMMANDS)


def _command_of(args: list[str]) -> Optional[str]:
    """The command named on the command line after the global options (None: none, or unknown)."""
    i = 0
    while i < len(args):
        if args[i] == "--layout":
            i += 2
        elif args[i] == "--no-color" or args[i].startswith("--layout="):
            i += 1
        else:
            return args[i] if args[i] in COMMANDS else None
    return None


def main(argv: Optional[list[str]] = None, prog_name: str = "zsprogress") -> None:
    """The console script. A run of one command builds the click command of that command only:
    Typer reads every command's signature and makes every option when it builds one, which is
    work a run of one command does not need (``--help``, a bad command name, shell completion:
    the whole app)."""
    name = _command_of(list(sys.argv[1:] if argv is None else argv))
    one = name is not None and COMPLETE_VAR not in os.environ
    run(new_app({name: COMMANDS[name]}) if one and name else app, argv, prog_name)


__all__ = ["CLAIM_KINDS", "COMMANDS", "EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_OK", "ROW_KINDS",
           "CliError", "Status", "app", "main"]
