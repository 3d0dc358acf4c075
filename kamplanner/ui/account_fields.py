"""An account's facts as form fields: one set of inputs and labels for the New Account dialog
and the account page of the editor, so both ask the same things in the same words."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QComboBox,
    QCompleter,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from ..domain.model import Scope, Tier
from ..domain.money import ACCOUNT_UNIT, MoneyProblem
from ..domain.template import SCOPES, TIERS
from ..domain.values import ValueProblem

translate = QCoreApplication.translate

FIRST_YEAR = 1900  # the spin box's minimum, one year below this, reads "unknown"


def account_labels() -> dict[str, str]:
    """The label of each account attribute, in the interface language."""
    return {
        "name": translate("PlanEditor", "Account name"),
        "tier": translate("PlanEditor", "Tier"),
        "industry": translate("PlanEditor", "Industry"),
        "region": translate("PlanEditor", "Region"),
        "scope": translate("PlanEditor", "Scope"),
        "customer_since": translate("PlanEditor", "Customer since"),
        "annual_revenue": translate("PlanEditor", "Our annual revenue from it"),
        "manager": translate("PlanEditor", "Account manager"),
    }


def name_problem(name: str, names_in_use: set[str]) -> str | None:
    """Why a name cannot be an account's name, or None when it can."""
    if not name:
        return translate("PlanEditor", "An account needs a name of its own.")
    if name in names_in_use:
        return translate("PlanEditor", "There is already an account named %1.").replace("%1", name)
    return None


class AccountFields:
    """The inputs, keyed by the account attribute each one edits."""

    def __init__(self, lang: str, managers: list[str] | None = None):
        self.name = QLineEdit()
        self.tier = QComboBox()
        for tier in TIERS:
            self.tier.addItem(tier.label(lang), tier.key)
        self.industry = QLineEdit()
        self.region = QLineEdit()
        self.scope = QComboBox()
        for scope in SCOPES:
            self.scope.addItem(scope.label(lang), scope.key)
        self.customer_since = QSpinBox()
        self.customer_since.setRange(FIRST_YEAR - 1, 2100)
        self.customer_since.setSpecialValueText(translate("PlanEditor", "unknown"))
        self.customer_since.setValue(FIRST_YEAR - 1)
        # The revenue is in the portfolio's unit (万元 / CNY 10k), said beside the input, and what
        # was typed is read back in ones ("= 12,500,000 元"), so nobody types yuan into a 万 field
        # unseen. "1250万", "12.5m" and "12,500,000元" say their own size.
        self.lang = lang
        self.annual_revenue = QLineEdit()
        self.annual_revenue.setAlignment(Qt.AlignmentFlag.AlignRight)
        self.annual_revenue.setPlaceholderText(translate("PlanEditor", "e.g. 1,250 or 1250万 or 12.5m"))
        self.revenue_unit = QLabel(ACCOUNT_UNIT.label(lang))
        self.revenue_unit.setObjectName("unit")
        self.revenue_hint = QLabel()
        self.revenue_hint.setObjectName("guidance")
        self.revenue_row = QWidget()
        column = QVBoxLayout(self.revenue_row)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(2)
        row = QHBoxLayout()
        row.addWidget(self.annual_revenue, 1)
        row.addWidget(self.revenue_unit)
        column.addLayout(row)
        column.addWidget(self.revenue_hint)
        self.annual_revenue.textChanged.connect(self._show_read_back)
        self.manager = QLineEdit()
        if managers:
            completer = QCompleter(sorted(set(managers)), self.manager)
            completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
            self.manager.setCompleter(completer)

    def widgets(self) -> dict[str, QWidget]:
        return {
            "name": self.name,
            "tier": self.tier,
            "industry": self.industry,
            "region": self.region,
            "scope": self.scope,
            "customer_since": self.customer_since,
            "annual_revenue": self.annual_revenue,
            "manager": self.manager,
        }

    def add_to(self, form: QFormLayout, max_width: int | None = None) -> None:
        labels = account_labels()
        for attribute, widget in self.widgets().items():
            widget.setAccessibleName(labels[attribute])
            if attribute == "annual_revenue":
                widget.setAccessibleDescription(ACCOUNT_UNIT.label(self.lang))
                widget = self.revenue_row
            if max_width:
                widget.setMaximumWidth(max_width)
            form.addRow(labels[attribute], widget)

    # ---- reading and showing values

    def tier_value(self) -> Tier:
        return Tier(self.tier.currentData())

    def scope_value(self) -> Scope:
        return Scope(self.scope.currentData())

    def since_value(self) -> int | None:
        year = self.customer_since.value()
        return None if year == self.customer_since.minimum() else year

    def revenue_value(self) -> float | None:
        """The revenue typed, in ACCOUNT_UNIT: a bare number is in it (thousands separators
        allowed), "1250万" or "12.5m" say their size; ValueProblem when it is no amount."""
        text = self.annual_revenue.text().strip()
        try:
            value = ACCOUNT_UNIT.parse_amount(text)
        except MoneyProblem as exc:
            if any(c.isdigit() for c in text):
                raise ValueProblem(str(exc)) from None
            raise ValueProblem(f"expected a number, got {text!r}") from None
        if value is not None and value < 0:
            raise ValueProblem("must not be negative")
        return value

    def _show_read_back(self) -> None:
        try:
            value = ACCOUNT_UNIT.parse_amount(self.annual_revenue.text())
        except MoneyProblem:
            value = None
        self.revenue_hint.setText("" if value is None else "= " + ACCOUNT_UNIT.spelled(value, self.lang))

    def show(self, *, tier: Tier, scope: Scope, since: int | None, revenue: float | None) -> None:
        self.tier.setCurrentIndex(self.tier.findData(Tier(tier).value))
        self.scope.setCurrentIndex(self.scope.findData(Scope(scope).value))
        self.customer_since.setValue(since or self.customer_since.minimum())
        if revenue is None:
            self.annual_revenue.setText("")
        else:
            self.annual_revenue.setText(ACCOUNT_UNIT.format(revenue))
