"""Parsing a page: beautifulsoup4 with scripts, styles and comments dropped; visible text as lines."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Comment, Declaration, Doctype, ProcessingInstruction, Tag

try:  # lxml is faster and closer to browsers on broken markup; html.parser always exists
    import lxml  # noqa: F401

    _PARSER = "lxml"
except ImportError:  # pragma: no cover
    _PARSER = "html.parser"


@dataclass
class HomepageFacts:
    """What a homepage says about its owner; None / empty when the page does not say."""

    affiliations: list[tuple[str, str]] = field(default_factory=list)  # current (role, org text)
    past_affiliations: list[tuple[str, str]] = field(default_factory=list)
    incoming_affiliations: list[tuple[str, str]] = field(default_factory=list)
    university: str | None = None
    company: str | None = None
    company_kind: str | None = None
    twitter_handle: str | None = None
    scholar_url: str | None = None
    linkedin_url: str | None = None
    huggingface_url: str | None = None
    github_url: str | None = None
    topics: list[str] = field(default_factory=list)


# --------------------------------------------------------------------------------------------
# Parsing and visible text
# --------------------------------------------------------------------------------------------

_DROP_TAGS = ("script", "style", "noscript", "template", "iframe", "object", "embed", "svg")
_BLOCK_TAGS = {
    "p", "div", "li", "ul", "ol", "h1", "h2", "h3", "h4", "h5", "h6", "tr", "td", "th", "table",
    "section", "article", "header", "footer", "nav", "aside", "main", "br", "hr", "dt", "dd",
    "dl", "blockquote", "pre", "title", "address", "figure", "figcaption", "center", "form",
    "label", "button", "option", "select", "textarea", "body", "html", "head",
}  # fmt: skip


def _soup(html: str) -> BeautifulSoup:
    soup = BeautifulSoup(html or "", _PARSER)
    for comment in soup.find_all(string=lambda s: isinstance(s, Comment)):
        comment.extract()
    for tag in soup.find_all(_DROP_TAGS):
        tag.decompose()
    return soup


def _lines(soup: BeautifulSoup) -> list[str]:
    """Visible text as lines: one per block element, whitespace collapsed, empty lines gone.

    The tree is walked with an explicit stack, so a page of thousands of nested tags reads
    like any other (no recursion limit)."""
    parts: list[str] = []
    skip = (Comment, Declaration, Doctype, ProcessingInstruction)
    stack = [iter(soup.children)]
    closes_block = [False]
    while stack:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if closes_block.pop():
                parts.append("\x00")
            continue
        if isinstance(child, Tag):
            block = child.name in _BLOCK_TAGS
            if block:
                parts.append("\x00")
            stack.append(iter(child.children))
            closes_block.append(block)
        elif isinstance(child, str) and not isinstance(child, skip):
            parts.append(str(child).replace("\x00", " "))
    text = "".join(parts)
    lines = []
    for raw in text.split("\x00"):
        line = re.sub(r"\s+", " ", raw).strip()
        if line:
            lines.append(line)
    return lines
