"""Taking a pack elsewhere and bringing questions in: Moodle, Anki, spreadsheets, source checks."""
