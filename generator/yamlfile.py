"""Reading the curator's YAML files: each entry checked against a typed model and kept with the line it starts on."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, ClassVar, TypeVar

import yaml
from pydantic import BaseModel, ConfigDict, StringConstraints, ValidationError
from pydantic_core import ErrorDetails

from generator.errors import InputError, Notice

Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# Pydantic's wording where a curator would not recognise it; {place} is the key, {input} the value.
MESSAGES = {
    "missing": "no '{place}:'",
    "extra_forbidden": "unknown key '{place}'",
    "model_type": "expected keys and values",
    "url_parsing": "{place} {input!r} is not a web address",
    "url_scheme": "{place} {input!r} is not an http(s) address",
    "string_pattern_mismatch": "{place} {input!r} is not in the expected form",
}


class Entry(BaseModel):
    """One entry of a curator's file: strict types (no "yes" for true), no unknown keys, not changed once read.
    Each field's description says how to write it: it is the fix printed with an error about that field."""

    model_config = ConfigDict(strict=True, extra="forbid", frozen=True)
    noun: ClassVar[str] = "entry"  # what errors call one entry, with its name: "tag 'Vision': ..."
    shape: ClassVar[str] = "see the example at the top of the file"


Model = TypeVar("Model", bound=BaseModel)


def load_models(path: Path, key: str, model: type[Model], context: dict | None = None,
                loader: type = yaml.SafeLoader) -> tuple[list[tuple[int, Model]], list[Notice]]:
    """The entries under `key`, each validated as `model` (with `context` for its validators) and kept with
    its line; and a Notice for every problem of every entry."""
    valid, problems = [], []
    for line, entry in load_entries(path, key, loader):
        try:
            valid.append((line, model.model_validate(entry, context=context)))
        except ValidationError as error:
            problems += notices(str(path), line, error, model, label(model, entry))
    return valid, problems


def notices(file: str, line: int | None, error: ValidationError, model: type[BaseModel],
            prefix: str = "") -> list[Notice]:
    """One Notice per problem pydantic found in one entry, worded for the person who wrote the file."""
    return [Notice(file, line, prefix + message(detail), fix(detail, model)) for detail in error.errors()]


def message(detail: ErrorDetails) -> str:
    place = " item ".join(str(part + 1 if isinstance(part, int) else part) for part in detail["loc"])
    if detail["input"] is None and detail["type"] != "missing" and place:
        return f"'{place}:' is empty"
    template = MESSAGES.get(detail["type"])
    if template:
        return template.format(place=place, input=detail["input"])
    text = detail["msg"][0].lower() + detail["msg"][1:] if detail["msg"][1:2].islower() else detail["msg"]
    return f"{place}: {text}" if place else text


def fix(detail: ErrorDetails, model: type[BaseModel]) -> str:
    field = model.model_fields.get(str(detail["loc"][0])) if detail["loc"] else None
    if detail["type"] == "extra_forbidden":
        return f"use only {', '.join(sorted(model.model_fields))}"
    return (field.description or "") if field else getattr(model, "shape", "")


def label(model: type[BaseModel], entry: object) -> str:
    """ "tag 'Vision': " for an entry with a name, so that errors say which one they are about."""
    name = entry.get("name") if isinstance(entry, dict) else None
    return f"{getattr(model, 'noun', 'entry')} {name.strip()!r}: " if isinstance(name, str) and name.strip() else ""


def load_entries(path: Path, key: str, loader: type = yaml.SafeLoader) -> list[tuple[int, Any]]:
    """The items of the list under `key` in a YAML file, each with the 1-based line it starts on."""
    text = read_text(path)
    try:
        data = yaml.load(text, Loader=loader)
        root = yaml.compose(text, Loader=loader)
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
