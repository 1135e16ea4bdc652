"""The build's date, the day new papers are first seen: never the wall clock when something steadier exists.

SOURCE_DATE_EPOCH when set (the reproducible-builds convention), else the date of the checked-out git commit,
so two builds of one commit agree and the Pages workflow, which cannot write the ledger back, still dates new
papers by the commit that brought them; else, outside git, today.
"""

from __future__ import annotations

import datetime
import os
import subprocess
from collections.abc import Mapping
from pathlib import Path

from generator.errors import InputError

ENVIRONMENT = "SOURCE_DATE_EPOCH"


def build_date(environment: Mapping[str, str] = os.environ, where: Path | None = None) -> datetime.date:
    """The day (UTC) this build dates what it sees for the first time; `where` is in the checked-out repository
    (default: the working directory)."""
    if (epoch := environment.get(ENVIRONMENT, "").strip()):
        return epoch_day(epoch)
    committed = commit_time(where or Path.cwd())
    if committed is not None:
        return epoch_day(committed)
    return datetime.datetime.now(datetime.UTC).date()


def epoch_day(seconds: str) -> datetime.date:
    if not seconds.isdigit():
        raise InputError(ENVIRONMENT, None, f"{seconds[:20]!r} is not a number of seconds since 1970",
                         "set it to a whole number such as $(git log -1 --format=%ct), or unset it")
    try:
        return datetime.datetime.fromtimestamp(int(seconds), datetime.UTC).date()
    except (OverflowError, ValueError, OSError):
        raise InputError(ENVIRONMENT, None, f"{seconds[:20]!r} is not a date", "set a smaller number") from None


def commit_time(where: Path) -> str | None:
    """The checked-out commit's time, as seconds since 1970, or None outside a git repository (or without git)."""
    try:
        result = subprocess.run(["git", "log", "-1", "--format=%ct"], cwd=where, capture_output=True, text=True,
                                timeout=30)
    except (OSError, subprocess.SubprocessError):
        return None
    seconds = result.stdout.strip()
    return seconds if result.returncode == 0 and seconds.isdigit() else None
