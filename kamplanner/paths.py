"""Where the shipped files are: the top-level resources/ and templates/ folders.

In a source checkout they sit beside the package; a built wheel carries them inside it as
``kamplanner/_data/`` (see pyproject.toml), so an installed kamplanner works from anywhere.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


@cache
def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kamplanner is installed without its {name}/ folder (looked in {_PACKAGE})")


def resources() -> Path:
    return _data_dir("resources")


def templates() -> Path:
    return _data_dir("templates")


def fonts() -> Path:
    return resources() / "fonts"


def demo() -> Path:
    return resources() / "demo"
