#!/usr/bin/env python3
"""Builds the Word fixtures of `papers import` (tests/fixtures/docx/).

Made two ways, as officers make them:

- typed in LibreOffice Writer, headless: an HTML draft converted with
  `soffice --headless --convert-to docx` (apt: libreoffice-writer-nogui):
    lo-header-table.docx   Sefton's layout, the header as a table, Heading styles
    lo-label-lines.docx    Ashdown's, "Label: value" lines, bold paragraphs as headings
    lo-typed-numbers.docx  paragraph numbers typed as text ("1.1 ..."), headings "1.0 ..."
- with python-docx (the venv of .ci tools):
    word-numbering.docx    a council template's "Report Heading 1" (based on Heading 1),
                           Word numbering (a 1.1 outline list, a list restarted at 3),
                           an image with alt text, a hyperlink
    word-tracked.docx      tracked changes, comments and content controls

Run: ~/.cache/papers-check/.venv/bin/python scripts/make-docx-fixtures.py
The .docx files are committed: CI does not need LibreOffice. LibreOffice's
output differs by version, so rerunning changes bytes, not content.
"""

import copy
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "tests", "fixtures", "docx")

SEFTON_HEADER = [
    ("Report to:", "Overview and Scrutiny Committee (Children's Services and Safeguarding)"),
    ("Date of Meeting:", "Monday 7 November 2022"),
    ("Subject:", "Children's Services Commissioner"),
    ("Report of:", "Executive Director of Children's Social Care and Education"),
    ("Wards Affected:", "All Wards"),
    ("Portfolio:", "Cabinet Member – Children's Social Care"),
    ("Is this a Key Decision:", "No"),
    ("Included in Forward Plan:", "No"),
    ("Exempt / Confidential Report:", "No"),
]

CORE = [
    ("Protect the most vulnerable", "The Improvement Programme protects children with complex care needs."),
    ("Facilitate confident and resilient communities", "Children's Services work with partners to support families."),
    ("Commission, broker and provide core services", "N/A"),
    ("Place – leadership and influencer", "The Council will take a lead role with partners."),
    ("Drivers of change and reform", "N/A"),
    ("Facilitate sustainable economic prosperity", "N/A"),
    ("Greater income for social investment", "N/A"),
    ("Cleaner Greener", "N/A"),
]


def html_page(body):
    return ("<!DOCTYPE html><html lang='en-GB'><head><meta charset='utf-8'>"
            "<title>Report</title></head><body>" + body + "</body></html>")


def sefton_parts(h, numbered_headings=False):
    """The parts after the header, as HTML, with headings made by `h`."""
    n = (lambda i, t: f"{i}. {t}") if numbered_headings else (lambda i, t: t)
    core = "".join(f"<p>{k}: {v}</p>" for k, v in CORE)
    return "".join([
        h(n(1, "Summary")),
        "<p>To outline the role of the Children's Services Commissioner for Sefton and the final report.</p>",
        h(n(2, "Recommendation(s)")),
        "<ol><li>To note and comment upon the content of the report.</li>"
        "<li>To ask for a further report in <b>six months</b>.</li></ol>",
        h(n(3, "Alternative Options Considered and Rejected (including any Risk Implications)")),
        "<p>Not applicable</p>",
        h(n(4, "What will it cost and how will it be financed?")),
        "<p>(A) Revenue Costs: Not applicable at this current time.</p>",
        "<p>(B) Capital Costs: Not applicable</p>",
        h(n(5, "Implications of the Proposals")),
        "<p>Resource Implications: Not applicable</p>",
        "<p>Legal Implications: None identified.</p>",
        "<p>Equality Implications: There are no equality implications.</p>",
        h(n(6, "Climate Emergency Implications")),
        "<table border='1'><tr><td>Have a positive impact</td><td>Y</td></tr>"
        "<tr><td>Have a neutral impact</td><td>N/A</td></tr>"
        "<tr><td>Have a negative impact</td><td>N</td></tr>"
        "<tr><td>The Author has undertaken the Climate Emergency training</td><td>Y</td></tr></table>",
        h(n(7, "Contribution to the Council's Core Purpose")),
        core,
        h(n(8, "What consultations have taken place on the proposals and when?")),
        "<p>(A) Internal Consultations: The Executive Director of Corporate Resources and Customer "
        "Services (FD 6993/22) and the Chief Legal and Democratic Officer (LD 5193/22) have been consulted.</p>",
        "<p>(B) External Consultations: Not applicable</p>",
        h(n(9, "Implementation Date for the Decision")),
        "<p>Immediately following the Committee meeting.</p>",
        h(n(10, "Contact Officer")),
        "<table border='1'><tr><td>Contact Officer:</td><td>Martin Birch</td></tr>"
        "<tr><td>Telephone Number:</td><td>0151 934 4000</td></tr>"
        "<tr><td>Email Address:</td><td>martin.birch@sefton.gov.uk</td></tr></table>",
        h(n(11, "Appendices")),
        "<p>The following appendices are attached to this report:</p>",
        "<p>Appendix 1: The Commissioner's report</p>",
        h(n(12, "Background Papers")),
        "<p>There are no background papers available for inspection.</p>",
    ])


SEFTON_BODY_TYPED = "".join([
    "<h1>1.0 Introduction/Background</h1>",
    "<p>1.1 The Department for Education appointed the Commissioner on 22 May 2022.</p>",
    "<p>1.2 Sefton has been found to be <i>'inadequate'</i> across all of the key judgements.</p>",
    "<h1>2.0 Key Issues</h1>",
    "<p>2.1 The Council has responded swiftly, as the <a href='https://www.gov.uk/ofsted'>Ofsted report</a> says.</p>",
    "<ul><li>Quality assurance</li><li>Performance management</li></ul>",
    "<table border='1'><tr><th>Year</th><th>Budget</th></tr><tr><td>2016/17</td><td>£32.5m</td></tr>"
    "<tr><td>2022/23</td><td>£52.069m</td></tr></table>",
    "<p>2.2 The Improvement Plan is a work in progress: the Commissioner's report is Appendix 1.</p>",
])


def lo_convert(html, name, work):
    src = os.path.join(work, name.replace(".docx", ".html"))
    with open(src, "w", encoding="utf-8") as f:
        f.write(html_page(html))
    subprocess.run(
        ["soffice", "--headless", f"-env:UserInstallation=file://{work}/profile",
         "--convert-to", "docx:MS Word 2007 XML", "--outdir", work, src],
        check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=300)
    shutil.copy(os.path.join(work, name), os.path.join(OUT, name))
    print("wrote", name, "(LibreOffice)")


def libreoffice_fixtures():
    if shutil.which("soffice") is None:
        print("soffice not found: the LibreOffice fixtures are left as they are", file=sys.stderr)
        return
    work = tempfile.mkdtemp()
    try:
        rows = "".join(f"<tr><td>{k}</td><td>{v}</td></tr>" for k, v in SEFTON_HEADER)
        h1 = lambda t: f"<h1>{t}</h1>"
        lo_convert("<p>Sefton Council</p><table border='1'>" + rows + "</table>"
                   + sefton_parts(h1) + SEFTON_BODY_TYPED, "lo-header-table.docx", work)

        bold = lambda t: f"<p><b>{t}</b></p>"
        lines = "".join(f"<p>{k} {v}</p>" for k, v in [
            ("Report to:", "Cabinet"),
            ("Date of Meeting:", "18 June 2024"),
            ("Subject:", "Garden waste charging"),
            ("Report of:", "Director of Environment"),
            ("Wards Affected:", "Forest Row, Hartfield"),
            ("Portfolio:", "Cabinet Member for Environment"),
            ("Is this a Key Decision:", "Yes – it affects two or more wards"),
            ("Included in Forward Plan:", "Yes"),
            ("Exempt / Confidential Report:", "No"),
        ])
        body = "".join([
            bold("Summary"),
            "<p>To agree a charge for the collection of garden waste from April 2025.</p>",
            bold("Recommendation(s)"),
            "<p>Cabinet is requested to:</p>",
            "<ol><li>Agree a charge of £45 a year.</li><li>Delegate the scheme's details to the Director.</li></ol>",
            bold("Report"),
            bold("Background"),
            "<p>The service costs £1.2m a year to run.</p>",
            bold("Risk register"),
            "<p>Take-up may be lower than forecast.</p>",
        ])
        lo_convert("<p><b>Ashdown District Council</b></p>" + lines + body,
                   "lo-label-lines.docx", work)

        h2 = lambda t: f"<h2>{t}</h2>"
        lo_convert("<table border='1'>" + rows.replace("Children's Services Commissioner", "Ofsted monitoring visit") + "</table>"
                   + sefton_parts(h2, numbered_headings=True)
                   + SEFTON_BODY_TYPED.replace("<h1>", "<h2>").replace("</h1>", "</h2>"),
                   "lo-typed-numbers.docx", work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


# --- python-docx ------------------------------------------------------------

def png_1x1():
    def chunk(kind, data):
        c = kind + data
        return struct.pack(">I", len(data)) + c + struct.pack(">I", zlib.crc32(c) & 0xFFFFFFFF)
    ihdr = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr)
            + chunk(b"IDAT", zlib.compress(b"\x00\x66")) + chunk(b"IEND", b""))


def python_docx_fixtures():
    try:
        import docx
        from docx.enum.style import WD_STYLE_TYPE
        from docx.oxml import parse_xml
        from docx.oxml.ns import nsdecls, qn
        from docx.shared import Inches
    except ImportError:
        print("python-docx not found: the python-docx fixtures are left as they are", file=sys.stderr)
        return

    def template():
        d = docx.Document()
        rh1 = d.styles.add_style("Report Heading 1", WD_STYLE_TYPE.PARAGRAPH)
        rh1.base_style = d.styles["Heading 1"]
        body = d.styles.add_style("Report Body", WD_STYLE_TYPE.PARAGRAPH)
        body.base_style = d.styles["Normal"]
        return d

    def header_table(d, rows):
        t = d.add_table(rows=0, cols=2)
        for k, v in rows:
            cells = t.add_row().cells
            cells[0].text = k
            cells[1].text = v

    def numbering(d):
        """A 1.1 outline list (abstract 90, num 90) and a decimal list
        restarted at 3 by a startOverride (num 91)."""
        part = d.part.numbering_part.element
        abstract = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:multiLevelType w:val="multilevel"/>'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1.%2"/></w:lvl>'
            '</w:abstractNum>')
        abstract2 = parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="91">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1)"/></w:lvl>'
            '</w:abstractNum>')
        first_num = part.find(qn("w:num"))
        for a in (abstract, abstract2):
            if first_num is not None:
                first_num.addprevious(a)
            else:
                part.append(a)
        part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>'))
        part.append(parse_xml(
            f'<w:num {nsdecls("w")} w:numId="91"><w:abstractNumId w:val="91"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="3"/></w:lvlOverride></w:num>'))

    def numbered(p, num, lvl):
        ppr = p._p.get_or_add_pPr()
        ppr.append(parse_xml(
            f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{lvl}"/><w:numId w:val="{num}"/></w:numPr>'))

    def hyperlink(p, url, text):
        rid = p.part.relate_to(url, "http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink", is_external=True)
        p._p.append(parse_xml(
            f'<w:hyperlink {nsdecls("w", "r")} r:id="{rid}"><w:r><w:t xml:space="preserve">{text}</w:t></w:r></w:hyperlink>'))

    # word-numbering.docx
    d = template()
    d.add_paragraph("Children's Services Commissioner", style="Title")
    header_table(d, [(k, v) for k, v in SEFTON_HEADER if not k.startswith("Subject")])
    numbering(d)
    d.add_paragraph("Summary", style="Report Heading 1")
    p = d.add_paragraph("To outline the role of the Commissioner; see ", style="Report Body")
    hyperlink(p, "https://www.sefton.gov.uk/commissioner", "the Commissioner's page")
    d.add_paragraph("Recommendation(s)", style="Report Heading 1")
    for t in ["To note the report.", "To agree the improvement plan."]:
        d.add_paragraph(t, style="List Number")
    d.add_paragraph("Contact Officer", style="Report Heading 1")
    d.add_paragraph("Name: Martin Birch")
    d.add_paragraph("Email: martin.birch@sefton.gov.uk")
    d.add_paragraph("Introduction/Background", style="Report Heading 1")
    for t in ["The Department for Education appointed the Commissioner on 22 May 2022.",
              "The Commissioner reviewed the service from June to September 2022."]:
        numbered(d.add_paragraph(t, style="Report Body"), 90, 1)
    d.add_paragraph("The steps that follow are numbered from three:", style="Report Body")
    for t in ["Issue instructions to the Council.", "Report to the Under Secretary of State."]:
        numbered(d.add_paragraph(t), 91, 0)
    img = os.path.join(tempfile.mkdtemp(), "chart.png")
    with open(img, "wb") as f:
        f.write(png_1x1())
    d.add_picture(img, width=Inches(1))
    doc_pr = d.paragraphs[-1]._p.xpath(".//wp:docPr")[0]
    doc_pr.set("descr", "Budget for social care, 2016 to 2023")
    d.add_paragraph("Key Issues", style="Report Heading 1")
    numbered(d.add_paragraph("Additional capacity has been created at Assistant Director level.", style="Report Body"), 90, 1)
    d.save(os.path.join(OUT, "word-numbering.docx"))
    print("wrote word-numbering.docx (python-docx)")

    # word-tracked.docx
    d = template()
    header_table(d, SEFTON_HEADER)
    d.add_paragraph("Summary", style="Heading 1")
    p = d.add_paragraph("To outline the role of the Commissioner", style="Normal")
    p._p.append(parse_xml(
        f'<w:ins {nsdecls("w")} w:id="1" w:author="Officer" w:date="2022-10-01T00:00:00Z">'
        '<w:r><w:t xml:space="preserve"> and the final report</w:t></w:r></w:ins>'))
    p._p.append(parse_xml(
        f'<w:del {nsdecls("w")} w:id="2" w:author="Officer" w:date="2022-10-01T00:00:00Z">'
        '<w:r><w:delText xml:space="preserve"> and a draft nobody agreed</w:delText></w:r></w:del>'))
    p.add_run(".")
    d.add_paragraph("Recommendation(s)", style="Heading 1")
    rec = d.add_paragraph("To note the report.", style="List Number")
    d.add_comment(rec.runs, text="Should this say 'comment upon' too?", author="Clerk", initials="C")
    d.add_paragraph("Implementation Date for the Decision", style="Heading 1")
    sdt = parse_xml(
        f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Date"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t>Immediately following the Committee meeting.</w:t></w:r></w:p>'
        '</w:sdtContent></w:sdt>')
    d.paragraphs[-1]._p.addnext(sdt)
    d.add_paragraph("Introduction/Background", style="Heading 1")
    d.add_paragraph("The Commissioner was appointed on 22 May 2022.")
    d.save(os.path.join(OUT, "word-tracked.docx"))
    print("wrote word-tracked.docx (python-docx)")


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if "--python-docx-only" not in sys.argv:
        libreoffice_fixtures()
    python_docx_fixtures()
