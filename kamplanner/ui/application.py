"""The QApplication: high-DPI policy, the bundled font, the look of headings and hints."""

from __future__ import annotations

import os
import re
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QFont, QFontDatabase, QGuiApplication, QIcon
from PySide6.QtWidgets import QApplication, QWidget

from .. import __version__, paths

FONT_FILES = ("NotoSansSC-Regular.ttf", "NotoSansSC-Bold.ttf")
_loaded: dict[str, str] = {}


X11_PACKAGES = (
    "libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 libxcb-image0 libxcb-render-util0"
    " libxcb-randr0 libxcb-shape0 libxcb-xkb1 libxkbcommon-x11-0"
)


def platform_problem() -> str | None:
    """Why Qt's X11 platform plugin would fail to load here (Qt then aborts), if it would.

    Checked before the QApplication exists by loading the plugin the way Qt will: a missing
    system library shows up as the loader's message, which we pass on with what to install.
    """
    if not sys.platform.startswith("linux") or os.environ.get("QT_QPA_PLATFORM") or os.environ.get("WAYLAND_DISPLAY"):
        return None
    if not os.environ.get("DISPLAY"):
        return None
    import ctypes

    import PySide6

    plugin = Path(PySide6.__file__).parent / "Qt" / "plugins" / "platforms" / "libqxcb.so"
    if not plugin.exists():
        return None
    try:
        ctypes.CDLL(str(plugin))
    except OSError as exc:
        found = re.search(r"(lib[\w.+-]+\.so[\w.]*): cannot open", str(exc))
        missing = found.group(1) if found else str(exc)
        return (
            f"Qt cannot open a window on this X11 display: {missing} is missing.\n"
            f"  Install Qt's X11 libraries (Debian/Ubuntu: apt install {X11_PACKAGES}),\n"
            "  or use the command line (kamplanner --help), or QT_QPA_PLATFORM=offscreen."
        )
    return None


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
QLabel#reviewNote {{ background: #fff6d5; color: #3d3000; border: 1px solid #e6cf7a; border-radius: 3px; padding: 4px 6px; }}
QLabel#saveState[state="failed"], QLabel#saveState[state="stopped"] {{ color: #c0392b; font-weight: bold; }}
"""


def create_application(argv: list[str] | None = None) -> QApplication:
    existing = QApplication.instance()
    if isinstance(existing, QApplication):
        app = existing
    else:
        # Fractional scale factors (150 %) are used as they are: Qt 6's default rounding policy.
        app = QApplication(argv if argv is not None else sys.argv)
        from . import clipboard

        app.aboutToQuit.connect(clipboard.release)
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


def default_size(window: QWidget) -> tuple[int, int]:
    """1400 × 900, or less on a smaller screen (a 1366 × 768 laptop): never larger than it."""
    screen = window.screen() or QApplication.primaryScreen()
    if screen is None:
        return 1400, 900
    available = screen.availableGeometry()
    return min(1400, int(available.width() * 0.96)), min(900, int(available.height() * 0.92))


def fit_to_screen(dialog: QWidget, body: QWidget) -> None:
    """A dialog whose body scrolls: as big as its body wants, never taller or wider than the screen."""
    hint = body.sizeHint()
    width, height = hint.width() + 48, hint.height() + 96  # margins, a scroll bar, the buttons
    screen = dialog.screen() or QApplication.primaryScreen()
    if screen is not None:
        available = screen.availableGeometry()
        width, height = min(width, int(available.width() * 0.9)), min(height, int(available.height() * 0.85))
    dialog.resize(width, height)


def room_for_title(dialog: QWidget) -> None:
    """Wide enough that the window manager shows the whole title ("… — kamplanner") beside its
    buttons, instead of "Add a …lanner"."""
    title = f"{dialog.windowTitle()} — {QGuiApplication.applicationDisplayName() or 'kamplanner'}"
    wanted = dialog.fontMetrics().horizontalAdvance(title) + 160  # the title bar's buttons and margins
    dialog.setMinimumWidth(max(dialog.minimumWidth(), wanted))
