"""Make reportlab's PDF an accessible, archival one: tagged PDF/UA-1 and PDF/A-2a.

reportlab writes the pages, with every piece of content marked (``canvas.tagged``)
and the rest inside artifacts; this adds with pikepdf what reportlab cannot: the
structure tree and its parent tree, the table of contents' links, the document's
language and XMP metadata, and an sRGB output intent. The file is saved
deterministically: the same document gives the same bytes.
"""

from __future__ import annotations

import html
import io
from datetime import datetime

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from PIL import ImageCms

from briefings import model
from briefings.writers.pdf.canvas import Tags
from briefings.writers.pdf.structure import Element

PDFA_PART, PDFA_CONFORMANCE, PDFUA_PART = 2, "A", 1
KEEP_EMPTY = frozenset({"TD", "TH", "TR", "Table", "TOC"})
"""Elements kept even with nothing inside: a table keeps its grid."""


def finish(data: bytes, root: Element, tags: Tags, meta: model.Metadata) -> bytes:
    """``data`` (reportlab's PDF) with its structure tree and archival metadata."""
    pdf = pikepdf.open(io.BytesIO(data))
    tree = _StructureTree(pdf, tags)
    document = tree.element(root, None)
    catalog = pdf.Root
    catalog.StructTreeRoot = tree.root
    tree.root.K = Array([document] if document is not None else [])
    tree.finish()
    catalog.MarkInfo = Dictionary(Marked=True)
    catalog.Lang = String(meta.lang)
    catalog.ViewerPreferences = Dictionary(DisplayDocTitle=True)
    _set_info(pdf, meta)
    langs = sorted({meta.lang} | {e.lang for e in root.walk() if e.lang})
    catalog.Metadata = pdf.make_stream(
        _xmp(pdf, meta, langs).encode(), Type=Name.Metadata, Subtype=Name.XML
    )
    catalog.OutputIntents = Array([_srgb_intent(pdf, meta.created_at)])
    out = io.BytesIO()
    pdf.save(
        out,
        deterministic_id=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
        fix_metadata_version=False,
    )
    return out.getvalue()


class _StructureTree:
    """The structure tree of ``pdf`` being written: the elements, the parent tree
    (each page's marked content and each link, back to its element), and the links."""

    def __init__(self, pdf: pikepdf.Pdf, tags: Tags) -> None:
        self.pdf, self.tags = pdf, tags
        self.root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        self.pages = [page.obj for page in pdf.pages]
        self.page_content: list[list[pikepdf.Object | None]] = [[] for _ in self.pages]
        """Each page's marked-content ids: the element each one belongs to."""
        self.marks: dict[int, list[tuple[int, int]]] = {}
        for page, mcid, element in tags.marks:
            self.marks.setdefault(id(element), []).append((page, mcid))
        self.links: dict[int, list[int]] = {}
        for index, link in enumerate(tags.links):
            self.links.setdefault(id(link.element), []).append(index)
        self.link_parents: list[pikepdf.Object] = []

    def element(self, element: Element, parent: pikepdf.Object | None) -> pikepdf.Object | None:
        """The PDF structure element of ``element`` and those inside it; None if it
        holds nothing (a block that drew nothing)."""
        fields: dict[str, pikepdf.Object] = {
            "/Type": Name.StructElem,
            "/S": Name("/" + element.tag),
            "/P": parent if parent is not None else self.root,
        }
        if element.lang:
            fields["/Lang"] = String(element.lang)
        if element.alt and element.tag == "Figure":
            fields["/Alt"] = String(element.alt)
        if element.attributes:
            fields["/A"] = Dictionary(
                {"/" + k: Name("/" + v) for k, v in element.attributes.items()}
            )
        marks = self.marks.get(id(element), [])
        pages = {page for page, _ in marks}
        if len(pages) == 1:  # its content on one page: marked-content ids will do
            fields["/Pg"] = self.pages[marks[0][0]]
        node = self.pdf.make_indirect(Dictionary(fields))
        kids: list[pikepdf.Object | int] = []
        for kid in element.kids:
            made = self.element(kid, node)
            if made is not None:
                kids.append(made)
        for page, mcid in marks:
            on_pages = len(pages) > 1
            kids.append(
                Dictionary(Type=Name.MCR, Pg=self.pages[page], MCID=mcid) if on_pages else mcid
            )
            content = self.page_content[page]
            content.extend([None] * (mcid + 1 - len(content)))
            content[mcid] = node
        for index in self.links.get(id(element), []):
            annotation = self.annotation(index, node)
            if annotation is not None:
                kids.append(Dictionary(Type=Name.OBJR, Obj=annotation, Pg=annotation.P))
        if not kids and element.tag not in KEEP_EMPTY:
            return None
        node.K = Array(kids)
        return node

    def annotation(self, index: int, element: pikepdf.Object) -> pikepdf.Object | None:
        """The link annotation of ``tags.links[index]``, on its page."""
        link = self.tags.links[index]
        target = self.tags.bookmarks.get(link.key)
        if target is None:
            return None
        page = self.pages[link.page]
        annotation = self.pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Link,
                Rect=Array(link.rect),
                Border=Array([0, 0, 0]),
                F=4,  # print
                Contents=String(link.text),
                Dest=Array([self.pages[target], Name.Fit]),
                StructParent=len(self.pages) + len(self.link_parents),
                P=page,
            )
        )
        self.link_parents.append(element)
        if "/Annots" not in page:
            page.Annots = Array()
        page.Annots.append(annotation)
        return annotation

    def finish(self) -> None:
        """The parent tree, and each page's key into it and tab order."""
        numbers: list[pikepdf.Object | int] = []
        for index, (page, content) in enumerate(zip(self.pages, self.page_content, strict=True)):
            page.StructParents = index
            page.Tabs = Name.S
            numbers += [index, self.pdf.make_indirect(Array(content))]
        for offset, element in enumerate(self.link_parents):
            numbers += [len(self.pages) + offset, element]
        self.root.ParentTree = self.pdf.make_indirect(Dictionary(Nums=Array(numbers)))
        self.root.ParentTreeNextKey = len(self.pages) + len(self.link_parents)


def _pdf_date(when: datetime) -> str:
    return f"D:{when:%Y%m%d%H%M%S}+00'00'"


def _set_info(pdf: pikepdf.Pdf, meta: model.Metadata) -> None:
    """The document information dictionary, kept to the entries the XMP repeats."""
    info = pdf.docinfo
    producer = str(info.get("/Producer", "ReportLab"))
    for key in list(info.keys()):
        del info[key]
    info.Title = String(meta.title)
    if meta.author:
        info.Author = String(meta.author)
    if meta.subject:
        info.Subject = String(meta.subject)
    info.Creator = String("briefings")
    info.Producer = String(producer)
    info.CreationDate = info.ModDate = String(_pdf_date(meta.created_at))


def escape(text: str) -> str:
    """``text`` as XML character data: ``&``, ``<`` and ``>`` escaped (as
    ``xml.sax.saxutils.escape`` does, without loading ``urllib`` and ``ssl`` with it)."""
    return html.escape(text, quote=False)


def _xmp(pdf: pikepdf.Pdf, meta: model.Metadata, langs: list[str]) -> str:
    """The XMP metadata: Dublin Core, the dates, and the PDF/A and PDF/UA claims
    (PDF/A-2 asks for the schema of ``pdfuaid``, which XMP does not predefine)."""
    date = meta.created_at.strftime("%Y-%m-%dT%H:%M:%S+00:00")
    author = (
        f"<dc:creator><rdf:Seq><rdf:li>{escape(meta.author)}</rdf:li></rdf:Seq></dc:creator>"
        if meta.author
        else ""
    )
    subject = (
        "<dc:description><rdf:Alt><rdf:li xml:lang='x-default'>"
        f"{escape(meta.subject)}</rdf:li></rdf:Alt></dc:description>"
        if meta.subject
        else ""
    )
    languages = "".join(f"<rdf:li>{escape(lang)}</rdf:li>" for lang in langs)
    producer = escape(str(pdf.docinfo.Producer))
    return f"""<?xpacket begin="\ufeff" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about=""
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 xmlns:xmp="http://ns.adobe.com/xap/1.0/"
 xmlns:pdf="http://ns.adobe.com/pdf/1.3/"
 xmlns:pdfaid="http://www.aiim.org/pdfa/ns/id/"
 xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/"
 xmlns:pdfaExtension="http://www.aiim.org/pdfa/ns/extension/"
 xmlns:pdfaSchema="http://www.aiim.org/pdfa/ns/schema#"
 xmlns:pdfaProperty="http://www.aiim.org/pdfa/ns/property#">
<dc:format>application/pdf</dc:format>
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">{escape(meta.title)}</rdf:li></rdf:Alt></dc:title>
{author}{subject}<dc:language><rdf:Bag>{languages}</rdf:Bag></dc:language>
<xmp:CreateDate>{date}</xmp:CreateDate>
<xmp:ModifyDate>{date}</xmp:ModifyDate>
<xmp:MetadataDate>{date}</xmp:MetadataDate>
<xmp:CreatorTool>briefings</xmp:CreatorTool>
<pdf:Producer>{producer}</pdf:Producer>
<pdfaid:part>{PDFA_PART}</pdfaid:part>
<pdfaid:conformance>{PDFA_CONFORMANCE}</pdfaid:conformance>
<pdfuaid:part>{PDFUA_PART}</pdfuaid:part>
<pdfaExtension:schemas><rdf:Bag><rdf:li rdf:parseType="Resource">
<pdfaSchema:schema>PDF/UA Universal Accessibility Schema</pdfaSchema:schema>
<pdfaSchema:namespaceURI>http://www.aiim.org/pdfua/ns/id/</pdfaSchema:namespaceURI>
<pdfaSchema:prefix>pdfuaid</pdfaSchema:prefix>
<pdfaSchema:property><rdf:Seq><rdf:li rdf:parseType="Resource">
<pdfaProperty:name>part</pdfaProperty:name>
<pdfaProperty:valueType>Integer</pdfaProperty:valueType>
<pdfaProperty:category>internal</pdfaProperty:category>
<pdfaProperty:description>Part of ISO 14289 the file conforms to</pdfaProperty:description>
</rdf:li></rdf:Seq></pdfaSchema:property>
</rdf:li></rdf:Bag></pdfaExtension:schemas>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="w"?>"""


def _srgb_intent(pdf: pikepdf.Pdf, created: datetime) -> pikepdf.Object:
    """A PDF/A output intent with an sRGB profile made by Little CMS (through Pillow),
    its creation date set to the document's so that the bytes do not change."""
    profile = bytearray(ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes())
    stamp = (created.year, created.month, created.day, created.hour, created.minute, 0)
    profile[24:36] = b"".join(n.to_bytes(2, "big") for n in stamp)
    profile[84:100] = bytes(16)  # no profile id: it would hash the date
    stream = pdf.make_stream(bytes(profile), N=3)
    return Dictionary(
        Type=Name.OutputIntent,
        S=Name.GTS_PDFA1,
        OutputConditionIdentifier=String("sRGB IEC61966-2.1"),
        RegistryName=String("http://www.color.org"),
        Info=String("sRGB IEC61966-2.1"),
        DestOutputProfile=stream,
    )
