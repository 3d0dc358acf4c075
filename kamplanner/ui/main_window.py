"""The main window: the portfolio's plans (the full editor grows here)."""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QApplication, QMainWindow, QTreeWidget, QTreeWidgetItem

from ..services import Portfolio


class MainWindow(QMainWindow):
    def __init__(self, portfolio: Portfolio):
        super().__init__()
        self.portfolio = portfolio
        self.setWindowTitle("kamplanner")
        self.plans = QTreeWidget()
        self.plans.setHeaderLabels(["Account", "Year", "Tier", "Phase", "Version", "Complete"])
        self.plans.setAccessibleName("Plans")
        self.setCentralWidget(self.plans)
        self.refresh()
        self.resize(1000, 640)

    def refresh(self) -> None:
        self.plans.clear()
        for p in self.portfolio.list_plans():
            QTreeWidgetItem(
                self.plans,
                [p.account, str(p.year), p.tier.value, p.phase.slug, str(p.version), f"{p.completeness}%"],
            )


def run(portfolio: Portfolio) -> int:
    app = QApplication.instance() or QApplication(sys.argv)
    window = MainWindow(portfolio)
    window.show()
    return app.exec()
