"""The document template: reports headings to the table of contents, and names the
record field of a block that no page can hold."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from reportlab.platypus import BaseDocTemplate, Flowable, Table

from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.writers.pdf.flowables import TextBlock
from briefings.writers.pdf.toc import _TocEntry


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    current: Flowable | None = None
    """The flowable being placed, to name its record field if it cannot be."""

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.current = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        if isinstance(flowable, Table) and getattr(flowable, "outline", None):
            level, title, key = flowable.outline  # a bilingual row that holds a heading
            if level <= 1:
                self.notify("TOCEntry", (level, title, self.page, key))
            return
        if (
            isinstance(flowable, TextBlock)
            and flowable.outline
            and not isinstance(flowable, _TocEntry)
        ):
            level, title, key = flowable.outline
            if level <= 1:
                self.notify("TOCEntry", (level, title, self.page, key))


def _layout_problem(flowable: Flowable | None, title: str) -> InputError:
    """A block that no page can hold (our blocks split, so this is a safety net): an
    input error naming the record field, never a reportlab traceback."""
    source = _first_source(flowable)
    where = Location(Path(source)) if source else Location(Path(title or "document"))
    message = "this text cannot be laid out on a page, even split; shorten it"
    return InputError([Diagnostic(where, message)])


def _first_source(flowable: Any) -> str | None:
    """The record field of ``flowable`` or of the first block inside it that has one."""
    if flowable is None:
        return None
    source = getattr(flowable, "source", None)
    if isinstance(source, str):
        return source
    children: list[Any] = []
    for name in ("_content", "_flowables"):  # KeepTogether, TocBlock
        children += getattr(flowable, name, None) or []
    for row in getattr(flowable, "_cellvalues", None) or []:  # Table
        for cell in row:
            children += cell if isinstance(cell, list | tuple) else [cell]
    return next(filter(None, map(_first_source, children)), None)
