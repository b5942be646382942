"""The federal data's vocabulary for a program's credential: IPEDS award levels and College Scorecard credential
levels, which education path each belongs to, how an imported program is named, and the IPEDS academic year."""

from django.db import models


class AwardLevel(models.IntegerChoices):
    """IPEDS completions award levels (AWLEVEL) that can be a medical assisting program's credential."""

    UNDER_ONE_YEAR = 1, "Award of less than one academic year"
    ONE_TO_TWO_YEARS = 2, "Award of at least one but less than two academic years"
    ASSOCIATE = 3, "Associate's degree"
    TWO_TO_FOUR_YEARS = 4, "Award of at least two but less than four academic years"
    UNDER_12_WEEKS = 20, "Certificate of less than 12 weeks"
    TWELVE_WEEKS_TO_ONE_YEAR = 21, "Certificate of at least 12 weeks but less than one academic year"


# One home for the mapping from an IPEDS award level to the education path it belongs to (fixtures/programs.json).
AWARD_LEVEL_PATHS = {
    AwardLevel.UNDER_ONE_YEAR: "certificate-under-one-year",
    AwardLevel.UNDER_12_WEEKS: "certificate-under-one-year",
    AwardLevel.TWELVE_WEEKS_TO_ONE_YEAR: "certificate-under-one-year",
    AwardLevel.ONE_TO_TWO_YEARS: "certificate-one-to-two-years",
    AwardLevel.TWO_TO_FOUR_YEARS: "certificate-two-to-four-years",
    AwardLevel.ASSOCIATE: "associate-degree",
}

# How an imported program is named, from its award level.
AWARD_LEVEL_PROGRAM_NAMES = {
    AwardLevel.UNDER_ONE_YEAR: "Medical Assisting certificate (under 1 year)",
    AwardLevel.UNDER_12_WEEKS: "Medical Assisting certificate (under 12 weeks)",
    AwardLevel.TWELVE_WEEKS_TO_ONE_YEAR: "Medical Assisting certificate (12 weeks to 1 year)",
    AwardLevel.ONE_TO_TWO_YEARS: "Medical Assisting certificate (1 to 2 years)",
    AwardLevel.TWO_TO_FOUR_YEARS: "Medical Assisting certificate (2 to 4 years)",
    AwardLevel.ASSOCIATE: "Medical Assisting associate degree",
}


class CredentialLevel(models.IntegerChoices):
    """College Scorecard field-of-study credential levels (CREDLEV) a medical assisting program can have."""

    CERTIFICATE = 1, "Undergraduate certificate or diploma"
    ASSOCIATE = 2, "Associate's degree"


# Which award levels each Scorecard credential level covers: CREDLEV 1 is every undergraduate certificate.
CREDENTIAL_LEVEL_AWARDS = {
    CredentialLevel.CERTIFICATE: [
        AwardLevel.UNDER_ONE_YEAR,
        AwardLevel.UNDER_12_WEEKS,
        AwardLevel.TWELVE_WEEKS_TO_ONE_YEAR,
        AwardLevel.ONE_TO_TWO_YEARS,
        AwardLevel.TWO_TO_FOUR_YEARS,
    ],
    CredentialLevel.ASSOCIATE: [AwardLevel.ASSOCIATE],
}


def academic_year(collection_year):
    """IPEDS collection year 2023 covers awards from July 2022 to June 2023: shown as 2022–23."""
    return f"{collection_year - 1}–{collection_year % 100:02d}"
