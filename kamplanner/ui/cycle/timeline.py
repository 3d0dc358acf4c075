"""The cycle panel's Timeline tab: phase moves, versions, reviews, sign-offs and progress reviews by date."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QTreeWidget, QTreeWidgetItem, QWidget

from ...domain.cycle import Cycle
from ...domain.versions import PlanVersion, VersionKind, VersionLabel, label
from .. import i18n

translate = QCoreApplication.translate


class TimelineTab(QTreeWidget):
    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setHeaderLabels(
            [
                translate("CyclePanel", "Date"),
                translate("CyclePanel", "Phase"),
                translate("CyclePanel", "By"),
                translate("CyclePanel", "Note"),
            ]
        )
        self.setRootIsDecorated(False)
        self.setAccessibleName(translate("CyclePanel", "Timeline"))

    def load(self, cycle: Cycle, versions: list[PlanVersion]) -> None:
        self.clear()
        lang = i18n.language()
        entries: list[tuple[str, list[str]]] = []
        for e in cycle.events:
            entries.append((e.at.isoformat(), [f"{e.at:%Y-%m-%d}", e.phase.label(lang), e.by, e.note]))
        for v in versions:
            named = i18n.version_name(VersionLabel(v.number, False))
            what = f"{named}: {v.kind.label(lang)}" if v.kind is not VersionKind.SAVED else named
            entries.append((v.at.isoformat(), [f"{v.at:%Y-%m-%d}", what, v.by, v.note]))
        for r in cycle.reviews:
            what = (
                translate("CyclePanel", "Review of %1: %2, score %3/5")
                .replace("%1", i18n.version_name(label(versions, r.version)))
                .replace("%2", r.decision.label(lang))
                .replace("%3", str(r.score))
            )
            entries.append((r.date.isoformat() + "T12", [r.date.isoformat(), what, r.reviewer, r.summary]))
        for s in cycle.signoffs:
            what = translate("CyclePanel", "Signed off: %1").replace(
                "%1", i18n.version_name(VersionLabel(s.number, False))
            )
            entries.append(
                (s.date.isoformat() + "T13", [s.date.isoformat(), what, s.reviewer, f"sha256:{s.fingerprint[:12]}"])
            )
        for g in cycle.progress:
            entries.append(
                (
                    g.date.isoformat() + "T14",
                    [g.date.isoformat(), translate("CyclePanel", "Progress review"), g.reviewer, g.notes],
                )
            )
        for _key, columns in sorted(entries, key=lambda e: e[0]):
            QTreeWidgetItem(self, columns)
        self.resizeColumnToContents(0)
        self.resizeColumnToContents(1)
