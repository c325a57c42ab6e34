"""A statement explains itself readably: amounts formatted, counts with their
plural, and the columns aligned by display width in every language."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal

import pytest
from helpers import eur

from accountcore.commissions import (
    Basis,
    CommissionPlan,
    CommissionStatement,
    Credit,
    NewClientBonus,
    Tier,
    Tiered,
)
from accountcore.periods import Period
from accountcore.quotas import Quota

Q1 = Period.quarter(2026, 1)
LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")


def _statement(new_clients: int) -> CommissionStatement:
    plan = CommissionPlan(
        "p",
        "EUR",
        (
            Tiered(
                "commission",
                (Tier("0", "1", "0.04"), Tier("1", None, "0.07")),
                basis=Basis.ATTAINMENT,
            ),
            NewClientBonus("new clients", eur("300.00")),
        ),
    )
    credits = [
        Credit(
            f"D-{n}",
            f"C-{n}",
            "anna",
            eur("48700.000") if n == 0 else eur("50000.00"),
            dt.date(2026, 2, 1),
            is_new_client=n < new_clients,
        )
        for n in range(3)
    ]
    # credited 48,700.000 + 50,000 + 50,000 = 148,700.000 against 100,000
    return plan.calculate(credits, period=Q1, quota=Quota("anna", Q1, eur("100000.00")))


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)


def test_the_english_explanation_formats_the_slice_and_says_the_count() -> None:
    lines = _statement(1).explain("en_US")

    text = "\n".join(lines)
    # the slice above the quota: 148,700.000 - 100,000 = 48,700.000
    assert "7% on €48,700.00 (tier from 100%)" in text
    assert "1 new client × €300.00" in text
    assert "slice" not in text
    assert "1 new clients" not in text


def test_the_english_description_rounds_the_slice_to_the_cent() -> None:
    line = _statement(1).lines_of("commission")[1]

    assert line.description == "7% on slice 48700.00 (tier 1 and above attainment)"
    assert line.basis == Decimal("48700.000")  # the exact slice is kept


@pytest.mark.parametrize(("count", "noun"), [(1, "client"), (2, "clients")])
def test_the_english_description_says_client_in_the_singular(
    count: int, noun: str
) -> None:
    line = _statement(count).lines_of("new clients")[0]

    assert line.description == f"{count} new {noun} × 300.00 EUR"


@pytest.mark.parametrize("locale", LOCALES)
def test_the_amounts_end_in_one_column_in_every_language(locale: str) -> None:
    lines = _statement(2).explain(locale)[1:]  # after the heading

    ends = {_width(line) for line in lines}

    assert len(lines) == 4  # two tiers, the bonus, the total
    assert len(ends) == 1, lines  # right-aligned amounts: one display width


@pytest.mark.parametrize("locale", LOCALES)
def test_the_texts_start_in_one_column_in_every_language(locale: str) -> None:
    lines = _statement(2).explain(locale)[1:-1]  # the lines, not the total

    # the text column starts after "  " + the component (padded to 13) + " "
    for line in lines:
        assert line[15] == " ", line
        assert line[16] != " ", line
