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
    word-text-boxes.docx   text boxes as Word 2010+ writes them (w:drawing in
                           mc:AlternateContent with a VML w:pict fallback holding
                           the same text), a DrawingML one alone and a VML one alone
    word-footnotes.docx    footnotes (word/footnotes.xml, a link in one) and an endnote
    word-letter-lists.docx roman and letter numbering: a legal list (1.1 paragraphs
                           with (a) and (i) levels), an upperLetter list, a
                           lowerRoman list started at iii

Run: ~/.cache/papers-check/.venv/bin/python scripts/make-docx-fixtures.py
(`--python-docx-only` skips LibreOffice; `--only NAME.docx` writes one file)
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

    only = sys.argv[sys.argv.index("--only") + 1] if "--only" in sys.argv else None

    def save(d, name):
        d.save(os.path.join(OUT, name))
        print("wrote", name, "(python-docx)")

    if only in (None, "word-text-boxes.docx"):
        save(text_boxes(template, header_table), "word-text-boxes.docx")
    if only in (None, "word-footnotes.docx"):
        d = footnotes(template, header_table, hyperlink)
        save(d, "word-footnotes.docx")
        add_footnote_rels(os.path.join(OUT, "word-footnotes.docx"), d._footnote_rels)
    if only in (None, "word-letter-lists.docx"):
        save(letter_lists(template, header_table, numbered), "word-letter-lists.docx")
    if only is not None:
        return

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


# --- hand-written WordprocessingML, placed with python-docx ----------------

NS_TB = ('xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
         'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
         'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
         'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
         'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
         'xmlns:v="urn:schemas-microsoft-com:vml" '
         'xmlns:o="urn:schemas-microsoft-com:office:office"')


def txbx_paras(texts):
    return "".join(f'<w:p><w:r><w:t xml:space="preserve">{t}</w:t></w:r></w:p>' for t in texts)


def drawing_text_box(texts, ident):
    return (
        f'<w:drawing><wp:anchor distT="0" distB="0" distL="114300" distR="114300" simplePos="0" '
        f'relativeHeight="{ident}" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0</wp:posOffset></wp:positionH>'
        '<wp:positionV relativeFrom="paragraph"><wp:posOffset>0</wp:posOffset></wp:positionV>'
        '<wp:extent cx="5400000" cy="900000"/><wp:effectExtent l="0" t="0" r="0" b="0"/><wp:wrapTopAndBottom/>'
        f'<wp:docPr id="{ident}" name="Text Box {ident}"/><wp:cNvGraphicFramePr/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="5400000" cy="900000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></wps:spPr>'
        f'<wps:txbx><w:txbxContent>{txbx_paras(texts)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>'
        '</a:graphicData></a:graphic></wp:anchor></w:drawing>')


def vml_text_box(texts, ident):
    return (
        f'<w:pict><v:shapetype id="_x0000_t{ident}" coordsize="21600,21600" o:spt="202" path="m,l,21600r21600,l21600,xe">'
        '<v:stroke joinstyle="miter"/><v:path gradientshapeok="t" o:connecttype="rect"/></v:shapetype>'
        f'<v:shape id="Text Box {ident}" o:spid="_x0000_s{ident}" type="#_x0000_t{ident}" '
        'style="position:absolute;margin-left:0;margin-top:0;width:425pt;height:71pt;z-index:1">'
        f'<v:textbox><w:txbxContent>{txbx_paras(texts)}</w:txbxContent></v:textbox></v:shape></w:pict>')


def text_boxes(template, header_table):
    """Three text boxes in the body of "Key Issues": one as Word 2010 and
    later write it (DrawingML in mc:AlternateContent, the same text again
    in a VML fallback), one DrawingML alone, one VML alone (Word 2003)."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    d = template()
    header_table(d, SEFTON_HEADER)
    d.add_paragraph("Summary", style="Heading 1")
    d.add_paragraph("To outline the role of the Commissioner.")
    d.add_paragraph("Recommendation(s)", style="Heading 1")
    d.add_paragraph("To note the report.", style="List Number")
    d.add_paragraph("Introduction/Background", style="Heading 1")
    d.add_paragraph("The Commissioner was appointed on 22 May 2022.")
    boxed = ["Case study: a family supported by the Early Help team.",
             "The family's social worker stayed with them for two years."]
    p = d.add_paragraph("The service has changed how it works with families.")
    p._p.append(parse_xml(
        f'<w:r {NS_TB}><mc:AlternateContent><mc:Choice Requires="wps">{drawing_text_box(boxed, 1)}</mc:Choice>'
        f'<mc:Fallback>{vml_text_box(boxed, 1)}</mc:Fallback></mc:AlternateContent></w:r>'))
    d.add_paragraph("Key Issues", style="Heading 1")
    p = d.add_paragraph()
    p._p.append(parse_xml(
        f'<w:r {NS_TB}>{drawing_text_box(["Caseloads fell from 28 to 19 a worker."], 2)}</w:r>'))
    d.add_paragraph("Additional capacity has been created at Assistant Director level.")
    p = d.add_paragraph()
    p._p.append(parse_xml(
        f'<w:r {NS_TB}>{vml_text_box(["Agency staff fell to 12% of the workforce."], 3)}</w:r>'))
    return d


def footnotes(template, header_table, hyperlink):
    """Two footnotes (one with a link) and an endnote, as Word writes them:
    the separators first, each note opening with its w:footnoteRef."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    d = template()
    header_table(d, SEFTON_HEADER)
    d.add_paragraph("Summary", style="Heading 1")
    p = d.add_paragraph("To outline the role of the Commissioner")
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:rStyle w:val="FootnoteReference"/><w:vertAlign w:val="superscript"/></w:rPr>'
        '<w:footnoteReference w:id="1"/></w:r>'))
    p.add_run(".")
    d.add_paragraph("Recommendation(s)", style="Heading 1")
    d.add_paragraph("To note the report.", style="List Number")
    d.add_paragraph("Introduction/Background", style="Heading 1")
    p = d.add_paragraph("Sefton was found to be inadequate in 2022")
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="2"/></w:r>'))
    p.add_run(" and the Commissioner reported in September")
    p._p.append(parse_xml(
        f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:endnoteReference w:id="1"/></w:r>'))
    p.add_run(".")

    W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    sep = ('<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
           '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:footnote>')
    ref = '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteRef/></w:r>'
    notes = (
        f'<w:footnotes xmlns:w="{W_NS}" xmlns:r="{R_NS}">{sep}'
        f'<w:footnote w:id="1"><w:p>{ref}<w:r><w:t xml:space="preserve"> The Children and Families Act 2014, section 1.</w:t></w:r></w:p></w:footnote>'
        f'<w:footnote w:id="2"><w:p>{ref}<w:r><w:t xml:space="preserve"> See the </w:t></w:r>'
        '<w:hyperlink r:id="rIdN1"><w:r><w:t>Ofsted report</w:t></w:r></w:hyperlink>'
        '<w:r><w:t xml:space="preserve"> of </w:t></w:r><w:r><w:rPr><w:i/></w:rPr><w:t>July 2022</w:t></w:r></w:p></w:footnote>'
        '</w:footnotes>')
    endnotes = (
        f'<w:endnotes xmlns:w="{W_NS}">'
        '<w:endnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:endnote>'
        '<w:endnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/></w:r></w:p></w:endnote>'
        '<w:endnote w:id="1"><w:p><w:r><w:endnoteRef/></w:r><w:r><w:t xml:space="preserve"> Published on 30 September 2022.</w:t></w:r></w:p></w:endnote>'
        '</w:endnotes>')
    rels = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rIdN1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/hyperlink" '
            'Target="https://www.gov.uk/ofsted" TargetMode="External"/></Relationships>')
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    class Notes(Part):
        pass

    fn = Part(PackURI("/word/footnotes.xml"),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml",
              notes.encode(), d.part.package)
    en = Part(PackURI("/word/endnotes.xml"),
              "application/vnd.openxmlformats-officedocument.wordprocessingml.endnotes+xml",
              endnotes.encode(), d.part.package)
    d.part.relate_to(fn, RT.FOOTNOTES)
    d.part.relate_to(en, RT.ENDNOTES)
    d._footnote_rels = rels  # written into the package after saving
    return d


def letter_lists(template, header_table, numbered):
    """Roman and letter numbering: a legal list whose 1.1 level numbers the
    paragraphs and whose (a) and (i) levels are lists under them; a list
    lettered A., B.; a list in lower-case roman started at iii."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls, qn
    d = template()
    part = d.part.numbering_part.element
    lvl = lambda i, fmt, text, start=1: (
        f'<w:lvl w:ilvl="{i}"><w:start w:val="{start}"/><w:numFmt w:val="{fmt}"/><w:lvlText w:val="{text}"/></w:lvl>')
    defs = {
        80: lvl(0, "decimal", "%1.") + lvl(1, "decimal", "%1.%2") + lvl(2, "lowerLetter", "(%3)")
        + lvl(3, "lowerRoman", "(%4)"),
        81: lvl(0, "upperLetter", "%1.") + lvl(1, "upperRoman", "%2."),
        82: lvl(0, "lowerRoman", "%1)", 3),
    }
    first_num = part.find(qn("w:num"))
    for i, levels in defs.items():
        a = parse_xml(f'<w:abstractNum {nsdecls("w")} w:abstractNumId="{i}">'
                      f'<w:multiLevelType w:val="multilevel"/>{levels}</w:abstractNum>')
        if first_num is not None:
            first_num.addprevious(a)
        else:
            part.append(a)
    for i in defs:
        part.append(parse_xml(f'<w:num {nsdecls("w")} w:numId="{i}"><w:abstractNumId w:val="{i}"/></w:num>'))

    header_table(d, SEFTON_HEADER)
    d.add_paragraph("Summary", style="Heading 1")
    d.add_paragraph("To outline the role of the Commissioner.")
    d.add_paragraph("Recommendation(s)", style="Heading 1")
    d.add_paragraph("To note the report.", style="List Number")
    d.add_paragraph("Introduction/Background", style="Heading 1")
    numbered(d.add_paragraph("The Commissioner's directions require the Council to:"), 80, 1)
    for t, l in [("appoint a Director of Children's Services;", 2),
                 ("report every quarter on:", 2),
                 ("caseloads;", 3),
                 ("agency staff;", 3),
                 ("publish its improvement plan.", 2)]:
        numbered(d.add_paragraph(t), 80, l)
    numbered(d.add_paragraph("The directions last for two years."), 80, 1)
    d.add_paragraph("Key Issues", style="Heading 1")
    d.add_paragraph("The options were:")
    for t, l in [("keep the service as it is;", 0), ("a trust;", 0), ("run by a company;", 1),
                 ("run by a charity.", 1)]:
        numbered(d.add_paragraph(t), 81, l)
    d.add_paragraph("The plan's later stages are:")
    for t in ["recruit permanent managers;", "reduce agency staff."]:
        numbered(d.add_paragraph(t), 82, 0)
    return d


def add_footnote_rels(path, rels):
    """python-docx keeps parts it does not know as they are, without their
    relationships: the footnotes' hyperlink relationship is added here."""
    import zipfile
    tmp = path + ".tmp"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
        for item in src.infolist():
            out.writestr(item, src.read(item.filename))
        out.writestr("word/_rels/footnotes.xml.rels", rels)
    os.replace(tmp, path)


if __name__ == "__main__":
    os.makedirs(OUT, exist_ok=True)
    if "--python-docx-only" not in sys.argv:
        libreoffice_fixtures()
    python_docx_fixtures()
