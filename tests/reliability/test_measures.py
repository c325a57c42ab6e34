"""Numbers entering the reliability measures and the scorecard: NaN, bad
text and numbers outside the bounds are the library's errors naming them
(issue 15), never a leaked decimal signal."""

from __future__ import annotations

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from accountcore.errors import (
    AccountcoreError,
    AmountOutOfBoundsError,
    AmountTypeError,
    InvalidAmountError,
)
from accountcore.reliability import Scorecard, payment_index
from accountcore.testing.money import bounded_decimals


@pytest.mark.parametrize(
    ("days", "error", "shown"),
    [
        (
            "0x10",
            InvalidAmountError,
            "days must be a finite decimal number, got '0x10'",
        ),
        (Decimal("NaN"), InvalidAmountError, "got Decimal('NaN')"),
        (Decimal("-Infinity"), InvalidAmountError, "got Decimal('-Infinity')"),
        ("1e999999", AmountOutOfBoundsError, "days '1e999999' is out of bounds"),
        (1.5, AmountTypeError, "days must be a Decimal, an int or a str, not float"),
        (None, AmountTypeError, "not NoneType (None)"),
    ],
)
def test_payment_index_refuses_what_is_not_a_number_naming_it(
    days: object, error: type[AccountcoreError], shown: str
) -> None:
    with pytest.raises(error) as raised:
        payment_index(days)  # type: ignore[arg-type]

    assert shown in str(raised.value)


def test_payment_index_takes_a_numeric_text() -> None:
    # 15 days late: 80 + (50 - 80) / 30 x 15 = 65
    assert payment_index("15") == Decimal("65.00")


@pytest.mark.parametrize(
    ("value", "error", "shown"),
    [
        (Decimal("NaN"), InvalidAmountError, "got Decimal('NaN')"),
        (Decimal("sNaN"), InvalidAmountError, "got Decimal('sNaN')"),
        ("abc", InvalidAmountError, "got 'abc'"),
        (Decimal("1E+999999"), AmountOutOfBoundsError, "Decimal('1E+999999')"),
    ],
)
def test_band_of_refuses_what_is_not_a_number_naming_it(
    value: object, error: type[AccountcoreError], shown: str
) -> None:
    with pytest.raises(error) as raised:
        Scorecard.default().band_of(value)  # type: ignore[arg-type]

    assert shown in str(raised.value)


@given(bounded_decimals())
def test_every_accepted_number_has_a_band_and_an_index(value: Decimal) -> None:
    card = Scorecard.default()

    assert card.band_of(value).label in {"A", "B", "C", "D", "E"}
    assert Decimal(1) <= payment_index(value) <= Decimal(100)


@given(st.one_of(st.text(max_size=20), st.decimals(), st.integers()))
def test_payment_index_gives_an_index_or_a_library_error(days: object) -> None:
    try:
        index = payment_index(days)  # type: ignore[arg-type]
    except AccountcoreError:
        return
    assert Decimal(1) <= index <= Decimal(100)
