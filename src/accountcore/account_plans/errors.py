"""The errors of account plans: a plan, objective or initiative given a
value it cannot hold.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from accountcore.errors import RuleViolation, _short

__all__ = ["AccountPlanError"]


class AccountPlanError(RuleViolation, ValueError):
    """A field of an account plan, objective or initiative that breaks a rule.

    >>> print(AccountPlanError("target", 0, "give a count of 1 or more"))
    target=0 is invalid: give a count of 1 or more.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={_short(value)} is invalid: {reason}.")
