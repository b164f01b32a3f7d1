"""Normalisation helpers that put reader output into the TEXT CONVENTION of ``eolens.nlp.model``.

Every reader (PDF, Markdown/HTML, FR XML, plain text, DOCX) funnels its paragraphs through
:func:`clean_paragraph` and assembles the body with :class:`TextBuilder`, so that one order in
any format gives the same characters.

Choices worth knowing:

* Whitespace: every Unicode space (NBSP U+00A0, the U+2000 block, U+202F, U+3000, tabs, line
  breaks inside a paragraph ...) folds to one ASCII space.
* Invisible format characters (zero-width space/joiners, word joiner U+2060, BOM, soft hyphen)
  and control characters are removed: they break word matching and crash python-docx/openpyxl
  on export.
* Quotes: the Federal Register's doubled ``‘‘``/``’’`` (and TeX-style ```` `` ````/``''``) become
  ``“``/``”``; single curly quotes are kept. Straight quotes are made typographic from context
  (a ``'`` after a letter or digit is an apostrophe ``’``, after a space or opening bracket an
  opening ``‘``; a ``"`` after a space/start/opening bracket/dash is ``“``, else ``”``). This is
  what the whitehouse.gov pages print, and the FR XML mixes straight apostrophes with curly
  double quotes, so converting makes the formats agree word for word.
* Superscripts are written with a caret: ``10<sup>26</sup>`` (readers call :func:`caret`) and
  Unicode superscript digits ``10²⁶`` both give ``10^26``, so a flattened ``1026`` is never
  mistaken for the same number.
"""

from __future__ import annotations

import hashlib
import re
from os import PathLike
from pathlib import Path

from eolens.nlp.model import PageSpan

# Space-like characters that str.split() does not all treat alike across Python versions.
_SPACES = (
    "\t\n\r\f\v\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a"
    "\u2028\u2029\u202f\u205f\u3000"
)
# Runs other than a lone ASCII space (those need no replacing, and most spaces are lone).
_SPACE_RUN = re.compile(f"[{_SPACES}][ {_SPACES}]*| [ {_SPACES}]+")
# Invisible format characters that carry no text.
_INVISIBLE = dict.fromkeys(
    map(ord, "\u00ad\u180e\u200b\u200c\u200d\u200e\u200f\u2060\u2061\u2062\u2063\u2064\ufeff"),
    None,
)
_SUPERSCRIPTS = {
    "⁰": "0",
    "¹": "1",
    "²": "2",
    "³": "3",
    "⁴": "4",
    "⁵": "5",
    "⁶": "6",
    "⁷": "7",
    "⁸": "8",
    "⁹": "9",
    "⁺": "+",
    "⁻": "-",
}
_SUPERSCRIPT_RUN = re.compile(f"[{''.join(_SUPERSCRIPTS)}]+")
_OPENERS = set(" ([{<\u2014\u2013-/‘“\n")

# A private-use character marks a page break inside a paragraph while it is normalised.
_PAGE_MARK = "\ue000"
# Control characters (Unicode category Cc, U+0000-U+001F and U+007F-U+009F) other than tab, LF
# and CR, together with the invisible format characters.
_REMOVED_RE = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f" + "".join(chr(k) for k in _INVISIBLE) + "]"
)
_STRAIGHT_QUOTE_RE = re.compile("['\"]")
# (closing, opening) form of each straight quote.
_CURLY = {"'": ("’", "‘"), '"': ("”", "“")}


def strip_controls(text: str) -> str:
    """Remove control characters (keeping tab, newline, CR) and invisible format characters."""
    # One compiled pass over the whole text: a per-character loop cost most of reading time.
    if _REMOVED_RE.search(text) is None:
        return text
    return _REMOVED_RE.sub("", text)


def fold_spaces(text: str) -> str:
    """Fold every run of Unicode whitespace (NBSP included) to one space and strip the ends."""
    return _SPACE_RUN.sub(" ", text).strip(" ")


def caret(base: str, exponent: str) -> str:
    """Write a superscript in caret form: ``caret("10", "26") == "10^26"``."""
    exponent = fold_spaces(exponent)
    return f"{base}^{exponent}" if exponent else base


def superscripts_to_caret(text: str) -> str:
    """``10²⁶`` -> ``10^26`` (Unicode superscript digits and signs)."""
    if _SUPERSCRIPT_RUN.search(text) is None:
        return text
    return _SUPERSCRIPT_RUN.sub(lambda m: "^" + "".join(_SUPERSCRIPTS[c] for c in m[0]), text)


def normalise_quotes(text: str) -> str:
    """Doubled quotes to single typographic ones; straight quotes made typographic by context."""
    text = text.replace("‘‘", "“").replace("’’", "”").replace("``", "“").replace("''", "”")
    if "'" not in text and '"' not in text:
        return text
    # Only the quotes are visited (the text between them is copied in slices).
    out: list[str] = []
    converted: dict[int, str] = {}
    done = 0
    for m in _STRAIGHT_QUOTE_RE.finditer(text):
        i = m.start()
        j = i - 1
        while j >= 0 and text[j] == _PAGE_MARK:  # a page break is not a character of it
            j -= 1
        prev = converted.get(j, text[j]) if j >= 0 else " "
        c = _CURLY[m[0]][prev in _OPENERS or prev.isspace()]
        converted[i] = c
        out.append(text[done:i])
        out.append(c)
        done = i + 1
    out.append(text[done:])
    return "".join(out)


def clean_paragraph(text: str) -> str:
    """One paragraph in the text convention: no controls, typographic quotes, carets, one line."""
    text = strip_controls(text)
    text = superscripts_to_caret(text)
    text = normalise_quotes(text)
    return fold_spaces(text)


def clean_inline(text: str) -> str:
    """Like :func:`clean_paragraph` for short metadata values (titles, headings)."""
    return clean_paragraph(text)


def sha256_file(path: str | PathLike[str]) -> str:
    """Hex SHA-256 of a file's bytes, read in chunks."""
    digest = hashlib.sha256()
    with Path(path).open("rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


class TextBuilder:
    """Assemble ``Document.text`` paragraph by paragraph, with its page map.

    Paragraphs are joined with ``"\\n"``; empty paragraphs are dropped. Pages begin with
    :meth:`start_page`; the first page begins implicitly at offset 0. A page break may fall inside
    a paragraph: call :meth:`add_fragment` for the pieces and :meth:`start_page` between them,
    then :meth:`end_paragraph`.

    >>> b = TextBuilder()
    >>> b.add_paragraph("Sec. 1.  Purpose.")
    >>> b.start_page("75192")
    >>> b.add_paragraph("(a) text")
    >>> b.build()[0]
    'Sec. 1. Purpose.\\n(a) text'
    """

    def __init__(self, *, first_label: str | None = None, normalise: bool = True):
        self._parts: list[str] = []
        self._length = 0
        self._normalise = normalise
        # (label, offset or None while the page has no text yet, pending marker index)
        self._pages: list[tuple[str | None, int | None]] = [(first_label, 0)]
        self._started = False  # whether start_page() has been called for the first page
        self._pending: list[str] = []
        self._pending_labels: list[str | None] = []

    @property
    def page_count(self) -> int:
        return len(self._pages)

    def start_page(self, label: str | None = None) -> None:
        """Begin a new page here (inside the current paragraph if one is being built)."""
        if not self._started and self._length == 0 and not "".join(self._pending).strip():
            # The first page: just give it its label.
            self._pages[0] = (label, 0)
            self._started = True
            return
        self._started = True
        if self._pending:
            self._pending.append(_PAGE_MARK)
            self._pending_labels.append(label)
        else:
            self._pages.append((label, None))

    def add_fragment(self, text: str, *, glue: bool = False) -> None:
        """Add raw text to the paragraph being built (``glue``: drop the whitespace before it)."""
        if glue:
            while self._pending and not self._pending[-1].strip(_SPACES + " "):
                if self._pending[-1] == _PAGE_MARK:
                    break
                self._pending.pop()
            if self._pending and self._pending[-1] != _PAGE_MARK:
                self._pending[-1] = self._pending[-1].rstrip(_SPACES + " ")
        self._pending.append(text.replace(_PAGE_MARK, ""))

    def end_paragraph(self) -> None:
        raw = "".join(self._pending)
        labels = self._pending_labels
        self._pending = []
        self._pending_labels = []
        text = clean_paragraph(raw) if self._normalise else raw.strip()
        # Remove the page marks (one pass: a hostile file may have thousands), keeping single
        # spaces where a mark sat between two.
        marks: list[int] = []
        if _PAGE_MARK in text:
            out: list[str] = []
            length = 0
            last = ""
            for k, piece in enumerate(text.split(_PAGE_MARK)):
                if k:
                    marks.append(length)
                    if last == " " and piece.startswith(" "):
                        piece = piece[1:]
                if piece:
                    out.append(piece)
                    length += len(piece)
                    last = piece[-1]
            text = "".join(out)
        stripped = text.lstrip(" ")
        lead = len(text) - len(stripped)
        text = stripped.rstrip(" ")
        marks = [min(max(m - lead, 0), len(text)) for m in marks]
        if not text:
            # An empty paragraph with a page break in it still breaks the page.
            self._pages.extend((label, None) for label in labels)
            return
        start = self._length + (1 if self._parts else 0)
        self._open_pending_pages(start)
        trailing: list[str | None] = []
        for label, m in zip(labels, marks, strict=True):
            if m >= len(text):
                # A break after the paragraph's last word: the page begins with the next one.
                trailing.append(label)
            else:
                self._pages.append((label, start + m))
        if self._parts:
            self._parts.append("\n")
        self._parts.append(text)
        self._length = start + len(text)
        self._pages.extend((label, None) for label in trailing)

    def add_paragraph(self, text: str) -> None:
        """Add one whole paragraph (normalised unless the builder was made with normalise=False)."""
        if self._pending:
            self.end_paragraph()
        self.add_fragment(text)
        self.end_paragraph()

    def _open_pending_pages(self, start: int) -> None:
        # Pages still waiting for text are always the last ones: open them from the first.
        pages = self._pages
        i = len(pages)
        while i > 0 and pages[i - 1][1] is None:
            i -= 1
        for j in range(i, len(pages)):
            pages[j] = (pages[j][0], start)

    def build(self) -> tuple[str, tuple[PageSpan, ...]]:
        """The body text and its contiguous page map (pages may be empty spans)."""
        if self._pending:
            self.end_paragraph()
        text = "".join(self._parts)
        self._open_pending_pages(len(text))
        spans: list[PageSpan] = []
        for number, (label, start) in enumerate(self._pages, 1):
            end = self._pages[number][1] if number < len(self._pages) else len(text)
            assert start is not None and end is not None
            spans.append(PageSpan(number, start, max(start, end), label))
        return text, tuple(spans)
