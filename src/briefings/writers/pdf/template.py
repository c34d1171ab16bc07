"""The document template: reports headings to the table of contents, and names the
record field of a block that no page can hold."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from pathlib import Path
from typing import Any

from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Table

from briefings.diagnostics import Diagnostic, InputError, Location
from briefings.writers.pdf.canvas import DraftCanvas
from briefings.writers.pdf.flowables import TextBlock
from briefings.writers.pdf.toc import _TocEntry


class _DocTemplate(BaseDocTemplate):  # type: ignore[misc]
    current: Flowable | None = None
    """The flowable being placed, to name its record field if it cannot be."""

    def handle_flowable(self, flowables: list[Flowable]) -> None:
        self.current = flowables[0] if flowables else None
        super().handle_flowable(flowables)

    def afterFlowable(self, flowable: Flowable) -> None:  # noqa: N802 - reportlab's hook
        entry = _contents_entry(flowable)
        if entry is not None:
            level, title, key = entry
            self.notify("TOCEntry", (level, title, self.page, key))

    def multiBuild(  # noqa: N802 - reportlab's API
        self,
        story: Callable[[], list[Flowable]],
        contents: list[Flowable],
        canvas_for: Callable[[int | None], type[Canvas]],
        *,
        reused: bool,
        max_passes: int = 10,
    ) -> int:
        """reportlab's ``multiBuild`` (passes until the contents list the page each
        heading landed on), with drafts: a pass whose contents may still change size
        only lays out, since its drawing would be thrown away; only a pass that starts
        from the lines the last pass found draws. With the contents filled in ahead
        (``TocBlock.expect``), that is the second pass, and the last.

        Each pass lays out ``story()``: the same flowables every time if ``reused``,
        new ones (``contents``, the indexing flowables, aside) if not. The drawing
        pass's canvas comes from ``canvas_for(pages)``, ``pages`` being the page
        count of the pass before, which lays out the same."""
        self._indexingFlowables = contents
        self._doSave = 0
        edits: list[tuple[Any, ...]] = []

        def keep_edit(edit: tuple[Any, ...]) -> None:
            # reportlab notes flowables to reset after a pass (a postponed one loses
            # its mark). A story made again for each pass needs that only for the
            # contents; the notes would hold the rest to the end of the pass: every
            # remainder of a long split table, say.
            if reused or any(edit[1] is flowable for flowable in contents):
                edits.append(edit)

        self._multiBuildEdits = keep_edit
        draft, pages = True, None
        for passes in range(1, max_passes + 1):
            for flowable in contents:
                flowable.beforeBuild()
            self.build(story(), canvasmaker=DraftCanvas if draft else canvas_for(pages))
            for flowable in contents:
                flowable.afterBuild()
            counted = self.canv.getPageNumber() - 1
            if self._allSatisfied() and not draft and counted == pages:
                self.canv.save()
                return passes
            pages = counted
            draft = not all(flowable.settled() for flowable in contents)
            while edits:
                edit = edits.pop(0)
                edit[0](*edit[1:])
        raise IndexError(f"the contents did not settle after {max_passes} passes")


class _StreamedStory(list[Flowable]):
    """A story that reportlab takes from the front, filled from an iterator as it
    goes: only the flowables near the page being laid out exist at once."""

    AHEAD = 16
    """Flowables kept ready: reportlab looks a few ahead (``keepWithNext``)."""

    def __init__(self, flowables: Iterator[Flowable]) -> None:
        super().__init__()
        self._rest: Iterator[Flowable] | None = flowables
        self._fill()

    def __delitem__(self, index: Any) -> None:
        super().__delitem__(index)
        self._fill()

    def _fill(self) -> None:
        while self._rest is not None and len(self) < self.AHEAD:
            flowable = next(self._rest, None)
            if flowable is None:
                self._rest = None
            else:
                self.append(flowable)


def streamed(flowables: Iterator[Flowable]) -> list[Flowable]:
    """``flowables`` as a story for ``build``, made as the pages take them."""
    return _StreamedStory(flowables)


def _contents_entry(flowable: Flowable) -> tuple[int, str, str] | None:
    """The (level, title, bookmark) a flowable adds to the contents, if any: headings
    of the first two levels, and bilingual rows that hold one."""
    if isinstance(flowable, Table) or (
        isinstance(flowable, TextBlock) and not isinstance(flowable, _TocEntry)
    ):
        outline = getattr(flowable, "outline", None)
        if outline and outline[0] <= 1:
            return outline  # type: ignore[no-any-return]
    return None


def expected_contents(story: Iterable[Flowable]) -> list[tuple[int, str, str]]:
    """The contents entries the story will report, in order, before it is laid out
    (headings may sit in a ``KeepTogether`` with what follows them)."""
    entries = []
    for flowable in story:
        for inner in getattr(flowable, "_content", None) or [flowable]:
            entry = _contents_entry(inner)
            if entry is not None:
                entries.append(entry)
    return entries


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
