"""JW315 VOT, JW317 VOW, JW319 antwoord and their retours JW316 / JW318 / JW320."""

from __future__ import annotations

from lxml import etree

from shared.ijw.mapping import basis as m
from shared.ijw.mapping.xml import BASIS_READ as B
from shared.ijw.mapping.xml import BASIS_WRITE as BW
from shared.ijw.mapping.xml import Reader, Writer, message_ns, new_root
from shared.ijw.model.request import (
    Answer, ChangedProduct, ChangeRequest, ChangeRequestClient, Jw315, Jw316, Jw317, Jw318, Jw319,
    Jw320, NewProduct, Referrer, RequestClient, RequestedProduct, UnchangedProduct,
)

Element = etree._Element


def _from_xml(root: Element, code: str, cls, body: str, read, retour: bool):
    r = Reader(message_ns(code))
    header_el, body_el = r.el(root, "Header"), r.opt_el(root, body)
    header = m.return_header_from_xml(header_el, r) if retour else m.header_from_xml(header_el, r)
    return cls(header, None if body_el is None else read(body_el, r))


def _to_xml(message, code: str, berichtcode: str, write, retour: bool) -> Element:
    root, w = new_root(code), Writer(message_ns(code))
    if retour:
        m.return_header_to_xml(root, w, message.header, berichtcode)
    else:
        m.header_to_xml(root, w, message.header, berichtcode)
    body = message.answer if isinstance(message, (Jw319, Jw320)) else message.client
    if body is not None:
        write(root, w, body)
    return root


def jw315_from_xml(root: Element) -> Jw315:
    return _from_xml(root, "315", Jw315, "Client", request_client_from_xml, retour=False)


def jw315_to_xml(message: Jw315) -> Element:
    return _to_xml(message, "315", "446", request_client_to_xml, retour=False)


def jw316_from_xml(root: Element) -> Jw316:
    return _from_xml(root, "316", Jw316, "Client", request_client_from_xml, retour=True)


def jw316_to_xml(message: Jw316) -> Element:
    return _to_xml(message, "316", "447", request_client_to_xml, retour=True)


def jw317_from_xml(root: Element) -> Jw317:
    return _from_xml(root, "317", Jw317, "Client", change_client_from_xml, retour=False)


def jw317_to_xml(message: Jw317) -> Element:
    return _to_xml(message, "317", "486", change_client_to_xml, retour=False)


def jw318_from_xml(root: Element) -> Jw318:
    return _from_xml(root, "318", Jw318, "Client", change_client_from_xml, retour=True)


def jw318_to_xml(message: Jw318) -> Element:
    return _to_xml(message, "318", "487", change_client_to_xml, retour=True)


def jw319_from_xml(root: Element) -> Jw319:
    return _from_xml(root, "319", Jw319, "Antwoord", answer_from_xml, retour=False)


def jw319_to_xml(message: Jw319) -> Element:
    return _to_xml(message, "319", "488", answer_to_xml, retour=False)


def jw320_from_xml(root: Element) -> Jw320:
    return _from_xml(root, "320", Jw320, "Antwoord", answer_from_xml, retour=True)


def jw320_to_xml(message: Jw320) -> Element:
    return _to_xml(message, "320", "489", answer_to_xml, retour=True)


def request_client_from_xml(el: Element, r: Reader) -> RequestClient:
    return RequestClient(
        person=m.person_from_xml(el, r),
        guardian_known=r.opt_text(el, "GezagsdragerBekend"),
        comment=r.opt_text(el, "Commentaar"),
        products=tuple(requested_from_xml(x, r) for x in r.all(r.el(el, "AangevraagdeProducten"), "AangevraagdProduct")),
        codes=m.codes_from_xml(el, r),
    )


def request_client_to_xml(parent: Element, w: Writer, client: RequestClient) -> None:
    el = w.el(parent, "Client")
    m.person_to_xml(el, w, client.person)
    w.text(el, "GezagsdragerBekend", client.guardian_known)
    w.text(el, "Commentaar", client.comment)
    holder = w.el(el, "AangevraagdeProducten")
    for product in client.products:
        requested_to_xml(holder, w, product)
    m.codes_to_xml(el, w, client.codes)


def requested_from_xml(el: Element, r: Reader) -> RequestedProduct:
    referrer = r.el(el, "Verwijzer")
    return RequestedProduct(
        reference=r.text(el, "ReferentieAanbieder"),
        decision_number=r.opt_int(el, "BeschikkingNummer"),
        product=m.product_from_xml(r.opt_el(el, "Product")),
        decision_start=r.opt_date(el, "BeschikkingIngangsdatum"),
        start=r.date(el, "ToewijzingIngangsdatum"),
        end=r.opt_date(el, "ToewijzingEinddatum"),
        extent=m.extent_from_xml(r.opt_el(el, "Omvang")),
        budget=r.opt_int(el, "Budget"),
        referrer=Referrer(B.text(referrer, "Type"), B.opt_text(referrer, "Naam"),
                          B.opt_text(referrer, "ZorgverlenerCode")),
        framework_contract=r.opt_text(el, "Raamcontract"),
        comment=r.opt_text(el, "Commentaar"),
        codes=m.codes_from_xml(el, r),
    )


def requested_to_xml(parent: Element, w: Writer, product: RequestedProduct) -> None:
    el = w.el(parent, "AangevraagdProduct")
    w.text(el, "ReferentieAanbieder", product.reference)
    w.text(el, "BeschikkingNummer", product.decision_number)
    m.product_to_xml(el, w, product.product)
    w.text(el, "BeschikkingIngangsdatum", product.decision_start)
    w.text(el, "ToewijzingIngangsdatum", product.start)
    w.text(el, "ToewijzingEinddatum", product.end)
    m.extent_to_xml(el, w, product.extent)
    w.text(el, "Budget", product.budget)
    referrer = w.el(el, "Verwijzer")
    BW.text(referrer, "Type", product.referrer.kind)
    BW.text(referrer, "Naam", product.referrer.name)
    BW.text(referrer, "ZorgverlenerCode", product.referrer.agb)
    w.text(el, "Raamcontract", product.framework_contract)
    w.text(el, "Commentaar", product.comment)
    m.codes_to_xml(el, w, product.codes)


def change_client_from_xml(el: Element, r: Reader) -> ChangeRequestClient:
    v = r.el(el, "Verzoek")
    wish = lambda x: dict(desired_start=r.date(x, "GewensteIngangsdatum"), end=r.opt_date(x, "Einddatum"),  # noqa: E731
                          extent=m.extent_from_xml(r.opt_el(x, "Omvang")), budget=r.opt_int(x, "Budget"),
                          codes=m.codes_from_xml(x, r))
    request = ChangeRequest(
        reference=r.text(v, "ReferentieAanbieder"),
        reason=r.text(v, "RedenVerzoek"),
        unchanged=tuple(UnchangedProduct(r.int(x, "ToewijzingNummer"), m.codes_from_xml(x, r))
                        for x in r.all(r.opt_el(v, "OngewijzigdeProducten"), "OngewijzigdProduct")),
        changed=tuple(ChangedProduct(allocation_number=r.int(x, "ToewijzingNummer"), **wish(x))
                      for x in r.all(r.opt_el(v, "TeWijzigenProducten"), "TeWijzigenProduct")),
        new=tuple(NewProduct(product=m.product_from_xml(r.opt_el(x, "Product")), **wish(x))
                  for x in r.all(r.opt_el(v, "NieuweProducten"), "NieuwProduct")),
        codes=m.codes_from_xml(v, r),
    )
    return ChangeRequestClient(r.text(el, "Bsn"), request, m.codes_from_xml(el, r))


def change_client_to_xml(parent: Element, w: Writer, client: ChangeRequestClient) -> None:
    el = w.el(parent, "Client")
    w.text(el, "Bsn", client.bsn)
    request, v = client.request, w.el(el, "Verzoek")
    w.text(v, "ReferentieAanbieder", request.reference)
    w.text(v, "RedenVerzoek", request.reason)
    if request.unchanged:
        holder = w.el(v, "OngewijzigdeProducten")
        for product in request.unchanged:
            x = w.el(holder, "OngewijzigdProduct")
            w.text(x, "ToewijzingNummer", product.allocation_number)
            m.codes_to_xml(x, w, product.codes)
    for products, holder_name, name in ((request.changed, "TeWijzigenProducten", "TeWijzigenProduct"),
                                        (request.new, "NieuweProducten", "NieuwProduct")):
        holder = w.el(v, holder_name) if products else None
        for product in products:
            x = w.el(holder, name)
            if isinstance(product, ChangedProduct):
                w.text(x, "ToewijzingNummer", product.allocation_number)
            else:
                m.product_to_xml(x, w, product.product)
            w.text(x, "GewensteIngangsdatum", product.desired_start)
            w.text(x, "Einddatum", product.end)
            m.extent_to_xml(x, w, product.extent)
            w.text(x, "Budget", product.budget)
            m.codes_to_xml(x, w, product.codes)
    m.codes_to_xml(v, w, request.codes)
    m.codes_to_xml(el, w, client.codes)


def answer_from_xml(el: Element, r: Reader) -> Answer:
    residence = r.opt_el(el, "Woonplaatsbeginsel")
    return Answer(
        reference=r.text(el, "ReferentieAanbieder"),
        answer=r.text(el, "VerzoekAntwoord"),
        rejection_reason=r.opt_text(el, "RedenAfwijzingVerzoek"),
        residence_municipality=None if residence is None else r.text(residence, "Gemeente"),
        residence_codes=m.codes_from_xml(residence, r),
        codes=m.codes_from_xml(el, r),
    )


def answer_to_xml(parent: Element, w: Writer, answer: Answer) -> None:
    el = w.el(parent, "Antwoord")
    w.text(el, "ReferentieAanbieder", answer.reference)
    w.text(el, "VerzoekAntwoord", answer.answer)
    w.text(el, "RedenAfwijzingVerzoek", answer.rejection_reason)
    if answer.residence_municipality is not None:
        residence = w.el(el, "Woonplaatsbeginsel")
        w.text(residence, "Gemeente", answer.residence_municipality)
        m.codes_to_xml(residence, w, answer.residence_codes)
    m.codes_to_xml(el, w, answer.codes)
