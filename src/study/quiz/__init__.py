"""The quiz: question forms, the session engine and its scoring."""

from __future__ import annotations

from study.quiz.forms import Form, Question, make_question
from study.quiz.session import Attempt, Session, TopicScore

__all__ = ["Attempt", "Form", "Question", "Session", "TopicScore", "make_question"]
