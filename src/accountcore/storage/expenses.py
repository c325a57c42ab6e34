"""Representation expenses and their budgets: collections and typed
repositories.

An expense is keyed by its id and indexed by owner, client and day; a
budget by ``owner/start/end`` (:func:`~accountcore.expenses.budget_key`,
one per account manager and period), indexed by owner and the day its
period starts.

>>> import datetime
>>> from accountcore.expenses import Expense, ExpenseBudget
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.storage import MemoryStore
>>> q1 = Period.quarter(2026, 1)
>>> with MemoryStore().unit_of_work() as uow:
...     uow.expense_budgets.add(ExpenseBudget("anna", q1, Money("3000", "EUR")))
...     uow.expenses.add(Expense("E-1", "anna", "C-1", "Lunch", Money("80", "EUR"),
...                              datetime.date(2026, 2, 3)))
...     [e.id for e in uow.expenses.of_owner("anna", q1)], uow.expense_budgets.for_period("anna", q1).amount
1
1
(['E-1'], Money('3000', 'EUR'))
"""

from __future__ import annotations

from accountcore.expenses import Expense, ExpenseBudget, budget_key
from accountcore.periods import Period
from accountcore.storage.protocols import Collection, Index, Query, Range
from accountcore.storage.repositories import _Typed

__all__ = ["EXPENSES", "EXPENSE_BUDGETS", "ExpenseBudgets", "Expenses"]

EXPENSES: Collection[Expense] = Collection(
    "expenses",
    Expense,
    lambda expense: expense.id,
    (
        Index("owner", lambda expense: expense.owner),
        Index("client", lambda expense: expense.client_id),
        Index("on", lambda expense: expense.on.isoformat()),
    ),
)
"""Representation expenses, indexed by owner, client and day."""

EXPENSE_BUDGETS: Collection[ExpenseBudget] = Collection(
    "expense_budgets",
    ExpenseBudget,
    budget_key,
    (
        Index("owner", lambda budget: budget.owner),
        Index("starts", lambda budget: budget.period.start.isoformat()),
    ),
)
"""Expense budgets, one per owner and period, indexed by owner and start."""


def _days(period: Period | None) -> tuple[Range, ...]:
    if period is None:
        return ()
    return (Range("on", period.start.isoformat(), period.end.isoformat()),)


class Expenses(_Typed[Expense]):
    """The expense repository: an owner's and a client's expenses, in the
    order spent (day, then id), optionally only those of a period."""

    __slots__ = ()

    def of_owner(
        self,
        owner: str,
        period: Period | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Expense]:
        """The expenses ``owner`` spent (on the days of ``period``)."""
        return self._spent("owner", owner, period, limit, offset)

    def of_client(
        self,
        client_id: str,
        period: Period | None = None,
        *,
        limit: int | None = None,
        offset: int = 0,
    ) -> list[Expense]:
        """The expenses spent on ``client_id`` (on the days of ``period``)."""
        return self._spent("client", client_id, period, limit, offset)

    def in_period(
        self, period: Period, *, limit: int | None = None, offset: int = 0
    ) -> list[Expense]:
        """Every expense on the days of ``period``."""
        (days,) = _days(period)
        query = Query(range=days, order_by="on", limit=limit, offset=offset)
        return self.select(query)

    def _spent(
        self,
        index: str,
        value: str,
        period: Period | None,
        limit: int | None,
        offset: int,
    ) -> list[Expense]:
        days = _days(period)
        query = Query(
            equals={index: value},
            range=days[0] if days else None,
            order_by="on",
            limit=limit,
            offset=offset,
        )
        return self.select(query)


class ExpenseBudgets(_Typed[ExpenseBudget]):
    """The budget repository: one budget per owner and period."""

    __slots__ = ()

    def for_period(self, owner: str, period: Period) -> ExpenseBudget | None:
        """The budget of ``owner`` for exactly ``period``, or ``None``."""
        key = f"{owner}/{period.start.isoformat()}/{period.end.isoformat()}"
        return self.find(key)

    def of_owner(
        self, owner: str, *, limit: int | None = None, offset: int = 0
    ) -> list[ExpenseBudget]:
        """The budgets of ``owner``, earliest period first."""
        query = Query(
            equals={"owner": owner}, order_by="starts", limit=limit, offset=offset
        )
        return self.select(query)
