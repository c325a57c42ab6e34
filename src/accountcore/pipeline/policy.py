"""The transition policy: which moves a pipeline allows, said as rules.

Plain values a :class:`~accountcore.pipeline.machine.Pipeline` is built
from: a :class:`TransitionPolicy` (its rules), the :class:`Move`\\ s it adds,
forbids or guards, and where a lost deal may :class:`Reopen` to. The
pipeline's compiler turns them into its lookup tables.

>>> policy = TransitionPolicy(extra_moves=(Move("lost", "needs"),))
>>> policy.reopen, policy.extra_moves[0].target
(<Reopen.PREVIOUS: 'previous'>, 'needs')
"""

from __future__ import annotations

import enum

import attrs

__all__ = [
    "Move",
    "Reopen",
    "TransitionPolicy",
]


class Reopen(enum.Enum):
    """Where a lost deal may be reopened to: the open stage it was lost
    from, the first stage, or nowhere.

    >>> Reopen("previous")
    <Reopen.PREVIOUS: 'previous'>
    """

    PREVIOUS = "previous"
    FIRST = "first"
    NEVER = "never"


@attrs.frozen
class Move:
    """A move between two stages, by key, with requirements of its own.

    >>> Move("negotiation", "contract_signed", requires=("has_contact",)).requires
    ('has_contact',)
    """

    source: str
    target: str
    requires: tuple[str, ...] = ()


@attrs.frozen(kw_only=True)
class TransitionPolicy:
    """Which moves a pipeline allows, said as rules instead of listed edges.

    Stages are ordered as the pipeline lists them. With the defaults, an open
    deal may skip forward to any later open stage, move back to any earlier
    one, be won (by entering the first won stage) and be lost (to any lost
    stage not reserved for cancellations). Won deals move forward through
    the won stages only and may be cancelled to a cancellation stage. A lost
    deal reopens to the open stage it was lost from. ``extra_moves`` adds
    moves (with their requirements), ``forbidden_moves`` removes moves.
    Deals are created in ``creation_stages`` (the first open stage if
    empty). A cancelled deal is final unless an extra move says otherwise.

    >>> TransitionPolicy(reopen=Reopen.NEVER, skip_forward=False).reopen
    <Reopen.NEVER: 'never'>
    """

    skip_forward: bool = True
    move_backward: bool = True
    lose_from_open: bool = True
    reopen: Reopen = Reopen.PREVIOUS
    cancel_won: bool = True
    cancellation_stages: tuple[str, ...] = ()
    won_forward_only: bool = True
    creation_stages: tuple[str, ...] = ()
    extra_moves: tuple[Move, ...] = ()
    forbidden_moves: tuple[Move, ...] = ()
