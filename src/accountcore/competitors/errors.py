"""The errors of competitors and win/loss analysis.

Every one is an :class:`~accountcore.errors.AccountcoreError`.
"""

from __future__ import annotations

from accountcore.errors import RuleViolation, _short

__all__ = ["CompetitionError"]


class CompetitionError(RuleViolation, ValueError):
    """A deal's competition that breaks a rule (a deal lost to a competitor
    not listed on it, a competitor listed twice).

    >>> print(CompetitionError("D-1", "a competitor is listed twice"))
    Deal 'D-1' competition is invalid: a competitor is listed twice.
    """

    deal_id: str
    reason: str

    def __init__(self, deal_id: object, reason: str) -> None:
        self.deal_id = str(deal_id)
        self.reason = reason
        super().__init__(f"Deal {_short(deal_id)} competition is invalid: {reason}.")
