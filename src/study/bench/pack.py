"""`python -m study.bench pack`: `study check` and pack loading on the bundled pack copied 1x, 5x
and 10x, each copy's names made its own, to show how they grow with the pack.

Each copy renames its sources, passages' sources, facts and disagreements, and makes every name
its own: each capitalised word of a name (glossary names, credits, answers, accepted forms,
distractors) gets a four-letter tag of the copy wherever it is written (passages, prompts,
answers), so that the names of two copies differ by four letters in every word and the checker
sees ten times the names, not one set of names ten times. Every size is measured in fresh
processes, in interleaved rounds, as CPU time of the work alone (not the interpreter's start).
"""

from __future__ import annotations

import argparse
import json
import re
import string
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import yaml

from study.bench.timing import Figure, cpu, header, orders, ratio, run_child

SIZES = (1, 5, 10)
#: Capitalised words that are not names: tagging them would only make the text odd (months
#: would stop being dates).
_NOT_NAMES = frozenset(
    "The A An Of And For In On At To By With From But Or Not Is It He She They We I His Her "
    "Their This That These Those What Which Who When Where How Why Mr Mrs Ms Dr St January "
    "February March April May June July August September October November December Monday "
    "Tuesday Wednesday Thursday Friday Saturday Sunday US UK".split()  # US: also written U.S.
)
_CAPITALISED = re.compile(r"\b[A-Z][A-Za-z]+\b")


def tag(copy: int) -> str:
    """Four letters, different in every position from every other copy's (up to 26 copies)."""
    return "".join(string.ascii_lowercase[(copy + 7 * i) % 26] for i in range(4))


def _name_texts(questions: list[list[dict[str, Any]]], glossary: list[dict[str, Any]],
                credits: list[str]) -> list[str]:
    texts = list(credits)
    for entry in glossary:
        texts += [entry["name"], entry.get("short") or "", *entry.get("aliases", [])]
    for facts in questions:
        for fact in facts:
            if fact.get("kind") == "truefalse":
                continue
            answer = fact["answer"]
            texts += [*(answer if isinstance(answer, list) else [answer]),
                      *fact.get("accept", []), *fact.get("distractors", [])]
    return texts


def _renamer(words: set[str], copy: int) -> Any:
    pattern = re.compile(r"\b(" + "|".join(sorted(map(re.escape, words), key=len, reverse=True))
                         + r")\b")
    suffix = tag(copy)

    def rename(value: Any) -> Any:
        if isinstance(value, str):
            return pattern.sub(lambda m: m.group(1) + suffix, value)
        if isinstance(value, list):
            return [rename(v) for v in value]
        if isinstance(value, dict):
            return {k: rename(v) for k, v in value.items()}
        return value

    return rename


def multiply(source: Path, dest: Path, copies: int) -> Path:
    """Write ``copies`` copies of the pack at ``source`` into ``dest`` as one pack."""
    corpus, questions = source / "corpus", source / "questions"
    docs = {p.stem: p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.md"))}
    fact_files = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8"))
                  for p in sorted(questions.glob("*.yaml"))}
    glossary = yaml.safe_load((corpus / "glossary.yaml").read_text(encoding="utf-8")) or []
    disagreements_file = corpus / "disagreements.yaml"
    disagreements = (yaml.safe_load(disagreements_file.read_text(encoding="utf-8")) or []
                     if disagreements_file.exists() else [])
    credits = [c for text in docs.values()
               for c in yaml.safe_load(text.split("---")[1]).get("credits", [])]
    words = {w for text in _name_texts(list(fact_files.values()), glossary, credits)
             for w in _CAPITALISED.findall(text)} - _NOT_NAMES
    (dest / "corpus").mkdir(parents=True)
    (dest / "questions").mkdir()
    all_glossary: list[Any] = []
    all_disagreements: list[Any] = []
    for copy in range(copies):
        rename, suffix = _renamer(words, copy), f"-c{copy}"
        for stem, text in docs.items():
            _, front, body = text.split("---", 2)
            meta = rename(yaml.safe_load(front))
            meta["id"] = meta["id"] + suffix
            out = "---\n" + yaml.safe_dump(meta, sort_keys=False, allow_unicode=True) + "---"
            (dest / "corpus" / f"{stem}{suffix}.md").write_text(out + rename(body), "utf-8")
        for stem, facts in fact_files.items():
            renamed = []
            for fact in facts:
                fact = rename(fact)
                source_id, slug = fact["cite"].split("#")
                fact.update(id=fact["id"] + suffix, cite=f"{source_id}{suffix}#{slug}")
                renamed.append(fact)
            (dest / "questions" / f"{stem}{suffix}.yaml").write_text(
                yaml.safe_dump(renamed, sort_keys=False, allow_unicode=True, width=1000), "utf-8")
        all_glossary += rename(glossary)
        all_disagreements += [dict(d, id=d["id"] + suffix, facts=[f + suffix for f in d["facts"]])
                              for d in rename(disagreements)]
    (dest / "corpus" / "glossary.yaml").write_text(
        yaml.safe_dump(all_glossary, sort_keys=False, allow_unicode=True), "utf-8")
    if all_disagreements:
        (dest / "corpus" / "disagreements.yaml").write_text(
            yaml.safe_dump(all_disagreements, sort_keys=False, allow_unicode=True), "utf-8")
    synonyms = corpus / "synonyms.yaml"
    if synonyms.exists():  # learners' words, not names: one copy serves every copy
        (dest / "corpus" / "synonyms.yaml").write_text(synonyms.read_text("utf-8"), "utf-8")
    return dest


def _child(root: Path) -> None:
    """One fresh process on one pack: load it (no cache), the checker's index, then the audit:
    what `study check` does. Prints CPU seconds of each as JSON."""
    start = cpu()
    from study.pack.loader import load_pack

    imported = cpu()
    pack = load_pack(root)
    loaded = cpu()
    from study.audit import audit
    from study.checking import prepare

    prepare(pack)
    indexed = cpu()
    problems = pack.warnings + audit(pack)
    audited = cpu()
    errors = sum(p.severity != "warning" for p in problems)
    print(json.dumps({"import": imported - start, "load": loaded - imported,
                      "index": indexed - loaded, "audit": audited - indexed,
                      "check": audited - imported, "facts": len(pack.facts),
                      "errors": errors, "warnings": len(problems) - errors}))


def bench(rounds: int, sizes: Sequence[int]) -> dict[int, dict[str, Figure]]:
    from study.paths import bundled_pack_dir

    with tempfile.TemporaryDirectory() as tmp:
        roots = {n: multiply(bundled_pack_dir(), Path(tmp) / f"x{n}", n) for n in sizes}
        runs: dict[int, list[dict[str, Any]]] = {n: [] for n in sizes}
        for _, order in orders([str(n) for n in sizes], rounds):
            for n in map(int, order):
                runs[n].append(run_child("study.bench.pack", ["--child", str(roots[n])]))
    figures = {n: {k: Figure.of(r[k] for r in runs[n]) for k in ("load", "index", "audit", "check")}
               for n in sizes}
    first = sizes[0]
    print(f"pack: the bundled pack copied {', '.join(f'{n}x' for n in sizes)} (names distinct per "
          f"copy), {rounds} interleaved rounds, each a fresh process; CPU time, median (slowest)")
    print("| size | facts | load (no cache) | checker index | audit | study check (load + audit) "
          "| problems |")
    print("| --- | --- | --- | --- | --- | --- | --- |")
    for n in sizes:
        got, last = figures[n], runs[n][-1]
        print(f"| {n}x | {last['facts']:,} | {got['load'].ms()} | {got['index'].ms()} | "
              f"{got['audit'].ms()} | {got['check'].ms()} | {last['errors']} errors, "
              f"{last['warnings']} warnings |")
    for n in sizes[1:]:
        print(f"pack {n}x / {first}x: load {ratio(figures[n]['load'], figures[first]['load']):.1f}x, "
              f"study check {ratio(figures[n]['check'], figures[first]['check']):.1f}x "
              f"(audit {ratio(figures[n]['audit'], figures[first]['audit']):.1f}x) "
              f"for {n // first}x the facts (target at most {12 * n // 10}x)")
    return figures


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m study.bench pack", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--sizes", default=",".join(map(str, SIZES)),
                        help="comma-separated copies of the pack (default: 1,5,10)")
    parser.add_argument("--write", type=Path, metavar="DIR",
                        help="only write the pack copied N times (the last size) into DIR")
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        _child(args.child)
        return 0
    sizes = [int(n) for n in args.sizes.split(",") if n]
    if args.write:
        from study.paths import bundled_pack_dir

        multiply(bundled_pack_dir(), args.write, sizes[-1])
        return 0
    header("pack")
    bench(args.rounds, sizes)
    return 0


if __name__ == "__main__":
    sys.exit(main())
