"""The site settings the generator shares with MkDocs, read from mkdocs.yml so they live in one place."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import yaml
import yaml_env_tag
from pydantic import BaseModel, ConfigDict, Field, HttpUrl, ValidationError

from generator.errors import InputError, Notice
from generator.yamlfile import Text, fix, message, read_text


@dataclass(frozen=True)
class Site:
    """What the pages need to know about the site they belong to."""

    name: str
    description: str
    url: str  # absolute, http(s), ending in "/"
    docs_dir: str
    topics: int | None = None  # how many topics to find; None: as many as the catalogue's size calls for


class ExtraSettings(BaseModel):
    """The generator's own settings under mkdocs.yml's `extra:` (the theme's are ignored here)."""

    model_config = ConfigDict(strict=True, frozen=True, extra="ignore")
    catalogue_topics: int | None = Field(None, ge=2, description="set extra: catalogue_topics: to a whole number of "
                                         "2 or more, or remove it to let the catalogue's size decide")


class SiteSettings(BaseModel):
    """The settings of mkdocs.yml that the generator reads (MkDocs checks the others); each field's
    description is the fix printed with an error about it."""

    model_config = ConfigDict(strict=True, frozen=True)
    site_name: Text = Field(description="set site_name: in the MkDocs configuration")
    site_description: str | None = Field(None, description="write site_description: as one line of text")
    site_url: HttpUrl = Field(description="set site_url: to the address the site is published at, such as "
                                          "https://example.org/catalogue/; feeds and paper addresses need it")
    docs_dir: Text | None = Field(None, description="set docs_dir: to the folder MkDocs reads the pages from")
    extra: ExtraSettings = Field(ExtraSettings(), description="write extra: as a mapping of settings")

    def site(self) -> Site:
        return Site(name=self.site_name, description=self.site_description or "",
                    url=str(self.site_url).rstrip("/") + "/", docs_dir=self.docs_dir or "docs",
                    topics=self.extra.catalogue_topics)


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml as MkDocs does for !ENV (site_url: !ENV [SITE_URL, default]); other ! and !!python
    tags, which the generator does not need, read as None."""


_Loader.add_constructor("!ENV", yaml_env_tag.construct_env_tag)
_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def load_config(path: Path) -> dict:
    """An MkDocs configuration file as data (its !!python tags read as None)."""
    return _parse(path, read_text(path))


def load_site(path: Path) -> Site:
    """Site name, description, URL and docs_dir from an MkDocs configuration file; every problem is reported
    at once, on the line of its key."""
    text = read_text(path)
    try:
        return SiteSettings.model_validate(_parse(path, text)).site()
    except ValidationError as error:
        lines = _key_lines(text)
        raise InputError.collected([Notice(str(path), lines.get(str(detail["loc"][0])) if detail["loc"] else None,
                                           message(detail), fix(detail, SiteSettings))
                                    for detail in error.errors()]) from None


def _parse(path: Path, text: str) -> dict:
    try:
        config = yaml.load(text, Loader=_Loader) or {}
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(str(path), mark.line + 1 if mark else None, "not valid YAML", "fix the YAML syntax") from None
    return config if isinstance(config, dict) else {}


def _key_lines(text: str) -> dict[str, int]:
    """The line of each top-level key of a YAML mapping."""
    root = yaml.compose(text, Loader=_Loader)
    pairs = root.value if isinstance(root, yaml.MappingNode) else []
    return {key.value: key.start_mark.line + 1 for key, _ in pairs if isinstance(key, yaml.ScalarNode)}
