"""Up to four programs side by side: programs in columns, questions in rows, each row marked where they differ."""

from django.http import Http404
from django.views.generic import TemplateView

from careers import pay
from content.http import PrivateUnlessCanonicalMixin

from .. import checklist, selectors
from ..models import is_program_slug
from .directory import MAX_COMPARED, MAX_PICKS, SHORT_LIST, compare_url, directory_url, federal_data, program_fields


class ProgramCompareView(PrivateUnlessCanonicalMixin, TemplateView):
    """Programs in columns and questions in rows; a row whose answers differ is marked."""

    query_parameters = ("p",)  # read by the page cache

    template_name = "programs/compare.html"

    def get(self, request, *args, **kwargs):
        asked = list(dict.fromkeys(s.strip() for s in request.GET.getlist("p") if s.strip()))
        # A well-formed address is looked up; a malformed one can match nothing. Bounded either way.
        wellformed = [slug for slug in asked if is_program_slug(slug)][:MAX_PICKS]
        found = selectors.programs_by_slug(slugs=wellformed) if wellformed else {}
        known = [found[slug] for slug in wellformed if slug in found]
        unknown = [slug for slug in asked if slug not in found][:MAX_PICKS]
        if asked and not known:
            raise Http404("No program has this address.")
        too_many = len(known) > MAX_COMPARED
        programs = known[:MAX_COMPARED]
        slugs = [program.slug for program in programs]
        # Only what the site's own links ask for: known programs, each once, at most as many as compared.
        self.query_canonical = request.GET.getlist("p") == slugs
        factors = selectors.selection_factors()
        outlooks = selectors.program_outlooks(programs)
        program_pay = pay.for_programs(programs)
        context = self.get_context_data(
            programs=programs,
            too_many=too_many,
            unknown_slugs=unknown,
            compare_max=MAX_COMPARED,
            columns=[
                {"program": program, "remove_url": compare_url([s for s in slugs if s != program.slug])}
                for program in programs
            ],
            directory_url=directory_url(slugs),
            short_list=selectors.compare_short_list(compared=programs, most=SHORT_LIST)
            if len(programs) < MAX_COMPARED
            else [],
            real_programs_compared=any(not program.is_example for program in programs),
            unverified_compared=any(not program.is_example and program.is_imported for program in programs),
            field_rows=_rows([program_fields(p) for p in programs]),
            federal_rows=(federal_rows := federal_data(programs, program_pay)),
            federal_present=any(fd.present for fd in federal_rows),
            federal_months=any(fd.months_of_debt is not None for fd in federal_rows),
            verdict_rows=_verdict_rows(programs, factors),
            outlook_rows=_outlook_rows(programs, outlooks),
            program_pay=program_pay,
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
