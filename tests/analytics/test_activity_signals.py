"""Stale deals and churn risk read activities where given."""

from __future__ import annotations

import datetime as dt

import pendulum
import pytest

from accountcore.analytics import ChurnRisk, Order, churn_risk, stale_deals
from accountcore.errors import ArgumentTypeError
from accountcore.money import Money
from accountcore.pipeline import Pipeline
from accountcore.relationship import Activity

T0 = pendulum.datetime(2026, 1, 5, tz="UTC")


def touch(
    deal_id: str | None, client: str, day: int, outcome: str = "done"
) -> Activity:
    return Activity(
        f"A-{client}-{deal_id}-{day}-{outcome}",
        "call",
        client,
        "anna",
        T0.add(days=day),
        deal_id=deal_id,
        outcome=outcome,  # type: ignore[arg-type]
    )


def test_a_deal_worked_on_within_the_norm_is_not_stale() -> None:
    p = Pipeline.default()
    deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")
    deal = p.advance(deal, "needs", at=T0.add(days=2), by="anna")
    at = T0.add(days=30)  # 28 days in "needs", norm 14: 14 over
    norms = {"needs": 14}

    assert [s.days_over for s in stale_deals([deal], at=at, norms=norms)] == [14]
    # a call on day 20 is 10 days before day 30: within the norm
    assert (
        stale_deals([deal], at=at, norms=norms, activities=[touch("D-1", "C-1", 20)])
        == ()
    )
    # a call on day 10 is 20 days before: still stale, and it says when
    (stale,) = stale_deals(
        [deal], at=at, norms=norms, activities=[touch("D-1", "C-1", 10)]
    )
    assert stale.last_activity == dt.date(2026, 1, 15)


def test_only_activities_that_took_place_by_then_count() -> None:
    p = Pipeline.default()
    deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=T0, by="anna")
    at = T0.add(days=30)
    later_or_planned = [touch("D-1", "C-1", 31), touch("D-1", "C-1", 25, "planned")]

    (stale,) = stale_deals(
        [deal], at=at, norms={"appointment": 7}, activities=later_or_planned
    )

    assert stale.last_activity is None


ORDERS = [Order("acme", dt.date(2026, m, 1), Money(10, "EUR")) for m in (1, 2, 3)]
# acme: gaps 31 and 28 days -> usual interval 29.5


def test_a_client_neither_ordering_nor_reached_moves_a_level_up() -> None:
    on = dt.date(2026, 3, 21)  # 20 days since 1 March: 20 / 29.5 < 1.5 -> low

    (plain,) = churn_risk(ORDERS, on=on)
    (silent,) = churn_risk(ORDERS, on=on, activities=[])
    # reached 1 Feb: 48 days >= 29.5 -> silent on both sides
    (old,) = churn_risk(ORDERS, on=on, activities=[touch(None, "acme", 27)])
    # reached 10 March: 11 days < 29.5 -> stays low
    (recent,) = churn_risk(ORDERS, on=on, activities=[touch(None, "acme", 64)])

    assert plain.risk is ChurnRisk.LOW
    assert (silent.risk, silent.last_contact) == (ChurnRisk.MEDIUM, None)
    assert (old.risk, old.last_contact) == (ChurnRisk.MEDIUM, dt.date(2026, 2, 1))
    assert (recent.risk, recent.last_contact) == (ChurnRisk.LOW, dt.date(2026, 3, 10))


def test_an_unknown_risk_stays_unknown() -> None:
    (row,) = churn_risk(ORDERS[:1], on=dt.date(2026, 3, 1), activities=[])

    assert row.risk is ChurnRisk.UNKNOWN


def test_activities_of_the_wrong_type_are_refused_naming_them() -> None:
    with pytest.raises(ArgumentTypeError, match=r"activities\[0\]"):
        churn_risk(ORDERS, on=dt.date(2026, 3, 21), activities=["call"])  # type: ignore[list-item]
