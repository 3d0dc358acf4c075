"""The five-year forecast as Qt models: a pivot of the plan's ``forecast.rows`` records (one line
per region and platform, one column per year, with totals) and a summary by year.

Typing into a pivot cell sets the value of the record for that year, region and platform, or adds
the record when there is none; clearing the last value of a record removes it. Lines keep a stable
order while the plan is open, so the cursor never jumps while you type. No widgets here: the models
are tested with ``model.data(index, role)``.
"""

from __future__ import annotations

import math

from PySide6.QtCore import QAbstractTableModel, QCoreApplication, QModelIndex, QObject, Qt
from PySide6.QtGui import QFont

from ..domain.edits import Batch, Edit, InsertRow, RemoveRow, SetCell
from ..domain.model import Record
from ..domain.template import FORECAST, TEMPLATE, Cell
from ..domain.validation import Issue, Severity
from ..domain.values import ValueProblem, format_value, parse_input
from .document import PlanDocument, detach
from .table_model import ERROR_TINT, SEVERITY_ROLE, WARNING_TINT

translate = QCoreApplication.translate


Line = tuple[str, str]  # (region, platform)
REGION, PLATFORM, FIRST_YEAR = 0, 1, 2
MEASURES = ("revenue", "margin")


def _number(record: Record, key: str) -> float | None:
    v = record.get(key)
    return float(v) if isinstance(v, (int, float)) and not isinstance(v, bool) else None


def _line(record: Record) -> Line:
    return (str(record.get(Cell.region) or ""), str(record.get(Cell.platform) or ""))


class ForecastPivotModel(QAbstractTableModel):
    def __init__(self, lang: str, parent: QObject | None = None):
        super().__init__(parent)
        self.lang = lang
        self.table = TEMPLATE.table(FORECAST)
        self.measure = "revenue"
        self.document: PlanDocument | None = None
        self.lines: list[Line] = []
        self._cells: dict[tuple[str, str, int], list[Record]] = {}

    # ---- the document

    def set_document(self, document: PlanDocument | None) -> None:
        self.beginResetModel()
        if self.document is not None:
            detach(self.document.changed, self._changed)
            detach(self.document.reloaded, self._reload)
            detach(self.document.issuesChanged, self._all_changed)
        self.document = document
        if document is not None:
            document.changed.connect(self._changed)
            document.reloaded.connect(self._reload)
            document.issuesChanged.connect(self._all_changed)
        self.lines = []
        self._index()
        self.lines = self._found_lines([])
        self.endResetModel()

    def _reload(self) -> None:
        self.set_document(self.document)

    @property
    def years(self) -> tuple[int, ...]:
        return self.document.plan.years if self.document else ()

    def _index(self) -> None:
        cells: dict[tuple[str, str, int], list[Record]] = {}
        if self.document is not None:
            for record in self.document.plan.rows(FORECAST):
                year = record.get(Cell.year)
                if isinstance(year, int):
                    cells.setdefault((*_line(record), year), []).append(record)
        self._cells = cells

    def _found_lines(self, keep: list[Line]) -> list[Line]:
        """The lines shown: those kept, then new ones in region order, as the data has them."""
        seen = dict.fromkeys(keep)
        fresh: dict[Line, None] = {}
        if self.document is not None:
            for record in self.document.plan.rows(FORECAST):
                line = _line(record)
                if line not in seen:
                    fresh.setdefault(line)
        regions = {r: i for i, r in enumerate(dict.fromkeys(line[0] for line in [*keep, *fresh]))}
        return list(keep) + sorted(fresh, key=lambda line: regions[line[0]])

    def _changed(self, edit: Edit) -> None:
        edits = edit.edits if isinstance(edit, Batch) else (edit,)
        if not any(getattr(e, "field", None) == FORECAST for e in edits):
            return
        self._index()
        lines = self._found_lines(self.lines)
        if len(lines) > len(self.lines):
            first = len(self.lines)
            self.beginInsertRows(QModelIndex(), first, len(lines) - 1)
            self.lines = lines
            self.endInsertRows()
        self._all_changed()

    def _all_changed(self) -> None:
        self.dataChanged.emit(self.index(0, 0), self.index(self.rowCount() - 1, self.columnCount() - 1))

    def set_measure(self, measure: str) -> None:
        self.measure = measure
        self._all_changed()
        self.headerDataChanged.emit(Qt.Orientation.Horizontal, 0, self.columnCount() - 1)

    # ---- shape

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.document is None else len(self.lines) + 1

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.document is None else FIRST_YEAR + len(self.years) + 1

    def is_total_row(self, row: int) -> bool:
        return row == len(self.lines)

    def is_total_column(self, col: int) -> bool:
        return col == FIRST_YEAR + len(self.years)

    def year_of(self, col: int) -> int | None:
        i = col - FIRST_YEAR
        return self.years[i] if 0 <= i < len(self.years) else None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if role != Qt.ItemDataRole.DisplayRole:
            if (
                role == Qt.ItemDataRole.TextAlignmentRole
                and orientation == Qt.Orientation.Horizontal
                and section >= FIRST_YEAR
            ):
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return None
        if orientation == Qt.Orientation.Vertical:
            return "Σ" if self.is_total_row(section) else str(section + 1)
        if section == REGION:
            return self.table.column("region").label(self.lang)
        if section == PLATFORM:
            return self.table.column("platform").label(self.lang)
        year = self.year_of(section)
        if year is not None:
            return str(year)
        return translate("ForecastGrid", "Total")

    # ---- values

    def value(self, line: Line, year: int) -> float | None:
        records = self._cells.get((*line, year), [])
        numbers = [v for r in records if (v := _number(r, self.measure)) is not None]
        return math.fsum(numbers) if numbers else None

    def line_total(self, line: Line) -> float:
        return math.fsum(v for y in self.years if (v := self.value(line, y)) is not None)

    def year_total(self, year: int) -> float:
        return math.fsum(v for line in self.lines if (v := self.value(line, year)) is not None)

    def grand_total(self) -> float:
        return math.fsum(self.year_total(y) for y in self.years)

    def _format(self, x: float | None) -> str:
        """A figure as the grid shows it: in the plan's unit, up to two decimals (12.34 in CNY m)."""
        if x is None:
            return ""
        if self.document is None:
            return format_value(self.table.column(self.measure), x, self.lang)
        return self.document.plan.money.format(round(x, 2))

    def issues(self, row: int, col: int) -> list[Issue]:
        if self.document is None or self.is_total_row(row):
            return []
        line = self.lines[row]
        if col in (REGION, PLATFORM):
            key = "region" if col == REGION else "platform"
            years = self.years
            records = [r for y in years for r in self._cells.get((*line, y), [])]
            return [i for r in records for i in self.document.cell_issues(FORECAST, r.key, key)]
        year = self.year_of(col)
        if year is None:
            return []
        found: list[Issue] = []
        for record in self._cells.get((*line, year), []):
            for key in (self.measure, "platform", "year"):
                found.extend(self.document.cell_issues(FORECAST, record.key, key))
        return found

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid() or self.document is None:
            return None
        row, col = index.row(), index.column()
        total_row, total_col = self.is_total_row(row), self.is_total_column(col)
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            if total_row:
                if col == REGION:
                    return translate("ForecastGrid", "Total") if role == Qt.ItemDataRole.DisplayRole else None
                if col == PLATFORM:
                    return None
                if total_col:
                    return self._format(self.grand_total())
                year = self.year_of(col)
                return self._format(self.year_total(year)) if year is not None else None
            line = self.lines[row]
            if col in (REGION, PLATFORM):
                return line[col]
            if total_col:
                return self._format(self.line_total(line))
            year = self.year_of(col)
            value = self.value(line, year) if year is not None else None
            if role == Qt.ItemDataRole.EditRole:
                return "" if value is None else f"{value:g}"
            return self._format(value)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            if col >= FIRST_YEAR:
                return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        if role == Qt.ItemDataRole.FontRole and (total_row or total_col):
            font = QFont()
            font.setBold(True)
            return font
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.BackgroundRole, SEVERITY_ROLE):
            issues = self.issues(row, col)
            if role == Qt.ItemDataRole.ToolTipRole:
                return "\n".join(dict.fromkeys(i.message(self.lang) for i in issues)) or None
            if not issues:
                return None
            error = any(i.severity is Severity.ERROR for i in issues)
            if role == SEVERITY_ROLE:
                return "error" if error else "warning"
            return ERROR_TINT if error else WARNING_TINT
        return None

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        base = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.is_total_row(index.row()) or self.is_total_column(index.column()):
            return base
        return base | Qt.ItemFlag.ItemIsEditable

    # ---- editing

    def setData(self, index: QModelIndex, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if (
            role != Qt.ItemDataRole.EditRole
            or self.document is None
            or not (self.flags(index) & Qt.ItemFlag.ItemIsEditable)
        ):
            return False
        row, col = index.row(), index.column()
        line = self.lines[row]
        text = "" if value is None else str(value)
        if col in (REGION, PLATFORM):
            return self.rename_line(row, col, text.strip())
        year = self.year_of(col)
        assert year is not None
        column = self.table.column(self.measure)
        try:
            new = parse_input(column, text)
        except ValueProblem as exc:
            self.document.problem.emit(f"{column.label(self.lang)}: {exc}")
            return False
        records = self._cells.get((*line, year), [])
        edit: Edit
        if records:
            record = records[0]
            old = record.get(self.measure)
            if old == new:
                return True
            other = "margin" if self.measure == "revenue" else "revenue"
            if new is None and record.get(other) is None:
                plan_rows = self.document.plan.rows(FORECAST)
                edit = RemoveRow(FORECAST, plan_rows.index(record), record.copy())
            else:
                edit = SetCell(FORECAST, record.key, self.measure, old, new)
        elif new is None:
            return True
        else:
            key = self.document.plan.new_row_key(FORECAST)
            record = Record(key, {"year": year, "region": line[0], "platform": line[1], self.measure: new})
            edit = InsertRow(FORECAST, self._insert_position(line, year), record)
        label = f"{line[0]} · {line[1]} · {year}"
        self.document.push(edit, translate("ForecastGrid", "Forecast %1").replace("%1", label))
        return True

    def _insert_position(self, line: Line, year: int) -> int:
        """After the last row of the same year (the Rows tab stays in year order)."""
        assert self.document is not None
        rows = self.document.plan.rows(FORECAST)
        position = len(rows)
        for i, record in enumerate(rows):
            if isinstance(record.get(Cell.year), int) and record.get(Cell.year) <= year:  # type: ignore[operator]
                position = i + 1
        return position

    def rename_line(self, row: int, col: int, name: str) -> bool:
        assert self.document is not None
        if not name:
            return False
        line = self.lines[row]
        key = "region" if col == REGION else "platform"
        renamed: Line = (name, line[1]) if col == REGION else (line[0], name)
        if renamed == line:
            return True
        edits: list[Edit] = [
            SetCell(FORECAST, r.key, key, r.get(key), name)
            for r in self.document.plan.rows(FORECAST)
            if _line(r) == line
        ]
        self.lines[row] = renamed
        if renamed in self.lines[:row] + self.lines[row + 1 :]:
            self.beginRemoveRows(QModelIndex(), row, row)
            del self.lines[row]
            self.endRemoveRows()
        if edits:
            self.document.push(Batch(tuple(edits)), translate("ForecastGrid", "Rename %1").replace("%1", line[col]))
        else:
            self._all_changed()
        return True

    def add_line(self, region: str, platform: str) -> int:
        """A new, empty line (it becomes records as soon as a value is typed); returns its row."""
        line = (region.strip(), platform.strip())
        if line in self.lines:
            return self.lines.index(line)
        self.beginInsertRows(QModelIndex(), len(self.lines), len(self.lines))
        self.lines.append(line)
        self.endInsertRows()
        return len(self.lines) - 1

    def remove_line(self, row: int) -> None:
        if self.document is None or not 0 <= row < len(self.lines):
            return
        line = self.lines[row]
        rows = self.document.plan.rows(FORECAST)
        edits: list[Edit] = [
            RemoveRow(FORECAST, i, rows[i].copy()) for i in reversed(range(len(rows))) if _line(rows[i]) == line
        ]
        self.beginRemoveRows(QModelIndex(), row, row)
        del self.lines[row]
        self.endRemoveRows()
        if edits:
            self.document.push(
                Batch(tuple(edits)), translate("ForecastGrid", "Remove %1").replace("%1", " · ".join(line))
            )

    def regions(self) -> list[str]:
        return list(dict.fromkeys(line[0] for line in self.lines if line[0]))

    def platforms(self) -> list[str]:
        return list(dict.fromkeys(line[1] for line in self.lines if line[1]))


class ForecastSummaryModel(QAbstractTableModel):
    """Read-only totals of the grid by region and by platform."""

    def __init__(self, pivot: ForecastPivotModel, parent: QObject | None = None):
        super().__init__(parent)
        self.pivot = pivot
        self.entries: list[tuple[int, str]] = []  # (REGION or PLATFORM, name)
        for signal in (
            pivot.modelReset,
            pivot.dataChanged,
            pivot.rowsInserted,
            pivot.rowsRemoved,
            pivot.headerDataChanged,
        ):
            signal.connect(self.refresh)
        self.refresh()

    def refresh(self, *_: object) -> None:
        self.beginResetModel()
        self.entries = [(REGION, r) for r in self.pivot.regions()] + [(PLATFORM, p) for p in self.pivot.platforms()]
        self.endResetModel()

    def rowCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.entries)

    def columnCount(self, parent: QModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() or self.pivot.document is None else 2 + len(self.pivot.years) + 1

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            if section == 0:
                return translate("ForecastGrid", "By")
            if section == 1:
                return ""
            return self.pivot.headerData(section, orientation, role)
        if (
            orientation == Qt.Orientation.Horizontal
            and role == Qt.ItemDataRole.TextAlignmentRole
            and section >= FIRST_YEAR
        ):
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None

    def data(self, index: QModelIndex, role: int = Qt.ItemDataRole.DisplayRole):  # type: ignore[no-untyped-def]
        if not index.isValid():
            return None
        kind, name = self.entries[index.row()]
        col = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if col == 0:
                return self.pivot.headerData(kind, Qt.Orientation.Horizontal)
            if col == 1:
                return name
            lines = [line for line in self.pivot.lines if line[kind] == name]
            year = self.pivot.year_of(col)
            if year is not None:
                return self.pivot._format(
                    math.fsum(v for line in lines if (v := self.pivot.value(line, year)) is not None)
                )
            return self.pivot._format(math.fsum(self.pivot.line_total(line) for line in lines))
        if role == Qt.ItemDataRole.TextAlignmentRole and col >= FIRST_YEAR:
            return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
        return None
