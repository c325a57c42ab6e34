"""Contracts and their renewals.

A :class:`Contract` is what a won deal turns into when the client buys
for a time: a client, an owner, a first and a last day, a value per
billing period (month, quarter or year) and its renewal terms:

- ``AUTOMATIC``: it renews itself for another term; nothing to decide;
- ``NOTICE``: it renews itself unless notice is given ``notice_days``
  before its last day, so the day to act is the notice date;
- ``NONE``: it simply ends; keeping the client needs a renewal deal.

From contracts come the renewals due in a window (:func:`renewals_due`),
the renewal deal of a contract (:func:`renewal_deal`, of type
:attr:`~accountcore.pipeline.DealType.RENEWAL`) and the contracted
recurring revenue per owner in a period (:func:`contracted_revenue`).
docs/contracts.md works through them with hand-checked numbers.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> k = Contract("K-1", "C-1", "anna", dt.date(2026, 1, 1), dt.date(2026, 12, 31),
...              Money("12000.00", "EUR"), per=BillingPeriod.YEAR,
...              renewal=RenewalTerms.NOTICE, notice_days=60)
>>> k.expires_on, k.notice_by
(datetime.date(2026, 12, 31), datetime.date(2026, 11, 1))
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping

import attrs

from accountcore.errors import check_choice, check_items, check_type
from accountcore.i18n import Message
from accountcore.money import Money
from accountcore.periods import Period, as_date
from accountcore.pipeline.deal import Deal
from accountcore.pipeline.deal_types import DealType
from accountcore.pipeline.errors import ContractError
from accountcore.pipeline.machine import Pipeline
from accountcore.pipeline.stages import Outcome

__all__ = [
    "BillingPeriod",
    "Contract",
    "RenewalDue",
    "RenewalTerms",
    "contracted_revenue",
    "renewal_deal",
    "renewal_terms_label",
    "renewals_due",
]

_DAY = _dt.timedelta(days=1)


class RenewalTerms(enum.Enum):
    """How a contract goes on after its last day.

    >>> RenewalTerms("notice").renews_itself, RenewalTerms.NONE.renews_itself
    (True, False)
    """

    AUTOMATIC = "automatic"
    NOTICE = "notice"
    NONE = "none"

    @property
    def renews_itself(self) -> bool:
        """Whether the contract goes on unless someone acts (automatic or
        notice terms).

        >>> RenewalTerms.AUTOMATIC.renews_itself
        True
        """
        return self is not RenewalTerms.NONE


class BillingPeriod(enum.Enum):
    """The period a contract's value is given for.

    >>> BillingPeriod.QUARTER.months
    3
    """

    MONTH = "month"
    QUARTER = "quarter"
    YEAR = "year"

    @property
    def months(self) -> int:
        """How many calendar months the billing period holds.

        >>> BillingPeriod.YEAR.months
        12
        """
        return _MONTHS[self]


_MONTHS = {BillingPeriod.MONTH: 1, BillingPeriod.QUARTER: 3, BillingPeriod.YEAR: 12}


def renewal_terms_label(terms: RenewalTerms | str) -> Message:
    """The translated name of renewal terms
    (``pipeline.renewal_terms.<value>``).

    >>> renewal_terms_label("notice").render("et_EE")
    'Pikeneb, kui ei ütle üles'
    """
    kind = check_choice("renewal", terms, RenewalTerms)
    return Message.of(f"pipeline.renewal_terms.{kind.value}")


def _text(contract: Contract, name: str, value: object) -> None:
    if not isinstance(value, str) or not value.strip():
        raise ContractError(str(contract.id), name, value, "expected a non-blank text")


@attrs.frozen
class Contract:
    """A client's contract: from ``start`` to ``end`` (both days inside),
    worth ``value`` per billing period ``per``, renewing on ``renewal``
    terms, made from the won deal ``deal_id`` where known.

    ``notice_days`` is the notice period of ``NOTICE`` terms (positive) and
    0 for the others.

    >>> import datetime as dt
    >>> Contract("K-2", "C-1", "anna", dt.date(2026, 3, 1), dt.date(2026, 2, 1), Money("10", "EUR"))
    Traceback (most recent call last):
    ...
    accountcore.pipeline.errors.ContractError: Contract 'K-2': end=datetime.date(2026, 2, 1) is invalid (a contract ends on or after its start, 2026-03-01).
    """

    id: str
    client_id: str
    owner: str
    start: _dt.date
    end: _dt.date
    value: Money
    per: BillingPeriod = BillingPeriod.MONTH
    renewal: RenewalTerms = RenewalTerms.NONE
    notice_days: int = 0
    deal_id: str | None = None

    def __attrs_post_init__(self) -> None:
        for name in ("id", "client_id", "owner"):
            _text(self, name, getattr(self, name))
        if self.deal_id is not None:
            _text(self, "deal_id", self.deal_id)
        start, end = as_date(self.start, "start"), as_date(self.end, "end")
        if end < start:
            raise ContractError(
                self.id, "end", end, f"a contract ends on or after its start, {start}"
            )
        value = check_type("value", self.value, Money)
        if value.amount < 0:
            raise ContractError(
                self.id, "value", value, "a contract's value is zero or more"
            )
        check_choice("per", self.per, BillingPeriod)
        terms = check_choice("renewal", self.renewal, RenewalTerms)
        days = check_type("notice_days", self.notice_days, int)
        if terms is RenewalTerms.NOTICE and not 0 < days < (end - start).days + 1:
            raise ContractError(
                self.id,
                "notice_days",
                days,
                "notice terms need a positive notice period shorter than the term",
            )
        if terms is not RenewalTerms.NOTICE and days != 0:
            raise ContractError(
                self.id,
                "notice_days",
                days,
                f"only notice terms have a notice period ({terms.value} terms: 0)",
            )

    @classmethod
    def from_deal(
        cls,
        deal: Deal,
        *,
        id: str,
        start: _dt.date,
        end: _dt.date,
        value: Money,
        per: BillingPeriod | str = BillingPeriod.MONTH,
        renewal: RenewalTerms | str = RenewalTerms.NONE,
        notice_days: int = 0,
    ) -> Contract:
        """The contract a won deal turns into: its client and owner, linked
        to it by ``deal_id``.

        >>> import datetime as dt, pendulum
        >>> p = Pipeline.default()
        >>> t0 = pendulum.datetime(2026, 1, 5, tz="UTC")
        >>> deal = p.new_deal("D-1", client_id="C-1", owner="anna", at=t0, by="anna")
        >>> Contract.from_deal(deal, id="K-1", start=dt.date(2026, 2, 1), end=dt.date(2027, 1, 31),
        ...                    value=Money("500", "EUR"))
        Traceback (most recent call last):
        ...
        accountcore.pipeline.errors.ContractError: Contract 'K-1': deal_id='D-1' is invalid (the deal is open; a contract is made from a won deal).
        """
        check_type("deal", deal, Deal)
        if deal.outcome is not Outcome.WON:
            raise ContractError(
                id,
                "deal_id",
                deal.id,
                f"the deal is {deal.outcome.value}; a contract is made from a won deal",
            )
        return cls(
            id,
            deal.client_id,
            deal.owner,
            start,
            end,
            value,
            check_choice("per", per, BillingPeriod),
            check_choice("renewal", renewal, RenewalTerms),
            notice_days,
            deal.id,
        )

    @property
    def expires_on(self) -> _dt.date:
        """The contract's last day.

        >>> import datetime as dt
        >>> Contract("K", "C", "a", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Money("1", "EUR")).expires_on
        datetime.date(2026, 6, 30)
        """
        return self.end

    @property
    def notice_by(self) -> _dt.date | None:
        """The last day to give notice (``notice_days`` before the last
        day), for notice terms; ``None`` for the others.

        >>> import datetime as dt
        >>> Contract("K", "C", "a", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Money("1", "EUR"),
        ...          renewal=RenewalTerms.NOTICE, notice_days=30).notice_by
        datetime.date(2026, 5, 31)
        """
        if self.renewal is not RenewalTerms.NOTICE:
            return None
        return self.end - _dt.timedelta(days=self.notice_days)

    @property
    def decide_by(self) -> _dt.date:
        """The last day to act on the renewal: the notice date under notice
        terms, else the last day.

        >>> import datetime as dt
        >>> Contract("K", "C", "a", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Money("1", "EUR")).decide_by
        datetime.date(2026, 6, 30)
        """
        notice = self.notice_by
        return self.end if notice is None else notice

    @property
    def term(self) -> Period:
        """The days the contract runs, as a half-open period.

        >>> import datetime as dt
        >>> str(Contract("K", "C", "a", dt.date(2026, 1, 1), dt.date(2026, 12, 31), Money("1", "EUR")).term)
        '2026'
        """
        return Period(self.start, self.end + _DAY)

    def is_active(self, day: _dt.date) -> bool:
        """Whether the contract runs on ``day``.

        >>> import datetime as dt
        >>> k = Contract("K", "C", "a", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Money("1", "EUR"))
        >>> k.is_active(dt.date(2026, 6, 30)), k.is_active(dt.date(2026, 7, 1))
        (True, False)
        """
        return self.start <= as_date(day, "day") <= self.end

    def revenue_in(self, period: Period) -> Money:
        """What the contract brings in ``period``, unrounded: in each
        calendar month, the monthly value (``value`` ÷ the billing period's
        months) times the share of the month's days the contract runs,
        multiplied first and divided once.

        >>> import datetime as dt
        >>> k = Contract("K", "C", "a", dt.date(2026, 2, 15), dt.date(2027, 2, 14), Money("450.00", "EUR"))
        >>> k.revenue_in(Period.month(2026, 2))  # 450.00 × 14 days ÷ (28 days × 1 month)
        Money('225.00', 'EUR')
        """
        check_type("period", period, Period)
        shared = period.intersection(self.term)
        total = Money.zero(self.value.currency)
        if shared is None:
            return total
        months = self.per.months
        for month in shared.months():
            whole = Period.month(month.start.year, month.start.month)
            total += (self.value * month.days) / (whole.days * months)
        return total


@attrs.frozen
class RenewalDue:
    """A contract whose renewal must be acted on by ``decide_by``.

    >>> import datetime as dt
    >>> k = Contract("K-1", "C-1", "anna", dt.date(2026, 1, 1), dt.date(2026, 6, 30), Money("1", "EUR"))
    >>> RenewalDue.of(k).days_left(dt.date(2026, 6, 1))
    29
    """

    contract: Contract
    expires_on: _dt.date
    notice_by: _dt.date | None
    decide_by: _dt.date
    renews_itself: bool

    @classmethod
    def of(cls, contract: Contract) -> RenewalDue:
        """The renewal of ``contract`` as its dates give it."""
        return cls(
            contract,
            contract.expires_on,
            contract.notice_by,
            contract.decide_by,
            contract.renewal.renews_itself,
        )

    def days_left(self, today: _dt.date) -> int:
        """Days from ``today`` to the day to act (negative when past)."""
        return (self.decide_by - as_date(today, "today")).days


def renewals_due(
    contracts: Iterable[Contract], within: Period
) -> tuple[RenewalDue, ...]:
    """The renewals to act on inside ``within``: every contract whose day
    to act (:attr:`Contract.decide_by`) falls in it, earliest first (then by
    id). Automatic renewals are listed too (``renews_itself``): nothing must
    be done, but the account manager hears of them.

    >>> import datetime as dt
    >>> ks = [Contract("K-1", "C-1", "anna", dt.date(2025, 7, 1), dt.date(2026, 6, 30), Money("1", "EUR")),
    ...       Contract("K-2", "C-2", "anna", dt.date(2025, 9, 1), dt.date(2026, 8, 31), Money("1", "EUR"),
    ...                renewal=RenewalTerms.NOTICE, notice_days=90)]
    >>> [(r.contract.id, str(r.decide_by)) for r in renewals_due(ks, Period.quarter(2026, 2))]
    [('K-2', '2026-06-02'), ('K-1', '2026-06-30')]
    """
    check_type("within", within, Period)
    due = [
        RenewalDue.of(contract)
        for contract in check_items("contracts", contracts, Contract)
        if contract.decide_by in within
    ]
    due.sort(key=lambda r: (r.decide_by, r.contract.id))
    return tuple(due)


def renewal_deal(
    contract: Contract,
    pipeline: Pipeline,
    *,
    id: str,
    at: _dt.datetime,
    by: str,
    amount: Money | None = None,
) -> Deal:
    """A new renewal deal for ``contract``: its client and owner, of type
    :attr:`~accountcore.pipeline.DealType.RENEWAL`, expected to close by the
    day to act, worth ``amount`` (by default the contract's value over one
    more term of the same length, rounded to the cent).

    >>> import datetime as dt, pendulum
    >>> k = Contract("K-1", "C-1", "anna", dt.date(2026, 1, 1), dt.date(2026, 12, 31),
    ...              Money("1000.00", "EUR"))
    >>> d = renewal_deal(k, Pipeline.default(), id="D-9", at=pendulum.datetime(2026, 10, 1, tz="UTC"), by="anna")
    >>> d.deal_type, d.amount, d.expected_close  # 12 months × 1000.00
    (<DealType.RENEWAL: 'renewal'>, Money('12000.00', 'EUR'), datetime.date(2026, 12, 31))
    """
    check_type("contract", contract, Contract)
    check_type("pipeline", pipeline, Pipeline)
    if amount is None:
        amount = contract.revenue_in(contract.term).rounded()
    return pipeline.new_deal(
        id,
        client_id=contract.client_id,
        owner=contract.owner,
        at=at,
        by=by,
        amount=amount,
        expected_close=contract.decide_by,
        deal_type=DealType.RENEWAL,
    )


def contracted_revenue(
    contracts: Iterable[Contract], period: Period
) -> Mapping[str, Money]:
    """The contracted recurring revenue of each owner in ``period``: the
    sum of :meth:`Contract.revenue_in` over the owner's contracts, rounded
    half up to the minor unit once per owner (the one rounding point).
    Owners without a running contract are left out; an owner's contracts
    must share a currency (else :class:`~accountcore.errors.CurrencyMismatchError`).

    >>> import datetime as dt
    >>> ks = [Contract("K-1", "C-1", "anna", dt.date(2026, 1, 1), dt.date(2026, 12, 31),
    ...                Money("12000.00", "EUR"), per=BillingPeriod.YEAR),
    ...       Contract("K-2", "C-2", "anna", dt.date(2026, 2, 15), dt.date(2027, 2, 14),
    ...                Money("450.00", "EUR"))]
    >>> contracted_revenue(ks, Period.quarter(2026, 1))  # 3 × 1000.00 + (225.00 + 450.00)
    {'anna': Money('3675.00', 'EUR')}
    """
    check_type("period", period, Period)
    totals: dict[str, Money] = {}
    for contract in check_items("contracts", contracts, Contract):
        if not contract.term.overlaps(period):
            continue
        part = contract.revenue_in(period)
        known = totals.get(contract.owner)
        totals[contract.owner] = part if known is None else known + part
    return {owner: totals[owner].rounded() for owner in sorted(totals)}
