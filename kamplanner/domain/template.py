"""The eight-section key-account plan template: the one definition every part reads.

The store, the plan file, completeness, the editor and the PDF all walk ``TEMPLATE``;
nothing else lists sections, fields or columns. Changing the template is one edit here.

A field is identified by its *path*: ``section.field`` or, inside the appendix,
``section.part.field`` (for example ``forecast.rows`` or ``appendix.account_info.stakeholders``).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from enum import StrEnum

from .languages import LANGUAGES as LANGUAGES  # the template's labels are in both
from .languages import Text as Text


class Kind(StrEnum):
    """What a table column holds; decides parsing, validation, editing and formatting."""

    TEXT = "text"  # one line
    LONGTEXT = "longtext"  # a few lines, no Markdown
    NUMBER = "number"  # a plain quantity
    INTEGER = "integer"
    MONEY = "money"  # in the plan's currency unit (10k CNY by default: 万元)
    PERCENT = "percent"  # 0-100
    DATE = "date"  # ISO date
    YEAR = "year"
    CHOICE = "choice"  # one of Column.choices
    REF = "ref"  # the key of a row in another (or the same) table, see Column.ref
    # The keys of several rows of another table (a contact's people): in a plan file an array
    # of keys; in memory one text of the keys, each a word, apart by a space (values.ref_keys).
    REFS = "refs"
    FLAG = "flag"  # yes / no


@dataclass(frozen=True, slots=True)
class Choice:
    key: str
    label: Text


@dataclass(frozen=True, slots=True)
class Column:
    key: str
    label: Text
    kind: Kind
    required: bool = False
    choices: tuple[Choice, ...] = ()
    ref: str | None = None  # field path of the table the REF points into
    minimum: float | None = None
    maximum: float | None = None
    total: bool = False  # summed in a totals row
    width: int = 1  # relative width hint for the editor and the PDF

    _by_key: dict[str, Choice] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_by_key", {c.key: c for c in self.choices})

    def choice(self, key: str) -> Choice | None:
        return self._by_key.get(key)


@dataclass(frozen=True, slots=True)
class Prose:
    """A narrative field written in the safe Markdown subset."""

    key: str
    label: Text
    guidance: Text
    required: bool = True
    path: str = ""  # filled in by the template
    yearly: bool = False  # speaks of one year's plan only: a plan rolled forward starts without it


@dataclass(frozen=True, slots=True)
class Table:
    """A record table: typed columns, one validated record per row."""

    key: str
    label: Text
    guidance: Text
    columns: tuple[Column, ...]
    required: bool = True
    display: str = ""  # column shown when another table refers to a row
    path: str = ""
    # A log that runs across the years (the contacts): its dates are not held to the plan's
    # five years, and a plan rolled forward keeps it whole.
    log: bool = False

    def column(self, key: str) -> Column:
        for column in self.columns:
            if column.key == key:
                return column
        raise KeyError(f"{self.path}: no column {key!r}")

    @property
    def column_keys(self) -> tuple[str, ...]:
        return tuple(c.key for c in self.columns)


FieldDef = Prose | Table


@dataclass(frozen=True, slots=True)
class Part:
    """One of the appendix's four parts."""

    key: str
    label: Text
    guidance: Text
    fields: tuple[FieldDef, ...]


@dataclass(frozen=True, slots=True)
class Section:
    number: int
    key: str
    label: Text
    guidance: Text
    pages: tuple[float, float]  # the method's page budget: (usual, most)
    fields: tuple[FieldDef, ...] = ()
    parts: tuple[Part, ...] = ()

    def all_fields(self) -> Iterator[FieldDef]:
        yield from self.fields
        for part in self.parts:
            yield from part.fields


@dataclass(frozen=True)
class Template:
    sections: tuple[Section, ...]
    _by_path: dict[str, FieldDef] = field(default_factory=dict, repr=False)

    def __post_init__(self) -> None:
        for section in self.sections:
            for f in section.fields:
                self._register(f"{section.key}.{f.key}", f)
            for part in section.parts:
                for f in part.fields:
                    self._register(f"{section.key}.{part.key}.{f.key}", f)
        for table in self.tables():
            for column in table.columns:
                if column.kind in (Kind.REF, Kind.REFS) and column.ref not in self._by_path:
                    raise ValueError(f"{table.path}.{column.key}: unknown ref {column.ref}")

    def _register(self, path: str, f: FieldDef) -> None:
        if path in self._by_path:
            raise ValueError(f"duplicate field path {path}")
        object.__setattr__(f, "path", path)
        self._by_path[path] = f

    def section(self, key: str) -> Section:
        for section in self.sections:
            if section.key == key:
                return section
        raise KeyError(key)

    def field(self, path: str) -> FieldDef:
        return self._by_path[path]

    def table(self, path: str) -> Table:
        f = self._by_path[path]
        if not isinstance(f, Table):
            raise KeyError(f"{path} is not a table")
        return f

    def fields(self) -> Iterator[FieldDef]:
        yield from self._by_path.values()

    def prose_fields(self) -> Iterator[Prose]:
        return (f for f in self._by_path.values() if isinstance(f, Prose))

    def tables(self) -> Iterator[Table]:
        return (f for f in self._by_path.values() if isinstance(f, Table))

    def section_of(self, path: str) -> Section:
        return self.section(path.split(".", 1)[0])

    @property
    def paths(self) -> tuple[str, ...]:
        return tuple(self._by_path)


# --------------------------------------------------------------------------- choices


def _choices(*items: tuple[str, str, str]) -> tuple[Choice, ...]:
    return tuple(Choice(key, Text(zh, en)) for key, zh, en in items)


TIERS = _choices(
    ("key", "关键客户", "Key"),
    ("important", "重要客户", "Important"),
    ("general", "一般客户", "General"),
)
SCOPES = _choices(("national", "全国性", "National"), ("regional", "地区性", "Regional"))

METRICS = _choices(
    ("revenue", "收入", "Revenue"),
    ("contribution_margin", "贡献毛利", "Contribution margin"),
    ("account_cost", "客户管理成本", "Cost of managing the account"),
    ("share_of_wallet", "客户份额", "Share of wallet"),
    ("share_of_our_sales", "占我方销售额比例", "Share of our sales"),
    ("other", "其他", "Other"),
)
OPPORTUNITY_KINDS = _choices(
    ("more_share", "扩大现有产品份额", "More share of existing products"),
    ("cross_sell", "交叉销售", "Cross-selling other products"),
    ("price_mix", "提价或改善产品组合", "Price increase / better mix"),
    ("drop_unprofitable", "放弃无利润业务", "Drop unprofitable business"),
    ("new_customers", "新客户", "New customers"),
    ("other", "其他", "Other"),
)
HORIZONS = _choices(("year1", "一年详细计划", "1-year detail"), ("five_year", "五年纲要", "5-year outline"))
ACTION_CATEGORIES = _choices(
    ("relationship", "建立关系", "Relationship"),
    ("platform", "关键平台或项目", "Platform / project"),
    ("capability", "解决问题和建设能力", "Problem-solving and capability"),
    ("other_function", "其他部门行动", "Other function"),
)
ACTION_STATUSES = _choices(
    ("planned", "计划中", "Planned"),
    ("in_progress", "进行中", "In progress"),
    ("done", "已完成", "Done"),
    ("at_risk", "有风险", "At risk"),
    ("dropped", "已取消", "Dropped"),
)
BUYING_ROLES = _choices(
    ("final_approval", "※ 最终批准", "※ Final approval"),
    ("decision_maker", "+ 决策者", "+ Decision maker"),
    ("evaluator", "= 评估者", "= Evaluator"),
    ("end_user", "− 使用者", "− End user"),
)
# The kinds of contact with the customer (客户交往活动), as the method lists them.
CONTACT_KINDS = _choices(
    ("visit", "拜访", "Visit"),
    ("seminar", "技术交流会", "Technical seminar"),
    ("demo", "产品演示", "Product demonstration"),
    ("executive_visit", "高层拜访", "Executive visit"),
    ("site_tour", "参观考察", "Site tour"),
    ("negotiation", "商务谈判", "Negotiation"),
    ("call", "电话", "Call"),
    ("other", "其他", "Other"),
)
ATTITUDES = _choices(
    ("A", "A 推荐", "A Advocates"),
    ("B", "B 支持", "B Supports"),
    ("C", "C 认可", "C Accepts"),
    ("D", "D 怀疑", "D Doubts"),
    ("E", "E 反对", "E Opposes"),
)

# The funnel an opportunity moves through (domain.md, "Opportunity qualification").
STAGES = _choices(
    ("potential", "潜在商机", "Potential"),
    ("project", "落实项目", "Real project"),
    ("ours", "我的项目", "Ours"),
)
# How each qualification question is answered; analysis.qualification scores them 2 / 1 / 0.
ANSWERS = _choices(("yes", "是", "Yes"), ("partly", "部分", "Partly"), ("no", "否", "No"))

T = Text


def _c(key: str, zh: str, en: str, kind: Kind, **kw: object) -> Column:
    return Column(key, Text(zh, en), kind, **kw)  # type: ignore[arg-type]


def _p(key: str, zh: str, en: str, gzh: str, gen: str, required: bool = True, yearly: bool = False) -> Prose:
    return Prose(key, Text(zh, en), Text(gzh, gen), required, yearly=yearly)


# --------------------------------------------------------------------------- the template

TEMPLATE = Template(
    sections=(
        Section(
            1,
            "summary",
            T("总摘要", "Executive summary"),
            T(
                "用一页说清楚：我们对这个客户的战略、要达到的目标和主要风险。先写其他部分，最后写摘要。",
                "One page a senior manager can read alone: our strategy for the account, what we aim"
                " to achieve and what could stop us. Write it last.",
            ),
            (1, 1.5),
            fields=(
                _p(
                    "strategy",
                    "战略概要",
                    "Strategy in brief",
                    "两三句话：我们在这个客户身上押注什么，为什么。",
                    "Two or three sentences: what we are betting on with this account, and why.",
                    yearly=True,
                ),
                _p(
                    "objectives",
                    "目标概要",
                    "Objectives in brief",
                    "最重要的三到五个目标，带数字。",
                    "The three to five objectives that matter most, with figures.",
                    yearly=True,
                ),
                _p(
                    "risks",
                    "风险概要",
                    "Risks in brief",
                    "最可能让计划落空的风险，以及我们的应对。",
                    "The risks most likely to derail the plan, and our answer to each.",
                    yearly=True,
                ),
            ),
        ),
        Section(
            2,
            "strategy",
            T("战略选择", "Strategic choices"),
            T(
                "我们如何利用趋势、为客户创造价值、选择优先机会、利用竞争对手的弱点。",
                "How we ride the trends, add value for the customer, choose which opportunities to"
                " pursue and exploit competitors' weaknesses.",
            ),
            (1, 2),
            fields=(
                _p(
                    "market_trends",
                    "市场趋势",
                    "Market trends",
                    "行业趋势、客户自身的趋势、技术趋势，以及我们如何利用它们。",
                    "Industry-wide, account-specific and technology trends, and how we use them.",
                ),
                _p(
                    "customer_value",
                    "为客户增值的机会",
                    "Adding value for the customer",
                    "我们怎样让客户更成功。",
                    "How we make the customer more successful.",
                ),
                _p(
                    "priorities",
                    "优先选择的机会",
                    "Opportunities we prioritise",
                    "在客户的机会中，我们优先抓哪些，让我们更成功。",
                    "Which of the account's opportunities we pursue first, to make us more successful.",
                ),
                Table(
                    "opportunities",
                    T("机会", "Opportunities"),
                    T(
                        "每个机会的价值和成功概率决定它落在哪个象限：马上行动、出击、伺机而动或搁置。",
                        "Each opportunity's value and probability place it in a quadrant: act now,"
                        " go after it, take it when it comes, or shelve.",
                    ),
                    (
                        _c("name", "机会", "Opportunity", Kind.TEXT, required=True, width=3),
                        _c("kind", "类型", "Kind", Kind.CHOICE, choices=OPPORTUNITY_KINDS, width=2),
                        _c("value", "价值", "Value", Kind.MONEY, required=True, minimum=0, total=True),
                        _c(
                            "probability",
                            "成功概率",
                            "Probability",
                            Kind.PERCENT,
                            required=True,
                            minimum=0,
                            maximum=100,
                        ),
                        _c("stage", "阶段", "Stage", Kind.CHOICE, choices=STAGES),
                        _c("notes", "说明", "Notes", Kind.LONGTEXT, width=3),
                        _c("q_need", "有压力和需求", "Pressure and need", Kind.CHOICE, choices=ANSWERS),
                        _c("q_value", "能体现价值", "Value we can show", Kind.CHOICE, choices=ANSWERS),
                        _c("q_process", "决策流程清楚", "Decision process known", Kind.CHOICE, choices=ANSWERS),
                        _c("q_factors", "决策因素明确", "Decision factors clear", Kind.CHOICE, choices=ANSWERS),
                        _c("q_fit", "方案匹配", "Our solution fits", Kind.CHOICE, choices=ANSWERS),
                        _c("q_resources", "资源投入合理", "Resources reasonable", Kind.CHOICE, choices=ANSWERS),
                        _c("q_relationship", "有关系基础", "Relationship base", Kind.CHOICE, choices=ANSWERS),
                        _c("q_unique", "能体现独特价值", "Unique value", Kind.CHOICE, choices=ANSWERS),
                    ),
                    display="name",
                ),
                _p(
                    "competitor_weaknesses",
                    "利用竞争对手的弱点",
                    "Exploiting competitors' weaknesses",
                    "竞争对手在哪里薄弱，我们怎样利用。",
                    "Where competitors are weak at this account, and how we use it.",
                ),
            ),
        ),
        Section(
            3,
            "risks",
            T("业务风险", "Business risks"),
            T(
                "竞争对手的优势和动向、趋势对我们竞争力的影响、我们经验不足需要加强的地方。",
                "Competitors' strengths and moves, how trends affect our competitiveness, and where"
                " we lack experience and must get stronger.",
            ),
            (2, 3),
            fields=(
                _p(
                    "competitors",
                    "竞争对手的优势和动向",
                    "Competitors' strengths and moves",
                    "谁在争夺这个客户，他们强在哪里，最近做了什么。",
                    "Who competes for this account, where they are strong, what they did lately.",
                ),
                _p(
                    "trends",
                    "技术和其他趋势的影响",
                    "Effect of technology and other trends",
                    "哪些变化会削弱我们的竞争力。",
                    "Which changes could weaken our position.",
                ),
                _p(
                    "gaps",
                    "需要加强的领域",
                    "Where we must get stronger",
                    "我们缺乏经验的领域，以及如何补上。",
                    "Areas where we lack experience, and how we close the gap.",
                ),
            ),
        ),
        Section(
            4,
            "objectives",
            T("客户目标", "Account objectives"),
            T(
                "财务目标、客户份额、业务组合、运营绩效和具体的目标机会。目标要合理，但要有挑战。",
                "Financial targets, share of the account, business mix, operating performance and"
                " specific target opportunities. Reasonable, yet hard to reach.",
            ),
            (2, 3),
            fields=(
                Table(
                    "financial",
                    T("财务目标", "Financial objectives"),
                    T(
                        "收入、贡献毛利、客户管理成本、客户份额等：去年实际和今年目标。",
                        "Revenue, contribution margin, cost of managing the account, share of"
                        " wallet and the like: last year's actual and this year's target.",
                    ),
                    (
                        _c("metric", "指标", "Metric", Kind.CHOICE, required=True, choices=METRICS, width=2),
                        _c("label", "说明", "Description", Kind.TEXT, width=2),
                        _c("unit", "单位", "Unit", Kind.TEXT),
                        _c("last_actual", "去年实际", "Last year actual", Kind.NUMBER),
                        _c("target", "今年目标", "This year target", Kind.NUMBER, required=True),
                    ),
                    display="label",
                ),
                Table(
                    "share",
                    T("客户份额（平台 × 区域）", "Share of account (platform × region)"),
                    T(
                        "按平台和区域：客户的总需求、我们目前的份额和目标份额。",
                        "By platform and region: the customer's total demand, our current share and"
                        " the share we aim for.",
                    ),
                    (
                        _c("platform", "平台", "Platform", Kind.TEXT, required=True, width=2),
                        _c("region", "区域", "Region", Kind.TEXT, required=True, width=2),
                        _c("total_demand", "客户总需求", "Customer's total demand", Kind.MONEY, minimum=0, total=True),
                        _c("current_share", "目前份额", "Current share", Kind.PERCENT, minimum=0, maximum=100),
                        _c(
                            "target_share",
                            "目标份额",
                            "Target share",
                            Kind.PERCENT,
                            required=True,
                            minimum=0,
                            maximum=100,
                        ),
                    ),
                ),
                _p(
                    "mix",
                    "业务和产品组合",
                    "Business and product mix",
                    "我们希望在这个客户身上形成怎样的产品组合。",
                    "The mix of business and products we want at this account.",
                ),
                _p(
                    "operations",
                    "运营绩效和评级",
                    "Operating performance and ratings",
                    "交付、质量、服务等方面的目标，以及客户对我们的评级。",
                    "Targets for delivery, quality and service, and how the customer rates us.",
                ),
                _p(
                    "target_opportunities",
                    "具体目标机会",
                    "Specific target opportunities",
                    "要在今年拿下的具体机会。",
                    "The specific opportunities we aim to win this year.",
                    required=False,
                ),
            ),
        ),
        Section(
            5,
            "action_plan",
            T("客户小组行动计划", "Account team action plan"),
            T(
                "五年纲要和一年详细计划：建立关系、关键平台或项目、解决问题和建设能力，以及衡量进展的里程碑。",
                "A 5-year outline and a detailed plan for the year: relationships, key platforms or"
                " projects, problem-solving and capability, and the milestones that show progress.",
            ),
            (2, 4),
            fields=(
                _p(
                    "outline", "五年纲要", "Five-year outline", "五年里要走的几大步。", "The big steps over five years."
                ),
                Table(
                    "actions",
                    T("行动项", "Action items"),
                    T(
                        "每一项都要有负责人（小组成员）、完成日期和衡量进展的标准；里程碑要标出来。",
                        "Every item needs an owner from the team, a due date and a measure of"
                        " progress; mark the milestones.",
                    ),
                    (
                        _c("horizon", "时间范围", "Horizon", Kind.CHOICE, required=True, choices=HORIZONS),
                        _c(
                            "category",
                            "类别",
                            "Category",
                            Kind.CHOICE,
                            required=True,
                            choices=ACTION_CATEGORIES,
                            width=2,
                        ),
                        _c("description", "行动", "Action", Kind.LONGTEXT, required=True, width=4),
                        _c("owner", "负责人", "Owner", Kind.REF, required=True, ref="team.members", width=2),
                        _c("due", "完成日期", "Due", Kind.DATE, required=True),
                        _c("status", "状态", "Status", Kind.CHOICE, choices=ACTION_STATUSES),
                        _c("milestone", "里程碑", "Milestone", Kind.FLAG),
                        _c("measure", "衡量标准", "Measure of progress", Kind.TEXT, width=3),
                        _c("objective", "对应目标", "For objective", Kind.REF, ref="objectives.financial", width=2),
                        _c(
                            "aimed_at",
                            "针对的人",
                            "Aimed at",
                            Kind.REF,
                            ref="appendix.account_info.stakeholders",
                            width=2,
                        ),
                    ),
                    display="description",
                ),
            ),
        ),
        Section(
            6,
            "team",
            T("客户小组的成员和需要", "Account team members and needs"),
            T(
                "谁在小组里、各自负责什么；需要的资源和预算；需要其他部门提供什么；成员的个人发展。",
                "Who is on the team and what each is responsible for; the resources and budget;"
                " what we need from other functions; the members' personal development.",
            ),
            (1.5, 2),
            fields=(
                Table(
                    "members",
                    T("小组成员", "Team members"),
                    T(
                        "行动项的负责人从这里选。",
                        "Action items take their owners from this list.",
                    ),
                    (
                        _c("name", "姓名", "Name", Kind.TEXT, required=True, width=2),
                        _c("function", "职能", "Function", Kind.TEXT, required=True, width=2),
                        _c("responsibilities", "职责", "Responsibilities", Kind.LONGTEXT, width=4),
                        _c("time_share", "投入时间", "Share of time", Kind.PERCENT, minimum=0, maximum=100),
                        _c("development", "发展需要", "Development needs", Kind.LONGTEXT, width=3),
                    ),
                    display="name",
                ),
                Table(
                    "budget",
                    T("资源和预算", "Resources and budget"),
                    T(
                        "每一项资源的金额和提供的部门。",
                        "Each resource, its amount and the function that provides it.",
                    ),
                    (
                        _c("item", "项目", "Item", Kind.TEXT, required=True, width=3),
                        _c("amount", "金额", "Amount", Kind.MONEY, required=True, minimum=0, total=True),
                        _c("provider", "提供部门", "Provided by", Kind.TEXT, width=2),
                    ),
                ),
                _p(
                    "needs",
                    "需要其他部门提供的支持",
                    "Input needed from other functions",
                    "哪些部门要提供什么，什么时候要。",
                    "Which functions must provide what, and by when.",
                ),
            ),
        ),
        Section(
            7,
            "forecast",
            T("财务预测（5年）", "Financial forecast (5 years)"),
            T(
                "计划年及其后四年，按区域和平台：收入和贡献毛利。",
                "The plan year and the four after it, by region and platform: revenue and contribution margin.",
            ),
            (2, 6),
            fields=(
                Table(
                    "rows",
                    T("预测", "Forecast"),
                    T(
                        "每年、每个区域、每个平台一行；合计自动计算。",
                        "One row per year, region and platform; totals are computed.",
                    ),
                    (
                        _c("year", "年份", "Year", Kind.YEAR, required=True),
                        _c("region", "区域", "Region", Kind.TEXT, required=True, width=2),
                        _c("platform", "平台", "Platform", Kind.TEXT, required=True, width=2),
                        _c("revenue", "收入", "Revenue", Kind.MONEY, required=True, minimum=0, total=True),
                        _c("margin", "贡献毛利", "Contribution margin", Kind.MONEY, total=True),
                    ),
                ),
                _p(
                    "assumptions",
                    "预测假设",
                    "Assumptions",
                    "预测依据的假设。",
                    "What the forecast assumes.",
                    required=False,
                ),
            ),
        ),
        Section(
            8,
            "appendix",
            T("附录", "Appendix"),
            T("支持计划的材料，分四部分。", "The material that supports the plan, in four parts."),
            (0, 0),
            parts=(
                Part(
                    "account_info",
                    T("客户信息", "Account information"),
                    T(
                        "客户的战略、业绩、采购方式和组织。",
                        "The customer's strategy, results, buying and organisation.",
                    ),
                    (
                        _p("customer_strategy", "客户的总体战略", "The customer's overall strategy", "", ""),
                        _p("financials", "财务业绩", "Financial performance", "", ""),
                        _p("market", "市场表现", "Market performance", "", "", required=False),
                        _p("product_strategy", "产品战略", "Product strategy", "", "", required=False),
                        _p("manufacturing", "生产制造", "Manufacturing", "", "", required=False),
                        _p("purchasing", "采购战略和供应商", "Purchasing strategy and suppliers", "", ""),
                        _p("decision_process", "采购决策流程", "Purchasing decision process", "", ""),
                        Table(
                            "stakeholders",
                            T("组织和关键决策者", "Organisation and key decision makers"),
                            T(
                                "购买角色：※ 最终批准、+ 决策者、= 评估者、− 使用者。态度：A 推荐、B 支持、C 认可、D 怀疑、E 反对。",
                                "Buying role: ※ final approval, + decision maker, = evaluator,"
                                " − end user. Attitude: A advocates, B supports, C accepts, D doubts,"
                                " E opposes.",
                            ),
                            (
                                _c("name", "姓名", "Name", Kind.TEXT, required=True, width=2),
                                _c("title", "职务", "Title", Kind.TEXT, width=2),
                                _c("department", "部门", "Department", Kind.TEXT, width=2),
                                _c(
                                    "reports_to",
                                    "上级",
                                    "Reports to",
                                    Kind.REF,
                                    ref="appendix.account_info.stakeholders",
                                    width=2,
                                ),
                                _c(
                                    "role",
                                    "购买角色",
                                    "Buying role",
                                    Kind.CHOICE,
                                    required=True,
                                    choices=BUYING_ROLES,
                                    width=2,
                                ),
                                _c("attitude", "态度", "Attitude", Kind.CHOICE, required=True, choices=ATTITUDES),
                                _c(
                                    "previous_attitude",
                                    "上次态度",
                                    "Attitude last review",
                                    Kind.CHOICE,
                                    choices=ATTITUDES,
                                ),
                                _c(
                                    "owner",
                                    "我方关系负责人",
                                    "Our relationship owner",
                                    Kind.REF,
                                    ref="team.members",
                                    width=2,
                                ),
                                _c("notes", "备注", "Notes", Kind.LONGTEXT, width=3),
                            ),
                            display="name",
                        ),
                        Table(
                            "contacts",
                            T("客户交往活动", "Contacts and follow-ups"),
                            T(
                                "每次与客户的接触：事先定好目的，记下结果和下一步，下次从上次停下的地方接着谈。",
                                "Every contact with the customer: its purpose set beforehand, what came of"
                                " it and the next step, so the next conversation picks up where this one stopped.",
                            ),
                            (
                                _c("date", "日期", "Date", Kind.DATE, required=True),
                                _c(
                                    "kind",
                                    "类型",
                                    "Kind",
                                    Kind.CHOICE,
                                    required=True,
                                    choices=CONTACT_KINDS,
                                    width=2,
                                ),
                                _c("ours", "我方人员", "Our people", Kind.REFS, ref="team.members", width=2),
                                _c(
                                    "theirs",
                                    "客户人员",
                                    "Their people",
                                    Kind.REFS,
                                    ref="appendix.account_info.stakeholders",
                                    width=2,
                                ),
                                _c("purpose", "目的", "Purpose", Kind.TEXT, required=True, width=3),
                                _c("outcome", "结果", "Outcome", Kind.LONGTEXT, width=3),
                                _c("next_step", "下一步", "Next step", Kind.TEXT, width=3),
                                _c("next_date", "下一步日期", "Next step by", Kind.DATE),
                            ),
                            required=False,
                            log=True,
                        ),
                        _p("relationship_plan", "关系计划", "Relationship plan", "", ""),
                        _p(
                            "supplier_management",
                            "持续的供应商管理",
                            "Ongoing supplier management",
                            "",
                            "",
                            required=False,
                        ),
                    ),
                ),
                Part(
                    "performance",
                    T("客户业绩", "Account performance"),
                    T(
                        "客户在行业中的地位，以及去年计划的执行情况。",
                        "The customer's standing, and how last year's plan went.",
                    ),
                    (
                        _p("industry_position", "行业份额和趋势", "Share and trend in its industry", "", ""),
                        _p(
                            "operating_results",
                            "财务和运营业绩",
                            "Financial and operating performance",
                            "",
                            "",
                            required=False,
                        ),
                        Table(
                            "last_year",
                            T("去年计划回顾", "Last year's plan review"),
                            T("去年的每个目标：目标值和实际值。", "Each of last year's objectives: target and actual."),
                            (
                                _c("objective", "目标", "Objective", Kind.TEXT, required=True, width=3),
                                _c("unit", "单位", "Unit", Kind.TEXT),
                                _c("target", "目标值", "Target", Kind.NUMBER),
                                _c("actual", "实际值", "Actual", Kind.NUMBER),
                                _c("comment", "说明", "Comment", Kind.LONGTEXT, width=3),
                            ),
                            required=False,
                        ),
                        _p("cautions", "关系中需要注意的问题", "Cautions in the relationship", "", "", required=False),
                    ),
                ),
                Part(
                    "competition",
                    T("竞争评估", "Competitive assessment"),
                    T(
                        "客户的关键采购标准，我们和竞争对手的得分。",
                        "The customer's key buying criteria and how we and our competitors score.",
                    ),
                    (
                        Table(
                            "competitors",
                            T("竞争对手", "Competitors"),
                            T("每个竞争对手的定位和战略。", "Each competitor's positioning and strategy."),
                            (
                                _c("name", "竞争对手", "Competitor", Kind.TEXT, required=True, width=2),
                                _c("positioning", "定位", "Positioning", Kind.LONGTEXT, width=3),
                                _c("strategy", "战略", "Strategy", Kind.LONGTEXT, width=3),
                            ),
                            display="name",
                        ),
                        Table(
                            "criteria",
                            T("采购标准和我方得分", "Purchasing criteria and our scores"),
                            T("权重合计 100%；得分 0–10。", "Weights add up to 100 %; scores run 0 to 10."),
                            (
                                _c("criterion", "采购标准", "Criterion", Kind.TEXT, required=True, width=3),
                                _c(
                                    "weight",
                                    "权重",
                                    "Weight",
                                    Kind.PERCENT,
                                    required=True,
                                    minimum=0,
                                    maximum=100,
                                    total=True,
                                ),
                                _c(
                                    "our_score",
                                    "我方得分",
                                    "Our score",
                                    Kind.NUMBER,
                                    required=True,
                                    minimum=0,
                                    maximum=10,
                                ),
                            ),
                            display="criterion",
                        ),
                        Table(
                            "scores",
                            T("竞争对手得分", "Competitors' scores"),
                            T(
                                "每个竞争对手在每个标准上的得分（0–10）。",
                                "Each competitor's score on each criterion (0 to 10).",
                            ),
                            (
                                _c(
                                    "competitor",
                                    "竞争对手",
                                    "Competitor",
                                    Kind.REF,
                                    required=True,
                                    ref="appendix.competition.competitors",
                                    width=2,
                                ),
                                _c(
                                    "criterion",
                                    "采购标准",
                                    "Criterion",
                                    Kind.REF,
                                    required=True,
                                    ref="appendix.competition.criteria",
                                    width=3,
                                ),
                                _c("score", "得分", "Score", Kind.NUMBER, required=True, minimum=0, maximum=10),
                            ),
                        ),
                    ),
                ),
                Part(
                    "action_detail",
                    T("行动明细", "Action detail"),
                    T(
                        "行动项按类别和成员列在这里；补充其他小组行动、其他部门的行动、预算和资源说明。",
                        "The action items are listed here by category and by member; add the other"
                        " team actions, other functions' actions, budget and resource notes.",
                    ),
                    (
                        _p("other_team_actions", "其他小组行动", "Other team actions", "", "", required=False),
                        _p("function_actions", "其他部门的行动", "Actions by other functions", "", "", required=False),
                        _p("resources", "需要的资源", "Resources needed", "", "", required=False),
                    ),
                ),
            ),
        ),
    )
)

SECTION_KEYS = tuple(s.key for s in TEMPLATE.sections)

# The tables by name: code outside this module says FORECAST, never "forecast.rows", so a
# renamed path is one edit here and a mistyped name fails at import (tests/test_template_names.py
# forbids path literals elsewhere and checks each name against TEMPLATE).
OPPORTUNITIES = "strategy.opportunities"
FINANCIAL = "objectives.financial"
SHARE = "objectives.share"
ACTIONS = "action_plan.actions"
MEMBERS = "team.members"
BUDGET = "team.budget"
FORECAST = "forecast.rows"
STAKEHOLDERS = "appendix.account_info.stakeholders"
CONTACTS = "appendix.account_info.contacts"
LAST_YEAR = "appendix.performance.last_year"
COMPETITORS = "appendix.competition.competitors"
CRITERIA = "appendix.competition.criteria"
SCORES = "appendix.competition.scores"

TABLE_NAMES = (
    OPPORTUNITIES, FINANCIAL, SHARE, ACTIONS, MEMBERS, BUDGET, FORECAST,
    STAKEHOLDERS, CONTACTS, LAST_YEAR, COMPETITORS, CRITERIA, SCORES,
)  # fmt: skip

# What the customer version leaves out (domain/audience.py): our reading of the people, our
# chances, our competitors, our money and our own needs. Whole fields by path; single columns
# by table. Checked against the template at import.
INTERNAL_FIELDS = frozenset(
    {
        "summary.objectives",  # (in brief: our revenue, margin and share targets)
        "summary.risks",
        "strategy.priorities",
        OPPORTUNITIES,
        "strategy.competitor_weaknesses",
        "risks.competitors",
        "risks.trends",
        "risks.gaps",
        FINANCIAL,
        SHARE,
        "objectives.mix",  # (our revenue by business)
        "objectives.target_opportunities",
        BUDGET,
        "team.needs",
        FORECAST,
        "forecast.assumptions",
        "appendix.account_info.purchasing",
        "appendix.account_info.decision_process",
        "appendix.account_info.relationship_plan",
        CONTACTS,  # who we saw, why and what came of it: our account of the relationship
        "appendix.performance.cautions",
        COMPETITORS,
        CRITERIA,
        SCORES,
        "appendix.action_detail.resources",
    }
)
INTERNAL_COLUMNS: dict[str, frozenset[str]] = {
    STAKEHOLDERS: frozenset({"role", "attitude", "previous_attitude", "notes"}),
    MEMBERS: frozenset({"time_share", "development"}),
    LAST_YEAR: frozenset({"comment"}),
    # The objectives are internal, and whom an action works on is our reading of the people.
    ACTIONS: frozenset({"objective", "aimed_at"}),
}

# The method's qualification questions, in its order: the opportunity's columns that hold them.
QUALIFICATION_QUESTIONS = (
    "q_need", "q_value", "q_process", "q_factors", "q_fit", "q_resources", "q_relationship", "q_unique",
)  # fmt: skip


def _check_internal() -> None:
    for key in QUALIFICATION_QUESTIONS:
        TEMPLATE.table(OPPORTUNITIES).column(key)
    for path in INTERNAL_FIELDS:
        TEMPLATE.field(path)
    for path, keys in INTERNAL_COLUMNS.items():
        table = TEMPLATE.table(path)
        for key in keys:
            table.column(key)


_check_internal()

# Every column key of every table: reading a record by any other key is a bug (Record.get).
COLUMN_KEYS = frozenset(c.key for t in TEMPLATE.tables() for c in t.columns)


class Cell:
    """The column keys by name: code reads a record's cell as ``row.get(Cell.due)``, so a
    mistyped name fails the type check and at import, not as an empty cell (a test keeps this
    list equal to the template's columns, and the code off string literals)."""

    actual = "actual"
    aimed_at = "aimed_at"
    amount = "amount"
    attitude = "attitude"
    category = "category"
    comment = "comment"
    competitor = "competitor"
    criterion = "criterion"
    current_share = "current_share"
    date = "date"
    department = "department"
    description = "description"
    development = "development"
    due = "due"
    function = "function"
    horizon = "horizon"
    item = "item"
    kind = "kind"
    label = "label"
    last_actual = "last_actual"
    margin = "margin"
    measure = "measure"
    metric = "metric"
    milestone = "milestone"
    name = "name"
    next_date = "next_date"
    next_step = "next_step"
    notes = "notes"
    objective = "objective"
    our_score = "our_score"
    ours = "ours"
    outcome = "outcome"
    owner = "owner"
    platform = "platform"
    positioning = "positioning"
    previous_attitude = "previous_attitude"
    probability = "probability"
    provider = "provider"
    purpose = "purpose"
    q_factors = "q_factors"
    q_fit = "q_fit"
    q_need = "q_need"
    q_process = "q_process"
    q_relationship = "q_relationship"
    q_resources = "q_resources"
    q_unique = "q_unique"
    q_value = "q_value"
    region = "region"
    reports_to = "reports_to"
    responsibilities = "responsibilities"
    revenue = "revenue"
    role = "role"
    score = "score"
    stage = "stage"
    status = "status"
    strategy = "strategy"
    target = "target"
    target_share = "target_share"
    theirs = "theirs"
    time_share = "time_share"
    title = "title"
    total_demand = "total_demand"
    unit = "unit"
    value = "value"
    weight = "weight"
    year = "year"
