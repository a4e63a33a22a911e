"""JW323 declaratie and JW325 declaratie-antwoord.

Line-level functions (prestatie_from_xml) are separate so the streaming reader can map one
Prestatie at a time and drop it from the tree.
"""

from __future__ import annotations

from datetime import date

from lxml import etree

from shared.ijw.mapping import basis as m
from shared.ijw.mapping.xml import BASIS_WRITE as BW
from shared.ijw.mapping.xml import Reader, Writer, message_ns, new_root
from shared.ijw.model.basis import Amount, Period
from shared.ijw.model.declaration import (
    AnswerHeader, Declaration, DeclarationAnswer, DeclarationClient, DeclarationLine, Jw323, Jw325,
)

Element = etree._Element
R323, W323 = Reader(message_ns("323")), Writer(message_ns("323"))
R325, W325 = Reader(message_ns("325")), Writer(message_ns("325"))


def jw323_from_xml(root: Element) -> Jw323:
    r = R323
    el = r.el(root, "Declaratie")
    clients = tuple(
        DeclarationClient(r.text(c, "Bsn"), tuple(prestatie_from_xml(p, r) for p in r.all(r.el(c, "Prestaties"), "Prestatie")))
        for c in r.all(r.el(el, "Clienten"), "Client")
    )
    return Jw323(m.header_from_xml(r.el(root, "Header"), r), declaratie_from_xml(el, clients))


def declaratie_from_xml(el: Element, clients: tuple[DeclarationClient, ...]) -> Declaration:
    r = R323
    return Declaration(
        number=r.text(el, "DeclaratieNummer"),
        period=m.period_from_xml(r.el(el, "DeclaratiePeriode")),
        date=r.date(el, "DeclaratieDagtekening"),
        total=m.amount_from_xml(r.el(el, "TotaalIngediendBedrag"), total=True),
        clients=clients,
    )


def jw323_to_xml(message: Jw323) -> Element:
    root, w, d = new_root("323"), W323, message.declaration
    m.header_to_xml(root, w, message.header, "490")
    el = w.el(root, "Declaratie")
    w.text(el, "DeclaratieNummer", d.number)
    m.period_to_xml(w.el(el, "DeclaratiePeriode"), d.period)
    w.text(el, "DeclaratieDagtekening", d.date)
    m.amount_to_xml(w.el(el, "TotaalIngediendBedrag"), d.total, total=True)
    clients_to_xml(el, w, d.clients)
    return root


def prestatie_from_xml(el: Element, r: Reader) -> DeclarationLine:
    # The hot loop of a big JW323. Children are read by position: the schema fixes their order
    # and every Prestatie has been validated before it is mapped (whole tree, or per streamed
    # chunk), so only the one optional element in the middle needs a tag check.
    kids = list(el)
    reference, period = kids[0], kids[4]
    has_tariff = kids[7].tag == f"{{{r.ns}}}ProductTarief"
    amount = kids[8] if has_tariff else kids[7]
    codes = kids[9] if has_tariff and len(kids) > 9 else kids[8] if not has_tariff and len(kids) > 8 else None
    return DeclarationLine(
        reference=reference[0].text,
        previous_reference=reference[1].text if len(reference) > 1 else None,
        allocation_number=int(kids[1].text),
        category=kids[2].text,
        product_code=kids[3].text,
        period=Period(date.fromisoformat(period[0].text), date.fromisoformat(period[1].text)),
        volume=int(kids[5].text),
        unit=kids[6].text,
        tariff=int(kids[7].text) if has_tariff else None,
        amount=Amount(int(amount[0].text), amount[1].text == "C"),
        codes=() if codes is None else tuple(c.text for c in codes),
    )


def prestatie_to_xml(parent: Element, w: Writer, line: DeclarationLine) -> None:
    el = w.el(parent, "Prestatie")
    reference = w.el(el, "ProductReferentie")
    BW.text(reference, "ReferentieNummer", line.reference)
    BW.text(reference, "VorigReferentieNummer", line.previous_reference)
    w.text(el, "ToewijzingNummer", line.allocation_number)
    w.text(el, "ProductCategorie", line.category)
    w.text(el, "ProductCode", line.product_code)
    m.period_to_xml(w.el(el, "ProductPeriode"), line.period)
    w.text(el, "GeleverdVolume", line.volume)
    w.text(el, "Eenheid", line.unit)
    w.text(el, "ProductTarief", line.tariff)
    m.amount_to_xml(w.el(el, "IngediendBedrag"), line.amount)
    m.codes_to_xml(el, w, line.codes)


def clients_to_xml(parent: Element, w: Writer, clients: tuple[DeclarationClient, ...]) -> None:
    holder = w.el(parent, "Clienten")
    for client in clients:
        c = w.el(holder, "Client")
        w.text(c, "Bsn", client.bsn)
        lines = w.el(c, "Prestaties")
        for line in client.lines:
            prestatie_to_xml(lines, w, line)
        m.codes_to_xml(c, w, client.codes)


def jw325_from_xml(root: Element) -> Jw325:
    r = R325
    h, a = r.el(root, "Header"), r.opt_el(root, "DeclaratieAntwoord")
    header = AnswerHeader(
        header=m.header_from_xml(h, r),
        declaration_id=m.message_id_from_xml(r.el(h, "DeclaratieIdentificatie")),
        xslt_version=r.opt_text(h, "XsltVersie"),
        declaration_xsd_version=m.xsd_version_from_xml(r.el(h, "XsdVersieDeclaratie")),
        codes=m.codes_from_xml(h, r),
    )
    return Jw325(header, None if a is None else declaratie_antwoord_from_xml(a, r))


def declaratie_antwoord_from_xml(el: Element, r: Reader) -> DeclarationAnswer:
    clients = tuple(
        DeclarationClient(r.text(c, "Bsn"), tuple(prestatie_from_xml(p, r) for p in r.all(r.el(c, "Prestaties"), "Prestatie")),
                          m.codes_from_xml(c, r))
        for c in r.all(r.opt_el(el, "Clienten"), "Client")
    )
    return DeclarationAnswer(
        number=r.text(el, "DeclaratieNummer"),
        total_submitted=m.amount_from_xml(r.el(el, "TotaalIngediendBedrag"), total=True),
        total_granted=m.amount_from_xml(r.el(el, "TotaalToegekendBedrag"), total=True),
        clients=clients,
        codes=m.codes_from_xml(el, r),
    )


def jw325_to_xml(message: Jw325) -> Element:
    root, w, h = new_root("325"), W325, message.header
    el = m.header_to_xml(root, w, h.header, "491")
    m.message_id_to_xml(w.el(el, "DeclaratieIdentificatie"), h.declaration_id)
    w.text(el, "XsltVersie", h.xslt_version)
    m.xsd_version_to_xml(w.el(el, "XsdVersieDeclaratie"), h.declaration_xsd_version)
    m.codes_to_xml(el, w, h.codes)
    if message.answer is not None:
        a = message.answer
        body = w.el(root, "DeclaratieAntwoord")
        w.text(body, "DeclaratieNummer", a.number)
        m.amount_to_xml(w.el(body, "TotaalIngediendBedrag"), a.total_submitted, total=True)
        m.amount_to_xml(w.el(body, "TotaalToegekendBedrag"), a.total_granted, total=True)
        if a.clients:
            clients_to_xml(body, w, a.clients)
        m.codes_to_xml(body, w, a.codes)
    return root
