"""The JW301 rules on the client, its contacts and relations, and between ToegewezenProducten."""

from dataclasses import replace
from datetime import date

from shared.ijw import check
from shared.ijw.model.allocation import Address, Communication, Contact, House
from shared.ijw.model.basis import BirthDate, OpenPeriod, Product, Surname
from tests.ijw import story


def rules(message) -> list[str]:
    return sorted({f.rule for f in check(message)})


def with_client(**changes):
    message = story.jw301()
    return replace(message, client=replace(message.client, **changes))


def with_contact(**changes):
    return with_client(contacts=(replace(story.jw301().client.contacts[0], **changes),))


def with_name(**changes):
    return with_client(name=replace(story.jw301().client.name, **changes))


def test_the_story_jw301_is_valid():
    assert rules(story.jw301()) == []


def test_a_brp_address_without_postcode_fails_cd034():
    address = Address(House(12), street="Dorpsstraat", city="Amsterdam")
    assert rules(with_contact(address=address)) == ["CD034"]


def test_a_postcode_without_land_code_fails_cd005():
    assert rules(with_contact(address=Address(House(12), "1011AB"))) == ["CD005"]


def test_a_dutch_address_without_house_number_fails_cd025():
    phone = story.jw301().client.contacts[0].phone
    assert rules(with_contact(address=Address(None, "1011AB", country="NL"), phone=phone)) == ["CD025"]


def test_a_dutch_postcode_with_a_space_fails_cs089():
    assert rules(with_contact(address=Address(House(12), "1011 AB", country="NL"))) == ["CS089"]


def test_a_period_on_a_permanent_address_fails_cd009():
    assert rules(with_contact(period=OpenPeriod(date(2026, 1, 1)))) == ["CD009"]


def test_a_temporary_address_ending_before_it_starts_fails_cs003():
    period = OpenPeriod(date(2026, 3, 1), date(2026, 2, 1))
    extra = replace(story.jw301().client.contacts[0], kind="04", period=period)
    assert rules(with_client(contacts=(story.jw301().client.contacts[0], extra))) == ["CS003"]


def test_a_contact_without_phone_or_house_fails_tr006():
    assert rules(with_contact(kind="02", address=None, phone=None)) == ["TR006"]


def test_a_client_with_only_a_temporary_address_fails_tr061():
    assert rules(with_contact(kind="04")) == ["TR061"]


def test_two_contacts_of_the_same_kind_fail_tr101():
    contact = story.jw301().client.contacts[0]
    assert rules(with_client(contacts=(contact, contact))) == ["TR101"]


def test_an_interpreter_without_language_fails_cd007():
    assert rules(with_client(communication=Communication("1"))) == ["CD007"]


def test_name_usage_with_a_partner_name_but_not_one_to_four_fails_cs050():
    assert rules(with_name(partner_name=Surname("Bakker"), name_usage="6")) == ["CS050", "CS318"]


def test_name_usage_6_for_a_client_fails_cs318():
    assert rules(with_name(name_usage="6")) == ["CS318"]


def test_birth_date_not_fitting_date_usage_fails_cs139():
    assert rules(with_client(birth_date=BirthDate(date(2014, 3, 12), "2"))) == ["CS139"]


def test_a_birth_date_more_than_120_years_back_fails_tr002():
    assert rules(with_client(birth_date=BirthDate(date(1905, 1, 1)))) == ["TR002"]


def test_an_unknown_birth_date_passes_tr002():
    assert rules(with_client(birth_date=BirthDate(date(1900, 1, 1), "3"))) == []


def test_a_birth_date_after_the_message_date_fails_tr134():
    assert rules(with_client(birth_date=BirthDate(date(2026, 4, 1)))) == ["TR134"]


def test_a_decision_dated_after_the_message_fails_tr134():
    allocation = replace(story.allocation(), decision_date=date(2026, 4, 2))
    assert rules(with_client(allocations=(allocation,))) == ["TR134"]


def test_an_end_date_before_the_start_fails_cs003():
    allocation = replace(story.allocation(), end=date(2026, 3, 31))
    assert rules(with_client(allocations=(allocation,))) == ["CS003"]


def test_the_same_allocation_number_twice_fails_tr101():
    later = replace(story.allocation(), start=date(2026, 8, 1), end=date(2026, 9, 30))
    assert rules(with_client(allocations=(story.allocation(), later))) == ["TR101"]


def test_the_same_product_in_overlapping_periods_fails_tr302():
    other = replace(story.allocation(), number=300202, start=date(2026, 7, 1), end=date(2026, 9, 30))
    assert rules(with_client(allocations=(story.allocation(), other))) == ["TR302"]


def test_another_code_in_the_same_category_may_overlap():
    other = replace(story.allocation(), number=300202, product=Product("55", "55A12"))
    assert rules(with_client(allocations=(story.allocation(), other))) == []


def test_a_deleted_allocation_does_not_count_for_tr302():
    deleted = replace(story.allocation(), number=300202, change_reason="13", end=date(2026, 4, 1))
    assert rules(with_client(allocations=(story.allocation(), deleted))) == []
