"""Draws: advances and guarantees against commission, with their balances.

The four kinds, as this library reads them (amounts per period; ``E`` is
the period's earned variable pay, ``B`` the draw balance carried in the
ledger from earlier periods):

* ``NON_RECOVERABLE`` draw: an advance paid each period against that
  period's earnings; a shortfall is forgiven. Pays ``max(E, D)``, also
  when ``E`` is negative (clawbacks above the period's pay): the draw
  absorbs them, and ``E = −50`` with ``D = 100`` pays 100.
* ``RECOVERABLE`` draw: an advance ``D`` paid each period *in addition*,
  that later earnings pay back. The period first recovers the balance left
  by earlier periods, ``R = min(B, max(E, 0) × recovery_limit)``, then
  advances ``D``: pay ``E − R + D``, new balance ``B − R + D``. With
  nothing owed, ``D = 100`` and ``E = 200`` pay 300 and leave 100 to
  recover; negative earnings recover nothing and lower the pay
  (``E = −50`` pays 50).
* ``NON_RECOVERABLE_GUARANTEE``: a minimum; tops ``E`` up to ``G``. Pays
  ``max(E, G)`` (negative ``E`` included); nothing is owed.
* ``RECOVERABLE_GUARANTEE``: the same top-up, but the top-up is owed and is
  recovered only from earnings above the guarantee in later periods
  (``R = min(B, max(E − G, 0))``), so the minimum always holds.

>>> from accountcore.money import Money
>>> Draw("draw", DrawKind.RECOVERABLE, Money("100", "EUR")).kind.recoverable
True
"""

from __future__ import annotations

import enum
from collections.abc import Sequence
from decimal import Decimal
from typing import Any

import attrs

from accountcore.commissions._checks import (
    check,
    decimal_faults,
    lenient_decimal,
    money_faults,
    name_faults,
)
from accountcore.commissions.context import Columns, Context, register_component
from accountcore.commissions.statement import LineKind, StatementLine
from accountcore.i18n import Message
from accountcore.money import Money, _make

__all__ = ["Draw", "DrawKind"]

_ZERO = Decimal(0)
_ONE = Decimal(1)

# one line a draw may give: its kind, text, amount, basis and message
_Part = tuple[LineKind, str, Decimal, Decimal, Message]
# the same on columns: kind, amount, basis, message id (figures: Any)
_ColumnPart = tuple[LineKind, Any, Any, str]


class DrawKind(enum.Enum):
    """The four usual kinds of draw.

    >>> [kind.value for kind in DrawKind if kind.recoverable]
    ['recoverable', 'recoverable_guarantee']
    """

    NON_RECOVERABLE = "non_recoverable"
    RECOVERABLE = "recoverable"
    NON_RECOVERABLE_GUARANTEE = "non_recoverable_guarantee"
    RECOVERABLE_GUARANTEE = "recoverable_guarantee"

    @property
    def recoverable(self) -> bool:
        """Whether what is advanced is owed back from later earnings."""
        return self in (DrawKind.RECOVERABLE, DrawKind.RECOVERABLE_GUARANTEE)


@register_component("draw")
@attrs.frozen
class Draw:
    """A draw or guarantee of ``amount`` per period; balances in the ledger.

    ``recovery_limit`` is the share of a period's earnings (above the
    guarantee, for a guarantee) that may go to recovery (1: all of it).
    Place it after every earning component: it settles against the earned
    lines before it.

    >>> Draw("draw", "recoverable", Money("100", "EUR"), recovery_limit="1.5")
    Traceback (most recent call last):
    ...
    accountcore.commissions.errors.PlanDefinitionError: Draw 'draw' is invalid (1 fault):
      - recovery_limit must be above 0 and at most 1, got 1.5
    """

    name: str
    kind: DrawKind = attrs.field(converter=DrawKind)
    amount: Money
    recovery_limit: Decimal = attrs.field(default=_ONE, converter=lenient_decimal)

    def __attrs_post_init__(self) -> None:
        faults = name_faults(self.name) + money_faults("amount", self.amount)
        if isinstance(self.amount, Money) and self.amount.amount < 0:
            faults.append(f"amount must not be negative, got {self.amount}")
        own = decimal_faults("recovery_limit", self.recovery_limit)
        if not own and not _ZERO < self.recovery_limit <= _ONE:
            own = [
                f"recovery_limit must be above 0 and at most 1, got {self.recovery_limit}"
            ]
        check(f"Draw {self.name!r}", faults + own)

    def evaluate(
        self, context: Context, lines: Sequence[StatementLine]
    ) -> list[StatementLine]:
        cur = context.currency
        earned = sum((ln.amount.amount for ln in lines if ln.kind.is_earned), _ZERO)
        balance = context.ledger.draw_balance.amount
        kind = self.kind
        if kind is DrawKind.NON_RECOVERABLE:
            parts = self._advanced(earned)
        elif kind is DrawKind.RECOVERABLE:
            parts = self._recovered(earned, _make(balance, cur))
        else:
            parts = self._guaranteed(earned, _make(balance, cur))
        # a part of 0 gives no line
        return [
            StatementLine(
                self.name,
                line_kind,
                text,
                _make(amount, cur).rounded(),
                basis,
                cur,
                message=message,
            )
            for line_kind, text, amount, basis, message in parts
            if amount
        ]

    def _advanced(self, earned: Decimal) -> list[_Part]:
        """A non-recoverable draw: the advance, then as much of it settled
        against the period's earnings."""
        draw = self.amount.amount
        advance = Message.of("commissions.line.draw_advance", amount=self.amount)
        # E + D − min(D, E) = max(E, D): with negative earnings (clawbacks
        # above the period's pay) the settled line is positive, the draw
        # absorbing them as it forgives any shortfall
        settled = min(draw, earned)
        return [
            (LineKind.DRAW, f"draw advance {self.amount}", draw, draw, advance),
            (
                LineKind.DRAW,
                "draw settled against earnings",
                -settled,
                earned,
                Message.of("commissions.line.draw_settled"),
            ),
        ]

    def _recovered(self, earned: Decimal, balance: Money) -> list[_Part]:
        """A recoverable draw: earlier draws recovered from the earnings (up
        to the recovery limit), then this period's advance, to recover."""
        owed = balance.amount
        recovery = min(owed, max(earned, _ZERO) * self.recovery_limit)
        draw = self.amount.amount
        return [
            (
                LineKind.RECOVERABLE_DRAW,
                f"recovery of earlier draws (balance {balance})",
                -recovery,
                owed,
                Message.of("commissions.line.draw_recovery", balance=balance),
            ),
            (
                LineKind.RECOVERABLE_DRAW,
                f"draw advance {self.amount}, to recover",
                draw,
                draw,
                Message.of("commissions.line.draw_recoverable", amount=self.amount),
            ),
        ]

    def _guaranteed(self, earned: Decimal, balance: Money) -> list[_Part]:
        """A guarantee: for a recoverable one, earlier top-ups recovered
        from the earnings above it; then the top-up to the guarantee."""
        parts: list[_Part] = []
        draw = self.amount.amount
        recoverable = self.kind.recoverable
        if recoverable:
            above = max(earned - draw, _ZERO) * self.recovery_limit
            recovery = min(balance.amount, above)
            parts.append(
                (
                    LineKind.RECOVERABLE_DRAW,
                    f"recovery of earlier top-ups (balance {balance})",
                    -recovery,
                    balance.amount,
                    Message.of("commissions.line.top_up_recovery", balance=balance),
                )
            )
        top_up = max(draw - earned, _ZERO)
        parts.append(
            (
                LineKind.RECOVERABLE_DRAW if recoverable else LineKind.DRAW,
                f"guarantee top-up to {self.amount}"
                + (", to recover" if recoverable else ""),
                top_up,
                earned,
                Message.of(
                    "commissions.line.top_up" + ("_recoverable" if recoverable else ""),
                    amount=self.amount,
                ),
            )
        )
        return parts

    def columns(self, on: Columns) -> bool:
        """The column form: the lines of :meth:`evaluate` over every owner,
        from the earned pay of the lines before and the draw balance the
        owner brings; a part of 0 gives no line."""
        if self.amount.currency != on.currency:
            return False
        earned, balance = on.earned(), on.figure("draw_balance")
        draw, zero = on.constant(self.amount.amount), on.constant(_ZERO)
        kind = self.kind
        parts: list[_ColumnPart]
        if kind is DrawKind.NON_RECOVERABLE:
            settled = on.smaller(draw, earned)
            parts = [
                (LineKind.DRAW, draw, draw, "commissions.line.draw_advance"),
                (
                    LineKind.DRAW,
                    zero - settled,
                    earned,
                    "commissions.line.draw_settled",
                ),
            ]
        elif kind is DrawKind.RECOVERABLE:
            gained = on.choose(earned > _ZERO, earned, zero) * self.recovery_limit
            recovery = on.smaller(balance, gained)
            recoverable = LineKind.RECOVERABLE_DRAW
            parts = [
                (
                    recoverable,
                    zero - recovery,
                    balance,
                    "commissions.line.draw_recovery",
                ),
                (recoverable, draw, draw, "commissions.line.draw_recoverable"),
            ]
        else:
            parts = self._guaranteed_columns(on, earned, balance, draw)
        for line_kind, amount, basis, message in parts:
            on.line(
                self.name,
                line_kind,
                ~amount.is_zero(),
                on.money(amount),
                basis,
                on.currency,
                None,
                message,
            )
        return True

    def _guaranteed_columns(
        self, on: Columns, earned: Any, balance: Any, draw: Any
    ) -> list[_ColumnPart]:
        """:meth:`_guaranteed` on columns."""
        zero = on.constant(_ZERO)
        parts: list[_ColumnPart] = []
        recoverable = self.kind.recoverable
        if recoverable:
            above = on.choose(earned > draw, earned - draw, zero) * self.recovery_limit
            parts.append(
                (
                    LineKind.RECOVERABLE_DRAW,
                    zero - on.smaller(balance, above),
                    balance,
                    "commissions.line.top_up_recovery",
                )
            )
        parts.append(
            (
                LineKind.RECOVERABLE_DRAW if recoverable else LineKind.DRAW,
                on.choose(draw > earned, draw - earned, zero),
                earned,
                "commissions.line.top_up" + ("_recoverable" if recoverable else ""),
            )
        )
        return parts
