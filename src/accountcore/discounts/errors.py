"""The errors of discounts: a scheme defined wrongly, client facts a rule cannot read, a quote line that breaks a rule.

Every one is an :class:`~accountcore.errors.AccountcoreError` (see
:mod:`accountcore.errors` for the family and its two branches).
"""

from __future__ import annotations

from accountcore.errors import DefinitionError, RuleViolation

__all__ = ["ClientFactsError", "QuoteLineError", "SchemeDefinitionError"]


class SchemeDefinitionError(DefinitionError):
    """A discount scheme (or one of its rules or conditions) is configured
    wrongly; ``faults`` lists every problem.

    >>> print(SchemeDefinitionError("DiscountScheme 'retail'", ["rule 'x': percent 120 is outside [0, 100]"]))
    DiscountScheme 'retail' is invalid (1 fault):
      - rule 'x': percent 120 is outside [0, 100]
    """


class ClientFactsError(RuleViolation, ValueError):
    """A client fact a discount rule cannot use (an unknown tier…).

    >>> print(ClientFactsError("tier", "gold", "expected one of standard, key, vip"))
    tier='gold' is invalid: expected one of standard, key, vip.
    """

    parameter: str
    value: object
    reason: str

    def __init__(self, parameter: str, value: object, reason: str) -> None:
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{parameter}={value!r} is invalid: {reason}.")


class QuoteLineError(RuleViolation, ValueError):
    """A line given to ``DiscountScheme.quote`` that cannot be priced.

    >>> print(QuoteLineError(2, "quantity", -3, "a quantity must be positive"))
    Line 2: quantity=-3 is invalid: a quantity must be positive.
    """

    line: int
    parameter: str
    value: object
    reason: str

    def __init__(self, line: int, parameter: str, value: object, reason: str) -> None:
        self.line = line
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"Line {line}: {parameter}={value!r} is invalid: {reason}.")
