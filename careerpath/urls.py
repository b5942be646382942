"""Root URLconf: the public URLs of DESIGN.md, the admin and the crawler/health endpoints."""

from django.contrib import admin
from django.contrib.sitemaps.views import sitemap
from django.urls import include, path

from . import errors, health, views
from .sitemaps import SITEMAPS

urlpatterns = [
    path("", include("careerpath.app_urls")),
    path("programs/", include("programs.urls")),
    path("certifications/", include("certifications.urls")),
    path("sitemap.xml", sitemap, {"sitemaps": SITEMAPS}, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots-txt"),
    path("healthz", health.healthz, name="healthz"),
    # The pages nginx answers with when it refuses a request itself (deploy/nginx/).
    path("errors/429/", errors.too_many_requests, name="error-429"),
    path("errors/413/", errors.request_too_large, name="error-413"),
    path("admin/", admin.site.urls),
]
