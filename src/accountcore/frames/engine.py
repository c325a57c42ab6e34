"""The column engine: a team's commissions on columns, exact (``accountcore[frames]``).

:func:`calculate_team` reads the credits once, in columns: it keeps those
dated in the plan's window, adds them up per owner (the credited basis, the
deals, the new clients) and then lets each component state its lines over
all owners at once through its *column form* (``columns(on)`` beside
``evaluate`` in the component's own module; see
:class:`~accountcore.commissions.context.Columns`). Amounts are polars
decimals throughout: sums and products exact, every line rounded half up to
the minor unit, as the object path rounds.

Some owners take the object path (``plan.calculate`` on their rows, the
reference): those with a credit in another currency, a clawback of a credit
paid in an earlier statement, a ledger given, or a quota the column form
cannot use (a count quota, a target of 0 or in another currency, a missing
quota the plan needs: the object path raises the error). Every owner takes
it when the plan holds a component without a column form (a custom
component, a spiff, or a built-in one whose settings have none: a credit
filter, an amount in another currency), tier weights, or a year-to-date
scope; and when a figure would need more digits than a decimal column
holds. The result is the same either way, proved by the tests;
``TeamResult.paths`` says which owners took which. A column owner has no
activity and the opening ledger (a draw balance of 0).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal, localcontext
from functools import partial
from typing import Any

from accountcore.commissions import (
    CommissionPlan,
    CommissionStatement,
    Ledger,
    LineKind,
    Scope,
)
from accountcore.commissions import calculate_team as _object_team
from accountcore.commissions.credits import CreditFilter
from accountcore.commissions.errors import SaleCurrencyPlanError
from accountcore.commissions.plan import PayIn, _quotas_by_owner
from accountcore.errors import ArgumentTypeError, check_type
from accountcore.frames._carry import (
    deal_records,
    ledger_rows,
    object_ledgers,
)
from accountcore.frames._filters import Request, placeholder, requested
from accountcore.frames._num import (
    QUOTIENT_SCALE,
    Num,
    TooFine,
    choose,
    scale_of,
    smaller,
)
from accountcore.frames._polars import polars
from accountcore.frames._tables import Back, to_polars
from accountcore.frames.credits import scan_credits, to_credits
from accountcore.frames.ledgers import read_ledgers
from accountcore.frames.quotas import Targets, has_periods, read_quotas, read_targets
from accountcore.frames.statements import _team_html
from accountcore.money import _QUANTUM, ExchangeRates, Money
from accountcore.periods import Period
from accountcore.quotas import Quota

__all__ = ["TeamResult", "calculate_team"]

_ZERO = Decimal(0)
_RATE_SCALE = QUOTIENT_SCALE
"""The most places a rate has in the lines table (a pay curve's factor is a
quotient: given to this many places, on either path)."""


class _Line:
    """One line a column form stated, materialised as columns ``w<i>`` (it
    is on the statement), ``a<i>`` (amount), ``b<i>`` (basis), ``s<i>``
    (share) and ``r<i>`` (a rate that differs by owner, e.g. a pay curve's
    factor) of the owners' frame."""

    __slots__ = (
        "basis_scale",
        "component",
        "deals",
        "index",
        "kind",
        "lower",
        "message",
        "rate",
        "rate_scale",
        "share",
        "unit",
        "upper",
    )

    def __init__(  # noqa: PLR0917 (mirrors Columns.line)
        self,
        index: int,
        component: str,
        kind: LineKind,
        unit: str,
        rate: Decimal | None,
        message: str,
        lower: Decimal | None,
        upper: Decimal | None,
        deals: str,
        basis_scale: int,
    ) -> None:
        self.index = index
        self.component = component
        self.kind = kind
        self.unit = unit
        self.rate = rate
        self.message = message
        self.lower = lower
        self.upper = upper
        self.deals = deals
        self.basis_scale = basis_scale
        self.share: int | None = None  # the share's scale, when it has one
        self.rate_scale: int | None = None  # a rate column's scale


class _Owners:
    """The owners' frame, as a component's column form sees it
    (:class:`~accountcore.commissions.context.Columns`)."""

    def __init__(
        self, frame: Any, currency: str, scales: dict[str, int], rows: Any
    ) -> None:
        self.pl = polars()
        # the figures of filtered credits asked for, and their columns
        self.asked: dict[Request, str] = {}
        self.frame = frame
        self.currency = currency
        self.digits = scale_of(_QUANTUM[currency])
        self.scales = scales
        self.lines: list[_Line] = []
        self.used: set[str] = set()
        self.rows = rows  # the owners' credits in the window (a query)
        self._pending: list[tuple[_Line, Any, Num, Num, Num | None]] = []
        self._rates: dict[int, Num] = {}  # the lines' rates that are columns

    # --- what a column form reads -------------------------------------------

    def figure(self, name: str) -> Num:
        if name == "draw_balance":  # a column owner's ledger is the opening one
            return Num.const(_ZERO)
        self.used.add(name)
        return Num.column(name, self.scales[name])

    def flag(self, name: str) -> Any:
        if name == "everyone":
            return self.pl.lit(True)
        return self.pl.col(name)

    def _asked(self, key: Request) -> str:
        """The column of a filtered figure, added up now from the owners'
        credits (a deal count, which only the lines table reads, when it is
        first read: a placeholder until then)."""
        name = self.asked.get(key)
        if name is None:
            name = self.asked[key] = f"q{len(self.asked)}"
        if name not in self.frame.columns:
            if key[0] in _COUNTS:
                dtype = placeholder(key, self.scales["amount"])
                self.frame = self.frame.with_columns(
                    self.pl.lit(None, dtype).alias(name)
                )
            else:
                self.frame = requested(self.frame, self.rows, {key: name})
        return name

    def basis(self, where: CreditFilter) -> Num:
        """The credited basis of the credits ``where`` matches."""
        if where.is_everything:
            return self.figure("amount")
        return Num.column(self._asked(("basis", where)), self.scales["amount"])

    def credited(self, where: CreditFilter) -> Any:
        """Whether a credit ``where`` matches was credited."""
        if where.is_everything:
            return self.flag("fed")
        return self.pl.col(self._asked(("credited", where)))

    def deals(self, where: CreditFilter) -> str:
        """The ``deals`` of a line listing the deals ``where`` matches."""
        return "all" if where.is_everything else self._asked(("deals", where))

    def new_clients(self, where: CreditFilter) -> tuple[Num, str]:
        """The new clients among the credits ``where`` matches, and the
        ``deals`` of their line."""
        if where.is_everything:
            return self.figure("new_clients"), "new_clients"
        count = Num.column(self._asked(("new_clients", where)), 0)
        return count, self._asked(("new_deals", where))

    def spiff(self, where: CreditFilter, window: Period, per: str) -> tuple[Num, str]:
        """A SPIF's count (units, or deals netting above 0) of the credits
        ``where`` matches in ``window``, and the ``deals`` of its line."""
        count = Num.column(self._asked(("spiff", where, window, per)), 0)
        return count, self._asked(("spiff_deals", where, window))

    def count(self, where: CreditFilter, per: str) -> tuple[Num, str]:
        """The net count of lines (or deals) ``where`` matches, and the
        ``deals`` of its line."""
        count = Num.column(self._asked(("count", where, per)), 0)
        return count, self._asked(("count_deals", where, per))

    def constant(self, value: Decimal) -> Num:
        return Num.const(value)

    def money(self, value: Num) -> Num:
        return value.round(self.digits)

    def choose(self, condition: Any, then: Num, otherwise: Num) -> Num:
        return choose(condition, then, otherwise)

    def smaller(self, left: Num, right: Num) -> Num:
        return smaller(left, right)

    def _variable_lines(self, components: Sequence[str]) -> list[_Line]:
        return [
            line
            for line in self.lines
            if line.kind is LineKind.VARIABLE
            and (not components or line.component in components)
        ]

    def variable_of(self, components: Sequence[str]) -> Num:
        if not components:
            return self.figure("variable")
        return self._sum(self._variable_lines(components))

    def earned(self) -> Num:
        variable = self.figure("variable")
        others = [
            line
            for line in self.lines
            if line.kind.is_earned and line.kind is not LineKind.VARIABLE
        ]
        return variable + self._sum(others) if others else variable

    def _sum(self, lines: Sequence[_Line]) -> Num:
        pl = self.pl
        zero = pl.lit(_ZERO, pl.Decimal(38, self.digits))
        total = Num(zero, self.digits)
        for line in lines:
            total = total + Num(
                pl.when(pl.col(f"w{line.index}"))
                .then(pl.col(f"a{line.index}"))
                .otherwise(zero),
                self.digits,
            )
        return total

    # --- what a column form writes ------------------------------------------

    def line(  # noqa: PLR0917 (mirrors StatementLine's fields)
        self,
        component: str,
        kind: LineKind,
        when: Any,
        amount: Num,
        basis: Num,
        unit: str,
        rate: Decimal | Num | None,
        message: str,
        *,
        lower: Decimal | None = None,
        upper: Decimal | None = None,
        share: Num | None = None,
        deals: str = "none",
        of: Sequence[str] = (),
    ) -> None:
        index = len(self.lines) + len(self._pending)
        if deals == "variable":
            deals = self._deals_of_variable(of)
        line = _Line(
            index,
            component,
            kind,
            unit,
            None if isinstance(rate, Num) else rate,
            message,
            lower,
            upper,
            deals,
            basis.scale,
        )
        if isinstance(rate, Num):
            self._rates[index] = rate
        self._pending.append((line, when, amount, basis, share))

    def _deals_of_variable(self, components: Sequence[str]) -> str:
        """Which deals the variable lines so far (of ``components``, when
        given) list, row by row: a column name, or "none"."""
        kinds = {line.deals for line in self._variable_lines(components)} - {"none"}
        if "all" in kinds:
            return "all"
        if len(kinds) > 1:  # a union of several filters' deals: not a count
            raise TooFine(kinds)
        return kinds.pop() if kinds else "none"

    def settle(self) -> None:
        """Materialise the lines stated since the last call, and the
        running variable pay."""
        pl = self.pl
        columns: dict[str, Any] = {}
        for line, when, amount, basis, share in self._pending:
            i = line.index
            columns[f"w{i}"] = when.fill_null(False)
            # cast as well: a figure's expression may carry fewer places than
            # its Num says (a 0 rate's product), and the lines table's parts
            # must all hold the currency's places (else a 0.01 salary beside
            # a filtered 0-rate line was cut to 0 when the parts were joined)
            columns[f"a{i}"] = amount.at(self.digits).cast(pl.Decimal(38, self.digits))
            columns[f"b{i}"] = basis.expr
            if share is not None:
                columns[f"s{i}"] = share.expr
                line.share = share.scale
            else:
                line.share = None
            rate = self._rates.pop(i, None)
            if rate is not None:
                columns[f"r{i}"] = rate.expr
                line.rate_scale = rate.scale
        if not columns:
            return
        self.frame = self.frame.with_columns(**columns)
        added = [line for line, *_ in self._pending]
        self.lines.extend(added)
        self._pending = []
        variable = [line for line in added if line.kind is LineKind.VARIABLE]
        if variable:
            total = Num.column("variable", self.digits) + self._sum(variable)
            self.frame = self.frame.with_columns(variable=total.at(self.digits))
        del pl


# --- the owners' figures ------------------------------------------------------


def _window_rows(credits: Any, window: Period) -> Any:
    pl = polars()
    day = pl.col("credited_on")
    return credits.filter((day >= window.start) & (day < window.end))


def _odd(plan: CommissionPlan, window: Period) -> Any:
    """Whether a row of the window makes its owner one the column forms do
    not cover: a credit in another currency, or a clawback of a credit paid
    before the window (reversed on a line of its own)."""
    pl = polars()
    odd = pl.col("currency") != plan.currency
    if plan.clawback.value == "reverse":
        odd = odd | (
            (pl.col("original_on") < window.start) & (pl.col("amount") < _ZERO)
        )
    return odd


def _valued(rows: Any, weights: Mapping[str, Decimal]) -> Any:
    """``rows`` with each credit's ``value``: its amount, times its client
    tier's weight in a plan with tier weights (an exact product)."""
    pl = polars()
    if not weights:
        return rows.with_columns(value=pl.col("amount"))
    scale = max(scale_of(w) for w in weights.values())
    weight = Num(
        pl.col("client_tier").replace_strict(
            dict(weights), default=Decimal(1), return_dtype=pl.Decimal(38, scale)
        ),
        scale,
    )
    value = Num.column("amount", rows.collect_schema()["amount"].scale) * weight
    return rows.with_columns(value=value.expr)


def _aggregate(rows: Any, odd: Any) -> Any:
    """Per owner of the window's rows: the credited value, whether a row is
    ``odd`` (the owner takes the object path), and the new clients (whose
    new-client credits net above 0): one pass over the credits."""
    pl = polars()
    sums = rows.group_by("owner").agg(amount=pl.col("value").sum(), odd=odd.any())
    news = (
        _counted(rows)
        .group_by("owner")
        .agg(new_clients=pl.len().cast(pl.Decimal(38, 0)))
    )
    # one query: polars reads only the columns these need, once
    return sums.join(news, on="owner", how="left").collect()


def _counted(rows: Any) -> Any:
    """The (owner, client) pairs whose new-client credits net above 0."""
    pl = polars()
    return (
        rows.filter(pl.col("is_new_client"))
        .group_by("owner", "client_id")
        .agg(net=pl.col("amount").sum())
        .filter(pl.col("net") > _ZERO)
        .select("owner", "client_id")
    )


def _deal_counts(rows: Any) -> Any:
    """Per owner: the deals credited, and those of the new clients counted
    (what the lines table's ``deals`` counts; found when it is first read)."""
    pl = polars()
    every = rows.group_by("owner").agg(
        n_deals=pl.col("deal_id").n_unique().cast(pl.UInt32)
    )
    fresh = (
        rows.filter(pl.col("is_new_client"))
        .join(_counted(rows), on=["owner", "client_id"])
        .group_by("owner")
        .agg(n_new_deals=pl.col("deal_id").n_unique().cast(pl.UInt32))
    )
    return (
        every.join(fresh, on="owner", how="left")
        .with_columns(pl.col("n_new_deals").fill_null(0))
        .collect()
    )


def _owners_frame(  # noqa: PLR0917 (the owners' figures)
    by_owner: Any,
    scale: int,
    everyone: Sequence[str],
    targets: Mapping[str, Decimal] | Any,
    cap: Decimal | None,
    digits: int,
) -> tuple[Any, dict[str, int]]:
    """One row per owner of ``everyone``: amount, fed, target, reach,
    ratio, new clients and the variable pay so far (0), from ``by_owner``
    (:func:`_aggregate`); amounts have ``scale`` places."""
    pl = polars()
    scale = max(scale, digits)
    owners = pl.DataFrame({"owner": list(everyone)}, schema={"owner": pl.String})
    frame = owners.join(by_owner.drop("odd"), on="owner", how="left")
    # the targets' column takes the finest scale among them (polars infers it)
    if isinstance(targets, Mapping):
        target = pl.DataFrame(
            {"owner": list(targets), "target": pl.Series(list(targets.values()))},
            schema_overrides={"owner": pl.String},
        )
    else:  # a table's column of targets
        target = targets
    if target.schema["target"] == pl.Null:
        target = target.with_columns(pl.col("target").cast(pl.Decimal(38, 0)))
    target_scale = target.schema["target"].scale or 0
    frame = frame.join(target, on="owner", how="left")
    frame = frame.with_columns(
        fed=pl.col("amount").is_not_null(),
        amount=pl.col("amount").fill_null(_ZERO).cast(pl.Decimal(38, scale)),
        new_clients=pl.col("new_clients").fill_null(_ZERO),
        variable=pl.lit(_ZERO, pl.Decimal(38, digits)),
    )
    amount = Num.column("amount", scale)
    goal = Num.column("target", target_scale)
    reach, ratio = amount, amount / goal
    if cap is not None:
        ceiling = goal * cap
        reach = choose(ceiling < amount, ceiling, amount)
        ratio = choose(ratio > cap, Num.const(cap), ratio)
    frame = frame.with_columns(reach=reach.expr, ratio=ratio.expr)
    scales = {
        "amount": scale,
        "target": target_scale,
        "reach": reach.scale,
        "ratio": ratio.scale,
        "variable": digits,
        "new_clients": 0,
    }
    return frame, scales


# --- one run ------------------------------------------------------------------


def _quotas_of(
    quotas: object, plan: CommissionPlan, window: Period
) -> tuple[list[Quota] | None, Mapping[str, Quota]]:
    """The quotas given, listed (``None`` for a table without periods), and
    each owner's quota for the window: Quota objects or a table."""
    if _is_table(quotas):
        if not has_periods(quotas, None):
            frame = read_targets(quotas, currency=plan.currency)
            return None, Targets(frame, window)
        listed = read_quotas(quotas, currency=plan.currency)
    else:
        listed = _listed(quotas, "quotas", Quota)
    return listed, _quotas_by_owner(listed, window)


def _targets(
    plan: CommissionPlan, quota_of: Mapping[str, Quota]
) -> tuple[dict[str, Decimal] | Any, set[str]]:
    """The money targets the column forms can use, and the owners whose
    quota they cannot (a count quota, a target of 0 or below, another
    currency)."""
    if isinstance(quota_of, Targets):  # a table: the column as it is
        pl = polars()
        usable = (pl.col("currency") == plan.currency) & (pl.col("target") > _ZERO)
        frame = quota_of.frame
        strays = set(frame.filter(~usable).get_column("owner").to_list())
        return frame.filter(usable).select("owner", "target"), strays
    targets: dict[str, Decimal] = {}
    odd: set[str] = set()
    for owner, quota in quota_of.items():
        target = quota.effective_target
        if (
            isinstance(target, Money)
            and target.currency == plan.currency
            and target.amount > 0
        ):
            targets[owner] = target.amount
        else:
            odd.add(owner)
    return targets, odd


def _columns(
    plan: CommissionPlan, frame: Any, scales: dict[str, int], rows: Any
) -> _Owners | None:
    """Every component's column form over ``frame`` (the owners of the
    credits ``rows``), or ``None`` when one has none (or a figure would
    need more places than a column holds)."""
    owners = _Owners(frame, plan.currency, scales, rows)
    try:
        for component in plan.components:
            form = getattr(component, "columns", None)
            if form is None or not form(owners):
                return None
            owners.settle()
    except TooFine:
        return None
    return owners


# --- tables out -------------------------------------------------------------------

_LINE_COLUMNS = (
    "owner",
    "line",
    "component",
    "kind",
    "amount",
    "basis",
    "unit",
    "rate",
    "message",
    "lower",
    "upper",
    "share",
    "deals",
)


class _Scales:
    """The scales of the lines table's decimal columns."""

    def __init__(self, digits: int) -> None:
        self.digits = digits
        self.basis = digits
        self.rate = 0
        self.bound = 0
        self.share = 0

    def note(self, line: _Line) -> None:
        # a quotient basis (the accelerator's) is given to the minor unit
        # and four places more; an exact basis to every place it has
        quotient = line.basis_scale >= QUOTIENT_SCALE
        self.basis = max(self.basis, self.digits + 4 if quotient else line.basis_scale)
        if line.rate is not None:
            self.rate = max(self.rate, min(scale_of(line.rate), _RATE_SCALE))
        if line.rate_scale is not None:
            self.rate = max(self.rate, min(line.rate_scale, _RATE_SCALE))
        for bound in (line.lower, line.upper):
            if bound is not None:
                self.bound = max(self.bound, scale_of(bound))
        if line.share is not None:
            self.share = max(self.share, line.share)

    def note_object(self, line: Any) -> None:
        """Widen for a line of the object path (a quotient basis or share
        keeps the places the column forms give it)."""
        if line.rate is not None:
            self.rate = max(self.rate, min(scale_of(line.rate), _RATE_SCALE))
        for name in ("lower", "upper"):
            bound = _param(line, name)
            if bound is not None:
                self.bound = max(self.bound, min(scale_of(bound), 18))
        if isinstance(line.basis, Decimal):
            self.basis = max(self.basis, min(scale_of(line.basis), self.digits + 4))

    def schema(self) -> dict[str, Any]:
        pl = polars()
        return {
            "owner": pl.String,
            "line": pl.UInt32,
            "component": pl.String,
            "kind": pl.String,
            "amount": pl.Decimal(38, self.digits),
            "basis": pl.Decimal(38, self.basis),
            "unit": pl.String,
            "rate": pl.Decimal(38, self.rate),
            "message": pl.String,
            "lower": pl.Decimal(38, self.bound),
            "upper": pl.Decimal(38, self.bound),
            "share": pl.Decimal(38, self.share),
            "deals": pl.UInt32,
        }


def _fast_lines(run: _Owners, scales: _Scales) -> list[Any]:
    """The lines table's parts from the column forms, one per line stated."""
    pl = polars()
    schema = scales.schema()
    parts = []
    for line in run.lines:
        i = line.index
        deals = {
            "all": pl.col("n_deals"),
            "new_clients": pl.col("n_new_deals"),
            "none": pl.lit(0),
        }.get(line.deals, pl.col(line.deals))
        share = pl.col(f"s{i}") if line.share is not None else pl.lit(None)
        rate = (
            pl.col(f"r{i}").round(schema["rate"].scale, mode="half_away_from_zero")
            if line.rate_scale is not None
            else pl.lit(line.rate, schema["rate"])
        )
        parts.append(
            run.frame.filter(pl.col(f"w{i}")).select(
                pl.col("owner"),
                pl.lit(i).cast(pl.UInt32).alias("line"),
                pl.lit(line.component).alias("component"),
                pl.lit(line.kind.value).alias("kind"),
                pl.col(f"a{i}").alias("amount"),
                pl.col(f"b{i}")
                .round(schema["basis"].scale, mode="half_away_from_zero")
                .cast(schema["basis"])
                .alias("basis"),
                pl.lit(line.unit).alias("unit"),
                rate.cast(schema["rate"]).alias("rate"),
                pl.lit(line.message).alias("message"),
                pl.lit(line.lower, schema["lower"]).alias("lower"),
                pl.lit(line.upper, schema["upper"]).alias("upper"),
                share.cast(schema["share"]).alias("share"),
                deals.cast(pl.UInt32).alias("deals"),
            )
        )
    return parts


def _param(line: Any, name: str) -> Decimal | None:
    for key, value in line.message.params if line.message is not None else ():
        if key == name:
            ratio = getattr(value, "ratio", value)
            return ratio if isinstance(ratio, Decimal) else None
    return None


def _object_lines(
    statements: Mapping[str, CommissionStatement], scales: _Scales
) -> Any:
    """The lines table's part from statements of the object path."""
    pl = polars()
    schema = scales.schema()
    rows = []
    for owner, statement in statements.items():
        for index, line in enumerate(statement.lines):
            rows.append(
                (
                    owner,
                    index,
                    line.component,
                    line.kind.value,
                    line.amount.amount,
                    _fit(line.basis, scales.basis),
                    line.unit,
                    _fit(line.rate, scales.rate),
                    None if line.message is None else line.message.id,
                    _param(line, "lower"),
                    _param(line, "upper"),
                    _fit(_param(line, "share"), scales.share),
                    len(line.deals),
                )
            )
    return pl.DataFrame(rows, schema=schema, orient="row")


def _fit(value: Decimal | None, places: int) -> Decimal | None:
    """``value`` to ``places`` decimals (a quotient of the object path
    carries 28 digits; a column holds ``places``)."""
    if value is None:
        return None
    with localcontext() as context:  # a big quotient: more than 28 digits
        context.prec = 76
        return value.quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


_SUMMARY_FIXED = frozenset(
    {"owner", "credited", "target", "attainment", "total", "currency"}
)


def _column_of(component: str) -> str:
    """The summary column of a component: its name, or ``component:<name>``
    when the name is one of the summary's own columns."""
    return f"component:{component}" if component in _SUMMARY_FIXED else component


def _summary_fast(run: _Owners, plan: CommissionPlan) -> Any:
    pl = polars()
    digits = run.digits
    zero = pl.lit(_ZERO, pl.Decimal(38, digits))
    by_component: dict[str, list[_Line]] = {}
    for line in run.lines:
        by_component.setdefault(line.component, []).append(line)
    amounts = {
        _column_of(c.name): run._sum(by_component.get(c.name, ())).at(digits)
        for c in plan.components
    }
    total = run._sum(run.lines).at(digits)
    return run.frame.select(
        pl.col("owner"),
        pl.col("amount").alias("credited"),
        pl.col("target"),
        pl.col("ratio").alias("attainment"),
        *(expr.fill_null(zero).alias(name) for name, expr in amounts.items()),
        total.alias("total"),
        pl.lit(plan.currency).alias("currency"),
    )


def _summary_object(
    statements: Mapping[str, CommissionStatement],
    quota_of: Mapping[str, Quota],
    plan: CommissionPlan,
    schema: Mapping[str, Any],
) -> Any:
    pl = polars()
    rows = []
    for owner, statement in statements.items():
        quota = quota_of.get(owner)
        target = None if quota is None else quota.effective_target
        rows.append(
            (
                owner,
                statement.credited.amount if statement.credited is not None else _ZERO,
                target.amount if isinstance(target, Money) else None,
                _fit(statement.attainment, schema["attainment"].scale),
                *(
                    sum(
                        (ln.amount.amount for ln in statement.lines_of(c.name)),
                        _ZERO,
                    )
                    for c in plan.components
                ),
                statement.total.amount,
                plan.currency,
            )
        )
    return pl.DataFrame(rows, schema=dict(schema), orient="row")


def _summary_schema(
    plan: CommissionPlan, fast: Any | None, credited: int, target: int
) -> dict[str, Any]:
    """The summary's columns: the column run's, or (every owner on the
    object path) the credited amount and target as fine as the table's
    and the quotas' (``credited`` and ``target`` places), at least the
    currency's."""
    pl = polars()
    if fast is not None:  # widened: a polars column rounds a finer value
        schema = dict(fast.schema)
        for name, places in (("credited", credited), ("target", target)):
            schema[name] = pl.Decimal(38, max(places, schema[name].scale or 0))
        return schema
    digits = scale_of(_QUANTUM[plan.currency])
    money = pl.Decimal(38, digits)
    return {
        "owner": pl.String,
        "credited": pl.Decimal(38, max(digits, credited)),
        "target": pl.Decimal(38, max(digits, target)),
        "attainment": pl.Decimal(38, 16),
        **dict.fromkeys((_column_of(c.name) for c in plan.components), money),
        "total": money,
        "currency": pl.String,
    }


# --- the call -----------------------------------------------------------------------


def _rows_of(table: Any, owners: set[str]) -> Any:
    """The rows of ``owners`` (none read when there are none)."""
    pl = polars()
    if not owners:
        return table.head(0).collect()
    return table.filter(pl.col("owner").is_in(sorted(owners))).collect()


def _is_table(value: object) -> bool:
    module = type(value).__module__.split(".")[0]
    return module in {"polars", "pandas", "pyarrow"} or hasattr(
        value, "__arrow_c_stream__"
    )


def _listed(values: object, name: str, kind: type) -> list[Any]:
    if values is None:
        return []
    if isinstance(values, Mapping):
        return list(values.values())
    if isinstance(values, Iterable):
        return list(values)
    check_type(name, values, kind)
    return []


class TeamResult:
    """A team's commissions computed on columns: :attr:`summary` (one row
    per owner), :attr:`lines` (one row per statement line), the ledgers to
    carry (:attr:`ledgers`, one row per owner, and :attr:`deal_records`, one
    row per deal paid), and each owner's :meth:`statement`, equal to the
    object path's.

    Tables are of the kind the credits came in (polars, pandas with
    ``decimal128`` columns, pyarrow), decimals never floats.

    >>> import datetime as _dt
    >>> import polars as pl
    >>> from decimal import Decimal
    >>> from accountcore.commissions import FlatRate
    >>> plan = CommissionPlan("flat", "EUR", (FlatRate("commission", "0.05"),))
    >>> credits = pl.DataFrame({"deal_id": ["D-1", "D-2"], "client_id": ["C-1", "C-2"],
    ...     "owner": ["ana", "bob"], "amount": [Decimal("1000.10"), Decimal("250.00")],
    ...     "currency": ["EUR", "EUR"], "credited_on": [_dt.date(2026, 1, 5)] * 2})
    >>> team = calculate_team(plan, credits, period=Period.month(2026, 1))
    >>> team.summary.select("owner", "commission", "total").rows()  # 1000.10 × 5 % = 50.005
    [('ana', Decimal('50.01'), Decimal('50.01')), ('bob', Decimal('12.50'), Decimal('12.50'))]
    >>> team.statement("ana").total
    Money('50.01', 'EUR')
    """

    __slots__ = (
        "_back",
        "_deal_records",
        "_ledger_of",
        "_lines",
        "_make_lines",
        "_quotas",
        "_rates",
        "_records",
        "_statements",
        "_table",
        "ledgers",
        "paths",
        "period",
        "plan",
        "summary",
    )

    def __init__(  # noqa: PLR0917 (the run's figures)
        self,
        plan: CommissionPlan,
        period: Period,
        table: Any,
        tables: tuple[Any, Callable[[], Any], Any, Callable[[], Any]],
        paths: dict[str, str],
        rates: ExchangeRates | None,
        quotas: list[Quota] | Mapping[str, Quota],
        ledger_of: dict[str, Ledger],
        back: Back,
        statements: dict[str, CommissionStatement],
    ) -> None:
        self.plan = plan
        self.period = period
        self._table = table
        self.summary = back(tables[0])
        self._make_lines = tables[1]
        self._lines: Any = None
        self.ledgers = back(tables[2])
        self._records = tables[3]
        self._deal_records: Any = None
        self.paths = paths
        self._rates = rates
        self._quotas = quotas
        self._ledger_of = ledger_of
        self._back = back
        self._statements = statements

    def __repr__(self) -> str:
        """Short: the plan, the period, how many owners (not the tables)."""
        count = len(self.paths)
        return (
            f"<TeamResult {self.plan.name!r} {self.period}: {count} "
            f"{'owner' if count == 1 else 'owners'}>"
        )

    def to_html(self, locale: str = "en_US") -> str:
        """The summary (one row per owner) as an HTML table for ``locale``,
        every text escaped, amounts in the plan's currency."""
        summary, _ = to_polars(self.summary, "summary")
        title = f"{self.plan.name}, {self.period}"
        return _team_html(summary, title, self.plan.currency, locale)

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def _quotas_for(self, owner: str) -> list[Quota]:
        quotas = self._quotas
        if isinstance(quotas, Mapping):  # a table without periods
            return [quotas[owner]] if owner in quotas else []
        return [q for q in quotas if q.owner == owner]

    @property
    def lines(self) -> Any:
        """One row per statement line, in statement order (owner, line,
        component, kind, amount, basis, unit, rate, message, lower, upper,
        share, deals), made when first read."""
        if self._lines is None:
            self._lines = self._back(self._make_lines())
        return self._lines

    @property
    def deal_records(self) -> Any:
        """The deal records of the ledgers to carry: one row per owner and
        deal paid (owner, deal_id, credited, earned, period_start,
        period_end), found when first read."""
        if self._deal_records is None:
            found = self._records()
            if found is None:  # beyond integer columns: each owner's ledger
                found = object_ledgers(
                    {o: self.statement(o) for o in self.owners},
                    scale_of(_QUANTUM[self.plan.currency]),
                    self._table.collect_schema()["amount"].scale,
                )[1]
            self._deal_records = self._back(found)
        return self._deal_records

    @property
    def owners(self) -> tuple[str, ...]:
        """The owners, sorted."""
        return tuple(self.paths)

    def statement(self, owner: str) -> CommissionStatement:
        """``owner``'s explained statement, from the owner's rows through
        the object path (the reference), which the tables equal."""
        check_type("owner", owner, str)
        if owner not in self.paths:
            from accountcore.errors import UnknownKeyError

            raise UnknownKeyError("owner", owner, self.owners)
        found = self._statements.get(owner)
        if found is not None:
            return found
        pl = polars()
        rows = self._table.filter(pl.col("owner") == owner).collect()
        statement = self.plan.calculate(
            to_credits(rows),
            period=self.period,
            quota=self._quotas_for(owner),
            ledger=self._ledger_of.get(owner),
            rates=self._rates,
            owner=owner,
        )
        self._statements[owner] = statement
        return statement


def calculate_team(
    plan: CommissionPlan,
    credits: object,
    *,
    period: Period,
    quotas: Iterable[Quota] | Mapping[str, Quota] | object | None = None,
    ledgers: Iterable[Ledger] | Mapping[str, Ledger] | object | None = None,
    deal_records: object | None = None,
    owners: Iterable[str] = (),
    rates: ExchangeRates | None = None,
    columns: Mapping[str, str] | None = None,
) -> TeamResult:
    """Every owner's commissions for ``period`` from a table of credits.

    ``credits`` is a polars, pandas or pyarrow table with the columns of
    :func:`~accountcore.frames.read_credits` (other names mapped by
    ``columns``). The owners are those with a credit in the window, a quota,
    a ledger, or named in ``owners``, as in
    :func:`accountcore.commissions.calculate_team`, whose results these
    equal; ``rates`` converts the credits in other currencies (on the
    object path). ``quotas`` may be a table (see
    :func:`~accountcore.frames.read_quotas`), and so may ``ledgers``, with
    its ``deal_records`` beside it (see
    :func:`~accountcore.frames.read_ledgers`): a run's
    :attr:`TeamResult.ledgers` and :attr:`TeamResult.deal_records` carry
    into the next period's run. See :class:`TeamResult` for an example.
    """
    check_type("plan", plan, CommissionPlan)
    check_type("period", period, Period)
    _refuse_sale_currency(plan)
    native, back = to_polars(credits, "credits")
    table = scan_credits(native, columns=columns)  # checked; read when needed
    window = plan.window(period)
    quota_list, quota_of = _quotas_of(quotas, plan, window)
    ledger_of = _ledgers_of(ledgers, deal_records)
    rows = _window_rows(table, window)  # a query, run by what reads it
    try:
        rows = _valued(rows, plan.tier_weights)
        by_owner = _aggregate(rows, _odd(plan, window))
    except TooFine:  # weights finer than a column holds: the object path
        rows = rows.with_columns(value=polars().col("amount"))
        by_owner = None
    found = () if by_owner is None else by_owner["owner"].to_list()
    everyone = sorted(set(found) | set(quota_of) | set(ledger_of) | set(owners))
    run, general, carried = _fast_run(
        plan, rows, by_owner, everyone, quota_of, ledger_of, window, period
    )
    statements = _object_team(
        plan,
        to_credits(_rows_of(table, general)),
        period=period,
        quotas=[q for q in quota_list if q.owner in general]
        if quota_list is not None
        else [quota_of[o] for o in sorted(general) if o in quota_of],
        ledgers=[ledger_of[o] for o in general if o in ledger_of],
        rates=rates,
        owners=sorted(general),
    )
    summary, lines = _tables(
        plan, run, statements, quota_of, table.collect_schema()["amount"].scale
    )
    ledgers, records = _carried(plan, carried, statements, rows)
    paths = {o: "object" if o in general else "columns" for o in everyone}
    return TeamResult(
        plan,
        period,
        table,
        (summary, lines, ledgers, records),
        paths,
        rates,
        quota_list if quota_list is not None else quota_of,
        ledger_of,
        back,
        dict(statements),
    )


def _refuse_sale_currency(plan: CommissionPlan) -> None:
    """A plan paying in each sale's currency gives one statement per owner
    and currency: not a team result of one per owner."""
    if plan.pay_in is PayIn.SALE:
        raise SaleCurrencyPlanError(
            plan.name,
            "accountcore.frames.calculate_team",
            "call accountcore.commissions.calculate_by_currency with the "
            "credits (accountcore.frames.to_credits reads them from a table)",
        )


def _ledgers_of(ledgers: object, deal_records: object | None) -> dict[str, Ledger]:
    """Each owner's ledger given, from :class:`Ledger` objects or a table
    (with its deal records)."""
    if _is_table(ledgers):
        found = read_ledgers(ledgers, deal_records)
    elif deal_records is not None:
        raise ArgumentTypeError(
            "deal_records",
            deal_records,
            "None unless ledgers is a table (a Ledger holds its own deals)",
        )
    else:
        found = _listed(ledgers, "ledgers", Ledger)
    return {ledger.owner: ledger for ledger in found}


_COUNTS = frozenset({"deals", "new_deals", "spiff_deals", "count_deals"})
"""The requests that only the lines table reads (deal counts): found when
it is first read."""


def _fast_run(  # noqa: PLR0917 (the run's figures)
    plan: CommissionPlan,
    rows: Any,
    by_owner: Any | None,
    everyone: list[str],
    quota_of: Mapping[str, Quota],
    ledger_of: Mapping[str, Ledger],
    window: Period,
    period: Period,
) -> tuple[_Owners | None, set[str], tuple[Any, Callable[[], Any | None]] | None]:
    """The column forms over the owners they cover, the others, and the
    ledgers the covered ones carry (tables of ledgers and deal records).
    ``rows`` are the window's credits (a query), ``by_owner`` their figures
    per owner (``None``: every owner takes the object path)."""
    if plan.scope is not Scope.PERIOD or by_owner is None:
        return None, set(everyone), None
    pl = polars()
    targets, odd = _targets(plan, quota_of)
    strays = by_owner.filter(pl.col("odd"))["owner"].to_list()
    general = odd | set(ledger_of) | set(strays)
    fast = [o for o in everyone if o not in general]
    digits = scale_of(_QUANTUM[plan.currency])
    mine = rows.filter(~pl.col("owner").is_in(sorted(general))) if general else rows
    try:
        scale = rows.collect_schema()["value"].scale
        frame, scales = _owners_frame(
            by_owner, scale, fast, targets, plan.attainment_cap, digits
        )
        run = _columns(plan, frame, scales, mine)
        carried = None
        if run is not None:
            if run.used & {"target", "ratio"}:
                # no quota where the plan reads one: the object path raises
                # (each row is its own owner's: dropping some changes no other)
                missing = run.frame.filter(pl.col("target").is_null())["owner"]
                if len(missing):
                    general |= set(missing.to_list())
                    run.frame = run.frame.filter(pl.col("target").is_not_null())
                    mine = mine.filter(~pl.col("owner").is_in(missing.implode()))
                    run.rows = mine
            carried = _fast_ledgers(plan, run, mine, period, scales["amount"])
    except (TooFine, pl.exceptions.ComputeError):
        run = None
    if run is None or carried is None:
        return None, set(everyone), None
    return run, general, carried


def _fast_ledgers(
    plan: CommissionPlan, run: _Owners, rows: Any, period: Period, credited: int
) -> tuple[Any, Callable[[], Any | None]]:
    """The ledgers the column owners carry, and how to find their deal
    records (when first read, as the object path's ledgers find them)."""
    calendar = plan.calendar
    year = calendar.year(calendar.fiscal_year_of(period.start))
    # the opening balance (0) plus the recoverable draw lines, as
    # plan._next_ledger carries it
    recoverable = [ln for ln in run.lines if ln.kind is LineKind.RECOVERABLE_DRAW]
    balance = run.figure("draw_balance") + run._sum(recoverable)
    owners = run.frame.select(
        "owner", "amount", "variable", draw_balance=balance.at(run.digits)
    )
    return (
        ledger_rows(owners, plan, period, year, credited),
        partial(deal_records, rows, owners, plan, period, credited),
    )


def _carried(
    plan: CommissionPlan,
    carried: tuple[Any, Callable[[], Any | None]] | None,
    statements: Mapping[str, CommissionStatement],
    rows: Any,
) -> tuple[Any, Callable[[], Any]]:
    """Every owner's ledger to carry, sorted by owner, and how to find the
    deal records."""
    pl = polars()
    digits = scale_of(_QUANTUM[plan.currency])
    weights = plan.tier_weights
    fine = max((scale_of(w) for w in weights.values()), default=0)
    credited = max(rows.collect_schema()["amount"].scale + fine, digits)
    ledgers, records = object_ledgers(dict(statements), digits, credited)
    if carried is None:
        return ledgers.sort("owner"), lambda: records.sort("owner", "deal_id")
    fast_ledgers, fast_records = carried
    finer = pl.col("credited_to_date").cast(ledgers.schema["credited_to_date"])
    fast_ledgers = fast_ledgers.with_columns(finer)  # as fine as the object's

    def every_record() -> Any:
        found = fast_records()
        if found is None:  # too large for integer columns: the object path
            return None
        both = pl.concat([found, records], how="vertical_relaxed")
        return both.sort("owner", "deal_id")

    both = pl.concat([fast_ledgers, ledgers], how="vertical_relaxed")
    return both.sort("owner"), every_record


def _counted_run(run: _Owners) -> _Owners:
    """``run`` with the deal counts the lines table reads."""
    pl = polars()
    if "n_deals" in run.frame.columns:
        return run
    frame = run.frame.join(_deal_counts(run.rows), on="owner", how="left")
    frame = frame.with_columns(pl.col("n_deals", "n_new_deals").fill_null(0))
    counts = {k: v for k, v in run.asked.items() if k[0] in _COUNTS}
    run.frame = requested(frame, run.rows, counts) if counts else frame
    return run


def _tables(
    plan: CommissionPlan,
    run: _Owners | None,
    statements: Mapping[str, CommissionStatement],
    quota_of: Mapping[str, Quota],
    credited: int,
) -> tuple[Any, Callable[[], Any]]:
    """The summary table, sorted by owner, and how to make the lines table
    (sorted by owner and line) when it is first read; the credited amounts
    have ``credited`` places (the table's)."""
    pl = polars()
    scales = _Scales(scale_of(_QUANTUM[plan.currency]))
    for line in run.lines if run is not None else ():
        scales.note(line)
    for statement in statements.values():
        for object_line in statement.lines:
            scales.note_object(object_line)

    def lines() -> Any:
        parts = _fast_lines(_counted_run(run), scales) if run is not None else []
        parts.append(_object_lines(statements, scales))
        found = pl.concat(parts).sort("owner", "line")
        return found.with_columns(
            line=pl.int_range(pl.len()).over("owner").cast(pl.UInt32)
        )

    fast = _summary_fast(run, plan) if run is not None else None
    # the object path's owners' targets (the column owners' are in ``fast``)
    targets = (quota_of[o].effective_target for o in statements if o in quota_of)
    credited = max(  # tier weights: a credited basis finer than the table
        [
            credited,
            *(
                min(scale_of(s.credited.amount), 18)
                for s in statements.values()
                if s.credited
            ),
        ]
    )
    schema = _summary_schema(
        plan,
        fast,
        credited,
        max((scale_of(t.amount) for t in targets if isinstance(t, Money)), default=0),
    )
    summary = _summary_object(statements, quota_of, plan, schema)
    if fast is not None:
        summary = pl.concat([fast, summary], how="vertical_relaxed")
    return summary.sort("owner"), lines
