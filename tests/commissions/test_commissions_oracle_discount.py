"""A rate by the discount given (issue 21, point 14) pays what the oracle
pays, on every path of the library: random discount tables (half-open or
holding their upper end, open or closed at the deep end) beside the other
components, credits whose sales sit on a band's bound, clawbacks read at
their sale's discount, credits left without a sale (refused alike)."""

from __future__ import annotations

from hypothesis import given
from oracle.compare import run_sequence
from strategies import (
    EARNING,
    MODIFIERS,
    SALE_KINDS,
    PeriodRun,
    Scenario,
    scenarios,
    sequences,
)
from test_commissions_oracle import check, examples

from accountcore.commissions import Scope

WITH_SALES = (*EARNING, *SALE_KINDS, *MODIFIERS, "draw")


@examples(120)
@given(scenarios(kinds=WITH_SALES))
def test_rates_by_discount_pay_what_the_oracle_pays(scenario: Scenario) -> None:
    check(scenario)


@examples(80)
@given(scenarios(kinds=("discount", "flat", "cap"), money_only=False))
def test_a_discount_table_alone_pays_what_the_oracle_pays(scenario: Scenario) -> None:
    check(scenario)


@examples(30)
@given(sequences(kinds=("discount", "flat", "draw"), later_clawbacks=True))
def test_a_later_clawback_takes_back_what_its_discount_earned(run: PeriodRun) -> None:
    run_sequence(run)


@examples(30)
@given(sequences(kinds=("discount", "flat"), scope=Scope.YEAR_TO_DATE))
def test_a_year_to_date_discount_plan_pays_like_the_oracle(run: PeriodRun) -> None:
    run_sequence(run)
