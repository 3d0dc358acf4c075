"""Parsed TrueType fonts kept on disk, so a new process need not parse 10 MB fonts again.

ReportLab reads a font's tables into Python dictionaries in pure Python: ~50 ms for each
Noto Sans SC face, a good part of the time `kamplanner export-pdf` has as a new process.
The parsed tables go into the user's cache folder with ``marshal`` (plain data only; no code
runs when it is read back), keyed by the font file's size and time and by the ReportLab and
marshal versions. Anything unexpected, and the font is simply parsed as before.
"""

from __future__ import annotations

import marshal
import os
from pathlib import Path
from weakref import WeakKeyDictionary

import reportlab
from reportlab.pdfbase.ttfonts import TTEncoding, TTFNameBytes, TTFont, TTFontFace

_SKIP_FACE = ("_ttf_data", "_pdfScale")  # the file itself, and a function made from unitsPerEm
_SKIP_FONT = ("face", "encoding", "state")  # objects made new for each font


def cache_folder(kind: str = "fonts") -> Path | None:
    """kamplanner's folder for ``kind`` in the user's cache folder (None if there is none)."""
    try:
        import platformdirs

        return Path(platformdirs.user_cache_dir("kamplanner", appauthor=False)) / kind
    except Exception:  # noqa: BLE001 - no cache is never an error
        return None


def _key(path: Path) -> str:
    stat = path.stat()
    return f"{path.stem}-{stat.st_size}-{stat.st_mtime_ns}-rl{reportlab.Version}-m{marshal.version}.marshal"


def load_font(name: str, path: Path) -> TTFont:
    """The font at ``path`` registered-ready under ``name``: from the cache when it is there."""
    folder = cache_folder()
    file = folder / _key(path) if folder else None
    if file is not None:
        try:
            return _from_state(name, path, marshal.loads(file.read_bytes()))
        except (OSError, ValueError, EOFError, TypeError, KeyError, AttributeError):
            pass
    font = TTFont(name, str(path))
    if file is not None:
        try:
            file.parent.mkdir(parents=True, exist_ok=True)
            tmp = file.with_name(f"{file.name}.{os.getpid()}.tmp")
            tmp.write_bytes(marshal.dumps(_state(font)))
            tmp.replace(file)
        except (OSError, ValueError):
            pass
    return font


def _state(font: TTFont) -> dict[str, object]:
    face = {k: v for k, v in font.face.__dict__.items() if k not in _SKIP_FACE}
    names = [k for k, v in face.items() if isinstance(v, TTFNameBytes)]
    face.update({k: bytes(face[k]) for k in names})  # type: ignore[arg-type]
    return {
        "face": face,
        "names": names,
        "font": {k: v for k, v in font.__dict__.items() if k not in _SKIP_FONT},
    }


def _from_state(name: str, path: Path, state: dict) -> TTFont:  # type: ignore[type-arg]
    face = TTFontFace.__new__(TTFontFace)
    face.__dict__.update(state["face"])
    for key in state["names"]:
        face.__dict__[key] = TTFNameBytes(face.__dict__[key])
    face._ttf_data = path.read_bytes()
    per_em = face.unitsPerEm
    face._pdfScale = (lambda x: x) if per_em == 1000 else (lambda x, m=1000 / per_em: x * m)
    font = TTFont.__new__(TTFont)
    font.__dict__.update(state["font"])
    font.fontName = name
    font.face = face
    font.encoding = TTEncoding()
    font.state = WeakKeyDictionary()
    if len(face._ttf_data) != path.stat().st_size or not face.charToGlyph:
        raise ValueError("stale font cache")
    return font
