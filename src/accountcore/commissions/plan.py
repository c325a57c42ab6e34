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
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from functools import partial
from typing import TypeVar

import attrs

from accountcore.clients import ClientTier
from accountcore.commissions._checks import decimal_faults, lenient_decimal
from accountcore.commissions.context import (
    Component,
    Context,
    ServiceRecord,
    achieved_count,
)
from accountcore.commissions.credits import Credit, _plain
from accountcore.commissions.draws import Draw
from accountcore.commissions.errors import (
    ClawbackError,
    CreditedToDateError,
    LedgerMismatchError,
    LedgerMissingError,
    ManyOwnersError,
    PlanDefinitionError,
    SaleCurrencyPlanError,
    YearToDateCreditsError,
)
from accountcore.commissions.ledger import _NO_DEALS, DealBook, DealPay, Ledger, _ledger
from accountcore.commissions.modifiers import Accelerator, Cap, Gate
from accountcore.commissions.statement import (
    CommissionStatement,
    LineKind,
    StatementLine,
)
from accountcore.commissions.statement import _statement as _new_statement
from accountcore.errors import (
    CurrencyMismatchError,
    InvalidPeriodError,
    check_choice,
    check_items,
    check_iterable,
    check_type,
)
from accountcore.i18n import Message
from accountcore.money import CURRENCIES, ExchangeRates, Money, _code, _make
from accountcore.periods import FiscalCalendar, Period
from accountcore.quotas.quota import Quota, _tiled

__all__ = [
    "ClawbackRule",
    "CommissionPlan",
    "Scope",
    "calculate_team",
    "PayIn",
    "calculate_by_currency",
]

_ZERO = Decimal(0)
_VARIABLE = LineKind.VARIABLE
_RECOVERABLE = LineKind.RECOVERABLE_DRAW
_CLAWBACK = LineKind.CLAWBACK


class Scope(enum.Enum):
    """Whether variable pay is figured on the period alone, or on the fiscal
    year to date less what was already paid (true-up).

    >>> Scope("year_to_date")
    <Scope.YEAR_TO_DATE: 'year_to_date'>
    """

    PERIOD = "period"
    YEAR_TO_DATE = "year_to_date"


class ClawbackRule(enum.Enum):
    """How a clawback of a deal paid in an earlier statement is priced.

    * ``REVERSE`` (the default): it takes back what the deal earned, as the
      ledger remembers it (pro rata for a partial refund), on a line of its
      own, whatever this period's rates are;
    * ``RERATE``: it lowers the period's credited basis, priced at the
      period's rates (no ledger needed).

    >>> ClawbackRule("rerate")
    <ClawbackRule.RERATE: 'rerate'>
    """

    REVERSE = "reverse"
    RERATE = "rerate"


class PayIn(enum.Enum):
    """Which currency a plan pays in: its own (``PLAN``, the default: a
    credit in another currency is converted at the exchange rates given),
    or the currency of each sale (``SALE``: one statement per owner and
    currency, exact, nothing converted; see :func:`calculate_by_currency`).

    >>> PayIn("sale")
    <PayIn.SALE: 'sale'>
    """

    PLAN = "plan"
    SALE = "sale"


def _pay_in(value: object) -> PayIn:
    return check_choice("pay_in", value, PayIn)


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


def _scope(value: object) -> Scope:
    return check_choice("scope", value, Scope)


def _clawback_rule(value: object) -> ClawbackRule:
    return check_choice("clawback", value, ClawbackRule)


def _is_calendar(
    _: object, attribute: attrs.Attribute[FiscalCalendar], value: object
) -> None:
    check_type(attribute.name, value, FiscalCalendar)


def _components(values: Iterable[Component]) -> tuple[Component, ...]:
    return check_iterable("components", values)


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
    accountcore.commissions.errors.PlanDefinitionError: CommissionPlan 'bad' is invalid (4 faults):
      - component 'cap' holds 10 USD, not in the plan's currency EUR
      - component 'cap' (Cap) has no variable component before it to act on
      - component name 'cap' is used twice
      - tier weight for 'vip' must not be below 0, got -1
    """

    name: str
    currency: str
    components: tuple[Component, ...] = attrs.field(converter=_components)
    scope: Scope = attrs.field(default=Scope.PERIOD, converter=_scope)
    calendar: FiscalCalendar = attrs.field(
        factory=FiscalCalendar, validator=_is_calendar
    )
    tier_weights: dict[str, Decimal] = attrs.field(
        factory=dict, converter=_weights, hash=False
    )
    attainment_cap: Decimal | None = attrs.field(
        default=None, converter=lenient_decimal
    )
    clawback: ClawbackRule = attrs.field(
        default=ClawbackRule.REVERSE, converter=_clawback_rule
    )
    pay_in: PayIn = attrs.field(default=PayIn.PLAN, converter=_pay_in, kw_only=True)
    """The plan's own currency, or each sale's (:class:`PayIn`)."""

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        if not isinstance(self.name, str) or not self.name.strip():
            faults.append(f"name must be a non-empty str, got {self.name!r}")
        if not isinstance(self.currency, str) or self.currency not in CURRENCIES:
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
        if self.pay_in is PayIn.SALE:
            faults += _sale_currency_faults(self.components)
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
            raise InvalidPeriodError(
                "period",
                period,
                f"it runs past fiscal year {year}: a year-to-date plan is "
                "calculated per period inside one fiscal year",
            )
        return Period(year.start, period.end)

    def calculate(
        self,
        credits: Iterable[Credit],
        *,
        period: Period,
        quota: Quota | Iterable[Quota] | None = None,
        ledger: Ledger | None = None,
        activity: ServiceRecord | None = None,
        rates: ExchangeRates | None = None,
        owner: str | None = None,
    ) -> CommissionStatement:
        """One owner's statement for ``period``.

        The owner is ``owner``, or the one owner of the credits, quota or
        ledger. Credits and quotas of other owners, or credits dated outside
        the window, are left out. ``quota`` is one quota, or a schedule of
        quotas whose periods tile the statement's span (see
        :func:`calculate_team`).

        >>> from accountcore.commissions.components import FlatRate
        >>> flat = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.1"),))
        >>> day = _dt.date(2026, 2, 3)
        >>> team = [Credit("D-1", "C-1", "ana", Money("100", "EUR"), day), Credit("D-2", "C-2", "bob", Money("300", "EUR"), day)]
        >>> flat.calculate(team, period=Period.quarter(2026, 1), owner="ana").total
        Money('10.00', 'EUR')
        """
        if self.pay_in is PayIn.SALE:
            raise SaleCurrencyPlanError(
                self.name,
                "calculate",
                "call calculate_by_currency, which gives one statement per owner "
                "and currency",
            )
        items = check_items("credits", credits, Credit)
        check_type("period", period, Period)
        schedule: list[Quota] = (
            []
            if quota is None
            else [quota]
            if isinstance(quota, Quota)
            else list(check_items("quota", quota, Quota))
        )
        if ledger is not None:
            check_type("ledger", ledger, Ledger)
        if owner is not None:
            check_type("owner", owner, str)
        if owner is None:
            names = {c.owner for c in items}
            names.update(q.owner for q in schedule)
            if ledger is not None:
                names.add(ledger.owner)
            if len(names) != 1:
                raise ManyOwnersError(names)
            owner = names.pop()
        else:
            # one owner's statement: the others' credits and quotas are left
            # out before calculating (a team calculation would evaluate
            # every owner, and refuse another owner's missing quota)
            items = tuple(c for c in items if c.owner == owner)
            schedule = [q for q in schedule if q.owner == owner]
        if ledger is not None:
            ledger.check(owner, self.currency, period)
        team = calculate_team(
            self,
            items,
            period=period,
            quotas=schedule,
            ledgers=[ledger] if ledger is not None else (),
            activities={owner: activity} if activity is not None else None,
            rates=rates,
            owners=(owner,),
        )
        return team[owner]


def _sale_currency_faults(components: Iterable[Component]) -> list[str]:
    """A plan paying in each sale's currency pays rates only: a component
    holding money (a salary, a fixed pay, a cap, a draw) would pay it in
    the plan's currency on every currency's statement."""
    return [
        f"component {c.name!r} holds {next(iter(_monies(c)))}: a plan paying in "
        "each sale's currency holds no money amounts (they would be paid once "
        "per currency); put them in a plan of their own in one currency"
        for c in components
        if isinstance(c, Component) and next(iter(_monies(c)), None) is not None
    ]


def calculate_by_currency(
    plan: CommissionPlan,
    credits: Iterable[Credit],
    *,
    period: Period,
    quotas: Iterable[Quota] = (),
    ledgers: Iterable[Ledger] = (),
    activities: Mapping[str, ServiceRecord] | None = None,
    rates: ExchangeRates | None = None,
    owners: Iterable[str] = (),
    explain_deals: bool = True,
) -> dict[tuple[str, str], CommissionStatement]:
    """One statement per owner and currency, keyed ``(owner, currency)``
    and sorted, for a plan that pays in the currency of each sale
    (``pay_in="sale"``; a plan paying in its own currency gives one per
    owner, in it).

    Each currency is a calculation of its own, exact, nothing converted:
    the owner's credits in that currency through the plan's components,
    with the currency's own ledger (``ledgers`` holds at most one per owner
    and currency; a year-to-date plan carries each currency's ledger on its
    own) and the owner's quota whose target is in that currency (attainment
    is that currency's credits against it; with no quota in a currency, an
    attainment component there raises as without a quota). A count quota
    names no currency and is refused. An owner named in ``owners`` with
    nothing else gets a statement in the plan's currency.

    ``activities`` and ``rates`` are read as :func:`calculate_team` reads
    them. An owner's activity goes to each currency the owner has a
    statement in (an owner with an activity and nothing else gets one in
    the plan's currency, as one named in ``owners``); ``rates`` reach every
    calculation, though in a plan paying in each sale's currency nothing is
    converted (each currency's calculation holds only its own credits).

    >>> import datetime
    >>> from accountcore.commissions.components import FlatRate
    >>> plan = CommissionPlan("AM", "EUR", (FlatRate("commission", "0.1"),), pay_in="sale")
    >>> day = datetime.date(2026, 1, 9)
    >>> sales = [Credit("D-1", "C-1", "ana", Money("100.00", "EUR"), day),
    ...          Credit("D-2", "C-2", "ana", Money("250.00", "USD"), day)]
    >>> {key: str(s.total) for key, s in calculate_by_currency(plan, sales, period=Period.month(2026, 1)).items()}
    {('ana', 'EUR'): '10.00 EUR', ('ana', 'USD'): '25.00 USD'}
    """
    check_type("plan", plan, CommissionPlan)
    check_type("period", period, Period)
    items = check_items("credits", credits, Credit)
    quota_list = check_items("quotas", quotas, Quota)
    ledger_list = check_items("ledgers", ledgers, Ledger)
    named = tuple(check_iterable("owners", owners))
    activity_of = _activities(activities)
    if plan.pay_in is PayIn.PLAN:
        team = calculate_team(
            plan,
            items,
            period=period,
            quotas=quota_list,
            ledgers=ledger_list,
            activities=activity_of,
            rates=rates,
            owners=named,
            explain_deals=explain_deals,
        )
        return {(owner, plan.currency): s for owner, s in team.items()}
    by_currency = _grouped(items, lambda credit: credit.amount.currency)
    quota_of = _quotas_by_currency(plan, quota_list)
    ledger_of = _grouped(ledger_list, lambda ledger: ledger.currency)
    present = _owners_by_currency(items, quota_of, ledger_of)
    alone = (set(activity_of) | set(named)) - set().union(*present.values())
    currencies = set(present) | ({plan.currency} if alone or not present else set())
    out: dict[tuple[str, str], CommissionStatement] = {}
    for currency in sorted(currencies):
        mine = attrs.evolve(plan, currency=currency, pay_in=PayIn.PLAN)
        here = present.get(currency, set())
        if currency == plan.currency:
            here = here | alone
        team = calculate_team(
            mine,
            by_currency.get(currency, ()),
            period=period,
            quotas=quota_of.get(currency, ()),
            ledgers=ledger_of.get(currency, ()),
            activities={o: a for o, a in activity_of.items() if o in here},
            rates=rates,
            owners=named if currency == plan.currency else (),
            explain_deals=explain_deals,
        )
        out.update(((owner, currency), s) for owner, s in team.items())
    return dict(sorted(out.items()))


_T = TypeVar("_T")


def _grouped(items: Iterable[_T], key: Callable[[_T], str]) -> dict[str, list[_T]]:
    """``items`` by ``key``, each group in the items' order."""
    out: dict[str, list[_T]] = {}
    for item in items:
        out.setdefault(key(item), []).append(item)
    return out


def _quotas_by_currency(
    plan: CommissionPlan, quotas: Iterable[Quota]
) -> dict[str, list[Quota]]:
    """Money quotas by their target's currency; a count quota names none
    and is refused."""
    out: dict[str, list[Quota]] = {}
    for quota in quotas:
        target = quota.target
        if not isinstance(target, Money):
            raise SaleCurrencyPlanError(
                plan.name,
                f"the count quota of {quota.owner!r}",
                "give money quotas, one per currency the owner sells in",
            )
        out.setdefault(target.currency, []).append(quota)
    return out


def _activities(
    activities: Mapping[str, ServiceRecord] | None,
) -> dict[str, ServiceRecord]:
    """``activities`` checked: a mapping of owner to :class:`ServiceRecord`."""
    if activities is None:
        return {}
    check_type("activities", activities, Mapping, "a mapping of owner to ServiceRecord")
    check_items("activities", activities.values(), ServiceRecord)
    return dict(activities)


def _owners_by_currency(
    credits: Iterable[Credit],
    quotas: Mapping[str, Sequence[Quota]],
    ledgers: Mapping[str, Sequence[Ledger]],
) -> dict[str, set[str]]:
    """The owners with a credit, a quota or a ledger in each currency."""
    out: dict[str, set[str]] = {}
    for credit in credits:
        out.setdefault(credit.amount.currency, set()).add(credit.owner)
    for currency, quota_list in quotas.items():
        out.setdefault(currency, set()).update(q.owner for q in quota_list)
    for currency, ledger_list in ledgers.items():
        out.setdefault(currency, set()).update(ledger.owner for ledger in ledger_list)
    return out


def _ledgers_by_owner(
    items: Iterable[Ledger] | Mapping[str, Ledger],
) -> dict[str, Ledger]:
    if isinstance(items, Mapping):
        check_items("ledgers", items.values(), Ledger)
        return dict(items)
    return {item.owner: item for item in check_items("ledgers", items, Ledger)}


def _quotas_by_owner(
    quotas: Iterable[Quota] | Mapping[str, Quota], span: Period
) -> dict[str, Quota]:
    """Each owner's quota for ``span``: the one quota of that period, or the
    schedule's quotas that tile it, summed (:func:`~accountcore.quotas.quota_for`)."""
    if isinstance(quotas, Mapping):
        check_items("quotas", quotas.values(), Quota)
        out = dict(quotas)
        listed: Sequence[Quota] = ()
    else:
        listed = check_items("quotas", quotas, Quota)
        out = {quota.owner: quota for quota in listed}
    first, end = span.start, span.end
    if len(out) == len(listed) or not listed:  # one quota per owner: the common case
        wrong = [
            owner
            for owner, quota in out.items()
            if quota.period.start != first or quota.period.end != end
        ]
        for owner in wrong:
            out[owner] = _tiled([out[owner]], span, owner)
        return out
    schedule: dict[str, list[Quota]] = {}
    for quota in listed:
        try:
            schedule[quota.owner].append(quota)
        except KeyError:
            schedule[quota.owner] = [quota]
    return {owner: _tiled(mine, span, owner) for owner, mine in schedule.items()}


def calculate_team(
    plan: CommissionPlan,
    credits: Iterable[Credit],
    *,
    period: Period,
    quotas: Iterable[Quota] | Mapping[str, Quota] = (),
    ledgers: Iterable[Ledger] | Mapping[str, Ledger] = (),
    activities: Mapping[str, ServiceRecord] | None = None,
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
    none, and nothing else changes (the same lines, ledgers and errors).

    ``quotas`` may hold several quotas per owner (a schedule of monthly or
    quarterly targets): a statement uses those whose periods tile its span
    (the period, or the fiscal year to date), summed.

    >>> import datetime
    >>> from accountcore.commissions.components import FlatRate
    >>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.1"),))
    >>> day = datetime.date(2026, 1, 9)
    >>> credits = [Credit("D-1", "C-1", "ana", Money("100", "EUR"), day), Credit("D-2", "C-2", "bob", Money("300", "EUR"), day)]
    >>> {owner: str(s.total) for owner, s in calculate_team(plan, credits, period=Period.month(2026, 1)).items()}
    {'ana': '10.00 EUR', 'bob': '30.00 EUR'}
    """
    check_type("plan", plan, CommissionPlan)
    check_type("period", period, Period)
    if plan.pay_in is PayIn.SALE:
        raise SaleCurrencyPlanError(
            plan.name,
            "calculate_team",
            "call calculate_by_currency, which gives one statement per owner "
            "and currency",
        )
    window = plan.window(period)
    year = plan.calendar.year(plan.calendar.fiscal_year_of(period.start))
    # a tuple: lines read their deal ids, and ledgers their deal records,
    # after the call
    items = check_items("credits", credits, Credit)
    quota_of = _quotas_by_owner(quotas, window)
    sums = _Sums()
    rest = _add_up_common(sums, items, plan, period)
    _add_up_rest(sums, rest, plan, period, window)
    run = _Run(
        plan,
        period,
        window,
        year,
        sums,
        items,
        ledger_of=_ledgers_by_owner(ledgers),
        activity_of=dict(activities or {}),
        rates=rates,
        explain_deals=explain_deals,
    )
    everyone = sorted(
        set(sums.totals)
        | set(sums.earlier)
        | set(sums.reversals)
        | set(quota_of)
        | set(run.ledger_of)
        | set(run.activity_of)
        | set(owners)
    )
    return {owner: run.statement(owner, quota_of.get(owner)) for owner in everyone}


class _Sums:
    """What the one pass over a calculation's credits gathers, per owner."""

    __slots__ = (
        "earlier",
        "foreign",
        "fresh",
        "reversals",
        "reversed_any",
        "totals",
    )

    def __init__(self) -> None:
        # an owner is in totals once a credit of theirs in the period is read
        # (0 + x, as sum() does): the owners with deals to explain
        self.totals: dict[str, Decimal] = {}
        # year to date: the credits dated before the period, per owner
        self.earlier: dict[str, Decimal] = {}
        # clawbacks of deals paid in an earlier statement, per owner, and
        # whether any credit was left out of the basis as one
        self.reversals: dict[str, list[Credit]] = {}
        self.reversed_any = False
        # the owners with a credit in another currency (added up again,
        # converted, by _Run._converted)
        self.foreign: set[str] = set()
        # each owner's new-client credits, in credit order
        # (Context.new_client_credits), grouped while the credit is at hand
        self.fresh: dict[str, list[Credit]] = {}


def _add_up_common(
    sums: _Sums, items: Sequence[Credit], plan: CommissionPlan, period: Period
) -> Sequence[Credit]:
    """Add the common credits to their owners' totals (the hot loop); the
    credits it leaves for :func:`_add_up_rest`.

    A common credit is dated in the period, in the plan's currency and
    reverses no earlier credit, in a plan without tier weights. Without a
    list of the period's days (a period of over ten years) or with tier
    weights, every credit is left for the general loop.
    """
    days = _days_of(period)
    if plan.tier_weights or days is None:
        return items
    rest: list[Credit] = []
    later = rest.append
    canonical = _code(plan.currency)
    totals = sums.totals
    fresh = sums.fresh
    for credit in items:
        # the hot loop. The common case passes one fused test: dated in
        # the period (a probe in the set of its days, cheaper than two
        # date comparisons), in the plan's currency (Money keeps the
        # canonical str: an identity test) and reversing no earlier
        # credit (original_on None: one more identity test). Then one
        # dict update and one Decimal addition. Anything else is left
        # for the general loop.
        money = credit.amount
        if (
            credit.credited_on in days
            and money.currency is canonical
            and credit.original_on is None
        ):
            owner = credit.owner
            try:
                totals[owner] += money.amount
            except KeyError:  # first credit of the owner (0 + x, as sum() does)
                totals[owner] = _ZERO + money.amount
            if credit.is_new_client:
                try:
                    fresh[owner].append(credit)
                except KeyError:
                    fresh[owner] = [credit]
        else:
            later(credit)
    return rest


def _add_up_rest(
    sums: _Sums,
    rest: Iterable[Credit],
    plan: CommissionPlan,
    period: Period,
    window: Period,
) -> None:
    """Add the credits the hot loop left (the general loop): window,
    clawback, currency and tier weight tested one by one."""
    start, end = window.start, window.end
    first = period.start  # year to date: credits before it were paid earlier
    currency = plan.currency
    weights: dict[str, Decimal] = plan.tier_weights
    reverse = plan.clawback is ClawbackRule.REVERSE
    totals, earlier, reversals = sums.totals, sums.earlier, sums.reversals
    foreign = sums.foreign
    fresh = sums.fresh
    reversed_any = False
    for credit in rest:
        day = credit.credited_on
        if not start <= day < end:
            continue
        owner = credit.owner
        money = credit.amount
        original = credit.original_on
        if reverse and original is not None and original < start and money.amount < 0:
            # a clawback of a deal paid in an earlier statement: not in the
            # basis; reversed on its own line (when dated before the period,
            # by an earlier statement of the year)
            reversed_any = True
            if day >= first:
                try:
                    reversals[owner].append(credit)
                except KeyError:
                    reversals[owner] = [credit]
            continue
        if money.currency is not currency and money.currency != currency:
            foreign.add(owner)  # added up again by _Run._converted
            totals.setdefault(owner, _ZERO)
            if day < first:
                earlier.setdefault(owner, _ZERO)
        else:
            value = money.amount
            if weights and credit.client_tier.value in weights:
                value = value * weights[credit.client_tier.value]
            if day < first:
                earlier[owner] = earlier.get(owner, _ZERO) + value
            else:
                try:
                    totals[owner] += value
                except KeyError:
                    totals[owner] = _ZERO + value
        if credit.is_new_client:
            try:
                fresh[owner].append(credit)
            except KeyError:
                fresh[owner] = [credit]
    sums.reversed_any = reversed_any


class _Run:
    """One calculation after the pass over its credits: builds each owner's
    statement through the plan's components."""

    __slots__ = (
        "activity_of",
        "explain_deals",
        "ledger_of",
        "period",
        "plan",
        "rates",
        "sums",
        "team",
        "window",
        "year",
        "zero",
    )

    def __init__(  # noqa: PLR0917  (the calculation's figures)
        self,
        plan: CommissionPlan,
        period: Period,
        window: Period,
        year: Period,
        sums: _Sums,
        items: Sequence[Credit],
        *,
        ledger_of: dict[str, Ledger],
        activity_of: dict[str, ServiceRecord],
        rates: ExchangeRates | None,
        explain_deals: bool,
    ) -> None:
        self.plan = plan
        self.period = period
        self.window = window
        self.year = year
        self.sums = sums
        self.ledger_of = ledger_of
        self.activity_of = activity_of
        self.rates = rates
        self.explain_deals = explain_deals
        self.zero = _make(_ZERO, plan.currency)  # frozen: shared
        self.team = _Team(items, window.start, window.end, sums.reversed_any)

    def statement(self, owner: str, quota: Quota | None) -> CommissionStatement:
        """The owner's statement."""
        context = self._context(owner, quota, self._ledger(owner))
        earlier = self.sums.earlier
        if owner in self.sums.foreign:
            context.amount = self._converted(owner, context, earlier)
        return _statement(
            self.plan,
            context,
            self.year,
            owner in self.ledger_of,
            earlier.get(owner),
            self.sums.reversals.get(owner, ()),
        )

    def _ledger(self, owner: str) -> Ledger:
        """The owner's ledger: the one given, or an opening one (refused in
        a year-to-date plan after the year's first period)."""
        ledger = self.ledger_of.get(owner)
        if ledger is not None:
            return ledger
        plan = self.plan
        start = self.window.start
        if plan.scope is Scope.YEAR_TO_DATE and self.period.start > start:
            raise LedgerMissingError(owner, self.period, start, plan.currency)
        return _opening(owner, self.zero)

    def _context(self, owner: str, quota: Quota | None, ledger: Ledger) -> Context:
        plan = self.plan
        sums = self.sums
        totals = sums.totals
        return Context(
            owner=owner,
            period=self.period,
            window=self.window,
            currency=plan.currency,
            credits=None if owner in totals or owner in sums.earlier else (),
            amount=totals.get(owner, _ZERO),
            quota=quota,
            target=None,
            attainment=None,
            ledger=ledger,
            activity=self.activity_of.get(owner),
            weights=plan.tier_weights,
            rates=self.rates,
            explain_deals=self.explain_deals,
            load=partial(self.team.credits_of, owner),
            new=sums.fresh.get(owner, ()),
            attainment_cap=plan.attainment_cap,
        )

    def _converted(
        self, owner: str, context: Context, earlier: dict[str, Decimal]
    ) -> Decimal:
        """The owner's credits in the period added up again, each converted
        to the plan's currency (some are in another); those dated before the
        period replace the owner's ``earlier`` sum."""
        first = self.period.start
        now = before = _ZERO
        for credit in self.team.credits_of(owner):
            if credit.credited_on < first:
                before += context.value_of(credit)
            else:
                now += context.value_of(credit)
        if owner in earlier:
            earlier[owner] = before
        return now


_MOST_DAYS = 3660  # ten years: a longer window is tested by date comparisons


def _days_of(window: Period) -> frozenset[_dt.date] | None:
    """Every day of ``window``, or ``None`` when it is too long to list."""
    count = window.days
    if count > _MOST_DAYS:
        return None
    start = window.start
    return frozenset(start + _dt.timedelta(days=n) for n in range(count))


class _Team:
    """The credits of one calculation in the window, grouped per owner on
    first need; with ``reverse`` (some credit is one), clawbacks of credits
    dated before the window are left out (they are reversed on lines of
    their own, or were by an earlier statement)."""

    __slots__ = ("end", "groups", "items", "reverse", "start")

    def __init__(
        self, items: Sequence[Credit], start: _dt.date, end: _dt.date, reverse: bool
    ) -> None:
        self.items = items
        self.start = start
        self.end = end
        self.reverse = reverse
        self.groups: dict[str, list[Credit]] | None = None

    def credits_of(self, owner: str) -> list[Credit]:
        if self.groups is None:
            groups: dict[str, list[Credit]] = {}
            start, end, reverse = self.start, self.end, self.reverse
            for credit in self.items:
                if start <= credit.credited_on < end:
                    original = credit.original_on
                    if (
                        reverse
                        and original is not None
                        and original < start
                        and credit.amount.amount < 0
                    ):
                        continue
                    groups.setdefault(credit.owner, []).append(credit)
            self.groups = groups
        return self.groups.get(owner, [])


def _opening(owner: str, zero: Money) -> Ledger:
    """``Ledger.opening(owner, zero.currency)``, ``zero`` shared."""
    return _ledger(owner, zero.currency, zero, zero, None, None, zero, _NO_DEALS)


def _statement(  # noqa: PLR0917  (the calculation's figures for one owner)
    plan: CommissionPlan,
    context: Context,
    year: Period,
    given_ledger: bool = True,
    before: Decimal | None = None,
    reversals: Sequence[Credit] = (),
) -> CommissionStatement:
    """One owner's statement through the plan's components.

    ``before`` is the sum of the credits dated before the period in a
    year-to-date window (``None`` when none were given); ``reversals`` the
    owner's clawbacks of deals paid in earlier statements.
    """
    currency = plan.currency
    period = context.period
    ledger = context.ledger
    year_to_date = plan.scope is Scope.YEAR_TO_DATE
    if given_ledger:  # an opening ledger made here fits by construction
        ledger.check(context.owner, currency, period)
        if year_to_date:
            _check_carried(ledger, context.window, period)
    same_year = ledger.year == year
    prior = ledger.credited_to_date.amount if same_year else _ZERO
    if year_to_date:
        _credit_to_date(context, before, prior)
    if context.quota is not None:
        _set_attainment(context, context.quota, plan.attainment_cap)
    paid_before = ledger.paid_to_date.amount if same_year else _ZERO
    book = _kept(ledger.deals, year, plan.calendar)
    # lines that go before the draws: the true-up, then the clawbacks
    pending: list[StatementLine] = []
    if year_to_date and paid_before:
        pending.append(_true_up(paid_before, year, currency))
    if reversals:
        pending += _reverse(reversals, book, context)
    lines = _evaluate(plan.components, context, pending)
    next_ledger = _next_ledger(
        context,
        lines,
        year=year,
        year_to_date=year_to_date,
        prior=prior,
        paid_before=paid_before,
        book=book,
    )
    return _new_statement(  # the figures are the calculation's own: no checks
        context.owner,
        period,
        currency,
        tuple(lines),
        next_ledger,
        context.attainment,
        _make(context.amount, currency),
    )


def _credit_to_date(context: Context, before: Decimal | None, prior: Decimal) -> None:
    """Year to date: the context's basis becomes the year's, the ledger's
    credited to date ``prior`` plus the period's. The credits dated before
    the period, when given (their sum ``before``), must add up to ``prior``."""
    if before is not None:
        if before != prior:
            currency = context.currency
            raise CreditedToDateError(
                context.owner,
                context.period.start,
                _make(before, currency),
                _make(prior, currency),
                _make(before - prior, currency),
            )
    elif prior:
        # only the period's credits were given: the year's earlier
        # credits are the ledger's sum, not each credit
        context.partial = True
    context.amount = prior + context.amount


def _set_attainment(context: Context, quota: Quota, cap: Decimal | None) -> None:
    """The context's attainment of ``quota`` (capped at ``cap``), with its
    money target, or for a count quota the count and its target."""
    target = quota.effective_target
    if isinstance(target, Money):
        currency = context.currency
        if target.currency != currency:
            raise CurrencyMismatchError(
                "measure attainment of", target, f"a plan in {currency}"
            )
        context.target = target.amount
        ratio = context.amount / target.amount if target.amount else Decimal(1)
    else:
        try:
            achieved = achieved_count(context.credits, quota.measure)
        except YearToDateCreditsError:
            raise YearToDateCreditsError(
                f"{quota.measure.value} quota",
                context.owner,
                context.window.start,
                context.period,
            ) from None
        ratio = Decimal(achieved) / target if target else Decimal(1)
        if target:  # the count and its target, for exact comparisons
            context.measured = (Decimal(achieved), Decimal(target))
    if cap is not None:
        ratio = min(ratio, cap)
    context.attainment = ratio


def _evaluate(
    components: Iterable[Component],
    context: Context,
    pending: list[StatementLine],
) -> list[StatementLine]:
    """The statement's lines: each component's in order, with ``pending``
    (the true-up and the clawbacks) before the first draw, or last."""
    lines: list[StatementLine] = []
    extend = lines.extend
    for component in components:
        if pending and isinstance(component, Draw):
            extend(pending)
            pending = []
        try:
            extend(component.evaluate(context, lines))
        except YearToDateCreditsError as error:
            if error.component:
                raise
            raise YearToDateCreditsError(
                component.name, context.owner, context.window.start, context.period
            ) from None
    extend(pending)
    return lines


def _next_ledger(
    context: Context,
    lines: Iterable[StatementLine],
    *,
    year: Period,
    year_to_date: bool,
    prior: Decimal,
    paid_before: Decimal,
    book: dict[str, DealPay],
) -> Ledger:
    """The ledger the statement carries: the draw balance after its
    recoverable draws, variable pay and credits to date, and the period's
    variable pay attributed to its deals (when first read)."""
    variable = clawed = _ZERO
    balance = context.ledger.draw_balance.amount
    for line in lines:
        kind = line.kind
        if kind is _VARIABLE:
            variable += line.amount.amount
        elif kind is _CLAWBACK:
            clawed += line.amount.amount
        elif kind is _RECOVERABLE:
            balance += line.amount.amount
    if year_to_date:
        # the true-up deducts what the year's variable lines paid before;
        # a clawback line (of a deal paid in an earlier fiscal year) is paid
        # once, in its period, and is not part of it
        paid = variable
        share = variable - paid_before
        credited = context.amount
    else:
        paid = paid_before + variable + clawed
        share = variable
        credited = prior + context.amount
    currency = context.currency
    return _ledger(  # the figures are the calculation's own: no checks
        context.owner,
        currency,
        _make(balance, currency),
        _make(paid, currency),
        year,
        context.period.end,
        _make(credited, currency),
        DealBook.lazy(partial(_attribute_period, book, share, context)),
    )


def _check_carried(ledger: Ledger, window: Period, period: Period) -> None:
    """A year-to-date statement after the year's first period needs the
    ledger of the period just before it (``through`` its start)."""
    through = ledger.through
    if through is not None and window.start < period.start and through < period.start:
        raise LedgerMismatchError(
            "through",
            through,
            f"the year-to-date statement for {period} needs the ledger carried from "
            f"the period just before it (through {period.start}): calculate the "
            "periods in between first",
        )


def _kept(
    deals: Mapping[str, DealPay], year: Period, calendar: FiscalCalendar
) -> dict[str, DealPay]:
    """The deal records of the fiscal year ``year`` and the one before."""
    if not deals:
        return {}
    since = calendar.year(calendar.fiscal_year_of(year.start) - 1).start
    return {deal: pay for deal, pay in deals.items() if pay.period.start >= since}


def _reverse(
    reversals: Sequence[Credit], book: dict[str, DealPay], context: Context
) -> list[StatementLine]:
    """One clawback line per deal: ``earned × clawed / credited`` of its
    record taken back (all that remains when the whole credit is clawed),
    the record lowered by as much (``book`` is updated)."""
    by_deal: dict[str, list[Credit]] = {}
    for credit in reversals:
        by_deal.setdefault(credit.deal_id, []).append(credit)
    currency = context.currency
    lines = []
    for deal in sorted(by_deal):
        credits = by_deal[deal]
        record = book.get(deal)
        if record is None:
            earliest = min(credits, key=lambda c: (c.credited_on, c.original_on))
            raise ClawbackError(
                deal, context.owner, earliest.credited_on, earliest.original_on
            )
        back = -sum((context.value_of(c) for c in credits), _ZERO)
        credited = record.credited.amount
        earned = record.earned.amount
        if back >= credited:  # all of it: what remains, exactly
            take, left = earned, _ZERO
        else:  # multiply first, divide once, last
            take, left = context.money(earned * back / credited).amount, credited - back
        take = max(take, _ZERO)  # a clawback never pays
        book[deal] = DealPay(
            _make(left, currency), _make(earned - take, currency), record.period
        )
        paid_in = str(record.period)
        lines.append(
            StatementLine(
                "clawback",
                LineKind.CLAWBACK,
                f"clawback of deal {deal}, paid in {paid_in}",
                _make(_ZERO - take, currency),  # take is in cents; never -0
                back,
                currency,
                None,
                (deal,) if context.explain_deals else (),
                message=Message.of(
                    "commissions.line.clawback", deal=deal, period=paid_in
                ),
            )
        )
    return lines


def _attribute_period(
    book: dict[str, DealPay], pay: Decimal, context: Context
) -> dict[str, DealPay]:
    return _attribute(
        book,
        pay,
        context.period_credits(),
        context.value_of,
        context.period,
        context.currency,
    )


def _attribute(  # noqa: PLR0917  (the book, the pay and where it goes)
    book: dict[str, DealPay],
    pay: Decimal,
    credits: Iterable[Credit],
    value: Callable[[Credit], Decimal],
    period: Period,
    currency: str,
) -> dict[str, DealPay]:
    """``book`` with the period's variable ``pay`` attributed to the deals
    with a positive credit in the period, pro rata to their credited amounts
    (:meth:`Money.allocate`: the parts add up to the cent). A deal never
    earns less than nothing: pay of zero or below (negative credits netted
    in) attributes 0.00 to each deal, which is still recorded."""
    sums: dict[str, Decimal] = {}
    for credit in credits:
        deal = credit.deal_id
        sums[deal] = sums.get(deal, _ZERO) + value(credit)
    paid = sorted(deal for deal, total in sums.items() if total > 0)
    if not paid:
        return book
    shares = _make(max(pay, _ZERO), currency).allocate([sums[deal] for deal in paid])
    for deal, share in zip(paid, shares, strict=True):
        credited = _make(sums[deal], currency)
        record = book.get(deal)
        book[deal] = (
            DealPay(credited, share, period)
            if record is None
            else DealPay(
                record.credited + credited, record.earned + share, record.period
            )
        )
    return book


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
