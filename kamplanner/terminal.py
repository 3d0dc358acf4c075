"""Text for a terminal: user text (an account's name, a path) may carry escape sequences that
clear the screen or retitle the terminal; what kamplanner prints shows them as escapes instead."""

from __future__ import annotations

import contextlib
import re
import sys
from collections.abc import Iterator
from typing import Any

# C0 controls but newline and tab, DEL, C1 controls, the bidirectional overrides and isolates
# (they reorder what follows them), and lone surrogates (bytes the command line could not decode).
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def _escaped(match: re.Match[str]) -> str:
    # C0 as \x1b; the rest as \u0085, \u202e: inside a JSON string (json.dump has escaped C0
    # already) that is a valid escape of the same character, so JSON printed as text stays JSON.
    code = ord(match[0])
    return f"\\x{code:02x}" if code < 0x20 else f"\\u{code:04x}"


def escape(text: str) -> str:
    """``text`` with every character that could steer a terminal shown as an escape (\\x1b, \\u202e)."""
    return _UNSAFE.sub(_escaped, text) if _UNSAFE.search(text) else text


def inline(text: object) -> str:
    """A value shown inside one line (a name in a listing, a path in a message): its line breaks
    and tabs shown as \\n and \\t too, so it cannot fake another line or column."""
    return escape(str(text).replace("\t", "\\t").replace("\n", "\\n"))


class SafeText:
    """A text stream that escapes what it is given; its ``buffer`` (binary output) is the wrapped
    stream's own, untouched."""

    def __init__(self, stream: Any):
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(escape(text))
        return len(text)

    def writelines(self, lines: Any) -> None:
        for line in lines:
            self.write(line)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


@contextlib.contextmanager
def terminal_safe() -> Iterator[None]:
    """sys.stdout and sys.stderr escape terminal controls for as long as the block runs."""
    out, err = sys.stdout, sys.stderr
    sys.stdout = SafeText(out)  # type: ignore[assignment]
    sys.stderr = SafeText(err)  # type: ignore[assignment]
    try:
        yield
    finally:
        sys.stdout, sys.stderr = out, err
