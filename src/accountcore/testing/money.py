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

__all__ = [
    "amounts",
    "bounded_decimals",
    "currencies",
    "money",
    "periods",
    "rounded_money",
]


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


def bounded_decimals() -> st.SearchStrategy[Decimal]:
    """Any finite Decimal within the bounds every number entering the
    library keeps (docs/money.md, "Bounds"), ends included: at most 34
    significant digits (trailing zeros count), below 10^20 in size, no digit
    finer than 10^-60; zeros and negatives too.

    >>> from hypothesis import given
    >>> from accountcore.money import to_decimal
    >>> @given(bounded_decimals())
    ... def test_bounded_decimals_are_taken(value):
    ...     assert to_decimal(value) is value
    >>> test_bounded_decimals_are_taken()
    """
    return st.builds(
        _bounded,
        st.booleans(),
        st.integers(min_value=1, max_value=34).flatmap(
            lambda digits: st.integers(min_value=0, max_value=10**digits - 1)
        ),
        st.integers(min_value=0, max_value=79),
    )


def _bounded(negative: bool, coefficient: int, place: int) -> Decimal:
    """``±coefficient × 10^exponent`` with the exponent from -60 up, moved
    down as far as needed to keep the number below 10^20."""
    length = len(str(coefficient)) if coefficient else 1
    exponent = min(-60 + place, 20 - length)
    return Decimal((int(negative), tuple(map(int, str(coefficient))), exponent))


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
