"""Reads a content pack folder into a `Pack`, collecting every problem with its file and line."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from study.errors import PackError, Problem
from study.pack.models import Disagreement, Fact, GlossaryEntry, Pack, Passage, Source, SynonymGroup

try:  # the C loader is about 5x faster on the bundled pack
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

HEADING = re.compile(r"^##\s+(?P<heading>.+?)\s*(?:\{#(?P<slug>[^}]*)\})?\s*$")
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GLOSSARY_FILE = "glossary.yaml"
SYNONYMS_FILE = "synonyms.yaml"
DISAGREEMENTS_FILE = "disagreements.yaml"


def slugify(text: str) -> str:
    """A heading as a passage slug: lowercase words joined by hyphens."""
    import unicodedata

    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", folded.lower()).strip("-")


class _Collector:
    """Accumulates problems so that one run reports all of them."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.problems: list[Problem] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(self, path: Path, line: int, message: str, field: str = "") -> None:
        self.problems.append(Problem(self.rel(path), line, message, field))


def load_pack(root: Path | str) -> Pack:
    """Load and validate the pack at ``root``; raise `PackError` listing every problem."""
    root = Path(root)
    out = _Collector(root)
    if not (root / "corpus").is_dir() or not (root / "questions").is_dir():
        raise PackError(
            [Problem(str(root), 0, "not a content pack: it needs corpus/ and questions/ folders")]
        )
    sources: dict[str, Source] = {}
    passages: dict[str, Passage] = {}
    for path in sorted((root / "corpus").glob("*.md")):
        _read_corpus_file(path, out, sources, passages)
    glossary = _read_glossary(root / "corpus" / GLOSSARY_FILE, out)
    facts = []
    for path in sorted((root / "questions").glob("*.yaml")) + sorted(
        (root / "questions").glob("*.yml")
    ):
        facts.extend(_read_fact_file(path, out))
    if not passages and not out.problems:
        out.add(root / "corpus", 0, "no passages: corpus/ holds no *.md file with a ## heading")
    if not facts and not out.problems:
        out.add(root / "questions", 0, "no facts: questions/ holds no *.yaml file with facts")
    pack = Pack(str(root), sources, passages, facts, glossary)
    _read_tutor_files(root / "corpus", pack, out)
    _cross_check(pack, out)
    if out.problems:
        raise PackError(out.problems, root)
    return pack


# -- corpus -----------------------------------------------------------------------------------


def _read_corpus_file(
    path: Path, out: _Collector, sources: dict[str, Source], passages: dict[str, Passage]
) -> None:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        out.add(path, 0, f"cannot read the file: {exc}")
        return
    if not lines or lines[0].strip() != "---":
        out.add(path, 1, "missing front matter: the file must start with a '---' line")
        return
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        out.add(path, 1, "front matter is not closed by a '---' line")
        return
    source = _parse_front_matter(path, "\n".join(lines[1:end]), out)
    if source is None:
        return
    if source.id in sources:
        out.add(path, 2, f"duplicate source id {source.id!r}", "id")
        return
    sources[source.id] = source
    seen_heading = False
    for number, heading, slug, body in _split_passages(lines, end + 1, path, out):
        seen_heading = True
        text = " ".join(part.strip() for part in body).strip()
        text = re.sub(r"\s*\n\s*", " ", text)
        slug = slug if slug is not None else slugify(heading)
        if not SLUG.match(slug):
            out.add(path, number, f"bad passage slug {slug!r}: use lowercase letters, digits, -")
            continue
        if not text:
            out.add(path, number, f"passage {heading!r} is empty")
            continue
        passage = Passage(source, slug, heading, _join_paragraphs(body), out.rel(path), number)
        if passage.id in passages:
            out.add(path, number, f"duplicate passage id {passage.id!r}")
            continue
        passages[passage.id] = passage
    if not seen_heading:
        out.add(path, end + 2, "no passages: add at least one '## Heading' line")


def _join_paragraphs(body: list[str]) -> str:
    """Passage text with paragraphs kept apart by a blank line and lines within them joined."""
    paragraphs: list[list[str]] = [[]]
    for raw in body:
        if raw.strip():
            paragraphs[-1].append(raw.strip())
        elif paragraphs[-1]:
            paragraphs.append([])
    return "\n\n".join(" ".join(p) for p in paragraphs if p)


def _split_passages(
    lines: list[str], start: int, path: Path, out: _Collector
) -> Iterator[tuple[int, str, str | None, list[str]]]:
    current: tuple[int, str, str | None] | None = None
    body: list[str] = []
    for index in range(start, len(lines)):
        line = lines[index]
        if line.startswith("## "):
            if current:
                yield (*current, body)
            match = HEADING.match(line)
            assert match is not None  # any "## x" line matches
            current = (index + 1, match["heading"], match["slug"])
            body = []
        elif current is None:
            if line.strip() and not line.startswith("# "):
                out.add(path, index + 1, "text before the first '## Heading' belongs to no passage")
        else:
            body.append(line)
    if current:
        yield (*current, body)


def _parse_front_matter(path: Path, text: str, out: _Collector) -> Source | None:
    try:
        nodes, data = _parse(text)
    except yaml.YAMLError as exc:
        out.add(path, _yaml_line(exc, offset=1), f"bad YAML in front matter: {_yaml_reason(exc)}")
        return None
    if not isinstance(data, dict):
        out.add(path, 2, "front matter must be a mapping of fields (id, title, kind, ...)")
        return None
    try:
        return Source.model_validate(data)
    except ValidationError as exc:
        for loc, message in _errors(exc):
            key = str(loc[0]) if loc else ""
            line = _key_line(nodes, key)
            out.add(path, line + 1 if line else 2, message, key)
        return None


# -- glossary ---------------------------------------------------------------------------------


def _read_glossary(path: Path, out: _Collector) -> list[GlossaryEntry]:
    if not path.exists():
        return []
    entries = []
    for line, key_lines, item in _yaml_list(path, out, "glossary entries"):
        try:
            entry = GlossaryEntry.model_validate(item)
        except ValidationError as exc:
            for loc, message in _errors(exc):
                key = str(loc[0]) if loc else ""
                out.add(path, key_lines.get(key, line), message, key)
            continue
        split = _split_at_commas(entry)
        if split:
            out.add(path, key_lines.get("aliases", line),
                    f"{split!r} looks like one name split at its commas: a name with commas "
                    "must be quoted in a [ ] list", "aliases")
            continue
        entries.append(entry)
    return entries


def _split_at_commas(entry: GlossaryEntry) -> str | None:
    """Two neighbouring aliases that, joined by a comma, read as another form of a name that
    has commas: what an unquoted "[Bureau of Alcohol, Tobacco and Firearms]" turns into."""
    with_commas = [name for name in entry.names if "," in name]
    if not with_commas:
        return None
    words = {word for name in with_commas for word in _words(name)}
    for first, second in zip(entry.aliases, entry.aliases[1:], strict=False):
        if "," in first or "," in second:
            continue  # pieces of a split name have no commas of their own
        joined = f"{first}, {second}"
        if set(_words(joined)) <= words:
            return joined
    return None


def _words(name: str) -> list[str]:
    return name.replace(",", " ").casefold().split()


# -- questions --------------------------------------------------------------------------------


def _read_fact_file(path: Path, out: _Collector) -> list[Fact]:
    facts = []
    for line, key_lines, item in _yaml_list(path, out, "facts"):
        try:
            fact = Fact.model_validate(item)
        except ValidationError as exc:
            fact_id = item.get("id") if isinstance(item, dict) else None
            label = f"fact {fact_id!r}: " if isinstance(fact_id, str) else ""
            for loc, message in _errors(exc):
                key = str(loc[0]) if loc else ""
                out.add(path, key_lines.get(key, line), label + message, key)
            continue
        facts.append(fact.located(out.rel(path), line))
    return facts


def _yaml_list(
    path: Path, out: _Collector, what: str
) -> Iterator[tuple[int, dict[str, int], Any]]:
    """Yield (line, {key: line}, item) for each item of a YAML list file."""
    try:
        text = path.read_text(encoding="utf-8")
        node, data = _parse(text)
    except (OSError, UnicodeDecodeError) as exc:
        out.add(path, 0, f"cannot read the file: {exc}")
        return
    except yaml.YAMLError as exc:
        out.add(path, _yaml_line(exc), f"bad YAML: {_yaml_reason(exc)}")
        return
    if data is None:
        return
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        out.add(path, 1, f"the file must be a YAML list of {what} (each item starting with '- ')")
        return
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, dict) or not isinstance(item_node, yaml.MappingNode):
            out.add(path, line, "each item must be a mapping of fields (id: ..., prompt: ...)")
            continue
        key_lines = {
            str(k.value): k.start_mark.line + 1 for k, _ in item_node.value
        }
        seen: set[str] = set()
        for key_node, _ in item_node.value:
            if key_node.value in seen:
                out.add(path, key_node.start_mark.line + 1, "field given twice", key_node.value)
            seen.add(key_node.value)
        yield line, key_lines, item


def _parse(text: str) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping both the node tree (for line numbers) and the data."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    return node, data


def _key_line(node: yaml.Node | None, key: str) -> int:
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return int(key_node.start_mark.line) + 1
    return 0


def _errors(exc: ValidationError) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """Pydantic errors as (location, readable message), one per problem."""
    reported: set[tuple[int | str, ...]] = set()
    for error in exc.errors():
        loc = tuple(error["loc"])
        kind = error["type"]
        # A union (str | list) reports one error per branch; the first is enough.
        key = loc[:1]
        if key in reported and kind not in ("extra_forbidden", "missing"):
            continue
        reported.add(key)
        field = ".".join(str(p) for p in loc if not (isinstance(p, str) and "[" in p))
        if kind == "extra_forbidden":
            message = f"unknown field {loc[0]!r}"
        elif kind == "missing":
            message = f"missing required field {loc[0]!r}"
        elif kind == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            message = f"{field}: {error['input']!r} is not one of {expected}"
        elif kind == "string_pattern_mismatch":
            message = f"{field}: {error['input']!r} has the wrong form ({_pattern_hint(loc)})"
        else:
            message = f"{field}: {error['msg']}"
        yield loc, message


def _pattern_hint(loc: tuple[int | str, ...]) -> str:
    if loc and loc[0] == "cite":
        return "expected '<source id>#<passage slug>'"
    return "lowercase letters, digits and '-'"


def _yaml_line(exc: yaml.YAMLError, offset: int = 0) -> int:
    mark = getattr(exc, "problem_mark", None) or getattr(exc, "context_mark", None)
    return int(mark.line) + 1 + offset if mark is not None else 0


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    return ", ".join(parts) if parts else str(exc).splitlines()[0]


# -- cross checks -----------------------------------------------------------------------------


def _cross_check(pack: Pack, out: _Collector) -> None:
    from study.pack.validate import fact_problems  # imports the checker's normaliser

    root = Path(pack.root)
    first_seen: dict[str, Fact] = {}
    for fact in pack.facts:
        where = root / fact.path
        if fact.id in first_seen:
            other = first_seen[fact.id]
            out.add(where, fact.line, f"duplicate fact id {fact.id!r} (first at {other.path}:"
                    f"{other.line})", "id")
            continue
        first_seen[fact.id] = fact
        for field, message in fact_problems(pack, fact):
            out.add(where, fact.line, f"fact {fact.id!r}: {message}", field)


# -- the tutor's files: synonyms and disagreements --------------------------------------------


def _read_tutor_files(corpus: Path, pack: Pack, out: _Collector) -> None:
    """Read corpus/synonyms.yaml and corpus/disagreements.yaml (both optional) into ``pack``."""
    pack.synonyms = _read_synonyms(corpus / SYNONYMS_FILE, out)
    pack.disagreements = _read_disagreements(corpus / DISAGREEMENTS_FILE, pack, out)


def _read_synonyms(path: Path, out: _Collector) -> list[SynonymGroup]:
    if not path.exists():
        return []
    try:
        node, data = _parse(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        out.add(path, 0, f"cannot read the file: {exc}")
        return []
    except yaml.YAMLError as exc:
        out.add(path, _yaml_line(exc), f"bad YAML: {_yaml_reason(exc)}")
        return []
    if data is None:
        return []
    if not isinstance(data, list) or not isinstance(node, yaml.SequenceNode):
        out.add(path, 1, "the file must be a YAML list of synonym groups, each a [ ] list of words")
        return []
    groups: list[SynonymGroup] = []
    first_seen: dict[str, int] = {}
    for item, item_node in zip(data, node.value, strict=True):
        line = item_node.start_mark.line + 1
        if not isinstance(item, list) or not isinstance(item_node, yaml.SequenceNode):
            out.add(path, line, "each synonym group must be a [ ] list of words or phrases")
            continue
        words: list[str] = []
        for word, word_node in zip(item, item_node.value, strict=True):
            where = word_node.start_mark.line + 1
            if not isinstance(word, str) or not word.strip():
                out.add(path, where, f"{word!r} is not a word: every entry must be non-empty text")
                continue
            key = " ".join(word.casefold().split())
            if key in words:
                out.add(path, where, f"{word!r} is given twice in this group")
                continue
            if key in first_seen:
                out.add(path, where, f"{word!r} is already in the group at line {first_seen[key]}: "
                        "a word belongs to one group")
                continue
            first_seen[key] = line
            words.append(key)
        if len(words) < 2 and len(item) >= 2:
            continue  # its problems are reported above
        if len(words) < 2:
            out.add(path, line, "a synonym group needs at least two words")
            continue
        groups.append(SynonymGroup(tuple(words), out.rel(path), line))
    return groups


def _read_disagreements(path: Path, pack: Pack, out: _Collector) -> list[Disagreement]:
    if not path.exists():
        return []
    import difflib

    found: list[Disagreement] = []
    seen: dict[str, int] = {}
    for line, key_lines, item in _yaml_list(path, out, "disagreements"):
        try:
            link = Disagreement.model_validate(item)
        except ValidationError as exc:
            for loc, message in _errors(exc):
                key = str(loc[0]) if loc else ""
                out.add(path, key_lines.get(key, line), message, key)
            continue
        if link.id in seen:
            out.add(path, line, f"duplicate disagreement id {link.id!r} (first at line {seen[link.id]})",
                    "id")
            continue
        seen[link.id] = line
        facts_line = key_lines.get("facts", line)
        ok = True
        for fact_id in link.facts:
            if fact_id not in pack.facts_by_id:
                near = difflib.get_close_matches(fact_id, list(pack.facts_by_id), n=1)
                hint = f" (did you mean {near[0]!r}?)" if near else ""
                out.add(path, facts_line, f"{link.id}: no fact has the id {fact_id!r}{hint}", "facts")
                ok = False
        if len(set(link.facts)) < len(link.facts):
            out.add(path, facts_line, f"{link.id}: a fact is listed twice", "facts")
            ok = False
        elif len(link.facts) > 3:
            out.add(path, facts_line, f"{link.id}: at most three facts (an answer cites at most three "
                    "passages)", "facts")
            ok = False
        elif ok and len({pack.facts_by_id[f].cite for f in link.facts}) < 2:
            out.add(path, facts_line, f"{link.id}: the facts all cite one passage; a disagreement "
                    "sets passages against each other", "facts")
            ok = False
        for fact_id in link.facts:
            fact = pack.facts_by_id.get(fact_id)
            if fact is not None and fact.kind.value == "truefalse":
                out.add(path, facts_line, f"{link.id}: {fact_id!r} is a true/false statement, not an "
                        "answer", "facts")
                ok = False
        if ok:
            found.append(link.located(out.rel(path), line))
    return found
