"""The demo: one quarter at a small company, told in the reader's language.

The story walks through the library's main job on the embedded data of
:mod:`accountcore.cli.demo_data`: the client base, prospects scored for
reliability, deals moved through the pipeline (one move refused), a
discounted quote for a key account, quotas, two commission statements line
by line, the quarterly report, and the accounts looked after: a renewal
coming due, a key account out of its contact rhythm, a complaint resolved
within its service targets. Every sentence is a catalog message, so
``--locale ja_JP`` tells it in Japanese. Nothing here reads a file, the clock
or the network.

>>> print(render_demo("en_US").splitlines()[0])
One quarter at Põhjanael OÜ
"""

from __future__ import annotations

import datetime as _dt

from babel import Locale, UnknownLocaleError

from accountcore.cli.demo_data import COMPANY, Quarter, build_quarter
from accountcore.competitors import LOST_REASONS, DealCompetition
from accountcore.complaints import (
    ServiceTargets,
    category_label,
    resolution_label,
    severity_label,
)
from accountcore.discounts import LineQuote, Reason
from accountcore.errors import InvalidLocaleError, UntranslatedLocaleError
from accountcore.i18n import (
    LANGUAGES,
    Message,
    format_day,
    format_percent,
    translate,
)
from accountcore.money import Money
from accountcore.periods import Period
from accountcore.pipeline import Outcome, StageChange, renewals_due
from accountcore.relationship import neglected_clients
from accountcore.reports import OwnerResult, QuarterlyResults
from accountcore.reports._document import span, stage_name, width

__all__ = ["LOCALES", "render_demo", "story"]

LOCALES = ("en_US", "et_EE", "uk_UA", "ja_JP", "ro_RO", "lv_LV")

_PRODUCTS = {
    "drill": "demo.product.drill",
    "bit set": "demo.product.bit_set",
    "safety glasses": "demo.product.safety_glasses",
}
_RULES = {
    "key account": "demo.rule.key_account",
    "loyalty 5 years": "demo.rule.loyalty",
    "drill volume": "demo.rule.volume",
    "bits 3 for 2": "demo.rule.bits",
}
_COMPONENTS = {
    "salary": "demo.component.salary",
    "commission": "demo.component.commission",
    "kicker": "demo.component.kicker",
    "new clients": "demo.component.new_clients",
    "portfolio": "demo.component.portfolio",
    "guarantee": "demo.component.guarantee",
}
_PEOPLE = {
    "anna": "demo.person.anna",
    "mart": "demo.person.mart",
}
_APPROVALS = {
    "manager": "demo.approval.manager",
    "director": "demo.approval.director",
}


def _person(owner: str, locale: str) -> str:
    """An account manager's display name in ``locale`` (the demo's people are
    ours; an owner id the demo does not know is shown as it is)."""
    return _name(_PEOPLE, owner, locale)


def _name(table: dict[str, str], key: str, locale: str) -> str:
    """A name from the demo's own data, translated (the data is ours)."""
    return translate(table[key], locale) if key in table else key


# the near misses whose templates put the rule's name in quotes themselves
_QUOTING = frozenset({"discounts.reason.more_units", "discounts.reason.more_amount"})


def _reason(reason: Reason) -> Message:
    """A discount reason as its catalog message, a rule of the demo's scheme
    named by its translated name (the English name is quoted in the code's
    parameters)."""
    message = reason.message
    params: list[tuple[str, object]] = []
    for name, value in message.params:
        key = value.strip("'") if isinstance(value, str) else ""
        if name in {"rule", "winner"} and key in _RULES:
            label = Message.of(_RULES[key])
            if message.id not in _QUOTING:  # else the template quotes it
                label = Message.of("demo.story.quoted", name=label)
            params.append((name, label))
        else:
            params.append((name, value))
    return Message(message.id, tuple(params))


def _heading(text: str) -> list[str]:
    return ["", text, "-" * width(text)]


def _clients(q: Quarter, locale: str) -> list[str]:
    t = translate
    lines = _heading(t("demo.story.clients", locale))
    names = {c.id: c.name for c in q.clients}
    for client in q.clients:
        lines.append(
            "  "
            + t(
                "demo.story.client_line",
                locale,
                name=client.name,
                tier=t(f"reports.tier.{client.tier.value}", locale),
                status=t(f"reports.status.{client.status.value}", locale),
                owner=_person(client.owner, locale),
            )
        )
    for client in q.clients:
        if client.referred_by:
            lines.append(
                "  "
                + t(
                    "demo.story.referred",
                    locale,
                    name=client.name,
                    referrer=names.get(client.referred_by, client.referred_by),
                )
            )
    return lines


def _scores(q: Quarter, locale: str) -> list[str]:
    t = translate
    names = {c.id: c.name for c in q.clients}
    lines = _heading(t("demo.story.scores", locale))
    for score in q.scores:
        client = score.client_id or ""
        lines.append(
            "  "
            + t(
                "demo.story.score_line",
                locale,
                name=names.get(client, client),
                score=score.value,
                band=score.band,
            )
        )
        for reason in score.reasons:
            lines.append(
                "    "
                + t(
                    "demo.story.reason",
                    locale,
                    points=reason.points,
                    reason=reason.message,
                )
            )
        for hint in score.hints:
            lines.append(
                "    "
                + t(
                    "demo.story.hint",
                    locale,
                    points=hint.points,
                    hint=hint.message,
                )
            )
    return lines


def _deals(q: Quarter, locale: str) -> list[str]:
    t = translate
    names = {c.id: c.name for c in q.clients}
    lines = _heading(t("demo.story.deals", locale))
    for deal in q.deals:
        stages = [
            stage_name(e.to_stage, locale)
            for e in deal.history
            if isinstance(e, StageChange)
        ]
        lines.append(
            "  "
            + t(
                "demo.story.deal_line",
                locale,
                deal=deal.id,
                client=names[deal.client_id],
                amount=deal.amount or Money.zero("EUR"),
                owner=_person(deal.owner, locale),
                path=" → ".join(stages),
            )
        )
        competition = {c.deal_id: c for c in q.competition}.get(deal.id)
        if deal.outcome is Outcome.LOST and competition is not None:
            lines.append("    " + _lost_to(competition, locale))
    error = q.refused
    unmet = error.verdict.render(locale)
    lines.append("")
    lines.append(
        "  "
        + t(
            "demo.story.refused",
            locale,
            owner=_person(q.deals[-1].owner, locale),
            deal=error.deal_id,
            stage=stage_name(q.refused_stage, locale),
            date=format_day(q.calendar.date_of(q.refused_at), locale),
            reason="; ".join(unmet),
        )
    )
    return lines


def _lost_to(competition: DealCompetition, locale: str) -> str:
    """Whom a lost deal went to, with that competitor's offer, and the
    coded reason through its label (never the code)."""
    offers = {c.name: c.offer for c in competition.competitors}
    winner = competition.lost_to or ""
    reason = competition.lost_reason
    return translate(
        "demo.story.lost_to",
        locale,
        competitor=winner,
        offer=offers.get(winner) or "–",
        reason="–" if reason is None else LOST_REASONS.render(reason, locale),
    )


def _quote(q: Quarter, locale: str) -> list[str]:
    t = translate
    quote = q.quote
    key = q.clients[0]
    lines = _heading(t("demo.story.quote", locale))
    lines.append(
        "  "
        + t(
            "demo.story.quote_intro",
            locale,
            client=key.name,
            date=format_day(quote.on, locale),
            scheme=quote.scheme,
        )
    )
    for line in quote.lines:
        lines += _quote_line(line, locale)
    for warning in quote.warnings:
        text = t("discounts.explain.warning", locale, warning=_reason(warning))
        lines.append("  " + text)
    lines.append(
        "  "
        + t(
            "demo.story.quote_total",
            locale,
            subtotal=quote.subtotal,
            discount=quote.discount,
            percent=format_percent(quote.effective_percent / 100, locale, digits=2),
            total=quote.total,
        )
    )
    if quote.approval is None:
        lines.append("  " + t("demo.story.no_approval", locale))
    else:
        level = _name(_APPROVALS, quote.approval.name, locale)
        lines.append("  " + t("demo.story.approval", locale, level=level))
    return lines


def _quote_line(line: LineQuote, locale: str) -> list[str]:
    """One line of the quote: the product, the discounts applied and
    rejected, the hints, a clamp, and the line's total."""
    t = translate
    lines = [
        "  "
        + t(
            "demo.story.quote_line",
            locale,
            number=line.number,
            product=_name(_PRODUCTS, line.product, locale),
            quantity=line.quantity,
            price=line.unit_price,
            amount=line.list_amount,
        )
    ]
    for applied in line.applied:
        rule = _name(_RULES, applied.rule, locale)
        if applied.percent is None:
            text = t("demo.story.applied", locale, rule=rule, amount=applied.amount)
        else:
            text = t(
                "demo.story.applied_percent",
                locale,
                rule=rule,
                percent=format_percent(applied.percent / 100, locale, digits=0),
                amount=applied.amount,
            )
        lines.append("      " + text)
    for rejected in line.rejected:
        text = t(
            "discounts.explain.rejected",
            locale,
            rule=_name(_RULES, rejected.rule, locale),
            reason=_reason(rejected.reason),
        )
        lines.append("      " + text.strip())
    for hint in line.hints:
        text = t("discounts.explain.hint", locale, hint=_reason(hint))
        lines.append("      " + text.strip())
    if line.clamped:
        lines.append("      " + t("demo.story.clamped", locale, amount=line.clamped))
    lines.append(
        "      "
        + t(
            "demo.story.line_total",
            locale,
            net=line.net_unit_price,
            total=line.total,
        )
    )
    return lines


def _quotas_and_pay(q: Quarter, locale: str) -> list[str]:
    t = translate
    lines = _heading(t("demo.story.quotas", locale))
    for quota in q.quotas:
        lines.append(
            "  "
            + t(
                "demo.story.quota_line",
                locale,
                owner=_person(quota.owner, locale),
                target=quota.target,
            )
        )
    lines.extend(_heading(t("demo.story.statements", locale)))
    for owner, statement in q.statements.items():
        lines.append(
            "  "
            + t(
                "demo.story.statement_head",
                locale,
                owner=_person(owner, locale),
                credited=(statement.credited or Money.zero("EUR")).rounded(),
                ratio=format_percent(statement.attainment or 0, locale),
            )
        )
        for line in statement.lines:
            component = _name(_COMPONENTS, line.component, locale)
            description = line.describe(locale)
            if description.casefold() == component.casefold():
                text = t(
                    "demo.story.statement_plain",
                    locale,
                    component=component,
                    amount=line.amount,
                )
            else:
                text = t(
                    "demo.story.statement_line",
                    locale,
                    component=component,
                    description=description,
                    amount=line.amount,
                )
            lines.append("    " + text)
        lines.append(
            "    " + t("demo.story.statement_total", locale, amount=statement.total)
        )
        owed = statement.ledger.draw_balance
        if owed:
            lines.append("    " + t("demo.story.draw_owed", locale, amount=owed))
        lines.append("")
    return lines[:-1]


def _report(q: Quarter, locale: str) -> list[str]:
    results = QuarterlyResults.of(
        q.deals,
        q.quotas,
        q.statements.values(),
        period=q.period,
        currency="EUR",
        calendar=q.calendar,
    )
    lines = _heading(translate("demo.story.report", locale))
    lines.append("")
    names = {owner: _person(owner, locale) for owner in _PEOPLE}
    lines.extend(results.render(locale, names=names).rstrip("\n").splitlines())
    for result in results.owners:
        note = _weight_note(q, result, locale)
        if note:
            lines.extend(["", note])
    return lines


def _weight_note(q: Quarter, result: OwnerResult, locale: str) -> str:
    """Why an owner's statement credits more (or less) than the report's won
    revenue: the plan's tier weights count some clients' deals at a multiple
    of their amount, the report counts won deals as signed. Empty when the
    two figures agree."""
    statement = q.statements.get(result.owner)
    if statement is None or statement.credited is None:
        return ""
    credited = statement.credited.rounded()
    if credited == result.won:
        return ""
    weights = q.plan.tier_weights
    tiers = {c.id: c.tier.value for c in q.clients}
    names = {c.id: c.name for c in q.clients}
    weighted = [
        translate(
            "demo.story.weighted_deal",
            locale,
            client=names[deal.client_id],
            amount=deal.amount,
            weighted=(deal.amount * weights[tiers[deal.client_id]]).rounded(),
        )
        for deal in q.deals
        if deal.owner == result.owner
        and deal.outcome is Outcome.WON
        and deal.amount is not None
        and tiers.get(deal.client_id) in weights
    ]
    return translate(
        "demo.story.weight_note",
        locale,
        owner=_person(result.owner, locale),
        credited=credited,
        ratio=format_percent(statement.attainment or 0, locale),
        won=result.won,
        won_ratio=format_percent(result.attainment or 0, locale),
        weight=weights.get("vip", 1),
        deals="; ".join(weighted),
    )


def _hours(delta: _dt.timedelta) -> Message:
    """A duration in whole hours, rounded up like the service targets."""
    seconds = int(delta.total_seconds())
    return Message.of("complaints.hours", count=-(-seconds // 3600))


def _renewals(q: Quarter, locale: str) -> list[str]:
    """The contracts to act on next quarter, and the renewal deal opened."""
    t = translate
    names = {c.id: c.name for c in q.clients}
    today = q.calendar.date_of(q.at)
    lines: list[str] = []
    after = q.period.end
    window = Period.quarter(after.year, (after.month - 1) // 3 + 1)
    lines.append("  " + t("demo.story.renewals", locale, span=span(window, locale)))
    for due in renewals_due(q.contracts, window):
        k = due.contract
        lines.append(
            "    "
            + t(
                "demo.story.renewal_line",
                locale,
                contract=k.id,
                client=names[k.client_id],
                value=k.value,
                owner=_person(k.owner, locale),
                end=due.expires_on,
                days=Message.of("common.days", count=due.days_left(today)),
                terms=Message.of(f"pipeline.renewal_terms.{k.renewal.value}"),
            )
        )
        if q.renewal.client_id == k.client_id:
            lines.append(
                "      "
                + t(
                    "demo.story.renewal_deal",
                    locale,
                    owner=_person(q.renewal.owner, locale),
                    deal=q.renewal.id,
                    amount=q.renewal.amount or Money.zero(k.value.currency),
                    type=Message.of(f"pipeline.deal_type.{q.renewal.deal_type.value}"),
                    close=q.renewal.expected_close or due.decide_by,
                )
            )
    return lines


def _accounts(q: Quarter, locale: str) -> list[str]:
    """The accounts looked after: renewals due next quarter, key accounts
    out of their contact rhythm on the quarter's last day, the complaint."""
    t = translate
    names = {c.id: c.name for c in q.clients}
    today = q.calendar.date_of(q.at)
    lines = _heading(t("demo.story.accounts", locale))
    lines.extend(_renewals(q, locale))
    key_limit = q.rhythm.limit("key") or 0
    lines.append("")
    lines.append(
        "  "
        + t(
            "demo.story.rhythm",
            locale,
            limit=Message.of("common.days", count=key_limit),
            date=today,
        )
    )
    for neglect in neglected_clients(
        q.clients, q.activities, on=today, policy=q.rhythm, calendar=q.calendar
    ):
        lines.append(
            "    "
            + t(
                "demo.story.neglected",
                locale,
                client=names[neglect.client_id],
                owner=_person(neglect.owner, locale),
                reason=neglect.reason,
            )
        )
    lines.append("")
    lines.extend(_complaint(q, locale))
    return lines


def _complaint(q: Quarter, locale: str) -> list[str]:
    """The quarter's complaint: who, what, how fast against its targets,
    how it was settled, and any target missed."""
    t = translate
    c = q.complaint
    names = {k.id: k.name for k in q.clients}
    targets = ServiceTargets.default()
    target = targets.for_severity(c.severity)
    acknowledged = c.entered("acknowledged") or c.received_at
    decided = c.decided_at or q.at
    resolution = c.resolution
    lines = [
        "  "
        + t(
            "demo.story.complaint",
            locale,
            complaint=c.id,
            client=names[c.client_id],
            category=category_label(c.category),
            severity=severity_label(c.severity.value),
            owner=_person(c.owner or "", locale),
        ),
        "    "
        + t(
            "demo.story.complaint_times",
            locale,
            received=q.calendar.date_of(c.received_at),
            acknowledged=_hours(acknowledged - c.received_at),
            ack_target=Message.of("complaints.hours", count=target.acknowledge_hours),
            resolved=_hours(decided - c.received_at),
            resolve_target=Message.of("complaints.hours", count=target.resolve_hours),
        ),
    ]
    if resolution is not None:
        lines.append(
            "    "
            + t(
                "demo.story.complaint_resolution",
                locale,
                resolution=resolution_label(resolution.kind.value),
                amount=resolution.amount or "–",
            )
        )
    breaches = targets.breaches(c, at=q.at)
    if not breaches:
        lines.append("    " + t("demo.story.complaint_in_time", locale))
    for breach in breaches:
        lines.append(
            "    " + t("demo.story.complaint_breach", locale, reason=breach.reason)
        )
    return lines


def story(locale: str) -> list[str]:
    """The quarter's story in ``locale``, as lines of text.

    >>> story("ja_JP")[0]
    'Põhjanael OÜの四半期'
    """
    q = build_quarter()
    title = translate("demo.story.title", locale, company=COMPANY)
    lines = [title, "=" * width(title), ""]
    lines.append(
        translate(
            "demo.story.intro", locale, company=COMPANY, span=span(q.period, locale)
        )
    )
    chapters = (_clients, _scores, _deals, _quote, _quotas_and_pay, _report, _accounts)
    for chapter in chapters:
        lines.extend(chapter(q, locale))
    return lines


def render_demo(locale: str = "en_US") -> str:
    """The whole demo as text in ``locale``.

    The story is words first, so a locale whose language has no catalog is
    refused rather than told in English with that locale's numbers (the
    library elsewhere falls back to English: see docs/i18n.md).

    >>> render_demo("xx_XX")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidLocaleError: Unknown locale 'xx_XX': expected a locale babel knows, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    >>> render_demo("de_DE")
    Traceback (most recent call last):
    ...
    accountcore.errors.UntranslatedLocaleError: No catalog for the language of 'de_DE': expected a locale in en, et, uk, ja, ro or lv, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    """
    try:
        language = Locale.parse(locale).language
    except (UnknownLocaleError, ValueError, TypeError, AttributeError):
        raise InvalidLocaleError(locale) from None
    if language not in LANGUAGES:
        raise UntranslatedLocaleError(locale, LANGUAGES)
    return "\n".join(story(locale)) + "\n"
