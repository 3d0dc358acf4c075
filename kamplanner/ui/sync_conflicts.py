"""Sync conflicts in the editor: under a field both this laptop and the team server changed, a
line with this laptop's value (the server's is in the field) and the choice: use mine, or keep
what is there."""

from __future__ import annotations

import html
import json
from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import QLabel

from ..sync import SyncConflict

translate = QCoreApplication.translate

Choose = Callable[[int, bool], None]  # (conflict id, use mine)


def conflict_label() -> QLabel:
    label = QLabel()
    label.setObjectName("syncConflict")
    label.setWordWrap(True)
    label.setTextFormat(Qt.TextFormat.RichText)  # every value in it is escaped: only our links are markup
    label.setStyleSheet("background: palette(alternate-base); border-left: 3px solid #c77700; padding: 4px 8px;")
    label.hide()
    return label


def _shown(value: object) -> str:
    if value is None or value == "":
        return translate("Sync", "(empty)")
    text = value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)
    text = " ".join(text.split())
    return text if len(text) <= 300 else text[:299] + "…"


def show(labels: dict[str, QLabel], conflicts: list[SyncConflict], choose: Choose) -> None:
    """Each label shows the conflicts on its field, with links that call ``choose``."""
    for path, label in labels.items():
        here = [c for c in conflicts if c.field == path]
        lines = []
        text = translate("Sync", "Changed on both sides at the last sync: yours was “%1”; the team server’s is here.")
        mine = html.escape(translate("Sync", "Use mine"))
        keep = html.escape(translate("Sync", "Keep this"))
        for c in here:
            lines.append(
                html.escape(text).replace("%1", html.escape(_shown(c.mine)))
                + f' <a href="mine:{c.id}">{mine}</a> · <a href="keep:{c.id}">{keep}</a>'
            )
        label.setText("<br>".join(lines))
        label.setVisible(bool(lines))
        if lines and not label.property("choosing"):  # one connection per label: ``choose`` is the editor's
            label.linkActivated.connect(lambda link: _chosen(link, choose))
            label.setProperty("choosing", True)


def _chosen(link: str, choose: Choose) -> None:
    kind, _, number = link.partition(":")
    if number.isdigit():
        choose(int(number), kind == "mine")
