"""The outline of a document: sections and nested subsections as ``Provision`` records.

Input is ``Document.text`` in the text convention of ``eolens.nlp.model`` (one paragraph per
line), so one order in any format gives one outline. The parser is a single pass over the lines
with anchored regular expressions (cheap enough for every page of every ingest), plus a short
look-ahead only where a marker is ambiguous.

Decisions (documented here because other modules rely on them):

* **Three document shapes.** Orders and memoranda with ``Section 1.`` / ``Sec. 2.`` headings
  (*section mode*); documents whose outline is ``1.`` / ``a.`` / ``i.`` (*dotted mode*, the OMB
  guidance: pinpoints ``1``, ``1(a)``, ``1(a)(i)``); everything else gets one paragraph
  provision per line, ``¶1``, ``¶2``... (*paragraph mode*), after skipping the leading title
  and dateline lines (short lines without sentence punctuation) and before any signature block.
* **Not provisions:** the title, the preamble ("By the authority vested ...") and anything else
  before the first section, and the signature block (the president's name line, "THE WHITE
  HOUSE,", "[FR Doc." / "Billing code" lines). The last section ends before the signature.
* **Numbered subsections** ("4.1." or "Sec. 4.1." inside section 4) are children of their
  section: pinpoint ``"4.1"``, parent ``"4"``, and their markers give ``"4.1(a)"``.
  ``Provision.level`` is the depth in the tree (section 0, ``4.1`` 1, ``4.1(a)`` 2, ...), which
  for the usual ``(a)``/``(i)``/``(A)``/``(1)`` nesting is the docstring's 1/2/3/4.
* **Markers** count as structure at the start of a paragraph, right after a section heading
  ("Sec. 2. Heading. (a) Within ..."), right after another marker ("(a) (i) ..." or
  "(a)(i) ..."), and inside a paragraph only after ":" or ";": a run that opens after ":" and
  continues in sequence after ";" ("shall: (i) ...; and (ii) ...") counts with two items, or
  with one when the next paragraph starts with the second; after a paragraph's own marker,
  "; (ii) ..." in sequence continues that marker's level. References such as "section 4(b)",
  "(a) of this section" or "(1) and (2)" are never structure. Nesting stops at 7 marker
  levels (no order goes deeper; it bounds the work on hostile text).
* **Letter or roman?** "(i)" after "(h)", "(v)" after "(u)" and "(x)" after "(w)" are settled by
  the sequence: every reading that continues an open level or opens a new one is a candidate;
  the candidate whose successor ("(j)" or "(ii)") appears first further on wins; with no
  evidence, a lead-in ending in ":" or "—" opens a new level, otherwise the deepest open level
  continues.
* **Quoted text is not structure.** Amending orders quote whole sections ("... inserting the
  following: “Sec. 5. ...”"); paragraphs inside a quotation belong to the quoting provision.
  An opening quote that never closes is ignored, so one stray mark cannot swallow the order.
* **Headings** are kept without their final period. A section heading is the Title-Case phrase
  after the number up to the first "." (or ":") that ends a word; "Sec. 5. Within 60 days ..."
  has no heading. A subsection gets a heading only when a Title-Case phrase is followed by text
  on the same line ("(a) Policy Coordination. The Secretary ..."), and in dotted outlines.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Iterator
from dataclasses import dataclass

from eolens.nlp.heap import fewer_collections
from eolens.nlp.model import Document, Outline, Provision

__all__ = [
    "parse_outline",
    "parse_pinpoint",
    "pinpoint_label",
    "pinpoint_sort_key",
]

# --- markers ---------------------------------------------------------------------------------

_SECTION_RE = re.compile(r"(?:Section|SECTION|Sec|SEC)\.?\s*(\d{1,3}(?:\.\d{1,3})?)\s*\.(?=\s|$)")
_SUBSECTION_RE = re.compile(r"(\d{1,3})\.(\d{1,3})\.(?=\s|$)")
# a letter may follow directly: some plain-text copies lost the space ("(iii)the Secretary");
# a second marker too ("(a)(i) Within 30 days")
_PAREN_RE = re.compile(r"\(([A-Za-z]{1,7}|\d{1,3})\)(?=\s|$|[A-Za-z“(])")
_DOTTED_RE = re.compile(r"([a-z]{1,4}|[A-Z]{1,2}|\d{1,2})\.(?=\s)")
_DOTTED_TOP_RE = re.compile(r"(\d{1,2})\.(?=\s)")
_INLINE_RE = re.compile(r"([:;])\s+(?:(?:and|or)\s+)?\(([A-Za-z]{1,7}|\d{1,3})\)(?=\s)")
_SPACE_RE = re.compile(r"\s*")
# section + 7 marker levels: deeper nesting is not found in orders, and a bound keeps a
# hostile text ("(a)", "(i)", "(A)", "(1)", "(I)", "(a)" ...) from building huge pinpoints
_MAX_DEPTH = 8

_SIGNATURE_RE = re.compile(r"THE WHITE HOUSE\b|\[?FR Doc\.|Billing code\b|Filed \d")
# the president's name in capitals ("DONALD J. TRUMP", "JOSEPH R. BIDEN JR."): a signature only
# near the end, so that a capitalised heading inside a document is not mistaken for one
_NAME_LINE_RE = re.compile(r"[A-Z][A-Z’'\-]+ (?:[A-Z]\. )?[A-Z][A-Z’'\-]+(?:,? (?:JR|SR)\.?)?$")
_SENTENCE_END = '.?!:;”"’)'

# Words that stay lower case inside a Title-Case heading.
_SMALL_WORDS_TEXT = (
    "a an the and or nor but of in on at to for by with from into onto upon as via than that"
    " over under through within without against among between about after before per its"
    " their our is are be not vs versus out up down off"
)
_SMALL_WORDS = frozenset(_SMALL_WORDS_TEXT.split())
_WORD_RE = re.compile(r"[^\W_][\w’'\-]*")

_ROMAN = (
    (10, "x"),
    (9, "ix"),
    (5, "v"),
    (4, "iv"),
    (1, "i"),
)


def _to_roman(n: int) -> str:
    out = []
    for value, numeral in _ROMAN:
        while n >= value:
            out.append(numeral)
            n -= value
    return "".join(out)


def _roman_value(token: str) -> int | None:
    """Value of a lower-case roman numeral up to 39, or None if the token is not one."""
    if not token or set(token) - {"i", "v", "x"}:
        return None
    total, prev = 0, 0
    for ch in reversed(token):
        v = {"i": 1, "v": 5, "x": 10}[ch]
        total = total - v if v < prev else total + v
        prev = max(prev, v)
    return total if 0 < total < 40 and _to_roman(total) == token else None


def _letter_value(token: str) -> int | None:
    """(a)=1 ... (z)=26, (aa)=27 ... (zz)=52: the doubled letters orders use after (z)."""
    if len(set(token)) != 1 or not token.isalpha():
        return None
    return 26 * (len(token) - 1) + ord(token[0].lower()) - 96


@functools.lru_cache(maxsize=4096)
def _interpretations(token: str) -> tuple[tuple[str, int], ...]:
    """Every (style, ordinal) a marker token can stand for. Styles: a i A I 1.

    Cached: a document's markers are a few dozen distinct tokens read thousands of times."""
    if token.isdigit():
        return (("1", int(token)),)
    lower = token.islower()
    if not lower and not token.isupper():
        return ()
    letter = _letter_value(token)
    roman = _roman_value(token.lower())
    readings = []
    if letter is not None:
        readings.append(("a" if lower else "A", letter))
    if roman is not None:
        # "(ii)", "(iv)", "(xx)": roman unless a run of doubled letters reaches that far
        reading = ("i" if lower else "I", roman)
        readings.insert(0 if len(token) > 1 else len(readings), reading)
    return tuple(readings)


def _token(style: str, n: int) -> str:
    if style == "1":
        return str(n)
    letters = chr(96 + (n - 1) % 26 + 1) * ((n - 1) // 26 + 1)
    t = letters if style in "aA" else _to_roman(n)
    return t.upper() if style.isupper() else t


# --- headings ----------------------------------------------------------------------------------


def _title_case(phrase: str, *, strict: bool) -> bool:
    words = _WORD_RE.findall(phrase)
    if not words or len(words) > (12 if strict else 25) or len(phrase) > 200:
        return False
    significant = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not significant or not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    upper = sum(1 for w in significant if not w[0].islower())
    return upper == len(significant) if strict else upper >= 0.75 * len(significant)


def _heading_end(line: str, pos: int) -> int | None:
    """Index of the period (or colon) ending a heading that starts at ``pos``, if any."""
    i = pos
    n = len(line)
    while True:
        j = _next_stop(line, i)
        if j is None:
            return None
        # "U.S." / "D.C.": a period right after a single capital is an abbreviation
        if (
            line[j] == "."
            and j >= 1
            and line[j - 1].isupper()
            and (j == 1 or not line[j - 2].isalpha())
            and j + 1 < n
        ):
            i = j + 1
            continue
        return j


# "Supporting Workers.(a) To advance ...": some sources lost the space before a marker
_STOP_RE = re.compile(r"[.:](?=\s|$|\()")


def _next_stop(line: str, i: int) -> int | None:
    m = _STOP_RE.search(line, i)
    return m.start() if m else None


def _split_heading(line: str, pos: int, *, strict: bool) -> tuple[str | None, int]:
    """(heading, body position) for the text of ``line`` from ``pos``."""
    pos = _skip_space(line, pos)
    if pos >= len(line) or line[pos] in "([":
        return None, pos
    stop = _heading_end(line, pos)
    if stop is None:
        return None, pos
    candidate = line[pos:stop].strip()
    rest = _skip_space(line, stop + 1)
    if strict and (rest >= len(line) or line[rest].islower()):
        return None, pos
    if _title_case(candidate, strict=strict):
        return candidate, rest
    return None, pos


def _whole_line_heading(line: str) -> str | None:
    """A line that is only a heading ("1. INVENTORY OF ...", "a. Agency Reporting")."""
    text = line.strip()
    if text.endswith("."):
        text = text[:-1].rstrip()
    if not text or text[-1] in _SENTENCE_END or "." in text.replace("U.S.", ""):
        return None
    return text if _title_case(text, strict=False) else None


def _skip_space(line: str, pos: int) -> int:
    return _SPACE_RE.match(line, pos).end()


# --- the parser --------------------------------------------------------------------------------


@dataclass(slots=True)
class _Node:
    pinpoint: str
    level: int
    marker: str
    heading: str | None
    start: int
    body_start: int
    parent: int | None
    end: int = -1


@dataclass(slots=True)
class _Level:
    style: str  # "S" section, "N" numbered subsection, else a marker style
    ordinal: int
    node: int


@dataclass(slots=True)
class _Line:
    start: int  # offset of the first non-space character
    end: int
    text: str  # the line from ``start``
    quoted: bool  # inside a quotation that began on an earlier line


def _lines(text: str) -> list[_Line]:
    out = []
    pos = 0
    for raw in text.split("\n"):
        stripped = raw.lstrip()
        start = pos + len(raw) - len(stripped)
        body = stripped.rstrip()
        if body:
            out.append(_Line(start, start + len(body), body, False))
        pos += len(raw) + 1
    _mark_quotations(out)
    return out


_QUOTE_RE = re.compile("[“”]")


def _mark_quotations(lines: list[_Line]) -> None:
    """Flag lines that sit inside a multi-paragraph quotation (amended text).

    Quotation marks are paired like brackets; an opening mark never closed is a stray and
    quotes nothing, so one bad mark cannot swallow the rest of the order.
    """
    opened: list[int] = []
    inside = [0] * (len(lines) + 1)
    for i, line in enumerate(lines):
        if "“" not in line.text and "”" not in line.text:
            continue
        for m in _QUOTE_RE.finditer(line.text):
            if m.group() == "“":
                opened.append(i)
            elif opened:
                first = opened.pop()
                if first < i:  # lines first+1 .. i begin inside the quotation
                    inside[first + 1] += 1
                    inside[i + 1] -= 1
    depth = 0
    for i, line in enumerate(lines):
        depth += inside[i]
        line.quoted = depth > 0


class _Parser:
    def __init__(self, document: Document):
        self.doc = document
        self.text = document.text
        self.lines = _lines(document.text)
        self.nodes: list[_Node] = []
        self.stack: list[_Level] = []
        self.last: tuple[int, int] = (0, 0)  # last section number, as (major, minor)
        self.dotted = False
        self.skip: set[int] = set()  # heading lines already consumed
        # line-start marker tokens for look-ahead, and the lines that open sections
        self.marker_tokens: list[tuple[int, str]] = []
        self.boundaries: list[int] = []

    # -- entry point --

    def parse(self) -> Outline:
        if any(not ln.quoted and _SECTION_RE.match(ln.text) for ln in self.lines):
            self._parse_sections()
        elif self._has_dotted_outline():
            self.dotted = True
            self._parse_sections()
        if not self.nodes:
            self._parse_paragraphs()
        return Outline(tuple(self._provisions()))

    # -- section and dotted modes --

    def _has_dotted_outline(self) -> bool:
        expected = 1
        for line in self.lines:
            if not line.quoted and self._dotted_top(line.text) == expected:
                expected += 1
                if expected > 2:
                    return True
        return False

    def _dotted_top(self, text: str) -> int | None:
        """The number of a dotted top-level heading line ("1. INVENTORY OF ..."), if it is one."""
        m = _DOTTED_TOP_RE.match(text)
        if not m:
            return None
        heading, _ = _split_heading(text, m.end(), strict=False)
        if heading is None and _whole_line_heading(text[m.end() :]) is None:
            return None
        return int(m.group(1))

    def _parse_sections(self) -> None:
        self._index_markers()
        started = False
        for i, line in enumerate(self.lines):
            if line.quoted or i in self.skip:
                continue
            if self._section(i, line):
                started = True
            elif started:
                pos = self._line_marker(i, line)
                self._inline_runs(i, line, pos)
        self._close(self._signature_start())

    def _index_markers(self) -> None:
        for i, line in enumerate(self.lines):
            if line.quoted:
                continue
            if self.dotted:
                if self._dotted_top(line.text) is not None:
                    self.boundaries.append(i)
            elif _SECTION_RE.match(line.text) or _SUBSECTION_RE.match(line.text):
                self.boundaries.append(i)
            m = self._marker_at_start(line.text)
            if m:
                self.marker_tokens.append((i, m.group(1)))

    def _marker_at_start(self, text: str) -> re.Match | None:
        # dotted outlines ("a.", "i.") may still use "(1)" markers below
        if self.dotted:
            return _DOTTED_RE.match(text) or _PAREN_RE.match(text)
        return _PAREN_RE.match(text)

    def _section(self, i: int, line: _Line) -> bool:
        """Open a section (or a numbered subsection) if the line starts one."""
        text = line.text
        if self.dotted:
            number = self._dotted_top(text)
            if number is None or number != self.last[0] + 1:
                return False
            m = _DOTTED_TOP_RE.match(text)
            heading, body = _split_heading(text, m.end(), strict=False)
            if heading is None:
                heading, body = _whole_line_heading(text[m.end() :]), len(text)
            self.last = (number, 0)
            self._open(str(number), m.group(0), heading, line, line.start + body, level=0)
            self._after_heading(i, line, body)
            return True
        m = _SECTION_RE.match(text)
        numbered_only = m is None  # "4.1." without "Sec."
        if m:
            number = m.group(1)
        else:
            m = _SUBSECTION_RE.match(text)
            if not m:
                return False
            number = f"{m.group(1)}.{m.group(2)}"
        major_s, _, minor_s = number.partition(".")
        major, minor = int(major_s), int(minor_s or 0)
        if minor and self._is_subsection(major, minor):
            level = 1
        elif numbered_only or not self._accept_section(major, minor):
            return False
        else:
            level = 0
        heading, body = _split_heading(text, m.end(), strict=False)
        body_start = line.start + body
        if heading is None and body >= len(text):
            heading, body_start = self._heading_on_next_line(i, line)
        self.last = (major, minor)
        self._open(number, m.group(0), heading, line, body_start, level=level)
        if i + 1 not in self.skip:
            self._after_heading(i, line, body)
        return True

    def _accept_section(self, major: int, minor: int) -> bool:
        if self.last == (0, 0):
            return major <= 5
        return (major, minor) > self.last and major <= self.last[0] + 5

    def _is_subsection(self, major: int, minor: int) -> bool:
        if not self.stack or self.stack[0].style != "S":
            return False
        if self.nodes[self.stack[0].node].pinpoint != str(major):
            return False
        return minor > self.last[1]

    def _heading_on_next_line(self, i: int, line: _Line) -> tuple[str | None, int]:
        """A marker alone on its line, the heading on the next ("Section 1." / "Purpose")."""
        nxt = i + 1
        if nxt >= len(self.lines) or self.lines[nxt].quoted:
            return None, line.end
        heading = _whole_line_heading(self.lines[nxt].text)
        if heading is None or len(heading.split()) > 15:
            return None, line.end
        self.skip.add(nxt)
        after = nxt + 1
        return heading, self.lines[after].start if after < len(self.lines) else line.end

    def _open(
        self,
        number: str,
        marker: str,
        heading: str | None,
        line: _Line,
        body_start: int,
        level: int,
    ) -> None:
        self.stack = self.stack[:1] if level else []
        parent = self.stack[-1].node if self.stack else None
        node = _Node(number, level, marker.strip(), heading, line.start, body_start, parent)
        self.nodes.append(node)
        style = "N" if level else "S"
        self.stack.append(_Level(style, self.last[level], len(self.nodes) - 1))

    def _after_heading(self, i: int, line: _Line, body: int) -> None:
        pos = self._chained_markers(i, line, body)
        self._inline_runs(i, line, pos)

    def _line_marker(self, i: int, line: _Line) -> int:
        """Place the marker that starts the line, if any; returns where its text begins."""
        m = self._marker_at_start(line.text)
        if not m:
            return 0
        body = self._place(i, line, m, chained=False)
        if body is None:
            return 0
        return self._chained_markers(i, line, body)

    def _chained_markers(self, i: int, line: _Line, pos: int) -> int:
        """Markers that follow a heading or another marker directly: "(a) (i) The ..."."""
        while True:
            pos = _skip_space(line.text, pos)
            m = _PAREN_RE.match(line.text, pos)
            if not m:
                return pos
            body = self._place(i, line, m, chained=True)
            if body is None:
                return pos
            pos = body

    # -- placing one marker --

    def _place(self, i: int, line: _Line, m: re.Match, *, chained: bool) -> int | None:
        """Add the provision for marker ``m``; returns where its text begins in the line."""
        token = m.group(1)
        readings = _interpretations(token)
        if not readings or not self.stack:
            return None
        choice = self._decide(i, line, m.start(), token, readings, chained)
        if choice is None:
            return None
        depth, style, ordinal = choice
        if depth >= _MAX_DEPTH:
            return None  # deeper than any real order nests: text, not structure
        del self.stack[depth:]
        parent = self.stack[-1].node
        parent_node = self.nodes[parent]
        if self.dotted:
            heading, body = _split_heading(line.text, m.end(), strict=False)
            if heading is None and (whole := _whole_line_heading(line.text[m.end() :])):
                heading, body = whole, len(line.text)
        else:
            heading, body = _split_heading(line.text, m.end(), strict=True)
        body = _skip_space(line.text, body)
        self.nodes.append(
            _Node(
                f"{parent_node.pinpoint}({token})",
                parent_node.level + 1,
                m.group(0),
                heading,
                line.start + m.start(),
                line.start + body,
                parent,
            )
        )
        self.stack.append(_Level(style, ordinal, len(self.nodes) - 1))
        return body

    def _decide(
        self,
        i: int,
        line: _Line,
        pos: int,
        own: str,
        readings: tuple[tuple[str, int], ...],
        chained: bool,
    ) -> tuple[int, str, int] | None:
        """(stack depth to cut to, style, ordinal) for a marker, or None if it is not one."""
        top = self.stack[-1].style
        candidates: list[tuple[int, str, int, bool]] = []  # depth, style, ordinal, opens level
        for style, ordinal in readings:
            if not chained:
                for depth in range(len(self.stack) - 1, 0, -1):
                    level = self.stack[depth]
                    if level.style == style and level.ordinal + 1 == ordinal:
                        candidates.append((depth, style, ordinal, False))
            if ordinal == 1 and style != top:
                candidates.append((len(self.stack), style, ordinal, True))
        if chained:
            return candidates[0][:3] if candidates else None
        if not candidates:
            return self._fallback(readings)
        if len(candidates) == 1:
            return candidates[0][:3]
        successors: dict[str, int] = {}
        for n, (_, style, ordinal, _) in enumerate(candidates):
            successors.setdefault(_token(style, ordinal + 1), n)
        continuing = [c for c in candidates if not c[3]]
        for token in self._tokens_after(i):
            if token in successors:
                return candidates[successors[token]][:3]
            if token == own and continuing:
                # "(h)", "(i) ... :", "(i)", "(ii)": a second "(i)" before any successor opens
                # the roman level under the letter (i)
                return max(continuing, key=lambda c: c[0])[:3]
        if _char_before(self.text, line.start + pos) in (":", "—"):
            opening = [c for c in candidates if c[3]]
            if opening:
                return opening[0][:3]
        return max(continuing or candidates, key=lambda c: c[0])[:3]

    def _fallback(self, readings: tuple[tuple[str, int], ...]) -> tuple[int, str, int]:
        """A marker out of sequence: a skipped item ("(iii)" then "(v)") continues the level it
        skips least on; a repeated or backward one its likeliest reading's nearest level, or
        opens a level below the current one."""
        best: tuple[int, int, str, int] | None = None  # gap, -depth, style, ordinal
        for style, ordinal in readings:
            for depth in range(len(self.stack) - 1, 0, -1):
                level = self.stack[depth]
                # a skip of a few items, not a doubled letter "(ii)" read after "(b)"
                if level.style == style and level.ordinal < ordinal <= level.ordinal + 3:
                    key = (ordinal - level.ordinal, -depth, style, ordinal)
                    best = key if best is None or key < best else best
        if best is not None:
            return -best[1], best[2], best[3]
        style, ordinal = readings[0]
        for depth in range(len(self.stack) - 1, 0, -1):
            if self.stack[depth].style == style:
                return depth, style, ordinal
        return len(self.stack), style, ordinal

    def _tokens_after(self, i: int) -> Iterator[str]:
        """Line-start marker tokens after line ``i``, up to the next section."""
        tokens = self.marker_tokens
        k = bisect.bisect_right(tokens, (i, "\uffff"))
        b = bisect.bisect_right(self.boundaries, i)
        limit = self.boundaries[b] if b < len(self.boundaries) else len(self.lines)
        for j, token in tokens[k : k + 80]:
            if j >= limit:
                return
            yield token

    # -- inline runs after ":" --

    def _inline_runs(self, i: int, line: _Line, pos: int) -> None:
        """Items inside one paragraph: "shall: (i) ...; (ii) ...; and (iii) ...".

        A run opens after ":" with a first marker and continues after ";" in sequence; it
        counts with two items, or with one when the next paragraph starts with the second.
        After a paragraph's own marker, "; (ii) ..." in sequence continues that marker's
        level (sources that run a list into one paragraph).
        """
        if not self.stack or (":" not in line.text[pos:] and ";" not in line.text[pos:]):
            return
        top = self.stack[-1]
        sibling = top.style not in ("S", "N") and self.nodes[top.node].start >= line.start
        sib_ordinal = top.ordinal
        # (match, kind, style, ordinal, run) with kind "child" or "sibling"
        found: list[tuple[re.Match, str, str, int, int]] = []
        runs: list[list[int]] = []  # indices into found, per child run
        run_style, run_last, run_open = "", 0, False
        quotes, seen = 0, 0  # quotation depth at the match, counted as we go
        for m in _INLINE_RE.finditer(line.text, pos):
            quotes += line.text.count("“", seen, m.start()) - line.text.count("”", seen, m.start())
            seen = m.start()
            if quotes > 0:
                continue
            readings = dict(_interpretations(m.group(2)))
            if m.group(1) == ":":
                first = [st for st, n in readings.items() if n == 1]
                if first:
                    run_style = "i" if "i" in first else first[0]
                    run_last, run_open = 1, True
                    runs.append([len(found)])
                    found.append((m, "child", run_style, 1, len(runs) - 1))
                    continue
            if run_open and readings.get(run_style) == run_last + 1:
                run_last += 1
                runs[-1].append(len(found))
                found.append((m, "child", run_style, run_last, len(runs) - 1))
            elif sibling and readings.get(top.style) == sib_ordinal + 1:
                sib_ordinal += 1
                run_open = False
                found.append((m, "sibling", top.style, sib_ordinal, -1))
        owner_depth = len(self.stack)  # child items go below the line's own provision
        if owner_depth >= _MAX_DEPTH:
            runs = []
        accepted = {
            k
            for r, run in enumerate(runs)
            if len(run) >= 2 or self._continued_below(i, found[run[0]][2], found[run[-1]][3])
            for k in run
        }
        for k, (m, kind, style, ordinal, _) in enumerate(found):
            if kind == "child" and k not in accepted:
                continue
            del self.stack[owner_depth - 1 if kind == "sibling" else owner_depth :]
            parent = self.stack[-1].node
            token = m.group(2)
            self.nodes.append(
                _Node(
                    f"{self.nodes[parent].pinpoint}({token})",
                    self.nodes[parent].level + 1,
                    f"({token})",
                    None,
                    line.start + m.start(2) - 1,
                    line.start + _skip_space(line.text, m.end()),
                    parent,
                )
            )
            self.stack.append(_Level(style, ordinal, len(self.nodes) - 1))

    def _continued_below(self, i: int, style: str, last: int) -> bool:
        """Does the paragraph after line ``i`` start with the next item of a run?"""
        nxt = i + 1
        while nxt < len(self.lines) and nxt in self.skip:
            nxt += 1
        if nxt >= len(self.lines) or self.lines[nxt].quoted:
            return False
        m = _PAREN_RE.match(self.lines[nxt].text)
        return bool(m) and m.group(1) == _token(style, last + 1)

    # -- ends --

    def _signature_start(self) -> int:
        """Where the signature block begins: the first signature line after the last marker."""
        last = self.nodes[-1].start if self.nodes else -1
        first = next((k for k, ln in enumerate(self.lines) if ln.start > last), len(self.lines))
        k = self._signature_line(first)
        return self.lines[k].start if k < len(self.lines) else len(self.text)

    def _signature_line(self, first: int) -> int:
        """Index of the first signature line at or after ``first`` (len(lines) if none)."""
        lines = self.lines
        for k in range(first, len(lines)):
            text = lines[k].text
            if lines[k].quoted:
                continue
            if _SIGNATURE_RE.match(text):
                return k
            if (
                len(lines) - k <= 7
                and _NAME_LINE_RE.match(text)
                and all(len(x.text) < 60 for x in lines[k + 1 :])
            ):
                return k
        return len(lines)

    def _close(self, region_end: int) -> None:
        open_nodes: list[int] = []
        for n, node in enumerate(self.nodes):
            while open_nodes and self.nodes[open_nodes[-1]].level >= node.level:
                self.nodes[open_nodes.pop()].end = node.start
            open_nodes.append(n)
        for n in open_nodes:
            self.nodes[n].end = region_end
        text = self.text
        for node in self.nodes:
            end = node.end
            while end > node.start and text[end - 1].isspace():
                end -= 1
            node.end = end
            body = min(max(node.body_start, node.start), end)
            while body < end and text[body].isspace():
                body += 1
            node.body_start = body

    # -- paragraph mode --

    def _parse_paragraphs(self) -> None:
        title = _fold(self.doc.meta.title)
        lines = self.lines
        first = 0
        while first < len(lines) and _front_line(lines[first].text, title):
            first += 1
        if first == len(lines):
            first = 0
        last = self._signature_line(first + 1)
        body = [ln for ln in lines[first:last] if any(ch.isalnum() for ch in ln.text)]
        for n, line in enumerate(body, start=1):
            self.nodes.append(
                _Node(f"¶{n}", 0, f"¶{n}", None, line.start, line.start, None, line.end)
            )

    # -- output --

    def _provisions(self) -> Iterator[Provision]:
        for node in self.nodes:
            parent = self.nodes[node.parent].pinpoint if node.parent is not None else None
            yield Provision(
                pinpoint=node.pinpoint,
                level=node.level,
                marker=node.marker,
                heading=node.heading,
                start=node.start,
                end=node.end,
                body_start=node.body_start,
                parent=parent,
                page=self.doc.page_number(node.start),
            )


def _char_before(text: str, pos: int) -> str:
    """The last non-space character before ``pos`` ("" at the start)."""
    pos -= 1
    while pos >= 0 and text[pos].isspace():
        pos -= 1
    return text[pos] if pos >= 0 else ""


def _fold(text: str) -> str:
    return " ".join(text.casefold().split())


def _front_line(text: str, title: str) -> bool:
    """A title or dateline line before the first paragraph of an unstructured document."""
    if title and _fold(text) == title:
        return True
    return len(text.split()) <= 12 and text[-1] not in _SENTENCE_END


def parse_outline(document: Document) -> Outline:
    """The provisions of ``document`` in document order (see the module docstring)."""
    with fewer_collections():
        return _Parser(document).parse()


# --- pinpoints -----------------------------------------------------------------------------------

_PINPOINT_RE = re.compile(
    r"\s*(?:(?:Sec(?:tion)?|SEC(?:TION)?|sec(?:tion)?|subsection|Subsection|paragraph|§)\.?\s*)?"
    r"(¶\s*\d+|\d{1,3}(?:\.\d{1,3})*(?:\s*\((?:[A-Za-z]{1,7}|\d{1,3})\))*)"
)


def parse_pinpoint(text: str) -> str | None:
    """The pinpoint at the start of ``text``: "Sec. 4.1(a)(i)(A)" -> "4.1(a)(i)(A)"."""
    m = _PINPOINT_RE.match(text)
    if not m:
        return None
    return re.sub(r"\s+", "", m.group(1))


def pinpoint_label(pinpoint: str) -> str:
    """How a reader cites it: "2(c)(iii)" -> "Sec. 2(c)(iii)"; paragraphs stay "¶3"."""
    return pinpoint if pinpoint.startswith("¶") else f"Sec. {pinpoint}"


_PART_RE = re.compile(r"\(([A-Za-z]{1,7}|\d{1,3})\)")


def _marker_rank(token: str) -> float:
    """Rank of a marker among its siblings, whatever their style.

    Letters rank 1, 2, ... 26, 27 ("aa") ...; roman numerals are placed between them so that
    i, v and x rank the same as the letters i, v and x: then "(h)" < "(i)" < "(j)" and
    "(i)" < "(ii)" < "(iv)" < "(v)" < "(vi)" < "(x)" < "(xi)" both hold without knowing
    which style a level uses.
    """
    if token.isdigit():
        return float(token)
    lower = token.lower()
    roman = _roman_value(lower)
    letter = _letter_value(lower)
    if roman is None or (letter is not None and len(token) == 1 and lower not in "ivx"):
        return float(letter if letter is not None else 0)
    if roman <= 5:
        return 9 + (roman - 1) * 13 / 4  # i=9 ... v=22
    if roman <= 10:
        return 22 + (roman - 5) * 2 / 5  # v=22 ... x=24
    return 24 + (roman - 10) / 100  # xi ... xxxix, before y


def pinpoint_sort_key(pinpoint: str) -> tuple[tuple[tuple[int, float], ...], str]:
    """Sort key that puts the pinpoints of one document in document order.

    ``"4"`` < ``"4(a)"`` < ``"4.1"`` < ``"4.1(a)(i)(A)"`` < ``"4.2"`` < ``"10"``;
    paragraphs ``"¶2"`` < ``"¶10"``. (Within one outline, ``Outline.provisions`` order is the
    reference; this key is for pinpoints that come without their outline.)
    """
    if pinpoint.startswith("¶"):
        digits = pinpoint[1:]
        return (((0, float(digits)),) if digits.isdigit() else ((9, 0.0),)), pinpoint
    number, paren, rest = pinpoint.partition("(")
    try:
        parts: list[tuple[int, float]] = [(1, float(int(p))) for p in number.split(".")]
    except ValueError:
        return ((9, 0.0),), pinpoint
    # a section's own markers come before its numbered subsections ("4(a)" < "4.1")
    parts.extend((0, _marker_rank(m.group(1))) for m in _PART_RE.finditer(paren + rest))
    return tuple(parts), pinpoint
