"""The Markdown-subset editor: marks put in by keys and buttons, lists that continue, undo steps."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor

from kamplanner.domain.template import TEMPLATE
from kamplanner.ui.prose_editor import MarkdownEdit, ProseField

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


@pytest.fixture
def field(qtbot, document):
    widget = ProseField(TEMPLATE.field("summary.strategy"), "en")
    qtbot.addWidget(widget)
    document.push  # noqa: B018 - the document fixture is what the field edits
    widget.set_document(document)
    widget.editor.clear()
    return widget


def select(editor: MarkdownEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_bold_and_italic_wrap_a_selection_and_take_the_marks_off_again(field, qtbot):
    editor = field.editor
    qtbot.keyClicks(editor, "grow share")
    select(editor, 5, 10)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.toPlainText() == "grow **share**"
    assert editor.textCursor().selectedText() == "share"
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.toPlainText() == "grow share"
    select(editor, 0, 4)
    field.buttons[1].click()
    assert editor.toPlainText() == "*grow* share"


def test_bold_without_a_selection_types_between_the_marks(field, qtbot):
    editor = field.editor
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor, "now")
    assert editor.toPlainText() == "**now**"


def test_lists_toggle_and_continue_on_enter(field, qtbot, document):
    editor = field.editor
    qtbot.keyClicks(editor, "first")
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL_SHIFT)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # an empty item ends the list
    qtbot.keyClicks(editor, "after")
    assert editor.toPlainText() == "1. first\n2. second\n\nafter"
    editor.selectAll()
    field.buttons[2].click()
    assert editor.toPlainText() == "- first\n- second\n\n- after"
    field.buttons[2].click()
    assert editor.toPlainText() == "first\nsecond\n\nafter"
    assert document.plan.text("summary.strategy") == "first\nsecond\n\nafter"


def test_typing_is_one_undo_step_and_formatting_another(field, qtbot, document):
    editor = field.editor
    document.undo_stack.clear()
    qtbot.keyClicks(editor, "typed quickly")
    assert document.undo_stack.count() == 1
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_I, CTRL)
    assert document.undo_stack.count() == 2
    document.undo_stack.undo()
    assert editor.toPlainText() == "typed quickly"
    document.undo_stack.undo()
    assert editor.toPlainText() == ""
    document.undo_stack.redo()
    assert editor.toPlainText() == "typed quickly"
    assert editor.textCursor().position() == len("typed quickly")


def test_a_required_empty_field_says_so(field, qtbot):
    assert field.missing.isVisibleTo(field)
    qtbot.keyClicks(field.editor, "x")
    assert not field.missing.isVisibleTo(field)


def test_the_editor_grows_with_its_text(field, qtbot):
    editor = field.editor
    field.resize(600, 400)
    field.show()
    small = editor.height()
    for _ in range(12):
        qtbot.keyClicks(editor, "A line of plan text")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert editor.height() > small * 2


def _italic_on_line(editor: MarkdownEdit, line: int) -> str:
    block = editor.document().findBlockByNumber(line)
    return "".join(
        block.text()[r.start : r.start + r.length] for r in block.layout().formats() if r.format.fontItalic()
    )


def test_emphasis_closed_on_a_later_line_shows_on_the_line_it_opened(field, qtbot):
    editor = field.editor
    qtbot.keyClicks(editor, "*one")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "two")
    assert _italic_on_line(editor, 0) == ""  # not closed yet: the star is only a star
    qtbot.keyClicks(editor, "*")
    assert _italic_on_line(editor, 0) == "one" and _italic_on_line(editor, 1) == "two"
    qtbot.keyClick(editor, Qt.Key.Key_Backspace)
    assert _italic_on_line(editor, 0) == ""


def test_lists_continue_as_they_were_typed(field, qtbot):
    # a nested item goes on as far in, a number after its own ")" and a pasted bullet as "•"
    editor = field.editor
    qtbot.keyClicks(editor, "- - inner")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "next")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    editor.setPlainText(editor.toPlainText() + "\n\n9) nine")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "ten")
    editor.setPlainText(editor.toPlainText() + "\n\n• pasted")
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "more")
    assert editor.toPlainText() == "- - inner\n  - next\n  - \n\n9) nine\n10) ten\n\n• pasted\n• more"


def test_a_number_that_is_no_list_item_does_not_continue(field, qtbot):
    editor = field.editor
    qtbot.keyClicks(editor, "Revenue grew")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "2024. was a year")  # inside a paragraph: text, as the PDF prints it
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "x")
    assert editor.toPlainText() == "Revenue grew\n2024. was a year\nx"


def test_a_field_of_list_markers_alone_is_still_missing(field, qtbot):
    qtbot.keyClicks(field.editor, "- ")
    assert field.missing.isVisibleTo(field)
    qtbot.keyClicks(field.editor, "x")
    assert not field.missing.isVisibleTo(field)
