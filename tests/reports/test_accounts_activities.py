"""The accounts report's "Last activity" reads Activity records where given,
beside the client's and its deals' events."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from accountcore.clients import Client, ClientKind
from accountcore.errors import ArgumentTypeError
from accountcore.periods import FiscalCalendar
from accountcore.relationship import Activity
from accountcore.reports import AccountStatus
from tests.helpers import JAN_5, Q1, SALES

AT = pendulum.datetime(2026, 3, 31, 18, tz="UTC")
ACME = Client.existing("C-1", "Acme OÜ", kind=ClientKind.CORPORATE, owner="anna",
                       at=pendulum.datetime(2024, 5, 2, tz="UTC"))  # fmt: skip
BOLT = Client.existing("C-2", "Bolt AS", kind=ClientKind.CORPORATE, owner="anna",
                       at=pendulum.datetime(2024, 6, 1, tz="UTC"))  # fmt: skip
# a deal of Acme opened on 5 January: its last event
DEAL = SALES.new_deal("D-1", client_id="C-1", owner="anna", at=JAN_5, by="anna")


def act(id: str, client: str, at: dt.datetime, outcome: str = "done") -> Activity:
    return Activity(id, "call", client, "anna", at, outcome=outcome)


def last(activities: list[Activity], **kw: object) -> dict[str, dt.date | None]:
    status = AccountStatus.of(
        [ACME, BOLT], [DEAL], period=Q1, at=AT, currency="EUR",
        activities=activities, **kw,  # type: ignore[arg-type]
    )  # fmt: skip
    return {row.client_id: row.last_activity for row in status.accounts}


def test_without_activities_the_last_activity_is_the_latest_event() -> None:
    assert last([]) == {"C-1": dt.date(2026, 1, 5), "C-2": dt.date(2024, 6, 1)}


def test_an_activity_after_the_events_is_the_last_activity() -> None:
    calls = [
        act("A-1", "C-1", pendulum.datetime(2026, 2, 10, tz="UTC")),
        act("A-2", "C-1", pendulum.datetime(2026, 3, 3, tz="UTC"), "no_reply"),
        act("A-3", "C-2", pendulum.datetime(2025, 12, 1, tz="UTC")),
    ]
    # Acme: the tried call of 3 March; Bolt: the call of 1 December 2025
    assert last(calls) == {"C-1": dt.date(2026, 3, 3), "C-2": dt.date(2025, 12, 1)}


def test_an_activity_before_the_events_leaves_them_the_last() -> None:
    calls = [act("A-1", "C-1", pendulum.datetime(2025, 11, 1, tz="UTC"))]
    assert last(calls)["C-1"] == dt.date(2026, 1, 5)


def test_planned_cancelled_and_later_activities_are_no_contact() -> None:
    calls = [
        act("A-1", "C-2", pendulum.datetime(2026, 3, 20, tz="UTC"), "planned"),
        act("A-2", "C-2", pendulum.datetime(2026, 3, 21, tz="UTC"), "cancelled"),
        act("A-3", "C-2", pendulum.datetime(2026, 4, 2, tz="UTC")),  # after AT
    ]
    assert last(calls)["C-2"] == dt.date(2024, 6, 1)


def test_the_day_is_read_in_the_calendars_timezone() -> None:
    # 22:30 UTC on 10 March is 11 March in Tallinn
    calls = [act("A-1", "C-2", pendulum.datetime(2026, 3, 10, 22, 30, tz="UTC"))]
    tallinn = FiscalCalendar(timezone="Europe/Tallinn")
    assert last(calls)["C-2"] == dt.date(2026, 3, 10)
    assert last(calls, calendar=tallinn)["C-2"] == dt.date(2026, 3, 11)


def test_activities_of_another_kind_are_refused_by_name() -> None:
    with pytest.raises(ArgumentTypeError, match="activities"):
        last(["A-1"])  # type: ignore[list-item]
