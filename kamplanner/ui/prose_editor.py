"""The prose editor: the Markdown subset (paragraphs, "- " and "1. " lists, **bold**, *italic*)
written as it is stored, with the marks drawn the way they will print and buttons and keys
that put them in.

What the user sees is exactly what is saved, so nothing is ever rewritten behind their back.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, Qt
from PySide6.QtGui import (
    QFont,
    QKeyEvent,
    QKeySequence,
    QTextCursor,
)
from PySide6.QtWidgets import QHBoxLayout, QLabel, QSizePolicy, QTextEdit, QToolButton, QVBoxLayout, QWidget

from ..domain import markdown
from ..domain.edits import Edit, SetProse
from ..domain.template import Prose
from ..domain.text import clean_text
from .document import PlanDocument, detach
from .highlighter import MarkdownHighlighter, u16

translate = QCoreApplication.translate

MIN_LINES = 3
MAX_LINES = 28


def _is_bullet_keys(event: QKeyEvent) -> bool:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    return mods == ctrl_shift and event.key() in (Qt.Key.Key_8, Qt.Key.Key_Asterisk)


def _is_numbered_keys(event: QKeyEvent) -> bool:
    mods = event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    ctrl_shift = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    return mods == ctrl_shift and event.key() in (Qt.Key.Key_7, Qt.Key.Key_Ampersand)


class MarkdownEdit(QTextEdit):
    """Plain text in the Markdown subset. Undo belongs to the plan's undo stack, not to the widget."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        # True while a formatting command changes the text: that change is an undo step of
        # its own, never merged into the typing around it.
        self.formatting = False
        self.setAcceptRichText(False)
        self.setUndoRedoEnabled(False)
        self.setTabChangesFocus(True)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.highlighter = MarkdownHighlighter(self.document(), self.palette())
        self.document().documentLayout().documentSizeChanged.connect(self.fit_height)
        self.fit_height()

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

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.PaletteChange:
            self.highlighter.set_palette(self.palette())
            self.highlighter.rehighlight()

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
        if (
            event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
            and not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        ):
            if self._continue_list():
                return
        super().keyPressEvent(event)

    def _continue_list(self) -> bool:
        cursor = self.textCursor()
        if cursor.hasSelection():
            return False
        block = cursor.block()
        lines = self.highlighter.lines
        marker = lines[block.blockNumber()].marker if block.blockNumber() < len(lines) else None
        text = block.text()
        if marker is None or cursor.positionInBlock() < u16(text[: marker.content]):
            return False
        if not text[marker.content :].strip() and cursor.positionInBlock() == u16(text):
            # Enter on an empty item ends the list, with the blank line Markdown needs
            # before a paragraph (a line straight after an item would continue the item).
            cursor.beginEditBlock()
            cursor.movePosition(QTextCursor.MoveOperation.StartOfBlock)
            cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.insertText("\n")
            cursor.endEditBlock()
            self.setTextCursor(cursor)
            return True
        # The next item of the same list: as far in as this one (outer markers become spaces).
        indent = "".join(c if c == "\t" else " " for c in text[: marker.start])
        following = f"{marker.number + 1}{marker.delimiter} " if marker.ordered else f"{marker.delimiter} "
        cursor.insertText("\n" + indent + following)
        self.ensureCursorVisible()
        return True

    # ---- formatting commands

    def toggle_bold(self) -> None:
        self._format(self._toggle_wrap, "**")

    def toggle_italic(self) -> None:
        self._format(self._toggle_wrap, "*")

    def toggle_list(self, numbered: bool) -> None:
        self._format(self._toggle_list, numbered)

    def _format(self, command, *args) -> None:  # type: ignore[no-untyped-def]
        self.formatting = True
        try:
            command(*args)
        finally:
            self.formatting = False

    def _toggle_wrap(self, mark: str) -> None:
        cursor = self.textCursor()
        text = self.toPlainText()
        n = len(mark)
        cursor.beginEditBlock()
        if not cursor.hasSelection():
            cursor.insertText(mark + mark)
            cursor.movePosition(QTextCursor.MoveOperation.Left, QTextCursor.MoveMode.MoveAnchor, n)
        else:
            start, end = cursor.selectionStart(), cursor.selectionEnd()
            selected = cursor.selection().toPlainText()
            # Positions are UTF-16 units; slice by them through the document, not the str.
            before = self._text_between(max(0, start - n), start)
            after = self._text_between(end, min(u16(text), end + n))
            single_outside = mark == "*" and (
                self._text_between(max(0, start - 2), start) == "**" and self._text_between(end, end + 2) == "**"
            )
            if before == mark and after == mark and not single_outside:
                # Already marked just outside the selection: take the marks away.
                c = QTextCursor(self.document())
                c.setPosition(end)
                c.setPosition(end + n, QTextCursor.MoveMode.KeepAnchor)
                c.removeSelectedText()
                c.setPosition(start - n)
                c.setPosition(start, QTextCursor.MoveMode.KeepAnchor)
                c.removeSelectedText()
                cursor.setPosition(start - n)
                cursor.setPosition(end - n, QTextCursor.MoveMode.KeepAnchor)
            elif (
                selected.startswith(mark)
                and selected.endswith(mark)
                and len(selected) >= 2 * n
                and not (mark == "*" and selected.startswith("**") and not selected.startswith("***"))
            ):
                cursor.insertText(selected[n:-n])
                cursor.setPosition(start)
                cursor.setPosition(start + u16(selected) - 2 * n, QTextCursor.MoveMode.KeepAnchor)
            else:
                # Each line gets its own marks: Markdown emphasis does not cross paragraphs.
                lines = selected.split("\n")
                wrapped = "\n".join(_wrap_line(line, mark) for line in lines)
                cursor.insertText(wrapped)
                if len(lines) == 1 and wrapped == mark + selected + mark:
                    # Keep the words selected (not the marks), so the same key takes them off.
                    cursor.setPosition(start + n)
                    cursor.setPosition(start + n + u16(selected), QTextCursor.MoveMode.KeepAnchor)
                else:
                    cursor.setPosition(start)
                    cursor.setPosition(start + u16(wrapped), QTextCursor.MoveMode.KeepAnchor)
        cursor.endEditBlock()
        self.setTextCursor(cursor)

    def _text_between(self, start: int, end: int) -> str:
        if end <= start:
            return ""
        c = QTextCursor(self.document())
        c.setPosition(start)
        c.setPosition(min(end, self.document().characterCount() - 1), QTextCursor.MoveMode.KeepAnchor)
        return c.selection().toPlainText()

    def _toggle_list(self, numbered: bool) -> None:
        cursor = self.textCursor()
        doc = self.document()
        first = doc.findBlock(cursor.selectionStart())
        last = doc.findBlock(cursor.selectionEnd())
        blocks = []
        block = first
        while block.isValid():
            blocks.append(block)
            if block == last:
                break
            block = block.next()
        lines = [b.text() for b in blocks]
        markers = [_first_marker(line) for line in lines]
        filled = [(line, m) for line, m in zip(lines, markers, strict=True) if line.strip()]
        remove = bool(filled) and all(m is not None and m.ordered == numbered for _, m in filled)
        out = []
        n = 0
        for line, marker in zip(lines, markers, strict=True):
            bare = line[marker.content :] if marker is not None else line
            if remove or (not line.strip() and len(lines) > 1):
                out.append(bare)
                continue
            n += 1
            out.append((f"{n}. " if numbered else "- ") + bare)
        start = first.position()
        edit = QTextCursor(doc)
        edit.beginEditBlock()
        edit.setPosition(start)
        edit.setPosition(last.position() + last.length() - 1, QTextCursor.MoveMode.KeepAnchor)
        edit.insertText("\n".join(out))
        edit.endEditBlock()
        if len(blocks) == 1:
            edit.setPosition(start + u16(out[0]))
        else:  # keep the lines selected, so the same command takes the marks off again
            edit.setPosition(start)
            edit.setPosition(start + u16("\n".join(out)), QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(edit)

    # ---- text from outside (undo, another plan): keep the cursor where the change is

    def replace_text(self, new: str) -> None:
        old = self.toPlainText()
        if old == new:
            return
        prefix = 0
        limit = min(len(old), len(new))
        while prefix < limit and old[prefix] == new[prefix]:
            prefix += 1
        suffix = 0
        while suffix < limit - prefix and old[-1 - suffix] == new[-1 - suffix]:
            suffix += 1
        start = u16(old[:prefix])
        end = u16(old[: len(old) - suffix])
        cursor = QTextCursor(self.document())
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.insertText(new[prefix : len(new) - suffix])
        self.setTextCursor(cursor)


def _first_marker(line: str) -> markdown.Marker | None:
    """The outermost list marker of a line read alone, if the line starts with one."""
    markers = markdown.parse(line).markers
    return markers[0] if markers else None


def _wrap_line(line: str, mark: str) -> str:
    if not line.strip():
        return line
    markers = markdown.parse(line).markers
    head = line[: markers[-1].content] if markers else ""
    body = line[len(head) :]
    stripped = body.strip()
    lead = body[: len(body) - len(body.lstrip())]
    trail = body[len(body.rstrip()) :]
    return f"{head}{lead}{mark}{stripped}{mark}{trail}"


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
        self.editor = MarkdownEdit(self)
        self.editor.setAccessibleName(prose.label(lang))
        # The guidance is shown above; the empty box says how to write.
        self.editor.setPlaceholderText(
            translate(
                "ProseField",
                "Type here. **bold**, *italic*; start a line with “- ” for a bullet, “1. ” for a numbered item.",
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
            if self.editor.toPlainText() != text:
                self.editor.setPlainText(text)
        finally:
            self._updating = False
        self.editor.setEnabled(self.document is not None)
        self._show_missing()

    def _applied(self, edit: Edit) -> None:
        if isinstance(edit, SetProse) and edit.field == self.path and self.document is not None:
            text = self.document.plan.text(self.path)
            if self.editor.toPlainText() != text:
                self._updating = True
                try:
                    self.editor.replace_text(text)
                finally:
                    self._updating = False
            self._show_missing()

    def _typed(self) -> None:
        if self._updating or self.document is None:
            return
        new = clean_text(self.editor.toPlainText())
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
        empty = self.document is not None and self.prose.required and not markdown.has_text(self.editor.toPlainText())
        self.missing.setVisible(bool(empty))
