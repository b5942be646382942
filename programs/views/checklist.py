"""The program-selection checklist: up to three programs weighed against the article's five factors.

Results first: once answered, the page shows the verdicts and a one-line summary of the answers, and no
form; `edit=1` shows the form filled in instead. A wrong answer shows the form with its errors.
"""

from dataclasses import replace

from django.utils.text import capfirst
from django.views.generic import TemplateView

from careers import pay
from careers.areas import POSTAL_NAMES
from content.http import PrivateUnlessCanonicalMixin, repeats_a_name, typed_values_given

from .. import checklist, selectors
from ..forms import ChecklistForm


def editing(request):
    """Whether the visitor asked to change their answers (`edit=1`, from "Change your answers")."""
    return request.GET.get("edit") == "1"


class ChecklistView(PrivateUnlessCanonicalMixin, TemplateView):
    # Read by the page cache (careerpath/page_cache.py): the form's declared fields (an instance would query the
    # accreditors) and edit=1, which shows an answered checklist's form filled in instead of its result.
    query_parameters = (*ChecklistForm.base_fields, "edit")

    template_name = "programs/checklist.html"

    def get(self, request, *args, **kwargs):
        data = request.GET if request.GET else None
        programs = _programs_by_slug(ChecklistForm.program_slugs(data)) if data else {}
        form = ChecklistForm(data, programs=programs)
        # Typed answers (names, amounts) make a page per visitor: answered, but kept by no shared cache. A
        # directory program's address (program=<slug>) is one of ours when it names a program.
        found = [name for name in form.fields if name.startswith("program") and request.GET.get(name) in programs]
        self.query_canonical = not repeats_a_name(request.GET) and not typed_values_given(
            form, request.GET, known=found
        )
        answered = form.has_answers()
        edit = answered and editing(request)
        if answered:
            form.is_valid()
        show_form = not answered or edit or bool(form.errors)
        # The factors' names and advice are in the result, and in the list beside an empty form.
        factors = selectors.selection_factors()
        results = []
        if answered and not edit:
            budget, timeline = form.budget_and_timeline()
            for entry in form.candidates():
                candidate = entry["candidate"]
                if entry["program"] is not None and entry["program"].is_imported:
                    # What is still unknown of an imported program is what the federal data do not carry.
                    candidate = replace(candidate, from_federal_data=True)
                    entry = {**entry, "candidate": candidate}
                verdicts = checklist.checklist_verdicts(candidate, budget=budget, timeline=timeline, factors=factors)
                results.append(
                    {**entry, "verdicts": verdicts, "summary": checklist.summary(verdicts), "facts": facts(candidate)}
                )
        context = self.get_context_data(
            form=form,
            answered=answered,
            editing=edit,
            show_form=show_form,
            results=results,
            answers_summary=answers_summary(form, results) if results else "",
            rows=_factor_rows(results),
            factors=list(factors.values()),
            cma_routes=selectors.cma_accreditation_routes() if results else [],
            unknown_text=checklist.UNKNOWN_IN_FEDERAL_DATA,
            program_pay=pay.for_checklist(results, visitor_state=form.visitor_state()),
        )
        # A wrong answer is the visitor's to fix: 400 says so to machines, and the page still answers.
        return self.render_to_response(context, status=400 if form.is_bound and form.errors else 200)


def _programs_by_slug(slugs):
    """The directory programs a link names, with their path and accreditor (what the checklist reads): one query."""
    if not slugs:
        return {}
    return {program.slug: program for program in selectors.programs(order=()).filter(slug__in=slugs)}


def answers_summary(form, results):
    """The visitor's own answers in one line: “A budget of $15,000 and a timeline of 12 months, in Ohio; 2 programs.”

    Each program's cost and length lead its own line of the results (`facts`)."""
    budget, timeline = form.budget_and_timeline()
    own = [
        f"a budget of ${budget:,}" if budget is not None else "no budget given",
        f"a timeline of {_months(timeline)}" if timeline is not None else "no timeline given",
    ]
    line = " and ".join(own)
    state = form.visitor_state()
    if state:
        line += f", in {POSTAL_NAMES.get(state, state)}"
    count = len(results)
    return f"{capfirst(line)}; {count} program{'s' if count != 1 else ''}."


def facts(candidate):
    """“$12,000, 10 months”: what the visitor gave of a program's cost and length."""
    return ", ".join(
        [
            f"${candidate.cost:,}" if candidate.cost is not None else "cost not given",
            _months(candidate.months) if candidate.months is not None else "length not given",
        ]
    )


def _months(count):
    return f"{count} month{'s' if count != 1 else ''}"


def _factor_rows(results):
    """The verdicts regrouped by factor, one row per factor with a (verdict, program name) cell per program."""
    if not results:
        return []
    names = [result["candidate"].name for result in results]
    return [
        {"factor": cells[0], "cells": list(zip(cells, names, strict=True))}
        for cells in zip(*(result["verdicts"] for result in results), strict=True)
    ]
