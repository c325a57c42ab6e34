"""Rebates and loyalty programs as definition files: loaded, checked with
every fault at its place, written back equal in TOML and JSON."""

from __future__ import annotations

import pytest

from accountcore.definitions import DefinitionFileError, dumps, kind_of, loads
from accountcore.discounts.loyalty import LoyaltyLevel, LoyaltyProgram
from accountcore.discounts.rebates import Rebate, RebateMethod, RebateTier
from accountcore.money import Money

REBATE = Rebate(
    "flat",
    "EUR",
    [RebateTier(Money("1000.00", "EUR"), "2.5")],
    method=RebateMethod.WHOLE_AMOUNT,
)
PROGRAM = LoyaltyProgram(
    "EUR", [LoyaltyLevel("entry"), LoyaltyLevel("gold", min_years=5)]
)


@pytest.mark.parametrize("definition", [REBATE, PROGRAM], ids=["rebate", "loyalty"])
@pytest.mark.parametrize("fmt", ["toml", "json"])
def test_written_and_read_back_equal(definition: object, fmt: str) -> None:
    assert loads(dumps(definition, format=fmt), format=fmt) == definition


def test_the_kinds_are_named() -> None:
    assert (kind_of(REBATE), kind_of(PROGRAM)) == ("rebate", "loyalty_program")


def test_a_whole_amount_rebate_says_its_method() -> None:
    assert 'method = "whole_amount"' in dumps(REBATE)
    assert 'percent = "2.5"' in dumps(REBATE)


def test_an_unknown_rebate_method_is_named_at_its_place() -> None:
    text = 'kind = "rebate"\nname = "r"\ncurrency = "EUR"\nmethod = "stepped"\n'
    text += '[[tiers]]\nabove = "10 EUR"\npercent = "1"\n'
    with pytest.raises(DefinitionFileError) as caught:
        loads(text)
    assert "method" in str(caught.value)
    assert "stepped" in str(caught.value)


def test_a_loyalty_level_in_another_currency_is_named() -> None:
    text = 'kind = "loyalty_program"\ncurrency = "EUR"\n'
    text += '[[levels]]\nname = "silver"\nmin_revenue = "10000 USD"\n'
    with pytest.raises(DefinitionFileError) as caught:
        loads(text)
    assert "'silver'" in str(caught.value)
    assert "10000 USD" in str(caught.value)
