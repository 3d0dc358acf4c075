"""The cycle panel's Changes tab: what changed since the last signed-off version, or since last
year's plan, section by section."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QComboBox, QLabel, QTreeWidget, QTreeWidgetItem, QVBoxLayout

from ...domain.cycle import Cycle
from ...domain.diff import ChangeKind, diff_plans
from ...domain.model import Plan
from ...domain.template import TEMPLATE
from .tab import CycleTab

translate = QCoreApplication.translate


class ChangesTab(CycleTab):
    def __init__(self, workspace, today, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(workspace, today, parent)
        self.cycle: Cycle | None = None
        layout = QVBoxLayout(self)
        self.against = QComboBox()
        self.against.addItem(translate("CyclePanel", "since the last signed-off version"), "signed")
        self.against.addItem(translate("CyclePanel", "since last year's plan"), "last-year")
        self.against.currentIndexChanged.connect(self.refresh)
        self.tree = QTreeWidget()
        self.tree.setAccessibleName(translate("CyclePanel", "What changed"))
        self.tree.setHeaderLabels(
            [
                translate("CyclePanel", "Where"),
                translate("CyclePanel", "Change"),
                translate("CyclePanel", "Before"),
                translate("CyclePanel", "Now"),
            ]
        )
        self.note = QLabel()
        layout.addWidget(self.against)
        layout.addWidget(self.note)
        layout.addWidget(self.tree, 1)

    def load(self, cycle: Cycle | None) -> None:
        self.cycle = cycle
        self.refresh()

    def refresh(self) -> None:
        document = self.document
        self.tree.clear()
        if document is None or self.cycle is None:
            return
        portfolio = self.workspace.portfolio
        plan = document.plan
        base: Plan | None = None
        if self.against.currentData() == "signed":
            signoff = self.cycle.last_signoff
            if signoff is None:
                self.note.setText(translate("CyclePanel", "This plan has no signed-off version yet."))
                return
            base = portfolio.signed_plan(signoff)
        else:
            earlier = [
                s for s in self.workspace.summaries if s.account_id == plan.account.id and s.year == plan.year - 1
            ]
            if not earlier:
                self.note.setText(translate("CyclePanel", "There is no plan for the year before."))
                return
            base = portfolio.load_plan(earlier[0].id)
        lang = self.lang
        result = diff_plans(base, plan, lang)
        kinds = {
            ChangeKind.ADDED: translate("CyclePanel", "added"),
            ChangeKind.REMOVED: translate("CyclePanel", "removed"),
            ChangeKind.CHANGED: translate("CyclePanel", "changed"),
        }
        count = len(result.changes)
        template = translate("CyclePanel", "%n change(s) from %2 to %3", "", count)
        self.note.setText(template.replace("%2", result.old_label).replace("%3", result.new_label))
        for attribute, old, new in result.account:
            QTreeWidgetItem(
                self.tree,
                [f"{translate('CyclePanel', 'Account')}: {attribute}", kinds[ChangeKind.CHANGED], old, new],
            )
        for section_key, changes in result.by_section().items():
            section = QTreeWidgetItem(self.tree, [TEMPLATE.section(section_key).label(lang)])
            section.setFirstColumnSpanned(True)
            for change in changes:
                f = TEMPLATE.field(change.field)
                where = f.label(lang) + (f" · {change.label}" if change.label else "")
                if change.row is None:
                    QTreeWidgetItem(
                        section, [where, kinds[change.kind], _short(change.old_text), _short(change.new_text)]
                    )
                elif change.cells:
                    item = QTreeWidgetItem(section, [where, kinds[change.kind]])
                    for cell in change.cells:
                        column = TEMPLATE.table(change.field).column(cell.column)
                        QTreeWidgetItem(item, [column.label(lang), "", cell.old, cell.new])
                else:
                    QTreeWidgetItem(section, [where, kinds[change.kind]])
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)


def _short(text: str, limit: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"
