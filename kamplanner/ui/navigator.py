"""The navigator: filters and the portfolio tree (accounts and their plans) above the open
plan's outline (its sections, and what each still lacks). The models are in navigator_models."""

from __future__ import annotations

from PySide6.QtCore import (
    QCoreApplication,
    QEvent,
    QModelIndex,
    QObject,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QGridLayout,
    QHeaderView,
    QLineEdit,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from ..domain import health
from ..domain.model import Account, Phase, PlanSummary, Tier
from .document import PlanDocument, detach
from .navigator_models import (
    COMPLETE,
    FIELD_ROLE,
    NAME,
    PERCENT_ROLE,
    PLAN_ID_ROLE,
    SECTION_ROLE,
    OutlineModel,
    PortfolioFilter,
    PortfolioModel,
    tier_label,
)

translate = QCoreApplication.translate


class CompletenessDelegate(QStyledItemDelegate):
    """A thin bar under the percentage, so the portfolio shows at a glance what is left to do."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        percent = index.data(PERCENT_ROLE)
        if percent is None:
            return
        r = option.rect.adjusted(4, option.rect.height() - 5, -4, -2)
        painter.save()
        painter.setPen(Qt.PenStyle.NoPen)
        track = option.palette.color(QPalette.ColorRole.Mid)
        track.setAlpha(90)
        painter.setBrush(track)
        painter.drawRoundedRect(QRectF(r), 1.5, 1.5)
        fill = QColor(46, 125, 50) if percent >= 100 else option.palette.color(QPalette.ColorRole.Highlight)
        painter.setBrush(fill)
        painter.drawRoundedRect(QRectF(r.left(), r.top(), r.width() * min(percent, 100) / 100, r.height()), 1.5, 1.5)
        painter.restore()


class Navigator(QWidget):
    """Filters and the portfolio tree above the open plan's outline."""

    planActivated = Signal(int)  # a plan was chosen
    sectionActivated = Signal(str)  # a section (or "account") was chosen
    fieldActivated = Signal(str, str)  # (section key, field path): go to a missing field

    def __init__(self, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.model = PortfolioModel(lang, self)
        self.proxy = PortfolioFilter(self)
        self.proxy.setSourceModel(self.model)

        self.search = QLineEdit()
        self.search.setPlaceholderText(translate("Navigator", "Search accounts (Ctrl+F)"))
        self.search.setAccessibleName(translate("Navigator", "Search accounts"))
        self.search.setClearButtonEnabled(True)
        self.tier = QComboBox()
        self.tier.setAccessibleName(translate("Navigator", "Filter by tier"))
        self.tier.addItem(translate("Navigator", "All tiers"), None)
        for tier in Tier:
            self.tier.addItem(tier_label(tier, lang), tier)
        self.phase = QComboBox()
        self.phase.setAccessibleName(translate("Navigator", "Filter by phase"))
        self.phase.addItem(translate("Navigator", "All phases"), None)
        for phase in Phase:
            self.phase.addItem(phase.label(lang), phase)
        self.manager = QComboBox()
        self.manager.setAccessibleName(translate("Navigator", "Filter by account manager"))
        for combo in (self.tier, self.phase, self.manager):
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(6)

        self.tree = QTreeView()
        self.tree.setModel(self.proxy)
        self.tree.setAccessibleName(translate("Navigator", "Accounts and plans"))
        self.tree.setUniformRowHeights(True)
        self.tree.setAlternatingRowColors(False)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.tree.setItemDelegateForColumn(COMPLETE, CompletenessDelegate(self.tree))
        self.tree.setAllColumnsShowFocus(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(NAME, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(COMPLETE, QHeaderView.ResizeMode.Fixed)
        heading = self.model.headerData(COMPLETE, Qt.Orientation.Horizontal) or ""
        metrics = self.fontMetrics()
        header.resizeSection(COMPLETE, max(metrics.horizontalAdvance("100%"), metrics.horizontalAdvance(heading)) + 18)
        self.tree.selectionModel().currentChanged.connect(self._current_changed)
        self.tree.activated.connect(self._current_changed)

        self.outline_model = OutlineModel(lang, self)
        self.outline = QTreeView()
        self.outline.setModel(self.outline_model)
        self.outline.setAccessibleName(translate("Navigator", "Sections of the open plan"))
        self.outline.setUniformRowHeights(True)
        self.outline.setAllColumnsShowFocus(True)
        self.outline.header().setStretchLastSection(False)
        self.outline.header().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        self.outline.header().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        self.outline.clicked.connect(self._outline_clicked)
        self.outline.activated.connect(self._outline_clicked)
        self.outline_model.modelReset.connect(self._outline_reset)

        filters = QGridLayout()
        filters.setSpacing(4)
        filters.addWidget(self.tier, 0, 0)
        filters.addWidget(self.phase, 0, 1)
        filters.addWidget(self.manager, 1, 0, 1, 2)
        top = QWidget()
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.setSpacing(4)
        top_layout.addWidget(self.search)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.tree, 1)
        self.splitter = QSplitter(Qt.Orientation.Vertical)
        self.splitter.addWidget(top)
        self.splitter.addWidget(self.outline)
        self.splitter.setStretchFactor(0, 3)
        self.splitter.setStretchFactor(1, 2)
        self.splitter.setChildrenCollapsible(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(6, 6, 6, 6)
        layout.addWidget(self.splitter)

        self.search.textChanged.connect(self._filter)
        self.search.installEventFilter(self)
        for combo in (self.tier, self.phase, self.manager):
            combo.currentIndexChanged.connect(self._filter)
        self.current_plan: int | None = None
        self.current_section = "summary"
        self._selecting = False
        self.document: PlanDocument | None = None

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """The search box: Down or Enter go to the first result (Enter opens it), Esc clears."""
        if watched is self.search and event.type() == QEvent.Type.KeyPress:
            key = event.key()  # type: ignore[attr-defined]
            if key == Qt.Key.Key_Escape and self.search.text():
                self.search.clear()
                return True
            if key in (Qt.Key.Key_Down, Qt.Key.Key_Return, Qt.Key.Key_Enter):
                first = self._first_result()
                if first.isValid():
                    self.tree.setFocus(Qt.FocusReason.OtherFocusReason)
                    self.tree.setCurrentIndex(first)
                    if key != Qt.Key.Key_Down:
                        self.tree.activated.emit(first)
                return True
        return super().eventFilter(watched, event)

    def _first_result(self) -> QModelIndex:
        top = self.proxy.index(0, 0)
        if top.isValid() and self.proxy.rowCount(top):
            return self.proxy.index(0, 0, top)  # the account's first plan
        return top

    # ---- the portfolio

    def load(self, accounts: list[Account], plans: list[PlanSummary]) -> None:
        self.model.load(accounts, plans)
        chosen = self.manager.currentData()
        self.manager.blockSignals(True)
        self.manager.clear()
        self.manager.addItem(translate("Navigator", "All managers"), None)
        for name in self.model.managers():
            self.manager.addItem(name, name)
        at = self.manager.findData(chosen)
        self.manager.setCurrentIndex(max(at, 0))
        self.manager.blockSignals(False)
        self._filter()
        if self.current_plan is not None:
            self.select_plan(self.current_plan)

    def _filter(self) -> None:
        self.proxy.set_filters(
            tier=self.tier.currentData(),
            phase=self.phase.currentData(),
            manager=self.manager.currentData(),
            text=self.search.text(),
        )
        if self.search.text() or self.tier.currentIndex() or self.phase.currentIndex() or self.manager.currentIndex():
            self.tree.expandAll()
        elif self.proxy.rowCount() < 200:
            self.tree.expandAll()
        if self.current_plan is not None:
            index = self.proxy.mapFromSource(self.model.plan_index(self.current_plan))
            if index.isValid():
                self.tree.scrollTo(index)

    def select_plan(self, plan_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.plan_index(plan_id))
        self.current_plan = plan_id
        if not index.isValid():
            return
        self._selecting = True
        try:
            self.tree.expand(index.parent())
            self.tree.setCurrentIndex(index)
            self.tree.scrollTo(index)
        finally:
            self._selecting = False

    def _current_changed(self, index: QModelIndex, *_: object) -> None:
        if self._selecting:
            return
        plan_id = index.siblingAtColumn(0).data(PLAN_ID_ROLE)
        if plan_id is not None and plan_id != self.current_plan:
            self.current_plan = plan_id
            self.planActivated.emit(plan_id)

    def selected_account(self) -> Account | None:
        entry = self.model.account_entry(self.proxy.mapToSource(self.tree.currentIndex()))
        return entry.account if entry else None

    # ---- the open plan's outline

    def set_document(self, document: PlanDocument | None) -> None:
        if self.document is not None:
            detach(self.document.issuesChanged, self._refresh_outline)
        self.document = document
        if document is not None:
            document.issuesChanged.connect(self._refresh_outline)
        self._refresh_outline()

    def _refresh_outline(self) -> None:
        d = self.document
        checks = health.check(d.plan) if d else []
        self.outline_model.update(d.completeness if d else [], d.issues if d else [], d is not None, checks)

    def _outline_reset(self) -> None:
        self.outline.expandAll()
        self.show_section(self.current_section)

    def show_section(self, key: str) -> None:
        self.current_section = key
        index = self.outline_model.index(self.outline_model.row_of(key), 0)
        self.outline.selectionModel().setCurrentIndex(
            index,
            self.outline.selectionModel().SelectionFlag.ClearAndSelect
            | self.outline.selectionModel().SelectionFlag.Rows,
        )

    def _outline_clicked(self, index: QModelIndex) -> None:
        section = index.data(SECTION_ROLE)
        path = index.siblingAtColumn(0).data(FIELD_ROLE)
        if path:
            self.fieldActivated.emit(section, path)
        elif section:
            self.sectionActivated.emit(section)
