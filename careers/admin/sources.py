"""The admin of what every figure cites: sources (with the due-for-review page) and statements, and the
source picker the figures' forms use."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.forms.models import ModelChoiceIterator
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.utils.text import capfirst
from reversion.admin import VersionAdmin

from content.models import SearchSynonym, Source, Statement

from ..admin_views import due_for_review
from ..models import EmploymentProjection, WageFigure


def sources_page():
    return reverse("about") + "#sources"


def page_link(url, text):
    if not url:
        return "—"
    return format_html('<a href="{}">{}</a>', url, text)


# Which sources an editor is offered first for a figure of each kind, and what the groups are called.
SOURCE_GROUPS = {
    "wage": ["BLS wage estimates (OEWS)", "Other BLS sources", "Other sources"],
    "projection": ["BLS Employment Projections", "Other BLS sources", "Other sources"],
}


def source_group(source, kind):
    """The group a source is offered in for a wage or a projection: the matching BLS program first."""
    text = f"{source.key} {source.title} {source.url}".lower()
    if kind == "wage" and ("oews" in text or "/oes" in text or "occupational employment and wage" in text):
        return SOURCE_GROUPS[kind][0]
    if kind == "projection" and ("bls-ep" in text or "/emp/" in text or "employment projections" in text):
        return SOURCE_GROUPS[kind][0]
    if "bls.gov" in text or "bureau of labor statistics" in source.publisher.lower():
        return SOURCE_GROUPS[kind][1]
    return SOURCE_GROUPS[kind][2]


class _GroupedSourceIterator(ModelChoiceIterator):
    """The sources as option groups, the group matching the figure's kind first, newest seen first within each."""

    def __iter__(self):
        if self.field.empty_label is not None:
            yield ("", self.field.empty_label)
        groups = {name: [] for name in SOURCE_GROUPS[self.field.kind]}
        for source in self.queryset.order_by("-seen_on", "title"):
            groups[source_group(source, self.field.kind)].append(self.choice(source))
        for name, choices in groups.items():
            if choices:
                yield (name, choices)


class SourceChoiceField(forms.ModelChoiceField):
    """A source picker for one kind of figure, each source shown by its full title, publisher and key."""

    iterator = _GroupedSourceIterator

    def __init__(self, *args, kind, **kwargs):
        self.kind = kind
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj):
        publisher = obj.publisher or "publisher not named"
        return f"{obj.title} — {publisher} [{obj.key}]"


class SourcePickerMixin:
    """Offers the sources matching the figure's kind first (a wage: BLS OEWS), with their full titles."""

    source_kind = "wage"

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "source":
            kwargs.setdefault("queryset", Source.objects.all())
            return SourceChoiceField(
                kind=self.source_kind,
                label=capfirst(db_field.verbose_name),
                help_text="Sources of this kind are listed first, the most recently seen first.",
                **kwargs,
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Source)
class SourceAdmin(VersionAdmin):
    # The first column, the link, never wraps: the date seen is short, a title is not.
    list_display = ["seen_on", "title", "publisher", "published", "provenance", "confidence", "public_page"]
    list_filter = ["provenance", "confidence", "publisher"]
    fields = ["key", "publisher", "title", "url", "published", "seen_on", "provenance", "confidence", "notes"]
    radio_fields = {"provenance": admin.VERTICAL}
    search_fields = ["title", "publisher", "url", "key"]
    prepopulated_fields = {"key": ["title"]}
    date_hierarchy = "seen_on"

    def view_on_site(self, obj):
        return sources_page()

    @admin.display(description="page")
    def public_page(self, obj):
        return page_link(sources_page(), "About: sources")

    def get_urls(self):
        review = path(
            "due-for-review/",
            self.admin_site.admin_view(self.due_for_review_view),
            name="content_due_for_review",
        )
        return [review, *super().get_urls()]

    def due_for_review_view(self, request):
        """Figures and sources older than the review age, oldest first: what the yearly update starts from."""
        if not (
            self.has_view_permission(request)
            and self.admin_site.get_model_admin(WageFigure).has_view_permission(request)
            and self.admin_site.get_model_admin(EmploymentProjection).has_view_permission(request)
        ):
            raise PermissionDenied
        items, cutoff, months = due_for_review()
        context = {
            **self.admin_site.each_context(request),
            "title": "Due for review",
            "opts": self.model._meta,
            "items": items,
            "cutoff": cutoff,
            "months": months,
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, "admin/careers/due_for_review.html", context)


@admin.register(Statement)
class StatementAdmin(VersionAdmin):
    list_display = ["key", "topic", "text", "order"]
    list_filter = ["topic"]
    search_fields = ["key", "text"]
    autocomplete_fields = ["source"]


@admin.register(SearchSynonym)
class SearchSynonymAdmin(VersionAdmin):
    """The site search's synonyms: edit a group and the next search reads it."""

    list_display = ["key", "terms"]
    search_fields = ["key", "terms"]
