"""Write a ``Document`` as an editable DOCX with python-docx: see ``DocxWriter``."""

from __future__ import annotations

from briefings.writers.docx.writer import DocxWriter

__all__ = ["DocxWriter"]
