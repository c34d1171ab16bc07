"""briefings: bilingual briefing documents and visit reports from meeting records."""

__version__ = "0.1.0"
