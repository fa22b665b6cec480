"""study: a terminal study companion that quizzes a learner on a pack of source articles."""

__version__ = "0.1.0"
