"""The client base by revenue: ABC, XYZ, the ABC×XYZ matrix, key accounts.

Pure functions over plain data: a mapping of client id to revenue (ABC) or
to a series of monthly revenue (XYZ). The order of the mapping never changes
a result: clients are ranked by revenue, largest first, ties by client id.

>>> from accountcore.money import Money
>>> abc = abc_analysis({"acme": Money(70, "EUR"), "bolt": Money(20, "EUR"), "cora": Money(10, "EUR")})
>>> [(row.client, row.abc_class.value) for row in abc.rows]
[('acme', 'A'), ('bolt', 'A'), ('cora', 'B')]
"""

from __future__ import annotations

import enum
import itertools
import operator
from collections.abc import Iterable, Mapping, Sequence
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, Decimal, localcontext

import attrs

from accountcore.analytics._checks import money_by_client, series_by_client
from accountcore.analytics.errors import AnalyticsInputError, NotInAnalysisError
from accountcore.errors import CurrencyMismatchError
from accountcore.money import Money, _make, to_decimal

__all__ = [
    "AbcAnalysis",
    "AbcClass",
    "AbcRow",
    "AbcXyzMatrix",
    "KeyAccountCandidate",
    "MatrixCell",
    "XyzAnalysis",
    "XyzClass",
    "XyzRow",
    "abc_analysis",
    "abc_xyz_matrix",
    "key_account_candidates",
    "xyz_analysis",
]

_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)
"""A context in which + and * never round: for exact comparisons."""

_ZERO = Decimal(0)


class AbcClass(enum.Enum):
    """A client's class by revenue share: A (the top), B, C.

    >>> AbcClass("A")
    <AbcClass.A: 'A'>
    """

    A = "A"
    B = "B"
    C = "C"


class XyzClass(enum.Enum):
    """A client's class by stability of monthly revenue: X (steady), Y, Z.

    >>> XyzClass("Z")
    <XyzClass.Z: 'Z'>
    """

    X = "X"
    Y = "Y"
    Z = "Z"


def _ratio(value: object, parameter: str) -> Decimal:
    ratio = to_decimal(value, parameter)
    if not _ZERO < ratio <= 1:
        raise AnalyticsInputError(
            parameter, value, "a share must be above 0 and at most 1"
        )
    return ratio


# --- ABC ----------------------------------------------------------------------


@attrs.frozen
class AbcRow:
    """One client in an ABC analysis, in rank order.

    ``share`` is the client's revenue over the total positive revenue;
    ``cumulative_share`` the share of the clients ranked up to and
    including this one.

    >>> abc = abc_analysis({"acme": Money(9, "EUR"), "bolt": Money(1, "EUR")})
    >>> abc.rows[1]
    AbcRow(client='bolt', revenue=Money('1', 'EUR'), share=Decimal('0.1'), cumulative_share=Decimal('1'), abc_class=<AbcClass.B: 'B'>)
    """

    client: str
    revenue: Money
    share: Decimal
    cumulative_share: Decimal
    abc_class: AbcClass


@attrs.frozen
class AbcAnalysis:
    """An ABC analysis: every client, ranked, with its class.

    >>> abc = abc_analysis({"acme": Money(80, "EUR"), "bolt": Money(20, "EUR")})
    >>> abc.of("bolt"), abc.clients(AbcClass.A), abc.share(AbcClass.A)
    (<AbcClass.B: 'B'>, ('acme',), Decimal('0.8'))
    """

    rows: tuple[AbcRow, ...]
    total: Money
    a: Decimal
    b: Decimal

    def of(self, client: str) -> AbcClass:
        """The class of ``client`` (:class:`NotInAnalysisError` if absent)."""
        for row in self.rows:
            if row.client == client:
                return row.abc_class
        raise NotInAnalysisError(client)

    def clients(self, abc_class: AbcClass) -> tuple[str, ...]:
        """The clients of ``abc_class``, in rank order."""
        return tuple(row.client for row in self.rows if row.abc_class is abc_class)

    def share(self, abc_class: AbcClass) -> Decimal:
        """The share of total positive revenue held by ``abc_class``."""
        if not self.total.amount:
            return _ZERO
        held = sum(
            (row.revenue.amount for row in self.rows if row.abc_class is abc_class),
            _ZERO,
        )
        return max(held, _ZERO) / self.total.amount


def abc_analysis(
    revenue: Mapping[str, Money],
    *,
    a: Decimal | str = "0.80",
    b: Decimal | str = "0.95",
    currency: str | None = None,
) -> AbcAnalysis:
    """Class A, B or C for every client by its share of revenue.

    Clients are ranked by revenue, largest first, ties by client id. Class A
    is the *smallest* prefix of that ranking whose revenue reaches ``a`` of
    the total (80 % by default); class B extends it to ``b`` (95 %); the
    rest is C. A client with no or negative revenue is always C and does not
    count in the total. ``currency`` is required only to analyse an empty
    client base.

    >>> abc = abc_analysis({
    ...     "acme": Money(500, "EUR"), "bolt": Money(300, "EUR"),
    ...     "cora": Money(150, "EUR"), "dune": Money(50, "EUR"),
    ... })
    >>> # total 1000; acme 50 % < 80 %, acme+bolt 80 % reaches it: A = acme, bolt
    >>> # + cora 95 % reaches 95 %: B = cora; dune is C
    >>> [(row.client, row.abc_class.value, str(row.cumulative_share)) for row in abc.rows]
    [('acme', 'A', '0.5'), ('bolt', 'A', '0.8'), ('cora', 'B', '0.95'), ('dune', 'C', '1')]
    """
    revenue = money_by_client("revenue", revenue)
    a_share, b_share = _ratio(a, "a"), _ratio(b, "b")
    if b_share < a_share:
        raise AnalyticsInputError("b", b, f"must be at least a={a_share}")
    items = sorted(revenue.items(), key=_by_revenue)
    if currency is None:
        if not items:
            raise AnalyticsInputError(
                "revenue",
                revenue,
                "no clients: pass currency= to analyse an empty base",
            )
        currency = items[0][1].currency
    zero = Money.zero(currency)
    for _, money in items:
        if money.currency != currency:
            raise CurrencyMismatchError("rank", items[0][1] if items else zero, money)
    positive = [money.amount if money.amount > 0 else _ZERO for _, money in items]
    with localcontext(_EXACT):  # running sums and their limits, never rounded
        reached = list(itertools.accumulate(positive))
        whole = reached[-1] if reached else _ZERO
        a_line, b_line = a_share * whole, b_share * whole
    total = _make(whole, currency)
    rows: list[AbcRow] = []
    before = _ZERO
    for (client, money), running, counted in zip(items, reached, positive, strict=True):
        if not counted:
            abc_class = AbcClass.C
        elif before < a_line:
            abc_class = AbcClass.A
        elif before < b_line:
            abc_class = AbcClass.B
        else:
            abc_class = AbcClass.C
        before = running
        share = money.amount / whole if whole else _ZERO
        cumulative = running / whole if whole else _ZERO
        rows.append(AbcRow(client, money, share, cumulative, abc_class))
    return AbcAnalysis(tuple(rows), total, a_share, b_share)


def _by_revenue(item: tuple[str, Money]) -> tuple[Decimal, str]:
    return (-item[1].amount, item[0])


# --- XYZ ----------------------------------------------------------------------


@attrs.frozen
class XyzRow:
    """One client in an XYZ analysis.

    ``mean`` and ``deviation`` are the mean and the *population* standard
    deviation of the monthly revenue; ``variation`` is their ratio (the
    coefficient of variation), ``None`` when it is undefined (fewer than two
    months, or a mean of zero or less).

    >>> row = xyz_analysis({"acme": [Money(80, "EUR"), Money(120, "EUR")]}).rows[0]
    >>> row.mean, row.deviation, row.variation, row.xyz_class
    (Money('100', 'EUR'), Money('20', 'EUR'), Decimal('0.2'), <XyzClass.Y: 'Y'>)
    """

    client: str
    months: int
    mean: Money
    deviation: Money
    variation: Decimal | None
    xyz_class: XyzClass


@attrs.frozen
class XyzAnalysis:
    """An XYZ analysis: every client with its class, sorted by client id.

    >>> xyz = xyz_analysis({"acme": [Money(100, "EUR"), Money(100, "EUR")]})
    >>> xyz.of("acme"), xyz.clients(XyzClass.X)
    (<XyzClass.X: 'X'>, ('acme',))
    """

    rows: tuple[XyzRow, ...]
    x: Decimal
    y: Decimal

    def of(self, client: str) -> XyzClass:
        """The class of ``client``."""
        for row in self.rows:
            if row.client == client:
                return row.xyz_class
        raise NotInAnalysisError(client)

    def clients(self, xyz_class: XyzClass) -> tuple[str, ...]:
        """The clients of ``xyz_class``, sorted by id."""
        return tuple(row.client for row in self.rows if row.xyz_class is xyz_class)


def xyz_analysis(
    monthly_revenue: Mapping[str, Sequence[Money]],
    *,
    x: Decimal | str = "0.10",
    y: Decimal | str = "0.25",
) -> XyzAnalysis:
    """Class X, Y or Z for every client by how steady its monthly revenue is.

    The measure is the coefficient of variation: the *population* standard
    deviation of the months given divided by their mean. A client is X when
    it is at most ``x`` (10 %), Y when at most ``y`` (25 %), else Z. The
    months given are the whole period reviewed (give a month without revenue
    as zero); fewer than two months, or a mean of zero or less, is Z. The
    class is decided exactly (no rounding); ``variation`` is shown to 28
    significant digits.

    >>> xyz = xyz_analysis({
    ...     "acme": [Money(90, "EUR"), Money(110, "EUR")],
    ...     "bolt": [Money(80, "EUR"), Money(120, "EUR")],
    ...     "cora": [Money(0, "EUR"), Money(200, "EUR")],
    ... })
    >>> # acme: mean 100, deviations ±10, population std sqrt((100+100)/2) = 10 → 10 % → X
    >>> # bolt: mean 100, std 20 → 20 % → Y;  cora: mean 100, std 100 → 100 % → Z
    >>> [(r.client, str(r.variation), r.xyz_class.value) for r in xyz.rows]
    [('acme', '0.1', 'X'), ('bolt', '0.2', 'Y'), ('cora', '1', 'Z')]
    """
    monthly_revenue = series_by_client("monthly_revenue", monthly_revenue)
    x_line, y_line = _ratio(x, "x"), _ratio(y, "y")
    if y_line < x_line:
        raise AnalyticsInputError("y", y, f"must be at least x={x_line}")
    with localcontext(_EXACT):
        x_square, y_square = x_line * x_line, y_line * y_line
    rows = [
        _xyz_row(client, series, x_square, y_square)
        for client, series in sorted(monthly_revenue.items())
    ]
    return XyzAnalysis(tuple(rows), x_line, y_line)


def _xyz_row(
    client: str, series: Sequence[Money], x_square: Decimal, y_square: Decimal
) -> XyzRow:
    months = len(series)
    if not months:
        raise AnalyticsInputError(
            f"monthly_revenue[{client!r}]", series, "give at least one month"
        )
    currency = series[0].currency
    if len({money.currency for money in series}) > 1:
        other = next(m for m in series if m.currency != currency)
        raise CurrencyMismatchError("compare", series[0], other)
    values = [money.amount for money in series]
    with localcontext(_EXACT):
        # n²·variance = n·Σx² − (Σx)², computed without rounding
        total = sum(values, _ZERO)
        squares = sum(map(operator.mul, values, values), _ZERO)
        spread = months * squares - total * total
        limit_x, limit_y = x_square * total * total, y_square * total * total
    mean = _make(total / months, currency)
    root = spread.sqrt() if spread else _ZERO
    deviation = _make(root / months, currency)
    if months < 2 or total <= 0:
        return XyzRow(client, months, mean, deviation, None, XyzClass.Z)
    # variation = std / mean = sqrt(n·Σx² − (Σx)²) / Σx
    variation = root / total
    if spread <= limit_x:
        xyz_class = XyzClass.X
    elif spread <= limit_y:
        xyz_class = XyzClass.Y
    else:
        xyz_class = XyzClass.Z
    return XyzRow(client, months, mean, deviation, variation, xyz_class)


# --- the matrix ---------------------------------------------------------------


@attrs.frozen
class MatrixCell:
    """One of the nine cells: its classes and its clients in rank order.

    >>> MatrixCell(AbcClass.A, XyzClass.X, ("acme",)).code
    'AX'
    """

    abc_class: AbcClass
    xyz_class: XyzClass
    clients: tuple[str, ...]

    @property
    def code(self) -> str:
        """The cell's two-letter name, ``"AX"`` … ``"CZ"``."""
        return self.abc_class.value + self.xyz_class.value


@attrs.frozen
class AbcXyzMatrix:
    """ABC and XYZ together: nine cells, AX to CZ, each listing its clients.

    >>> m = abc_xyz_matrix({"acme": [Money(100, "EUR")] * 3, "bolt": [Money(1, "EUR"), Money(0, "EUR")]})
    >>> m.code_of("acme"), m.cell("CZ")
    ('AX', ('bolt',))
    """

    abc: AbcAnalysis
    xyz: XyzAnalysis
    cells: tuple[MatrixCell, ...]

    def cell(self, code: str) -> tuple[str, ...]:
        """The clients in cell ``code`` (``"AX"`` … ``"CZ"``), in rank order."""
        for cell in self.cells:
            if cell.code == code:
                return cell.clients
        raise AnalyticsInputError("code", code, "a cell is one of AX, AY, AZ … CZ")

    def code_of(self, client: str) -> str:
        """The two-letter cell of ``client``."""
        return self.abc.of(client).value + self.xyz.of(client).value


def abc_xyz_matrix(
    monthly_revenue: Mapping[str, Sequence[Money]],
    *,
    a: Decimal | str = "0.80",
    b: Decimal | str = "0.95",
    x: Decimal | str = "0.10",
    y: Decimal | str = "0.25",
    currency: str | None = None,
) -> AbcXyzMatrix:
    """The nine-cell ABC×XYZ matrix from monthly revenue.

    ABC ranks the clients by the sum of their months; XYZ measures how
    steady those months are. Parameters as in :func:`abc_analysis` and
    :func:`xyz_analysis`.

    >>> m = abc_xyz_matrix({
    ...     "acme": [Money(400, "EUR"), Money(400, "EUR")],   # 800, steady
    ...     "bolt": [Money(50, "EUR"), Money(100, "EUR")],    # 150, std 25/75 = 33 %
    ...     "cora": [Money(50, "EUR"), Money(0, "EUR")],      # 50
    ... })
    >>> # total 1000: acme 80 % → A; bolt 95 % → B; cora C
    >>> [(c.code, c.clients) for c in m.cells if c.clients]
    [('AX', ('acme',)), ('BZ', ('bolt',)), ('CZ', ('cora',))]
    """
    monthly_revenue = series_by_client("monthly_revenue", monthly_revenue)
    totals: dict[str, Money] = {}
    for client, series in monthly_revenue.items():
        if not series:
            raise AnalyticsInputError(
                f"monthly_revenue[{client!r}]", series, "give at least one month"
            )
        totals[client] = sum(series[1:], series[0])
    abc = abc_analysis(totals, a=a, b=b, currency=currency)
    xyz = xyz_analysis(monthly_revenue, x=x, y=y)
    xyz_of = {row.client: row.xyz_class for row in xyz.rows}
    cells = tuple(
        MatrixCell(
            abc_class,
            xyz_class,
            tuple(
                row.client
                for row in abc.rows
                if row.abc_class is abc_class and xyz_of[row.client] is xyz_class
            ),
        )
        for abc_class in AbcClass
        for xyz_class in XyzClass
    )
    return AbcXyzMatrix(abc, xyz, cells)


# --- key accounts -------------------------------------------------------------


@attrs.frozen
class KeyAccountCandidate:
    """A client whose revenue and steadiness suggest key-account status.

    >>> KeyAccountCandidate("acme", "AX", Money(800, "EUR"), Decimal("0.8")).cell
    'AX'
    """

    client: str
    cell: str
    revenue: Money
    share: Decimal


_CELLS = frozenset(f"{abc.value}{xyz.value}" for abc in AbcClass for xyz in XyzClass)


def key_account_candidates(
    matrix: AbcXyzMatrix,
    *,
    cells: Iterable[str] = ("AX", "AY"),
    exclude: Iterable[str] = (),
) -> tuple[KeyAccountCandidate, ...]:
    """Clients in the ``cells`` of the matrix (top revenue and steady by
    default), not already in ``exclude`` (your current key and VIP
    accounts), largest revenue first, ties by client id.

    >>> m = abc_xyz_matrix({
    ...     "acme": [Money(400, "EUR"), Money(400, "EUR")],
    ...     "bolt": [Money(75, "EUR"), Money(75, "EUR")],
    ...     "cora": [Money(50, "EUR"), Money(0, "EUR")],
    ... })
    >>> [(c.client, c.cell) for c in key_account_candidates(m)]
    [('acme', 'AX')]
    >>> [(c.client, c.cell) for c in key_account_candidates(m, cells=["AX", "BX"], exclude=["acme"])]
    [('bolt', 'BX')]
    """
    wanted = tuple(cells)
    unknown = sorted(set(wanted) - _CELLS)
    if unknown:
        raise AnalyticsInputError(
            "cells", wanted, f"unknown cells {unknown}; use AX … CZ"
        )
    skip = frozenset(exclude)
    xyz_of = {row.client: row.xyz_class for row in matrix.xyz.rows}
    found = []
    for row in matrix.abc.rows:  # already in rank order
        code = row.abc_class.value + xyz_of[row.client].value
        if code in wanted and row.client not in skip:
            found.append(KeyAccountCandidate(row.client, code, row.revenue, row.share))
    return tuple(found)
