"""Why a deal may not move, as data: a stable code, parameters, English text.

Requirements and the transition policy refuse a move with a
:class:`Refusal`. A built-in refusal is made by :meth:`Refusal.of` from its
code (one of :data:`BUILTIN_CODES`) and its parameters; its English text is
derived from them and reads exactly as the pipeline has always written it.
Your own requirement gives its own code and English text
(``Refusal("budget_owner", "the budget owner is unknown")``) or simply returns
a string from ``unmet``. :meth:`Refusal.render` shows a built-in refusal in
any of the six languages (ids under ``pipeline.refusal.``), stage keys by
their translated names; any other code shows its English text everywhere.

>>> r = Refusal.of("reason_required", stage="lost")
>>> r.code, r.text
('reason_required', "a reason is required to move to 'lost'")
>>> r.render("ja_JP")
'「失注」へ移すには理由が必要です'
>>> Refusal("budget_owner", "the budget owner is unknown").render("uk_UA")
'the budget owner is unknown'
"""

from __future__ import annotations

import string
from collections.abc import Callable, Iterable, Mapping

import attrs

from accountcore.errors import DefinitionError, MessageParameterError, UnknownKeyError
from accountcore.i18n import Message, language_of
from accountcore.pipeline.messages import stage_label

__all__ = ["BUILTIN_CODES", "Refusal", "Verdict"]

_ENGLISH: Mapping[str, str] = {
    # requirements
    "amount_missing": "amount is missing",
    "amount_positive_missing": "amount must be positive, but it is missing",
    "amount_not_positive": "amount must be positive, got {amount}",
    "expected_close_missing": "expected close date is missing",
    "contact_missing": "contact is missing",
    "reason_required": "a reason is required to move to {stage!r}",
    "splits_not_one": "splits sum to {total}, not 1",
    # the transition policy
    "forbidden": "the move {source} -> {target} is forbidden by the pipeline",
    "reopen_previous": (
        "a lost deal reopens only to the stage it was lost from ({stage!r})"
    ),
    "won_back_to_open": "a won deal cannot move back to an open stage",
    "won_forward_only": "won stages move forward only",
    "cancel_won_only_to": "a won deal may be cancelled only to {stage:list}",
    "cancel_won_never": "the pipeline does not allow cancelling a won deal",
    "cancelled_final": "a cancelled deal is final",
    "never_reopen": "the pipeline never reopens a lost deal",
    "reopen_first": "a lost deal reopens only to the first stage",
    "lost_to_open": "a lost deal cannot move to a open stage",
    "lost_to_won": "a lost deal cannot move to a won stage",
    "lost_to_lost": "a lost deal cannot move to a lost stage",
    "cancel_only_won": "only a won deal can be cancelled to {stage!r}",
    "won_by_entering": "a deal is won by entering {stage:or}",
    "enters_only_from": "a deal enters {stage!r} only from {source:or}",
    "no_moving_back": "the pipeline does not allow moving back",
    "no_skipping": "the pipeline does not allow skipping stages ({source} -> {target})",
    # the move itself
    "other_pipeline": (
        "the deal follows pipeline {pipeline!r} v{version}, "
        "not {expected!r} v{expected_version} (migrate it first)"
    ),
    "unknown_stage": "unknown stage {stage!r} (the stages are {stages})",
    "already_in": "the deal is already in {stage!r}",
    "earlier_than_last": "at={at} is earlier than the deal's last change at {last}",
    "by_missing": "by must name who moves the deal, got {by!r}",
    "force_needs_reason": "force=True needs a reason",
}

BUILTIN_CODES: frozenset[str] = frozenset(_ENGLISH)
"""The codes of the refusals accountcore itself gives.

>>> "contact_missing" in BUILTIN_CODES
True
"""

# codes whose catalog message shows stage keys: the parameters that are keys
_STAGE_PARAMS = frozenset({"stage", "source", "target"})

# codes the catalogs do not translate: shown in English in every language
_UNTRANSLATED = frozenset(
    {"splits_not_one", "earlier_than_last", "by_missing", "other_pipeline"}
)


@attrs.frozen
class _Table:
    """The refusal codes of another workflow (see
    :class:`accountcore.pipeline.engine.RefusalCodes`)."""

    prefix: str
    english: Mapping[str, str]
    label: Callable[[str], Message | str]
    state_params: frozenset[str]
    untranslated: frozenset[str]


_WORKFLOWS: dict[str, _Table] = {}
"""The codes of the other workflows, by code (filled when their package is
imported, like the converter's hooks)."""


def _register_codes(
    prefix: str,
    english: Mapping[str, str],
    label: Callable[[str], Message | str],
    state_params: frozenset[str],
    untranslated: frozenset[str],
) -> None:
    """Make :meth:`Refusal.of` and :attr:`Refusal.message` know the codes of
    another workflow; a code taken by the pipeline or by another table is a
    :class:`~accountcore.errors.DefinitionError`."""
    table = _Table(prefix, dict(english), label, state_params, untranslated)
    faults = [
        f"refusal code {code!r} is already used"
        for code in table.english
        if code in _ENGLISH
        or (code in _WORKFLOWS and _WORKFLOWS[code].prefix != prefix)
    ]
    if faults:
        raise DefinitionError(f"Refusal codes {prefix!r}", faults)
    for code in table.english:
        _WORKFLOWS[code] = table


def _template(code: object) -> str | None:
    if not isinstance(code, str):
        return None
    found = _ENGLISH.get(code)
    if found is None and code in _WORKFLOWS:
        found = _WORKFLOWS[code].english[code]
    return found


class _English(string.Formatter):
    """``{x:or}`` joins keys as ``'a', 'b' or 'c'``, ``{x:list}`` as
    ``'a', 'b'``; anything else formats as ``str.format`` does."""

    def format_field(self, value: object, format_spec: str) -> str:
        if format_spec in {"or", "list"} and isinstance(value, tuple):
            shown = [repr(k) for k in value]
            if format_spec == "list" or len(shown) <= 1:
                return ", ".join(shown) or "nowhere"
            return f"{', '.join(shown[:-1])} or {shown[-1]}"
        return str(super().format_field(value, format_spec))


_FORMAT = _English()


@attrs.frozen
class Refusal:
    """One reason a move is refused: a stable ``code``, the English ``text``
    and the ``params`` it was made from (sorted name/value pairs).

    >>> Refusal.of("contact_missing")
    Refusal(code='contact_missing', text='contact is missing', params=())
    >>> Refusal.of("won_by_entering", stage=("contract_signed",)).text
    "a deal is won by entering 'contract_signed'"
    """

    code: str
    text: str
    params: tuple[tuple[str, object], ...] = ()

    @classmethod
    def of(cls, code: str, /, **params: object) -> Refusal:
        """The built-in refusal ``code`` with ``params``, its English text
        derived from them; an unknown code is an
        :class:`~accountcore.errors.UnknownKeyError` naming it and the known
        ones, a missing parameter a
        :class:`~accountcore.errors.MessageParameterError`.

        >>> Refusal.of("amount_not_positive", amount="0 EUR").text
        'amount must be positive, got 0 EUR'
        >>> Refusal.of("amount_not_positive")
        Traceback (most recent call last):
        ...
        accountcore.errors.MessageParameterError: Message 'amount_not_positive' takes {amount}: missing amount.
        """
        template = _template(code)
        if template is None:
            raise UnknownKeyError("refusal code", code, _ENGLISH)
        names = {field for _, field, _, _ in _FORMAT.parse(template) if field}
        missing = sorted(names - params.keys())
        if missing:
            raise MessageParameterError(code, names, missing)
        return cls(
            code, _FORMAT.vformat(template, (), params), tuple(sorted(params.items()))
        )

    @property
    def message(self) -> Message:
        """The refusal as a catalog message: ``pipeline.refusal.<code>`` for a
        translated built-in code, else ``pipeline.refusal.custom`` showing the
        English text.

        >>> Refusal.of("forbidden", source="needs", target="lost").message.id
        'pipeline.refusal.forbidden'
        """
        table = _WORKFLOWS.get(self.code)
        if table is not None and self.code not in table.untranslated:
            shown = {
                name: _keys(value, table.label) if name in table.state_params else value
                for name, value in self.params
            }
            return Message.of(f"{table.prefix}.{self.code}", **shown)
        if self.code not in BUILTIN_CODES or self.code in _UNTRANSLATED:
            return Message.of("pipeline.refusal.custom", text=self.text)
        values = {
            name: _stages(value) if name in _STAGE_PARAMS else value
            for name, value in self.params
        }
        return Message.of(f"pipeline.refusal.{self.code}", **values)

    def render(self, locale: str) -> str:
        """The refusal in ``locale``'s language; in English exactly ``text``.

        >>> Refusal.of("enters_only_from", stage="completed", source=("fulfilment",)).render("lv_LV")
        'darījums nonāk posmā “Pabeigts” tikai no posma “Līguma izpilde”'
        """
        if language_of(locale) == "en":
            return self.text
        return self.message.render(locale)


def _stages(value: object) -> object:
    return _keys(value, stage_label)


def _keys(value: object, label: Callable[[str], Message | str]) -> object:
    if isinstance(value, str):
        return label(value)
    if isinstance(value, tuple):  # several keys: one placeholder, "a or b"
        return tuple(label(k) for k in value)
    return value


@attrs.frozen
class Verdict:
    """Whether a deal may move now, and if not, every reason why.

    A verdict is true when the move is allowed. ``unmet`` lists the reasons
    in English; ``refusals`` keeps them as data
    (:class:`~accountcore.pipeline.refusals.Refusal`: a code and its parameters), so
    :meth:`render` can show them in any language. A verdict built from
    plain strings keeps each as a refusal of code ``"custom"``.

    >>> v = Verdict.of("needs", "lost", [Refusal.of("reason_required", stage="lost")])
    >>> bool(v), v.allowed, v.unmet
    (False, False, ("a reason is required to move to 'lost'",))
    >>> [r.code for r in v.refusals]
    ['reason_required']
    """

    current: str
    target: object
    unmet: tuple[str, ...] = ()
    refusals: tuple[Refusal, ...] = attrs.field(default=(), repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        if len(self.refusals) != len(self.unmet):
            if self.refusals:
                object.__setattr__(self, "unmet", tuple(r.text for r in self.refusals))
            else:
                object.__setattr__(
                    self, "refusals", tuple(Refusal("custom", t) for t in self.unmet)
                )

    @classmethod
    def of(cls, current: str, target: object, refusals: Iterable[Refusal]) -> Verdict:
        """The verdict refusing the move for ``refusals`` (allowed when none).

        >>> Verdict.of("needs", "presentation", []).allowed
        True
        """
        kept = tuple(refusals)
        return cls(current, target, tuple(r.text for r in kept), kept)

    @property
    def allowed(self) -> bool:
        """``True`` when nothing is unmet.

        >>> Verdict("needs", "presentation").allowed
        True
        """
        return not self.unmet

    @property
    def messages(self) -> tuple[Message, ...]:
        """Each refusal as a catalog message (ids under ``pipeline.refusal.``).

        >>> Verdict.of("needs", "lost", [Refusal.of("reason_required", stage="lost")]).messages[0].id
        'pipeline.refusal.reason_required'
        """
        return tuple(refusal.message for refusal in self.refusals)

    def render(self, locale: str) -> list[str]:
        """Each refusal in ``locale``'s language (empty when allowed); in
        English exactly the ``unmet`` texts.

        >>> Verdict.of("needs", "lost", [Refusal.of("reason_required", stage="lost")]).render("et_EE")
        ['etappi „Kaotatud“ viimiseks tuleb märkida põhjus']
        """
        return [refusal.render(locale) for refusal in self.refusals]

    def __bool__(self) -> bool:
        return not self.unmet
