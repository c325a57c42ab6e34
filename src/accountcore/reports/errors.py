"""The errors of reports: input a report cannot be made from.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from accountcore.errors import RuleViolation

__all__ = ["ReportInputError"]


class ReportInputError(RuleViolation, ValueError):
    """A report asked for with an input or option it cannot use.

    >>> print(ReportInputError("format", "pdf", "expected 'text', 'markdown' or 'html'"))
    format='pdf' is invalid for a report: expected 'text', 'markdown' or 'html'.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid for a report: {reason}.")
