"""Every retourcode the matcher can put in a JW325 is one of the release's WJ001 codes."""

from services.invoicing.domain import retourcodes
from shared.ijw.releases import IJW_3_2


def test_every_code_the_matcher_answers_with_is_in_wj001_of_ijw_3_2():
    codes = {value for name, value in vars(retourcodes).items() if name.isupper() and isinstance(value, str)}
    assert codes and codes <= IJW_3_2.codes("LDT_RetourCode")
