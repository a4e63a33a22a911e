"""Errors on a form: what the workbench found reading what was typed, and what a service refused.

A service's problem document names a field (`body.end`) or a rule (`OP259`); either is put beside
the form field it concerns, and every one is listed at the top. Which field a rule concerns is
presentation, not a rule: the service decided, this only says where to show it. The Dutch texts
are in templates/access/rules.html.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from services.web.apis import ApiError

RULE_FIELDS: dict[str, str] = {
    "TR332": "nummer", "LDT_Nummer": "nummer", "CS002": "bsn", "HF-CLIENT": "achternaam",
    "HF-CONTRACT": "product", "OP259": "product", "LDT_ProductCategorie": "product", "LDT_ProductCode": "product",
    "HF-PERIOD": "einde", "OP380": "einde", "HF-SHORTEN": "einde", "CD075": "einde", "CD076": "einde",
    "CD041": "volume", "CD080": "volume", "IV066": "volume", "LDT_Bedrag": "volume",
    "CS338": "frequentie", "LDT_Eenheid": "frequentie", "CD077": "budget", "CD079": "budget",
    "COD327": "verwijzer", "JZ002": "reden", "CS335": "reden", "CS336": "reden",
    "WJ759": "reden", "OP359": "reden", "HF-WOONPLAATSBEGINSEL": "verantwoordelijke_gemeente",
    "HF-HONOUR": "nummers",
}
"""The form field each rule concerns, where the form has that field; otherwise it shows at the top."""


@dataclass(frozen=True)
class FormError:
    kind: str
    """A key of the form's own messages ("required", "date", …), "rule", "invalid" or "refused"."""
    rule: str | None = None
    detail: str | None = None
    """The service's own words, shown only when no Dutch text for the rule exists."""


@dataclass
class FormErrors:
    fields: dict[str, FormError] = field(default_factory=dict)
    """Beside a field (its id), and linked from the summary."""
    general: list[FormError] = field(default_factory=list)
    """At the top only: no field of this form is concerned."""

    def __bool__(self) -> bool:
        return bool(self.fields or self.general)

    def __contains__(self, name: object) -> bool:
        return name in self.fields

    def add(self, name: str | None, error: FormError) -> None:
        if name and name not in self.fields:
            self.fields[name] = error
        else:
            self.general.append(error)

    @classmethod
    def of(cls, local: dict[str, str]) -> FormErrors:
        """From what the workbench found itself: field -> message key."""
        return cls({name: FormError(kind) for name, kind in local.items()})


def refused(error: ApiError, form_fields: set[str], api_fields: dict[str, str]) -> FormErrors:
    """A service's refusal, each error beside the field it names when this form has it.
    `api_fields` maps the API's field paths (or their start: `body.client.`) to form fields."""
    found = FormErrors()
    for e in error.errors:
        message = str(e.get("message") or error.message)
        if e.get("rule"):
            name = RULE_FIELDS.get(str(e["rule"]))
            found.add(name if name in form_fields else None, FormError("rule", str(e["rule"]), message))
        elif e.get("field"):
            found.add(_form_field(str(e["field"]), api_fields), FormError("invalid", None, message))
    if not found:
        found.general.append(FormError("refused", None, error.message))
    return found


def _form_field(api_field: str, api_fields: dict[str, str]) -> str | None:
    if api_field in api_fields:
        return api_fields[api_field]
    return next((name for prefix, name in api_fields.items() if prefix.endswith(".") and api_field.startswith(prefix)),
                None)
