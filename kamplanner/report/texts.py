"""The fixed texts of the PDF: the Jinja templates in templates/, one set per language."""

from __future__ import annotations

import html
import re
from functools import cache
from pathlib import Path

import jinja2
from markupsafe import Markup

from .. import paths
from .fontcache import cache_folder

_TAG = re.compile(r"<[^>]*>")


class Texts:
    """The macros of texts.j2, cover.j2 and signoff.j2 for one language.

    ``texts.cover.title(account=...)`` gives paragraph markup (user values are escaped by
    autoescaping); ``Texts.plain(markup)`` gives the same as plain text for the canvas.
    """

    def __init__(self, env: jinja2.Environment, lang: str):
        context = {"lang": lang}
        self.lang = lang
        self.main = env.get_template("texts.j2").make_module(context)
        self.cover = env.get_template("cover.j2").make_module(context)
        self.signoff = env.get_template("signoff.j2").make_module(context)

    def __getattr__(self, name: str) -> object:
        # texts.page_of(...) reads as well as texts.main.page_of(...)
        return getattr(self.main, name)

    @staticmethod
    def plain(markup: str) -> str:
        """Markup as plain text: tags dropped, entities resolved (&nbsp; becomes a space)."""
        return html.unescape(_TAG.sub("", str(markup))).replace("\xa0", " ")


@cache
def _environment(folder: Path) -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(folder),
        autoescape=True,  # everything a plan supplies is escaped before it becomes markup
        undefined=jinja2.StrictUndefined,
        auto_reload=True,
        keep_trailing_newline=False,
        bytecode_cache=_bytecode_cache(),
    )


def _bytecode_cache() -> jinja2.BytecodeCache | None:
    # Compiled templates are kept, so a new process does not compile them again (~25 ms).
    folder = cache_folder("templates")
    if folder is None:
        return None
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError:
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def texts(lang: str, folder: Path | None = None) -> Texts:
    """The texts for ``lang``; edited templates are picked up on the next render."""
    return Texts(_environment(folder or paths.templates()), lang)


def markup(text: object) -> Markup:
    """Text that is already safe paragraph markup (for passing into a macro unescaped)."""
    return Markup(str(text))
