"""Keeping a long build's memory from creeping up with the number of documents.

Two things make a build's resident set grow with documents it has finished:

- Writers leave reference cycles (reportlab's pages and flowables). Python's cycle
  collector frees them in full only when the objects that survived earlier
  collections have grown by a quarter, and a build's loaded fonts, templates and
  indexes are most of those: garbage piles up to a quarter of them between two full
  collections. ``held_for_the_build`` moves what a build has loaded out of the
  collector's reach (``gc.freeze``), so that ``release`` can collect in full cheaply.
- glibc's ``malloc`` keeps freed memory for later use. ``release`` hands it back
  (``malloc_trim``) where the C library can; elsewhere that part does nothing.
"""

from __future__ import annotations

import ctypes
import gc
from collections.abc import Callable, Iterator
from contextlib import contextmanager


def _malloc_trim() -> Callable[[int], int] | None:
    try:
        return getattr(ctypes.CDLL(None), "malloc_trim", None)  # the process's own C library
    except (OSError, TypeError):  # no such library handle (Windows)
        return None


_TRIM = _malloc_trim()


@contextmanager
def held_for_the_build() -> Iterator[None]:
    """Everything made so far lives until the block ends: the collector leaves it
    alone until then (forked workers inherit this, and share its pages longer).

    Garbage left from before is kept too, until the end: a program that builds again
    and again collects between builds (``collect_between_builds``; ``watch`` does it
    while it waits), which costs a full collection of the whole process (about 30 ms)
    that a build would otherwise pay itself. Not nested: the end unfreezes everything
    frozen, so a program that freezes objects of its own must freeze them again."""
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def collect_between_builds() -> None:
    """Free what an earlier build left, so that the next one does not hold it frozen
    (see ``held_for_the_build``)."""
    gc.collect()


def release() -> None:
    """Free the garbage of the documents written so far, and return freed memory to
    the operating system if the C library allows it."""
    gc.collect()
    if _TRIM is not None:
        _TRIM(0)
