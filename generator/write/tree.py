"""The one place that touches the output directory: a build's files, kept in memory, then committed.

Committing writes only files whose bytes changed, each through a temporary file and a rename, so
a run that fails leaves the previous tree as it was. A manifest inside the output directory names
the files the generator owns: only those are ever replaced or removed, so hand-written pages and
assets beside them are safe, and a generated file never silently overwrites one of them.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from generator.errors import InputError

MANIFEST = ".generated-files.json"


@dataclass(frozen=True)
class CommitStats:
    """What a commit did to the output directory."""

    files: int
    written: int
    removed: int


class OutputTree:
    """The files of one build by relative POSIX path; a path can be given only once."""

    def __init__(self) -> None:
        self.files: dict[str, bytes] = {}

    def add(self, path: str, content: str | bytes) -> None:
        normal = PurePosixPath(path)
        if normal.is_absolute() or ".." in normal.parts or str(normal) != path or path == MANIFEST:
            raise ValueError(f"not a plain relative output path: {path!r}")
        if path in self.files:
            raise InputError(path, None, "two generated files would land on this path",
                             "give the two items different names")
        self.files[path] = content.encode("utf-8") if isinstance(content, str) else content

    def commit(self, out: Path) -> CommitStats:
        """Make `out` hold exactly these generated files, besides whatever hand-written files it has."""
        try:
            return self._commit(out)
        except OSError as error:
            raise InputError(str(error.filename or out), None, f"cannot write: {error.strerror}",
                             "check free disk space and permissions") from None

    def _commit(self, out: Path) -> CommitStats:
        out.mkdir(parents=True, exist_ok=True)
        owned = read_manifest(out)
        self._refuse_hand_written(out, owned)
        changed = {path: data for path, data in sorted(self.files.items()) if not _same(out / path, data)}
        staged = _stage(out, changed)
        _write_manifest(out, owned | set(self.files))
        for temporary, path in staged:
            os.replace(temporary, out / path)
        stale = sorted(owned - set(self.files))
        for path in stale:
            _remove(out, path)
        _write_manifest(out, set(self.files))
        return CommitStats(files=len(self.files), written=len(changed), removed=len(stale))

    def _refuse_hand_written(self, out: Path, owned: set[str]) -> None:
        for path in sorted(self.files):
            if path not in owned and os.path.lexists(out / path):
                raise InputError(str(out / path), None, "exists and was not written by the generator; not overwritten",
                                 "move or rename the hand-written file, or delete it to let the generator own it")


def read_manifest(out: Path) -> set[str]:
    """The paths the generator wrote into `out` last time."""
    try:
        return set(json.loads((out / MANIFEST).read_text(encoding="utf-8")))
    except FileNotFoundError:
        return set()
    except (ValueError, TypeError):
        raise InputError(str(out / MANIFEST), None, "the list of generated files is damaged",
                         "delete the generated files and this list, then build again") from None


def _same(path: Path, data: bytes) -> bool:
    try:
        return path.stat().st_size == len(data) and path.read_bytes() == data
    except (FileNotFoundError, NotADirectoryError):
        return False


def _stage(out: Path, changed: dict[str, bytes]) -> list[tuple[Path, str]]:
    """Every changed file written beside its target under a temporary name; all or nothing."""
    staged: list[tuple[Path, str]] = []
    made: set[Path] = set()  # every paper page shares one folder: make each folder once
    try:
        for path, data in changed.items():
            target = out / path
            if target.parent not in made:
                target.parent.mkdir(parents=True, exist_ok=True)
                made.add(target.parent)
            temporary = target.with_name(f".{target.name}.{os.getpid()}.tmp")
            temporary.write_bytes(data)
            staged.append((temporary, path))
    except OSError:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        raise
    return staged


def _write_manifest(out: Path, paths: set[str]) -> None:
    temporary = out / f"{MANIFEST}.{os.getpid()}.tmp"
    temporary.write_text(json.dumps(sorted(paths), indent=0) + "\n", encoding="utf-8")
    os.replace(temporary, out / MANIFEST)


def _remove(out: Path, path: str) -> None:
    """Remove a file the generator no longer makes, and the directories it leaves empty."""
    (out / path).unlink(missing_ok=True)
    parent = (out / path).parent
    while parent != out:
        try:  # rmdir says whether it is empty: listing papers/ (a file a paper) once for each file removed
            parent.rmdir()  # made removing 25,000 files take five minutes
        except OSError:  # not empty (so neither is any directory above it), or already gone
            break
        parent = parent.parent
