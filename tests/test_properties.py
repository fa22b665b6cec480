"""Properties of the checker that hold for any input (hypothesis)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from study.checking import Outcome, check, clear_caches, context_for
from study.checking.matching import GENERIC, as_tokens, match_tokens
from study.checking.normalize import normalize
from study.pack.models import Kind

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
    clear_caches()  # judged again from scratch, not read back from the verdicts kept
    assert first == check(fact, response, small_pack)
    assert first == check(fact, response, small_pack)  # and read back the same
    assert first.outcome in set(Outcome)
    assert 0.0 <= first.score <= 1.0
    assert first.reason


@common
@given(text=st.text(max_size=80))
def test_normalisation_is_idempotent(text: str) -> None:
    once = normalize(text)
    assert normalize(once) == once


def near_misses(forms: list[tuple[Kind, str]]) -> st.SearchStrategy[tuple[Kind, tuple[str, ...]]]:
    """A kind and one of its answer forms with up to two letters dropped, doubled or swapped,
    or a space put in."""

    @st.composite
    def draw(draw: st.DrawFn) -> tuple[Kind, tuple[str, ...]]:
        kind, form = draw(st.sampled_from(forms))
        text = list(form)
        for _ in range(draw(st.integers(min_value=0, max_value=2))):
            if len(text) < 2:
                break
            at = draw(st.integers(min_value=0, max_value=len(text) - 2))
            change = draw(st.sampled_from(["drop", "double", "swap", "space"]))
            if change == "drop":
                del text[at]
            elif change == "double":
                text.insert(at, text[at])
            elif change == "swap":
                text[at], text[at + 1] = text[at + 1], text[at]
            else:
                text.insert(at, " ")
        return kind, as_tokens("".join(text))

    return draw()


def test_rival_index_finds_every_form_a_response_matches(bundled_pack) -> None:
    """The prefilter may only skip forms the word-by-word comparison would reject anyway."""
    ctx = context_for(bundled_pack)
    forms = sorted({(kind, " ".join(entry[1])) for kind, index in ctx.rivals.items()
                    for entry in index.entries})

    @settings(max_examples=400, deadline=None)
    @given(case=near_misses(forms))
    def agree(case: tuple[Kind, tuple[str, ...]]) -> None:
        kind, said = case
        index = ctx.rivals[kind]
        stripped = tuple(t for t in said if t not in GENERIC) or said
        brute = {
            (entity.label, form)
            for entity, form, _, _ in index.entries
            if match_tokens(said, form) is not None or match_tokens(stripped, form) is not None
        }
        assert brute <= {(entity.label, form) for entity, form in index.near(said)}

    agree()
