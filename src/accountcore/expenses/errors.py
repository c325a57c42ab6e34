"""The errors of representation expenses: an expense or a budget that
breaks a rule, an approval policy defined wrongly.

Every one is an :class:`~accountcore.errors.AccountcoreError`.
"""

from __future__ import annotations

from accountcore.errors import DefinitionError, RuleViolation, _short

__all__ = ["ExpensePolicyError", "InvalidExpenseError"]


class InvalidExpenseError(RuleViolation, ValueError):
    """An expense or a budget with a value it cannot hold (a zero or
    negative amount, an empty purpose…); ``what`` names the record.

    >>> print(InvalidExpenseError("Expense 'E-1'", "amount", "-5 EUR", "an expense must be positive"))
    Expense 'E-1': amount='-5 EUR' is invalid: an expense must be positive.
    """

    what: str
    parameter: str
    value: object
    reason: str

    def __init__(self, what: str, parameter: str, value: object, reason: str) -> None:
        self.what = what
        self.parameter = parameter
        self.value = value
        self.reason = reason
        super().__init__(f"{what}: {parameter}={_short(value)} is invalid: {reason}.")


class ExpensePolicyError(DefinitionError):
    """An approval policy configured wrongly; ``faults`` lists every problem.

    >>> print(ExpensePolicyError("ExpensePolicy", ["threshold 2: 100 EUR is not above 500 EUR"]))
    ExpensePolicy is invalid (1 fault):
      - threshold 2: 100 EUR is not above 500 EUR
    """
