from kamplanner.domain.template import TEMPLATE, Kind, Table


def test_eight_sections_in_the_methods_order():
    assert [s.key for s in TEMPLATE.sections] == [
        "summary",
        "strategy",
        "risks",
        "objectives",
        "action_plan",
        "team",
        "forecast",
        "appendix",
    ]
    assert [s.label.zh for s in TEMPLATE.sections] == [
        "总摘要",
        "战略选择",
        "业务风险",
        "客户目标",
        "客户小组行动计划",
        "客户小组的成员和需要",
        "财务预测（5年）",
        "附录",
    ]
    assert [s.number for s in TEMPLATE.sections] == list(range(1, 9))


def test_the_appendix_has_its_four_parts():
    appendix = TEMPLATE.section("appendix")
    # (the method calls part 4 行动计划 too; the PDF would then have two parts of that name: 5 and 8.4)
    assert [p.label.zh for p in appendix.parts] == ["客户信息", "客户业绩", "竞争评估", "行动明细"]


def test_every_reference_points_at_a_table_with_a_display_column_or_keys():
    for table in TEMPLATE.tables():
        for column in table.columns:
            if column.kind is Kind.REF:
                target = TEMPLATE.table(column.ref)
                assert isinstance(target, Table)
            if column.kind is Kind.CHOICE:
                assert column.choices, f"{table.path}.{column.key} has no choices"


def test_every_field_has_both_languages_and_a_unique_path():
    paths = TEMPLATE.paths
    assert len(paths) == len(set(paths))
    for f in TEMPLATE.fields():
        assert f.label.zh and f.label.en
        assert f.path and TEMPLATE.field(f.path) is f


def test_structured_records_of_the_domain_are_tables():
    for path in (
        "objectives.financial",
        "objectives.share",
        "strategy.opportunities",
        "action_plan.actions",
        "team.members",
        "team.budget",
        "forecast.rows",
        "appendix.account_info.stakeholders",
        "appendix.competition.criteria",
        "appendix.competition.scores",
        "appendix.performance.last_year",
    ):
        assert isinstance(TEMPLATE.field(path), Table), path
