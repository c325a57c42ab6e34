"""Representation expenses, the budget they are spent against, and who must
approve them.

An :class:`Expense` is money an account manager spent on a client (a
lunch, a gift, a trip), with its purpose and day. An
:class:`ExpenseBudget` is what one account manager may spend in one
period. An :class:`ExpensePolicy` says, by amount, which approval level an
expense needs: each :class:`ApprovalThreshold` is strictly exceeded to
apply, and the highest one exceeded wins. Level codes are shown through
their own catalog labels (:func:`approval_label`).

>>> import datetime
>>> from accountcore.money import Money
>>> policy = ExpensePolicy.default("EUR")
>>> lunch = Expense("E-1", "anna", "C-1", "Lunch with the buyer",
...                 Money("180.00", "EUR"), datetime.date(2026, 3, 4))
>>> fair = Expense("E-2", "anna", "C-2", "Trade fair stand",
...                Money("1200.00", "EUR"), datetime.date(2026, 3, 9))
>>> policy.approval(lunch), policy.approval(fair)
(None, 'director')
>>> approval_label("director").render("lv_LV")
'Direktors'
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.errors import MissingRateError, _short
from accountcore.expenses.errors import ExpensePolicyError, InvalidExpenseError
from accountcore.i18n import Message
from accountcore.money import ExchangeRates, Money
from accountcore.periods import Period

__all__ = [
    "APPROVAL_LEVELS",
    "ApprovalThreshold",
    "Expense",
    "ExpenseBudget",
    "ExpensePolicy",
    "approval_label",
    "budget_key",
    "in_currency",
]

APPROVAL_LEVELS: tuple[str, ...] = ("manager", "director", "board")
"""The built-in approval levels, lowest first; each has a label in the six
catalogs (``expenses.approval.<level>``)."""


def approval_label(level: str) -> Message | str:
    """The translated name of a built-in approval level, or the code itself
    for a level of your own.

    >>> approval_label("board").render("ja_JP"), approval_label("cfo")
    ('取締役会', 'cfo')
    """
    if level in APPROVAL_LEVELS:
        return Message.of(f"expenses.approval.{level}")
    return level


def _text(what: str, parameter: str, value: object) -> str:
    if not isinstance(value, str) or not value.strip():
        raise InvalidExpenseError(what, parameter, value, "expected a non-empty str")
    return value


def _money(what: str, parameter: str, value: object) -> Money:
    if not isinstance(value, Money):
        raise InvalidExpenseError(what, parameter, value, "expected Money")
    return value


def in_currency(
    amount: Money, currency: str, on: _dt.date, rates: ExchangeRates | None
) -> tuple[Money, Decimal | None]:
    """``amount`` in ``currency`` at the rate of day ``on``, rounded to the
    currency's minor unit (the one rounding point of a converted expense),
    and the rate used (``None`` when no conversion was needed).

    >>> from accountcore.money import ExchangeRate, FixedRates
    >>> rates = FixedRates([ExchangeRate("USD", "EUR", _dt.date(2026, 1, 1), "0.9235")])
    >>> in_currency(Money("99.99", "USD"), "EUR", _dt.date(2026, 2, 1), rates)
    (Money('92.34', 'EUR'), Decimal('0.9235'))
    """
    if amount.currency == currency:
        return amount.rounded(), None
    if rates is None:
        raise MissingRateError(
            amount.currency, currency, on, "pass rates= to convert the expense"
        )
    rate = rates.rate(amount.currency, currency, on)
    return amount.convert(currency, rates, on).rounded(), rate


@attrs.frozen
class Expense:
    """One representation expense: who spent it (``owner``), on which
    client, for what ``purpose``, how much (positive) and on which day;
    ``approved_by`` records who approved it, when someone did.

    >>> Expense("E-1", "anna", "C-1", "Dinner", Money("-5", "EUR"), _dt.date(2026, 1, 2))
    Traceback (most recent call last):
    ...
    accountcore.expenses.errors.InvalidExpenseError: Expense 'E-1': amount=Money('-5', 'EUR') is invalid: an expense must be more than zero.
    """

    id: str
    owner: str
    client_id: str
    purpose: str
    amount: Money
    on: _dt.date
    approved_by: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        what = f"Expense {_short(self.id)}"
        _text("Expense", "id", self.id)
        for name in ("owner", "client_id", "purpose"):
            _text(what, name, getattr(self, name))
        if _money(what, "amount", self.amount).amount <= 0:
            raise InvalidExpenseError(
                what, "amount", self.amount, "an expense must be more than zero"
            )
        if isinstance(self.on, _dt.datetime) or not isinstance(self.on, _dt.date):
            raise InvalidExpenseError(what, "on", self.on, "expected a datetime.date")
        if self.approved_by is not None:
            _text(what, "approved_by", self.approved_by)

    def approve(self, by: str) -> Expense:
        """This expense approved by ``by``.

        >>> e = Expense("E-1", "anna", "C-1", "Dinner", Money("95", "EUR"), _dt.date(2026, 1, 2))
        >>> e.approve("maria").approved_by
        'maria'
        """
        _text(f"Expense {_short(self.id)}", "by", by)
        return attrs.evolve(self, approved_by=by)


def budget_key(budget: ExpenseBudget) -> str:
    """``owner/start/end``: one budget per account manager and period.

    >>> budget_key(ExpenseBudget("anna", Period.quarter(2026, 1), Money("3000", "EUR")))
    'anna/2026-01-01/2026-04-01'
    """
    period = budget.period
    return f"{budget.owner}/{period.start.isoformat()}/{period.end.isoformat()}"


@attrs.frozen
class ExpenseBudget:
    """What ``owner`` may spend on representation in ``period`` (zero or
    more). :func:`~accountcore.expenses.budget_status` says what is spent
    and what remains.

    >>> ExpenseBudget("anna", Period.quarter(2026, 1), Money("3000", "EUR")).amount
    Money('3000', 'EUR')
    """

    owner: str
    period: Period
    amount: Money

    def __attrs_post_init__(self) -> None:
        what = f"ExpenseBudget of {_short(self.owner)}"
        _text("ExpenseBudget", "owner", self.owner)
        if not isinstance(self.period, Period):
            raise InvalidExpenseError(what, "period", self.period, "expected a Period")
        if _money(what, "amount", self.amount).amount < 0:
            raise InvalidExpenseError(
                what, "amount", self.amount, "a budget must be zero or more"
            )

    def covers(self, expense: Expense) -> bool:
        """Whether ``expense`` is spent against this budget (same owner, a
        day of the period).

        >>> b = ExpenseBudget("anna", Period.quarter(2026, 1), Money("3000", "EUR"))
        >>> b.covers(Expense("E-1", "anna", "C-1", "Dinner", Money("95", "EUR"), _dt.date(2026, 4, 1)))
        False
        """
        return expense.owner == self.owner and expense.on in self.period


@attrs.frozen
class ApprovalThreshold:
    """An expense strictly above ``above`` needs ``level`` to approve it
    (a code: ``"manager"``, ``"director"``, ``"board"`` or your own).

    >>> ApprovalThreshold(Money("250", "EUR"), "manager").level
    'manager'
    """

    above: Money
    level: str


def _thresholds(value: Iterable[ApprovalThreshold]) -> tuple[ApprovalThreshold, ...]:
    if isinstance(value, str | ApprovalThreshold) or not isinstance(value, Iterable):
        raise ExpensePolicyError(
            "ExpensePolicy",
            [
                f"thresholds must be a collection of ApprovalThreshold, got {_short(value)}"
            ],
        )
    return tuple(value)


@attrs.frozen
class ExpensePolicy:
    """Approval by amount: ``thresholds`` in ``currency``, ascending. An
    expense in another currency is compared at the rate of its own day.

    Checked when built, every fault at once:

    >>> ExpensePolicy("EUR", [ApprovalThreshold(Money("500", "EUR"), "director"),
    ...                       ApprovalThreshold(Money("100", "USD"), "")])
    Traceback (most recent call last):
    ...
    accountcore.expenses.errors.ExpensePolicyError: ExpensePolicy is invalid (3 faults):
      - threshold 2: level '' is not a non-empty str
      - threshold 2: 100 USD is not in the policy's currency EUR
      - threshold 2: 100 USD is not above the threshold before it (500 EUR)
    """

    currency: str
    thresholds: tuple[ApprovalThreshold, ...] = attrs.field(converter=_thresholds)

    def __attrs_post_init__(self) -> None:
        faults = _policy_faults(self.currency, self.thresholds)
        if faults:
            raise ExpensePolicyError("ExpensePolicy", faults)

    @classmethod
    def default(cls, currency: str = "EUR") -> ExpensePolicy:
        """Above 250 the manager approves, above 1,000 a director, above
        5,000 the board (in ``currency``).

        >>> [(str(t.above), t.level) for t in ExpensePolicy.default().thresholds]
        [('250 EUR', 'manager'), ('1000 EUR', 'director'), ('5000 EUR', 'board')]
        """
        steps = zip(("250", "1000", "5000"), APPROVAL_LEVELS, strict=True)
        return cls(
            currency,
            [ApprovalThreshold(Money(a, currency), level) for a, level in steps],
        )

    def approval(
        self, expense: Expense, *, rates: ExchangeRates | None = None
    ) -> str | None:
        """The level ``expense`` needs, or ``None`` when it needs none."""
        amount, _ = in_currency(expense.amount, self.currency, expense.on, rates)
        return self.level_for(amount)

    def level_for(self, amount: Money) -> str | None:
        """The level an amount in the policy's currency needs.

        >>> ExpensePolicy.default().level_for(Money("250.00", "EUR")) is None
        True
        >>> ExpensePolicy.default().level_for(Money("250.01", "EUR"))
        'manager'
        """
        needed = None
        for threshold in self.thresholds:
            if amount > threshold.above:
                needed = threshold.level
        return needed


def _policy_faults(
    currency: str, thresholds: tuple[ApprovalThreshold, ...]
) -> list[str]:
    faults: list[str] = []
    last: Money | None = None
    for number, threshold in enumerate(thresholds, start=1):
        where = f"threshold {number}"
        if not isinstance(threshold, ApprovalThreshold):
            faults.append(
                f"{where}: expected an ApprovalThreshold, got {_short(threshold)}"
            )
            continue
        if not isinstance(threshold.level, str) or not threshold.level:
            faults.append(f"{where}: level {threshold.level!r} is not a non-empty str")
        above = threshold.above
        if not isinstance(above, Money):
            faults.append(f"{where}: {_short(above)} is not Money")
            continue
        if above.currency != currency:
            faults.append(
                f"{where}: {above} is not in the policy's currency {currency}"
            )
        elif above.amount < 0:
            faults.append(f"{where}: {above} is negative")
        if last is not None and (above.currency != last.currency or not above > last):
            faults.append(
                f"{where}: {above} is not above the threshold before it ({last})"
            )
        last = above
    return faults
