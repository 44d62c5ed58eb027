"""Chinese help pages for `dispute`, readable at 80 columns: set once, here, and used by every command.

typer renders help with rich; its English words live in `typer.rich_utils` module constants, in the
`--help` option that `typer._click` builds, and in the usage line. These are typer internals, so
pyproject.toml pins typer below its next minor version. Every command in generator/cli/ is made
with `cls=ZhCommand` and the app with `cls=ZhGroup`; tests/test_cli_help.py renders each `--help`
at 80 columns and fails on any English left over, any cut-off line and any `<type>` label.

The type column shows only a metavar we wrote (a Chinese noun, or the choices); flags show none.
An argument's metavar is already its name, so it shows no type either.
"""

from __future__ import annotations

import re
from typing import Any

from typer import _click, rich_utils
from typer.core import TyperArgument, TyperCommand, TyperGroup, TyperOption

HELP_OPTION_TEXT = "显示本帮助并退出。"
USAGE_PREFIX = "用法: "
OPTIONS_METAVAR = "[选项]"
SUBCOMMAND_METAVAR = "命令 [参数]..."

rich_utils.ARGUMENTS_PANEL_TITLE = "参数"
rich_utils.OPTIONS_PANEL_TITLE = "选项"
rich_utils.COMMANDS_PANEL_TITLE = "命令"
rich_utils.ERRORS_PANEL_TITLE = "错误"
rich_utils.ABORTED_TEXT = "已中止。"
rich_utils.RICH_HELP = "运行 [blue]'{command_path} {help_option}'[/] 查看帮助。"
rich_utils.DEPRECATED_STRING = "（已弃用）"
rich_utils.DEFAULT_STRING = "[默认: {}]"
rich_utils.ENVVAR_STRING = "[环境变量: {}]"
rich_utils.REQUIRED_LONG_STRING = "[必填]"

_REQUIRED_BRACES = re.compile(r"\{([^{}]*)\}")


class _ZhOption(TyperOption):
    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return self.metavar

    def _get_number_range_help_str(self) -> str | None:
        return None  # the option's help says the range in words


class _ZhArgument(TyperArgument):
    def display_type_rich(self, ctx: _click.Context) -> str | None:
        return None

    def _get_number_range_help_str(self) -> str | None:
        return None

    def _usage_display_name(self) -> str:
        # typer writes a required argument as {name}; the usual convention is the bare name
        return _REQUIRED_BRACES.sub(r"\1", super()._usage_display_name())


def _localise_param(param: _click.Parameter) -> None:
    # typer builds its own TyperOption/TyperArgument from the signature and takes no class for
    # them; these subclasses only change how the help page shows the parameter, not its parsing
    if type(param) is TyperOption:
        param.__class__ = _ZhOption
    elif type(param) is TyperArgument:
        param.__class__ = _ZhArgument


class _ZhHelp:
    """Mixin for a click command: the Chinese `--help` option and usage prefix."""

    params: list[_click.Parameter]

    def _localise(self) -> None:
        for param in self.params:
            _localise_param(param)

    def get_help_option(self, ctx: _click.Context) -> TyperOption | None:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = HELP_OPTION_TEXT
            _localise_param(option)
        return option  # type: ignore[no-any-return]

    def format_usage(self, ctx: _click.Context, formatter: _click.HelpFormatter) -> None:
        pieces = self.collect_usage_pieces(ctx)  # type: ignore[attr-defined]
        formatter.write_usage(ctx.command_path, " ".join(pieces), prefix=USAGE_PREFIX)

    def make_context(self, info_name: str | None, args: list[str], parent: _click.Context | None = None,
                     **extra: Any) -> _click.Context:
        # parsing raises the usage errors (missing argument, no such option, invalid value)
        try:
            return super().make_context(info_name, args, parent, **extra)  # type: ignore[misc, no-any-return]
        except _click.exceptions.UsageError as exc:
            _localised(exc)
            raise


def _localised(exc: _click.exceptions.UsageError) -> None:
    from generator.cli.errors import localise_usage

    if not isinstance(exc, _click.exceptions.NoArgsIsHelpError):  # that one is the help page itself
        localise_usage(exc)


class ZhCommand(_ZhHelp, TyperCommand):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR  # typer passes its "[OPTIONS]" default explicitly
        super().__init__(*args, **kwargs)
        self._localise()


class ZhGroup(_ZhHelp, TyperGroup):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["options_metavar"] = OPTIONS_METAVAR
        kwargs["subcommand_metavar"] = SUBCOMMAND_METAVAR
        super().__init__(*args, **kwargs)
        self._localise()

    def resolve_command(self, ctx: _click.Context, args: list[str]) -> tuple[str | None, _click.Command | None, list[str]]:
        try:
            return super().resolve_command(ctx, args)
        except _click.exceptions.UsageError as exc:  # no such command
            _localised(exc)
            raise
