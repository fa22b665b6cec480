"""Reads a content pack folder into a `Pack`, collecting every problem with its file and line."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from study.errors import PackError, Problem
from study.pack import schema
from study.pack.files import Unreadable, read_regular
from study.pack.models import (
    Disagreement,
    Fact,
    GlossaryEntry,
    Pack,
    Passage,
    Source,
    SynonymGroup,
    _Record,
)
from study.safety import brief, control_names, has_controls, strip_controls

try:  # the C loader is about 5x faster on the bundled pack
    from yaml import CSafeLoader as _Loader
except ImportError:  # pragma: no cover - depends on how PyYAML was built
    from yaml import SafeLoader as _Loader  # type: ignore[assignment]

#: The safe YAML loader the pack is read with (libyaml's when PyYAML has it), for other readers of
#: the project's YAML files.
YamlLoader = _Loader

R = TypeVar("R", bound=_Record)
SLUG = re.compile(r"^[a-z0-9][a-z0-9-]*$")
GLOSSARY_FILE = "glossary.yaml"
#: How many values YAML aliases may add to a file by repetition; an "alias bomb" of 476 bytes
#: expands to billions.
ALIAS_LIMIT = 10_000
#: Warnings about control characters per file, before one line sums up the rest.
MAX_CONTROL_WARNINGS = 10
_ID_LINE = re.compile(r"""^id:[ \t]*["']?([a-z0-9][a-z0-9-]*)["']?[ \t]*$""")
_SPACES = re.compile(r"[ \t]+")
#: An anchor ("&name" after a space, a line start, [ { or ,) or a YAML escape that writes a
#: control character ("\\e", "\\x1b", "\\u001b", ...): what makes `_check_nodes` necessary.
_AMPERSAND = re.compile(r"&[^\s&]")
_CONTROL_ESCAPE = re.compile(r"\\[0abvfreNxuULP]")
_KEY_LINE = re.compile(r"^[ \t]*(?:-[ \t]+)?[A-Za-z_][\w-]*:(?:[ \t]|$)")
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
        self.warnings: list[Problem] = []
        #: corpus files whose source did not load, so their passages are unknown
        self.unloaded: list[str] = []
        #: question files that gave no fact for a problem of their own (bad YAML): the ids
        #: other files name may be theirs, so a missing id is not reported again
        self.unread_questions: list[str] = []

    def rel(self, path: Path) -> str:
        try:
            return str(path.relative_to(self.root))
        except ValueError:
            return str(path)

    def add(self, path: Path, line: int, message: str, field: str = "") -> None:
        self.problems.append(Problem(self.rel(path), line, message, field))

    def warn(self, path: Path, line: int, message: str, field: str = "") -> None:
        self.warnings.append(Problem(self.rel(path), line, message, field, "warning"))


def load_pack(root: Path | str) -> Pack:
    """Load and validate the pack at ``root``; raise `PackError` listing every problem."""
    root = Path(root)
    if not root.is_dir():
        reason = "not a folder" if root.exists() else "no such folder"
        raise PackError([Problem(str(root), 0, reason)])
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
        before = len(out.problems)
        read = _read_fact_file(path, out)
        if not read and len(out.problems) > before:
            out.unread_questions.append(out.rel(path))
        facts.extend(read)
    if not passages and not out.problems:
        out.add(root / "corpus", 0, "no passages: corpus/ holds no *.md file with a ## heading")
    if not facts and not out.problems:
        out.add(root / "questions", 0, "no facts: questions/ holds no *.yaml file with facts")
    pack = Pack(str(root), sources, passages, facts, glossary)
    _read_tutor_files(root / "corpus", pack, out)
    _cross_check(pack, out)
    if out.problems:
        raise PackError(out.problems, root, out.warnings)
    pack.warnings = sorted(out.warnings)
    return pack


# -- corpus -----------------------------------------------------------------------------------


def _read_corpus_file(
    path: Path, out: _Collector, sources: dict[str, Source], passages: dict[str, Passage]
) -> None:
    text = _read_text(path, out)
    if text is None:
        out.unloaded.append(out.rel(path))
        return
    lines = text.splitlines()
    if not lines or lines[0].strip() != "---":
        out.add(path, 1, "missing front matter: the file must start with a '---' line")
        out.unloaded.append(out.rel(path))
        return
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        out.add(path, 1, "front matter is not closed by a '---' line")
        out.unloaded.append(out.rel(path))
        return
    source = _parse_front_matter(path, lines[1:end], out)
    if source is None:
        out.unloaded.append(out.rel(path))
        return
    if source.id in sources:
        out.add(path, 2, f"duplicate source id {source.id!r}", "id")
        return
    sources[source.id] = source
    seen_heading = False
    for number, heading, slug, body in _split_passages(lines, end + 1, path, out):
        seen_heading = True
        slug = slug if slug is not None else slugify(heading)
        if not SLUG.match(slug):
            out.add(path, number, f"bad passage slug {brief(slug)}: use lowercase letters, digits, -")
            continue
        if not any(part.strip() for part in body):
            out.add(path, number, f"passage {brief(heading)} is empty")
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
            # Runs of spaces mean nothing in Markdown; kept, they would cost every reader of
            # the text (the checker's number scan is quadratic in a run's length).
            paragraphs[-1].append(_SPACES.sub(" ", raw.strip()))
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
            current = (index + 1, *parse_heading(line))
            body = []
        elif current is None:
            if line.strip() and not line.startswith("# "):
                out.add(path, index + 1, "text before the first '## Heading' belongs to no passage")
        else:
            body.append(line)
    if current:
        yield (*current, body)


def parse_heading(line: str) -> tuple[str, str | None]:
    """A "## Heading {#slug}" line as (heading, slug or None). Plain string work, no pattern
    that can backtrack: a 100,000-character heading takes microseconds (the pattern this
    replaces took 26.7 s on 2,000 spaces, 208 s on 4,000)."""
    rest = line[3:].strip()
    if rest.endswith("}"):
        start = rest.rfind("{#")
        if start > 0 and "}" not in rest[start + 2 : -1] and rest[:start].strip():
            return rest[:start].rstrip(), rest[start + 2 : -1]
    return rest, None


def _parse_front_matter(path: Path, lines: list[str], out: _Collector) -> Source | None:
    """The file's source; when its front matter is broken, a stand-in with the same id (when
    one can be read), so that the passages still load and the facts citing them raise no
    echoes of the one problem. The pack does not load either way."""
    text = "\n".join(lines)
    try:
        nodes, data = _parse(text, path, out, offset=1)
    except (yaml.YAMLError, _Refused) as exc:
        line, reason = _yaml_problem(exc, text)
        out.add(path, line + 1 if line else 2, f"bad YAML in front matter: {reason}")
        return _stand_in(next((m[1] for m in map(_ID_LINE.match, lines) if m), None))
    if not isinstance(data, dict):
        out.add(path, 2, "front matter must be a mapping of fields (id, title, kind, ...)")
        return None
    try:
        return _validated(Source, data)
    except ValidationError as exc:
        for loc, message in _errors(exc, Source):
            key = str(loc[0]) if loc else ""
            line = _key_line(nodes, key)
            out.add(path, line + 1 if line else 2, message, key)
        source_id = data.get("id")
        return _stand_in(source_id if isinstance(source_id, str) else None)


def _stand_in(source_id: str | None) -> Source | None:
    if source_id is None or not SLUG.match(source_id):
        return None
    return Source.model_construct(id=source_id, title="", kind="", credits=[], period="",
                                  source_file="")


# -- glossary ---------------------------------------------------------------------------------


def _read_glossary(path: Path, out: _Collector) -> list[GlossaryEntry]:
    if not path.exists():
        return []
    entries = []
    for line, key_lines, item in _yaml_list(path, out, "glossary entries"):
        try:
            entry = _validated(GlossaryEntry, item)
        except ValidationError as exc:
            for loc, message in _errors(exc, GlossaryEntry):
                key = str(loc[0]) if loc else ""
                out.add(path, key_lines.get(key, line), message, key)
            continue
        split = _split_at_commas(entry)
        if split:
            out.add(path, key_lines.get("aliases", line),
                    f"{brief(split)} looks like one name split at its commas: a name with commas "
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
            fact = _validated(Fact, item)
        except ValidationError as exc:
            fact_id = item.get("id") if isinstance(item, dict) else None
            label = f"fact {brief(fact_id)}: " if isinstance(fact_id, str) else ""
            for loc, message in _errors(exc, Fact):
                key = str(loc[0]) if loc else ""
                out.add(path, key_lines.get(key, line), label + message, key)
            continue
        facts.append(fact.located(out.rel(path), line))
    return facts


def _yaml_list(
    path: Path, out: _Collector, what: str
) -> Iterator[tuple[int, dict[str, int], Any]]:
    """Yield (line, {key: line}, item) for each item of a YAML list file."""
    text = _read_text(path, out)
    if text is None:
        return
    try:
        node, data = _parse(text, path, out)
    except (yaml.YAMLError, _Refused) as exc:
        line, reason = _yaml_problem(exc, text)
        out.add(path, line, f"bad YAML: {reason}")
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
                out.add(path, key_node.start_mark.line + 1, "field given twice",
                        brief(key_node.value).strip("'"))
            seen.add(key_node.value)
        yield line, key_lines, item


def _read_text(path: Path, out: _Collector) -> str | None:
    """The text of a pack file, or None with the problem reported: only a regular file, at most
    `study.pack.files.MAX_FILE_BYTES`, UTF-8. Control characters are reported (warnings) and
    removed, so that no interface ever receives them."""
    try:
        data = read_regular(path)
    except Unreadable as exc:
        out.add(path, 0, exc.reason)
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        out.add(path, line, f"not UTF-8 text: byte 0x{data[exc.start]:02x} cannot be read")
        return None
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    if has_controls(text):
        warned = 0
        for number, line_text in enumerate(text.split("\n"), start=1):
            if has_controls(line_text):
                warned += 1
                if warned <= MAX_CONTROL_WARNINGS:
                    out.warn(path, number, _controls_message(line_text))
        if warned > MAX_CONTROL_WARNINGS:
            out.warn(path, 0, f"control characters on {warned - MAX_CONTROL_WARNINGS} more lines")
        text = strip_controls(text)
    return text


def _controls_message(text: str) -> str:
    names = ", ".join(control_names(text)) or "an escape sequence"
    return (f"control characters ({names}) in the text: a terminal would act on them; "
            "removed when the pack is loaded")


class _Refused(Exception):
    """A pack file YAML could parse, refused: an alias bomb or a self-referring alias."""

    def __init__(self, line: int, message: str) -> None:
        super().__init__(message)
        self.line = line
        self.message = message


def _parse(text: str, path: Path, out: _Collector, offset: int = 0) -> tuple[yaml.Node | None, Any]:
    """Parse once, keeping both the node tree (for line numbers) and the data; aliases may not
    expand the file by more than ALIAS_LIMIT values; control characters written as YAML
    escapes ("\\e[2J") are reported and removed."""
    loader = _Loader(text)
    try:
        node = loader.get_single_node()
        # Without an anchor there is no alias, and without an escape that makes one, no control
        # character (raw ones are gone already): the bundled files skip the walk, which cost
        # 20 ms of a 55 ms load.
        walk = _has_anchor(text) or _CONTROL_ESCAPE.search(text) is not None
        found = _check_nodes(node, offset) if node is not None and walk else []
        data = loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()
    for line, names in found:
        out.warn(path, line, f"control characters ({names}) in the text: a terminal would act "
                 "on them; removed when the pack is loaded")
    if found:
        data = _without_controls(data)
    return node, data


def _has_anchor(text: str) -> bool:
    """Whether ``text`` may hold a YAML anchor: "&name" at a line start or after a space, [ {
    or , ("AT&T" holds none)."""
    return any(m.start() == 0 or text[m.start() - 1] in " \t\n[{," for m in _AMPERSAND.finditer(text))


def _check_nodes(root: yaml.Node, offset: int) -> list[tuple[int, str]]:
    """Walk the node graph once (each node once, however many aliases point to it): refuse
    aliases that expand beyond ALIAS_LIMIT or refer to themselves; return (line, names) of
    the scalars holding control characters."""
    sizes: dict[int, int] = {}  # node -> values it expands to
    active: set[int] = set()  # nodes on the current path, to find a cycle
    used: set[int] = set()  # nodes met once as a child: a second meeting is an alias
    extra = 0  # values that aliases add
    controls: list[tuple[int, str]] = []
    stack: list[tuple[yaml.Node, bool]] = [(root, False)]
    while stack:
        node, done = stack.pop()
        key = id(node)
        children = _children(node)
        if done:
            size = 1
            for child in children:
                size += sizes[id(child)]
                if id(child) in used:
                    extra += sizes[id(child)]
                    if extra > ALIAS_LIMIT:
                        raise _Refused(
                            node.start_mark.line + offset,
                            f"YAML aliases here expand the file by over {ALIAS_LIMIT:,} values "
                            "(an alias bomb?): a pack file may not repeat this much by alias",
                        )
                used.add(id(child))
            sizes[key] = size
            active.discard(key)
            continue
        if key in sizes:
            continue
        if key in active:
            raise _Refused(node.start_mark.line + offset,
                           "a YAML alias here refers to a value that contains it")
        if isinstance(node, yaml.ScalarNode) and has_controls(str(node.value)):
            controls.append((node.start_mark.line + 1 + offset, ", ".join(
                control_names(str(node.value))) or "an escape sequence"))
        active.add(key)
        stack.append((node, True))
        stack.extend((child, False) for child in children)
    return sorted(controls)


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [part for pair in node.value for part in pair]
    return []


def _without_controls(data: Any) -> Any:
    if isinstance(data, str):
        return strip_controls(data)
    if isinstance(data, list):
        return [_without_controls(item) for item in data]
    if isinstance(data, dict):
        return {_without_controls(k): _without_controls(v) for k, v in data.items()}
    return data


def _key_line(node: yaml.Node | None, key: str) -> int:
    if isinstance(node, yaml.MappingNode):
        for key_node, _ in node.value:
            if key_node.value == key:
                return int(key_node.start_mark.line) + 1
    return 0


def _validated(record: type[R], item: Any) -> R:
    """``item`` validated by the pydantic model of ``record`` (`study.pack.schema`), as the
    record a pack holds."""
    model = getattr(schema, record.__name__)
    return record(**dict(model.model_validate(item)))


def _errors(
    exc: ValidationError, model: type[object]
) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """Pydantic errors as (location, readable message), one per problem. A misspelt field is
    one problem ("unknown field 'titel' (did you mean 'title'?)"), not that and a missing one."""
    errors = exc.errors()
    missing = {str(e["loc"][0]) for e in errors if e["type"] == "missing" and e["loc"]}
    meant: dict[str, str] = {}
    for error in errors:
        if error["type"] == "extra_forbidden" and error["loc"]:
            near = difflib.get_close_matches(str(error["loc"][0])[:100], sorted(missing), n=1)
            if near:
                meant[str(error["loc"][0])] = near[0]
                missing.discard(near[0])
    explained = set(meant.values())
    reported: set[tuple[int | str, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        kind = error["type"]
        # A union (str | list) reports one error per branch; the first is enough.
        key = loc[:1]
        if key in reported and kind not in ("extra_forbidden", "missing"):
            continue
        if kind == "missing" and loc and str(loc[0]) in explained:
            continue
        reported.add(key)
        field = ".".join(str(p) for p in loc if not (isinstance(p, str) and "[" in p))
        if kind == "extra_forbidden":
            name = str(loc[0])
            hint = f" (did you mean {meant[name]!r}?)" if name in meant else ""
            message = f"unknown field {brief(name)}{hint}"
        elif kind == "missing":
            message = f"missing required field {loc[0]!r}"
        elif kind == "enum":
            expected = error.get("ctx", {}).get("expected", "")
            message = f"{field}: {brief(error['input'])} is not one of {expected}"
        elif kind == "string_pattern_mismatch":
            message = f"{field}: {brief(error['input'])} has the wrong form ({_pattern_hint(loc)})"
        else:
            message = f"{field}: {error['msg']}"
        yield loc, message


def _pattern_hint(loc: tuple[int | str, ...]) -> str:
    if loc and loc[0] == "cite":
        return "expected '<source id>#<passage slug>'"
    return "lowercase letters, digits and '-'"


def _yaml_problem(exc: yaml.YAMLError | _Refused, text: str) -> tuple[int, str]:
    """(line, reason) of a YAML error, at the line that has it. YAML notices a quote left open
    only where the quoted text ends, often many lines later: that quote's line is the one."""
    if isinstance(exc, _Refused):
        return exc.line + 1, exc.message
    reason = _yaml_reason(exc)
    problem = getattr(exc, "problem_mark", None)
    context = getattr(exc, "context_mark", None)
    said = str(getattr(exc, "context", "") or "")
    if context is not None and said.startswith(("while scanning a quoted", "while parsing a flow")):
        mark = context  # where the quote or the [ { opened
    else:
        mark = problem or context
    line = int(mark.line) + 1 if mark is not None else 0
    opened = _open_quote_line(text, line)
    if opened and opened != line:
        return opened, (f"a quote opened on this line is not closed on it, so the lines after "
                        f"it are read as its text (YAML fails at line {line}: {reason})")
    return line, reason


def _open_quote_line(text: str, before: int) -> int:
    """The line of the first quoted scalar, starting before line ``before``, that runs on over
    lines that read as fields ("  kind: year"): a quote left open."""
    lines = text.split("\n")
    loader = _Loader(text)
    try:
        while True:
            token = loader.get_token()
            if token is None:
                return 0
            if not isinstance(token, yaml.ScalarToken) or token.style not in ('"', "'"):
                continue
            start, end = token.start_mark.line, token.end_mark.line
            if start + 1 >= before > 0:
                return 0
            if end > start and any(_KEY_LINE.match(line) for line in lines[start + 1 : end + 1]):
                return int(start) + 1
    except yaml.YAMLError:
        return 0
    finally:
        loader.dispose()


def _yaml_reason(exc: yaml.YAMLError) -> str:
    problem = getattr(exc, "problem", None)
    context = getattr(exc, "context", None)
    parts = [p for p in (context, problem) if p]
    return ", ".join(parts) if parts else brief(str(exc).splitlines()[0], 200)


# -- cross checks -----------------------------------------------------------------------------


def _cross_check(pack: Pack, out: _Collector) -> None:
    from study.pack.validate import fact_problems  # imports the checker's normaliser

    root = Path(pack.root)
    first_seen: dict[str, Fact] = {}
    echoes = 0
    for fact in pack.facts:
        where = root / fact.path
        if fact.id in first_seen:
            other = first_seen[fact.id]
            out.add(where, fact.line, f"duplicate fact id {fact.id!r} (first at {other.path}:"
                    f"{other.line})", "id")
            continue
        first_seen[fact.id] = fact
        for field, message in fact_problems(pack, fact):
            if field == "cite" and out.unloaded and fact.cite.split("#")[0] not in pack.sources:
                echoes += 1  # the cause, a corpus file that did not load, is reported already
                continue
            out.add(where, fact.line, f"fact {fact.id!r}: {message}", field)
    if echoes:
        files = " or ".join(out.unloaded)
        out.warn(root / out.unloaded[0], 0, f"{echoes} fact{'s' if echoes != 1 else ''} cite "
                 f"passages of {files}, which did not load: fix {files} first")


# -- the tutor's files: synonyms and disagreements --------------------------------------------


def _read_tutor_files(corpus: Path, pack: Pack, out: _Collector) -> None:
    """Read corpus/synonyms.yaml and corpus/disagreements.yaml (both optional) into ``pack``."""
    pack.synonyms = _read_synonyms(corpus / SYNONYMS_FILE, out)
    pack.disagreements = _read_disagreements(corpus / DISAGREEMENTS_FILE, pack, out)


def _read_synonyms(path: Path, out: _Collector) -> list[SynonymGroup]:
    if not path.exists():
        return []
    text = _read_text(path, out)
    if text is None:
        return []
    try:
        node, data = _parse(text, path, out)
    except (yaml.YAMLError, _Refused) as exc:
        line, reason = _yaml_problem(exc, text)
        out.add(path, line, f"bad YAML: {reason}")
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
            link = _validated(Disagreement, item)
        except ValidationError as exc:
            for loc, message in _errors(exc, Disagreement):
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
            if fact_id not in pack.facts_by_id and out.unread_questions:
                ok = False  # perhaps in a question file that did not load: said there
                continue
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


# -- other YAML files of a pack (drills) ------------------------------------------------------


def read_yaml(path: Path, root: Path) -> tuple[yaml.Node | None, Any, list[Problem]]:
    """Read and parse the YAML file at ``path`` as the pack's own files are read (regular
    file, size limit, UTF-8, controls removed, aliases bounded), keeping the node tree for
    line numbers: (node, data, warnings). A `PackError` names the file (relative to ``root``
    when inside it) and the line when it cannot be used."""
    out = _Collector(root)
    text = _read_text(path, out)
    if text is None:
        raise PackError(out.problems)
    try:
        node, data = _parse(text, path, out)
    except (yaml.YAMLError, _Refused) as exc:
        line, reason = _yaml_problem(exc, text)
        raise PackError([Problem(out.rel(path), line, f"bad YAML: {reason}")]) from None
    return node, data, out.warnings


def validation_messages(exc: ValidationError, model: type[BaseModel]
                        ) -> Iterator[tuple[tuple[int | str, ...], str]]:
    """Pydantic errors as (location, readable message), one per problem, worded as the pack's."""
    return _errors(exc, model)
