"""Approval levels: who must sign off a quote, by its effective discount.

>>> from decimal import Decimal
>>> levels = (ApprovalLevel("manager", 10), ApprovalLevel("director", 20), ApprovalLevel("nobody", 30, allowed=False))
>>> required_approval(levels, Decimal("12.5")).name
'manager'
>>> required_approval(levels, Decimal("10")) is None
True
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

import attrs

from accountcore.money import to_decimal

__all__ = ["ApprovalLevel", "required_approval"]


def _above_percent(value: object) -> Decimal:
    return to_decimal(value, "above_percent")


@attrs.frozen
class ApprovalLevel:
    """A quote whose effective discount is strictly *above* ``above_percent``
    needs ``name`` to approve it; ``allowed=False`` marks a level no one may
    approve (the quote must change).

    >>> ApprovalLevel("director", "20").above_percent
    Decimal('20')
    """

    name: str
    above_percent: Decimal = attrs.field(converter=_above_percent)
    allowed: bool = True


def required_approval(
    levels: Sequence[ApprovalLevel], percent: Decimal
) -> ApprovalLevel | None:
    """The highest level whose threshold ``percent`` exceeds, or ``None``.

    ``levels`` are in increasing order of threshold (a scheme checks that).
    """
    needed = None
    for level in levels:
        if percent > level.above_percent:
            needed = level
    return needed
