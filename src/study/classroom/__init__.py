"""The classroom: scoring a class's answer sheet (and, later, drills and the teacher's report)."""
