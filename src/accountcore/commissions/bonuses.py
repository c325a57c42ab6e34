"""Bonuses: attainment levels, new clients, clients served, feedback, SPIFs
and pay per client held.

Bonuses on credits (attainment levels, new clients, SPIFs) are variable pay
and follow the plan's scope (trued up in a year-to-date plan); bonuses on
the period's activity (clients served, feedback, clients held) are paid per
period.

>>> from accountcore.money import Money
>>> AttainmentBonus("quota club", (BonusLevel("1", Money("500", "EUR")), BonusLevel("1.2", Money("1500", "EUR")))).levels[1].amount
Money('1500', 'EUR')
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Sequence
from decimal import Decimal

import attrs

from accountcore.commissions._checks import (
    check,
    decimal_faults,
    lenient_decimal,
    money_faults,
    name_faults,
    percent,
)
from accountcore.commissions.context import Columns, Context, register_component
from accountcore.commissions.credits import CreditFilter, _optional_plain
from accountcore.commissions.statement import DealIds, LineKind, StatementLine, _line
from accountcore.i18n import Message, Percent, message_ids
from accountcore.money import Money
from accountcore.periods import Period

__all__ = [
    "AttainmentBonus",
    "BonusLevel",
    "ClientServedBonus",
    "FeedbackBonus",
    "HeldRate",
    "NewClientBonus",
    "PerClientHeld",
    "Spiff",
    "SpiffUnit",
]

_ZERO = Decimal(0)


def _clients(count: int) -> str:
    """The English noun of a description: ``1 new client``, ``2 new clients``."""
    return "client" if count == 1 else "clients"


def _level_faults(label: str, levels: Sequence[BonusLevel]) -> list[str]:
    faults: list[str] = []
    if not levels:
        faults.append("at least one level is needed")
    previous: Decimal | None = None
    for index, level in enumerate(levels, start=1):
        own = decimal_faults(f"level {index} {label}", level.threshold)
        own += money_faults(f"level {index} amount", level.amount)
        faults += own
        if own:
            continue
        if previous is not None and level.threshold <= previous:
            faults.append(
                f"level {index} {label} {level.threshold} is not above level "
                f"{index - 1}'s {previous}"
            )
        previous = level.threshold
    return faults


def _levels(values: Iterable[BonusLevel]) -> tuple[BonusLevel, ...]:
    return tuple(values)


def _held_rates(values: Iterable[HeldRate]) -> tuple[HeldRate, ...]:
    return tuple(values)


@attrs.frozen
class BonusLevel:
    """``amount`` paid on reaching ``threshold`` (an attainment or a rating).

    >>> BonusLevel("1.2", Money("1500", "EUR")).threshold
    Decimal('1.2')
    """

    threshold: Decimal = attrs.field(converter=lenient_decimal)
    amount: Money


@register_component("attainment_bonus")
@attrs.frozen
class AttainmentBonus:
    """A bonus on reaching attainment levels: the highest level reached, or
    every level reached when ``cumulative``.

    >>> AttainmentBonus("club", (BonusLevel("1.2", Money("1", "EUR")), BonusLevel("1", Money("1", "EUR"))))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: AttainmentBonus 'club' is invalid (1 fault):
      - level 2 attainment 1 is not above level 1's 1.2
    """

    name: str
    levels: tuple[BonusLevel, ...] = attrs.field(converter=_levels)
    cumulative: bool = False

    def __attrs_post_init__(self) -> None:
        check(
            f"AttainmentBonus {self.name!r}",
            name_faults(self.name) + _level_faults("attainment", self.levels),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        ratio = context.require_attainment(self.name)
        reached = [
            level
            for level in self.levels
            if context.attains(level.threshold, self.name)
        ]
        if not reached:
            return []
        paid = reached if self.cumulative else reached[-1:]
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"bonus for reaching {percent(level.threshold)} of quota",
                context.money(level.amount.amount),
                ratio,
                "attainment",
                level.threshold,
                context.deal_ids(),
                Message.of(
                    "commissions.line.bonus", threshold=Percent(level.threshold)
                ),
            )
            for level in paid
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: a line per level whose threshold × target reach
        attains (only the highest reached unless cumulative)."""
        if any(level.amount.currency != on.currency for level in self.levels):
            return False
        reach, target = on.figure("reach"), on.figure("target")
        reached = [reach >= target * level.threshold for level in self.levels]
        for index, level in enumerate(self.levels):
            when = reached[index]
            if not self.cumulative and index + 1 < len(self.levels):
                when = when & ~reached[index + 1]
            on.line(
                self.name,
                LineKind.VARIABLE,
                when,
                on.money(on.constant(level.amount.amount)),
                on.figure("ratio"),
                "attainment",
                level.threshold,
                "commissions.line.bonus",
                deals="all",
            )
        return True


@register_component("new_client_bonus")
@attrs.frozen
class NewClientBonus:
    """A bonus per client acquired (first won deal) in the window; a client
    whose credits net to zero or less (clawed back) does not count.

    >>> NewClientBonus("hunter", Money("200", "EUR")).amount
    Money('200', 'EUR')
    """

    name: str
    amount: Money
    where: CreditFilter = attrs.field(factory=CreditFilter)

    def __attrs_post_init__(self) -> None:
        check(
            f"NewClientBonus {self.name!r}",
            name_faults(self.name) + money_faults("amount", self.amount),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        where = None if self.where.is_everything else self.where
        clients = context.new_clients(where)
        if not clients:
            return []
        count = Decimal(len(clients))
        deals: Sequence[str] = ()
        if context.explain_deals:
            news, chosen = context.new_client_credits(), set(clients)
            deals = DealIds(lambda: [c.deal_id for c in news if c.client_id in chosen])
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"{len(clients)} new {_clients(len(clients))} × {self.amount}",
                context.money(count * self.amount.amount),
                count,
                "clients",
                self.amount.amount,
                deals,
                Message.of(
                    "commissions.line.new_clients",
                    count=len(clients),
                    amount=self.amount,
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the bonus times the owners' new clients (of
        every credit; a filter takes the object path)."""
        if self.amount.currency != on.currency:
            return False
        count, deals = on.new_clients(self.where)
        on.line(
            self.name,
            LineKind.VARIABLE,
            count > _ZERO,
            on.money(count * self.amount.amount),
            count,
            "clients",
            self.amount.amount,
            "commissions.line.new_clients",
            deals=deals,
        )
        return True


@register_component("client_served_bonus")
@attrs.frozen
class ClientServedBonus:
    """A bonus per distinct client served in the period (from the activity).

    >>> ClientServedBonus("service", Money("25", "EUR")).amount
    Money('25', 'EUR')
    """

    name: str
    amount: Money

    def __attrs_post_init__(self) -> None:
        check(
            f"ClientServedBonus {self.name!r}",
            name_faults(self.name) + money_faults("amount", self.amount),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        served = len(set(context.activity.clients_served))
        if not served:
            return []
        return [
            _line(
                self.name,
                LineKind.PERIODIC,
                f"{served} clients served × {self.amount}",
                context.money(served * self.amount.amount),
                Decimal(served),
                "clients",
                self.amount.amount,
                (),
                Message.of(
                    "commissions.line.clients_served", count=served, amount=self.amount
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: no line (a column owner has no activity, so
        served no client)."""
        return True


@register_component("feedback_bonus")
@attrs.frozen
class FeedbackBonus:
    """A bonus for client feedback: the average rating of the period against
    levels (one level is a threshold, several a scale; the highest reached
    pays). No ratings, no bonus.

    >>> FeedbackBonus("nps", (BonusLevel("4.5", Money("300", "EUR")),)).levels[0].threshold
    Decimal('4.5')
    """

    name: str
    levels: tuple[BonusLevel, ...] = attrs.field(converter=_levels)

    def __attrs_post_init__(self) -> None:
        check(
            f"FeedbackBonus {self.name!r}",
            name_faults(self.name) + _level_faults("rating", self.levels),
        )

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        ratings = context.activity.feedback
        if not ratings:
            return []
        total = sum(ratings, _ZERO)
        average = total / len(ratings)
        # average ≥ threshold, compared as total ≥ threshold × count
        reached = [
            level for level in self.levels if total >= level.threshold * len(ratings)
        ]
        if not reached:
            return []
        level = reached[-1]
        return [
            _line(
                self.name,
                LineKind.PERIODIC,
                f"average rating {average:.2f} of {len(ratings)} reached {level.threshold}",
                context.money(level.amount.amount),
                average,
                "rating",
                level.threshold,
                (),
                Message.of(
                    "commissions.line.feedback",
                    average=average.quantize(Decimal("0.01")),
                    count=len(ratings),
                    threshold=level.threshold,
                ),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: no line (a column owner has no activity: no
        ratings, no bonus)."""
        return True


class SpiffUnit(enum.Enum):
    """What a SPIF pays per: each unit sold, or each deal.

    >>> SpiffUnit("unit") is SpiffUnit.UNIT, [unit.value for unit in SpiffUnit]
    (True, ['unit', 'deal'])
    """

    UNIT = "unit"
    DEAL = "deal"


@register_component("spiff")
@attrs.frozen
class Spiff:
    """A short incentive: ``amount`` per unit or per deal of matching credits
    credited inside ``window``. Clawbacks count negatively.

    >>> import datetime
    >>> Spiff("pump push", Money("50", "EUR"), Period.month(2026, 3), CreditFilter(products="pump")).per
    <SpiffUnit.UNIT: 'unit'>
    """

    name: str
    amount: Money
    window: Period
    where: CreditFilter = attrs.field(factory=CreditFilter)
    per: SpiffUnit = attrs.field(default=SpiffUnit.UNIT, converter=SpiffUnit)

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name) + money_faults("amount", self.amount)
        if self.where.is_everything:
            faults.append("a SPIF needs a product, category, tier or kind to target")
        check(f"Spiff {self.name!r}", faults)

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        window = self.window
        count = 0
        deals: dict[str, int] = {}
        for credit in context.credits:
            if window.start <= credit.credited_on < window.end and self.where.matches(
                credit
            ):
                sign = -1 if credit.amount.amount < 0 else 1
                count += sign * credit.quantity
                deals[credit.deal_id] = deals.get(credit.deal_id, 0) + sign
        if self.per is SpiffUnit.DEAL:
            count = sum(1 for net in deals.values() if net > 0)
        if not count:
            return []
        return [
            _line(
                self.name,
                LineKind.VARIABLE,
                f"SPIF {self.where.describe()} {window}: {count} {self.per.value}s × "
                f"{self.amount}",
                context.money(count * self.amount.amount),
                Decimal(count),
                f"{self.per.value}s",
                self.amount.amount,
                tuple(sorted(deals)),
                Message.of("commissions.line.spiff", count=count, amount=self.amount),
            )
        ]

    def columns(self, on: Columns) -> bool:
        """The column form: the count of units (or of deals netting above
        0) the filter matches in the SPIF's window, times the amount."""
        if self.amount.currency != on.currency:
            return False
        count, deals = on.spiff(self.where, self.window, self.per.value)
        on.line(
            self.name,
            LineKind.VARIABLE,
            ~count.is_zero(),
            on.money(count * self.amount.amount),
            count,
            f"{self.per.value}s",
            self.amount.amount,
            "commissions.line.spiff",
            deals=deals,
        )
        return True


@attrs.frozen
class HeldRate:
    """``amount`` per held client of ``tier`` and/or ``kind`` (``None``: any).

    >>> HeldRate(Money("40", "EUR"), tier="vip")
    HeldRate(amount=Money('40', 'EUR'), tier='vip', kind=None)
    """

    amount: Money
    tier: str | None = attrs.field(default=None, converter=_optional_plain)
    kind: str | None = attrs.field(default=None, converter=_optional_plain)


@register_component("per_client_held")
@attrs.frozen
class PerClientHeld:
    """Pay per client held in the period, by tier and/or kind (a client
    matching several rates is paid by each).

    >>> PerClientHeld("portfolio", (HeldRate(Money("40", "EUR"), tier="vip"),)).rates[0].tier
    'vip'
    """

    name: str
    rates: tuple[HeldRate, ...] = attrs.field(converter=_held_rates)

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name)
        if not self.rates:
            faults.append("at least one rate is needed")
        for index, rate in enumerate(self.rates, start=1):
            faults += money_faults(f"rate {index} amount", rate.amount)
        check(f"PerClientHeld {self.name!r}", faults)

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        held = {c.client_id: c for c in context.activity.clients_held}
        out = []
        for rate in self.rates:
            count = sum(
                1
                for c in held.values()
                if (rate.tier is None or c.tier.value == rate.tier)
                and (rate.kind is None or c.kind.value == rate.kind)
            )
            if not count:
                continue
            label = " ".join(x for x in (rate.tier, rate.kind) if x) or "any"
            out.append(
                _line(
                    self.name,
                    LineKind.PERIODIC,
                    f"{count} {label} {_clients(count)} held × {rate.amount}",
                    context.money(count * rate.amount.amount),
                    Decimal(count),
                    "clients",
                    rate.amount.amount,
                    (),
                    Message.of(
                        "commissions.line.held",
                        count=count,
                        tier=_held_label(rate.tier, rate.kind, label),
                        amount=rate.amount,
                    ),
                )
            )
        return out

    def columns(self, on: Columns) -> bool:
        """The column form: no line (a column owner has no activity, so
        holds no client)."""
        return True


def _held_label(tier: str | None, kind: str | None, label: str) -> Message | str:
    """A held-client rate's tier or kind by its translated client label,
    else its own words."""
    if tier and not kind and f"clients.tier.{tier}" in message_ids():
        return Message.of(f"clients.tier.{tier}")
    if kind and not tier and f"clients.kind.{kind}" in message_ids():
        return Message.of(f"clients.kind.{kind}")
    return label
