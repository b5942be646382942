"""The wage figures' CSV import: the columns an editor's file holds and how a row becomes a WageFigure."""

from import_export import fields

from content.csv_imports.resources import AllOrNothingResource, ByKeyWidget
from content.models import Source

from ..models import Area, Occupation, WageFigure

# What each column of the wage CSV holds, for the import page and the downloadable template.
WAGE_COLUMNS = [
    ("occupation", "The occupation's slug, exactly as listed below (e.g. the part after /careers/salaries/history/)."),
    ("reference_year", "The year the figures describe, four digits."),
    ("median_annual_wage", "Required. Whole US dollars, digits only: no $ sign, commas or spaces."),
    ("reference_period", "The period as the source names it. Leave blank to use “May <year>”, the month OEWS "
                         "estimates describe; if filled in, it must name the reference year."),
    ("source", "The key of the source the figures come from, as listed below (add the source first if it is new)."),
    ("area", "US for a national figure, or a state's two-letter postal code (DC for the District of Columbia). "
             "Left blank, it means US."),
    ("mean_annual_wage", "Whole US dollars, or blank if the source does not give it."),
    ("employment", "Number employed, digits only, or blank."),
    ("percentile_10", "10th percentile annual wage in whole dollars, or blank."),
    ("percentile_25", "25th percentile annual wage in whole dollars, or blank."),
    ("percentile_75", "75th percentile annual wage in whole dollars, or blank."),
    ("percentile_90", "90th percentile annual wage in whole dollars, or blank."),
    ("median_hourly_wage", "Only the hourly median the source itself publishes, in dollars and cents; leave blank "
                           "rather than dividing the annual wage."),
]  # fmt: skip
WAGE_COLUMN_NAMES = [name for name, _ in WAGE_COLUMNS]


class WageFigureResource(AllOrNothingResource):
    """Wage figures as CSV rows: the occupation by its slug, the source by its key and the area by its code."""

    occupation = fields.Field(
        attribute="occupation",
        column_name="occupation",
        widget=ByKeyWidget(Occupation, field="slug"),
    )
    source = fields.Field(
        attribute="source",
        column_name="source",
        widget=ByKeyWidget(Source, field="key"),
    )

    class Meta:
        model = WageFigure
        fields = WAGE_COLUMN_NAMES
        import_order = WAGE_COLUMN_NAMES
        export_order = WAGE_COLUMN_NAMES
        import_id_fields = ["occupation", "reference_year", "area"]
        # Model validation (required fields, year range, period against year) runs on every row before anything
        # is saved.
        clean_model_instances = True
        skip_unchanged = True
        report_skipped = True
        use_transactions = True

    def import_data(self, dataset, dry_run=False, **kwargs):
        # A file without an area column, or a row with a blank area, is national: files made before areas existed
        # still import.
        if dataset.headers:
            dataset.headers = [header.strip() if isinstance(header, str) else header for header in dataset.headers]
            if "area" not in dataset.headers:
                dataset.append_col([Area.NATION] * len(dataset), header="area")
            else:
                position = dataset.headers.index("area")
                for number in range(len(dataset)):
                    row = list(dataset[number])
                    row[position] = str(row[position] or "").strip().upper() or Area.NATION
                    dataset[number] = tuple(row)
        return super().import_data(dataset, dry_run=dry_run, **kwargs)
