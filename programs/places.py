"""Where a visitor is (a ZIP code's centre) and how far each school is from it, in miles as the crow flies.

The ZIP centres come from the `zipcodes` package, which bundles them (no network at run time): its
coordinates are GeoNames' (CC BY 4.0), credited on the about page.
"""

import functools
import math
import re
from dataclasses import dataclass

from django.db.models import F, FloatField, Value
from django.db.models.functions import ACos, Cos, Least, Radians, Sin

EARTH_RADIUS_MILES = 3958.8
MILES_PER_DEGREE_LATITUDE = 69.0
DISTANCES = (10, 25, 50, 100)
DEFAULT_DISTANCE = 25
FIVE_DIGITS = re.compile(r"^\d{5}$")


@dataclass(frozen=True)
class ZipCentre:
    zip_code: str
    city: str
    state: str
    latitude: float
    longitude: float


@functools.lru_cache(maxsize=4096)
def zip_centre(zip_code):
    """The centre of a five-digit ZIP code, or None when it is not one the bundled data know (or has no centre)."""
    if not FIVE_DIGITS.match(zip_code or ""):
        return None
    import zipcodes  # loads its data (~0.3 s) on first use only, not at every start

    try:
        found = zipcodes.matching(zip_code)
    except (ValueError, TypeError):
        return None
    for place in found:
        try:
            latitude, longitude = float(place["lat"]), float(place["long"])
        except (KeyError, TypeError, ValueError):
            continue
        return ZipCentre(zip_code, place.get("city", ""), place.get("state", ""), latitude, longitude)
    return None


def miles_between(lat1, lon1, lat2, lon2):
    """The great-circle distance in miles (the same formula the database computes, for checks and tests)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    cosine = math.sin(phi1) * math.sin(phi2) + math.cos(phi1) * math.cos(phi2) * math.cos(math.radians(lon2 - lon1))
    return EARTH_RADIUS_MILES * math.acos(min(1.0, max(-1.0, cosine)))


def bounding_box(centre, miles):
    """(south, north, west, east) in degrees around `centre`, wide enough to hold every point within `miles`."""
    dlat = miles / MILES_PER_DEGREE_LATITUDE
    north = min(90.0, centre.latitude + dlat)
    south = max(-90.0, centre.latitude - dlat)
    widest = max(abs(north), abs(south))
    if widest >= 89.0:
        return south, north, -180.0, 180.0
    dlon = miles / (MILES_PER_DEGREE_LATITUDE * math.cos(math.radians(widest)))
    return south, north, centre.longitude - dlon, centre.longitude + dlon


def distance_miles(centre):
    """The great-circle distance from `centre` to a program's school, as a database expression (SQLite, PostgreSQL)."""
    phi = math.radians(centre.latitude)
    cosine = Value(math.sin(phi)) * Sin(Radians(F("latitude"))) + Value(math.cos(phi)) * Cos(
        Radians(F("latitude"))
    ) * Cos(Radians(F("longitude")) - Value(math.radians(centre.longitude)))
    return Value(EARTH_RADIUS_MILES) * ACos(Least(cosine, Value(1.0), output_field=FloatField()))
