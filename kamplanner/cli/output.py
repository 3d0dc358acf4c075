"""What the command line shows and writes: terminal-safe text, JSON, documents, and the checks
on what a user names (plan ids, -o paths, database URLs).

User text is untrusted: an account's name or a bad value may carry escape sequences that clear
the screen or retitle the terminal. Every text the CLI prints goes through ``escape`` (the
streams of main() are wrapped by ``terminal_safe``); documents written with ``-o -`` go to the
binary stream untouched.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import json
import os
import re
import sys
import tempfile
from pathlib import Path
from typing import Any

from ..domain.cycle import MAX_YEAR, MIN_YEAR
from ..terminal import SafeText, escape, inline, terminal_safe  # noqa: F401 - the command line's names for them
from .exits import BAD_INPUT, CommandError

MAX_PLAN_ID = 2**63 - 1  # the largest id a database integer column holds


# ---- terminal safety (kamplanner.terminal: the app's plain start uses it without the command line)

# Inside JSON the same characters, and those JSON escapes itself, become \\uXXXX escapes:
# valid JSON that decodes to the same text.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def json_text(data: Any, *, indent: int | None = None) -> str:
    """``data`` as JSON: valid JSON (no NaN) holding no terminal controls, one line unless ``indent``."""
    text = json.dumps(data, ensure_ascii=False, indent=indent, allow_nan=False)
    return _JSON_UNSAFE.sub(lambda m: f"\\u{ord(m[0]):04x}", text) + "\n"


def print_json(data: Any) -> None:
    """``data`` as JSON on standard output; indented for a person at a terminal, on one line for
    a program (Python's JSON writer is five times faster so: a 5,000-plan dashboard is 0.15 s less)."""
    sys.stdout.write(json_text(data, indent=2 if sys.stdout.isatty() else None))


# ---- passwords

_URL_PASSWORD = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*://[^:/@\s]*):\S*@")
_PASSWORD_WORD = re.compile(r"(?i)\b(password|passwd|pwd)=('[^']*'|\S+)")


def mask_passwords(text: str) -> str:
    """``text`` with the password of every URL (and any password=…) replaced by ***."""
    return _PASSWORD_WORD.sub(r"\1=***", _URL_PASSWORD.sub(r"\1:***@", text))


def one_line(text: str) -> str:
    """The first line of a message, its password masked: what a user sees of a library's error."""
    lines = mask_passwords(str(text)).strip().splitlines()
    return lines[0].strip() if lines else ""


def is_url(path_or_url: str) -> bool:
    return "://" in path_or_url


def url_problem(url: str) -> str | None:
    """What is wrong with a database URL that can be told without a database library, or None."""
    from urllib.parse import urlsplit

    scheme = url.split("://", 1)[0]
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9_]*(\+[A-Za-z0-9_]+)?", scheme):
        return f"{scheme!r} is not a database kind (like sqlite or postgresql+psycopg)"
    try:
        urlsplit(url).port  # noqa: B018 - raises on a port that is not a number
    except ValueError:
        return "the port is not a number from 0 to 65535"
    return None


# ---- arguments


def plan_id(text: str) -> int:
    """The type of every PLAN argument: an id a database can hold."""
    try:
        value = int(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a plan id (a whole number), got {text!r}") from None
    if not 1 <= value <= MAX_PLAN_ID:
        raise argparse.ArgumentTypeError(f"expected a plan id from 1 to {MAX_PLAN_ID}, got {text!r}")
    return value


def iso_date(text: str) -> dt.date:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected a date as YYYY-MM-DD, got {text!r}") from None


def cycle_date(text: str) -> dt.date:
    """A date the cycle can hold (the years it allows)."""
    day = iso_date(text)
    if not MIN_YEAR <= day.year <= MAX_YEAR:
        raise argparse.ArgumentTypeError(f"expected a date in the years {MIN_YEAR} to {MAX_YEAR}, got {text!r}")
    return day


def positive(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number from 1 up, got {text!r}")
    return value


# ---- documents

STDOUT = "-"


def _same_file(a: Path, b: Path) -> bool:
    try:
        if a.resolve() == b.resolve():
            return True
    except (OSError, RuntimeError):
        pass
    try:
        return os.path.samefile(a, b)
    except (OSError, ValueError):
        return False


def database_file_of(path: Path, database: Path | None) -> Path | None:
    """The database file (or its -wal, -shm or -journal) that ``path`` is, through any name, or None."""
    if database is None:
        return None
    for companion in ("", "-wal", "-shm", "-journal"):
        candidate = database.with_name(database.name + companion)
        if _same_file(path, candidate):
            return candidate
    return None


def check_output(output: str | os.PathLike[str], database: Path | None, *, folder: bool = False) -> None:
    """Refuse, before anything is made, an output that is empty, the database or one of its
    files, or (for a file) a folder: CommandError with exit 2."""
    text = os.fspath(output)
    what = "folder" if folder else "file"
    if not text.strip():
        hint = "a folder" if folder else "a file name, or - for standard output"
        raise CommandError(f"-o is empty: give {hint}", BAD_INPUT)
    if text == STDOUT:
        if folder:
            raise CommandError("-o -: the plans go to a folder, one file each; give the folder", BAD_INPUT)
        return
    path = Path(text)
    hit = database_file_of(path, database)
    if hit is not None:
        raise CommandError(
            f"-o {text} is the database's own file {hit}; refusing to write over it (nothing was written)",
            BAD_INPUT,
        )
    if not folder and path.is_dir():
        raise CommandError(f"-o {text} is a folder; give a file name", BAD_INPUT)
    if folder and path.exists() and not path.is_dir():
        raise CommandError(f"-o {text} is a file, not a {what}", BAD_INPUT)


def to_stdout(output: str | os.PathLike[str] | None) -> bool:
    """Whether ``-o`` names standard output."""
    return output is not None and os.fspath(output) == STDOUT


def messages(output: str | os.PathLike[str] | None) -> Any:
    """Where a command that writes ``output`` says what it did: standard output, unless the
    document goes there (``-o -``): then standard error, so the message never ends up inside it."""
    return sys.stderr if to_stdout(output) else sys.stdout


def deliver(output: str | os.PathLike[str], data: bytes, database: Path | None) -> None:
    """A command's document to standard output ("-"), byte for byte, or, whole or not at all, to a
    file (a device or a pipe is written to, never replaced). Every command's -o goes through here."""
    check_output(output, database)
    if to_stdout(output):
        sys.stdout.flush()  # what was printed before comes before the document
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
    else:
        write_atomically(Path(output), data)


def _new_file_mode(path: Path) -> int:
    try:
        return path.stat().st_mode & 0o777  # a file written again keeps its permissions
    except OSError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomically(path: Path, data: bytes) -> None:
    """Write via a new temporary file in the same folder, so a crash never leaves half a file
    and no other file is ever touched."""
    from ..domain.filenames import cut_to_bytes

    try:
        special = path.exists() and not path.is_file() and not path.is_dir()
    except OSError:
        special = False
    if special:
        # A device or a pipe (/dev/null, /dev/stdout, a FIFO): written to, never replaced by a file.
        try:
            with open(path, "wb") as target:
                target.write(data)
        except OSError as exc:
            raise CommandError(f"cannot write {path}: {exc.strerror}") from None
        return
    try:
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{cut_to_bytes(path.name, 100)}.", suffix=".tmp")
    except OSError as exc:
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        os.chmod(tmp, _new_file_mode(path))
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise CommandError(f"cannot write {path}: {exc.strerror}") from None
