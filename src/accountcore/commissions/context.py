"""What a component sees: one owner's credits and figures for one period.

Every component follows :class:`Component`: it has a ``name`` and an
``evaluate(context, lines)`` that returns the statement lines it adds, given
the :class:`Context` and the lines the components before it produced
(modifiers such as a cap read those). Register a component class with
:func:`register_component` so plans holding it serialise.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.commissions.statement import LineKind, StatementLine
>>> @attrs.frozen
... class Fixed:
...     name: str
...     amount: Money
...     def evaluate(self, context, lines):
...         return [StatementLine(self.name, LineKind.PERIODIC, "fixed award", self.amount)]
>>> isinstance(Fixed("award", Money("10", "EUR")), Component)
True
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal
from operator import attrgetter
from typing import Any, Protocol, TypeVar, runtime_checkable

import attrs

from accountcore.clients import Client, ClientKind, ClientTier
from accountcore.commissions.credits import Credit, CreditFilter
from accountcore.commissions.errors import (
    MissingQuotaError,
    PlanDefinitionError,
    YearToDateCreditsError,
)
from accountcore.commissions.ledger import Ledger
from accountcore.commissions.statement import DealIds, LineKind, StatementLine
from accountcore.errors import ArgumentTypeError, CurrencyMismatchError
from accountcore.money import ExchangeRates, Money, _make, _quantize, to_decimal
from accountcore.periods import Period, prorate
from accountcore.quotas import Measure, Quota

__all__ = [
    "ClientHeld",
    "Columns",
    "Component",
    "Context",
    "ServiceRecord",
    "component_kinds",
    "register_component",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_deal_of = attrgetter("deal_id")


def _served(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _held(values: Iterable[ClientHeld]) -> tuple[ClientHeld, ...]:
    return tuple(values)


@runtime_checkable
class Component(Protocol):
    """One part of a commission plan.

    ``evaluate`` returns the lines this component adds, each with its amount
    already rounded to the currency's minor unit. It must not change its
    inputs. Every built-in component follows it:

    >>> from accountcore.commissions.components import FlatRate
    >>> isinstance(FlatRate("commission", "0.05"), Component)
    True
    """

    @property
    def name(self) -> str:
        """The component's name, unique in its plan; lines carry it."""
        ...

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> Sequence[StatementLine]:
        """The lines this component adds to the statement."""
        ...


class Columns(Protocol):
    """What a component's *column form* reads and writes: every owner of a
    team calculation at once, one row each (:mod:`accountcore.frames`).

    A built-in component has, beside ``evaluate``, a ``columns(on)`` method
    that states its lines over these rows and returns ``True``, or returns
    ``False`` when it has no column form for its settings (its owners then
    go through ``evaluate``). Figures are exact decimal columns that add,
    subtract, multiply and compare like Decimals (``on.figure("amount") *
    rate``); a component never sees a float. The figures: ``amount`` (the
    credited basis), ``target`` (the money target), ``reach`` (the credit
    attainment counts: amount, or cap × target under the plan's attainment
    cap), ``ratio`` (attainment, capped), ``variable`` (the variable lines
    so far), ``new_clients`` (clients whose new-client credits net above
    0) and ``draw_balance`` (the draw balance of the ledger the owner
    brings). Flags: ``fed`` (a credit of the owner's was read) and
    ``everyone``. A column owner has no activity: a component paying on
    :class:`ServiceRecord` states no line.
    """

    currency: str

    def figure(self, name: str) -> Any:
        """One of the owners' figures, as an exact decimal column."""
        ...

    def flag(self, name: str) -> Any:
        """One of the owners' flags, as a boolean column."""
        ...

    def constant(self, value: Decimal) -> Any:
        """``value`` as a column."""
        ...

    def basis(self, where: CreditFilter) -> Any:
        """The credited basis of the credits ``where`` matches."""
        ...

    def credited(self, where: CreditFilter) -> Any:
        """Whether a credit ``where`` matches was credited (a flag)."""
        ...

    def deals(self, where: CreditFilter) -> str:
        """The ``deals`` of a line that lists the deals ``where`` matches."""
        ...

    def new_clients(self, where: CreditFilter) -> tuple[Any, str]:
        """The new clients among the credits ``where`` matches (net above
        0), and the ``deals`` of their line."""
        ...

    def spiff(self, where: CreditFilter, window: Period, per: str) -> tuple[Any, str]:
        """A SPIF's count over the credits ``where`` matches in ``window``
        (units, or with ``per="deal"`` deals netting above 0), and the
        ``deals`` of its line."""
        ...

    def count(self, where: CreditFilter, per: str) -> tuple[Any, str]:
        """The net count of the credits ``where`` matches: lines (a
        clawback counts −1) with ``per="line"``, deals (+1 netting above 0,
        −1 below) with ``per="deal"``; and the ``deals`` of its line."""
        ...

    def money(self, value: Any) -> Any:
        """``value`` rounded half up to the currency's minor unit, as
        :meth:`Context.money` rounds."""
        ...

    def choose(self, condition: Any, then: Any, otherwise: Any) -> Any:
        """``then`` where ``condition`` holds, else ``otherwise``."""
        ...

    def smaller(self, left: Any, right: Any) -> Any:
        """The smaller of two figures, row by row."""
        ...

    def variable_of(self, components: Sequence[str]) -> Any:
        """The variable pay of the lines of ``components`` so far (all
        variable lines when empty)."""
        ...

    def earned(self) -> Any:
        """The earned pay of the lines so far (those whose kind
        :attr:`~accountcore.commissions.statement.LineKind.is_earned`)."""
        ...

    def line(  # noqa: PLR0917 (mirrors StatementLine's fields)
        self,
        component: str,
        kind: LineKind,
        when: Any,
        amount: Any,
        basis: Any,
        unit: str,
        rate: Any,
        message: str,
        *,
        lower: Decimal | None = None,
        upper: Decimal | None = None,
        share: Any = None,
        deals: str = "none",
        of: Sequence[str] = (),
    ) -> None:
        """A line on the statements of the owners where ``when`` holds:
        ``amount`` already rounded, ``rate`` a Decimal, ``None`` or a figure
        (a rate that differs by owner), ``message`` its explanation's id, and the
        explanation's bounds and share; ``deals`` says which deals it lists
        (``"all"`` the owner's credited deals, ``"variable"`` those of the
        variable lines so far, of the components ``of`` when given,
        ``"new_clients"`` those of the new clients counted, ``"none"``)."""
        ...


_KINDS: dict[str, type] = {}
_NAMES: dict[type, str] = {}

C = TypeVar("C", bound=type)


def register_component(kind: str) -> Callable[[C], C]:
    """Register a component class under ``kind`` (its tag when serialised).

    The class must be an attrs class whose fields the serialization
    converter can handle.

    >>> component_kinds()["flat_rate"].__name__
    'FlatRate'
    >>> register_component("flat_rate")(ClientHeld)
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: register_component('flat_rate') is invalid (1 fault):
      - kind 'flat_rate' is already registered for FlatRate, not ClientHeld
    """

    def decorate(cls: C) -> C:
        if kind in _KINDS and _KINDS[kind] is not cls:
            raise PlanDefinitionError(
                f"register_component({kind!r})",
                [
                    f"kind {kind!r} is already registered for "
                    f"{_KINDS[kind].__name__}, not {cls.__name__}"
                ],
            )
        _KINDS[kind] = cls
        _NAMES[cls] = kind
        return cls

    return decorate


def component_kinds() -> Mapping[str, type]:
    """Every registered component class by its serialisation tag.

    The component modules fill the registry as they are imported, and this
    module imports none of them (they import it): the built-in kinds are
    registered by the time this module can be read, since importing any
    module of ``accountcore.commissions`` first runs the package's
    ``__init__``, which imports every component module.
    """
    return dict(_KINDS)


def kind_of(component: object) -> str:
    """The registered tag of ``component``'s class.

    >>> kind_of("flat")
    Traceback (most recent call last):
    ...
    accountcore.errors.ArgumentTypeError: component must be a component of a registered kind (accelerator, attainment_bonus, base_salary, ..., tiered); decorate its class with @register_component('<kind>') so the plan can be serialised, not str ('flat').
    """
    try:
        return _NAMES[type(component)]
    except KeyError:
        raise ArgumentTypeError(
            "component",
            component,
            f"a component of a registered kind ({', '.join(sorted(_KINDS))}); "
            "decorate its class with @register_component('<kind>') so the plan "
            "can be serialised",
        ) from None


@attrs.frozen
class ClientHeld:
    """A client an owner holds in the period, with its tier and kind.

    >>> ClientHeld("C-1", "vip", "corporate").tier
    <ClientTier.VIP: 'vip'>
    """

    client_id: str
    tier: ClientTier = attrs.field(default=ClientTier.STANDARD, converter=ClientTier)
    kind: ClientKind = attrs.field(default=ClientKind.CORPORATE, converter=ClientKind)

    @classmethod
    def of(cls, client: Client) -> ClientHeld:
        """The held-client record of a :class:`~accountcore.clients.Client`."""
        return cls(client.id, client.tier, client.kind)


def _ratings(values: Sequence[object]) -> tuple[Decimal, ...]:
    return tuple(to_decimal(v, "rating") for v in values)


@attrs.frozen
class ServiceRecord:
    """What an owner did in the period besides selling: the record the
    service bonuses and the base salary's proration read.

    (Called ``Activity`` before 0.x; ``accountcore.Activity`` is now a CRM
    activity, :class:`accountcore.relationship.Activity`, and
    ``accountcore.commissions.Activity`` a deprecated alias of this class
    for one release.)

    ``active`` is the part of the period the owner was employed (``None``:
    all of it); ``clients_served`` the clients supported after the sale;
    ``feedback`` the clients' ratings; ``clients_held`` the portfolio.

    >>> ServiceRecord(feedback=("4.5", "5")).feedback
    (Decimal('4.5'), Decimal('5'))
    """

    active: Period | None = None
    clients_served: tuple[str, ...] = attrs.field(default=(), converter=_served)
    feedback: tuple[Decimal, ...] = attrs.field(default=(), converter=_ratings)
    clients_held: tuple[ClientHeld, ...] = attrs.field(default=(), converter=_held)


_NO_ACTIVITY = ServiceRecord()


class Context:
    """One owner's figures for one calculation (built by the plan).

    ``amount`` is the credited basis in the plan's currency after tier
    weights; ``attainment`` the ratio to quota (capped by the plan's
    ``attainment_cap``), ``None`` without a quota: a quotient, shown on
    lines and compared nowhere. Comparisons with an attainment bound and
    amounts figured from attainment use what was achieved and the target as
    they are (``amount`` and the money ``target``; for a count quota,
    ``measured``: the count and its target), bounds times the target (exact
    products), one division last (:meth:`attainment_fraction`,
    :meth:`attains`, :meth:`band_share`).

    With ``partial`` true (a year-to-date statement given only its period's
    credits, the earlier ones as the ledger's ``credited_to_date``), reading
    :attr:`credits` raises
    :class:`~accountcore.commissions.errors.YearToDateCreditsError`: a component that
    needs each credit cannot work from a sum. :meth:`period_credits` and
    :meth:`deal_ids` read only the period's credits and always work.
    """

    __slots__ = (
        "_credits",
        "_deals",
        "_load",
        "_new",
        "_values",
        "activity",
        "amount",
        "attainment",
        "attainment_cap",
        "currency",
        "explain_deals",
        "ledger",
        "measured",
        "owner",
        "partial",
        "period",
        "quota",
        "rates",
        "target",
        "weights",
        "window",
    )

    def __init__(
        self,
        *,
        owner: str,
        period: Period,
        window: Period,
        currency: str,
        credits: Sequence[Credit] | None,
        amount: Decimal,
        quota: Quota | None,
        target: Decimal | None,
        attainment: Decimal | None,
        ledger: Ledger,
        activity: ServiceRecord | None,
        weights: Mapping[str, Decimal],
        rates: ExchangeRates | None,
        explain_deals: bool = True,
        load: Callable[[], Sequence[Credit]] | None = None,
        new: Sequence[Credit] | None = None,
        attainment_cap: Decimal | None = None,
        partial: bool = False,
    ) -> None:
        self.owner = owner
        self.period = period
        self.window = window
        self.currency = currency
        self._credits = credits
        self._load = load
        self._new = new
        self.amount = amount
        self.quota = quota
        self.target = target
        self.attainment = attainment
        self.ledger = ledger
        self.activity = activity or _NO_ACTIVITY
        self.weights = weights
        self.rates = rates
        self.explain_deals = explain_deals
        self.attainment_cap = attainment_cap
        # (count achieved, target) behind ``attainment`` for a count quota
        # whose target is above 0 (a money quota uses amount and target)
        self.measured: tuple[Decimal, Decimal] | None = None
        self._values: list[Decimal] | None = None
        self._deals: Sequence[str] | None = None
        self.partial = partial

    # --- credits -------------------------------------------------------------

    def _gathered(self) -> Sequence[Credit]:
        if self._credits is None:
            self._credits = self._load() if self._load is not None else ()
        return self._credits

    @property
    def credits(self) -> Sequence[Credit]:
        """The owner's credits in the window (gathered on first use)."""
        if self.partial:
            raise YearToDateCreditsError("", self.owner, self.window.start, self.period)
        return self._gathered()

    def period_credits(self) -> Sequence[Credit]:
        """The owner's credits dated in the period itself (in a year-to-date
        plan, the window's credits from the period's start)."""
        credits = self._gathered()
        start = self.period.start
        if self.window.start == start:
            return credits
        return [c for c in credits if c.credited_on >= start]

    def _since(self) -> _dt.date | None:
        """Where the period's own credits start, when the window starts
        earlier (a year-to-date plan); ``None`` when they are the window's."""
        start = self.period.start
        return None if self.window.start == start else start

    def new_client_credits(self) -> Sequence[Credit]:
        """The owner's credits on a client's first won deal."""
        if self._new is None or self.partial:
            self._new = [c for c in self.credits if c.is_new_client]
        return self._new

    def value_of(self, credit: Credit) -> Decimal:
        """One credit's weighted value in the plan's currency."""
        return credit_value(credit, self)

    def values(self) -> list[Decimal]:
        """Each credit's weighted value in the plan's currency (same order)."""
        if self._values is None:
            self._values = [credit_value(c, self) for c in self.credits]
        return self._values

    def basis(self, where: CreditFilter) -> tuple[Decimal, Sequence[str]]:
        """The credited basis of the credits ``where`` matches, and their
        deals (none when the calculation was asked not to explain deals)."""
        if where.is_everything:
            return self.amount, self.deal_ids()
        total = _ZERO
        deals = set()
        for credit, value in zip(self.credits, self.values(), strict=True):
            if where.matches(credit):
                total += value
                deals.add(credit.deal_id)
        return total, tuple(sorted(deals)) if self.explain_deals else ()

    def credited(self, where: CreditFilter) -> bool:
        """Whether any credit ``where`` matches was credited (in the period
        for the whole basis, as :meth:`deal_ids` lists them), whatever it
        nets to: a rate component on a basis of 0 from credits that net out
        still gives its line (of 0.00), deal ids explained or not."""
        if not where.is_everything:
            return any(where.matches(credit) for credit in self.credits)
        credits, load = self._credits, self._load
        if (credits is not None and not credits) or (credits is None and load is None):
            return False
        return bool(self.period_credits())

    def deal_ids(self) -> Sequence[str]:
        """Every deal credited in the period, sorted (empty when the
        calculation was asked not to explain deals): a
        :class:`~accountcore.commissions.statement.DealIds`, built when a
        line's deals are first read, shared by the lines that list them. A
        year-to-date statement lists the period's deals: the earlier ones are
        on earlier statements."""
        if self._deals is None:
            credits, load = self._credits, self._load
            if (
                not self.explain_deals
                or (credits is not None and not credits)
                or (credits is None and load is None)
            ):
                self._deals = ()
            else:
                self._deals = DealIds(_deal_ids_of(credits, load, self._since()))
        return self._deals

    def ordered(self) -> list[tuple[Credit, Decimal]]:
        """Credits with their values in credited order (date, then deal id)."""
        pairs = list(zip(self.credits, self.values(), strict=True))
        pairs.sort(key=lambda pair: (pair[0].credited_on, pair[0].deal_id))
        return pairs

    def new_clients(self, where: CreditFilter | None = None) -> tuple[str, ...]:
        """Clients acquired in the window (first won deal, net credit above 0)."""
        net: dict[str, Decimal] = {}
        get = net.get
        for credit in self.new_client_credits():
            if where is None or where.matches(credit):
                client = credit.client_id
                net[client] = get(client, _ZERO) + credit.amount.amount
        return tuple(sorted([client for client, value in net.items() if value > 0]))

    # --- figures -------------------------------------------------------------

    def require_attainment(self, component: str) -> Decimal:
        """The attainment, or :class:`~accountcore.commissions.errors.MissingQuotaError`."""
        if self.attainment is None:
            raise MissingQuotaError(component, self.owner)
        return self.attainment

    def attainment_fraction(self, component: str) -> tuple[Decimal, Decimal]:
        """Attainment as ``(reach, of)``, both exact, ``reach / of`` being
        :attr:`attainment`: what was achieved (credited money, or a count),
        limited to ``attainment_cap × of`` by the plan's cap, and the target.
        Without a target above 0 it is ``(attainment, 1)``.
        :class:`~accountcore.commissions.errors.MissingQuotaError` without a quota.
        """
        ratio = self.require_attainment(component)
        measured = self.measured
        if measured is None:
            target = self.target
            if target is None or target <= 0:
                return ratio, _ONE
            measured = (self.amount, target)
        achieved, of = measured
        cap = self.attainment_cap
        if cap is not None and cap * of < achieved:
            return cap * of, of
        return achieved, of

    def attains(self, bound: Decimal, component: str) -> bool:
        """Whether attainment is at least ``bound``, compared as
        ``reach ≥ bound × target`` (no division)."""
        reach, of = self.attainment_fraction(component)
        return reach >= bound * of

    def band_share(
        self, lower: Decimal, upper: Decimal | None, basis: Decimal
    ) -> tuple[Decimal, Decimal]:
        """The share of ``basis`` in the attainment band [lower, upper), as
        ``(numerator, denominator)``: multiply by it first, divide last.

        With a money quota and the whole credited basis, the numerator is
        the money in the band (``min(reach, upper × target) − lower ×
        target``, exact products) and the denominator the basis. Otherwise
        (a count quota, a filtered basis) the basis is split in proportion to
        attainment: the band's part of the attainment reached, over it.
        """
        ratio = self.attainment
        if ratio is None or basis <= 0 or ratio <= 0:
            return _ZERO, _ONE
        reach, of = self.attainment_fraction("band")
        low = lower * of
        high = reach if upper is None or reach < upper * of else upper * of
        if high <= low:
            return _ZERO, _ONE
        if self._on_money(basis):
            return high - low, basis
        return high - low, reach

    def _on_money(self, basis: Decimal) -> bool:
        """Whether attainment bounds on ``basis`` are money (``bound ×
        target``): a money quota's target above 0, and the whole credited
        basis (a filtered part of it is shared out in proportion)."""
        target = self.target
        return target is not None and target > 0 and basis == self.amount

    def band_slice(
        self, lower: Decimal, upper: Decimal | None, basis: Decimal
    ) -> Decimal:
        """The part of ``basis`` that falls in the attainment band [lower, upper).

        With a money quota and the whole credited basis this is exact money
        (``min(basis, upper × target) − lower × target``); otherwise the basis
        is split in proportion to the attainment (:meth:`band_share`).
        """
        numerator, denominator = self.band_share(lower, upper, basis)
        if not numerator or self._on_money(basis):
            return numerator  # the money in the band (or none)
        return basis * numerator / denominator

    @property
    def active_share(self) -> Decimal:
        """The share of the period the owner was active (day-based)."""
        active = self.activity.active
        return _ONE if active is None else prorate(self.period, active)

    def money(self, amount: Decimal) -> Money:
        """``amount`` in the plan's currency, rounded (half up) to its minor unit."""
        currency = self.currency
        return _make(_quantize(amount, currency, ROUND_HALF_UP), currency)


def _deal_ids_of(
    credits: Sequence[Credit] | None,
    load: Callable[[], Sequence[Credit]] | None,
    since: _dt.date | None,
) -> Callable[[], Iterable[str]]:
    """The deal ids of the credits (or of what ``load`` gives), dated on or
    after ``since`` when given; holds the credits, not the context."""

    def ids() -> Iterable[str]:
        items = credits if credits is not None else load() if load else ()
        if since is not None:
            items = [c for c in items if c.credited_on >= since]
        return map(_deal_of, items)

    return ids


def credit_value(credit: Credit, context: Context) -> Decimal:
    """A credit's value in the plan's currency, times its tier weight."""
    money = credit.amount
    currency = context.currency
    if money.currency == currency:
        value = money.amount
    elif context.rates is None:
        raise CurrencyMismatchError(
            f"count credit {credit.deal_id} of", money, f"a plan paying in {currency}"
        )
    else:
        value = money.convert(currency, context.rates, credit.rate_date).amount
    weight = context.weights.get(credit.client_tier.value)
    return value if weight is None else value * weight


def achieved_count(credits: Sequence[Credit], measure: Measure) -> int:
    """Deals won (net of clawbacks) or new clients acquired in ``credits``."""
    net: dict[str, Decimal] = {}
    for credit in credits:
        if measure is Measure.DEALS_WON:
            key = credit.deal_id
        elif credit.is_new_client:
            key = credit.client_id
        else:
            continue
        net[key] = net.get(key, _ZERO) + credit.amount.amount
    return sum(1 for value in net.values() if value > 0)
