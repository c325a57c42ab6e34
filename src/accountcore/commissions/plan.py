"""Commission plans: data composed of components, and their calculation.

A :class:`CommissionPlan` is a frozen, serialisable definition: a currency,
components in order, a scope (each period alone, or year to date with
true-up), optional weights by client tier and an attainment cap. It is
validated when built and lists every fault.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.quotas import Quota
>>> from accountcore.commissions.components import BaseSalary, Tier, Tiered, Basis
>>> from accountcore.commissions.credits import Credit
>>> plan = CommissionPlan("AM 2026", "EUR", (
...     BaseSalary("salary", Money("3000", "EUR")),
...     Tiered("commission", (Tier("0", "1", "0.05"), Tier("1", None, "0.08")), basis=Basis.ATTAINMENT),
... ))
>>> credits = [Credit("D-1", "C-1", "ana", Money("130000", "EUR"), datetime.date(2026, 2, 3))]
>>> quota = Quota("ana", Period.quarter(2026, 1), Money("100000", "EUR"))
>>> statement = plan.calculate(credits, period=Period.quarter(2026, 1), quota=quota)
>>> [str(line.amount) for line in statement.lines], statement.total
(['3000.00 EUR', '5000.00 EUR', '2400.00 EUR'], Money('10400.00', 'EUR'))
"""

from __future__ import annotations

import datetime as _dt
import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from operator import attrgetter

import attrs

from accountcore.clients import ClientTier
from accountcore.commissions._checks import decimal_faults, lenient_decimal
from accountcore.commissions._compiled import compile_plan
from accountcore.commissions.context import (
    Activity,
    Component,
    Context,
    achieved_count,
)
from accountcore.commissions.credits import Credit, _plain
from accountcore.commissions.draws import Draw
from accountcore.commissions.ledger import Ledger
from accountcore.commissions.modifiers import Accelerator, Cap, Gate
from accountcore.commissions.statement import (
    CommissionStatement,
    DealIds,
    LineKind,
    StatementLine,
)
from accountcore.errors import CurrencyMismatchError, PlanDefinitionError
from accountcore.i18n import Message
from accountcore.money import CURRENCIES, ExchangeRates, Money, _code, _make
from accountcore.periods import FiscalCalendar, Period
from accountcore.quotas import Quota

__all__ = ["CommissionPlan", "Scope", "calculate_team"]

_ZERO = Decimal(0)
_deal_of = attrgetter("deal_id")
_VARIABLE = LineKind.VARIABLE
_RECOVERABLE = LineKind.RECOVERABLE_DRAW


class Scope(enum.Enum):
    """Whether variable pay is figured on the period alone, or on the fiscal
    year to date less what was already paid (true-up).

    >>> Scope("year_to_date")
    <Scope.YEAR_TO_DATE: 'year_to_date'>
    """

    PERIOD = "period"
    YEAR_TO_DATE = "year_to_date"


def _weights(value: object) -> dict[str, object]:
    if not isinstance(value, Mapping):
        return {"<not a mapping>": value}
    return {_plain(k): lenient_decimal(v) for k, v in value.items()}


def _monies(value: object) -> Iterable[Money]:
    """Every Money inside an attrs component (recursively)."""
    if isinstance(value, Money):
        yield value
    elif isinstance(value, tuple | list | frozenset):
        for item in value:
            yield from _monies(item)
    elif attrs.has(type(value)):
        for field in attrs.fields(type(value)):  # type: ignore[arg-type]
            yield from _monies(getattr(value, field.name))


_MODIFIERS = (Accelerator, Gate, Cap)


def _components(values: Iterable[Component]) -> tuple[Component, ...]:
    return tuple(values)


@attrs.frozen
class CommissionPlan:
    """A commission plan: ``components`` evaluated in order.

    Modifiers (accelerators, gates, caps) act on the variable lines of the
    components before them; draws settle against every earned line before
    them, so they come last.

    >>> from accountcore.commissions.components import Cap, FlatRate
    >>> CommissionPlan("bad", "EUR", (Cap("cap", Money("10", "USD")), FlatRate("cap", "0.1")), tier_weights={"vip": "-1"})
    Traceback (most recent call last):
    ...
    accountcore.errors.PlanDefinitionError: CommissionPlan 'bad' is invalid (4 faults):
      - component 'cap' holds 10 USD, not in the plan's currency EUR
      - component 'cap' (Cap) has no variable component before it to act on
      - component name 'cap' is used twice
      - tier weight for 'vip' must not be below 0, got -1
    """

    name: str
    currency: str
    components: tuple[Component, ...] = attrs.field(converter=_components)
    scope: Scope = attrs.field(default=Scope.PERIOD, converter=Scope)
    calendar: FiscalCalendar = attrs.field(factory=FiscalCalendar)
    tier_weights: dict[str, Decimal] = attrs.field(
        factory=dict, converter=_weights, hash=False
    )
    attainment_cap: Decimal | None = attrs.field(
        default=None, converter=lenient_decimal
    )

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        if not isinstance(self.name, str) or not self.name.strip():
            faults.append(f"name must be a non-empty str, got {self.name!r}")
        if self.currency not in CURRENCIES:
            faults.append(f"currency {self.currency!r} is not a known ISO 4217 code")
        seen: set[str] = set()
        earning = False
        for component in self.components:
            if not isinstance(component, Component):
                faults.append(f"{component!r} is not a component (name and evaluate)")
                continue
            name = component.name
            if name in seen:
                faults.append(f"component name {name!r} is used twice")
            for money in _monies(component):
                if money.currency != self.currency:
                    faults.append(
                        f"component {name!r} holds {money}, not in the plan's "
                        f"currency {self.currency}"
                    )
                    break
            if isinstance(component, _MODIFIERS) and not earning:
                faults.append(
                    f"component {name!r} ({type(component).__name__}) has no variable "
                    "component before it to act on"
                )
            if isinstance(component, Accelerator):
                faults += [
                    f"accelerator {name!r} refers to {other!r}, which is not a "
                    "component before it"
                    for other in component.of
                    if other not in seen
                ]
            if not isinstance(component, (*_MODIFIERS, Draw)):
                earning = True
            seen.add(name)
        tiers = {t.value for t in ClientTier}
        for tier, weight in self.tier_weights.items():
            if tier not in tiers:
                faults.append(
                    f"tier weight for unknown tier {tier!r} (one of {sorted(tiers)})"
                )
            faults += decimal_faults(f"tier weight for {tier!r}", weight)
        if self.attainment_cap is not None:
            own = decimal_faults("attainment_cap", self.attainment_cap)
            if not own and self.attainment_cap <= 0:
                own = [f"attainment_cap must be above 0, got {self.attainment_cap}"]
            faults += own
        if faults:
            raise PlanDefinitionError(f"CommissionPlan {self.name!r}", faults)

    @property
    def decelerates(self) -> bool:
        """Whether the plan holds a decelerator (a multiplier below 1)."""
        return any(
            isinstance(c, Accelerator) and c.decelerates for c in self.components
        )

    def window(self, period: Period) -> Period:
        """The credits a statement for ``period`` looks at: the period, or
        the fiscal year to the period's end.

        >>> CommissionPlan("p", "EUR", (), scope="year_to_date").window(Period.month(2026, 3))
        Period(start=datetime.date(2026, 1, 1), end=datetime.date(2026, 4, 1))
        """
        if self.scope is Scope.PERIOD:
            return period
        year = self.calendar.year(self.calendar.fiscal_year_of(period.start))
        if period.end > year.end:
            raise ValueError(
                f"period {period} runs past fiscal year {year}: a year-to-date plan "
                "is calculated per period inside one fiscal year"
            )
        return Period(year.start, period.end)

    def calculate(
        self,
        credits: Iterable[Credit],
        *,
        period: Period,
        quota: Quota | None = None,
        ledger: Ledger | None = None,
        activity: Activity | None = None,
        rates: ExchangeRates | None = None,
        owner: str | None = None,
    ) -> CommissionStatement:
        """One owner's statement for ``period``.

        The owner is ``owner``, or the one owner of the credits, quota or
        ledger. Credits of other owners, or dated outside the window, are
        left out.
        """
        items = list(credits)
        if owner is None:
            names = {c.owner for c in items}
            for holder in (quota, ledger):
                if holder is not None:
                    names.add(holder.owner)
            if len(names) != 1:
                raise ValueError(
                    f"calculate needs one owner, found {sorted(names)}: pass owner= "
                    "or use calculate_team"
                )
            owner = names.pop()
        if ledger is not None:
            ledger.check(owner, self.currency, period)
        team = calculate_team(
            self,
            items,
            period=period,
            quotas=[quota] if quota is not None else (),
            ledgers=[ledger] if ledger is not None else (),
            activities={owner: activity} if activity is not None else None,
            rates=rates,
            owners=(owner,),
        )
        return team[owner]


def _by_owner(
    items: Iterable[Quota]
    | Mapping[str, Quota]
    | Iterable[Ledger]
    | Mapping[str, Ledger],
) -> dict[str, object]:
    if isinstance(items, Mapping):
        return dict(items)
    return {item.owner: item for item in items}


def calculate_team(
    plan: CommissionPlan,
    credits: Iterable[Credit],
    *,
    period: Period,
    quotas: Iterable[Quota] | Mapping[str, Quota] = (),
    ledgers: Iterable[Ledger] | Mapping[str, Ledger] = (),
    activities: Mapping[str, Activity] | None = None,
    rates: ExchangeRates | None = None,
    owners: Iterable[str] = (),
    explain_deals: bool = True,
) -> dict[str, CommissionStatement]:
    """Statements for every owner (with credits, a quota, a ledger, an
    activity or named in ``owners``), sorted by owner.

    Credits are read once, in their order, each added to its owner's running
    sum; components then work on each owner's aggregate. Lines list their
    deal ids in a :class:`~accountcore.commissions.statement.DealIds`,
    found and sorted when first read; with ``explain_deals=False`` they list
    none (the amounts are the same).

    >>> import datetime
    >>> from accountcore.commissions.components import FlatRate
    >>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.1"),))
    >>> day = datetime.date(2026, 1, 9)
    >>> credits = [Credit("D-1", "C-1", "ana", Money("100", "EUR"), day), Credit("D-2", "C-2", "bob", Money("300", "EUR"), day)]
    >>> {owner: str(s.total) for owner, s in calculate_team(plan, credits, period=Period.month(2026, 1)).items()}
    {'ana': '10.00 EUR', 'bob': '30.00 EUR'}
    """
    window = plan.window(period)
    start, end = window.start, window.end
    currency = plan.currency
    weights: dict[str, Decimal] = plan.tier_weights
    items = credits if isinstance(credits, list | tuple) else list(credits)
    compiled = None
    if plan.scope is Scope.PERIOD:
        compiled = compile_plan(
            plan.components,
            currency=currency,
            period=period,
            window=window,
            year=plan.calendar.year(plan.calendar.fiscal_year_of(period.start)),
            attainment_cap=plan.attainment_cap,
            explain_deals=explain_deals,
        )
    quota_of = _by_owner(quotas)
    # an owner is in totals once a credit of theirs in the window is read
    # (0 + x, as sum() does): the owners with deals to explain
    totals: dict[str, Decimal] = {}
    foreign: set[str] = set()
    # new-client credits are kept here, in credit order, only when a
    # component may read them; otherwise the general path finds them lazily
    # (Context.new=None). One append in the loop: grouping them per owner
    # there (a dict probe and a container per owner) costs more than the
    # pass over these few afterwards. With them, the owners with a new-client
    # credit of zero or less (whose clients must be netted), noted while the
    # amount is at hand.
    collect_new = compiled is None or compiled.needs_new
    fresh: list[Credit] = []
    keep = fresh.append
    clawed: set[str] = set()
    days = _days_of(window)
    if weights or days is None:
        rest = items  # every credit takes the general loop below
    else:
        rest = []
        canonical = _code(currency)
        for credit in items:
            # the hot loop. The common case passes one fused test: dated in
            # the window (a probe in the set of its days, cheaper than two
            # date comparisons) and in the plan's currency (Money keeps the
            # canonical str: an identity test). Then one dict update and one
            # Decimal addition. Anything else is left for the general loop.
            money = credit.amount
            if credit.credited_on in days and money.currency is canonical:
                owner = credit.owner
                try:
                    totals[owner] += money.amount
                except KeyError:  # first credit of the owner (0 + x, as sum() does)
                    totals[owner] = _ZERO + money.amount
                if credit.is_new_client and collect_new:
                    keep(credit)
                    if money.amount <= _ZERO:
                        clawed.add(owner)
            else:
                rest.append(credit)
    for credit in rest:
        # the general loop: window, currency and tier weight tested one by one
        if start <= credit.credited_on < end:
            owner = credit.owner
            money = credit.amount
            if money.currency is not currency and money.currency != currency:
                foreign.add(owner)
                totals.setdefault(owner, _ZERO)
            elif weights and credit.client_tier.value in weights:
                value = money.amount * weights[credit.client_tier.value]
                totals[owner] = totals.get(owner, _ZERO) + value
            else:
                try:
                    totals[owner] += money.amount
                except KeyError:
                    totals[owner] = _ZERO + money.amount
            if credit.is_new_client and collect_new:
                keep(credit)
                if money.amount <= _ZERO:
                    clawed.add(owner)
    news = _News(fresh)
    # each owner's new clients' ids: the compiled bonus counts them with
    # len() unless clawed back, never reaching the credits again
    clients: dict[str, set[str]] = {}
    if compiled is not None and compiled.needs_new:
        for credit in fresh:
            try:
                clients[credit.owner].add(credit.client_id)
            except KeyError:
                clients[credit.owner] = {credit.client_id}
    # lines read their deal ids after the call: keep the credits as given
    team = _Team(tuple(items) if explain_deals else items, start, end)
    year = plan.calendar.year(plan.calendar.fiscal_year_of(period.start))
    zero = _ZERO
    zero_money = _make(zero, currency)
    ledger_of = _by_owner(ledgers)
    activity_of = dict(activities or {})
    everyone = sorted(
        set(totals) | set(quota_of) | set(ledger_of) | set(activity_of) | set(owners)
    )
    out: dict[str, CommissionStatement] = {}
    general = foreign.union(ledger_of, activity_of)  # owners off the fast path
    new_of = news.of
    for owner in everyone:
        quota = quota_of.get(owner)
        if compiled is not None and owner not in general:
            target = compiled.target_of(quota)  # type: ignore[arg-type]
            if target is not False:  # this owner's lines follow from the aggregate
                out[owner] = compiled.statement(
                    owner,
                    totals.get(owner, zero),
                    target,  # type: ignore[arg-type]
                    None if owner in clawed else clients.get(owner, _NO_CLIENTS),
                    new_of,
                    _deal_ids(team, owner) if explain_deals and owner in totals else (),
                )
                continue
        context = Context(
            owner=owner,
            period=period,
            window=window,
            currency=currency,
            credits=None if owner in totals else (),
            amount=totals.get(owner, zero),
            quota=quota,  # type: ignore[arg-type]
            target=None,
            attainment=None,
            ledger=ledger_of.get(owner)  # type: ignore[arg-type]
            or _opening(owner, zero_money),
            activity=activity_of.get(owner),
            weights=weights,
            rates=rates,
            explain_deals=explain_deals,
            load=partial(team.credits_of, owner),
            new=new_of(owner) if collect_new else None,
            attainment_cap=plan.attainment_cap,
        )
        if owner in foreign:
            # some credits need converting: add them all up again, converted
            context.amount = sum(map(context.value_of, context.credits), zero)
        out[owner] = _statement(plan, context, year, owner in ledger_of)
    return out


_MOST_DAYS = 3660  # ten years: a longer window is tested by date comparisons


def _days_of(window: Period) -> frozenset[_dt.date] | None:
    """Every day of ``window``, or ``None`` when it is too long to list."""
    count = window.days
    if count > _MOST_DAYS:
        return None
    start = window.start
    return frozenset(start + _dt.timedelta(days=n) for n in range(count))


_NO_CLIENTS: frozenset[str] = frozenset()


def _deal_ids(team: _Team, owner: str) -> DealIds:
    """The owner's deal ids, found and sorted when a line's deals are first
    read (the lines of one statement share them, as with Context.deal_ids)."""
    return DealIds(partial(team.deal_ids_of, owner))


class _News:
    """The new-client credits of one calculation, in credit order, grouped
    per owner on first need."""

    __slots__ = ("credits", "groups")

    def __init__(self, credits: list[Credit]) -> None:
        self.credits = credits
        self.groups: dict[str, list[Credit]] | None = None

    def of(self, owner: str) -> Sequence[Credit]:
        if self.groups is None:
            groups: dict[str, list[Credit]] = {}
            for credit in self.credits:
                try:
                    groups[credit.owner].append(credit)
                except KeyError:
                    groups[credit.owner] = [credit]
            self.groups = groups
        return self.groups.get(owner, ())


class _Team:
    """The credits of one calculation, grouped per owner on first need."""

    __slots__ = ("end", "groups", "items", "start")

    def __init__(self, items: Sequence[Credit], start: _dt.date, end: _dt.date) -> None:
        self.items = items
        self.start = start
        self.end = end
        self.groups: dict[str, list[Credit]] | None = None

    def deal_ids_of(self, owner: str) -> Iterable[str]:
        return map(_deal_of, self.credits_of(owner))

    def credits_of(self, owner: str) -> list[Credit]:
        if self.groups is None:
            groups: dict[str, list[Credit]] = {}
            start, end = self.start, self.end
            for credit in self.items:
                if start <= credit.credited_on < end:
                    groups.setdefault(credit.owner, []).append(credit)
            self.groups = groups
        return self.groups.get(owner, [])


def _opening(owner: str, zero: Money) -> Ledger:
    return Ledger(owner, zero.currency, zero, zero)


def _statement(
    plan: CommissionPlan, context: Context, year: Period, given_ledger: bool = True
) -> CommissionStatement:
    currency = plan.currency
    owner = context.owner
    period = context.period
    ledger = context.ledger
    if given_ledger:  # an opening ledger made here fits by construction
        ledger.check(owner, currency, period)
    quota = context.quota
    if quota is not None:
        target = quota.effective_target
        if isinstance(target, Money):
            if target.currency != currency:
                raise CurrencyMismatchError(
                    "measure attainment of", target, f"a plan in {currency}"
                )
            context.target = target.amount
            ratio = context.amount / target.amount if target.amount else Decimal(1)
        else:
            achieved = achieved_count(context.credits, quota.measure)
            ratio = Decimal(achieved) / target if target else Decimal(1)
            if target:  # the count and its target, for exact comparisons
                context.measured = (Decimal(achieved), Decimal(target))
        if plan.attainment_cap is not None:
            ratio = min(ratio, plan.attainment_cap)
        context.attainment = ratio
    year_to_date = plan.scope is Scope.YEAR_TO_DATE
    paid_before = ledger.paid_to_date.amount if ledger.year == year else _ZERO
    lines: list[StatementLine] = []
    trued_up = not (year_to_date and paid_before)
    extend = lines.extend
    for component in plan.components:
        if not trued_up and isinstance(component, Draw):
            lines.append(_true_up(paid_before, year, currency))
            trued_up = True
        extend(component.evaluate(context, lines))
    if not trued_up:
        lines.append(_true_up(paid_before, year, currency))
    variable = _ZERO
    balance = ledger.draw_balance.amount
    for line in lines:
        kind = line.kind
        if kind is _VARIABLE:
            variable += line.amount.amount
        elif kind is _RECOVERABLE:
            balance += line.amount.amount
    paid_now = variable - paid_before if year_to_date else variable
    next_ledger = Ledger(
        owner,
        currency,
        _make(balance, currency),
        _make(paid_before + paid_now, currency),
        year,
        period.end,
    )
    return CommissionStatement(
        owner,
        period,
        currency,
        tuple(lines),
        next_ledger,
        context.attainment,
        _make(context.amount, currency),
    )


def _true_up(paid_before: Decimal, year: Period, currency: str) -> StatementLine:
    """The line that deducts variable pay already paid this fiscal year."""
    return StatementLine(
        "true-up",
        LineKind.TRUE_UP,
        f"variable pay already paid in fiscal year {year}",
        _make(-paid_before, currency),
        paid_before,
        currency,
        message=Message.of("commissions.line.true_up", year=str(year)),
    )
