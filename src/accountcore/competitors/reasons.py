"""Coded reasons: why deals are lost and why clients churn.

A :class:`ReasonCodes` is a configurable code list. The built-in codes
(:data:`LOST_REASONS`, :data:`CHURN_REASONS`) have catalog labels in six
languages (``competitors.lost_reason.<code>``,
``competitors.churn_reason.<code>``); a code of your own comes with its
label in all six languages. A reason is recorded as a :class:`CodedReason`:
the code, with free text beside it. Reports show a reason through its label,
never its code.

>>> LOST_REASONS.label("no_budget").render("et_EE")
'Eelarve puudub'
>>> mine = LOST_REASONS.with_code("tender_rules", {
...     "en": "Tender rules", "et": "Hanke tingimused", "uk": "Умови тендеру",
...     "ja": "入札条件", "ro": "Regulile licitației", "lv": "Iepirkuma noteikumi"})
>>> mine.label("tender_rules").render("lv_LV"), mine.label("price").render("ja_JP")
('Iepirkuma noteikumi', '価格')
>>> LOST_REASONS.label("weather")
Traceback (most recent call last):
...
accountcore.errors.UnknownKeyError: Unknown lost reason 'weather': expected one of 'competitor', 'no_budget', 'no_decision', 'other', 'price', 'product_fit', 'relationship', 'timing'.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

import attrs

from accountcore.errors import DefinitionError, UnknownKeyError
from accountcore.i18n import Message, language_of

__all__ = [
    "CHURN_REASONS",
    "LANGUAGES",
    "LOST_REASONS",
    "CodeLabel",
    "CodedReason",
    "ReasonCodes",
]

LANGUAGES: tuple[str, ...] = ("en", "et", "ja", "lv", "ro", "uk")
"""The catalog languages a code of your own is labelled in."""

_CODE = re.compile(r"^[a-z][a-z0-9_]*$")


@attrs.frozen
class CodeLabel:
    """The label of a code of your own, one text per catalog language; other
    languages read the English.

    >>> CodeLabel((("en", "Tender"), ("et", "Hange"))).render("et_EE")
    'Hange'
    """

    texts: tuple[tuple[str, str], ...]

    def render(self, locale: str) -> str:
        """The label in ``locale``'s language (English when it has none)."""
        table = dict(self.texts)
        return table.get(language_of(locale), table.get("en", ""))


@attrs.frozen
class ReasonCodes:
    """A code list of ``kind`` (``"lost"`` or ``"churn"``): the built-in
    codes it keeps (``codes``) and codes of your own with their labels
    (``custom``: code -> language -> text, all six languages). Checked when
    built, every fault at once.

    >>> ReasonCodes("lost", ("price", "Bad Code"), {"tender": {"en": "Tender"}})
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: Lost reasons is invalid (2 faults):
      - code 'Bad Code' is neither built in nor labelled
      - code 'tender': labels missing for et, ja, lv, ro, uk
    """

    kind: str
    codes: tuple[str, ...]
    custom: Mapping[str, Mapping[str, str]] = attrs.field(factory=dict)

    def __attrs_post_init__(self) -> None:
        builtin = _BUILTIN.get(self.kind)
        if builtin is None:
            raise UnknownKeyError("reason kind", self.kind, _BUILTIN)
        faults = [
            f"code {code!r} is neither built in nor labelled"
            for code in self.codes
            if code not in builtin and code not in self.custom
        ]
        for code, texts in self.custom.items():
            if not isinstance(code, str) or not _CODE.match(code):
                faults.append(f"code {code!r} must be lower-case letters, digits and _")
                continue
            if code in builtin:
                faults.append(f"code {code!r} is built in: it has its catalog labels")
            missing = [
                lang
                for lang in LANGUAGES
                if not isinstance(texts.get(lang), str) or not texts[lang].strip()
            ]
            if missing:
                faults.append(f"code {code!r}: labels missing for {', '.join(missing)}")
        if faults:
            raise DefinitionError(f"{self.kind.capitalize()} reasons", faults)

    @classmethod
    def default(cls, kind: str) -> ReasonCodes:
        """The built-in code list of ``kind``.

        >>> ReasonCodes.default("churn").all_codes()[:3]
        ('price', 'competitor', 'service')
        """
        if kind not in _BUILTIN:
            raise UnknownKeyError("reason kind", kind, _BUILTIN)
        return cls(kind, _BUILTIN[kind])

    def all_codes(self) -> tuple[str, ...]:
        """The built-in codes kept, then the codes of your own."""
        return (*self.codes, *(c for c in self.custom if c not in self.codes))

    def with_code(self, code: str, labels: Mapping[str, str]) -> ReasonCodes:
        """A new list with ``code`` of your own, labelled in six languages."""
        return ReasonCodes(self.kind, self.codes, {**self.custom, code: dict(labels)})

    def __contains__(self, code: object) -> bool:
        return code in self.codes or code in self.custom

    def check(self, code: str) -> str:
        """``code`` when the list has it, else an
        :class:`~accountcore.errors.UnknownKeyError` naming it and the codes.

        >>> LOST_REASONS.check("timing")
        'timing'
        """
        if code not in self:
            raise UnknownKeyError(f"{self.kind} reason", code, self.all_codes())
        return code

    def label(self, code: str) -> Message | CodeLabel:
        """The label of ``code``: a catalog message for a built-in code, the
        given texts for one of your own."""
        self.check(code)
        texts = self.custom.get(code)
        if texts is not None:
            return CodeLabel(tuple(sorted(texts.items())))
        return Message.of(f"competitors.{self.kind}_reason.{code}")

    def render(self, reason: CodedReason, locale: str) -> str:
        """``reason`` in ``locale``: its label, then its free text after a
        colon when there is one.

        >>> LOST_REASONS.render(CodedReason("price", "15 % above Nordline"), "en_US")
        'Price: 15 % above Nordline'
        """
        shown = self.label(reason.code).render(locale)
        return f"{shown}: {reason.note}" if reason.note else shown


@attrs.frozen
class CodedReason:
    """A reason from a code list, with free text beside it.

    >>> CodedReason("competitor", "went with Nordline").code
    'competitor'
    """

    code: str
    note: str | None = None


_BUILTIN: Mapping[str, tuple[str, ...]] = {
    "lost": (
        "price",
        "competitor",
        "no_budget",
        "no_decision",
        "timing",
        "product_fit",
        "relationship",
        "other",
    ),
    "churn": (
        "price",
        "competitor",
        "service",
        "product_fit",
        "no_longer_needed",
        "business_closed",
        "other",
    ),
}

LOST_REASONS = ReasonCodes.default("lost")
"""Why deals are lost: price, competitor, no budget, no decision, timing,
product fit, relationship, other."""

CHURN_REASONS = ReasonCodes.default("churn")
"""Why clients leave: price, competitor, service, product fit, no longer
needed, business closed, other."""
