"""Fast matching of many curated phrases against many texts, word by word.

A phrase is a few words. Case is ignored; a hyphen or space between two words of a phrase also
matches a hyphen, a space or nothing ("pre-train" matches "pretrain" and "pre train"); a trailing
`*` on a word matches any ending ("distill*"). Texts are split into words once, and each word
looks up the phrases that can start with it, so the cost grows with the text, not the phrase list.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter, defaultdict
from dataclasses import dataclass

WORD = re.compile(r"[a-z0-9]+(?:['’][a-z]+)?")
JOINT = re.compile(r"[\s-]+")


@dataclass(frozen=True)
class Pattern:
    """One spelling of a phrase: its words, the last one possibly a prefix."""

    key: str
    words: tuple[str, ...]
    prefix: bool


def words_of(text: str) -> list[str]:
    """The lower-case words of a text, split at anything but letters, digits and apostrophes."""
    return WORD.findall(text.lower().replace("’", "'"))


def spellings(phrase: str) -> list[tuple[tuple[str, ...], bool]]:
    """Every word sequence a phrase stands for: each hyphen or space may also be nothing."""
    prefix = phrase.endswith("*")
    parts = [words_of(part) for part in JOINT.split(phrase.rstrip("*").strip()) if words_of(part)]
    if not parts:
        return []
    results = []
    for joins in itertools.product((False, True), repeat=len(parts) - 1):
        words = [list(parts[0])]
        for join, part in zip(joins, parts[1:]):
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
                    pattern = Pattern(key, words, prefix)
                    first_is_prefix = prefix and len(words) == 1
                    (self.prefixes if first_is_prefix else self.exact)[words[0]].append(pattern)
        self.prefix_lengths = sorted({len(start) for start in self.prefixes})
        self.starts: dict[str, tuple[Pattern, ...]] = {}  # per distinct word: texts repeat words a lot

    def count(self, text: str) -> Counter[str]:
        """How many times each key's phrases occur in the text (overlapping phrases of one key count once)."""
        words = words_of(text)
        found: dict[str, set[int]] = defaultdict(set)
        for position, word in enumerate(words):
            for pattern in self._starting_with(word):
                if _matches(pattern, words, position):
                    found[pattern.key].add(position)
        return Counter({key: len(positions) for key, positions in found.items()})

    def _starting_with(self, word: str) -> tuple[Pattern, ...]:
        found = self.starts.get(word)
        if found is None:
            candidates = list(self.exact.get(word, ()))
            for length in self.prefix_lengths:
                if length > len(word):
                    break
                candidates.extend(self.prefixes.get(word[:length], ()))
            found = self.starts[word] = tuple(candidates)
        return found


def _matches(pattern: Pattern, words: list[str], position: int) -> bool:
    end = position + len(pattern.words)
    if end > len(words):
        return False
    *whole, last = pattern.words
    if list(words[position:end - 1]) != whole:
        return False
    return words[end - 1].startswith(last) if pattern.prefix else words[end - 1] == last
