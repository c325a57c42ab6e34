"""The representation-expense report of a period: per account manager and
per client, in one currency.

Every expense of the period is converted into the report's currency at
the rate of its own day and rounded (the one rounding point), so the
owners' rows, the clients' rows and the total all add up the same rounded
amounts. An owner's budget in another currency is converted at the rate
of the period's first day (the day it was granted).

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.expenses.budget import Expense, ExpenseBudget
>>> q1 = Period.quarter(2026, 1)
>>> day = datetime.date(2026, 2, 2)
>>> expenses = [Expense("E-1", "anna", "C-1", "Lunch", Money("120", "EUR"), day),
...             Expense("E-2", "anna", "C-2", "Gift", Money("80", "EUR"), day),
...             Expense("E-3", "boris", "C-1", "Dinner", Money("210.50", "EUR"), day)]
>>> report = expense_report(expenses, period=q1, currency="EUR",
...                         budgets=[ExpenseBudget("anna", q1, Money("500", "EUR"))])
>>> [(o.owner, str(o.spent), str(o.remaining)) for o in report.owners]
[('anna', '200.00 EUR', '300.00 EUR'), ('boris', '210.50 EUR', 'None')]
>>> [(c.client_id, str(c.spent), c.count) for c in report.clients]
[('C-1', '330.50 EUR', 2), ('C-2', '80.00 EUR', 1)]
>>> report.total
Money('410.50', 'EUR')
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from accountcore.errors import ArgumentTypeError
from accountcore.expenses.budget import Expense, ExpenseBudget, in_currency
from accountcore.expenses.errors import InvalidExpenseError
from accountcore.expenses.status import ExpenseLine, _expenses, converted_lines
from accountcore.i18n import Message
from accountcore.money import ExchangeRates, Money
from accountcore.periods import Period

__all__ = ["ClientExpenses", "ExpenseReport", "OwnerExpenses", "expense_report"]


@attrs.frozen
class OwnerExpenses:
    """One account manager's row: ``budget`` (``None`` without one),
    ``spent``, ``remaining`` (``None`` without a budget), ``count`` of
    expenses.

    >>> row = OwnerExpenses("anna", Money("500.00", "EUR"), Money("200.00", "EUR"), Money("300.00", "EUR"), 2)
    >>> row.message.render("ro_RO")
    'anna: cheltuit 200,00\\xa0EUR din 500,00\\xa0EUR (2 cheltuieli), rămas 300,00\\xa0EUR'
    """

    owner: str
    budget: Money | None
    spent: Money
    remaining: Money | None
    count: int

    @property
    def message(self) -> Message:
        """The row as a message."""
        count = Message.of("expenses.count", count=self.count)
        if self.budget is None or self.remaining is None:
            return Message.of(
                "expenses.owner_no_budget",
                owner=self.owner,
                spent=self.spent,
                expenses=count,
            )
        return Message.of(
            "expenses.owner",
            owner=self.owner,
            spent=self.spent,
            budget=self.budget,
            remaining=self.remaining,
            expenses=count,
        )


@attrs.frozen
class ClientExpenses:
    """One client's row: what was spent on it, in how many expenses, by
    which account managers.

    >>> ClientExpenses("C-1", Money("330.50", "EUR"), 2, ("anna", "boris")).message.render("en")
    'client C-1: €330.50 in 2 expenses (anna, boris)'
    """

    client_id: str
    spent: Money
    count: int
    owners: tuple[str, ...]

    @property
    def message(self) -> Message:
        """The row as a message."""
        return Message.of(
            "expenses.client",
            client=self.client_id,
            spent=self.spent,
            expenses=Message.of("expenses.count", count=self.count),
            owners=", ".join(self.owners),
        )


@attrs.frozen
class ExpenseReport:
    """The period's expenses per owner and per client (each sorted by id),
    every line, and the total (the sum of the rounded lines).

    >>> r = expense_report([], period=Period.month(2026, 1), currency="EUR")
    >>> r.total, r.owners, r.render("ja_JP")
    (Money('0.00', 'EUR'), (), ['経費合計：€0.00'])
    """

    period: Period
    currency: str
    owners: tuple[OwnerExpenses, ...]
    clients: tuple[ClientExpenses, ...]
    lines: tuple[ExpenseLine, ...]
    total: Money

    def render(self, locale: str) -> list[str]:
        """The owners' rows, the clients' rows, then the total, in ``locale``."""
        rows = [row.message.render(locale) for row in self.owners]
        rows += [row.message.render(locale) for row in self.clients]
        total = Message.of("expenses.total", total=self.total).render(locale)
        return [*rows, total]


def expense_report(
    expenses: Iterable[Expense],
    *,
    period: Period,
    currency: str,
    budgets: Iterable[ExpenseBudget] = (),
    rates: ExchangeRates | None = None,
) -> ExpenseReport:
    """The report of ``period`` in ``currency`` (see the module); only the
    expenses on the period's days and the budgets of exactly that period
    count, and an owner has at most one budget.
    """
    if not isinstance(period, Period):
        raise ArgumentTypeError("period", period, "a Period")
    inside = [e for e in _expenses(expenses) if e.on in period]
    lines = converted_lines(inside, currency, rates=rates)
    owned = _budgets(budgets, period, currency, rates)
    owners = []
    for owner in sorted({line.expense.owner for line in lines} | set(owned)):
        mine = [line for line in lines if line.expense.owner == owner]
        spent = _sum(mine, currency)
        budget = owned.get(owner)
        remaining = None if budget is None else (budget - spent).rounded()
        owners.append(OwnerExpenses(owner, budget, spent, remaining, len(mine)))
    clients = []
    for client in sorted({line.expense.client_id for line in lines}):
        theirs = [line for line in lines if line.expense.client_id == client]
        who = tuple(sorted({line.expense.owner for line in theirs}))
        clients.append(ClientExpenses(client, _sum(theirs, currency), len(theirs), who))
    return ExpenseReport(
        period, currency, tuple(owners), tuple(clients), lines, _sum(lines, currency)
    )


def _sum(lines: Iterable[ExpenseLine], currency: str) -> Money:
    return sum((line.amount for line in lines), Money.zero(currency)).rounded()


def _budgets(
    budgets: Iterable[ExpenseBudget],
    period: Period,
    currency: str,
    rates: ExchangeRates | None,
) -> dict[str, Money]:
    owned: dict[str, Money] = {}
    for budget in budgets:
        if not isinstance(budget, ExpenseBudget):
            raise ArgumentTypeError("budgets", budget, "a collection of ExpenseBudget")
        if budget.period != period:
            continue
        if budget.owner in owned:
            raise InvalidExpenseError(
                f"ExpenseBudget of {budget.owner!r}",
                "period",
                str(period),
                "an account manager has one budget per period",
            )
        owned[budget.owner], _ = in_currency(
            budget.amount, currency, period.start, rates
        )
    return owned
