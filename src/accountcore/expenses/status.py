"""What a budget has spent and what remains, line by line.

:func:`budget_status` takes a budget and expenses (others' and other
days' are left out), converts each expense into the budget's currency at
the rate of its own day, rounded to the minor unit (the one rounding
point), and adds them up: ``spent`` is the sum of the rounded lines and
``remaining`` the budget less that (negative when over). With a policy,
each line also says which approval it needs; an expense that needs one
and has none is ``pending``.

>>> import datetime
>>> from accountcore.money import ExchangeRate, FixedRates, Money
>>> from accountcore.periods import Period
>>> from accountcore.expenses.budget import Expense, ExpenseBudget, ExpensePolicy
>>> budget = ExpenseBudget("anna", Period.quarter(2026, 1), Money("3000.00", "EUR"))
>>> rates = FixedRates([ExchangeRate("USD", "EUR", datetime.date(2026, 1, 1), "0.92")])
>>> spent = [
...     Expense("E-1", "anna", "C-1", "Lunch with the buyer", Money("180.00", "EUR"), datetime.date(2026, 1, 14)),
...     Expense("E-2", "anna", "C-2", "Fair in Chicago", Money("1450.00", "USD"), datetime.date(2026, 2, 10)),
... ]
>>> status = budget_status(budget, spent, rates=rates, policy=ExpensePolicy.default("EUR"))
>>> status.spent, status.remaining    # 180.00 + 1,450 x 0.92 = 180.00 + 1,334.00
(Money('1514.00', 'EUR'), Money('1486.00', 'EUR'))
>>> for text in status.render("en"):
...     print(text)
Jan 14, 2026, client C-1: Lunch with the buyer: €180.00
Feb 10, 2026, client C-2: Fair in Chicago: €1,334.00 ($1,450.00 at 0.92)
  needs approval: Director
Budget €3,000.00: spent €1,514.00, remaining €1,486.00
>>> [line.expense.id for line in status.pending]
['E-2']
"""

from __future__ import annotations

from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.errors import ArgumentTypeError
from accountcore.expenses.budget import (
    Expense,
    ExpenseBudget,
    ExpensePolicy,
    approval_label,
    in_currency,
)
from accountcore.i18n import Message
from accountcore.money import ExchangeRates, Money

__all__ = ["BudgetStatus", "ExpenseLine", "budget_status", "converted_lines"]


@attrs.frozen
class ExpenseLine:
    """One expense in a budget's (or a report's) currency: ``amount``
    rounded, ``rate`` the rate of the expense's day (``None`` when it was
    in that currency already), ``approval`` the level it needs (``None``:
    none, or no policy given).

    >>> import datetime
    >>> e = Expense("E-1", "anna", "C-1", "Dinner", Money("95", "EUR"), datetime.date(2026, 1, 2))
    >>> ExpenseLine(e, Money("95.00", "EUR"), None, None).render("et_EE")
    ['2. jaan 2026, klient C-1: Dinner: 95,00\\xa0€']
    """

    expense: Expense
    amount: Money
    rate: Decimal | None
    approval: str | None

    @property
    def pending(self) -> bool:
        """Whether it needs an approval that no one has given."""
        return self.approval is not None and self.expense.approved_by is None

    @property
    def messages(self) -> tuple[Message, ...]:
        """The line, then the approval it needs (when it needs one)."""
        e = self.expense
        if self.rate is None:
            line = Message.of(
                "expenses.line",
                on=e.on,
                client=e.client_id,
                purpose=e.purpose,
                amount=self.amount,
            )
        else:
            line = Message.of(
                "expenses.line_converted",
                on=e.on,
                client=e.client_id,
                purpose=e.purpose,
                amount=self.amount,
                original=e.amount,
                rate=self.rate,
            )
        if self.approval is None:
            return (line,)
        label = approval_label(self.approval)
        if e.approved_by is None:
            return (line, Message.of("expenses.needs_approval", level=label))
        return (
            line,
            Message.of("expenses.approved", level=label, by=e.approved_by),
        )

    def render(self, locale: str) -> list[str]:
        """The line in ``locale`` (an approval indented below it)."""
        first, *rest = (m.render(locale) for m in self.messages)
        return [first, *(f"  {text}" for text in rest)]


def converted_lines(
    expenses: Iterable[Expense],
    currency: str,
    *,
    rates: ExchangeRates | None = None,
    policy: ExpensePolicy | None = None,
) -> tuple[ExpenseLine, ...]:
    """Each expense in ``currency`` (at its own day's rate, rounded), in the
    order spent (day, then id).

    >>> import datetime
    >>> e = Expense("E-1", "anna", "C-1", "Dinner", Money("95", "EUR"), datetime.date(2026, 1, 2))
    >>> converted_lines([e], "EUR")[0].amount
    Money('95.00', 'EUR')
    """
    lines = []
    for expense in sorted(_expenses(expenses), key=lambda e: (e.on, e.id)):
        amount, rate = in_currency(expense.amount, currency, expense.on, rates)
        approval = None if policy is None else policy.approval(expense, rates=rates)
        lines.append(ExpenseLine(expense, amount, rate, approval))
    return tuple(lines)


def _expenses(expenses: Iterable[Expense]) -> list[Expense]:
    chosen = list(expenses)
    for item in chosen:
        if not isinstance(item, Expense):
            raise ArgumentTypeError("expenses", item, "a collection of Expense")
    return chosen


@attrs.frozen
class BudgetStatus:
    """A budget with its expenses: ``lines`` in the order spent, ``spent``
    (the sum of the rounded lines), ``remaining`` (the budget less what was
    spent; negative when over).

    >>> import datetime
    >>> from accountcore.periods import Period
    >>> b = ExpenseBudget("anna", Period.month(2026, 1), Money("100", "EUR"))
    >>> e = Expense("E-1", "anna", "C-1", "Dinner", Money("130", "EUR"), datetime.date(2026, 1, 2))
    >>> s = budget_status(b, [e])
    >>> s.over, s.remaining, s.summary.render("uk_UA")
    (True, Money('-30.00', 'EUR'), 'Бюджет 100,00\\xa0EUR перевищено на 30,00\\xa0EUR (витрачено 130,00\\xa0EUR)')
    """

    budget: ExpenseBudget
    lines: tuple[ExpenseLine, ...]
    spent: Money
    remaining: Money

    @property
    def over(self) -> bool:
        """Whether more was spent than the budget."""
        return self.remaining.amount < 0

    @property
    def pending(self) -> tuple[ExpenseLine, ...]:
        """The lines that need an approval no one has given."""
        return tuple(line for line in self.lines if line.pending)

    @property
    def summary(self) -> Message:
        """Budget, spent and remaining (or by how much it is over)."""
        if self.over:
            return Message.of(
                "expenses.over_budget",
                budget=self.budget.amount,
                spent=self.spent,
                over=-self.remaining,
            )
        return Message.of(
            "expenses.summary",
            budget=self.budget.amount,
            spent=self.spent,
            remaining=self.remaining,
        )

    def render(self, locale: str) -> list[str]:
        """Every line, then the summary, in ``locale``."""
        out = [text for line in self.lines for text in line.render(locale)]
        return [*out, self.summary.render(locale)]


def budget_status(
    budget: ExpenseBudget,
    expenses: Iterable[Expense],
    *,
    rates: ExchangeRates | None = None,
    policy: ExpensePolicy | None = None,
) -> BudgetStatus:
    """What ``budget`` has spent and what remains (see the module)."""
    if not isinstance(budget, ExpenseBudget):
        raise ArgumentTypeError("budget", budget, "an ExpenseBudget")
    covered = [e for e in _expenses(expenses) if budget.covers(e)]
    currency = budget.amount.currency
    lines = converted_lines(covered, currency, rates=rates, policy=policy)
    spent = sum((line.amount for line in lines), Money.zero(currency)).rounded()
    return BudgetStatus(budget, lines, spent, (budget.amount - spent).rounded())
