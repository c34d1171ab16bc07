"""The document template: reports headings to the table of contents, and names the
record field of a block that no page can hold."""

from __future__ import annotations

from reportlab.platypus import BaseDocTemplate, Flowable, Table

from briefings.writers import LayoutError
from briefings.writers.pdf.flowables import TextBlock
from briefings.writers.pdf.toc import TocEntry

Outline = tuple[int, str, str]
"""A heading's bookmark: (outline level, title, key)."""


class DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    current: Flowable | None = None
    """The flowable being placed, to name its record field if it cannot be."""

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.current = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        entry = contents_entry(flowable)
        if entry is not None:
            level, title, key = entry
            self.notify("TOCEntry", (level, title, self.page, key))

    def layout_problem(self, title: str) -> LayoutError:
        """A block that no page can hold (our blocks split, so this is a safety net):
        an error naming the record text, never a reportlab traceback."""
        message = "this text cannot be laid out on a page, even split; shorten it"
        return LayoutError(message, getattr(self.current, "source", None), title or "document")


def contents_entry(flowable: Flowable) -> Outline | None:
    """The (level, title, bookmark) a flowable adds to the contents, if any: headings
    of the first two levels, and bilingual rows that hold one."""
    if isinstance(flowable, Table) or (
        isinstance(flowable, TextBlock) and not isinstance(flowable, TocEntry)
    ):
        outline: Outline | None = getattr(flowable, "outline", None)
        if outline and outline[0] <= 1:
            return outline
    return None
