"""Root URLconf: the site-wide pages, each app's URLs and sitemap, the admin and the crawler/health endpoints."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

import certifications.sitemaps
import programs.sitemaps
from careers import sitemaps as careers_sitemaps
from content.sitemaps import NamedPagesSitemap

from . import admin_moves, errors, health
from .page_cache import reads_query
from .views import pages, search

handler500 = errors.server_error

SITEMAPS = {
    "pages": NamedPagesSitemap(
        ["home", *programs.sitemaps.PAGES, *certifications.sitemaps.PAGES, *careers_sitemaps.PAGES, "about"]
    ),
    **certifications.sitemaps.SITEMAPS,
    **careers_sitemaps.SITEMAPS,
    **programs.sitemaps.SITEMAPS,
}

urlpatterns = [
    path("", pages.HomeView.as_view(), name="home"),
    path("about/", pages.AboutView.as_view(), name="about"),
    path("search/", search.search_view, name="search"),
    path("", include("careers.urls")),
    path("programs/", include("programs.urls")),
    path("certifications/", include("certifications.urls")),
    path("sitemap.xml", reads_query("p")(sitemap), {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", pages.robots_txt, name="robots-txt"),
    path("healthz", health.healthz, name="healthz"),
    # The pages nginx answers with when it refuses a request itself (deploy/nginx/).
    path("errors/429/", errors.too_many_requests, name="error-429"),
    path("errors/413/", errors.request_too_large, name="error-413"),
    admin_moves.OLD_ADMIN_URLS,
    path("admin/", admin.site.urls),
]
