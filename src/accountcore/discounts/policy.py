"""How a scheme resolves several matching rules of the same scope.

>>> from accountcore.discounts import PercentOff
>>> sorted([PercentOff("b", 1), PercentOff("a", 1), PercentOff("c", 1, priority=2)], key=rank)[0].name
'c'
"""

from __future__ import annotations

import enum

from accountcore.discounts.rules import DiscountRule

__all__ = ["Policy", "rank"]


class Policy(enum.Enum):
    """How a scheme resolves several matching rules of the same scope.

    * ``BEST``: the single largest saving for the client; ties go to the
      higher priority, then to the rule name (alphabetical).
    * ``PRIORITY``: the highest priority wins (equal priorities that can
      match the same line are a definition fault).
    * ``ADDITIVE``: percentages add up on the list price; amounts add up
      separately; the two sums are combined only as money.
    * ``SEQUENTIAL``: in priority order (then name), each rule applies to
      the price the previous ones left.
    * ``MOST_SPECIFIC``: the rule most specific for the line wins, as the
      ERPs resolve price lists: its own product (a variant), then its
      template, then its group (the nearest first, with a catalogue), then
      a rule for any product; equal ones by priority, then name.

    >>> Policy("sequential")
    <Policy.SEQUENTIAL: 'sequential'>
    """

    BEST = "best"
    PRIORITY = "priority"
    ADDITIVE = "additive"
    SEQUENTIAL = "sequential"
    MOST_SPECIFIC = "most_specific"


def rank(rule: DiscountRule) -> tuple[int, str]:
    """The order rules are considered in: higher priority first, then by
    name (so the result never depends on the order rules were given).

    >>> from accountcore.discounts import PercentOff
    >>> rank(PercentOff("loyal", 5, priority=2))
    (-2, 'loyal')
    """
    return (-rule.priority, rule.name)
