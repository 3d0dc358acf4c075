"""Tables like Excel (issue 11): Tab, Shift+Tab and Enter stay in the table, typing starts editing,
rows go only on their own command, blocks copy and paste as TSV and HTML, Ctrl+D fills down.

Keys are sent where a person's keys would go: to the widget that has the focus (or to the open
completer list), one at a time, with no wait after Tab — not to a widget the test picked."""

from __future__ import annotations

from PySide6.QtCore import QItemSelection, QItemSelectionModel, QMimeData, Qt
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QToolButton

from kamplanner.domain.template import LAST_YEAR, MEMBERS

from .conftest import JADEWAVE, plan_id_named


def press(key: Qt.Key | str, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier) -> None:
    """One key, to where the keyboard's would go: an open popup list, else the focus widget."""
    target = QApplication.activePopupWidget() or QApplication.focusWidget()
    assert target is not None, "nothing has the keyboard focus"
    QTest.keyClick(target, key, modifiers)


def type_text(text: str) -> None:
    for char in text:
        if char == "\t":
            press(Qt.Key.Key_Tab)
        elif char == "\n":
            press(Qt.Key.Key_Return)
        else:
            press(char)


def table_page(window, path: str):
    window.show_section(path.split(".", 1)[0])
    table = window.editor.field_widget(path).editor
    return table


def start_at(qtbot, table, row: int, col: int) -> None:
    table.view.setFocus()
    table.view.setCurrentIndex(table.model.index(row, col))
    qtbot.waitUntil(lambda: QApplication.focusWidget() is table.view, timeout=2000)


def stored(demo_portfolio, window, path: str):
    window.document.flush()
    return demo_portfolio.load_plan(plan_id_named(demo_portfolio, JADEWAVE)).rows(path)


def test_typing_straight_after_tab_lands_every_character_in_the_database(editable_window, qtbot, demo_portfolio):
    window = editable_window
    table = table_page(window, MEMBERS)
    start_at(qtbot, table, 0, 0)
    # Name, function, responsibilities (a long-text cell), time share, development: no wait anywhere.
    type_text("Ada Lovelace\tSales lead\tOwns pricing, renews the framework\t30\tLearn the grid business\t")
    assert table.view.currentIndex().row() == 1 and table.view.currentIndex().column() == 0  # the next row
    first = stored(demo_portfolio, window, MEMBERS)[0]
    assert first.get("name") == "Ada Lovelace"
    assert first.get("function") == "Sales lead"
    assert first.get("responsibilities") == "Owns pricing, renews the framework"
    assert first.get("time_share") == 0.3 or first.get("time_share") == 30
    assert first.get("development") == "Learn the grid business"


def test_shift_tab_goes_back_and_enter_goes_down(editable_window, qtbot):
    table = table_page(editable_window, MEMBERS)
    start_at(qtbot, table, 1, 0)
    press(Qt.Key.Key_Backtab)
    assert (table.view.currentIndex().row(), table.view.currentIndex().column()) == (0, 4)  # the row above's end
    type_text("Grow into a key account lead\n")  # Enter commits and steps down
    assert (table.view.currentIndex().row(), table.view.currentIndex().column()) == (1, 4)
    assert table.model.rows[0].get("development") == "Grow into a key account lead"
    press(Qt.Key.Key_Return)  # Enter on a selected cell: down again, nothing pressed
    assert table.view.currentIndex().row() == 2


def test_tab_and_enter_through_the_whole_table_never_remove_a_row(editable_window, qtbot, demo_portfolio):
    window = editable_window
    table = table_page(window, MEMBERS)
    before = [r.key for r in table.model.rows]
    columns = len(table.model.columns)
    start_at(qtbot, table, 0, 0)
    for _ in range(len(before) * columns + 4):
        press(Qt.Key.Key_Tab)
        assert not isinstance(QApplication.focusWidget(), QAbstractButton), "Tab reached a button"
        assert table.view.hasFocus() or table.view.isAncestorOf(QApplication.focusWidget())
        press(Qt.Key.Key_Return)
        press(Qt.Key.Key_Backtab)  # Enter stepped down: back up and along, to visit every cell
        press(Qt.Key.Key_Up)
        press(Qt.Key.Key_Tab)
    after = [r.key for r in stored(demo_portfolio, window, MEMBERS)]
    assert after[: len(before)] == before  # every row still there, in its place
    assert len(after) <= len(before) + 1  # Tab on the last cell added one row, and no more while it is empty
    buttons = table.findChildren(QToolButton)
    assert buttons and all(b.focusPolicy() == Qt.FocusPolicy.NoFocus for b in buttons)


def test_tab_on_the_last_cell_adds_a_row_and_ctrl_tab_leaves_the_table(editable_window, qtbot):
    table = table_page(editable_window, MEMBERS)
    rows = len(table.model.rows)
    start_at(qtbot, table, rows - 1, len(table.model.columns) - 1)
    press(Qt.Key.Key_Tab)
    assert len(table.model.rows) == rows + 1
    assert (table.view.currentIndex().row(), table.view.currentIndex().column()) == (rows, 0)
    type_text("New colleague\t")
    assert table.model.rows[rows].get("name") == "New colleague"
    press(Qt.Key.Key_Tab, Qt.KeyboardModifier.ControlModifier)
    assert not table.view.hasFocus() and not table.view.isAncestorOf(QApplication.focusWidget())
    editable_window.undo_action.trigger()  # the name
    editable_window.undo_action.trigger()  # the row Tab added
    assert len(table.model.rows) == rows


def test_tab_while_the_completer_list_is_open_moves_to_the_next_cell(editable_window, qtbot, demo_portfolio):
    window = editable_window
    table = table_page(window, MEMBERS)
    function = table.model.table.column_keys.index("function")
    offered = str(table.model.rows[0].get("function"))
    last = len(table.model.rows) - 1
    start_at(qtbot, table, last, function)
    type_text(offered[:2])
    qtbot.waitUntil(lambda: QApplication.activePopupWidget() is not None, timeout=2000)  # the list is open
    type_text("\tShared with the pricing desk ")
    assert QApplication.activePopupWidget() is None
    assert table.view.currentIndex().column() == function + 1
    assert table.view.isAncestorOf(QApplication.focusWidget())
    press(Qt.Key.Key_Return)
    row = stored(demo_portfolio, window, MEMBERS)[last]
    assert row.get("function") == offered[:2]  # what was typed; the list only offered
    assert row.get("responsibilities") == "Shared with the pricing desk"
    assert len(table.model.rows) == last + 1  # no row was added on the way


BLOCK = [
    ["Revenue", "CNY m", "120", "131.5"],
    ["Gross margin", "%", "18", "17.2"],
    ["New platforms", "count", "3", "4"],
    ["Share of wallet", "%", "22", "25"],
    ["Service tickets, closed", "count", "1,250", "1,190"],
]


def _paste(qtbot, table, data: QMimeData) -> None:
    QGuiApplication.clipboard().setMimeData(data)
    start_at(qtbot, table, 0, 0)
    press(Qt.Key.Key_V, Qt.KeyboardModifier.ControlModifier)


def _cells(rows, count: int):
    return [
        [str(r.get("objective")), str(r.get("unit")), f"{r.get('target'):g}", f"{r.get('actual'):g}"]
        for r in rows[:count]
    ]


def test_a_5_by_4_block_pasted_as_tsv_lands_in_its_cells(editable_window, qtbot, demo_portfolio):
    table = table_page(editable_window, LAST_YEAR)
    data = QMimeData()
    data.setText("\r\n".join("\t".join(row) for row in BLOCK) + "\r\n")  # as Excel writes it
    _paste(qtbot, table, data)
    expected = [[*row[:2], row[2].replace(",", ""), row[3].replace(",", "")] for row in BLOCK]
    assert _cells(stored(demo_portfolio, editable_window, LAST_YEAR), 5) == expected
    editable_window.undo_action.trigger()  # one step
    assert _cells(table.model.rows, 5) != expected


def test_a_5_by_4_block_pasted_as_excel_html_lands_in_its_cells(editable_window, qtbot, demo_portfolio):
    table = table_page(editable_window, LAST_YEAR)
    rows = "".join(
        "<tr height=19>" + "".join(f'<td class=xl65 style="mso-number-format:General">{c}</td>' for c in row) + "</tr>"
        for row in BLOCK
    )
    data = QMimeData()
    data.setHtml(
        '<html xmlns:o="urn:schemas-microsoft-com:office:office"><head><style>td {mso-style-parent:style0}</style>'
        f"</head><body><!--StartFragment--><table border=0>{rows}</table><!--EndFragment--></body></html>"
    )
    data.setText("this text is not what Excel meant")  # HTML wins when it holds a table
    _paste(qtbot, table, data)
    expected = [[*row[:2], row[2].replace(",", ""), row[3].replace(",", "")] for row in BLOCK]
    assert _cells(stored(demo_portfolio, editable_window, LAST_YEAR), 5) == expected


def test_copy_gives_excel_both_tsv_and_html_and_pastes_back(editable_window, qtbot):
    table = table_page(editable_window, MEMBERS)
    model, view = table.model, table.view
    start_at(qtbot, table, 0, 0)
    view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, 1)), QItemSelectionModel.SelectionFlag.Select
    )
    press(Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    data = QGuiApplication.clipboard().mimeData()
    names = [model.rows[0].get("name"), model.rows[1].get("name")]
    assert data.text().split("\n")[0].split("\t")[0] == names[0]
    assert "<table>" in data.html() and "<td>" in data.html()


def test_ctrl_d_fills_down_delete_clears_and_remove_says_how_many(editable_window, qtbot):
    window = editable_window
    table = table_page(window, MEMBERS)
    model, view = table.model, table.view
    function = model.table.column_keys.index("function")
    start_at(qtbot, table, 0, function)
    view.selectionModel().select(
        QItemSelection(model.index(0, function), model.index(2, function)), QItemSelectionModel.SelectionFlag.Select
    )
    top = model.rows[0].get("function")
    press(Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    assert [model.rows[r].get("function") for r in range(3)] == [top] * 3
    press(Qt.Key.Key_Delete)
    assert [model.rows[r].get("function") for r in range(3)] == [None] * 3
    window.undo_action.trigger()
    assert [model.rows[r].get("function") for r in range(3)] == [top] * 3

    rows = len(model.rows)
    press(Qt.Key.Key_Minus, Qt.KeyboardModifier.ControlModifier)
    assert len(model.rows) == rows - 3
    assert window.statusBar().currentMessage().startswith("3 rows removed from")
    assert "Ctrl+Z" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert len(model.rows) == rows


def test_the_owner_list_says_where_to_add_owners_while_there_are_none(editable_window, qtbot):
    from kamplanner.domain.edits import Batch, RemoveRow
    from kamplanner.domain.template import ACTIONS

    window = editable_window
    document = window.document
    rows = document.plan.rows(MEMBERS)
    document.push(Batch(tuple(RemoveRow(MEMBERS, i, r) for i, r in reversed(list(enumerate(rows))))), "clear team")
    table = table_page(window, ACTIONS)
    owner = table.model.table.column_keys.index("owner")
    start_at(qtbot, table, 0, owner)
    press(Qt.Key.Key_F2)
    editor = table.view.indexWidget(table.model.index(0, owner))
    texts = [editor.itemText(i) for i in range(editor.count())]
    assert any(t.startswith("Nothing to choose yet: add Team members in section 6") for t in texts), texts
