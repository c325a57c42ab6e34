"""Activities: the last that took place, the next planned, overdue next steps."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from accountcore.errors import (
    ArgumentTypeError,
    InvalidChoiceError,
    NaiveDatetimeError,
    StructureError,
)
from accountcore.periods import FiscalCalendar
from accountcore.pipeline import Pipeline
from accountcore.relationship import (
    Activity,
    ActivityKind,
    ActivityOutcome,
    last_activities,
    next_activities,
    overdue_next_steps,
)
from accountcore.relationship.errors import RelationshipInputError
from accountcore.serialization import from_json, to_json

T0 = pendulum.datetime(2026, 3, 2, 10, tz="UTC")


def act(id: str, days: int, **kw: object) -> Activity:
    base: dict[str, object] = {"kind": "call", "client_id": "C-1", "owner": "anna"}
    base.update(kw)
    return Activity(id, at=T0.add(days=days), **base)  # type: ignore[arg-type]


def test_an_activity_is_done_unless_said_otherwise() -> None:
    a = act("A-1", 0)

    assert a.outcome is ActivityOutcome.DONE
    assert not a.planned
    assert a.kind is ActivityKind.CALL


@pytest.mark.parametrize(
    ("field", "value", "error", "named"),
    [
        ("id", " ", RelationshipInputError, "id=' '"),
        ("client_id", 7, ArgumentTypeError, "client_id must be a non-blank str"),
        ("owner", "", RelationshipInputError, "owner=''"),
        ("kind", "fax", InvalidChoiceError, "kind='fax'"),
        ("outcome", "maybe", InvalidChoiceError, "outcome='maybe'"),
        ("deal_id", "", RelationshipInputError, "deal_id=''"),
        ("notes", None, ArgumentTypeError, "notes must be a str"),
    ],
)
def test_a_bad_field_is_refused_naming_it(
    field: str, value: object, error: type[Exception], named: str
) -> None:
    fields: dict[str, object] = {
        "id": "A-1",
        "kind": "call",
        "client_id": "C-1",
        "owner": "anna",
        "at": T0,
    }
    fields[field] = value

    with pytest.raises(error, match=named.replace("(", r"\(")):
        Activity(**fields)  # type: ignore[arg-type]


def test_a_naive_time_is_refused() -> None:
    with pytest.raises(NaiveDatetimeError, match="at"):
        Activity("A-1", "call", "C-1", "anna", dt.datetime(2026, 3, 2, 10))


def test_the_last_activity_is_the_latest_that_took_place() -> None:
    # a call nobody answered took place; a cancelled visit and a planned
    # meeting did not
    acts = [
        act("A-1", 0),
        act("A-2", 3, outcome="no_reply"),
        act("A-3", 5, outcome="cancelled"),
        act("A-4", 9, outcome="planned"),
    ]

    assert last_activities(acts)["C-1"].id == "A-2"


def test_the_last_activity_as_of_a_moment_ignores_later_ones() -> None:
    acts = [act("A-1", 0), act("A-2", 3)]

    assert last_activities(acts, at=T0.add(days=1))["C-1"].id == "A-1"


def test_per_deal_skips_activities_without_a_deal() -> None:
    acts = [act("A-1", 0), act("A-2", 1, deal_id="D-1"), act("A-3", 2, deal_id="D-2")]

    assert {k: a.id for k, a in last_activities(acts, per="deal").items()} == {
        "D-1": "A-2",
        "D-2": "A-3",
    }


def test_the_next_activity_is_the_planned_one_due_first() -> None:
    acts = [
        act("A-1", 6, outcome="planned", deal_id="D-1"),
        act("A-2", 4, outcome="planned", deal_id="D-1"),
        act("A-3", 1, deal_id="D-1"),
    ]

    assert next_activities(acts)["C-1"].id == "A-2"
    assert next_activities(acts, per="deal")["D-1"].id == "A-2"


def test_per_must_be_client_or_deal() -> None:
    with pytest.raises(RelationshipInputError, match="per='owner'"):
        next_activities([], per="owner")


def test_overdue_steps_count_whole_days_from_the_due_day() -> None:
    steps = [
        act("A-1", 0, outcome="planned", deal_id="D-1"),  # due 2 March
        act("A-2", 5, outcome="planned", deal_id="D-2"),  # due 7 March
        act("A-3", 8, outcome="planned", deal_id="D-3"),  # due 10 March
    ]

    found = overdue_next_steps(steps, on=dt.date(2026, 3, 10))

    # D-1: 10 - 2 = 8 days; D-2: 10 - 7 = 3; D-3 is due on the day itself
    assert [(s.deal_id, s.days_overdue) for s in found] == [("D-1", 8), ("D-2", 3)]


def test_only_a_deals_next_step_is_judged() -> None:
    # D-1 has two planned steps; only the first (its next step) is reported
    steps = [
        act("A-1", 0, outcome="planned", deal_id="D-1"),
        act("A-2", 1, outcome="planned", deal_id="D-1"),
    ]

    found = overdue_next_steps(steps, on=dt.date(2026, 3, 10))

    assert [s.activity.id for s in found] == ["A-1"]


def test_closed_deals_need_no_next_step() -> None:
    p = Pipeline.default()
    open_deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")
    lost = p.new_deal("D-2", client_id="C-1", owner="anna", at=T0, by="anna")
    lost = p.advance(lost, "lost", at=T0.add(days=1), by="anna", reason="price")
    steps = [
        act("A-1", 2, outcome="planned", deal_id="D-1"),
        act("A-2", 2, outcome="planned", deal_id="D-2"),
    ]

    found = overdue_next_steps(steps, on=dt.date(2026, 3, 10), deals=[open_deal, lost])

    assert [s.deal_id for s in found] == ["D-1"]


def test_the_due_day_is_read_in_the_calendars_timezone() -> None:
    # 23:00 UTC on 2 March is 3 March in Tallinn (UTC+2)
    late = Activity(
        "A-1",
        "task",
        "C-1",
        "anna",
        pendulum.datetime(2026, 3, 2, 23, tz="UTC"),
        deal_id="D-1",
        outcome="planned",
    )
    tallinn = FiscalCalendar(timezone="Europe/Tallinn")

    assert overdue_next_steps([late], on=dt.date(2026, 3, 3))[0].days_overdue == 1
    assert overdue_next_steps([late], on=dt.date(2026, 3, 3), calendar=tallinn) == ()


def test_labels_render_in_every_language() -> None:
    assert ActivityKind.MEETING.label.render("ja_JP") == "打ち合わせ"
    assert ActivityOutcome.NO_REPLY.label.render("lv_LV") == "bez atbildes"


def test_an_activity_travels_through_the_converter_with_its_zone() -> None:
    a = Activity(
        "A-1",
        "visit",
        "C-1",
        "anna",
        pendulum.datetime(2026, 3, 2, 10, tz="Europe/Tallinn"),
        deal_id="D-1",
        contact_id="P-1",
        outcome="planned",
        notes="bring the samples",
    )

    back = from_json(to_json(a), Activity)

    assert back == a
    assert str(back.at.tzinfo) == "Europe/Tallinn"


def test_a_bad_stored_activity_names_the_field() -> None:
    document = (
        '{"at": "2026-03-02T10:00:00+02:00", "client_id": "C-1", "id": "A-1",'
        ' "kind": "fax", "owner": "anna"}'
    )

    with pytest.raises(StructureError, match=r"\$\.kind: .*'fax'"):
        from_json(document, Activity)
