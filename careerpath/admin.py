"""The admin site as a whole (each app registers its own models in its admin.py)."""

from django.contrib import admin

admin.site.site_header = "CareerPath administration"
admin.site.site_title = "CareerPath admin"
admin.site.index_title = "Content"
# The model list beside every page left a figures list 665 px of a 1280 px window; the index and breadcrumbs
# lead to every model instead.
admin.site.enable_nav_sidebar = False
