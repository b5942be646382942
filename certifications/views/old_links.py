"""Links made before today's eligibility form, answered with a permanent redirect to the same answers in today's names.

Two older forms are still linked to: `years_since_<kind>` (the time since a training ended, in years), and
before it the one-training form: one `training` with `status`, `days_to_finish`, `years_since_training`,
`work_years` and `work_years_last_N` (years of full-time work).
"""

from decimal import Decimal, InvalidOperation

from ..forms import names
from ..forms.names import NO, PART_OF_IT, YES

# The one-training form asked for years of full-time work; a full-time week is taken as 40 hours.
OLD_FULL_TIME_WEEK = "40"


def todays_query(query, form):
    """The query in today's names (an answer already in today's name wins), or None when it holds no old name.

    `form` is the checker's form for the stored routes: which trainings, windows of work and days before
    finishing it asks about decide which old names mean something.
    """
    old = names.old_names(form.kinds, form.windows)
    if not any(key in query for key in old):
        return None
    data = query.copy()

    def put(name, value):
        if name not in data and value not in (None, ""):
            data[name] = value

    kinds = [kind for kind in data.getlist(names.TRAINING_FIELD) if kind in form.kinds]
    if len(kinds) == 1:
        kind = kinds[0]
        put(names.status_field(kind), data.get(names.OLD_STATUS))
        put(names.since_field(kind), _months_from_years(data.get(names.OLD_YEARS_SINCE)))
        days = str(data.get(names.OLD_DAYS_TO_FINISH) or "").strip()
        for limit in form.finish_days(kind):
            if days.isdigit():
                put(names.soon_field(kind, limit), YES if int(days) <= limit else NO)
            else:
                put(names.soon_field(kind, limit), days)  # an invalid answer stays an error
    for kind in form.kinds:
        put(names.since_field(kind), _months_from_years(data.get(names.old_since_field(kind))))
    years = _months_from_years(data.get(names.OLD_WORK_YEARS))
    if years is not None:
        put(names.WORK_MONTHS_FIELD, years)
        put(names.WEEKLY_HOURS_FIELD, OLD_FULL_TIME_WEEK)
    for window in form.windows:
        months = _months_from_years(data.get(names.old_window_field(window)))
        if months is not None:
            put(names.window_field(window), PART_OF_IT)
            put(names.window_months_field(window), months)
            put(names.WEEKLY_HOURS_FIELD, OLD_FULL_TIME_WEEK)
    for key in old:
        data.pop(key, None)
    return data


def _months_from_years(value):
    """Years of an old link as months; a value that is no number is passed on, to fail on today's field."""
    text = str(value or "").strip()
    if not text:
        return None
    try:
        years = Decimal(text)
    except InvalidOperation:
        return text
    if not years.is_finite() or years.adjusted() > 4:
        # Fails there as a number too large; multiplied here, 1e999999999 would overflow the decimal context.
        return text
    return f"{(years * 12).normalize():f}"
