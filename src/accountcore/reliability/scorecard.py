"""The :class:`Scorecard` definition and the :class:`ReliabilityScore` it gives.

Scale: a score's ``value`` is a Decimal from 0 (worst) to 100 (best) with two
decimals (half-even), the weighted sum of the factors' points (each 0–100);
a factor with missing data counts at the scorecard's ``neutral`` points.
``confidence`` (0–1, two decimals) is the weighted share of what the factors
look at that was known. Bands are half-open ranges ``[low, high)`` of the
value, the top band closed at 100: a value exactly on a cut-off belongs to
the higher band.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> from accountcore.reliability.profile import ClientProfile
>>> card = Scorecard.default()
>>> score = card.score(ClientProfile("EUR", founded=dt.date(2012, 5, 1), employees=80, warning_signs=[]), on=dt.date(2026, 6, 30))
>>> score.value, score.band, score.confidence
(Decimal('64.25'), 'C', Decimal('0.30'))
>>> [reason.code for reason in score.reasons]
['payment.missing', 'financial.missing', 'security.missing', 'stability.size']
"""

from __future__ import annotations

import datetime as _dt
import enum
import hashlib
import itertools
import json
from collections.abc import Iterable, Mapping
from decimal import ROUND_HALF_EVEN, Decimal
from typing import Any, NoReturn

import attrs

from accountcore import _html, _records
from accountcore._fast import builder
from accountcore.errors import DefinitionError, check_type
from accountcore.i18n import Message, Percent
from accountcore.money import to_decimal
from accountcore.periods import as_date
from accountcore.reliability.factors import (
    FinancialStrength,
    MaterialSecurity,
    PaymentBehaviour,
    Stability,
    WarningSigns,
)
from accountcore.reliability.messages import Explained
from accountcore.reliability.profile import ClientProfile, WarningSign
from accountcore.reliability.protocol import (
    Factor,
    Finding,
    factor_class,
    factor_kind,
    registered_kinds,
)

__all__ = [
    "ReliabilityBand",
    "FactorScore",
    "FactorWeight",
    "Hint",
    "Reason",
    "ReliabilityScore",
    "Scorecard",
]

_ZERO = Decimal(0)
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def _registered() -> set[type]:
    return {factor_class(kind) for kind in registered_kinds()}


def _q(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_EVEN)


def _low(value: object) -> Decimal:
    return to_decimal(value, "low")


def _high(value: object) -> Decimal:
    return to_decimal(value, "high")


def _weight(value: object) -> Decimal:
    return to_decimal(value, "weight")


def _neutral(value: object) -> Decimal:
    return to_decimal(value, "neutral")


def _weights(value: Iterable[FactorWeight]) -> tuple[FactorWeight, ...]:
    return tuple(value)


def _bands(value: Iterable[ReliabilityBand]) -> tuple[ReliabilityBand, ...]:
    return tuple(value)


def _reason_lines(
    reasons: Iterable[Reason], hints: Iterable[Hint], locale: str
) -> list[str]:
    """Each reason with the points it cost, then each hint with the points
    it could win back, in ``locale`` (a reliability score's and an account
    health's explanation end alike)."""
    return [
        *(
            Message.of(
                "reliability.explain.reason", points=r.points, reason=r.message
            ).render(locale)
            for r in reasons
        ),
        *(
            Message.of(
                "reliability.explain.hint", points=h.points, hint=h.message
            ).render(locale)
            for h in hints
        ),
    ]


@attrs.frozen
class ReliabilityBand:
    """A band of score values: ``[low, high)``, the top band closed at 100.

    >>> ReliabilityBand("A", 80, 100).low
    Decimal('80')
    """

    label: str
    low: Decimal = attrs.field(converter=_low)
    high: Decimal = attrs.field(converter=_high)


@attrs.frozen
class FactorWeight:
    """A factor and its weight (a share of 1) in a scorecard.

    >>> FactorWeight(Stability(), "0.10").weight
    Decimal('0.10')
    """

    factor: Factor
    weight: Decimal = attrs.field(converter=_weight)


@attrs.frozen
class Reason(Explained):
    """Why points were lost: the finding's ``code``, the score ``points`` it
    cost and its ``message`` (a :class:`~accountcore.i18n.Message`);
    ``text`` is the English, :meth:`render` any language.

    >>> from accountcore.reliability.messages import sign_label
    >>> reason = Reason("warnings.tax_arrears", Decimal("7.00"),
    ...                 Message.of("reliability.warnings.sign", sign=sign_label("tax_arrears")))
    >>> reason.text, reason.render("et_EE")
    ('Warning sign: tax arrears.', 'Hoiatusmärk: maksuvõlg.')
    """

    code: str
    points: Decimal
    message: Message


@attrs.frozen
class Hint(Explained):
    """What would lift the client towards the next band, worth up to
    ``points``: the finding's ``code`` and what to do, as a ``message``.

    >>> hint = Hint("payment.days_beyond_terms", Decimal("5.25"),
    ...             Message.of("reliability.payment.days_beyond_terms.hint"))
    >>> hint.text, hint.render("uk_UA")
    ('Pay invoices on time or early.', 'Сплачуйте рахунки вчасно або достроково.')
    """

    code: str
    points: Decimal
    message: Message


@attrs.frozen
class FactorScore:
    """One factor's part in a score: its points (``None`` if missing), weight, coverage.

    >>> FactorScore("payment", Decimal("0.35"), None, Decimal(0)).points is None
    True
    """

    code: str
    weight: Decimal
    points: Decimal | None
    coverage: Decimal


@attrs.frozen
class ReliabilityScore:
    """A client's reliability as scored on ``on`` by one scorecard version.

    ``value`` 0–100 (two decimals, higher is better), ``band`` its label,
    ``reasons`` the findings that cost the most points, ``hints`` what would
    reach the next band, ``confidence`` 0–1, ``fingerprint`` the scorecard's
    version (sha256 of its canonical JSON) for audit.

    >>> import datetime as dt
    >>> score = Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))
    >>> score.value, score.band, score.confidence, score.knockout
    (Decimal('50.00'), 'C', Decimal('0.00'), False)
    """

    value: Decimal
    band: str
    confidence: Decimal
    reasons: tuple[Reason, ...]
    hints: tuple[Hint, ...]
    factors: tuple[FactorScore, ...]
    knockout: bool
    on: _dt.date
    scorecard: str
    fingerprint: str
    client_id: str | None = None
    warning_signs: tuple[WarningSign, ...] = ()

    def explain(self, locale: str) -> list[str]:
        """The score explained in ``locale``: the headline, the knock-out if
        any, each reason with the score points it cost, each hint with the
        points it could win back.

        >>> import datetime as dt
        >>> profile = ClientProfile("EUR", founded=dt.date(2012, 5, 1), employees=80)
        >>> for line in Scorecard.default().score(profile, on=dt.date(2026, 6, 30)).explain("et_EE"):
        ...     print(line)
        Usaldusväärsus 54,25 punkti 100-st, klass C, kindlus 10%.
        −17,50 punkti: Teadaoleva laekumisega arveid veel pole, vaja on 3; hinnatud neutraalselt.
        −12,50 punkti: Finantsaruanded puuduvad või on puudulikud; hinnatud neutraalselt.
        −10,00 punkti: Hoiatusmärke ei ole kontrollitud; hinnatud neutraalselt.
        −5,00 punkti: Praegune krediidiriski positsioon on teadmata; hinnatud neutraalselt.
        −0,75 punkti: 80 töötajat.
        Kuni +17,50 punkti: Koguge makseajalugu (arveid vähemalt: 3).
        """
        lines = [
            Message.of(
                "reliability.explain.score",
                value=self.value,
                band=self.band,
                confidence=Percent(self.confidence, 0),
            ).render(locale)
        ]
        if self.knockout:
            lines.append(Message.of("reliability.explain.knockout").render(locale))
        lines.extend(_reason_lines(self.reasons, self.hints, locale))
        return lines

    def __repr__(self) -> str:
        """Short: the client, the value, the band, the day (not every factor).

        >>> import datetime as dt
        >>> Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))
        <ReliabilityScore 50.00 band C on 2026-01-01, confidence 0.00>
        """
        who = "" if self.client_id is None else f" {self.client_id!r}"
        knocked = ", knock-out" if self.knockout else ""
        return (
            f"<ReliabilityScore{who} {self.value} band {self.band} on "
            f"{self.on.isoformat()}, confidence {self.confidence}{knocked}>"
        )

    def to_records(self) -> list[dict[str, Any]]:
        """The factors as plain dicts, figures as ``Decimal``: ``factor``,
        ``weight``, ``points`` (``None`` when the data was missing) and
        ``coverage``.

        >>> import datetime as dt
        >>> score = Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))
        >>> score.to_records()[0]
        {'factor': 'payment', 'weight': Decimal('0.35'), 'points': None, 'coverage': Decimal('0')}
        """
        return [
            {
                "factor": part.code,
                "weight": part.weight,
                "points": part.points,
                "coverage": part.coverage,
            }
            for part in self.factors
        ]

    def to_frame(self) -> Any:
        """The factors (see :meth:`to_records`) as a polars DataFrame with
        decimal columns (``accountcore[frames]``)."""
        return _records.frame(
            self.to_records(), _FACTOR_COLUMNS, "ReliabilityScore.to_frame"
        )

    def to_html(self, locale: str = "en_US") -> str:
        """The score as an HTML block for ``locale``: the explanation
        (:meth:`explain`) and a table of the factors, every text escaped.

        >>> import datetime as dt
        >>> score = Scorecard.default().score(ClientProfile("EUR"), on=dt.date(2026, 1, 1))
        >>> "<th" in score.to_html("lv_LV")
        True
        """
        factors = _html.factors_table(self.factors, locale)
        title = f"{self.client_id or self.scorecard}, {self.on.isoformat()}"
        return _html.block(title, self.explain(locale), factors)

    def _repr_html_(self) -> str:
        return self.to_html("en_US")

    def factor(self, code: str) -> FactorScore | None:
        """The part of the factor coded ``code``, if the scorecard has it."""
        for part in self.factors:
            if part.code == code:
                return part
        return None


_FACTOR_COLUMNS = {
    "factor": "str",
    "weight": "decimal",
    "points": "decimal",
    "coverage": "decimal",
}

_factor_score = builder(FactorScore)
_reason = builder(Reason)
_hint_of = builder(Hint)
_score = builder(ReliabilityScore)

DEFAULT_BANDS = (
    ReliabilityBand("A", 80, 100),
    ReliabilityBand("B", 65, 80),
    ReliabilityBand("C", 50, 65),
    ReliabilityBand("D", 35, 50),
    ReliabilityBand("E", 0, 35),
)


def _band_faults(bands: tuple[ReliabilityBand, ...]) -> list[str]:
    faults: list[str] = []
    if not bands:
        return ["no bands: bands must cover 0 to 100"]
    labels = [band.label for band in bands]
    faults.extend(
        f"band label {label!r} is used {labels.count(label)} times"
        for label in sorted(set(labels))
        if labels.count(label) > 1
    )
    for band in bands:
        if not band.low < band.high:
            faults.append(
                f"band {band.label!r} is empty or reversed: low={band.low}, high={band.high}"
            )
    ordered = sorted(bands, key=lambda band: (band.low, band.high, band.label))
    if ordered[0].low != 0:
        faults.append(
            f"values from 0 to {ordered[0].low} are in no band (lowest band "
            f"{ordered[0].label!r} starts at {ordered[0].low})"
        )
    if ordered[-1].high != 100:
        faults.append(
            f"the top band {ordered[-1].label!r} ends at {ordered[-1].high}, not 100"
        )
    for below, above in itertools.pairwise(ordered):
        if below.high < above.low:
            faults.append(
                f"gap between bands {below.label!r} and {above.label!r}: "
                f"values from {below.high} to {above.low} are in no band"
            )
        elif below.high > above.low:
            faults.append(
                f"bands {below.label!r} and {above.label!r} overlap from "
                f"{above.low} to {below.high}"
            )
    return faults


@attrs.frozen
class Scorecard:
    """A validated definition: weighted factors, bands, neutral points.

    Built only if weights are each above 0 and sum to exactly 1, factor
    codes are unique, every factor's class is registered (the fingerprint
    hashes the serialised definition), bands cover 0–100 with no gap or overlap, ``neutral``
    is within 0–100 and ``max_reasons`` at least 1; otherwise
    :class:`~accountcore.errors.DefinitionError` lists every fault.

    >>> Scorecard("bad", (FactorWeight(Stability(), "0.5"), FactorWeight(Stability(), "0.4")), bands=(ReliabilityBand("A", 10, 100),))
    Traceback (most recent call last):
    ...
    accountcore.errors.DefinitionError: Scorecard 'bad' is invalid (3 faults):
      - weights sum to 0.9, not 1
      - factor code 'stability' is used 2 times
      - values from 0 to 10 are in no band (lowest band 'A' starts at 10)
    """

    name: str
    factors: tuple[FactorWeight, ...] = attrs.field(converter=_weights)
    bands: tuple[ReliabilityBand, ...] = attrs.field(
        default=DEFAULT_BANDS, converter=_bands
    )
    neutral: Decimal = attrs.field(default=Decimal(50), converter=_neutral)
    max_reasons: int = 5
    fingerprint: str = attrs.field(init=False, eq=False, repr=False)
    _ordered: tuple[ReliabilityBand, ...] = attrs.field(
        init=False, eq=False, repr=False
    )
    _plan: tuple[tuple[Factor, Decimal], ...] = attrs.field(
        init=False, eq=False, repr=False
    )

    def __attrs_post_init__(self) -> None:
        faults: list[str] = []
        total = _ZERO
        for entry in self.factors:
            if not isinstance(entry, FactorWeight):
                faults.append(f"{entry!r} is not a FactorWeight")
                continue
            total += entry.weight
            if not isinstance(entry.factor, Factor):
                faults.append(
                    f"{entry.factor!r} does not follow the Factor protocol "
                    "(code, assess)"
                )
            elif type(entry.factor) not in _registered():
                faults.append(
                    f"factor {entry.factor.code!r} of class "
                    f"{type(entry.factor).__name__} is not registered: call "
                    "register_factor(kind, cls) so the scorecard serialises"
                )
            if not 0 < entry.weight <= 1:
                faults.append(
                    f"factor {entry.factor.code!r} has weight {entry.weight}; "
                    "a weight is above 0 and at most 1"
                )
        if not self.factors:
            faults.append("no factors")
        elif total != 1:
            faults.append(f"weights sum to {total}, not 1")
        codes = [
            entry.factor.code
            for entry in self.factors
            if isinstance(entry, FactorWeight) and isinstance(entry.factor, Factor)
        ]
        faults.extend(
            f"factor code {code!r} is used {codes.count(code)} times"
            for code in sorted(set(codes))
            if codes.count(code) > 1
        )
        faults.extend(_band_faults(self.bands))
        if not 0 <= self.neutral <= 100:
            faults.append(f"neutral={self.neutral} must be from 0 to 100")
        if type(self.max_reasons) is not int or self.max_reasons < 1:
            faults.append(
                f"max_reasons={self.max_reasons!r} must be an int of at least 1"
            )
        if faults:
            raise DefinitionError(f"Scorecard {self.name!r}", faults)
        digest = hashlib.sha256(_canonical(self).encode("utf-8")).hexdigest()
        object.__setattr__(self, "fingerprint", f"sha256:{digest}")
        ordered = tuple(sorted(self.bands, key=lambda band: band.low, reverse=True))
        object.__setattr__(self, "_ordered", ordered)
        plan = tuple((entry.factor, entry.weight) for entry in self.factors)
        object.__setattr__(self, "_plan", plan)

    @classmethod
    def default(cls) -> Scorecard:
        """The built-in scorecard.

        Weights: payment behaviour 0.35, financial strength 0.25, warning
        signs 0.20, material security 0.10, stability 0.10. Bands: A from
        80, B from 65, C from 50, D from 35, E below 35. Neutral 50; up to five reasons.

        >>> Scorecard.default().fingerprint == Scorecard.default().fingerprint
        True
        """
        return cls(
            "default",
            (
                FactorWeight(PaymentBehaviour(), "0.35"),
                FactorWeight(FinancialStrength(), "0.25"),
                FactorWeight(MaterialSecurity(), "0.10"),
                FactorWeight(Stability(), "0.10"),
                FactorWeight(WarningSigns(), "0.20"),
            ),
        )

    def band_of(self, value: Decimal) -> ReliabilityBand:
        """The band holding ``value`` (on a cut-off: the higher band).

        ``value`` is a number :func:`~accountcore.money.to_decimal` takes;
        NaN, infinities and other values are refused naming it.

        >>> Scorecard.default().band_of(Decimal("80")).label, Scorecard.default().band_of(Decimal("79.99")).label
        ('A', 'B')
        >>> Scorecard.default().band_of(Decimal("NaN"))
        Traceback (most recent call last):
        ...
        accountcore.errors.InvalidAmountError: value must be a finite decimal number, got Decimal('NaN').
        """
        value = to_decimal(value, "value")
        ordered = self._ordered
        for band in ordered:
            if value >= band.low:
                return band
        return ordered[-1]

    def score(self, profile: ClientProfile, *, on: _dt.date) -> ReliabilityScore:
        """Score ``profile`` as known on ``on``; deterministic, explained.

        A knock-out (insolvency proceedings) forces the lowest band and caps
        the value just below that band's top.
        """
        as_date(on, "on")
        check_type("profile", profile, ClientProfile)
        total, confidence, losses, knockouts, parts = self._assess(profile, on)
        value = _q(max(_ZERO, min(_HUNDRED, total)))
        losses.sort(key=lambda item: (-item[0], item[1].code))
        band = self.band_of(value)
        knockout = bool(knockouts)
        if knockout:
            band = self._ordered[-1]
            value = min(value, band.high - _CENT)
        reasons = tuple(
            _reason(finding.code, _q(lost), finding.message)
            for lost, finding in losses[: self.max_reasons]
        )
        hints = self._hints(value, band, losses, knockouts if knockout else None)
        return _score(
            value,
            band.label,
            _q(confidence),
            reasons,
            hints,
            parts,
            knockout,
            on,
            self.name,
            self.fingerprint,
            profile.client_id,
            profile.warning_signs or (),
        )

    def _assess(
        self, profile: ClientProfile, on: _dt.date
    ) -> tuple[
        Decimal,
        Decimal,
        list[tuple[Decimal, Finding]],
        list[tuple[Decimal, Finding]],
        tuple[FactorScore, ...],
    ]:
        """Ask every factor: the weighted points (unrounded), the weighted
        coverage, each finding with the score points it cost, the knock-out
        findings, and each factor's part."""
        neutral = self.neutral
        missing_loss = _HUNDRED - neutral
        value = _ZERO
        confidence = _ZERO
        knockouts: list[tuple[Decimal, Finding]] = []
        losses: list[tuple[Decimal, Finding]] = []
        parts: list[FactorScore] = []
        for factor, weight in self._plan:
            result = factor.assess(profile, on)
            points = result.points
            coverage = result.coverage
            findings = result.findings
            if points is None:
                value += weight * neutral
                # scoring neutral costs (100 - neutral) points, charged to the
                # first finding (FactorResult.missing makes exactly one)
                first = findings[0] if findings else _missing(factor.code)
                losses.append((weight * missing_loss, first))
                findings = findings[1:]
            else:
                if not (0 <= points <= 100 and 0 <= coverage <= 1):
                    raise _out_of_range(factor, points, coverage)
                value += weight * points
                confidence += weight * coverage
            for finding in findings:
                lost = finding.lost
                if lost:
                    losses.append((weight * lost, finding))
                if finding.knockout:
                    knockouts.append((weight * lost, finding))
            parts.append(_factor_score(factor.code, weight, points, coverage))
        return value, confidence, losses, knockouts, tuple(parts)

    def _hints(
        self,
        value: Decimal,
        band: ReliabilityBand,
        losses: Iterable[tuple[Decimal, Finding]],
        knockouts: list[tuple[Decimal, Finding]] | None,
    ) -> tuple[Hint, ...]:
        if knockouts is not None:
            return tuple(_hint(lost, finding) for lost, finding in knockouts)
        ordered = self._ordered
        position = ordered.index(band)
        if position == 0:
            return ()
        gap = ordered[position - 1].low - value
        hints: list[Hint] = []
        gained = _ZERO
        for lost, finding in losses:
            if gained >= gap:
                break
            hints.append(_hint(lost, finding))
            gained += lost
        return tuple(hints)


# --- the fingerprint ------------------------------------------------------------
# The canonical JSON of a scorecard is written here, inside the core, and is
# byte for byte what accountcore.serialization.to_json writes for it (a test
# checks this), so fingerprints of scores stored before stay valid.


def _canonical(card: Scorecard) -> str:
    """The scorecard's definition as deterministic JSON: sorted keys, no
    spaces, Decimals as written, each factor as its kind and fields."""
    data = {
        "name": card.name,
        "factors": [
            {
                "factor": {
                    "kind": factor_kind(entry.factor),
                    **_fields(entry.factor, entry.factor.code),
                },
                "weight": str(entry.weight),
            }
            for entry in card.factors
        ],
        "bands": [_fields(band, band.label) for band in card.bands],
        "neutral": str(card.neutral),
        "max_reasons": card.max_reasons,
    }
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def _fields(obj: object, where: str) -> dict[str, object]:
    """The fields of ``obj``'s ``__init__`` (an attrs instance), as plain data."""
    kind = type(obj)
    if not attrs.has(kind):
        return _unwritable(obj, where)
    return {
        field.name: _plain(getattr(obj, field.name), f"{where}.{field.name}")
        for field in attrs.fields(kind)
        if field.init
    }


def _plain(value: object, where: str) -> object:
    """``value`` as plain JSON data, as the serialisation converter writes
    it: Decimals as written, enums by value, dates in ISO 8601, attrs
    classes (``Money``, ``Period``…) by the fields of their ``__init__``."""
    if value is None or isinstance(value, str | bool | int | float):
        return value
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, enum.Enum):
        return _plain(value.value, where)
    if isinstance(value, _dt.date):
        return value.isoformat()
    if attrs.has(type(value)):
        return _fields(value, where)
    if isinstance(value, Mapping):
        return {
            _plain(key, where): _plain(item, f"{where}[{key!r}]")
            for key, item in value.items()
        }
    if isinstance(value, list | tuple):
        return [_plain(item, f"{where}[{n}]") for n, item in enumerate(value)]
    return _unwritable(value, where)


def _unwritable(value: object, where: str) -> NoReturn:
    raise DefinitionError(
        "Scorecard fingerprint",
        [
            f"{where}={value!r} ({type(value).__name__}) cannot be written as "
            "JSON; use str, int, Decimal, date, an enum, an attrs class, "
            "a mapping or a tuple of these"
        ],
    )


def _out_of_range(
    factor: Factor, points: Decimal, coverage: Decimal
) -> DefinitionError:
    return DefinitionError(
        f"Factor {factor.code!r}",
        [
            f"it gave points={points} and coverage={coverage}; "
            "points are 0-100 and coverage 0-1"
        ],
    )


def _missing(code: str) -> Finding:
    return Finding(f"{code}.missing", _ZERO, Message.of("reliability.missing"))


def _hint(lost: Decimal, finding: Finding) -> Hint:
    return _hint_of(finding.code, _q(lost), finding.hint or finding.message)
