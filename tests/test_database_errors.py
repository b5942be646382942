"""A page that cannot reach the database in time is the site's 503 page with Retry-After, never a 500."""

import pytest
from django.db import InterfaceError, OperationalError
from django.urls import path

import careerpath.urls


def _fails_with(exception):
    def view(request):
        raise exception

    return view


urlpatterns = [
    path("locked/", _fails_with(OperationalError("database is locked"))),
    path("gone/", _fails_with(InterfaceError("connection already closed"))),
    path("timeout/", _fails_with(OperationalError("canceling statement due to statement timeout"))),
    path("bug/", _fails_with(ValueError("a bug"))),
    *careerpath.urls.urlpatterns,  # the error pages link to the site's own pages
]
handler500 = getattr(careerpath.urls, "handler500", "django.views.defaults.server_error")  # the site's own

pytestmark = [pytest.mark.urls("tests.test_database_errors"), pytest.mark.django_db]


@pytest.fixture
def client(client):
    client.raise_request_exception = False
    return client


@pytest.mark.parametrize("url", ["/locked/", "/gone/", "/timeout/"])
def test_a_database_that_did_not_answer_gives_the_503_page(client, url):
    response = client.get(url)
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    page = response.content.decode()
    assert "<h1>The site is busy</h1>" in page
    assert "Wait 30 seconds, then reload the page." in page
    assert "Traceback" not in page and "OperationalError" not in page


def test_any_other_failure_is_still_the_500_page(client):
    response = client.get("/bug/")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()
    assert "Retry-After" not in response
