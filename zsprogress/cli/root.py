"""The Typer app, its global options (``--version``, ``--no-color``, ``--layout``), the one error
boundary every command runs behind, and :func:`main`, the console script.

The error boundary (:func:`guard`): a :class:`ZsprogressError` becomes one ``error:`` line on
stderr and exit 2 (``--debug`` re-raises it with its traceback); a closed pipe a quiet exit 0;
Ctrl-C exit 130; anything else (a bug) one line and exit 70.
"""

import functools
import os
import sys
from collections.abc import Callable
from typing import Annotated, Any, Optional

import typer

from .. import __version__
from ..errors import ZsprogressError
from .options import Globals, of

EXIT_OK, EXIT_FINDINGS, EXIT_ERROR, EXIT_INTERNAL = 0, 1, 2, 70
COMPLETE_VAR = "_ZSPROGRESS_COMPLETE"

def new_app(commands: dict[str, Callable]) -> typer.Typer:
    """The Typer app with the global options and ``commands`` (name -> command, in the order of
    ``--help``)."""
    app = typer.Typer(**_SETTINGS)  # type: ignore[arg-type]
    app.callback()(_root)
    for name, fn in commands.items():
        app.command(name)(fn)
    return app


_SETTINGS = dict(
    name="zsprogress",
    help="Turn Chinese government work-report progress reports (政府工作报告重点工作完成情况) "
         "into verifiable records: tasks, claims, completion of each target, findings for CI, "
         "releases tracked across a year, and a report page.",
    no_args_is_help=True,
    add_completion=False,  # `zsprogress shell-completion SHELL` prints the script (`completion` is a table)
    rich_markup_mode=None,  # plain help: no Rich import for --help or errors
    pretty_exceptions_enable=False,
    context_settings={"help_option_names": ["-h", "--help"]},
)


class CliError(ZsprogressError):
    """A bad argument found by a command (exit 2, one line)."""


def _plain_argument_help() -> None:
    """Typer prints an argument's Python type after its name (``REPORT|- <list[str]>``); the
    metavar and the help say what to give, so the type is left out."""
    from typer.core import TyperArgument

    TyperArgument.display_type_rich = lambda self, ctx: None  # type: ignore[method-assign]


_plain_argument_help()


def _version(value: bool) -> None:
    if value:
        typer.echo(f"zsprogress {__version__}")
        raise typer.Exit()


def _root(ctx: typer.Context,
          version: Annotated[bool, typer.Option(
              "--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
          no_color: Annotated[bool, typer.Option(
              "--no-color", help="No colour, bold or dim in tables and messages (as NO_COLOR=1 does).")] = False,
          layout: Annotated[Optional[str], typer.Option(
              "--layout", metavar="NAME", envvar="ZSPROGRESS_LAYOUT",
              help="Read every report by this layout family only (pipe, marked, cells, labels, records, tabs, "
                   "columns, spaces, list, status, numbered, headerless) instead of the best-scored "
                   "reading.")] = None,
          ) -> None:
    """zsprogress: tasks, claims and rules of progress reports.

    Example: zsprogress completion report.txt --status behind"""
    ctx.obj = Globals(no_colour=no_color)  # an unknown layout below is said without colour too
    if layout is not None:
        from ..segment import layouts

        if layout not in layouts():
            raise typer.BadParameter(f"unknown layout {layout!r}: one of {', '.join(layouts())}",
                                     param_hint="'--layout'")
    ctx.obj = Globals(no_colour=no_color, layout=layout)


_PASS_THROUGH: tuple[type[BaseException], ...] = (typer.Exit, typer.Abort) + tuple(
    c for c in typer.BadParameter.__mro__ if c.__name__ == "ClickException")


def visible(text: str) -> str:
    from ..escape import visible

    return visible(text)


def fail(message: str, code: int, colour: bool) -> None:
    """One line on stderr (red on a terminal, unless colour is off), then exit ``code``."""
    line = visible(" ".join(message.split()))  # a file name or report text cannot drive the terminal
    typer.secho(line, err=True, fg="red" if colour else None)
    raise typer.Exit(code)


def guard(fn: Callable) -> Callable:
    """The one error boundary: library errors -> one red line and exit 2 (``--debug`` re-raises);
    a closed pipe -> quiet exit 0; anything else -> one line and exit 70."""

    @functools.wraps(fn)
    def run(*args: Any, **kwargs: Any) -> Any:
        debug = bool(kwargs.get("debug"))
        colour = of(kwargs.get("ctx")).colour
        try:
            if kwargs.get("output") is not None:  # -o naming a report: refused before it is read
                from ..output import refuse_inputs

                refuse_inputs(kwargs["output"], [*(kwargs.get("reports") or []), kwargs.get("report"),
                                                 *(kwargs.get("against") or [])])
            out = fn(*args, **kwargs)
            sys.stdout.flush()
            return out
        except _PASS_THROUGH:
            raise
        except BrokenPipeError:
            # `zsprogress tasks | head`: the reader is gone; stop quietly, no traceback at exit
            _silence_stdout()
            raise typer.Exit(EXIT_OK) from None
        except KeyboardInterrupt:
            raise typer.Exit(130) from None
        except ZsprogressError as e:
            if debug:
                raise
            fail(f"error: {e}", EXIT_ERROR, colour)
        except Exception as e:  # a bug: say so in one line, the traceback is behind --debug
            if debug:
                raise
            fail(f"internal error: {type(e).__name__}: {e}; rerun with --debug", EXIT_INTERNAL, colour)

    return run


def _silence_stdout() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):  # not a real file (tests): nothing to flush
        pass


def run(app: typer.Typer, argv: Optional[list[str]] = None, prog_name: str = "zsprogress") -> None:
    """Run ``app`` as the console script, with click's usage errors (``-f bogus``, a missing
    argument) as one ``error:`` line and exit 2, like every other bad argument."""
    usage_error: Any = next(c for c in typer.BadParameter.__mro__ if c.__name__ == "UsageError")
    if COMPLETE_VAR in os.environ:  # the shell asks for completions (`zsprogress shell-completion`)
        from typer.completion import completion_init

        completion_init()
    try:
        code = app(args=argv, prog_name=prog_name, standalone_mode=False)
    except usage_error as e:
        if type(e).__name__ == "NoArgsIsHelpError":  # `zsprogress` alone: the help, as asked
            typer.echo(e.format_message().rstrip())
            sys.exit(EXIT_OK)
        cmd = e.ctx.command_path if e.ctx is not None else prog_name
        colour = of(e.ctx).colour
        msg = visible(" ".join(e.format_message().replace("Value error, ", "").split()))
        typer.secho(f"error: {msg} (see `{cmd} --help`)", err=True, fg="red" if colour else None)
        sys.exit(EXIT_ERROR)
    except (typer.Abort, KeyboardInterrupt):
        sys.exit(130)
    sys.exit(code if isinstance(code, int) else EXIT_OK)
