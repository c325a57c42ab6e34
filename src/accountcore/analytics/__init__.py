"""Analytics over plain collections: the forecast, pipeline metrics and the
client base (ABC, XYZ, RFM, churn risk, key accounts).

- :mod:`~accountcore.analytics.forecast`: the forecast by category;
- :mod:`~accountcore.analytics.metrics`: pipeline metrics (conversion, win
  rate, velocity, coverage, slippage, stale deals);
- :mod:`~accountcore.analytics.clientbase`: ABC, XYZ and their matrix,
  key-account candidates;
- :mod:`~accountcore.analytics.orders`: orders, RFM scores and churn risk;
- :mod:`~accountcore.analytics.by_dimension`: win rate, cycle, revenue and
  counts by lead source, segment, region, industry or deal type;
- :mod:`~accountcore.analytics.forecast_types`: the forecast per deal
  type, adding up to the whole to the cent;
- :mod:`~accountcore.analytics.teams`: forecast, results and attainment
  rolled up the team hierarchy, a manager's call kept beside;
- :mod:`~accountcore.analytics.errors`: input the analyses cannot use.

Every function is pure: it takes iterables of domain objects or plain data
and the moment or period as parameters, and gives the same result for any
order of its input.

>>> from accountcore.money import Money
>>> abc_analysis({"acme": Money(90, "EUR"), "bolt": Money(10, "EUR")}).of("bolt")
<AbcClass.B: 'B'>
"""

from accountcore.analytics.by_dimension import Dimension, SegmentFigures, breakdown
from accountcore.analytics.clientbase import (
    AbcAnalysis,
    AbcClass,
    AbcRow,
    AbcXyzMatrix,
    KeyAccountCandidate,
    MatrixCell,
    XyzAnalysis,
    XyzClass,
    XyzRow,
    abc_analysis,
    abc_xyz_matrix,
    key_account_candidates,
    xyz_analysis,
)
from accountcore.analytics.forecast import (
    Forecast,
    ForecastLine,
    category_message,
    forecast,
)
from accountcore.analytics.forecast_types import (
    DealTypeLine,
    ForecastByDealType,
    forecast_by_deal_type,
)
from accountcore.analytics.metrics import (
    Conversion,
    Coverage,
    SalesVelocity,
    Slip,
    Slippage,
    StaleDeal,
    WinRate,
    average_sales_cycle,
    pipeline_coverage,
    sales_velocity,
    slippage,
    stage_conversion,
    stale_deals,
    win_rate,
)
from accountcore.analytics.orders import (
    ChurnRisk,
    ChurnRow,
    Order,
    RfmScore,
    churn_risk,
    rfm_scores,
)
from accountcore.analytics.teams import ForecastCall, TeamRollup, roll_up

__all__ = [
    "AbcAnalysis",
    "AbcClass",
    "AbcRow",
    "AbcXyzMatrix",
    "ChurnRisk",
    "ChurnRow",
    "Conversion",
    "Coverage",
    "Forecast",
    "ForecastLine",
    "KeyAccountCandidate",
    "MatrixCell",
    "Order",
    "RfmScore",
    "SalesVelocity",
    "Slip",
    "Slippage",
    "StaleDeal",
    "WinRate",
    "XyzAnalysis",
    "XyzClass",
    "XyzRow",
    "abc_analysis",
    "abc_xyz_matrix",
    "average_sales_cycle",
    "category_message",
    "churn_risk",
    "forecast",
    "key_account_candidates",
    "pipeline_coverage",
    "rfm_scores",
    "sales_velocity",
    "slippage",
    "stage_conversion",
    "stale_deals",
    "win_rate",
    "xyz_analysis",
    "Dimension",
    "SegmentFigures",
    "breakdown",
    "ForecastCall",
    "TeamRollup",
    "roll_up",
    "DealTypeLine",
    "ForecastByDealType",
    "forecast_by_deal_type",
]
