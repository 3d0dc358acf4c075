"""The plan editor: one page per section, generated from the template, plus the account's facts.

A page is built the first time it is shown and bound to the open plan when it becomes
visible, so opening the window and switching plans cost only what is on screen.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QFrame,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QScrollArea,
    QSizePolicy,
    QSplitter,
    QStackedWidget,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain import policy
from ..domain.comments import CommentStatus, ReviewComment
from ..domain.cycle import Cycle
from ..domain.model import Tier
from ..domain.template import FORECAST, OPPORTUNITIES, STAKEHOLDERS, TEMPLATE, Part, Prose, Section, Table
from ..sync import conflicts_of, mine_again, settle
from . import sync_conflicts
from .account_page import AccountPage
from .account_page import styled_label as _label
from .document import PlanDocument, detach
from .navigator_models import tier_label
from .prose_editor import ProseField

if TYPE_CHECKING:
    from .charts import PlanChart

translate = QCoreApplication.translate

PAGE_KEYS = ("account", *(s.key for s in TEMPLATE.sections))


def page_budget(section: Section) -> str:
    usual, most = section.pages
    if not most:
        return translate("PlanEditor", "Page budget: as needed")
    if usual == most:
        return translate("PlanEditor", "Page budget: about %1 page(s)").replace("%1", f"{usual:g}")
    return translate("PlanEditor", "Page budget: %1–%2 pages").replace("%1", f"{usual:g}").replace("%2", f"{most:g}")


class TableField(QWidget):
    """A record table with its heading and guidance, and a chart beside it where the method has one."""

    def __init__(self, table: Table, lang: str, parent: QWidget | None = None):
        # Tables, charts and the grid are loaded with the first page that has one: the
        # summary page, where the window usually opens, has none.
        from .charts import OpportunityMatrix
        from .forecast_grid import ForecastGrid
        from .record_table import RecordTable
        from .stakeholder_map import StakeholderMap

        super().__init__(parent)
        self.table = table
        self.chart: PlanChart | None = None
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(_label(table.label(lang) + (" *" if table.required else ""), "fieldLabel"))
        if table.guidance(lang):
            layout.addWidget(_label(table.guidance(lang), "guidance", wrap=True))
        self.missing = _label(translate("ProseField", "Required — still empty"), "missing")
        self.missing.setVisible(False)
        layout.addWidget(self.missing)
        if table.path == FORECAST:
            self.editor = ForecastGrid(lang)
            layout.addWidget(self.editor)
            self.record_table = self.editor.rows
            return
        self.editor = RecordTable(table, lang)
        self.record_table = self.editor
        if table.path in (OPPORTUNITIES, STAKEHOLDERS):
            self.chart = OpportunityMatrix(lang) if table.path == OPPORTUNITIES else StakeholderMap(lang)
            self.chart.setAccessibleName(
                translate("PlanEditor", "Opportunity matrix")
                if table.path == OPPORTUNITIES
                else translate("PlanEditor", "Stakeholder map")
            )
            self.chart.rowClicked.connect(self.editor.view.select_key)
            self.editor.view.selectionModel().currentRowChanged.connect(self._row_changed)
            splitter = QSplitter(Qt.Orientation.Horizontal)
            splitter.addWidget(self.editor)
            splitter.addWidget(self.chart)
            splitter.setStretchFactor(0, 1)
            splitter.setStretchFactor(1, 1)
            self._share = 0.58 if table.path == OPPORTUNITIES else 0.52
            splitter.setChildrenCollapsible(False)
            self.editor.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
            self.splitter = splitter
            layout.addWidget(splitter)
            self.chart.setMinimumHeight(340 if table.path == OPPORTUNITIES else 400)
        else:
            layout.addWidget(self.editor)
        self.document: PlanDocument | None = None

    def showEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().showEvent(event)
        splitter = getattr(self, "splitter", None)
        if splitter is not None and not getattr(self, "_sized", False):
            self._sized = True
            width = max(splitter.width(), 600)
            splitter.setSizes([int(width * self._share), width - int(width * self._share)])

    def _row_changed(self, current, _previous) -> None:  # type: ignore[no-untyped-def]
        if self.chart is not None:
            record = self.editor.model.record(current.row()) if current.isValid() else None
            self.chart.select(record.key if record else None)

    def set_document(self, document: PlanDocument | None) -> None:
        old = getattr(self, "document", None)
        if old is not None:
            detach(old.changed, self._show_missing)
        self.document = document
        self.editor.set_document(document)
        if self.chart is not None:
            self.chart.set_document(document)
        if document is not None:
            document.changed.connect(self._show_missing)
        self._show_missing()

    def _show_missing(self, *_: object) -> None:
        d = self.document
        self.missing.setVisible(bool(d is not None and self.table.required and d.plan.is_empty(self.table.path)))

    def focus_editor(self) -> None:
        self.record_table.focus_first_cell()


class SectionPage(QScrollArea):
    """A section's page: its title, guidance and page budget, then each field in template order."""

    def __init__(self, section: Section, lang: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.section = section
        self.setWidgetResizable(True)
        self.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("page")
        layout = QVBoxLayout(body)
        layout.setContentsMargins(24, 16, 24, 24)
        layout.setSpacing(10)
        layout.addWidget(_label(f"{section.number}  {section.label(lang)}", "sectionTitle"))
        layout.addWidget(_label(section.guidance(lang), "sectionGuidance", wrap=True))
        layout.addWidget(_label(page_budget(section), "guidance"))
        self.fields: dict[str, ProseField | TableField] = {}
        self.notes: dict[str, QLabel] = {}  # the review comments on the section, a part or a field
        self.conflicts: dict[str, QLabel] = {}  # what a sync found changed on both sides
        layout.addWidget(self._note(""))
        for f in section.fields:
            layout.addSpacing(6)
            layout.addWidget(self._field(f, lang))
            layout.addWidget(self._note(f.path))
        for part in section.parts:
            layout.addSpacing(14)
            layout.addWidget(self._part_heading(part, lang))
            layout.addWidget(self._note(f"{section.key}.{part.key}"))
            for f in part.fields:
                layout.addSpacing(4)
                layout.addWidget(self._field(f, lang))
                layout.addWidget(self._note(f.path))
        layout.addStretch(1)
        self.setWidget(body)
        self.document: PlanDocument | None = None

    def _note(self, path: str) -> QWidget:
        box = QWidget()
        column = QVBoxLayout(box)
        column.setContentsMargins(0, 0, 0, 0)
        column.addWidget(self._review_note(path))
        self.conflicts[path] = sync_conflicts.conflict_label()
        column.addWidget(self.conflicts[path])
        return box

    def _review_note(self, path: str) -> QLabel:
        note = QLabel()
        note.setObjectName("reviewNote")
        note.setWordWrap(True)
        note.setTextFormat(Qt.TextFormat.PlainText)  # a reviewer's text is never markup
        note.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        note.hide()
        self.notes[path] = note
        return note

    def show_comments(self, comments: list[ReviewComment]) -> None:
        """The comments not resolved yet, each under what it is on (the Comments tab answers them)."""
        for path, note in self.notes.items():
            answered = translate("PlanEditor", "Answer: %1")
            lines = [
                f"{c.author or '?'}: {c.text}" + (f"\n    {answered.replace('%1', c.answer)}" if c.answer else "")
                for c in comments
                if c.field == path and c.section == self.section.key and c.status is not CommentStatus.RESOLVED
            ]
            note.setText("\n".join(lines))
            note.setVisible(bool(lines))

    def _part_heading(self, part: Part, lang: str) -> QWidget:
        box = QWidget()
        layout = QVBoxLayout(box)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(_label(part.label(lang), "partTitle"))
        layout.addWidget(_label(part.guidance(lang), "guidance", wrap=True))
        return box

    def _field(self, f: Prose | Table, lang: str) -> QWidget:
        widget: ProseField | TableField
        if isinstance(f, Prose):
            widget = ProseField(f, lang, f.guidance(lang) or "")
        else:
            widget = TableField(f, lang)
        self.fields[f.path] = widget
        return widget

    def bind(self, document: PlanDocument | None) -> None:
        if document is self.document:
            return
        self.document = document
        for widget in self.fields.values():
            widget.set_document(document)

    def focus_field(self, path: str) -> None:
        widget = self.fields.get(path)
        if widget is None:
            return
        self.ensureWidgetVisible(widget, 0, 48)
        if isinstance(widget, ProseField):
            widget.editor.setFocus(Qt.FocusReason.OtherFocusReason)
        else:
            widget.focus_editor()


class PlanEditor(QWidget):
    """The open plan: a stack of pages, one for the account and one per section."""

    sectionChanged = Signal(str)

    def __init__(self, lang: str, names_in_use, parent: QWidget | None = None):  # type: ignore[no-untyped-def]
        super().__init__(parent)
        self.lang = lang
        self.names_in_use = names_in_use
        self.document: PlanDocument | None = None
        self.title = _label("", "planTitle")
        self.subtitle = _label("", "guidance")
        self.stack = QStackedWidget()
        self.pages: dict[str, SectionPage | AccountPage | None] = dict.fromkeys(PAGE_KEYS)
        self.comments: list[ReviewComment] = []  # the open plan's review comments (shown under their fields)
        self.sync_conflicts: list = []  # what the last syncs found changed on both sides (ui/sync_conflicts.py)
        for _key in PAGE_KEYS:
            self.stack.addWidget(QWidget())
        self.empty = _label(
            translate(
                "PlanEditor", "Choose a plan in the navigator on the left, or make a new one with File ▸ New Plan…"
            ),
            "sectionGuidance",
            wrap=True,
        )
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.stack.addWidget(self.empty)
        header = QWidget()
        header.setObjectName("planHeader")
        header_layout = QVBoxLayout(header)
        header_layout.setContentsMargins(24, 10, 24, 6)
        header_layout.setSpacing(0)
        header_layout.addWidget(self.title)
        header_layout.addWidget(self.subtitle)
        line = QFrame()
        line.setFrameShape(QFrame.Shape.HLine)
        line.setFrameShadow(QFrame.Shadow.Sunken)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(header)
        layout.addWidget(line)
        layout.addWidget(self.stack, 1)
        # Shown while the plan is read-only for this person (under senior review).
        self.banner = _label("", "readOnlyBanner", wrap=True)
        self.banner.setStyleSheet(
            "background: palette(highlight); color: palette(highlighted-text); padding: 6px 24px;"
        )
        self.banner.setVisible(False)
        layout.insertWidget(2, self.banner)
        self.read_only = False
        self.current = "summary"
        self.stack.setCurrentWidget(self.empty)

    def _update_read_only(self) -> None:
        """Read-only while the plan is under senior review and this person is its account manager
        (policy.frozen_for, the rule the use cases keep too), until it is sent back for changes;
        and on a team server, for whoever may not edit it (someone else's plan, a reviewer, a
        viewer), saying whose plan it is."""
        d = self.document
        if d is None:
            self.set_read_only(False)
            return
        actor = d.portfolio.actor
        if policy.frozen_for(actor, d.plan):
            entered = _entered_review(d)
            since = f"{entered:%Y-%m-%d}" if entered else "—"
            text = translate("PlanEditor", "Under senior review since %1 — read-only until sent back for changes.")
            self.set_read_only(True, text.replace("%1", since))
        elif not d.portfolio.may_edit(d.plan):
            owner = d.plan.account.manager or "—"
            text = translate("PlanEditor", "%1's plan — read-only for you (%2).")
            self.set_read_only(True, text.replace("%1", owner).replace("%2", actor.role.label(self.lang)))
        else:
            self.set_read_only(False)

    def set_read_only(self, on: bool, text: str = "") -> None:
        """Make every editing widget of the built pages read-only (or editable again)."""
        self.read_only = on
        self.banner.setText(text)
        self.banner.setVisible(on)
        for page in self.pages.values():
            if page is not None:
                set_widgets_read_only(page, on)

    def page(self, key: str) -> SectionPage | AccountPage:
        page = self.pages[key]
        if page is None:
            page = (
                AccountPage(self.lang, self.names_in_use)
                if key == "account"
                else SectionPage(TEMPLATE.section(key), self.lang)
            )
            at = PAGE_KEYS.index(key)
            placeholder = self.stack.widget(at)
            self.stack.removeWidget(placeholder)
            placeholder.deleteLater()
            self.stack.insertWidget(at, page)
            self.pages[key] = page
            if self.read_only:
                set_widgets_read_only(page, True)
            if isinstance(page, SectionPage):
                page.show_comments(self.comments)
                sync_conflicts.show(page.conflicts, self.sync_conflicts, self.settle_conflict)
        return page

    def refresh_comments(self) -> None:
        """The open plan's review comments and sync conflicts, under the fields they are on
        (read again after a change)."""
        d = self.document
        self.comments = d.portfolio.load_cycle(d.plan_id).comments if d is not None else []
        self.sync_conflicts = conflicts_of(d.portfolio, d.plan.uuid) if d is not None else []
        for page in self.pages.values():
            if isinstance(page, SectionPage):
                page.show_comments(self.comments)
                sync_conflicts.show(page.conflicts, self.sync_conflicts, self.settle_conflict)

    def settle_conflict(self, conflict_id: int, use_mine: bool) -> None:
        """Use this laptop's value (an undoable edit) or keep the server's; either way it is seen to."""
        d = self.document
        found = next((c for c in self.sync_conflicts if c.id == conflict_id), None)
        if d is None or found is None:
            return
        edit = mine_again(d.plan, found) if use_mine else None
        if edit is not None:
            d.push(edit, translate("PlanEditor", "Use my value"))
            d.flush()
        settle(d.portfolio, conflict_id)
        self.refresh_comments()

    def set_document(self, document: PlanDocument | None) -> None:
        if self.document is not None:
            detach(self.document.changed, self._update_title)
        self.document = document
        if document is not None:
            document.changed.connect(self._update_title)
        self._update_title()
        self._update_read_only()
        self.refresh_comments()
        if document is None:
            self.stack.setCurrentWidget(self.empty)
            for page in self.pages.values():
                if page is not None:
                    page.bind(None)
            return
        self.show_section(self.current)

    def forget(self, document: PlanDocument) -> None:
        """A document is being closed: pages still showing it (hidden ones) let go."""
        for page in self.pages.values():
            if page is not None and page.document is document:
                page.bind(None)

    def _update_title(self, *_: object) -> None:
        self._update_read_only()  # the phase moves with the plan (a review sends it back)
        d = self.document
        if d is None:
            self.title.setText("")
            self.subtitle.setText("")
            return
        plan = d.plan
        self.title.setText(
            translate("PlanEditor", "%1 — %2 plan").replace("%1", plan.account.name).replace("%2", str(plan.year))
        )
        tier = tier_label(Tier(plan.account.tier), self.lang)
        facts = [tier] + [x for x in (plan.account.industry, plan.account.region, plan.account.manager) if x]
        facts.append("简体中文" if plan.language.startswith("zh") else "English")
        self.subtitle.setText(" · ".join(facts))

    def show_section(self, key: str) -> None:
        if key not in self.pages:
            key = "summary"
        self.current = key
        if self.document is None:
            return
        page = self.page(key)
        page.bind(self.document)
        self.stack.setCurrentWidget(page)
        self.sectionChanged.emit(key)

    def field_widget(self, path: str) -> ProseField | TableField:
        """The widget editing a field, with its section shown (the tests and 'go to field' use it)."""
        section = TEMPLATE.section_of(path).key
        self.show_section(section)
        page = self.page(section)
        assert isinstance(page, SectionPage)
        return page.fields[path]

    def focus_page(self) -> None:
        """The keyboard into the page shown: its first field (Ctrl+PgDn lands where one types)."""
        page = self.page(self.current)
        if isinstance(page, SectionPage):
            if page.fields:
                page.verticalScrollBar().setValue(0)
                page.focus_field(next(iter(page.fields)))
        else:
            page.fields.name.setFocus(Qt.FocusReason.OtherFocusReason)

    def show_place(self, section: str, path: str) -> None:
        """Show where a review comment sits: its field, else its section (or the account page)."""
        if path in TEMPLATE.paths:
            self.focus_field(path)
        elif section in self.pages:
            self.show_section(section)

    def focus_field(self, path: str) -> None:
        section = TEMPLATE.section_of(path).key
        self.show_section(section)
        page = self.page(section)
        assert isinstance(page, SectionPage)
        page.focus_field(path)


def _entered_review(document: PlanDocument):  # type: ignore[no-untyped-def]
    try:
        cycle: Cycle = document.portfolio.load_cycle(document.plan_id)
    except Exception:  # noqa: BLE001 - a banner without its date rather than no editor
        return None
    from ..domain.model import Phase

    event = cycle.entered(Phase.REVIEW)
    return event.at if event else None


_EDITABLE = "kamplannerEditTriggers"  # where a view's own edit triggers wait while it is read-only


def set_widgets_read_only(root: QWidget, on: bool) -> None:
    """Every editing widget under ``root`` read-only (text stays selectable; buttons, lists
    and spin boxes are disabled; tables stop editing), or back as it was."""
    for text in root.findChildren(QLineEdit) + root.findChildren(QTextEdit) + root.findChildren(QPlainTextEdit):
        text.setReadOnly(on)
    for view in root.findChildren(QAbstractItemView):
        if on:
            if view.property(_EDITABLE) is None:
                view.setProperty(_EDITABLE, int(view.editTriggers().value))
            view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        elif view.property(_EDITABLE) is not None:
            view.setEditTriggers(QAbstractItemView.EditTrigger(view.property(_EDITABLE)))
            view.setProperty(_EDITABLE, None)
    for widget in (
        root.findChildren(QAbstractButton) + root.findChildren(QComboBox) + root.findChildren(QAbstractSpinBox)
    ):
        widget.setEnabled(not on)
