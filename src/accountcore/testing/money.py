"""Hypothesis strategies for money and periods.

>>> from hypothesis import given
>>> @given(money())
... def test_money_is_finite(m):
...     assert m.amount.is_finite()
>>> test_money_is_finite()
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal

from hypothesis import strategies as st

from accountcore.money import CURRENCIES, Money, minor_units
from accountcore.periods import Period

__all__ = ["amounts", "currencies", "money", "periods", "rounded_money"]


def currencies() -> st.SearchStrategy[str]:
    """Any known currency code (sorted, so shrinking is stable)."""
    return st.sampled_from(sorted(CURRENCIES))


def amounts(max_digits: int = 12, max_places: int = 6) -> st.SearchStrategy[Decimal]:
    """Finite decimals with at most ``max_places`` decimals."""
    bound = Decimal(10) ** (max_digits - max_places)
    return st.decimals(
        min_value=-bound,
        max_value=bound,
        places=max_places,
        allow_nan=False,
        allow_infinity=False,
    )


def money(currency: str | None = None) -> st.SearchStrategy[Money]:
    """Money in ``currency`` (or any currency), unrounded."""
    codes = st.just(currency) if currency else currencies()
    return st.builds(Money, amounts(), codes)


def rounded_money(currency: str | None = None) -> st.SearchStrategy[Money]:
    """Money already rounded to its currency's minor unit."""
    codes = st.just(currency) if currency else currencies()
    return codes.flatmap(
        lambda code: st.integers(min_value=-(10**12), max_value=10**12).map(
            lambda units: Money(Decimal(units).scaleb(-minor_units(code)), code)
        )
    )


def periods(
    min_start: _dt.date = _dt.date(2000, 1, 1),
    max_start: _dt.date = _dt.date(2040, 12, 31),
) -> st.SearchStrategy[Period]:
    """Periods of 1 to 800 days."""
    return st.builds(
        lambda start, length: Period(start, start + _dt.timedelta(days=length)),
        st.dates(min_value=min_start, max_value=max_start),
        st.integers(min_value=1, max_value=800),
    )
