"""Exceptions of zsprogress. The library raises these; only cli.py prints and exits."""


class ZsprogressError(Exception):
    """Base of every error zsprogress raises on purpose (exit code 2 in the CLI)."""


class ReportReadError(ZsprogressError):
    """A report could not be read: missing, a directory, empty, binary, undecodable."""


class PatternError(ZsprogressError):
    """A file in patterns/ is invalid: bad TOML, unknown key, bad regex, failing example."""
