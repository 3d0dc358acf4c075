"""The product's two languages, and a fixed text given in both."""

from __future__ import annotations

from dataclasses import dataclass

LANGUAGES = ("zh_CN", "en")


@dataclass(frozen=True, slots=True)
class Text:
    """A fixed text in both product languages."""

    zh: str
    en: str

    def __call__(self, lang: str) -> str:
        return self.zh if lang.startswith("zh") else self.en
