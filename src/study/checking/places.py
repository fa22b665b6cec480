"""Which place holds which: U.S. and Mexican states, countries and the cities of the border
story, with the abbreviations people write for them ("Calif.", "TX", "USA").

A small curated list, not a gazetteer: enough to read "San Diego, California" and "Juarez,
Chihuahua" as a city located, "Arizona" for Phoenix as on the way (which city?), and "Houston,
Arizona" as no city the checker knows. A pack's own "City, State" forms and its glossary add to
it (see `Context`).
"""

from __future__ import annotations

from functools import cache

from study.checking.normalize import tokens

Tokens = tuple[str, ...]

#: U.S. states and their abbreviations, postal and AP style. Postal codes that are also words
#: ("in", "or", "me", "ok", "hi", "oh", "la", "de", "id", "ma", "al", "co", "pa") are left out:
#: "Portland or" would read as a state.
US_STATES: dict[str, tuple[str, ...]] = {
    "Alabama": ("Ala.",), "Alaska": ("AK",), "Arizona": ("AZ", "Ariz."),
    "Arkansas": ("AR", "Ark."), "California": ("CA", "Calif.", "Cal."),
    "Colorado": ("Colo.",), "Connecticut": ("CT", "Conn."), "Delaware": (),
    "Florida": ("FL", "Fla."), "Georgia": ("GA", "Ga."), "Hawaii": (), "Idaho": (),
    "Illinois": ("IL", "Ill."), "Indiana": ("Ind.",), "Iowa": ("IA",), "Kansas": ("KS", "Kan."),
    "Kentucky": ("KY", "Ky."), "Louisiana": (), "Maine": (), "Maryland": ("MD", "Md."),
    "Massachusetts": (), "Michigan": ("MI", "Mich."), "Minnesota": ("MN", "Minn."),
    "Mississippi": ("MS",), "Missouri": ("MO", "Mo."), "Montana": ("MT", "Mont."),
    "Nebraska": ("NE", "Neb."), "Nevada": ("NV", "Nev."), "New Hampshire": ("NH", "N.H."),
    "New Jersey": ("NJ", "N.J."), "New Mexico": ("NM", "N.M.", "N. Mex."),
    "North Carolina": ("NC", "N.C."), "North Dakota": ("ND", "N.D."), "Ohio": (),
    "Oklahoma": ("Okla.",), "Oregon": (), "Pennsylvania": ("Penn.",),
    "Rhode Island": ("RI", "R.I."), "South Carolina": ("SC", "S.C."),
    "South Dakota": ("SD", "S.D."), "Tennessee": ("TN", "Tenn."), "Texas": ("TX", "Tex."),
    "Utah": ("UT",), "Vermont": ("VT", "Vt."), "Virginia": ("VA", "Va."),
    "West Virginia": ("WV", "W.Va."), "Wisconsin": ("WI", "Wis."), "Wyoming": ("WY", "Wyo."),
}
#: The states of Mexico (the State of Mexico itself is left out: "Mexico" is the country).
MEXICAN_STATES = (
    "Aguascalientes", "Baja California", "Baja California Sur", "Campeche", "Chiapas",
    "Chihuahua", "Coahuila", "Colima", "Durango", "Guanajuato", "Guerrero", "Hidalgo", "Jalisco",
    "Michoacan", "Morelos", "Nayarit", "Nuevo Leon", "Oaxaca", "Puebla", "Queretaro",
    "Quintana Roo", "San Luis Potosi", "Sinaloa", "Sonora", "Tabasco", "Tamaulipas", "Tlaxcala",
    "Veracruz", "Yucatan", "Zacatecas",
)
COUNTRIES: dict[str, tuple[str, ...]] = {
    "United States": ("U.S.", "USA", "U.S.A.", "United States of America"),
    "Mexico": (), "Canada": (), "Guatemala": (),
}
#: Cities of the border story and the states (or countries) that hold them. Washington and New
#: York are left out: the city and the state share the name.
CITIES: dict[str, tuple[str, ...]] = {
    "Houston": ("Texas",), "Dallas": ("Texas",), "San Antonio": ("Texas",), "Austin": ("Texas",),
    "El Paso": ("Texas",), "Laredo": ("Texas",), "Brownsville": ("Texas",),
    "McAllen": ("Texas",), "Phoenix": ("Arizona",), "Tucson": ("Arizona",),
    "Yuma": ("Arizona",), "Nogales": ("Arizona", "Sonora"), "San Diego": ("California",),
    "Los Angeles": ("California",), "San Francisco": ("California",),
    "Sacramento": ("California",), "Calexico": ("California",), "Albuquerque": ("New Mexico",),
    "Las Cruces": ("New Mexico",), "Santa Fe": ("New Mexico",), "Miami": ("Florida",),
    "Atlanta": ("Georgia",), "Chicago": ("Illinois",), "Denver": ("Colorado",),
    "Tijuana": ("Baja California",), "Mexicali": ("Baja California",),
    "Ensenada": ("Baja California",), "Juarez": ("Chihuahua",), "Ciudad Juarez": ("Chihuahua",),
    "Hermosillo": ("Sonora",), "Monterrey": ("Nuevo Leon",), "Nuevo Laredo": ("Tamaulipas",),
    "Matamoros": ("Tamaulipas",), "Reynosa": ("Tamaulipas",), "Culiacan": ("Sinaloa",),
    "Mazatlan": ("Sinaloa",), "Guadalajara": ("Jalisco",), "Acapulco": ("Guerrero",),
    "Cancun": ("Quintana Roo",), "Mexico City": ("Mexico",),
}
_CONTINENT = "North America"


@cache
def _tables() -> tuple[dict[Tokens, Tokens], dict[Tokens, tuple[Tokens, ...]],
                       dict[Tokens, tuple[Tokens, ...]]]:
    """Every written name -> its place; each place -> the places right above it; each place
    -> all its names."""
    name_of: dict[Tokens, Tokens] = {}
    parents: dict[Tokens, tuple[Tokens, ...]] = {}
    names: dict[Tokens, tuple[Tokens, ...]] = {}

    def add(place: str, others: tuple[str, ...], above: tuple[str, ...]) -> None:
        key = tokens(place)
        written = tuple(dict.fromkeys(tokens(name) for name in (place, *others)))
        names[key] = written
        for name in written:
            name_of.setdefault(name, key)
        parents[key] = tuple(tokens(p) for p in above)

    add(_CONTINENT, (), ())
    for country, others in COUNTRIES.items():
        add(country, others, (_CONTINENT,))
    for state, others in US_STATES.items():
        add(state, others, ("United States",))
    for state in MEXICAN_STATES:
        add(state, (), ("Mexico",))
    for city, above in CITIES.items():
        add(city, (), above)
    return name_of, parents, names


def place_named(name: Tokens) -> Tokens | None:
    """The place a written name stands for ("tx" -> texas), if the list knows it."""
    return _tables()[0].get(name)


def names_of(place: Tokens) -> tuple[Tokens, ...]:
    """Every written name of a place the list knows, the full name first."""
    return _tables()[2].get(place, ())


@cache
def holders(place: Tokens) -> frozenset[Tokens]:
    """Every larger place that holds ``place`` (any of its names), as the list knows it."""
    name_of, parents, _ = _tables()
    key = name_of.get(place)
    out: set[Tokens] = set()
    todo = list(parents.get(key, ())) if key else []
    while todo:
        above = todo.pop()
        if above not in out:
            out.add(above)
            todo.extend(parents.get(above, ()))
    return frozenset(out)


def abbreviated() -> list[tuple[str, list[str]]]:
    """The states and countries that have other written names: (full name, every name)."""
    out = []
    for place, others in (*COUNTRIES.items(), *US_STATES.items()):
        if others:
            out.append((place, [place, *others]))
    return out
