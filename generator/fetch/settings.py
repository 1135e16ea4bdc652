"""What to fetch: data/fetch.yaml, checked once at load time, with the command line's options over it.

    contact: https://github.com/owner/repository   # in the User-Agent: how arXiv can reach whoever runs this
    arxiv:
      categories: [cs.CL, cs.LG]       # a paper in any of them
      query: abs:pretraining           # an arXiv API search query; with categories, papers matching both
      days: 5                          # the days to fetch, ending today
    hf:
      days: 2

Every key is optional; a source without its section is not fetched by `python -m generator fetch`, and
`api_url:` in a section points it at another server (a mirror, or a test's). `delay:` (seconds between two
requests, 3 by default) and `max_requests:` (per run, 50 by default) hold for both sources. Every problem of
the file is reported at once, each on its line.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Annotated, ClassVar
from urllib.parse import urlsplit

import yaml
from pydantic import AfterValidator, Field, HttpUrl, PositiveFloat, PositiveInt, ValidationError, model_validator
from pydantic_core import PydanticCustomError

from generator.errors import InputError, Notice
from generator.fetch.arxiv import ARXIV_API, ArxivSearch
from generator.fetch.client import DEFAULT_CONTACT, DEFAULT_DELAY, DEFAULT_MAX_REQUESTS, Client, user_agent
from generator.fetch.hf import HF_API, DailyPapers
from generator.values import is_category
from generator.yamlfile import Entry, Text, fix, message, read_text

ARXIV_HOSTS = ("export.arxiv.org", "arxiv.org")  # where the 3 s of arXiv's terms of use are not negotiable


def _category(text: str) -> str:
    if not is_category(text):
        raise PydanticCustomError("string_pattern_mismatch", "not an arXiv category")
    return text


Category = Annotated[str, AfterValidator(_category)]


class ArxivSettings(Entry):
    """The arxiv: section."""

    shape: ClassVar[str] = "write arxiv: with categories:, query: and days:"
    api_url: HttpUrl = Field(ARXIV_API, description="write api_url: as the address of an arXiv API, or leave it out")
    categories: list[Category] = Field([], description="write categories: [cs.CL, cs.LG] with arXiv categories")
    query: Text | None = Field(None, description="write query: as an arXiv API search query, such as abs:pretraining")
    days: PositiveInt = Field(5, description="write days: as the number of days to fetch, ending today (1 or more)")

    @model_validator(mode="after")
    def _searches_something(self) -> ArxivSettings:
        if not self.categories and self.query is None:
            raise PydanticCustomError("no_search", "arxiv: needs categories:, a query:, or both")
        return self


class HfSettings(Entry):
    """The hf: section."""

    shape: ClassVar[str] = "write hf: with days:"
    api_url: HttpUrl = Field(HF_API, description="write api_url: as the address of the daily papers API")
    days: PositiveInt = Field(2, description="write days: as the number of days to fetch, ending today (1 or more)")


class FetchSettings(Entry):
    """The whole of data/fetch.yaml."""

    shape: ClassVar[str] = "see the example at the top of the file"
    contact: Text = Field(DEFAULT_CONTACT, description="write contact: as your repository's address or an e-mail "
                                                       "address, so that arXiv can reach you")
    delay: PositiveFloat = Field(DEFAULT_DELAY, description="write delay: as seconds between two requests (3 or more "
                                                            "for arXiv)")
    max_requests: PositiveInt = Field(DEFAULT_MAX_REQUESTS, description="write max_requests: as a whole number")
    arxiv: ArxivSettings | None = Field(None, description=ArxivSettings.shape)
    hf: HfSettings | None = Field(None, description=HfSettings.shape)


SECTIONS = {"arxiv": ArxivSettings, "hf": HfSettings}


def load_settings(path: Path) -> FetchSettings:
    """The settings of a fetch.yaml (the defaults when there is none); one InputError for every problem."""
    if not path.exists():
        return FetchSettings()
    text = read_text(path)
    try:
        data, root = yaml.safe_load(text), yaml.compose(text)
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        raise InputError(str(path), mark.line + 1 if mark else None, f"not valid YAML: "
                         f"{getattr(error, 'problem', error)}", "fix the YAML syntax") from None
    try:
        return FetchSettings.model_validate(data if data is not None else {})
    except ValidationError as error:
        raise InputError.collected([_notice(path, root, detail) for detail in error.errors()]) from None


def _notice(path: Path, root: yaml.Node | None, detail) -> Notice:
    """A problem on the line of the key it is about, worded as the other rule files word theirs."""
    loc = detail["loc"]
    section = SECTIONS.get(loc[0]) if len(loc) > 1 and isinstance(loc[0], str) else None
    named = {**detail, "loc": (".".join(str(part) for part in loc if isinstance(part, str)),
                               *(part for part in loc if isinstance(part, int)))}
    return Notice(str(path), _line(root, loc), message(named),
                  fix({**detail, "loc": loc[1:]}, section) if section else fix(detail, FetchSettings))


def _line(node: yaml.Node | None, loc: tuple) -> int | None:
    """The line of the innermost key of `loc` that the file has."""
    for part in loc:
        children = node.value if isinstance(node, yaml.MappingNode | yaml.SequenceNode) else []
        if isinstance(node, yaml.MappingNode):
            child = next((value for key, value in children if key.value == part), None)
        else:
            child = children[part] if isinstance(part, int) and part < len(children) else None
        if child is None:
            break
        node = child
    return node.start_mark.line + 1 if node is not None else None


Source = ArxivSearch | DailyPapers


def sources(settings: FetchSettings, only: str | None, today: datetime.date, *, categories: tuple[str, ...] = (),
            query: str | None = None, since: datetime.date | None = None, until: datetime.date | None = None,
            api_url: str | None = None, file: Path = Path("data/fetch.yaml")) -> list[Source]:
    """What to fetch: the source named (`only`: "arxiv" or "hf"), else every source the settings configure;
    the command line's categories, query, days and address over the settings'."""
    names = [only] if only else [name for name in SECTIONS if getattr(settings, name) is not None]
    if not names:
        raise InputError(str(file), None, "nothing to fetch: no arxiv: or hf: section",
                         "add one (README, 'Daily updates'), or name a source: fetch arxiv --category cs.CL "
                         "--since YYYY-MM-DD")
    until = until or today
    spans = {name: (_since(since, getattr(settings, name), until, name, file), until) for name in names}
    return [_arxiv(settings.arxiv, *spans[name], categories, query, api_url, file) if name == "arxiv" else
            DailyPapers(*spans[name], api_url=_api(settings.hf, HF_API, api_url)) for name in names]


def arxiv_api(settings: FetchSettings, api_url: str | None = None) -> str:
    """The arXiv API to ask: the command line's, else the settings', else arXiv's."""
    return _api(settings.arxiv, ARXIV_API, api_url)


def _api(section: ArxivSettings | HfSettings | None, default: str, api_url: str | None) -> str:
    return str(api_url or (section.api_url if section else default))


def _arxiv(section: ArxivSettings | None, since: datetime.date, until: datetime.date, categories: tuple[str, ...],
           query: str | None, api_url: str | None, file: Path) -> ArxivSearch:
    """The command line's search when it gives one (--category, --query), else the settings'."""
    if not categories and query is None and section is not None:
        categories, query = tuple(section.categories), section.query
    if not categories and query is None:
        raise InputError("fetch arxiv", None, "nothing to search for",
                         f"give --category CAT or --query QUERY, or categories: under arxiv: in {file}")
    return ArxivSearch(since, until, tuple(categories), query, api_url=_api(section, ARXIV_API, api_url))


def _since(since: datetime.date | None, section: ArxivSettings | HfSettings | None, until: datetime.date, name: str,
           file: Path) -> datetime.date:
    if since is None and section is None:
        raise InputError("--since", None, f"missing, and {file} has no {name}: section with days:",
                         "give --since YYYY-MM-DD")
    since = since or until - datetime.timedelta(days=section.days - 1)
    if since > until:
        raise InputError("--since", None, f"{since} is after --until {until}", "give a --since on or before --until")
    return since


def client(settings: FetchSettings, api_urls: list[str], *, contact: str | None = None, delay: float | None = None,
           max_requests: int | None = None, timeout: float | None = None) -> Client:
    """The run's client for the APIs at `api_urls`, with the command line's values over the settings'. arXiv's
    own servers get no less than the 3 s its terms of use ask for between two requests."""
    delay = settings.delay if delay is None else delay
    arxiv = [url for url in api_urls if urlsplit(url).hostname in ARXIV_HOSTS]
    if arxiv and delay < DEFAULT_DELAY:
        raise InputError("--delay", None, f"{delay:g} s between requests to {arxiv[0]}: arXiv's terms of use ask for "
                         f"{DEFAULT_DELAY:g} s or more", "leave --delay and delay: out")
    contact = contact or settings.contact
    if not contact.isprintable():  # it goes into a header, where a line break would end it
        raise InputError("contact", None, f"{contact[:60]!r} holds a line break or another control character",
                         "write the contact on one line")
    extra = {"timeout": timeout} if timeout is not None else {}
    return Client(user_agent(contact), delay=delay,
                  max_requests=max_requests or settings.max_requests, **extra)
