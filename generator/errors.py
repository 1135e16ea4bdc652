"""The one error type that reaches the command line, and the warnings that travel beside results."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Notice:
    """Something worth telling the user about one place in one input file."""

    file: str
    line: int | None
    message: str
    fix: str = ""

    def __str__(self) -> str:
        place = f"{self.file}:{self.line}" if self.line else self.file
        fix = f" ({self.fix})" if self.fix else ""
        return f"{place}: {self.message}{fix}"


def quoted(text: str, limit: int = 60) -> str:
    """Text in quotes for a one-line message, cut with an ellipsis when long."""
    return '"' + (text if len(text) <= limit else text[: limit - 1] + "…") + '"'


class InputError(Exception):
    """Input the generator cannot use: one line per problem, exit code 1."""

    def __init__(self, file: str, line: int | None, message: str, fix: str = "",
                 warnings: tuple[Notice, ...] = ()) -> None:
        self.notices = (Notice(file, line, message, fix),)
        self.warnings = warnings  # what was noticed on the way, printed before the error
        super().__init__(str(self.notices[0]))

    @classmethod
    def collected(cls, notices: list[Notice]) -> InputError:
        """One error that reports every problem found in a file at once."""
        first = notices[0]
        error = cls(first.file, first.line, first.message, first.fix)
        error.notices = tuple(notices)
        error.args = ("\n".join(str(notice) for notice in notices),)
        return error
