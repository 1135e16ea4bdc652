"""Who each paper is across builds: its stable key, and the slug, citation key and first-seen day the ledger keeps.

A paper the ledger knows (by its arXiv id, DOI or normalised title, or a key it was known by before) keeps what
the ledger says, whatever else changed. A paper without arXiv id or DOI whose title was corrected is known by
its old address when one paper that left the inputs had a nearly equal slug. New papers get names no ledger
line has ever had, so an old address or citation key never comes to mean another paper.
"""

from __future__ import annotations

import datetime
import difflib
import hashlib
from dataclasses import dataclass, replace
from urllib.parse import quote

from generator.enrich.merge import normalised_title
from generator.enrich.slugs import make_slug
from generator.errors import Notice
from generator.ledger import MERGED, NONE, PUBLISHED, RETIRED, Entry, Ledger
from generator.model import Catalogue, Record

# ledger lines of the pages that are not papers; listings: lines keep the pages of the index and the new papers
TAG_PAGE, ENTITY_PAGE, TOPIC_PAGE, LISTING = "tags:", "entities:", "topics:", "listings:"
SIMILAR_SLUG = 0.9  # difflib's ratio between a corrected title's slug and the old one: a typo, not another paper
KEY_SAFE = "/:;()._-<>[]+#*!?'&@$=~"  # a DOI's characters kept in a key; ",", "%", spaces and tabs are quoted


def merged_keys(members: list[Record], record: Record) -> tuple[str, ...]:
    """The keys of a paper read several times: those of the record made of them first, then every copy's."""
    return tuple(dict.fromkeys([*record_keys(record), *(key for member in members for key in record_keys(member))]))


def record_keys(record: Record) -> tuple[str, ...]:
    """Every key a record can be known by, the most stable first: arXiv id, DOI, normalised title."""
    keys = [f"arxiv:{record.arxiv_id}"] if record.arxiv_id else []
    if record.doi:
        keys.append("doi:" + quote(record.doi.lower(), safe=KEY_SAFE))
    digest = hashlib.sha256(normalised_title(record.title).encode("utf-8")).hexdigest()[:16]
    return (*keys, f"title:{digest}")


@dataclass(frozen=True)
class Known:
    """What the ledger says of the records of one build: each record's entry, None for a new paper."""

    entries: tuple[Entry | None, ...]
    notices: tuple[Notice, ...] = ()


def recognise(records: list[Record], keys: list[tuple[str, ...]], ledger: Ledger) -> Known:
    """Each record's ledger entry, found by any of its `keys`; the most stable keys are matched first, so a record
    with an arXiv id claims its entry before a title-only record could."""
    index = {key: entry for key, entry in ledger.by_key().items() if is_paper(entry)}
    found: list[Entry | None] = [None] * len(records)
    claimed: set[str] = set()
    order = sorted(range(len(records)), key=lambda position: (_rank(records[position]), keys[position]))
    for position in order:
        entry = next((index[key] for key in keys[position] if key in index
                      and index[key].key not in claimed and _compatible(index[key], records[position])), None)
        if entry is not None:
            found[position] = entry
            claimed.add(entry.key)
    notices = _corrected_titles(records, found, ledger, claimed)
    return Known(tuple(found), tuple(notices))


def _rank(record: Record) -> int:
    return 0 if record.arxiv_id else 1 if record.doi else 2


def _compatible(entry: Entry, record: Record) -> bool:
    """An entry known by another arXiv id (or DOI) than the record's is another paper with the same title."""
    mine = record_keys(record)
    for scheme in ("arxiv:", "doi:"):
        theirs = [key for key in entry.keys if key.startswith(scheme)]
        ours = [key for key in mine if key.startswith(scheme)]
        if theirs and ours and not set(theirs) & set(ours):
            return False
    return True


def _corrected_titles(records: list[Record], found: list[Entry | None], ledger: Ledger,
                      claimed: set[str]) -> list[Notice]:
    """Title-only papers that left the inputs, matched one to one with new papers whose slug is nearly theirs."""
    gone = [entry for entry in ledger.entries
            if is_paper(entry) and entry.key not in claimed and entry.status == PUBLISHED
            and all(key.startswith("title:") for key in entry.keys)]
    new = [position for position, entry in enumerate(found) if entry is None]
    if not gone or not new:
        return []
    pairs = sorted((-ratio, entry.key, position, entry) for position in new
                   for entry, ratio in _close_slugs(make_slug(records[position].title), gone))
    notices = []
    for _, _, position, entry in pairs:
        if found[position] is None and entry.key not in claimed:
            found[position] = entry
            claimed.add(entry.key)
            record = records[position]
            notices.append(Notice(record.source.file, record.source.line,
                                  f"title differs from the paper first published as {entry.slug} "
                                  f"({entry.first_seen}); taken as that paper with its title corrected, its address "
                                  "and citation key kept",
                                  f"nothing to do if so; if it is another paper, set the status of {entry.key} "
                                  f"to {RETIRED} in {ledger.file} and build again"))
    return notices


def _close_slugs(slug: str, gone: list[Entry], candidates: int = 20) -> list[tuple[Entry, float]]:
    """The entries whose slug is nearly `slug`, with difflib's ratio; compared only with those sharing most of
    its words, so that a thousand removals and a thousand new papers stay quick."""
    words = set(slug.split("-"))
    shared = sorted(((len(words & set(entry.slug.split("-"))), entry.key, entry) for entry in gone),
                    key=lambda item: (-item[0], item[1]))
    close = [entry for count, _, entry in shared[:candidates] if count * 2 >= len(words)]
    return [(entry, ratio) for entry in close
            if (ratio := difflib.SequenceMatcher(None, slug, entry.slug).ratio()) >= SIMILAR_SLUG]


def dated(record: Record, seen: datetime.date) -> Record:
    """A listing date without a year takes the year that puts it on or before the day the paper was first seen."""
    return replace(record, date=record.date.on_or_before(seen)) if record.date and record.date.year is None else record


def new_keys(keys: list[tuple[str, ...]], known: Known, ledger: Ledger) -> list[str]:
    """Each paper's ledger key: its entry's, else its most stable key that no ledger line holds."""
    index = ledger.by_key()
    return [entry.key if entry else next((key for key in own if key not in index), own[0])
            for own, entry in zip(keys, known.entries, strict=True)]


def is_paper(entry: Entry) -> bool:
    return entry.page_kind is None


def kept_pages(ledger: Ledger, kind: str) -> frozenset[str]:
    """The slugs of the tag (or entity) pages the ledger says were published."""
    return frozenset(entry.slug for entry in ledger.entries if entry.key.startswith(kind) and entry.status == PUBLISHED)


def ledger_after(ledger: Ledger, catalogue: Catalogue, today: datetime.date) -> Ledger:
    """The ledger with this build's papers: new ones added, known ones kept as they were (with any new key
    they are known by), those that left retired, and an entry whose keys another paper now carries merged;
    and a line for every tag, entity and topic page, kept when the taxonomy, the entities or the topics found no
    longer have them."""
    papers = list(catalogue.papers)
    index = {key: entry for key, entry in ledger.by_key().items() if is_paper(entry)}
    entries: dict[str, Entry] = {}
    absorbed: dict[str, str] = {}
    for paper in sorted(papers, key=lambda paper: paper.slug):
        old = index.get(paper.key)
        best = (paper.known_keys or record_keys(paper.record))[0]
        aliases = old.aliases if old else ()
        if best != paper.key and best not in aliases and best not in index:
            aliases = tuple(sorted((*aliases, best)))
        entries[paper.key] = Entry(paper.key, paper.slug, paper.citation_key, paper.first_seen, PUBLISHED, aliases)
        for key in paper.known_keys or record_keys(paper.record):
            if key in index:
                absorbed.setdefault(index[key].key, paper.key)
    pages = ([(TAG_PAGE, tag.slug) for tag in catalogue.tags]
             + [(ENTITY_PAGE, entity.slug) for entity in catalogue.entities]
             + [(TOPIC_PAGE, topic.slug) for topic in catalogue.topics])
    before = {entry.key: entry for entry in ledger.entries}
    for kind, slug in pages:
        key = kind + slug
        old = before.get(key)
        entries[key] = Entry(key, slug, NONE, old.first_seen if old else today, pages=old.pages if old else 0)
    for entry in ledger.entries:
        if entry.key.startswith(LISTING):
            entries[entry.key] = entry
        elif entry.key not in entries:
            entries[entry.key] = replace(entry, status=_status_after(entry, absorbed.get(entry.key)))
    return Ledger(ledger.file, tuple(sorted(entries.values(), key=lambda entry: entry.key)))


def _status_after(entry: Entry, absorbed_by: str | None) -> str:
    if absorbed_by is not None and absorbed_by != entry.key:
        return MERGED + absorbed_by
    return RETIRED if entry.status == PUBLISHED else entry.status


def taken_slugs(ledger: Ledger) -> frozenset[str]:
    """Every paper slug the ledger has handed out."""
    return frozenset(entry.slug for entry in ledger.entries if is_paper(entry))


def taken_citation_keys(ledger: Ledger) -> frozenset[str]:
    """Every citation key the ledger has handed out, lower-cased as BibTeX compares them."""
    return frozenset(entry.citation_key.lower() for entry in ledger.entries if is_paper(entry))

