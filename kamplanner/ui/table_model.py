"""A record table of the open plan as a Qt table model, driven by the template's columns.

The model is a thin adapter: it reads the plan, turns what the user typed into domain edits
(``setData`` pushes a SetCell onto the undo stack) and follows the document's change signals.
It needs no widgets, so it is tested with ``model.data(index, role)``.
"""

from __future__ import annotations

import datetime as dt
import math

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QDate, QModelIndex, QObject, Qt
from PySide6.QtGui import QColor, QFont

from ..domain.edits import Batch, Edit, InsertRow, MoveRow, RemoveRow, SetCell, SetCurrency, dropped_references
from ..domain.model import Record, Value
from ..domain.money import with_unit
from ..domain.template import STAKEHOLDERS, Cell, Column, Kind, Table
from ..domain.text import clean_text
from ..domain.validation import Issue, Severity
from ..domain.values import NAME_SEPARATORS, ValueProblem, format_value, join_refs, parse_input
from . import i18n
from .cells import alignment, column_hint, edit_value, fresh_key, new_row_values, sort_value, worst
from .contact_entry import is_stale, last_contact_note, stale_mark
from .document import PlanDocument, detach

translate = QCoreApplication.translate

SORT_ROLE = Qt.ItemDataRole.UserRole + 1  # plain comparable values, empty cells last
ISSUE_ROLE = Qt.ItemDataRole.UserRole + 2  # list[Issue] of the cell
KEY_ROLE = Qt.ItemDataRole.UserRole + 3  # the row's key
SEVERITY_ROLE = Qt.ItemDataRole.UserRole + 4  # "error", "warning" or None

ERROR_TINT = QColor(220, 50, 47, 70)
WARNING_TINT = QColor(230, 160, 20, 70)


class RecordTableModel(QAbstractTableModel):
    """Rows of one template table, plus a totals row when the table has summed columns."""

    def __init__(self, table: Table, lang: str | None = None, parent: QObject | None = None):
        super().__init__(parent)
        self.table = table
        self.path = table.path
        self.columns = table.columns
        self.lang = lang or i18n.language()
        self.has_totals = any(c.total for c in self.columns)
        self.refs = {c.ref for c in self.columns if c.kind in (Kind.REF, Kind.REFS)}
        self.document: PlanDocument | None = None
        self.today = dt.date.today  # the day the contact log's marks are as of

    # ---- the document

    def set_document(self, document: PlanDocument | None) -> None:
        if document is self.document:
            return
        self.beginResetModel()
        if self.document is not None:
            for signal, slot in self._connections():
                detach(signal, slot)
        self.document = document
        if document is not None:
            for signal, slot in self._connections():
                signal.connect(slot)
        self.endResetModel()

    def _connections(self):  # type: ignore[no-untyped-def]
        d = self.document
        assert d is not None
        return [
            (d.aboutToApply, self._about_to_apply),
            (d.applied, self._applied),
            (d.issuesChanged, self._all_changed),
            (d.reloaded, self._reset),
        ]

    @property
    def rows(self) -> list[Record]:
        return self.document.plan.rows(self.path) if self.document else []

    def record(self, row: int) -> Record | None:
        rows = self.rows
        return rows[row] if 0 <= row < len(rows) else None

    def is_totals(self, row: int) -> bool:
        return self.has_totals and row == len(self.rows)

    # ---- reading

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        if parent.isValid() or self.document is None:
            return 0
        return len(self.rows) + (1 if self.has_totals else 0)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal:
            if not 0 <= section < len(self.columns):
                return None
            column = self.columns[section]
            if role == Qt.ItemDataRole.DisplayRole:
                label = column.label(self.lang)
                if column.kind is Kind.MONEY and self.document is not None:
                    label = with_unit(label, self.document.plan.money, self.lang)  # 价值（万元）, Value (CNY 10k)
                return label + (" *" if column.required else "")
            if role == Qt.ItemDataRole.ToolTipRole:
                return column_hint(column, self.lang)
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return alignment(column)
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return "Σ" if self.is_totals(section) else str(section + 1)
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or self.document is None:
            return None
        column = self.columns[index.column()]
        if self.is_totals(index.row()):
            return self._totals_data(index.column(), column, role)
        record = self.record(index.row())
        if record is None:
            return None
        value = record.get(column.key)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            if column.kind is Kind.FLAG:
                return None if role == Qt.ItemDataRole.DisplayRole else ("✓" if value else "")
            return self.display_text(column, value)
        if role == Qt.ItemDataRole.EditRole:
            return self.display_text(column, value) if column.kind is Kind.REFS else edit_value(column, value)
        if role == Qt.ItemDataRole.CheckStateRole and column.kind is Kind.FLAG:
            return Qt.CheckState.Checked if value else Qt.CheckState.Unchecked
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            issues = self.cell_issues(index)
            lines = [i.message(self.lang) for i in issues]
            if column.kind is Kind.LONGTEXT and isinstance(value, str) and len(value) > 40:
                lines.append(value)
            if self.path == STAKEHOLDERS and column.key == Cell.name:
                lines.append(last_contact_note(self.document.plan, record, self.lang, self.today()))
            return "\n".join(lines) or None
        if role == Qt.ItemDataRole.DecorationRole and self.path == STAKEHOLDERS and column.key == Cell.name:
            return stale_mark() if is_stale(self.document.plan, record, self.today()) else None
        if role == Qt.ItemDataRole.BackgroundRole:
            severity = worst(self.cell_issues(index))
            if severity is Severity.ERROR:
                return ERROR_TINT
            if severity is Severity.WARNING:
                return WARNING_TINT
            return None
        if role == SORT_ROLE:
            return sort_value(column, value, self.display_text(column, value))
        if role == ISSUE_ROLE:
            return self.cell_issues(index)
        if role == SEVERITY_ROLE:
            severity = worst(self.cell_issues(index))
            return severity.value if severity else None
        if role == KEY_ROLE:
            return record.key
        return None

    def display_text(self, column: Column, value: Value) -> str:
        if column.kind in (Kind.REF, Kind.REFS) and column.ref and self.document is not None:
            return self.document.plan.shown_ref(column.ref, column.kind, value, self.lang)
        return format_value(column, value, self.lang)

    def _totals_data(self, col: int, column: Column, role: int):  # type: ignore[no-untyped-def]
        if role == Qt.ItemDataRole.DisplayRole:
            if column.total:
                return format_value(column, self.total(column.key), self.lang)
            first_plain = next(i for i, c in enumerate(self.columns) if not c.total)
            return translate("RecordTable", "Total") if col == first_plain else None
        if role == Qt.ItemDataRole.FontRole:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return alignment(column)
        if role == SORT_ROLE:
            return (2, "")
        return None

    def total(self, key: str) -> float:
        return math.fsum(
            float(v) for r in self.rows if isinstance(v := r.get(key), (int, float)) and not isinstance(v, bool)
        )

    def cell_issues(self, index: QModelIndex) -> list[Issue]:
        record = self.record(index.row())
        if record is None or self.document is None:
            return []
        return self.document.cell_issues(self.path, record.key, self.columns[index.column()].key)

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        if self.is_totals(index.row()):
            return Qt.ItemFlag.ItemIsEnabled
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.columns[index.column()].kind is Kind.FLAG:
            return base | Qt.ItemFlag.ItemIsUserCheckable
        return base | Qt.ItemFlag.ItemIsEditable

    # ---- writing: every change is an undoable domain edit

    def setData(self, index: QModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if self.document is None or not index.isValid() or self.is_totals(index.row()):
            return False
        column = self.columns[index.column()]
        if role == Qt.ItemDataRole.CheckStateRole and column.kind is Kind.FLAG:
            value = Qt.CheckState(value) == Qt.CheckState.Checked if not isinstance(value, bool) else value
        elif role != Qt.ItemDataRole.EditRole:
            return False
        edit = self.cell_edit(index.row(), index.column(), value)
        if edit is None:
            return False
        if edit.old != edit.new:
            self.document.push(edit, translate("RecordTable", "Edit %1").replace("%1", column.label(self.lang)))
        return True

    def cell_edit(self, row: int, col: int, value: object) -> SetCell | None:
        """The edit that puts ``value`` (typed or as text) into a cell; None if it does not parse."""
        record = self.record(row)
        if record is None or self.document is None:
            return None
        column = self.columns[col]
        try:
            new = self.parse(column, value)
        except ValueProblem as exc:
            self.document.problem.emit(f"{column.label(self.lang)}: {exc}")
            return None
        return SetCell(self.path, record.key, column.key, record.get(column.key), new)

    def parse(self, column: Column, value: object) -> Value:
        """A cell value from an editor's value or from text (typed, pasted)."""
        if isinstance(value, QDate):
            value = value.toPython()
        if value is None:
            return None
        if isinstance(value, str):
            if column.kind is Kind.REF and column.ref and self.document is not None:
                return self._ref_key(column.ref, value.strip())
            if column.kind is Kind.REFS and column.ref and self.document is not None:
                names = [n for n in NAME_SEPARATORS.split(value.strip()) if n]
                return join_refs([self._ref_key(column.ref, n) for n in names])
            if column.kind is Kind.FLAG and value.strip() == "✓":
                return True
            return parse_input(column, clean_text(value))
        if column.kind is Kind.FLAG:
            return bool(value)
        if column.kind in (Kind.NUMBER, Kind.MONEY, Kind.PERCENT) and isinstance(value, (int, float)):
            return float(value)
        if column.kind in (Kind.INTEGER, Kind.YEAR) and isinstance(value, (int, float)):
            return int(value)
        if column.kind is Kind.DATE and isinstance(value, dt.date):
            return value
        return parse_input(column, str(value))

    def _ref_key(self, ref: str, text: str) -> Value:
        if not text:
            return None
        assert self.document is not None
        return self.document.plan.key_for(ref, text) or text  # validation says it refers to nothing

    def new_row(self, at: int | None = None) -> InsertRow:
        assert self.document is not None
        index = len(self.rows) if at is None else max(0, min(at, len(self.rows)))
        key = self.document.plan.new_row_key(self.path)
        return InsertRow(self.path, index, Record(key, new_row_values(self.document, self.path)))

    def row_is_blank(self, row: int) -> bool:
        """Nothing typed in the row yet: only what a new row starts with."""
        if self.document is None or not 0 <= row < len(self.rows):
            return False
        defaults = new_row_values(self.document, self.path)
        return all(value in (None, "") or defaults.get(key) == value for key, value in self.rows[row].values.items())

    def insert_row(self, at: int | None = None) -> int:
        """Add an empty row (as an undoable step); returns its position."""
        edit = self.new_row(at)
        assert self.document is not None
        self.document.push(edit, translate("RecordTable", "Add row"))
        return edit.index

    def remove_rows(self, rows: list[int]) -> None:
        if self.document is None:
            return
        records = self.rows
        edits: list[Edit] = [
            RemoveRow(self.path, r, records[r])
            for r in sorted({r for r in rows if 0 <= r < len(records)}, reverse=True)
        ]
        if edits:
            count = len(edits)
            removed = {records[r].key for r in rows if 0 <= r < len(records)}
            edits = [*dropped_references(self.document.plan, self.path, removed), *edits]
            text = translate("RecordTable", "Remove %n row(s)", "", count)
            self.document.push(Batch(tuple(edits)) if len(edits) > 1 else edits[0], text)
            self.document.notice.emit(
                translate(
                    "RecordTable", "%n row(s) removed from %1. Undo (Ctrl+Z) brings them back.", "", count
                ).replace("%1", self.table.label(self.lang))
            )

    def move_row(self, source: int, target: int) -> bool:
        if (
            self.document is None
            or source == target
            or not (0 <= source < len(self.rows) and 0 <= target < len(self.rows))
        ):
            return False
        self.document.push(MoveRow(self.path, source, target), translate("RecordTable", "Move row"))
        return True

    def sort_rows(self, col: int, descending: bool = False) -> None:
        """Reorder the rows by a column, as one undoable step of row moves."""
        if self.document is None:
            return
        column = self.columns[col]
        current = [r.key for r in self.rows]
        wanted = sorted(
            self.rows,
            key=lambda r: sort_value(column, r.get(column.key), self.display_text(column, r.get(column.key))),
            reverse=descending,
        )
        if descending:  # empty cells stay last either way
            wanted = [r for r in wanted if r.get(column.key) not in (None, "")] + [
                r for r in wanted if r.get(column.key) in (None, "")
            ]
        moves: list[Edit] = []
        for position, record in enumerate(wanted):
            source = current.index(record.key)
            if source != position:
                moves.append(MoveRow(self.path, source, position))
                current.insert(position, current.pop(source))
        if moves:
            self.document.push(
                Batch(tuple(moves)), translate("RecordTable", "Sort by %1").replace("%1", column.label(self.lang))
            )

    def clear_cells(self, indexes: list[QModelIndex]) -> None:
        edits: list[Edit] = []
        for index in indexes:
            record = self.record(index.row())
            if record is None:
                continue
            column = self.columns[index.column()]
            if record.get(column.key) is not None:
                edits.append(SetCell(self.path, record.key, column.key, record.get(column.key), None))
        if edits and self.document is not None:
            self.document.push(Batch(tuple(edits)), translate("RecordTable", "Clear cells"))

    def fill_down(self, indexes: list[QModelIndex]) -> None:
        """Ctrl+D, as in Excel: each selected column takes its top selected cell's value all the
        way down the selection; a single cell takes the value of the cell above it."""
        if self.document is None:
            return
        by_column: dict[int, list[int]] = {}
        for index in indexes:
            if self.record(index.row()) is not None:
                by_column.setdefault(index.column(), []).append(index.row())
        edits: list[Edit] = []
        for col, rows in sorted(by_column.items()):
            rows.sort()
            source, targets = (rows[0], rows[1:]) if len(rows) > 1 else (rows[0] - 1, rows)
            if source < 0:
                continue
            key = self.columns[col].key
            value = self.rows[source].get(key)
            for row in targets:
                record = self.rows[row]
                if record.get(key) != value:
                    edits.append(SetCell(self.path, record.key, key, record.get(key), value))
        if edits:
            self.document.push(Batch(tuple(edits)), translate("RecordTable", "Fill down"))

    def paste(self, top: int, left: int, block: list[list[str]]) -> None:
        """Put a block of text cells (from a spreadsheet) at a position; new rows as needed."""
        if self.document is None or not block:
            return
        edits: list[Edit] = []
        keys = [r.key for r in self.rows]
        used = set(keys)
        problems: list[str] = []
        for i, line in enumerate(block):
            row = top + i
            if row < len(keys):
                record = self.rows[row]
                key, values = record.key, dict(record.values)
            else:
                key = fresh_key(self.document.plan.new_row_key(self.path), used)
                used.add(key)
                values = new_row_values(self.document, self.path)
                edits.append(InsertRow(self.path, len(keys), Record(key, dict(values))))
                keys.append(key)
            for j, text in enumerate(line):
                col = left + j
                if col >= len(self.columns):
                    break
                column = self.columns[col]
                try:
                    new = self.parse(column, text)
                except ValueProblem as exc:
                    problems.append(f"{column.label(self.lang)} ({row + 1}): {exc}")
                    continue
                old = values.get(column.key)
                if new != old:
                    edits.append(SetCell(self.path, key, column.key, old, new))
                    values[column.key] = new
        if problems:
            self.document.problem.emit("; ".join(problems[:3]) + (" …" if len(problems) > 3 else ""))
        if edits:
            self.document.push(Batch(tuple(edits)), translate("RecordTable", "Paste"))

    # ---- following the document

    def _about_to_apply(self, edit: Edit) -> None:
        if getattr(edit, "field", None) != self.path:
            return
        if isinstance(edit, InsertRow):
            self.beginInsertRows(QModelIndex(), edit.index, edit.index)
        elif isinstance(edit, RemoveRow):
            self.beginRemoveRows(QModelIndex(), edit.index, edit.index)
        elif isinstance(edit, MoveRow):
            target = edit.target + 1 if edit.target > edit.source else edit.target
            self.beginMoveRows(QModelIndex(), edit.source, edit.source, QModelIndex(), target)

    def _applied(self, edit: Edit) -> None:
        field = getattr(edit, "field", None)
        if field == self.path:
            if isinstance(edit, InsertRow):
                self.endInsertRows()
            elif isinstance(edit, RemoveRow):
                self.endRemoveRows()
            elif isinstance(edit, MoveRow):
                self.endMoveRows()
            elif isinstance(edit, SetCell):
                row = self.document.plan.row_index(self.path, edit.row) if self.document else 0
                self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))
            if self.has_totals:
                last = self.rowCount() - 1
                self.dataChanged.emit(self.index(last, 0), self.index(last, len(self.columns) - 1))
        elif field in self.refs:
            self._all_changed()  # a referenced row's name changed: the labels shown here did too
        elif isinstance(edit, SetCurrency):
            self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, len(self.columns) - 1)  # money headers

    def _all_changed(self) -> None:
        if self.rowCount():
            self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, len(self.columns) - 1))

    def _reset(self) -> None:
        self.beginResetModel()
        self.endResetModel()
