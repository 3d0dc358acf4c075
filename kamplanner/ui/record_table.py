"""A record table on a section page: the table view, its row buttons, spreadsheet keys and copy/paste."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QItemSelectionModel, QModelIndex, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QGuiApplication, QKeyEvent, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMenu,
    QSizePolicy,
    QStyle,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.clipboard import html_cells, html_table, tsv_cells, tsv_text
from ..domain.template import OPPORTUNITIES, QUALIFICATION_QUESTIONS, Kind, Table
from ..domain.validation import Severity
from . import clipboard
from .delegates import MOVE_AFTER, CellDelegate
from .document import PlanDocument, detach
from .table_model import RecordTableModel

translate = QCoreApplication.translate

MAX_VISIBLE_ROWS = 14  # taller tables scroll inside; the page stays readable


class RecordTableView(QTableView):
    """A table view with spreadsheet habits: type to edit, Delete clears, Ctrl+C/V copy and paste."""

    rowsChanged = Signal()

    def __init__(self, model: RecordTableModel, parent: QWidget | None = None):
        super().__init__(parent)
        self.setModel(model)
        self.record_model = model
        self.setItemDelegate(CellDelegate(model, self))
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.setEditTriggers(
            QAbstractItemView.EditTrigger.DoubleClicked
            | QAbstractItemView.EditTrigger.EditKeyPressed
            | QAbstractItemView.EditTrigger.AnyKeyPressed
        )
        self.setAlternatingRowColors(True)
        self.setWordWrap(True)
        # Tab and Shift+Tab move from cell to cell, as in Excel; Ctrl+Tab leaves the table.
        self.setTabKeyNavigation(True)
        self.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.setAccessibleName(model.table.label(model.lang))
        header = self.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        header.customContextMenuRequested.connect(self._header_menu)
        header.setStretchLastSection(False)
        self.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.verticalHeader().setDefaultAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._cell_menu)
        self._user_widths = False
        header.sectionResized.connect(self._section_resized)
        self._fitting = False
        self._refit = QTimer(self, singleShot=True, interval=0)
        self._refit.timeout.connect(self.fit)
        for signal in (model.rowsInserted, model.rowsRemoved, model.modelReset, model.dataChanged, model.rowsMoved):
            signal.connect(self._refit.start)

    # ---- sizes: columns share the width by the template's hints; the height fits the rows

    def _section_resized(self) -> None:
        if not self._fitting:
            self._user_widths = True

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        if not self._user_widths:
            self.fit_columns()

    def fit_columns(self) -> None:
        columns = self.record_model.columns
        available = self.viewport().width()
        if available <= 0:
            return
        metrics = self.fontMetrics()
        heads = [str(self.record_model.headerData(i, Qt.Orientation.Horizontal) or "") for i in range(len(columns))]
        minimum = [max(56, metrics.horizontalAdvance(h if h.endswith(" *") else h + " *") + 24) for h in heads]
        weights = [c.width for c in columns]
        total = sum(weights)
        widths = [max(m, available * w // total) for m, w in zip(minimum, weights, strict=True)]
        excess = sum(widths) - available
        if excess > 0:  # shrink the wide columns first, never below their minimum
            for i in sorted(range(len(widths)), key=lambda i: -weights[i]):
                cut = min(excess, widths[i] - minimum[i])
                widths[i] -= cut
                excess -= cut
        self._fitting = True
        try:
            for i, width in enumerate(widths):
                self.setColumnWidth(i, width)
        finally:
            self._fitting = False

    def fit(self) -> None:
        has_long = any(c.kind is Kind.LONGTEXT for c in self.record_model.columns)
        line = self.fontMetrics().lineSpacing()
        self.verticalHeader().setDefaultSectionSize(line + 12)
        if has_long:
            self.verticalHeader().setMaximumSectionSize(line * 2 + 6)
            self.resizeRowsToContents()
        rows = self.model().rowCount()
        body = sum(self.rowHeight(r) for r in range(min(rows, MAX_VISIBLE_ROWS)))
        if rows < 3:
            body += (3 - rows) * (line + 12)
        height = self.horizontalHeader().height() + body + 2 * self.frameWidth()
        if self.horizontalScrollBar().isVisible() or self.horizontalScrollBar().maximum() > 0:
            height += self.horizontalScrollBar().sizeHint().height()
        self.setFixedHeight(height)

    def sizeHint(self) -> QSize:
        return QSize(400, self.height())

    # ---- keys: a spreadsheet's

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        control = bool(modifiers & Qt.KeyboardModifier.ControlModifier)
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and control:
            # Out of the table, forwards or backwards (Tab itself stays inside).
            backwards = key == Qt.Key.Key_Backtab or bool(modifiers & Qt.KeyboardModifier.ShiftModifier)
            QWidget.focusNextPrevChild(self, not backwards)  # the page's order, past the cells' own Tab
            return
        if self.state() != QAbstractItemView.State.EditingState:
            if event.matches(QKeySequence.StandardKey.Copy):
                self.copy()
                return
            if event.matches(QKeySequence.StandardKey.Paste):
                self.paste()
                return
            if key in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and not modifiers:
                self.record_model.clear_cells(self.selectedIndexes())
                return
            if key == Qt.Key.Key_Insert or (key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and control):
                self.add_row()
                return
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers:
                self.step_down()  # Enter on a cell moves down, as in Excel; it never presses a button
                return
            if modifiers & Qt.KeyboardModifier.AltModifier and key in (Qt.Key.Key_Up, Qt.Key.Key_Down):
                self.move_current(-1 if key == Qt.Key.Key_Up else 1)
                return
            if key == Qt.Key.Key_Minus and control:
                self.remove_selected()
                return
            if key == Qt.Key.Key_D and control and not modifiers & Qt.KeyboardModifier.ShiftModifier:
                self.fill_down()
                return
        super().keyPressEvent(event)

    def moveCursor(self, action: QAbstractItemView.CursorAction, modifiers: Qt.KeyboardModifier) -> QModelIndex:
        """Tab goes to the next cell and from a row's last cell to the next row's first; from the
        table's last cell it adds a row (unless the last row is still empty). Shift+Tab goes back
        the same way. The totals row is never a stop."""
        model = self.record_model
        records = len(model.rows)
        columns = len(model.columns)
        current = self.currentIndex()
        if action not in (QAbstractItemView.CursorAction.MoveNext, QAbstractItemView.CursorAction.MovePrevious):
            return super().moveCursor(action, modifiers)
        if not records or not columns:
            return current
        row = min(current.row(), records - 1) if current.isValid() else 0
        col = current.column() if current.isValid() else -1
        if action == QAbstractItemView.CursorAction.MoveNext:
            if col + 1 < columns:
                return model.index(row, col + 1)
            if row + 1 < records:
                return model.index(row + 1, 0)
            if model.document is not None and not model.row_is_blank(records - 1):
                position = model.insert_row(None)
                return model.index(position, 0)
            return current
        if col > 0:
            return model.index(row, col - 1)
        if row > 0:
            return model.index(row - 1, columns - 1)
        return current

    def closeEditor(self, editor: QWidget, hint: QAbstractItemDelegate.EndEditHint) -> None:
        """After Tab or Shift+Tab the next cell is selected, not opened: typing there starts
        editing with the key typed (as in Excel), and a choice cell's list does not pop up on
        the way through. After Enter the cell below is selected."""
        move = editor.property(MOVE_AFTER) if editor is not None else ""
        if hint in (
            QAbstractItemDelegate.EndEditHint.EditNextItem,
            QAbstractItemDelegate.EndEditHint.EditPreviousItem,
        ):
            super().closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)
            action = (
                QAbstractItemView.CursorAction.MoveNext
                if hint == QAbstractItemDelegate.EndEditHint.EditNextItem
                else QAbstractItemView.CursorAction.MovePrevious
            )
            target = self.moveCursor(action, Qt.KeyboardModifier.NoModifier)
            if target.isValid():
                self.setCurrentIndex(target)
            return
        super().closeEditor(editor, hint)
        if move == "down":
            self.step_down()

    def step_down(self) -> None:
        current = self.currentIndex()
        if not current.isValid():
            return
        below = current.row() + 1
        if below < len(self.record_model.rows):
            self.setCurrentIndex(self.record_model.index(below, current.column()))

    def current_row(self) -> int:
        index = self.currentIndex()
        return index.row() if index.isValid() else -1

    def selected_rows(self) -> list[int]:
        rows = {i.row() for i in self.selectedIndexes()} or ({self.current_row()} - {-1})
        return sorted(r for r in rows if not self.record_model.is_totals(r))

    def add_row(self) -> None:
        row = self.current_row()
        at = row + 1 if 0 <= row < len(self.record_model.rows) else None
        position = self.record_model.insert_row(at)
        self.setFocus()
        self.setCurrentIndex(self.record_model.index(position, 0))
        self.scrollTo(self.currentIndex())

    def remove_selected(self) -> None:
        rows = self.selected_rows()
        if rows:
            self.record_model.remove_rows(rows)
            remaining = len(self.record_model.rows)
            if remaining:
                self.setCurrentIndex(
                    self.record_model.index(min(rows[0], remaining - 1), max(self.currentIndex().column(), 0))
                )

    def fill_down(self) -> None:
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        self.record_model.fill_down(indexes)

    def move_current(self, step: int) -> None:
        row = self.current_row()
        target = row + step
        if self.record_model.move_row(row, target):
            column = max(self.currentIndex().column(), 0)
            self.setCurrentIndex(self.record_model.index(target, column))

    def copy(self) -> None:
        """The selection as a block, as tab-separated text and as an HTML table (Excel, WPS and
        Word each take the one they read best)."""
        indexes = self.selectedIndexes() or ([self.currentIndex()] if self.currentIndex().isValid() else [])
        if not indexes:
            return
        rows = sorted({i.row() for i in indexes})
        cols = sorted({i.column() for i in indexes})
        chosen = {(i.row(), i.column()) for i in indexes}
        block = []
        for r in rows:
            cells = []
            for c in cols:
                if (r, c) not in chosen:
                    cells.append("")
                    continue
                index = self.record_model.index(r, c)
                text = index.data(Qt.ItemDataRole.DisplayRole)
                if text is None and self.record_model.columns[c].kind is Kind.FLAG:
                    text = "✓" if index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked else ""
                cells.append(str(text or ""))
            block.append(cells)
        clipboard.put(tsv_text(block), html_table(block))

    def paste(self) -> None:
        """A block from the clipboard at the current cell: an HTML table when there is one (it
        keeps cells with line breaks whole), else tab-separated text; rows are added as needed."""
        data = QGuiApplication.clipboard().mimeData()
        if data is None:
            return
        block = html_cells(data.html()) if data.hasHtml() else None
        if block is None and data.hasText():
            block = tsv_cells(data.text())
        if not block:
            return
        index = self.currentIndex()
        top = index.row() if index.isValid() else len(self.record_model.rows)
        left = index.column() if index.isValid() else 0
        if self.record_model.is_totals(top):
            top = len(self.record_model.rows)
        self.record_model.paste(top, left, block)

    # ---- menus

    def _header_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        col = self.horizontalHeader().logicalIndexAt(pos)
        if col < 0:
            return
        menu = QMenu(self)
        name = self.record_model.columns[col].label(self.record_model.lang)
        menu.addAction(
            translate("RecordTable", "Sort rows by %1, ascending").replace("%1", name),
            lambda: self.record_model.sort_rows(col),
        )
        menu.addAction(
            translate("RecordTable", "Sort rows by %1, descending").replace("%1", name),
            lambda: self.record_model.sort_rows(col, descending=True),
        )
        menu.addSeparator()
        menu.addAction(translate("RecordTable", "Fit columns to the width"), self._reset_widths)
        menu.exec(self.horizontalHeader().mapToGlobal(pos))

    def _reset_widths(self) -> None:
        self._user_widths = False
        self.fit_columns()

    def _cell_menu(self, pos) -> None:  # type: ignore[no-untyped-def]
        menu = QMenu(self)
        for action in self.row_actions():
            menu.addAction(action)
        menu.exec(self.viewport().mapToGlobal(pos))

    def row_actions(self) -> list[QAction]:
        style = self.style()
        add = QAction(
            style.standardIcon(QStyle.StandardPixmap.SP_FileDialogNewFolder), translate("RecordTable", "Add row"), self
        )
        add.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        add.triggered.connect(self.add_row)
        remove = QAction(translate("RecordTable", "Remove selected rows"), self)
        remove.setShortcut(QKeySequence("Ctrl+-"))
        remove.triggered.connect(self.remove_selected)
        up = QAction(translate("RecordTable", "Move row up"), self)
        up.setShortcut(QKeySequence("Alt+Up"))
        up.triggered.connect(lambda: self.move_current(-1))
        down = QAction(translate("RecordTable", "Move row down"), self)
        down.setShortcut(QKeySequence("Alt+Down"))
        down.triggered.connect(lambda: self.move_current(1))
        copy = QAction(translate("RecordTable", "Copy"), self)
        copy.setShortcut(QKeySequence.StandardKey.Copy)
        copy.triggered.connect(self.copy)
        paste = QAction(translate("RecordTable", "Paste"), self)
        paste.setShortcut(QKeySequence.StandardKey.Paste)
        paste.triggered.connect(self.paste)
        fill = QAction(translate("RecordTable", "Fill down"), self)
        fill.setShortcut(QKeySequence("Ctrl+D"))
        fill.triggered.connect(self.fill_down)
        clear = QAction(translate("RecordTable", "Clear cells"), self)
        clear.setShortcut(QKeySequence(Qt.Key.Key_Delete))
        clear.triggered.connect(lambda: self.record_model.clear_cells(self.selectedIndexes()))
        for action in (add, remove, up, down, copy, paste, fill, clear):
            action.setShortcutVisibleInContextMenu(True)
        return [add, remove, up, down, copy, paste, fill, clear]

    def select_key(self, key: str) -> None:
        """Make the row with this key current (a chart was clicked)."""
        for row, record in enumerate(self.record_model.rows):
            if record.key == key:
                index = self.record_model.index(row, 0)
                self.selectionModel().setCurrentIndex(
                    index, QItemSelectionModel.SelectionFlag.ClearAndSelect | QItemSelectionModel.SelectionFlag.Rows
                )
                self.scrollTo(index)
                return


def tool_button(text: str, tip: str, slot, icon=None) -> QToolButton:  # type: ignore[no-untyped-def]
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    # Never a Tab stop: Tab belongs to the table's cells, and a focused button would be pressed
    # by the next Enter or Space (under GNOME and Windows themes). The keys and menus reach them.
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    if icon is not None:
        button.setIcon(icon)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
    button.clicked.connect(slot)
    return button


class RecordTable(QWidget):
    """A table field: row buttons, the table and, under it, problems about the table as a whole."""

    def __init__(self, table: Table, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.table = table
        self.model = RecordTableModel(table, lang, self)
        self.view = RecordTableView(self.model, self)
        self.buttons = QHBoxLayout()
        self.buttons.setContentsMargins(0, 0, 0, 0)
        self.buttons.setSpacing(2)
        self.buttons.addWidget(
            tool_button(
                "+ " + translate("RecordTable", "Add row"),
                translate("RecordTable", "Add a row below the current one (Insert)"),
                self.view.add_row,
            )
        )
        self.buttons.addWidget(
            tool_button(
                "− " + translate("RecordTable", "Remove"),
                translate("RecordTable", "Remove the selected rows (Ctrl+-)"),
                self.view.remove_selected,
            )
        )
        self.buttons.addWidget(
            tool_button(
                "↑", translate("RecordTable", "Move the current row up (Alt+Up)"), lambda: self.view.move_current(-1)
            )
        )
        self.buttons.addWidget(
            tool_button(
                "↓", translate("RecordTable", "Move the current row down (Alt+Down)"), lambda: self.view.move_current(1)
            )
        )
        self.buttons.addStretch(1)
        if table.path == OPPORTUNITIES:
            self._questions_toggle()
        self.table_problems = QLabel()
        self.table_problems.setWordWrap(True)
        self.table_problems.setVisible(False)
        self.table_problems.setObjectName("tableProblems")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.view)
        layout.addLayout(self.buttons)
        layout.addWidget(self.table_problems)
        layout.addStretch(1)  # beside a taller chart, the table stays at the top
        self.document: PlanDocument | None = None

    def _questions_toggle(self) -> None:
        """The eight qualification answers are hidden until asked for: eight narrow columns
        would crowd the name and notes the table is mostly read for."""
        self.questions = tool_button(
            translate("RecordTable", "Qualification questions"),
            translate("RecordTable", "Show or hide the eight questions that qualify each opportunity"),
            lambda: self.show_questions(self.questions.isChecked()),
        )
        self.questions.setCheckable(True)
        self.buttons.addWidget(self.questions)
        self.show_questions(False)

    def show_questions(self, shown: bool) -> None:
        self.questions.setChecked(shown)
        for key in QUALIFICATION_QUESTIONS:
            self.view.setColumnHidden(self.table.column_keys.index(key), not shown)

    def set_document(self, document: PlanDocument | None) -> None:
        if self.document is not None:
            detach(self.document.issuesChanged, self._show_table_problems)
        self.document = document
        self.model.set_document(document)
        if document is not None:
            document.issuesChanged.connect(self._show_table_problems)
        self._show_table_problems()
        self.view.fit()

    def _show_table_problems(self) -> None:
        issues = self.document.table_issues(self.table.path) if self.document else []
        if not issues:
            self.table_problems.setVisible(False)
            return
        lang = self.model.lang
        marks = ["⚠ " + i.message(lang) if i.severity is Severity.WARNING else "✖ " + i.message(lang) for i in issues]
        self.table_problems.setText("\n".join(marks))
        self.table_problems.setVisible(True)

    def focus_first_cell(self) -> None:
        self.view.setFocus()
        if not self.view.currentIndex().isValid() and self.model.rowCount():
            self.view.setCurrentIndex(self.model.index(0, 0))
