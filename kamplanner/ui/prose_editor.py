"""The prose editor: formatted text, as in Word. Bold, italic and lists show as formatting, with
no marks; the plan stores them in the Markdown subset (domain/rich.py writes it, and what it
writes opens again exactly as it was).

Formatting works as Word's does: Ctrl+B on a selection makes it bold, or plain again when it is
all bold already; with no selection it sets how the next typed text looks. "- ", "* " or "1. "
typed at the start of a paragraph starts a list; Tab and Shift+Tab in a list item nest it
deeper or bring it out; Enter on an empty item brings it out a level, and ends the list at the
outermost. Pasted text keeps its bold, italic
and lists and drops everything else (Word, WPS and web pages alike).
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QMimeData, Qt
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextBlockFormat,
    QTextCursor,
    QTextDocument,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTextEdit, QToolButton, QVBoxLayout, QWidget

from ..domain import markdown, rich
from ..domain.edits import Edit, SetProse
from ..domain.template import Prose
from ..domain.text import clean_text
from .document import PlanDocument, detach
from .rich_text import char_format, clipboard_lines, fill, is_bold, list_format, read, watch_changes

translate = QCoreApplication.translate

MIN_LINES = 3
MAX_LINES = 28


def _ctrl_shift(event: QKeyEvent, *keys: Qt.Key) -> bool:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    both = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    return mods == both and event.key() in keys


def _is_bullet_keys(event: QKeyEvent) -> bool:
    return _ctrl_shift(event, Qt.Key.Key_8, Qt.Key.Key_Asterisk)


def _is_numbered_keys(event: QKeyEvent) -> bool:
    return _ctrl_shift(event, Qt.Key.Key_7, Qt.Key.Key_Ampersand)


class ProseEdit(QTextEdit):
    """Formatted prose. Undo belongs to the plan's undo stack, not to the widget."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # True while a formatting command changes the text: that change is an undo step of
        # its own, never merged into the typing around it.
        self.formatting = False
        self.setAcceptRichText(True)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.document().documentLayout().documentSizeChanged.connect(self.fit_height)
        self.read_cache = watch_changes(self.document())
        self.fit_height()

    # ---- what it holds, as the plan stores it

    def markdown(self) -> str:
        return rich.markdown(read(self.document(), self.read_cache))

    def set_markdown(self, text: str) -> None:
        """Show stored text (the caret stays about where it was)."""
        position = self.textCursor().position()
        self.read_cache.clear()
        fill(self.document(), rich.lines(text))
        cursor = self.textCursor()
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        self.setTextCursor(cursor)

    # ---- size: grows with its text, so a page reads like a document

    def fit_height(self, *_: object) -> None:
        line = self.fontMetrics().lineSpacing()
        content = self.document().size().height()
        wanted = max(MIN_LINES * line + 2 * self.document().documentMargin(), content)
        wanted = min(wanted, MAX_LINES * line)
        self.setFixedHeight(int(wanted) + 2 * self.frameWidth() + 2)

    def resizeEvent(self, event) -> None:  # type: ignore[no-untyped-def]
        super().resizeEvent(event)
        self.fit_height()

    # ---- keys

    def event(self, event: QEvent) -> bool:
        if event.type() == QEvent.Type.ShortcutOverride:
            assert isinstance(event, QKeyEvent)
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                event.ignore()  # let the window's Undo/Redo act on the plan's undo stack
                return True
            if (
                event.matches(QKeySequence.StandardKey.Bold)
                or event.matches(QKeySequence.StandardKey.Italic)
                or _is_bullet_keys(event)
                or _is_numbered_keys(event)
            ):
                event.accept()  # ours, even when a window action has the same keys
                return True
        if event.type() == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            key = event.key()
            if (
                key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab)
                and self._in_list()
                and not (event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier))
            ):
                out = key == Qt.Key.Key_Backtab or bool(event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
                self._format(self._nest, -1 if out else 1)
                return True
        return super().event(event)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if event.matches(QKeySequence.StandardKey.Bold):
            self.toggle_bold()
            return
        if event.matches(QKeySequence.StandardKey.Italic):
            self.toggle_italic()
            return
        if _is_bullet_keys(event):
            self.toggle_list(numbered=False)
            return
        if _is_numbered_keys(event):
            self.toggle_list(numbered=True)
            return
        if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
            # Reached only when no window action took the keys (no active window, as in tests).
            stack = self.property("undo_stack")
            if stack is not None:
                stack.undo() if event.matches(QKeySequence.StandardKey.Undo) else stack.redo()
            return
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and plain and self._end_list_on_empty_item():
            return
        if event.key() == Qt.Key.Key_Backspace and plain and self._leave_list_at_start():
            return
        super().keyPressEvent(event)
        if event.text() == " ":
            self._list_from_typed_marker()

    def _in_list(self) -> bool:
        return self.textCursor().block().textList() is not None

    def _end_list_on_empty_item(self) -> bool:
        cursor = self.textCursor()
        block = cursor.block()
        if block.textList() is None or block.text().strip() or cursor.hasSelection():
            return False
        if block.textList().format().indent() > 1:
            self._format(self._nest, -1)  # as in Word: an empty nested item comes out one level first
        else:
            self._format(self._leave_list, block)
        return True

    def _leave_list_at_start(self) -> bool:
        cursor = self.textCursor()
        block = cursor.block()
        if block.textList() is None or cursor.hasSelection() or not cursor.atBlockStart():
            return False
        self._format(self._leave_list, block)
        return True

    def _leave_list(self, block) -> None:  # type: ignore[no-untyped-def]
        text_list = block.textList()
        depth = text_list.format().indent() - 1
        text_list.remove(block)
        cursor = QTextCursor(block)
        fmt = QTextBlockFormat(block.blockFormat())
        fmt.setIndent(depth)  # under its item still, when it was nested
        cursor.setBlockFormat(fmt)

    def _list_from_typed_marker(self) -> None:
        """ "- ", "* ", "• " or "1. " typed at the start of a paragraph make it a list item, as Word does."""
        cursor = self.textCursor()
        block = cursor.block()
        if block.textList() is not None or cursor.hasSelection():
            return
        typed = block.text()[: cursor.positionInBlock()]
        if typed in ("- ", "* ", "• "):
            kind, number = rich.BULLET, 1
        elif typed[:-2].isdigit() and len(typed) <= 11 and typed.endswith((". ", ") ")):
            kind, number = rich.NUMBER, int(typed[:-2])
        else:
            return
        self.formatting = True
        try:
            edit = QTextCursor(block)
            edit.beginEditBlock()
            edit.movePosition(QTextCursor.MoveOperation.NextCharacter, QTextCursor.MoveMode.KeepAnchor, len(typed))
            edit.removeSelectedText()
            depth = block.blockFormat().indent()
            edit.createList(list_format(kind, depth, number))
            edit.endEditBlock()
        finally:
            self.formatting = False

    # ---- formatting commands

    def format(self, command: str) -> None:
        """The Format menu's commands: bold, italic, bullets, numbers."""
        toggles = {"bold": self.toggle_bold, "italic": self.toggle_italic}
        toggles.get(command, lambda: self.toggle_list(command == "numbers"))()

    def toggle_bold(self) -> None:
        self._format(self._toggle_char, "bold")

    def toggle_italic(self) -> None:
        self._format(self._toggle_char, "italic")

    def toggle_list(self, numbered: bool) -> None:
        self._format(self._toggle_list, numbered)

    def _format(self, command, *args) -> None:  # type: ignore[no-untyped-def]
        self.formatting = True
        try:
            command(*args)
        finally:
            self.formatting = False

    def _toggle_char(self, which: str) -> None:
        cursor = self.textCursor()
        if not cursor.hasSelection():
            # As in Word: the next text typed here is bold (or not); nothing changes yet.
            current = self.currentCharFormat()
            on = not (is_bold(current) if which == "bold" else current.fontItalic())
            change = char_format(on, current.fontItalic()) if which == "bold" else char_format(is_bold(current), on)
            fmt = self.currentCharFormat()
            if which == "bold":
                fmt.setFontWeight(change.fontWeight())
            else:
                fmt.setFontItalic(change.fontItalic())
            self.setCurrentCharFormat(fmt)
            return
        # On a selection: all of it already so? Then off; else on, for all of it.
        already = all((is_bold(f) if which == "bold" else f.fontItalic()) for f in self._selected_formats(cursor))
        fmt = char_format(False, False)
        fmt.clearProperty(fmt.Property.FontWeight if which != "bold" else fmt.Property.FontItalic)
        if which == "bold":
            fmt.setFontWeight(QFont.Weight.Normal if already else QFont.Weight.Bold)
            fmt.clearProperty(fmt.Property.FontItalic)
        else:
            fmt.setFontItalic(not already)
            fmt.clearProperty(fmt.Property.FontWeight)
        cursor.mergeCharFormat(fmt)
        self.setTextCursor(cursor)

    def _selected_formats(self, cursor: QTextCursor):  # type: ignore[no-untyped-def]
        start, end = cursor.selectionStart(), cursor.selectionEnd()
        block = self.document().findBlock(start)
        while block.isValid() and block.position() < end:
            it = block.begin()
            while not it.atEnd():
                fragment = it.fragment()
                a, b = fragment.position(), fragment.position() + fragment.length()
                if fragment.isValid() and b > start and a < end and fragment.text().strip():
                    yield fragment.charFormat()
                it += 1
            block = block.next()

    def _selected_blocks(self):  # type: ignore[no-untyped-def]
        cursor = self.textCursor()
        document = self.document()
        first = document.findBlock(cursor.selectionStart())
        last = document.findBlock(cursor.selectionEnd())
        block = first
        while block.isValid():
            yield block
            if block == last:
                break
            block = block.next()

    def _toggle_list(self, numbered: bool) -> None:
        kind = rich.NUMBER if numbered else rich.BULLET
        blocks = list(self._selected_blocks())
        lines = read(self.document())
        remove = all(lines[b.blockNumber()].kind == kind for b in blocks)
        cursor = self.textCursor()
        cursor.beginEditBlock()
        if remove:
            for block in blocks:
                self._leave_list(block)
        else:
            depth = blocks[0].blockFormat().indent() if blocks[0].textList() is None else 0
            for block in blocks:
                if block.textList() is not None:
                    block.textList().remove(block)
            edit = QTextCursor(blocks[0])
            edit.setPosition(blocks[-1].position() + blocks[-1].length() - 1, QTextCursor.MoveMode.KeepAnchor)
            reset = QTextBlockFormat()
            edit.setBlockFormat(reset)
            edit.createList(list_format(kind, depth))
        cursor.endEditBlock()

    def _nest(self, step: int) -> None:
        """A list item one level deeper (Tab) or out (Shift+Tab), joining a list already there."""
        cursor = self.textCursor()
        cursor.beginEditBlock()
        for block in list(self._selected_blocks()):
            text_list = block.textList()
            if text_list is None:
                continue
            fmt = text_list.format()
            kind = rich.NUMBER if fmt.style() == list_format(rich.NUMBER, 0).style() else rich.BULLET
            depth = max(0, min(fmt.indent() - 1 + step, markdown.MAX_DEPTH - 1))
            if depth == fmt.indent() - 1:
                continue
            text_list.remove(block)
            previous = block.previous()
            while (
                previous.isValid()
                and previous.textList() is not None
                and previous.textList().format().indent() > depth + 1
            ):
                previous = previous.previous()
            joined = previous.textList() if previous.isValid() else None
            edit = QTextCursor(block)
            edit.setBlockFormat(QTextBlockFormat())
            if (
                joined is not None
                and joined.format().indent() == depth + 1
                and joined.format().style() == list_format(kind, depth).style()
            ):
                joined.add(block)
            else:
                edit.createList(list_format(kind, depth))
        cursor.endEditBlock()

    # ---- paste: formatting kept, the rest dropped

    def canInsertFromMimeData(self, source: QMimeData) -> bool:
        return source.hasHtml() or source.hasText()

    def insertFromMimeData(self, source: QMimeData) -> None:
        cursor = self.textCursor()
        lines = clipboard_lines(source, is_bold(self.currentCharFormat()), self.currentCharFormat().fontItalic())
        if not lines:
            return
        scratch = QTextDocument()
        fill(scratch, lines)
        cursor.beginEditBlock()
        if len(lines) == 1 and not lines[0].kind:
            for run in lines[0].runs:  # words into the paragraph that is there, in their formats
                cursor.insertText(run.text.replace("\n", "\u2028"), char_format(run.bold, run.italic))
        else:
            cursor.insertFragment(QTextDocumentFragment(scratch))
        cursor.endEditBlock()
        self.setTextCursor(cursor)
        self.ensureCursorVisible()


def format_button(text: str, tip: str, slot, font: QFont | None = None) -> QToolButton:  # type: ignore[no-untyped-def]
    button = QToolButton()
    button.setText(text)
    button.setToolTip(tip)
    button.setAccessibleName(tip)
    button.setAutoRaise(True)
    button.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the editor keeps the focus and its selection
    if font is not None:
        button.setFont(font)
    button.clicked.connect(slot)
    return button


class ProseField(QWidget):
    """A prose field on a section page: its label, its guidance, the format buttons and the editor."""

    def __init__(self, prose: Prose, lang: str, guidance: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.prose = prose
        self.path = prose.path
        self.lang = lang
        self.document: PlanDocument | None = None
        self._updating = False

        self.label = QLabel(prose.label(lang) + (" *" if prose.required else ""))
        self.label.setObjectName("fieldLabel")
        self.editor = ProseEdit(self)
        self.editor.setAccessibleName(prose.label(lang))
        # The guidance is shown above; the empty box says how to write.
        self.editor.setPlaceholderText(
            translate(
                "ProseField",
                "Type here. Ctrl+B bold, Ctrl+I italic; start a line with “- ” for a bullet, “1. ” for a numbered item.",
            )
        )
        self.label.setBuddy(self.editor)
        guidance_label = QLabel(guidance)
        guidance_label.setObjectName("guidance")
        guidance_label.setWordWrap(True)
        guidance_label.setVisible(bool(guidance))
        self.missing = QLabel(translate("ProseField", "Required — still empty"))
        self.missing.setObjectName("missing")
        self.missing.setVisible(False)

        bold = QFont()
        bold.setBold(True)
        italic = QFont()
        italic.setItalic(True)
        buttons = QHBoxLayout()
        buttons.setSpacing(0)
        buttons.addWidget(self.label)
        buttons.addWidget(self.missing)
        buttons.addStretch(1)
        ctrl = QKeySequence(QKeySequence.StandardKey.Bold).toString(QKeySequence.SequenceFormat.NativeText)
        ital = QKeySequence(QKeySequence.StandardKey.Italic).toString(QKeySequence.SequenceFormat.NativeText)
        self.buttons = [
            format_button("B", translate("ProseField", "Bold (%1)").replace("%1", ctrl), self.editor.toggle_bold, bold),
            format_button(
                "I", translate("ProseField", "Italic (%1)").replace("%1", ital), self.editor.toggle_italic, italic
            ),
            format_button(
                "•", translate("ProseField", "Bulleted list (Ctrl+Shift+8)"), lambda: self.editor.toggle_list(False)
            ),
            format_button(
                "1.", translate("ProseField", "Numbered list (Ctrl+Shift+7)"), lambda: self.editor.toggle_list(True)
            ),
        ]
        for button in self.buttons:
            buttons.addWidget(button)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addLayout(buttons)
        layout.addWidget(guidance_label)
        layout.addWidget(self.editor)

        self.editor.textChanged.connect(self._typed)

    def set_document(self, document: PlanDocument | None) -> None:
        if self.document is not None:
            detach(self.document.applied, self._applied)
            detach(self.document.reloaded, self._load)
        self.document = document
        if document is not None:
            document.applied.connect(self._applied)
            document.reloaded.connect(self._load)
            self.editor.setProperty("undo_stack", document.undo_stack)
        self._load()

    def _load(self) -> None:
        self._updating = True
        try:
            text = self.document.plan.text(self.path) if self.document else ""
            if self.editor.markdown() != rich.markdown(rich.lines(text)):
                self.editor.set_markdown(text)
        finally:
            self._updating = False
        self.editor.setEnabled(self.document is not None)
        self._show_missing()

    def _applied(self, edit: Edit) -> None:
        if isinstance(edit, SetProse) and edit.field == self.path and self.document is not None:
            text = self.document.plan.text(self.path)
            if self.editor.markdown() != rich.markdown(rich.lines(text)):
                self._updating = True
                try:
                    self.editor.set_markdown(text)
                finally:
                    self._updating = False
            self._show_missing()

    def _typed(self) -> None:
        if self._updating or self.document is None:
            return
        new = clean_text(self.editor.markdown())
        old = self.document.plan.text(self.path)
        as_format = self.editor.formatting
        if new == old:
            return
        if as_format:
            text = translate("ProseField", "Format %1").replace("%1", self.prose.label(self.lang))
        else:
            text = translate("ProseField", "Type in %1").replace("%1", self.prose.label(self.lang))
        self.document.push(SetProse(self.path, old, new), text, merge=not as_format)

    def _show_missing(self) -> None:
        empty = self.document is not None and self.prose.required and not self.editor.toPlainText().strip()
        self.missing.setVisible(bool(empty))
