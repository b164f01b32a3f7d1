"""whitehouse.gov Markdown (pandoc output) and HTML, and third-party restructured Markdown.

All three come out as paragraphs in the text convention of ``eolens.nlp.model``, laid out the
way the Federal Register prints the order: "Sec. 2. Title. (a) text" on one line, then each
"(b) ...", "(i) ..." on a line of its own.

* pandoc Markdown (``markdown_strict`` from whitehouse.gov pages): YAML front matter gives the
  title, date and section tag; the title becomes the first line of the text (the page prints it
  as its headline). Paragraphs end at blank lines, at hard breaks (a line ending in two spaces or
  a backslash) and at list items. Underline ``<span>`` pieces, ``<figure>``/``<img>``, Markdown
  emphasis and backslash escapes are removed; ``<sup>26</sup>`` becomes ``^26``.
* HTML (a saved whitehouse.gov page): lxml.html, main content only (``entry-content``,
  ``body-content``, ``<main>`` or ``<article>``; never scripts, styles, navigation, headers or
  footers). lxml silently drops everything below nesting depth 255, so a deeper tree is refused.
* "fr-derived" Markdown (a scraper's restructuring of the FR XML: "### Section N." then the title
  on its own line, one sentence per paragraph, exponents on lines of their own): sentences are
  joined back into their paragraphs and "Sec. N. Title." lines rebuilt, so the text matches the
  other versions of the order (paragraph breaks inside unnumbered text cannot be recovered).
"""

from __future__ import annotations

import html
import re
from datetime import date
from pathlib import Path

from eolens.nlp.model import Document, ReadError, SourceFormat
from eolens.nlp.readers.meta import (
    MetaHints,
    detected_document,
    normalise_fr_citation,
    parse_date,
)
from eolens.nlp.readers.textnorm import (
    TextBuilder,
    caret,
    clean_inline,
    clean_paragraph,
    strip_controls,
)

# --- YAML front matter (the subset pandoc writes: key: scalar, folded continuation lines) -----

_FRONT_RE = re.compile(r"\A\ufeff?---[ \t]*\r?\n(.*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)
_KEY_RE = re.compile(r"^([A-Za-z_][\w-]*):[ \t]*(.*)$")
_YAML_ESCAPES = {
    "0": "\0",
    "a": "\a",
    "b": "\b",
    "t": "\t",
    "\t": "\t",
    "n": "\n",
    "v": "\v",
    "f": "\f",
    "r": "\r",
    "e": "\x1b",
    " ": " ",
    '"': '"',
    "/": "/",
    "\\": "\\",
    "N": "\u0085",
    "_": "\u00a0",
    "L": "\u2028",
    "P": "\u2029",
}
_YAML_ESCAPE_RE = re.compile(r"\\(x[0-9A-Fa-f]{2}|u[0-9A-Fa-f]{4}|U[0-9A-Fa-f]{8}|.)")


def _yaml_double(body: str) -> str:
    # Fold lines first: a line ending in an unescaped backslash joins with no space.
    lines = body.split("\n")
    out = lines[0]
    for line in lines[1:]:
        if out.endswith("\\") and not out.endswith("\\\\"):
            out = out[:-1] + line.lstrip()
        else:
            out = out.rstrip() + " " + line.lstrip()

    def unescape(m: re.Match[str]) -> str:
        code = m[1]
        if code[0] in "xuU" and len(code) > 1:
            return chr(int(code[1:], 16))
        return _YAML_ESCAPES.get(code, code)

    return _YAML_ESCAPE_RE.sub(unescape, out)


def _yaml_scalar(raw: str) -> str:
    items = [ln.strip() for ln in raw.split("\n")[1:] if ln.strip()]
    if not raw.split("\n")[0].strip() and items and all(i.startswith("- ") for i in items):
        # A block sequence ("tags:\n- presidential-actions"): items joined with commas.
        return ", ".join(_yaml_scalar(i[2:]) for i in items)
    raw = raw.strip()
    if raw.startswith('"') and raw.endswith('"') and len(raw) >= 2:
        return _yaml_double(raw[1:-1])
    if raw.startswith("'") and raw.endswith("'") and len(raw) >= 2:
        return " ".join(ln.strip() for ln in raw[1:-1].split("\n")).replace("''", "'")
    return " ".join(ln.strip() for ln in raw.split("\n"))


def parse_front_matter(text: str) -> tuple[dict[str, str], str]:
    """Split ``---`` YAML front matter off ``text``: (fields, body). No front matter: ({}, text)."""
    m = _FRONT_RE.match(text)
    if not m:
        return {}, text
    fields: dict[str, list[str]] = {}
    key = None
    for line in m[1].replace("\r\n", "\n").split("\n"):
        km = _KEY_RE.match(line)
        if km and not line[:1].isspace():
            key = km[1]
            fields[key] = [km[2]]
        elif key is not None:
            fields[key].append(line)
    parsed = {k: _yaml_scalar("\n".join(v)) for k, v in fields.items()}
    return parsed, text[m.end() :]


def iso_date(value: str) -> date | None:
    """The date at the start of an ISO date or timestamp ("2026-06-02 11:34:14-04:00")."""
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return date(int(m[1]), int(m[2]), int(m[3]))
    except ValueError:
        return None


def _front_date(fields: dict[str, str]) -> date | None:
    for key in ("date", "published_time", "published", "modified_time"):
        found = iso_date(fields.get(key, ""))
        if found:
            return found
    return None


def _front_tags(fields: dict[str, str]) -> tuple[str, ...]:
    tags = [t.strip(" -[]'\"") for t in re.split(r"[,\n]", fields.get("tags", ""))]
    url = fields.get("source_url", "")
    for section in ("presidential-actions", "fact-sheets", "briefings-statements", "releases"):
        if f"/{section}/" in url:
            tags.append(section)
    return tuple(t for t in tags if t)


# --- shared paragraph shaping ------------------------------------------------------------

# A paragraph that is only a section heading: "Sec. 4. Title." / "4.5. Title." / "Section 1.".
_HEADING_ONLY_RE = re.compile(
    r"^(?:(?:Section|Sec\.)\s+\d+[A-Za-z]?\.|\d+\.\d+\.)(?:\s+[^().:]{1,200}\.)?$"
)
_STRUCTURAL_START_RE = re.compile(
    r"^(?:(?:Section|Sec\.)\s+\d+|\d+\.\d+\.|\([A-Za-z0-9]{1,6}\)|\[?FR Doc|THE WHITE HOUSE)"
)


_GLUED_MARKER_RE = re.compile(r"^(\((?:[a-z]{1,2}|[ivxlc]{1,7}|[A-Z]{1,2}|\d{1,3})\))(?=[A-Za-z])")
_PAREN_MARKER_RE = re.compile(r"^\([A-Za-z0-9]{1,6}\)")
_GLUED_HEADING_RE = re.compile(
    r"^((?:(?:Section|Sec\.) \d+[A-Za-z]?\.|\d+\.\d+\.) [^.]{3,200}[a-z]\.)(?=[(A-Z])"
)


def join_orphan_headings(paragraphs: list[str]) -> list[str]:
    """Put a heading-only paragraph and the paragraph after it on one line, as FR prints them.

    whitehouse.gov sometimes separates "4.5. Reducing the Risks ... Content." from its first
    sentence (an anchor image sits between them), or "Sec. 2. Title." from its "(a)"; the Federal
    Register prints them together. A heading followed by a sub-section ("4.1.") stays alone.
    """
    out: list[str] = []
    for para in paragraphs:
        # "Sec. 6. Supporting Workers.(a) To ..." (a space lost in the source).
        para = _GLUED_HEADING_RE.sub(r"\1 ", para)
        # "(i)the requirement ..." (likewise).
        para = _GLUED_MARKER_RE.sub(r"\1 ", para)
        if (
            out
            and _HEADING_ONLY_RE.match(out[-1])
            and (not _STRUCTURAL_START_RE.match(para) or _PAREN_MARKER_RE.match(para))
            and not para.isupper()
        ):
            out[-1] = f"{out[-1]} {para}"
        else:
            out.append(para)
    return out


# --- pandoc Markdown -----------------------------------------------------------------------

# Elements whose content is not text. Removed by a linear scan, not a lazy regex: an unclosed
# "<figure" repeated thousands of times would make ".*?</figure>" quadratic.
_DROPPED_ELEMENTS = ("figure", "script", "style", "noscript", "template", "iframe", "svg")
_DROP_OPEN_RE = re.compile(r"<!--|<(" + "|".join(_DROPPED_ELEMENTS) + r")\b", re.I)
_DROP_CLOSE_RES = {n: re.compile(rf"</{n}\s*>", re.I) for n in _DROPPED_ELEMENTS}
# Content up to the closing tag without crossing another <sup>/<sub>: linear on hostile input.
_SUP_RE = re.compile(r"<sup\b[^<>]*>((?:[^<]|<(?!/?sup\b))*)</sup\s*>", re.I)
_SUB_RE = re.compile(r"<sub\b[^<>]*>((?:[^<]|<(?!/?sub\b))*)</sub\s*>", re.I)
_TAG_RE = re.compile(r"</?[A-Za-z][^<>]*/?>", re.S)
_LIST_ITEM_RE = re.compile(r"^\s{0,3}[-*+]\s+\S")
_NUMBERED_ITEM_RE = re.compile(r"^\s{0,3}\d{1,3}[.)]\s+\S")
_BULLET_RE = re.compile(r"^\s{0,3}[-*+]\s+")
_MD_HEADING_RE = re.compile(r"^ {0,3}#{1,6}(?:[ \t]+(.*))?$")
_MD_ESCAPE_RE = re.compile(r"\\([!-/:-@\[-`{-~])")
_MD_LINK_RE = re.compile(r"!?\[([^\]]*)\]\((?:[^()\s]|\([^()]*\))*(?:\s+\"[^\"]*\")?\)")
_MD_STRONG_RE = re.compile(r"(\*\*|__)(.+?)\1", re.S)
_MD_EM_RE = re.compile(
    r"(?<![\w*])\*(?=\S)([^*]+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)([^_]+?)(?<=\S)_(?!\w)"
)
_HRULE_RE = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")
_MD_BLOCK_TAG_RE = re.compile(
    r"</?(?:p|div|br|li|ul|ol|tr|td|th|table|thead|tbody|h[1-6]|blockquote|section)\b[^<>]*>",
    re.I,
)


def drop_elements(text: str) -> str:
    """Remove comments, figures, scripts ... (an unclosed one runs to the end, as in browsers)."""
    out: list[str] = []
    pos = 0
    while True:
        m = _DROP_OPEN_RE.search(text, pos)
        if not m:
            break
        out.append(text[pos : m.start()])
        out.append("\n\n")  # a dropped block separates paragraphs
        if m[0] == "<!--":
            end = text.find("-->", m.end())
            pos = len(text) if end < 0 else end + 3
        else:
            close = _DROP_CLOSE_RES[m[1].lower()].search(text, m.end())
            pos = len(text) if close is None else close.end()
    out.append(text[pos:])
    return "".join(out)


def _inline_markup(text: str) -> str:
    """One paragraph's raw Markdown/HTML to plain text (before clean_paragraph)."""
    text = _SUP_RE.sub(lambda m: caret("", _TAG_RE.sub("", m[1])), text)
    text = _SUB_RE.sub(r"\1", text)
    text = _TAG_RE.sub("", text)
    text = _MD_LINK_RE.sub(r"\1", text)
    text = _MD_STRONG_RE.sub(r"\2", text)
    # A hard break inside bold splits it across paragraphs: drop the unpaired half.
    text = text.replace("**", "")
    text = _MD_EM_RE.sub(lambda m: m[1] or m[2] or "", text)
    text = _MD_ESCAPE_RE.sub(r"\1", text)
    return html.unescape(text)


def _unescape_md(text: str) -> str:
    return _MD_ESCAPE_RE.sub(r"\1", _TAG_RE.sub("", text))


def markdown_paragraphs(body: str) -> list[str]:
    """pandoc Markdown body (front matter removed) -> cleaned paragraphs."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    body = drop_elements(body)
    # Raw HTML blocks kept by pandoc (tables, lists, <p>) separate paragraphs like blank lines.
    body = _MD_BLOCK_TAG_RE.sub("\n\n", body)
    raw_paragraphs: list[list[str]] = [[]]
    hard_break = False
    for line in body.split("\n"):
        if hard_break:
            hard_break = False
            # A <br> in mid-sentence ("critical<br>infrastructure, ...") is not a paragraph end.
            nxt = line.lstrip(" \u00a0")
            last = raw_paragraphs[-1][-1].rstrip(" \u00a0\\")
            ended = last.endswith(tuple('.:;!?”’")')) or "THE WHITE HOUSE" in last
            if not nxt[:1].islower() and (ended or _STRUCTURAL_START_RE.match(_unescape_md(nxt))):
                raw_paragraphs.append([])
        if not line.strip() or _HRULE_RE.match(line):
            raw_paragraphs.append([])
            continue
        heading = _MD_HEADING_RE.match(line)
        if heading:
            raw_paragraphs.append([(heading[1] or "").rstrip().rstrip("#").rstrip()])
            raw_paragraphs.append([])
            continue
        current = raw_paragraphs[-1]
        if current and (
            _LIST_ITEM_RE.match(line)
            # A wrapped line may begin "2. "; only inside a numbered list is that an item.
            or (_NUMBERED_ITEM_RE.match(line) and _NUMBERED_ITEM_RE.match(current[0]))
        ):
            raw_paragraphs.append([])
        line_text = _BULLET_RE.sub("", line)
        raw_paragraphs[-1].append(line_text)
        # A hard line break (two trailing spaces or a backslash) ends the paragraph here.
        if line.endswith("  ") or (line.endswith("\\") and not line.endswith("\\\\")):
            if line.endswith("\\"):
                raw_paragraphs[-1][-1] = line_text[:-1]
            hard_break = True
    out = []
    for lines in raw_paragraphs:
        if not lines:
            continue
        para = clean_paragraph(_inline_markup("\n".join(lines)))
        # "###" closes a press release; it is furniture, not text.
        if para and para.strip("#* "):
            out.append(para)
    return join_orphan_headings(out)


# --- third-party restructured Markdown ("fr-derived") ------------------------------------

_FR_DERIVED_SECTION_RE = re.compile(r"^###[ \t]+Section[ \t]+(\d+[A-Za-z]?)\.?[ \t]*$", re.M)
_FR_DERIVED_SUBSECTION_RE = re.compile(r"^(\d+\.\d+)\.$")
_SENTENCE_MARKER_RE = re.compile(r"^(?:\([A-Za-z0-9]{1,6}\)|(?:Section|Sec\.)\s+\d+|\d+\.\d+\.)")
_DATE_LINE_RE = re.compile(r"^[A-Z][a-z]+\.? \d{1,2}, \d{4}\.?$")


def is_fr_derived(text: str) -> bool:
    return bool(_FR_DERIVED_SECTION_RE.search(text)) and (
        "**Document Details:**" in text or "## Preamble" in text
    )


def _fr_derived_summary(head: str) -> dict[str, str]:
    fields = {}
    for m in re.finditer(
        r"^(?:-[ \t]+|\*\*)([A-Za-z][A-Za-z ]{0,60}?)(?::\*\*|\*\*:|:)(.*)$", head, re.M
    ):
        fields[m[1].strip().lower()] = m[2].strip(" \t*")
    return fields


def fr_derived_paragraphs(body: str) -> tuple[list[str], dict[str, str]]:
    """Rebuild FR-style paragraphs from the scraper's restructured Markdown."""
    body = body.replace("\r\n", "\n").replace("\r", "\n")
    start = body.find("## Preamble")
    head, rest = (body[:start], body[start:]) if start >= 0 else ("", body)
    summary = _fr_derived_summary(head)
    # The scraper's footer after the closing rule is not part of the order.
    cut = re.search(r"^---\s*$", rest, re.M)
    if cut:
        rest = rest[: cut.start()]
    # Exponents stand alone on a line between the base and the rest of the sentence.
    rest = re.sub(r"(\d)\n(\d{1,3})\n(?=[a-z])", lambda m: f"{m[1]}^{m[2]} ", rest)

    lines = rest.split("\n")
    items: list[tuple[str, str]] = []  # ("heading" | "text", text)
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        i += 1
        if not line or line in ("## Preamble", "### Authority") or line.startswith("## "):
            continue
        sec = _FR_DERIVED_SECTION_RE.match(line)
        sub = _FR_DERIVED_SUBSECTION_RE.match(line)
        if sec or sub:
            # The title is the next non-empty line (bold or not, with or without its period).
            while i < len(lines) and not lines[i].strip():
                i += 1
            title = ""
            if i < len(lines) and not _SENTENCE_MARKER_RE.match(lines[i].strip()):
                title = _inline_markup(lines[i].strip()).strip()
                i += 1
            if title and not title.endswith((".", ":", "?")):
                title += "."
            if sec:
                marker = "Section" if sec[1] == "1" else "Sec."
                items.append(("heading", f"{marker} {sec[1]}. {title}".strip()))
            else:
                assert sub is not None
                items.append(("heading", f"{sub[1]}. {title}".strip()))
            continue
        text = clean_paragraph(_inline_markup(line))
        if not text or re.fullmatch(r"[A-Z]+\.EPS", text):
            continue  # the placeholder for the signature image
        if text.startswith("Title 3") and "President" in text:
            continue
        items.append(("text", text))

    paragraphs: list[str] = []
    kinds: list[str] = []  # pre (before the first section), heading, body, closing
    for kind, text in items:
        prev_kind = kinds[-1] if kinds else "pre"
        if kind == "heading":
            paragraphs.append(text)
            kinds.append("heading")
            continue
        if text.startswith(("[FR Doc", "Filed ", "Billing code")):
            continue  # filing data: metadata (from the summary block), not body text
        closing = text.startswith("THE WHITE HOUSE")
        if prev_kind == "pre" and "heading" not in kinds:
            kinds.append("pre")
        elif closing or prev_kind == "closing" or _DATE_LINE_RE.match(text):
            kinds.append("closing")
        elif (_SENTENCE_MARKER_RE.match(text) and prev_kind != "heading") or (
            prev_kind == "body" and paragraphs[-1].endswith(":")
        ):
            kinds.append("body")
        else:
            # A sentence split off its paragraph, or the first sentence after a heading
            # (the Federal Register prints "Sec. 1. Purpose. Artificial ..." on one line).
            paragraphs[-1] = f"{paragraphs[-1]} {text}"
            kinds[-1] = "body"
            continue
        paragraphs.append(text)
    return join_orphan_headings(paragraphs), summary


# --- HTML --------------------------------------------------------------------------------

_MAX_HTML_DEPTH = 250
_DROP_TAGS = (
    "script",
    "style",
    "noscript",
    "template",
    "nav",
    "header",
    "footer",
    "aside",
    "form",
    "svg",
    "iframe",
    "figure",
    "img",
    "button",
    "select",
    "object",
    "embed",
)
_BLOCK_TAGS = {
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "table",
    "tr",
    "td",
    "th",
    "pre",
    "dd",
    "dt",
    "dl",
    "hr",
    "address",
    "body",
}


def _has_class(name: str) -> str:
    return f"//*[contains(concat(' ', normalize-space(@class), ' '), ' {name} ')]"


# Where the body copy sits: whitehouse.gov since 2025 ("entry-content" /
# "wp-block-post-content"), the 2021-2024 site ("body-content", "article > section"), then any
# page's <main>, <article> or <body>.
_CONTENT_XPATHS = (
    _has_class("entry-content"),
    _has_class("wp-block-post-content"),
    _has_class("body-content"),
    "//article/section",
    "//main",
    "//article",
    "//body",
)


def _tree_depth(root) -> int:
    # Iterative: a hostile tree must not exhaust the Python stack.
    deepest = 0
    stack = [(root, 1)]
    while stack:
        node, d = stack.pop()
        deepest = max(deepest, d)
        stack.extend((child, d + 1) for child in node)
    return deepest


def html_document(raw: str, path: str) -> tuple[list[str], MetaHints]:
    """Paragraphs and metadata of an HTML page."""
    import lxml.etree
    import lxml.html

    # lxml refuses a str that still carries an XML encoding declaration (XHTML pages).
    raw = re.sub(r"\A\ufeff?\s*<\?xml[^>]*\?>", "", raw)
    # lxml also refuses control characters in a str; they carry no text anyway.
    raw = strip_controls(raw)
    parser = lxml.html.HTMLParser(remove_comments=True, remove_pis=True, no_network=True)
    try:
        root = lxml.html.document_fromstring(raw, parser=parser)
    except (lxml.etree.ParserError, ValueError) as exc:
        raise ReadError(path, f"not readable as HTML: {exc}") from None
    if _tree_depth(root) >= _MAX_HTML_DEPTH:
        raise ReadError(
            path,
            f"HTML nested more than {_MAX_HTML_DEPTH} levels deep: the HTML parser would "
            "silently drop text, so the page is refused",
        )

    def meta_content(*names: str) -> str | None:
        for name in names:
            for el in root.xpath("//meta[@property=$n or @name=$n]/@content", n=name):
                if el.strip():
                    return str(el)
        return None

    h1 = root.xpath("//h1")
    title = meta_content("og:title", "twitter:title")
    if h1 and h1[0].text_content().strip():
        title = h1[0].text_content()
    if not title:
        t = root.find(".//title")
        title = t.text_content() if t is not None else None
    if title:
        title = re.sub(r"\s+[–|-]\s+The White House\s*$", "", clean_inline(title))
    page_date = iso_date(meta_content("article:published_time", "date", "dc.date") or "")
    if page_date is None:
        page_date = next(filter(None, map(iso_date, root.xpath("//time/@datetime"))), None)
    url = meta_content("og:url") or " ".join(root.xpath("//link[@rel='canonical']/@href"))
    tags = tuple(
        s
        for s in ("presidential-actions", "fact-sheets", "briefings-statements", "releases")
        if f"/{s}/" in (url or "")
    )

    for bad in root.xpath("|".join(f"//{t}" for t in _DROP_TAGS)):
        bad.drop_tree()
    content = next((found[0] for xpath in _CONTENT_XPATHS if (found := root.xpath(xpath))), root)
    # The headline sits outside the body copy; it becomes the first line like the Markdown title.
    pieces: list[str] = []
    _html_text(content, pieces)
    paragraphs = []
    for block in "".join(pieces).split("\n\n"):
        paragraphs.extend(_split_at_breaks(block))
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    hints = MetaHints(title=title, date=page_date, tags=tags)
    return join_orphan_headings(paragraphs), hints


_BR = "\u2028"


def _split_at_breaks(block: str) -> list[str]:
    """A block's lines at <br>: a new paragraph unless the break falls in mid-sentence."""
    out: list[str] = []
    for piece in (clean_paragraph(x) for x in block.split(_BR)):
        if not piece:
            continue
        if out and (
            piece[:1].islower()
            or (
                not out[-1].endswith(tuple('.:;!?”’")'))
                and "THE WHITE HOUSE" not in out[-1]
                and not _STRUCTURAL_START_RE.match(piece)
            )
        ):
            out[-1] = f"{out[-1]} {piece}"
        else:
            out.append(piece)
    return out


def _html_text(el, out: list[str]) -> None:
    stack: list[tuple[object, bool]] = [(el, False)]
    while stack:
        node, closing = stack.pop()
        if closing:
            tag = node.tag if isinstance(node.tag, str) else ""  # type: ignore[attr-defined]
            if tag.lower() in _BLOCK_TAGS:
                out.append("\n\n")
            if node.tail:  # type: ignore[attr-defined]
                out.append(node.tail)  # type: ignore[attr-defined]
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""  # type: ignore[attr-defined]
        if tag in _BLOCK_TAGS:
            out.append("\n\n")
        if tag == "br":
            out.append(_BR)
        if tag == "sup":
            out.append("^")
        if node.text and tag:  # type: ignore[attr-defined]
            out.append(node.text)  # type: ignore[attr-defined]
        stack.append((node, True))
        stack.extend((child, False) for child in reversed(list(node)))  # type: ignore[arg-type]


# --- entry points ------------------------------------------------------------------------


def _document(
    paragraphs: list[str],
    hints: MetaHints,
    *,
    path: Path,
    sha256: str,
    source_format: SourceFormat,
) -> Document:
    builder = TextBuilder()
    for para in paragraphs:
        builder.add_paragraph(para)
    text, pages = builder.build()
    if not text.strip():
        raise ReadError(str(path), "no text found in the document")
    return detected_document(
        text, pages, hints, path=path, sha256=sha256, source_format=source_format
    )


def read_markdown_text(raw: str, *, path: Path, sha256: str) -> Document:
    """A Markdown document (whitehouse.gov pandoc output or fr-derived restructuring)."""
    fields, body = parse_front_matter(raw)
    if not fields and is_fr_derived(body):
        paragraphs, summary = fr_derived_paragraphs(body)
        eo = summary.get("executive order number", "")
        # The scraper's "# Executive Order N: Title" is its own; the order's title is in the text.
        hints = MetaHints(
            title=None,
            date=parse_date(summary.get("date", "")),
            eo_number=int(eo) if eo.isdigit() else None,
            fr_citation=normalise_fr_citation(summary.get("citation")),
            fr_doc_number=summary.get("document number"),
        )
        return _document(paragraphs, hints, path=path, sha256=sha256, source_format="markdown")
    paragraphs = markdown_paragraphs(body)
    title = clean_inline(fields["title"]) if fields.get("title") else None
    if title and (not paragraphs or paragraphs[0] != title):
        paragraphs.insert(0, title)
    hints = MetaHints(
        title=title,
        date=_front_date(fields),
        tags=_front_tags(fields),
        fr_citation=normalise_fr_citation(fields.get("fr_citation") or fields.get("citation")),
        fr_doc_number=fields.get("document_number") or None,
    )
    return _document(paragraphs, hints, path=path, sha256=sha256, source_format="markdown")


def read_html_text(raw: str, *, path: Path, sha256: str) -> Document:
    paragraphs, hints = html_document(raw, str(path))
    return _document(paragraphs, hints, path=path, sha256=sha256, source_format="html")
