"""Hypothesis strategies for client profiles and their parts.

Every profile drawn is valid: one currency, totals that can be true, no
payment before its invoice. Dates fall before the ``on`` date given, so a
test can score the profile on that date.

>>> import datetime as dt
>>> from hypothesis import given
>>> from accountcore.reliability import Scorecard
>>> @given(client_profiles(on=dt.date(2026, 6, 30)))
... def test_scores_stay_in_range(profile):
...     score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))
...     assert 0 <= score.value <= 100
>>> test_scores_stay_in_range()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from accountcore.money import Money
from accountcore.reliability.profile import (
    ClientProfile,
    FinancialStatements,
    PaymentRecord,
    WarningSign,
)

__all__ = [
    "client_profiles",
    "financial_statements",
    "payment_records",
    "positive_money",
    "warning_signs",
]

_ON = _dt.date(2026, 6, 30)


def positive_money(
    currency: str = "EUR", max_units: int = 10**9
) -> st.SearchStrategy[Money]:
    """Positive amounts in ``currency``, whole cents (minor units of 2 digits)."""
    return st.integers(min_value=1, max_value=max_units).map(
        lambda cents: Money(Decimal(cents).scaleb(-2), currency)
    )


def warning_signs() -> st.SearchStrategy[tuple[WarningSign, ...]]:
    """Any set of warning signs, as a tuple (possibly empty)."""
    return st.lists(st.sampled_from(list(WarningSign)), unique=True).map(tuple)


def payment_records(
    currency: str = "EUR", on: _dt.date = _ON
) -> st.SearchStrategy[PaymentRecord]:
    """An invoice issued up to two years before ``on``, open or paid (maybe late)."""

    def build(amount: Money, age: int, terms: int, delay: int | None) -> PaymentRecord:
        issued = on - _dt.timedelta(days=age)
        due = issued + _dt.timedelta(days=terms)
        paid = None if delay is None else issued + _dt.timedelta(days=delay)
        return PaymentRecord(amount, issued, due, paid)

    return st.builds(
        build,
        positive_money(currency, 10**8),
        st.integers(min_value=0, max_value=730),
        st.integers(min_value=0, max_value=90),
        st.none() | st.integers(min_value=0, max_value=300),
    )


def financial_statements(
    currency: str = "EUR",
) -> st.SearchStrategy[FinancialStatements]:
    """Complete, consistent statements (total assets and liabilities positive)."""

    def build(  # noqa: PLR0917 - one draw per figure
        total_assets: int,
        current_share: int,
        total_liabilities: int,
        current_liability_share: int,
        retained: int,
        ebit: int,
        equity: int,
        sales: int,
        worth: int,
    ) -> FinancialStatements:
        def m(units: int) -> Money:
            return Money(units, currency)

        return FinancialStatements(
            current_assets=m(total_assets * current_share // 100),
            current_liabilities=m(total_liabilities * current_liability_share // 100),
            total_assets=m(total_assets),
            total_liabilities=m(total_liabilities),
            retained_earnings=m(retained),
            ebit=m(ebit),
            book_equity=m(equity),
            sales=m(sales),
            tangible_net_worth=m(worth),
        )

    big = 10**9
    return st.builds(
        build,
        st.integers(min_value=1, max_value=big),
        st.integers(min_value=0, max_value=100),
        st.integers(min_value=1, max_value=big),
        st.integers(min_value=0, max_value=100),
        st.integers(min_value=-big, max_value=big),
        st.integers(min_value=-big, max_value=big),
        st.integers(min_value=-big, max_value=big),
        st.integers(min_value=0, max_value=big),
        st.integers(min_value=-big, max_value=big),
    )


def client_profiles(
    currency: str = "EUR", on: _dt.date = _ON
) -> st.SearchStrategy[ClientProfile]:
    """Profiles with any mix of known and unknown parts, valid on ``on``."""
    maybe_money = st.none() | positive_money(currency)
    return st.builds(
        ClientProfile,
        currency=st.just(currency),
        client_id=st.none() | st.text(min_size=1, max_size=8),
        founded=st.none() | st.dates(min_value=_dt.date(1950, 1, 1), max_value=on),
        employees=st.none() | st.integers(min_value=0, max_value=100_000),
        annual_revenue=maybe_money,
        manufacturing=st.booleans(),
        financials=st.none() | financial_statements(currency),
        payments=st.lists(payment_records(currency, on), max_size=30).map(tuple),
        open_receivables=maybe_money,
        unbilled_orders=maybe_money,
        collateral=maybe_money,
        warning_signs=st.none() | warning_signs(),
    )
