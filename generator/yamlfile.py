"""Reading the curator's YAML files, keeping the line each entry starts on for error messages."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from generator.errors import InputError


def load_entries(path: Path, key: str) -> list[tuple[int, Any]]:
    """The items of the list under `key` in a YAML file, each with the 1-based line it starts on."""
    text = read_text(path)
    try:
        data = yaml.safe_load(text)
        root = yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(str(path), mark.line + 1 if mark else None,
                         f"not valid YAML: {getattr(error, 'problem', error)}", "fix the YAML syntax") from None
    if data is None:
        return []
    if not isinstance(data, dict) or not isinstance(data.get(key, []), list):
        raise InputError(str(path), 1, f"expected a mapping with a list under '{key}:'",
                         f"start the file with '{key}:' followed by '- ' entries")
    items = data.get(key) or []
    nodes = next(value for name, value in root.value if name.value == key).value if items else []
    return [(node.start_mark.line + 1, item) for node, item in zip(nodes, items, strict=True)]


def read_text(path: Path) -> str:
    """A UTF-8 file's text, or an InputError naming the file."""
    try:
        return path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as error:
        raise InputError(str(path), None, f"cannot read: {getattr(error, 'strerror', None) or error}",
                         "check the path and that the file is UTF-8 text") from None
