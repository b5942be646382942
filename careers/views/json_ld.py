"""Structured data for the pages about the site's occupation."""

from content import structured_data

from .. import figures, selectors


def featured_occupation_json_ld(request, *, occupation=None, vintage=None):
    """The site's occupation and its wages as schema.org JSON-LD, or None when there is none."""
    occupation = occupation or selectors.featured_occupation_with_wages(vintage or figures.current_vintage())
    if occupation is None:
        return None
    data = structured_data.occupation(
        occupation, wages=list(occupation.wages.all()), url=request.build_absolute_uri(request.path)
    )
    return structured_data.as_json_ld(data)
