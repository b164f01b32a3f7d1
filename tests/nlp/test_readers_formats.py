"""Each reader on small files made here: the shapes the corpus shows, written from scratch."""

from __future__ import annotations

from datetime import date

import docx
import pytest
from eolens.nlp.readers import detect_format, read_document
from eolens.nlp.readers.markup import parse_front_matter
from eolens.nlp.readers.meta import MetaHints, detect, fr_citation_from_header, fr_doc_number

WH_MARKDOWN = """\
---
date: '2026-03-04'
tags: presidential-actions
title: "Testing the Reader\\u2019s Limits of\\
  \\ Something\\_Small"
---
\u00a0
\u00a0\u00a0\u00a0 By the authority vested in me as President by the Constitution and the
laws of the United States of America, it is hereby ordered:

<span style="text-decoration: underline">Section</span>
<span style="text-decoration: underline">1</span>.
 <span style="text-decoration: underline">Purpose</span>.  Small things
matter.  They should be read with care.\u00a0

<span style="text-decoration: underline">Sec</span>.
<span style="text-decoration: underline">2</span>.
 <span style="text-decoration: underline">Actions</span>.  (a)  Within 30
days of the date of this order, the Secretary of Energy shall act.

\\(b\\)  The Secretary shall report on models above 10<sup>26</sup>
operations, as **required**, *et seq*.:

\u00a0\u00a0\u00a0\u00a0\u00a0 \\(i\\)   first item; and

(ii)  second item.

<figure>
<img
src="https://example.invalid/image.gif" title="Anchor" />
</figure>

     2.1.  A Subsection Heading.

<figure><img src="x.gif" /></figure>

 Text that follows the anchor image.\x20\x20
(c)  A marker after a hard break.

-   Executive Order 10001 of January 2, 2001 (Something Old).
-   Executive Order 10002 of January 3, 2001 (Something Older).

                             A. PRESIDENT

THE WHITE HOUSE,

    March 4, 2026.
"""


def test_yaml_front_matter_scalars():
    fields, body = parse_front_matter(WH_MARKDOWN)
    assert fields["title"] == "Testing the Reader’s Limits of Something\u00a0Small"
    assert fields["date"] == "2026-03-04"
    assert body.lstrip().startswith("By the authority")
    fields, _ = parse_front_matter("---\ntitle: 'It''s folded\n  over lines'\n---\nx\n")
    assert fields["title"] == "It's folded over lines"
    assert parse_front_matter("no front matter\n") == ({}, "no front matter\n")


def test_whitehouse_markdown(tmp_path):
    path = tmp_path / "order.md"
    path.write_text(WH_MARKDOWN, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "Testing the Reader’s Limits of Something Small",
        "By the authority vested in me as President by the Constitution and the laws of the "
        "United States of America, it is hereby ordered:",
        "Section 1. Purpose. Small things matter. They should be read with care.",
        "Sec. 2. Actions. (a) Within 30 days of the date of this order, the Secretary of Energy "
        "shall act.",
        "(b) The Secretary shall report on models above 10^26 operations, as required, et seq.:",
        "(i) first item; and",
        "(ii) second item.",
        "2.1. A Subsection Heading. Text that follows the anchor image.",
        "(c) A marker after a hard break.",
        "Executive Order 10001 of January 2, 2001 (Something Old).",
        "Executive Order 10002 of January 3, 2001 (Something Older).",
        "A. PRESIDENT",
        "THE WHITE HOUSE,",
        "March 4, 2026.",
    ]
    meta = doc.meta
    assert meta.source_format == "markdown"
    assert meta.title == "Testing the Reader’s Limits of Something Small"
    assert meta.doc_type == "executive_order"
    assert meta.eo_number is None  # listed orders are not this one
    assert meta.signed == date(2026, 3, 4)
    assert [(p.number, p.start, p.end) for p in doc.pages] == [(1, 0, len(doc.text))]


FR_DERIVED = """\
# Executive Order 10003: A Restructured Order

## Summary

**Date:** May 6, 2022

**Document Details:**
- Document Number: 2022-01234
- Executive Order Number: 10003
- Citation: 87 FR 12345

---

## Executive Order 10003

## Preamble

**Title 3—The President**\x20\x20
**Executive Order 10003 of May 6, 2022**\x20\x20
**A Restructured Order**

### Authority

By the authority vested in me as President, it is hereby ordered:
### Section 1.

**Purpose**

First sentence of the purpose.

Second sentence of the purpose.
### Section 2.

Definitions And Actions
2.1.

Counting Things.

(a) The Secretary shall count models over 10
26
integer operations.

Such counting shall be annual.
    (i) an item with indentation;
(A) a deeper item.

BIDEN.EPS
THE WHITE HOUSE,
May 6, 2022.
[FR Doc. 2022-01234\x20
Filed 5-9-22; 8:45 am]
Billing code 3395-F2-P

---

*Filed by the Office of the Federal Register on May 6, 2022*
"""


def test_fr_derived_markdown_is_rebuilt(tmp_path):
    path = tmp_path / "eo.md"
    path.write_text(FR_DERIVED, encoding="utf-8")
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "Executive Order 10003 of May 6, 2022",
        "A Restructured Order",
        "By the authority vested in me as President, it is hereby ordered:",
        "Section 1. Purpose. First sentence of the purpose. Second sentence of the purpose.",
        "Sec. 2. Definitions And Actions.",
        "2.1. Counting Things. (a) The Secretary shall count models over 10^26 integer "
        "operations. Such counting shall be annual.",
        "(i) an item with indentation;",
        "(A) a deeper item.",
        "THE WHITE HOUSE,",
        "May 6, 2022.",
    ]
    meta = doc.meta
    assert (meta.eo_number, meta.signed) == (10003, date(2022, 5, 6))
    assert (meta.fr_citation, meta.fr_doc_number) == ("87 FR 12345", "2022-01234")
    assert meta.title == "A Restructured Order"


FR_XML = """<?xml version="1.0" encoding="UTF-8"?>
<PRESDOCU>
  <EXECORD>
    <TITLE3>Title 3—</TITLE3>
    <PRES>The President <PRTPAGE P="1001"/></PRES>
    <EXECORDR>Executive Order 10004 of July 7, 2023</EXECORDR>
    <HD SOURCE="HED">An Order Written in XML</HD>
    <FP>By the authority vested in me as President, it is hereby ordered as follows:</FP>
    <FP>
      <E T="04">Section 1</E>
      .\x20
      <E T="03">Purpose.</E>
       The term ‘‘model’’ is used. Models above 10
      <SU>26</SU>
       operations matter.
    </FP>
    <P>(a) A sentence broken by a page
      <PRTPAGE P="1002"/>
      marker in the middle.</P>
    <FP SOURCE="FP1">(i) an item at the end of a page.<PRTPAGE P="1003"/></FP>
    <FP SOURCE="FP2">(A) the first paragraph of the third page.</FP>
    <GPH SPAN="1" DEEP="80"><GID>SIGNATURE.EPS</GID></GPH>
    <PSIG> </PSIG>
    <PLACE>THE WHITE HOUSE,</PLACE>
    <DATE>July 7, 2023.</DATE>
    <FRDOC>[FR Doc. 2023–05555 </FRDOC>
    <FILED>Filed 7–10–23; 8:45 am]</FILED>
    <BILCOD>Billing code 3395–F3–P</BILCOD>
  </EXECORD>
</PRESDOCU>
"""


def test_federal_register_xml(tmp_path):
    path = tmp_path / "fr.xml"
    path.write_text(FR_XML, encoding="utf-8")
    assert detect_format(path) == "xml"
    doc = read_document(path)
    lines = doc.text.split("\n")
    assert lines == [
        "Executive Order 10004 of July 7, 2023",
        "An Order Written in XML",
        "By the authority vested in me as President, it is hereby ordered as follows:",
        "Section 1. Purpose. The term “model” is used. Models above 10^26 operations matter.",
        "(a) A sentence broken by a page marker in the middle.",
        "(i) an item at the end of a page.",
        "(A) the first paragraph of the third page.",
        "THE WHITE HOUSE,",
        "July 7, 2023.",
    ]
    assert [p.label for p in doc.pages] == ["1001", "1002", "1003"]
    assert doc.text[doc.pages[1].start :].startswith("marker in the middle.")
    assert doc.text[doc.pages[2].start :].startswith("(A) the first paragraph")
    meta = doc.meta
    assert meta.page_count == 3
    assert (meta.eo_number, meta.signed) == (10004, date(2023, 7, 7))
    assert (meta.fr_citation, meta.fr_doc_number) == ("88 FR 1001", "2023-05555")
    assert meta.title == "An Order Written in XML"


def test_plain_text_crlf_one_paragraph_per_line(tmp_path):
    path = tmp_path / "order.txt"
    body = (
        "AUGUST 8, 2024\r\n"
        "An Order in Plain Text\r\n"
        "By the authority vested in me as President, it is hereby ordered:\r\n\r\n"
        "Section 1.  Purpose.  Compute above 1026 operations.\r\n\r\n"
        "(a)  First.\r\n(i)the marker lost its space in the source.\r\n"
    )
    path.write_bytes(body.encode("utf-8"))
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "AUGUST 8, 2024",
        "An Order in Plain Text",
        "By the authority vested in me as President, it is hereby ordered:",
        "Section 1. Purpose. Compute above 1026 operations.",
        "(a) First.",
        "(i) the marker lost its space in the source.",
    ]
    assert doc.meta.source_format == "text"
    assert doc.meta.title == "An Order in Plain Text"
    assert doc.meta.signed == date(2024, 8, 8)
    assert doc.meta.doc_type == "executive_order"


def test_plain_text_windows_1252_and_hard_wrapped(tmp_path):
    path = tmp_path / "memo.txt"
    text = (
        "A memo about the \u201cnew\u201d rules\n\n"
        "This paragraph was wrapped by an editor at a fixed width so that\n"
        "every line is short and the paragraph continues on the next line.\n"
        "(a) A marker line starts its own paragraph even when wrapped\n"
        "text runs straight into it without a blank line.\n"
    )
    path.write_bytes(text.encode("cp1252"))
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "A memo about the “new” rules",
        "This paragraph was wrapped by an editor at a fixed width so that every line is short "
        "and the paragraph continues on the next line.",
        "(a) A marker line starts its own paragraph even when wrapped text runs straight into it "
        "without a blank line.",
    ]


def test_plain_text_form_feeds_are_pages(tmp_path):
    path = tmp_path / "paged.txt"
    path.write_text("Page one text.\n\fPage two text.\n\fPage three.\n", encoding="utf-8")
    doc = read_document(path)
    assert [doc.text[p.start : p.end].strip() for p in doc.pages] == [
        "Page one text.",
        "Page two text.",
        "Page three.",
    ]


def make_docx(path, *, control_chars: bool = False):
    d = docx.Document()
    d.core_properties.title = "A Word Order"
    d.sections[0].header.paragraphs[0].text = "RUNNING HEADER TEXT"
    d.sections[0].footer.paragraphs[0].text = "Page footer text"
    d.add_paragraph("By the authority vested in me as President, it is hereby ordered:")
    para = d.add_paragraph("Section 1.  Purpose.\u00a0 A Word\tfile.")
    if control_chars:
        # XML forbids C0 controls, but C1 controls and invisible characters get through.
        para.add_run("\x9b\u200b")
    para.add_run().add_break()
    para.add_run("A line break in the paragraph.")
    table = d.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Agency"
    table.cell(0, 1).text = "Deadline"
    table.cell(1, 0).text = "Department of Energy"
    cell = table.cell(1, 1)
    cell.text = "30 days"
    cell.add_paragraph("second line in the cell")
    merged = d.add_table(rows=1, cols=2)
    merged.cell(0, 0).merge(merged.cell(0, 1)).text = "merged once"
    d.add_paragraph("(a) After the tables.")
    d.add_paragraph("THE WHITE HOUSE,")
    d.add_paragraph("September 9, 2025.")
    d.save(str(path))


def test_docx_reads_body_and_tables_not_headers(tmp_path):
    path = tmp_path / "order.docx"
    make_docx(path, control_chars=True)
    assert detect_format(path) == "docx"
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "By the authority vested in me as President, it is hereby ordered:",
        "Section 1. Purpose. A Word file. A line break in the paragraph.",
        "Agency",
        "Deadline",
        "Department of Energy",
        "30 days",
        "second line in the cell",
        "merged once",
        "(a) After the tables.",
        "THE WHITE HOUSE,",
        "September 9, 2025.",
    ]
    assert doc.meta.title == "A Word Order"
    assert doc.meta.source_format == "docx"
    assert doc.meta.signed == date(2025, 9, 9)
    assert doc.meta.doc_type == "executive_order"


HTML_PAGE = """<!DOCTYPE html>
<html><head><title>An HTML Order – The White House</title>
<meta property="article:published_time" content="2025-10-11T12:00:00-04:00">
<meta property="og:url" content="https://www.whitehouse.gov/presidential-actions/2025/10/x/">
<script>document.write("Sec. 9. Injected.")</script><style>p{}</style></head>
<body><nav>Menu Home News</nav><header>Site header</header>
<main><h1>An HTML Order</h1>
<div class="entry-content">
<p>By the authority vested in me as President, it is hereby ordered:</p>
<p><u>Section 1</u>.&nbsp; <u>Purpose</u>.&nbsp; Models above 10<sup>26</sup> operations.</p>
<p>(a)&nbsp; First;<br>(b)&nbsp; Second &amp; last, broken<br>in mid-sentence by a break.</p>
<figure><img src="a.gif"></figure>
<p>THE WHITE HOUSE,<br>October 11, 2025.</p>
</div></main><footer>Footer links</footer></body></html>
"""


def test_html_page(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(HTML_PAGE, encoding="utf-8")
    assert detect_format(path) == "html"
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "An HTML Order",
        "By the authority vested in me as President, it is hereby ordered:",
        "Section 1. Purpose. Models above 10^26 operations.",
        "(a) First;",
        "(b) Second & last, broken in mid-sentence by a break.",
        "THE WHITE HOUSE,",
        "October 11, 2025.",
    ]
    assert "Injected" not in doc.text and "Menu" not in doc.text and "Footer" not in doc.text
    assert doc.meta.title == "An HTML Order"
    assert doc.meta.signed == date(2025, 10, 11)
    assert doc.meta.source_format == "html"


@pytest.mark.parametrize(
    ("text", "hints", "expected"),
    [
        ("Fact Sheet: A Thing Happens\nBody.", MetaHints(), "fact_sheet"),
        ("Title\nMEMORANDUM FOR THE SECRETARY OF STATE\nBody.", MetaHints(), "memorandum"),
        (
            "Title\nMEMORANDUM FOR THE HEADS OF EXECUTIVE DEPARTMENTS AND AGENCIES\n"
            "FROM: Director, Office of Management and Budget\nM-25-21",
            MetaHints(),
            "guidance",
        ),
        ("A Title\nPress text.", MetaHints(tags=("briefings-statements",)), "release"),
        ("A Title\nPress text.", MetaHints(tags=("fact-sheets",)), "fact_sheet"),
        (
            "NSPM-12\nText.",
            MetaHints(title="NSPM-12", tags=("presidential-actions",)),
            "memorandum",
        ),
        ("What the New Executive Order Means\nAnalysis.", MetaHints(), "commentary"),
        ("Recipe for bread\nFlour.", MetaHints(), "other"),
    ],
)
def test_doc_type_detection(text, hints, expected):
    assert detect(text, hints).doc_type == expected


def test_an_order_that_revokes_another_is_not_it():
    text = (
        "Executive Order 20002 of May 1, 2030\n"
        "Revoking an Earlier Order\n"
        "By the authority vested in me as President, it is hereby ordered:\n"
        "Section 1. Revocation. Executive Order 20001 of April 1, 2029, is hereby revoked.\n"
        "THE WHITE HOUSE,\nMay 1, 2030."
    )
    found = detect(text)
    assert (found.eo_number, found.signed) == (20002, date(2030, 5, 1))
    body_only = text.split("\n", 1)[1]
    found = detect(body_only, MetaHints(title="Revoking Executive Order 20001"))
    assert found.eo_number is None
    assert found.signed == date(2030, 5, 1)  # from the dateline
    assert detect(body_only, MetaHints(title="Executive Order 20002: Revoking")).eo_number == 20002


def test_fr_identifier_helpers():
    assert fr_doc_number("[FR Doc. 2026–11415 Filed 6–4–26; 8:45 am]") == "2026-11415"
    assert fr_doc_number("no filing line") is None
    header = (
        "Federal Register / Vol. 91, No. 108 / Friday, June 5, 2026 / Presidential Documents 34565"
    )
    assert fr_citation_from_header(header) == "91 FR 34565"


def test_markdown_numbered_lists_and_wrapped_numbers(tmp_path):
    path = tmp_path / "lists.md"
    path.write_text(
        "The order requires reports on the items in section\n"
        "2. These are due soon.\n\n"
        "1.  First listed step.\n"
        "2.  Second listed step.\n",
        encoding="utf-8",
    )
    assert read_document(path).text.split("\n") == [
        "The order requires reports on the items in section 2. These are due soon.",
        "1. First listed step.",
        "2. Second listed step.",
    ]


def test_federal_register_issue_wrapper_gives_the_volume(tmp_path):
    body = FR_XML.split("\n", 1)[1]
    path = tmp_path / "issue.xml"
    path.write_text(f"<FEDREG><VOL>99</VOL><NO>7</NO>{body}</FEDREG>", encoding="utf-8")
    doc = read_document(path)
    assert doc.meta.fr_citation == "99 FR 1001"
    assert doc.text.startswith("Executive Order 10004 of July 7, 2023\n")


def test_xhtml_with_an_encoding_declaration(tmp_path):
    path = tmp_path / "page.xhtml"
    page = HTML_PAGE.replace("<!DOCTYPE html>", '<?xml version="1.0" encoding="utf-8"?>')
    path.write_bytes(page.encode("utf-8"))
    assert read_document(path).text.startswith("An HTML Order\nBy the authority")


def test_crlf_and_bom_markdown_reads_the_same(tmp_path):
    lf = tmp_path / "lf.md"
    lf.write_text(WH_MARKDOWN, encoding="utf-8")
    crlf = tmp_path / "crlf.md"
    crlf.write_bytes(b"\xef\xbb\xbf" + WH_MARKDOWN.replace("\n", "\r\n").encode("utf-8"))
    a, b = read_document(lf), read_document(crlf)
    assert a.text == b.text
    assert a.meta.title == b.meta.title and a.meta.signed == b.meta.signed


def test_front_matter_markdown_named_txt_is_markdown(tmp_path):
    path = tmp_path / "saved.txt"
    path.write_bytes(WH_MARKDOWN.replace("\n", "\r\n").encode("utf-8"))
    assert detect_format(path) == "markdown"
    assert read_document(path).text.startswith("Testing the Reader’s Limits")


def test_html_page_of_the_2021_2024_site_layout(tmp_path):
    path = tmp_path / "old.html"
    path.write_text(
        "<html><body><main><div class='breadcrumb'>Briefing Room</div>"
        "<article><header><h1 class='page-title'>An Older Order</h1></header>"
        "<section class='body-content'><p>By the authority vested in me as President, it is "
        "hereby ordered:</p><p>Section 1.&nbsp; Purpose.&nbsp; Text.</p>"
        "<p>THE WHITE HOUSE,<br>May 12, 2021.</p></section>"
        "<aside>Share this</aside></article></main></body></html>",
        encoding="utf-8",
    )
    doc = read_document(path)
    assert doc.text.split("\n") == [
        "An Older Order",
        "By the authority vested in me as President, it is hereby ordered:",
        "Section 1. Purpose. Text.",
        "THE WHITE HOUSE,",
        "May 12, 2021.",
    ]
    assert doc.meta.signed == date(2021, 5, 12)


def test_front_matter_block_sequence_tags():
    fields, _ = parse_front_matter("---\ntags:\n- fact-sheets\n- 'ai'\ntitle: T\n---\nBody.\n")
    assert fields["tags"] == "fact-sheets, ai"
    assert detect("T\nBody.", MetaHints(tags=("fact-sheets", "ai"))).doc_type == "fact_sheet"


def test_raw_html_blocks_in_markdown_are_paragraphs(tmp_path):
    path = tmp_path / "table.md"
    path.write_text(
        "Intro line.\n<table>\n<tr>\n<td>Agency</td>\n<td>Due</td>\n</tr>\n</table>\n"
        "<p>A paragraph</p><p>and another.</p>\n",
        encoding="utf-8",
    )
    assert read_document(path).text.split("\n") == [
        "Intro line.",
        "Agency",
        "Due",
        "A paragraph",
        "and another.",
    ]


def test_html_fragment_named_html(tmp_path):
    path = tmp_path / "fragment.htm"
    path.write_text("<p>Section 1.&nbsp; Purpose.</p><p>(a)&nbsp; Text.</p>", encoding="utf-8")
    assert detect_format(path) == "html"
    assert read_document(path).text == "Section 1. Purpose. (a) Text."
