"""The state pay page and the directory meet: each state's row links to its programs, with their count."""

import re

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

pytestmark = pytest.mark.usefixtures("seeded")

URL = "/careers/salaries/states/"


def row(html, code):
    return re.search(rf'<tr id="state-{code}".*?</tr>', html, re.S).group(0)


def test_each_states_row_links_to_its_programs_in_the_directory_with_the_count(client, make_program):
    make_program("tx-1", state="TX", is_example=False)
    make_program("tx-2", state="TX", is_example=False)
    make_program("tx-gone", state="TX", is_example=False, no_recent_completions=True)  # not in the directory
    make_program("oh-1", state="OH", is_example=False)
    html = client.get(URL).content.decode()
    texas = row(html, "TX")
    assert re.search(r'<a [^>]*href="/programs/\?state=TX" data-programs="2">2 programs', texas), texas
    assert 'data-programs="1">1 program<' in row(html, "OH")
    assert "/programs/?state=AK" not in row(html, "AK")  # no program there: no link


def test_the_counts_cost_one_query_whatever_the_number_of_programs(client, make_many, make_program):
    from content import memo

    make_many(10)
    memo.forget()
    with CaptureQueriesContext(connection) as small:
        client.get(URL, {"sort": "state"})
    make_many(200, prefix="more")
    memo.forget()
    with CaptureQueriesContext(connection) as large:
        client.get(URL, {"sort": "-state"})
    assert len(small) == len(large)
