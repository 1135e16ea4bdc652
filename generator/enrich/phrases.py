"""Fast matching of many curated phrases against many texts, word by word.

A phrase is a few words. Case is ignored; a hyphen or space between two words of a phrase also
matches a hyphen, a space or nothing ("pre-train" matches "pretrain" and "pre train"); a trailing
`*` on a word matches any ending ("distill*"). Texts are split into words once, and each word
looks up the phrases that can start with it, so the cost grows with the text, not the phrase list.

`count` counts every occurrence; `found` says which phrases occur, where the longest phrase wins
over any shorter one that lies inside it ("vision-language model" hides "language model"), and a
phrase used as a modifier ("LLM-based", "physics-informed") names a means, not a subject, so it
is left out.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import NamedTuple

WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
JOINT = re.compile(r"[\s-]+")
MODIFIER_ENDINGS = frozenset({"accelerated", "agnostic", "assisted", "augmented", "aware", "based", "centric",
                              "conditioned", "constrained", "driven", "empowered", "enabled", "enhanced", "guided",
                              "informed", "inspired", "integrated", "oriented", "powered"})
MODIFIED = re.compile(r"-(?:" + "|".join(sorted(MODIFIER_ENDINGS)) + r")\b")


@dataclass(frozen=True)
class Pattern:
    """One spelling of a phrase: its words, the last one possibly a prefix."""

    key: str
    words: tuple[str, ...]
    prefix: bool
    phrase: str = ""


class Match(NamedTuple):
    """Where one phrase occurs in a text's words: from `start` up to, not including, `end`."""

    key: str
    phrase: str
    start: int
    end: int


def words_of(text: str) -> list[str]:
    """The lower-case words of a text, split at anything but letters, digits and apostrophes."""
    return WORD.findall(_normal(text))


def modifies(spans: list[re.Match], position: int) -> bool:
    """True when the word at a position is hyphened to a modifier ending: "LLM" in "LLM-based"."""
    word = spans[position]
    following = spans[position + 1] if position + 1 < len(spans) else None
    return (following is not None and following.start() == word.end() + 1
            and word.string[word.end()] == "-" and following.group() in MODIFIER_ENDINGS)


def _normal(text: str) -> str:
    return text.lower().replace("’", "'")


def spellings(phrase: str) -> list[tuple[tuple[str, ...], bool]]:
    """Every word sequence a phrase stands for: each hyphen or space may also be nothing."""
    prefix = phrase.endswith("*")
    parts = [words_of(part) for part in JOINT.split(phrase.rstrip("*").strip()) if words_of(part)]
    if not parts:
        return []
    results = []
    for joins in itertools.product((False, True), repeat=len(parts) - 1):
        words = [list(parts[0])]
        for join, part in zip(joins, parts[1:], strict=True):
            if join:
                words[-1][-1] += part[0]
                words[-1].extend(part[1:])
            else:
                words.append(list(part))
        results.append((tuple(word for group in words for word in group), prefix))
    return results


class PhraseMatcher:
    """Counts, per key, how often any of the key's phrases occurs in a text."""

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        self.exact: dict[str, list[Pattern]] = defaultdict(list)
        self.prefixes: dict[str, list[Pattern]] = defaultdict(list)
        for key, key_phrases in phrases.items():
            for phrase in key_phrases:
                for words, prefix in spellings(phrase):
                    pattern = Pattern(key, words, prefix, phrase)
                    first_is_prefix = prefix and len(words) == 1
                    (self.prefixes if first_is_prefix else self.exact)[words[0]].append(pattern)
        self.prefix_lengths = sorted({len(start) for start in self.prefixes})
        self.starts: dict[str, tuple] = {}  # per distinct word, from _starting_with: texts repeat words a lot

    def count(self, text: str) -> Counter[str]:
        """How many times each key's phrases occur in the text (overlapping phrases of one key count once)."""
        words = words_of(text)
        found: dict[str, set[int]] = defaultdict(set)
        for match in self._matches_in(words):
            found[match.key].add(match.start)
        return Counter({key: len(positions) for key, positions in found.items()})

    def found(self, text: str) -> dict[str, set[str]]:
        """Per key, the distinct phrases that occur in the text, leaving out any occurrence that lies
        inside a longer phrase's (of any key) or is used as a modifier ("LLM-based"). Where two
        phrases of a key match the same words ("agent*" and "agentic"), only the longer counts."""
        normal = _normal(text)
        spans = list(WORD.finditer(normal)) if MODIFIED.search(normal) else []  # most texts have no modifier
        words = [span.group() for span in spans] if spans else WORD.findall(normal)
        by_span: dict[tuple[str, int, int], str] = {}
        for match in outermost(self._matches_in(words)):
            if not (spans and modifies(spans, match.end - 1)):
                place = (match.key, match.start, match.end)
                other = by_span.get(place)
                by_span[place] = match.phrase if other is None else max(other, match.phrase, key=_specificity)
        kept: dict[str, set[str]] = defaultdict(set)
        for (key, _, _), phrase in by_span.items():
            kept[key].add(phrase)
        return dict(kept)

    def _matches_in(self, words: list[str]) -> list[Match]:
        found = []
        for position, word in enumerate(words):
            starting = self.starts.get(word)
            if starting is None:
                starting = self.starts[word] = self._starting_with(word)
            if not starting:
                continue
            alone, by_next_word = starting
            for pattern in alone:
                found.append(Match(pattern.key, pattern.phrase, position, position + 1))
            if by_next_word and position + 1 < len(words):
                following = words[position + 1]
                for pattern in by_next_word.get(following, ()) + by_next_word.get("*", ()):
                    if _matches(pattern, words, position):
                        found.append(Match(pattern.key, pattern.phrase, position, position + len(pattern.words)))
        return found

    def _starting_with(self, word: str) -> tuple[tuple[Pattern, ...], dict[str, tuple[Pattern, ...]]] | tuple[()]:
        """The one-word patterns that match this word, and the longer ones that start with it by their second
        word ("*" for those whose second word is also their last and a prefix); () if there are none."""
        candidates = list(self.exact.get(word, ()))
        for length in self.prefix_lengths:
            if length > len(word):
                break
            candidates.extend(self.prefixes.get(word[:length], ()))
        if not candidates:
            return ()
        by_next_word: dict[str, list[Pattern]] = defaultdict(list)
        for pattern in candidates:
            if len(pattern.words) > 1:
                loose = pattern.prefix and len(pattern.words) == 2
                by_next_word["*" if loose else pattern.words[1]].append(pattern)
        return (tuple(pattern for pattern in candidates if len(pattern.words) == 1),
                {second: tuple(patterns) for second, patterns in by_next_word.items()})


def _specificity(phrase: str) -> tuple[int, str]:
    return len(phrase.rstrip("*")), phrase


def outermost(matches: list[Match]) -> list[Match]:
    """The matches that no longer match covers: none starts at or before them and reaches as far or further."""
    furthest: dict[int, int] = {}
    for match in matches:
        furthest[match.start] = max(furthest.get(match.start, 0), match.end)
    reach, reach_before = 0, {}
    for start in sorted(furthest):
        reach_before[start] = reach
        reach = max(reach, furthest[start])
    return [match for match in matches if furthest[match.start] == match.end and reach_before[match.start] < match.end]


def _matches(pattern: Pattern, words: list[str], position: int) -> bool:
    """Whether a pattern of several words, whose first word is the one at `position`, goes on to match."""
    end = position + len(pattern.words)
    if end > len(words):
        return False
    for offset in range(1, len(pattern.words) - 1):
        if words[position + offset] != pattern.words[offset]:
            return False
    last = pattern.words[-1]
    return words[end - 1].startswith(last) if pattern.prefix else words[end - 1] == last
