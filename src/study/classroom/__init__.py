"""The classroom: drills and their timer, answer sheets, the live board and the teacher's report."""
