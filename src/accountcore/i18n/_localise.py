"""Turning the English explanations' string parameters back into values.

Reasons, hints and refusals keep their parameters as strings (they are
stable data: ``"12.50"``, ``"1234.50 EUR"``, ``"2026-03-31"``). To render
them in another language the numbers, amounts and dates must be formatted
for the locale, so :func:`typed` reads each string back into the value it
was made from. Anything it does not recognise stays a string.

>>> typed("12.50"), typed("1234.5 EUR"), typed("2026-03-31"), typed("vip")
(Decimal('12.50'), Money('1234.5', 'EUR'), datetime.date(2026, 3, 31), 'vip')
"""

from __future__ import annotations

import datetime as _dt
import re
from decimal import Decimal

from accountcore.money import Money

__all__ = ["typed"]

_NUMBER = re.compile(r"^-?\d+(\.\d+)?$")
_MONEY = re.compile(r"^(-?\d+(\.\d+)?) ([A-Z]{3})$")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def typed(value: str) -> object:
    """``value`` as a ``Decimal``, ``Money`` or ``date`` when it is written
    as one (the way ``str()`` writes them), else the string itself."""
    if _NUMBER.match(value):
        return Decimal(value)
    money = _MONEY.match(value)
    if money:
        return Money(money.group(1), money.group(3))
    if _DATE.match(value):
        try:
            return _dt.date.fromisoformat(value)
        except ValueError:
            return value
    return value
