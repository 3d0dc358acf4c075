"""The navigator's item models, without widgets: the portfolio's accounts and plans as a tree,
the filter over it, and the open plan's outline (its sections, and what each still lacks).

The portfolio is one item model over the plan summaries (no widget per row), so a portfolio
of thousands of plans opens and filters quickly, and a save updates one row in place.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QCoreApplication,
    QModelIndex,
    QObject,
    QRectF,
    QSortFilterProxyModel,
    Qt,
)
from PySide6.QtGui import QColor, QFont, QIcon, QPainter, QPixmap

from ..domain.health import HealthCheck
from ..domain.model import Account, Phase, PlanSummary, Tier
from ..domain.template import TEMPLATE, TIERS
from ..domain.validation import Issue, SectionCompleteness
from .i18n import version_name

translate = QCoreApplication.translate


PLAN_ID_ROLE = Qt.ItemDataRole.UserRole + 10
PERCENT_ROLE = Qt.ItemDataRole.UserRole + 11
SORT_ROLE = Qt.ItemDataRole.UserRole + 12
SECTION_ROLE = Qt.ItemDataRole.UserRole + 13  # a section key, or "account"
FIELD_ROLE = Qt.ItemDataRole.UserRole + 14  # a field path (a missing field under its section)

NAME, COMPLETE = 0, 1
TIER_COLORS = {Tier.KEY: QColor(211, 84, 0), Tier.IMPORTANT: QColor(41, 128, 185), Tier.GENERAL: QColor(127, 140, 141)}


def tier_label(tier: Tier, lang: str) -> str:
    return next(c.label(lang) for c in TIERS if c.key == tier.value)


_TIER_ICONS: dict[Tier, QIcon] = {}


def tier_icon(tier: Tier) -> QIcon:
    """A coloured dot for the tier (key: orange, important: blue, general: grey)."""
    icon = _TIER_ICONS.get(tier)
    if icon is None:
        icon = QIcon()
        for size in (12, 24):
            pixmap = QPixmap(size, size)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(TIER_COLORS[tier])
            margin = size / 6
            painter.drawEllipse(QRectF(margin, margin, size - 2 * margin, size - 2 * margin))
            painter.end()
            icon.addPixmap(pixmap)
        _TIER_ICONS[tier] = icon
    return icon


@dataclass
class AccountEntry:
    account: Account
    plans: list[PlanSummary] = field(default_factory=list)


class PortfolioModel(QAbstractItemModel):
    """Accounts, each with its plans (newest year first)."""

    def __init__(self, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self.accounts: list[AccountEntry] = []
        self._where: dict[int, tuple[int, int]] = {}  # plan id -> (account row, plan row)

    def load(self, accounts: list[Account], plans: list[PlanSummary]) -> None:
        self.beginResetModel()
        by_id = {a.id: AccountEntry(a) for a in accounts}
        for summary in plans:
            entry = by_id.get(summary.account_id)
            if entry is None:  # a plan whose account was not listed: show it anyway
                entry = by_id[summary.account_id] = AccountEntry(
                    Account(name=summary.account, tier=summary.tier, manager=summary.manager, id=summary.account_id)
                )
            entry.plans.append(summary)
        for entry in by_id.values():
            entry.plans.sort(key=lambda p: -p.year)
        self.accounts = sorted(by_id.values(), key=lambda e: e.account.name.casefold())
        self._where = {p.id: (a, i) for a, e in enumerate(self.accounts) for i, p in enumerate(e.plans)}
        self.endResetModel()

    def update_plan(self, plan_id: int, **changes: object) -> None:
        """Change what one row shows (after a save), without touching the others."""
        where = self._where.get(plan_id)
        if where is None:
            return
        a, i = where
        entry = self.accounts[a]
        summary = entry.plans[i]
        fields = {k: v for k, v in changes.items() if getattr(summary, k) != v}
        if not fields:
            return
        entry.plans[i] = _replace(summary, **fields)
        if "account" in fields or "tier" in fields or "manager" in fields:
            for k, attr in (("account", "name"), ("tier", "tier"), ("manager", "manager")):
                if k in fields:
                    setattr(entry.account, attr, fields[k])
            top = self.index(a, 0)
            self.dataChanged.emit(top, self.index(a, COMPLETE))
        parent = self.index(a, 0)
        self.dataChanged.emit(self.index(i, 0, parent), self.index(i, COMPLETE, parent))

    def plan_index(self, plan_id: int) -> QModelIndex:
        where = self._where.get(plan_id)
        if where is None:
            return QModelIndex()
        a, i = where
        return self.index(i, 0, self.index(a, 0))

    def summary(self, index: QModelIndex) -> PlanSummary | None:
        if not index.isValid() or index.internalId() == 0:
            return None
        return self.accounts[index.internalId() - 1].plans[index.row()]

    def account_entry(self, index: QModelIndex) -> AccountEntry | None:
        if not index.isValid():
            return None
        if index.internalId() == 0:
            return self.accounts[index.row()]
        return self.accounts[index.internalId() - 1]

    def managers(self) -> list[str]:
        return sorted({e.account.manager for e in self.accounts if e.account.manager}, key=str.casefold)

    # ---- the tree: account rows have internal id 0, a plan row the id (account row + 1)

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if column < 0 or column > COMPLETE or row < 0:
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.accounts) else QModelIndex()
        if parent.internalId() != 0:
            return QModelIndex()
        if row >= len(self.accounts[parent.row()].plans):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.accounts)
        if parent.internalId() == 0 and parent.column() == 0:
            return len(self.accounts[parent.row()].plans)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def hasChildren(self, parent: QModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return self.rowCount(parent) > 0

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return (translate("Navigator", "Accounts and plans"), translate("Navigator", "Complete"))[section]

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        col = index.column()
        if index.internalId() == 0:
            account = self.accounts[index.row()].account
            if role == Qt.ItemDataRole.DisplayRole:
                return account.name if col == NAME else None
            if role == Qt.ItemDataRole.DecorationRole and col == NAME:
                return tier_icon(account.tier)
            if role == Qt.ItemDataRole.ToolTipRole:
                facts = [account.name, tier_label(account.tier, self.lang)]
                facts += [x for x in (account.industry, account.region, account.manager) if x]
                return " · ".join(facts)
            if role == Qt.ItemDataRole.FontRole and col == NAME:
                font = QFont()
                font.setBold(True)
                return font
            if role == SORT_ROLE:
                return account.name.casefold()
            return None
        summary = self.accounts[index.internalId() - 1].plans[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if col == NAME:
                return f"{summary.year} · {summary.phase.label(self.lang)}"
            return f"{summary.completeness}%"
        if role == PLAN_ID_ROLE:
            return summary.id
        if role == PERCENT_ROLE and col == COMPLETE:
            return summary.completeness
        if role == Qt.ItemDataRole.ToolTipRole:
            return (
                translate("Navigator", "%1 %2 · %3 · %4% complete · %5")
                .replace("%1", summary.account)
                .replace("%2", str(summary.year))
                .replace("%3", version_name(summary.version_label))
                .replace("%4", str(summary.completeness))
                .replace("%5", "中文" if summary.language.startswith("zh") else "English")
            )
        if role == SORT_ROLE:
            return -summary.year
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable


def _replace(summary: PlanSummary, **changes: object) -> PlanSummary:
    from dataclasses import replace

    return replace(summary, **changes)  # type: ignore[arg-type]


class PortfolioFilter(QSortFilterProxyModel):
    """Filters by tier, phase, account manager and a search text (account name, industry, region)."""

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.tier: Tier | None = None
        self.phase: Phase | None = None
        self.manager: str | None = None
        self.text = ""
        self.setSortRole(SORT_ROLE)
        self.setDynamicSortFilter(False)

    def set_filters(
        self, *, tier: Tier | None = None, phase: Phase | None = None, manager: str | None = None, text: str = ""
    ) -> None:
        self.beginFilterChange()
        self.tier, self.phase, self.manager, self.text = tier, phase, manager, text.strip().casefold()
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def source(self) -> PortfolioModel:
        model = self.sourceModel()
        assert isinstance(model, PortfolioModel)
        return model

    def filterAcceptsRow(self, source_row: int, source_parent: QModelIndex) -> bool:
        model = self.source()
        if not source_parent.isValid():
            entry = model.accounts[source_row]
            account = entry.account
            if self.tier is not None and account.tier != self.tier:
                return False
            if self.manager is not None and account.manager != self.manager:
                return False
            if self.text and not any(
                self.text in s.casefold() for s in (account.name, account.industry, account.region, account.manager)
            ):
                return False
            if self.phase is not None and not any(p.phase == self.phase for p in entry.plans):
                return False
            return True
        if self.phase is None:
            return True
        summary = model.accounts[source_parent.row()].plans[source_row]
        return summary.phase == self.phase


# --------------------------------------------------------------------------- the open plan's sections


@dataclass
class SectionEntry:
    key: str  # "account" or a section key
    label: str
    missing: list[tuple[str, str]] = field(default_factory=list)  # (path, label)
    issues: int = 0
    required: int = 0
    health: list[str] = field(default_factory=list)  # the failing health checks pointing here, described


class OutlineModel(QAbstractItemModel):
    """The open plan's account facts and eight sections; under each, the required fields still empty."""

    def __init__(self, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self.entries: list[SectionEntry] = [SectionEntry("account", translate("Navigator", "Account facts"))]
        self.entries += [SectionEntry(s.key, f"{s.number}  {s.label(lang)}") for s in TEMPLATE.sections]
        self.has_plan = False

    def update(
        self,
        completeness: list[SectionCompleteness],
        issues: list[Issue],
        has_plan: bool = True,
        health: list[HealthCheck] | None = None,
    ) -> None:
        """``health``: the plan's health checks; the failing ones mark their section (⚠)."""
        failing: dict[str, list[str]] = {}
        for check in health or []:
            if not check.passed:
                failing.setdefault(check.section, []).append(check.describe(self.lang))
        counts: dict[str, int] = {}
        for issue in issues:
            key = issue.field.split(".", 1)[0]
            counts[key] = counts.get(key, 0) + 1
        missing = {c.section.key: [(f.path, f.label(self.lang)) for f in c.missing] for c in completeness}
        required = {c.section.key: c.required for c in completeness}
        structure_changed = has_plan != self.has_plan or any(
            [p for p, _ in e.missing] != [p for p, _ in missing.get(e.key, [])] for e in self.entries
        )
        if structure_changed:
            self.beginResetModel()
        self.has_plan = has_plan
        for entry in self.entries:
            entry.missing = missing.get(entry.key, [])
            entry.issues = counts.get(entry.key, 0)
            entry.required = required.get(entry.key, 0)
            entry.health = failing.get(entry.key, [])
        if structure_changed:
            self.endResetModel()
        else:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self.entries) - 1, 1))

    def index(self, row: int, column: int, parent: QModelIndex = QModelIndex()) -> QModelIndex:  # noqa: B008
        if row < 0 or column not in (0, 1):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, 0) if row < len(self.entries) else QModelIndex()
        if parent.internalId() != 0 or row >= len(self.entries[parent.row()].missing):
            return QModelIndex()
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: QModelIndex) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == 0:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, 0)

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if not parent.isValid():
            return len(self.entries)
        if parent.internalId() == 0 and parent.column() == 0 and self.has_plan:
            return len(self.entries[parent.row()].missing)
        return 0

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 2

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (translate("Navigator", "Section"), translate("Navigator", "Still to do"))[section]
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        if index.internalId() != 0:
            entry = self.entries[index.internalId() - 1]
            path, label = entry.missing[index.row()]
            if role == Qt.ItemDataRole.DisplayRole:
                return label if index.column() == 0 else translate("Navigator", "empty")
            if role == Qt.ItemDataRole.ForegroundRole:
                return QColor(200, 80, 40) if index.column() == 1 else None
            if role == FIELD_ROLE:
                return path
            if role == SECTION_ROLE:
                return entry.key
            if role == Qt.ItemDataRole.ToolTipRole:
                return translate("Navigator", "Required field still empty: %1").replace("%1", label)
            return None
        entry = self.entries[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            if index.column() == 0:
                return entry.label
            if not self.has_plan or entry.key == "account":
                return None
            parts = []
            if entry.missing:
                parts.append(translate("Navigator", "%n empty", "", len(entry.missing)))
            if entry.issues:
                parts.append(translate("Navigator", "%n problem(s)", "", entry.issues))
            if entry.health:
                parts.append("⚠ " + translate("Navigator", "health"))
            return " · ".join(parts) if parts else "✓"
        if role == Qt.ItemDataRole.ForegroundRole and index.column() == 1 and self.has_plan:
            if entry.issues:
                return QColor(200, 40, 40)
            if entry.health:
                return QColor(200, 80, 40)
            if not entry.missing:
                return QColor(46, 125, 50)
            return QColor(200, 80, 40)
        if role == SECTION_ROLE:
            return entry.key
        if role == Qt.ItemDataRole.ToolTipRole and self.has_plan and entry.key != "account":
            filled = entry.required - len(entry.missing)
            tip = (
                translate("Navigator", "%1 of %2 required fields filled")
                .replace("%1", str(filled))
                .replace("%2", str(entry.required))
            )
            if entry.health:
                tip += (
                    "\n\n" + translate("Navigator", "Plan health:") + "\n" + "\n".join("⚠ " + h for h in entry.health)
                )
            return tip
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable if index.isValid() else Qt.ItemFlag.NoItemFlags

    def row_of(self, key: str) -> int:
        return next((i for i, e in enumerate(self.entries) if e.key == key), 0)
