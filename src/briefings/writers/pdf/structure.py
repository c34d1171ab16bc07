"""The structure tree of a tagged PDF, as the writer builds it from the document model.

Each block of the model becomes an ``Element`` (``P``, ``H1``, ``Table``…) in reading
order; a flowable that draws text marks it as content of its element (see
``canvas.tagged``), and ``pdfua`` writes the tree into the file."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(eq=False)
class Element:
    """A structure element: its type, the elements inside it in reading order, its
    language where it differs from the document's, and its alternate text."""

    tag: str
    lang: str | None = None
    alt: str | None = None
    attributes: dict[str, str] = field(default_factory=dict)
    """Attributes of the standard owner ``attributes["O"]``, e.g. a header cell's
    ``Scope``."""
    kids: list[Element] = field(default_factory=list)

    def add(self, tag: str, **kwargs: str | dict[str, str] | None) -> Element:
        """A new element inside this one, after the others; in this one's language."""
        kwargs.setdefault("lang", self.lang)
        child = Element(tag, **kwargs)  # type: ignore[arg-type]
        self.kids.append(child)
        return child

    def walk(self) -> list[Element]:
        """This element and every element inside it, in reading order."""
        return [self, *(e for kid in self.kids for e in kid.walk())]
