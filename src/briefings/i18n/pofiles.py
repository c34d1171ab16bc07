"""Reading, merging and writing ``.po`` and ``.pot`` files.

- A file that is not a catalogue (garbage, a charset Python does not know, bytes that
  are not in its charset) is an ``InputError`` naming the file and line, never a
  traceback.
- Merging a template into a catalogue works as ``msgmerge`` does, and keeps every
  translation: a text no longer in the template stays in the file as an obsolete
  ``#~`` entry, and comes back, still translated, when the text returns.
- Every file written starts with a header comment that says what it translates, not
  Babel's ``Copyright (C) YEAR ORGANIZATION`` / ``FIRST AUTHOR`` template, and no header
  field keeps a placeholder (``FULL NAME <EMAIL@ADDRESS>``), so ``msgfmt --check`` has
  nothing to warn about.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from datetime import UTC, datetime
from io import BytesIO
from pathlib import Path

from babel.messages.catalog import Catalog, Message
from babel.messages.pofile import PoFileError, read_po, write_po

from briefings.diagnostics import Diagnostic, InputError, Location

FIXED_DATE = datetime(2024, 1, 1, tzinfo=UTC)
"""Every date in a header: extracting twice gives the same file (no churn in version
control), and no date of the machine's clock ends up in it."""
LINE_WIDTH = 100
# Lines of Babel's default header comment that only hold placeholders.
_BABEL_PLACEHOLDERS = re.compile(r"ORGANIZATION|FIRST AUTHOR|EMAIL@ADDRESS|same license as the")


def read_catalogue(
    path: Path, locale: str | None = None, *, domain: str | None = None, obsolete: bool = False
) -> Catalog:
    """Read ``path``; ``obsolete`` keeps its ``#~`` entries (in ``catalog.obsolete``).
    A file that cannot be read as a catalogue raises ``InputError`` naming it."""
    try:
        with path.open("rb") as handle:
            return read_po(
                handle,
                locale=locale,
                domain=domain,
                abort_invalid=True,
                ignore_obsolete=not obsolete,
            )
    except PoFileError as exc:
        line = getattr(exc, "lineno", -1) + 1 or None
        reason = re.sub(r" on \d+$", "", str(exc)).lower()
        text = _shorten(str(getattr(exc, "line", "")))
        raise _broken(path, line, f"not a .po file ({reason}: {text!r})") from None
    except UnicodeDecodeError as exc:
        line = _undecodable_line(path, exc.encoding)
        raise _broken(
            path, line, f"not {exc.encoding} text (the charset its header names): save it as UTF-8"
        ) from None
    except LookupError as exc:  # `charset=bogus` in the header
        raise _broken(
            path,
            None,
            f"its header names a charset Python does not know ({exc}): use charset=UTF-8",
        ) from None
    except (ValueError, TypeError) as exc:  # e.g. a bad Plural-Forms or msgstr index
        raise _broken(path, None, f"not a valid .po file: {exc}") from None
    except OSError as exc:
        raise _broken(path, None, f"cannot be read: {exc.strerror or exc}") from None


def _broken(path: Path, line: int | None, message: str) -> InputError:
    return InputError([Diagnostic(Location(path, line), message)])


def _shorten(text: str, width: int = 40) -> str:
    text = text.strip()
    return text if len(text) <= width else text[: width - 1] + "…"


def _undecodable_line(path: Path, encoding: str) -> int | None:
    """The first line of ``path`` that is not ``encoding`` text."""
    try:
        lines = path.read_bytes().splitlines()
    except OSError:
        return None
    for number, line in enumerate(lines, start=1):
        try:
            line.decode(encoding)
        except UnicodeDecodeError:
            return number
    return None


def merge_template(catalog: Catalog, template: Catalog) -> None:
    """Bring ``catalog`` in line with ``template`` as ``msgmerge`` does: new texts
    appear untranslated, changed ones fuzzy (with the old translation), and no
    translation is lost: one whose text left the template is kept as obsolete, and a
    text that returns gets its obsolete translation back, not fuzzy."""
    before = {singular_id(m): m for m in (*catalog.obsolete.values(), *catalog) if m.id}
    for message in template:
        old = catalog.obsolete.get(singular_id(message)) if message.id else None
        if old is not None and catalog.get(message.id, message.context) is None:
            del catalog.obsolete[singular_id(message)]
            catalog[message.id] = old
    catalog.update(template, update_header_comment=False, update_creation_date=False)
    for key, message in before.items():
        # Babel drops an old text that it matched as fuzzy to a new one: keep it too.
        if message.string and catalog.get(message.id, message.context) is None:
            catalog.obsolete.setdefault(key, message)


def singular_id(message: Message) -> str:
    """A message's key: its msgid (the singular one of a plural message)."""
    msgid = message.id
    return str(msgid[0] if isinstance(msgid, list | tuple) else msgid)


def set_plain_header(catalog: Catalog) -> None:
    """Header fields of a new catalogue without Babel's placeholders (``FULL NAME
    <EMAIL@ADDRESS>``, ``YEAR-MO-DA``): empty until a translator fills them; dates
    fixed."""
    catalog.msgid_bugs_address = ""
    catalog.last_translator = ""
    catalog.language_team = ""
    catalog.creation_date = FIXED_DATE
    catalog.revision_date = FIXED_DATE


def drop_placeholders(catalog: Catalog) -> None:
    """Empty the header fields of a catalogue read from a file that still hold Babel's
    placeholders (``FULL NAME <EMAIL@ADDRESS>``, ``LANGUAGE <LL@li.org>``)."""
    for field in ("msgid_bugs_address", "last_translator", "language_team"):
        if re.search(r"EMAIL@ADDRESS|LL@li\.org", getattr(catalog, field) or ""):
            setattr(catalog, field, "")
    if not isinstance(catalog.revision_date, datetime):  # YEAR-MO-DA HO:MI+ZONE
        catalog.revision_date = FIXED_DATE


def kept_comment(catalog: Catalog) -> list[str]:
    """The header comment of a catalogue read from a file, without the lines of
    Babel's template that hold placeholders (a translator's own lines stay)."""
    lines = [line.removeprefix("#").strip() for line in catalog.header_comment.splitlines()]
    kept = [line for line in lines if not _BABEL_PLACEHOLDERS.search(line)]
    while kept and not kept[-1]:
        kept.pop()
    return kept


def write_catalogue_file(
    catalog: Catalog,
    path: Path,
    comment: Sequence[str],
    *,
    obsolete: bool = True,
) -> None:
    """Write ``catalog`` to ``path`` with ``comment`` (lines without ``#``) as its
    header comment, entries in the catalogue's order; ``obsolete`` writes its ``#~``
    entries too."""
    # Babel replaces words such as YEAR or PROJECT anywhere in a header comment (a
    # translator's own lines included): write a bare "#" and put the comment there.
    catalog.header_comment = "#"
    buffer = BytesIO()
    write_po(buffer, catalog, width=LINE_WIDTH, ignore_obsolete=not obsolete)
    body = buffer.getvalue()
    first_line = body.index(b"\n") + 1
    header = "".join(f"# {line}".rstrip() + "\n" for line in comment)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header.encode(catalog.charset) + body[first_line:])
