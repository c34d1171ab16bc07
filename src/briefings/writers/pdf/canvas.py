"""The canvas: reportlab's "Page X of Y" recipe, with bookmarks on their page, the
document's own timestamp, and marked content for the structure tree."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from reportlab.pdfgen.canvas import Canvas

from briefings.writers.pdf.structure import Element

Furniture = Callable[[Canvas, int, int], None]
"""``furniture(canvas, page, pages)`` draws the running header and footer of a page."""


@dataclass
class Link:
    """A link drawn on a page: its rectangle, the bookmark it goes to, its element."""

    page: int
    rect: tuple[float, float, float, float]
    key: str
    element: Element
    text: str


@dataclass
class Tags:
    """What the structure tree needs from the drawn pages."""

    marks: list[tuple[int, int, Element]] = field(default_factory=list)
    """(page index, marked-content id, element) of every piece of content."""
    links: list[Link] = field(default_factory=list)
    bookmarks: dict[str, int] = field(default_factory=dict)
    """The page index of each bookmark."""


class NumberedCanvas(Canvas):  # type: ignore[misc]
    """A canvas that keeps each finished page's state and, at ``save``, when the page
    count is known, draws ``furniture`` on every page and writes them.

    Everything on a page is an artifact (``/Artifact BMC … EMC``) except what is drawn
    inside ``tagged``, which is marked content of a structure element."""

    def __init__(self, *args: Any, furniture: Furniture, created: datetime, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.furniture = furniture
        stamp = f"D:{created:%Y%m%d%H%M%S}+00'00'"
        self.setDateFormatter(lambda *date: stamp)
        self.page_states: list[dict[str, Any]] = []
        self.page_bookmarks: list[tuple[Any, ...]] = []
        self.tags = Tags()
        self.next_mcid = 0
        self.marking = False
        self.addLiteral("/Artifact BMC")

    def bookmarkPage(self, *args: Any) -> None:  # noqa: N802 - reportlab's API
        # A bookmark names the page being written, and pages are written at save:
        # it waits for its page there.
        self.page_bookmarks.append(args)

    def showPage(self) -> None:  # noqa: N802 - reportlab's API
        self.page_states.append(dict(self.__dict__))
        self.page_bookmarks = []
        self.next_mcid = 0
        self._startPage()
        self.addLiteral("/Artifact BMC")

    @contextmanager
    def marked(self, element: Element) -> Iterator[None]:
        """What is drawn inside is marked content of ``element`` (inside another
        marked sequence, it belongs to that one)."""
        if self.marking:
            yield
            return
        page, mcid = len(self.page_states), self.next_mcid
        self.next_mcid += 1
        self.tags.marks.append((page, mcid, element))
        self.addLiteral(f"EMC /{element.tag} <</MCID {mcid}>> BDC")
        self.marking = True
        try:
            yield
        finally:
            self.marking = False
            self.addLiteral("EMC /Artifact BMC")

    def link(self, rect: tuple[float, float, float, float], key: str, element: Element) -> None:
        """A link to bookmark ``key`` over ``rect`` (in this page's coordinates)."""
        text = element.alt or ""
        self.tags.links.append(Link(len(self.page_states), rect, key, element, text))

    def save(self) -> None:
        pages = len(self.page_states)
        for number, state in enumerate(self.page_states, start=1):
            self.__dict__.update(state)
            for bookmark in self.page_bookmarks:
                super().bookmarkPage(*bookmark)
                self.tags.bookmarks[bookmark[0]] = number - 1
            self.addLiteral("EMC /Artifact <</Type /Pagination>> BDC")
            self.furniture(self, number, pages)
            self.addLiteral("EMC")
            super().showPage()
        super().save()
        # Each kept state holds its page's content and the list of states itself:
        # let the written pages go now rather than at Python's next cycle collection.
        self.page_states.clear()


@contextmanager
def tagged(canvas: Canvas, element: Element | None) -> Iterator[None]:
    """Draw what is inside as content of ``element`` on a canvas that tags (as an
    artifact if ``element`` is None)."""
    if element is None or not isinstance(canvas, NumberedCanvas):
        yield
        return
    with canvas.marked(element):
        yield


class LayoutCanvas(Canvas):  # type: ignore[misc]
    """The canvas of a pass that only lays the pages out: ``multiBuild`` saves the last
    pass's canvas only, so a pass that cannot be the last (the contents do not know
    their pages yet) need not draw, and its pages are not kept."""

    def bookmarkPage(self, *args: Any) -> None:  # noqa: N802 - reportlab's API
        pass

    def showPage(self) -> None:  # noqa: N802 - reportlab's API
        self._startPage()


def drawing(canvas: Canvas) -> bool:
    """Whether what is drawn on ``canvas`` is kept (not a ``LayoutCanvas``)."""
    return not isinstance(canvas, LayoutCanvas)
