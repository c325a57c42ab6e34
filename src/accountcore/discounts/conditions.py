"""When a discount rule applies: :class:`Conditions` and :class:`ClientFacts`.

Conditions are plain data, a conjunction of facets (client tier, kind,
status, segment, new client, relationship length, product, category,
quantity, amount, validity, promotion code). An unset facet matches
anything. ``&`` combines two conditions into one that needs both, so rules
can share a base and add to it:

>>> import datetime
>>> key_accounts = Conditions(tiers=["key", "vip"])
>>> spring = Conditions(valid_from=datetime.date(2026, 3, 1), valid_until=datetime.date(2026, 6, 1))
>>> both = key_accounts & spring
>>> both.tiers, both.valid_from, both.valid_until
(('key', 'vip'), datetime.date(2026, 3, 1), datetime.date(2026, 6, 1))

Because conditions are data, a scheme can reason about them when it is
built: whether two rules can match the same line (:meth:`Conditions.overlaps`),
whether one rule's conditions contain another's (:meth:`Conditions.covers`),
and whether a condition can never hold (:meth:`Conditions.faults`).

Ranges are inclusive at both ends (``min_quantity=10, max_quantity=49``
matches 10 to 49); validity is half-open (``valid_until`` is the first day it
no longer applies), in the scheme's timezone.
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Callable, Iterable
from decimal import Decimal
from typing import Any

import attrs

from accountcore.clients import Client, ClientKind, ClientStatus, ClientTier
from accountcore.discounts._levels import loyalty_label
from accountcore.discounts.errors import ClientFactsError, SchemeDefinitionError
from accountcore.discounts.reasons import Reason
from accountcore.i18n import Message
from accountcore.money import Money, to_decimal

__all__ = ["ClientFacts", "Conditions", "relationship_years"]


def _label(value: object, parameter: str) -> str:
    if isinstance(value, enum.Enum) and isinstance(value.value, str):
        return value.value
    if isinstance(value, str) and value:
        return value
    raise SchemeDefinitionError(
        "Conditions",
        [f"{parameter} must hold non-empty strings or enum members, got {value!r}"],
    )


def _labels(value: object, parameter: str) -> tuple[str, ...] | None:
    if value is None:
        return None
    if isinstance(value, str | enum.Enum) or not isinstance(value, Iterable):
        raise SchemeDefinitionError(
            "Conditions",
            [f"{parameter} must be a collection of names, got {value!r}"],
        )
    return tuple(sorted({_label(item, parameter) for item in value}))


def _optional_decimal(value: object, parameter: str) -> Decimal | None:
    return None if value is None else to_decimal(value, parameter)


def _optional_years(value: object, parameter: str) -> int | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise SchemeDefinitionError(
            "Conditions", [f"{parameter} must be a whole number, got {value!r}"]
        )
    return value


def _optional_money(value: object, parameter: str) -> Money | None:
    if value is None or isinstance(value, Money):
        return value
    raise SchemeDefinitionError(
        "Conditions", [f"{parameter} must be Money, got {value!r}"]
    )


def _optional_date(value: object, parameter: str) -> _dt.date | None:
    if value is None:
        return None
    if isinstance(value, _dt.datetime) or not isinstance(value, _dt.date):
        raise SchemeDefinitionError(
            "Conditions", [f"{parameter} must be a datetime.date, got {value!r}"]
        )
    return value


def _optional_flag(value: object) -> bool | None:
    if value is None or isinstance(value, bool):
        return value
    raise SchemeDefinitionError(
        "Conditions", [f"new_client must be True, False or None, got {value!r}"]
    )


def _first_won_on(value: object) -> _dt.date | None:
    return _optional_date(value, "first_won_on")


def _tiers(value: object) -> tuple[str, ...] | None:
    return _labels(value, "tiers")


def _kinds(value: object) -> tuple[str, ...] | None:
    return _labels(value, "kinds")


def _statuses(value: object) -> tuple[str, ...] | None:
    return _labels(value, "statuses")


def _segments(value: object) -> tuple[str, ...] | None:
    return _labels(value, "segments")


def _min_years(value: object) -> int | None:
    return _optional_years(value, "min_years")


def _max_years(value: object) -> int | None:
    return _optional_years(value, "max_years")


def _products(value: object) -> tuple[str, ...] | None:
    return _labels(value, "products")


def _categories(value: object) -> tuple[str, ...] | None:
    return _labels(value, "categories")


def _min_quantity(value: object) -> Decimal | None:
    return _optional_decimal(value, "min_quantity")


def _max_quantity(value: object) -> Decimal | None:
    return _optional_decimal(value, "max_quantity")


def _min_amount(value: object) -> Money | None:
    return _optional_money(value, "min_amount")


def _max_amount(value: object) -> Money | None:
    return _optional_money(value, "max_amount")


def _valid_from(value: object) -> _dt.date | None:
    return _optional_date(value, "valid_from")


def _valid_until(value: object) -> _dt.date | None:
    return _optional_date(value, "valid_until")


def _codes(value: object) -> tuple[str, ...] | None:
    return _labels(value, "codes")


def _clients(value: object) -> tuple[str, ...] | None:
    return _labels(value, "clients")


def _client_id(value: object) -> str | None:
    return None if value is None else _label(value, "client")


def _loyalty_levels(value: object) -> tuple[str, ...] | None:
    return _labels(value, "loyalty_levels")


def _loyalty(value: object) -> str | None:
    return None if value is None else _label(value, "loyalty")


def _member(value: object, parameter: str, kind: type[enum.Enum]) -> str:
    label = _label(value, parameter)
    try:
        return str(kind(label).value)
    except ValueError:
        known = ", ".join(str(member.value) for member in kind)
        raise ClientFactsError(parameter, value, f"expected one of {known}") from None


def _tier(value: object) -> str:
    return _member(value, "tier", ClientTier)


def _kind(value: object) -> str:
    return _member(value, "kind", ClientKind)


def _status(value: object) -> str:
    return _member(value, "status", ClientStatus)


def _segment(value: object) -> str | None:
    return None if value is None else _label(value, "segment")


def relationship_years(first_won_on: _dt.date | None, on: _dt.date) -> int:
    """Whole years from the first won deal to ``on`` (anniversaries passed).

    No first won deal, or one after ``on``, is 0 years. A 29 February start
    has its anniversary on 1 March in other years.

    >>> relationship_years(_dt.date(2020, 6, 15), _dt.date(2026, 6, 14))
    5
    >>> relationship_years(_dt.date(2020, 6, 15), _dt.date(2026, 6, 15))
    6
    >>> relationship_years(_dt.date(2024, 2, 29), _dt.date(2025, 2, 28))
    0
    >>> relationship_years(None, _dt.date(2026, 1, 1))
    0
    """
    if first_won_on is None or on <= first_won_on:
        return 0
    years = on.year - first_won_on.year
    if (on.month, on.day) < (first_won_on.month, first_won_on.day):
        years -= 1
    return years


@attrs.frozen
class ClientFacts:
    """What discount rules need to know about a client.

    ``tier``, ``kind`` and ``status`` are values of
    :class:`~accountcore.clients.ClientTier`, ``ClientKind`` and
    ``ClientStatus`` (members or their values, stored by value); ``segment``
    is free text. ``is_new`` and ``first_won_on`` (the
    date of the first won deal, for loyalty by relationship length) come
    from the deal history, which a client record does not carry.
    ``client`` is the client's id, for rules made for one named client
    (``Conditions(clients=[...])``).
    ``loyalty`` is the loyalty level the client has reached (see
    :meth:`~accountcore.discounts.LoyaltyProgram.facts`), for rules that
    select on it (``Conditions(loyalty_levels=[...])``).

    >>> facts = ClientFacts(tier="key", first_won_on=_dt.date(2019, 3, 1))
    >>> facts.tier, facts.kind, facts.status, facts.is_new
    ('key', 'corporate', 'active', False)
    """

    tier: str = attrs.field(default="standard", converter=_tier)
    kind: str = attrs.field(default="corporate", converter=_kind)
    status: str = attrs.field(default="active", converter=_status)
    segment: str | None = attrs.field(default=None, converter=_segment)
    is_new: bool = False
    first_won_on: _dt.date | None = attrs.field(default=None, converter=_first_won_on)
    client: str | None = attrs.field(default=None, kw_only=True, converter=_client_id)
    loyalty: str | None = attrs.field(default=None, kw_only=True, converter=_loyalty)

    @classmethod
    def of(
        cls,
        client: Client,
        *,
        first_won_on: _dt.date | None = None,
        is_new: bool | None = None,
    ) -> ClientFacts:
        """The facts of a :class:`~accountcore.clients.Client`, plus what a
        client record does not carry: the date of the first won deal (for
        loyalty by relationship length) and whether it counts as new (by
        default: a prospect is new, any other status is not).

        >>> import pendulum
        >>> from accountcore.clients import Client, ClientKind, ClientTier
        >>> acme = Client.existing("C-1", "Acme", kind=ClientKind.CORPORATE, owner="anna",
        ...                        at=pendulum.datetime(2020, 1, 1, tz="UTC"), tier=ClientTier.KEY)
        >>> ClientFacts.of(acme, first_won_on=_dt.date(2020, 3, 1))
        ClientFacts(tier='key', kind='corporate', status='active', segment=None, is_new=False, first_won_on=datetime.date(2020, 3, 1), client='C-1', loyalty=None)
        """
        return cls(
            tier=client.tier,
            kind=client.kind,
            status=client.status,
            segment=client.segment,
            is_new=client.status is ClientStatus.PROSPECT if is_new is None else is_new,
            first_won_on=first_won_on,
            client=client.id,
        )


@attrs.frozen
class Context:
    """One thing a rule is checked against: a line, or the order as a whole.

    ``amount`` is the line's list amount (for a line) or the eligible lines'
    amount after line discounts (for the order).

    >>> ctx = Context(ClientFacts(), 0, _dt.date(2026, 1, 5), None, "p1", "tools", Decimal(3), Money("30", "EUR"))
    >>> ctx.quantity
    Decimal('3')
    """

    client: ClientFacts
    years: int
    on: _dt.date
    code: str | None
    product: str | None
    category: str | None
    quantity: Decimal
    amount: Money


def _shown(names: tuple[str, ...]) -> str:
    return ", ".join(names)


_CLIENT_CODES: dict[str, frozenset[str]] = {
    "tier": frozenset(member.value for member in ClientTier),
    "kind": frozenset(member.value for member in ClientKind),
    "status": frozenset(member.value for member in ClientStatus),
}


def _client_label(facet: str, code: str) -> Message | str:
    """A client tier, kind or status code by its catalog label
    (``clients.<facet>.<code>``), so no code reaches a sentence; a name
    of the user's own (a tier ``"gold"``) stays as written."""
    if code in _CLIENT_CODES[facet]:
        return Message.of(f"clients.{facet}.{code}")
    return code


def _client_labels(facet: str, codes: tuple[str, ...]) -> tuple[Message | str, ...]:
    """The allowed codes of a facet as labels, shown as alternatives."""
    return tuple(_client_label(facet, code) for code in codes)


def _intersect(
    left: tuple[str, ...] | None, right: tuple[str, ...] | None
) -> tuple[str, ...] | None:
    if left is None:
        return right
    if right is None:
        return left
    return tuple(sorted(set(left) & set(right)))


def _tighter(left: Any, right: Any, pick: Callable[[Any, Any], Any]) -> Any:
    if left is None:
        return right
    if right is None:
        return left
    return pick(left, right)


_LABEL_FACETS = (
    "tiers",
    "kinds",
    "statuses",
    "segments",
    "products",
    "categories",
    "codes",
    "clients",
    "loyalty_levels",
)


@attrs.frozen
class Conditions:
    """A conjunction of facets; an unset facet (``None``) matches anything.

    >>> c = Conditions(tiers=["vip"], min_quantity=10)
    >>> ctx = Context(ClientFacts(tier="vip"), 0, _dt.date(2026, 1, 5), None, "p1", None, Decimal(4), Money("40", "EUR"))
    >>> c.check(ctx).text
    'quantity 4 is below the minimum 10'
    >>> c.check(attrs.evolve(ctx, quantity=Decimal(12))) is None
    True
    """

    tiers: tuple[str, ...] | None = attrs.field(default=None, converter=_tiers)
    kinds: tuple[str, ...] | None = attrs.field(default=None, converter=_kinds)
    statuses: tuple[str, ...] | None = attrs.field(default=None, converter=_statuses)
    segments: tuple[str, ...] | None = attrs.field(default=None, converter=_segments)
    new_client: bool | None = attrs.field(default=None, converter=_optional_flag)
    min_years: int | None = attrs.field(default=None, converter=_min_years)
    max_years: int | None = attrs.field(default=None, converter=_max_years)
    products: tuple[str, ...] | None = attrs.field(default=None, converter=_products)
    categories: tuple[str, ...] | None = attrs.field(
        default=None, converter=_categories
    )
    min_quantity: Decimal | None = attrs.field(default=None, converter=_min_quantity)
    max_quantity: Decimal | None = attrs.field(default=None, converter=_max_quantity)
    min_amount: Money | None = attrs.field(default=None, converter=_min_amount)
    max_amount: Money | None = attrs.field(default=None, converter=_max_amount)
    valid_from: _dt.date | None = attrs.field(default=None, converter=_valid_from)
    valid_until: _dt.date | None = attrs.field(default=None, converter=_valid_until)
    codes: tuple[str, ...] | None = attrs.field(default=None, converter=_codes)
    clients: tuple[str, ...] | None = attrs.field(
        default=None, kw_only=True, converter=_clients
    )
    """The ids of the clients the rule is for (``ClientFacts.client``)."""
    loyalty_levels: tuple[str, ...] | None = attrs.field(
        default=None, kw_only=True, converter=_loyalty_levels
    )
    """The loyalty levels the rule is for (``ClientFacts.loyalty``)."""

    # --- composition ----------------------------------------------------------

    def __and__(self, other: Conditions) -> Conditions:
        """Both conditions at once (sets intersect, ranges narrow).

        >>> (Conditions(min_quantity=5) & Conditions(min_quantity=10, max_quantity=20)).min_quantity
        Decimal('10')
        """
        if not isinstance(other, Conditions):
            return NotImplemented
        if self.new_client is not None and other.new_client is not None:
            new_client = (
                self.new_client if self.new_client == other.new_client else None
            )
            if new_client is None:  # contradictory: keep it impossible and visible
                return attrs.evolve(self, min_years=1, max_years=0)
        else:
            new_client = (
                self.new_client if other.new_client is None else other.new_client
            )
        return Conditions(
            tiers=_intersect(self.tiers, other.tiers),
            kinds=_intersect(self.kinds, other.kinds),
            statuses=_intersect(self.statuses, other.statuses),
            segments=_intersect(self.segments, other.segments),
            new_client=new_client,
            min_years=_tighter(self.min_years, other.min_years, max),
            max_years=_tighter(self.max_years, other.max_years, min),
            products=_intersect(self.products, other.products),
            categories=_intersect(self.categories, other.categories),
            min_quantity=_tighter(self.min_quantity, other.min_quantity, max),
            max_quantity=_tighter(self.max_quantity, other.max_quantity, min),
            min_amount=_tighter(self.min_amount, other.min_amount, max),
            max_amount=_tighter(self.max_amount, other.max_amount, min),
            valid_from=_tighter(self.valid_from, other.valid_from, max),
            valid_until=_tighter(self.valid_until, other.valid_until, min),
            codes=_intersect(self.codes, other.codes),
            clients=_intersect(self.clients, other.clients),
            loyalty_levels=_intersect(self.loyalty_levels, other.loyalty_levels),
        )

    # --- analysis -------------------------------------------------------------

    def faults(self, currency: str | None = None) -> list[str]:
        """Every reason these conditions can never hold (or are ill-typed).

        >>> Conditions(min_quantity=10, max_quantity=5, tiers=[]).faults("EUR")
        ['tiers is empty: no client can match', 'min_quantity 10 is above max_quantity 5']
        """
        out = [
            f"{facet} is empty: no {'client' if facet in _CLIENT_FACETS else 'line'} can match"
            for facet in _LABEL_FACETS
            if getattr(self, facet) == ()
        ]
        for facet, kind in (
            ("tiers", ClientTier),
            ("kinds", ClientKind),
            ("statuses", ClientStatus),
        ):
            known = {str(member.value) for member in kind}
            unknown = [name for name in getattr(self, facet) or () if name not in known]
            if unknown:
                out.append(
                    f"{facet} {unknown} are not {kind.__name__} values "
                    f"({', '.join(sorted(known))})"
                )
        for low, high in (("min_years", "max_years"), ("min_quantity", "max_quantity")):
            lo, hi = getattr(self, low), getattr(self, high)
            if lo is not None and lo < 0:
                out.append(f"{low} {lo} is negative")
            if lo is not None and hi is not None and lo > hi:
                out.append(f"{low} {lo} is above {high} {hi}")
        for name in ("min_amount", "max_amount"):
            value = getattr(self, name)
            if (
                value is not None
                and currency is not None
                and value.currency != currency
            ):
                out.append(f"{name} {value} is not in the scheme's currency {currency}")
        if (
            self.min_amount is not None
            and self.max_amount is not None
            and self.min_amount.currency == self.max_amount.currency
            and self.min_amount > self.max_amount
        ):
            out.append(
                f"min_amount {self.min_amount} is above max_amount {self.max_amount}"
            )
        if (
            self.valid_from is not None
            and self.valid_until is not None
            and self.valid_from >= self.valid_until
        ):
            out.append(
                f"validity [{self.valid_from}, {self.valid_until}) is empty: "
                "valid_from must be before valid_until"
            )
        if (
            self.new_client is True
            and self.min_years is not None
            and self.min_years > 0
        ):
            out.append(
                f"new_client=True with min_years {self.min_years}: a new client has "
                "no whole year of relationship"
            )
        return out

    def overlaps(self, other: Conditions) -> bool:
        """Whether some line could meet both (conservative: products and
        categories are assumed able to meet, the catalogue is not known here).

        >>> Conditions(tiers=["key"]).overlaps(Conditions(tiers=["vip"]))
        False
        >>> Conditions(min_quantity=10).overlaps(Conditions(max_quantity=10))
        True
        """
        return not (self & other).faults()

    def covers(self, other: Conditions) -> bool:
        """Whether every line meeting ``other`` also meets these conditions.

        >>> Conditions(tiers=["key", "vip"]).covers(Conditions(tiers=["vip"], min_quantity=5))
        True
        >>> Conditions(min_quantity=5).covers(Conditions())
        False
        """
        for facet in _LABEL_FACETS:
            mine, theirs = getattr(self, facet), getattr(other, facet)
            if mine is not None and (theirs is None or not set(theirs) <= set(mine)):
                return False
        if self.new_client is not None and self.new_client != other.new_client:
            return False
        for low, high in (
            ("min_years", "max_years"),
            ("min_quantity", "max_quantity"),
            ("min_amount", "max_amount"),
            ("valid_from", "valid_until"),
        ):
            mine_lo, theirs_lo = getattr(self, low), getattr(other, low)
            if mine_lo is not None and (theirs_lo is None or theirs_lo < mine_lo):
                return False
            mine_hi, theirs_hi = getattr(self, high), getattr(other, high)
            if mine_hi is not None and (theirs_hi is None or theirs_hi > mine_hi):
                return False
        return True

    # --- evaluation -----------------------------------------------------------

    def check(self, ctx: Context) -> Reason | None:
        """``None`` when ``ctx`` meets every facet, else the first failure.

        Facets are checked in a fixed order: validity, code, client,
        product, category, then the quantity and amount thresholds last, so
        a "below the minimum" reason means everything else was met (a
        ``units_gap`` or ``amount_gap`` parameter then says how much is
        missing: a near miss).
        """
        return self.check_client(ctx) or self.check_line(ctx)

    def check_client(self, ctx: Context) -> Reason | None:
        """The facets that do not depend on the line: validity, promotion
        code and client (the same for every line of a quote)."""
        if self.valid_from is not None and ctx.on < self.valid_from:
            return Reason.of("not_valid_yet", valid_from=self.valid_from, on=ctx.on)
        if self.valid_until is not None and ctx.on >= self.valid_until:
            return Reason.of("expired", valid_until=self.valid_until, on=ctx.on)
        if self.codes is not None:
            if ctx.code is None:
                return Reason.of("code_missing", codes=_shown(self.codes))
            if ctx.code not in self.codes:
                return Reason.of(
                    "code_mismatch", code=ctx.code, codes=_shown(self.codes)
                )
        client = ctx.client
        if self.tiers is not None and client.tier not in self.tiers:
            return Reason.of(
                "tier",
                tier=_client_label("tier", client.tier),
                tiers=_client_labels("tier", self.tiers),
            )
        if self.kinds is not None and client.kind not in self.kinds:
            return Reason.of(
                "kind",
                kind=_client_label("kind", client.kind),
                kinds=_client_labels("kind", self.kinds),
            )
        if self.statuses is not None and client.status not in self.statuses:
            return Reason.of(
                "status",
                status=_client_label("status", client.status),
                statuses=_client_labels("status", self.statuses),
            )
        if self.segments is not None and client.segment not in self.segments:
            return Reason.of(
                "segment", segment=str(client.segment), segments=_shown(self.segments)
            )
        if self.clients is not None and client.client not in self.clients:
            return Reason.of(
                "client", client=str(client.client), clients=_shown(self.clients)
            )
        if (
            self.loyalty_levels is not None
            and client.loyalty not in self.loyalty_levels
        ):
            return _loyalty_reason(client.loyalty, self.loyalty_levels)
        if self.new_client is not None and client.is_new != self.new_client:
            return Reason.of("not_new_client" if self.new_client else "new_client")
        if self.min_years is not None and ctx.years < self.min_years:
            return Reason.of("years_short", years=ctx.years, minimum=self.min_years)
        if self.max_years is not None and ctx.years > self.max_years:
            return Reason.of("years_over", years=ctx.years, maximum=self.max_years)
        return None

    def check_line(self, ctx: Context) -> Reason | None:
        """The facets of the line: product, category, quantity, amount."""
        return self._line(ctx.product, ctx.category, ctx.quantity, ctx.amount)

    def _line(
        self,
        product: str | None,
        category: str | None,
        quantity: Decimal,
        amount: Money,
    ) -> Reason | None:
        if self.products is not None and product not in self.products:
            return Reason.of(
                "product", product=str(product), products=_shown(self.products)
            )
        return self._from_category(product, category, quantity, amount)

    def _from_category(
        self,
        product: str | None,
        category: str | None,
        quantity: Decimal,
        amount: Money,
    ) -> Reason | None:
        if self.categories is not None and category not in self.categories:
            return Reason.of(
                "category", category=str(category), categories=_shown(self.categories)
            )
        return self._thresholds(product, category, quantity, amount)

    def _thresholds(
        self,
        product: str | None,
        category: str | None,
        quantity: Decimal,
        amount: Money,
    ) -> Reason | None:
        if self.max_quantity is not None and quantity > self.max_quantity:
            return Reason.of(
                "quantity_over", quantity=quantity, maximum=self.max_quantity
            )
        if self.max_amount is not None and amount.amount > self.max_amount.amount:
            return Reason.of("amount_over", amount=amount, maximum=self.max_amount)
        short_q = self.min_quantity is not None and quantity < self.min_quantity
        short_a = self.min_amount is not None and amount.amount < self.min_amount.amount
        if short_q:
            params: dict[str, object] = {
                "quantity": quantity,
                "minimum": self.min_quantity,
            }
            if not short_a:
                params["units_gap"] = self.min_quantity - quantity  # type: ignore[operator]
            return Reason.of("quantity_short", **params)
        if short_a:
            gap = self.min_amount - amount  # type: ignore[operator]
            return Reason.of(
                "amount_short", amount=amount, minimum=self.min_amount, amount_gap=gap
            )
        return None

    def _line_checker(self, indexed_by: str | None) -> LineCheck | None:
        """:meth:`check_line` for a rule that an index offers only to lines
        of its products (``indexed_by="products"``) or of its categories
        (``"categories"``): the facets the index already guarantees are
        skipped, and ``None`` means nothing is left to check on a line.
        Same reasons, in the same order, as :meth:`check_line`.

        >>> Conditions(products=["p1"])._line_checker("products") is None
        True
        >>> check = Conditions(categories=["c1"], min_quantity=5)._line_checker("categories")
        >>> check("p1", "c1", Decimal(2), Money("20", "EUR")).text
        'quantity 2 is below the minimum 5'
        """
        thresholds = (
            self.min_quantity,
            self.max_quantity,
            self.min_amount,
            self.max_amount,
        )
        if indexed_by != "products" and self.products is not None:
            return self._line
        if indexed_by != "categories" and self.categories is not None:
            return self._from_category
        if thresholds != (None, None, None, None):
            return self._thresholds
        return None


LineCheck = Callable[[str | None, str | None, Decimal, Money], Reason | None]
"""A compiled line check: (product, category, quantity, list amount) to the
first failing reason, or ``None`` (private to the pricing hot path)."""


_CLIENT_FACETS = ("tiers", "kinds", "statuses", "segments", "clients", "loyalty_levels")


def _loyalty_reason(level: str | None, levels: tuple[str, ...]) -> Reason:
    """Why a client's loyalty level does not meet a rule's (each level
    shown through its own label)."""
    shown = tuple(loyalty_label(name) for name in levels)
    if level is None:
        return Reason.of("loyalty_none", levels=shown)
    return Reason.of("loyalty_level", level=loyalty_label(level), levels=shown)
