"""The program directory: the filtered list, one program's page, and up to four programs side by side."""

import re

from django.http import Http404
from django.utils.http import urlencode
from django.views.generic import DetailView, ListView, TemplateView

from careerpath import pay

from .. import checklist, selectors
from ..filters import STATE_NAMES, ProgramFilter
from ..models import Accreditor

MAX_COMPARED = 4
SLUG = re.compile(r"^[-a-zA-Z0-9_]{1,200}$")


def money(value):
    return "Not published" if value is None else f"${value:,}"


def program_fields(program):
    """Every directory field of a program as (label, shown value), the order the pages show them."""
    example = " (example)" if program.is_example else ""
    return [
        ("Institution", program.institution),
        ("Location", f"{program.city}, {STATE_NAMES.get(program.state, program.state)}"),
        ("Format", program.get_delivery_format_display()),
        ("Education path", program.path.name),
        ("Accreditation", program.accreditor.abbreviation if program.accreditor_id else "Not CAAHEP or ABHES"),
        ("Total cost", money(program.total_cost) + example),
        ("Length", f"{program.months} months{example}"),
        ("Externship", "Yes" if program.has_externship else "No"),
        ("Job placement help", "Yes" if program.has_placement_help else "No"),
    ]


class ProgramListView(ListView):
    """Filters in the URL; an invalid value is reported and the whole list shown rather than a guess."""

    template_name = "programs/program_list.html"
    context_object_name = "programs"
    paginate_by = 20

    def get_queryset(self):
        base = selectors.programs().listed()
        self.accreditors = list(Accreditor.objects.order_by("abbreviation"))
        self.filterset = ProgramFilter(self.request.GET or None, queryset=base, accreditors=self.accreditors)
        self.filters_valid = not self.filterset.is_bound or self.filterset.is_valid()
        return self.filterset.qs if self.filterset.is_bound and self.filters_valid else base

    def paginate_queryset(self, queryset, page_size):
        paginator = self.get_paginator(queryset, page_size)
        # A page number out of range shows the last page and a malformed one the first, never a 404.
        page = paginator.get_page(self.request.GET.get("page"))
        return paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        page = context["page_obj"]
        listed = self.object_list
        context.update(
            # Said before any row: a visitor must not take an invented program for a school.
            examples_only=page.paginator.count > 0 and not listed.filter(is_example=False).exists(),
            examples_on_page=any(program.is_example for program in page.object_list),
            filterset=self.filterset,
            form=self.filterset.form,
            filters_valid=self.filters_valid,
            active_filters=self.filterset.active if self.filters_valid else [],
            result_count=page.paginator.count,
            relax=self._relax_suggestions() if self.filters_valid and not page.paginator.count else [],
            compare_max=MAX_COMPARED,
        )
        return context

    def _relax_suggestions(self):
        """For each filter set, how many programs dropping just that one would show, with the link."""
        suggestions = []
        for name, label, shown in self.filterset.active:
            data = self.request.GET.copy()
            data.pop(name, None)
            data.pop("page", None)
            relaxed = ProgramFilter(data, queryset=selectors.programs().listed(), accreditors=self.accreditors)
            count = relaxed.qs.count() if relaxed.is_valid() else 0
            suggestions.append({"label": label, "shown": shown, "count": count, "query": data.urlencode()})
        return sorted(suggestions, key=lambda s: -s["count"])

    def render_to_response(self, context, **kwargs):
        # A wrong filter value is the visitor's to fix: 400 tells machines so, and the page still answers.
        kwargs.setdefault("status", 200 if self.filters_valid else 400)
        return super().render_to_response(context, **kwargs)


class ProgramDetailView(DetailView):
    template_name = "programs/program_detail.html"
    context_object_name = "program"

    def get_queryset(self):
        return selectors.programs()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        program = self.object
        factors = selectors.selection_factors()
        verdicts = checklist.program_verdicts(program, factors=factors)
        context.update(
            fields=program_fields(program),
            verdicts=verdicts,
            summary=checklist.summary(verdicts),
            outcomes=selectors.program_outlooks([program]).get(program.pk, []),
            cma_routes=selectors.cma_accreditation_routes(),
            checklist_query=urlencode({"program": program.slug}),
            program_pay=pay.for_programs([program]),
        )
        return context


class ProgramCompareView(TemplateView):
    """Programs in columns and questions in rows; a row whose answers differ is marked."""

    template_name = "programs/compare.html"

    def get(self, request, *args, **kwargs):
        slugs = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
        too_many = len(slugs) > MAX_COMPARED
        slugs = slugs[:MAX_COMPARED]
        if any(not SLUG.match(slug) for slug in slugs):
            raise Http404("No program has this address.")
        found = selectors.programs_by_slug(slugs=slugs)
        if len(found) != len(slugs):
            raise Http404("No program has this address.")
        programs = [found[slug] for slug in slugs]
        factors = selectors.selection_factors()
        outlooks = selectors.program_outlooks(programs)
        context = self.get_context_data(
            programs=programs,
            too_many=too_many,
            compare_max=MAX_COMPARED,
            real_programs_compared=any(not program.is_example for program in programs),
            field_rows=_rows([program_fields(p) for p in programs]),
            verdict_rows=_verdict_rows(programs, factors),
            outlook_rows=_outlook_rows(programs, outlooks),
            program_pay=pay.for_programs(programs),
        )
        return self.render_to_response(context)


def _rows(columns):
    """Transpose per-program (label, value) lists into rows, each marked when its values differ."""
    if not columns:
        return []
    rows = []
    for cells in zip(*columns, strict=True):
        values = [value for _, value in cells]
        rows.append({"label": cells[0][0], "values": values, "differs": len(set(values)) > 1})
    return rows


def _verdict_rows(programs, factors):
    per_program = [checklist.program_verdicts(program, factors=factors) for program in programs]
    if not per_program:
        return None
    rows = []
    for cells in zip(*per_program, strict=True):
        rows.append({"factor": cells[0], "cells": list(cells), "differs": len({c.verdict for c in cells}) > 1})
    summaries = [checklist.summary(verdicts) for verdicts in per_program]
    return {"rows": rows, "summaries": summaries, "summaries_differ": len(set(summaries)) > 1}


def _outlook_rows(programs, outlooks):
    """One row per certification, with each program's outcome for its graduates."""
    columns = [outlooks.get(program.pk, []) for program in programs]
    if not columns or not all(columns):
        return []
    rows = []
    for cells in zip(*columns, strict=True):
        rows.append(
            {
                "certification": cells[0].certification,
                "cells": list(cells),
                "differs": len({c.verdict for c in cells}) > 1,
            }
        )
    return rows
