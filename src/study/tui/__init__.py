"""The Textual interface: shows questions and verdicts; the domain decides everything."""
