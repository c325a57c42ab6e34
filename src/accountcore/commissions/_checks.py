"""Shared checks and helpers of the commission components (private).

Every component validates itself when built and lists every fault in one
:class:`~accountcore.commissions.errors.PlanDefinitionError`; these helpers build the
fault lines and the small texts statement lines share.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from functools import lru_cache

from accountcore.commissions.errors import PlanDefinitionError
from accountcore.commissions.statement import DealIds, LineKind, StatementLine
from accountcore.errors import AccountcoreError, AmountOutOfBoundsError, _short
from accountcore.money import Money, to_decimal

_ZERO = Decimal(0)
_ONE = Decimal(1)


def lenient_decimal(value: object) -> object:
    """A Decimal when ``value`` makes one within the bounds; else the raw
    value, which the class's validation then reports with the other faults."""
    if value is None:
        return value
    try:
        return to_decimal(value, "value")
    except (TypeError, ValueError):
        return value


def decimal_faults(
    label: str, value: object, *, minimum: Decimal | None = _ZERO
) -> list[str]:
    """Faults of a number field: not a Decimal, out of bounds, or below
    ``minimum``.

    >>> decimal_faults("rate", Decimal("1e999999"))
    ["rate Decimal('1E+999999') is out of bounds: it is of the order of 10^999999; numbers must be below 10^20 in size, with at most 34 significant digits and no digit finer than 10^-60"]
    """
    if not isinstance(value, Decimal) or not value.is_finite():
        if isinstance(value, str):  # a text lenient_decimal could not take
            try:
                to_decimal(value, label)
            except AmountOutOfBoundsError as error:
                return [error.message.rstrip(".")]
            except AccountcoreError:
                pass
        return [f"{label} must be a decimal number (not a float), got {_short(value)}"]
    try:
        to_decimal(value, label)
    except AmountOutOfBoundsError as error:
        return [error.message.rstrip(".")]
    if minimum is not None and value < minimum:
        return [f"{label} must not be below {minimum}, got {value}"]
    return []


def rate_faults(label: str, value: object, *, above_one: bool = False) -> list[str]:
    """Faults of a rate: not a decimal, below 0, or above 1 (100 %) unless
    ``above_one``: a rate of 5 is almost always 5 % typed as a percentage.

    >>> rate_faults("rate", Decimal("12.5"))
    ['rate 12.5 is 1250 %: did you mean 0.125? A rate is a decimal (1 is 100 %); build the component with rate_above_one=True if 12.5 is meant']
    >>> rate_faults("rate", Decimal("12.5"), above_one=True), rate_faults("rate", Decimal("1"))
    ([], [])
    """
    faults = decimal_faults(label, value)
    if faults or above_one or value <= _ONE:  # type: ignore[operator]
        return faults
    rate: Decimal = value  # type: ignore[assignment]
    shown = f"{(rate * 100).normalize():f}"
    meant = f"{rate.scaleb(-2).normalize():f}"
    return [
        f"{label} {rate} is {shown} %: did you mean {meant}? A rate is a decimal "
        f"(1 is 100 %); build the component with rate_above_one=True if {rate} "
        "is meant"
    ]


def money_faults(label: str, value: object) -> list[str]:
    """Faults of a money field."""
    if not isinstance(value, Money):
        return [f"{label} must be Money, got {value!r}"]
    return []


def name_faults(value: object) -> list[str]:
    """Faults of a component name."""
    if not isinstance(value, str) or not value.strip():
        return [f"name must be a non-empty str, got {value!r}"]
    return []


def check(subject: str, faults: Iterable[str]) -> None:
    """Raise :class:`PlanDefinitionError` when there are faults."""
    listed = list(faults)
    if listed:
        raise PlanDefinitionError(subject, listed)


@lru_cache(maxsize=1024)
def percent(rate: Decimal) -> str:
    """A rate as a percentage for statement lines.

    >>> percent(Decimal("0.075")), percent(Decimal("1.5"))
    ('7.5%', '150%')
    """
    text = f"{rate * 100:f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return f"{text}%"


def variable_total(lines: Sequence[StatementLine]) -> Decimal:
    """The sum of the variable lines so far."""
    total = _ZERO
    for line in lines:
        if line.kind is LineKind.VARIABLE:
            total += line.amount.amount
    return total


def _deals_of(lines: Sequence[StatementLine]) -> Sequence[str]:
    """The deals behind ``lines``: the one sequence they share, or the ids
    of all of them, sorted when first read."""
    tuples = {id(ln.deals): ln.deals for ln in lines}
    if len(tuples) == 1:
        return next(iter(tuples.values()))
    if not tuples:
        return ()
    each = list(tuples.values())
    return DealIds(lambda: [d for deals in each for d in deals])
