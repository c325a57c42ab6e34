"""The column engine on a rate by the discount given (issue 21, point 14):
``DiscountRates`` has no column form, so every owner of such a plan takes
the object path, with the object path's results, owner by owner and line by
line; a credit without its sale is refused alike.

Random plans with a discount table among the other kinds
(tests/strategies.py), credits carrying their deal's sale in the
``list_amount`` and ``discount`` columns."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import polars as pl
import pytest
from hypothesis import given, settings
from strategies import (
    EARNING,
    MODIFIERS,
    SALE_KINDS,
    Scenario,
    reads_sales,
    scenarios,
)
from test_engine import (
    JAN,
    _credit,
    _object_team,
    assert_ledgers_match,
    assert_tables_match,
    frame_of,
    places,
)

from accountcore import frames
from accountcore.commissions import (
    CommissionPlan,
    Credit,
    DiscountBand,
    DiscountRates,
    FlatRate,
)
from accountcore.money import Money, minor_units

pytest.importorskip("polars")


def frame_with_sales(credits: Sequence[Credit], currency: str) -> pl.DataFrame:
    """:func:`test_engine.frame_of`'s table with the sale's columns, every
    money column as fine as the finest figure (list amounts and discounts
    included), so the table holds each credit exactly."""
    scale = max(
        [
            minor_units(currency),
            *(
                places(money.amount)
                for c in credits
                for money in (c.amount, c.list_amount, c.discount)
                if money is not None
            ),
        ]
    )
    money = pl.Decimal(38, scale)
    table = frame_of(credits, currency).with_columns(pl.col("amount").cast(money))
    return table.with_columns(
        pl.Series(
            name,
            [None if v is None else v.amount for v in values],
            dtype=money,
        )
        for name, values in (
            ("list_amount", [c.list_amount for c in credits]),
            ("discount", [c.discount for c in credits]),
        )
    )


def _check(scenario: Scenario) -> None:
    expected = _object_team(scenario)
    table = frame_with_sales(scenario.credits, scenario.plan.currency)

    def run() -> Any:
        return frames.calculate_team(
            scenario.plan,
            table,
            period=scenario.period,
            quotas=list(scenario.quotas),
            owners=scenario.owners,
        )

    if isinstance(expected, Exception):  # the object path's error leaves the call
        with pytest.raises(type(expected)) as raised:
            run()
        assert str(raised.value) == str(expected)
        return
    team = run()
    assert_tables_match(team, scenario.plan, expected, scenario.quotas)
    assert_ledgers_match(team, expected)
    if reads_sales(scenario.plan):  # no column form: every owner as objects
        assert set(team.paths.values()) <= {"object"}


@settings(max_examples=100)
@given(scenarios(kinds=(*EARNING, *SALE_KINDS, *MODIFIERS, "draw")))
def test_a_discount_plan_pays_on_the_object_path_what_objects_pay(
    scenario: Scenario,
) -> None:
    _check(scenario)


@settings(max_examples=100)
@given(scenarios(kinds=("discount", "flat-filtered", "fixed", "cap")))
def test_a_discount_table_beside_column_kinds_takes_the_object_path(
    scenario: Scenario,
) -> None:
    _check(scenario)


def _sold(deal: str, owner: str, amount: str, listed: str, given: str) -> Credit:
    return _credit(
        deal,
        owner,
        amount,
        list_amount=Money(listed, "EUR"),
        discount=Money(given, "EUR"),
    )


def test_the_sale_columns_reach_the_object_path_exactly() -> None:
    credits = [
        _sold("D-1", "ana", "900.00", "1000.00", "100.00"),  # 10 %: the next band
        _sold("D-2", "bob", "333.3375", "370.375", "37.0375"),  # 10 % exactly too
        _sold("D-3", "bob", "950.00", "1000.00", "50.00"),  # 5 %
    ]
    bands = (DiscountBand("0.10", "0.05"), DiscountBand(None, "0.02"))
    plan = CommissionPlan(
        "AM", "EUR", (DiscountRates("d", bands), FlatRate("flat", "0.01"))
    )

    team = frames.calculate_team(plan, frame_with_sales(credits, "EUR"), period=JAN)

    assert team.paths == {"ana": "object", "bob": "object"}
    # ana: 900.00 × 2 % = 18.00, flat 900.00 × 1 % = 9.00: 27.00
    # bob: 950.00 × 5 % = 47.50; 333.3375 × 2 % = 6.66675 → 6.67; flat
    # 1,283.3375 × 1 % = 12.833375 → 12.83: 67.00
    assert team.statement("ana").total == Money("27.00", "EUR")
    assert team.statement("bob").total == Money("67.00", "EUR")
