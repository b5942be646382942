"""Medical assistants' pay by state: the sortable table with its tile map, and the same rows as CSV."""

import csv

from django.http import HttpResponse
from django.views import View
from django.views.generic import TemplateView

from content.csv_imports.spreadsheet import escape_formula
from content.http import PrivateUnlessCanonicalMixin, private_unless, repeats_a_name

from .. import states
from ..forms import TableSortForm

COLUMNS = (
    ("state", "State"),
    ("median", "Median annual wage"),
    ("mean", "Mean annual wage"),
    ("employment", "Employment"),
)


class StatePayMixin:
    """Reads ?sort= the same way for the page and its CSV; anything unknown means by state, A to Z."""

    query_parameters = ("sort",)  # read by the page cache (careerpath/page_cache.py)

    query_canonical = True

    def state_request(self):
        form = TableSortForm(self.request.GET, sort_keys=states.SORT_KEYS)
        key, descending = form.sort_order(default=states.DEFAULT_SORT)
        self.query_canonical = form.is_valid() and not repeats_a_name(self.request.GET)
        pay = states.state_pay()
        return pay, key, descending, pay.sorted_rows(key, descending)

    @staticmethod
    def sort_param(key, descending):
        """The sort as a query value, or None for the default."""
        if (key, descending) == states.DEFAULT_SORT:
            return None
        return f"-{key}" if descending else key


class StatePayView(StatePayMixin, PrivateUnlessCanonicalMixin, TemplateView):
    template_name = "careers/states.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        pay, key, descending, rows = self.state_request()
        counts = states.program_counts()
        headers = []
        for column, label in COLUMNS:
            is_sorted = column == key
            headers.append(
                {
                    "key": column,
                    "label": label,
                    "sort": f"-{column}" if is_sorted and not descending else column,
                    "aria_sort": ("descending" if descending else "ascending") if is_sorted else "",
                }
            )
        context.update(
            pay=pay,
            rows=rows,
            headers=headers,
            sort_key=key,
            state_map=states.tile_map(pay) if pay.rows else None,
            sort_param=self.sort_param(key, descending),
            # Each row with its programs' (count, directory address), or None where the directory lists none.
            state_rows=[(row, counts.get(row.code)) for row in rows],
        )
        return context


class StatePayCsvView(StatePayMixin, View):
    """The state table as CSV, in the page's order: formula-safe like every CSV the site writes."""

    http_method_names = ["get", "head", "options"]
    HEADER = ["state", "state name", "employment", "mean", "median", "period", "source"]

    def get(self, request, *args, **kwargs):
        pay, _key, _descending, rows = self.state_request()
        response = HttpResponse(content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="careerpath-state-pay-{pay.year or "none"}.csv"'
        writer = csv.writer(response)
        writer.writerow(self.HEADER)
        for row in rows:
            wage = row.wage
            writer.writerow(
                [
                    escape_formula(row.code),
                    escape_formula(row.name),
                    "" if wage.employment is None else wage.employment,
                    "" if wage.mean_annual_wage is None else wage.mean_annual_wage,
                    wage.median_annual_wage,
                    escape_formula(wage.period_text),
                    escape_formula(f"{wage.source.publisher}: {wage.source.title} ({wage.source.url})"),
                ]
            )
        return private_unless(response, self.query_canonical)
