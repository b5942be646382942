"""JSON-LD structured data (schema.org) for occupations and credentials, built from stored facts only."""

import json

from django.utils.safestring import mark_safe

# The same characters json_script escapes, so a stored text can never close the <script> element.
_ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def as_json_ld(data):
    """`data` as JSON safe to place inside <script type="application/ld+json">."""
    return mark_safe(json.dumps(data, ensure_ascii=False, indent=None).translate(_ESCAPES))


def _organization(body):
    return {"@type": "Organization", "name": body.name, "alternateName": body.abbreviation, "url": body.website}


def occupation(occupation, *, wages, url):
    """An `Occupation` with one `estimatedSalary` per sourced median wage.

    `occupationalCategory` is given only when a SOC code is stored: we never guess one.
    """
    data = {
        "@context": "https://schema.org",
        "@type": "Occupation",
        "name": occupation.name,
        "occupationLocation": {"@type": "Country", "name": "United States"},
        "mainEntityOfPage": url,
    }
    if occupation.summary:
        data["description"] = occupation.summary
    if occupation.entry_education:
        data["educationRequirements"] = occupation.entry_education
    if occupation.soc_code:
        data["occupationalCategory"] = {
            "@type": "CategoryCode",
            "codeValue": occupation.soc_code,
            "inCodeSet": "Standard Occupational Classification (SOC)",
        }
    data["estimatedSalary"] = [
        {
            "@type": "MonetaryAmountDistribution",
            "name": f"Median annual wage, {wage.period_text}",
            "currency": "USD",
            "duration": "P1Y",
            "median": wage.median_annual_wage,
            "description": f"Source: {wage.source.publisher}, {wage.source.title}",
        }
        for wage in wages
    ]
    return data


def credential(certification, *, url):
    """An `EducationalOccupationalCredential` for one certification and the body that awards it."""
    return {
        "@context": "https://schema.org",
        "@type": "EducationalOccupationalCredential",
        "name": certification.name,
        "alternateName": certification.abbreviation,
        "credentialCategory": "certification",
        "url": url,
        "sameAs": certification.official_url,
        "recognizedBy": _organization(certification.body),
    }
