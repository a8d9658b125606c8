"""One parametrized test per extraction rule of DESIGN.md (sentences written for these tests)."""

from __future__ import annotations

from datetime import date

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dashboard.extract import extract_events as extract_events_filtered
from dashboard.schema import COLUMNS, validate_events

PUB = "2024-05-22"  # a Wednesday


def extract_events(text: str, published: str | date, **kwargs) -> pd.DataFrame:
    """The rules alone. These tests pin what each rule emits; the learned false-alarm
    filter on top is statistical and changes when retrained, so it is tested on its own
    (tests/test_extract_confidence.py) and end to end by the corpus tests."""
    return extract_events_filtered(text, published, keep_false_alarms=True, **kwargs)


def _pairs(df: pd.DataFrame) -> set[tuple[str, str]]:
    return set(zip(df["event_type"], df["admin1_code"], strict=True))


# --- negation and denial: never a plain event -----------------------------------------------
@pytest.mark.parametrize("text,forbidden_type", [
    ("ISIS did not capture Al-Sukhnah, the army said on Monday.", "territory_change"),
    ("The ministry denied that its forces shelled Tal Rifaat on Monday.", "attack"),
    ("Rebels failed to seize the town of Kafr Nubl on Sunday.", "territory_change"),
    ("No clashes were reported in Manbij on Friday.", "armed_clash"),
    ("Contrary to rumours spread online, the militants have not taken control of Hajin.", "territory_change"),
    ("Local officials dismissed reports that ISIS captured the Al-Omar oil field.", "territory_change"),
])
def test_negated_or_denied_events_are_not_emitted(text: str, forbidden_type: str) -> None:
    df = extract_events(text, PUB)
    assert forbidden_type not in set(df["event_type"])


def test_a_speakers_denial_of_a_claim_told_before_makes_it_disputed() -> None:
    # One account contradicted by another's is `disputed` (DESIGN); this test said
    # "cancelled" until the holdout-4..7 writers, independently, all coded it disputed.
    text = ("Opposition websites said on Monday that ISIS had seized the town of Al-Sukhnah. "
            "The defence ministry denied that militants captured Al-Sukhnah and said the army repelled an attack "
            "on the town on Monday.")
    df = extract_events(text, PUB)
    captures = df[df["event_type"] == "territory_change"]
    assert list(captures["claim_status"]) == ["disputed"]
    # "repelled an attack" is the group's attack (DESIGN: attack "by an armed group").
    assert ("attack", "SY-HI") in _pairs(df)


@pytest.mark.parametrize("text", [
    # the narrator's own voice settles it: nothing happened
    "Pro-government pages claimed on Monday that ISIS had seized the town of Al-Sukhnah. "
    "That is not true: ISIS did not capture Al-Sukhnah, and the town remains quiet.",
    "Channels close to the group claimed its fighters stormed the Baiji refinery on Sunday. "
    "The refinery was not attacked, and work continued normally.",
])
def test_the_narrators_denial_of_a_claim_leaves_no_event(text: str) -> None:
    df = extract_events(text, PUB)
    assert not (set(df["event_type"]) & {"territory_change", "attack"}), df[["event_type", "location"]]


@pytest.mark.parametrize(("text", "etype"), [
    ("State media said on Tuesday that gunmen fired mortar shells at Daraa al-Mahatta. Local activists said "
     "no shells had hit Daraa al-Mahatta that day.", "attack"),
    ("Militants attacked an army post near Rutba on Monday, a local official said. The Joint Operations Command "
     "said no attack took place.", "attack"),
    ("ISIS claimed an ambush on an army convoy near Rutba on Monday. The army denied that any ambush took place.",
     "attack"),
    ("ISIS said it ambushed a patrol near Tadmur on Monday. The army said the patrol returned safely and there was "
     "no ambush.", "attack"),
])
def test_a_party_contradicting_an_account_disputes_it(text: str, etype: str) -> None:
    df = extract_events(text, PUB)
    rows = df[df["event_type"] == etype]
    assert len(rows) == 1 and rows["claim_status"].iloc[0] == "disputed", df[["event_type", "claim_status"]]


# --- hypotheticals, intentions, questions, habits -------------------------------------------
@pytest.mark.parametrize("text", [
    "Officials warned that ISIS could attack the Baiji refinery in the coming weeks.",
    "The army intends to launch an offensive on Idlib after the elections.",
    "If the truce collapses, fighting may resume around Manbij.",
    "Will Turkey launch a new ground operation against Ain Issa?",
    "Roadside bombs are often used against patrols in Deir ez-Zor.",
    "Commanders said they were preparing to retake Hajin from the militants.",
    "Security forces foiled a plot to bomb a market in Kirkuk.",
])
def test_hypotheticals_are_not_events(text: str) -> None:
    df = extract_events(text, PUB)
    assert not (set(df["event_type"]) & {"attack", "offensive", "armed_clash", "territory_change"})


# --- background ----------------------------------------------------------------------------------
@pytest.mark.parametrize("text", [
    "Since ISIS seized Mosul in 2014, the old city has been largely destroyed.",
    "The group captured Palmyra in 2015 and again in 2016.",
    "The militants had captured Hajin before they were driven out.",
    "Residents marked the tenth anniversary of the attack on Sinjar.",
])
def test_background_is_not_news(text: str) -> None:
    assert extract_events(text, PUB).empty


# --- datelines and speakers ---------------------------------------------------------------------
@pytest.mark.parametrize("text,expected,forbidden", [
    ("BAGHDAD (Reuters) - A roadside bomb killed two soldiers near Baiji on Monday.", ("attack", "IQ-SD"),
     "IQ-BG"),
    ("Speaking in Erbil, the minister said ISIS attacked a village near Khanaqin on Sunday.",
     ("attack", "IQ-DI"), "IQ-AR"),
    ("DAMASCUS — Militants ambushed a bus near Palmyra on Tuesday, a spokesman told reporters in Damascus.",
     ("attack", "SY-HI"), "SY-DI"),
])
def test_dateline_and_speaker_places_are_not_event_places(text: str, expected: tuple[str, str],
                                                           forbidden: str) -> None:
    df = extract_events(text, PUB)
    assert expected in _pairs(df)
    assert forbidden not in set(df["admin1_code"])


# --- lists and sites -----------------------------------------------------------------------------
@pytest.mark.parametrize("text,expected", [
    ("Sleeper cells are active in Kirkuk, Diyala and Salahuddin provinces, an official said.",
     {("sleeper_cell", "IQ-KI"), ("sleeper_cell", "IQ-DI"), ("sleeper_cell", "IQ-SD")}),
    ("ISIS keeps sleeper cells across the Deir Ezzor, Al-Hasakah, Al-Anbar (Iraq), Nineveh (Iraq), Homs and "
     "Al-Raqqa governorates.",
     {("sleeper_cell", c) for c in ("SY-DY", "SY-HA", "IQ-AN", "IQ-NI", "SY-HI", "SY-RA")}),
    ("Clashes erupted in Dhiban and Hajin on Monday.", {("armed_clash", "SY-DY")}),
])
def test_lists_give_one_event_per_item(text: str, expected: set[tuple[str, str]]) -> None:
    df = extract_events(text, PUB)
    assert _pairs(df) == expected


def test_list_of_towns_keeps_each_town() -> None:
    df = extract_events("Clashes erupted in Dhiban and Hajin on Monday.", PUB)
    assert sorted(df["location"]) == ["Dhiban", "Hajin"]


def test_gas_field_list_gives_site_events_at_field_coordinates() -> None:
    df = extract_events("ISIS fighters attacked the Sha'er and Hayyan gas fields on Sunday.", PUB)
    assert len(df) == 2
    assert set(df["geo_precision"]) == {"site"}
    assert set(df["site_type"]) == {"gas_field"}
    assert df["latitude"].nunique() == 2


def test_sleeper_cell_list_is_governorate_precision() -> None:
    df = extract_events("Sleeper cells remain active in Kirkuk, Diyala and Salahuddin provinces.", PUB)
    assert set(df["geo_precision"]) == {"governorate"}


# --- same name, two places; country hints ---------------------------------------------------
@pytest.mark.parametrize("text,admin1,precision", [
    ("A bomb exploded in a market in Sinjar (Iraq) on Sunday, wounding six people.", "IQ-NI", "town"),
    ("Nineveh police said a bomb exploded in Sinjar on Sunday, wounding six people.", "IQ-NI", "town"),
    ("Militants attacked a checkpoint in Al-Anbar (Iraq) on Monday.", "IQ-AN", "governorate"),
    ("ISIS cells attacked an army post in Raqqa province on Monday.", "SY-RA", "governorate"),
    ("ISIS cells attacked an army post in Raqqa on Monday.", "SY-RA", "town"),
    ("Gunmen attacked a patrol in the eastern countryside of Homs on Monday.", "SY-HI", "governorate"),
    ("Gunmen attacked a patrol in Hasakah province on Monday.", "SY-HA", "governorate"),
])
def test_places_and_country_hints(text: str, admin1: str, precision: str) -> None:
    df = extract_events(text, PUB)
    assert list(df["admin1_code"]) == [admin1]
    assert list(df["geo_precision"]) == [precision]


def test_other_country_gives_no_events() -> None:
    text = ("SANAA — Houthi forces launched a drone attack on government positions near Marib on Sunday, "
            "killing four soldiers. Saudi-led coalition jets struck Houthi positions in Al-Jawf.")
    assert extract_events(text, PUB).empty


# --- dates relative to publication ---------------------------------------------------------------
@pytest.mark.parametrize("phrase,expected_date,precision", [
    ("on Sunday", "2024-05-19", "day"),
    ("on Wednesday", "2024-05-22", "day"),
    ("yesterday", "2024-05-21", "day"),
    ("overnight", "2024-05-21", "day"),
    ("last week", "2024-05-15", "week"),
    ("earlier this month", "2024-05-01", "month"),
    ("on March 3", "2024-03-03", "day"),
    ("on 3 December", "2023-12-03", "day"),
    ("two days ago", "2024-05-20", "day"),
])
def test_relative_dates(phrase: str, expected_date: str, precision: str) -> None:
    df = extract_events(f"ISIS militants attacked a checkpoint in Dhiban {phrase}.", PUB)
    assert list(df["event_date"]) == [expected_date]
    assert list(df["date_precision"]) == [precision]


def test_publication_date_as_date_object() -> None:
    df = extract_events("ISIS militants attacked a checkpoint in Dhiban on Sunday.", date(2024, 5, 22))
    assert list(df["event_date"]) == ["2024-05-19"]


# --- de-duplication ----------------------------------------------------------------------------------
def test_one_event_many_sentences_merges_and_keeps_evidence() -> None:
    text = ("ISIS militants attacked a checkpoint in Dhiban on Sunday, killing two SDF fighters. "
            "The attack in Dhiban was the third this month, SOHR said. "
            "Two SDF fighters were killed in the attack, the monitor added.")
    df = extract_events(text, PUB)
    assert len(df) == 1
    assert df.loc[0, "evidence"].count(" | ") >= 1
    assert df.loc[0, "fatalities"] == 2


def test_distinct_places_are_not_merged() -> None:
    text = "ISIS attacked a checkpoint in Dhiban on Sunday. Separately, ISIS attacked a post in Hajin on Sunday."
    assert len(extract_events(text, PUB)) == 2


# --- actors, types, fatalities ------------------------------------------------------------------------
@pytest.mark.parametrize("text,event_type,actor1,actor2", [
    ("Daesh militants ambushed an Iraqi army patrol near Tuz Khurmatu on Sunday.", "attack", "ISIS",
     "Iraqi security forces"),
    ("Hashd al-Shaabi fighters clashed with Islamic State militants near Baiji on Sunday.", "armed_clash", "PMF",
     "ISIS"),
    ("A Turkish drone struck a car near Qamishli on Sunday.", "airstrike", "Turkish forces", ""),
    ("Iran-backed militias launched a drone attack on the Conoco gas field on Sunday.", "airstrike",
     "Iranian-backed militias", ""),
    ("Syrian regime forces shelled villages near Saraqib on Sunday.", "attack", "Syrian army", ""),
    ("SDF units raided homes in Hajin and arrested four ISIS suspects on Sunday.", "security_operation", "SDF",
     "ISIS"),
    ("Russian warplanes carried out airstrikes near Mayadin on Sunday.", "airstrike", "Russian forces", ""),
])
def test_actors_and_types(text: str, event_type: str, actor1: str, actor2: str) -> None:
    df = extract_events(text, PUB)
    assert list(df["event_type"]) == [event_type]
    assert df.loc[0, "actor1"] == actor1
    assert df.loc[0, "actor2"] == actor2


@pytest.mark.parametrize("text,fatalities", [
    ("A roadside bomb killed five soldiers near Baiji on Sunday.", 5),
    ("At least 12 people were killed when a car bomb exploded in Azaz on Sunday.", 12),
    ("Gunmen attacked a village near Muqdadiyah on Sunday, killing eleven villagers.", 11),
    ("Two rockets struck Baghdad's Green Zone on Sunday without causing casualties.", 0),
    ("Gunmen attacked a checkpoint near Muqdadiyah on Sunday.", None),
])
def test_fatalities(text: str, fatalities: int | None) -> None:
    df = extract_events(text, PUB)
    assert len(df) == 1
    value = df.loc[0, "fatalities"]
    assert (pd.isna(value) and fatalities is None) or value == fatalities


@pytest.mark.parametrize("text,sub_event_type", [
    ("A roadside bomb hit a patrol near Baiji on Sunday.", "ied"),
    ("A suicide bomber blew himself up in Sadr City on Sunday.", "suicide_bombing"),
    ("Gunmen assassinated a council member in Jasim on Sunday.", "assassination"),
    ("Gunmen abducted three shepherds near Rutba on Sunday.", "kidnapping"),
    ("Militants ambushed a bus near Palmyra on Sunday.", "ambush"),
    ("Turkish artillery shelled villages around Tal Tamr on Sunday.", "shelling"),
])
def test_sub_event_types(text: str, sub_event_type: str) -> None:
    df = extract_events(text, PUB)
    assert list(df["sub_event_type"]) == [sub_event_type]


# --- claims ----------------------------------------------------------------------------------------------
@pytest.mark.parametrize("text,status", [
    ("ISIS claimed responsibility for a bombing in Sadr City on Sunday.", "claimed"),
    ("The defence ministry said its jets carried out airstrikes near Masyaf on Sunday.", "claimed"),
    ("A roadside bomb hit a patrol near Baiji on Sunday, police sources said.", "reported"),
    ("Officials said an airstrike near Rutba killed ten militants on Sunday; ISIS channels disputed the toll.",
     "disputed"),
])
def test_claim_status(text: str, status: str) -> None:
    df = extract_events(text, PUB)
    assert list(df["claim_status"]) == [status]


# --- output contract -------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["", "   \n  ", "نفذ تنظيم داعش هجوما على حاجز في دير الزور يوم الأحد",
                                  "The weather in Raqqa was mild on Sunday and markets were busy."])
def test_no_event_texts_give_an_empty_table_with_the_contract_columns(text: str) -> None:
    df = extract_events(text, PUB)
    assert df.empty
    assert tuple(df.columns) == COLUMNS


def test_output_passes_the_schema_and_ids_are_stable() -> None:
    text = "ISIS militants attacked a checkpoint in Dhiban on Sunday, killing two SDF fighters."
    a = extract_events(text, PUB, source="a.txt", source_url="https://example.org/a")
    b = extract_events(text, PUB, source="a.txt", source_url="https://example.org/a")
    valid, problems = validate_events(a)
    assert problems == [] and len(valid) == 1
    assert tuple(a.columns) == COLUMNS
    assert list(a["event_id"]) == list(b["event_id"])
    assert a.loc[0, "source"] == "a.txt" and a.loc[0, "dataset_id"] == ""
    assert "Dhiban" in a.loc[0, "evidence"]


def test_bad_publication_date_is_a_clear_error() -> None:
    with pytest.raises(ValueError, match="not a date YYYY-MM-DD"):
        extract_events("ISIS attacked Dhiban.", "next Tuesday")


# --- robustness ---------------------------------------------------------------------------------------------
def test_a_megabyte_without_punctuation_finishes_with_a_valid_table() -> None:
    line = ("ISIS militants attacked a checkpoint in Dhiban on Sunday and clashes erupted near Hajin while "
            "Turkish drones struck Qamishli ")
    df = extract_events(line * (1_000_000 // len(line)), PUB)
    valid, problems = validate_events(df)
    assert len(valid) == len(df) > 0
    assert {"attack", "armed_clash", "airstrike"} <= set(df["event_type"])


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=600),
       st.sampled_from(["Dhiban", "Raqqa province", "Sinjar (Iraq)", "the Sha'er and Hayyan gas fields", "Gaza"]))
def test_any_text_gives_a_valid_table(noise: str, place: str) -> None:
    text = f"{noise} ISIS militants attacked {place} on Sunday. {noise}"
    df = extract_events(text, PUB)
    assert tuple(df.columns) == COLUMNS
    valid, problems = validate_events(df)
    assert problems == [] and len(valid) == len(df)
    assert set(df["country"]) <= {"SY", "IQ"}


# --- generalisation rules (holdout error classes; sentences written for these tests) ----------
def _rows(text: str) -> list[tuple[str, str, str]]:
    df = extract_events(text, PUB)
    return sorted(zip(df["event_type"], df["admin1_code"], df["location"], strict=True))


@pytest.mark.parametrize("text", [
    "Attacks on herders in the Homs desert have multiplied since the spring.",
    "The Kirkuk refinery has been targeted repeatedly by militants.",
    "Police in Mosul say they have detained hundreds of suspects this year.",
    "Anbar has seen a rise in roadside bombings this year, officials said.",
    "The group seized Hajin in 2014, when its fighters fought the army street by street.",
    "Militants had captured the town of Al-Qaim before the army returned.",
    "A capture of Manbij by the rebels is a plausible next step but has not occurred.",
    "The monitor has documented dozens of attacks in Deir ez-Zor since January.",
    "The SDF hunted cells in Raqqa that it says have carried out attacks on its checkpoints.",
    "Iraqi troops have killed 25 militants in Salahuddin so far this year, the ministry said.",
    "The bombing came two years after militants ambushed a convoy near Hajin.",
    "Raqqa police arrested a cell accused of planting explosive devices, the statement said of the 2019 case.",
])
def test_background_generic_and_modal_clauses_are_not_news(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize("text,expected", [
    # a site inside a district, or near a town: one event at the site
    ("Rockets hit the Khor Mor gas field in Chamchamal district on Tuesday.",
     [("attack", "IQ-SU", "Khor Mor gas field")]),
    ("A roadside bomb struck a patrol guarding the Akkas gas field near al-Qaim on Monday.",
     [("attack", "IQ-AN", "Akkas gas field")]),
    ("Tribal gunmen clashed in Basra's al-Zubair district near the Rumaila oil field on Monday.",
     [("armed_clash", "IQ-BA", "Rumaila oil field")]),
    # "X, south of Y": Y only locates X
    ("Gunmen assassinated a village head in Qayyarah district, south of Mosul, on Sunday.",
     [("attack", "IQ-NI", "Qayyarah")]),
    # a capital as a government, not a place of the event
    ("Turkish jets bombed a village near Amadiya on Monday. Baghdad summoned the Turkish envoy over the strikes.",
     [("airstrike", "IQ-DA", "Al Amadiyah")]),
    ("Gunmen attacked a checkpoint near Hawija on Sunday, and the governor called on Baghdad to send troops.",
     [("attack", "IQ-KI", "Hawija")]),
    # a patient's description ("hideouts used by ISIS") does not make the raid ISIS's
    ("Iraqi security forces raided hideouts used by ISIS near Rutba on Saturday.",
     [("security_operation", "IQ-AN", "Rutba")]),
    # a dateline in the agency form is not an event place
    ("Hama, SANA — Army units clashed with terrorists near Uqayribat on Tuesday.",
     [("armed_clash", "SY-HM", "Uqayribat")]),
    # an unknown village: its own name in the governorate of its clause (governorate precision),
    # not a town named elsewhere
    ("Gunmen killed two farmers in the village of Qaryat Zift, Deir ez-Zor province, on Monday.",
     [("attack", "SY-DY", "Qaryat Zift")]),
    ("Iraqi jets struck ISIS hideouts in the Zarga valley north of Baiji on Tuesday.",
     [("airstrike", "IQ-SD", "Zarga")]),
    # abroad
    ("A car bomb exploded in Gaziantep on Monday, Turkish officials said, blaming a cell based in Afrin.", []),
])
def test_place_attribution(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text,expected_type", [
    ("Army units repelled an attack by militants on positions near Palmyra on Monday.", "attack"),
    ("Troops engaged the terrorist groups near Al-Sukhnah for hours on Monday.", "armed_clash"),
    ("Iraqi F-16 jets, guided by intelligence from the Joint Operations Command, struck a cave near Tuz Khurmatu "
     "on Monday.", "airstrike"),
    ("Army aviation struck an ISIS hideout near Tuz Khurmatu on Monday.", "airstrike"),
    ("The army said it carried out a precise strike on a hideout near Rutba on Friday.", "airstrike"),
    ("A drone strike hit a car near Qamishli on Monday.", "airstrike"),
    ("Saboteurs set off explosive charges at an oil well near Hawija on Sunday.", "attack"),
    ("Government artillery pounded villages near Saraqib on Sunday.", "attack"),
    ("The army searched the desert surrounding Rutba on Monday.", "security_operation"),
    ("Iraq launched a large-scale military operation in Anbar on Monday.", "offensive"),
])
def test_type_cues(text: str, expected_type: str) -> None:
    assert {t for t, _a, _l in _rows(text)} == {expected_type}


@pytest.mark.parametrize("text,expected", [
    # one trigger, one event: a haul, an instrument or an arrest-and-handover is not another event
    ("SDF fighters clashed with ISIS gunmen near Hajin on Monday, seizing a truck and weapons.",
     [("armed_clash", "SY-DY", "Hajin")]),
    ("Troops clashed with militants with mortars and machine guns near Tikrit on Tuesday.",
     [("armed_clash", "IQ-SD", "Tikrit")]),
    ("Police arrested three suspects in Fallujah on Monday and handed them over to the judiciary.",
     [("security_operation", "IQ-AN", "Fallujah")]),
    ("Police raided a house in Kirkuk on Monday and arrested two suspects.",
     [("security_operation", "IQ-KI", "Kirkuk")]),
    # demining is not an attack
    ("Engineers of the army dismantled explosive devices planted by terrorists near Uqayribat on Monday.", []),
    # a follow-up naming the event merges with it; "since January" is not its date
    ("Militants ambushed an army convoy near Palmyra on Sunday. The Palmyra ambush, the deadliest since January, "
     "was claimed by ISIS.", [("attack", "SY-HI", "Palmyra")]),
    # an anaphoric follow-up without a place of its own is the event told before
    ("Three rockets hit the Ain al-Asad air base on Monday. A faction claimed responsibility for the base attack.",
     [("attack", "IQ-AN", "Ain al-Asad air base")]),
])
def test_one_incident_one_event(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("Russian jets carried out airstrikes on Sunday on hideouts in Homs, Hama and Raqqa.",
     {("airstrike", "SY-HI"), ("airstrike", "SY-HM"), ("airstrike", "SY-RA")}),
    ("Remnants of the group remain active across Deir ez-Zor, Hasakah and Raqqa, the SDF said.",
     {("sleeper_cell", "SY-DY"), ("sleeper_cell", "SY-HA"), ("sleeper_cell", "SY-RA")}),
])
def test_lists_without_a_province_word(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,status", [
    ("A bomb killed two guards at the Baiji refinery on Monday. No group has claimed the attack.", "reported"),
    ("ISIS said through Amaq that its fighters attacked an army post in Tarmiyah on Monday. "
     "The defence ministry rejected the claims.", "disputed"),
    ("Gunmen attacked a checkpoint near Hawija on Monday, police said. The army did not comment.", "reported"),
])
def test_claims_across_sentences(text: str, status: str) -> None:
    df = extract_events(text, PUB)
    assert len(df) == 1 and df["claim_status"].iloc[0] == status


def test_no_details_clause_does_not_negate_the_arrest() -> None:
    text = ("Police in Sulaymaniyah said they had arrested two men in Kalar on Monday, but gave no details about "
            "whether the arrests were linked to the bombing.")
    assert ("security_operation", "IQ-SU") in _pairs(extract_events(text, PUB))


@pytest.mark.parametrize("text,expected", [
    # a list before a plural verb is not a new clause
    ("Officials said cells operating in Raqqa and Hasakah provinces were extorting farmers.",
     {("sleeper_cell", "SY-RA"), ("sleeper_cell", "SY-HA")}),
    # a follow-up "in the area" takes the event's place, not the direction the attackers fled
    ("Gunmen attacked guards at the Ajil oil field on Monday. They fled towards the Hamrin mountains. "
     "Police said nobody was arrested. The army launched a search operation in the area on Tuesday.",
     {("attack", "IQ-SD"), ("security_operation", "IQ-SD")}),
    ("Militants set off explosives at a well in the Ajil oil field on Sunday.", {("attack", "IQ-SD")}),
])
def test_lists_follow_ups_and_sabotage(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text", [
    "Reports of fighting between the SDF and tribal gunmen in Busayrah on Sunday were false, officials said.",
    "Claims that militants shelled the Tanak field on Monday are baseless, the SDF said.",
    "ISIS claimed to have attacked a checkpoint in Baiji on Monday, but police said no such attack occurred.",
])
def test_events_the_text_denies_are_never_emitted(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize("text,expected", [
    # denying a role in an event is not denying the event
    ("Rockets struck the al-Omar field on Monday. Iran-aligned factions denied any involvement in the attack.",
     [("attack", "SY-DY", "Al-Omar oil field")]),
    # "no other attacks", "no casualties" do not deny the event told
    ("Gunmen attacked a checkpoint near Baiji on Monday. No other attacks were reported.",
     [("attack", "IQ-SD", "Baiji")]),
])
def test_partial_negations_keep_the_event(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


def test_a_capture_the_other_side_contradicts_is_disputed() -> None:
    text = ("Government media said troops had recaptured Maskanah on Sunday, but the SDF said the town remained "
            "under its control.")
    df = extract_events(text, PUB)
    assert list(df["claim_status"]) == ["disputed"]


@pytest.mark.parametrize("text,expected", [
    # triggers of one clause share its place even past an unknown neighbourhood name
    ("Police arrested two men in a raid on a house in the Zuhur neighbourhood of Mosul on Sunday.",
     [("security_operation", "IQ-NI", "Mosul")]),
    # where the sources are is not where the event was
    ("Turkish jets struck a village near Amadiya on Friday, according to local officials in Duhok.",
     [("airstrike", "IQ-DA", "Al Amadiyah")]),
])
def test_clause_places_and_sources(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _rows(text) == expected


@pytest.mark.parametrize("text,expected", [
    # an unknown village "in Raqqa": the province, not the city named like it
    ("In Raqqa, gunmen shot dead a teacher in the village of Kasrat Zift on Sunday.",
     [("attack", "SY-RA", "Kasrat Zift", "governorate")]),
    ("Gunmen attacked a checkpoint in Raqqa on Sunday.", [("attack", "SY-RA", "Raqqa", "town")]),
    # an airdrop or heliborne operation by state forces is a security operation
    ("Iraqi commandos killed an ISIS leader in an airdrop operation near Rutba on Sunday.",
     [("security_operation", "IQ-AN", "Rutba", "town")]),
])
def test_unknown_villages_and_operations(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    df = extract_events(text, PUB)
    assert sorted(zip(df["event_type"], df["admin1_code"], df["location"], df["geo_precision"], strict=True)) \
        == expected


@pytest.mark.parametrize("text,expected", [
    # areas the gazetteer lacks, at their governorate (never a guessed point)
    ("A drone strike killed a commander near Atmeh on Thursday.", [("airstrike", "SY-ID", "Atmeh", "town")]),
    ("Iraqi jets struck hideouts in Wadi al-Shay on Tuesday.", [("airstrike", "IQ-KI", "Kirkuk", "governorate")]),
    ("A roadside bomb killed two soldiers near Akashat on Monday.", [("attack", "IQ-AN", "Anbar", "governorate")]),
    # known spellings
    ("A bomb struck an SDF patrol near Basira on Monday.", [("attack", "SY-DY", "Al-Busayrah", "town")]),
])
def test_area_aliases_and_spellings(text: str, expected: list[tuple[str, str, str, str]]) -> None:
    df = extract_events(text, PUB)
    assert sorted(zip(df["event_type"], df["admin1_code"], df["location"], df["geo_precision"], strict=True)) \
        == expected


def test_a_place_before_a_background_clause_stays_with_the_news() -> None:
    text = ("Sleeper cells have been reported in the eastern countryside of Homs, where attacks on shepherds "
            "have become common since the spring.")
    assert _pairs(extract_events(text, PUB)) == {("sleeper_cell", "SY-HI")}


@pytest.mark.parametrize("text,expected", [
    ("No checkpoint was attacked in Hit on Monday, the ministry said.", []),
    ("ISIS said it attacked an army post near Baiji on Monday. The ministry said the claim was false.",
     [("attack", "IQ-SD", "disputed")]),
    ("Amaq said its fighters killed five soldiers near Hit on Monday, a claim the army denied.",
     [("attack", "IQ-AN", "disputed")]),
    # denied casualties are not a denied event
    ("Gunmen attacked a checkpoint near Hit on Monday. No soldiers were killed in the attack on the checkpoint "
     "in Hit.", [("attack", "IQ-AN", "reported")]),
])
def test_negated_subjects_and_contradicted_claims(text: str, expected: list[tuple[str, str, str]]) -> None:
    df = extract_events(text, PUB)
    assert sorted(zip(df["event_type"], df["admin1_code"], df["claim_status"], strict=True)) == expected


def test_a_near_place_in_another_phrase_is_not_a_locator() -> None:
    text = "A truce between the SDF and tribal fighters in Raqqa collapsed on Monday after clashes near Maadan."
    df = extract_events(text, PUB)
    assert ("armed_clash", "SY-RA") in _pairs(df)
    assert "Madan" in set(df.loc[df["event_type"] == "armed_clash", "location"])


# --- holdout-2 error classes, as general rules (sentences written for these tests) -------------
def _triples(df: pd.DataFrame) -> set[tuple[str, str, str]]:
    return set(zip(df["event_type"], df["admin1_code"], df["location"], strict=True))


@pytest.mark.parametrize("text,expected", [
    # a warning's every "that" clause is the warning's, however it is interrupted
    ("The analyst warned, however, that trade could slow if tensions rose, and that an attack on the "
     "Baiji refinery would halt exports.", set()),
    ("Officials warned on Monday that cells may regroup and that an ambush near Tikrit would be likely.", set()),
    # inside "suspected of ..." is the suspicion; a main verb after it, or a circumstance, is news
    ("A man suspected of financing a cell was arrested in Tikrit on Monday.", {("security_operation", "IQ-SD")}),
    ("Gunmen suspected of belonging to ISIS attacked a checkpoint in Hajin on Sunday.", {("attack", "SY-DY")}),
    ("Police said on Tuesday they had arrested a woman accused of funding a cell during a raid on a house "
     "in Tal Afar on Monday.", {("security_operation", "IQ-NI")}),
])
def test_warnings_and_suspicions(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,absent", [
    # fronted participial phrases name where the speaker is
    ("Speaking to reporters in Erbil on Monday, a commander said ISIS cells are active in Kirkuk province.",
     "IQ-AR"),
    ("Speaking from Baghdad, the spokesman said militants attacked a checkpoint in Tikrit on Monday.", "IQ-BG"),
    ("In a statement from Damascus, the ministry said militants attacked a post near Palmyra on Sunday.", "SY-DI"),
    # a direction is not where the event was (only an offensive is placed by where it heads)
    ("Security forces swept towards Damascus on Monday and arrested two men in Homs.", "SY-DI"),
])
def test_speakers_and_directions_are_not_event_places(text: str, absent: str) -> None:
    df = extract_events(text, PUB)
    assert len(df) >= 1
    assert absent not in set(df["admin1_code"])


@pytest.mark.parametrize("text", [
    # a fronted earlier year dates the whole sentence
    "In 2017, after the referendum, the Peshmerga withdrew from Kirkuk.",
    "In June 2019, following weeks of fighting, the SDF captured Baghuz.",
    # phrases hanging on a past-perfect recap are the recap's
    "The rebels had captured Manbij before the truce, in an offensive launched as other factions swept toward Hama.",
])
def test_fronted_years_and_recaps_are_background(text: str) -> None:
    assert extract_events(text, PUB).empty


@pytest.mark.parametrize("text,expected", [
    # a list of instruments is one instrument, not a shelling of its own
    ("On Monday tribal fighters and gunmen clashed with machine guns, grenades and mortars in Deir ez-Zor.",
     {("armed_clash", "SY-DY")}),
    ("Soldiers and militants clashed with heavy weapons and mortars near Tikrit on Sunday.",
     {("armed_clash", "IQ-SD")}),
    # an attack in a relative clause of the clash's opponent is the clash
    ("Army units clashed on Tuesday with a terrorist group that attacked military points near Palmyra.",
     {("armed_clash", "SY-HI")}),
    # "repelled an attack": the group's attack (DESIGN: attack "by an armed group")
    ("Guards at the Conoco gas field repelled an attack by militants on Monday.", {("attack", "SY-DY")}),
    ("The Peshmerga repulsed an ISIS assault on their positions near Makhmour on Sunday.", {("attack", "IQ-AR")}),
])
def test_instruments_relative_attacks_and_repelled_attacks(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # the truce told before is fraying: one truce, and the shelling its own attack
    ("A ceasefire took effect in Manbij on Monday. The truce appeared to be fraying on Tuesday as factions "
     "shelled villages near the Tishrin Dam.", {"ceasefire", "attack"}),
    ("A truce between the sides was agreed in Suwayda on Sunday. The ceasefire was breached on Monday when "
     "gunmen shelled the village of Thaala.", {"ceasefire", "attack"}),
])
def test_a_fraying_truce_is_the_truce_told_before(text: str, expected: set[str]) -> None:
    df = extract_events(text, PUB)
    assert sorted(df["event_type"]) == sorted(expected)


@pytest.mark.parametrize("text,status", [
    # a party's claim the other side denies: disputed (DESIGN)
    ("The army denied claims circulated by ISIS media that militants had taken control of the Shaer gas field.",
     "disputed"),
    ("The ministry rejected claims by the militants that they had captured the town of Al-Sukhnah on Sunday.",
     "disputed"),
])
def test_a_party_claim_denied_is_disputed(text: str, status: str) -> None:
    df = extract_events(text, PUB)
    assert list(df["event_type"]) == ["territory_change"]
    assert list(df["claim_status"]) == [status]


@pytest.mark.parametrize("text", [
    # a bare denial of reports: no event
    "The army denied reports that militants had taken control of the Shaer gas field.",
    "The ministry denied that ISIS captured Al-Sukhnah on Sunday.",
])
def test_a_bare_denial_drops_the_event(text: str) -> None:
    assert extract_events(text, PUB).empty


@pytest.mark.parametrize("text,expected", [
    # "the attacks came after a raid in X": the attacks told before, not new ones at X
    ("Militants attacked a pipeline near the Tanak oil field on Sunday. The attacks came a day after a raid by "
     "the SDF in Hajin in which troops arrested a suspect.", {("attack", "SY-DY", "Tanak oil field"),
                                                               ("security_operation", "SY-DY", "Hajin")}),
    # a desert sweep is not folded into an arrest elsewhere in the governorate
    ("On Monday troops searched the desert around an unnamed village in western Anbar. A second force "
     "arrested four suspects in Rutba on Monday.", {("security_operation", "IQ-AN", "Anbar"),
                                                    ("security_operation", "IQ-AN", "Rutba")}),
])
def test_follow_ups_and_distinct_operations(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert _triples(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,actors", [
    # "repelled an attack by X": X is the attacker, the defenders its target
    ("SDF fighters repelled an attack by Turkish-backed factions near Manbij on Monday.", ("SNA", "SDF")),
    ("The Peshmerga repulsed an ISIS assault on their positions near Makhmour on Sunday.", ("ISIS", "Peshmerga")),
])
def test_repelled_attack_actors(text: str, actors: tuple[str, str]) -> None:
    df = extract_events(text, PUB)
    assert list(zip(df["actor1"], df["actor2"], strict=True)) == [actors]


@pytest.mark.parametrize("text,expected", [
    # "cautioned that" is a warning like "warned that"
    ("He cautioned that an attack on the pipeline near Kirkuk would be devastating.", []),
    # a denial of the claim in the same sentence disputes it
    ("ISIS claimed on Monday it had captured the village of Sabikhan, but the SDF denied the claim.",
     [("territory_change", "disputed")]),
    # "the 2019 attack" dates the attack only, not the arrest told now
    ("Two men wanted for the 2019 attack on a Kirkuk checkpoint were arrested in Hawija on Monday.",
     [("security_operation", "reported")]),
])
def test_cautions_same_sentence_disputes_and_attributive_years(text: str, expected: list[tuple[str, str]]) -> None:
    df = extract_events(text, PUB)
    assert list(zip(df["event_type"], df["claim_status"], strict=True)) == expected


@pytest.mark.parametrize("text,expected", [
    # "Speaking on condition of anonymity in X" / "by phone from X": the speaker's place
    ("Speaking on condition of anonymity in Baghdad, an officer said militants ambushed a patrol near Baiji "
     "on Sunday.", {("attack", "IQ-SD")}),
    ("Speaking to AFP by phone from Qamishli, an official said ISIS cells attacked a checkpoint in Shuhayl "
     "on Monday.", {("attack", "SY-DY")}),
    # a relative clause's earlier year does not date the main clause's dated event
    ("Fighters of the Suqour brigade, which attacked army posts in 2020, clashed with the army in Tafas "
     "on Monday.", {("armed_clash", "SY-DR")}),
])
def test_speaker_phrases_and_relative_clause_years(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_a_glued_name_is_not_its_first_word_abroad() -> None:
    # "Busra al-Harir" (Daraa) is not Iraq's Basra in a Syrian article
    df = extract_events("DARAA, Syria — Clashes erupted in Busra al-Harir in Daraa province on Monday.", PUB)
    assert set(df["country"]) == {"SY"}


@pytest.mark.parametrize("text,expected", [
    # a noun trigger whose phrase is the subject of a modal is hypothetical, in reported speech too
    ("The economist said investors were cautious, and that an attack on export infrastructure in Basra "
     "would be costly.", set()),
    ("Analysts said an attack on the Conoco gas field near Deir ez-Zor could disrupt power supplies.", set()),
    ("An ISIS offensive against the Resafa area remains possible, officials said.", set()),
    # a modal later in another clause does not reach back to a reported event
    ("An attack on a checkpoint in Tikrit on Monday killed two soldiers who could not escape.",
     {("attack", "IQ-SD")}),
    ("A bombing in Kirkuk on Sunday wounded five people, and police said more attacks could follow.",
     {("attack", "IQ-KI")}),
])
def test_modal_after_a_noun_phrase(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # an actor from outside Syria acting inside it is an event; "Israeli aggression" is SANA's word for a strike
    ("Syrian air defences intercepted an Israeli aggression targeting positions near Masyaf in Hama province "
     "on Sunday.", {("airstrike", "SY-HM")}),
    # "the countryside of Damascus" is Rif Dimashq, and a town there keeps its own governorate
    ("Israeli warplanes struck a depot near al-Kiswah in the countryside of Damascus on Sunday.",
     {("airstrike", "SY-RD")}),
    ("Turkish drones struck a car in the western Damascus countryside on Monday.", {("airstrike", "SY-RD")}),
    # a title-case dateline is not an event place
    ("Damascus — Israeli strikes hit a warehouse near al-Qusayr on Sunday, a military source said.",
     {("airstrike", "SY-HI")}),
    # where a projectile was launched from is not where it struck
    ("Air defences at the Hmeimim air base in Latakia province shot down two drones launched by militants "
     "from Idlib on Saturday.", {("airstrike", "SY-LA")}),
])
def test_foreign_strikes_damascus_countryside_and_launch_origins(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # a rise in the cells' activity still reports the cells, one event per governorate
    ("Monitors recorded a sharp increase in the activity of ISIS sleeper cells across Homs, Hama and Raqqa "
     "governorates since the start of the year.", {("sleeper_cell", "SY-HI"), ("sleeper_cell", "SY-HM"),
                                                    ("sleeper_cell", "SY-RA")}),
    # a rise in attacks stays a trend, not an event
    ("Police noted a rise in attacks by ISIS in Kirkuk since the spring.", set()),
])
def test_trend_of_sleeper_cells_is_presence(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # a bare plural noun trigger as the subject of a modal is a generality
    ("An official said strikes on power stations could push up prices at a time when Basra faces shortages.",
     set()),
    # a counted one is news
    ("Two attacks on a checkpoint in Tikrit on Monday killed two soldiers, police said.", {("attack", "IQ-SD")}),
    # what a party is accused of doing repeatedly is a habit, not an event
    ("The ministry said the army would keep responding to the groups, which it accuses of repeatedly shelling "
     "villages in the countryside of Hama with drones.", set()),
    ("Militants repeatedly attacked a checkpoint in Tikrit on Monday.", {("attack", "IQ-SD")}),
    # calls to stop something are exhortations
    ("The monitor renewed its call on the authorities in Raqqa to stop arbitrary arrests.", set()),
    ("The council called on the army to halt the shelling of Idlib.", set()),
    # air support of a ground action is not an airstrike of its own
    ("SDF fighters backed by coalition helicopters raided a house in Hajin and detained a man on Monday.",
     {("security_operation", "SY-DY")}),
    ("The battle for Mosul, supported by thousands of coalition air strikes and artillery rounds, left the old "
     "city in ruins.", set()),
    ("Coalition helicopters struck a house in Hajin on Monday.", {("airstrike", "SY-DY")}),
])
def test_generic_modal_plurals_exhortations_and_air_support(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # a later year past a comma (a trailing "the latest in ... since 2018") does not date a trigger with its own day
    ("Gunmen shot dead a local official in Nawa on Friday night, residents said, the latest in a series of "
     "killings since the 2018 settlement.", {("attack", "SY-DR")}),
    # without its own day, the year still makes it background
    ("Gunmen shot dead a local official in Nawa, residents recalled, in 2018.", set()),
])
def test_trailing_year_after_dated_trigger(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # "exchanged heavy fire" is a clash; an unknown front's governorate places it
    ("On the Zuhur front in the northern Hama countryside, rebels and army troops exchanged heavy fire "
     "overnight.", {("armed_clash", "SY-HM")}),
    ("Troops and gunmen exchanged intense fire in Baiji on Sunday.", {("armed_clash", "IQ-SD")}),
])
def test_exchanged_fire_with_adjective(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # a cache's contents are a haul, not a shelling or rocket attack
    ("Police said a sweep of orchards near Hit had uncovered a weapons cache containing rockets and mortar "
     "rounds.", {("security_operation", "IQ-AN")}),
    ("Soldiers found a cache containing mortar shells in Baiji on Sunday.", {("security_operation", "IQ-SD")}),
    ("Militants fired mortar rounds at a base in Baiji on Sunday.", {("attack", "IQ-SD")}),
])
def test_cache_contents_are_not_attacks(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # "with both sides using mortars" names the clash's instruments, not a shelling of its own
    ("Rebels and army troops clashed near Tafas on Monday, with both sides using heavy machine guns and mortars.",
     {("armed_clash", "SY-DR")}),
    ("Rebels clashed with troops in Tafas on Monday using mortars and rifles.", {("armed_clash", "SY-DR")}),
    ("Militants shelled Tafas with mortars on Monday.", {("attack", "SY-DR")}),
])
def test_instruments_after_using(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # a foiled object does not reach a coordinated verb of its own
    ("Troops in the southern countryside of Idlib thwarted an infiltration attempt near a village there and "
     "clashed with the attackers on Monday.", {("armed_clash", "SY-ID")}),
    ("Police foiled a plot to bomb a market and arrested two men in Tikrit on Sunday.",
     {("security_operation", "IQ-SD")}),
    # the foiled thing itself stays unreported
    ("Police foiled an attack on a checkpoint in Tikrit on Sunday.", set()),
])
def test_foiled_object_and_coordinated_verb(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # "retook X following a counter-attack": the counter-attack is the recapture's means
    ("Army troops retook the village of Rasm al-Abd in Aleppo province following a counter-attack on Monday.",
     {("territory_change", "SY-HL")}),
    ("Militants launched a counter-attack on army positions near Baiji on Sunday.", {("attack", "IQ-SD")}),
])
def test_counter_attack_as_means_of_recapture(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # "after three days of sporadic exchanges of fire" is a past clash, not a habit
    ("A truce has held in Nawa since Thursday, residents said, after two days of sporadic clashes between "
     "local fighters and security forces.", {("ceasefire", "SY-DR"), ("armed_clash", "SY-DR")}),
    ("Militants carry out sporadic attacks in Tikrit.", set()),
])
def test_days_of_sporadic_fighting(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # "a breach of the ceasefire agreed ... in 2020": the year dates the truce, the breach is news
    ("Shelling near Kabani in Latakia province on Sunday was the latest breach of the ceasefire agreed by "
     "Russia and Turkey in March 2020.", {("ceasefire", "SY-LA"), ("attack", "SY-LA")}),
    ("Rebels broke the truce in Idlib in 2020.", set()),
])
def test_breach_of_a_truce_agreed_earlier(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text,expected", [
    # an ongoing military operation is a campaign (offensive); a launched one stays a state sweep
    ("The shelling is part of the army's ongoing military operation against rebels in the countryside of Idlib.",
     {("offensive", "SY-ID"), ("attack", "SY-ID")}),
    ("Iraqi forces launched a military operation in the Hamrin mountains in Diyala on Sunday.",
     {("security_operation", "IQ-DI")}),
])
def test_ongoing_military_operation_is_offensive(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


# --- holdout-4/5 round (own sentences) ---------------------------------------------------------
@pytest.mark.parametrize(("text", "expected"), [
    ("Government helicopters dropped barrel bombs on Kafr Zita on Thursday.", {("airstrike", "SY-HM")}),
    # one airstrike, not a security raid as well
    ("Russian warplanes carried out at least ten raids on Kafranbel overnight.", {("airstrike", "SY-ID")}),
    ("Turkish forces exchanged artillery and heavy machine-gun fire with the SDF near Ain Issa overnight.",
     {("armed_clash", "SY-RA")}),
    # a convoy entering a province takes nothing
    ("A Turkish military convoy of 40 vehicles entered Idlib through the Kafr Lusin crossing on Monday.", set()),
    ("A settlement agreement sponsored by Russia came into force in Tafas on Wednesday.", {("ceasefire", "SY-DR")}),
])
def test_holdout_4_5_triggers(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize("text", [
    # the year-old date of one clause is background for the whole sentence told in the past
    "Militants who stormed Kirkuk in October 2016 also attacked a power station, and the government took control "
    "of the Bai Hassan field a year later.",
])
def test_events_dated_over_a_year_before_publication_are_background(text: str) -> None:
    assert _rows(text) == []


def test_a_participles_old_date_does_not_date_the_breach_told_before_it() -> None:
    text = ("Russian warplanes struck Ariha on Monday. The strikes were the worst breach of the ceasefire agreed "
            "between Russia and Turkey in March 2020.")
    df = extract_events(text, PUB)
    truce = df[df["event_type"] == "ceasefire"]
    assert len(truce) == 1 and truce["event_date"].iloc[0] == "2024-05-20"


@pytest.mark.parametrize(("text", "expected"), [
    # a village the gazetteer lacks keeps its name, placed at the governorate told just before
    ("Fighting between local factions and a gang killed 17 people in Suwayda province on Tuesday. "
     "Local factions took control of Umm Dhabab on Wednesday after the gang's leader fled, residents said.",
     {("territory_change", "SY-SU", "Umm Dhabab")}),
    # two villages the gazetteer lacks are two attacks, not one folded into the other
    ("Gunmen killed two SDF fighters near the village of Umm Qusayr in Deir ez-Zor province on Monday. "
     "On Tuesday, five shepherds were shot dead in the desert south of Khirbet Zaghira, residents said.",
     {("attack", "SY-DY", "Umm Qusayr"), ("attack", "SY-DY", "Khirbet Zaghira")}),
])
def test_places_missing_from_the_gazetteer_keep_their_name_at_governorate_precision(
        text: str, expected: set[tuple[str, str, str]]) -> None:
    df = extract_events(text, PUB)
    got = {(r.event_type, r.admin1_code, r.location) for r in df.itertuples()}
    assert {g for g in got if g[0] in {e[0] for e in expected}} == expected
    assert set(df["geo_precision"]) == {"governorate"}


def test_a_longer_name_is_not_a_shorter_town_inside_it() -> None:
    # Daraa al-Balad is Daraa's old city: the city, or the quarter itself if the gazetteer has it
    rows = _rows("Security forces arrested five suspects in Daraa al-Balad on Sunday.")
    assert len(rows) == 1 and rows[0][:2] == ("security_operation", "SY-DR") and rows[0][2] in {
        "Daraa", "Daraa al-Balad"}


@pytest.mark.parametrize(("text", "expected"), [
    # operations under way are news, whatever their rhythm
    ("The army and allied militias are carrying out daily combing operations in the desert east of Palmyra, a "
     "military source said.", {("security_operation", "SY-HI")}),
    ("The SDF has been carrying out near-daily sweeps in the Deir ez-Zor countryside.",
     {("security_operation", "SY-DY")}),
    ("Forces could be conducting daily sweeps in the Deir ez-Zor countryside by summer.", set()),
    # "no" and one modifier negates
    ("Turkish troops have not crossed the border, and no ground fighting has taken place around Manbij.", set()),
    # a trend is not an event
    ("Attacks on convoys have risen sharply in Baghdad since the spring.", set()),
    ("Security forces reported a string of attacks in Nineveh's rural districts.", set()),
    # warplanes firing missiles strike from the air
    ("Israeli warplanes flying over the Golan fired missiles at targets near the town of Dimas on Friday.",
     {("airstrike", "SY-RD")}),
    # a person's name is not a place ("Soleimani" is not Sulaymaniyah)
    ("Militants shelled a base in Baghdad on Monday, weeks after the death of general Qassem Soleimani.",
     {("attack", "IQ-BG")}),
    # a road named by its ends locates; the campaign is where it is fought
    ("Government forces began a wide-scale military campaign on Sunday in the desert around al-Sukhnah, aimed at "
     "securing the Palmyra - Deir Ezzor road.", {("offensive", "SY-HI")}),
    # the state's "sweep" noun, whoever is named near it
    ("The PMF said its units cleared the basin of Islamic State remnants after a three-day sweep in Salahuddin "
     "province on Monday.", {("security_operation", "IQ-SD")}),
])
def test_holdout_4_5_assertions(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_the_narrators_denial_a_few_quotes_after_a_partys_claim_drops_it() -> None:
    text = ('A PMF commander said on Monday that his units had "liberated" the Mutaibija basin in Salahuddin '
            'province. "We entered areas nobody had entered for years," he said. "We burned their hideouts." '
            '"If we leave, they come back." The PMF did not take any new ground in Salahuddin province, which '
            'has been under government control since 2017.')
    assert "territory_change" not in set(extract_events(text, PUB)["event_type"])


@pytest.mark.parametrize(("text", "expected"), [
    # an operation's name is not a modal ("Will of Victory")
    ('The Joint Operations Command said on Sunday that Iraqi forces had launched a large-scale operation, named '
     '"Will of Victory", to clear the desert areas spanning Anbar and Ninawa provinces.',
     {("offensive", "IQ-AN"), ("offensive", "IQ-NI")}),
    # reported speech with a time of its own is news, even in the past perfect
    ("By Monday, troops had arrested three suspects in a search of farms near Rawa, according to a statement "
     "from the command.", {("security_operation", "IQ-AN")}),
])
def test_names_and_reported_past_perfect(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "entered" takes a place; entering homes takes nothing
    ("Militants entered homes in the villages of Umm Dhabab and Khirbet Awad in Suwayda province on Wednesday, "
     "shooting residents as they slept.", {("attack", "SY-SU")}),
    ("Army units entered the town of Tafas on Thursday and raised the flag.", {("territory_change", "SY-DR")}),
    # a drone that "attacked" is one airstrike
    ("Several drones attacked the coalition base at the Conoco gas field on Wednesday evening.",
     {("airstrike", "SY-DY")}),
    # previous truces are background
    ("Previous ceasefires for Idlib collapsed within days, aid groups said on Friday.", set()),
    # "the Kabani axis in the Jabal al-Akrad mountains of rural Latakia": one place
    ("Fierce fighting continued on the Kabani axis in the Jabal al-Akrad mountains of rural Latakia on Monday.",
     {("armed_clash", "SY-LA")}),
])
def test_holdout_5_places_and_triggers(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_a_field_in_a_provinces_district_is_one_place() -> None:
    rows = _rows("Three rockets struck the Khor Mor gas field in Sulaimani province's Chamchamal district on "
                 "Wednesday night.")
    assert [r[2] for r in rows] == ["Khor Mor gas field"]


def test_an_unknown_village_in_the_same_governorate_is_its_own_place_and_event() -> None:
    df = extract_events("Militants entered homes in the villages of Umm Dhabab and Khirbet Awad in Suwayda province "
                        "on Wednesday, shooting residents as they slept.", PUB)
    assert sorted(zip(df["event_type"], df["location"], df["geo_precision"], strict=True)) == [
        ("attack", "Khirbet Awad", "governorate"), ("attack", "Umm Dhabab", "governorate")]


def test_a_campaign_across_two_areas_of_one_province_is_one_offensive() -> None:
    rows = _rows('The Turkish "Claw-Lock" offensive against the PKK continued in the Zapa and Avashinka areas of '
                 "Duhok province on Monday.")
    assert [r[:2] for r in rows] == [("offensive", "IQ-DA")]


def test_sleeper_cells_are_dated_at_publication_not_at_the_incident_before() -> None:
    df = extract_events("In April, gunmen attacked a guard post at the al-Omar oil field. ISIS cells remain active "
                        "across the Deir ez-Zor and Raqqa governorates.", PUB)
    cells = df[df["event_type"] == "sleeper_cell"]
    assert len(cells) == 2 and set(cells["event_date"]) == {PUB}
    assert set(df[df["event_type"] == "attack"]["event_date"]) == {"2024-04-01"}


@pytest.mark.parametrize("text", [
    'Oil ministry: Kirkuk fields "producing normally", drone report "baseless"',
    "Attack rumours in Manbij spread on social media on Monday.",
])
def test_talk_about_an_event_is_not_the_event(text: str) -> None:
    assert _rows(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("The monitor said IS cells remained active across the desert of the governorates of Homs and Hama.",
     {("sleeper_cell", "SY-HI"), ("sleeper_cell", "SY-HM")}),
    ("The monitor has documented growing activity by ISIS cells in the eastern countryside of Raqqa governorate.",
     {("sleeper_cell", "SY-RA")}),
    ("Iraqi officials say the group still relies on sleeper cells in Kirkuk and Diyala.",
     {("sleeper_cell", "IQ-KI"), ("sleeper_cell", "IQ-DI")}),
    # cells as an operation's target are not a presence report of their own
    ("The Asayish launched a security campaign against ISIS cells in the countryside of Raqqa on Wednesday.",
     {("security_operation", "SY-RA")}),
])
def test_sleeper_cell_presence_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a bulletin heading contains the places of its item
    ("Hasakah: Islamic State gunmen shot dead an SDF fighter at a checkpoint near al-Shaddadi on Sunday.",
     {("attack", "SY-HA", "Al-Shaddadi")}),
    # a known and an unknown village of one list: two places of the attack
    ("Government artillery pounded the villages of Kansafra and Umm Dhabab in southern Idlib on Wednesday.",
     {("attack", "SY-ID", "Kansafrah"), ("attack", "SY-ID", "Umm Dhabab")}),
    # "aircraft of the US-led coalition struck": an airstrike
    ("On Wednesday, aircraft of the US-led coalition struck a cave complex in the Mutaibija area.",
     {("airstrike", "IQ-SD", "Mutaibija")}),
])
def test_bulletins_lists_and_aircraft(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert set(_rows(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the headline's event is the body's
    ('Ankara says Idlib truce "still standing" as shells fall on Jabal al-Zawiya\n\nGovernment artillery pounded '
     "Kansafra in the Jabal al-Zawiya area of southern Idlib on Wednesday, the worst breach of the truce this year.",
     [("attack", "SY-ID"), ("ceasefire", "SY-ID")]),
    # the narrator's "That was not the case" drops the report told just before
    ("Pro-government outlets reported on Tuesday that the SDF had pulled out of Ain Issa. That was not the case: "
     "SDF fighters remained in the town.", []),
    # "the raids" after jets struck are the air raids
    ("Russian jets struck the outskirts of Jisr al-Shughur on Monday, according to a war monitor, which said the "
     "raids hit an abandoned farm.", [("airstrike", "SY-ID")]),
])
def test_headlines_narrator_corrections_and_air_raids(text: str, expected: list[tuple[str, str]]) -> None:
    assert sorted(r[:2] for r in _rows(text)) == expected


def test_each_container_governs_the_place_told_just_before_it() -> None:
    text = ("Russian warplanes carried out more than 40 air strikes on Tuesday on hideouts in the desert of Ithriya, "
            "in the eastern countryside of Hama, and in the Jabal al-Bishri mountains in the southern countryside "
            "of al-Raqqah.")
    # Jabal al-Bishri straddles Deir ez-Zor and Raqqa; the text says Raqqa
    assert sorted(r[:2] for r in _rows(text)) == [("airstrike", "SY-HM"), ("airstrike", "SY-RA")]


def test_a_container_followed_by_a_clause_is_not_a_list_item() -> None:
    rows = _rows("In January, ISIS fighters stormed the Ghwayran prison in the city of al-Hasakah, freeing dozens "
                 "of inmates.")
    assert [r[2] for r in rows] == ["Ghwayran prison"]


@pytest.mark.parametrize(("text", "expected"), [
    # Kurdish spellings with accents are names
    ("Turkey's defence ministry said on Thursday its forces had captured a hill known as Girê Bahar near Kani "
     "Masi in Duhok province.", {("territory_change", "IQ-DA")}),
    # "in Erbil province's Soran administration" contains Sidakan
    ("Late on Tuesday night, Turkish artillery shelled the outskirts of Sidakan, in Erbil province's Soran "
     "administration.", {("attack", "IQ-AR")}),
    # a participle describing a thing is not an event
    ("A Slemani resident who lives near one of the raided houses said he heard shouting.", set()),
    # "not the result of an attack"
    ("A column of smoke seen over the Jambur field on Tuesday was not the result of an attack, the company said.",
     set()),
    # a purpose is not an event
    ("The SDF said ISIS cells in Hasakah province were exploiting the chaos to attack its checkpoints.",
     {("sleeper_cell", "SY-HA")}),
    # an accusation of a specific act is a claimed event
    ("The YBS accused the army of shelling its positions in the village of Duguri near Sinjar on Monday.",
     {("attack", "IQ-NI")}),
    # a barracks attack "weeks after" is the background of the news
    ("The ambush came weeks after militants stormed an army barracks in al-Azim district of Diyala in January.",
     set()),
])
def test_holdout_9_10_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a cause told as background of the clashes is not an event of its own
    ("The violence began on Sunday with clashes between tribal gunmen and Druze factions in Suwayda city, "
     "following the kidnapping of a merchant on the Damascus–Suwayda highway.", {("armed_clash", "SY-SU")}),
    # "during the fighting": the fighting told before
    ("Fighting broke out in Sinuni on Monday. More than 3,000 people fled from Sinuni to camps in Duhok province "
     "during the fighting.", {("armed_clash", "IQ-NI")}),
    # officials from a capital are not an event place
    ("By Tuesday a truce mediated by tribal leaders and officials from Baghdad was holding in Sinuni.",
     {("ceasefire", "IQ-NI")}),
    # "Earlier, X had attacked": recent, not a recap
    ("Earlier, the terrorists had attacked with explosive-laden drones the vicinity of the town of Jurin in the "
     "countryside of Hama, the source added.", {("airstrike", "SY-HM")}),
])
def test_causes_circumstances_and_recent_past_perfect(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "on the border with Diyala" only locates
    ("On Saturday night, militants attacked an army post near Mutaibija on the border with Diyala.",
     {("attack", "IQ-SD")}),
    # rifles and grenades seized in a raid are its haul, not a capture
    ("General Security forces arrested five men in a raid on a house in Homs city on Saturday and seized rifles, "
     "grenades and military uniforms.", {("security_operation", "SY-HI")}),
])
def test_borders_and_hauls(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_a_loose_match_in_the_other_country_is_not_taken() -> None:
    text = ("KIRKUK — Iraqi troops of the army's 8th Division conducted a search operation on Wednesday morning in "
            "the villages around Tal al-Dhahab in Kirkuk's Daquq district, detaining two wanted men.")
    assert {r[1] for r in _rows(text)} == {"IQ-KI"}


@pytest.mark.parametrize(("text", "expected"), [
    ("Army aviation helicopters pursued the attackers and struck one of their vehicles about 15 kilometres west "
     "of Hatra, killing three militants.", {("airstrike", "IQ-NI")}),
    ("On Wednesday, army and police units began a search operation in the orchards along the Nahr Umm Rumman in "
     "Diyala, arresting four suspects.", {("security_operation", "IQ-DI")}),
])
def test_air_assets_and_rivers(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The Israeli enemy carried out an air aggression at dawn targeting a building in the Kafr Sousa "
     "neighbourhood of Damascus, a military source said.", {("airstrike", "SY-DI")}),
    # "Tal" heading "Tal al-Hara" is not the town of At Tall
    ("Israeli aircraft also struck radar positions on Tal al-Hara, a hill in the countryside of Daraa, on Tuesday "
     "night.", {("airstrike", "SY-DR")}),
    # a relative "where" clause's old year does not make the cells background
    ("Provincial officials said Islamic State cells still operate in the orchards of Diyala province, where "
     "security forces have struggled to root them out since the group was driven from it in 2015.",
     {("sleeper_cell", "IQ-DI")}),
])
def test_holdout_10_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_unknown_villages_inside_a_known_district_are_the_places() -> None:
    rows = _rows("Turkish warplanes bombed the outskirts of the villages of Kestana and Bermiza in the Amedi district "
                 "of Duhok province on Tuesday afternoon.")
    assert rows == [("airstrike", "IQ-DA", "Bermiza"), ("airstrike", "IQ-DA", "Kestana")]


def test_a_fronted_container_gives_way_to_an_unknown_town_in_it() -> None:
    rows = _rows("In neighbouring Sweida, gunmen exchanged fire on Tuesday night with security men in the town of "
                 "Umm Dhabab, after a quarrel at a checkpoint.")
    assert rows == [("armed_clash", "SY-SU", "Umm Dhabab")]


@pytest.mark.parametrize(("text", "expected"), [
    # an official quoted on where cells are active reports presence
    ('"But we must be honest: sleeper cells are still active on the outskirts of Kirkuk, in Salah al-Din and in '
     'Diyala," the spokesman said.', {("sleeper_cell", "IQ-KI"), ("sleeper_cell", "IQ-SD"), ("sleeper_cell", "IQ-DI")}),
    ("The commander said cells of the group were still operating in Raqqa and Deir ez-Zor provinces.",
     {("sleeper_cell", "SY-RA"), ("sleeper_cell", "SY-DY")}),
    ("The official said cells loyal to the former regime were still active in the countryside of Latakia and "
     "Homs.", {("sleeper_cell", "SY-LA"), ("sleeper_cell", "SY-HI")}),
    # a habit told after the verb
    ("Both the Iraqi army and the SDF carry out sweeps almost daily in Anbar and Deir ez-Zor.", set()),
    # a party's "under our control" is a capture it claims; a pause in fighting is a truce
    ('The minister said on Saturday that the town of Ras al-Ain was "completely under our control".',
     {("territory_change", "SY-HA")}),
    ("Turkey and the United States agreed a pause in fighting around Ras al-Ain on Thursday.",
     {("ceasefire", "SY-HA")}),
    ("Militants fired on an SDF post near the village of Theyban in Deir ez-Zor on Monday night.",
     {("attack", "SY-DY")}),
])
def test_seed_like_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # two-city datelines are datelines
    ("ANKARA/ERBIL — Turkish troops clashed with PKK fighters near Zakho on Wednesday, the ministry said.",
     {("armed_clash", "IQ-DA")}),
    # a post overrun is an attack on it
    ("ISIS said its fighters had overrun an army post north of Samarra on Saturday and killed six soldiers.",
     {("attack", "IQ-SD")}),
    # strikes during a past year's battle are background
    ("Coalition air and artillery strikes during the 2017 battle destroyed most of Raqqa's buildings.", set()),
    # SANA's "hostile missiles"
    ("The source said that the hostile missiles targeted the vicinity of the town of al-Kiswah in Damascus "
     "countryside on Monday.", {("airstrike", "SY-RD")}),
    # state forces with allies sweeping
    ("On Wednesday, army units and tribal fighters combed the desert south of Rutba for weapons caches.",
     {("security_operation", "IQ-AN")}),
    # a name is not a place (Soleimani)
    ("Rocket attacks on the Green Zone in Baghdad rose after the killing of Qassem Soleimani on Monday.",
     {("attack", "IQ-BG")}),
    # "By the afternoon they had retaken ..., according to a statement": news
    ("By the afternoon Iraqi troops had retaken the town of Rashad in Kirkuk province, according to a statement "
     "read on state television.", {("territory_change", "IQ-KI")}),
])
def test_holdout_11_13_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a list "on the outskirts of Kirkuk, in Salah al-Din, in Diyala" is a list, not containers
    ('"Sleeper cells are still active on the outskirts of Kirkuk, in Salah al-Din, in Diyala and in the western '
     'desert of Anbar," he said.', {("sleeper_cell", "IQ-KI"), ("sleeper_cell", "IQ-SD"), ("sleeper_cell", "IQ-DI"),
                                     ("sleeper_cell", "IQ-AN")}),
    # "such cells remain active" is presence
    ("The official said the attackers belonged to cells that move through the Hamrin area, which links Diyala with "
     "Kirkuk, and that such cells remain active in both provinces.",
     {("sleeper_cell", "IQ-DI"), ("sleeper_cell", "IQ-KI")}),
    ("The monitor documented 14 operations carried out by ISIS cells during February in the governorates of Deir "
     "Ezzor and Raqqa.", {("sleeper_cell", "SY-DY"), ("sleeper_cell", "SY-RA")}),
    # "Damascus Countryside" is Rif Dimashq
    ("The Israeli enemy carried out an air aggression on Sunday targeting positions in the vicinity of Kisweh in "
     "Damascus Countryside.", {("airstrike", "SY-RD")}),
])
def test_presence_lists_and_rural_damascus(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_an_interview_answer_is_the_speakers_words() -> None:
    text = ("Q: Was the checkpoint attack a surprise?\n\nA: Nothing surprises us. We fought this organisation in "
            "Kobani, in Raqqa, in Baghouz.\n\nThe commander ended the interview to attend a funeral.")
    assert _rows(text) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("Within two days they had overrun dozens of villages in the western Aleppo countryside, including the town "
     "of Khan al-Asal, the monitor said on Sunday.", {("territory_change", "SY-HL")}),
    ("The factions said on Saturday that they had taken Aleppo International Airport.",
     {("territory_change", "SY-HL")}),
    ("Wednesday: Security forces raided a house in Sulaimani on Wednesday evening to arrest a man wanted for "
     "smuggling weapons.", {("security_operation", "IQ-SU")}),
    ("Army units restored security and stability to the town of al-Sukhnah in the eastern Homs countryside on "
     "Saturday, the agency reported.", {("territory_change", "SY-HI")}),
    ("Rescue workers said the shelling of Sarmin was the deadliest breach in a month of the ceasefire in Idlib "
     "province agreed by Russia and Turkey in March 2020.", {("attack", "SY-ID"), ("ceasefire", "SY-ID")}),
    ("A second wave of missiles hit positions near al-Kiswah south of Damascus at the same time on Friday.",
     {("airstrike", "SY-RD")}),
    ("The army took part in a parade in Homs on Sunday.", set()),
])
def test_holdout_12_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_a_denied_party_statement_is_disputed() -> None:
    df = extract_events('The Security Media Cell on Monday dismissed as "fabricated" a statement by the Islamic '
                        "State group claiming that its fighters had killed seven soldiers in an attack on an army "
                        "post near Qayyarah.", PUB)
    assert list(zip(df["event_type"], df["claim_status"], strict=True)) == [("attack", "disputed")]


def test_a_follow_up_placing_the_event_told_before_is_that_event_there() -> None:
    text = ("Fighters ambushed a bus carrying soldiers on the road between Deir ez-Zor and Palmyra on Wednesday, "
            "killing 25, a war monitor said. The attack took place near the town of Kabajeb in the Deir ez-Zor "
            "desert. A roadside bomb hit a patrol near Hajin on Thursday.")
    assert _rows(text) == [("attack", "SY-DY", "Hajin"), ("attack", "SY-DY", "Kabajeb")]


def test_a_directorate_named_for_a_province_is_a_source_not_a_place() -> None:
    rows = _rows("In Latakia province, gunmen ambushed a General Security patrol near the town of Jableh on Saturday "
                 "night, killing two of its members, according to the Latakia security directorate.")
    assert [r[:2] for r in rows] == [("attack", "SY-LA")]


@pytest.mark.parametrize(("text", "expected"), [
    # a quoted account of a dated incident is the speaker's claim of an event
    ('"On Friday night, Daesh fighters took over the village of Zghaitoun in Hawija district and raised their flag," '
     "the MP said on Sunday.", {("territory_change", "IQ-KI")}),
    # an undated quoted impression stays opinion (the seed's kind)
    ('"We have seen ISIS gaining ground there, attacking even towns near Palmyra," the envoy said.', set()),
])
def test_quoted_dated_incidents_are_claims(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("In his view, the valleys between Kirkuk, Salahuddin and Diyala provinces are where the remaining cells "
     "shelter.", {("sleeper_cell", "IQ-KI"), ("sleeper_cell", "IQ-SD"), ("sleeper_cell", "IQ-DI")}),
    ("The officer said cells were present in the desert areas of Hama and Homs.",
     {("sleeper_cell", "SY-HM"), ("sleeper_cell", "SY-HI")}),
])
def test_more_presence_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


def test_a_headline_told_again_in_the_body_stays_the_bodys_event() -> None:
    text = ("Monitor: attack near al-Omar oil field as analysts debate tribal anger\n\nA war monitor said gunmen "
            "attacked an SDF checkpoint near the al-Omar oil field on Tuesday. ISIS claimed an attack on a tanker "
            "near al-Busayrah the same day.")
    assert sorted(r[2] for r in _rows(text)) == ["Al-Busayrah", "Al-Omar oil field"]


def test_the_narrators_denial_of_another_claim_keeps_a_different_attack() -> None:
    text = ("The spokesman said on Tuesday that an army officer was killed by an improvised explosive device in "
            "Tarmiyah on Monday. \"We will finish them,\" he said. \"God willing.\" Troops searched orchards. "
            "Online claims that an entire army company had been ambushed were false.")
    assert ("attack", "IQ-BG") in _pairs(extract_events(text, PUB))


@pytest.mark.parametrize(("text", "expected"), [
    # a fuzzy site match is not taken: the airport the gazetteer lacks is not Erbil's
    ("A drone struck the perimeter of Sulaymaniyah International Airport on Friday evening.",
     {("airstrike", "IQ-SU")}),
    # attacks "by ISIS cells" in listed provinces report the cells there
    ("The minister listed Salahuddin and Kirkuk as the provinces where attacks on power lines by ISIS cells have "
     "been most frequent.", {("sleeper_cell", "IQ-SD"), ("sleeper_cell", "IQ-KI")}),
    # a warning still reports the cells
    ('Abdi warned that ISIS cells in Hasakah and Deir ez-Zor "are waiting for exactly this moment".',
     {("sleeper_cell", "SY-HA"), ("sleeper_cell", "SY-DY")}),
    # paused raids are not raids
    ("Abdi said SDF forces had been forced to pause counter-ISIS raids in Deir ez-Zor and Raqqa.", set()),
])
def test_holdout_17_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # the narrator: a description "not borne out", a report "but they did not"
    ("The general's description of militants taking whole villages near Palmyra is not borne out by events.", set()),
    ("Pro-opposition outlets later reported that militants had seized the Jihar field, but they did not: troops "
     "remained in control.", set()),
    # the most serious "since January, when ..." is background
    ("The exchange is the most serious since January, when a U.S. drone killed militia leaders at Baghdad airport.",
     set()),
    # a tally of operations is not an event
    ("SOHR has documented 151 operations carried out by gunmen in Deir Ezzor since early 2024.", set()),
    # a two-city agency dateline
    ("Idleb/Hama, SANA — Army units on Wednesday restored security and stability to the town of Khan Sheikhoun.",
     {("territory_change", "SY-ID")}),
])
def test_blind_round_one_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("These cells remain in Diyala, in Anbar's western desert and across the border in Syria's Deir ez-Zor "
     "province.", {("sleeper_cell", "IQ-DI"), ("sleeper_cell", "IQ-AN"), ("sleeper_cell", "SY-DY")}),
    ('"The cells are in the desert of Anbar and Nineveh on our side," the general said.',
     {("sleeper_cell", "IQ-AN"), ("sleeper_cell", "IQ-NI")}),
    ('"There are cells in the orchards of Tarmiyah," the minister said.', {("sleeper_cell", "IQ-BG")}),
    ("Officials said the cells were in contact with commanders in Deir ez-Zor.", set()),
    ("Army units restored on Thursday full control over the city of Palmyra, a military source said.",
     {("territory_change", "SY-HI")}),
])
def test_presence_and_restored_control(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "Busra al-Harir" is not Harir in Erbil
    ("On Saturday Syrian troops captured the town of Busra al-Harir in the eastern countryside of Daraa.",
     {("territory_change", "SY-DR")}),
    ("In al-Bab, police arrested four people on suspicion of links to the Islamic State on Monday.",
     {("security_operation", "SY-HL")}),
    # a burst of strikes on one day is an event, not a tally
    ("Russian warplanes carried out more than 40 air strikes on Tuesday on hideouts in the desert of Ithriya, in "
     "the eastern countryside of Hama.", {("airstrike", "SY-HM")}),
    # a research centre named for a city is not a place of the event
    ("For Ahmed Saadoun, who studies the insurgency at a Baghdad research centre, the attack on the Ajil field in "
     "Salahuddin on Monday was a warning.", {("attack", "IQ-SD")}),
])
def test_blind_round_one_places(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # "and the nearby X" coordinates two places; X is not a mere locator of the first
    ("Islamic State militants attacked positions at the al-Hail gas field and the nearby Shaer gas field in the "
     "eastern countryside of Homs on Wednesday.", {("attack", "SY-HI", "Al-Shaer gas field")}),
    ("Militants counterattacked government positions near Palmyra on Friday.", {("attack", "SY-HI", "Palmyra")}),
    ("His warning came a day after a roadside bomb exploded near a Peshmerga vehicle on the outskirts of "
     "Khanaqin, in Diyala province, on Wednesday.", {("attack", "IQ-DI", "Khanaqin")}),
    ("SULAYMANIYAH, Kurdistan Region of Iraq — Rockets struck the Khor Mor gas field in Sulaimani province on "
     "Wednesday evening.", {("attack", "IQ-SU", "Khor Mor gas field")}),
])
def test_blind_round_two_wordings(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert expected <= set(_rows(text)), _rows(text)


@pytest.mark.parametrize(("text", "expected"), [
    # a fronted "In X's ... countryside," contains the place after it
    ("In Hama's north-western countryside, clashes broke out at dawn between soldiers and fighters near "
     "Kafr Zita.", {("armed_clash", "SY-HM", "Kafr Zayta")}),
    # not across a semicolon
    ("Rockets landed near Basra on Monday; Babil police arrested a suspect.", {("attack", "IQ-BA", "Basra")}),
    # a neighbourhood of Raqqa is not Iraq's Rumaila field
    ("Syrian Democratic Forces raided houses in the al-Mishlab and al-Rumaila neighbourhoods of Raqqa on Monday.",
     {("security_operation", "SY-RA", "al-Mishlab")}),
    # the group's name is not a place
    ("Hay'at Tahrir Al-Sham launched an attack on Monday evening against army positions near Kabani in Latakia.",
     {("attack", "SY-LA", "Kabani")}),
    ("ISIS attacks T-3 station in the Homs desert on Monday.", {("attack", "SY-HI", "T3 pumping station")}),
])
def test_blind_round_two_places(text: str, expected: set[tuple[str, str, str]]) -> None:
    assert set(_rows(text)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # a habit in a "where they carry out ..." clause
    ("The Observatory notes that ISIS cells remain active in Deir Ezzor and Raqqa governorates, where they carry "
     "out assassinations, extortion and night-time attacks.", {("sleeper_cell", "SY-DY"), ("sleeper_cell", "SY-RA")}),
    # "having retaken" is background
    ("The Syrian government, having retaken Eastern Ghouta in April and Daraa province in July, is expected to "
     "turn to Idlib.", set()),
    ("The source said that several missiles struck positions near al-Kisweh in the Damascus countryside on Monday.",
     {("airstrike", "SY-RD")}),
    ("Clashes broke out in Sinjar on Monday. The fighting forced thousands of families to flee toward camps in "
     "Duhok province.", {("armed_clash", "IQ-NI")}),
])
def test_blind_round_three_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


@pytest.mark.parametrize(("text", "expected"), [
    # SANA's "DAMASCUS, (SANA) —" is a dateline
    ("DAMASCUS, (SANA) — Syrian air defences confronted an Israeli aggression on Monday, shooting down missiles "
     "over al-Kiswah in the Damascus countryside.", {("airstrike", "SY-RD")}),
    # Busra al-Harir is Daraa's, not Basra
    ("Army units restored security and stability to the town of Busra al-Harir in the eastern countryside on "
     "Friday.", {("territory_change", "SY-DR")}),
    # a hazard lying in fields is not an event
    ("Unexploded ordnance still litters the fields of southern Idlib and northern Hama.", set()),
    ("Iraqi Air Force F-16 aircraft on Tuesday struck a hideout in Wadi Horan.", {("airstrike", "IQ-AN")}),
    # where buses took fighters is not where the town was entered
    ("Government forces entered the town of Harasta on Thursday as the last rebel fighters left by bus for Idlib.",
     {("territory_change", "SY-RD")}),
])
def test_blind_round_four_wordings(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected


# --- rumours online and "turned out to be false" (blind round 8) ------------------------------
@pytest.mark.parametrize("text", [
    "Rumours on Friday that a mortar round had hit the Kirkuk governorate building turned out to be untrue.",
    "An early account that gunmen had stormed a checkpoint near Rutba proved false, police said.",
    "Residents of Mosul have not recorded a single bombing in the old city since the spring.",
    "The monitor has not documented any airstrike on Maarat al-Numan this week.",
    "Loud blasts in Basra prompted posts online claiming that a rocket had struck the port.",
    "Telegram channels close to the militants claimed on Monday that fighters had overrun a post near Baiji.",
    "Unverified videos show what appear to be clashes in Jasim.",
])
def test_online_rumours_and_debunked_reports_are_not_events(text: str) -> None:
    assert extract_events(text, PUB).empty


@pytest.mark.parametrize(("text", "expected"), [
    # A party's own claim stays a claim; the rumour rule is about unsourced online talk.
    ("ISIS claimed on its Telegram channel that its fighters attacked an army post near Rutba on Sunday.",
     {("attack", "IQ-AN")}),
    ("Activists recorded a drone strike on a car near Sarmada on Tuesday.", {("airstrike", "SY-ID")}),
])
def test_claims_and_records_that_are_events(text: str, expected: set[tuple[str, str]]) -> None:
    assert _pairs(extract_events(text, PUB)) == expected
