"""Competitors on a deal, and why it was lost.

A :class:`DealCompetition` sits beside a :class:`~accountcore.pipeline.Deal`
(by its id, so the deal itself is unchanged): the :class:`Competitor`\\ s
met on it, with their offer where known, and, once lost, the coded
:class:`~accountcore.competitors.CodedReason` and the competitor it was lost
to.

>>> from accountcore.money import Money
>>> from accountcore.competitors import CodedReason
>>> DealCompetition("D-1", (Competitor("Nordline", Money("9500", "EUR")),),
...                 lost_reason=CodedReason("competitor"), lost_to="Baltic Supply")
Traceback (most recent call last):
...
accountcore.competitors.errors.CompetitionError: Deal 'D-1' competition is invalid: lost_to='Baltic Supply' is not among the deal's competitors ('Nordline').
"""

from __future__ import annotations

import attrs

from accountcore.competitors.errors import CompetitionError
from accountcore.competitors.reasons import CodedReason
from accountcore.money import Money

__all__ = ["Competitor", "DealCompetition"]


@attrs.frozen
class Competitor:
    """A competitor met on a deal: its name, its offer when known, a note.

    >>> Competitor("Nordline").offer is None
    True
    """

    name: str
    offer: Money | None = None
    note: str | None = None


@attrs.frozen
class DealCompetition:
    """The competition around one deal (by ``deal_id``): competitors, and
    once lost, the coded reason and whom it was lost to (one of the
    competitors, by name).

    >>> DealCompetition("D-2", (Competitor("Nordline"),)).names
    ('Nordline',)
    """

    deal_id: str
    competitors: tuple[Competitor, ...] = ()
    lost_reason: CodedReason | None = attrs.field(default=None, kw_only=True)
    lost_to: str | None = attrs.field(default=None, kw_only=True)

    def __attrs_post_init__(self) -> None:
        names = [c.name for c in self.competitors if isinstance(c, Competitor)]
        if len(names) != len(self.competitors):
            bad = next(c for c in self.competitors if not isinstance(c, Competitor))
            raise CompetitionError(self.deal_id, f"{bad!r} is not a Competitor")
        if len(set(names)) != len(names):
            raise CompetitionError(self.deal_id, "a competitor is listed twice")
        if self.lost_to is not None and self.lost_to not in names:
            listed = ", ".join(repr(n) for n in names) or "none"
            raise CompetitionError(
                self.deal_id,
                f"lost_to={self.lost_to!r} is not among the deal's competitors ({listed})",
            )

    @property
    def names(self) -> tuple[str, ...]:
        """The competitors' names, as listed."""
        return tuple(c.name for c in self.competitors)
