"""The errors of reliability scoring: a client profile that cannot be scored, scores that cannot be compared.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from accountcore.errors import RuleViolation

__all__ = ["InvalidProfileError", "ScoreComparisonError"]


class InvalidProfileError(RuleViolation, ValueError):
    """A client profile (or one of its parts) holds a value that cannot be true.

    ``parameter`` is the path of the bad value inside the profile.

    >>> print(InvalidProfileError("financials.total_assets", "-5 EUR", "total assets cannot be negative"))
    financials.total_assets=-5 EUR is invalid: total assets cannot be negative.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value} is invalid: {reason}.")


class ScoreComparisonError(RuleViolation, ValueError):
    """Two reliability scores that cannot be compared (other client, wrong order).

    >>> print(ScoreComparisonError("client_id", "c-1", "c-2", "both scores must be of the same client"))
    Cannot compare scores (client_id: before 'c-1', after 'c-2'): both scores must be of the same client.
    """

    parameter: str
    before: object
    after: object
    reason: str

    def __init__(
        self, parameter: str, before: object, after: object, reason: str
    ) -> None:
        self.parameter = parameter
        self.before = before
        self.after = after
        self.reason = reason
        super().__init__(
            f"Cannot compare scores ({parameter}: before {before!r}, after {after!r}): "
            f"{reason}."
        )
