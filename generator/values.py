"""Values that carry their own rules: a paper's date and its arXiv identifier, each parsed once."""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTH_NAMES = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
MONTH_WORD = (r"(?P<month>(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
              r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?)")
LISTING_FORMS = (
    re.compile(rf"{MONTH_WORD}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:,?\s+(?P<year>\d{{4}}))?", re.I),
    re.compile(rf"(?P<day>\d{{1,2}})\s+{MONTH_WORD}(?:,?\s+(?P<year>\d{{4}}))?", re.I),
    re.compile(r"(?P<year>\d{4})-(?P<monthnum>\d{2})-(?P<day>\d{2})"),
)
LISTING_PREFIX = re.compile(r"^(?:[A-Za-z]+\s+on\s+)?(?P<date>.+)$")  # "Published on Mar 11"
ISO_FULL = re.compile(r"(\d{4})-(\d\d)-(\d\d)")
ISO_YEARLESS = re.compile(r"--(\d\d)-(\d\d)")


@dataclass(frozen=True)
class PaperDate:
    """A full date, a listing date without a year (month and day), or no date at all."""

    year: int | None = None
    month: int | None = None
    day: int | None = None

    @classmethod
    def none(cls) -> PaperDate:
        return cls()

    @classmethod
    def of(cls, day: datetime.date) -> PaperDate:
        return cls(day.year, day.month, day.day)

    @classmethod
    def parse_iso(cls, text: str) -> PaperDate:
        """'2024-03-11' or '--03-11' (ISO 8601's form without a year); ValueError for anything else."""
        full = ISO_FULL.fullmatch(text)
        if full:
            return cls.of(datetime.date(*map(int, full.groups())))
        yearless = ISO_YEARLESS.fullmatch(text)
        if yearless and _valid_month_day(*map(int, yearless.groups())):
            return cls(None, *map(int, yearless.groups()))
        raise ValueError(f"not a date: {text[:20]!r}")

    @classmethod
    def parse_listing(cls, text: str) -> PaperDate | None:
        """The date of a listing line ("Mar 11, 2024", "Published on Mar 11", "11 March", "2024-03-11")."""
        match = LISTING_PREFIX.match(text)
        for form in LISTING_FORMS:
            found = form.fullmatch(match.group("date")) if match else None
            if found:
                return _from_listing(found)
        return None

    def __bool__(self) -> bool:
        return self.month is not None

    @property
    def full(self) -> datetime.date | None:
        """The calendar day, when the year is known."""
        return datetime.date(self.year, self.month, self.day) if self.year is not None else None

    @property
    def iso(self) -> str | None:
        """'2024-03-11', '--03-11' without a year, None without a date."""
        if not self:
            return None
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}" if self.year is not None else \
            f"--{self.month:02d}-{self.day:02d}"

    @property
    def display(self) -> str:
        """'Mar 11, 2024', 'Mar 11' without a year, '' without a date."""
        if not self:
            return ""
        label = f"{MONTH_NAMES[self.month - 1]} {self.day}"
        return f"{label}, {self.year}" if self.year is not None else label

    @property
    def timestamp(self) -> datetime.datetime | None:
        """Midnight UTC of a full date, for feeds; None when the year is unknown."""
        day = self.full
        return datetime.datetime(day.year, day.month, day.day, tzinfo=datetime.UTC) if day else None

    def newest_first(self) -> tuple[int, int]:
        """Sort key: full dates newest first, then dates without a year (latest first), then no date."""
        if not self:
            return (2, 0)
        if self.year is None:
            return (1, -(self.month * 100 + self.day))
        return (0, -(self.year * 10000 + self.month * 100 + self.day))

    def on_or_before(self, day: datetime.date) -> PaperDate:
        """A date without a year with the year that puts it on `day` or the latest before it (Feb 29 in the
        leap year before); a full date, or none, as it is."""
        if not self or self.year is not None:
            return self
        latest = day.year if (self.month, self.day) <= (day.month, day.day) else day.year - 1
        year = next((year for year in range(latest, latest - 8, -1) if _exists(year, self.month, self.day)), None)
        return PaperDate(year, self.month, self.day) if year is not None else self  # "--02-31" never happens

    def with_year_of(self, other: PaperDate) -> PaperDate:
        """A date without a year takes the year of `other`, when `other` has one."""
        if self and self.year is None and other.year is not None:
            return PaperDate(other.year, self.month, self.day)
        return self


def _exists(year: int, month: int, day: int) -> bool:
    try:
        datetime.date(year, month, day)
    except ValueError:
        return False
    return True


def _valid_month_day(month: int, day: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= 31


def _from_listing(found: re.Match) -> PaperDate | None:
    parts = found.groupdict()
    month = int(parts["monthnum"]) if parts.get("monthnum") else \
        [name.lower() for name in MONTH_NAMES].index(parts["month"][:3].lower()) + 1
    day = int(parts["day"])
    if not _valid_month_day(month, day):
        return None
    return PaperDate(int(parts["year"]) if parts.get("year") else None, month, day)


NEW_STYLE = re.compile(r"(?P<yy>\d\d)(?P<mm>\d\d)\.\d{4,5}")
OLD_STYLE = re.compile(r"[a-z-]+(?:\.[A-Z]{2})?/(?P<yy>\d\d)(?P<mm>\d\d)\d{3}")
ID_IN_TEXT = re.compile(r"(?:arxiv:|https?://(?:export\.|www\.)?arxiv\.org/(?:abs|pdf)/)?"
                        r"(?P<id>\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?/\d{7})(?P<version>v\d+)?(?:\.pdf)?", re.I)
CATEGORY = re.compile(r"[a-z-]+(?:\.[A-Za-z-]+)?")


@dataclass(frozen=True, order=True)
class ArxivId:
    """An arXiv identifier without its version: new style (2401.01234) or old style (hep-th/9901001)."""

    value: str

    @classmethod
    def parse(cls, text: str) -> ArxivId:
        """The identifier in '2401.01234v2', 'arXiv:2401.01234', 'https://arxiv.org/abs/hep-th/9901001v1' and
        the like; ValueError for anything else."""
        found = ID_IN_TEXT.fullmatch(text.strip())
        if not found:
            raise ValueError(f"not an arXiv identifier: {text[:40]!r}")
        return cls(found.group("id"))

    def __str__(self) -> str:
        return self.value

    @property
    def submitted(self) -> tuple[int, int] | None:
        """Year and month of submission that the identifier encodes, when it encodes a real month."""
        shaped = NEW_STYLE.fullmatch(self.value) or OLD_STYLE.fullmatch(self.value)
        if not shaped or not 1 <= int(shaped.group("mm")) <= 12:
            return None
        century = 2000 if NEW_STYLE.fullmatch(self.value) or shaped.group("yy") < "91" else 1900  # old style: 1991-2007
        return century + int(shaped.group("yy")), int(shaped.group("mm"))

    @property
    def abs_url(self) -> str:
        return f"https://arxiv.org/abs/{self.value}"

    @property
    def pdf_url(self) -> str:
        return f"https://arxiv.org/pdf/{self.value}"


def is_category(text: str) -> bool:
    """Whether a string has the shape of an arXiv category (cs.CL, hep-th, math.AG)."""
    return CATEGORY.fullmatch(text) is not None
