"""Properties of a rate by the discount given (issue 21, point 14), for any
valid table: the rate never rises as the discount deepens, whichever two
credits are compared, and every split of one deal falls in one band."""

from __future__ import annotations

import datetime as dt
import itertools
from decimal import Decimal
from fractions import Fraction

from helpers import JAN, JAN_5
from helpers import SALES as PIPELINE
from hypothesis import assume, given
from hypothesis import strategies as st
from strategies import discount_bands, sales, units

from accountcore.commissions import (
    CommissionPlan,
    Credit,
    DiscountBand,
    DiscountRates,
    credits_from,
)
from accountcore.money import Money
from accountcore.periods import FiscalCalendar
from accountcore.pipeline import Split

DAY = dt.date(2026, 1, 12)
CURRENCIES = st.sampled_from(["EUR", "JPY", "BHD"])


def tables() -> st.SearchStrategy[DiscountRates]:
    return st.builds(
        DiscountRates,
        st.just("by discount"),
        discount_bands(),
        upper_inside=st.booleans(),
    )


def _credit(amount: Money, sale: tuple[Money, Money], deal: str = "D-1") -> Credit:
    listed, discount = sale
    return Credit(
        deal, "C-1", "ana", amount, DAY, list_amount=listed, discount=discount
    )


def _rate(table: DiscountRates, credit: Credit) -> Decimal:
    """The rate ``credit`` is paid at: its band's, 0 beyond the table."""
    index = table.band_of(credit)
    return Decimal(0) if index is None else table.bands[index].rate


def _share(credit: Credit) -> Fraction:
    assert credit.list_amount is not None
    assert credit.discount is not None
    return Fraction(credit.discount.amount) / Fraction(credit.list_amount.amount)


@given(tables(), CURRENCIES.flatmap(lambda c: st.tuples(sales(c), sales(c))))
def test_the_rate_never_rises_as_the_discount_deepens(
    table: DiscountRates, pair: tuple[tuple[Money, Money], tuple[Money, Money]]
) -> None:
    first, second = pair
    assume(first[0].amount > 0 and second[0].amount > 0)
    amount = Money(1000, first[0].currency)
    a, b = _credit(amount, first, "D-1"), _credit(amount, second, "D-2")
    if _share(a) > _share(b):
        a, b = b, a

    assert _rate(table, a) >= _rate(table, b)
    # and so the pay: the same amount sold at a deeper discount earns no more
    plan = CommissionPlan("AM", amount.currency, (table,))
    paid = [plan.calculate([c], period=JAN).total for c in (a, b)]
    assert paid[0] >= paid[1]


@given(
    tables(),
    st.data(),
    st.lists(st.integers(1, 99), max_size=4, unique=True),
)
def test_every_split_of_a_deal_falls_in_one_band(
    table: DiscountRates, data: st.DataObject, cuts: list[int]
) -> None:
    amount = Money(data.draw(units("EUR", 1, 10**8)), "EUR")
    listed = data.draw(
        st.one_of(
            st.just(amount),
            units("EUR", 1, 10**8).map(lambda a: Money(a, "EUR")),
            st.sampled_from(["0.9", "0.8", "0.5"]).map(
                lambda r: Money(
                    (amount.amount / Decimal(r)).quantize(Decimal("0.01")), "EUR"
                )
            ),
        )
    )
    bounds = [0, *sorted(cuts), 100]  # shares in hundredths, adding up to 1
    owners = ["ana", "bob", "eva", "ivo", "uma"]
    shares = [
        Split(owners[i], Decimal(high - low).scaleb(-2))
        for i, (low, high) in enumerate(itertools.pairwise(bounds))
    ]
    deal = PIPELINE.new_deal("D-1", client_id="C-1", owner="ana", at=JAN_5, by="ana")
    deal = deal.with_amount(amount, at=JAN_5, by="ana")
    deal = deal.with_splits(shares, at=JAN_5, by="ana")
    won = PIPELINE.advance(
        deal, "contract_signed", at=JAN_5, by="ana", force=True, reason="test"
    )

    credits = credits_from(
        [won],
        period=JAN,
        calendar=FiscalCalendar(timezone="Europe/Tallinn"),
        list_amounts={"D-1": listed},
    )

    assert len({table.band_of(c) for c in credits}) == 1
    assert sum((c.amount for c in credits), Money(0, "EUR")) == amount


def test_the_worked_pair_at_the_bound():
    # 100.00 given on 1,000.00 is 10 %, not below 10 %: the second band's
    # 2 %; 99.90 is 9.99 %, in the first band's 5 %
    table = DiscountRates(
        "d", (DiscountBand("0.10", "0.05"), DiscountBand(None, "0.02"))
    )
    at_bound = _credit(Money("900", "EUR"), (Money("1000", "EUR"), Money("100", "EUR")))
    below = _credit(
        Money("900.10", "EUR"), (Money("1000", "EUR"), Money("99.90", "EUR"))
    )

    assert _rate(table, below) == Decimal("0.05")
    assert _rate(table, at_bound) == Decimal("0.02")
