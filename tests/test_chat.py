"""The conversation: what a learner's message means, and what the tutor says back."""

from __future__ import annotations

import pytest

from study.chat import Act, Conversation, parse
from study.chat.messages import (
    AskAgain,
    Asked,
    Explained,
    Finished,
    Goodbye,
    HintGiven,
    Marked,
    OpenSources,
    Overridden,
    Say,
    Topics,
)
from study.quiz import Mark


@pytest.mark.parametrize(
    ("text", "act", "topic", "source", "count", "form"),
    [
        ("quiz me", Act.QUIZ, None, None, None, None),
        ("Quiz me on the IG report", Act.QUIZ, None, "ig-report", None, None),
        ("10 questions on programs", Act.QUIZ, "programs", None, 10, None),
        ("quiz me on border surge", Act.QUIZ, "border-surge", None, None, None),
        ("5 true/false questions", Act.QUIZ, None, None, 5, "truefalse"),
        ("give me 3 multiple choice questions about the blog", Act.QUIZ, None,
         "fast-and-furious", 3, "choice"),
        ("quiz me on the GAO findings", Act.QUIZ, "gao-findings", None, None, None),
        ("topics", Act.TOPICS, None, None, None, None),
        ("help", Act.HELP, None, None, None, None),
        ("why?", Act.WHY, None, None, None, None),
        ("Explain", Act.WHY, None, None, None, None),
        ("read", Act.SOURCES, None, None, None, None),
        ("read the blog", Act.SOURCES, None, "fast-and-furious", None, None),
        ("what is Project Gunrunner?", Act.ASK, None, None, None, None),
        ("who started Armas Cruzadas?", Act.ASK, None, None, None, None),
        ("quit", Act.QUIT, None, None, None, None),
        ("practice", Act.PRACTICE, None, None, None, None),
        ("", Act.NEXT, None, None, None, None),
    ],
)
def test_intents_outside_a_quiz(bundled_pack, text, act, topic, source, count, form) -> None:
    intent = parse(text, bundled_pack, in_quiz=False)
    assert (intent.act, intent.topic, intent.source, intent.count, intent.form) == \
        (act, topic, source, count, form)


@pytest.mark.parametrize(
    ("text", "act"),
    [("ICE", Act.ANSWER), ("help", Act.ANSWER), ("topics", Act.ANSWER), ("quiz me", Act.ANSWER),
     ("?who is Melson", Act.ASK), ("/ask who is Melson", Act.ASK), ("/hint", Act.HINT),
     ("/skip", Act.SKIP), ("/right", Act.RIGHT), ("/quit", Act.QUIT), ("why?", Act.WHY),
     ("/topics", Act.TOPICS)],
)
def test_in_a_quiz_everything_but_a_command_is_an_answer(bundled_pack, text, act) -> None:
    assert parse(text, bundled_pack, in_quiz=True).act is act


def test_an_unknown_topic_is_named(bundled_pack) -> None:
    intent = parse("quiz me on penguins", bundled_pack, in_quiz=False)
    assert intent.act is Act.QUIZ and intent.unknown == "penguins"
    [reply] = Conversation(bundled_pack).send("quiz me on penguins")
    assert isinstance(reply, Say) and "'penguins'" in reply.text and "Programs" in reply.text


def only(replies, kind):
    found = [r for r in replies if isinstance(r, kind)]
    assert found, replies
    return found[-1]


def test_a_quiz_in_conversation(small_pack) -> None:
    chat = Conversation(small_pack, learner="ana")
    opening = chat.opening()
    assert "Hello ana." in opening[0].text  # type: ignore[attr-defined]
    asked = only(chat.start_quiz(count=2, seed=3, form="short"), Asked)
    assert asked.number == 1 and asked.total == 2
    marked = only(chat.send("zebra"), Marked)
    assert marked.mark is Mark.INCORRECT and marked.quote.passage
    assert marked.headline.count("2008") == 1 and marked.answer is None  # named once
    assert chat.paused and chat.actions().override and not chat.actions().hint
    explained = only(chat.send("why?"), Explained)
    assert explained.quote.text == small_pack.passage_for(asked.question.fact).text
    overridden = only(chat.override(), Overridden)
    assert "zebra" in overridden.override.describe()
    second = only(chat.send(""), Asked)
    assert second.number == 2
    assert not chat.actions().override  # the override closed when the next question came
    chat.skip()
    finished = only(chat.next(), Finished)
    assert finished.complete and finished.session.index == 2
    assert "replay" not in finished.session.score_line()
    assert "study quiz --seed 3 --count 2 --form short" in chat.goodbye()


def test_plain_style_goes_straight_on_but_pauses_for_the_last(small_pack) -> None:
    chat = Conversation(small_pack, pause_after_verdict=False)
    chat.start_quiz(count=2, seed=3, form="short")
    replies = chat.send("zebra")
    assert isinstance(replies[0], Marked) and isinstance(replies[-1], Asked)
    replies = chat.send("zebra")
    assert isinstance(replies[-1], Marked) and chat.paused  # the last: /right still possible
    assert isinstance(only(chat.override(), Overridden), Overridden)
    assert isinstance(only(chat.send(""), Finished), Finished)


def test_an_empty_answer_and_a_vague_one_are_asked_again(small_pack) -> None:
    chat = Conversation(small_pack)
    chat.start_quiz(count=1, seed=1, topic="programs", form="choice")
    [again] = chat.send("   ")
    assert isinstance(again, AskAgain) and chat.session is not None and not chat.session.attempts
    vague = chat.send("Armas")
    assert isinstance(vague[0], AskAgain) and vague[0].vague


def test_hints_run_out(small_pack) -> None:
    chat = Conversation(small_pack)
    chat.start_quiz(count=1, seed=1, topic="agencies", form="short")
    levels = [r for _ in range(5) for r in chat.hint()]
    hints = [r for r in levels if isinstance(r, HintGiven)]
    assert 2 <= len(hints) <= 3
    assert isinstance(levels[-1], Say) and "last hint" in levels[-1].text


def test_retry_asks_the_missed_ones(small_pack) -> None:
    chat = Conversation(small_pack, pause_after_verdict=False)
    chat.start_quiz(count=2, seed=3, form="short")
    chat.send("zebra")
    chat.send("zebra")
    only(chat.send(""), Finished)
    asked = only(chat.send("retry"), Asked)
    assert asked.total == 2


def test_topics_sources_and_leaving(small_pack) -> None:
    chat = Conversation(small_pack)
    topics = only(chat.send("topics"), Topics)
    assert [row.slug for row in topics.rows] == list(small_pack.topics)
    assert only(chat.send("read"), OpenSources).source is None
    assert isinstance(only(chat.send("bye"), Goodbye), Goodbye)


def test_stopping_a_quiz_keeps_its_results(small_pack) -> None:
    chat = Conversation(small_pack)
    chat.start_quiz(count=3, seed=3, form="short")
    chat.send("zebra")
    finished = only(chat.stop(), Finished)
    assert not finished.complete and finished.session.index == 1
    assert "2 not reached" in chat.goodbye()


def test_a_question_outside_a_quiz_goes_to_the_tutor(bundled_pack) -> None:
    from study.chat.messages import TutorAnswer

    chat = Conversation(bundled_pack)
    reply = only(chat.send("what is Project Gunrunner?"), TutorAnswer)
    assert reply.answer.found and reply.answer.citations


def test_a_question_mid_quiz_takes_the_prefix_and_is_guarded(bundled_pack) -> None:
    from study.chat.messages import TutorAnswer

    chat = Conversation(bundled_pack)
    fact = bundled_pack.facts_by_id["gd-armas-year"]
    chat.start_quiz(facts=[fact], count=1, seed=1, form="short", shuffle=False)
    guarded = only(chat.send("?when did ICE start Operation Armas Cruzadas"), TutorAnswer)
    assert guarded.answer.withheld and not guarded.answer.citations
    other = only(chat.send("/ask who is Kenneth Melson?"), TutorAnswer)
    assert other.answer.found
    assert chat.session is not None and chat.session.attempts == []


@pytest.mark.parametrize(("typed", "graded"), [
    ("who started Project Gunrunner?", False), ("how many agents did ATF send?", False),
    ("What's eTrace for?", False),
    ("2005?", True), ("who knows?", True), ("ATF, I think?", True), ("who started it", True),
])
def test_a_question_typed_as_an_answer_is_pointed_to_the_tutor(bundled_pack, typed, graded) -> None:
    chat = Conversation(bundled_pack)
    fact = bundled_pack.facts_by_id["gd-armas-year"]
    chat.start_quiz(facts=[fact], count=1, seed=1, form="short", shuffle=False)
    replies = chat.send(typed)
    assert chat.session is not None
    assert bool(chat.session.attempts) is graded, replies
    if not graded:
        [again] = replies
        assert isinstance(again, AskAgain) and "start it with ?" in again.text


def test_a_verdict_cites_the_short_source_title(bundled_pack) -> None:
    """The long title is shown once, in the reading view; every citation uses the short one."""
    chat = Conversation(bundled_pack)
    fact = next(f for f in bundled_pack.facts if f.cite.startswith("fast-and-furious#"))
    chat.start_quiz(facts=[fact], count=1, seed=1, shuffle=False)
    marked = only(chat.send("zebra zebra"), Marked)
    source = bundled_pack.passage_for(fact).source
    assert marked.quote.source == source.short == "Fast and Furious (blog post)"
    assert len(source.title) > 60 and marked.quote.source != source.title
