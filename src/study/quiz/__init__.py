"""The quiz: question forms, the session engine and its scoring."""

from __future__ import annotations

from study.quiz.forms import Form, Question, make_question
from study.quiz.scoring import Mark, display_answer, format_score
from study.quiz.session import Attempt, Override, Session, TopicScore

__all__ = ["Attempt", "Form", "Mark", "Override", "Question", "Session", "TopicScore",
           "display_answer", "format_score", "make_question"]
