"""Short names of papers, taken from "Name: subtitle" titles ("CodeT5+", "UL2", "ERNIE 3.0")."""

from __future__ import annotations

import re

NAME_MAX_CHARS = 32
NAME_MAX_WORDS = 3
ACRONYM_IN_PARENTHESES = re.compile(r"^[^()]+\((?P<acronym>[A-Za-z0-9+-]{2,12})\)$")


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
