"""CSV import: every bad-input case from the issue, the three formats, and the real UCDP sample."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dashboard import geo
from dashboard.importers import MAX_UPLOAD_BYTES, csv_safe, import_csv
from dashboard.schema import COLUMNS, validate_events

FIXTURES = Path(__file__).parent / "fixtures"

NATIVE_HEADER = "event_date,event_type,country,admin1_code,location,latitude,longitude,fatalities,evidence,source"
PALMYRA = "attack,SY,,Palmyra,34.56,38.28,3,An IED on the road,test"


def native(*rows: str, header: str = NATIVE_HEADER) -> bytes:
    return ("\n".join([header, *rows]) + "\n").encode("utf-8")


def messages(result, row: int | None = None) -> list[str]:
    return [p.message for p in result.problems if row is None or p.row == row]


def skipped_rows(result) -> set[int]:
    return {p.row for p in result.problems if p.row is not None and p.message.endswith("row skipped")}


# -- each bad input: (id, bytes, rows kept, fatal?, [(row, column, words in the message)]) ---------------
BAD_INPUTS = [
    ("utf8-bom", b"\xef\xbb\xbf" + native("2020-03-15," + PALMYRA), 1, False, []),
    ("semicolon-comma-decimals", native("2020-03-15;attack;SY;;Palmyra;34,56;38,28;3;x;t",
                                        header=NATIVE_HEADER.replace(",", ";")), 1, False, []),
    ("tab", native("2020-03-15\tattack\tSY\t\tPalmyra\t34.56\t38.28\t3\tx\tt",
                   header=NATIVE_HEADER.replace(",", "\t")), 1, False, []),
    ("quoted-line-break", native('2020-03-15,attack,SY,,Palmyra,34.56,38.28,3,"first line\nsecond line",t',
                                 "2020-13-40," + PALMYRA), 1, False,
     [(2, "event_date", ["row 2 (line 4 of the file)", "'2020-13-40'", "unreadable date", "row skipped"])]),
    ("missing-required-native", b"event_date,location,latitude\n2020-01-01,Palmyra,34.5\n", 0, True,
     [(None, "event_type, country", ["missing required column(s) event_type, country", "our own"])]),
    ("missing-required-acled", b"event_date,event_type,sub_event_type,admin1,notes,location\n15 March 2020,Battles,"
     b"Armed clash,Homs,x,Palmyra\n", 0, True,
     [(None, "country, latitude, longitude", ["country, latitude, longitude", "ACLED export"])]),
    ("missing-required-ucdp", b"id,type_of_violence,side_a,side_b,where_prec,adm_1\n1,1,a,b,1,Homs\n", 0, True,
     [(None, "date_start, latitude, longitude", ["date_start, latitude, longitude", "UCDP GED"])]),
    ("ambiguous-date", native("03/04/2020," + PALMYRA, "05/05/2020," + PALMYRA), 1, False,
     [(1, "event_date", ["'03/04/2020'", "ambiguous date", "row skipped"])]),
    ("unreadable-date", native("next Tuesday," + PALMYRA, "2020-02-30," + PALMYRA, "," + PALMYRA), 0, False,
     [(1, "event_date", ["unreadable date"]), (2, "event_date", ["unreadable date"]), (3, "event_date", ["missing"])]),
    ("out-of-range", native("2020-03-15,attack,SY,,Nowhere,134.5,238.2,3,x,t"), 0, False,
     [(1, "latitude", ["'134.5, 238.2'", "out of range", "row skipped"])]),
    ("swapped", native("2020-03-15,attack,SY,,Palmyra,38.28,34.56,3,x,t"), 1, False,
     [(1, "latitude", ["'38.28, 34.56'", "swapped", "row kept"])]),
    ("outside-sy-iq", native("2020-03-15,attack,SY,,Paris,48.85,2.35,0,x,t",
                             "2020-03-15,attack,SY,,Amman,31.95,35.93,0,x,t"), 0, False,
     [(1, "latitude", ["outside Syria and Iraq", "row skipped"]), (2, "latitude", ["outside Syria and Iraq"])]),
    ("not-a-number", native("2020-03-15,attack,SY,,Palmyra,north,38.28,3,x,t"), 0, False,
     [(1, "latitude", ["'north'", "not a number"])]),
    ("duplicate-rows", native("2020-03-15," + PALMYRA, "2020-03-16," + PALMYRA, "2020-03-15," + PALMYRA), 2, False,
     [(3, None, ["duplicate of row 1", "row skipped"])]),
    ("empty-file", b"", 0, True, [(None, None, ["empty"])]),
    ("only-whitespace", b"\xef\xbb\xbf \r\n\r\n", 0, True, [(None, None, ["empty"])]),
    ("header-only", native(), 0, False, [(None, None, ["no data rows"])]),
    ("unknown-header", b"foo,bar\n1,2\n", 0, True, [(None, None, ["not recognised", "foo, bar"])]),
    ("too-many-cells", native("2020-03-15," + PALMYRA + ",extra", "2020-03-16," + PALMYRA), 1, False,
     [(1, None, ["expected 10 fields like the header, found 11", "row skipped"])]),
    ("formula-cell", native('2020-03-15,attack,SY,,"=HYPERLINK(""http://example.invalid"",""x"")",34.56,38.28,3,'
                            "@SUM(A1),t"), 1, False,
     [(1, "location", ["spreadsheet formula", "never evaluated", "row kept"]), (1, "evidence", ["formula"])]),
    ("html-in-text", native("2020-03-15,attack,SY,,Palmyra,34.56,38.28,3,<img src=x onerror=alert(1)>,t"), 1, False,
     [(1, "evidence", ["HTML", "row kept"])]),
    ("unknown-type-and-country", native("2020-03-15,picnic,SY,,Palmyra,34.56,38.28,0,x,t",
                                        "2020-03-15,attack,Jordan,,Amman,31.95,35.93,0,x,t"), 0, False,
     [(1, "event_type", ["unknown event type"]), (2, "country", ["Syria or Iraq"])]),
    ("bad-fatalities-kept", native("2020-03-15,attack,SY,,Palmyra,34.56,38.28,dozens,x,t"), 1, False,
     [(1, "fatalities", ["'dozens'", "left blank", "row kept"])]),
]


@pytest.mark.parametrize("data, kept, fatal, expected", [c[1:] for c in BAD_INPUTS], ids=[c[0] for c in BAD_INPUTS])
def test_bad_input_is_named_and_good_rows_are_kept(data, kept, fatal, expected):
    result = import_csv(data, "upload.csv")
    assert len(result.events) == kept
    assert result.fatal is fatal
    for row, column, words in expected:
        matching = [p for p in result.problems if p.row == row and p.column == column]
        assert matching, f"no problem for row {row} column {column}: {messages(result)}"
        assert any(all(w in p.message for w in words) for p in matching), messages(result)
    for problem in result.problems:
        if problem.row is not None or "not UTF-8" not in problem.message:
            assert "upload.csv" in problem.message
    if not result.fatal:
        # Nothing is lost silently: every row read is kept or named as skipped.
        assert len(result.events) + len(skipped_rows(result)) == result.rows_read
        valid, problems = validate_events(result.events)
        assert problems == [] and len(valid) == len(result.events)


def test_over_the_size_limit_is_refused_before_parsing():
    result = import_csv(b"x" * 101, "big.csv", max_bytes=100)
    assert result.fatal and result.events.empty
    assert "101 bytes" in result.problems[0].message and "upload limit" in result.problems[0].message
    assert MAX_UPLOAD_BYTES >= 10 * 2**20


@pytest.mark.parametrize("encoding, text, expected", [
    ("utf-8-sig", "Palmyra", "utf-8-sig"),
    ("cp1256", "تدمر", "cp1256"),
    ("cp1256", "دير الزور", "cp1256"),
    ("latin-1", "Aïn Issa", "latin-1"),
    ("cp1252", "Tall Abyad “east”", "cp1252"),
    ("utf-16", "الرقة", "utf-16"),
])
def test_text_encodings_are_detected(encoding, text, expected):
    data = f"event_date,event_type,country,location,latitude,longitude\n2020-03-15,attack,SY,{text},34.56,38.28\n"
    result = import_csv(data.encode(encoding), "enc.csv")
    assert result.encoding == expected
    assert result.events["location"].tolist() == [text]
    if expected not in ("utf-8-sig", "utf-16"):
        assert any("not UTF-8" in m for m in messages(result, None))


@pytest.mark.parametrize("fixture, fmt, encoding, delimiter, kept, checks", [
    ("acled_cp1256.csv", "acled", "cp1256", ",", 2,
     {"location": ["تدمر", "الميادين"], "admin1_code": ["SY-HI", "SY-DY"], "event_type": ["attack", "armed_clash"],
      "sub_event_type": ["ied", ""], "date_precision": ["day", "week"], "geo_precision": ["town", "district"],
      "actor1": ["ISIS", "ISIS"], "actor2": ["Syrian army", "Syrian army"]}),
    ("native_latin1.csv", "native", "latin-1", ",", 2,
     {"location": ["Aïn Issa", "Raqqa"], "admin1_code": ["SY-RA", "SY-RA"], "sub_event_type": ["ambush", "sweep"]}),
    ("native_semicolon_dmy.csv", "native", "utf-8", ";", 2,
     {"event_date": ["2022-07-14", "2022-07-28"], "country": ["IQ", "IQ"], "admin1_code": ["IQ-BG", "IQ-KI"],
      "latitude": [33.67, pytest.approx(35.47, abs=0.2)]}),
])
def test_fixture_files(fixture, fmt, encoding, delimiter, kept, checks):
    result = import_csv((FIXTURES / fixture).read_bytes(), fixture)
    assert (result.format, result.encoding, result.delimiter, len(result.events)) == (fmt, encoding, delimiter, kept)
    for column, values in checks.items():
        assert result.events[column].tolist() == values


def test_quoted_line_break_is_kept_inside_the_cell():
    result = import_csv((FIXTURES / "native_semicolon_dmy.csv").read_bytes(), "semi.csv")
    assert "\n second line of the note" in result.events["evidence"].iloc[1]


@pytest.mark.parametrize("dates, expected", [
    (["2020-03-15"], ["2020-03-15"]),
    (["2020-03-15 14:30:00", "2020/3/5"], ["2020-03-15", "2020-03-05"]),
    (["15 March 2020", "5-Mar-2020", '"March 15, 2020"', "Sept 1 2019"], ["2020-03-15", "2020-03-05", "2020-03-15",
                                                                      "2019-09-01"]),
    (["25/12/2020", "03/04/2020"], ["2020-12-25", "2020-04-03"]),  # the column is day-first
    (["12/25/2020", "03/04/2020"], ["2020-12-25", "2020-03-04"]),  # the column is month-first
    (["03/03/2020"], ["2020-03-03"]),  # day = month: not ambiguous
    (["03/04/2020"], [None]),  # ambiguous alone
    (["25/12/2020", "12/25/2020", "03/04/2020"], ["2020-12-25", "2020-12-25", None]),  # mixed column
    (["2020-02-30", "31.04.2021", "2020-00-10", "1850-01-01"], [None, None, None, None]),
])
def test_date_rules(dates, expected):
    rows = [f"{d},{PALMYRA.replace('Palmyra', f'Place{i}')}" for i, d in enumerate(dates)]
    result = import_csv(native(*rows), "dates.csv")
    got = dict(zip(result.events["location"], result.events["event_date"], strict=True))
    assert [got.get(f"Place{i}") for i in range(len(dates))] == expected


@pytest.mark.parametrize("text, precision", [("2020-03", "month"), ("2020", "year"), ("2020-03-15", "day")])
def test_partial_dates_set_precision(text, precision):
    result = import_csv(native(f"{text},{PALMYRA}"), "p.csv")
    assert result.events["date_precision"].tolist() == [precision]


ACLED_HEADER = ("event_id_cnty,event_date,event_type,sub_event_type,actor1,actor2,country,admin1,location,latitude,"
                "longitude,geo_precision,time_precision,fatalities,notes,source")


@pytest.mark.parametrize("acled_type, acled_sub, ours", [
    ("Battles", "Armed clash", ("armed_clash", "")),
    ("Battles", "Government regains territory", ("territory_change", "capture")),
    ("Battles", "Non-state actor overtakes territory", ("territory_change", "capture")),
    ("Explosions/Remote violence", "Air/drone strike", ("airstrike", "")),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack", ("attack", "shelling")),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED", ("attack", "ied")),
    ("Explosions/Remote violence", "Suicide bomb", ("attack", "suicide_bombing")),
    ("Violence against civilians", "Attack", ("attack", "")),
    ("Violence against civilians", "Abduction/forced disappearance", ("attack", "kidnapping")),
    ("Strategic developments", "Non-violent transfer of territory", ("territory_change", "")),
    ("Strategic developments", "Arrests", ("security_operation", "arrest")),
    ("Protests", "Peaceful protest", None),
    ("Riots", "Violent demonstration", None),
    ("Strategic developments", "Looting/property destruction", None),
])
def test_acled_event_types(acled_type, acled_sub, ours):
    row = (f"IRQ1,2021-06-01,{acled_type},{acled_sub},Islamic State (Iraq),Military Forces of Iraq (2020-),Iraq,"
           "Kirkuk,Hawija,35.33,43.77,1,3,2,Fixture note,Fixture source")
    result = import_csv(f"{ACLED_HEADER}\n{row}\n".encode(), "acled.csv")
    assert result.format == "acled"
    if ours is None:
        assert result.events.empty
        assert any("not a conflict event type we map" in m for m in messages(result, 1))
    else:
        event = result.events.iloc[0]
        assert (event.event_type, event.sub_event_type) == ours
        assert (event.country, event.admin1_code, event.date_precision) == ("IQ", "IQ-KI", "month")
        assert (event.actor1, event.actor2, event.evidence) == ("ISIS", "Iraqi security forces", "Fixture note")


def test_acled_other_countries_are_reported():
    row = "TUR1,2021-06-01,Battles,Armed clash,A,B,Turkey,Hatay,Antakya,36.2,36.16,1,1,0,x,y"
    result = import_csv(f"{ACLED_HEADER}\n{row}\n".encode(), "acled.csv")
    assert result.events.empty
    assert any("'Turkey'" in m and "Syria or Iraq" in m for m in messages(result, 1))


UCDP_HEADER = ("id,year,type_of_violence,side_a,side_b,source_office,source_headline,source_article,where_prec,"
               "where_coordinates,adm_1,latitude,longitude,country,date_prec,date_start,date_end,best")


@pytest.mark.parametrize("row, expected", [
    ("9001,2018,1,Government of Syria,Syrian insurgents,Fixture,Warplanes struck the town,,1,Fixture town,"
     "Idlib Governorate,35.93,36.63,Syria,1,2018-05-02,2018-05-02,7",
     {"event_type": "airstrike", "actor1": "Syrian army", "admin1_code": "SY-ID", "geo_precision": "town",
      "date_precision": "day", "fatalities": 7}),
    ("9002,2018,2,IS,SDF,Fixture,Clashes east of the river,,3,Fixture district,Deir ez Zor Governorate,35.02,40.45,"
     "Syria,2,2018-05-02,2018-05-05,3",
     {"event_type": "armed_clash", "actor1": "ISIS", "actor2": "SDF", "admin1_code": "SY-DY",
      "geo_precision": "district", "date_precision": "week"}),
    ("9003,2018,3,IS,Civilians,Fixture,,\"\"\"Fixture,2018-05-02,Headline in the article field\"\"\",4,"
     "Fixture governorate,Ar Raqqah Governorate,35.95,39.01,Syria,4,2018-05-01,2018-05-31,1",
     {"event_type": "attack", "admin1_code": "SY-RA", "geo_precision": "governorate", "date_precision": "month",
      "evidence": "Fixture,2018-05-02,Headline in the article field"}),
    ("9004,2018,1,Government of Syria,Syrian insurgents,Fixture,Yearly toll,,6,Syria,,35.0,38.0,Syria,5,2018-01-01,"
     "2018-12-31,100",
     {"admin1_code": "", "country": "SY", "geo_precision": "country", "date_precision": "year"}),
    ("9005,2018,1,Government of Syria,Syrian insurgents,Fixture,Shelling,,1,Fixture village,,34.80,36.70,Syria,1,"
     "2018-01-03,2018-01-03,2",
     {"admin1_code": "SY-HI"}),  # blank adm_1: from the point
])
def test_ucdp_rows(row, expected):
    result = import_csv(f"{UCDP_HEADER}\n{row}\n".encode(), "ucdp.csv")
    assert result.format == "ucdp" and len(result.events) == 1, messages(result)
    event = result.events.iloc[0]
    for column, value in expected.items():
        assert event[column] == value, column


def test_event_ids_are_stable_and_unique():
    data = native("2020-03-15," + PALMYRA, "2020-03-15," + PALMYRA.replace(",3,", ",4,"))
    first, second = import_csv(data, "a.csv"), import_csv(data, "b.csv")
    assert first.events["event_id"].tolist() == second.events["event_id"].tolist()
    # Same source, date, type and place but different details: two events, two ids.
    assert first.events["event_id"].is_unique and len(first.events) == 2


def test_repeated_event_id_given_in_the_file_keeps_the_first():
    header = "event_id," + NATIVE_HEADER
    result = import_csv(native("e1,2020-03-15," + PALMYRA, "e1,2020-03-16," + PALMYRA, header=header), "ids.csv")
    assert result.events["event_date"].tolist() == ["2020-03-15"]
    assert any("event_id already used" in m for m in messages(result, 2))


def test_numeric_looking_event_ids_stay_text():
    header = "event_id," + NATIVE_HEADER
    result = import_csv(native("007,2020-03-15," + PALMYRA, "010,2020-03-16," + PALMYRA, header=header), "ids.csv")
    assert result.events["event_id"].tolist() == ["007", "010"]


def test_extra_columns_are_ignored_with_a_notice():
    result = import_csv(native("2020-03-15," + PALMYRA + ",blue", header=NATIVE_HEADER + ",colour"), "x.csv")
    assert len(result.events) == 1 and result.columns_ignored == ["colour"]
    assert any("ignored column(s)" in m and "colour" in m for m in messages(result, None))


def test_governorate_name_disagreeing_with_a_distant_point_loses_to_the_point():
    # Named Aleppo, but the point is Palmyra (Homs), far from Aleppo's border.
    result = import_csv(native("2020-03-15,attack,SY,Aleppo,Palmyra,34.56,38.28,0,x,t"), "d.csv")
    assert result.events["admin1_code"].tolist() == ["SY-HI"]
    assert any("disagrees with the point" in m for m in messages(result, 1))


def test_csv_safe_neutralises_formulas_for_export():
    result = import_csv(native('2020-03-15,attack,SY,,"=HYPERLINK(""x"")",34.56,38.28,3,-1 note,t'), "f.csv")
    safe = csv_safe(result.events)
    assert safe["location"].iloc[0] == "'=HYPERLINK(\"x\")" and safe["evidence"].iloc[0] == "'-1 note"
    assert result.events["location"].iloc[0] == "=HYPERLINK(\"x\")"  # the stored value stays verbatim
    assert safe["latitude"].iloc[0] == 34.56


GOOD_ROWS = ["2021-01-0{d},attack,SY,,Palmyra,34.5{d},38.2{d},1,row{n},t",
             "2021-02-0{d},airstrike,IQ,IQ-AN,Ramadi,,,0,row{n},t"]
BAD_ROWS = ["2021-13-0{d},attack,SY,,Palmyra,34.5,38.2,1,row{n},t", "2021-01-0{d},attack,SY,,Paris,48.8,2.3,0,row{n},t",
            "2021-01-0{d},attack,SY,,X,95.0,200.0,0,row{n},t", "2021-01-0{d},party,SY,,Palmyra,34.5,38.2,0,row{n},t"]


@settings(max_examples=40, deadline=None)
@given(st.lists(st.tuples(st.booleans(), st.integers(0, 3), st.integers(1, 9)), min_size=1, max_size=25))
def test_every_row_is_kept_or_named(plan):
    """Mixed good and bad rows: the good ones are all kept, each bad one is named by its row number."""
    lines, good, bad = [], set(), set()
    for number, (is_good, variant, day) in enumerate(plan, start=1):
        template = GOOD_ROWS[variant % 2] if is_good else BAD_ROWS[variant]
        lines.append(template.format(d=day, n=number))
        (good if is_good else bad).add(number)
    result = import_csv(native(*lines), "mixed.csv")
    assert skipped_rows(result) == bad
    assert sorted(result.events["evidence"]) == sorted(f"row{n}" for n in good)
    assert list(result.events.columns) == list(COLUMNS)


@pytest.mark.shared
def test_real_ucdp_sample_every_row_kept_or_reported_and_admin1_agrees(shared_dir):
    path = shared_dir / "real" / "ucdp_ged_syria_sample.csv"
    result = import_csv(path.read_bytes(), path.name)
    raw = pd.read_csv(path, dtype=str, keep_default_na=False)
    assert result.format == "ucdp" and result.rows_read == len(raw) == 2680
    assert len(result.events) + len(skipped_rows(result)) == len(raw)
    assert len(result.events) == 2680  # the sample has no invalid rows
    named = raw["adm_1"].str.replace(" Governorate", "", regex=False)
    expected = [geo.governorate_code(n, "SY") if n else None for n in named]
    has_name = pd.Series([e is not None for e in expected])
    assert has_name.sum() >= 2600  # every non-blank adm_1 is a recognised governorate
    agree = (result.events["admin1_code"][has_name] == pd.Series(expected)[has_name]).mean()
    assert agree >= 0.99
    assert result.events["event_id"].is_unique


@pytest.mark.parametrize("fmt, data", [
    ("acled", f"{ACLED_HEADER}\nIRQ9,2021-06-01,Battles,Armed clash,Islamic State (Iraq),"
              "Military Forces of Iraq (2020-),Iraq,,Hawija,,,1,1,2,Fixture note,Fixture source\n"),
    ("ucdp", f"{UCDP_HEADER}\n9010,2018,2,IS,SDF,Fixture,Clashes,,2,Hajin,,,,Syria,1,2018-05-02,2018-05-02,3\n"),
])
def test_rows_without_coordinates_are_placed_by_their_location_name(fmt, data):
    # Regression: placing such rows by name once crashed the whole import
    # ("assignment destination is read-only").
    result = import_csv(data.encode(), f"{fmt}.csv")
    assert result.format == fmt and len(result.events) == 1, messages(result)
    event = result.events.iloc[0]
    assert event.admin1_code == ("IQ-KI" if fmt == "acled" else "SY-DY")
    assert event.latitude == event.latitude  # a point from the gazetteer, not NaN
