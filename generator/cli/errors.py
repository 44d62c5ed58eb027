"""How an error reaches the user: `fail`, the one way every command ends on a DisputeError (one
line per problem through the catalogue, exit 2), and typer's own usage errors (a missing argument, no such option, an invalid value) through the
message catalogue, so that they read in the user's language like every other error.

typer 0.29 writes them as English f-strings (typer._click.exceptions, typer.core) and checks
values with pydantic, whose error types (`int_parsing`, `less_than_equal`) name what was wrong.
The error is given its text by its class, its parameter and those types, never by rewriting its
English; one we do not know keeps typer's words inside a message of ours. pyproject.toml pins
typer (help.py uses its internals too); tests/test_cli_languages.py runs each kind in both
languages.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from typing import Any, NoReturn, ParamSpec, TypeVar

import typer
from typer import _click

from generator.catalogue import Message, message
from generator.errors import DisputeError, DocumentErrors

_P = ParamSpec("_P")
_R = TypeVar("_R")


class CommandLineError(DisputeError):
    """The command line itself was given something it cannot use (an option's value, two options
    that go together): a catalogue code, like every other error."""


def fail(err: DisputeError) -> NoReturn:
    """Print `err` in the user's language, one line per problem, and exit 2."""
    for one in err.errors if isinstance(err, DocumentErrors) else (err,):
        typer.echo(error_line(one.render()), err=True)
    raise typer.Exit(code=2)


def failing(command: Callable[_P, _R]) -> Callable[_P, _R]:
    """Every command is wrapped in this, so none has its own try/except-print-exit."""

    @functools.wraps(command)
    def run(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return command(*args, **kwargs)
        except DisputeError as err:
            fail(err)

    return run

_OPTION_NEEDS_VALUE = re.compile(r"^Option '(?P<name>[^']+)' requires an argument\.$")
_OPTION_NEEDS_VALUES = re.compile(r"^Option '(?P<name>[^']+)' requires (?P<count>\d+) arguments\.$")
_OPTION_TAKES_NO_VALUE = re.compile(r"^Option '(?P<name>[^']+)' does not take a value\.$")
_NO_SUCH_COMMAND = re.compile(r"^No such command '(?P<name>.*)'\.$")
_NO_SUCH_COMMAND_HINT = re.compile(r"^No such command '(?P<name>.*)'\. Did you mean (?P<suggestion>.*)\?$")
_EXTRA_ARGUMENTS = re.compile(r"^Got unexpected extra argument\(s\) \((?P<values>.*)\)$")
_NOT_ONE_OF = re.compile(r"^(?:Value error, )?(?P<value>'.*') is not one of (?P<choices>.*)\.$")
# pydantic's error types, with the context value each one names
_PYDANTIC = {"int_parsing": ("usage.not_integer", None), "int_type": ("usage.not_integer", None),
             "less_than_equal": ("usage.at_most", "le"), "greater_than_equal": ("usage.at_least", "ge"),
             "less_than": ("usage.below", "lt"), "greater_than": ("usage.above", "gt")}


def localise_usage(exc: _click.exceptions.UsageError) -> None:
    """Give `exc` its text from the catalogue: typer prints `exc.format_message()`."""
    text = describe(exc).render()
    exc.format_message = lambda: text  # type: ignore[method-assign]


def describe(exc: _click.exceptions.UsageError) -> Message:
    if isinstance(exc, _click.exceptions.MissingParameter):
        return _missing(exc)
    if isinstance(exc, _click.exceptions.BadParameter):
        return message("usage.invalid_value", param=_hint(exc), problem=_value_problem(exc))
    if isinstance(exc, _click.exceptions.NoSuchOption):
        if exc.possibilities:
            return message("usage.no_such_option_hint", name=exc.option_name,
                           possible=tuple(sorted(exc.possibilities)))
        return message("usage.no_such_option", name=exc.option_name)
    return _general(exc.message)


def _missing(exc: _click.exceptions.MissingParameter) -> Message:
    kind = exc.param_type or (exc.param.param_type_name if exc.param is not None else "parameter")
    code = {"argument": "usage.missing_argument", "option": "usage.missing_option"}.get(kind, "usage.missing")
    return message(code, param=_hint(exc))


def _hint(exc: _click.exceptions.BadParameter) -> str:
    hint: Any = exc.param_hint
    if hint is None and exc.param is not None:
        hint = exc.param.get_error_hint()
    if isinstance(hint, (list, tuple)):
        return " / ".join(f"'{h}'" for h in hint)
    return str(hint or "")


def _value_problem(exc: _click.exceptions.BadParameter) -> Message:
    cause = exc.__cause__
    errors = cause.errors() if cause is not None and hasattr(cause, "errors") else []
    if errors:
        first = errors[0]
        known = _PYDANTIC.get(str(first.get("type")))
        if known is not None:
            code, bound = known
            return message(code, bound=first.get("ctx", {}).get(bound)) if bound else message(code)
    found = _NOT_ONE_OF.match(exc.message)
    if found:
        return message("usage.not_one_of", value=found["value"], choices=found["choices"])
    return message("usage.other", detail=exc.message)


def _general(text: str) -> Message:
    for pattern, code in ((_OPTION_NEEDS_VALUE, "usage.option_needs_value"),
                          (_OPTION_NEEDS_VALUES, "usage.option_needs_values"),
                          (_OPTION_TAKES_NO_VALUE, "usage.option_takes_no_value"),
                          (_NO_SUCH_COMMAND, "usage.no_such_command"),
                          (_NO_SUCH_COMMAND_HINT, "usage.no_such_command_hint"),
                          (_EXTRA_ARGUMENTS, "usage.extra_arguments")):
        found = pattern.match(text)
        if found:
            return message(code, **found.groupdict())
    if text == "Missing command.":
        return message("usage.missing_command")
    return message("usage.other", detail=text)


def error_line(problem: Message | str) -> str:
    """The line an error is printed as: ``错误: case.toml: …`` (``error: …`` in English)."""
    return message("cli.error", problem=problem).render()


def notice_line(problem: Message | str) -> str:
    return message("cli.notice", problem=problem).render()
