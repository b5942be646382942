"""Reading quiet citations from a page: each short form ("Source: BLS, May 2024") is a button that opens, in one
click and without JavaScript, the popover holding the full citation (templates/includes/source.html)."""

from dataclasses import dataclass
from html import unescape
from html.parser import HTMLParser


@dataclass
class Citation:  # noqa: D101
    short: str  # the button's text, as a screen reader reads it
    short_html: str
    full: str  # the text of the popover it opens ("" if it opens none)
    full_html: str

    @property
    def shown(self):
        """The short form a sighted visitor sees: the button's text without its visually-hidden parts."""
        return visible_text(self.short_html)


class _Reader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.toggles = []  # [target id, text]
        self.popovers = {}  # id -> [text, html]
        self._toggle = None
        self._open = []  # [(id, tag, depth)]
        self._close_button = False  # the popover's own Close button is not part of the citation

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if self._toggle is not None:
            self._toggle[2] += self.get_starttag_text()
        for entry in self._open:
            entry[2] += tag == entry[1]
            self.popovers[entry[0]][1] += self.get_starttag_text()
        if tag == "button" and self._open:
            self._close_button = True
        if tag == "button" and "cite-toggle" in (attrs.get("class") or "").split():
            self._toggle = [attrs.get("popovertarget"), "", ""]
            self.toggles.append(self._toggle)
        if "popover" in attrs and attrs.get("id"):
            self.popovers[attrs["id"]] = ["", ""]
            self._open.append([attrs["id"], tag, 1])

    def handle_endtag(self, tag):
        if self._toggle is not None and tag != "button":
            self._toggle[2] += f"</{tag}>"
        if tag == "button":
            self._toggle = None
            self._close_button = False
        for entry in list(self._open):
            entry[2] -= tag == entry[1]
            if entry[2] == 0:
                self._open.remove(entry)
            else:
                self.popovers[entry[0]][1] += f"</{tag}>"

    def handle_data(self, data):
        if self._toggle is not None:
            self._toggle[1] += data
            self._toggle[2] += data
        for entry in self._open:
            if not self._close_button:
                self.popovers[entry[0]][0] += data
            self.popovers[entry[0]][1] += data


def citations(html):
    """Every short citation of the HTML with the full citation its button opens."""
    reader = _Reader()
    reader.feed(html if isinstance(html, str) else html.decode())
    found = []
    for target, text, html_text in reader.toggles:
        full, full_html = reader.popovers.get(target, ["", ""])
        found.append(Citation(" ".join(text.split()), html_text, " ".join(unescape(full).split()), full_html))
    return found


def full_citations(html):
    """The text of every full citation a short form opens on the page."""
    return [citation.full for citation in citations(html)]


class _VisibleText(HTMLParser):
    """The text a sighted visitor reads before opening anything: no popover, script, style or visually-hidden text."""

    HIDDEN_CLASSES = {"visually-hidden"}
    VOID = {"br", "img", "input", "meta", "link", "hr", "wbr", "source"}
    BLOCKS = {"p", "div", "li", "ul", "ol", "td", "th", "tr", "br", "dt", "dd", "h1", "h2", "h3", "h4", "section"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts = []
        self._hidden = []  # tags whose content is hidden, innermost last

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        classes = set((attrs.get("class") or "").split())
        if tag in self.BLOCKS:
            self.parts.append(" ")
        hides = tag in ("script", "style", "template") or "popover" in attrs or classes & self.HIDDEN_CLASSES
        if tag not in self.VOID and (self._hidden or hides):
            self._hidden.append(tag)

    def handle_endtag(self, tag):
        if tag in self.BLOCKS:
            self.parts.append(" ")
        if self._hidden and tag == self._hidden[-1]:
            self._hidden.pop()

    def handle_data(self, data):
        if not self._hidden:
            self.parts.append(data)


def visible_text(html):
    reader = _VisibleText()
    reader.feed(html)
    return " ".join("".join(reader.parts).split())
