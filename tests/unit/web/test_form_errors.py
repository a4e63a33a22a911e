"""A service's refusal on a workbench form: each error beside the field it concerns when the form
has that field, at the top otherwise, never lost."""

from services.web.apis import Refused
from services.web.form_errors import FormError, refused

FIELDS = {"body.end": "einde", "body.extent.": "volume"}


def test_a_rule_goes_beside_its_field_when_the_form_has_it_and_to_the_top_when_not():
    error = Refused(422, "refused", [{"rule": "OP259", "message": "stacked"}, {"rule": "TR385", "message": "approved"}])
    found = refused(error, {"product", "einde"}, FIELDS)
    assert found.fields == {"product": FormError("rule", "OP259", "stacked")}
    assert found.general == [FormError("rule", "TR385", "approved")]


def test_a_field_error_is_placed_by_the_start_of_its_path_and_a_second_one_on_that_field_goes_to_the_top():
    error = Refused(422, "2 fields", [{"field": "body.extent.unit", "message": "a"},
                                      {"field": "body.extent.volume", "message": "b"}])
    found = refused(error, {"volume"}, FIELDS)
    assert list(found.fields) == ["volume"] and [e.detail for e in found.general] == ["b"]


def test_a_refusal_without_errors_is_shown_with_the_services_words():
    found = refused(Refused(409, "someone else changed it"), {"einde"}, FIELDS)
    assert found.general == [FormError("refused", None, "someone else changed it")]
