"""The interface language: which one, its Qt Linguist translations, and the template's labels in it.

Strings in the code are English; ``resources/translations/kamplanner_zh_CN.ts`` carries their
Chinese. The template's own labels are bilingual data (``Text``) and are read with ``text()``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from .. import paths
from ..domain.languages import LANGUAGES, Text

if TYPE_CHECKING:
    from ..domain.versions import VersionLabel

LANGUAGE_NAMES = {"zh_CN": "简体中文", "en": "English"}

_state: dict[str, object] = {"language": "en", "translators": []}


def system_language() -> str:
    """zh_CN when the system prefers any Chinese, else English."""
    for name in QLocale.system().uiLanguages():
        if name.lower().startswith("zh"):
            return "zh_CN"
        if name.lower().startswith("en"):
            return "en"
    return "en"


def resolve(preference: str) -> str:
    """The language to use for a preference ("system", "zh_CN" or "en")."""
    return preference if preference in LANGUAGES else system_language()


def translations_dir():  # type: ignore[no-untyped-def]
    return paths.resources() / "translations"


def install(language: str) -> None:
    """Make ``language`` the interface language for every string translated from now on."""
    app = QCoreApplication.instance()
    for old in _state["translators"]:  # type: ignore[attr-defined]
        if app is not None:
            app.removeTranslator(old)
    translators: list[QTranslator] = []
    if app is not None:
        # English is the code's language; its file has only the plural forms ("2 rows").
        ours = QTranslator(app)
        if ours.load(str(translations_dir() / f"kamplanner_{language}.qm")):
            translators.append(ours)
        if language != "en":
            # Qt's own strings: the buttons of message boxes, file dialogs.
            qt_dir = QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)
            qtbase = QTranslator(app)
            if qtbase.load(f"qtbase_{language}", qt_dir):
                translators.append(qtbase)
        for t in translators:
            app.installTranslator(t)
    _state["translators"] = translators
    _state["language"] = language
    QLocale.setDefault(QLocale(QLocale.Language.Chinese if language == "zh_CN" else QLocale.Language.English))


def language() -> str:
    """The interface language now: "zh_CN" or "en"."""
    return str(_state["language"])


def text(label: Text, lang: str | None = None) -> str:
    return label(lang or language())


def version_name(named: VersionLabel) -> str:
    """A plan version's name in the interface language: "Version 3", or "Version 3 (draft)"
    between versions (domain/versions.py)."""
    if named.draft:
        return QCoreApplication.translate("Versions", "Version %1 (draft)").replace("%1", str(named.number))
    return QCoreApplication.translate("Versions", "Version %1").replace("%1", str(named.number))
