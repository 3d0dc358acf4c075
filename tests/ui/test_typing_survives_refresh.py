"""Issue 11's first finding: text typed into an open cell editor survives the table refreshing
under it (validation a moment after the last change, a save), so no keystroke is lost."""

from __future__ import annotations

from PySide6.QtCore import Qt

from kamplanner.domain.template import FINANCIAL, TEMPLATE
from kamplanner.ui.record_table import RecordTable
from tests.ui.helpers import edit_cell


def test_what_is_typed_in_an_open_cell_survives_validation_refreshing_the_table(qtbot, document):
    table = RecordTable(TEMPLATE.table(FINANCIAL), "en")
    qtbot.addWidget(table)
    table.model.set_document(document)
    table.show()
    qtbot.waitExposed(table)
    label = table.model.table.column_keys.index("label")
    index = table.model.index(0, label)
    editor = edit_cell(qtbot, table.view, index)
    qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(editor, "Total re")
    document.check_now()  # validation's refresh: every cell's data changed
    qtbot.keyClicks(editor, "venue from Northwind")
    document.check_now()
    assert editor.text() == "Total revenue from Northwind"
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: table.view.indexWidget(index) is None, timeout=2000)
    assert document.plan.rows(FINANCIAL)[0].get("label") == "Total revenue from Northwind"
