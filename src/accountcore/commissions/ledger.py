"""The commission ledger: what carries from one period to the next.

A :class:`Ledger` holds an owner's outstanding draw balance (advanced but not
yet earned back), the variable pay already paid and the basis credited in
the current fiscal year (for year-to-date true-up), and what each deal
earned (:class:`DealPay`, so that a clawback in a later period takes back
what was paid). Each statement carries the ledger to pass to the next
period's calculation.

>>> ledger = Ledger.opening("ana", "EUR")
>>> ledger.draw_balance, ledger.paid_to_date, ledger.credited_to_date, dict(ledger.deals)
(Money('0', 'EUR'), Money('0', 'EUR'), Money('0', 'EUR'), {})
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterator, Mapping
from typing import Any

import attrs

from accountcore._fast import builder
from accountcore.commissions.errors import LedgerMismatchError
from accountcore.money import Money
from accountcore.periods import Period

__all__ = ["DealPay", "Ledger"]


@attrs.frozen
class DealPay:
    """What one deal earned its owner, as the ledger remembers it.

    ``credited`` is the weighted credited amount that counted (in the plan's
    currency), ``earned`` the variable pay attributed to the deal (rounded
    to the cent), ``period`` the period it was first paid in. A clawback
    takes back ``earned × clawed / credited`` and lowers both.

    >>> DealPay(Money("10000", "EUR"), Money("800.00", "EUR"), Period.quarter(2026, 1)).earned
    Money('800.00', 'EUR')
    """

    credited: Money
    earned: Money
    period: Period


class DealBook(Mapping[str, DealPay]):
    """The ledger's deals: an immutable mapping deal id → :class:`DealPay`.

    A statement's book may be filled on first access (attributing the
    period's pay to its deals costs a pass over the owner's credits, which a
    team calculation does not spend unless the book is read); it compares,
    hashes and serialises as the plain mapping it is.

    >>> book = DealBook({"D-1": DealPay(Money("10", "EUR"), Money("1.00", "EUR"), Period.month(2026, 1))})
    >>> len(book), book["D-1"].earned, book == {"D-1": book["D-1"]}
    (1, Money('1.00', 'EUR'), True)
    """

    __slots__ = ("_data", "_load")

    def __init__(self, data: Mapping[str, DealPay] | None = None) -> None:
        self._data: dict[str, DealPay] | None = dict(data) if data else {}
        self._load: Callable[[], dict[str, DealPay]] | None = None

    @staticmethod
    def lazy(load: Callable[[], dict[str, DealPay]]) -> DealBook:
        """A book whose entries ``load()`` gives on first access (a team
        calculation makes one per owner: no ``__init__``)."""
        book: DealBook = _new(DealBook)
        _set_data(book, None)
        _set_load(book, load)
        return book

    def _entries(self) -> dict[str, DealPay]:
        data = self._data
        if data is None:
            load = self._load
            assert load is not None
            data = self._data = load()
            self._load = None
        return data

    def __getitem__(self, deal: str) -> DealPay:
        return self._entries()[deal]

    def __iter__(self) -> Iterator[str]:
        return iter(self._entries())

    def __len__(self) -> int:
        return len(self._entries())

    def __contains__(self, deal: object) -> bool:
        return deal in self._entries()

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DealBook):
            return self._entries() == other._entries()
        if isinstance(other, Mapping):
            return self._entries() == dict(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(frozenset(self._entries().items()))

    def __repr__(self) -> str:
        return repr(self._entries())

    def __reduce__(self) -> tuple[Any, ...]:
        return (DealBook, (self._entries(),))


_new = object.__new__
_set_data = DealBook.__dict__["_data"].__set__  # the slots' setters
_set_load = DealBook.__dict__["_load"].__set__


def _book(value: Mapping[str, DealPay] | None) -> DealBook:
    if isinstance(value, DealBook):
        return value
    return DealBook(value)


_NO_DEALS = DealBook()


def _zero_of(ledger: Ledger) -> Money:
    return Money.zero(ledger.currency)


@attrs.frozen
class Ledger:
    """Balances carried between an owner's statements.

    ``through`` is the end (exclusive) of the last period calculated: a
    period starting before it has already been paid and is refused.
    ``year`` is the fiscal year ``paid_to_date`` and ``credited_to_date``
    (the weighted credited basis of the year through ``through``) belong
    to; a new fiscal year starts them again from zero (the draw balance
    carries over). ``deals`` remembers what each deal paid in the current
    and the previous fiscal year earned (older deals are dropped when the
    ledger rolls into a new fiscal year).

    >>> import datetime
    >>> ledger = Ledger.opening("ana", "EUR")
    >>> ledger.check("bob", "EUR", Period.month(2026, 1))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.LedgerMismatchError: Ledger owner='ana' does not fit: the statement is for 'bob'.
    """

    owner: str
    currency: str
    draw_balance: Money
    paid_to_date: Money
    year: Period | None = None
    through: _dt.date | None = None
    credited_to_date: Money = attrs.field(
        default=attrs.Factory(_zero_of, takes_self=True)
    )
    deals: Mapping[str, DealPay] = attrs.field(default=_NO_DEALS, converter=_book)

    @classmethod
    def opening(cls, owner: str, currency: str) -> Ledger:
        """An empty ledger: nothing advanced, nothing paid yet.

        Pass it to say explicitly that nothing was paid before, e.g. for a
        year-to-date statement of a later period for a new hire.
        """
        zero = Money.zero(currency)
        return cls(owner, currency, zero, zero, credited_to_date=zero)

    def check(self, owner: str, currency: str, period: Period) -> None:
        """Raise :class:`~accountcore.commissions.errors.LedgerMismatchError` unless this
        ledger can carry into ``owner``'s statement for ``period``.

        >>> import datetime
        >>> done = attrs.evolve(Ledger.opening("ana", "EUR"), through=datetime.date(2026, 2, 1))
        >>> done.check("ana", "EUR", Period.month(2026, 1))
        Traceback (most recent call last):
        ...
        accountcore.commissions.errors.LedgerMismatchError: Ledger through=datetime.date(2026, 2, 1) does not fit: period 2026-01 starts before it: that period was already calculated.
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


_ledger: Callable[
    [str, str, Money, Money, Period | None, _dt.date | None, Money, DealBook],
    Ledger,
] = builder(Ledger)
"""A :class:`Ledger` from values the calculation already checked (the hot
path of a team calculation), fields in order."""
