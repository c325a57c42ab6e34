"""The state-machine engine under every workflow of accountcore.

Two definitions run on it: the sales :class:`~accountcore.pipeline.Pipeline`
(deals through stages, its moves compiled from a transition policy) and the
complaint workflow (:class:`accountcore.complaints.ComplaintWorkflow`). What
they share lives here, so a move is checked the same way in both:

- :func:`move_refusals`: every reason a move is refused, gathered at once in
  one order (the target: unknown, already there, or a move the definition
  does not allow; then the moment, the author, and the reason a forced move
  needs or the target's requirements), so nothing is half-applied;
- :class:`RefusalCodes`: the refusal codes of a workflow other than the
  pipeline, with their English text, their catalog prefix and how the state
  keys they name are shown, so its refusals are
  :class:`~accountcore.pipeline.Refusal`\\ s that render in six languages;
- :func:`reach`: which states a graph of moves reaches.

A workflow names its own codes for the four checks every workflow makes
(:class:`CommonCodes`); the pipeline's are ``already_in``,
``earlier_than_last``, ``by_missing`` and ``force_needs_reason``.

>>> import pendulum
>>> at = pendulum.datetime(2026, 3, 2, tz="UTC")
>>> [r.code for r in move_refusals(
...     "needs", "needs", at=at, last=at.add(days=1), by=" ", reason=None,
...     force=False, codes=PIPELINE_CODES, unknown=lambda key: None,
...     policy=lambda key: None, requirements=lambda key: ())]
['already_in', 'earlier_than_last', 'by_missing']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Callable, Iterable, Mapping

import attrs

from accountcore.i18n import Message
from accountcore.pipeline.refusals import Refusal, _register_codes

__all__ = [
    "PIPELINE_CODES",
    "CommonCodes",
    "RefusalCodes",
    "move_refusals",
    "reach",
]


@attrs.frozen
class CommonCodes:
    """A workflow's refusal codes for the checks every workflow makes.

    >>> PIPELINE_CODES.already_in
    'already_in'
    """

    already_in: str
    earlier_than_last: str
    by_missing: str
    force_needs_reason: str


PIPELINE_CODES = CommonCodes(
    "already_in", "earlier_than_last", "by_missing", "force_needs_reason"
)
"""The sales pipeline's codes for the common checks."""


@attrs.frozen
class RefusalCodes:
    """The refusal codes of a workflow beside the pipeline's.

    ``english`` maps each code to its English template (``str.format``
    placeholders, ``{x:or}`` and ``{x:list}`` for tuples of state keys);
    the catalog message of a code is ``<prefix>.<code>``; the parameters
    named in ``state_params`` are state keys, shown through ``label``.
    :meth:`register` makes :meth:`Refusal.of
    <accountcore.pipeline.Refusal.of>` know them (a code the pipeline or
    another workflow already uses is a
    :class:`~accountcore.errors.DefinitionError`).

    >>> codes = RefusalCodes("complaints.refusal", {"x_missing": "x is missing"},
    ...                      label=lambda key: key)
    >>> codes.prefix, tuple(codes.english)
    ('complaints.refusal', ('x_missing',))
    """

    prefix: str
    english: Mapping[str, str]
    label: Callable[[str], Message | str] = attrs.field(kw_only=True)
    state_params: frozenset[str] = attrs.field(
        default=frozenset({"stage", "source", "target"}), kw_only=True
    )
    untranslated: frozenset[str] = attrs.field(default=frozenset(), kw_only=True)

    def register(self) -> None:
        """Make :meth:`Refusal.of <accountcore.pipeline.Refusal.of>` and its
        rendering know these codes (registering the same table again is a
        no-op)."""
        _register_codes(
            self.prefix, self.english, self.label, self.state_params, self.untranslated
        )


def move_refusals(
    current: str,
    to: object,
    *,
    at: _dt.datetime,
    last: _dt.datetime,
    by: object,
    reason: str | None,
    force: bool,
    codes: CommonCodes,
    unknown: Callable[[object], Refusal | None],
    policy: Callable[[str], Refusal | None],
    requirements: Callable[[str], Iterable[Refusal]],
) -> list[Refusal]:
    """Every reason a subject in state ``current`` may not move to ``to``
    at ``at`` (empty when it may), in the engine's order.

    ``unknown(to)`` refuses a state the definition does not have;
    ``policy(to)`` a move the definition does not allow (not asked when
    forced); ``requirements(to)`` lists what the subject does not meet to
    enter ``to`` (not asked when forced: a forced move needs a reason
    instead). ``last`` is the subject's last change: a move may not be
    earlier.
    """
    unmet: list[Refusal] = []
    refused = unknown(to)
    key = to if refused is None and isinstance(to, str) else None
    if refused is not None:
        unmet.append(refused)
    elif key == current:
        unmet.append(Refusal.of(codes.already_in, stage=key))
    elif key is not None and not force:
        why = policy(key)
        if why is not None:
            unmet.append(why)
    if at < last:
        unmet.append(
            Refusal.of(
                codes.earlier_than_last, at=at.isoformat(), last=last.isoformat()
            )
        )
    if not isinstance(by, str) or not by.strip():
        unmet.append(Refusal.of(codes.by_missing, by=by))
    if force:
        if not reason or reason.isspace():
            unmet.append(Refusal.of(codes.force_needs_reason))
    elif key is not None and key != current:
        unmet.extend(requirements(key))
    return unmet


def reach(graph: Mapping[str, Iterable[str]], start: Iterable[str]) -> set[str]:
    """The states ``graph`` (targets by source) reaches from ``start``,
    ``start`` included.

    >>> sorted(reach({"a": ["b"], "b": ["c"], "c": [], "d": ["a"]}, ["a"]))
    ['a', 'b', 'c']
    """
    seen = set(start)
    todo = list(seen)
    while todo:
        for target in graph.get(todo.pop(), ()):
            if target not in seen:
                seen.add(target)
                todo.append(target)
    return seen
