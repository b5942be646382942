"""Bounds and conversions that several apps apply, each defined once."""

# A full-time year of work: 52 forty-hour weeks. BLS's derived hourly wage divides by it, and it is the
# year NCCT's work route counts (certifications/models.py) and the default for a route's work years.
FULL_TIME_HOURS_PER_YEAR = 2080

# The longest program length any form, filter or row accepts (five years, in months).
MAX_PROGRAM_MONTHS = 60

# The largest dollar amount any form or filter accepts (costs, earnings, debt).
MAX_DOLLARS = 1_000_000
