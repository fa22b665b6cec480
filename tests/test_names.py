"""The checker's index of names: every occurrence a scan would find, found by reading once."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from study.checking.names import NameIndex

words = st.sampled_from(["ice", "atf", "border", "patrol", "us", "customs", "and", "of"])
names = st.lists(st.lists(words, min_size=1, max_size=3).map(tuple), max_size=8)
texts = st.lists(words, max_size=12).map(tuple)


def _scan(text: tuple[str, ...], name: tuple[str, ...]) -> list[int]:
    n = len(name)
    return [i for i in range(len(text) - n + 1) if text[i:i + n] == name]


@settings(max_examples=200, deadline=None)
@given(names=names, text=texts)
def test_the_index_finds_what_a_scan_of_every_name_finds(names: list[tuple[str, ...]],
                                                          text: tuple[str, ...]) -> None:
    index: NameIndex[int] = NameIndex()
    for at, name in enumerate(names):
        index.add(name, at)
    found = sorted((start, end, tuple(values)) for start, end, values in index.find(text))
    expected = sorted(
        (start, start + len(name), tuple(at for at, other in enumerate(names) if other == name))
        for name in set(names) for start in _scan(text, name))
    assert found == expected
    assert index.values_in(text) == {at for _, _, values in expected for at in values}
    assert index.occurs_in(text) == bool(expected)
    for name in names:
        assert name in index and index.get(name) == [a for a, o in enumerate(names) if o == name]
    assert ("nowhere",) not in index and index.get(()) == []
