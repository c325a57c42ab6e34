"""The errors of :mod:`accountcore.plots`: the extra not installed, and an
argument a figure cannot be drawn with.

Every one is an :class:`~accountcore.errors.AccountcoreError`.
"""

from __future__ import annotations

from accountcore.errors import ExtraUnavailableError, RuleViolation, _short

__all__ = ["PlotInputError", "PlotsUnavailableError"]


class PlotsUnavailableError(ExtraUnavailableError):
    """:mod:`accountcore.plots` needs its extra (matplotlib).

    >>> print(PlotsUnavailableError("matplotlib"))
    accountcore.plots needs 'matplotlib', which is not installed: pip install 'accountcore[plot]'.
    """

    def __init__(self, package: str) -> None:
        super().__init__(package, "plot", "accountcore.plots")


class PlotInputError(RuleViolation, ValueError):
    """An argument of a figure outside what can be drawn (a range, a number
    of points, a bin width, a target); says what would be valid.

    >>> print(PlotInputError("points", 1, "at least 2 points make a curve"))
    points=1 is invalid: at least 2 points make a curve.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={_short(value)} is invalid: {reason}.")
