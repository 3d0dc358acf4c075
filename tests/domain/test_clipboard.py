"""Blocks of cells from and to spreadsheets: Excel's TSV quoting, HTML from Excel, WPS, Word and the
web, and hostile clipboards (huge, deeply nested, broken, control characters)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from kamplanner.domain.clipboard import MAX_COLUMNS, html_cells, html_table, tsv_cells, tsv_text
from kamplanner.domain.limits import MAX_ROWS


def test_tsv_reads_excels_quotes_and_ignores_the_last_line_break():
    text = 'Revenue\t"two\nlines"\t1,250\r\n"say ""hi"""\t\t3\r\n'
    assert tsv_cells(text) == [["Revenue", "two\nlines", "1,250"], ['say "hi"', "", "3"]]


def test_tsv_with_a_stray_quote_keeps_the_quote_as_text():
    assert tsv_cells('5" screen\tok\n"unclosed\tcell') == [['5" screen', "ok"], ['"unclosed', "cell"]]


def test_excel_html_with_styles_entities_and_spans():
    markup = (
        "<html><head><style>td{mso-number-format:General}</style></head><body><!--StartFragment-->"
        "<table><col width=64><tr><td class=xl65>A&amp;B&nbsp;Ltd</td><td colspan=2>wide</td><td>1,250</td></tr>"
        "<tr><td><span style='font-weight:700'>bold</span> text</td><td>x<br>y</td><td></td><td>3</td></tr>"
        "</table><!--EndFragment--></body></html>"
    )
    assert html_cells(markup) == [["A&B Ltd", "wide", "", "1,250"], ["bold text", "x\ny", "", "3"]]


def test_wps_html_without_closing_tags():
    markup = "<table><tr><td>one<td>two<tr><td>three<td>four</table>"
    assert html_cells(markup) == [["one", "two"], ["three", "four"]]


def test_html_without_a_table_is_not_a_block():
    assert html_cells("<p><b>just</b> a paragraph</p>") is None
    assert html_cells("") is None


def test_a_nested_table_is_text_of_its_cell_and_only_the_first_table_counts():
    markup = "<table><tr><td>outer<table><tr><td>inner</td></tr></table></td><td>2</td></tr></table><table><tr><td>no</td></tr></table>"
    assert html_cells(markup) == [["outerinner", "2"]]


def test_hostile_clipboards_are_bounded():
    deep = "<table><tr><td>" + "<div>" * 50_000 + "x" + "</div>" * 50_000 + "</td></tr></table>"
    assert html_cells(deep) == [["x"]]
    wide = "<table><tr>" + "<td>c</td>" * (MAX_COLUMNS * 3) + "</tr></table>"
    assert len(html_cells(wide)[0]) == MAX_COLUMNS
    tall = "\n".join("a\tb" for _ in range(MAX_ROWS * 3))
    assert len(tsv_cells(tall)) == MAX_ROWS
    assert html_cells("<table><tr><td colspan=99999999999999999999>x</td></tr></table>") == [["x"]]
    assert html_cells("<table><tr><td>\x00\x1b[31mred\x07</td></tr></table>") == [["\x00\x1b[31mred\x07"]]


cells = st.text(alphabet=st.characters(blacklist_categories=("Cs",), blacklist_characters="\r"), max_size=12)


@given(st.lists(st.lists(cells, min_size=3, max_size=3), min_size=1, max_size=5))
def test_what_is_copied_reads_back_the_same_as_tsv(rows):
    if all(cell == "" for row in rows for cell in row):
        return  # an empty block is written as nothing
    back = tsv_cells(tsv_text(rows))
    assert back == rows


def test_html_written_for_copy_reads_back_and_escapes_markup():
    rows = [["<b>not bold</b>", "a & b"], ["two\nlines", ""]]
    assert "<b>" not in html_table(rows)
    assert html_cells(html_table(rows)) == rows
