"""Quiet citations: the short form shown beside a figure ("BLS, May 2024") and a page-unique id for its full citation.

templates/includes/source.html is the one place citations render; it loads this library.
"""

import itertools
import re

from django import template

register = template.Library()

# Publishers whose everyday short name is not written in their own name.
_SHORT_NAMES = {
    "U.S. Bureau of Labor Statistics": "BLS",
    "Council for Higher Education Accreditation": "CHEA",
    "U.S. Department of Education": "U.S. Department of Education",
    "American Medical Technologists": "AMT",
}
_ACRONYM = re.compile(r"\(([A-Z][A-Za-z]*[A-Z])\)")
# A reference period as a title names it: "May 2024", "2024–34".
_PERIOD = re.compile(
    r"\b(?:(?:January|February|March|April|May|June|July|August|September|October|November|December) )?"
    r"(?:19|20)\d\d(?:[–-]\d{2,4})?\b"
)


def _short_part(part):
    for name, short in _SHORT_NAMES.items():
        if part.startswith(name):
            return short
    acronym = _ACRONYM.search(part)
    if acronym:
        return acronym.group(1)
    return part.split(",")[0].strip()


@register.filter
def short_publisher(source):
    """The publisher as a reader names it: "BLS", "AAMA", "NHA; MAERB"; "" for an article that names none."""
    names = []
    for part in (source.publisher or "").split(";"):
        part = part.strip()
        if part and (short := _short_part(part)) not in names:
            names.append(short)
    return "; ".join(names)


def title_period(source):
    """The one reference period the source's title names ("…(OEWS), May 2024: national estimates"), or ""."""
    periods = set(_PERIOD.findall(source.title))
    return periods.pop() if len(periods) == 1 else ""


@register.simple_tag
def short_citation(source, period=""):
    """ "BLS, May 2024": the short publisher and the figure's period: as passed, else the source's own date,
    else the one period its title names, else when it was checked. An article without a publisher: "undated article"."""
    published = "" if source.published == "undated" else source.published
    publisher = short_publisher(source)
    if not publisher:
        article = f"article dated {published}" if published else "undated article"
        return f"{article}, {period}" if period else article
    when = period or published or title_period(source) or f"checked {source.seen_on:%b %Y}"
    return f"{publisher}, {when}"


@register.simple_tag(takes_context=True)
def citation_id(context, source):
    """An id unique within the page being rendered, for the full citation the short form opens."""
    state = context.render_context.dicts[0]
    counter = state.setdefault("citation_counter", itertools.count(1))
    return f"cite-{source.pk}-{next(counter)}"
