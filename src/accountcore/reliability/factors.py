"""The five built-in scorecard factors.

Payment behaviour (the payment index), financial strength (Altman Z''/Z'),
material security (exposure against net worth), stability (age and size)
and warning signs (penalties and knock-outs). Each follows the
:class:`~accountcore.reliability.protocol.Factor` protocol and is registered
under its default code, so scorecards using them serialise.

>>> from accountcore.reliability.protocol import factor_kind
>>> [factor_kind(factor) for factor in (PaymentBehaviour(), WarningSigns())]
['payment', 'warnings']
"""

from __future__ import annotations

import datetime as _dt
from collections.abc import Mapping
from decimal import ROUND_HALF_EVEN, Decimal

import attrs

from accountcore._fast import builder
from accountcore.errors import DefinitionError
from accountcore.i18n import N_, Message, Percent
from accountcore.money import Money, to_decimal
from accountcore.reliability.errors import InvalidProfileError
from accountcore.reliability.measures import altman_z, days_beyond_terms, payment_index
from accountcore.reliability.messages import sign_label, zone_label
from accountcore.reliability.profile import ClientProfile, WarningSign
from accountcore.reliability.protocol import (
    FactorResult,
    Finding,
    _finding,
    _result,
    register_factor,
)

__all__ = [
    "DEFAULT_PENALTIES",
    "FinancialStrength",
    "MaterialSecurity",
    "PaymentBehaviour",
    "Stability",
    "WarningSigns",
]

_ZERO = Decimal(0)
_ONE = Decimal(1)
_HALF = Decimal("0.5")
_HUNDRED = Decimal(100)
_CENT = Decimal("0.01")


def _q(value: Decimal) -> Decimal:
    return value.quantize(_CENT, rounding=ROUND_HALF_EVEN)


# The findings' messages. Scoring makes several per profile, so those with
# parameters are built by the fast builder, their parameters given already
# sorted by name (as Message.of sorts them); those without are made once.
_message = builder(Message)
_DAYS_BEYOND_TERMS = N_("reliability.payment.days_beyond_terms")
_ZONE = N_("reliability.financial.zone")
_AGE = N_("reliability.stability.age")
_SIZE = N_("reliability.stability.size")
_SIGN = N_("reliability.warnings.sign")
_KNOCKOUT = N_("reliability.warnings.knockout")
_SIGN_HINT = N_("reliability.warnings.hint")
_PAYMENT_HINT = Message.of("reliability.payment.days_beyond_terms.hint")
_ZONE_HINT = Message.of("reliability.financial.zone.hint")
_AGE_HINT = Message.of("reliability.stability.age.hint")
_AGE_UNDER_ONE = Message.of("reliability.stability.age_under_one")
_SIZE_HINT = Message.of("reliability.stability.size.hint")
_SIGNS_MISSING = Message.of("reliability.warnings.missing")
_SIGNS_MISSING_HINT = Message.of("reliability.warnings.missing.hint")


# --- payment behaviour ----------------------------------------------------------


@attrs.frozen
class PaymentBehaviour:
    """Amount-weighted days beyond terms, as the payment index (points = index).

    Fewer than ``min_records`` counted invoices is missing data. Coverage
    grows with the records counted up to ``full_records``.

    >>> import datetime as dt
    >>> from accountcore.money import Money
    >>> from accountcore.reliability.profile import PaymentRecord
    >>> late = [PaymentRecord(Money("100", "EUR"), dt.date(2026, 1, d), dt.date(2026, 2, d), dt.date(2026, 3, d)) for d in (1, 2, 3)]
    >>> result = PaymentBehaviour().assess(ClientProfile("EUR", payments=late), dt.date(2026, 6, 1))
    >>> result.points, result.findings[0].text
    (Decimal('52.00'), 'Pays 28.00 days beyond terms on average (3 invoices): payment index 52.00.')
    """

    code: str = "payment"
    min_records: int = 3
    full_records: int = 12

    def __attrs_post_init__(self) -> None:
        faults = []
        if self.min_records < 1:
            faults.append(f"min_records={self.min_records} must be at least 1")
        if self.full_records < self.min_records:
            faults.append(
                f"full_records={self.full_records} must be at least "
                f"min_records={self.min_records}"
            )
        if faults:
            raise DefinitionError(f"PaymentBehaviour {self.code!r}", faults)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Score the payment records known on ``on``."""
        days, count = days_beyond_terms(profile.payments, on)
        if days is None or count < self.min_records:
            needed = self.min_records
            # none at all is said as such, never "only 0 invoices"
            found = (
                Message.of("reliability.payment.too_few", count=count, needed=needed)
                if count
                else Message.of("reliability.payment.none", count=needed)
            )
            return FactorResult.missing(
                self.code,
                found,
                Message.of("reliability.payment.too_few.hint", needed=needed),
            )
        index = payment_index(days)
        coverage = min(_ONE, Decimal(count) / Decimal(self.full_records))
        finding = _finding(
            f"{self.code}.days_beyond_terms",
            _HUNDRED - index,
            _message(
                _DAYS_BEYOND_TERMS,
                (("count", count), ("days", _q(days)), ("index", index)),
            ),
            _PAYMENT_HINT,
            False,
        )
        return _result(self.code, (finding,), coverage)


# --- financial strength ----------------------------------------------------------


@attrs.frozen
class FinancialStrength:
    """Altman Z'' (Z' for manufacturers) mapped to points, continuous by zone.

    Distress maps Z from 0 to the distress cut-off onto 0–30 points (Z ≤ 0
    is 0), grey maps the grey zone onto 30–70, safe maps the safe cut-off
    and one grey-zone width above it onto 70–100 (capped at 100).

    >>> FinancialStrength.points_for(Decimal("1.10"), Decimal("1.10"), Decimal("2.60"))
    Decimal('30.00')
    """

    code: str = "financial"

    @staticmethod
    def points_for(z: Decimal, low: Decimal, high: Decimal) -> Decimal:
        """Points (0–100, two decimals) for ``z`` with cut-offs ``low``/``high``."""
        width = high - low
        if z <= 0:
            points = _ZERO
        elif z < low:
            points = 30 * z / low
        elif z <= high:
            points = 30 + 40 * (z - low) / width
        else:
            points = min(_HUNDRED, 70 + 30 * (z - high) / width)
        return _q(points)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Score the profile's financial statements."""
        financials = profile.financials
        score = (
            altman_z(financials, manufacturing=profile.manufacturing)
            if financials is not None
            else None
        )
        if score is None:
            return FactorResult.missing(
                self.code,
                Message.of("reliability.financial.missing"),
                Message.of("reliability.financial.missing.hint"),
            )
        low, high = score.model.cutoffs
        points = self.points_for(score.z, low, high)
        finding = _finding(
            f"{self.code}.{score.zone.value}_zone",
            _HUNDRED - points,
            _message(
                _ZONE,
                (
                    ("model", score.model.label),
                    ("z", _q(score.z)),
                    ("zone", zone_label(score.zone.value)),
                ),
            ),
            _ZONE_HINT,
            False,
        )
        return _result(self.code, (finding,), _ONE)


# --- material security --------------------------------------------------------------


def _comfortable(value: object) -> Decimal:
    return to_decimal(value, "comfortable")


def _limit(value: object) -> Decimal:
    return to_decimal(value, "limit")


@attrs.frozen
class MaterialSecurity:
    """Exposure (less collateral) against tangible net worth.

    Net exposure = open receivables + unbilled orders − collateral (not below
    zero). Up to ``comfortable`` × tangible net worth scores 100; from there
    points fall linearly to 0 at ``limit`` × tangible net worth. No net
    exposure scores 100; net exposure against zero or negative net worth
    scores 0; unknown exposure, or net exposure with unknown net worth, is
    missing.

    >>> MaterialSecurity().comfortable, MaterialSecurity().limit
    (Decimal('0.10'), Decimal('1'))
    """

    code: str = "security"
    comfortable: Decimal = attrs.field(default=Decimal("0.10"), converter=_comfortable)
    limit: Decimal = attrs.field(default=Decimal(1), converter=_limit)

    def __attrs_post_init__(self) -> None:
        if not 0 <= self.comfortable < self.limit:
            raise DefinitionError(
                f"MaterialSecurity {self.code!r}",
                [
                    f"comfortable={self.comfortable} must be at least 0 and "
                    f"below limit={self.limit}"
                ],
            )

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Score the exposure against net worth and collateral."""
        exposure = profile.exposure
        if exposure is None:
            return FactorResult.missing(
                self.code,
                Message.of("reliability.security.exposure_missing"),
                Message.of("reliability.security.exposure_missing.hint"),
            )
        net = exposure.amount
        if profile.collateral is not None:
            net -= profile.collateral.amount
        if net <= 0:
            return _result(self.code, (), _ONE)
        worth = profile.financials.tangible_net_worth if profile.financials else None
        if worth is None:
            return FactorResult.missing(
                self.code,
                Message.of("reliability.security.worth_missing"),
                Message.of("reliability.security.worth_missing.hint"),
            )
        exposed = Money(net, exposure.currency)
        if worth.amount <= 0:
            points = _ZERO
            key = "no_net_worth"
            message = Message.of(
                "reliability.security.no_net_worth", exposure=exposed, worth=worth
            )
        else:
            ratio = net / worth.amount
            if ratio <= self.comfortable:
                return _result(self.code, (), _ONE)
            span = self.limit - self.comfortable
            points = _q(max(_ZERO, _HUNDRED * (self.limit - ratio) / span))
            key = "exposure_high"
            message = Message.of(
                "reliability.security.exposure_high",
                exposure=exposed,
                ratio=Percent(_q(ratio), 0),
                worth=worth,
            )
        finding = _finding(
            f"{self.code}.{key}",
            _HUNDRED - points,
            message,
            Message.of("reliability.security.hint"),
            False,
        )
        return _result(self.code, (finding,), _ONE)


# --- stability -----------------------------------------------------------------------

# completed years of age → points; head count → points (EU SME size classes,
# Recommendation 2003/361/EC: micro < 10, small < 50, medium < 250)
_AGE_POINTS = ((10, 100), (5, 80), (2, 60), (1, 30), (0, 10))
_SIZE_POINTS = ((250, 100), (50, 85), (10, 65), (0, 40))


def _tier(value: int, table: tuple[tuple[int, int], ...]) -> Decimal:
    for floor, points in table:
        if value >= floor:
            return Decimal(points)
    return Decimal(table[-1][1])  # pragma: no cover - tables end at 0


def _completed_years(start: _dt.date, on: _dt.date) -> int:
    years = on.year - start.year
    if (on.month, on.day) < (start.month, start.day):
        years -= 1
    return years


@attrs.frozen
class Stability:
    """Business age (completed years) and size (head count), half each.

    Age: under 1 year 10 points, 1–2 years 30, 2–5 years 60, 5–10 years 80,
    10 years or more 100. Size: under 10 people 40, 10–49 65, 50–249 85,
    250 or more 100. A part not known is left out (coverage ½); both unknown
    is missing.

    >>> import datetime as dt
    >>> profile = ClientProfile("EUR", founded=dt.date(2023, 6, 1), employees=30)
    >>> Stability().assess(profile, dt.date(2026, 6, 1)).points  # (60 + 65) / 2
    Decimal('62.5')
    """

    code: str = "stability"

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Score age and size."""
        founded = profile.founded
        employees = profile.employees
        if founded is None and employees is None:
            return FactorResult.missing(
                self.code,
                Message.of("reliability.stability.missing"),
                Message.of("reliability.stability.missing.hint"),
            )
        both = founded is not None and employees is not None
        share = _HALF if both else _ONE
        parts: list[Finding] = []
        if founded is not None:
            if founded > on:
                raise InvalidProfileError(
                    "founded",
                    founded,
                    f"the company cannot be founded after the scoring date on={on}",
                )
            years = _completed_years(founded, on)
            lost = (_HUNDRED - _tier(years, _AGE_POINTS)) * share
            if lost:
                parts.append(
                    _finding(
                        f"{self.code}.age",
                        lost,
                        _message(_AGE, (("count", years),))
                        if years
                        else _AGE_UNDER_ONE,
                        _AGE_HINT,
                        False,
                    )
                )
        if employees is not None:
            lost = (_HUNDRED - _tier(employees, _SIZE_POINTS)) * share
            if lost:
                parts.append(
                    _finding(
                        f"{self.code}.size",
                        lost,
                        _message(_SIZE, (("count", employees),)),
                        _SIZE_HINT,
                        False,
                    )
                )
        return _result(self.code, tuple(parts), _ONE if both else _HALF)


# --- warning signs -------------------------------------------------------------------

DEFAULT_PENALTIES: Mapping[WarningSign, Decimal] = {
    WarningSign.DOCUMENTS_WITHHELD: Decimal(25),
    WarningSign.FREQUENT_DETAIL_CHANGES: Decimal(20),
    WarningSign.LONG_DEFERRAL_PRESSURE: Decimal(20),
    WarningSign.PREPAYMENT_REFUSED: Decimal(15),
    WarningSign.NEGATIVE_REPUTATION: Decimal(20),
    WarningSign.LITIGATION: Decimal(25),
    WarningSign.TAX_ARREARS: Decimal(35),
    WarningSign.INSOLVENCY_PROCEEDINGS: Decimal(100),
    WarningSign.LARGE_FIRST_ORDER: Decimal(20),
}
"""Points (of 100) each warning sign costs the warning-signs factor.

>>> DEFAULT_PENALTIES[WarningSign.TAX_ARREARS]
Decimal('35')
"""


def _penalties(value: Mapping[WarningSign, object]) -> dict[WarningSign, Decimal]:
    return {
        sign: to_decimal(points, f"penalties[{sign.value}]")
        for sign, points in sorted(value.items(), key=lambda item: item[0].value)
    }


def _knockouts(value: object) -> tuple[WarningSign, ...]:
    return tuple(sorted(set(value), key=lambda s: s.value))  # type: ignore[call-overload]


@attrs.frozen
class WarningSigns:
    """Penalties for recorded warning signs; some signs are knock-outs.

    The factor starts at 100 and loses each sign's penalty, never below 0
    (when penalties add up past 100, the larger ones are charged first).
    Checked with no sign found (an empty list) is data: it scores 100. Not
    checked (``warning_signs=None``, the profile's default) is missing data,
    scored neutral. A knock-out sign (insolvency proceedings by default)
    forces the lowest band.

    >>> import datetime as dt
    >>> profile = ClientProfile("EUR", warning_signs=[WarningSign.TAX_ARREARS, WarningSign.LITIGATION])
    >>> WarningSigns().assess(profile, dt.date(2026, 1, 1)).points  # 100 - 35 - 25
    Decimal('40')
    >>> WarningSigns().assess(ClientProfile("EUR", warning_signs=[]), dt.date(2026, 1, 1)).points
    Decimal('100')
    >>> WarningSigns().assess(ClientProfile("EUR"), dt.date(2026, 1, 1)).is_missing
    True
    """

    code: str = "warnings"
    penalties: Mapping[WarningSign, Decimal] = attrs.field(
        factory=lambda: dict(DEFAULT_PENALTIES), converter=_penalties
    )
    knockouts: tuple[WarningSign, ...] = attrs.field(
        default=(WarningSign.INSOLVENCY_PROCEEDINGS,), converter=_knockouts
    )

    def __attrs_post_init__(self) -> None:
        faults = [
            f"penalty for {sign.value} is {points}; it must be from 0 to 100"
            for sign, points in self.penalties.items()
            if not 0 <= points <= 100
        ]
        faults.extend(
            f"no penalty for {sign.value}"
            for sign in WarningSign
            if sign not in self.penalties
        )
        if faults:
            raise DefinitionError(f"WarningSigns {self.code!r}", faults)

    def assess(self, profile: ClientProfile, on: _dt.date) -> FactorResult:
        """Charge each recorded sign its penalty."""
        signs = profile.warning_signs
        if signs is None:
            return FactorResult.missing(self.code, _SIGNS_MISSING, _SIGNS_MISSING_HINT)
        if not signs:
            return _result(self.code, (), _ONE)
        charged = sorted(signs, key=lambda s: (-self.penalties[s], s.value))
        left = _HUNDRED
        findings = []
        for sign in charged:
            lost = min(left, self.penalties[sign])
            left -= lost
            is_knockout = sign in self.knockouts
            label = sign_label(sign.value)
            params = (("sign", label),)
            findings.append(
                _finding(
                    f"{self.code}.{sign.value}",
                    lost,
                    _message(_KNOCKOUT if is_knockout else _SIGN, params),
                    _message(_SIGN_HINT, params),
                    is_knockout,
                )
            )
        return _result(self.code, tuple(findings), _ONE)


register_factor("payment", PaymentBehaviour)
register_factor("financial", FinancialStrength)
register_factor("security", MaterialSecurity)
register_factor("stability", Stability)
register_factor("warnings", WarningSigns)
