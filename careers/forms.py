"""The query parameters of the pay tables, validated by forms: anything unknown means the default."""

from django import forms

VIEW_ARTICLE = "article"
VIEW_LATEST = "latest"  # the old mixed-years view of the salary table: answered with a permanent redirect


class TableSortForm(forms.Form):
    """?sort= of a sortable table: a column key, or "-" and the key for descending order."""

    sort = forms.ChoiceField(required=False)

    def __init__(self, data, *, sort_keys, **kwargs):
        super().__init__(data, **kwargs)
        orders = (("", "ascending"), ("-", "descending"))
        self.fields["sort"].choices = [("", "default order")] + [
            (f"{sign}{key}", f"{key}, {order}") for key in sort_keys for sign, order in orders
        ]

    def value(self, name):
        """The field's cleaned value, or "" (the default) when it is missing or not one of the choices."""
        self.is_valid()
        return self.cleaned_data.get(name) or ""

    def sort_order(self, default=(None, False)):
        """('wage', True) for ?sort=-wage; `default` for a missing or unknown sort."""
        sort = self.value("sort")
        if not sort:
            return default
        return sort.lstrip("-"), sort.startswith("-")


class SalaryTableForm(TableSortForm):
    """?view= (the current figures, or "article": the figures the article quoted) and ?sort= of the salary table."""

    view = forms.ChoiceField(required=False, choices=[("", "current figures"), (VIEW_ARTICLE, "the article's figures")])

    @property
    def article(self):
        return self.value("view") == VIEW_ARTICLE
