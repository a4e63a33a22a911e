"""JW305 start / JW307 stop and their retours JW306 / JW308."""

from __future__ import annotations

from lxml import etree

from shared.ijw.mapping import basis as m
from shared.ijw.mapping.xml import Reader, Writer, message_ns, new_root
from shared.ijw.model.delivery import (
    Jw305, Jw306, Jw307, Jw308, StartClient, StartedProduct, StopClient, StoppedProduct,
)

Element = etree._Element


def jw305_from_xml(root: Element) -> Jw305:
    r = Reader(message_ns("305"))
    return Jw305(m.header_from_xml(r.el(root, "Header"), r), start_client_from_xml(r.el(root, "Client"), r))


def jw305_to_xml(message: Jw305) -> Element:
    root, w = new_root("305"), Writer(message_ns("305"))
    m.header_to_xml(root, w, message.header, "438")
    start_client_to_xml(root, w, message.client)
    return root


def jw306_from_xml(root: Element) -> Jw306:
    r = Reader(message_ns("306"))
    client = r.opt_el(root, "Client")
    return Jw306(m.return_header_from_xml(r.el(root, "Header"), r),
                 None if client is None else start_client_from_xml(client, r))


def jw306_to_xml(message: Jw306) -> Element:
    root, w = new_root("306"), Writer(message_ns("306"))
    m.return_header_to_xml(root, w, message.header, "439")
    if message.client is not None:
        start_client_to_xml(root, w, message.client)
    return root


def jw307_from_xml(root: Element) -> Jw307:
    r = Reader(message_ns("307"))
    return Jw307(m.header_from_xml(r.el(root, "Header"), r), stop_client_from_xml(r.el(root, "Client"), r))


def jw307_to_xml(message: Jw307) -> Element:
    root, w = new_root("307"), Writer(message_ns("307"))
    m.header_to_xml(root, w, message.header, "440")
    stop_client_to_xml(root, w, message.client)
    return root


def jw308_from_xml(root: Element) -> Jw308:
    r = Reader(message_ns("308"))
    client = r.opt_el(root, "Client")
    return Jw308(m.return_header_from_xml(r.el(root, "Header"), r),
                 None if client is None else stop_client_from_xml(client, r))


def jw308_to_xml(message: Jw308) -> Element:
    root, w = new_root("308"), Writer(message_ns("308"))
    m.return_header_to_xml(root, w, message.header, "441")
    if message.client is not None:
        stop_client_to_xml(root, w, message.client)
    return root


def start_client_from_xml(el: Element, r: Reader) -> StartClient:
    products = tuple(
        StartedProduct(
            allocation_number=r.opt_int(x, "ToewijzingNummer"),
            product=m.product_from_xml(r.opt_el(x, "Product")),
            allocation_start=r.opt_date(x, "ToewijzingIngangsdatum"),
            start=r.date(x, "Begindatum"),
            status=r.text(x, "StatusAanlevering"),
            codes=m.codes_from_xml(x, r),
        )
        for x in r.all(r.el(el, "StartProducten"), "StartProduct")
    )
    return StartClient(m.person_from_xml(el, r), products, m.codes_from_xml(el, r))


def start_client_to_xml(parent: Element, w: Writer, client: StartClient) -> None:
    el = w.el(parent, "Client")
    m.person_to_xml(el, w, client.person)
    holder = w.el(el, "StartProducten")
    for product in client.products:
        x = w.el(holder, "StartProduct")
        w.text(x, "ToewijzingNummer", product.allocation_number)
        m.product_to_xml(x, w, product.product)
        w.text(x, "ToewijzingIngangsdatum", product.allocation_start)
        w.text(x, "Begindatum", product.start)
        w.text(x, "StatusAanlevering", product.status)
        m.codes_to_xml(x, w, product.codes)
    m.codes_to_xml(el, w, client.codes)


def stop_client_from_xml(el: Element, r: Reader) -> StopClient:
    products = tuple(
        StoppedProduct(
            allocation_number=r.opt_int(x, "ToewijzingNummer"),
            product=m.product_from_xml(r.opt_el(x, "Product")),
            allocation_start=r.opt_date(x, "ToewijzingIngangsdatum"),
            start=r.date(x, "Begindatum"),
            reason=r.text(x, "RedenBeeindiging"),
            end=r.date(x, "Einddatum"),
            status=r.text(x, "StatusAanlevering"),
            codes=m.codes_from_xml(x, r),
        )
        for x in r.all(r.el(el, "StopProducten"), "StopProduct")
    )
    return StopClient(m.person_from_xml(el, r), products, m.codes_from_xml(el, r))


def stop_client_to_xml(parent: Element, w: Writer, client: StopClient) -> None:
    el = w.el(parent, "Client")
    m.person_to_xml(el, w, client.person)
    holder = w.el(el, "StopProducten")
    for product in client.products:
        x = w.el(holder, "StopProduct")
        w.text(x, "ToewijzingNummer", product.allocation_number)
        m.product_to_xml(x, w, product.product)
        w.text(x, "ToewijzingIngangsdatum", product.allocation_start)
        w.text(x, "Begindatum", product.start)
        w.text(x, "RedenBeeindiging", product.reason)
        w.text(x, "Einddatum", product.end)
        w.text(x, "StatusAanlevering", product.status)
        m.codes_to_xml(x, w, product.codes)
    m.codes_to_xml(el, w, client.codes)
