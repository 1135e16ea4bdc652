"""Turning input bytes into clean lines: decoding, line splitting and whitespace folding."""

from __future__ import annotations

import re
import unicodedata

from generator.errors import InputError

LINE_BREAK = re.compile(r"\r\n|\r|\n")
SPACES = str.maketrans("\t\n\r\x0b\x0c", "     ")


def decode(data: bytes, file: str) -> str:
    """UTF-8 text of a file, without its byte-order mark; anything else is an InputError."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise InputError(file, None, "UTF-16 text", "save the file as UTF-8")
    if b"\x00" in data:
        offset = data.index(b"\x00")
        raise InputError(file, None, f"binary data (a NUL byte at byte offset {offset})",
                         "give a UTF-8 text file")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data.count(b"\n", 0, error.start) + 1
        raise InputError(file, line, f"not UTF-8 (byte 0x{data[error.start]:02x} at byte offset {error.start})",
                         "save the file as UTF-8") from None


def split_lines(text: str) -> list[str]:
    """Lines of a text, counting CRLF, CR and LF as one break each, as editors do."""
    return LINE_BREAK.split(text)


def has_control_characters(text: str) -> bool:
    """Whether a line holds characters such as NUL, BEL or ESC, which no page can show."""
    return not text.isprintable() and any(unicodedata.category(char) == "Cc" and not char.isspace() for char in text)


def fold(text: str) -> str:
    """The text with each run of whitespace made one space, ends trimmed and control characters removed."""
    if not text.isprintable():
        text = text.translate(SPACES)  # line breaks and tabs alone keep the fast path below
    if not text.isprintable():
        text = "".join(" " if char.isspace() else char for char in text
                       if char.isspace() or unicodedata.category(char) not in ("Cc", "Cs"))
    return " ".join(text.split())
