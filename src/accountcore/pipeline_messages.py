"""Pipeline refusals, stage names and forecast categories in six languages.

A :class:`~accountcore.pipeline.Verdict` lists why a move is refused as
English sentences (the requirements and the policy write them).
:func:`refusal_message` recognises each built-in sentence and gives its
catalog message (ids under ``pipeline.refusal.``), the stage keys inside it
shown by their translated names when the stage is one of the default
pipeline's; a sentence it does not know (a user's own requirement) becomes
``pipeline.refusal.custom`` showing the English as it is.

>>> refusal_message("a reason is required to move to 'lost'").render("uk_UA")
'щоб перевести угоду в етап «Програна», потрібно вказати причину'
>>> stage_label("negotiation").render("ja_JP"), forecast_label("commit").render("et_EE")
('交渉', 'Kindel')
"""

from __future__ import annotations

import re

from accountcore.i18n import Message

__all__ = ["forecast_label", "refusal_message", "stage_label"]

DEFAULT_STAGES = (
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

_PATTERNS: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (message_id, re.compile("^" + pattern + "$"))
    for message_id, pattern in (
        ("pipeline.refusal.amount_missing", r"amount is missing"),
        (
            "pipeline.refusal.amount_positive_missing",
            r"amount must be positive, but it is missing",
        ),
        (
            "pipeline.refusal.amount_not_positive",
            r"amount must be positive, got (?P<amount>.+)",
        ),
        ("pipeline.refusal.expected_close_missing", r"expected close date is missing"),
        ("pipeline.refusal.contact_missing", r"contact is missing"),
        (
            "pipeline.refusal.reason_required",
            r"a reason is required to move to '(?P<stage>\w+)'",
        ),
        (
            "pipeline.refusal.forbidden",
            r"the move (?P<source>\w+) -> (?P<target>\w+) is forbidden by the pipeline",
        ),
        (
            "pipeline.refusal.reopen_previous",
            r"a lost deal reopens only to the stage it was lost from \('(?P<stage>\w+)'\)",
        ),
        (
            "pipeline.refusal.won_back_to_open",
            r"a won deal cannot move back to an open stage",
        ),
        ("pipeline.refusal.won_forward_only", r"won stages move forward only"),
        (
            "pipeline.refusal.cancel_won_only_to",
            r"a won deal may be cancelled only to '(?P<stage>\w+)'",
        ),
        (
            "pipeline.refusal.cancel_won_never",
            r"the pipeline does not allow cancelling a won deal",
        ),
        ("pipeline.refusal.cancelled_final", r"a cancelled deal is final"),
        ("pipeline.refusal.never_reopen", r"the pipeline never reopens a lost deal"),
        (
            "pipeline.refusal.reopen_first",
            r"a lost deal reopens only to the first stage",
        ),
        ("pipeline.refusal.lost_to_open", r"a lost deal cannot move to a open stage"),
        ("pipeline.refusal.lost_to_won", r"a lost deal cannot move to a won stage"),
        ("pipeline.refusal.lost_to_lost", r"a lost deal cannot move to a lost stage"),
        (
            "pipeline.refusal.cancel_only_won",
            r"only a won deal can be cancelled to '(?P<stage>\w+)'",
        ),
        (
            "pipeline.refusal.won_by_entering",
            r"a deal is won by entering '(?P<stage>\w+)'",
        ),
        (
            "pipeline.refusal.enters_only_from",
            r"a deal enters '(?P<stage>\w+)' only from '(?P<source>\w+)'",
        ),
        ("pipeline.refusal.no_moving_back", r"the pipeline does not allow moving back"),
        (
            "pipeline.refusal.no_skipping",
            r"the pipeline does not allow skipping stages \((?P<source>\w+) -> (?P<target>\w+)\)",
        ),
    )
)
"""Each built-in refusal sentence, as a pattern, and its message id."""


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


def refusal_message(text: str) -> Message:
    """The catalog message for one English refusal sentence of a verdict.

    >>> refusal_message("expected close date is missing").render("ro_RO")
    'lipsește data estimată de închidere'
    >>> refusal_message("the budget owner is unknown").render("ja_JP")
    'the budget owner is unknown'
    """
    for message_id, pattern in _PATTERNS:
        found = pattern.match(text)
        if found is not None:
            params = {
                name: stage_label(value)
                if name in {"stage", "source", "target"}
                else value
                for name, value in found.groupdict().items()
            }
            return Message.of(message_id, **params)
    return Message.of("pipeline.refusal.custom", text=text)
