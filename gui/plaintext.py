"""Helpers that keep document and user text from ever being read as HTML by Qt."""

from __future__ import annotations

import html


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` literally.

    Qt renders a tooltip as rich text whenever it *looks* like HTML (``Qt::mightBeRichText``);
    escaping it inside a ``<p>`` makes it always rich text whose only content is the literal
    text, wrapped at a sensible width.
    """
    if not text:
        return ""
    return "<p style='white-space:pre-wrap'>" + html.escape(text, quote=False) + "</p>"
