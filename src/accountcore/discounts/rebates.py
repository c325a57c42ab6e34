"""Period rebates for key clients, paid as a credit note.

A :class:`Rebate` pays back a share of what a client bought in a period
(a year, usually) once its purchases pass a threshold: "2 % of the year's
purchases above 100,000 EUR". Its :class:`RebateTier`\\ s are thresholds
with a percent; how they apply is the :class:`RebateMethod`:

- ``MARGINAL`` (the default): each tier's percent on the part of the
  purchases between its threshold and the next, like income tax bands.
  One more euro of purchases never changes the rebate by more than one
  euro's share, so there is no cliff to game at a threshold.
- ``WHOLE_AMOUNT``: the highest tier passed pays its percent on *all*
  the purchases, the threshold included ("once above 100,000, 2 % of
  everything").

Purchases pass a threshold when they are strictly above it. Purchases in
another currency are converted at the rate of their own day
(:meth:`~accountcore.money.Money.convert`, unrounded); each line of the
rebate is rounded to the currency's minor unit, and the
:class:`CreditNote`'s amount is the sum of its rounded lines.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> annual = Rebate("annual", "EUR", [RebateTier(Money("100000", "EUR"), 2),
...                                   RebateTier(Money("250000", "EUR"), 3)])
>>> bought = [Purchase("C-1", datetime.date(2026, 3, 31), Money("180000", "EUR")),
...           Purchase("C-1", datetime.date(2026, 9, 30), Money("95000.50", "EUR"))]
>>> note = annual.settle("C-1", bought, period=Period.year(2026))
>>> note.purchases, note.amount       # 2 % x 150,000 + 3 % x 25,000.50 = 3,000 + 750.02
(Money('275000.50', 'EUR'), Money('3750.02', 'EUR'))
>>> for line in note.lines:
...     print(line.render("en"))
2% of €150,000.00 bought above €100,000.00: €3,000.00
3% of €25,000.50 bought above €250,000.00: €750.02
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable
from decimal import Decimal

import attrs

from accountcore.discounts.errors import QuoteLineError, SchemeDefinitionError
from accountcore.errors import ArgumentTypeError, MissingRateError, _short
from accountcore.i18n import Message, Percent
from accountcore.money import ExchangeRates, Money, to_decimal
from accountcore.periods import Period

__all__ = [
    "CreditNote",
    "Purchase",
    "Rebate",
    "RebateLine",
    "RebateMethod",
    "RebateTier",
    "rebate_method_label",
]

_HUNDRED = Decimal(100)


class RebateMethod(enum.Enum):
    """How a rebate's tiers apply (see the module): ``MARGINAL`` (the
    default) or ``WHOLE_AMOUNT``.

    >>> RebateMethod("whole_amount"), rebate_method_label(RebateMethod.MARGINAL).render("uk_UA")
    (<RebateMethod.WHOLE_AMOUNT: 'whole_amount'>, 'Поступово (на суму понад поріг)')
    """

    MARGINAL = "marginal"
    WHOLE_AMOUNT = "whole_amount"


def rebate_method_label(method: RebateMethod | str) -> Message:
    """The translated name of a rebate method
    (``discounts.rebate.method.<value>``).

    >>> rebate_method_label("whole_amount").render("en")
    'Whole amount (on all purchases)'
    """
    return Message.of(f"discounts.rebate.method.{RebateMethod(method).value}")


def _percent(value: object) -> Decimal:
    return to_decimal(value, "percent")


@attrs.frozen
class RebateTier:
    """Purchases strictly above ``above`` earn ``percent`` (5 is 5 %).

    >>> RebateTier(Money("100000", "EUR"), "2.5").percent
    Decimal('2.5')
    """

    above: Money
    percent: Decimal = attrs.field(converter=_percent)


def _tiers(value: Iterable[RebateTier]) -> tuple[RebateTier, ...]:
    if isinstance(value, str | RebateTier) or not isinstance(value, Iterable):
        raise SchemeDefinitionError(
            "Rebate", [f"tiers must be a collection of RebateTier, got {_short(value)}"]
        )
    return tuple(value)


@attrs.frozen
class Purchase:
    """What a client bought on a day (net of tax; a return is negative).

    >>> Purchase("C-1", _dt.date(2026, 2, 3), Money("1200", "USD")).amount
    Money('1200', 'USD')
    """

    client_id: str
    on: _dt.date
    amount: Money


@attrs.frozen
class RebateLine:
    """One tier's part of a rebate: ``percent`` of ``base`` (the purchases
    the tier applies to, exact), rounded to ``amount``; ``message`` says so.

    >>> line = RebateLine(Money("50000", "EUR"), Money("100000", "EUR"), Decimal(2),
    ...                   RebateMethod.MARGINAL, Money("1000.00", "EUR"))
    >>> line.render("et_EE")
    '2% summast 50\\xa0000,00\\xa0€, mis on ostetud üle 100\\xa0000,00\\xa0€: 1\\xa0000,00\\xa0€'
    """

    base: Money
    above: Money
    percent: Decimal
    method: RebateMethod
    amount: Money

    @property
    def message(self) -> Message:
        """What this line pays, as a message."""
        kind = "marginal" if self.method is RebateMethod.MARGINAL else "whole_amount"
        return Message.of(
            f"discounts.rebate.line.{kind}",
            percent=Percent(self.percent / _HUNDRED),
            base=self.base,
            threshold=self.above,
            amount=self.amount,
        )

    @property
    def text(self) -> str:
        """The line in English."""
        return self.render("en")

    def render(self, locale: str) -> str:
        """The line in ``locale``."""
        return self.message.render(locale)


@attrs.frozen
class CreditNote:
    """A rebate settled for one client and period: the credit note to issue.

    ``purchases`` is what the client bought in the period, in the rebate's
    currency (exact); ``lines`` what each tier pays; ``amount`` the sum of
    the rounded lines (zero when no threshold was passed); ``hints`` what
    the next tier would need.

    >>> note = Rebate("r", "EUR", [RebateTier(Money("100", "EUR"), 2)]).settle(
    ...     "C-1", [Purchase("C-1", _dt.date(2026, 1, 2), Money("80", "EUR"))],
    ...     period=Period.year(2026))
    >>> note.amount, note.render("ro_RO")
    (Money('0.00', 'EUR'), ['treapta de 2\\xa0% se aplică achizițiilor peste 100,00\\xa0EUR: mai sunt 20,00\\xa0EUR'])
    """

    rebate: str
    client_id: str
    period: Period
    purchases: Money
    lines: tuple[RebateLine, ...]
    amount: Money
    hints: tuple[Message, ...] = ()

    def render(self, locale: str) -> list[str]:
        """Every line, then every hint, in ``locale``."""
        return [line.render(locale) for line in self.lines] + [
            hint.render(locale) for hint in self.hints
        ]


@attrs.frozen
class Rebate:
    """A period rebate: ``tiers`` (thresholds in ``currency``, ascending)
    applied by ``method`` (marginal unless told).

    Checked when built, every fault at once:

    >>> Rebate("bad", "EUR", [RebateTier(Money("100", "EUR"), 120),
    ...                       RebateTier(Money("50", "USD"), 1)])
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.SchemeDefinitionError: Rebate 'bad' is invalid (3 faults):
      - tier 1: percent 120 is outside (0, 100]
      - tier 2: threshold 50 USD is not in the rebate's currency EUR
      - tier 2: threshold 50 USD is not above the tier before it (100 EUR)
    """

    name: str
    currency: str
    tiers: tuple[RebateTier, ...] = attrs.field(converter=_tiers)
    method: RebateMethod = attrs.field(
        default=RebateMethod.MARGINAL, kw_only=True, converter=RebateMethod
    )

    def __attrs_post_init__(self) -> None:
        faults = _faults(self.currency, self.tiers)
        if faults:
            raise SchemeDefinitionError(f"Rebate {self.name!r}", faults)

    def settle(
        self,
        client_id: str,
        purchases: Iterable[Purchase],
        *,
        period: Period,
        rates: ExchangeRates | None = None,
    ) -> CreditNote:
        """The credit note of ``client_id`` for ``period``: its purchases on
        the period's days (other clients' and other days' are left out),
        converted at each purchase's own day by ``rates`` when in another
        currency.

        >>> from accountcore.money import ExchangeRate, FixedRates
        >>> rates = FixedRates([ExchangeRate("USD", "EUR", _dt.date(2026, 1, 1), "0.9")])
        >>> r = Rebate("r", "EUR", [RebateTier(Money("1000", "EUR"), 10)], method="whole_amount")
        >>> r.settle("C-1", [Purchase("C-1", _dt.date(2026, 6, 1), Money("2000", "USD"))],
        ...          period=Period.year(2026), rates=rates).amount   # 10 % x 1,800
        Money('180.00', 'EUR')
        """
        if not isinstance(period, Period):
            raise ArgumentTypeError("period", period, "a Period")
        total = Money.zero(self.currency)
        for index, purchase in enumerate(purchases, start=1):
            if not isinstance(purchase, Purchase):
                raise QuoteLineError(index, "purchase", purchase, "expected a Purchase")
            if purchase.client_id == client_id and purchase.on in period:
                total += self._converted(purchase, rates)
        lines = self._lines(total)
        amount = sum((line.amount for line in lines), Money.zero(self.currency))
        return CreditNote(
            self.name,
            client_id,
            period,
            total,
            lines,
            amount.rounded(),
            self._hints(total),
        )

    def _converted(self, purchase: Purchase, rates: ExchangeRates | None) -> Money:
        if purchase.amount.currency == self.currency:
            return purchase.amount
        if rates is None:
            raise MissingRateError(
                purchase.amount.currency,
                self.currency,
                purchase.on,
                "pass rates= to convert the purchases in other currencies",
            )
        return purchase.amount.convert(self.currency, rates, purchase.on)

    def _lines(self, total: Money) -> tuple[RebateLine, ...]:
        passed = [tier for tier in self.tiers if total > tier.above]
        if not passed:
            return ()
        if self.method is RebateMethod.WHOLE_AMOUNT:
            return (self._line(total, passed[-1]),)
        lines = []
        for index, tier in enumerate(passed):
            upper = self.tiers[index + 1].above if index + 1 < len(self.tiers) else None
            reach = total if upper is None or total < upper else upper
            lines.append(self._line(reach - tier.above, tier))
        return tuple(lines)

    def _line(self, base: Money, tier: RebateTier) -> RebateLine:
        amount = (base * tier.percent / _HUNDRED).rounded()
        return RebateLine(base, tier.above, tier.percent, self.method, amount)

    def _hints(self, total: Money) -> tuple[Message, ...]:
        for tier in self.tiers:
            if not total > tier.above:
                gap = (tier.above - total).rounded()
                return (
                    Message.of(
                        "discounts.rebate.next_tier",
                        gap=gap,
                        percent=Percent(tier.percent / _HUNDRED),
                        threshold=tier.above,
                    ),
                )
        return ()


def _faults(currency: str, tiers: tuple[RebateTier, ...]) -> list[str]:
    faults = [] if tiers else ["tiers is empty: a rebate needs at least one tier"]
    last: Money | None = None
    for number, tier in enumerate(tiers, start=1):
        if not isinstance(tier, RebateTier):
            faults.append(f"tier {number}: expected a RebateTier, got {_short(tier)}")
            continue
        if not Decimal(0) < tier.percent <= _HUNDRED:
            faults.append(f"tier {number}: percent {tier.percent} is outside (0, 100]")
        if not isinstance(tier.above, Money):
            faults.append(f"tier {number}: threshold {_short(tier.above)} is not Money")
            continue
        if tier.above.currency != currency:
            faults.append(
                f"tier {number}: threshold {tier.above} is not in the rebate's "
                f"currency {currency}"
            )
        elif tier.above.amount < 0:
            faults.append(f"tier {number}: threshold {tier.above} is negative")
        if last is not None and (
            tier.above.currency != last.currency or not tier.above > last
        ):
            faults.append(
                f"tier {number}: threshold {tier.above} is not above the tier "
                f"before it ({last})"
            )
        last = tier.above
    return faults
