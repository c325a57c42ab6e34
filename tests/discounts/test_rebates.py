"""Period rebates for key clients, paid as a credit note (issue 20, point 3)."""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore.discounts import (
    CreditNote,
    Purchase,
    Rebate,
    RebateMethod,
    RebateTier,
    rebate_method_label,
)
from accountcore.discounts.errors import QuoteLineError, SchemeDefinitionError
from accountcore.errors import ArgumentTypeError, MissingRateError
from accountcore.money import ExchangeRate, FixedRates, Money
from accountcore.periods import Period
from accountcore.serialization import from_json, to_json
from tests.helpers import eur

YEAR = Period.year(2026)
TWO_TIERS = [RebateTier(eur("100000"), 2), RebateTier(eur("250000"), 3)]


def _bought(*amounts: str, client: str = "C-1") -> list[Purchase]:
    return [
        Purchase(client, _dt.date(2026, n + 1, 15), eur(amount))
        for n, amount in enumerate(amounts)
    ]


def test_the_default_is_marginal_each_tier_pays_on_its_own_slice() -> None:
    rebate = Rebate("annual", "EUR", TWO_TIERS)

    note = rebate.settle("C-1", _bought("200000", "100000"), period=YEAR)

    # 300,000 bought: 2 % x (250,000 - 100,000) + 3 % x (300,000 - 250,000)
    #               = 3,000.00 + 1,500.00 = 4,500.00
    assert rebate.method is RebateMethod.MARGINAL
    assert [line.amount for line in note.lines] == [eur("3000.00"), eur("1500.00")]
    assert note.amount == eur("4500.00")
    assert note.purchases == eur("300000")


def test_whole_amount_pays_the_highest_tier_passed_on_everything() -> None:
    rebate = Rebate("annual", "EUR", TWO_TIERS, method="whole_amount")

    note = rebate.settle("C-1", _bought("200000", "100000"), period=YEAR)

    # 3 % x 300,000 = 9,000.00
    assert [line.amount for line in note.lines] == [eur("9000.00")]
    assert note.amount == eur("9000.00")
    assert note.lines[0].text == (
        "3% of all €300,000.00 bought, above €250,000.00: €9,000.00"
    )


def test_a_threshold_is_passed_only_when_strictly_exceeded() -> None:
    rebate = Rebate("annual", "EUR", [RebateTier(eur("100000"), 2)])

    at = rebate.settle("C-1", _bought("100000"), period=YEAR)
    above = rebate.settle("C-1", _bought("100000.01"), period=YEAR)

    assert at.amount == eur("0.00")
    assert at.lines == ()
    # 2 % x 0.01 = 0.0002, rounded half up to 0.00: a line, worth nothing yet
    assert above.amount == eur("0.00")
    assert len(above.lines) == 1


def test_each_line_is_rounded_and_the_note_is_the_sum_of_its_lines() -> None:
    rebate = Rebate("annual", "EUR", TWO_TIERS)

    note = rebate.settle("C-1", _bought("180000", "95000.50"), period=YEAR)

    # 275,000.50: 2 % x 150,000 = 3,000.00; 3 % x 25,000.50 = 750.015 -> 750.02
    assert [line.amount for line in note.lines] == [eur("3000.00"), eur("750.02")]
    assert note.amount == eur("3750.02")


def test_other_clients_and_other_periods_do_not_count() -> None:
    rebate = Rebate("annual", "EUR", [RebateTier(eur("1000"), 10)])
    purchases = [
        Purchase("C-1", _dt.date(2026, 3, 1), eur("1500")),
        Purchase("C-2", _dt.date(2026, 3, 1), eur("9000")),
        Purchase("C-1", _dt.date(2025, 12, 31), eur("9000")),
        Purchase("C-1", _dt.date(2027, 1, 1), eur("9000")),
    ]

    note = rebate.settle("C-1", purchases, period=YEAR)

    # only the 1,500 of C-1 in 2026: 10 % x 500 = 50.00
    assert note.purchases == eur("1500")
    assert note.amount == eur("50.00")


def test_returns_lower_the_purchases() -> None:
    rebate = Rebate("annual", "EUR", [RebateTier(eur("1000"), 10)])

    note = rebate.settle("C-1", _bought("3000", "-1500"), period=YEAR)

    # 3,000 - 1,500 = 1,500: 10 % x 500 = 50.00
    assert note.amount == eur("50.00")


def test_purchases_in_another_currency_convert_at_their_own_day() -> None:
    rates = FixedRates(
        [
            ExchangeRate("USD", "EUR", _dt.date(2026, 1, 1), "0.90"),
            ExchangeRate("USD", "EUR", _dt.date(2026, 7, 1), "0.80"),
        ]
    )
    purchases = [
        Purchase("C-1", _dt.date(2026, 3, 1), Money("100000", "USD")),
        Purchase("C-1", _dt.date(2026, 9, 1), Money("100000", "USD")),
    ]
    rebate = Rebate("annual", "EUR", [RebateTier(eur("100000"), 2)])

    note = rebate.settle("C-1", purchases, period=YEAR, rates=rates)

    # 100,000 x 0.90 + 100,000 x 0.80 = 170,000 EUR; 2 % x 70,000 = 1,400.00
    assert note.purchases == eur("170000")
    assert note.amount == eur("1400.00")


def test_a_foreign_purchase_without_rates_names_the_pair_and_day() -> None:
    rebate = Rebate("annual", "EUR", [RebateTier(eur("100"), 2)])
    purchase = Purchase("C-1", _dt.date(2026, 3, 1), Money("10", "USD"))

    with pytest.raises(MissingRateError, match=r"USD->EUR on or before 2026-03-01"):
        rebate.settle("C-1", [purchase], period=YEAR)


def test_a_note_below_the_first_tier_says_how_far_it_is() -> None:
    rebate = Rebate("annual", "EUR", TWO_TIERS)

    note = rebate.settle("C-1", _bought("80000"), period=YEAR)

    # 100,000 - 80,000 = 20,000 to go
    assert note.amount == eur("0.00")
    assert note.render("en") == [
        "the 2% tier pays on purchases above €100,000.00: €20,000.00 to go"
    ]


def test_the_credit_note_explains_itself_in_six_languages() -> None:
    note = Rebate("annual", "EUR", TWO_TIERS).settle(
        "C-1", _bought("260000"), period=YEAR
    )

    texts = {
        locale: note.render(locale) for locale in ("en", "et", "uk", "ja", "ro", "lv")
    }

    assert texts["en"] == [
        "2% of €150,000.00 bought above €100,000.00: €3,000.00",
        "3% of €10,000.00 bought above €250,000.00: €300.00",
    ]
    assert texts["uk"][0] == (
        "2% від 150\xa0000,00\xa0EUR закупівель понад 100\xa0000,00\xa0EUR: "
        "3\xa0000,00\xa0EUR"
    )
    assert len({tuple(t) for t in texts.values()}) == 6


def test_method_labels_come_from_the_catalog() -> None:
    assert rebate_method_label("marginal").render("lv_LV") == (
        "Pakāpeniski (no summas virs katra sliekšņa)"
    )


def test_a_rebate_lists_every_fault_at_once() -> None:
    with pytest.raises(SchemeDefinitionError) as caught:
        Rebate(
            "bad",
            "EUR",
            [
                RebateTier(eur("500"), 0),
                RebateTier(eur("100"), 2),
                RebateTier(Money("-5", "EUR"), 2),
            ],
        )

    assert caught.value.faults == (
        "tier 1: percent 0 is outside (0, 100]",
        "tier 2: threshold 100 EUR is not above the tier before it (500 EUR)",
        "tier 3: threshold -5 EUR is negative",
        "tier 3: threshold -5 EUR is not above the tier before it (100 EUR)",
    )


def test_a_rebate_without_tiers_is_refused() -> None:
    with pytest.raises(SchemeDefinitionError, match="tiers is empty"):
        Rebate("none", "EUR", [])


def test_settle_names_a_bad_period_and_a_bad_purchase() -> None:
    rebate = Rebate("annual", "EUR", TWO_TIERS)

    with pytest.raises(ArgumentTypeError, match=r"period must be a Period.*'2026'"):
        rebate.settle("C-1", [], period="2026")  # type: ignore[arg-type]
    with pytest.raises(QuoteLineError, match=r"Line 2: purchase=.*12"):
        rebate.settle("C-1", [*_bought("1"), 12], period=YEAR)  # type: ignore[list-item]


def test_a_rebate_and_its_credit_note_round_trip_through_json() -> None:
    rebate = Rebate("annual", "EUR", TWO_TIERS, method=RebateMethod.WHOLE_AMOUNT)
    note = rebate.settle("C-1", _bought("300000"), period=YEAR)

    assert from_json(to_json(rebate), Rebate) == rebate
    assert from_json(to_json(note), CreditNote) == note


_amounts = st.decimals(
    min_value=Decimal("-1000"), max_value=Decimal("500000"), places=2
).map(lambda d: eur(str(d)))


@given(st.lists(_amounts, max_size=8))
def test_marginal_never_pays_more_than_whole_amount_and_lines_add_up(
    amounts: list[Money],
) -> None:
    purchases = [
        Purchase("C-1", _dt.date(2026, 1, 1 + n), amount)
        for n, amount in enumerate(amounts)
    ]
    marginal = Rebate("m", "EUR", TWO_TIERS).settle("C-1", purchases, period=YEAR)
    whole = Rebate("w", "EUR", TWO_TIERS, method="whole_amount").settle(
        "C-1", purchases, period=YEAR
    )

    assert marginal.amount <= whole.amount
    assert marginal.amount == sum((line.amount for line in marginal.lines), eur("0.00"))
    assert sum((line.base for line in marginal.lines), eur("0")) == max(
        marginal.purchases - eur("100000"), eur("0")
    )
