"""Names of papers and things: short names from "Name: subtitle" titles, and finding exact names in text."""

from __future__ import annotations

import re

NAME_MAX_CHARS = 32
NAME_MAX_WORDS = 3
ACRONYM_IN_PARENTHESES = re.compile(r"^[^()]+\s\((?P<acronym>[A-Za-z0-9+-]{2,12})\)$")  # "Tiny Time Mixers (TTMs)"


def short_name(title: str) -> str | None:
    """The name before a title's colon when it reads as a name, not as a phrase."""
    head, colon, _ = title.partition(": ")
    head = head.strip()
    if not colon or not head or len(head) > NAME_MAX_CHARS:
        return None
    acronym = ACRONYM_IN_PARENTHESES.match(head)
    if acronym:
        return acronym.group("acronym")
    words = head.split()
    if len(words) == 1:
        return head if any(char.isalnum() for char in head) else None
    if len(words) <= NAME_MAX_WORDS and all(_is_name_word(word) for word in words):
        return head
    return None


def _is_name_word(word: str) -> bool:
    """A word that marks a name: it holds a digit or more than one capital ("ERNIE", "3.0", "GPT-4")."""
    return any(char.isdigit() for char in word) or sum(char.isupper() for char in word) > 1


NAME_WORD = re.compile(r"[A-Za-z0-9]+")
NOT_BEFORE = "-+_."  # "VL-GPT" does not name GPT


class NameMatcher:
    """Finds exact, case-sensitive names in text, on name boundaries: "CodeT5" is not found in
    "CodeT5+", "T5" not in "SpeechT5", "GPT-3" not in "GPT-3.5", "GPT" not in "VL-GPT"."""

    def __init__(self, names: dict[str, list[str]]) -> None:
        self.by_first_word: dict[str, list[tuple[str, str]]] = {}
        for key, spellings in names.items():
            for name in spellings:
                first = NAME_WORD.search(name)
                if first and first.start() == 0:
                    self.by_first_word.setdefault(first.group(), []).append((name, key))
        for candidates in self.by_first_word.values():
            candidates.sort(key=lambda candidate: -len(candidate[0]))  # the longest name wins a place
        self.first_words = frozenset(self.by_first_word)

    def find(self, text: str) -> list[str]:
        """Keys of the names found, in order of first appearance, each once."""
        present = set(NAME_WORD.findall(text)) & self.first_words
        if not present:
            return []  # most texts name nothing: one pass in C instead of a loop over their words
        hits = sorted(hit for word in present for hit in self._hits(text, word))
        found: dict[str, None] = {}
        covered = 0
        for start, end, key in hits:
            if start >= covered:
                found.setdefault(key)
                covered = end
        return list(found)

    def _hits(self, text: str, word: str) -> list[tuple[int, int, str]]:
        """(start, end, key) of the longest name found at each place where `word` stands as a whole word."""
        hits = []
        start = text.find(word)
        while start != -1:
            end = start + len(word)
            whole = (start == 0 or not _word_char(text[start - 1])) and (end == len(text) or not _word_char(text[end]))
            if whole and not (start and text[start - 1] in NOT_BEFORE):
                for name, key in self.by_first_word[word]:
                    if text.startswith(name, start) and _ends_name(text, start + len(name)):
                        hits.append((start, start + len(name), key))
                        break
            start = text.find(word, start + 1)
        return hits


def _word_char(char: str) -> bool:
    return char.isascii() and char.isalnum()


def _ends_name(text: str, end: int) -> bool:
    """Whether a name may end here: not inside a longer word, "CodeT5+" or a version such as "3.5"."""
    if end >= len(text):
        return True
    after = text[end]
    if after.isalnum() or after in "+_":
        return False
    return not (after in ".-" and end + 1 < len(text) and text[end + 1].isdigit())


def is_name_like(name: str) -> bool:
    """A name that cannot be an ordinary word: every word holds a digit or more than one capital."""
    return all(_is_name_word(word) for word in name.split())
