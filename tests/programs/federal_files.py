"""Small files in the federal data sets' published layouts, written by the import tests.

The column lists follow the published files: IPEDS HD<year>.csv (the directory; its leading columns, in
order, up to the ones the importer reads and a few after) and C<year>_A.csv (completions: every column, in
order), and the College Scorecard field-of-study file in its current and older vintages (the identifying
columns, the debt columns and the earnings columns, in the published order). Cells the importers do not
read are written as the files give them for a school that reported them ("R" flags, zero counts, "PS").
"""

import csv

HD_COLUMNS = [
    "UNITID",
    "INSTNM",
    "IALIAS",
    "ADDR",
    "CITY",
    "STABBR",
    "ZIP",
    "FIPS",
    "OBEREG",
    "CHFNM",
    "CHFTITLE",
    "GENTELE",
    "EIN",
    "UEIS",
    "OPEID",
    "OPEFLAG",
    "WEBADDR",
    "ADMINURL",
    "FAIDURL",
    "APPLURL",
    "NPRICURL",
    "VETURL",
    "ATHURL",
    "DISAURL",
    "SECTOR",
    "ICLEVEL",
    "CONTROL",
    "HLOFFER",
    "UGOFFER",
    "GROFFER",
    "HDEGOFR1",
    "DEGGRANT",
    "HBCU",
    "HOSPITAL",
    "MEDICAL",
    "TRIBAL",
    "LOCALE",
    "OPENPUBL",
    "ACT",
    "NEWID",
    "DEATHYR",
    "CLOSEDAT",
    "CYACTIVE",
    "POSTSEC",
    "PSEFLAG",
    "PSET4FLG",
    "RPTMTH",
    "INSTCAT",
    "COUNTYCD",
    "COUNTYNM",
    "CNGDSTCD",
    "LONGITUD",
    "LATITUDE",
]

_RACES = ["AIAN", "ASIA", "BKAA", "HISP", "NHPI", "WHIT", "2MOR", "UNKN", "NRAL"]
C_A_COLUMNS = ["UNITID", "CIPCODE", "MAJORNUM", "AWLEVEL"]
for _group in ["TOTAL", *_RACES]:
    for _sex in "TMW":
        C_A_COLUMNS += [f"XC{_group}{_sex}", f"C{_group}{_sex}"]

_SCORECARD_HEAD = [
    "UNITID",
    "OPEID6",
    "INSTNM",
    "CONTROL",
    "MAIN",
    "CIPCODE",
    "CIPDESC",
    "CREDLEV",
    "CREDDESC",
    "IPEDSCOUNT1",
    "IPEDSCOUNT2",
    "DEBT_ALL_STGP_ANY_N",
    "DEBT_ALL_STGP_ANY_MEAN",
    "DEBT_ALL_STGP_ANY_MDN",
    "DEBT_ALL_STGP_EVAL_N",
    "DEBT_ALL_STGP_EVAL_MEAN",
    "DEBT_ALL_STGP_EVAL_MDN",
]
SCORECARD_CURRENT_COLUMNS = _SCORECARD_HEAD + [
    "EARN_COUNT_NWNE_1YR",
    "EARN_COUNT_WNE_1YR",
    "EARN_MDN_1YR",
    "EARN_GT_THRESHOLD_1YR",
    "EARN_COUNT_NWNE_4YR",
    "EARN_COUNT_WNE_4YR",
    "EARN_MDN_4YR",
    "EARN_GT_THRESHOLD_4YR",
    "DISTANCE",
]
SCORECARD_OLDER_COLUMNS = _SCORECARD_HEAD + [
    "EARN_COUNT_NWNE_HI_1YR",
    "EARN_COUNT_WNE_HI_1YR",
    "EARN_MDN_HI_1YR",
    "EARN_CNTOVER150_HI_1YR",
    "EARN_COUNT_NWNE_HI_2YR",
    "EARN_COUNT_WNE_HI_2YR",
    "EARN_MDN_HI_2YR",
    "EARN_CNTOVER150_HI_2YR",
]


def write_csv(path, columns, rows, *, quote_all=False):
    """Rows are dicts of the cells that matter; every other published column is written with a plain value."""
    with open(path, "w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle, quoting=csv.QUOTE_NONNUMERIC if quote_all else csv.QUOTE_MINIMAL)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(column, "") for column in columns])
    return path


def school(unitid, name, city, state, web="www.example.edu/"):
    return {"UNITID": unitid, "INSTNM": name, "CITY": city, "STABBR": state, "WEBADDR": web, "SECTOR": 9}


def completion(unitid, cip, level, total, *, major=1, flag="R"):
    row = {"UNITID": unitid, "CIPCODE": cip, "MAJORNUM": major, "AWLEVEL": level, "XCTOTALT": flag, "CTOTALT": total}
    for column in C_A_COLUMNS[6:]:
        row[column] = "Z" if column.startswith("XC") else 0
    return row


def field_of_study(
    unitid,
    level,
    *,
    cip="5108",
    vintage="current",
    earn_1yr,
    count_1yr,
    earn_later,
    count_later,
    debt,
    debt_count,
    name="Example school",
):
    row = {
        "UNITID": unitid,
        "OPEID6": "PS",
        "INSTNM": name,
        "CONTROL": "Private, for-profit",
        "MAIN": 1,
        "CIPCODE": cip,
        "CIPDESC": "Allied Health and Medical Assisting Services.",
        "CREDLEV": level,
        "CREDDESC": "Undergraduate Certificate or Diploma" if level == 1 else "Associate's Degree",
        "IPEDSCOUNT1": 40,
        "IPEDSCOUNT2": 41,
        "DEBT_ALL_STGP_EVAL_N": debt_count,
        "DEBT_ALL_STGP_EVAL_MDN": debt,
    }
    if vintage == "current":
        row |= {"EARN_COUNT_WNE_1YR": count_1yr, "EARN_MDN_1YR": earn_1yr}
        row |= {"EARN_COUNT_WNE_4YR": count_later, "EARN_MDN_4YR": earn_later}
    else:
        row |= {"EARN_COUNT_WNE_HI_1YR": count_1yr, "EARN_MDN_HI_1YR": earn_1yr}
        row |= {"EARN_COUNT_WNE_HI_2YR": count_later, "EARN_MDN_HI_2YR": earn_later}
    return row
