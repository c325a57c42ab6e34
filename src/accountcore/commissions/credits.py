"""Credits: the amounts a plan pays on, one per deal and owner.

A :class:`Credit` is a frozen value: which deal, which client, whose credit,
how much, and when it was credited. Negative credits reverse a cancelled
deal's credit (a clawback).

>>> import datetime
>>> from accountcore.money import Money
>>> credit = Credit("D-1", "C-1", "ana", Money("1200.00", "EUR"), datetime.date(2026, 1, 15))
>>> credit.client_tier, credit.is_clawback
(<ClientTier.STANDARD: 'standard'>, False)
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal

import attrs

from accountcore.clients import Client, ClientKind, ClientTier
from accountcore.commissions.errors import (
    InvalidCreditError,
    MissingMarginError,
    PlanDefinitionError,
)
from accountcore.errors import UnknownKeyError, check_choice, check_items, check_type
from accountcore.money import Money
from accountcore.periods import FiscalCalendar, Period, as_date
from accountcore.pipeline import Deal, DealType, Outcome, Split
from accountcore.quotas import Measure

__all__ = ["ClawbackMode", "Credit", "CreditFilter", "credits_from"]


def _plain(value: object) -> str:
    """An enum member's value, or the str itself (tiers and kinds as text)."""
    if isinstance(value, enum.Enum):
        return str(value.value)
    return check_type("value", value, str, "a str or an enum member")


def _optional_plain(value: object) -> str | None:
    return None if value is None else _plain(value)


def _non_empty(_: object, attribute: attrs.Attribute[str], value: object) -> None:
    if not check_type(attribute.name, value, str, "a non-empty str"):
        raise InvalidCreditError(attribute.name, value, "a non-empty str")


def _is_money(_: object, attribute: attrs.Attribute[Money], value: object) -> None:
    check_type(attribute.name, value, Money)


def _tier(value: object) -> ClientTier:
    return check_choice("client_tier", value, ClientTier)


def _kind(value: object) -> ClientKind:
    return check_choice("client_kind", value, ClientKind)


def _deal_type(value: object) -> DealType:
    return check_choice("deal_type", value, DealType)


def _is_bool(_: object, attribute: attrs.Attribute[bool], value: object) -> None:
    check_type(attribute.name, value, bool)


def _is_int(_: object, attribute: attrs.Attribute[int], value: object) -> None:
    check_type(attribute.name, value, int)


def _is_date(_: object, attribute: attrs.Attribute[_dt.date], value: object) -> None:
    as_date(value, attribute.name)


def _is_optional_date(
    _: object, attribute: attrs.Attribute[_dt.date | None], value: object
) -> None:
    if value is not None:
        as_date(value, attribute.name)


def _is_optional_money(
    _: object, attribute: attrs.Attribute[Money | None], value: object
) -> None:
    if value is not None:
        check_type(attribute.name, value, Money, "Money or None")


def _check_discount(credit: Credit) -> None:
    """The sale's list amount and discount: both or neither, in the
    credit's currency, the list amount not below 0 and the discount from 0
    to the list amount."""
    listed, discount = credit.list_amount, credit.discount
    currency = credit.amount.currency
    if listed is None or discount is None:
        name, value = (
            ("discount", discount) if listed is None else ("list_amount", listed)
        )
        raise InvalidCreditError(
            name, value, "list_amount and discount given together (or neither)"
        )
    for name, money in (("list_amount", listed), ("discount", discount)):
        if money.currency != currency:
            raise InvalidCreditError(
                name, money, f"Money in the credit's currency {currency}"
            )
    if listed.amount < 0:
        raise InvalidCreditError(
            "list_amount", listed, "the sale's list amount, not below 0"
        )
    if not 0 <= discount.amount <= listed.amount:
        raise InvalidCreditError(
            "discount", discount, f"from 0 to the list amount {listed}"
        )


@attrs.frozen
class Credit:
    """The credit one owner gets for one deal.

    ``client_tier`` and ``client_kind`` are the clients module's
    :class:`~accountcore.clients.ClientTier` and
    :class:`~accountcore.clients.ClientKind` (their text values are accepted). ``is_new_client`` marks the client's first won deal.
    A clawback is a negative credit; ``original_on`` is then the date of the
    credit it reverses (its exchange rate is the one used). ``deal_type`` is
    the deal's :class:`~accountcore.pipeline.DealType` (new business unless
    given; its text value is accepted).

    >>> import datetime
    >>> Credit("D-1", "C-1", "ana", Money("-500", "EUR"), datetime.date(2026, 2, 1), original_on=datetime.date(2026, 1, 10)).is_clawback
    True
    >>> Credit("", "C-1", "ana", Money("1", "EUR"), datetime.date(2026, 2, 1))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.InvalidCreditError: deal_id='' is invalid: expected a non-empty str.
    """

    deal_id: str = attrs.field(validator=_non_empty)
    client_id: str = attrs.field(validator=_non_empty)
    owner: str = attrs.field(validator=_non_empty)
    amount: Money = attrs.field(validator=_is_money)
    credited_on: _dt.date = attrs.field(validator=_is_date)
    client_tier: ClientTier = attrs.field(default=ClientTier.STANDARD, converter=_tier)
    client_kind: ClientKind = attrs.field(default=ClientKind.CORPORATE, converter=_kind)
    is_new_client: bool = attrs.field(default=False, validator=_is_bool)
    product: str | None = attrs.field(default=None, converter=_optional_plain)
    category: str | None = attrs.field(default=None, converter=_optional_plain)
    quantity: int = attrs.field(default=1, validator=_is_int)
    original_on: _dt.date | None = attrs.field(
        default=None, validator=_is_optional_date
    )
    deal_type: DealType = attrs.field(
        default=DealType.NEW_BUSINESS, converter=_deal_type
    )
    list_amount: Money | None = attrs.field(
        default=None, validator=_is_optional_money, kw_only=True
    )
    """The sale's list amount (before its discount), whole: not the owner's
    split of it, and positive on a clawback too."""
    discount: Money | None = attrs.field(
        default=None, validator=_is_optional_money, kw_only=True
    )
    """The discount given on the sale (from the list amount), whole."""

    def __attrs_post_init__(self) -> None:
        if self.list_amount is not None or self.discount is not None:
            _check_discount(self)

    @property
    def discount_share(self) -> Decimal | None:
        """The discount as a share of the list amount (``0.15`` is 15 %),
        ``None`` without them; 0 for a list amount of 0.

        >>> import datetime
        >>> Credit("D-1", "C-1", "ana", Money("850", "EUR"), datetime.date(2026, 1, 5),
        ...        list_amount=Money("1000", "EUR"), discount=Money("150", "EUR")).discount_share
        Decimal('0.15')
        """
        listed, discount = self.list_amount, self.discount
        if listed is None or discount is None:
            return None
        if not listed.amount:
            return Decimal(0)
        return discount.amount / listed.amount

    @property
    def is_clawback(self) -> bool:
        """Whether this credit reverses an earlier one (a negative amount)."""
        return self.amount.amount < 0

    @property
    def rate_date(self) -> _dt.date:
        """The date whose exchange rate converts this credit: the original
        credit's date for a clawback, else the credited date."""
        return self.original_on or self.credited_on


def _texts(values: Iterable[object]) -> tuple[str, ...]:
    if isinstance(values, str):
        values = (values,)
    return tuple(sorted({_plain(v) for v in values}))


def _deal_types(values: Iterable[object]) -> tuple[str, ...]:
    if isinstance(values, str | DealType):
        values = (values,)
    return tuple(
        sorted({check_choice("deal_types", v, DealType).value for v in values})
    )


def _exclusions(values: object) -> tuple[CreditFilter, ...]:
    """One filter or several, each a :class:`CreditFilter` (in the order given)."""
    if isinstance(values, CreditFilter):
        return (values,)
    return check_items("exclude", values, CreditFilter)


def _value_fields() -> tuple[str, ...]:
    """The names of the filter's value fields (every field but ``exclude``),
    whatever fields the filter has."""
    return tuple(f.name for f in attrs.fields(CreditFilter) if f.name != "exclude")


def _exclusion_faults(where: CreditFilter) -> list[str]:
    """The exclusions that leave the filter matching nothing: an empty one
    (it excludes every credit), or one on a single field that excludes every
    value the filter includes on that field."""
    faults = []
    names = _value_fields()
    for index, excluded in enumerate(where.exclude, start=1):
        if excluded.is_everything:
            faults.append(
                f"exclusion {index} is empty, so it excludes every credit; "
                "name what to exclude (a product, category, tier or kind)"
            )
            continue
        fields = [n for n in names if getattr(excluded, n)]
        if len(fields) == 1 and not excluded.exclude:
            name = fields[0]
            included = getattr(where, name)
            if included and set(included) <= set(getattr(excluded, name)):
                faults.append(
                    f"exclusion {index} excludes every value of {name} the "
                    f"filter includes ({'/'.join(included)}), so it matches nothing"
                )
    return faults


@attrs.frozen
class CreditFilter:
    """Which credits a component looks at; an empty field matches everything.

    Each field is a set of values, kept sorted (a single str is one value).
    ``exclude`` holds filters of credits that earn nothing here: a credit
    any of them matches is left out, even when the fields include it (an
    exclusion is a whole filter, so it reads every field a filter has:
    ``exclude=(CreditFilter(products="sample"), CreditFilter(categories="service"))``
    leaves out samples and services).
    ``deal_types`` holds :class:`~accountcore.pipeline.DealType` values
    (members or their text): ``CreditFilter(deal_types="renewal")`` selects
    the renewals, e.g. for a component paying a lower rate on them.

    >>> import datetime
    >>> vip = CreditFilter(tiers="vip")
    >>> vip.matches(Credit("D-1", "C-1", "ana", Money("1", "EUR"), datetime.date(2026, 1, 1), client_tier="vip"))
    True
    >>> CreditFilter().is_everything
    True
    >>> no_samples = CreditFilter(exclude=CreditFilter(products="sample"))
    >>> no_samples.matches(Credit("D-2", "C-1", "ana", Money("1", "EUR"), datetime.date(2026, 1, 1), product="sample"))
    False
    >>> CreditFilter(products="pump", exclude=CreditFilter(products="pump"))
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: CreditFilter is invalid (1 fault):
      - exclusion 1 excludes every value of products the filter includes (pump), so it matches nothing
    """

    products: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    categories: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    tiers: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    kinds: tuple[str, ...] = attrs.field(default=(), converter=_texts)
    deal_types: tuple[str, ...] = attrs.field(default=(), converter=_deal_types)
    exclude: tuple[CreditFilter, ...] = attrs.field(
        default=(), converter=_exclusions, kw_only=True
    )
    """Filters of the credits left out (each a whole filter; any one of
    them matching leaves a credit out)."""

    def __attrs_post_init__(self) -> None:
        if self.exclude:
            faults = _exclusion_faults(self)
            if faults:
                raise PlanDefinitionError("CreditFilter", faults)

    @property
    def is_everything(self) -> bool:
        """Whether the filter lets every credit through."""
        return (
            not (
                self.products
                or self.categories
                or self.tiers
                or self.kinds
                or self.deal_types
            )
            and not self.exclude
        )

    def matches(self, credit: Credit) -> bool:
        """Whether ``credit`` passes every non-empty criterion."""
        return (
            (not self.products or credit.product in self.products)
            and (not self.categories or credit.category in self.categories)
            and (not self.tiers or credit.client_tier.value in self.tiers)
            and (not self.kinds or credit.client_kind.value in self.kinds)
            and (not self.deal_types or credit.deal_type.value in self.deal_types)
            and not (self.exclude and self._excluded(credit))
        )

    def _excluded(self, credit: Credit) -> bool:
        """Whether one of the exclusions matches ``credit``."""
        return any(excluded.matches(credit) for excluded in self.exclude)

    def describe(self) -> str:
        """The filter in words, for statement lines.

        >>> CreditFilter(products="pumps", tiers=("vip", "key")).describe()
        'product pumps, tier key/vip'
        >>> CreditFilter(exclude=(CreditFilter(products="sample"), CreditFilter(categories="service"))).describe()
        'all credits except product sample, except category service'
        """
        parts = []
        for label, values in (
            ("product", self.products),
            ("category", self.categories),
            ("tier", self.tiers),
            ("kind", self.kinds),
            ("deal type", self.deal_types),
        ):
            if values:
                parts.append(f"{label} {'/'.join(sorted(values))}")
        text = ", ".join(parts) if parts else "all credits"
        for excluded in self.exclude:
            text += f", except {excluded.describe()}"
        if parts or not self.exclude:
            return text
        return text.replace(", except", " except", 1)


# --- credits from deals -----------------------------------------------------------


class ClawbackMode(enum.Enum):
    """How much of a cancelled deal's credit is clawed back inside the window:
    all of it, or a share falling linearly with the days since the win.

    >>> ClawbackMode("linear")
    <ClawbackMode.LINEAR: 'linear'>
    """

    FULL = "full"
    LINEAR = "linear"


def _won_and_cancelled(deal: Deal) -> tuple[_dt.datetime | None, _dt.datetime | None]:
    """When the deal first entered a won stage, and when it first left for a
    lost stage after that (a cancellation)."""
    won_at = None
    for change in deal.stage_changes:
        if change.outcome is Outcome.WON and won_at is None:
            won_at = change.at
        elif change.outcome is Outcome.LOST and won_at is not None:
            return won_at, change.at
    return won_at, None


def credits_from(
    deals: Iterable[Deal],
    *,
    period: Period,
    calendar: FiscalCalendar,
    clients: Mapping[str, Client] | Iterable[Client] = (),
    measure: Measure | str = Measure.REVENUE,
    clawback_days: int | None = None,
    clawback: ClawbackMode | str = ClawbackMode.FULL,
    margins: Mapping[str, Money] | None = None,
    list_amounts: Mapping[str, Money] | None = None,
) -> tuple[Credit, ...]:
    """The credits ``deals`` give in ``period``: one per split owner.

    A deal won in the period (its first entry into a won stage, dated in the
    calendar's timezone) credits its amount as it stood at the win (its
    gross margin from ``margins`` for :attr:`Measure.GROSS_MARGIN`), split by
    its splits with :meth:`Money.allocate` so the parts add up to the cent.
    A deal cancelled in the period (moved to a lost stage after the win)
    fewer than ``clawback_days`` days after the win gives negative credits:
    the whole credit (``FULL``) or ``(days − elapsed) / days`` of it
    (``LINEAR``), dated at the cancellation, converted at the win's rate.

    A client is new on its first won deal among ``deals`` (pass the client's
    history, not only the period's deals). Tier and kind come from
    ``clients`` (standard and corporate when no clients are given); the
    deal type from the deal.

    ``list_amounts`` gives a deal's list amount by its id, where the deal
    knows one: each of its credits then carries it and the discount given
    (the list amount less the deal's amount at the win; a price above the
    list amount is no discount), whole, whatever the split.

    >>> import pendulum
    >>> from accountcore.pipeline import Pipeline
    >>> from decimal import Decimal
    >>> from accountcore.pipeline import Split
    >>> p = Pipeline.default()
    >>> t0 = pendulum.datetime(2026, 1, 5, 9, tz="Europe/Tallinn")
    >>> deal = p.new_deal("D-1", client_id="C-1", owner="ana", at=t0, by="ana")
    >>> deal = deal.with_amount(Money("1000.00", "EUR"), at=t0, by="ana")
    >>> deal = deal.with_splits([Split("ana", Decimal("0.5")), Split("bob", Decimal("0.5"))], at=t0, by="ana")
    >>> won = p.advance(deal, "contract_signed", at=t0.add(days=3), by="ana", force=True, reason="demo")
    >>> [(c.owner, str(c.amount)) for c in credits_from([won], period=Period.month(2026, 1), calendar=FiscalCalendar(timezone="Europe/Tallinn"))]
    [('ana', '500.00 EUR'), ('bob', '500.00 EUR')]
    """
    kind = check_choice("measure", measure, Measure)
    mode = check_choice("clawback", clawback, ClawbackMode)
    _check_clawback_days(clawback_days)
    check_type("period", period, Period)
    check_type("calendar", calendar, FiscalCalendar)
    by_id = _clients_by_id(clients)
    if margins is not None:
        check_type("margins", margins, Mapping, "a mapping of deal id to Money")
    if list_amounts is not None:
        check_type(
            "list_amounts", list_amounts, Mapping, "a mapping of deal id to Money"
        )
    deals = check_items("deals", deals, Deal)
    wins, first = _wins(deals, calendar)
    out: list[Credit] = []
    for deal, day, won_at, cancelled_at in wins:
        cancel_day = None if cancelled_at is None else calendar.date_of(cancelled_at)
        credited, clawed = _in_period(day, cancel_day, period, clawback_days)
        if not (credited or clawed):
            continue
        at_win = deal.as_of(won_at)
        value = _value_at_win(deal, at_win, kind, margins)
        if value is None:
            continue
        client = _client_of(deal, by_id)
        tier, client_kind = _tier_and_kind(client)
        facts = (
            tier,
            client_kind,
            first[deal.client_id][1] == deal.id,
            _sale_of(deal.id, at_win.amount, list_amounts),
        )
        splits = at_win.splits
        weights = [split.share for split in splits]
        batches: list[tuple[tuple[Money, ...], _dt.date, _dt.date | None]] = []
        if credited:
            batches.append((value.allocate(weights), day, None))
        if clawed and cancel_day is not None and clawback_days is not None:
            back = _clawed_back(value, day, cancel_day, clawback_days, mode)
            batches.append((back.allocate(weights), cancel_day, day))
        out += _split_credits(deal, splits, batches, facts)
    out.sort(key=lambda c: (c.credited_on, c.deal_id, c.owner, c.amount.amount))
    return tuple(out)


def _split_credits(
    deal: Deal,
    splits: Sequence[Split],
    batches: Iterable[tuple[Sequence[Money], _dt.date, _dt.date | None]],
    facts: tuple[ClientTier, ClientKind, bool, tuple[Money | None, Money | None]],
) -> list[Credit]:
    """The deal's credits: each batch's parts (one per split), dated, with
    the client's tier, kind and newness and the deal's sale."""
    tier, client_kind, is_new, (listed, discount) = facts
    return [
        Credit(
            deal.id,
            deal.client_id,
            split.owner,
            part,
            on,
            tier,
            client_kind,
            is_new,
            original_on=original,
            deal_type=deal.deal_type,
            list_amount=listed,
            discount=discount,
        )
        for parts, on, original in batches
        for split, part in zip(splits, parts, strict=True)
    ]


def _check_clawback_days(clawback_days: object) -> None:
    expected = "a positive int (days) or None"
    if (
        clawback_days is not None
        and check_type("clawback_days", clawback_days, int, expected) < 1
    ):
        raise InvalidCreditError("clawback_days", clawback_days, expected)


def _clients_by_id(
    clients: Mapping[str, Client] | Iterable[Client],
) -> Mapping[str, Client]:
    """``clients`` by id, each checked to be a :class:`Client`."""
    if isinstance(clients, Mapping):
        check_items("clients", clients.values(), Client)
        return clients
    return {c.id: c for c in check_items("clients", clients, Client)}


def _wins(
    deals: Iterable[Deal], calendar: FiscalCalendar
) -> tuple[
    list[tuple[Deal, _dt.date, _dt.datetime, _dt.datetime | None]],
    dict[str, tuple[_dt.date, str]],
]:
    """The won deals with their win's day, the win and the cancellation (if
    any), and each client's first won deal as ``(day, deal id)``."""
    wins: list[tuple[Deal, _dt.date, _dt.datetime, _dt.datetime | None]] = []
    first: dict[str, tuple[_dt.date, str]] = {}
    for deal in deals:
        won_at, cancelled_at = _won_and_cancelled(deal)
        if won_at is None:
            continue
        day = calendar.date_of(won_at)
        wins.append((deal, day, won_at, cancelled_at))
        key = (day, deal.id)
        if deal.client_id not in first or key < first[deal.client_id]:
            first[deal.client_id] = key
    return wins, first


def _in_period(
    day: _dt.date,
    cancel_day: _dt.date | None,
    period: Period,
    clawback_days: int | None,
) -> tuple[bool, bool]:
    """Whether a win on ``day`` is credited in ``period``, and whether its
    cancellation (if any) is clawed back in it: in the period, fewer than
    ``clawback_days`` days after the win."""
    clawed = (
        cancel_day is not None
        and clawback_days is not None
        and cancel_day in period
        and (cancel_day - day).days < clawback_days
    )
    return day in period, clawed


def _value_at_win(
    deal: Deal, at_win: Deal, kind: Measure, margins: Mapping[str, Money] | None
) -> Money | None:
    """What the deal credits: its amount at the win, or its gross margin."""
    if kind is Measure.GROSS_MARGIN:
        if margins is None or deal.id not in margins:
            raise MissingMarginError(deal.id, margins or ())
        return check_type(f"margins[{deal.id!r}]", margins[deal.id], Money)
    return at_win.amount


def _sale_of(
    deal_id: str, price: Money | None, list_amounts: Mapping[str, Money] | None
) -> tuple[Money | None, Money | None]:
    """The deal's list amount and the discount given (the list amount less
    ``price``, 0 for a price above it), or ``(None, None)`` when either is
    unknown."""
    if list_amounts is None or deal_id not in list_amounts or price is None:
        return None, None
    listed = check_type(f"list_amounts[{deal_id!r}]", list_amounts[deal_id], Money)
    if listed.currency != price.currency:
        raise InvalidCreditError(
            f"list_amounts[{deal_id!r}]",
            listed,
            f"Money in the deal's currency {price.currency}",
        )
    given = listed - price
    return listed, given if given.amount > 0 else listed * 0


def _client_of(deal: Deal, by_id: Mapping[str, Client]) -> Client | None:
    """The deal's client among those given (``None`` when none were)."""
    client = by_id.get(deal.client_id)
    if by_id and client is None:
        raise UnknownKeyError(
            "client",
            deal.client_id,
            by_id,
            hint=f"deal {deal.id!r} names it; pass every won deal's client in clients",
        )
    return client


def _tier_and_kind(client: Client | None) -> tuple[ClientTier, ClientKind]:
    """The client's tier and kind (standard and corporate when unknown)."""
    if client is None:
        return ClientTier.STANDARD, ClientKind.CORPORATE
    return client.tier, client.kind


def _clawed_back(
    value: Money,
    day: _dt.date,
    cancel_day: _dt.date,
    clawback_days: int,
    mode: ClawbackMode,
) -> Money:
    """The credit a cancellation takes back, rounded: all of ``value``, or
    the part of the window left (``LINEAR``)."""
    back = -value
    if mode is ClawbackMode.LINEAR:
        # value × (days − elapsed) ÷ days: multiplied first, divided last
        elapsed = (cancel_day - day).days
        back = -(value * (clawback_days - elapsed)) / clawback_days
    return back.rounded()
