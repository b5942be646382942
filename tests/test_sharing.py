"""A link shared in a message or a post shows the page's own title and description (meta and Open Graph)."""

import datetime
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from tests.browser.pages import PAGES, PROGRAM_SLUGS

pytestmark = pytest.mark.usefixtures("seeded")

OPEN_GRAPH = ("og:title", "og:description", "og:type", "og:url")


class _Head(HTMLParser):
    """The <title>, the meta description and the Open Graph properties of a page."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.title, self.description, self.og, self._in_title, self._in_head = "", None, {}, False, True

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if not self._in_head:
            return  # an SVG's <title> in the body is not the page's
        if tag == "title":
            self._in_title = True
        elif tag == "meta" and attrs.get("name") == "description":
            self.description = attrs.get("content")
        elif tag == "meta" and (attrs.get("property") or "").startswith("og:"):
            self.og[attrs["property"]] = attrs.get("content")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        elif tag == "head":
            self._in_head = False

    def handle_data(self, data):
        if self._in_title:
            self.title += data


def head_of(response):
    reader = _Head()
    reader.feed(response.content.decode())
    return reader


@pytest.fixture
def browser_programs(make_program):
    """The five example programs the browser pages name (tests/browser/pages.py)."""
    for slug in PROGRAM_SLUGS:
        make_program(slug, last_verified=datetime.date.today())


@pytest.mark.parametrize(("name", "path"), PAGES, ids=[name for name, _ in PAGES])
def test_every_public_page_has_a_description_and_open_graph_tags_of_its_own(client, browser_programs, name, path):
    response = client.get(path)
    assert response.status_code in (200, 400, 404), f"{path} answered {response.status_code}"
    head = head_of(response)
    title = " ".join(head.title.split()).removesuffix(" · CareerPath")
    assert title, f"{path} has no title"
    assert head.description and head.description.strip(), f"{path} has no meta description"
    for prop in OPEN_GRAPH:
        assert (head.og.get(prop) or "").strip(), f"{path} has no {prop}"
    # Shared, the link shows what the page itself says: its title and description, not a site-wide default.
    assert head.og["og:title"] == title
    assert head.og["og:description"] == head.description
    assert head.og["og:type"] == "website"
    url = urlsplit(head.og["og:url"])
    assert url.scheme in ("http", "https") and url.netloc == "testserver" and url.path == urlsplit(path).path


def test_the_sitemaps_pages_have_open_graph_tags_too(client):
    import re

    locations = re.findall(r"<loc>(.*?)</loc>", client.get("/sitemap.xml").content.decode())
    assert len(locations) > 10
    for location in locations:
        head = head_of(client.get(urlsplit(location).path))
        assert all((head.og.get(prop) or "").strip() for prop in OPEN_GRAPH), f"{location} lacks Open Graph tags"
        assert head.og["og:description"] == head.description


def test_pages_describe_themselves_differently(client):
    described = {path: head_of(client.get(path)).og["og:description"] for path in ("/", "/about/", "/certifications/")}
    assert len(set(described.values())) == 3, described
    titles = {path: head_of(client.get(path)).og["og:title"] for path in ("/", "/about/", "/certifications/")}
    assert len(set(titles.values())) == 3, titles
