"""Root URLconf: the public URLs of DESIGN.md, the admin and the crawler/health endpoints."""

from django.contrib import admin
from django.urls import include, path

from . import views

urlpatterns = [
    path("", include("careerpath.app_urls")),
    path("programs/", include("programs.urls")),
    path("certifications/", include("certifications.urls")),
    path("healthz", views.healthz, name="healthz"),
    path("admin/", admin.site.urls),
]
