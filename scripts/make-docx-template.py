#!/usr/bin/env python3
"""A council's own Word template, and a report an officer typed on it.

Writes:
  examples/london-borough/templates/report.dotx
      London Borough of Kingsmere's report template, made as councils make
      theirs: its own style names ("Report Title", "Report Heading 1/2",
      "Report Body", "Numbered Paragraph", "Report Table"), some based on
      Word's built-ins (Title, Heading 1, Heading 2) and some not; built-in
      "Heading 3" restyled; its own font (Liberation Sans, metric-compatible
      with Arial); A4 with the council's margins; a letterhead picture in the
      first page's header and a running header after it; a footer; and a
      multi-level list of its own ("1.", "(a)", "(i)") tied to "Numbered
      Paragraph" and its sub-levels. Saved with the template content type
      (.dotx), as Word saves one.
  tests/fixtures/docx/lo-template-report.docx
      A report typed on that template: python-docx opens the template as an
      officer opens it in Word (the template's styles, numbering, headers and
      footers), the header as the template's two-column table, the
      template's heading and numbered-paragraph styles, the list's (a) and
      (i) levels, a table in "Report Table", a bullet list; then LibreOffice
      Writer (headless) opens it and saves it again as .docx, so that the
      file the importer reads is written by LibreOffice's Word filter, not
      by python-docx or by papers.

Run: ~/.cache/papers-check/.venv/bin/python scripts/make-docx-template.py
Both files are committed: CI needs neither LibreOffice nor python-docx.
"""

import io
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile

import docx
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, Pt, RGBColor

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.join(HERE, "..")
TEMPLATE = os.path.join(ROOT, "examples", "london-borough", "templates", "report.dotx")
FIXTURE = os.path.join(ROOT, "tests", "fixtures", "docx", "lo-template-report.docx")

FONT = "Liberation Sans"
NAVY = RGBColor(0x00, 0x2F, 0x5F)
LIST_ID = 40  # the council's multi-level list: abstractNum and num

DOCX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"
DOTX_MAIN = "application/vnd.openxmlformats-officedocument.wordprocessingml.template.main+xml"


def letterhead_png():
    """The council's letterhead: a navy band with its name, 1800 x 240 px."""
    from PIL import Image, ImageDraw, ImageFont

    img = Image.new("RGB", (1800, 240), (0x00, 0x2F, 0x5F))
    draw = ImageDraw.Draw(img)
    path = "/usr/share/fonts/truetype/liberation2/LiberationSans-Bold.ttf"
    font = ImageFont.truetype(path, 96) if os.path.exists(path) else ImageFont.load_default()
    draw.text((60, 60), "LONDON BOROUGH OF KINGSMERE", fill=(255, 255, 255), font=font)
    draw.rectangle((0, 220, 1800, 240), fill=(0xE0, 0x9F, 0x1F))
    out = io.BytesIO()
    img.save(out, "PNG", optimize=True)
    return out.getvalue()


def set_font(style, size=None, bold=None, colour=None):
    style.font.name = FONT
    rpr = style.element.get_or_add_rPr()
    rpr.rFonts.set(qn("w:eastAsia"), FONT)
    rpr.rFonts.set(qn("w:cs"), FONT)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        if rpr.rFonts.get(qn(theme)) is not None:
            del rpr.rFonts.attrib[qn(theme)]
    if size is not None:
        style.font.size = Pt(size)
    if bold is not None:
        style.font.bold = bold
    if colour is not None:
        style.font.color.rgb = colour


def paragraph_style(d, name, base, size=None, bold=None, colour=None, before=None, after=None):
    s = d.styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    s.base_style = d.styles[base] if base else None
    s.quick_style = True
    set_font(s, size, bold, colour)
    if before is not None:
        s.paragraph_format.space_before = Pt(before)
    if after is not None:
        s.paragraph_format.space_after = Pt(after)
    return s


def link_numbering(style, level):
    ppr = style.element.get_or_add_pPr()
    ppr.insert(0, parse_xml(
        f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="{LIST_ID}"/></w:numPr>'))


def council_list(d, para_ids):
    """The council's own multi-level list: 1. / (a) / (i), each level tied
    to its paragraph style by w:pStyle, as Word's "Define New Multilevel
    List" with "Link level to style" writes it."""
    levels = [("decimal", "%1.", 567, 567), ("lowerLetter", "(%2)", 1134, 567),
              ("lowerRoman", "(%3)", 1701, 567)]
    lvls = "".join(
        f'<w:lvl w:ilvl="{i}"><w:start w:val="1"/><w:numFmt w:val="{fmt}"/>'
        f'<w:pStyle w:val="{para_ids[i]}"/><w:lvlText w:val="{text}"/><w:lvlJc w:val="left"/>'
        f'<w:pPr><w:ind w:left="{left}" w:hanging="{hang}"/></w:pPr></w:lvl>'
        for i, (fmt, text, left, hang) in enumerate(levels))
    part = d.part.numbering_part.element
    abstract = parse_xml(
        f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{LIST_ID}">'
        f'<w:multiLevelType w:val="multilevel"/>{lvls}</w:abstractNum>')
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        part.append(abstract)
    part.append(parse_xml(
        f'<w:num {nsdecls("w")} w:numId="{LIST_ID}"><w:abstractNumId w:val="{LIST_ID}"/></w:num>'))


def table_style(d):
    s = d.styles.add_style("Report Table", WD_STYLE_TYPE.TABLE)
    s.base_style = d.styles["Table Grid"]
    set_font(s, 10)
    s.element.append(parse_xml(
        f'<w:tblStylePr {nsdecls("w")} w:type="firstRow"><w:rPr><w:b/><w:color w:val="FFFFFF"/></w:rPr>'
        '<w:tblPr/><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="002F5F"/></w:tcPr></w:tblStylePr>'))
    return s


def make_template():
    d = docx.Document()
    # The council's font everywhere: the defaults, Normal and the built-ins used.
    rpr_default = d.styles.element.find(qn("w:docDefaults")).find(qn("w:rPrDefault")).find(qn("w:rPr"))
    fonts = rpr_default.find(qn("w:rFonts"))
    for a in list(fonts.attrib):
        del fonts.attrib[a]
    for a in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(a), FONT)
    set_font(d.styles["Normal"], 11)
    for name, size in (("Title", 24), ("Heading 1", 14), ("Heading 2", 12), ("Heading 3", 11)):
        set_font(d.styles[name], size, True, NAVY)

    paragraph_style(d, "Report Title", "Title", 22, True, NAVY, after=12)
    paragraph_style(d, "Report Heading 1", "Heading 1", 14, True, NAVY, before=18, after=6)
    paragraph_style(d, "Report Heading 2", "Heading 2", 12, True, NAVY, before=12, after=6)
    body = paragraph_style(d, "Report Body", None, 11, after=6)
    n1 = paragraph_style(d, "Numbered Paragraph", "Report Body")
    n2 = paragraph_style(d, "Numbered Paragraph 2", "Report Body")
    n3 = paragraph_style(d, "Numbered Paragraph 3", "Report Body")
    council_list(d, [n1.style_id, n2.style_id, n3.style_id])
    for level, s in enumerate((n1, n2, n3)):
        link_numbering(s, level)
    table_style(d)
    del body

    section = d.sections[0]
    section.page_width, section.page_height = Mm(210), Mm(297)
    section.top_margin, section.bottom_margin = Mm(25), Mm(20)
    section.left_margin, section.right_margin = Mm(25), Mm(20)
    section.header_distance, section.footer_distance = Mm(10), Mm(10)
    section.different_first_page_header_footer = True

    png = os.path.join(tempfile.mkdtemp(), "letterhead.png")
    with open(png, "wb") as f:
        f.write(letterhead_png())
    hp = section.first_page_header.paragraphs[0]
    hp.add_run().add_picture(png, width=Mm(165))
    doc_pr = hp._p.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", "London Borough of Kingsmere")
    section.header.paragraphs[0].text = "London Borough of Kingsmere – Cabinet report"
    section.header.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.RIGHT
    for footer in (section.footer, section.first_page_footer):
        footer.paragraphs[0].text = "London Borough of Kingsmere, Civic Centre, Station Road, Kingsmere HA1 2XY"

    # The template's own body: the guidance an officer types over.
    d.add_paragraph("Title of the report", style="Report Title")
    d.add_paragraph("Type the report here. Use the Report Heading styles for headings and "
                    "Numbered Paragraph for the numbered paragraphs.", style="Report Body")

    d.core_properties.title = "Kingsmere report template"
    d.core_properties.author = "Democratic Services"
    os.makedirs(os.path.dirname(TEMPLATE), exist_ok=True)
    buf = io.BytesIO()
    d.save(buf)
    write_as_dotx(buf.getvalue(), TEMPLATE)
    print("wrote", os.path.relpath(TEMPLATE, ROOT))


def write_as_dotx(data, path):
    """The package with the template content type, as Word saves a .dotx."""
    src = zipfile.ZipFile(io.BytesIO(data))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            body = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                body = body.replace(DOCX_MAIN.encode(), DOTX_MAIN.encode())
            item.date_time = (2024, 9, 1, 0, 0, 0)
            out.writestr(item, body)


def open_template():
    """The template as Word opens it for a new document (a .docx)."""
    with zipfile.ZipFile(TEMPLATE) as z:
        buf = io.BytesIO()
        with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as out:
            for item in z.infolist():
                body = z.read(item.filename)
                if item.filename == "[Content_Types].xml":
                    body = body.replace(DOTX_MAIN.encode(), DOCX_MAIN.encode())
                out.writestr(item, body)
    d = docx.Document(io.BytesIO(buf.getvalue()))
    body = d.element.body
    for p in list(body):
        if p.tag != qn("w:sectPr"):
            body.remove(p)
    return d


HEADER = [
    ("REPORT FOR:", "Cabinet"),
    ("Date of Meeting:", "12 September 2024"),
    ("Subject:", "Kingsmere Lido – Refurbishment"),
    ("Key Decision:", "Yes – it involves expenditure in excess of £1m"),
    ("Responsible Officer:", "Corporate Director, Place"),
    ("Portfolio Holder:", "Portfolio Holder for Community and Culture"),
    ("Exempt:", "No"),
    ("Decision subject to Call-in:", "Yes"),
    ("Wards affected:", "Canons, Marlborough"),
    ("Enclosures:", "Appendix 1: Condition survey"),
]


def make_officer_report(work):
    d = open_template()
    d.add_paragraph("Kingsmere Lido – Refurbishment", style="Report Title")
    t = d.add_table(rows=0, cols=2, style="Report Table")
    for k, v in HEADER:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = k, v
    d.add_paragraph("Section 1 – Summary and Recommendations", style="Report Heading 1")
    d.add_paragraph("This report seeks approval to refurbish Kingsmere Lido, closed since 2022, "
                    "and to reopen it for the summer of 2026.", style="Report Body")
    d.add_paragraph("Recommendations", style="Report Heading 2")
    d.add_paragraph("Cabinet is requested to:", style="Report Body")
    for r in ["Approve the refurbishment of Kingsmere Lido at a cost of £3.4m.",
              "Delegate the award of the works contract to the Corporate Director, Place."]:
        d.add_paragraph(r, style="List Number")
    d.add_paragraph("Reason: (For recommendation)", style="Report Heading 2")
    d.add_paragraph("To reopen the borough's only outdoor pool within the capital programme.",
                    style="Report Body")
    d.add_paragraph("Section 2 – Report", style="Report Heading 1")
    d.add_paragraph("Background", style="Heading 3")
    d.add_paragraph("The lido opened in 1936 and closed in October 2022 when its tank failed.",
                    style="Numbered Paragraph")
    d.add_paragraph("The condition survey (Appendix 1) found three defects:", style="Numbered Paragraph")
    d.add_paragraph("the tank's lining has failed;", style="Numbered Paragraph 2")
    d.add_paragraph("the plant room floods, in particular:", style="Numbered Paragraph 2")
    d.add_paragraph("after heavy rain;", style="Numbered Paragraph 3")
    d.add_paragraph("when the river is high;", style="Numbered Paragraph 3")
    d.add_paragraph("the changing rooms do not meet the Equality Act 2010.", style="Numbered Paragraph 2")
    d.add_paragraph("Costs", style="Heading 3")
    d.add_paragraph("The works are costed as follows:", style="Numbered Paragraph")
    t = d.add_table(rows=1, cols=2, style="Report Table")
    t.rows[0].cells[0].text, t.rows[0].cells[1].text = "Item", "Cost"
    for k, v in [("Tank and lining", "£1.9m"), ("Plant room", "£0.8m"), ("Changing rooms", "£0.7m")]:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = k, v
    d.add_paragraph("The works would be funded from:", style="Numbered Paragraph")
    for b in ["the capital programme, £2.9m;", "Sport England's Swimming Pool Support Fund, £0.5m."]:
        d.add_paragraph(b, style="List Bullet")
    d.add_paragraph("Policy Framework", style="Heading 3")
    d.add_paragraph("The proposal supports the Corporate Plan 2022–26.", style="Report Body")
    d.add_paragraph("Section 3 – Statutory Officer Clearance", style="Report Heading 1")
    t = d.add_table(rows=1, cols=3, style="Report Table")
    for c, v in zip(t.rows[0].cells, ["Officer", "Name", "Date"]):
        c.text = v
    for row in [("Chief Financial Officer", "Dawn Calvert", "2 September 2024"),
                ("Monitoring Officer", "Hugh Peart", "3 September 2024")]:
        for c, v in zip(t.add_row().cells, row):
            c.text = v
    d.add_paragraph("Section 4 – Contact Details and Background Papers", style="Report Heading 1")
    d.add_paragraph("Contact Details", style="Report Heading 2")
    t = d.add_table(rows=0, cols=2, style="Report Table")
    for k, v in [("Name:", "Mark Wilkinson"), ("Post:", "Head of Leisure"),
                 ("Telephone Number:", "020 8863 5612"),
                 ("Email Address:", "mark.wilkinson@kingsmere.gov.uk")]:
        cells = t.add_row().cells
        cells[0].text, cells[1].text = k, v
    d.add_paragraph("Background Papers", style="Report Heading 2")
    d.add_paragraph("Cabinet report, 14 March 2024: Kingsmere Lido – options", style="Report Body")
    d.core_properties.title = "Kingsmere Lido – Refurbishment"
    typed = os.path.join(work, "typed.docx")
    d.save(typed)

    # LibreOffice opens the typed report and saves it as Word again.
    outdir = os.path.join(work, "lo")
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", outdir, typed],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    shutil.copy(os.path.join(outdir, "typed.docx"), FIXTURE)
    print("wrote", os.path.relpath(FIXTURE, ROOT), "(typed on the template, saved by LibreOffice)")


if __name__ == "__main__":
    make_template()
    if shutil.which("soffice") is None:
        print("soffice not found: the officer's report is left as it is", file=sys.stderr)
        sys.exit(0)
    work = tempfile.mkdtemp()
    try:
        make_officer_report(work)
    finally:
        shutil.rmtree(work, ignore_errors=True)
