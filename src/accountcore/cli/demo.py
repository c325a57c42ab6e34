"""The demo: one quarter at a small company, told in the reader's language.

The story walks through the library's main job on the embedded data of
:mod:`accountcore.cli.demo_data`: the client base, prospects scored for
reliability, deals moved through the pipeline (one move refused), a
discounted quote for a key account, quotas, two commission statements line
by line, and the quarterly report. Every sentence is a catalog message, so
``--locale ja_JP`` tells it in Japanese. Nothing here reads a file, the clock
or the network.

>>> print(render_demo("en_US").splitlines()[0])
One quarter at Põhjanael OÜ
"""

from __future__ import annotations

from babel import Locale, UnknownLocaleError

from accountcore.cli.demo_data import COMPANY, Quarter, build_quarter
from accountcore.discounts import LineQuote, Reason
from accountcore.errors import InvalidLocaleError
from accountcore.i18n import Message, format_day, format_percent, translate
from accountcore.money import Money
from accountcore.pipeline import StageChange
from accountcore.reports import QuarterlyResults
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
_LOST_REASONS = {
    "chose a cheaper rival": "demo.lost.cheaper_rival",
}
_APPROVALS = {
    "manager": "demo.approval.manager",
    "director": "demo.approval.director",
}


def _name(table: dict[str, str], key: str, locale: str) -> str:
    """A name from the demo's own data, translated (the data is ours)."""
    return translate(table[key], locale) if key in table else key


def _reason(reason: Reason) -> Message:
    """A discount reason as its catalog message, a rule of the demo's scheme
    named by its translated name (the English name is quoted in the code's
    parameters)."""
    message = reason.message
    params: list[tuple[str, object]] = []
    for name, value in message.params:
        key = value.strip("'") if isinstance(value, str) else ""
        if name in {"rule", "winner"} and key in _RULES:
            quoted = Message.of("demo.story.quoted", name=Message.of(_RULES[key]))
            params.append((name, quoted))
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
                owner=client.owner,
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
                owner=deal.owner,
                path=" → ".join(stages),
            )
        )
        last = deal.history[-1]
        if isinstance(last, StageChange) and last.reason:
            lines.append(
                "    "
                + t(
                    "demo.story.lost_reason",
                    locale,
                    reason=_name(_LOST_REASONS, last.reason, locale),
                )
            )
    error = q.refused
    unmet = error.verdict.render(locale)
    lines.append("")
    lines.append(
        "  "
        + t(
            "demo.story.refused",
            locale,
            owner=q.deals[-1].owner,
            deal=error.deal_id,
            stage=stage_name(q.refused_stage, locale),
            date=format_day(q.calendar.date_of(q.refused_at), locale),
            reason="; ".join(unmet),
        )
    )
    return lines


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
                owner=quota.owner,
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
                owner=owner,
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
    lines.extend(results.render(locale).rstrip("\n").splitlines())
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
    for chapter in (_clients, _scores, _deals, _quote, _quotas_and_pay, _report):
        lines.extend(chapter(q, locale))
    return lines


def render_demo(locale: str = "en_US") -> str:
    """The whole demo as text in ``locale``.

    >>> render_demo("xx_XX")
    Traceback (most recent call last):
    ...
    accountcore.errors.InvalidLocaleError: Unknown locale 'xx_XX': expected a locale babel knows, such as 'en_US', 'et_EE', 'uk_UA', 'ja_JP', 'ro_RO' or 'lv_LV'.
    """
    try:
        Locale.parse(locale)
    except (UnknownLocaleError, ValueError, TypeError, AttributeError):
        raise InvalidLocaleError(locale) from None
    return "\n".join(story(locale)) + "\n"
