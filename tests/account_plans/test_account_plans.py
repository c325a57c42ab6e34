"""Account plans: objectives measured from deals, activities and contracts,
overdue initiatives, the plan-status report, and every refused input."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pendulum
import pytest

from accountcore.account_plans import (
    AccountPlan,
    AccountPlanError,
    Initiative,
    Objective,
    ObjectiveState,
    plan_progress,
)
from accountcore.errors import InvalidChoiceError
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import Deal, Pipeline
from accountcore.relationship import Activity
from accountcore.reports import PlanStatusReport
from accountcore.serialization import from_json, to_json

H1 = Period(dt.date(2026, 1, 1), dt.date(2026, 7, 1))  # 181 days
SALES = Pipeline.default()


def eur(amount: str) -> Money:
    return Money(amount, "EUR")


def won(id: str, amount: str, day: dt.date, client_id: str = "C-1") -> Deal:
    at = pendulum.datetime(day.year, day.month, day.day, 12, tz="UTC")
    deal = SALES.new_deal(id, client_id=client_id, owner="anna", at=at, by="anna")
    deal = deal.with_amount(eur(amount), at=at, by="anna")
    return SALES.advance(
        deal, "contract_signed", at=at, by="anna", force=True, reason="signed"
    )


def meeting(
    n: int, day: dt.date, outcome: str = "done", kind: str = "meeting"
) -> Activity:
    at = pendulum.datetime(day.year, day.month, day.day, 10, tz="UTC")
    return Activity(f"A-{n}", kind, "C-1", "anna", at, outcome=outcome)


def plan() -> AccountPlan:
    return AccountPlan(
        "AP-1",
        "C-1",
        "anna",
        H1,
        objectives=[
            Objective(
                "O-1", "Grow revenue", "revenue", eur("40000"), dt.date(2026, 6, 30)
            ),
            Objective("O-2", "Two deals", "deals_won", 2, dt.date(2026, 6, 30)),
            Objective(
                "O-3",
                "Six meetings",
                "activities",
                6,
                dt.date(2026, 3, 31),
                activity_kind="meeting",
            ),
            Objective(
                "O-4",
                "Sign the frame",
                "contracted",
                eur("100000"),
                dt.date(2026, 6, 30),
            ),
        ],
        initiatives=[
            Initiative(
                "I-1", "Meet the CFO", "anna", dt.date(2026, 2, 28), status="done"
            ),
            Initiative(
                "I-2", "Workshop", "boris", dt.date(2026, 3, 15), objective_id="O-3"
            ),
            Initiative(
                "I-3", "Pilot", "anna", dt.date(2026, 5, 31), status="in_progress"
            ),
        ],
    )


DEALS = [
    won("D-1", "12000", dt.date(2026, 2, 10)),
    won("D-2", "9000", dt.date(2026, 4, 20)),  # after the day
    won("D-3", "50000", dt.date(2026, 2, 12), client_id="C-2"),  # another client
]
ACTIVITIES = [
    meeting(1, dt.date(2026, 1, 20)),
    meeting(2, dt.date(2026, 2, 5)),
    meeting(3, dt.date(2026, 3, 3), outcome="no_reply"),
    meeting(4, dt.date(2026, 3, 10), kind="call"),
]
ON = dt.date(2026, 3, 31)


def test_objectives_are_measured_from_the_span_start_to_the_day() -> None:
    status = plan_progress(
        plan(), on=ON, deals=DEALS, activities=ACTIVITIES, contracted=eur("30000")
    )
    revenue, deals, meetings, contracted = status.objectives
    # 1 Jan to 31 Mar is 90 of the 181 days to 30 Jun: 90 / 181 = 0.4972
    assert revenue.expected == Decimal("0.4972")
    # only D-1 (12,000) is the client's and won by 31 Mar: 12,000 / 40,000 = 0.3
    assert (revenue.actual, revenue.share, revenue.state) == (
        eur("12000.00"),
        Decimal("0.3000"),
        ObjectiveState.BEHIND,
    )
    # 1 of 2 deals = 0.5 >= 0.4972: on track
    assert (deals.actual, deals.share, deals.state) == (
        1,
        Decimal("0.5000"),
        ObjectiveState.ON_TRACK,
    )
    # two meetings done (a no-reply and a call do not count) of 6, due today: all time gone
    assert (meetings.actual, meetings.expected, meetings.state) == (
        2,
        Decimal("1.0000"),
        ObjectiveState.BEHIND,
    )
    # 30,000 / 100,000 = 0.3
    assert (contracted.share, contracted.state) == (
        Decimal("0.3000"),
        ObjectiveState.BEHIND,
    )


def test_an_objective_past_due_short_of_its_target_is_missed_and_one_reached_is_achieved() -> (
    None
):
    status = plan_progress(
        plan(), on=dt.date(2026, 4, 1), deals=DEALS, activities=ACTIVITIES
    )
    assert status.objectives[2].state is ObjectiveState.MISSED
    later = plan_progress(plan(), on=dt.date(2026, 4, 30), deals=DEALS)
    # 12,000 + 9,000 = 21,000; two deals of two: achieved
    assert later.objectives[1].state is ObjectiveState.ACHIEVED
    assert later.objectives[0].actual == eur("21000.00")


def test_without_the_contracted_value_its_objective_is_unknown() -> None:
    row = plan_progress(plan(), on=ON).objectives[3]
    assert (row.actual, row.share, row.state) == (None, None, ObjectiveState.UNKNOWN)


def test_unfinished_initiatives_past_due_are_overdue_by_their_days() -> None:
    status = plan_progress(plan(), on=ON)
    # I-1 done: never overdue; I-2 due 15 Mar: 16 days; I-3 due 31 May: not yet
    assert [row.days_overdue for row in status.initiatives] == [0, 16, 0]
    assert (status.initiatives_done, status.initiatives_overdue) == (1, 1)


def test_the_plan_status_report_gathers_every_plan() -> None:
    report = PlanStatusReport.of(
        [plan()],
        on=ON,
        deals=DEALS,
        activities=ACTIVITIES,
        contracted={"C-1": eur("30000")},
    )
    text = report.render("en")
    assert text.splitlines()[0] == "Account plans: progress on Mar 31, 2026"
    assert "Objectives achieved: 0; on track: 1; behind: 3; missed: 0." in text
    assert "Initiatives done: 1 of 3; overdue: 1." in text
    assert [r["state"] for r in report.to_records()] == [
        "behind",
        "on_track",
        "behind",
        "behind",
    ]
    assert report.initiative_records()[1]["days_overdue"] == 16
    for locale in ("et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV"):
        assert "{" not in report.render(locale, "markdown")
    assert "<table" in report.to_html("lv_LV")


def test_a_plan_round_trips_through_json() -> None:
    assert from_json(to_json(plan()), AccountPlan) == plan()


# --- refused inputs -----------------------------------------------------------------


def test_a_money_objective_needs_an_amount_and_a_count_objective_a_count() -> None:
    with pytest.raises(
        AccountPlanError, match="target=10 is invalid: objective 'O-1' measures revenue"
    ):
        Objective("O-1", "x", "revenue", 10, dt.date(2026, 6, 30))
    with pytest.raises(
        AccountPlanError,
        match="target=0 is invalid: objective 'O-1' measures deals_won",
    ):
        Objective("O-1", "x", "deals_won", 0, dt.date(2026, 6, 30))


def test_an_activity_kind_belongs_to_an_activities_objective_only() -> None:
    with pytest.raises(AccountPlanError, match="activity_kind='call' is invalid"):
        Objective(
            "O-1", "x", "deals_won", 1, dt.date(2026, 6, 30), activity_kind="call"
        )


def test_an_unknown_measure_or_status_is_refused_naming_it() -> None:
    with pytest.raises(InvalidChoiceError, match="measure='margin'"):
        Objective("O-1", "x", "margin", 1, dt.date(2026, 6, 30))
    with pytest.raises(InvalidChoiceError, match="status='stuck'"):
        Initiative("I-1", "x", "anna", dt.date(2026, 6, 30), status="stuck")


def test_blank_texts_are_refused_naming_the_field() -> None:
    with pytest.raises(AccountPlanError, match="title=' ' is invalid"):
        Initiative("I-1", " ", "anna", dt.date(2026, 6, 30))


def test_a_plan_refuses_twice_used_ids_and_unknown_objectives() -> None:
    objective = Objective("O-1", "x", "deals_won", 1, dt.date(2026, 6, 30))
    with pytest.raises(
        AccountPlanError,
        match=r"objectives\[1\].id='O-1' is invalid: an objective id is used twice",
    ):
        AccountPlan("AP-1", "C-1", "anna", H1, objectives=[objective, objective])
    initiative = Initiative("I-1", "x", "anna", dt.date(2026, 6, 30))
    with pytest.raises(AccountPlanError, match=r"initiatives\[1\].id='I-1'"):
        AccountPlan("AP-1", "C-1", "anna", H1, initiatives=[initiative, initiative])
    stray = Initiative("I-1", "x", "anna", dt.date(2026, 6, 30), objective_id="O-9")
    with pytest.raises(
        AccountPlanError, match=r"objective_id='O-9' is invalid: .*give one of 'O-1'"
    ):
        AccountPlan(
            "AP-1", "C-1", "anna", H1, objectives=[objective], initiatives=[stray]
        )


def test_a_contracted_value_in_another_currency_is_refused_naming_it() -> None:
    with pytest.raises(
        AccountPlanError,
        match=r"contracted=Money\('5', 'USD'\) is invalid: objective 'O-4' has its target in EUR",
    ):
        plan_progress(plan(), on=ON, contracted=Money("5", "USD"))
