"""Where a figure or a program is: the one table of the nation, the 50 states and DC, and the territories.

`Area` is the choice a wage or projection is stored with: the nation, or one of the 50 states and DC. A
program may also be in a territory with a US postal code; no state wage figure covers those.
"""

from django.db import models


class Area(models.TextChoices):
    """Where a figure applies: the nation, or one of the 50 states and the District of Columbia (postal codes)."""

    NATION = "US", "United States"
    AL = "AL", "Alabama"
    AK = "AK", "Alaska"
    AZ = "AZ", "Arizona"
    AR = "AR", "Arkansas"
    CA = "CA", "California"
    CO = "CO", "Colorado"
    CT = "CT", "Connecticut"
    DE = "DE", "Delaware"
    DC = "DC", "District of Columbia"
    FL = "FL", "Florida"
    GA = "GA", "Georgia"
    HI = "HI", "Hawaii"
    ID = "ID", "Idaho"
    IL = "IL", "Illinois"
    IN = "IN", "Indiana"
    IA = "IA", "Iowa"
    KS = "KS", "Kansas"
    KY = "KY", "Kentucky"
    LA = "LA", "Louisiana"
    ME = "ME", "Maine"
    MD = "MD", "Maryland"
    MA = "MA", "Massachusetts"
    MI = "MI", "Michigan"
    MN = "MN", "Minnesota"
    MS = "MS", "Mississippi"
    MO = "MO", "Missouri"
    MT = "MT", "Montana"
    NE = "NE", "Nebraska"
    NV = "NV", "Nevada"
    NH = "NH", "New Hampshire"
    NJ = "NJ", "New Jersey"
    NM = "NM", "New Mexico"
    NY = "NY", "New York"
    NC = "NC", "North Carolina"
    ND = "ND", "North Dakota"
    OH = "OH", "Ohio"
    OK = "OK", "Oklahoma"
    OR = "OR", "Oregon"
    PA = "PA", "Pennsylvania"
    RI = "RI", "Rhode Island"
    SC = "SC", "South Carolina"
    SD = "SD", "South Dakota"
    TN = "TN", "Tennessee"
    TX = "TX", "Texas"
    UT = "UT", "Utah"
    VT = "VT", "Vermont"
    VA = "VA", "Virginia"
    WA = "WA", "Washington"
    WV = "WV", "West Virginia"
    WI = "WI", "Wisconsin"
    WY = "WY", "Wyoming"

    @classmethod
    def states(cls):
        """The 50 states and DC, as (code, name), in the choices' order: alphabetical by name."""
        return [(code, name) for code, name in cls.choices if code != cls.NATION]


# Places with a US postal code outside the 50 states and DC: no state figure covers them.
TERRITORIES = [
    ("AS", "American Samoa"),
    ("GU", "Guam"),
    ("MP", "Northern Mariana Islands"),
    ("PR", "Puerto Rico"),
    ("VI", "U.S. Virgin Islands"),
]
# How a sentence names the territories that take an article: "the Northern Mariana Islands".
_IN_A_SENTENCE = {"MP": "the Northern Mariana Islands", "VI": "the U.S. Virgin Islands"}

STATE_NAMES = dict(Area.states())
TERRITORY_NAMES = dict(TERRITORIES)
# Every place a program may be in: the 50 states and DC, then the territories (the directory's choices).
POSTAL_PLACES = [*Area.states(), *TERRITORIES]
POSTAL_NAMES = dict(POSTAL_PLACES)


def place_name(code):
    """The state's or territory's name as a sentence has it ("Ohio", "the U.S. Virgin Islands"), or ""."""
    code = (code or "").strip().upper()
    return _IN_A_SENTENCE.get(code) or POSTAL_NAMES.get(code, "")
