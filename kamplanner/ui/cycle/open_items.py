"""Before a plan is submitted or approved: what is still open (cycle.open_items), and the choice
to go on regardless or go back. Items the method does not let pass leave only "Go back"."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ...domain.cycle import OpenItem

translate = QCoreApplication.translate

MAX_SHOWN = 12  # more than this are counted, not listed: the box must fit a laptop screen


def item_lines(items: list[OpenItem], lang: str) -> str:
    shown = ["• " + i.describe(lang) for i in items[:MAX_SHOWN]]
    hidden = len(items) - len(shown)
    if hidden:
        shown.append(translate("CyclePanel", "… and %n more", "", hidden))
    return "\n".join(shown)


def go_on_despite(parent: QWidget, items: list[OpenItem], lang: str, go_on: str) -> bool:
    """Show ``items``; True when the person chooses ``go_on`` (the button's text)."""
    if not items:
        return True
    blocking = [i for i in items if i.blocking]
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(translate("CyclePanel", "Still open"))
    if blocking:
        heading = (
            translate("CyclePanel", "This must be done first:")
            if len(blocking) == 1
            else translate("CyclePanel", "These must be done first:")
        )
        rest = [i for i in items if not i.blocking]
        text = heading + "\n" + item_lines(blocking, lang)
        if rest:
            text += "\n\n" + translate("CyclePanel", "Also open:") + "\n" + item_lines(rest, lang)
        box.setText(text)
        box.addButton(translate("CyclePanel", "Go back"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        return False
    heading = translate("CyclePanel", "%n thing(s) are still open:", "", len(items))
    box.setText(heading + "\n" + item_lines(items, lang))
    box.setInformativeText(translate("CyclePanel", "Go on regardless, or go back and finish them first?"))
    go = box.addButton(go_on, QMessageBox.ButtonRole.AcceptRole)
    back = box.addButton(translate("CyclePanel", "Go back"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(back)
    box.setEscapeButton(back)
    box.exec()
    return box.clickedButton() is go
