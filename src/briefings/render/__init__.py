"""Rendering: records to template views, templates to markup, markup to the document
model, and two languages to a parallel edition."""
