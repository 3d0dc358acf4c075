"""Cell editors for record tables, chosen by the column's kind, and the marks on problem cells."""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import (
    QCoreApplication,
    QDate,
    QEvent,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    QPoint,
    Qt,
    QTimer,
)
from PySide6.QtGui import QColor, QPainter, QPolygon
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QComboBox,
    QCompleter,
    QDateEdit,
    QLineEdit,
    QPlainTextEdit,
    QSpinBox,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QWidget,
)

from ..domain.template import TEMPLATE, Column, Kind
from .table_model import SEVERITY_ROLE

translate = QCoreApplication.translate

ERROR_MARK = QColor(200, 40, 40)
WARNING_MARK = QColor(210, 140, 0)


# The property an editor carries to tell the table where the cursor goes once it closes.
MOVE_AFTER = "kamplanner_move_after"


def finish_editing(editor: QWidget, hint: QAbstractItemDelegate.EndEditHint, move: str = "") -> None:
    """Commit what the editor holds and close it, as its delegate would; ``move`` ("down") tells
    the table to step to the cell below once the editor is gone (Enter, as in a spreadsheet)."""
    delegate = editor.property("delegate")
    if delegate is None:
        return
    editor.setProperty(MOVE_AFTER, move)
    delegate.commitData.emit(editor)
    delegate.closeEditor.emit(editor, hint)


def spreadsheet_key(editor: QWidget, event: QEvent) -> bool:
    """Tab, Shift+Tab and Enter in a cell editor, as in Excel: commit, then the next cell, the
    previous one, or the one below. True when the key was taken.

    Called from the editor's own ``event()``: a completer hands its keys straight to
    ``QLineEdit.event()``, past any event filter, so a delegate's filter alone lets Tab move the
    focus out of the table (onto the row buttons, where the next Enter would press one)."""
    if event.type() != QEvent.Type.KeyPress:
        return False
    key = event.key()  # type: ignore[attr-defined]
    modifiers = event.modifiers()  # type: ignore[attr-defined]
    if modifiers & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier):
        return False
    if key == Qt.Key.Key_Backtab or (key == Qt.Key.Key_Tab and modifiers & Qt.KeyboardModifier.ShiftModifier):
        finish_editing(editor, QAbstractItemDelegate.EndEditHint.EditPreviousItem)
        return True
    if key == Qt.Key.Key_Tab:
        finish_editing(editor, QAbstractItemDelegate.EndEditHint.EditNextItem)
        return True
    if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not modifiers & Qt.KeyboardModifier.ShiftModifier:
        finish_editing(editor, QAbstractItemDelegate.EndEditHint.NoHint, "down")
        return True
    return False


class CellLineEdit(QLineEdit):
    """A one-line cell editor; Tab, Shift+Tab and Enter stay in the table."""

    def event(self, event: QEvent) -> bool:
        if spreadsheet_key(self, event):
            return True
        return super().event(event)


class LongTextEditor(QPlainTextEdit):
    """A few lines of plain text in a cell: Enter commits, Shift+Enter starts a new line, Tab goes
    to the next cell."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)

    def event(self, event: QEvent) -> bool:
        if spreadsheet_key(self, event):
            return True
        return super().event(event)


class ChoiceListKeys(QObject):
    """Tab and Shift+Tab while a choice cell's list is open: take the highlighted choice and move
    on, instead of the list swallowing the key (the editor would then lose the focus to the next
    widget on the page)."""

    def __init__(self, combo: QComboBox):
        super().__init__(combo)
        self.combo = combo

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab):  # type: ignore[attr-defined]
            combo = self.combo
            current = combo.view().currentIndex()
            if current.isValid():
                combo.setCurrentIndex(current.row())
            combo.hidePopup()
            backwards = event.key() == Qt.Key.Key_Backtab or bool(  # type: ignore[attr-defined]
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier  # type: ignore[attr-defined]
            )
            finish_editing(
                combo,
                QAbstractItemDelegate.EndEditHint.EditPreviousItem
                if backwards
                else QAbstractItemDelegate.EndEditHint.EditNextItem,
            )
            return True
        return False


class MarkDelegate(QStyledItemDelegate):
    """Draws a small corner mark on cells with a problem (their tooltip says which)."""

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().paint(painter, option, index)
        severity = index.data(SEVERITY_ROLE)
        if severity:
            r = option.rect
            size = min(8, r.height() // 2)
            painter.save()
            painter.setRenderHint(QPainter.RenderHint.Antialiasing)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(ERROR_MARK if severity == "error" else WARNING_MARK)
            top_right = r.topRight()
            painter.drawPolygon(QPolygon([top_right, top_right - QPoint(size, 0), top_right + QPoint(0, size)]))
            painter.restore()


class NumberDelegate(MarkDelegate):
    """Right-aligned plain text editors, for grids of figures."""

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        editor = super().createEditor(parent, option, index)
        alignment = index.data(Qt.ItemDataRole.TextAlignmentRole)
        if isinstance(editor, QLineEdit) and alignment is not None:
            editor.setAlignment(Qt.AlignmentFlag(alignment))
        return editor


class CellDelegate(MarkDelegate):
    """Edits a cell with the editor its column's kind calls for."""

    def __init__(self, model, parent: QObject | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.model = model  # the RecordTableModel (it knows the plan for choices and references)

    def column(self, index: QModelIndex) -> Column:
        return self.model.columns[index.column()]

    # ---- editors

    def createEditor(self, parent: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> QWidget:
        column = self.column(index)
        kind = column.kind
        name = column.label(self.model.lang)
        editor: QWidget
        if kind is Kind.DATE:
            editor = QDateEdit(parent)
            editor.setCalendarPopup(True)
            editor.setDisplayFormat("yyyy-MM-dd")
        elif kind in (Kind.CHOICE, Kind.REF):
            editor = QComboBox(parent)
            editor.addItem("", None)
            options = self.options(column)
            for label, key in options:
                editor.addItem(label, key)
            if kind is Kind.REF and not options and column.ref:
                # An empty list says why: the rows it refers to are written elsewhere first.
                ref = TEMPLATE.table(column.ref)
                section = TEMPLATE.section_of(column.ref)
                hint = (
                    translate("RecordTable", "Nothing to choose yet: add %1 in section %2 first")
                    .replace("%1", ref.label(self.model.lang))
                    .replace("%2", f"{section.number} {section.label(self.model.lang)}")
                )
                editor.addItem(hint, None)
                editor.model().item(editor.count() - 1).setEnabled(False)
            editor.setMaxVisibleItems(15)
            editor.view().installEventFilter(ChoiceListKeys(editor))
            # One click to open the cell, not two: show the list as soon as it is there.
            persistent = QPersistentModelIndex(index)
            QTimer.singleShot(0, lambda: _popup(editor, persistent))
        elif kind is Kind.YEAR:
            editor = QSpinBox(parent)
            year = self.model.document.plan.year if self.model.document else dt.date.today().year
            editor.setRange(year - 20, year + 20)
            editor.setAlignment(Qt.AlignmentFlag.AlignRight)
        elif kind is Kind.LONGTEXT:
            editor = LongTextEditor(parent)
        else:
            editor = CellLineEdit(parent)
            if kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT, Kind.INTEGER):
                editor.setAlignment(Qt.AlignmentFlag.AlignRight)
                # The unit, while the cell is empty: % or the plan's money unit.
                if kind is Kind.PERCENT:
                    editor.setPlaceholderText("%")
                elif kind is Kind.MONEY and self.model.document is not None:
                    editor.setPlaceholderText(self.model.document.plan.money.label(self.model.lang))
            elif kind is Kind.TEXT:
                words = sorted({str(v) for r in self.model.rows if (v := r.get(column.key))})
                if words:
                    completer = QCompleter(words, editor)
                    completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
                    editor.setCompleter(completer)
        editor.setProperty("delegate", self)
        editor.setAccessibleName(name)
        editor.setToolTip(self.model.headerData(index.column(), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole))
        return editor

    def options(self, column: Column) -> list[tuple[str, str]]:
        """(label, key) for each value a choice or reference cell may take."""
        if column.kind is Kind.CHOICE:
            return [(c.label(self.model.lang), c.key) for c in column.choices]
        document = self.model.document
        if document is None or not column.ref:
            return []
        display = TEMPLATE.table(column.ref).display
        return [(str(r.get(display) or r.key), r.key) for r in document.plan.rows(column.ref)]

    def setEditorData(self, editor: QWidget, index: QModelIndex) -> None:
        # Qt loads an open editor again whenever its cell's data changes, and the table's data
        # changes under the user (validation repaints every cell a moment after a change, a save
        # updates the version): loading it again would wipe what is being typed. An editor is
        # loaded once, when it opens; what the user types wins until it is committed.
        if editor.property("kamplanner_loaded"):
            return
        editor.setProperty("kamplanner_loaded", True)
        value = index.data(Qt.ItemDataRole.EditRole)
        if isinstance(editor, QDateEdit):
            if not isinstance(value, QDate) or not value.isValid():
                today = dt.date.today()
                plan_year = self.model.document.plan.year if self.model.document else today.year
                value = QDate(today.year, today.month, today.day) if today.year == plan_year else QDate(plan_year, 1, 1)
            editor.setDate(value)
        elif isinstance(editor, QComboBox):
            at = editor.findData(value)
            if at < 0 and value:
                editor.addItem(str(value), value)  # a dangling reference: keep it visible
                at = editor.count() - 1
            editor.setCurrentIndex(max(at, 0))
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value) if isinstance(value, int) else editor.minimum() + 20)
            editor.selectAll()
        elif isinstance(editor, QPlainTextEdit):
            editor.setPlainText("" if value is None else str(value))
            editor.selectAll()
        elif isinstance(editor, QLineEdit):
            editor.setText("" if value is None else str(value))
            editor.selectAll()

    def setModelData(self, editor: QWidget, model, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
        if isinstance(editor, QDateEdit):
            d = editor.date()
            model.setData(index, dt.date(d.year(), d.month(), d.day()))
        elif isinstance(editor, QComboBox):
            model.setData(index, editor.currentData())
        elif isinstance(editor, QSpinBox):
            model.setData(index, editor.value())
        elif isinstance(editor, QPlainTextEdit):
            model.setData(index, editor.toPlainText())
        elif isinstance(editor, QLineEdit):
            model.setData(index, editor.text())

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # Before Qt's own handling, which would let Enter add a line in a long-text cell and
        # commit without moving anywhere in the others.
        if isinstance(watched, QWidget) and spreadsheet_key(watched, event):
            return True
        return super().eventFilter(watched, event)

    def updateEditorGeometry(self, editor: QWidget, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        rect = option.rect
        if isinstance(editor, QPlainTextEdit):
            lines = 4
            height = max(rect.height(), editor.fontMetrics().lineSpacing() * lines + 10)
            rect = rect.adjusted(0, 0, 0, height - rect.height())
            rect.setWidth(max(rect.width(), 260))
        elif isinstance(editor, (QDateEdit, QComboBox)):
            rect = rect.adjusted(0, 0, 0, 0)
            rect.setWidth(max(rect.width(), editor.sizeHint().width()))
        editor.setGeometry(rect)

    def editorEvent(self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex) -> bool:  # type: ignore[no-untyped-def]
        # A flag cell toggles with one click anywhere in it, or with Space.
        column = self.column(index)
        if column.kind is Kind.FLAG and index.flags() & Qt.ItemFlag.ItemIsUserCheckable:
            if event.type() == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:  # type: ignore[attr-defined]
                _toggle(model, index)
                return True
            if event.type() in (QEvent.Type.MouseButtonPress, QEvent.Type.MouseButtonDblClick):
                return True
            if event.type() == QEvent.Type.KeyPress and event.key() in (Qt.Key.Key_Space, Qt.Key.Key_Select):  # type: ignore[attr-defined]
                _toggle(model, index)
                return True
        return super().editorEvent(event, model, option, index)


def _toggle(model, index: QModelIndex) -> None:  # type: ignore[no-untyped-def]
    checked = index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    model.setData(index, not checked, Qt.ItemDataRole.CheckStateRole)


def _popup(editor: QComboBox, index: QPersistentModelIndex) -> None:
    try:
        if editor.isVisible() and index.isValid():
            editor.showPopup()
    except RuntimeError:  # the editor closed before the list could open
        pass
