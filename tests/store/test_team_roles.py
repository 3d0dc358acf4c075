"""A team server keeps its own permissions: each kind of user, connected as themselves, finds
every forbidden write refused by PostgreSQL (raw SQL through their own connection, not only
the app), and the review cycle still runs end to end, each step by the person whose it is.

Runs when KAMPLANNER_TEST_DB_URL names a PostgreSQL database its user may create roles on
(.ci/run starts one)."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import exc as sa_exc
from sqlalchemy import text
from sqlalchemy.engine import make_url

from kamplanner.domain import planfile, policy
from kamplanner.domain.cycle import STEP_KEYS, Decision, Preparation, Review
from kamplanner.domain.edits import SetProse
from kamplanner.domain.model import Phase
from kamplanner.services import NotAllowed, NotPermitted, Portfolio, Role, TeamError, init_team
from kamplanner.store import team
from kamplanner.store.database import Database, DatabaseError
from tests.conftest import SERVER_URL
from tests.factories import full_plan

pytestmark = pytest.mark.skipif(not SERVER_URL, reason="needs a PostgreSQL server (KAMPLANNER_TEST_DB_URL)")

PEOPLE = {
    "t_wang": ("王立群", Role.ACCOUNT_MANAGER),
    "t_chen": ("陈静", Role.ACCOUNT_MANAGER),
    "t_zhou": ("周海峰", Role.SENIOR_MANAGER),
    "t_li": ("李观", Role.VIEWER),
}


def url_as(login: str) -> str:
    return make_url(SERVER_URL).set(username=login, password=f"pw-{login}").render_as_string(hide_password=False)


@pytest.fixture
def server(db):
    """The test database as a team server with the demo portfolio and four people."""
    init_team(SERVER_URL)
    admin = Portfolio(db)
    admin.add_demo()
    for login, (name, role) in PEOPLE.items():
        admin.add_team_member(login, name, role, f"pw-{login}")
    opened: list[Portfolio] = []

    def connect(login: str) -> Portfolio:
        portfolio = Portfolio(Database.open(url_as(login)))
        opened.append(portfolio)
        return portfolio

    yield admin, connect
    for portfolio in opened:
        portfolio.close()


def plan_of(portfolio: Portfolio, account: str):
    return next(p for p in portfolio.list_plans() if p.account == account)


def refused(portfolio: Portfolio, sql: str, **params) -> str:
    """Run raw SQL on the user's own connection; the database's refusal, in its words."""
    with pytest.raises(sa_exc.DBAPIError) as caught, portfolio.db.engine.begin() as connection:
        connection.execute(text(sql), params)
    return str(caught.value.orig)


def changes_nothing(portfolio: Portfolio, sql: str, **params) -> None:
    """A DELETE that row-level security filters: no error, and no row gone."""
    with portfolio.db.engine.begin() as connection:
        assert connection.execute(text(sql), params).rowcount == 0


def scalar(portfolio: Portfolio, sql: str, **params):
    with portfolio.db.engine.connect() as connection:
        return connection.execute(text(sql), params).scalar()


def test_each_person_is_known_by_their_login_with_the_teams_rules(server):
    admin, connect = server
    assert admin.team is not None and admin.team.owner and admin.actor.role is Role.ADMIN
    for login, (name, role) in PEOPLE.items():
        person = connect(login)
        assert person.team is not None and person.team.login == login
        assert (person.actor.name, person.actor.role) == (name, role)
        assert person.rules is policy.TEAM
    assert [m.name for m in admin.team_members()] == sorted(n for n, _ in PEOPLE.values())


def test_an_account_manager_changes_their_own_plans_and_no_one_elses(server):
    admin, connect = server
    wang = connect("t_wang")
    bank, grid = plan_of(wang, "浦瀚联合银行"), plan_of(wang, "江南省电网有限公司")
    assert (bank.manager, grid.manager) == ("王立群", "陈静")
    assert wang.may_edit(bank) and not wang.may_edit(grid)
    plan = wang.load_plan(bank.id)
    wang.save_edits(bank.id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "新的风险")])
    assert wang.load_plan(bank.id).text("summary.risks") == "新的风险"

    other = wang.load_plan(grid.id)
    with pytest.raises(NotAllowed, match="it is 陈静's plan"):
        wang.save_edits(grid.id, other.version, [SetProse("summary.risks", other.text("summary.risks"), "x")])
    # A client that skipped its own checks is refused by the server all the same.
    wang.rules = policy.LAPTOP
    with pytest.raises(NotPermitted, match="this plan is not yours to change"):
        wang.save_edits(grid.id, other.version, [SetProse("summary.risks", other.text("summary.risks"), "x")])

    before = admin.export_json(grid.id)
    assert "row-level security" in refused(wang, "UPDATE prose SET text = 'hack' WHERE plan_id = :p", p=grid.id)
    assert "row-level security" in refused(wang, "UPDATE record SET data = '{}' WHERE plan_id = :p", p=grid.id)
    assert "row-level security" in refused(wang, "UPDATE plan SET version = version + 1 WHERE id = :p", p=grid.id)
    steps = "UPDATE cycle SET data = jsonb_set(data::jsonb, '{steps}', '{}')::json WHERE plan_id = :p"
    assert "row-level security" in refused(wang, steps, p=grid.id)
    assert "row-level security" in refused(
        wang, "UPDATE account SET manager = '王立群' WHERE id = :a", a=grid.account_id
    )
    assert "row-level security" in refused(
        wang, "INSERT INTO prose (plan_id, field, text) VALUES (:p, 'summary.x', 'x')", p=grid.id
    )
    assert "permission denied" in refused(
        wang, "UPDATE plan SET account_id = :a WHERE id = :p", a=bank.account_id, p=grid.id
    )
    assert "permission denied" in refused(
        wang, "UPDATE prose SET plan_id = :b WHERE plan_id = :p", b=bank.id, p=grid.id
    )
    changes_nothing(wang, "DELETE FROM prose WHERE plan_id = :p", p=grid.id)
    changes_nothing(wang, "DELETE FROM record WHERE plan_id = :p", p=grid.id)
    changes_nothing(wang, "DELETE FROM plan WHERE id = :p", p=grid.id)
    assert "permission denied" in refused(wang, "DELETE FROM account WHERE id = :a", a=grid.account_id)
    assert admin.export_json(grid.id) == before


def test_an_account_manager_cannot_review_approve_or_sign_off_even_their_own_plan(server):
    admin, connect = server
    wang = connect("t_wang")
    bank = plan_of(wang, "浦瀚联合银行")
    assert "permission denied" in refused(
        wang,
        "INSERT INTO signoff (plan_id, version, fingerprint, reviewer, role, date, snapshot, created_at)"
        " VALUES (:p, 99, 'f', '周海峰', '高级经理', '2027-01-01', '{}', now())",
        p=bank.id,
    )
    reviewed = "UPDATE cycle SET data = jsonb_set(data::jsonb, '{reviews}', '[{\"x\": 1}]')::json WHERE plan_id = :p"
    assert "only a senior manager records a review" in refused(wang, reviewed, p=bank.id)
    expect = "UPDATE cycle SET data = jsonb_set(data::jsonb, '{preparation,expectations}', '\"mine\"')::json WHERE plan_id = :p"
    assert "only a senior manager states the expectations" in refused(wang, expect, p=bank.id)
    grid = plan_of(admin, "江南省电网有限公司")  # 陈静's, in development
    chen = connect("t_chen")
    assert "only a senior manager sends a plan back or approves it" in refused(
        chen, "UPDATE plan SET phase = 4 WHERE id = :p", p=grid.id
    )
    jadewave = plan_of(admin, "Jadewave Electronics Group")  # under review
    assert "row-level security" in refused(chen, "UPDATE prose SET text = 'x' WHERE plan_id = :p", p=jadewave.id)


def test_a_plan_under_review_is_frozen_for_its_own_manager_on_the_server(server):
    admin, connect = server
    chen = connect("t_chen")
    grid = plan_of(chen, "江南省电网有限公司")
    with admin.db.engine.begin() as connection:  # the administrator puts it under review
        connection.execute(text("UPDATE plan SET phase = 3 WHERE id = :p"), {"p": grid.id})
    assert "under senior review" in refused(chen, "UPDATE plan SET completeness = 1 WHERE id = :p", p=grid.id)
    assert "row-level security" in refused(chen, "UPDATE prose SET text = 'x' WHERE plan_id = :p", p=grid.id)
    assert "under senior review" in refused(
        chen, "UPDATE cycle SET data = jsonb_set(data::jsonb, '{steps}', '{}')::json WHERE plan_id = :p", p=grid.id
    )


def test_a_senior_manager_reads_everything_edits_no_content_and_keeps_sign_offs_as_signed(server):
    _admin, connect = server
    zhou = connect("t_zhou")
    bank = plan_of(zhou, "浦瀚联合银行")
    assert zhou.load_plan(bank.id).account.name == "浦瀚联合银行"
    assert not zhou.may_edit(bank)
    plan = zhou.load_plan(bank.id)
    with pytest.raises(NotAllowed):
        zhou.save_edits(bank.id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "x")])
    zhou.rules = policy.LAPTOP
    with pytest.raises(NotPermitted, match="your login may not change plans"):
        zhou.save_edits(bank.id, plan.version, [SetProse("summary.risks", plan.text("summary.risks"), "x")])
    assert "permission denied" in refused(zhou, "UPDATE prose SET text = 'x' WHERE plan_id = :p", p=bank.id)
    assert "permission denied" in refused(zhou, "DELETE FROM record WHERE plan_id = :p", p=bank.id)
    assert "permission denied" in refused(zhou, "UPDATE plan SET version = 1 WHERE id = :p", p=bank.id)
    assert "permission denied" in refused(zhou, "DELETE FROM plan WHERE id = :p", p=bank.id)
    assert scalar(zhou, "SELECT count(*) FROM signoff WHERE plan_id = :p", p=bank.id) >= 1
    # The certificate a paper sign-off was then signed with is recorded once, and then kept.
    record = "UPDATE signoff SET certificate_sha256 = :h, certificate_subject = 'CN=周海峰' WHERE plan_id = :p"
    with zhou.db.engine.begin() as connection:
        assert connection.execute(text(record), {"h": "a" * 64, "p": bank.id}).rowcount >= 1
    assert "never changed" in refused(zhou, record, h="b" * 64, p=bank.id)
    assert "permission denied" in refused(zhou, "UPDATE signoff SET reviewer = 'x' WHERE plan_id = :p", p=bank.id)
    assert "permission denied" in refused(zhou, "DELETE FROM signoff WHERE plan_id = :p", p=bank.id)
    assert "permission denied" in refused(zhou, "UPDATE changes SET actor = 'x'")
    assert "permission denied" in refused(zhou, "UPDATE plan_version SET note = 'x'")
    assert "row-level security" in refused(
        zhou, "INSERT INTO changes (at, actor, role, kind) VALUES (now(), '王立群', 'account_manager', 'edit')"
    )


def test_a_viewer_reads_and_every_write_is_refused(server):
    _admin, connect = server
    li = connect("t_li")
    bank = plan_of(li, "浦瀚联合银行")
    assert li.load_plan(bank.id).year == bank.year and not li.may_edit(bank)
    for sql in (
        "UPDATE prose SET text = 'x' WHERE plan_id = :p",
        "UPDATE record SET data = '{}' WHERE plan_id = :p",
        "UPDATE plan SET phase = 1 WHERE id = :p",
        "UPDATE cycle SET data = '{}' WHERE plan_id = :p",
        "DELETE FROM plan WHERE id = :p",
        "INSERT INTO account (name, tier, industry, region, scope, manager, created_at, uuid)"
        " VALUES ('x', 'key', '', '', 'national', '李观', now(), 'u') RETURNING :p",
        "INSERT INTO changes (at, actor, role, kind, plan_id) VALUES (now(), '李观', 'viewer', 'edit', :p)",
        "INSERT INTO team_member (login, name, role, added_at) VALUES ('t_li2', 'x', 'admin', now()) RETURNING :p",
    ):
        assert "permission denied" in refused(li, sql, p=bank.id), sql
    with pytest.raises(NotAllowed):
        li.delete_plan(bank.id)


def test_the_change_log_and_sign_offs_are_insert_only_for_the_administrator_too(server):
    admin, _connect = server
    bank = plan_of(admin, "浦瀚联合银行")
    assert "never changed" in refused(admin, "UPDATE changes SET actor = 'x'")
    assert "never changed" in refused(admin, "DELETE FROM changes")
    assert "never changed" in refused(admin, "TRUNCATE changes")
    assert "never changed" in refused(admin, "UPDATE signoff SET reviewer = 'x' WHERE plan_id = :p", p=bank.id)
    assert "never changed" in refused(admin, "DELETE FROM plan WHERE id = :p", p=bank.id)  # its sign-off would go
    assert "never changed" in refused(admin, "UPDATE plan_version SET note = 'x'")


def test_the_review_cycle_runs_on_a_team_server_each_step_by_its_person(server):
    admin, connect = server
    wang, zhou = connect("t_wang"), connect("t_zhou")
    plan = full_plan(year=2031)
    plan_id = wang.import_json(planfile.dumps(plan))
    wang.move_phase(plan_id, Phase.PREPARATION)  # the file's plan was in development
    start = dt.date(2030, 9, 1)
    preparation = Preparation("收入增长 15%", "主推信创云", start, 10, start + dt.timedelta(weeks=11), True)
    with pytest.raises(NotPermitted, match="only a senior manager states the expectations"):
        wang.rules = policy.LAPTOP
        wang.update_preparation(plan_id, preparation)
    wang.rules = policy.TEAM
    zhou.update_preparation(plan_id, preparation)
    wang.move_phase(plan_id, Phase.DEVELOPMENT)
    for step in STEP_KEYS:
        wang.set_step(plan_id, step, True)
    wang.move_phase(plan_id, Phase.REVIEW)
    version = wang.load_plan(plan_id).version
    with pytest.raises(NotAllowed):
        wang.record_review(plan_id, Review("王立群", "客户经理", start, version, Decision.APPROVED, 5))
    zhou.record_review(plan_id, Review("周海峰", "高级经理", dt.date(2030, 12, 1), version, Decision.APPROVED, 4))
    signoff = zhou.sign_off(plan_id, "周海峰", "高级经理", dt.date(2030, 12, 1))
    zhou.move_phase(plan_id, Phase.MONITORING)
    assert scalar(admin, "SELECT fingerprint FROM signoff WHERE plan_id = :p", p=plan_id) == signoff.fingerprint
    after = wang.load_plan(plan_id)
    wang.save_edits(plan_id, after.version, [SetProse("summary.risks", after.text("summary.risks"), "年中更新")])
    next_id = wang.roll_forward(plan_id)
    assert wang.load_plan(next_id).phase is Phase.PREPARATION
    log = admin.history(plan_id)
    assert {(c.actor, c.role) for c in log} == {("王立群", Role.ACCOUNT_MANAGER), ("周海峰", Role.SENIOR_MANAGER)}


def test_team_commands_refuse_what_they_cannot_do_in_one_line(server, tmp_path):
    admin, connect = server
    with pytest.raises(TeamError, match="is not one kamplanner makes"):
        admin.add_team_member("Bad Login", "某人", Role.VIEWER, "pw")
    with pytest.raises(TeamError, match="is on the team already, as the login t_wang"):
        admin.add_team_member("t_wang2", "王立群", Role.VIEWER, "pw")
    with pytest.raises(TeamError, match="not admin"):
        admin.add_team_member("t_x", "某人", Role.ADMIN, "pw")
    with pytest.raises(NotAllowed):
        connect("t_zhou").add_team_member("t_x", "某人", Role.VIEWER, "pw")
    laptop = Database.open(tmp_path / "laptop.db")
    try:
        with pytest.raises(TeamError, match="a SQLite file is one laptop's"):
            team.init(laptop)
    finally:
        laptop.close()


def test_a_member_opening_a_server_of_an_older_schema_is_told_who_upgrades_it(server):
    admin, _connect = server
    with admin.db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0007'"))
        connection.execute(text("DROP TABLE sync_conflict"))
    with pytest.raises(
        DatabaseError, match=r"has an older schema \(0007\) than this kamplanner \(0008\): its administrator"
    ):
        Database.open(url_as("t_wang"))
    with admin.db.engine.begin() as connection:
        connection.execute(text("UPDATE alembic_version SET version_num = '0099'"))
    with pytest.raises(DatabaseError, match="was written by a newer kamplanner"):
        Database.open(url_as("t_wang"))
