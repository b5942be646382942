"""Bad input never makes a 500: every public URL of DESIGN.md, with random and malformed query strings.

hypothesis draws query strings of wrong types, huge and negative numbers, repeated and unknown
keys, Unicode, very long values and raw malformed escapes, plus unknown slugs; any 5xx fails.
"""

from urllib.parse import quote

import pytest
from django.test import Client
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

pytestmark = pytest.mark.usefixtures("seeded")

PUBLIC_URLS = [
    "/",
    "/about/",
    "/programs/",
    "/programs/paths/",
    "/programs/compare/",
    "/programs/checklist/",
    "/certifications/",
    "/certifications/eligibility/",
    "/careers/",
    "/careers/salaries/",
    "/careers/salaries.csv",
    "/sitemap.xml",
    "/robots.txt",
    "/healthz",
]
DETAIL_PREFIXES = ["/programs/", "/certifications/", "/careers/"]

# Parameter names the pages read (filters, sorting, paging, comparison, checklist, eligibility)
# and names nobody reads.
KNOWN_KEYS = [
    "q", "state", "format", "delivery_format", "accreditor", "path", "max_cost", "max_months",
    "externship", "placement", "has_externship", "has_placement_help", "sort", "order", "dir",
    "page", "per_page", "p", "program", "programs", "accreditation", "curriculum", "hands-on",
    "hands_on", "cost-duration", "cost_duration", "placement-help", "training", "stage",
    "years", "years_since", "years_experience", "experience", "diploma", "completed",
    "graduated", "months", "cost", "occupation", "year", "csrfmiddlewaretoken", "utm_source",
]  # fmt: skip

numbers = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["0", "-1", "1e309", "NaN", "inf", "-inf", "9" * 400, "0x1F", "1.5", "1,000", "  7  "]),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
)
texts = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), min_size=1, max_size=20),
    st.sampled_from(["", "null", "None", "true", "on", "off", "[]", "{}", "' OR 1=1 --", "<script>", "../..", "\x00"]),
    st.integers(min_value=1000, max_value=5000).map(lambda n: "x" * n),
)
values = st.one_of(numbers, texts)
keys = st.one_of(st.sampled_from(KNOWN_KEYS), st.text(min_size=1, max_size=12))
pairs = st.lists(st.tuples(keys, values), max_size=12)


@st.composite
def query_strings(draw):
    encoded = "&".join(f"{quote(key, safe='')}={quote(value, safe='')}" for key, value in draw(pairs))
    # Raw, malformed pieces a browser or a bot can still send.
    raw = draw(
        st.lists(
            st.sampled_from(
                ["%", "%zz", "%E9", "%C3%28", "&&", "=", "==", ";", "+", "a=%FF%FE", "p", "p=", "page=2&page=x"]
            ),
            max_size=3,
        )
    )
    return "&".join(part for part in [encoded, *raw] if part)


slugs = st.one_of(
    st.text(alphabet="abcdefghijklmnopqrstuvwxyz0123456789-_", min_size=1, max_size=120),
    st.sampled_from(["cma", "rma", "ncma", "ccma", "salaries", "compare", "0", "-", "a" * 300]),
)

FUZZ = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _no_server_error(client, url):
    response = client.get(url)
    assert response.status_code < 500, f"{response.status_code} for {url!r}"


@pytest.mark.parametrize("path", PUBLIC_URLS)
@FUZZ
@given(query=query_strings())
def test_no_public_page_answers_a_query_string_with_a_server_error(path, query):
    _no_server_error(Client(raise_request_exception=False), f"{path}?{query}")


@pytest.mark.parametrize("prefix", DETAIL_PREFIXES)
@FUZZ
@given(slug=slugs, query=query_strings())
def test_an_unknown_or_odd_slug_never_makes_a_server_error(prefix, slug, query):
    _no_server_error(Client(raise_request_exception=False), f"{prefix}{quote(slug)}/?{query}")


@pytest.mark.parametrize(
    "path",
    [
        "/programs/compare/?" + "&".join(f"p={n}" for n in range(50)),
        "/programs/?page=99999999999999999999",
        "/programs/?page=-1&sort=-__class__",
        "/programs/?max_cost=1e309&max_months=-5",
        "/careers/salaries/?sort=%00",
        "/certifications/eligibility/?years=9999999999999999999999&training=%F0%9F%98%80",
        "/programs/checklist/?" + "&".join(f"p=x{n}" for n in range(20)),
    ],
)
def test_known_awkward_queries(client, path):
    _no_server_error(Client(raise_request_exception=False), path)


def test_real_slugs_open(client):
    from certifications.models import Certification

    slugs = list(Certification.objects.values_list("slug", flat=True))
    assert slugs  # the seeded certifications, not an empty loop
    statuses = {slug: client.get(f"/certifications/{slug}/").status_code for slug in slugs}
    assert statuses == dict.fromkeys(slugs, 200)
