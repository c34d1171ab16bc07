"""The zip of a DOCX, written from one python-docx document kept open for every
document of a writer: the parts no document changes (styles, theme, numbering, …) are
deflated once; each document deflates only the parts it changes (its body, running
header and footer, core properties and settings). The bytes are those python-docx's
``save`` writes (the same members in the same order, deflated alike), with every
member dated the document's date, so that equal inputs give equal bytes."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from copy import deepcopy
from dataclasses import dataclass
from datetime import UTC, datetime

from docx.document import Document as DocxDocument
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.part import XmlPart

CHANGED_BY_DOCUMENTS = (
    CT.WML_DOCUMENT_MAIN,
    CT.WML_HEADER,
    CT.WML_FOOTER,
    CT.OPC_CORE_PROPERTIES,
    CT.WML_SETTINGS,
)
"""The content types of the parts a document writes into; it adds no parts and no
relationships."""


@dataclass(frozen=True)
class Member:
    """A member of the zip: its name, the CRC-32 and size of its content, and the
    content deflated."""

    name: str
    crc: int
    size: int
    deflated: bytes

    @classmethod
    def of(cls, name: str, content: bytes) -> Member:
        # As zipfile deflates (ZIP_DEFLATED at its default level): a raw stream.
        compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
        deflated = compressor.compress(content) + compressor.flush()
        return cls(name, zlib.crc32(content), len(content), deflated)


class Package:
    """``docx``, kept open to write one document after another into: ``fresh`` puts
    back the parts a document changes as they were, ``save`` zips the document."""

    def __init__(self, docx: DocxDocument) -> None:
        self.docx = docx
        parts = docx.part.package.iter_parts()
        self.changing = [
            part
            for part in parts
            if part.content_type in CHANGED_BY_DOCUMENTS and isinstance(part, XmlPart)
        ]
        self.pristine = [deepcopy(part.element) for part in self.changing]
        saved = io.BytesIO()
        docx.save(saved)
        changing = {part.partname.membername for part in self.changing}
        with zipfile.ZipFile(saved) as archive:
            self.members: list[Member | str] = [
                name if name in changing else Member.of(name, archive.read(name))
                for name in archive.namelist()
            ]
        """In python-docx's order: each unchanging member, deflated, and the name of
        each member a document changes."""

    def fresh(self) -> DocxDocument:
        """The document, its changing parts as they were before any document."""
        for part, pristine in zip(self.changing, self.pristine, strict=True):
            element = part.element
            element[:] = list(deepcopy(pristine))
            element.attrib.clear()
            element.attrib.update(pristine.attrib)
        return self.docx

    def save(self, created: datetime) -> bytes:
        """The document as a DOCX, every member dated ``created``; the parts it
        changed are put back as they were, so that its body is not kept until the next
        document is written."""
        changed = {part.partname.membername: part.blob for part in self.changing}
        self.fresh()
        members = [
            Member.of(member, changed[member]) if isinstance(member, str) else member
            for member in self.members
        ]
        return zipped(members, created)


def zipped(members: list[Member], created: datetime) -> bytes:
    """A zip of ``members`` as zipfile writes it (version 2.0, Unix, mode 600), dated
    ``created`` (zip cannot store dates before 1980)."""
    year, month, day, hour, minute, second = max(created, _ZIP_EPOCH).timetuple()[:6]
    time, date = hour << 11 | minute << 5 | second // 2, (year - 1980) << 9 | month << 5 | day
    out, directory = io.BytesIO(), io.BytesIO()
    for member in members:
        name = member.name.encode()
        flags = 0 if name.isascii() else 0x800  # UTF-8 names
        fields = (flags, zipfile.ZIP_DEFLATED, time, date, member.crc, len(member.deflated))
        offset = out.tell()
        # The local header: signature, version needed (2.0), reserved, the fields,
        # size, name length, extra field length (none).
        out.write(
            struct.pack("<4s2B4HL2L2H", b"PK\x03\x04", 20, 0, *fields, member.size, len(name), 0)
        )
        out.write(name)
        out.write(member.deflated)
        # Its central directory record: signature, made by version 2.0 on Unix (3),
        # version needed, reserved, the fields, size, name length, no extra field,
        # comment or disk number, internal and external attributes, offset.
        directory.write(
            struct.pack(
                "<4s4B4HL2L5H2L",
                *(b"PK\x01\x02", 20, 3, 20, 0, *fields, member.size, len(name), 0, 0, 0, 0),
                0o600 << 16,
                offset,
            )
        )
        directory.write(name)
    start, size = out.tell(), directory.tell()
    out.write(directory.getvalue())
    count = len(members)  # the end record: on disk 0, its members, where they are
    out.write(struct.pack("<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, size, start, 0))
    return out.getvalue()


_ZIP_EPOCH = datetime(1980, 1, 1, tzinfo=UTC)
