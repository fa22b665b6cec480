"""Properties of the checker that hold for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study.checking import Outcome, check
from study.checking.normalize import normalize

responses = st.one_of(
    st.text(max_size=60),
    st.text(alphabet="0123456789 ,.$%-", max_size=20),
    st.sampled_from(["ICE", "ATF", "2008", "more than 90 percent", "Melson", "not ICE", "idk"]),
)
common = settings(max_examples=150, deadline=None,
                  suppress_health_check=[HealthCheck.function_scoped_fixture])


@common
@given(response=responses, index=st.integers(min_value=0, max_value=9))
def test_checker_never_raises_and_is_deterministic(small_pack, response: str, index: int) -> None:
    fact = small_pack.facts[index]
    first = check(fact, response, small_pack)
    assert first == check(fact, response, small_pack)
    assert first.outcome in set(Outcome)
    assert 0.0 <= first.score <= 1.0
    assert first.reason


@common
@given(text=st.text(max_size=80))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once
