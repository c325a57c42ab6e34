"""Representation expenses: the budget an account manager may spend on
clients in a period, the expenses against it, who approves them, and the
report per owner and per client.

- :mod:`~accountcore.expenses.budget`: :class:`Expense`,
  :class:`ExpenseBudget`, :class:`ExpensePolicy` (approval by amount:
  :class:`ApprovalThreshold` to a level, :func:`approval_label`);
- :mod:`~accountcore.expenses.status`: :func:`budget_status`, what a
  budget has spent and what remains, line by line;
- :mod:`~accountcore.expenses.report`: :func:`expense_report` per owner
  and per client;
- :mod:`~accountcore.expenses.errors`: an expense or budget that breaks a
  rule, a policy defined wrongly.

Money stays exact: an expense in another currency is converted at the
rate of its own day and rounded once, and every total is the sum of its
rounded lines.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> budget = ExpenseBudget("anna", Period.year(2026), Money("6000", "EUR"))
>>> dinner = Expense("E-1", "anna", "C-1", "Dinner", Money("240.00", "EUR"), datetime.date(2026, 5, 4))
>>> budget_status(budget, [dinner]).remaining
Money('5760.00', 'EUR')
"""

from accountcore.expenses.budget import (
    APPROVAL_LEVELS,
    ApprovalThreshold,
    Expense,
    ExpenseBudget,
    ExpensePolicy,
    approval_label,
    budget_key,
)
from accountcore.expenses.report import (
    ClientExpenses,
    ExpenseReport,
    OwnerExpenses,
    expense_report,
)
from accountcore.expenses.status import BudgetStatus, ExpenseLine, budget_status

__all__ = [
    "APPROVAL_LEVELS",
    "ApprovalThreshold",
    "BudgetStatus",
    "ClientExpenses",
    "Expense",
    "ExpenseBudget",
    "ExpenseLine",
    "ExpensePolicy",
    "ExpenseReport",
    "OwnerExpenses",
    "approval_label",
    "budget_key",
    "budget_status",
    "expense_report",
]
