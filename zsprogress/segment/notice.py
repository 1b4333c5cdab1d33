"""Notices: a report of the genre (a title line with 完成情况, 民生实事, 责任分解, ..., or, without a
title, attachments listed and a word of the genre in the text) that has no task rows: summary prose, or a notice whose table is only in an attachment (``附件:…表.docx``).

Such a report gets layout ``notice`` and a ``notice`` note naming the attachments, not an
``unknown-layout`` failure; its text is kept as paragraphs, so its figures are still read. The
words are ``patterns/layout.toml``'s ``[notice]``.
"""

from __future__ import annotations

from typing import Optional

from ..layout_vocab import V
from ..models import Diagnostic
from .shapes import Line, is_chrome

_HEAD = 60          # a title line stands among the first lines


def is_title_line(f: str) -> bool:
    """A short line without a full stop that names the genre."""
    return len(f) <= 80 and "。" not in f and bool(V.NOTICE.search(f))


def attachments(L: list[Line]) -> list[str]:
    """Names of the attachments a notice lists (``附件1:慢序时项目``); '' for a bare ``附件:``."""
    out = []
    for ln in L:
        m = V.ATTACHMENT.match(ln.f)
        if m and len(ln.f) <= 120:
            out.append(ln.raw[m.start("name"):].strip())
    return out


def notice_of(L: list[Line]) -> Optional[Diagnostic]:
    """The note of a notice, or None when the text is not a report of the genre."""
    head = [x for x in L[:_HEAD] if not is_chrome(x.f)]
    title = next((x for x in head if is_title_line(x.f)), None)
    att = [a for a in attachments(L) if a]
    if title is None and att:
        # no title kept: a notice listing its attachments whose text names the genre
        title = next((x for x in head if V.NOTICE.search(x.f)), None)
    if title is None:
        return None
    where = (f"; the table is in the attachment: {', '.join(att)}" if att else
             "; it has summary prose only")
    return Diagnostic(code="notice", line=title.no, message=(
        f"no task rows: a notice of the genre ({title.raw[:40]}){where}; its figures are read as paragraphs"))
