"""Commission that depends on the discount given: a rate table by discount
percentage, the deeper the discount, the lower the rate.

Each credit is paid at the rate of the band its sale's discount falls in
(:attr:`Credit.discount_share <accountcore.commissions.Credit.discount_share>`:
the discount over the list amount, both carried on the credit); one line per
band paid, and one of 0 for discounts deeper than the table reaches.

>>> import datetime
>>> from accountcore.commissions.plan import CommissionPlan
>>> from accountcore.commissions.credits import Credit
>>> from accountcore.periods import Period
>>> table = DiscountRates("commission", (DiscountBand("0.10", "0.05"), DiscountBand(None, "0.02")))
>>> sale = Credit("D-1", "C-1", "ana", Money("900", "EUR"), datetime.date(2026, 1, 5),
...               list_amount=Money("1000", "EUR"), discount=Money("100", "EUR"))
>>> CommissionPlan("AM", "EUR", (table,)).calculate([sale], period=Period.month(2026, 1)).total  # 10 % is not below 10 %: 900 × 2 %
Money('18.00', 'EUR')
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from accountcore.commissions._checks import (
    check,
    decimal_faults,
    lenient_decimal,
    name_faults,
    percent,
    rate_faults,
)
from accountcore.commissions.context import Columns, Context, register_component
from accountcore.commissions.credits import Credit, CreditFilter
from accountcore.commissions.errors import MissingDiscountError
from accountcore.commissions.statement import LineKind, StatementLine, _line
from accountcore.i18n import Message, Percent
from accountcore.money import _EXACT, Money, _make

__all__ = ["DiscountBand", "DiscountRates"]

_ZERO = Decimal(0)
_ONE = Decimal(1)


@attrs.frozen
class DiscountBand:
    """Discounts up to ``to`` (a share of the list amount: ``0.10`` is
    10 %) pay ``rate``; ``to=None`` holds every deeper discount (the last
    band only). A band starts where the one before it ends (the first at 0).

    >>> DiscountBand("0.10", "0.05").to
    Decimal('0.10')
    """

    to: Decimal | None = attrs.field(converter=lenient_decimal)
    rate: Decimal = attrs.field(converter=lenient_decimal)


def _bands(values: Iterable[DiscountBand]) -> tuple[DiscountBand, ...]:
    return tuple(values)


def _band_faults(bands: Sequence[DiscountBand]) -> list[str]:
    """Every fault of a discount table: each bound a share from 0 to 1
    above the one before, only the last open, rates that never rise as the
    discount deepens."""
    if not bands:
        return ["at least one band is needed"]
    faults: list[str] = []
    previous: Decimal | None = _ZERO
    last_rate: Decimal | None = None
    for index, band in enumerate(bands, start=1):
        own = rate_faults(f"band {index} rate", band.rate)
        if band.to is not None:
            bound = decimal_faults(f"band {index} bound", band.to)
            if not bound and not _ZERO < band.to <= _ONE:
                bound = [
                    f"band {index} reaches a discount of {band.to}: a bound is a "
                    "share of the list amount above 0 and at most 1 (100 %)"
                ]
            elif not bound and previous is not None and band.to <= previous:
                bound = [
                    f"band {index} reaches {band.to}, not above the band before "
                    f"({previous}): bands ascend"
                ]
            own += bound
            previous = None if bound else band.to
        elif index != len(bands):
            own.append(f"band {index} is open (to=None) but is not the last")
        if not own and last_rate is not None and band.rate > last_rate:
            own.append(
                f"band {index} pays {band.rate} at a deeper discount than the "
                f"band before ({last_rate}): the rate must not rise as the "
                "discount deepens"
            )
        if not rate_faults("rate", band.rate):
            last_rate = band.rate
        faults += own
    return faults


@register_component("discount_rates")
@attrs.frozen
class DiscountRates:
    """The credits ``where`` matches, each at the rate of the band its
    sale's discount falls in.

    Bands are half-open as accountcore's tiers are: a band holds its lower
    end and not its upper one (``to="0.10"`` holds discounts below 10 %; a
    discount of exactly 10 % is in the next band). With
    ``upper_inside=True`` a band holds its upper end instead (``0.10``
    holds 10 %), as ERP tables read "up to 10 %". A discount deeper than
    the last band reaches pays nothing, on a line that says so. A credit
    without a list amount and discount is refused
    (:class:`~accountcore.commissions.errors.MissingDiscountError`): leave
    such sales out with ``where``. A clawback is read at its sale's
    discount, so it takes back what the sale earned.

    >>> DiscountRates("c", (DiscountBand("0.10", "0.03"), DiscountBand("0.20", "0.05")))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: DiscountRates 'c' is invalid (1 fault):
      - band 2 pays 0.05 at a deeper discount than the band before (0.03): the rate must not rise as the discount deepens
    """

    name: str
    bands: tuple[DiscountBand, ...] = attrs.field(converter=_bands)
    where: CreditFilter = attrs.field(factory=CreditFilter)
    upper_inside: bool = attrs.field(default=False, kw_only=True)
    """Bands hold their upper end (``up to 10 %``), not their lower one."""

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name) + _band_faults(self.bands)
        if not isinstance(self.upper_inside, bool):
            faults.append(f"upper_inside must be a bool, got {self.upper_inside!r}")
        check(f"DiscountRates {self.name!r}", faults)

    def band_of(self, credit: Credit) -> int | None:
        """The index of the band ``credit``'s discount falls in, ``None``
        beyond the last band (compared exactly: ``discount < to × list``,
        or ``≤`` with ``upper_inside``).

        >>> import datetime
        >>> rates = DiscountRates("c", (DiscountBand("0.10", "0.05"),), upper_inside=True)
        >>> sale = Credit("D-1", "C-1", "ana", Money("900", "EUR"), datetime.date(2026, 1, 5),
        ...               list_amount=Money("1000", "EUR"), discount=Money("100", "EUR"))
        >>> rates.band_of(sale)
        0
        """
        listed, discount = credit.list_amount, credit.discount
        if listed is None or discount is None:
            raise MissingDiscountError(self.name, credit.deal_id, credit.owner)
        given = discount.amount
        for index, band in enumerate(self.bands):
            if band.to is None:
                return index
            reach = _EXACT.multiply(band.to, listed.amount)
            if given < reach or (self.upper_inside and given == reach):
                return index
        return None

    def lower_of(self, index: int | None) -> Decimal:
        """Where band ``index`` starts (past the last band when ``None``)."""
        if index is None:
            index = len(self.bands)
        return _ZERO if index == 0 else self.bands[index - 1].to or _ZERO

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        paid: dict[int | None, tuple[Decimal, set[str]]] = {}
        where = self.where
        for credit, value in zip(context.credits, context.values(), strict=True):
            if where.matches(credit):
                index = self.band_of(credit)
                basis, deals = paid.get(index) or (_ZERO, set())
                deals.add(credit.deal_id)
                paid[index] = (basis + value, deals)
        out = []
        order = sorted(paid, key=lambda i: len(self.bands) if i is None else i)
        for index in order:
            basis, deals = paid[index]
            listed = tuple(sorted(deals)) if context.explain_deals else ()
            out.append(self._line(index, basis, listed, context))
        return out

    def _line(
        self,
        index: int | None,
        basis: Decimal,
        deals: Sequence[str],
        context: Context,
    ) -> StatementLine:
        """The line of band ``index`` (beyond the table when ``None``)."""
        shown = _make(basis, context.currency).rounded()
        lower = self.lower_of(index)
        upper = None if index is None else self.bands[index].to
        rate = _ZERO if index is None else self.bands[index].rate
        key = _key(self.upper_inside, index, lower, upper)
        params: dict[str, object] = {"basis": shown, "lower": Percent(lower)}
        if index is not None:
            params["rate"] = Percent(rate)
        if upper is not None and key in {"below", "at_most", "up_to"}:
            params["upper"] = Percent(upper)
        if key == "at_most":
            del params["lower"]
        return _line(
            self.name,
            LineKind.VARIABLE,
            _words(key, rate, shown, lower, upper),
            context.money(basis * rate),
            basis,
            context.currency,
            rate,
            deals,
            Message.of(f"commissions.line.discount_{key}", **params),
        )

    def columns(self, on: Columns) -> bool:
        """No column form: the band is chosen credit by credit from the
        sale's list amount and discount, so these owners take the object
        path."""
        return False


def _key(
    upper_inside: bool, index: int | None, lower: Decimal, upper: Decimal | None
) -> str:
    """Which explanation a band's line has: bounds read half-open (from the
    lower end, below the upper) or with the upper end inside."""
    if index is None:
        return "beyond_above" if upper_inside and lower else "beyond"
    if upper is None:
        return "above" if upper_inside and lower else "from"
    if upper_inside:
        return "up_to" if lower else "at_most"
    return "below"


_WORDS = {
    "below": "{rate} of {basis} sold at a discount from {lower} to under {upper}",
    "at_most": "{rate} of {basis} sold at a discount of at most {upper}",
    "up_to": "{rate} of {basis} sold at a discount above {lower}, up to {upper}",
    "from": "{rate} of {basis} sold at a discount of {lower} or more",
    "above": "{rate} of {basis} sold at a discount above {lower}",
    "beyond": "{basis} sold at a discount of {lower} or more, beyond the table: "
    "no commission",
    "beyond_above": "{basis} sold at a discount above {lower}, beyond the table: "
    "no commission",
}


def _words(
    key: str, rate: Decimal, basis: Money, lower: Decimal, upper: Decimal | None
) -> str:
    """The line's description in English (the message explains it in the
    reader's language)."""
    return _WORDS[key].format(
        rate=percent(rate),
        basis=basis,
        lower=percent(lower),
        upper="" if upper is None else percent(upper),
    )
