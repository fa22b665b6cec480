"""Given names and the short forms people go by: "Ken Melson" is Kenneth Melson.

Only the usual English short forms, each of one given name (a short form of two, such as "Al"
for Alan or Albert, is left out), so that a response naming a person by the form of the first
name they go by is read as the full name, and the reverse.
"""

from __future__ import annotations

_SHORT_FORMS = {
    "kenneth": ("ken", "kenny"), "william": ("bill", "will", "billy"),
    "robert": ("bob", "rob", "bobby"), "james": ("jim", "jimmy"), "michael": ("mike",),
    "thomas": ("tom", "tommy"), "david": ("dave",), "joseph": ("joe",),
    "richard": ("dick", "rick", "rich"), "charles": ("chuck", "charlie"),
    "steven": ("steve",), "stephen": ("steve",), "daniel": ("dan", "danny"),
    "anthony": ("tony",), "christopher": ("chris",), "matthew": ("matt",),
    "patrick": ("paddy",), "andrew": ("andy",), "gerald": ("jerry",), "lawrence": ("larry",),
    "samuel": ("sam",), "benjamin": ("ben",), "gregory": ("greg",), "edward": ("ed", "ted"),
    "frederick": ("fred",), "gilbert": ("gil",), "nicholas": ("nick",), "peter": ("pete",),
    "ronald": ("ron",), "donald": ("don",), "douglas": ("doug",), "jeffrey": ("jeff",),
    "philip": ("phil",), "raymond": ("ray",), "timothy": ("tim",), "jonathan": ("jon",),
    "elizabeth": ("liz", "beth"), "katherine": ("kate", "kathy"), "jennifer": ("jen", "jenny"),
    "susan": ("sue",), "margaret": ("peggy", "meg"), "patricia": ("patty",),
    "deborah": ("debbie", "deb"), "rebecca": ("becky",), "john": ("jack",),
}
#: Every given name and short form, with the names it stands for (itself included).
SAME_GIVEN: dict[str, frozenset[str]] = {}
for _full, _shorts in _SHORT_FORMS.items():
    for _name in (_full, *_shorts):
        SAME_GIVEN[_name] = SAME_GIVEN.get(_name, frozenset()) | {_full, *_shorts}


def given_name_forms(words: tuple[str, ...]) -> list[tuple[str, ...]]:
    """``words`` (a full name, given name first) with the given name in each of its other
    forms: ("kenneth", "melson") gives ("ken", "melson") and ("kenny", "melson")."""
    if len(words) < 2:
        return []
    return [(other, *words[1:]) for other in sorted(SAME_GIVEN.get(words[0], ()))
            if other != words[0]]
