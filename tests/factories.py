"""Plans built in code for tests: every table filled, small enough to read."""

from __future__ import annotations

import datetime as dt

from kamplanner.domain.model import Account, Phase, Plan, Record, Scope, Tier
from kamplanner.domain.template import TEMPLATE, Prose


def full_plan(year: int = 2027, language: str = "zh_CN", text: str | None = None) -> Plan:
    """A plan with every prose field and every table filled."""
    account = Account(
        name="示例银行 Example Bank",
        tier=Tier.KEY,
        industry="银行",
        region="华东",
        scope=Scope.NATIONAL,
        customer_since=2015,
        annual_revenue=8600,
        manager="王立群",
    )
    plan = Plan(account=account, year=year, language=language, version=3, phase=Phase.DEVELOPMENT)
    for f in TEMPLATE.fields():
        if isinstance(f, Prose):
            plan.prose[f.path] = text if text is not None else f"{f.label.zh}：**重点**内容。\n\n- 第一点\n- 第二点"
    d = dt.date
    plan.tables = {
        "strategy.opportunities": [
            Record(
                "o1",
                {
                    "name": "核心系统上云",
                    "kind": "cross_sell",
                    "value": 1200.0,
                    "probability": 70.0,
                    "stage": "ours",
                    "q_need": "yes",
                    "q_value": "yes",
                    "q_process": "yes",
                    "q_factors": "yes",
                    "q_fit": "yes",
                    "q_resources": "yes",
                    "q_relationship": "partly",
                    "q_unique": "yes",
                },
            ),
            Record(
                "o2",
                {
                    "name": "灾备中心",
                    "kind": "more_share",
                    "value": 900.0,
                    "probability": 30.0,
                    "stage": "project",
                    "q_need": "yes",
                    "q_value": "partly",
                    "q_process": "yes",
                    "q_factors": "no",
                    "q_fit": "yes",
                    "q_resources": "partly",
                    "q_relationship": "no",
                    "q_unique": "partly",
                },
            ),
            Record(
                "o3",
                {
                    "name": "运维外包",
                    "kind": "new_customers",
                    "value": 200.0,
                    "probability": 80.0,
                    "stage": "potential",
                    "q_need": "yes",
                    "q_value": "yes",
                    "q_process": "no",
                },
            ),
            Record("o4", {"name": "旧设备回收", "kind": "drop_unprofitable", "value": 50.0, "probability": 20.0}),
        ],
        "objectives.financial": [
            Record("f1", {"metric": "revenue", "unit": "万元", "last_actual": 8600.0, "target": 9800.0}),
            Record("f2", {"metric": "contribution_margin", "unit": "%", "last_actual": 31.0, "target": 33.0}),
        ],
        "objectives.share": [
            Record(
                "s1",
                {
                    "platform": "云平台",
                    "region": "华东",
                    "total_demand": 5000.0,
                    "current_share": 20.0,
                    "target_share": 30.0,
                },
            ),
        ],
        "action_plan.actions": [
            Record(
                "a1",
                {
                    "horizon": "year1",
                    "category": "relationship",
                    "description": "拜访首席信息官",
                    "owner": "m1",
                    "due": d(year, 3, 31),
                    "status": "planned",
                    "milestone": True,
                    "measure": "会议纪要",
                    "objective": "f2",
                    "aimed_at": "k1",
                },
            ),
            Record(
                "a2",
                {
                    "horizon": "five_year",
                    "category": "platform",
                    "description": "完成核心系统迁移",
                    "owner": "m2",
                    "due": d(year + 2, 12, 31),
                    "status": "planned",
                    "milestone": False,
                    "objective": "f1",
                },
            ),
        ],
        "team.members": [
            Record(
                "m1", {"name": "王立群", "function": "客户经理", "responsibilities": "整体负责", "time_share": 60.0}
            ),
            Record("m2", {"name": "李娜", "function": "解决方案架构师", "time_share": 40.0}),
        ],
        "team.budget": [
            Record("b1", {"item": "客户活动", "amount": 30.0, "provider": "市场部"}),
            Record("b2", {"item": "售前测试环境", "amount": 80.0, "provider": "研发部"}),
        ],
        "forecast.rows": [
            Record(
                f"r{i}",
                {"year": y, "region": region, "platform": "云平台", "revenue": 1000.0 + 100 * i, "margin": 300.0},
            )
            for i, (y, region) in enumerate((y, r) for y in range(year, year + 5) for r in ("华东", "华北"))
        ],
        "appendix.account_info.stakeholders": [
            Record(
                "k1",
                {
                    "name": "赵总",
                    "title": "行长",
                    "role": "final_approval",
                    "attitude": "B",
                    "previous_attitude": "D",
                    "owner": "m1",
                },
            ),
            Record(
                "k2",
                {
                    "name": "钱工",
                    "title": "信息科技部总经理",
                    "reports_to": "k1",
                    "role": "decision_maker",
                    "attitude": "A",
                },
            ),
            Record(
                "k3",
                {
                    "name": "孙工",
                    "title": "架构师",
                    "reports_to": "k2",
                    "role": "evaluator",
                    "attitude": "C",
                    "previous_attitude": "C",
                },
            ),
        ],
        "appendix.performance.last_year": [
            Record("l1", {"objective": "收入", "unit": "万元", "target": 9000.0, "actual": 8600.0}),
        ],
        "appendix.competition.competitors": [Record("c1", {"name": "云巨头"}), Record("c2", {"name": "外资硬件商"})],
        "appendix.competition.criteria": [
            Record("q1", {"criterion": "价格", "weight": 40.0, "our_score": 6.0}),
            Record("q2", {"criterion": "服务", "weight": 60.0, "our_score": 8.0}),
        ],
        "appendix.competition.scores": [
            Record("x1", {"competitor": "c1", "criterion": "q1", "score": 8.0}),
            Record("x2", {"competitor": "c1", "criterion": "q2", "score": 5.0}),
            Record("x3", {"competitor": "c2", "criterion": "q1", "score": 4.0}),
            Record("x4", {"competitor": "c2", "criterion": "q2", "score": 7.0}),
        ],
    }
    return plan


def healthy_plan(year: int = 2027, language: str = "zh_CN") -> Plan:
    """``full_plan`` whose first forecast year also reaches the revenue target: every health
    check passes (domain/health.py)."""
    plan = full_plan(year, language)
    for row in plan.rows("forecast.rows"):
        if row.get("year") == year:
            row.values["revenue"] = 4900.0  # two regions: 9,800, the revenue target
    return plan


def with_contacts(plan: Plan) -> Plan:
    """``plan`` (a full_plan) with a contact log: 赵总 (final approval) last seen in March,
    钱工 (decision maker) in November, 孙工 never; one next step still open, one followed up."""
    d = dt.date
    plan.tables["appendix.account_info.contacts"] = [
        Record(
            "v1",
            {
                "date": d(2026, 1, 10),
                "kind": "visit",
                "ours": "m1",
                "theirs": "k1 k2",
                "purpose": "年度回顾",
                "next_step": "发送方案",
                "next_date": d(2026, 1, 31),
            },
        ),
        Record(
            "v2",
            {
                "date": d(2026, 3, 20),
                "kind": "executive_visit",
                "ours": "m1 m2",
                "theirs": "k1",
                "purpose": "高层拜访",
                "outcome": "同意试点",
            },
        ),
        Record(
            "v3",
            {
                "date": d(2026, 11, 5),
                "kind": "demo",
                "ours": "m2",
                "theirs": "k2",
                "purpose": "方案演示",
                "next_step": "提交报价",
                "next_date": d(2026, 12, 1),
            },
        ),
        Record("v4", {"date": d(2026, 11, 20), "kind": "call", "purpose": "电话确认时间"}),
    ]
    return plan
