#!/usr/bin/env python3
"""docx-readback.py FILE.docx...

Issue 17: every .docx reads back with python-docx and with pandoc's docx
reader, every paragraph's text present. The paragraphs are taken from
word/document.xml by this script's own reading (each <w:p>'s <w:t> and
<w:tab/>), then looked for in python-docx's paragraphs and table cells and
in pandoc's plain text. Whitespace is collapsed on both sides; pandoc's
typographic changes (quotes, dashes) do not occur in `-t plain`. Exit 1
with the file and the paragraph that went missing.
"""
import re
import subprocess
import sys
import zipfile
from xml.etree import ElementTree

import docx

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def squash(text):
    return " ".join(text.split())


def own_paragraphs(path):
    with zipfile.ZipFile(path) as z:
        root = ElementTree.fromstring(z.read("word/document.xml"))
    out = []
    for p in root.iter(W + "p"):
        parts = []
        for node in p.iter():
            if node.tag == W + "t" and node.text:
                parts.append(node.text)
            elif node.tag == W + "tab":
                parts.append(" ")
        text = squash("".join(parts))
        if text:
            out.append(text)
    return out


def python_docx_text(path):
    d = docx.Document(path)
    texts = [p.text for p in d.paragraphs]

    def cells(table):
        for row in table.rows:
            for cell in row.cells:
                yield cell.text
                for inner in cell.tables:
                    yield from cells(inner)

    for table in d.tables:
        texts.extend(cells(table))
    return squash("\n".join(texts))


def pandoc_text(path):
    run = subprocess.run(
        ["pandoc", "-f", "docx", "-t", "plain", "--wrap=none", path],
        capture_output=True,
        text=True,
        check=True,
    )
    # Plain text draws tables with rules and pads cells: keep the words.
    return squash(re.sub(r"[-+|=]{3,}", " ", run.stdout).replace("|", " "))


def main():
    failed = 0
    for path in sys.argv[1:]:
        paragraphs = own_paragraphs(path)
        readers = [("python-docx", python_docx_text(path)), ("pandoc", pandoc_text(path))]
        for name, text in readers:
            for para in paragraphs:
                if para not in text:
                    print(f"{path}: {name} lost the paragraph: {para[:120]!r}")
                    failed += 1
        print(f"{path}: {len(paragraphs)} paragraphs, each read back by "
              + " and ".join(n for n, _ in readers))
    if failed:
        print(f"{failed} paragraph(s) missing", file=sys.stderr)
        sys.exit(1)


if __name__ == "__main__":
    main()
