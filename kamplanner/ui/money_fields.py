"""Choosing a plan's money unit: the currency and multiple inputs the New Plan dialog shows, and
the Currency and Unit dialog that changes an open plan's unit, its figures converted as one
undoable step (domain/currency_change.py)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QDoubleSpinBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ..domain.currency_change import change_unit, money_cells
from ..domain.money import CURRENCIES, DEFAULT_UNIT, SCALE_NAMES, MoneyUnit
from .application import room_for_title
from .document import PlanDocument

translate = QCoreApplication.translate


class MoneyUnitFields(QWidget):
    """A currency and a multiple side by side, and the unit they make as the plan will show it."""

    def __init__(self, lang: str, unit: MoneyUnit = DEFAULT_UNIT, parent: QWidget | None = None):
        super().__init__(parent)
        self.lang = lang
        self.currency = QComboBox()
        for code, name in CURRENCIES.items():
            self.currency.addItem(f"{code} · {name(lang)}", code)
        self.currency.setAccessibleName(translate("MoneyUnit", "Currency"))
        self.scale = QComboBox()
        for scale, name in SCALE_NAMES.items():
            self.scale.addItem(name(lang), scale)
        self.scale.setAccessibleName(translate("MoneyUnit", "Figures count"))
        self.shown = QLabel()
        self.shown.setObjectName("guidance")
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.currency, 3)
        row.addWidget(self.scale, 3)
        row.addWidget(self.shown, 2)
        self.set_unit(unit)
        self.currency.currentIndexChanged.connect(self._show)
        self.scale.currentIndexChanged.connect(self._show)

    def unit(self) -> MoneyUnit:
        return MoneyUnit(self.currency.currentData(), self.scale.currentData())

    def set_unit(self, unit: MoneyUnit) -> None:
        self.currency.setCurrentIndex(self.currency.findData(unit.currency))
        self.scale.setCurrentIndex(self.scale.findData(unit.scale))
        self._show()

    def _show(self) -> None:
        self.shown.setText(self.unit().label(self.lang))


class MoneyUnitDialog(QDialog):
    """The plan's currency and unit. A new multiple converts the figures (1,250 万元 become
    12.5 百万元); a new currency converts them at the rate typed, or, when chosen, only changes
    the label (for figures that were already in that currency). Either way one undo step."""

    def __init__(self, document: PlanDocument, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(translate("MoneyUnit", "Currency and Unit"))
        room_for_title(self)
        self.document = document
        self.lang = lang
        self.source = document.plan.money
        self.fields = MoneyUnitFields(lang, self.source)
        self.convert = QRadioButton(translate("MoneyUnit", "Convert the figures"))
        self.relabel = QRadioButton(translate("MoneyUnit", "Keep the figures; change only the unit's name"))
        self.convert.setChecked(True)
        group = QButtonGroup(self)
        group.addButton(self.convert)
        group.addButton(self.relabel)
        self.rate = QDoubleSpinBox()
        self.rate.setDecimals(6)
        self.rate.setRange(0.000001, 1_000_000)
        self.rate.setValue(1.0)
        self.rate_label = QLabel()
        self.rate_currency = QLabel()
        self.example = QLabel()
        self.example.setObjectName("guidance")
        self.example.setWordWrap(True)
        form = QFormLayout()
        now = QLabel(self.source.describe(lang))
        form.addRow(translate("MoneyUnit", "Now"), now)
        form.addRow(translate("MoneyUnit", "New unit"), self.fields)
        rate_row = QWidget()
        rate_layout = QHBoxLayout(rate_row)
        rate_layout.setContentsMargins(0, 0, 0, 0)
        rate_layout.addWidget(self.rate_label)
        rate_layout.addWidget(self.rate, 1)
        rate_layout.addWidget(self.rate_currency)
        self.rate_row = rate_row
        form.addRow(translate("MoneyUnit", "Exchange rate"), rate_row)
        self.rate_caption = form.labelForField(rate_row)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.convert)
        layout.addWidget(self.relabel)
        layout.addWidget(self.example)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        layout.addWidget(buttons)
        for signal in (
            self.fields.currency.currentIndexChanged,
            self.fields.scale.currentIndexChanged,
            self.convert.toggled,
            self.rate.valueChanged,
        ):
            signal.connect(self._update)
        self._update()
        self.setMinimumWidth(520)

    def rate_value(self) -> float | None:
        """The rate the figures are multiplied by: 1 for a new multiple, the typed one for a new
        currency, None for a new name only."""
        if self.relabel.isChecked():
            return None
        return self.rate.value() if self.fields.unit().currency != self.source.currency else 1.0

    def _update(self) -> None:
        target = self.fields.unit()
        other_currency = target.currency != self.source.currency
        self.rate_row.setVisible(other_currency)
        if self.rate_caption is not None:
            self.rate_caption.setVisible(other_currency)
        self.rate.setEnabled(self.convert.isChecked())
        self.rate_label.setText(translate("MoneyUnit", "1 %1 =").replace("%1", self.source.currency))
        self.rate_currency.setText(target.currency)
        self.ok.setEnabled(target != self.source)
        count = sum(1 for _ in money_cells(self.document.plan))
        rate = self.rate_value()
        sample = 1250.0
        if target == self.source:
            text = translate("MoneyUnit", "Choose another currency or multiple.")
        elif rate is None:
            text = translate(
                "MoneyUnit", "The %n figure(s) stay as they are; they are read as %1 from now on.", "", count
            )
            text = text.replace("%1", target.label(self.lang))
        else:
            converted = self.source.convert(sample, target, rate)
            text = translate("MoneyUnit", "%n figure(s) are converted: %1 becomes %2.", "", count)
            text = text.replace("%1", f"{self.source.format(sample)} {self.source.label(self.lang)}")
            text = text.replace("%2", f"{target.format(converted)} {target.label(self.lang)}")
        self.example.setText(
            text
            + " "
            + translate("MoneyUnit", "The account's annual revenue stays in %1.").replace(
                "%1", DEFAULT_UNIT.label(self.lang)
            )
        )

    def accept(self) -> None:
        target = self.fields.unit()
        if target != self.source:
            self.document.push(
                change_unit(self.document.plan, target, self.rate_value()),
                translate("MoneyUnit", "Change money unit to %1").replace("%1", target.label(self.lang)),
            )
        super().accept()
