"""Stage names and forecast categories in six languages.

Refusals render through :class:`~accountcore.pipeline.refusals.Refusal`, which uses
:func:`stage_label` to show the stage keys it names.

>>> stage_label("negotiation").render("ja_JP"), forecast_label("commit").render("et_EE")
('交渉', 'Kindel')
"""

from __future__ import annotations

from accountcore.i18n import Message

__all__ = ["DEFAULT_STAGES", "forecast_label", "stage_label"]

DEFAULT_STAGES: tuple[str, ...] = (
    "appointment",
    "preparation",
    "contact",
    "needs",
    "presentation",
    "objections",
    "negotiation",
    "contract_signed",
    "fulfilment",
    "completed",
    "lost",
    "cancelled",
)
"""The keys of :meth:`Pipeline.default`'s stages, which have catalog names."""


def stage_label(key: str) -> Message | str:
    """The translated name of a default-pipeline stage (``pipeline.stage.<key>``),
    or the key itself for a stage of your own.

    >>> stage_label("contract_signed").render("lv_LV"), stage_label("pilot")
    ('Līgums parakstīts', 'pilot')
    """
    return Message.of(f"pipeline.stage.{key}") if key in DEFAULT_STAGES else key


def forecast_label(category: str) -> Message:
    """The translated name of a forecast category value
    (``pipeline.forecast.<value>``).

    >>> forecast_label("best_case").render("ro_RO")
    'Cel mai bun caz'
    """
    return Message.of(f"pipeline.forecast.{category}")
