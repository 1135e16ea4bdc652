"""Reading a saved Hugging Face daily papers response: the JSON array of
https://huggingface.co/api/daily_papers?date=YYYY-MM-DD.

The shape is the one Hugging Face's OpenAPI spec gives GET /api/daily_papers (as Stainless generated it into
a client: pyhfapi 1.0.0 on PyPI, hfpy/types/api_get_daily_papers_response.py): a list of items, each with a
`paper` (id: the arXiv identifier, authors[] with _id/name/hidden, publishedAt, title, summary, upvotes,
discussionId; optionally githubRepo, githubStars, projectPage, mediaUrls, submittedOnDailyAt,
submittedOnDailyBy, ai_summary, ai_keywords) and, beside it, publishedAt, title, summary, thumbnail,
numComments, submittedBy and isAuthorParticipating. A real item, shortened:

    {"paper":{"id":"2509.04664","authors":[{"_id":"68be5810c123124955ef60ac","name":"Adam Tauman Kalai",
    "hidden":false},...],"publishedAt":"2025-09-04T21:26:31.000Z","submittedOnDailyAt":"2025-09-08T02:44:20.973Z",
    "title":"Why Language Models Hallucinate","submittedOnDailyBy":{"_id":"6039478ab3ecf716b1a5fd4d",...},
    "summary":"Like students facing hard exam questions, large language models sometimes\\nguess when uncertain,
    ...","upvotes":26,"discussionId":"68be5810c123124955ef60b0","ai_summary":"Language models produce incorrect
    statements due to training and evaluation procedures that reward guessing ...","ai_keywords":[
    "hallucinations","binary classification",...]},"publishedAt":"2025-09-04T21:26:31.000Z",...}

`paper.summary` is the authors' abstract, with arXiv's line breaks (folded). `ai_summary` is a digest a model
wrote and is never the abstract: an item without a summary is skipped, not filled from it. The date is
`paper.publishedAt` (the arXiv submission, UTC), `upvotes` the votes, `githubRepo` the code repository. A
response is one line, so every item is on line 1: notices also name the item's position and paper id.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass

from generator.errors import InputError, Notice
from generator.model import Record, Source
from generator.read.fields import BadRecord, code_link, fold_lines, json_problem, kind_of, string_field, utc_date
from generator.values import ArxivId, PaperDate

FIX = "save the response of https://huggingface.co/api/daily_papers?date=YYYY-MM-DD as it came"
ITEM_FIX = "each item of a daily papers response has a 'paper' object with string 'id', 'title' and 'summary'"
REPOSITORY_PATH = re.compile(r"[\w.-]+/[\w.-]+")  # "org/repo", as githubRepo is sometimes given
BETWEEN_ITEMS = re.compile(r"\s*,?\s*")


@dataclass(frozen=True)
class DailyPapers:
    """What one Hugging Face daily papers response held: its papers and a notice per item skipped."""

    papers: tuple[Record, ...]
    notices: tuple[Notice, ...]


def parse_hf_daily(text: str, file: str) -> DailyPapers:
    """The papers of a daily papers response in the order given; an InputError for a file that is not such
    a response (not JSON, not an array, or the API's {"error": ...})."""
    papers, notices = [], []
    for number, (line, item) in enumerate(_items(text, file), start=1):
        try:
            papers.append(record_from(item, Source(file, line)))
        except BadRecord as bad:
            notices.append(Notice(file, line, f"item {number}{_paper_id(item)}: {bad}; skipped", bad.fix))
    return DailyPapers(tuple(papers), tuple(notices))


def _items(text: str, file: str) -> Iterator[tuple[int, object]]:
    """Each element of the top-level array with the line it starts on (json.loads keeps no positions)."""
    decoder, start = json.JSONDecoder(), len(text) - len(text.lstrip())
    if not text.startswith("[", start):
        _raise_not_an_array(text, file)
    position = _skip(text, start + 1)
    while not text.startswith("]", position):
        try:
            item, end = decoder.raw_decode(text, position)
        except json.JSONDecodeError as error:
            raise InputError(file, error.lineno, json_problem(error), FIX) from None
        yield text.count("\n", 0, position) + 1, item
        position = _skip(text, end)
    if text[position + 1:].strip():
        raise InputError(file, text.count("\n", 0, position) + 1, "text after the end of the array", FIX)


def _skip(text: str, position: int) -> int:
    """The position after the whitespace and comma that separate two array elements."""
    return BETWEEN_ITEMS.match(text, position).end()


def _raise_not_an_array(text: str, file: str) -> None:
    try:
        value = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(file, error.lineno, json_problem(error), FIX) from None
    if isinstance(value, dict) and isinstance(value.get("error"), str):
        raise InputError(file, 1, f"Hugging Face answered with an error, not papers: {fold_lines(value['error'])}",
                         "check the date in the request and save the new response")
    raise InputError(file, 1, f"{kind_of(value)} in JSON, not the array of a daily papers response", FIX)


def record_from(item: object, source: Source) -> Record:
    """A paper from one item of the array; BadRecord says what is wrong with it."""
    paper = _paper(item)
    arxiv_id = _arxiv_id(string_field(paper, "id", ITEM_FIX, required=True))
    title = fold_lines(string_field(paper, "title", ITEM_FIX) or string_field(item, "title", ITEM_FIX))
    abstract = fold_lines(string_field(paper, "summary", ITEM_FIX))
    if not title:
        raise BadRecord("no title", ITEM_FIX)
    if not abstract:
        raise BadRecord("no summary (the abstract); its ai_summary is a model's digest, not the abstract",
                        "keep items whose paper has its authors' 'summary'")
    return Record(title=title, abstract=abstract, source=source, date=_published(paper, item),
                  authors=_authors(paper), arxiv_id=arxiv_id, upvotes=_upvotes(paper),
                  code_url=_repository(string_field(paper, "githubRepo", ITEM_FIX)))


def _paper(item: object) -> dict:
    if not isinstance(item, dict):
        raise BadRecord(f"{kind_of(item)}, not an object", ITEM_FIX)
    paper = item.get("paper")
    if not isinstance(paper, dict):
        raise BadRecord(f"'paper' is {kind_of(paper)}, not an object" if "paper" in item else "no 'paper'", ITEM_FIX)
    return paper


def _paper_id(item: object) -> str:
    paper = item.get("paper") if isinstance(item, dict) else None
    identifier = paper.get("id") if isinstance(paper, dict) else None
    return f" ({identifier[:30]})" if isinstance(identifier, str) and identifier.strip() else ""


def _arxiv_id(value: str) -> ArxivId:
    try:
        return ArxivId.parse(value)
    except ValueError:
        raise BadRecord(f"'id' {value[:30]!r} is not an arXiv identifier",
                        "a daily paper's 'id' is its arXiv identifier, such as 2509.04664") from None


def _published(paper: dict, item: dict) -> PaperDate:
    published = string_field(paper, "publishedAt", ITEM_FIX) or string_field(item, "publishedAt", ITEM_FIX)
    if not published:
        return PaperDate.none()
    try:
        return PaperDate.of(utc_date(published))
    except ValueError:
        raise BadRecord(f"'publishedAt' {published[:30]!r} is not a timestamp",
                        "write it as the API does: 2025-09-04T21:26:31.000Z") from None


def _authors(paper: dict) -> tuple[str, ...]:
    authors = paper.get("authors") or []
    if not isinstance(authors, list) or not all(isinstance(author, dict) for author in authors):
        raise BadRecord(f"'authors' is {kind_of(authors)}, not a list of objects", ITEM_FIX)
    names = (fold_lines(author["name"]) for author in authors if isinstance(author.get("name"), str))
    return tuple(name for name in names if name)


def _upvotes(paper: dict) -> int | None:
    upvotes = paper.get("upvotes")
    return int(upvotes) if isinstance(upvotes, (int, float)) and not isinstance(upvotes, bool) else None


def _repository(github_repo: str) -> str | None:
    """The code repository of 'https://github.com/org/repo' or of a bare 'org/repo'."""
    github_repo = github_repo.strip()
    if REPOSITORY_PATH.fullmatch(github_repo):
        github_repo = f"https://github.com/{github_repo}"
    return code_link(github_repo)
