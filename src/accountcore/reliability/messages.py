"""The reliability explanations as catalog messages, in any of six languages.

Findings, reasons, hints and alerts keep an English ``template`` and string
``params`` (stable data, unchanged). :func:`localise` maps a template to its
message id under ``reliability.`` and reads the parameters back into values
(numbers, amounts, warning-sign and Altman-zone names as messages of their
own), so the text renders in the reader's language with the locale's
numbers. A template this module does not know (a user's own factor) becomes
``reliability.custom``, which shows the English text as it is.

>>> note = localise("Warning sign: {sign}.", {"sign": "tax_arrears"})
>>> note.id, note.render("en_US"), note.render("lv_LV")
('reliability.warnings.sign', 'Warning sign: tax arrears.', 'Brīdinājuma pazīme: nodokļu parādi.')
"""

from __future__ import annotations

from collections.abc import Mapping

from accountcore.i18n import N_, Message, placeholders
from accountcore.i18n._localise import typed

__all__ = [
    "LIMITED_BY_IDS",
    "SIGN_IDS",
    "TEMPLATE_IDS",
    "ZONE_IDS",
    "limited_by_message",
    "localise",
]

TEMPLATE_IDS: Mapping[str, str] = {
    # payment behaviour
    "Only {count} invoices with a known payment outcome; "
    "{needed} are needed: scored neutral.": N_("reliability.payment.too_few"),
    "Record payment history ({needed} invoices or more).": N_(
        "reliability.payment.too_few.hint"
    ),
    "Pays {days} days beyond terms on average ({count} invoices): "
    "payment index {index}.": N_("reliability.payment.days_beyond_terms"),
    "Pay invoices on time or early.": N_("reliability.payment.days_beyond_terms.hint"),
    # financial strength
    "Financial statements are missing or incomplete: scored neutral.": N_(
        "reliability.financial.missing"
    ),
    "Provide complete financial statements.": N_("reliability.financial.missing.hint"),
    "Altman {model} = {z}: {zone} zone.": N_("reliability.financial.zone"),
    "Strengthen working capital, earnings and equity.": N_(
        "reliability.financial.zone.hint"
    ),
    # material security
    "Current exposure is unknown: scored neutral.": N_(
        "reliability.security.exposure_missing"
    ),
    "Record open receivables and unbilled orders.": N_(
        "reliability.security.exposure_missing.hint"
    ),
    "Tangible net worth is unknown: scored neutral.": N_(
        "reliability.security.worth_missing"
    ),
    "Provide tangible net worth or collateral.": N_(
        "reliability.security.worth_missing.hint"
    ),
    "Net exposure {exposure} against no positive tangible net worth ({worth}).": N_(
        "reliability.security.no_net_worth"
    ),
    "Net exposure {exposure} is {ratio} of tangible net worth {worth}.": N_(
        "reliability.security.exposure_high"
    ),
    "Take collateral or reduce exposure.": N_("reliability.security.hint"),
    # stability
    "Founding date and head count are unknown: scored neutral.": N_(
        "reliability.stability.missing"
    ),
    "Record the founding date and head count.": N_(
        "reliability.stability.missing.hint"
    ),
    "In business for {years} full years.": N_("reliability.stability.age"),
    "A longer track record.": N_("reliability.stability.age.hint"),
    "{employees} employees.": N_("reliability.stability.size"),
    "A larger organisation.": N_("reliability.stability.size.hint"),
    # warning signs
    "Warning sign: {sign}.": N_("reliability.warnings.sign"),
    "Warning sign: {sign} (knock-out: lowest band).": N_(
        "reliability.warnings.knockout"
    ),
    "Resolve or disprove: {sign}.": N_("reliability.warnings.hint"),
    # the scorecard, for a factor that returned nothing
    "No data: scored neutral.": N_("reliability.missing"),
    # monitoring
    "ReliabilityBand fell from {before} to {after} (score {before_value} to "
    "{after_value}).": N_("reliability.monitor.band_drop"),
    "New warning sign: {sign}.": N_("reliability.monitor.new_warning_sign"),
    "Payment behaviour worse: {factor} points {before} to {after}.": N_(
        "reliability.monitor.payment_worse"
    ),
}
"""Message id of each English template the built-in factors and monitoring use.

>>> TEMPLATE_IDS["Pay invoices on time or early."]
'reliability.payment.days_beyond_terms.hint'
"""

SIGN_IDS: Mapping[str, str] = {
    "documents_withheld": N_("reliability.sign.documents_withheld"),
    "frequent_detail_changes": N_("reliability.sign.frequent_detail_changes"),
    "long_deferral_pressure": N_("reliability.sign.long_deferral_pressure"),
    "prepayment_refused": N_("reliability.sign.prepayment_refused"),
    "negative_reputation": N_("reliability.sign.negative_reputation"),
    "litigation": N_("reliability.sign.litigation"),
    "tax_arrears": N_("reliability.sign.tax_arrears"),
    "insolvency_proceedings": N_("reliability.sign.insolvency_proceedings"),
    "large_first_order": N_("reliability.sign.large_first_order"),
}
"""Label id of each :class:`WarningSign` value.

>>> Message.of(SIGN_IDS["litigation"]).render("et_EE")
'kohtuvaidlus'
"""

ZONE_IDS: Mapping[str, str] = {
    "safe": N_("reliability.zone.safe"),
    "grey": N_("reliability.zone.grey"),
    "distress": N_("reliability.zone.distress"),
}
"""Label id of each :class:`AltmanZone` value (an adjective: "grey" zone).

>>> Message.of(ZONE_IDS["grey"]).render("ro_RO")
'gri'
"""

LIMITED_BY_IDS: Mapping[str, str] = {
    "requested": N_("reliability.terms.limited_by.requested"),
    "net_worth": N_("reliability.terms.limited_by.net_worth"),
    "revenue": N_("reliability.terms.limited_by.revenue"),
    "no_basis": N_("reliability.terms.limited_by.no_basis"),
}
"""Note id of each :attr:`CreditTerms.limited_by` value.

>>> Message.of(LIMITED_BY_IDS["no_basis"]).render("en_US")
'No credit: neither net worth nor revenue is known.'
"""

# a placeholder renamed to ``count`` where the message has plural forms
_COUNTS = {
    "reliability.payment.too_few": "count",
    "reliability.stability.age": "years",
    "reliability.stability.size": "employees",
}


def _value(name: str, value: str) -> object:
    if name == "sign" and value in SIGN_IDS:
        return Message.of(SIGN_IDS[value])
    if name == "zone" and value in ZONE_IDS:
        return Message.of(ZONE_IDS[value])
    if name in {"before", "after", "factor", "model"} and not value[:1].isdigit():
        return value  # band labels, factor codes, model names: as they are
    return typed(value)


def localise(template: str, params: Mapping[str, str]) -> Message:
    """The catalog message for an English ``template`` filled from ``params``.

    >>> localise("In business for {years} full years.", {"years": "3"}).render("uk_UA")
    'Працює на ринку 3 повні роки.'
    >>> localise("No website yet.", {}).render("ja_JP")
    'No website yet.'
    """
    message_id = TEMPLATE_IDS.get(template)
    if message_id is None:
        return Message.of("reliability.custom", text=template.format_map(params))
    used = placeholders(template)  # a hint carries its finding's params too
    values = {name: _value(name, params[name]) for name in used}
    counted = _COUNTS.get(message_id)
    if counted is not None and counted in values:
        values["count"] = int(params[counted])
        if counted != "count":
            del values[counted]
    return Message.of(message_id, **values)


def limited_by_message(limited_by: str) -> Message:
    """What set a credit limit, as a message (an unknown value shown as is).

    >>> limited_by_message("revenue").render("ja_JP")
    '与信限度額は年間売上高で決まりました。'
    """
    message_id = LIMITED_BY_IDS.get(limited_by)
    if message_id is None:
        return Message.of("reliability.custom", text=limited_by)
    return Message.of(message_id)
