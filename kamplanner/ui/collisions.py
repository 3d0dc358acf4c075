"""When a save finds that someone else changed the same thing meanwhile: both values, and the
choice between keeping the stored one and putting ours back."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.rebase import describe_place, insist
from .document import PlanDocument

translate = QCoreApplication.translate


def resolve_collisions(
    parent: QWidget,
    document: PlanDocument,
    collisions: list,  # type: ignore[type-arg]
    lang: str,
    choose_mine: bool | None = None,
) -> None:
    """Both values of each collision, and the choice: keep the stored one or put ours back
    (asked in a message box unless ``choose_mine`` says)."""
    if not collisions:
        return

    def shown(value: object) -> str:
        if value is None or value == "":
            return translate("MainWindow", "(empty or removed)")
        return str(value)

    yours = translate("MainWindow", "Yours")
    stored = translate("MainWindow", "Stored now")
    details = "\n\n".join(
        f"{describe_place(c, lang, document.plan)}\n  {yours}: {shown(c.mine)}\n  {stored}: {shown(c.theirs)}"
        for c in collisions
    )
    if choose_mine is None:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            translate("MainWindow", "Changed in two places"),
            translate(
                "MainWindow",
                "%n of your edits changed what someone else changed at the same time. The other version is"
                " in the plan now; yours are below (Show Details). Use yours instead?",
                "",
                len(collisions),
            ),
            parent=parent,
        )
        box.setDetailedText(details)
        mine = box.addButton(translate("MainWindow", "Use Mine"), QMessageBox.ButtonRole.AcceptRole)
        box.addButton(translate("MainWindow", "Keep the Other Version"), QMessageBox.ButtonRole.RejectRole)
        box.exec()
        choose_mine = box.clickedButton() is mine
    if not choose_mine:
        return
    for collision in collisions:
        edit = insist(document.plan, collision)
        if edit is not None:
            document.push(edit, translate("MainWindow", "Use my version"))
