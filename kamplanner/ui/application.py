"""The QApplication: high-DPI policy, the bundled font, the look of headings and hints."""

from __future__ import annotations

import sys

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication

from .. import __version__, paths

FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")
_loaded: dict[str, str] = {}


def load_fonts() -> str | None:
    """Register the bundled Noto Sans SC (once) and return its family name."""
    if "family" in _loaded:
        return _loaded["family"]
    family = None
    for name in FONT_FILES:
        font_id = QFontDatabase.addApplicationFont(str(paths.fonts() / name))
        families = QFontDatabase.applicationFontFamilies(font_id) if font_id >= 0 else []
        family = family or (families[0] if families else None)
    if family:
        _loaded["family"] = family
    return family


def stylesheet(point_size: float) -> str:
    def pt(delta: float) -> str:
        return f"{point_size + delta:g}pt"

    return f"""
QLabel#planTitle {{ font-size: {pt(5)}; font-weight: bold; }}
QLabel#sectionTitle {{ font-size: {pt(4)}; font-weight: bold; }}
QLabel#partTitle {{ font-size: {pt(2)}; font-weight: bold; }}
QLabel#fieldLabel {{ font-weight: bold; font-size: {pt(1)}; }}
QLabel#subheading {{ font-weight: bold; margin-top: 6px; }}
QLabel#guidance {{ color: palette(placeholder-text); }}
QLabel#sectionGuidance {{ color: palette(placeholder-text); font-size: {pt(1)}; }}
QLabel#missing {{ color: #c0392b; margin-left: 10px; }}
QLabel#problem {{ color: #c0392b; }}
QLabel#tableProblems {{ color: #b9770e; }}
QFrame#infoBar {{ border: 1px solid palette(mid); border-radius: 4px; background: palette(alternate-base); }}
QLabel#saveState[state="failed"], QLabel#saveState[state="stopped"] {{ color: #c0392b; font-weight: bold; }}
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        QGuiApplication.setHighDpiScaleFactorRoundingPolicy(Qt.HighDpiScaleFactorRoundingPolicy.PassThrough)
        app = QApplication(argv if argv is not None else sys.argv)
    QCoreApplication.setOrganizationName("kamplanner")
    QCoreApplication.setApplicationName("kamplanner")
    QCoreApplication.setApplicationVersion(__version__)
    QGuiApplication.setApplicationDisplayName("kamplanner")
    QGuiApplication.setDesktopFileName("kamplanner")
    family = load_fonts()
    base = app.font()
    size = max(base.pointSizeF(), 10.0)
    if family:
        font = QFont(family)
        font.setPointSizeF(size)
        font.setHintingPreference(QFont.HintingPreference.PreferNoHinting)
        app.setFont(font)
    app.setStyleSheet(stylesheet(size))
    icon = paths.resources() / "icons" / "kamplanner.svg"
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))
    return app
