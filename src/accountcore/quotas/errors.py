"""The errors of quotas: a quota or review policy defined wrongly, a quota of the wrong period for a plan.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from collections.abc import Iterable

from accountcore.errors import DefinitionError, RuleViolation, _short

__all__ = ["QuotaDefinitionError", "QuotaPeriodError", "QuotaReviewInputError"]


class QuotaDefinitionError(DefinitionError):
    """A quota, a ramp, a distribution or a review policy is configured wrongly.

    >>> print(QuotaDefinitionError("Quota distribution", ["weights sum to 0.9, not 1"]))
    Quota distribution is invalid (1 fault):
      - weights sum to 0.9, not 1
    """


class QuotaPeriodError(RuleViolation, ValueError):
    """An owner's quotas do not cover exactly the span a statement needs (its
    period, or the fiscal year to date for a year-to-date plan).

    >>> print(QuotaPeriodError("ana", "2026-01-01..2026-06-30", ("2026-Q2",), "2026-01-01..2026-03-31 is not covered"))
    Quotas of owner 'ana' do not cover 2026-01-01..2026-06-30 exactly: given 2026-Q2, and 2026-01-01..2026-03-31 is not covered. Pass one quota for 2026-01-01..2026-06-30, or quotas whose periods tile it (one per month or quarter, none overlapping).
    """

    owner: str
    needed: object
    given: tuple[object, ...]
    problem: str

    def __init__(
        self, owner: str, needed: object, given: Iterable[object], problem: str
    ) -> None:
        self.owner = owner
        self.needed = needed
        self.given = tuple(given)
        self.problem = problem
        shown = ", ".join(str(period) for period in self.given) or "none"
        super().__init__(
            f"Quotas of owner {owner!r} do not cover {needed} exactly: given "
            f"{shown}, and {problem}. Pass one quota for {needed}, or quotas whose "
            "periods tile it (one per month or quarter, none overlapping)."
        )


class QuotaReviewInputError(RuleViolation, ValueError):
    """A quota review asked for with an input it cannot use.

    >>> print(QuotaReviewInputError("repeat_orders", -1, "a count is 0 or more"))
    repeat_orders=-1 cannot be used in a quota review: a count is 0 or more.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(
            f"{parameter}={_short(value)} cannot be used in a quota review: {reason}."
        )
