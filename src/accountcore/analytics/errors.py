"""The errors of the analyses: input they cannot analyse, a key not in an analysis.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from accountcore.errors import RuleViolation

__all__ = ["AnalyticsInputError", "NotInAnalysisError"]


class AnalyticsInputError(RuleViolation, ValueError):
    """A parameter or an input an analysis cannot work with.

    >>> print(AnalyticsInputError("a", "1.2", "a share must be above 0 and at most 1"))
    a='1.2' is invalid: a share must be above 0 and at most 1.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid: {reason}.")


class NotInAnalysisError(RuleViolation, KeyError):
    """A client (or deal) asked of an analysis that does not contain it.

    >>> print(NotInAnalysisError("acme"))
    'acme' is not in this analysis.
    """

    key: object

    def __init__(self, key: object) -> None:
        self.key = key
        super().__init__(f"{key!r} is not in this analysis.")
