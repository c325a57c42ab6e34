"""Figures of commissions: a plan's pay curve, a team's attainment, a
statement's waterfall.

Every figure is computed in Decimal with the library's own calculation and
drawn as floats; the axes, bars and labels say what was computed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from decimal import ROUND_FLOOR, Decimal
from typing import TYPE_CHECKING, Any

from accountcore.commissions import (
    Accelerator,
    AttainmentBonus,
    Basis,
    Cap,
    CommissionPlan,
    CommissionStatement,
    Credit,
    Gate,
    PayCurve,
    Tiered,
)
from accountcore.errors import ArgumentTypeError, check_type
from accountcore.money import Money, to_decimal
from accountcore.periods import Period
from accountcore.plots._canvas import (
    attainment_axis,
    checked_locale,
    drawn,
    label,
    money_axis,
    new_figure,
    percent,
    ticker,
)
from accountcore.plots.errors import PlotInputError
from accountcore.quotas import Quota

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

__all__ = ["attainment_distribution", "pay_curve", "waterfall"]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_MOST_POINTS = 2000
_FURTHEST = Decimal(10)


# --- the pay curve ------------------------------------------------------------


def _quota_of(target: object, plan: CommissionPlan, period: object) -> Quota:
    """The quota the curve is drawn against: ``target`` itself, or a quota
    of ``target`` for ``period`` (the first quarter of fiscal 2026 by
    default: the curve does not depend on the dates)."""
    if isinstance(target, Quota):
        if period is not None:
            check_type("period", period, Period)
        quota = target
        money = quota.target
    else:
        money = check_type("target", target, Money, "Money or a Quota")
        if period is None:
            period = plan.calendar.quarter(2026, 1)
        check_type("period", period, Period)
        quota = Quota("owner", period, money)  # type: ignore[arg-type]
    if not isinstance(money, Money):
        raise PlotInputError(
            "target", target, "a pay curve needs a money target (a revenue quota)"
        )
    if money.currency != plan.currency:
        raise PlotInputError(
            "target", target, f"the plan pays in {plan.currency}: give the target in it"
        )
    if money.amount <= 0:
        raise PlotInputError("target", target, "the target must be above 0")
    return quota


def _marks(
    plan: CommissionPlan, target: Decimal, locale: str
) -> list[tuple[Decimal, str]]:
    """Where the plan changes: ``(attainment, text)`` for each tier bound,
    accelerator band, gate, pay-curve point, bonus level and the
    attainment cap (caps on money are found on the curve itself)."""
    found: list[tuple[Decimal, str]] = []
    for part in plan.components:
        name = part.name
        if isinstance(part, Tiered):
            for tier in part.tiers[1:]:
                if part.basis is Basis.ATTAINMENT:
                    found.append((tier.lower, f"{name} {percent(tier.rate, locale)}"))
                else:  # a bound in money, placed at its attainment
                    found.append(
                        (tier.lower / target, f"{name} {percent(tier.rate, locale)}")
                    )
        elif isinstance(part, Accelerator):
            found += [(b.lower, f"{name} ×{b.multiplier}") for b in part.bands]
        elif isinstance(part, Gate):
            found.append((part.threshold, name))
        elif isinstance(part, PayCurve):
            found += [(p.attainment, name) for p in part.points if p.attainment]
        elif isinstance(part, AttainmentBonus):
            found += [(level.threshold, name) for level in part.levels]
    if plan.attainment_cap is not None:
        found.append((plan.attainment_cap, "attainment cap"))
    return found


def _checked_range(up_to: object, points: object) -> tuple[Decimal, int]:
    top = to_decimal(up_to, "up_to")
    if not _ZERO < top <= _FURTHEST:
        raise PlotInputError(
            "up_to", up_to, "the curve runs to an attainment above 0 and at most 10"
        )
    count = check_type("points", points, int)
    if not 2 <= count <= _MOST_POINTS:
        raise PlotInputError(
            "points", points, f"a curve has from 2 to {_MOST_POINTS:,} points"
        )
    return top, count


def pay_curve(
    plan: CommissionPlan,
    *,
    target: Money | Quota,
    up_to: Decimal | int | str = 2,
    points: int = 200,
    period: Period | None = None,
    locale: str = "en_US",
) -> Figure:
    """A plan's total pay against attainment, from 0 to ``up_to`` (2 is
    200 % of ``target``), with the tier bounds, bands, gates, pay-curve
    points, bonus levels and caps marked by dotted lines.

    Each point is ``plan.calculate`` on one credit of ``attainment ×
    target`` (to the cent) in ``period`` against a quota of ``target``: the
    exact pay, drawn. ``target`` is Money or a :class:`~accountcore.quotas.Quota`
    (then its period is the default). Points are spaced evenly, and added on
    each side of every bound so that a step shows as a step. A cap on money
    is marked where it first cuts the pay.

    >>> from accountcore.commissions import Tier
    >>> plan = CommissionPlan("AM", "EUR", (
    ...     Tiered("commission", (Tier("0", "1", "0.05"), Tier("1", None, "0.08")), basis="attainment"),))
    >>> figure = pay_curve(plan, target=Money("100000", "EUR"), up_to=2, points=5)
    >>> axes = figure.axes[0]
    >>> curve = next(line for line in axes.lines if line.get_gid() == "pay")
    >>> float(curve.get_ydata()[-1])  # float-ok: reading the drawing; at 200 %: 100,000 × 5 % + 100,000 × 8 %
    13000.0
    >>> axes.get_xlabel(), axes.get_ylabel()
    ('Attainment', 'Total pay (EUR)')
    """
    check_type("plan", plan, CommissionPlan)
    locale = checked_locale(locale)
    quota = _quota_of(target, plan, period)
    top, count = _checked_range(up_to, points)
    money: Money = quota.target  # type: ignore[assignment]
    amount = money.amount
    marks = [(at, text) for at, text in _marks(plan, amount, locale) if at <= top]
    cent = Money("0.01", plan.currency).rounded().amount
    wanted = {top * n / (count - 1) for n in range(count)}
    for at, _ in marks:
        wanted.add(at)
        wanted.add(max(_ZERO, at - cent / amount))
    pays = {
        credited: _pay(plan, quota, credited)
        for credited in {(amount * at).quantize(cent) for at in wanted}
    }
    caps = [
        (cap, _cap_start(plan, quota, pays, cap.name, cent))
        for cap in plan.components
        if isinstance(cap, Cap)
    ]
    credits = sorted(pays)
    figure, axes = new_figure()
    axes.plot(
        [drawn(credited / amount) for credited in credits],
        [drawn(pays[credited][0]) for credited in credits],
        gid="pay",
        color="C0",
    )
    for cap, start in caps:
        if start is not None:
            _mark(axes, drawn(start / amount), f"{cap.name} {cap.limit.format(locale)}")
    for at, text in marks:
        _mark(axes, drawn(at), text)
    attainment_axis(axes, _ZERO, top, locale)
    money_axis(axes, locale)
    axes.set_xlabel(label("reports.column.attainment", locale))
    axes.set_ylabel(f"{label('reports.column.commission', locale)} ({plan.currency})")
    axes.set_title(plan.name)
    return figure


def _pay(
    plan: CommissionPlan, quota: Quota, credited: Decimal
) -> tuple[Decimal, frozenset[str]]:
    """The total pay on one credit of ``credited``, and the components that
    gave a line other than 0 (a cap that cut)."""
    credit = Credit(
        "pay-curve",
        "pay-curve",
        quota.owner,
        Money(credited, plan.currency),
        quota.period.start,
    )
    statement = plan.calculate([credit], period=quota.period, quota=quota)
    cut = frozenset(line.component for line in statement.lines if line.amount.amount)
    return statement.total.amount, cut


def _cap_start(
    plan: CommissionPlan,
    quota: Quota,
    pays: dict[Decimal, tuple[Decimal, frozenset[str]]],
    name: str,
    cent: Decimal,
) -> Decimal | None:
    """The highest credit the cap ``name`` leaves uncut, found to the cent
    by halving between the curve's points around it (and added to them);
    ``None`` if it cuts nowhere on the curve."""
    credits = sorted(pays)
    first = next((n for n, c in enumerate(credits) if name in pays[c][1]), None)
    if first is None:
        return None
    if first == 0:
        return credits[0]
    low, high = credits[first - 1], credits[first]
    while high - low > cent:
        middle = ((low + high) / 2).quantize(cent)
        pays[middle] = _pay(plan, quota, middle)
        if name in pays[middle][1]:
            high = middle
        else:
            low = middle
    return low


def _mark(axes: Axes, x: float, text: str) -> None:
    """A dotted vertical line at ``x``, its text along it at the top."""
    axes.axvline(x, linestyle=":", color="0.4", linewidth=1, gid="mark")
    axes.annotate(
        text,
        (x, 1),
        xycoords=("data", "axes fraction"),
        xytext=(2, -4),
        textcoords="offset points",
        rotation=90,
        va="top",
        fontsize=8,
        color="0.3",
    )


# --- the team's attainment ------------------------------------------------------


def _attainments(statements: object) -> tuple[list[Decimal], int]:
    """The attainments given, and how many owners had none (no quota)."""
    values: list[object]
    if isinstance(statements, Mapping):
        values = [
            check_type(
                f"statements[{owner!r}]", statement, CommissionStatement
            ).attainment
            for owner, statement in statements.items()
        ]
    else:
        values = _attainment_column(statements)
    found = [
        check_type("attainment", value, Decimal)
        for value in values
        if value is not None
    ]
    return found, len(values) - len(found)


def _attainment_column(table: object) -> list[object]:
    """The ``attainment`` column of a TeamResult's summary (or of the result)."""
    from accountcore.frames._polars import narwhals
    from accountcore.frames.engine import TeamResult

    if isinstance(table, TeamResult):
        table = table.summary
    nw = narwhals()
    try:
        frame = nw.from_native(table, eager_only=True)
    except TypeError:
        raise ArgumentTypeError(
            "statements",
            table,
            "a mapping of owner to CommissionStatement, a frames TeamResult "
            "or its summary table",
        ) from None
    if "attainment" not in frame.columns:
        from accountcore.frames.errors import MissingColumnError

        raise MissingColumnError("statements", "attainment", frame.columns)
    return list(frame["attainment"].to_list())


def attainment_distribution(
    statements: Mapping[str, CommissionStatement] | Any,
    *,
    step: Decimal | str = Decimal("0.1"),
    locale: str = "en_US",
) -> Figure:
    """How many owners reached each band of attainment: a histogram with
    bins ``[k × step, (k + 1) × step)`` (an owner exactly on 100 % is in
    the bin from 100 %), counted in Decimal, and a line at 100 %.

    ``statements`` is a mapping of owner to
    :class:`~accountcore.commissions.CommissionStatement`, a
    :class:`accountcore.frames.TeamResult` or its ``summary`` table. Owners
    without a quota have no attainment: they are counted in a note.

    >>> import datetime
    >>> from accountcore.commissions import FlatRate, calculate_team
    >>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    >>> q1 = Period.quarter(2026, 1)
    >>> team = calculate_team(plan,
    ...     [Credit(f"D-{n}", "C", owner, Money(amount, "EUR"), datetime.date(2026, 2, 1))
    ...      for n, (owner, amount) in enumerate([("ana", 95), ("bob", 100), ("eve", 130)])],
    ...     period=q1, quotas=[Quota(o, q1, Money(100, "EUR")) for o in ("ana", "bob", "eve")])
    >>> bars = attainment_distribution(team).axes[0].containers[0]
    >>> [(round(float(bar.get_x()), 1), float(bar.get_height())) for bar in bars]  # float-ok: reading the drawing; 95 %; 100 %; 130 %
    [(0.9, 1.0), (1.0, 1.0), (1.1, 0.0), (1.2, 0.0), (1.3, 1.0)]
    """
    locale = checked_locale(locale)
    width = to_decimal(step, "step")
    if not _ZERO < width <= _ONE:
        raise PlotInputError(
            "step", step, "a bin is above 0 and at most 1 (100 %) wide"
        )
    found, missing = _attainments(statements)
    bins = Counter(
        (value / width).to_integral_value(rounding=ROUND_FLOOR) for value in found
    )
    figure, axes = new_figure()
    if bins:
        low, high = min(bins), max(bins)
        edges = [k * width for k in range(int(low), int(high) + 1)]
        axes.bar(
            [drawn(edge) for edge in edges],
            [drawn(bins[Decimal(k)]) for k in range(int(low), int(high) + 1)],
            width=drawn(width),
            align="edge",
            edgecolor="white",
            gid="owners",
        )
        attainment_axis(axes, edges[0], edges[-1] + width, locale)
    axes.axvline(1.0, color="0.3", linewidth=1, gid="quota")
    if missing:
        axes.text(
            0.99,
            0.97,
            f"{missing} without a quota, not shown",
            transform=axes.transAxes,
            ha="right",
            va="top",
            fontsize=8,
        )
    axes.yaxis.set_major_locator(ticker().MaxNLocator(integer=True))
    axes.set_xlabel(label("reports.column.attainment", locale))
    axes.set_ylabel("Account managers")
    return figure


# --- a statement's waterfall ------------------------------------------------------


def waterfall(statement: CommissionStatement, *, locale: str = "en_US") -> Figure:
    """A statement's lines as steps from 0 to the total: each line a bar
    from the running sum to the running sum plus its amount (a cut or a
    clawback steps down), then the total from 0. Each bar is written with
    its amount in ``locale``; a component with several lines (tiers) names
    each by its rate.

    >>> import datetime
    >>> from accountcore.commissions import BaseSalary, Tier
    >>> plan = CommissionPlan("AM", "EUR", (BaseSalary("salary", Money("3000", "EUR")),
    ...     Tiered("commission", (Tier("0", "100000", "0.05"), Tier("100000", None, "0.08")))))
    >>> credit = Credit("D-1", "C-1", "ana", Money("130000", "EUR"), datetime.date(2026, 2, 3))
    >>> axes = waterfall(plan.calculate([credit], period=Period.quarter(2026, 1))).axes[0]
    >>> [float(bar.get_height()) for bar in axes.containers[0]]  # float-ok: reading the drawing; 3,000; 5,000; 2,400; total 10,400
    [3000.0, 5000.0, 2400.0, 10400.0]
    >>> [tick.get_text() for tick in axes.get_xticklabels()]
    ['salary', 'commission 5%', 'commission 8%', 'Total']
    """
    check_type("statement", statement, CommissionStatement)
    locale = checked_locale(locale)
    names = Counter(line.component for line in statement.lines)
    ticks, bottoms, heights, colours = [], [], [], []
    running = _ZERO
    for line in statement.lines:
        text = line.component
        if names[text] > 1 and line.rate is not None:
            text = f"{text} {percent(line.rate, locale)}"
        ticks.append(text)
        bottoms.append(drawn(running))
        heights.append(drawn(line.amount.amount))
        colours.append("C2" if line.amount.amount >= 0 else "C3")
        running += line.amount.amount
    total = statement.total
    ticks.append(label("reports.total", locale))
    bottoms.append(0.0)
    heights.append(drawn(total.amount))
    colours.append("C0")
    figure, axes = new_figure()
    positions = list(range(len(ticks)))
    bars = axes.bar(positions, heights, bottom=bottoms, color=colours, gid="lines")
    amounts = [line.amount for line in statement.lines] + [total]
    for bar, amount in zip(bars, amounts, strict=True):
        axes.annotate(
            amount.format(locale),
            (bar.get_x() + bar.get_width() / 2, bar.get_y() + max(bar.get_height(), 0)),
            xytext=(0, 2),
            textcoords="offset points",
            ha="center",
            va="bottom",
            fontsize=8,
        )
    axes.axhline(0, color="0.3", linewidth=0.8)
    axes.set_xticks(positions, ticks, rotation=20, ha="right")
    money_axis(axes, locale)
    axes.set_ylabel(f"{label('reports.column.amount', locale)} ({statement.currency})")
    axes.set_title(f"{statement.owner}, {statement.period}")
    return figure
