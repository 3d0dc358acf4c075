"""The plan workbook: export, edit with openpyxl as a person would in Excel, import; and every
kind of workbook that must be refused, with nothing written."""

from __future__ import annotations

import datetime as dt
import io
import os
import shutil
import subprocess
import time
import zipfile

import openpyxl
import pytest

from kamplanner.cli import main
from kamplanner.domain import planfile
from kamplanner.domain.analysis import forecast_totals
from kamplanner.domain.changelog import ChangeKind
from kamplanner.domain.template import ACTIONS, FORECAST, MEMBERS, OPPORTUNITIES, STAKEHOLDERS, TEMPLATE, Kind
from kamplanner.outputs.book_layout import FORMAT_NAME, WorkbookError, sheet_names
from kamplanner.outputs.workbook import write_workbook
from kamplanner.outputs.workbook_read import read_workbook
from tests.factories import full_plan


@pytest.fixture
def plan_id(portfolio):
    return portfolio.import_json(planfile.dumps(full_plan()))


def edit(data: bytes, change) -> bytes:  # type: ignore[no-untyped-def]
    """The workbook after ``change(book)``, saved as Excel would save it."""
    book = openpyxl.load_workbook(io.BytesIO(data))
    change(book)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def refused(portfolio, plan_id: int, data: bytes) -> list[str]:
    """The problems the import is refused with; checks that nothing was written."""
    before = portfolio.load_plan(plan_id)
    entries = len(portfolio.history(plan_id))
    with pytest.raises(WorkbookError) as caught:
        portfolio.import_workbook(plan_id, data)
    after = portfolio.load_plan(plan_id)
    assert after.version == before.version
    assert after.tables == before.tables
    assert len(portfolio.history(plan_id)) == entries
    return caught.value.problems


def row_of(book, sheet: str, key: str) -> int:  # type: ignore[no-untyped-def]
    for r in range(2, book[sheet].max_row + 1):
        if book[sheet].cell(r, 1).value == key:
            return r
    raise LookupError(key)


# ---------------------------------------------------------------- round trips


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_workbook_imported_unedited_changes_nothing(portfolio, plan_id, lang):
    before = portfolio.load_plan(plan_id)
    data = portfolio.export_workbook(plan_id, lang=lang)
    assert portfolio.workbook_changes(plan_id, data) == []
    entries = len(portfolio.history(plan_id))
    assert portfolio.import_workbook(plan_id, data) == before.version
    after = portfolio.load_plan(plan_id)
    assert after.tables == before.tables and after.prose == before.prose and after.version == before.version
    assert len(portfolio.history(plan_id)) == entries


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_every_demo_plan_round_trips(demo_portfolio, lang):
    for summary in demo_portfolio.list_plans():
        plan = demo_portfolio.load_plan(summary.id)
        back = read_workbook(write_workbook(plan, lang=lang), plan)
        assert back.changes == [] and back.plan.tables == {k: v for k, v in plan.tables.items() if v} | {
            k: [] for k, v in back.plan.tables.items() if not v
        }


def test_edits_in_several_sheets_change_exactly_those_cells(portfolio, plan_id):
    before = portfolio.load_plan(plan_id)
    names = sheet_names("en")
    data = portfolio.export_workbook(plan_id, lang="en")

    def change(book):  # type: ignore[no-untyped-def]
        book[names[OPPORTUNITIES]].cell(row_of(book, names[OPPORTUNITIES], "o2"), 4).value = 950  # value
        sheet = book[names[STAKEHOLDERS]]
        sheet.cell(row_of(book, names[STAKEHOLDERS], "k3"), 7).value = "A Advocates"  # attitude, by its label
        members = book[names[MEMBERS]]
        members.cell(members.max_row + 1, 2).value = "周敏"  # a new row, typed at the bottom
        members.cell(members.max_row, 3).value = "交付经理"
        members.cell(members.max_row, 5).value = 25
        actions = book[names[ACTIONS]]
        r = row_of(book, names[ACTIONS], "a2")
        actions.cell(r, 5).value = "周敏"  # its owner: the member just added
        actions.cell(r, 6).value = dt.date(2028, 6, 30)  # due
        actions.cell(r, 8).value = "yes"  # milestone
        book[names[FORECAST]].delete_rows(row_of(book, names[FORECAST], "r3"))  # a row deleted

    version = portfolio.import_workbook(plan_id, edit(data, change))
    after = portfolio.load_plan(plan_id)
    assert version == after.version > before.version
    new_member = [r for r in after.rows(MEMBERS) if r.key not in {"m1", "m2"}]
    assert len(new_member) == 1 and new_member[0].values == {"name": "周敏", "function": "交付经理", "time_share": 25.0}
    expected = before.copy()
    expected.row(OPPORTUNITIES, "o2").values["value"] = 950.0
    expected.row(STAKEHOLDERS, "k3").values["attitude"] = "A"
    expected.rows(MEMBERS).append(new_member[0])
    expected.row(ACTIONS, "a2").values.update(owner=new_member[0].key, due=dt.date(2028, 6, 30), milestone=True)
    expected.tables[FORECAST] = [r for r in expected.rows(FORECAST) if r.key != "r3"]
    for table in TEMPLATE.tables():
        assert after.rows(table.path) == expected.rows(table.path), table.path
    assert after.prose == before.prose and after.account == before.account
    imports = [e for e in portfolio.history(plan_id) if e.change.kind is ChangeKind.IMPORT]
    assert imports[-1].change.after["from"] == "workbook" and imports[-1].change.after["edits"] == 7


def test_the_changes_are_listed_in_words_at_their_cells(portfolio, plan_id):
    names = sheet_names("zh_CN")
    data = edit(
        portfolio.export_workbook(plan_id),
        lambda book: setattr(book[names[OPPORTUNITIES]]["D2"], "value", 1500),
    )
    (change,) = portfolio.workbook_changes(plan_id, data)
    assert (change.where, change.before, change.after) == ("机会!D2", "1,200", "1,500")
    assert change.place == "战略选择 ▸ 机会, 核心系统上云, 价值"
    assert change.line() == "机会!D2: 战略选择 ▸ 机会, 核心系统上云, 价值: 1,200 → 1,500"


def test_a_percentage_typed_as_percent_in_excel_reads_as_the_plan_keeps_it(portfolio, plan_id):
    names = sheet_names("en")

    def change(book):  # type: ignore[no-untyped-def]
        cell = book[names[OPPORTUNITIES]]["E2"]
        cell.value, cell.number_format = 0.75, "0%"  # what Excel makes of "75%"

    portfolio.import_workbook(plan_id, edit(portfolio.export_workbook(plan_id, lang="en"), change))
    assert portfolio.load_plan(plan_id).row(OPPORTUNITIES, "o1").get("probability") == 75.0


def test_a_text_starting_with_equals_is_written_as_text_and_read_back(portfolio, plan_id):
    plan = portfolio.load_plan(plan_id)
    plan.row(OPPORTUNITIES, "o1").values["name"] = "=1+1 cloud"
    book = openpyxl.load_workbook(io.BytesIO(write_workbook(plan, lang="en")))
    assert book[sheet_names("en")[OPPORTUNITIES]]["B2"].data_type == "s"
    assert read_workbook(write_workbook(plan, lang="en"), plan).changes == []


def test_an_emptied_row_is_deleted_and_rows_in_a_new_order_are_moved(portfolio, plan_id):
    names = sheet_names("en")

    def change(book):  # type: ignore[no-untyped-def]
        sheet = book[names[OPPORTUNITIES]]
        for c in range(2, 7):
            sheet.cell(row_of(book, names[OPPORTUNITIES], "o4"), c).value = None
        competitors = book[names["appendix.competition.competitors"]]
        competitors["A2"].value, competitors["A3"].value = "c2", "c1"
        competitors["B2"].value, competitors["B3"].value = "外资硬件商", "云巨头"

    data = edit(portfolio.export_workbook(plan_id, lang="en"), change)
    words = [c.after for c in portfolio.workbook_changes(plan_id, data)]
    assert words == ["row deleted", "rows in a new order"]
    portfolio.import_workbook(plan_id, data)
    after = portfolio.load_plan(plan_id)
    assert [r.key for r in after.rows(OPPORTUNITIES)] == ["o1", "o2", "o3"]
    assert [r.key for r in after.rows("appendix.competition.competitors")] == ["c2", "c1"]


def _column_of(sheet, header: str) -> str:  # type: ignore[no-untyped-def]
    """The letter of the column whose header cell begins with ``header``."""
    return next(c.column_letter for c in sheet[1] if str(c.value or "").startswith(header))


def test_line_breaks_are_cleaned_as_the_editor_cleans_them(portfolio, plan_id):
    # An XML file cannot hold other control characters (openpyxl neither writes nor reads them);
    # a CR LF pasted from elsewhere becomes the editor's line break.
    names = sheet_names("en")
    data = edit(
        portfolio.export_workbook(plan_id, lang="en"),
        lambda book: setattr(
            book[names[OPPORTUNITIES]][f"{_column_of(book[names[OPPORTUNITIES]], 'Notes')}2"],
            "value",
            "Cloud\r\ncore\u2028next",
        ),
    )
    portfolio.import_workbook(plan_id, data)
    assert portfolio.load_plan(plan_id).row(OPPORTUNITIES, "o1").get("notes") == "Cloud\ncore\nnext"


# ---------------------------------------------------------------- refusals at a cell


def test_bad_cells_are_refused_each_at_its_sheet_and_cell(portfolio, plan_id):
    names = sheet_names("zh_CN")

    def change(book):  # type: ignore[no-untyped-def]
        book[names[OPPORTUNITIES]]["D3"] = "abc"  # money
        book[names[OPPORTUNITIES]]["E2"] = 130  # percent over 100
        book[names[OPPORTUNITIES]]["C4"] = "不存在的类型"  # a choice not in the list
        book[names[ACTIONS]]["F2"] = "2027-02-30"  # a bad date
        book[names[ACTIONS]]["E3"] = "无名氏"  # a reference to no row
        book[names[ACTIONS]]["D2"] = None  # a required cell emptied
        book[names[FORECAST]]["E2"] = "=SUM(E3:E4)"  # a formula where a value belongs

    problems = refused(portfolio, plan_id, edit(portfolio.export_workbook(plan_id), change))
    assert sorted(problems) == sorted(
        [
            '机会!D3: expected a number, got "abc"',
            "机会!C4: expected one of more_share, cross_sell, price_mix, drop_unprofitable, new_customers, other,"
            ' got "不存在的类型"',
            '行动项!F2: expected a date (YYYY-MM-DD), got "2027-02-30"',
            '行动项!E3: "无名氏" matches no row of the sheet 小组成员',
            '预测!E2: a formula ("=SUM(E3:E4)") where a value belongs: paste the value instead',
            "机会!E2: Probability must be at most 100 %, got 130",
            "行动项!D2: Action is required",
        ]
    ), problems
    # The plan's rules too, in the same round: here a percentage over 100 and a required cell.
    problems = refused(
        portfolio,
        plan_id,
        edit(
            portfolio.export_workbook(plan_id),
            lambda book: [
                book[names[OPPORTUNITIES]].__setitem__("E2", 130),
                book[names[ACTIONS]].__setitem__("D2", None),
                book[names[ACTIONS]].__setitem__("F3", "soon"),
            ],
        ),
    )
    assert sorted(problems) == [
        "机会!E2: Probability must be at most 100 %, got 130",
        "行动项!D2: Action is required",
        '行动项!F3: expected a date (YYYY-MM-DD), got "soon"',
    ]


def test_a_copied_row_key_and_an_unknown_key_are_refused(portfolio, plan_id):
    names = sheet_names("en")

    def change(book):  # type: ignore[no-untyped-def]
        sheet = book[names[OPPORTUNITIES]]
        sheet.append(["o1", "copy", None, 1, 1])
        sheet.append(["zz9", "made up", None, 1, 1])

    problems = refused(portfolio, plan_id, edit(portfolio.export_workbook(plan_id, lang="en"), change))
    assert problems[0] == "Opportunities!A6: the same row key as row 2 (a copied row?): clear A6 to make it a new row"
    assert problems[1].startswith('Opportunities!A7: "zz9" is no row key of this table in the plan')


def test_a_header_changed_is_refused(portfolio, plan_id):
    data = edit(
        portfolio.export_workbook(plan_id, lang="en"),
        lambda b: setattr(b["Resources and budget"]["C1"], "value", "Amount"),
    )
    assert refused(portfolio, plan_id, data) == [
        'Resources and budget!C1: expected the header "Amount (CNY 10k)", got "Amount"'
    ]


def test_a_value_outside_the_table_is_refused(portfolio, plan_id):
    data = edit(
        portfolio.export_workbook(plan_id, lang="en"), lambda b: setattr(b["Competitors"]["F3"], "value", "note")
    )
    assert refused(portfolio, plan_id, data) == [
        "Competitors!F3: outside the table, whose columns end at D: move or delete it"
    ]


# ---------------------------------------------------------------- refusals of the whole workbook


def test_another_plans_workbook_is_refused(portfolio, plan_id):
    other = portfolio.import_json(planfile.dumps(full_plan(year=2029)))
    problems = refused(portfolio, plan_id, portfolio.export_workbook(other))
    assert len(problems) == 1 and problems[0].startswith("说明!C14: this is the workbook of 示例银行 Example Bank 2029")


def test_a_workbook_of_an_older_revision_is_refused(portfolio, plan_id):
    data = portfolio.export_workbook(plan_id, lang="en")
    plan = portfolio.load_plan(plan_id)
    from kamplanner.domain.edits import SetCell

    portfolio.save_edits(plan_id, plan.version, [SetCell(OPPORTUNITIES, "o1", "value", 1200.0, 1300.0)])
    (problem,) = refused(portfolio, plan_id, data)
    assert problem.startswith("About!C17: the plan has been saved since this workbook was written (revision")


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_a_renamed_or_removed_sheet_is_refused(portfolio, plan_id, lang):
    names = sheet_names(lang)
    data = portfolio.export_workbook(plan_id, lang=lang)
    renamed = edit(data, lambda b: setattr(b[names[MEMBERS]], "title", "Team"))
    assert refused(portfolio, plan_id, renamed) == [
        f'{names[MEMBERS]}: the sheet is missing (renamed or removed?); the workbook has sheets kamplanner did not write: "Team"'
    ]
    removed = edit(data, lambda b: b.remove(b[names[FORECAST]]))
    assert refused(portfolio, plan_id, removed) == [f"{names[FORECAST]}: the sheet is missing (renamed or removed?)"]


def test_a_workbook_not_made_by_kamplanner_or_of_an_unknown_version_is_refused(portfolio, plan_id):
    book = openpyxl.Workbook()
    book.active["A1"] = "hello"
    out = io.BytesIO()
    book.save(out)
    assert refused(portfolio, plan_id, out.getvalue()) == [
        "workbook: no sheet About (说明): not a plan workbook written by kamplanner"
    ]
    data = portfolio.export_workbook(plan_id, lang="en")
    assert refused(portfolio, plan_id, edit(data, lambda b: setattr(b["About"]["C12"], "value", "other-format"))) == [
        f'About!C12: expected "{FORMAT_NAME}", got "other-format"'
    ]
    assert refused(portfolio, plan_id, edit(data, lambda b: setattr(b["About"]["C13"], "value", 9))) == [
        "About!C13: this workbook is format version 9 newer than this kamplanner reads; update kamplanner to"
        " import it (this kamplanner reads 1)"
    ]


def _rezip(data: bytes, replace: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            target.writestr(info.filename, replace.get(info.filename, source.read(info.filename)))
    return out.getvalue()


def _sheet_file(data: bytes, sheet: str) -> str:
    """The zip member that holds the sheet named ``sheet`` (openpyxl writes them in order)."""
    names = openpyxl.load_workbook(io.BytesIO(data), read_only=True).sheetnames
    return f"xl/worksheets/sheet{names.index(sheet) + 1}.xml"


def test_files_that_are_no_workbook_are_refused(portfolio, plan_id):
    data = portfolio.export_workbook(plan_id)
    zipped = io.BytesIO()
    with zipfile.ZipFile(zipped, "w") as archive:
        archive.writestr("notes.txt", "not a workbook")
    cases = {
        "random bytes": os.urandom(5000),
        "empty": b"",
        "cut off": data[: len(data) // 2],
        "a zip": zipped.getvalue(),
        "a PDF": b"%PDF-1.7\n" + os.urandom(100),
    }
    for name, bad in cases.items():
        problems = refused(portfolio, plan_id, bad)
        assert len(problems) == 1 and problems[0].startswith("workbook: "), (name, problems)
        assert "not an .xlsx workbook" in problems[0], (name, problems)


def test_a_damaged_part_is_refused_without_a_traceback(portfolio, plan_id):
    data = portfolio.export_workbook(plan_id)
    damaged = _rezip(data, {_sheet_file(data, sheet_names("zh_CN")[MEMBERS]): b"<worksheet><sheetData><row"})
    (problem,) = refused(portfolio, plan_id, damaged)
    assert problem.startswith(
        ("workbook: a part of it cannot be read (", "workbook: not a workbook kamplanner can read (")
    )
    assert "ParseError" in problem


def test_a_zip_bomb_is_refused_before_it_is_unpacked(portfolio, plan_id):
    data = portfolio.export_workbook(plan_id)
    member = _sheet_file(data, sheet_names("zh_CN")[MEMBERS])
    bomb = _rezip(data, {member: b"<worksheet>" + b" " * 100_000_000 + b"</worksheet>"})
    assert len(bomb) < 1_000_000
    start = time.perf_counter()
    (problem,) = refused(portfolio, plan_id, bomb)
    assert time.perf_counter() - start < 2
    assert problem == (
        f'workbook: "{member}" unpacks to 100,000,023 bytes; a part of a workbook may be at most 25,000,000'
    )


def test_a_huge_sheet_is_refused_quickly(portfolio, plan_id):
    data = portfolio.export_workbook(plan_id, lang="en")
    member = _sheet_file(data, "Forecast")
    rows = b"".join(b'<row r="%d"><c r="B%d"><v>2027</v></c></row>' % (i, i) for i in range(2, 1_000_001))
    huge = b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
    huge = _rezip(data, {member: huge + rows + b"</sheetData></worksheet>"})
    start = time.perf_counter()
    (problem,) = refused(portfolio, plan_id, huge)
    assert time.perf_counter() - start < 3
    assert problem.startswith('workbook: "xl/worksheets/sheet') and "unpacks to" in problem
    # Under the size bound, but more rows than a table holds: refused at the sheet.
    many = edit(data, lambda b: [b["Forecast"].append([None, 2027, f"R{i}", "P", 1]) for i in range(400)])
    (problem,) = refused(portfolio, plan_id, many)
    assert problem == "Forecast!A302: more than 300 rows; a table holds at most 300"
    tall = edit(data, lambda b: setattr(b["Forecast"]["B5000"], "value", 2027))
    (problem,) = refused(portfolio, plan_id, tall)
    assert (
        problem == "Forecast: the sheet reaches row 5,000; a table holds at most 300 rows (a sheet at most 1,000 lines)"
    )


def test_a_file_over_the_size_bound_is_refused(portfolio, plan_id):
    (problem,) = refused(portfolio, plan_id, b"PK" + b"\0" * 20_000_001)
    assert problem == "workbook: the file is 20,000,003 bytes; a workbook holds at most 20,000,000"


# ---------------------------------------------------------------- what the workbook offers


@pytest.mark.parametrize("lang", ["zh_CN", "en"])
def test_choice_and_reference_columns_have_drop_down_lists(portfolio, plan_id, lang):
    plan = portfolio.load_plan(plan_id)
    book = openpyxl.load_workbook(io.BytesIO(portfolio.export_workbook(plan_id, lang=lang)))
    names = sheet_names(lang)
    lists = book[names["lists"]]
    assert lists.sheet_state == "hidden"

    def listed(formula: str) -> list[str]:
        _, cells = formula.rsplit("!", 1)
        first, last = cells.replace("$", "").split(":")
        return [c.value for (c,) in lists[first:last]]

    for table in TEMPLATE.tables():
        sheet = book[names[table.path]]
        assert sheet.freeze_panes == "B2" and sheet.column_dimensions["A"].hidden
        validations = {str(v.sqref): v for v in sheet.data_validations.dataValidation}
        for i, column in enumerate(table.columns):
            letter = openpyxl.utils.get_column_letter(i + 2)
            check = validations.get(f"{letter}2:{letter}301")
            if column.kind is Kind.CHOICE:
                assert check is not None and check.type == "list", (table.path, column.key)
                assert listed(check.formula1) == [c.label(lang) for c in column.choices]
            elif column.kind is Kind.REF:
                assert listed(check.formula1) == [plan.label_of(column.ref, r.key) for r in plan.rows(column.ref)]
            elif column.kind is Kind.FLAG:
                assert listed(check.formula1) == (["是", "否"] if lang == "zh_CN" else ["yes", "no"])
            else:
                assert check is None


def test_cells_are_typed(portfolio, plan_id):
    book = openpyxl.load_workbook(io.BytesIO(portfolio.export_workbook(plan_id, lang="en")))
    actions = book["Action items"]
    assert actions["F2"].value == dt.datetime(2027, 3, 31) and actions["F2"].number_format == "yyyy-mm-dd"
    assert actions["H2"].value == "yes" and actions["E2"].value == "王立群"
    opportunities = book["Opportunities"]
    assert opportunities["D2"].value == 1200 and opportunities["E1"].value == "Probability (%)"
    assert opportunities["E2"].value == 70 and opportunities["C2"].value == "Cross-selling other products"
    about = book["About"]
    facts = {about.cell(r, 1).value: about.cell(r, 3).value for r in range(12, 20)}
    assert facts["format"] == FORMAT_NAME and facts["format_version"] == 1 and facts["money_unit"] == "CNY 10k"
    assert facts["plan_uuid"] == portfolio.load_plan(plan_id).uuid and facts["language"] == "en"


def test_sheet_names_fit_a_spreadsheet():
    for lang in ("zh_CN", "en"):
        names = list(sheet_names(lang).values())
        assert len({n.casefold() for n in names}) == len(names)
        for name in names:
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\"), name


def test_the_forecast_summary_is_live_formulas_that_calc_computes(portfolio, plan_id, tmp_path):
    plan = portfolio.load_plan(plan_id)
    path = tmp_path / "plan.xlsx"
    path.write_bytes(portfolio.export_workbook(plan_id, lang="en"))
    summary = openpyxl.load_workbook(path)["Forecast summary"]
    assert summary["C6"].data_type == "f" and summary["C6"].value.startswith("=SUMPRODUCT(")
    soffice = shutil.which("soffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    out = tmp_path / "calc"
    profile = tmp_path / "profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation=file://{profile}",
            "--headless",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(path),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )
    computed = openpyxl.load_workbook(out / "plan.xlsx", data_only=True)["Forecast summary"]
    rows = list(computed.iter_rows(values_only=True))
    totals = forecast_totals(plan)
    grand = [r for r in rows if r[0] == "Total" and isinstance(r[2], (int, float))]
    revenue, margin = grand[0], grand[1]
    assert list(revenue[2:7]) == pytest.approx([totals.revenue_by_year[y] for y in plan.years])
    assert list(margin[2:7]) == pytest.approx([totals.margin_by_year[y] for y in plan.years])
    assert revenue[7] == pytest.approx(totals.revenue_total)
    for region in totals.regions:
        line = next(r for r in rows if r[0] == f"{region} total")
        assert list(line[2:7]) == pytest.approx([totals.revenue_by_region_year.get((region, y), 0) for y in plan.years])
    # The import does not read the summary: an edit there changes nothing.
    edited = edit(path.read_bytes(), lambda b: setattr(b["Forecast summary"]["C6"], "value", 1))
    assert portfolio.workbook_changes(plan_id, edited) == []


# ---------------------------------------------------------------- the command line


def test_the_command_line_exports_lists_and_imports(portfolio, plan_id, db_path, tmp_path, capsys):
    path = tmp_path / "plan.xlsx"
    assert main(["--db", str(db_path), "export-xlsx", str(plan_id), "-o", str(path), "--lang", "en"]) == 0
    assert main(["--db", str(db_path), "export-xlsx", str(plan_id), "-o", str(db_path)]) == 2
    path.write_bytes(edit(path.read_bytes(), lambda b: setattr(b["Resources and budget"]["C3"], "value", 95)))
    capsys.readouterr()
    before = portfolio.load_plan(plan_id).version
    assert main(["--db", str(db_path), "import-xlsx", str(path), str(plan_id), "--dry-run"]) == 0
    out, err = capsys.readouterr()
    assert (
        out
        == "Resources and budget!C3: Account team members and needs ▸ Resources and budget, 售前测试环境 / 95 / 研发部, Amount: 80 → 95\n"
    )
    assert "--dry-run: nothing was written" in err
    assert portfolio.load_plan(plan_id).version == before
    assert main(["--db", str(db_path), "import-xlsx", str(path), str(plan_id)]) == 0
    out, err = capsys.readouterr()
    assert out.startswith("Resources and budget!C3: ") and "1 change written" in err
    assert portfolio.load_plan(plan_id).row("team.budget", "b2").get("amount") == 95.0
    # Bad input: every problem at its cell, exit 2, nothing written.
    data = portfolio.export_workbook(plan_id, lang="en")
    path.write_bytes(
        edit(
            data,
            lambda b: [setattr(b["Opportunities"]["D2"], "value", "lots"), setattr(b["Forecast"]["B3"], "value", 1999)],
        )
    )
    version = portfolio.load_plan(plan_id).version
    assert main(["--db", str(db_path), "import-xlsx", str(path), str(plan_id)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    lines = err.splitlines()
    assert lines[0] == f'{path}: Opportunities!D2: expected a number, got "lots"'
    assert lines[1] == f"{path}: Forecast!B3: year must be one of 2027 to 2031, got 1999"
    assert lines[2] == f"kamplanner: {path} was not imported (2 problems); nothing was written"
    assert portfolio.load_plan(plan_id).version == version
    path.write_bytes(b"not a workbook")
    assert main(["--db", str(db_path), "import-xlsx", str(path), str(plan_id), "--json"]) == 2
    out, _ = capsys.readouterr()
    assert '"imported": false' in out and "not an .xlsx workbook" in out
