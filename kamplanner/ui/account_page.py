"""The account page: the account's facts, above the plan's sections in the editor."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtWidgets import (
    QFormLayout,
    QFrame,
    QLabel,
    QLineEdit,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ..domain.edits import Edit, SetAccount, SetCurrency
from ..domain.values import ValueProblem
from .account_fields import AccountFields, account_labels, name_problem
from .document import PlanDocument, detach
from .i18n import version_name

translate = QCoreApplication.translate


def styled_label(text: str, name: str, wrap: bool = False) -> QLabel:
    """A label styled by its object name (the style sheet's sectionTitle, partTitle, value…)."""
    label = QLabel(text)
    label.setObjectName(name)
    label.setWordWrap(wrap)
    label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


class AccountPage(QScrollArea):
    """The account's facts (undoable edits, like the rest of the plan) and the plan's own facts."""

    def __init__(self, lang: str, names_in_use, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.lang = lang
        self.names_in_use = names_in_use  # callable: the other accounts' names
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.addWidget(styled_label(translate("PlanEditor", "Account facts"), "sectionTitle"))
        layout.addWidget(
            styled_label(
                translate(
                    "PlanEditor",
                    "Who the customer is and how it is managed. The tier decides how often the plan is reviewed.",
                ),
                "sectionGuidance",
                wrap=True,
            )
        )
        form = QFormLayout()
        form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.ExpandingFieldsGrow)
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.DontWrapRows)
        self.fields = AccountFields(lang)
        self.name = self.fields.name
        self.tier = self.fields.tier
        self.industry = self.fields.industry
        self.region = self.fields.region
        self.scope = self.fields.scope
        self.customer_since = self.fields.customer_since
        self.annual_revenue = self.fields.annual_revenue
        self.manager = self.fields.manager
        self.fields.add_to(form, max_width=520)
        self.revenue_label = form.labelForField(self.fields.revenue_row)
        layout.addLayout(form)
        layout.addSpacing(16)
        layout.addWidget(styled_label(translate("PlanEditor", "This plan"), "partTitle"))
        self.plan_facts = QFormLayout()
        self.year = styled_label("", "value")
        self.language = styled_label("", "value")
        self.phase = styled_label("", "value")
        self.version = styled_label("", "value")
        self.currency = styled_label("", "value")
        for text, widget in (
            (translate("PlanEditor", "Planning year"), self.year),
            (translate("PlanEditor", "Language of the plan"), self.language),
            (translate("PlanEditor", "Phase"), self.phase),
            (translate("PlanEditor", "Version"), self.version),
            (translate("PlanEditor", "Money unit"), self.currency),
        ):
            self.plan_facts.addRow(text, widget)
        layout.addLayout(self.plan_facts)
        layout.addStretch(1)
        self.setWidget(body)
        self.document: PlanDocument | None = None
        self._loading = False

        self.name.editingFinished.connect(self._name_edited)
        self.industry.editingFinished.connect(lambda: self._text_edited("industry", self.industry))
        self.region.editingFinished.connect(lambda: self._text_edited("region", self.region))
        self.manager.editingFinished.connect(lambda: self._text_edited("manager", self.manager))
        self.annual_revenue.editingFinished.connect(self._revenue_edited)
        self.tier.currentIndexChanged.connect(lambda: self._set("tier", self.fields.tier_value()))
        self.scope.currentIndexChanged.connect(lambda: self._set("scope", self.fields.scope_value()))
        self.customer_since.valueChanged.connect(lambda: self._set("customer_since", self.fields.since_value()))

    def bind(self, document: PlanDocument | None) -> None:
        if document is self.document:
            self.load()
            return
        if self.document is not None:
            detach(self.document.applied, self._applied)
            detach(self.document.reloaded, self.load)
            detach(self.document.saved, self._show_version)
        self.document = document
        if document is not None:
            document.applied.connect(self._applied)
            document.reloaded.connect(self.load)
            document.saved.connect(self._show_version)
        self.load()

    def _applied(self, edit: Edit) -> None:
        if isinstance(edit, (SetAccount, SetCurrency)):
            self.load()

    def _show_version(self) -> None:
        if self.document is not None:
            self.version.setText(version_name(self.document.plan.version_label))

    def load(self) -> None:
        d = self.document
        self._loading = True
        try:
            for w in self.fields.widgets().values():
                w.setEnabled(d is not None)
            if d is None:
                return
            a = d.plan.account
            self.name.setText(a.name)
            self.industry.setText(a.industry)
            self.region.setText(a.region)
            self.fields.show(tier=a.tier, scope=a.scope, since=a.customer_since, revenue=a.annual_revenue)
            self.manager.setText(a.manager)
            plan = d.plan
            self.year.setText(str(plan.year))
            self.language.setText("简体中文" if plan.language.startswith("zh") else "English")
            self.phase.setText(plan.phase.label(self.lang))
            self.version.setText(version_name(plan.version_label))
            self.currency.setText(plan.money.describe(self.lang))
        finally:
            self._loading = False

    def _set(self, attribute: str, value: object) -> None:
        if self._loading or self.document is None:
            return
        label = account_labels()[attribute]
        self.document.set_account(attribute, value, translate("PlanEditor", "Edit %1").replace("%1", label))

    def _text_edited(self, attribute: str, widget: QLineEdit) -> None:
        self._set(attribute, widget.text().strip())

    def _name_edited(self) -> None:
        if self._loading or self.document is None:
            return
        name = self.name.text().strip()
        if name == self.document.plan.account.name:
            return
        problem = name_problem(name, self.names_in_use(self.document.plan.account.id))
        if problem:
            self.document.problem.emit(problem)
            self.name.setText(self.document.plan.account.name)
            return
        self._set("name", name)

    def _revenue_edited(self) -> None:
        if self._loading or self.document is None:
            return
        try:
            value = self.fields.revenue_value()
        except ValueProblem as exc:
            self.document.problem.emit(f"{account_labels()['annual_revenue']}: {exc}")
            return
        self._set("annual_revenue", value)
