"""The cycle panel's Comments tab: what reviewers wrote on the plan's PDF in their own PDF reader,
read back (File ▸ Import, or a PDF dropped on the window), each with where it sits; the account
manager answers each one or marks it resolved."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from ...domain.comments import CommentStatus, ReviewComment, describe_place
from ...domain.cycle import Cycle
from .tab import CycleTab, Run

translate = QCoreApplication.translate
KEY_ROLE = Qt.ItemDataRole.UserRole


class CommentsTab(CycleTab):
    goTo = Signal(str, str)  # section, field path: show it in the editor

    def __init__(self, workspace, today, run: Run, parent=None):  # type: ignore[no-untyped-def]
        super().__init__(workspace, today, parent)
        self.run = run
        self.comments: list[ReviewComment] = []
        self.hint = QLabel(
            translate(
                "CyclePanel",
                "No review comments yet. When a reviewer sends the plan's PDF back with notes made in their PDF"
                " reader, drop it on the window (or File ▸ Import) to read them in.",
            )
        )
        self.hint.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setAccessibleName(translate("CyclePanel", "Review comments"))
        self.list.setHeaderLabels(
            [
                translate("CyclePanel", "Status"),
                translate("CyclePanel", "Where"),
                translate("CyclePanel", "Who"),
                translate("CyclePanel", "Comment"),
            ]
        )
        self.list.setRootIsDecorated(False)
        self.list.setWordWrap(True)
        header = self.list.header()
        header.setStretchLastSection(False)
        for column in (0, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(
            1, QHeaderView.ResizeMode.Interactive
        )  # long places are cut; the tooltip has it all
        header.resizeSection(1, 180)
        header.setSectionResizeMode(3, QHeaderView.ResizeMode.Stretch)
        self.list.currentItemChanged.connect(lambda *_: self._show_selected())
        self.list.itemActivated.connect(lambda *_: self._go_to())
        self.detail = QLabel()
        self.detail.setWordWrap(True)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)  # a reviewer's text is never markup
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.answer = QPlainTextEdit()
        self.answer.setAccessibleName(translate("CyclePanel", "Your answer"))
        self.answer.setPlaceholderText(translate("CyclePanel", "What you did about it"))
        self.answer.setMaximumHeight(70)
        self.save_button = QPushButton(translate("CyclePanel", "Save Answer"))
        self.save_button.clicked.connect(lambda: self._answer(None))
        self.resolve_button = QPushButton(translate("CyclePanel", "Mark Resolved"))
        self.resolve_button.clicked.connect(lambda: self._answer(CommentStatus.RESOLVED))
        self.reopen_button = QPushButton(translate("CyclePanel", "Reopen"))
        self.reopen_button.clicked.connect(lambda: self._answer(CommentStatus.OPEN))
        self.go_button = QPushButton(translate("CyclePanel", "Show in Plan"))
        self.go_button.clicked.connect(self._go_to)
        buttons = QHBoxLayout()
        for button in (self.save_button, self.resolve_button, self.reopen_button, self.go_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.hint)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.detail)
        layout.addWidget(self.answer)
        layout.addLayout(buttons)

    def load(self, cycle: Cycle) -> None:
        current = self.selected()
        self.comments = list(cycle.comments)
        self.hint.setVisible(not self.comments)
        self.list.clear()
        for comment in self.comments:
            where = describe_place(comment.place, self.lang)
            item = QTreeWidgetItem(
                [comment.status.label(self.lang), where, comment.author, " ".join(comment.text.split())[:200]]
            )
            item.setData(0, KEY_ROLE, comment.key)
            item.setToolTip(1, where)
            item.setToolTip(3, comment.text)
            self.list.addTopLevelItem(item)
            if current is not None and comment.key == current.key:
                self.list.setCurrentItem(item)
        if self.list.currentItem() is None and self.list.topLevelItemCount():
            self.list.setCurrentItem(self.list.topLevelItem(0))
        self._show_selected()

    def selected(self) -> ReviewComment | None:
        item = self.list.currentItem()
        key = item.data(0, KEY_ROLE) if item is not None else None
        return next((c for c in self.comments if c.key == key), None)

    def _show_selected(self) -> None:
        comment = self.selected()
        for widget in (self.answer, self.save_button, self.resolve_button, self.reopen_button, self.go_button):
            widget.setEnabled(comment is not None)
        if comment is None:
            self.detail.clear()
            self.answer.clear()
            return
        when = comment.at.strftime("%Y-%m-%d %H:%M") if comment.at else "?"
        self.detail.setText(
            translate("CyclePanel", "%1 on page %2, %3:")
            .replace("%1", comment.author or "?")
            .replace("%2", str(comment.page))
            .replace("%3", when)
            + "\n"
            + comment.text
        )
        self.answer.setPlainText(comment.answer)
        self.resolve_button.setVisible(comment.status is not CommentStatus.RESOLVED)
        self.reopen_button.setVisible(comment.status is CommentStatus.RESOLVED)

    def _answer(self, status: CommentStatus | None) -> bool:
        comment, document = self.selected(), self.document
        if comment is None or document is None:
            return False
        text = self.answer.toPlainText()
        answer = text if text != comment.answer else None
        change: Callable[[], object] = lambda: self.workspace.portfolio.answer_comment(  # noqa: E731
            document.plan_id, comment.key, answer, status
        )
        return self.run(change)

    def _go_to(self) -> None:
        comment = self.selected()
        if comment is not None:
            self.goTo.emit(comment.section, comment.field)
