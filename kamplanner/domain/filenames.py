"""File names made from user text: the one rule for a plan's PDF, for the app and the command line.

An account's name is untrusted: it may hold path separators, control characters, names Windows
will not create, or more bytes than a file system keeps in one name. The name keeps what it can
(Chinese stays), is cut by UTF-8 bytes at a character boundary that never splits a grapheme,
and a suffix that tells two plans apart is added after the cut, so it always survives.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Iterable, Iterator

# Most file systems keep 255 bytes in one name; the rest is room for the temporary name an
# atomic write uses beside the file (".NAME.XXXXXXXX.tmp").
MAX_NAME_BYTES = 200
_FORBIDDEN = set('\\/:*?"<>|')
# Names Windows will not create, also with an extension (nul.txt); COM¹ and friends count too.
_RESERVED = re.compile(r"(?i)^(con|prn|aux|nul|conin\$|conout\$|com[0-9¹²³]|lpt[0-9¹²³])(\..*)?$")


_JOINERS = "\u200c\u200d"  # not printable, yet part of emoji sequences and of Indic and Persian words


def _harmless(c: str) -> str:
    return c if c in _JOINERS or (c.isprintable() and c not in _FORBIDDEN) else " "


def _continues(previous: str, c: str) -> bool:
    """Whether ``c`` belongs to the grapheme ``previous`` is part of (a good approximation of
    Unicode's rules: combining marks, joiners, variation selectors, skin tones, flags, tags)."""
    code = ord(c)
    return (
        unicodedata.category(c) in ("Mn", "Me", "Mc")
        or c == "\u200d"
        or previous == "\u200d"
        or 0xFE00 <= code <= 0xFE0F
        or 0xE0100 <= code <= 0xE01EF
        or 0x1F3FB <= code <= 0x1F3FF
        or 0xE0020 <= code <= 0xE007F
    )


def graphemes(text: str) -> Iterator[str]:
    cluster = ""
    regional = 0  # regional indicators pair up into one flag
    for c in text:
        is_regional = 0x1F1E6 <= ord(c) <= 0x1F1FF
        if cluster and (_continues(cluster[-1], c) or (is_regional and regional % 2 == 1)):
            cluster += c
        else:
            if cluster:
                yield cluster
            cluster = c
        regional = regional + 1 if is_regional else 0
    if cluster:
        yield cluster


def cut_to_bytes(text: str, limit: int) -> str:
    """The longest start of ``text`` whose UTF-8 takes at most ``limit`` bytes, whole graphemes only."""
    kept: list[str] = []
    used = 0
    for cluster in graphemes(text):
        size = len(cluster.encode("utf-8", "surrogatepass"))
        if used + size > limit:
            break
        kept.append(cluster)
        used += size
    return "".join(kept)


def safe_stem(text: str, limit: int) -> str:
    """``text`` as the start of a file name on any system, at most ``limit`` UTF-8 bytes."""
    text = unicodedata.normalize("NFC", text)
    safe = " ".join("".join(_harmless(c) for c in text).split()).strip(" .")
    safe = cut_to_bytes(safe, limit).strip(" .") or "plan"
    if _RESERVED.match(safe):
        safe = cut_to_bytes(f"_{safe}", limit).strip(" .")
    return safe


def pdf_file_name(account: str, year: int, version: int | None = None, tag: str = "") -> str:
    """A file name for a plan's PDF (``plan_file_name`` with ".pdf")."""
    return plan_file_name(account, year, version, tag)


def plan_file_name(account: str, year: int, version: int | None = None, tag: str = "", suffix: str = ".pdf") -> str:
    """A file name for a document of a plan (a PDF, slides): the account's name as far as a file
    name carries it, the year, the version if given, and ``tag`` (what tells two plans apart),
    in at most MAX_NAME_BYTES bytes of UTF-8; the year, version, tag and suffix are never cut."""
    tail = f" {year}" + (f" v{version}" if version else "") + (f" ({safe_stem(tag, 40)})" if tag else "") + suffix
    return safe_stem(account, MAX_NAME_BYTES - len(tail.encode("utf-8"))) + tail


def _key(name: str) -> str:
    # Windows and macOS compare names without case, macOS after normalising them.
    return unicodedata.normalize("NFC", name).casefold()


def distinct_pdf_file_names(
    plans: Iterable[tuple[str, int, int]], taken: Callable[[str], bool] = lambda _name: False
) -> list[str]:
    """One file name per (account, year, plan id), no two alike even where a file system ignores
    case; a name for which ``taken`` is true is not used (the database's file, say)."""
    seen: set[str] = set()
    names = []
    for account, year, plan_id in plans:
        name = pdf_file_name(account, year)
        attempt = 0
        while _key(name) in seen or taken(name):
            attempt += 1
            name = pdf_file_name(account, year, tag=f"id {plan_id}" + (f"-{attempt}" if attempt > 1 else ""))
        seen.add(_key(name))
        names.append(name)
    return names
