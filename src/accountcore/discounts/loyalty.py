"""Loyalty levels: what a client reaches by revenue or by years as a client,
and what each level grants in the discount schemes.

A :class:`LoyaltyProgram` lists its :class:`LoyaltyLevel`\\ s, lowest first.
A client reaches a level when its revenue reaches the level's
``min_revenue`` **or** its whole years as a client reach ``min_years``; it
holds the highest level it reaches. :meth:`LoyaltyProgram.standing` says
which, and why, like a quote: the reasons it holds the level and what
would reach the next one, each a :class:`~accountcore.i18n.Message` shown
in any of the six languages.

A level is a condition discount rules select on:
:meth:`LoyaltyProgram.facts` puts the level on the client's
:class:`~accountcore.discounts.ClientFacts`, and
``Conditions(loyalty_levels=["gold", "platinum"])`` makes a rule for those
levels; :meth:`LoyaltyProgram.grants` lists, per level, the rules of a
scheme that select on it.

>>> import datetime
>>> from accountcore.money import Money
>>> program = LoyaltyProgram.default("EUR")
>>> standing = program.standing(revenue=Money("120000", "EUR"), years=3)
>>> standing.level, standing.next_level
('gold', 'platinum')
>>> [m.render("en") for m in standing.reasons]
['revenue €120,000.00 reaches €100,000.00 for Gold']
>>> [m.render("en") for m in standing.hints]
['€130,000.00 more revenue, or 7 years more as a client, reach Platinum']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from accountcore.discounts._levels import DEFAULT_LEVELS, loyalty_label
from accountcore.discounts.conditions import ClientFacts, relationship_years
from accountcore.discounts.errors import ClientFactsError, SchemeDefinitionError
from accountcore.errors import ArgumentTypeError, CurrencyMismatchError, _short
from accountcore.i18n import Message
from accountcore.money import Money

__all__ = [
    "DEFAULT_LEVELS",
    "LoyaltyLevel",
    "LoyaltyProgram",
    "LoyaltyStanding",
    "loyalty_label",
]


def _years(value: object) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemeDefinitionError(
            "LoyaltyLevel", [f"min_years must be a whole number, got {_short(value)}"]
        )
    return value


def _revenue(value: object) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    raise SchemeDefinitionError(
        "LoyaltyLevel", [f"min_revenue must be Money, got {_short(value)}"]
    )


def _name(value: object) -> str:
    if isinstance(value, str) and value:
        return value
    raise SchemeDefinitionError(
        "LoyaltyLevel", [f"name must be a non-empty str, got {_short(value)}"]
    )


@attrs.frozen
class LoyaltyLevel:
    """A level a client reaches by revenue (``min_revenue``, reached when
    revenue is at least that) or by whole years as a client (``min_years``);
    a level with neither is the entry level every client holds.

    >>> LoyaltyLevel("gold", Money("100000", "EUR"), 5).reached_by(Money("90000", "EUR"), 5)
    ('years',)
    """

    name: str = attrs.field(converter=_name)
    min_revenue: Money | None = attrs.field(default=None, converter=_revenue)
    min_years: int | None = attrs.field(default=None, converter=_years)

    def reached_by(self, revenue: Money, years: int) -> tuple[str, ...]:
        """Which criteria ``revenue`` and ``years`` meet (``"revenue"``,
        ``"years"``, or ``"entry"`` for an entry level); empty when the
        level is not reached.

        >>> LoyaltyLevel("silver").reached_by(Money("0", "EUR"), 0)
        ('entry',)
        """
        if self.min_revenue is None and self.min_years is None:
            return ("entry",)
        met = []
        if self.min_revenue is not None and revenue >= self.min_revenue:
            met.append("revenue")
        if self.min_years is not None and years >= self.min_years:
            met.append("years")
        return tuple(met)


@attrs.frozen
class LoyaltyStanding:
    """The level a client holds, why, and what reaches the next one.

    ``reasons`` say which criteria of ``level`` are met; ``hints`` say how
    much more revenue, or how many more years, reach ``next_level``.
    :meth:`render` shows both in a locale.

    >>> s = LoyaltyProgram.default("EUR").standing(revenue=Money("1000", "EUR"), years=0)
    >>> s.level is None, s.render("lv_LV")[0]
    (True, 'lojalitātes līmenis nav sasniegts')
    """

    level: str | None
    next_level: str | None
    reasons: tuple[Message, ...]
    hints: tuple[Message, ...]

    def render(self, locale: str) -> list[str]:
        """The reasons, then the hints, in ``locale``."""
        return [message.render(locale) for message in (*self.reasons, *self.hints)]


def _levels(value: Iterable[LoyaltyLevel]) -> tuple[LoyaltyLevel, ...]:
    if isinstance(value, str | LoyaltyLevel) or not isinstance(value, Iterable):
        raise SchemeDefinitionError(
            "LoyaltyProgram",
            [f"levels must be a collection of LoyaltyLevel, got {_short(value)}"],
        )
    return tuple(value)


@attrs.frozen
class LoyaltyProgram:
    """Loyalty levels, lowest first, with thresholds in ``currency``.

    Checked when built, every fault at once: at least one level, unique
    names, each threshold in the currency and not negative, and a higher
    level never asks for less than the one below it.

    >>> LoyaltyProgram("EUR", [LoyaltyLevel("a", Money("10", "USD")),
    ...                        LoyaltyLevel("a", min_years=-1)])
    Traceback (most recent call last):
    ...
    accountcore.discounts.errors.SchemeDefinitionError: LoyaltyProgram is invalid (3 faults):
      - level 'a': min_revenue 10 USD is not in the program's currency EUR
      - level 'a': min_years -1 is negative
      - level name 'a' is used twice
    """

    currency: str
    levels: tuple[LoyaltyLevel, ...] = attrs.field(converter=_levels)

    def __attrs_post_init__(self) -> None:
        faults = _faults(self.currency, self.levels)
        if faults:
            raise SchemeDefinitionError("LoyaltyProgram", faults)

    @classmethod
    def default(cls, currency: str = "EUR") -> LoyaltyProgram:
        """Silver (25,000 of revenue or 2 years), gold (100,000 or 5 years)
        and platinum (250,000 or 10 years), in ``currency``.

        >>> [level.name for level in LoyaltyProgram.default().levels]
        ['silver', 'gold', 'platinum']
        """
        steps = (("25000", 2), ("100000", 5), ("250000", 10))
        return cls(
            currency,
            [
                LoyaltyLevel(name, Money(revenue, currency), years)
                for name, (revenue, years) in zip(DEFAULT_LEVELS, steps, strict=True)
            ],
        )

    def standing(self, *, revenue: Money, years: int) -> LoyaltyStanding:
        """The level ``revenue`` (in the program's currency) and ``years``
        (whole years as a client) reach, with reasons and hints.

        >>> p = LoyaltyProgram.default("EUR")
        >>> s = p.standing(revenue=Money("30000", "EUR"), years=6)
        >>> s.level, [m.render("en") for m in s.reasons]
        ('gold', ['6 years as a client reach 5 years for Gold'])
        """
        self._check(revenue, years)
        held = None
        for index, level in enumerate(self.levels):
            if level.reached_by(revenue, years):
                held = index
        following: LoyaltyLevel | None
        if held is None:
            reasons: tuple[Message, ...] = (Message.of("discounts.loyalty.none"),)
            following = self.levels[0]
        else:
            reasons = _reasons(self.levels[held], revenue, years)
            following = self.levels[held + 1] if held + 1 < len(self.levels) else None
        return LoyaltyStanding(
            level=None if held is None else self.levels[held].name,
            next_level=None if following is None else following.name,
            reasons=reasons,
            hints=() if following is None else (_hint(following, revenue, years),),
        )

    def facts(
        self, client: ClientFacts, *, revenue: Money, on: _dt.date
    ) -> ClientFacts:
        """``client`` with the level it holds on ``on`` (``loyalty``): its
        years as a client count from ``client.first_won_on``.

        >>> facts = ClientFacts(tier="key", first_won_on=_dt.date(2020, 5, 1))
        >>> LoyaltyProgram.default().facts(facts, revenue=Money("0", "EUR"),
        ...                                on=_dt.date(2026, 5, 4)).loyalty
        'gold'
        """
        years = relationship_years(client.first_won_on, on)
        level = self.standing(revenue=revenue, years=years).level
        return attrs.evolve(client, loyalty=level)

    def grants(self, rules: Iterable[Any]) -> Mapping[str, tuple[str, ...]]:
        """Per level, the names of the rules (a scheme's ``rules``) that
        select on it through ``Conditions(loyalty_levels=...)``.

        >>> from accountcore.discounts.conditions import Conditions
        >>> from accountcore.discounts.rules import PercentOff
        >>> rules = [PercentOff("gold+", 3, when=Conditions(loyalty_levels=["gold", "platinum"])),
        ...          PercentOff("platinum", 2, when=Conditions(loyalty_levels=["platinum"]))]
        >>> dict(LoyaltyProgram.default().grants(rules))
        {'silver': (), 'gold': ('gold+',), 'platinum': ('gold+', 'platinum')}
        """
        chosen = list(rules)
        return {
            level.name: tuple(
                rule.name
                for rule in chosen
                if rule.when.loyalty_levels is not None
                and level.name in rule.when.loyalty_levels
            )
            for level in self.levels
        }

    def _check(self, revenue: Money, years: int) -> None:
        if not isinstance(revenue, Money):
            raise ArgumentTypeError("revenue", revenue, "Money")
        if revenue.currency != self.currency:
            raise CurrencyMismatchError(
                "compare",
                f"revenue {revenue}",
                f"the program's currency {self.currency}",
            )
        if isinstance(years, bool) or not isinstance(years, int):
            raise ArgumentTypeError("years", years, "an int (whole years as a client)")
        if years < 0:
            raise ClientFactsError("years", years, "expected 0 or more whole years")


def _faults(currency: str, levels: tuple[LoyaltyLevel, ...]) -> list[str]:
    faults = [] if levels else ["levels is empty: a program needs at least one level"]
    seen: set[str] = set()
    last_revenue: Money | None = None
    last_years: int | None = None
    for level in levels:
        if not isinstance(level, LoyaltyLevel):
            faults.append(f"levels must hold LoyaltyLevel, got {_short(level)}")
            continue
        where = f"level {level.name!r}"
        if level.min_revenue is not None:
            if level.min_revenue.currency != currency:
                faults.append(
                    f"{where}: min_revenue {level.min_revenue} is not in the "
                    f"program's currency {currency}"
                )
            elif level.min_revenue.amount < 0:
                faults.append(f"{where}: min_revenue {level.min_revenue} is negative")
            elif last_revenue is not None and level.min_revenue < last_revenue:
                faults.append(
                    f"{where}: min_revenue {level.min_revenue} is below the "
                    f"level before it ({last_revenue})"
                )
            else:
                last_revenue = level.min_revenue
        if level.min_years is not None:
            if level.min_years < 0:
                faults.append(f"{where}: min_years {level.min_years} is negative")
            elif last_years is not None and level.min_years < last_years:
                faults.append(
                    f"{where}: min_years {level.min_years} is below the level "
                    f"before it ({last_years})"
                )
            else:
                last_years = level.min_years
        if level.name in seen:
            faults.append(f"level name {level.name!r} is used twice")
        seen.add(level.name)
    return faults


def _years_message(count: int) -> Message:
    return Message.of("discounts.loyalty.years", count=count)


def _reasons(level: LoyaltyLevel, revenue: Money, years: int) -> tuple[Message, ...]:
    label = loyalty_label(level.name)
    out = []
    for criterion in level.reached_by(revenue, years):
        if criterion == "entry":
            out.append(Message.of("discounts.loyalty.entry", level=label))
        elif criterion == "revenue":
            out.append(
                Message.of(
                    "discounts.loyalty.by_revenue",
                    revenue=revenue,
                    threshold=level.min_revenue,
                    level=label,
                )
            )
        else:
            out.append(
                Message.of(
                    "discounts.loyalty.by_years",
                    years=_years_message(years),
                    minimum=_years_message(level.min_years or 0),
                    level=label,
                )
            )
    return tuple(out)


def _hint(level: LoyaltyLevel, revenue: Money, years: int) -> Message:
    label = loyalty_label(level.name)
    gap = None if level.min_revenue is None else level.min_revenue - revenue
    more = None if level.min_years is None else level.min_years - years
    if gap is not None and more is not None:
        return Message.of(
            "discounts.loyalty.next_either",
            gap=gap,
            years=_years_message(more),
            level=label,
        )
    if gap is not None:
        return Message.of("discounts.loyalty.next_revenue", gap=gap, level=label)
    return Message.of(
        "discounts.loyalty.next_years", years=_years_message(more or 0), level=label
    )
