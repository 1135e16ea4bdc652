"""The site settings the generator shares with MkDocs, read from mkdocs.yml so they live in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
import yaml_env_tag

from generator.errors import InputError
from generator.yamlfile import read_text


@dataclass(frozen=True)
class Site:
    """What the pages need to know about the site they belong to."""

    name: str
    description: str
    url: str | None
    docs_dir: str


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for !ENV (site_url: !ENV [SITE_URL, default]); other ! and !!python
    tags, which the generator does not need, read as None."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path) -> dict:
    """An MkDocs configuration file as data (its !!python tags read as None)."""
    try:
        config = yaml.load(read_text(path), Loader=_Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(str(path), mark.line + 1 if mark else None, "not valid YAML", "fix the YAML syntax") from None
    return config if isinstance(config, dict) else {}


def load_site(path: Path) -> Site:
    """Site name, description, URL and docs_dir from an MkDocs configuration file."""
    config = load_config(path)
    if not isinstance(config.get("site_name"), str):
        raise InputError(str(path), None, "no site_name", "set site_name: in the MkDocs configuration")
    url = config.get("site_url")
    return Site(name=config["site_name"], description=str(config.get("site_description") or ""),
                url=url.rstrip("/") + "/" if isinstance(url, str) and url else None,
                docs_dir=str(config.get("docs_dir") or "docs"))
