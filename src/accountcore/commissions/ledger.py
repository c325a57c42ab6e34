"""The commission ledger: what carries from one period to the next.

A :class:`Ledger` holds an owner's outstanding draw balance (advanced but not
yet earned back) and the variable pay already paid in the current fiscal
year (for year-to-date true-up). Each statement carries the ledger to pass
to the next period's calculation.

>>> ledger = Ledger.opening("ana", "EUR")
>>> ledger.draw_balance, ledger.paid_to_date
(Money('0', 'EUR'), Money('0', 'EUR'))
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable

import attrs

from accountcore._fast import builder
from accountcore.errors import LedgerMismatchError
from accountcore.money import Money
from accountcore.periods import Period

__all__ = ["Ledger"]


@attrs.frozen
class Ledger:
    """Balances carried between an owner's statements.

    ``through`` is the end (exclusive) of the last period calculated: a
    period starting before it has already been paid and is refused.
    ``year`` is the fiscal year ``paid_to_date`` belongs to; a new fiscal
    year starts again from zero (the draw balance carries over).

    >>> import datetime
    >>> ledger = Ledger.opening("ana", "EUR")
    >>> ledger.check("bob", "EUR", Period.month(2026, 1))
    Traceback (most recent call last):
    ...
    accountcore.errors.LedgerMismatchError: Ledger owner='ana' does not fit: the statement is for 'bob'.
    """

    owner: str
    currency: str
    draw_balance: Money
    paid_to_date: Money
    year: Period | None = None
    through: _dt.date | None = None

    @classmethod
    def opening(cls, owner: str, currency: str) -> Ledger:
        """An empty ledger: nothing advanced, nothing paid yet."""
        zero = Money.zero(currency)
        return cls(owner, currency, zero, zero)

    def check(self, owner: str, currency: str, period: Period) -> None:
        """Raise :class:`~accountcore.errors.LedgerMismatchError` unless this
        ledger can carry into ``owner``'s statement for ``period``.

        >>> import datetime
        >>> done = attrs.evolve(Ledger.opening("ana", "EUR"), through=datetime.date(2026, 2, 1))
        >>> done.check("ana", "EUR", Period.month(2026, 1))
        Traceback (most recent call last):
        ...
        accountcore.errors.LedgerMismatchError: Ledger through=datetime.date(2026, 2, 1) does not fit: period 2026-01 starts before it: that period was already calculated.
        """
        if self.owner != owner:
            raise LedgerMismatchError(
                "owner", self.owner, f"the statement is for {owner!r}"
            )
        if self.currency != currency:
            raise LedgerMismatchError(
                "currency", self.currency, f"the plan pays in {currency}"
            )
        if self.through is not None and period.start < self.through:
            raise LedgerMismatchError(
                "through",
                self.through,
                f"period {period} starts before it: that period was already calculated",
            )


_ledger: Callable[[str, str, Money, Money, Period | None, _dt.date | None], Ledger] = (
    builder(Ledger)
)
"""A :class:`Ledger` from values the calculation already checked (the hot
path of a team calculation), fields in order."""
