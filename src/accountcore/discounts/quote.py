"""Price quotes: the lines a scheme is asked to price and what it answers.

A :class:`QuoteLine` is what the account manager wants to sell; a
:class:`PriceQuote` is the scheme's answer, explained line by line
(:class:`LineQuote`): the list price, every rule applied with its amount
(:class:`AppliedRule`), every rule considered and rejected with its reason
(:class:`RejectedRule`), near-miss hints, the net unit price and the line
total; then the subtotal, discount, total, effective discount, the approval
the quote needs, and warnings.

>>> from accountcore.money import Money
>>> QuoteLine("drill", 3, Money("120.00", "EUR"), category="tools").quantity
Decimal('3')
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Mapping
from decimal import Decimal
from typing import Any

import attrs
from babel.numbers import format_currency

from accountcore import _html, _records
from accountcore.discounts.approvals import ApprovalLevel
from accountcore.discounts.errors import QuoteLineError
from accountcore.discounts.prices import AppliedPrice
from accountcore.discounts.reasons import Reason
from accountcore.discounts.rules import Scope
from accountcore.i18n import N_, Message, Percent, format_number, format_percent
from accountcore.money import Money, _locale, minor_units, to_decimal

__all__ = [
    "AppliedRule",
    "LineQuote",
    "PriceQuote",
    "QuoteLine",
    "RejectedRule",
]

_LINE_FIELDS = ("product", "quantity", "unit_price", "category", "unit_cost", "unit")


def _quantity(value: object) -> Decimal:
    return to_decimal(value, "quantity")


@attrs.frozen
class QuoteLine:
    """One product to price: ``quantity`` units at the list ``unit_price``.

    ``unit_cost`` (optional) lets the scheme keep its margin floor.
    ``unit`` (optional) is the unit of measure ``quantity`` counts and
    ``unit_price`` prices (a box, a pallet), as a scheme's
    :class:`~accountcore.discounts.Catalog` knows it; ``None`` is the
    product's base unit.

    >>> from accountcore.money import Money
    >>> QuoteLine.from_mapping({"product": "drill", "quantity": "2", "unit_price": Money("10", "EUR")}, line=1).product
    'drill'
    >>> QuoteLine.from_mapping({"product": "drill", "colour": "red"}, line=4)
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.QuoteLineError: Line 4: colour='red' is invalid: unknown product field; expected one of product, quantity, unit_price, category, unit_cost, unit.
    """

    product: str
    quantity: Decimal = attrs.field(converter=_quantity)
    unit_price: Money
    category: str | None = None
    unit_cost: Money | None = None
    unit: str | None = None

    @classmethod
    def from_mapping(cls, data: Mapping[str, object], *, line: int) -> QuoteLine:
        """A line from a mapping (a CRM row); unknown keys are refused."""
        for key in data:
            if key not in _LINE_FIELDS:
                raise QuoteLineError(
                    line,
                    str(key),
                    data[key],
                    f"unknown product field; expected one of {', '.join(_LINE_FIELDS)}",
                )
        for key in ("product", "quantity", "unit_price"):
            if key not in data:
                raise QuoteLineError(line, key, None, "this field is required")
        return cls(**data)  # type: ignore[arg-type]


@attrs.frozen
class AppliedRule:
    """A rule that took ``amount`` off a line (``percent`` when it was a
    percentage); order-level rules show the line's share.

    >>> AppliedRule("spring", Scope.LINE, Money("10.00", "EUR"), Decimal(10)).amount
    Money('10.00', 'EUR')
    """

    rule: str
    scope: Scope
    amount: Money
    percent: Decimal | None = None


@attrs.frozen
class RejectedRule:
    """A rule considered and not applied, with the reason.

    >>> RejectedRule("vip", Reason("tier", {"tier": "standard", "tiers": "vip"})).reason.text
    'client tier is standard; the rule needs vip'
    """

    rule: str
    reason: Reason


@attrs.frozen
class LineQuote:
    """One priced line, explained.

    ``discount`` is the sum of the applied amounts less ``clamped`` (what
    the maximum discount, the margin floor or the list amount itself gave
    back); ``total`` is ``list_amount - discount``; ``net_unit_price`` is
    ``total / quantity`` rounded for display. ``price`` is the price rule
    that set the line's price (``None``: the list price stands); then
    ``unit_price`` is that price and ``price.list_price`` the one given.

    >>> import datetime
    >>> from accountcore.discounts import DiscountScheme, PercentOff, ClientFacts
    >>> scheme = DiscountScheme("s", "EUR", [PercentOff("ten", 10)])
    >>> line = scheme.quote([QuoteLine("pen", 3, Money("0.99", "EUR"))], client=ClientFacts(),
    ...                     on=datetime.date(2026, 5, 4)).lines[0]
    >>> line.list_amount, line.discount, line.total, line.net_unit_price  # 2.97 - 0.297
    (Money('2.97', 'EUR'), Money('0.30', 'EUR'), Money('2.67', 'EUR'), Money('0.89', 'EUR'))
    """

    number: int
    product: str
    category: str | None
    quantity: Decimal
    unit_price: Money
    list_amount: Money
    applied: tuple[AppliedRule, ...]
    rejected: tuple[RejectedRule, ...]
    hints: tuple[Reason, ...]
    clamped: Money
    discount: Money
    total: Money
    net_unit_price: Money
    price: AppliedPrice | None = None


@attrs.frozen
class PriceQuote:
    """A scheme's priced answer, explained; totals reconcile to the cent.

    ``subtotal`` is the sum of the lines' list amounts, ``discount`` the sum
    of their discounts, ``total`` the sum of their totals (and equals
    ``subtotal - discount``). ``effective_percent`` is ``discount /
    subtotal`` as a percent rounded to hundredths; ``approval`` is the level
    that figure needs (``None``: no approval). ``order_applied`` and
    ``order_rejected`` explain the order-level rules, whose amounts the
    lines carry as shares.

    >>> import datetime
    >>> from accountcore.discounts import AmountOff, DiscountScheme, Per, ClientFacts
    >>> scheme = DiscountScheme("s", "EUR", [AmountOff("voucher", Money("10.00", "EUR"), per=Per.ORDER)])
    >>> quote = scheme.quote([QuoteLine("a", 1, Money("10.00", "EUR")), QuoteLine("b", 2, Money("10.00", "EUR"))],
    ...                      client=ClientFacts(), on=datetime.date(2026, 5, 4))
    >>> [str(line.discount) for line in quote.lines]  # 10.00 spread 1:2
    ['3.33 EUR', '6.67 EUR']
    >>> quote.subtotal, quote.discount, quote.total, quote.effective_percent
    (Money('30.00', 'EUR'), Money('10.00', 'EUR'), Money('20.00', 'EUR'), Decimal('33.33'))
    """

    scheme: str
    currency: str
    on: _dt.date
    code: str | None
    lines: tuple[LineQuote, ...]
    order_applied: tuple[AppliedRule, ...]
    order_rejected: tuple[RejectedRule, ...]
    hints: tuple[Reason, ...]
    subtotal: Money
    discount: Money
    total: Money
    effective_percent: Decimal
    approval: ApprovalLevel | None
    warnings: tuple[Reason, ...]

    @property
    def allowed(self) -> bool:
        """False when the approval needed is a level no one may grant
        (the quote is still priced: it does not raise)."""
        return self.approval is None or self.approval.allowed

    def explain(self, locale: str) -> list[str]:
        """The quote explained in ``locale``: each line with the rules that
        took something off, the rules rejected and why, the hints; then the
        order-level rules, the warnings, the totals and the approval needed.

        >>> import datetime as dt
        >>> from accountcore.discounts import ClientFacts, DiscountScheme, VolumeTier, VolumeTiers
        >>> scheme = DiscountScheme("spring", "EUR", [VolumeTiers("bulk", [VolumeTier(10, 5), VolumeTier(20, 10)])])
        >>> quote = scheme.quote([QuoteLine("pump", 12, Money("10", "EUR"))], client=ClientFacts(), on=dt.date(2026, 4, 1))
        >>> lines = quote.explain("ro_RO")
        >>> lines[2], len(lines)
        ('  Sugestie: „bulk”: până la treapta de 10\\xa0% lipsesc unități: 8', 5)
        """
        lines: list[str] = []

        def say(message_id: str, **params: object) -> None:
            lines.append(Message.of(message_id, **params).render(locale))

        for line in self.lines:
            say(
                "discounts.explain.line",
                line=line.number,
                product=line.product,
                quantity=line.quantity,
                unit_price=_unit_price(line.unit_price, locale),
                list_amount=line.list_amount,
            )
            if line.price is not None:
                say(
                    "discounts.explain.priced",
                    rule=line.price.rule,
                    price=_unit_price(line.price.price, locale),
                    list_price=_unit_price(line.price.list_price, locale),
                )
            _explain_rules(say, line.applied, line.rejected, line.hints)
            if line.clamped.amount:
                say("discounts.explain.clamped", amount=line.clamped)
            say("discounts.explain.line_total", total=line.total)
        if self.order_applied or self.order_rejected or self.hints:
            say("discounts.explain.order")
            _explain_rules(say, self.order_applied, self.order_rejected, self.hints)
        for warning in self.warnings:
            say("discounts.explain.warning", warning=warning.message)
        say(
            "discounts.explain.total",
            subtotal=self.subtotal,
            discount=self.discount,
            percent=format_percent(self.effective_percent / 100, locale, digits=2),
            total=self.total,
        )
        if self.approval is not None:
            level = approval_label(self.approval.name)
            if self.approval.allowed:
                say("discounts.explain.approval", level=level)
            else:
                say("discounts.explain.approval_not_allowed", level=level)
        return lines

    def __repr__(self) -> str:
        """Short: the scheme, the day, the total and how many lines.

        >>> import datetime as dt
        >>> from accountcore.discounts import ClientFacts, DiscountScheme
        >>> DiscountScheme("spring", "EUR", []).quote([QuoteLine("pump", 2, Money("10", "EUR"))],
        ...     client=ClientFacts(), on=dt.date(2026, 4, 1))
        <PriceQuote 'spring' 2026-04-01: 20.00 EUR (0.00 off), 1 line>
        """
        count = len(self.lines)
        return (
            f"<PriceQuote {self.scheme!r} {self.on.isoformat()}: {self.total} "
            f"({self.discount.amount} off), {count} {'line' if count == 1 else 'lines'}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The lines as plain dicts, amounts as ``Decimal``: ``line``,
        ``product``, ``category``, ``quantity``, ``unit_price``,
        ``list_amount``, ``discount``, ``total``, ``net_unit_price``,
        ``currency`` and ``rules`` (the rules applied, comma-separated).

        >>> import datetime as dt
        >>> from accountcore.discounts import ClientFacts, DiscountScheme
        >>> quote = DiscountScheme("spring", "EUR", []).quote([QuoteLine("pump", 2, Money("10", "EUR"))],
        ...     client=ClientFacts(), on=dt.date(2026, 4, 1))
        >>> quote.to_records()[0]["total"]
        Decimal('20.00')
        """
        return [
            {
                "line": line.number,
                "product": line.product,
                "category": line.category,
                "quantity": line.quantity,
                "unit_price": line.unit_price.amount,
                "list_amount": line.list_amount.amount,
                "discount": line.discount.amount,
                "total": line.total.amount,
                "net_unit_price": line.net_unit_price.amount,
                "currency": self.currency,
                "rules": ", ".join(applied.rule for applied in line.applied),
            }
            for line in self.lines
        ]

    def to_frame(self) -> Any:
        """The lines (see :meth:`to_records`) as a polars DataFrame with
        decimal columns (``accountcore[frames]``)."""
        return _records.frame(self.to_records(), _QUOTE_COLUMNS, "PriceQuote.to_frame")

    def to_html(self, locale: str = "en_US") -> str:
        """The quote as an HTML block for ``locale``: a table of the lines,
        the totals, the warnings and the approval needed, every text escaped.

        >>> import datetime as dt
        >>> from accountcore.discounts import ClientFacts, DiscountScheme
        >>> quote = DiscountScheme("spring", "EUR", []).quote([QuoteLine("<pump>", 2, Money("10", "EUR"))],
        ...     client=ClientFacts(), on=dt.date(2026, 4, 1))
        >>> "&lt;pump&gt;" in quote.to_html("ja_JP")
        True
        """
        label = _html.label
        keys = ("product", "quantity", "unit_price", "list_amount", "discount", "total")
        lines = _html.table(
            [label(k, locale) for k in keys],
            [
                (
                    line.product,
                    format_number(line.quantity, locale),
                    line.unit_price.format(locale),
                    line.list_amount.format(locale),
                    line.discount.format(locale),
                    line.total.format(locale),
                )
                for line in self.lines
            ],
            right=(False, True, True, True, True, True),
        )
        totals = _html.table(
            [label(k, locale) for k in ("subtotal", "discount", "total", "approval")],
            [
                (
                    self.subtotal.format(locale),
                    f"{self.discount.format(locale)} "
                    f"({format_percent(self.effective_percent / 100, locale, digits=2)})",
                    self.total.format(locale),
                    _approval(self.approval, locale),
                )
            ],
            right=(True, True, True, False),
        )
        notes = [w.message.render(locale) for w in self.warnings]
        title = f"{self.scheme}, {self.on.isoformat()}"
        return _html.block(title, notes, lines, totals)

    def _repr_html_(self) -> str:
        return self.to_html("en_US")


_QUOTE_COLUMNS = {
    "line": "int",
    "product": "str",
    "category": "str",
    "quantity": "decimal",
    "unit_price": "decimal",
    "list_amount": "decimal",
    "discount": "decimal",
    "total": "decimal",
    "net_unit_price": "decimal",
    "currency": "str",
    "rules": "str",
}


def _approval(level: ApprovalLevel | None, locale: str) -> str:
    if level is None:
        return "–"
    shown = approval_label(level.name)
    return shown if isinstance(shown, str) else shown.render(locale)


def _unit_price(price: Money, locale: str) -> Money | str:
    """A unit price as a quote shows it: ``price`` itself when the
    currency's minor unit holds it, else written by babel for ``locale``
    with every decimal it has (a 4-decimal unit price is not rounded on
    screen: only line amounts are).

    >>> _unit_price(Money("8.3333", "EUR"), "et_EE"), _unit_price(Money("8.3000", "EUR"), "et_EE")
    ('8,3333\xa0€', Money('8.3000', 'EUR'))
    """
    exponent = price.amount.normalize().as_tuple().exponent
    if not isinstance(exponent, int) or -exponent <= minor_units(price.currency):
        return price
    return format_currency(
        price.amount.normalize(),
        price.currency,
        locale=_locale(locale),
        decimal_quantization=False,
    )


_APPROVAL_IDS = {
    "manager": N_("discounts.approval.manager"),
    "director": N_("discounts.approval.director"),
    "ceo": N_("discounts.approval.ceo"),
    "board": N_("discounts.approval.board"),
}


def approval_label(name: str) -> Message | str:
    """The approval level ``name`` as a translatable label when it is one of
    the usual levels (manager, director, ceo, board), else the name itself.

    >>> approval_label("director").render("uk_UA"), approval_label("CFO")
    ('директор', 'CFO')
    """
    message_id = _APPROVAL_IDS.get(name.lower())
    return Message.of(message_id) if message_id else name


def _explain_rules(
    say: Callable[..., None],
    applied: tuple[AppliedRule, ...],
    rejected: tuple[RejectedRule, ...],
    hints: tuple[Reason, ...],
) -> None:
    for rule in applied:
        if rule.percent is None:
            say("discounts.explain.applied", rule=rule.rule, amount=rule.amount)
        else:
            say(
                "discounts.explain.applied_percent",
                rule=rule.rule,
                amount=rule.amount,
                percent=Percent(rule.percent / 100),
            )
    for refusal in rejected:
        say(
            "discounts.explain.rejected",
            rule=refusal.rule,
            reason=refusal.reason.message,
        )
    for hint in hints:
        say("discounts.explain.hint", hint=hint.message)
