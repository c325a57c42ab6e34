"""Client reliability: profile, scorecard factors, score, credit terms, monitoring.

- :mod:`~accountcore.reliability.profile`: :class:`ClientProfile`, what is
  known of a client (payment records, financial statements, warning signs);
- :mod:`~accountcore.reliability.measures`: days beyond terms, the payment
  index, Altman Z''/Z': the figures the factors read;
- :mod:`~accountcore.reliability.protocol`: the :class:`Factor` protocol and
  its findings (:class:`Finding`), and the registry of factor kinds;
- :mod:`~accountcore.reliability.factors`: the built-in factors;
- :mod:`~accountcore.reliability.scorecard`: :class:`Scorecard`, its bands,
  and the :class:`ReliabilityScore` with its reasons and hints;
- :mod:`~accountcore.reliability.terms`: recommended credit terms and the
  credit policy behind them;
- :mod:`~accountcore.reliability.monitoring`: comparing two scores, alerts;
- :mod:`~accountcore.reliability.messages`: the labels and the shared
  behaviour of every reliability explanation;
- :mod:`~accountcore.reliability.errors`: the errors of profiles and
  comparisons; ``_hooks``: how scorecards serialise.

Before a prospect becomes a client, and while a client is served, the
account manager scores what is known of it: payment behaviour, financial
strength (Altman Z''/Z'), material security, stability and warning signs.
The score explains itself (reasons and hints), states its confidence and the
scorecard version, and leads to recommended credit terms.

>>> import datetime as dt
>>> from accountcore.money import Money
>>> profile = ClientProfile("EUR", founded=dt.date(2010, 1, 1), warning_signs=[WarningSign.INSOLVENCY_PROCEEDINGS])
>>> score = Scorecard.default().score(profile, on=dt.date(2026, 6, 30))
>>> score.band, score.knockout, score.reasons[0].code
('E', True, 'warnings.insolvency_proceedings')

The package is split by concept: :mod:`.profile` (what is known),
:mod:`.measures` (payment index, Altman Z), :mod:`.protocol` (the factor
protocol and registry), :mod:`.factors` (the built-in factors),
:mod:`.scorecard`, :mod:`.terms` and :mod:`.monitoring`.
"""

from accountcore.reliability import (
    _hooks as _hooks,  # registers how scorecards serialise
)
from accountcore.reliability.factors import (
    DEFAULT_PENALTIES,
    FinancialStrength,
    MaterialSecurity,
    PaymentBehaviour,
    Stability,
    WarningSigns,
)
from accountcore.reliability.measures import (
    PAYMENT_ANCHORS,
    AltmanModel,
    AltmanScore,
    AltmanZone,
    altman_z,
    days_beyond_terms,
    payment_index,
)
from accountcore.reliability.monitoring import Alert, ScoreChange, compare_scores
from accountcore.reliability.profile import (
    ClientProfile,
    FinancialStatements,
    PaymentRecord,
    WarningSign,
)
from accountcore.reliability.protocol import (
    Factor,
    FactorResult,
    Finding,
    factor_class,
    factor_kind,
    register_factor,
    registered_kinds,
)
from accountcore.reliability.scorecard import (
    FactorScore,
    FactorWeight,
    Hint,
    Reason,
    ReliabilityBand,
    ReliabilityScore,
    Scorecard,
)
from accountcore.reliability.terms import (
    BandTerms,
    CreditPolicy,
    CreditTerms,
    ExposureCheck,
)

__all__ = [
    "DEFAULT_PENALTIES",
    "PAYMENT_ANCHORS",
    "Alert",
    "AltmanModel",
    "AltmanScore",
    "AltmanZone",
    "ReliabilityBand",
    "BandTerms",
    "ClientProfile",
    "CreditPolicy",
    "CreditTerms",
    "ExposureCheck",
    "Factor",
    "FactorResult",
    "FactorScore",
    "FactorWeight",
    "FinancialStatements",
    "FinancialStrength",
    "Finding",
    "Hint",
    "MaterialSecurity",
    "PaymentBehaviour",
    "PaymentRecord",
    "Reason",
    "ReliabilityScore",
    "ScoreChange",
    "Scorecard",
    "Stability",
    "WarningSign",
    "WarningSigns",
    "altman_z",
    "compare_scores",
    "days_beyond_terms",
    "factor_class",
    "factor_kind",
    "payment_index",
    "register_factor",
    "registered_kinds",
]
