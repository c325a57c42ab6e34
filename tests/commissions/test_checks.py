"""A component's number fields keep the bounds of every number entering the
library (issue 15): a rate of 10^999999 is a fault the plan names, never a
decimal.Overflow in the middle of a calculation."""

from __future__ import annotations

from decimal import Decimal

import pytest

from accountcore.commissions import FlatRate
from accountcore.commissions.errors import PlanDefinitionError


@pytest.mark.parametrize(
    ("rate", "shown"),
    [
        (Decimal("1e999999"), "rate Decimal('1E+999999') is out of bounds"),
        ("1e999999", "rate '1e999999' is out of bounds: it is of the order of"),
        (Decimal("1e-61"), "its last digit is at 10^-61"),
    ],
)
def test_a_rate_outside_the_bounds_is_a_fault_naming_it(
    rate: object, shown: str
) -> None:
    with pytest.raises(PlanDefinitionError) as raised:
        FlatRate("commission", rate, rate_above_one=True)  # type: ignore[arg-type]

    assert shown in str(raised.value)


def test_a_rate_at_the_bounds_is_taken() -> None:
    assert FlatRate("commission", "0.05").rate == Decimal("0.05")
    assert FlatRate("commission", Decimal("1E-60")).rate == Decimal("1E-60")
