"""People's names: another real surname is never a typo; a fuller form of the same person is
right (issue 8, item 15)."""

from __future__ import annotations

import pytest

from study.checking import check


@pytest.mark.parametrize("response", ["Dobson", "John Dobson", "Dobson, John", "Kenneth Nelson"])
def test_another_real_surname_is_not_a_typo(bundled_pack, response: str) -> None:
    fact = bundled_pack.facts_by_id["ff-melson" if "Nelson" in response else "ff-dodson"]
    verdict = check(fact, response, bundled_pack)
    assert not verdict.correct
    assert "is another name" in verdict.reason


@pytest.mark.parametrize("response", ["Dodsen", "Jon Dodson", "dodson", "John Dodsonn"])
def test_a_misspelt_name_is_still_forgiven(bundled_pack, response: str) -> None:
    assert check(bundled_pack.facts_by_id["ff-dodson"], response, bundled_pack).correct


@pytest.mark.parametrize("response", ["Joaquin Guzman", "Chapo Guzman", "El Chapo", "Guzmán"])
def test_a_fuller_form_of_the_same_person_is_right(bundled_pack, response: str) -> None:
    assert check(bundled_pack.facts_by_id["ff-bill-target"], response, bundled_pack).correct
