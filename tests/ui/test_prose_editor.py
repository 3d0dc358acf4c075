"""The prose editor as a word processor: formatting with no marks on screen, Word-like toggles,
lists typed or toggled, paste from Word, WPS and web pages; the plan stores the Markdown subset."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, Qt
from PySide6.QtGui import QGuiApplication, QTextCursor

from kamplanner.domain.template import TEMPLATE
from kamplanner.ui.prose_editor import ProseEdit, ProseField

CTRL = Qt.KeyboardModifier.ControlModifier
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
PATH = "summary.strategy"


@pytest.fixture
def field(qtbot, document):
    widget = ProseField(TEMPLATE.field(PATH), "en")
    qtbot.addWidget(widget)
    widget.set_document(document)
    widget.editor.selectAll()
    widget.editor.textCursor().removeSelectedText()
    widget.editor.clear()
    return widget


def stored(document) -> str:
    return document.plan.text(PATH)


def select(editor: ProseEdit, start: int, end: int) -> None:
    cursor = editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)


def test_bold_shows_as_bold_with_no_marks_and_is_stored_as_markdown(field, qtbot, document):
    editor = field.editor
    qtbot.keyClicks(editor, "grow share")
    select(editor, 5, 10)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert editor.toPlainText() == "grow share"  # no marks on screen
    assert editor.textCursor().selectedText() == "share"
    assert stored(document) == "grow **share**"
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)  # all bold already: off again
    assert stored(document) == "grow share"
    select(editor, 0, 4)
    field.buttons[1].click()
    assert stored(document) == "*grow* share"


def test_ctrl_b_on_a_partly_bold_selection_makes_all_of_it_bold_never_nested_marks(field, qtbot, document):
    editor = field.editor
    qtbot.keyClicks(editor, "alpha beta gamma")
    select(editor, 6, 10)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert stored(document) == "**alpha beta gamma**"
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    assert stored(document) == "alpha beta gamma"


def test_ctrl_b_twice_at_the_caret_leaves_nothing_behind(field, qtbot, document):
    editor = field.editor
    qtbot.keyClicks(editor, "plain ")
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor, "still plain ")
    qtbot.keyClick(editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(editor, "now bold")
    assert stored(document) == "plain still plain **now bold**"
    assert "****" not in stored(document)


def test_lists_typed_toggled_nested_and_ended(field, qtbot, document):
    editor = field.editor
    qtbot.keyClicks(editor, "- first")  # "- " at the start of a paragraph starts a bulleted list
    assert editor.toPlainText() == "first"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "second")
    qtbot.keyClick(editor, Qt.Key.Key_Tab)  # deeper, as in Word
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Backtab)
    qtbot.keyClicks(editor, "third")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # an empty item ends the list
    qtbot.keyClicks(editor, "after")
    assert stored(document) == "- first\n  - second\n- third\n\nafter"
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_7, CTRL_SHIFT)
    assert stored(document) == "1. first\n2. second\n3. third\n4. after"
    field.buttons[3].click()  # all numbered already: off
    assert stored(document) == "first\n\nsecond\n\nthird\n\nafter"


def test_typing_is_one_undo_step_and_formatting_another(field, qtbot, document):
    editor = field.editor
    document.undo_stack.clear()
    qtbot.keyClicks(editor, "typed quickly")
    assert document.undo_stack.count() == 1
    editor.selectAll()
    qtbot.keyClick(editor, Qt.Key.Key_I, CTRL)
    assert document.undo_stack.count() == 2
    assert stored(document) == "*typed quickly*"
    document.undo_stack.undo()
    assert stored(document) == "typed quickly" and not editor.document().firstBlock().charFormat().fontItalic()
    document.undo_stack.undo()
    assert editor.toPlainText() == ""
    document.undo_stack.redo()
    assert editor.toPlainText() == "typed quickly"


def test_a_required_field_of_an_empty_bullet_is_still_missing(field, qtbot):
    assert field.missing.isVisibleTo(field)
    qtbot.keyClicks(field.editor, "- ")
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


def test_stored_markdown_opens_formatted_and_saves_unchanged(field, document, qtbot):
    text = "Lead with *service*, not **price**.\n\n- Penang first\n  - local delivery\n1. Win the tender\n2. Renew"
    document.undo_stack.clear()
    field.editor.set_markdown(text)
    assert field.editor.markdown() == text
    assert "*" not in field.editor.toPlainText()


def test_a_number_in_a_paragraph_is_text(field, qtbot, document):
    editor = field.editor
    qtbot.keyClicks(editor, "Revenue grew")
    qtbot.keyClick(editor, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)  # a line break
    qtbot.keyClicks(editor, "2024. was a year")
    assert stored(document) == "Revenue grew\n2024\\. was a year"


def paste(editor: ProseEdit, html: str = "", text: str = "") -> None:
    data = QMimeData()
    if html:
        data.setHtml(html)
    if text:
        data.setText(text)
    QGuiApplication.clipboard().setMimeData(data)
    editor.paste()


WORD_HTML = (
    "<html xmlns:w='urn:schemas-microsoft-com:office:word'><head><style>p.MsoNormal{font-family:Calibri}</style>"
    "</head><body lang=EN-US><!--StartFragment-->"
    "<p class=MsoNormal><span style='font-size:14pt;color:#C00000;font-family:\"Arial\"'>Our <b>pricing</b> "
    "edge</span></p>"
    "<p class=MsoListParagraphCxSpFirst style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span style='font-family:Symbol'>·<span style='font:7.0pt \"Times New Roman\"'>&nbsp;&nbsp;&nbsp;&nbsp;"
    "&nbsp;&nbsp; </span></span><![endif]>first item</p>"
    "<p class=MsoListParagraphCxSpLast style='text-indent:-18.0pt;mso-list:l0 level1 lfo1'><![if !supportLists]>"
    "<span style='font-family:Symbol'>·<span>&nbsp;&nbsp; </span></span><![endif]><i>second</i> item</p>"
    "<table><tr><td>a cell</td></tr></table><img src='x.png'>"
    "<!--EndFragment--></body></html>"
)


def test_words_html_pastes_as_bold_and_a_bullet_list_and_drops_the_rest(field, document):
    paste(field.editor, WORD_HTML, "Our pricing edge\nfirst item\nsecond item")
    assert stored(document) == "Our **pricing** edge\n\n- first item\n- *second* item\n\na cell"


def test_wps_and_web_pages_paste_lists_and_emphasis(field, document):
    paste(field.editor, "<div style='font-family:SimSun'>重点：<strong>续约</strong>与<em>扩展</em></div>")
    assert stored(document) == "重点：**续约**与*扩展*"
    field.editor.clear()
    paste(field.editor, "<ol><li>one <b>bold</b></li><li>two<ul><li>under two</li></ul></li></ol>")
    assert stored(document) == "1. one **bold**\n2. two\n   - under two"


def test_plain_text_pastes_as_text_even_with_marks_in_it(field, document):
    paste(field.editor, text="a *star* and - a dash\n- not a list")
    assert stored(document) == "a \\*star\\* and - a dash\n\n\\- not a list"
    assert field.editor.toPlainText() == "a *star* and - a dash\n- not a list"


def test_hostile_html_is_bounded_and_leaves_the_text_sound(field, document):
    deep = "<div>" * 20_000 + "deep" + "</div>" * 20_000
    paste(field.editor, deep + "<script>alert(1)</script>\x00\x1b[31m")
    assert "deep" in stored(document) and "<" not in stored(document)
    assert "\x00" not in stored(document) and "\x1b" not in stored(document)
