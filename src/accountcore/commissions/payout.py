"""Pay when the client pays: holds, releases, disputes and adjustments.

A plan says what an owner **earned**; the payout says when it is **paid**.
:func:`settle` takes a calculated :class:`CommissionStatement` and, by the
:class:`Payout` setting kept with the plan (:class:`PayOn`):

* ``INVOICE``: pays what was earned at once (nothing is held);
* ``FULL_PAYMENT``: holds the pay earned on each invoice until the client
  has paid that invoice in full;
* ``PRO_RATA``: holds it and releases it in proportion to what the client
  has paid (rounded down to the cent, the last cent with the last payment).

The period's earned pay (:attr:`CommissionStatement.earned`) is spread over
the invoices issued in the period in proportion to their amounts (to the
cent: the parts add up to the pay). Each invoice's share is a :class:`Hold`
on the :class:`PayoutLedger`, which carries to the next period; a payment
in a later period releases there. Every hold, release and adjustment is a
line of the statement with a message in six languages.

A :class:`Dispute` is raised against a line of a statement and resolved
with an :class:`Adjustment` (amount, reason, author, date); the first
statement settled after the resolution shows it, once: the ledger
remembers which adjustments it paid.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.commissions.components import FlatRate
>>> from accountcore.commissions.credits import Credit
>>> from accountcore.commissions.plan import CommissionPlan
>>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.10"),))
>>> january = Period.month(2026, 1)
>>> credit = Credit("D-1", "C-1", "ana", Money("1000", "EUR"), dt.date(2026, 1, 10))
>>> statement = plan.calculate([credit], period=january)
>>> invoice = Invoice("I-1", "D-1", Money("1000", "EUR"), dt.date(2026, 1, 10))
>>> paid = [Payment("I-1", Money("250", "EUR"), dt.date(2026, 1, 25))]
>>> done = settle(statement, Payout(PayOn.PRO_RATA), invoices=[invoice], payments=paid)
>>> [str(line.amount) for line in done.statement.lines]   # 100 earned, 25 % paid
['100.00 EUR', '-100.00 EUR', '25.00 EUR']
>>> done.statement.total, done.ledger.held
(Money('25.00', 'EUR'), Money('75.00', 'EUR'))
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Sequence
from decimal import ROUND_DOWN, Decimal

import attrs

from accountcore.commissions.errors import (
    DisputeError,
    InvalidCreditError,
    LedgerMismatchError,
)
from accountcore.commissions.statement import (
    CommissionStatement,
    LineKind,
    StatementLine,
)
from accountcore.errors import (
    CurrencyMismatchError,
    check_choice,
    check_items,
    check_type,
)
from accountcore.i18n import Message
from accountcore.money import Money
from accountcore.periods import Period

__all__ = [
    "Adjustment",
    "DeferredBonus",
    "Dispute",
    "Hold",
    "Invoice",
    "PayOn",
    "Payment",
    "Payout",
    "PayoutLedger",
    "RewardInKind",
    "Settlement",
    "settle",
]

_ZERO = Decimal(0)


class PayOn(enum.Enum):
    """When earned pay is paid out.

    >>> PayOn("pro_rata").holds, PayOn.INVOICE.holds
    (True, False)
    """

    INVOICE = "invoice"
    FULL_PAYMENT = "full_payment"
    PRO_RATA = "pro_rata"

    @property
    def holds(self) -> bool:
        """Whether pay earned on an invoice waits for the client's payment."""
        return self is not PayOn.INVOICE


def _pay_on(value: object) -> PayOn:
    return check_choice("pay_on", value, PayOn)


@attrs.frozen
class Payout:
    """The plan's payout setting: when what the plan earns is paid.

    Kept beside the :class:`~accountcore.commissions.plan.CommissionPlan`
    (the same plan can be paid on invoice in one company and on payment in
    another), so what a plan earns, the column engine and stored plans do
    not change; :func:`settle` applies it to the plan's statements.

    >>> Payout("full_payment").pay_on
    <PayOn.FULL_PAYMENT: 'full_payment'>
    >>> Payout("later")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidChoiceError: pay_on='later' is not a valid choice: expected one of 'full_payment', 'invoice', 'pro_rata'.
    """

    pay_on: PayOn = attrs.field(default=PayOn.INVOICE, converter=_pay_on)


def _text(name: str, value: object) -> str:
    text = check_type(name, value, str)
    if not text.strip():
        raise InvalidCreditError(name, value, "a non-empty str")
    return text


def _positive(name: str, value: object) -> Money:
    money = check_type(name, value, Money)
    if money.amount <= 0:
        raise InvalidCreditError(name, money, "an amount above zero")
    return money


@attrs.frozen
class Invoice:
    """An invoice to the client for (part of) a deal: the pay earned on it
    waits for its payment.

    >>> Invoice("I-1", "D-1", Money("0", "EUR"), _dt.date(2026, 1, 5))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.InvalidCreditError: amount=Money('0', 'EUR') is invalid: expected an amount above zero.
    """

    id: str
    deal: str
    amount: Money
    issued_on: _dt.date

    def __attrs_post_init__(self) -> None:
        _text("id", self.id)
        _text("deal", self.deal)
        _positive("amount", self.amount)
        check_type("issued_on", self.issued_on, _dt.date)


@attrs.frozen
class Payment:
    """A payment the client made on an invoice, in the invoice's currency.

    >>> Payment("I-1", Money("250", "EUR"), _dt.date(2026, 1, 25)).amount
    Money('250', 'EUR')
    """

    invoice: str
    amount: Money
    paid_on: _dt.date

    def __attrs_post_init__(self) -> None:
        _text("invoice", self.invoice)
        _positive("amount", self.amount)
        check_type("paid_on", self.paid_on, _dt.date)


@attrs.frozen
class Hold:
    """Pay earned on one invoice and not yet all released.

    ``earned`` is the pay the invoice carries, ``released`` what was paid
    of it so far; ``invoiced`` is the invoice's amount (what the client
    owes), ``period`` the period the pay was earned in.

    >>> h = Hold("I-1", "D-1", Period.month(2026, 1), Money("100.00", "EUR"), Money("25.00", "EUR"), Money("1000", "EUR"))
    >>> h.held
    Money('75.00', 'EUR')
    """

    invoice: str
    deal: str
    period: Period
    earned: Money
    released: Money
    invoiced: Money

    @property
    def held(self) -> Money:
        """What is still held: earned less released."""
        return self.earned - self.released


def _holds(values: Iterable[Hold]) -> tuple[Hold, ...]:
    return tuple(sorted(values, key=lambda hold: hold.invoice))


def _ids(values: Iterable[str]) -> frozenset[str]:
    return frozenset(values)


@attrs.frozen
class PayoutLedger:
    """What the payout carries from one period to the next: the holds not
    yet released, the adjustments already paid and the rewards already
    given.

    >>> ledger = PayoutLedger.opening("ana", "EUR")
    >>> ledger.held, ledger.holds, ledger.adjusted
    (Money('0', 'EUR'), (), frozenset())
    """

    owner: str
    currency: str
    holds: tuple[Hold, ...] = attrs.field(default=(), converter=_holds)
    adjusted: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    through: _dt.date | None = None
    rewarded: frozenset[str] = attrs.field(default=frozenset(), converter=_ids)
    """The deferred bonuses and rewards in kind already on a statement."""

    @classmethod
    def opening(cls, owner: str, currency: str) -> PayoutLedger:
        """An empty ledger: nothing held, nothing adjusted yet."""
        return cls(owner, currency)

    @property
    def held(self) -> Money:
        """Everything still held, over all invoices."""
        total = Money.zero(self.currency)
        for hold in self.holds:
            total += hold.held
        return total


@attrs.frozen
class Adjustment:
    """A manual adjustment: the amount paid (or taken back, negative), why,
    who decided and when.

    >>> Adjustment(Money("40.00", "EUR"), "deal D-7 was left out", "mia", _dt.date(2026, 2, 12)).author
    'mia'
    """

    amount: Money
    reason: str
    author: str
    on: _dt.date

    def __attrs_post_init__(self) -> None:
        check_type("amount", self.amount, Money)
        _text("reason", self.reason)
        _text("author", self.author)
        check_type("on", self.on, _dt.date)


@attrs.frozen
class Dispute:
    """An owner's dispute of one line of a statement, and how it was
    resolved (``adjustment``; ``None`` while it is open).

    ``line`` is the line's number in the statement (from 1), ``component``
    and ``amount`` what the line said.

    >>> d = Dispute("X-1", "ana", Period.month(2026, 1), 1, "commission", Money("100.00", "EUR"),
    ...             "ana", _dt.date(2026, 2, 3), "deal D-7 is missing")
    >>> d.is_open, d.resolve(Money("40.00", "EUR"), "D-7 added", "mia", _dt.date(2026, 2, 12)).is_open
    (True, False)
    """

    id: str
    owner: str
    period: Period
    line: int
    component: str
    amount: Money
    raised_by: str
    raised_on: _dt.date
    reason: str
    adjustment: Adjustment | None = None

    @classmethod
    def against(  # noqa: PLR0917 (what a dispute records)
        cls,
        statement: CommissionStatement,
        line: int,
        id: str,
        by: str,
        on: _dt.date,
        reason: str,
    ) -> Dispute:
        """A dispute of line ``line`` (from 1) of ``statement``.

        >>> from accountcore.commissions.ledger import Ledger
        >>> empty = CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
        >>> Dispute.against(empty, 3, "X-1", "ana", _dt.date(2026, 2, 3), "why?")
        Traceback (most recent call last):
        ...
        accountcore.commissions.errors.DisputeError: Dispute 'X-1' cannot be raised: the statement of 'ana' for 2026-01 has no line 3 (it has 0 lines).
        """
        check_type("statement", statement, CommissionStatement)
        check_type("line", line, int)
        _text("id", id)
        if not 1 <= line <= len(statement.lines):
            raise DisputeError(
                id,
                "raised",
                f"the statement of {statement.owner!r} for {statement.period} has "
                f"no line {line} (it has {len(statement.lines)} lines)",
            )
        disputed = statement.lines[line - 1]
        return cls(
            id,
            statement.owner,
            statement.period,
            line,
            disputed.component,
            disputed.amount,
            _text("by", by),
            check_type("on", on, _dt.date),
            _text("reason", reason),
        )

    @property
    def is_open(self) -> bool:
        """Whether the dispute still waits for its resolution."""
        return self.adjustment is None

    def resolve(self, amount: Money, reason: str, author: str, on: _dt.date) -> Dispute:
        """The dispute resolved by an adjustment of ``amount`` (zero when the
        line stands) on ``on``.

        >>> d = Dispute("X-1", "ana", Period.month(2026, 1), 1, "commission", Money("100.00", "EUR"),
        ...             "ana", _dt.date(2026, 2, 3), "deal D-7 is missing")
        >>> d.resolve(Money("1", "EUR"), "typo", "mia", _dt.date(2026, 2, 1))
        Traceback (most recent call last):
        ...
        accountcore.commissions.errors.DisputeError: Dispute 'X-1' cannot be resolved: on=2026-02-01 is before it was raised on 2026-02-03.
        """
        if self.adjustment is not None:
            raise DisputeError(
                self.id,
                "resolved",
                f"it was resolved on {self.adjustment.on} already",
            )
        adjustment = Adjustment(amount, reason, author, on)
        if on < self.raised_on:
            raise DisputeError(
                self.id,
                "resolved",
                f"on={on} is before it was raised on {self.raised_on}",
            )
        if amount.currency != self.amount.currency:
            raise CurrencyMismatchError("resolve a dispute of", self.amount, amount)
        return attrs.evolve(self, adjustment=adjustment)


@attrs.frozen
class DeferredBonus:
    """A bonus granted now and paid later: when ``vests_on`` has come, and
    once ``condition`` (if any) was met (``met_on``). The first statement
    settled after both shows it, once.

    >>> b = DeferredBonus("B-1", "ana", Money("500", "EUR"), _dt.date(2026, 1, 31),
    ...                   vests_on=_dt.date(2026, 6, 30), condition="still employed and Q2 quota met")
    >>> b.vested_before(_dt.date(2026, 7, 1)), b.met(_dt.date(2026, 7, 3)).vested_before(_dt.date(2026, 8, 1))
    (False, True)
    """

    id: str
    owner: str
    amount: Money
    granted_on: _dt.date
    vests_on: _dt.date | None = None
    condition: str | None = None
    met_on: _dt.date | None = None

    def __attrs_post_init__(self) -> None:
        _text("id", self.id)
        _text("owner", self.owner)
        _positive("amount", self.amount)
        check_type("granted_on", self.granted_on, _dt.date)
        if self.vests_on is not None and self.vests_on < self.granted_on:
            raise InvalidCreditError(
                "vests_on",
                self.vests_on,
                f"a date on or after granted_on={self.granted_on}",
            )
        if self.condition is not None:
            _text("condition", self.condition)

    def met(self, on: _dt.date) -> DeferredBonus:
        """The bonus with its condition met on ``on``."""
        check_type("on", on, _dt.date)
        if self.condition is None:
            raise InvalidCreditError(
                "met_on", on, f"no date: bonus {self.id!r} has no condition to meet"
            )
        return attrs.evolve(self, met_on=on)

    def vested_before(self, end: _dt.date) -> bool:
        """Whether the bonus has vested before ``end`` (exclusive)."""
        if self.vests_on is not None and self.vests_on >= end:
            return False
        if self.condition is None:
            return self.granted_on < end
        return self.met_on is not None and self.met_on < end


@attrs.frozen
class RewardInKind:
    """A reward given in kind (a trip, a device, a dinner), recorded on the
    statement at its value on the day it is given; not paid in cash
    (:attr:`Settlement.cash`).

    >>> RewardInKind("R-1", "ana", "weekend trip to Riga", Money("800", "EUR"), _dt.date(2026, 3, 14)).value
    Money('800', 'EUR')
    """

    id: str
    owner: str
    item: str
    value: Money
    given_on: _dt.date

    def __attrs_post_init__(self) -> None:
        _text("id", self.id)
        _text("owner", self.owner)
        _text("item", self.item)
        _positive("value", self.value)
        check_type("given_on", self.given_on, _dt.date)


@attrs.frozen
class Settlement:
    """A settled statement: the plan's lines then the holds, releases and
    adjustments (``total`` is what is paid), and the payout ledger to carry.

    >>> from accountcore.commissions.ledger import Ledger
    >>> empty = CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
    >>> settle(empty, Payout()).ledger.through
    datetime.date(2026, 2, 1)
    """

    statement: CommissionStatement
    ledger: PayoutLedger

    @property
    def cash(self) -> Money:
        """What is paid in money: the total less the rewards in kind."""
        in_kind = Money.zero(self.statement.currency)
        for line in self.statement.lines:
            if line.kind is LineKind.IN_KIND:
                in_kind += line.amount
        return self.statement.total - in_kind


def settle(
    statement: CommissionStatement,
    payout: Payout,
    *,
    invoices: Iterable[Invoice] = (),
    payments: Iterable[Payment] = (),
    ledger: PayoutLedger | None = None,
    disputes: Iterable[Dispute] = (),
    rewards: Iterable[DeferredBonus | RewardInKind] = (),
) -> Settlement:
    """The statement as paid: holds on the period's invoices, releases for
    the payments made by the period's end, adjustments of disputes
    resolved by then and not yet paid, deferred bonuses vested by then and
    rewards in kind given in the period (each shown once).

    ``invoices`` and ``payments`` may hold any periods' (those issued or
    paid after the period are not yet counted); pass every payment made so
    far on the invoices held: a release is what the payments to date
    release less what was released before. ``ledger`` is the one the
    previous settlement carried (none: nothing held before).

    >>> from accountcore.commissions.ledger import Ledger
    >>> empty = CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
    >>> settle(empty, Payout(), ledger=PayoutLedger.opening("bob", "EUR"))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.LedgerMismatchError: Ledger owner='bob' does not fit: the statement is for 'ana'.
    """
    check_type("statement", statement, CommissionStatement)
    check_type("payout", payout, Payout)
    owner, currency, period = statement.owner, statement.currency, statement.period
    bills = check_items("invoices", invoices, Invoice)
    paid = check_items("payments", payments, Payment)
    cases = check_items("disputes", disputes, Dispute)
    given: tuple[DeferredBonus | RewardInKind, ...] = check_items(
        "rewards", rewards, (DeferredBonus, RewardInKind)
    )
    carried = _carried(ledger, owner, currency, period)
    for bill in bills:
        if bill.amount.currency != currency:
            raise CurrencyMismatchError(
                "hold pay against", bill.amount, Money.zero(currency)
            )
    lines: list[StatementLine] = []
    holds = list(carried.holds)
    if payout.pay_on.holds:
        fresh = _new_holds(statement, bills, period)
        lines += [_held_line(hold) for hold in fresh]
        holds += fresh
    kept: list[Hold] = []
    to_date = _paid_to_date(paid, {h.invoice: h for h in holds}, period.end)
    for carried_hold in holds:
        hold, line = _release(
            carried_hold, payout.pay_on, to_date.get(carried_hold.invoice)
        )
        if line is not None:
            lines.append(line)
        if hold.held.amount:
            kept.append(hold)
    adjusted = set(carried.adjusted)
    for case in sorted(cases, key=lambda d: d.id):
        line = _adjusted(case, owner, currency, period, adjusted)
        if line is not None:
            lines.append(line)
            adjusted.add(case.id)
    rewarded = set(carried.rewarded)
    for reward in sorted(given, key=lambda r: r.id):
        line = _rewarded(reward, owner, currency, period, rewarded)
        if line is not None:
            lines.append(line)
            rewarded.add(reward.id)
    settled = attrs.evolve(statement, lines=statement.lines + tuple(lines))
    ledger = PayoutLedger(owner, currency, kept, adjusted, period.end, rewarded)
    return Settlement(settled, ledger)


def _carried(
    ledger: PayoutLedger | None, owner: str, currency: str, period: Period
) -> PayoutLedger:
    """The ledger to settle on, checked to fit the statement."""
    if ledger is None:
        return PayoutLedger.opening(owner, currency)
    check_type("ledger", ledger, PayoutLedger)
    if ledger.owner != owner:
        raise LedgerMismatchError(
            "owner", ledger.owner, f"the statement is for {owner!r}"
        )
    if ledger.currency != currency:
        raise LedgerMismatchError(
            "currency", ledger.currency, f"the plan pays in {currency}"
        )
    if ledger.through is not None and period.start < ledger.through:
        raise LedgerMismatchError(
            "through",
            ledger.through,
            f"period {period} starts before it: that period was already settled",
        )
    return ledger


def _new_holds(
    statement: CommissionStatement, bills: Sequence[Invoice], period: Period
) -> list[Hold]:
    """The period's earned pay spread over its invoices by their amounts."""
    earned = statement.earned
    issued = sorted(
        (bill for bill in bills if period.contains(bill.issued_on)),
        key=lambda bill: bill.id,
    )
    if earned.amount <= 0 or not issued:
        return []
    shares = earned.rounded().allocate([bill.amount.amount for bill in issued])
    zero = Money.zero(statement.currency)
    return [
        Hold(bill.id, bill.deal, period, share, zero, bill.amount)
        for bill, share in zip(issued, shares, strict=True)
        if share.amount
    ]


def _paid_to_date(
    payments: Sequence[Payment], holds: dict[str, Hold], end: _dt.date
) -> dict[str, Decimal]:
    """What the client paid on each held invoice before ``end``."""
    sums: dict[str, Decimal] = {}
    for payment in payments:
        hold = holds.get(payment.invoice)
        if hold is None or payment.paid_on >= end:
            continue
        if payment.amount.currency != hold.invoiced.currency:
            raise CurrencyMismatchError("apply", payment.amount, hold.invoiced)
        sums[payment.invoice] = sums.get(payment.invoice, _ZERO) + payment.amount.amount
    return sums


def _release(
    hold: Hold, pay_on: PayOn, paid: Decimal | None
) -> tuple[Hold, StatementLine | None]:
    """The hold after the payments to date, and the line of its release."""
    if paid is None:
        return hold, None
    invoiced = hold.invoiced.amount
    earned = hold.earned
    if paid >= invoiced:
        due = earned
    elif pay_on is PayOn.PRO_RATA:  # multiply first, divide once, round down
        due = Money(earned.amount * paid / invoiced, earned.currency).rounded(
            ROUND_DOWN
        )
    else:
        due = Money.zero(earned.currency)
    step = due - hold.released
    if step.amount <= 0:
        return hold, None
    kept = attrs.evolve(hold, released=hold.released + step)
    shown = Money(min(paid, invoiced), hold.invoiced.currency)
    message = Message.of(
        "commissions.line.released",
        invoice=hold.invoice,
        paid=shown,
        invoiced=hold.invoiced,
    )
    line = StatementLine(
        "payout",
        LineKind.RELEASED,
        message.render("en_US"),
        step,
        shown.amount,
        shown.currency,
        None,
        (hold.deal,),
        message,
    )
    return kept, line


def _held_line(hold: Hold) -> StatementLine:
    message = Message.of(
        "commissions.line.payout_held", invoice=hold.invoice, invoiced=hold.invoiced
    )
    return StatementLine(
        "payout",
        LineKind.HELD,
        message.render("en_US"),
        -hold.earned,
        hold.invoiced.amount,
        hold.invoiced.currency,
        None,
        (hold.deal,),
        message,
    )


def _adjusted(
    case: Dispute, owner: str, currency: str, period: Period, paid: set[str]
) -> StatementLine | None:
    """The line of a dispute's adjustment, if this statement shows it."""
    adjustment = case.adjustment
    if (
        case.owner != owner
        or adjustment is None
        or case.id in paid
        or adjustment.on >= period.end
    ):
        return None
    if adjustment.amount.currency != currency:
        raise CurrencyMismatchError("pay", adjustment.amount, Money.zero(currency))
    message = Message.of(
        "commissions.line.adjustment",
        dispute=case.id,
        line=case.line,
        period=str(case.period),
        reason=adjustment.reason,
        author=adjustment.author,
        on=adjustment.on,
    )
    return StatementLine(
        "adjustment",
        LineKind.ADJUSTMENT,
        message.render("en_US"),
        adjustment.amount.rounded(),
        message=message,
    )


def _rewarded(
    reward: DeferredBonus | RewardInKind,
    owner: str,
    currency: str,
    period: Period,
    given: set[str],
) -> StatementLine | None:
    """The line of a vested bonus or a reward given, if this statement shows it."""
    if reward.owner != owner or reward.id in given:
        return None
    if isinstance(reward, DeferredBonus):
        if not reward.vested_before(period.end):
            return None
        amount, kind = reward.amount, LineKind.DEFERRED
        message = Message.of(
            "commissions.line.deferred_vested",
            reward=reward.id,
            granted=reward.granted_on,
        )
    else:
        if reward.given_on >= period.end:
            return None
        amount, kind = reward.value, LineKind.IN_KIND
        message = Message.of(
            "commissions.line.in_kind", item=reward.item, value=reward.value
        )
    if amount.currency != currency:
        raise CurrencyMismatchError("pay", amount, Money.zero(currency))
    return StatementLine(
        "reward",
        kind,
        message.render("en_US"),
        amount.rounded(),
        message=message,
    )
