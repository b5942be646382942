"""Every public page the browser tests visit, in one list: (name, path) pairs built from the public URL contracts."""

from urllib.parse import urlencode

# Fictional programs the harness creates (see conftest.example_programs); slugs fixed so paths can name them.
PROGRAM_SLUGS = [f"example-browser-{n}" for n in range(1, 6)]

# One candidate in the checklist, as its public URL names the answers (no suffix for the first program).
CHECKLIST_ONE = {
    "name": "Example Lakeside College, certificate",
    "accreditor": "caahep",
    "clinical": "yes",
    "administrative": "yes",
    "externship": "yes",
    "placement": "no",
    "cost": "12000",
    "months": "10",
    "budget": "15000",
    "timeline": "12",
}
# Three candidates: the second's parameters end in _2, the third's in _3, with every verdict represented.
CHECKLIST_THREE = {
    **CHECKLIST_ONE,
    "name_2": "Example Valley Institute, diploma",
    "accreditor_2": "none",
    "clinical_2": "yes",
    "administrative_2": "no",
    "externship_2": "unknown",
    "placement_2": "yes",
    "cost_2": "18000",
    "months_2": "9",
    "name_3": "Example Summit Community College, associate degree",
    "accreditor_3": "unknown",
    "clinical_3": "unknown",
    "administrative_3": "yes",
    "externship_3": "no",
    "placement_3": "unknown",
    "months_3": "24",
}
# Eligibility answers: a graduate of an accredited program a year ago, and a student of another program.
ELIGIBILITY_GRADUATE = {
    "training": "accredited",
    "status_accredited": "finished",
    "months_since_accredited": "12",
    "work_months": "0",
    "hours_per_week": "40",
    "diploma": "yes",
}
ELIGIBILITY_STUDENT = {
    "training": "other-program",
    "status_other_program": "in-training",
    "work_months": "6",
    "hours_per_week": "40",
    "diploma": "yes",
}
# The first step's answers (training, work, diploma), which ask the follow-up questions they open.
ELIGIBILITY_FIRST_STEP = {"training": "apprenticeship", "work_hours": "3000", "diploma": "yes", "step": "follow-ups"}
ELIGIBILITY_ERRORS = {"training": "wizard", "work_months": "-12", "hours_per_week": "40"}
DIRECTORY_FILTERS = {"accreditor": "any", "externship": "yes", "max_cost": "20000", "sort": "cost"}


def _query(params):
    return "?" + urlencode(params)


PAGES = [
    ("home", "/"),
    ("about", "/about/"),
    ("paths", "/programs/paths/"),
    ("directory", "/programs/"),
    ("directory-filtered", "/programs/" + _query(DIRECTORY_FILTERS)),
    ("directory-bad-filter", "/programs/?max_cost=lots&state=XX"),
    ("directory-no-match", "/programs/" + _query({"state": "AK", "format": "online"})),
    ("directory-near", "/programs/" + _query({"near": "43215", "within": "100"})),
    ("directory-near-filtered", "/programs/" + _query({"near": "43215", "within": "100", "control": "public"})),
    ("directory-near-bad-zip", "/programs/" + _query({"near": "00000"})),
    ("directory-online-elsewhere", "/programs/" + _query({"state": "OH", "format": "online"})),
    ("program", f"/programs/{PROGRAM_SLUGS[0]}/"),
    ("compare", "/programs/compare/" + _query([("p", slug) for slug in PROGRAM_SLUGS[:3]])),
    ("checklist", "/programs/checklist/"),
    ("checklist-one", "/programs/checklist/" + _query(CHECKLIST_ONE)),
    ("checklist-three", "/programs/checklist/" + _query(CHECKLIST_THREE)),
    ("checklist-state", "/programs/checklist/" + _query({**CHECKLIST_ONE, "state": "CA"})),
    (
        "checklist-errors",
        "/programs/checklist/" + _query({**CHECKLIST_ONE, "cost": "-5", "months": "99", "clinical": "maybe"}),
    ),
    ("certifications", "/certifications/"),
    ("certification-cma", "/certifications/cma/"),
    ("certification-rma", "/certifications/rma/"),
    ("certification-ncma", "/certifications/ncma/"),
    ("certification-ccma", "/certifications/ccma/"),
    ("eligibility", "/certifications/eligibility/"),
    ("eligibility-graduate", "/certifications/eligibility/" + _query(ELIGIBILITY_GRADUATE)),
    ("eligibility-student", "/certifications/eligibility/" + _query(ELIGIBILITY_STUDENT)),
    ("eligibility-errors", "/certifications/eligibility/" + _query(ELIGIBILITY_ERRORS)),
    ("eligibility-follow-ups", "/certifications/eligibility/" + _query(ELIGIBILITY_FIRST_STEP)),
    ("careers", "/careers/"),
    ("career", "/careers/medical-office-manager/"),
    ("salaries", "/careers/salaries/"),
    ("salaries-states", "/careers/salaries/states/?sort=-median"),
    ("salaries-article", "/careers/salaries/?view=article"),
    ("salary-history", "/careers/salaries/history/medical-assistants/"),
    ("search", "/search/" + _query({"q": "medical assistant"})),
    ("not-found", "/no-such-page/"),
]

# Pages that answer with an error status on purpose; bad form input may answer 200 or 400, with its form errors.
EXPECTED_STATUS = {
    "not-found": {404},
    "directory-bad-filter": {200, 400},
    "checklist-errors": {200, 400},
    "eligibility-errors": {200, 400},
}

# Readable test ids such as [checklist-three].
PAGE_IDS = [name for name, _ in PAGES]
