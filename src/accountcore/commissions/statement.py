"""Commission statements: lines that explain every cent of a period's pay.

>>> import datetime
>>> from accountcore.money import Money
>>> from accountcore.periods import Period
>>> from accountcore.commissions.ledger import Ledger
>>> line = StatementLine("salary", LineKind.FIXED, "base salary", Money("3000.00", "EUR"))
>>> statement = CommissionStatement("ana", Period.month(2026, 1), "EUR", (line,), Ledger.opening("ana", "EUR"))
>>> statement.total
Money('3000.00', 'EUR')
"""

from __future__ import annotations

import enum
from collections.abc import Callable, Iterable, Iterator, Sequence
from decimal import Decimal
from typing import Any, overload
from unicodedata import east_asian_width

import attrs

from accountcore import _html, _records
from accountcore._fast import builder
from accountcore.commissions.ledger import Ledger
from accountcore.i18n import Message, format_number, format_percent, language_of
from accountcore.money import Money, _make
from accountcore.periods import Period

__all__ = ["CommissionStatement", "DealIds", "LineKind", "StatementLine"]


class LineKind(enum.Enum):
    """What a statement line is, which decides how later steps treat it.

    * ``FIXED``: guaranteed pay (base salary);
    * ``VARIABLE``: pay earned on credits (commissions, credit-driven bonuses,
      and the accelerator, gate and cap adjustments to them); in a
      year-to-date plan these are computed to date and trued up;
    * ``PERIODIC``: variable pay earned on the period's activity (clients
      served, feedback, clients held), never cumulated;
    * ``TRUE_UP``: variable pay already paid earlier in the year, deducted;
    * ``CLAWBACK``: what a deal paid in an earlier statement earned, taken
      back (pro rata for a partial refund) because it was cancelled; variable
      pay, so it lowers the earned pay (draws settle against it) and the
      ledger's ``paid_to_date``;
    * ``DRAW``: non-recoverable draw advances, settlements and top-ups;
    * ``RECOVERABLE_DRAW``: recoverable advances and top-ups (they raise the
      ledger's draw balance by their amount) and recoveries (negative lines
      that lower it).
    * ``HELD``: earned pay held until the client pays the invoice (negative);
    * ``RELEASED``: held pay released as the client pays (positive);
    * ``ADJUSTMENT``: a manual adjustment that resolves a dispute;
    * ``DEFERRED``: a deferred bonus paid in the period it vests;
    * ``IN_KIND``: a reward in kind, recorded at its value (not cash).

    The last five come from :func:`accountcore.commissions.payout.settle`,
    after the plan: they change what is paid, never what was earned.

    >>> LineKind("variable").is_earned, LineKind("clawback").is_earned
    (True, True)
    """

    FIXED = "fixed"
    VARIABLE = "variable"
    PERIODIC = "periodic"
    TRUE_UP = "true_up"
    CLAWBACK = "clawback"
    DRAW = "draw"
    RECOVERABLE_DRAW = "recoverable_draw"
    HELD = "held"
    RELEASED = "released"
    ADJUSTMENT = "adjustment"
    DEFERRED = "deferred"
    IN_KIND = "in_kind"

    @property
    def is_earned(self) -> bool:
        """Whether the line is earned variable pay (what draws settle against)."""
        return self in (
            LineKind.VARIABLE,
            LineKind.PERIODIC,
            LineKind.TRUE_UP,
            LineKind.CLAWBACK,
        )


class DealIds(Sequence[str]):
    """The deals behind a statement line: their ids sorted, each once, built
    the first time they are read.

    A team calculation explains every line with its deals; sorting every
    owner's deal ids up front costs more than the pay itself, and most
    statements are stored or summed without anyone reading them. A
    ``DealIds`` keeps how to find them (``source``, called once, on first
    use) and then behaves as the tuple of them: equality (also with a
    tuple), hash, ``len``, iteration, indexing and slicing, ``in``, ``repr``.
    It is immutable; serialised, it is a list; pickled, a tuple.

    >>> ids = DealIds(lambda: ["D-3", "D-1", "D-3"])
    >>> ids == ("D-1", "D-3"), len(ids), ids[0], ids[-1:], "D-2" in ids
    (True, 2, 'D-1', ('D-3',), False)
    >>> ids, hash(ids) == hash(("D-1", "D-3"))
    (('D-1', 'D-3'), True)
    """

    __slots__ = ("_ids", "_source")

    _ids: tuple[str, ...] | None
    _source: Callable[[], Iterable[str]] | None

    def __init__(self, source: Callable[[], Iterable[str]]) -> None:
        _set(self, "_ids", None)
        _set(self, "_source", source)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"DealIds is immutable: cannot set {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"DealIds is immutable: cannot delete {name!r}")

    @property
    def ids(self) -> tuple[str, ...]:
        """The ids as a tuple (built now if they were not yet).

        >>> DealIds(lambda: ("D-2", "D-1")).ids
        ('D-1', 'D-2')
        """
        ids = self._ids
        if ids is None:
            source = self._source
            if source is None:  # another thread built them meanwhile
                return self._ids  # type: ignore[return-value]
            ids = tuple(sorted(set(source())))
            _set(self, "_ids", ids)
            _set(self, "_source", None)  # let go of what they were found in
        return ids

    @property
    def built(self) -> bool:
        """Whether the ids were read (and so found) yet.

        >>> ids = DealIds(lambda: ("D-1",))
        >>> ids.built, len(ids), ids.built
        (False, 1, True)
        """
        return self._ids is not None

    def __len__(self) -> int:
        return len(self.ids)

    def __iter__(self) -> Iterator[str]:
        return iter(self.ids)

    def __contains__(self, value: object) -> bool:
        return value in self.ids

    @overload
    def __getitem__(self, index: int) -> str: ...
    @overload
    def __getitem__(self, index: slice) -> tuple[str, ...]: ...
    def __getitem__(self, index: int | slice) -> str | tuple[str, ...]:
        return self.ids[index]

    def __eq__(self, other: object) -> bool:
        if isinstance(other, DealIds):
            return self is other or self.ids == other.ids
        if isinstance(other, tuple):
            return self.ids == other
        return NotImplemented

    def __ne__(self, other: object) -> bool:
        equal = self.__eq__(other)
        return equal if equal is NotImplemented else not equal

    def __hash__(self) -> int:
        return hash(self.ids)

    def __repr__(self) -> str:
        return repr(self.ids)

    def __reduce__(self) -> tuple[Any, ...]:
        return (tuple, (self.ids,))


_set = object.__setattr__


def _deal_tuple(value: Iterable[str]) -> Sequence[str]:
    """A line's deals as given: a :class:`DealIds` or a tuple (any other
    iterable becomes a tuple, so a line stays hashable and immutable)."""
    if isinstance(value, tuple | DealIds):
        return value
    return tuple(value)


@attrs.frozen
class StatementLine:
    """One line of a statement: which component paid it, on what basis, at
    what rate, for which deals. ``amount`` is rounded to the minor unit.

    ``unit`` names the basis: a currency code, ``attainment``, ``clients``,
    ``units``, ``deals``, ``rating``, ``share of period``...

    >>> StatementLine("commission", LineKind.VARIABLE, "5% of credited revenue", Money("50.00", "EUR"), Decimal("1000"), "EUR", Decimal("0.05"), ("D-1",)).rate
    Decimal('0.05')
    """

    component: str
    kind: LineKind
    description: str
    amount: Money
    basis: Decimal | None = None
    unit: str = ""
    rate: Decimal | None = None
    deals: Sequence[str] = attrs.field(default=(), converter=_deal_tuple)
    """The deal ids, sorted: a tuple, or the :class:`DealIds` a calculation
    gives (equal to the tuple of the same ids, built when first read)."""
    message: Message | None = attrs.field(default=None, repr=False)
    """The line's text as a catalog message (ids under ``commissions.line.``),
    to show it in any language; ``None`` for a line built without one (or
    stored before messages were kept). Part of the line's equality, so two
    lines that would explain themselves differently are not equal; left out
    of its ``repr`` (see :meth:`describe`)."""

    def describe(self, locale: str) -> str:
        """The line's text in ``locale``: its :attr:`message` rendered, or the
        English ``description`` when it has none.

        >>> line = StatementLine("salary", LineKind.FIXED, "base salary", Money("3000.00", "EUR"),
        ...                      message=Message.of("commissions.line.salary"))
        >>> line.describe("et_EE"), line.describe("ja_JP")
        ('põhipalk', '基本給')
        """
        message = self.message
        return self.description if message is None else message.render(locale)


_build_line = builder(StatementLine)


def _line(  # noqa: PLR0917 (mirrors StatementLine's positional fields)
    component: str,
    kind: LineKind,
    description: str,
    amount: Money,
    basis: Decimal | None = None,
    unit: str = "",
    rate: Decimal | None = None,
    deals: Sequence[str] = (),
    message: Message | None = None,
) -> StatementLine:
    """A :class:`StatementLine` from values the calculation already checked
    (the hot path: :func:`accountcore._fast.builder`, no ``__init__``)."""
    return _build_line(
        component, kind, description, amount, basis, unit, rate, deals, message
    )


def _sum(lines: Iterable[StatementLine], currency: str) -> Money:
    total = Decimal(0)
    for line in lines:
        total += line.amount.amount
    return _make(total, currency)


@attrs.frozen
class CommissionStatement:
    """An owner's pay for a period: the lines, their total, the next ledger.

    ``total`` is always the sum of the (rounded) lines. ``ledger`` is the
    ledger to pass to the next period's calculation. ``attainment`` is the
    ratio the plan used (``None`` without a quota); ``credited`` the credited
    basis (after tier weights) in the plan's currency.

    >>> from accountcore.commissions.ledger import Ledger
    >>> s = CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
    >>> s.total, s.earned
    (Money('0', 'EUR'), Money('0', 'EUR'))
    """

    owner: str
    period: Period
    currency: str
    lines: tuple[StatementLine, ...]
    ledger: Ledger
    attainment: Decimal | None = None
    credited: Money | None = None

    @property
    def total(self) -> Money:
        """The amount to pay: the sum of the rounded lines."""
        return _sum(self.lines, self.currency)

    @property
    def earned(self) -> Money:
        """Earned variable pay of the period (variable, periodic, true-up and
        clawback lines), before draws."""
        return _sum((ln for ln in self.lines if ln.kind.is_earned), self.currency)

    def lines_of(self, component: str) -> tuple[StatementLine, ...]:
        """The lines one component produced.

        >>> from accountcore.commissions.ledger import Ledger
        >>> CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR")).lines_of("x")
        ()
        """
        return tuple(line for line in self.lines if line.component == component)

    def explain(self, locale: str = "en_US") -> list[str]:
        """The statement as text, one line per statement line, then the total.
        Each line shows its :attr:`StatementLine.message` in ``locale`` (in
        English too, from the English catalog: amounts formatted, counts
        with their plural), or its ``description`` when it has none (see
        :meth:`StatementLine.describe`). Columns are aligned by display
        width, so Japanese (two columns a character) lines up too.

        >>> from accountcore.commissions.ledger import Ledger
        >>> line = StatementLine("salary", LineKind.FIXED, "base salary", Money("3000.00", "EUR"))
        >>> s = CommissionStatement("ana", Period.month(2026, 1), "EUR", (line,), Ledger.opening("ana", "EUR"))
        >>> print("\\n".join(s.explain("en_US")))
        ana, 2026-01
          salary        base salary                                         €3,000.00
          total                                                             €3,000.00
        """
        rows = []
        for line in self.lines:
            text = line.describe(locale)
            if line.deals:
                shown = ", ".join(line.deals[:4])
                more = f" +{len(line.deals) - 4}" if len(line.deals) > 4 else ""
                text = f"{text} [{shown}{more}]"
            rows.append((line.component, text, line.amount.format(locale)))
        rows.append(("total", "", self.total.format(locale)))
        first = max(13, *(_width(row[0]) for row in rows))
        second = max(50, *(_width(row[1]) for row in rows))
        third = max(10, *(_width(row[2]) for row in rows))
        out = [f"{self.owner}, {self.period}"]
        for component, text, amount in rows:
            out.append(
                f"  {_pad(component, first)} {_pad(text, second)} "
                f"{_pad(amount, third, right=True)}"
            )
        return out

    def __repr__(self) -> str:
        """Short: who, when, how much, how many lines (not every deal id).

        >>> from accountcore.commissions.ledger import Ledger
        >>> CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
        <CommissionStatement 'ana' 2026-01: 0 EUR, 0 lines>
        """
        count = len(self.lines)
        plural = "line" if count == 1 else "lines"
        return (
            f"<CommissionStatement {self.owner!r} {self.period}: "
            f"{self.total}, {count} {plural}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The lines as plain dicts, one per line, amounts as ``Decimal``:
        ``owner``, ``period``, ``line`` (from 1), ``component``, ``kind``,
        ``description``, ``amount``, ``currency``, ``basis``, ``unit``,
        ``rate`` and ``deals`` (how many; the ids are on the line).

        >>> from accountcore.commissions.ledger import Ledger
        >>> line = StatementLine("salary", LineKind.FIXED, "base salary", Money("3000.00", "EUR"))
        >>> s = CommissionStatement("ana", Period.month(2026, 1), "EUR", (line,), Ledger.opening("ana", "EUR"))
        >>> s.to_records()[0]["amount"], s.to_records()[0]["kind"]
        (Decimal('3000.00'), 'fixed')
        """
        return [
            {
                "owner": self.owner,
                "period": str(self.period),
                "line": number,
                "component": line.component,
                "kind": line.kind.value,
                "description": line.description,
                "amount": line.amount.amount,
                "currency": line.amount.currency,
                "basis": line.basis,
                "unit": line.unit,
                "rate": line.rate,
                "deals": len(line.deals),
            }
            for number, line in enumerate(self.lines, 1)
        ]

    def to_frame(self) -> Any:
        """The lines (see :meth:`to_records`) as a polars DataFrame, amounts
        in decimal columns (``accountcore[frames]``; pandas users call
        ``.to_pandas()`` on it).

        >>> from accountcore.commissions.ledger import Ledger
        >>> s = CommissionStatement("ana", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
        >>> s.to_frame().shape
        (0, 12)
        """
        return _records.frame(
            self.to_records(), _LINE_COLUMNS, "CommissionStatement.to_frame"
        )

    def to_html(self, locale: str = "en_US") -> str:
        """The statement as an HTML block for ``locale``: a summary (period,
        credited, attainment, lines, total) and a table of the lines, every
        text escaped.

        >>> from accountcore.commissions.ledger import Ledger
        >>> s = CommissionStatement("<ana>", Period.month(2026, 1), "EUR", (), Ledger.opening("ana", "EUR"))
        >>> "&lt;ana&gt;, 2026-01" in s.to_html("et_EE")
        True
        """
        label = _html.label
        summary = _html.table(
            [label(k, locale) for k in ("period", "credited", "attainment", "lines")]
            + [label("total", locale)],
            [
                (
                    str(self.period),
                    "–" if self.credited is None else self.credited.format(locale),
                    "–"
                    if self.attainment is None
                    else format_percent(self.attainment, locale),
                    format_number(len(self.lines), locale),
                    self.total.format(locale),
                )
            ],
            right=(False, True, True, True, True),
        )
        english = language_of(locale) == "en"
        headers = ("component", "description", "basis", "rate", "deals", "amount")
        lines = _html.table(
            [label(k, locale) for k in headers],
            [
                (
                    line.component,
                    line.description if english else line.describe(locale),
                    _number(line.basis, locale, line.unit),
                    _number(line.rate, locale),
                    format_number(len(line.deals), locale),
                    line.amount.format(locale),
                )
                for line in self.lines
            ],
            right=(False, False, True, True, True, True),
        )
        return _html.block(f"{self.owner}, {self.period}", (), summary, lines)

    def _repr_html_(self) -> str:
        return self.to_html("en_US")


_LINE_COLUMNS = {
    "owner": "str",
    "period": "str",
    "line": "int",
    "component": "str",
    "kind": "str",
    "description": "str",
    "amount": "decimal",
    "currency": "str",
    "basis": "decimal",
    "unit": "str",
    "rate": "decimal",
    "deals": "int",
}
"""The columns of :meth:`CommissionStatement.to_records` and their kinds."""


def _number(value: Decimal | None, locale: str, unit: str = "") -> str:
    """A basis or rate for a display: an amount in a currency at its minor
    unit (the exact value is in :meth:`CommissionStatement.to_records`)."""
    if value is None:
        return "–"
    if len(unit) == 3 and unit.isupper() and unit.isalpha():
        return Money(value, unit).format(locale)
    shown = format_number(value, locale)
    return f"{shown} {unit}" if unit else shown


def _width(text: str) -> int:
    """Display width: wide and full-width characters take two columns."""
    return sum(2 if east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, size: int, *, right: bool = False) -> str:
    gap = " " * (size - _width(text))
    return gap + text if right else text + gap


_statement: Callable[
    [str, Period, str, tuple[StatementLine, ...], Ledger, Decimal | None, Money | None],
    CommissionStatement,
] = builder(CommissionStatement)
"""A :class:`CommissionStatement` from values the calculation already
checked (the hot path of a team calculation), fields in order."""
