"""The factor protocol, what a factor returns, and the registry of factor kinds.

A factor looks at a :class:`ClientProfile` on a date and returns a
:class:`FactorResult`: points from 0 to 100 explained by findings (each
finding says how many of the factor's points it cost), or *missing* when the
profile holds too little to judge. Missing data is scored neutral by the
scorecard and lowers the confidence; it is never silently zero.

Write your own factor as a frozen attrs class with a ``code`` and an
``assess(profile, on)`` method, and register it with :func:`register_factor`
so scorecards using it serialise. Its findings explain themselves in plain
text of your own, shown as it is in every language (or with a
:class:`~accountcore.i18n.Message` of the ``reliability.`` catalog):

>>> import datetime as dt
>>> @attrs.frozen
... class HasWebsite:
...     code: str = "website"
...     def assess(self, profile: ClientProfile, on: dt.date) -> FactorResult:
...         return FactorResult.missing(self.code, "No website check yet.")
>>> register_factor("website", HasWebsite)
>>> isinstance(HasWebsite(), Factor)
True
>>> HasWebsite().assess(ClientProfile("EUR"), dt.date(2026, 1, 1)).findings[0].render("lv_LV")
'No website check yet.'
"""

from __future__ import annotations

import datetime as _dt
from decimal import Decimal
from typing import Protocol, runtime_checkable

import attrs

from accountcore._fast import builder
from accountcore.errors import DefinitionError, UnknownKeyError
from accountcore.i18n import Message
from accountcore.reliability.messages import Explained, explanation
from accountcore.reliability.profile import ClientProfile

__all__ = [
    "Factor",
    "FactorResult",
    "Finding",
    "factor_class",
    "factor_kind",
    "register_factor",
    "registered_kinds",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HUNDRED = Decimal(100)


def _hint(value: Message | str | None) -> Message | None:
    if value is None or value == "":
        return None
    return explanation(value)


@attrs.frozen
class Finding(Explained):
    """One thing a factor found, and the factor points (0–100) it cost.

    ``message`` says what was found and ``hint`` what would win the points
    back (``None``: the finding's own message), each a
    :class:`~accountcore.i18n.Message` with its parameters as values. A
    ``str`` given for either is text of your own, shown as it is in every
    language. ``text`` is the English.

    >>> finding = Finding("stability.age", Decimal("20"), Message.of("reliability.stability.age", count=3))
    >>> finding.text, finding.render("ro_RO")
    ('In business for 3 full years.', 'Activează de 3 ani compleți.')
    >>> Finding("website.none", Decimal("50"), "No website.").render("et_EE")
    'No website.'
    """

    code: str
    lost: Decimal
    message: Message = attrs.field(converter=explanation)
    hint: Message | None = attrs.field(default=None, converter=_hint)
    knockout: bool = False


@attrs.frozen
class FactorResult:
    """What one factor concluded: points from its findings, or missing data.

    ``points`` is 100 less the points the findings cost (``None`` when data
    is missing). ``coverage`` (0–1) is how much of what the factor looks at
    was known. A finding marked ``knockout`` forces the lowest band whatever
    the points.

    >>> result = FactorResult("stability", (Finding("stability.young", Decimal("40"), "Young."),))
    >>> result.points, result.is_missing
    (Decimal('60'), False)
    >>> FactorResult.missing("financial", "No statements.").points is None
    True
    """

    code: str
    findings: tuple[Finding, ...] = ()
    coverage: Decimal = _ONE

    @classmethod
    def missing(
        cls,
        code: str,
        message: Message | str,
        hint: Message | str | None = None,
    ) -> FactorResult:
        """A result for a factor that had too little data (coverage 0).

        Its one finding is coded ``<code>.missing``; the scorecard charges it
        the points lost by scoring neutral. ``message`` and ``hint`` are as
        in :class:`Finding`.

        >>> FactorResult.missing("website", "No website check yet.").findings[0].code
        'website.missing'
        """
        finding = Finding(f"{code}.missing", _ZERO, message, hint)
        return cls(code, (finding,), _ZERO)

    @property
    def is_missing(self) -> bool:
        """True when the factor had no data to judge by."""
        return not self.coverage

    @property
    def knockout(self) -> bool:
        """True when a finding is a knock-out (forces the lowest band)."""
        return any(finding.knockout for finding in self.findings)

    @property
    def points(self) -> Decimal | None:
        """100 less the points lost in the findings, or ``None`` if missing."""
        if not self.coverage:
            return None
        lost = _ZERO
        for finding in self.findings:
            lost += finding.lost
        return _HUNDRED - lost


_finding = builder(Finding)
_result = builder(FactorResult)


@runtime_checkable
class Factor(Protocol):
    """A scorecard factor: a ``code`` and ``assess(profile, on)``.

    >>> from accountcore.reliability.factors import PaymentBehaviour
    >>> isinstance(PaymentBehaviour(), Factor)
    True
    """

    @property
    def code(self) -> str:
        """Unique code of the factor in its scorecard (prefix of its findings)."""
        ...

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Judge ``profile`` as known on ``on``."""
        ...


_KINDS: dict[str, type] = {}
_KIND_OF: dict[type, str] = {}


def register_factor(kind: str, cls: type) -> None:
    """Register a factor class under ``kind`` so scorecards using it serialise.

    The class must be an attrs class whose fields the shared converter can
    (un)structure. Registering the same pair again is harmless; another
    class under a taken kind is an error.

    >>> from accountcore.reliability.factors import Stability
    >>> register_factor("payment", Stability)
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: register_factor('payment') is invalid (1 fault):
      - kind 'payment' is already registered for PaymentBehaviour, not Stability
    """
    known = _KINDS.get(kind)
    if known is not None and known is not cls:
        raise DefinitionError(
            f"register_factor({kind!r})",
            [
                f"kind {kind!r} is already registered for {known.__name__}, "
                f"not {cls.__name__}"
            ],
        )
    if not attrs.has(cls):
        raise DefinitionError(
            f"register_factor({kind!r})",
            [f"{cls!r} is not an attrs class; it cannot serialise"],
        )
    _KINDS[kind] = cls
    _KIND_OF[cls] = kind


def factor_kind(factor: object) -> str:
    """The registered kind of ``factor``'s class.

    >>> from accountcore.reliability.factors import WarningSigns
    >>> factor_kind(WarningSigns())
    'warnings'
    """
    try:
        return _KIND_OF[type(factor)]
    except KeyError:
        raise UnknownKeyError(
            "factor class",
            type(factor).__name__,
            sorted(cls.__name__ for cls in _KIND_OF),
            hint="call register_factor(kind, cls) before serialising a "
            "scorecard using it",
        ) from None


def registered_kinds() -> tuple[str, ...]:
    """Every registered factor kind, sorted.

    >>> kinds = registered_kinds()
    >>> "payment" in kinds, kinds == tuple(sorted(kinds))
    (True, True)
    """
    return tuple(sorted(_KINDS))


def factor_class(kind: str) -> type:
    """The factor class registered under ``kind``.

    >>> factor_class("stability").__name__
    'Stability'
    """
    found = _KINDS.get(kind) if isinstance(kind, str) else None
    if found is None:
        raise UnknownKeyError("factor kind", kind, _KINDS)
    return found
