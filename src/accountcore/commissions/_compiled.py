"""Compiled plans: the per-owner fast path of ``calculate_team`` (private).

A team calculation evaluates the same plan for thousands of owners. Going
through each component's ``evaluate`` builds a :class:`Context`, reads
settings through attrs objects, revalidates nothing but recomputes every
constant text and Decimal again and again. :func:`compile_plan` does that
work once per call: each built-in component becomes a small closure (a
*step*) holding its precomputed Decimals and text pieces, which computes its
lines from the owner's aggregate (credited amount, attainment, new-client
credits) with plain Decimal arithmetic.

The steps must give exactly the lines ``evaluate`` gives (same amounts,
texts, bases, rates, deals): ``tests/test_commissions_compiled.py`` checks
that on random plans and credits. A plan holding anything else (a custom
component, a pay curve, draws, filters, a year-to-date scope) is not
compiled, and an owner whose figures need more than the aggregate (a
ledger, an activity, a count quota, credits in another currency) takes the
general path: :func:`compile_plan` returns ``None`` and
:meth:`Compiled.applies` says no.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from functools import partial
from typing import Any

from accountcore._fast import builder
from accountcore.commissions._checks import _deals_of, percent
from accountcore.commissions.bonuses import NewClientBonus
from accountcore.commissions.components import (
    _TIER_IDS,
    BaseSalary,
    Basis,
    FlatRate,
    Mode,
    Tiered,
    _same,
)
from accountcore.commissions.context import Context
from accountcore.commissions.credits import Credit
from accountcore.commissions.ledger import DealBook, _ledger
from accountcore.commissions.modifiers import Accelerator, Cap, Gate
from accountcore.commissions.statement import (
    CommissionStatement,
    DealIds,
    LineKind,
    StatementLine,
    _line,
    _statement,
)
from accountcore.i18n import Message, Percent
from accountcore.money import (
    _QUANTUM,
    Money,
    _make,
    _quantize,
)
from accountcore.periods import Period
from accountcore.quotas import Quota

_ZERO = Decimal(0)
_ONE = Decimal(1)
_VARIABLE = LineKind.VARIABLE
# the message ids the components use (catalog commissions.line.*)
_FLAT = "commissions.line.flat_rate"
_GATE = "commissions.line.gate"
_CAP = "commissions.line.cap"
_NEW_CLIENTS = "commissions.line.new_clients"

_message: Callable[[str, tuple[tuple[str, object], ...]], Message] = builder(Message)
"""``Message(message_id, params)`` for params already in Message.of's sorted
order (no ``__init__``: a third of the time)."""
_percent: Callable[[Decimal, int | None], Percent] = builder(Percent)
"""``Percent(ratio, digits)`` without ``__init__``."""


class Owner:
    """One owner's aggregate, as the steps read it, and the lines so far."""

    __slots__ = (
        "amount",
        "clients",
        "deals",
        "fed",
        "lines",
        "name",
        "news",
        "ratio",
        "reach",
        "target",
        "variable",
    )

    def __init__(  # noqa: PLR0917  (one per aggregate figure)
        self,
        name: str,
        amount: Decimal,
        ratio: Decimal | None,
        target: Decimal | None,
        reach: Decimal,
        clients: Collection[str] | None,
        news: Callable[[str], Sequence[Credit]],
        deals: Sequence[str],
        fed: bool,
    ) -> None:
        self.name = name
        self.amount = amount
        self.ratio = ratio  # amount / target, capped: shown, never compared
        self.target = target
        # the credit attainment counts: amount, or cap × target when the
        # plan's attainment cap is below (Context.attainment_fraction)
        self.reach = reach
        # the ids of the owner's new clients when every one of their credits
        # is above 0 (then each client counts); None: net them per client
        # from ``news(name)``, the owner's new-client credits (on demand)
        self.clients = clients
        self.news = news
        self.deals = deals  # the owner's deal ids (a DealIds: sorted when read)
        # whether any credit of the owner's was read, whatever they net to
        # (Context.credited): a zero basis still gives its line (of 0.00),
        # deal ids explained or not
        self.fed = fed
        self.lines: list[StatementLine] = []
        # the variable lines' amounts added up in line order, as
        # variable_total and _statement add them (kept by the steps)
        self.variable = _ZERO


Step = Callable[[Owner], None]
"""A compiled component: appends its lines to ``owner.lines``."""


class Compiled:
    """A plan turned into steps for one calculation (currency, period)."""

    __slots__ = (
        "attainment_cap",
        "currency",
        "needs_new",
        "needs_ratio",
        "period",
        "steps",
        "year",
        "zero",
    )

    def __init__(
        self,
        steps: list[Step],
        currency: str,
        *,
        period: Period,
        year: Period,
        needs_ratio: bool,
        needs_new: bool,
        attainment_cap: Decimal | None,
    ) -> None:
        self.steps = steps
        self.currency = currency
        self.period = period
        self.year = year
        self.needs_ratio = needs_ratio
        self.needs_new = needs_new
        self.attainment_cap = attainment_cap
        self.zero = _make(_ZERO, currency)  # frozen: one for every ledger

    def target_of(self, quota: Quota | None) -> Decimal | bool | None:
        """The money target the steps can use, ``None`` without a quota, or
        ``False`` when the owner must take the general path (a count quota,
        a zero target, another currency, or a missing quota the plan needs:
        the general path raises the error)."""
        if quota is None:
            return False if self.needs_ratio else None
        target = quota.effective_target
        if (
            isinstance(target, Money)
            and target.currency == self.currency
            and target.amount > 0
        ):
            return target.amount
        return False

    def statement(  # noqa: PLR0917  (one per aggregate figure)
        self,
        name: str,
        amount: Decimal,
        target: Decimal | None,
        clients: Collection[str] | None,
        news: Callable[[str], Sequence[Credit]],
        deals: Sequence[str],
        records: Callable[[str, Decimal], DealBook],
        fed: bool,
    ) -> CommissionStatement:
        """One owner's statement, as ``plan._statement`` makes it for an
        owner with an opening ledger (no draw balance, nothing paid or
        credited before, no deal records), no activity and no clawback of an
        earlier statement, in a period-scope plan. ``records(name, pay)``
        gives the ledger's deal records: the variable ``pay`` attributed to
        the owner's deals; ``fed`` whether the owner has a credit in the
        period (whatever they net to)."""
        ratio = None
        reach = amount
        if target is not None:
            # as _statement: the ratio to quota, capped by the plan's cap
            ratio = amount / target
            cap = self.attainment_cap
            if cap is not None:
                ratio = min(ratio, cap)
                if cap * target < amount:
                    reach = cap * target
        owner = Owner(name, amount, ratio, target, reach, clients, news, deals, fed)
        for step in self.steps:
            step(owner)
        currency = self.currency
        period = self.period
        credited = _make(amount, currency)
        variable = owner.variable
        ledger = _ledger(
            name,
            currency,
            self.zero,
            _make(_ZERO + variable, currency),  # paid before (0) + now
            self.year,
            period.end,
            credited,  # credited before (0) + now
            records(name, variable),
        )
        return _statement(
            name,
            period,
            currency,
            tuple(owner.lines),
            ledger,
            ratio,
            credited,
        )


def compile_plan(
    components: Sequence[object],
    *,
    currency: str,
    period: Period,
    window: Period,
    year: Period,
    attainment_cap: Decimal | None,
    explain_deals: bool,
) -> Compiled | None:
    """Steps for ``components``, or ``None`` when one is not compilable."""

    quantum = _QUANTUM[currency]

    def money(amount: Decimal) -> Money:
        # Context.money (rounded half up to the minor unit), with the quantum
        # looked up once; an amount too large for the context goes through
        # _quantize, which raises the PrecisionError Context.money raises
        try:
            return _make(amount.quantize(quantum, ROUND_HALF_UP), currency)
        except InvalidOperation:
            return _make(_quantize(amount, currency, ROUND_HALF_UP), currency)

    steps: list[Step] = []
    needs_ratio = needs_new = False
    for component in components:
        kind = type(component)  # exact types: a subclass may evaluate otherwise
        if kind is BaseSalary:
            steps.append(_salary(component, currency, period, window))  # type: ignore[arg-type]
        elif kind is FlatRate and component.where.is_everything:  # type: ignore[attr-defined]
            steps.append(_flat(component, currency, money))  # type: ignore[arg-type]
        elif kind is Tiered and component.where.is_everything:  # type: ignore[attr-defined]
            needs_ratio |= component.basis is Basis.ATTAINMENT  # type: ignore[attr-defined]
            steps.append(_tiered(component, currency, money))  # type: ignore[arg-type]
        elif kind is Accelerator:
            needs_ratio = True
            steps.append(_accelerator(component, currency, money, explain_deals))  # type: ignore[arg-type]
        elif kind is Gate:
            needs_ratio = True
            steps.append(_gate(component, currency))  # type: ignore[arg-type]
        elif kind is Cap:
            steps.append(_cap(component, currency, money))  # type: ignore[arg-type]
        elif kind is NewClientBonus and component.where.is_everything:  # type: ignore[attr-defined]
            needs_new = True
            steps.append(_new_clients(component, money, explain_deals))  # type: ignore[arg-type]
        else:
            return None
    return Compiled(
        steps,
        currency,
        period=period,
        year=year,
        needs_ratio=needs_ratio,
        needs_new=needs_new,
        attainment_cap=attainment_cap,
    )


def _salary(
    component: BaseSalary, currency: str, period: Period, window: Period
) -> Step:
    # an owner on the fast path has no activity, so is active the whole
    # period: the line is the same for everyone; build it once with the
    # component's own evaluate and share it (lines are frozen)
    context = Context(
        owner="-",
        period=period,
        window=window,
        currency=currency,
        credits=(),
        amount=_ZERO,
        quota=None,
        target=None,
        attainment=None,
        ledger=None,  # type: ignore[arg-type]  # BaseSalary reads no ledger
        activity=None,
        weights={},
        rates=None,
    )
    lines = tuple(component.evaluate(context, []))

    def salary(owner: Owner) -> None:
        owner.lines.extend(lines)

    return salary


def _flat(
    component: FlatRate, currency: str, money: Callable[[Decimal], Money]
) -> Step:
    name, rate = component.name, component.rate
    text = f"{percent(rate)} of credited amount"
    shown_rate = ("rate", Percent(rate))

    def flat(owner: Owner) -> None:
        basis = owner.amount
        deals = owner.deals
        if not basis and not owner.fed:
            return
        pay = money(basis * rate)
        owner.variable += pay.amount
        # Message.of's params, already in its (sorted) order
        message = _message(_FLAT, (("basis", money(basis)), shown_rate))
        owner.lines.append(
            _line(name, _VARIABLE, text, pay, basis, currency, rate, deals, message)
        )

    return flat


def _tier_table(component: Tiered, currency: str) -> list[tuple[Any, ...]]:
    """Per tier: lower, upper, rate, the text around the slice amount, and
    the message id and its params after "basis" (Message.of's sorted order)."""
    on_attainment = component.basis is Basis.ATTAINMENT
    retroactive = component.mode is Mode.RETROACTIVE
    unit = "attainment" if on_attainment else currency
    how = "all credited" if retroactive else "slice"
    show = Percent if on_attainment else _same  # as Tiered._bounds
    return [
        (
            tier.lower,
            tier.upper,
            tier.rate,
            f"{percent(tier.rate)} on {how} ",
            " (tier {} {} {})".format(
                tier.lower,
                "and above" if tier.upper is None else f"to {tier.upper}",
                unit,
            ),
            _TIER_IDS[retroactive, tier.upper is None],
            (("lower", show(tier.lower)), ("rate", Percent(tier.rate)))
            + (() if tier.upper is None else (("upper", show(tier.upper)),)),
        )
        for tier in component.tiers
    ]


def _tiered(
    component: Tiered, currency: str, money: Callable[[Decimal], Money]
) -> Step:
    on_attainment = component.basis is Basis.ATTAINMENT
    retroactive = component.mode is Mode.RETROACTIVE
    tiers = _tier_table(component, currency)
    last = len(tiers) - 1
    _slice = _slicer(component.name, currency, money)

    def tiered(owner: Owner) -> None:
        basis = owner.amount
        deals = owner.deals
        if not basis and not owner.fed:
            return
        scale = _ONE
        if on_attainment:
            scale = owner.target  # type: ignore[assignment]  # the fast path has one
            # bounds are money (bound × target); an attainment cap on the
            # plan limits the credit that earns to cap × target
            basis = owner.reach
        # Tiered.slices, inlined: one line per slice
        if basis <= 0:
            if not basis:
                return
            _slice(owner, tiers[0], basis, deals)
            return
        if retroactive:
            # Tiered.tier_of: the first tier whose upper bound is above
            index = last
            for i, tier in enumerate(tiers):
                upper = tier[1]
                if upper is None or basis < upper * scale:
                    index = i
                    break
            _slice(owner, tiers[index], basis, deals)
            return
        for tier in tiers:
            low = tier[0] * scale
            if basis <= low:
                break
            upper = tier[1]
            high = basis
            if upper is not None:
                top = upper * scale
                if top < basis:
                    high = top
            _slice(owner, tier, high - low, deals)

    return tiered


def _slicer(
    name: str, currency: str, money: Callable[[Decimal], Money]
) -> Callable[[Owner, tuple[Any, ...], Decimal, Sequence[str]], None]:
    """What writes a tiered component's line for one slice of its basis
    (``part``) in one tier (a row of :func:`_tier_table`)."""

    def _slice(
        owner: Owner,
        tier: tuple[Any, ...],
        part: Decimal,
        deals: Sequence[str],
    ) -> None:
        _, _, rate, before, after, message_id, params = tier
        pay = money(part * rate)
        owner.variable += pay.amount
        owner.lines.append(
            _line(
                name,
                _VARIABLE,
                # the text around the slice is precomputed; str(part) is what
                # the f-string in Tiered.evaluate shows, at a third of the cost
                before + str(part) + after,
                pay,
                part,
                currency,
                rate,
                deals,
                _message(message_id, (("basis", money(part)), *params)),
            )
        )

    return _slice


def _band_table(component: Accelerator) -> list[tuple[Any, ...]]:
    """The bands that change pay: lower, upper, multiplier, multiplier − 1,
    text, message id, and its params before and after "share" (sorted
    order)."""
    return [
        (
            band.lower,
            band.upper,
            band.multiplier,
            band.multiplier - _ONE,
            f"×{band.multiplier} on pay for attainment {percent(band.lower)} "
            + ("and above" if band.upper is None else f"to {percent(band.upper)}")
            + " (",
            "commissions.line.accelerator" + ("_open" if band.upper is None else ""),
            (("lower", Percent(band.lower)), ("multiplier", band.multiplier)),
            () if band.upper is None else (("upper", Percent(band.upper)),),
        )
        for band in component.bands
        if band.multiplier != _ONE
    ]


def _chosen_pay(
    owner: Owner, of: Collection[str]
) -> tuple[Decimal, list[StatementLine] | None]:
    """The variable pay an accelerator multiplies, and the lines it comes
    from: those of the components ``of``, or (``None``) every variable line,
    whose amounts added up in line order are the running total the steps
    keep."""
    if not of:
        return owner.variable, None
    chosen = [ln for ln in owner.lines if ln.kind is _VARIABLE and ln.component in of]
    paid = _ZERO
    for ln in chosen:
        paid += ln.amount.amount
    return paid, chosen


def _accelerator(
    component: Accelerator,
    currency: str,
    money: Callable[[Decimal], Money],
    explain_deals: bool,
) -> Step:
    name, of = component.name, component.of
    bands = _band_table(component)
    # at or below the lowest band, no credit falls in a band: no line (most
    # owners of an accelerator plan; skips the sums below)
    floor = min((band[0] for band in bands), default=None)

    def accelerator(owner: Owner) -> None:
        target: Decimal = owner.target  # type: ignore[assignment]  # has one
        reach = owner.reach
        # attainment at or below the floor: reach ≤ floor × target
        if floor is None or reach <= floor * target:
            return
        paid, chosen = _chosen_pay(owner, of)
        basis = owner.amount
        if not paid or basis <= 0:  # basis > 0: attainment too
            return
        deals: Sequence[str] = ()
        if explain_deals:
            if chosen is None:
                chosen = [ln for ln in owner.lines if ln.kind is _VARIABLE]
            deals = _deals_of(chosen)
        # Context.band_share with a money target and the whole basis: the
        # money in the band over the basis; multiplied first, divided last
        for lower, upper, multiplier, extra, before, message_id, head, tail in bands:
            low = lower * target
            high = reach
            if upper is not None and upper * target < reach:
                high = upper * target
            if high <= low:
                continue
            width = high - low
            share = width / basis
            weighed = paid * width / basis
            pay = money(paid * width * extra / basis)
            owner.variable += pay.amount
            owner.lines.append(
                _line(
                    name,
                    _VARIABLE,
                    f"{before}{share:.4f} of credit)",
                    pay,
                    weighed,
                    currency,
                    multiplier,
                    deals,
                    _message(message_id, (*head, ("share", _percent(share, 1)), *tail)),
                )
            )

    return accelerator


def _gate(component: Gate, currency: str) -> Step:
    name, threshold = component.name, component.threshold
    below = f"below {percent(threshold)}, variable pay withheld"
    shown_threshold = ("threshold", Percent(threshold))
    places = Decimal("0.0001")

    def gate(owner: Owner) -> None:
        ratio: Decimal = owner.ratio  # type: ignore[assignment]
        paid = owner.variable
        # attainment ≥ threshold, compared as reach ≥ threshold × target
        if not paid or owner.reach >= threshold * owner.target:  # type: ignore[operator]
            return
        withheld = -paid
        owner.variable += withheld
        owner.lines.append(
            _line(
                name,
                _VARIABLE,
                f"gate: attainment {percent(ratio.quantize(places))} is {below}",
                _make(withheld, currency),
                ratio,
                "attainment",
                threshold,
                (),
                _message(_GATE, (("attainment", _percent(ratio, 1)), shown_threshold)),
            )
        )

    return gate


def _cap(component: Cap, currency: str, money: Callable[[Decimal], Money]) -> Step:
    name, limit = component.name, component.limit.amount
    after = f" limited to {component.limit}"
    shown_limit = ("limit", component.limit)

    def cap(owner: Owner) -> None:
        paid = owner.variable
        cut = money(limit - paid)  # rounded like every line (Cap.evaluate)
        if cut.amount >= 0:
            return
        owner.variable += cut.amount
        shown = _make(paid, currency)
        owner.lines.append(
            _line(
                name,
                _VARIABLE,
                f"cap: variable pay {paid} {currency}{after}",  # str(shown)
                cut,
                paid,
                currency,
                None,
                (),
                _message(_CAP, (shown_limit, ("paid", shown))),
            )
        )

    return cap


def _new_clients(
    component: NewClientBonus,
    money: Callable[[Decimal], Money],
    explain_deals: bool,
) -> Step:
    name, each = component.name, component.amount.amount
    after = f" new clients × {component.amount}"
    # the line depends on the count only (but for its deals): made once per count
    by_count: dict[int, StatementLine] = {}

    def new_clients(owner: Owner) -> None:
        # Context.new_clients: clients whose new-client credits net above 0
        clients = owner.clients
        if clients is None:  # some credit is 0 or less: net them per client
            net: dict[str, Decimal] = {}
            get = net.get
            for credit in owner.news(owner.name):
                client = credit.client_id
                net[client] = get(client, _ZERO) + credit.amount.amount
            clients = [client for client, value in net.items() if value > 0]
        if not clients:
            return
        line = by_count.get(len(clients))
        if line is None:
            line = by_count[len(clients)] = _bonus(len(clients), ())
        if explain_deals:
            # the same line with its deals: found when they are first read
            deals = DealIds(partial(_deals_of_clients, owner.news, owner.name, clients))
            line = _line(
                name,
                _VARIABLE,
                line.description,
                line.amount,
                line.basis,
                "clients",
                each,
                deals,
                line.message,
            )
        owner.variable += line.amount.amount
        owner.lines.append(line)

    def _bonus(clients: int, deals: Sequence[str]) -> StatementLine:
        count = Decimal(clients)
        return _line(
            name,
            _VARIABLE,
            f"{clients}{after}",
            money(count * each),
            count,
            "clients",
            each,
            deals,
            _message(_NEW_CLIENTS, (("amount", component.amount), ("count", clients))),
        )

    return new_clients


def _deals_of_clients(
    news: Callable[[str], Sequence[Credit]], owner: str, clients: Collection[str]
) -> list[str]:
    """The deals of ``owner``'s new-client credits for ``clients`` (read
    when a new-client line's deals are first read)."""
    chosen = clients if isinstance(clients, set | frozenset) else set(clients)
    return [c.deal_id for c in news(owner) if c.client_id in chosen]
