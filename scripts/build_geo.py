"""Build data/geo/ (governorates.geojson, places.csv, sites.csv) from ../shared/geo.

Dev-time tool: it reads the openly licensed sources in ../shared/geo (Natural Earth,
GeoNames) plus the hand-compiled tables below, and writes the files the app reads.
The app never reads ../shared; its OUTPUT is committed.

    python scripts/build_geo.py [--shared ../shared/geo] [--out data/geo]

It prints every decision a reviewer should see: rows whose source admin-1 disagrees
with point-in-polygon, hand-added places merged into GeoNames rows (and how far
apart the coordinates were), and any site whose polygon differs from the expected
governorate (which fails the build).
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Polygon, mapping, shape
from shapely.ops import unary_union

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from dashboard.names import normalize_place_name, place_key  # noqa: E402
from dashboard.schema import ADMIN1_CODES  # noqa: E402

# --- governorates ------------------------------------------------------------------
# Spellings researchers, ACLED, UCDP, Natural Earth and GeoNames use for each
# governorate (the display name is schema.ADMIN1_CODES). Kept explicit rather than
# taken wholesale from Natural Earth's name_alt, which mixes in capitals and regions
# ("Ramadi", "Kut", "Jezireh") that must resolve to towns, not governorates.
GOVERNORATE_ALIASES: dict[str, list[str]] = {
    "SY-DI": ["Dimashq", "Damascus City", "Madinat Dimashq", "Damas"],
    "SY-RD": ["Rif Dimashq", "Rif-Dimashq", "Rif Damascus", "Reef Damascus", "Rural Damascus",
              "Damascus Countryside", "Damascus Suburbs", "Rif Dimashq Governorate", "Muhafazat Rif Dimashq"],
    "SY-QU": ["Al-Qunaytirah", "Qunaytirah", "Al Qunaytirah", "Quneitra", "Al-Quneitra", "Kuneitra",
              "Kunaitra", "Qunaitra", "El Quneitra", "Al Quneitera"],
    "SY-DR": ["Dar'a", "Dar`a", "Deraa", "Dara'a", "Der'a", "Dera'a", "Derraa", "Dara"],
    "SY-SU": ["As-Suwayda", "As Suwayda'", "Al-Suwayda", "Sweida", "Suwaida", "Suwaydaa", "Sueida",
              "Soueida", "Es Suweida", "Al Sueida", "Suwayda'", "As Suwayda"],
    "SY-HI": ["Hims", "Homs (Hims)"],
    "SY-HM": ["Hamah", "Hamat"],
    "SY-ID": ["Idleb", "Edleb", "Adlib", "Idlib"],
    "SY-HL": ["Halab", "Haleb", "Alep", "Alepo"],
    "SY-LA": ["Lattakia", "Latakia", "Al-Ladhiqiyah", "Al Ladhiqiyah", "Ladhiqiyah", "Lattaquie",
              "Latakiya", "Lattakieh", "Al-Lathiqiyah", "Lattikia"],
    "SY-TA": ["Tartous", "Tartus", "Tartaus", "Tortosa", "Tartouss"],
    "SY-RA": ["Ar Raqqah", "Ar-Raqqah", "Ar Raqqa", "Al-Raqqa", "Raqqah", "Rakka", "Al Rakka", "Ar-Raqqa"],
    "SY-DY": ["Deir al-Zour", "Deir al-Zor", "Dayr az Zawr", "Dayr Az Zawr", "Deir Ezzor", "Deir ez Zor",
              "Dair Ezzor", "Dair-Ezzor", "Deir Azzor", "Der Azzor", "Deir el-Zor", "Deir Ez-Zour", "Dayr al-Zawr",
              "Deir al Zour", "Deir Zor", "Dayr az Zaur", "Dier Elzour", "Deirezzor"],
    "SY-HA": ["Al-Hasakah", "Al Hasakah", "Hasaka", "Al-Hasaka", "Al Hasakeh", "Hasakeh", "Haseke", "El Haseke",
              "Hassakeh", "Al Hassakeh", "Al-Haska", "Hasaka (Al Haksa)", "Hassake", "Al-Hassakah"],
    "IQ-BG": ["Baghdad", "Bagdad"],
    "IQ-AN": ["Al-Anbar", "Al Anbar", "Anbar"],
    "IQ-NI": ["Ninawa", "Ninewa", "Niniveh", "Nineveh", "Ninava", "Nineva", "Ninawah", "Ninive"],
    "IQ-SD": ["Salah al-Din", "Salah ad-Din", "Salah ad Din", "Salahuddin", "Saladin", "Salaheddin", "Sala ad-Din",
              "Salahaddin", "Salah el-Din", "Salah al Din", "Salahadin", "Salah Aldeen", "Salahaddeen",
              "Salaheddine"],
    "IQ-KI": ["Kirkuk", "Karkuk", "Kerkuk", "Ta'mim", "At-Ta'mim", "At Ta'mim", "Tamim", "Al-Tamim", "Tameem"],
    "IQ-DI": ["Diyala", "Diyalah", "Diala"],
    "IQ-AR": ["Arbil", "Irbil", "Hewler", "Hawler", "Erbil"],
    "IQ-DA": ["Duhok", "Dahuk", "Dihok", "Duhuk", "Dahok", "Dohuk"],
    "IQ-SU": ["Sulaimani", "Slemani", "Sulaimaniya", "Sulaymaniya", "As-Sulaymaniyah", "As Sulaymaniyah",
              "Suleimaniyah", "Sulaimaniyah", "Silemani", "Sulaymaniyyah", "Suleimani", "Sulaymaniyah",
              # Halabja became its own governorate in 2014; Natural Earth (and ISO 3166-2
              # here) still count it in Sulaymaniyah, so its events go there.
              "Halabja"],
    "IQ-BB": ["Babil", "Babylon", "Babel"],
    "IQ-KA": ["Karbala'", "Kerbala", "Kerbela", "Karbalaa"],
    "IQ-NA": ["An-Najaf", "Al-Najaf", "An Najaf"],
    "IQ-QA": ["Al-Qadisiyah", "Al Qadisiyah", "Qadisiyyah", "Al-Qadisiyyah", "Qadissiya", "Qadisiya", "Diwaniyah"],
    "IQ-WA": ["Wassit", "Wasit"],
    "IQ-MA": ["Missan", "Maisan", "Mayssan", "Maysan"],
    "IQ-DQ": ["Thi Qar", "Dhi-Qar", "Zi Qar", "Dhiqar", "Thiqar", "Thi-Qar", "Dhi Qar"],
    "IQ-MU": ["Al-Muthanna", "Al Muthanna", "Al-Muthannia", "Muthana"],
    "IQ-BA": ["Basrah", "Al-Basrah", "Al-Basra", "Al Basrah", "Basra"],
}

# Aliases that name the governorate but not its capital (the rest are shared with
# the capital town of the same name, so "Deir Ezzor" alone finds the city).
GOVERNORATE_ONLY_ALIASES: set[str] = {
    "Ta'mim", "At-Ta'mim", "At Ta'mim", "Tamim", "Al-Tamim", "Tameem", "Diwaniyah", "Damascus City",
    "Madinat Dimashq", "Hasaka (Al Haksa)", "Homs (Hims)", "Halabja",
}

# Natural Earth name_alt entries that name a city or a region, not the governorate.
NE_ALT_NOT_GOVERNORATE: set[str] = {
    "Al Jezira", "Jezireh", "Hauran", "Dulaim", "Ramadi", "Kut", "Kut-al-Imara", "Hilla", "Nasiriyah", "Muntafiq",
    "`Amara", "Mosul", "Al-Mawsil", "Al Rashid", "Rashid", "Bagd\xa0", "N¡nive", "Diwaniyah",
}

# Governorate → GeoNames id of the capital town with the same name.
CAPITAL_GEONAMEID: dict[str, int] = {
    "SY-DI": 170654, "SY-QU": 173334, "SY-DR": 170905, "SY-SU": 172408, "SY-HI": 169577, "SY-HM": 170017,
    "SY-ID": 169389, "SY-HL": 170063, "SY-LA": 173576, "SY-TA": 163345, "SY-RA": 172955, "SY-DY": 170794,
    "SY-HA": 173811, "IQ-BG": 98182, "IQ-KI": 94787, "IQ-AR": 95446, "IQ-DA": 96994, "IQ-SU": 98463,
    "IQ-KA": 94824, "IQ-NA": 98860, "IQ-BA": 99532,
}

# GeoNames admin1 codes (cities15000 `admin1code`) → ISO 3166-2, from Natural Earth's gn_a1_code.
# Filled at build time from the Natural Earth features; IQ 19 (Halabja) is newer than NE.
GEONAMES_EXTRA_ADMIN1 = {("IQ", 19): "IQ-SU"}

# --- hand-added places ----------------------------------------------------------------
# Towns, districts and areas conflict news names. Coordinates from public references
# (Wikipedia/GeoNames pages of each place; UCDP GED 19.1 event coordinates for the
# Syrian Euphrates villages). Entries that already exist in GeoNames (same key,
# ≤ 15 km) only add their aliases to the GeoNames row.
# (name, "|"-joined aliases, kind, country, lat, lon)
HAND_PLACES: list[tuple[str, str, str, str, float, float]] = [
    # Syria: Homs desert / Badia
    ("Palmyra", "Tadmur|Tadmor|Tudmur", "town", "SY", 34.5624, 38.2840),
    ("Al-Sukhnah", "Sukhnah|As Sukhnah|Sukhna|Al-Sukhna|Sokhna", "town", "SY", 34.8846, 38.8749),
    ("Al-Qaryatayn", "Qaryatayn|Al Qaryatayn|Qaryatain|Al-Quaryatayn", "town", "SY", 34.2296, 37.2407),
    ("Bir Humaymah", "Humaymah|Humaima|Al-Humaymah|Hmeimeh", "town", "SY", 34.4572, 39.7858),
    ("Eastern Ghouta", "East Ghouta|Ghouta|al-Ghouta al-Sharqiya|Eastern Ghuta", "district", "SY", 33.5500, 36.4200),
    # Syria: areas (district precision; the point is the area's middle)
    ("Jabal Saman", "Jebel Saman|Jabal Sam'an|Mount Simeon district", "district", "SY", 36.2012, 37.1612),
    ("Jabal al-Zawiya", "Jabal Zawiya|Jebel al-Zawiya|Jabal al Zawiyah|Jebel Zawiye", "district", "SY",
     35.6800, 36.5000),
    ("Ghab Plain", "Al-Ghab|Ghab|Sahl al-Ghab|al-Ghab plain", "district", "SY", 35.6000, 36.3800),
    ("Qalamoun", "Qalamoun mountains|Qalamun|Al-Qalamoun|Jabal Qalamoun", "district", "SY", 33.9500, 36.5500),
    ("Jabal al-Akrad", "Jebel al-Akrad|Kurd Mountain|Jabal al Akrad", "district", "SY", 35.7300, 36.1700),
    ("Jabal Turkman", "Jebel Turkman|Turkmen Mountain|Jabal al-Turkman|Bayirbucak", "district", "SY", 35.8000,
     35.9700),
    ("Western Ghouta", "West Ghouta|al-Ghouta al-Gharbiya", "district", "SY", 33.4600, 36.2000),
    ("Lajat", "Al-Lajat|Leja|Al-Leja|Lajah", "district", "SY", 33.0800, 36.4000),
    ("Jabal al-Bishri", "Bishri mountains|Jebel Bishri|Jabal Bishri|Al-Bishri", "district", "SY", 35.4500, 39.4500),
    ("Resafa", "Rusafa|Rasafa|Resafa|Sergiopolis|Rusafat Hisham", "town", "SY", 35.6287, 38.7567),
    ("Ithriya", "Athraya|Ithriyah|Athriya", "town", "SY", 35.3667, 37.7667),
    # Syria: Deir ez-Zor
    ("Al-Mayadin", "Mayadin|Mayadeen|Al Mayadin|Al-Mayadeen|Meyadin", "town", "SY", 35.0198, 40.4515),
    ("Al-Bukamal", "Abu Kamal|Albu Kamal|Al-Bukamal|Bukamal|Abu Kemal|Al Bukamal|Boukamal", "town", "SY",
     34.4523, 40.9185),
    ("Hajin", "Hajeen|Hajine", "town", "SY", 34.6951, 40.8314),
    ("Al-Shaafa", "Shaafa|Al-Shafa|Ash Shafah|Al-Shaafah|Shafah|Al Shaafa", "town", "SY", 34.5789, 40.9344),
    ("Al-Susah", "Susah|As Susah|Sousa|Al-Sousa|Al-Susa|Soussa", "town", "SY", 34.5337, 40.9582),
    ("Al-Baghuz", "Baghuz|Baghouz|Al-Baghouz|Baghuz Fawqani|Baghouz Fouqani", "town", "SY", 34.4586, 40.9506),
    ("Al-Shuhayl", "Shuhayl|Al-Shuhail|Shuhail|Al-Shahil|Shheil|Ash Shuhayl", "town", "SY", 35.1000, 40.4500),
    ("Dhiban", "Thiban|Diban|Theban|Al-Dhiban", "town", "SY", 35.0098, 40.5046),
    ("Al-Busayrah", "Busayrah|Al-Busaira|Busaira|Al Busayrah|Al-Busayra|Basira|Al-Basira", "town", "SY",
     35.1556, 40.4258),
    ("Al-Hawl", "Al-Hol|Al Hol|Hol|Al Hawl|Hawl", "town", "SY", 36.3829, 41.1474),
    ("Khasham", "Khusham|Khosham", "town", "SY", 35.2843, 40.3025),
    ("Al-Ashara", "Ashara|Al Asharah|Al-Asharah", "town", "SY", 34.9221, 40.5636),
    ("Subaykhan", "Sabikhan|Subaikhan", "town", "SY", 34.8531, 40.5999),
    # Syria: Hasakah / Raqqa / Aleppo
    ("Markadah", "Markada|Markadeh|Al-Markada", "town", "SY", 35.7617, 40.7689),
    ("Al-Shaddadi", "Shaddadi|Shadadi|Ash Shaddadah|Al-Shaddadah|Shaddadah|Al Shaddadi", "town", "SY",
     36.0576, 40.7348),
    ("Tal Tamr", "Tell Tamer|Tal Tamer|Tall Tamr|Tel Tamer|Til Temir", "town", "SY", 36.6556, 40.3708),
    ("Ras al-Ayn", "Ras al-Ain|Ras al Ayn|Ras al Ain|Serekaniye|Sere Kaniye|Serê Kaniyê|Ras Al-Ayn|Ra's al `Ayn",
     "town", "SY", 36.8503, 40.0706),
    ("Tal Abyad", "Tell Abyad|Tall Abyad|Tal Abiad|Tell Abiad|Gire Spi|Girê Spî|Tel Abyad", "town", "SY",
     36.6975, 38.9567),
    ("Ain Issa", "Ayn Isa|Ain Isa|Ein Issa|Ayn Issa|`Ayn `Isa|Ain al-Issa", "town", "SY", 36.3857, 38.8587),
    ("Manbij", "Menbij|Manbej|Mambij|Minbic", "town", "SY", 36.5282, 37.9550),
    ("Kobani", "Kobane|Ayn al-Arab|Ain al-Arab|Ayn al Arab|Ain al Arab|Kobanî|Ayn al 'Arab", "town", "SY",
     36.8910, 38.3535),
    ("Jarablus", "Jarabulus|Jerablus|Jarabulus|Djerablous", "town", "SY", 36.8175, 38.0111),
    ("Al-Bab", "Al Bab|Bab|El Bab", "town", "SY", 36.3705, 37.5157),
    ("Deir Hafer", "Dayr Hafir|Deir Hafir|Dayr Hafer|Deir Hafir", "town", "SY", 36.1569, 37.7078),
    ("Maskanah", "Maskana|Meskene|Maskaneh", "town", "SY", 35.9632, 38.0356),
    ("Al-Tabqa", "Tabqa|Al Tabqa|Tabaqa|Al-Thawrah|Ath Thawrah|Madinat al-Thawra", "town", "SY", 35.8376, 38.5483),
    ("Tal Rifaat", "Tall Rifat|Tel Rifaat|Tall Rif`at|Tal Refaat", "town", "SY", 36.4723, 37.0947),
    ("Amuda", "Amude|Amouda|Amudah", "town", "SY", 37.1042, 40.9300),
    ("Rmelan", "Rumeilan|Rmeilan|Rumaylan|Rimelan", "town", "SY", 37.0169, 41.9244),
    ("Al-Yarubiyah", "Yarubiyah|Al-Yaarubiyah|Tal Kocher|Til Koçer|Yaarubiyah|Al Ya`rubiyah", "town", "SY",
     36.8094, 42.0625),
    ("Qamishli", "Al-Qamishli|Kamishli|Qamishlo|Qamişlo|Al Qamishli|Qamishly|Kamishly", "town", "SY",
     37.0522, 41.2314),
    ("Afrin", "Efrin|Afreen|`Afrin", "town", "SY", 36.5119, 36.8695),
    ("Azaz", "A'zaz|Aazaz|Izaz|I`zaz|Ezaz", "town", "SY", 36.5866, 37.0463),
    ("Tell Brak", "Tal Brak|Tall Birak|Tel Brak", "town", "SY", 36.6670, 41.0580),
    # Syria: south and west
    ("Nasib", "Naseeb|Nassib", "town", "SY", 32.5518, 36.1859),
    ("Khan Shaykhun", "Khan Sheikhoun|Khan Shaykhoun|Khan Sheikhun", "town", "SY", 35.4421, 36.6510),
    ("Maarat al-Numan", "Maarat al-Numaan|Maaret al-Numan|Ma`arrat an Nu`man|Maarrat al-Numan|Marat al-Numan",
     "town", "SY", 35.6436, 36.6714),
    # Iraq: Anbar
    ("Al-Qaim", "Qaim|Al Qaim|Al-Qa'im|Al Qa'im|Husaybah|Al-Husaybah|Husaiba", "town", "IQ", 34.3925, 40.9895),
    ("Rawa", "Rawah|Rawah|Al-Rawa", "town", "IQ", 34.4701, 41.9147),
    ("Anah", "Ana|Anah|'Anah", "town", "IQ", 34.3686, 41.9819),
    ("Haditha", "Hadithah|Al-Haditha|Hadeetha", "town", "IQ", 34.1366, 42.3773),
    ("Hit", "Heet|Hīt", "town", "IQ", 33.6366, 42.8277),
    ("Rutba", "Al-Rutba|Ar Rutbah|Rutbah|Al-Rutbah", "town", "IQ", 33.0372, 40.2859),
    ("Nukhayb", "Nukhaib|Al-Nukhayb|An Nukhayb|Nukhaib", "town", "IQ", 32.0410, 42.2549),
    ("Ramadi", "Al-Ramadi|Ar Ramadi|Ramadi", "town", "IQ", 33.4206, 43.3078),
    ("Fallujah", "Falluja|Al-Fallujah|Al Fallujah|Faluja", "town", "IQ", 33.3491, 43.7860),
    ("Wadi Hauran", "Wadi Horan|Wadi Houran|Wadi Hawran|Wadi al-Hauran", "district", "IQ", 33.4800, 41.6000),
    ("Karmah", "Garma|Al-Karmah|Al Karmah|Garmah", "town", "IQ", 33.3996, 43.9088),
    ("Amiriyat al-Fallujah", "Amiriyah|Amiriyat al Fallujah|Al-Amiriyah", "town", "IQ", 33.0770, 43.8400),
    # Iraq: Baghdad belts
    ("Tarmiyah", "Al-Tarmiyah|At Tarmiyah|Tarmiya", "town", "IQ", 33.6681, 44.3939),
    ("Taji", "Al-Taji|At Taji", "town", "IQ", 33.5266, 44.2579),
    ("Abu Ghraib", "Abu Ghurayb|Abu Ghuraib", "town", "IQ", 33.2930, 44.0660),
    ("Jurf al-Sakhar", "Jurf al-Nasr|Jurf al Sakhar|Jurf as Sakhr|Jurf al-Sakr|Jurf Al Nasr", "town", "IQ",
     32.8853, 44.1283),
    ("Latifiya", "Al-Latifiyah|Latifiyah|Al Latifiyah|Latifiyah", "town", "IQ", 33.0097, 44.3278),
    # Iraq: Salahuddin / Kirkuk / Diyala
    ("Tuz Khurmatu", "Tuz Khurmato|Tuz Khormato|Tozkhurmato|Tuz|Touz Khormato|Tuz Khurmatu", "town", "IQ",
     34.8881, 44.6326),
    ("Hawija", "Al-Hawija|Al Hawijah|Hawijah|Huwaija", "town", "IQ", 35.3218, 43.7681),
    ("Daquq", "Dakuk|Taouq|Tawuq|Daquq", "town", "IQ", 35.1358, 44.4513),
    ("Dibis", "Dibs|Al-Dibis|Dibbis", "town", "IQ", 35.6466, 44.0672),
    ("Makhmur", "Makhmour|Mexmur|Makhmoor", "town", "IQ", 35.7753, 43.5786),
    ("Tikrit", "Tekrit|Tikreet", "town", "IQ", 34.6158, 43.6786),
    ("Samarra", "Samara|Samarrah|Samarra'", "town", "IQ", 34.1959, 43.8857),
    ("Baiji", "Bayji|Beiji|Baiji", "town", "IQ", 34.9292, 43.4888),
    ("Shirqat", "Al-Shirqat|Ash Sharqat|Sharqat|Al-Sharqat|Shergat", "town", "IQ", 35.5172, 43.2281),
    ("Balad", "Balad", "town", "IQ", 34.0149, 44.1457),
    ("Dujail", "Al-Dujail|Ad Dujayl|Dujayl", "town", "IQ", 33.8467, 44.2344),
    ("Al-Alam", "Alam|Al Alam", "town", "IQ", 34.7090, 43.6951),
    ("Al-Dawr", "Dawr|Ad Dawr|Al Dour|Dour", "town", "IQ", 34.4550, 43.7960),
    ("Jalawla", "Jalula|Jalawlaa|Jalawla'", "town", "IQ", 34.2721, 45.1620),
    ("Saadiya", "Al-Saadiya|As Sa'diyah|Sadiyah|Al-Sadiyah|Saadiyah", "town", "IQ", 34.1908, 45.1184),
    ("Khanaqin", "Khanaqeen|Khaneqin|Xaneqin", "town", "IQ", 34.3482, 45.3907),
    ("Muqdadiyah", "Al-Muqdadiyah|Al Miqdadiyah|Miqdadiyah|Muqdadiya", "town", "IQ", 33.9786, 44.9369),
    ("Baqubah", "Baquba|Ba'qubah|Bakuba", "town", "IQ", 33.7540, 44.6052),
    ("Mansuriyat al-Jabal", "Al-Mansuriyah|Mansuriyat al Jabal|Mansouriya|El Mansouria|Al Mansuriyah", "town", "IQ",
     34.0767, 44.9547),
    ("Udhaim", "Al-Udhaim|Al-Adhaim|Adhaim|Al Uzaym|Al-Azim", "town", "IQ", 34.4569, 44.5202),
    ("Hamrin Mountains", "Hamrin|Jabal Hamrin|Himreen|Hemrin|Hamreen|Jebel Hamrin|Hamrin Mountain", "district",
     "IQ", 34.4200, 44.5600),
    # Iraq: Nineveh
    ("Sinjar", "Shingal|Shengal|Sinjar", "town", "IQ", 36.3209, 41.8766),
    ("Tal Afar", "Tal Afar|Tall Afar|Tel Afar|Talafar|Tall `Afar|Tal Afer", "town", "IQ", 36.3744, 42.4483),
    ("Baaj", "Al-Baaj|Al Ba'aj|Al-Ba'aj|Ba'aj", "town", "IQ", 36.0442, 41.7289),
    ("Hammam al-Alil", "Hamam al-Alil|Hammam al Alil|Hammam al-Aleel", "town", "IQ", 36.1597, 43.2611),
    ("Qayyarah", "Al-Qayyarah|Qayara|Qayyara|Al Qayyarah|Al-Qayyara", "town", "IQ", 35.8000, 43.2900),
    ("Bashiqa", "Bashiqah|Baashiqa|Bahshiqa", "town", "IQ", 36.4536, 43.3497),
    ("Bartella", "Bartalla|Bartillah|Bartela", "town", "IQ", 36.3517, 43.3797),
    ("Sinjar Mountains", "Mount Sinjar|Jabal Sinjar|Sinjar mountain|Shingal mountain|Jebel Sinjar", "district", "IQ",
     36.3700, 41.7500),
    ("Lake Tharthar", "Tharthar|Tharthar Lake|Buhayrat al-Tharthar|Wadi al-Tharthar|Al-Tharthar", "district", "IQ",
     33.9800, 43.2000),
    ("Mosul", "Al-Mosul|Mawsil|Al-Mawsil|Mousul|Mosoul", "town", "IQ", 36.3350, 43.1189),
    ("Hatra", "Al-Hadar|Al Hadr|Hadr", "town", "IQ", 35.5769, 42.7183),
    # Spellings news uses for GeoNames towns (same point: only the aliases are added)
    ("Al Amadiyah", "Amedi|Amadiya|Amadiyah|Al-Amadiya", "town", "IQ", 37.09214, 43.48769),
]

# Hand-added places with a per-row reference (same merge rules as HAND_PLACES).
# (name, "|"-joined aliases, kind, country, lat, lon, source)
HAND_PLACES_SOURCED: list[tuple[str, str, str, str, float, float, str]] = [
    # Syria: UCDP GED event locations that the UCDP step below cannot take as they are
    # (a homonym elsewhere, a short name, a better display spelling) - placed here by hand.
    ("Madaya", "Madaia|Madaya town|Medaya", "town", "SY", 33.69056, 36.10268,
     "UCDP GED (CC BY 4.0) where_coordinates: Madaya town"),
    ("Al-Rai", "Al Rai|Al-Ra'i|Ar Ra'i|Ar-Rai|Cobanbey|Choban Bey|Çobanbey|Tchoban Bey", "town", "SY", 36.61667,
     37.45,
     "UCDP GED (CC BY 4.0) where_coordinates: Al-Rai town (Choban Bey)"),
    ("Al-Fuah", "Foah|Fuah|Al-Fu'ah|Fu'ah|Fouaa|Al-Fouaa|Foua|Al Fuah", "town", "SY", 35.98292, 36.70221,
     "UCDP GED (CC BY 4.0) where_coordinates: Foah village"),
    ("Zirgan", "Abu Rasin|Abu Ras al-Ayn|Zarkan|Zirkan|Zarqan|Zergan", "town", "SY", 36.84722, 40.32686,
     "UCDP GED (CC BY 4.0) where_coordinates: Abu Rasin/Zarkan town"),
    ("Ain Tarma", "Ein Terma|Ain Terma|Ayn Tarma|Ein Tarma|Ain Tirma", "town", "SY", 33.51553, 36.35056,
     "UCDP GED (CC BY 4.0) where_coordinates: Ein Terma suburb"),
    ("Tall Mallah", "Tal Meleh|Tell Malah|Tal Malah|Tell Meleh|Tal Mallah|Tell Mallah", "town", "SY", 35.30566,
     36.51962, "UCDP GED (CC BY 4.0) where_coordinates: Tall Mallah village"),
    ("Hammam al-Turkman", "Hammam Turkman|Hammam al-Turkmen|Hammam al Turkman", "town", "SY", 36.52917, 39.07639,
     "UCDP GED (CC BY 4.0) where_coordinates: Hammam al-Turkman"),
    ("Atmeh", "Atma|Atimah|Al-Atmeh|Atmah|Atmeh camp", "town", "SY", 36.3100, 36.6630,
     "UCDP GED (CC BY 4.0) where_coordinates: Atmeh IDP camp (the town adjoins it; nudged 0.6 km south "
     "into the Idlib polygon)"),
    ("Jabal Abd al-Aziz", "Jabal Abdulaziz|Jebel Abdulaziz|Abdulaziz mountain|Abd al-Aziz mountains|"
     "Jabal Abd al Aziz|Mount Abdulaziz", "district", "SY", 36.42857, 40.30352,
     "UCDP GED (CC BY 4.0) where_coordinates: Jabal Abd al Aziz"),
    ("Tulul al-Safa", "Tulul as Safa|Tlul al-Safa|Tulul al Safa|Tlul as-Safa", "district", "SY", 33.03, 37.199,
     "UCDP GED (CC BY 4.0) where_coordinates: Tulul as Safa"),
    ("Jabal Thardah", "Jabal Thurdah|Thardah mountain|Jabal Tharda|Thurdah|Tharda mountain|Jebel Thardeh",
     "district", "SY", 35.25657, 40.11475, "UCDP GED (CC BY 4.0) where_coordinates: Jabal Thurdah"),
    # Syria: from public references (Wikipedia/GeoNames place pages)
    ("Sayyida Zeinab", "Sayyida Zaynab|Sayyidah Zaynab|As Sayyidah Zaynab|Sitt Zaynab|Sayeda Zeinab|"
     "Sayyida Zainab|Set Zeinab", "town", "SY", 33.4444, 36.3381, "Wikipedia: Sayyida Zaynab"),
    ("Daraa al-Balad", "Daraa Balad|Dar'a al-Balad|Deraa al-Balad|Daraa al Balad|Dar'a al Balad", "town", "SY",
     32.6120, 36.1030, "Wikipedia: Daraa (old town, south of the Wadi al-Zaidi; approximate)"),
    ("Daraa al-Mahatta", "Daraa Mahatta|Dar'a al-Mahatta|Deraa al-Mahatta|Daraa al-Mahatah|Daraa al Mahatta",
     "town", "SY", 32.6270, 36.1080, "Wikipedia: Daraa (station district, north of the Wadi al-Zaidi; approximate)"),
    ("Kafraya", "Kafriya|Kefraya|Kafarya|Kfarya", "town", "SY", 35.9820, 36.6890,
     "Wikipedia: Kafriya, ~1.5 km west of al-Fu'ah (approximate)"),
    ("Zahraa", "Al-Zahraa|Az-Zahraa|Al Zahraa|Zahraa town", "town", "SY", 36.3920, 37.0050,
     "Wikipedia: Al-Zahraa, adjoining Nubl to the north-east (approximate)"),
    ("Sheikh Maqsoud", "Sheikh Maksoud|Shaykh Maqsud|Sheikh Maqsood|Sheikh Maqsud|Şêx Meqsûd", "town", "SY",
     36.2270, 37.1500, "Wikipedia: Sheikh Maqsoud, northern Aleppo (approximate)"),
    ("Jobar", "Jawbar|Jubar", "town", "SY", 33.5280, 36.3280, "Wikipedia: Jobar, eastern Damascus (approximate)"),
    ("Yalda", "Yelda|Yaldah", "town", "SY", 33.4600, 36.3200, "Wikipedia: Yalda, south of Damascus (approximate)"),
    ("Qudsaya", "Qudssaya|Qudsayya|Kudsaya", "town", "SY", 33.5330, 36.2370,
     "Wikipedia: Qudsaya, north-west of Damascus (approximate)"),
    ("Kessab", "Kasab|Kassab|Keseb", "town", "SY", 35.9250, 35.9880, "Wikipedia: Kessab"),
    ("Hass", "Haas|Hass town", "town", "SY", 35.5900, 36.6000,
     "Wikipedia: Hass, ~4 km south-east of Kafr Nabl (approximate)"),
    ("Atil", "Ateel|Atel|'Atil", "town", "SY", 32.7350, 36.5750,
     "Wikipedia: Atil, ~3 km north of al-Suwayda city (approximate)"),
    ("Kabajeb", "Kabajib|Kabajeeb|Kubajib|Al-Kabajib", "town", "SY", 35.1100, 39.6300,
     "Wikipedia: Kabajib, on the Sukhnah-Deir ez-Zor highway ~30 km SW of al-Shula (approximate)"),
    # Syria: spellings news uses for listed towns (same point: only the aliases are added)
    ("Abu al-Duhur", "Abu az Zuhur|Abu al-Zuhur|Abu Dhuhur|Abu Duhur|Abu al-Dhuhur|Abu Zuhur", "town", "SY",
     35.74058, 37.0448, "GeoNames cities1000 (aliases only)"),
    ("Al-Qahtaniyah", "Qahtaniyah|Tirbespiye|Tirbespi|Tirbe Spi|Al Qahtaniyah|Qahtaniya", "town", "SY", 37.02900,
     41.54596, "GeoNames cities1000 (aliases only)"),
    # Iraq: from public references (Wikipedia/GeoNames place pages)
    ("Badush", "Badoush|Al-Badush|Badosh", "town", "IQ", 36.3950, 42.9700,
     "Wikipedia: Badush, ~15 km north-west of Mosul on the Tigris (approximate)"),
    ("Zummar", "Zumar|Zimmar|Zummar town", "town", "IQ", 36.6400, 42.6100,
     "Wikipedia: Zummar, west of the Mosul Dam lake (approximate)"),
    ("Sidakan", "Sidakan town|Sidakaan|Sîdekan", "town", "IQ", 36.7990, 44.6740,
     "Wikipedia: Sidakan, Soran district (approximate)"),
    ("Metina", "Matina|Metina region|Metîna|Mateen", "district", "IQ", 37.2500, 43.4500,
     "Wikipedia: Metina, border mountains north of Amadiya (area; approximate)"),
    ("Qandil Mountains", "Qandil|Mount Qandil|Qendil|Kandil|Qandil mountain", "district", "IQ", 36.4200, 45.0500,
     "Wikipedia: Qandil Mountains (area; approximate)"),
    ("Haftanin", "Hakurk-Haftanin|Haftanin region|Heftanin", "district", "IQ", 37.2200, 42.9000,
     "Wikipedia: Haftanin, border area north-east of Zakho (area; approximate)"),
    ("Mutaibija", "Mutaibijah|Al-Mutaibija|Mutaybija|Mtebija|Mutibija", "district", "IQ", 34.2800, 44.3200,
     "Wikipedia: Mutaibija, between Samarra and al-Udhaim on the Salahuddin-Diyala line (area; approximate)"),
    ("Sulaiman Bek", "Sulayman Beg|Suleiman Bek|Sulaiman Beg|Slevan Beg", "town", "IQ", 34.7600, 44.6300,
     "Wikipedia: Sulaiman Bek, south of Tuz Khurmatu (approximate)"),
    ("Amerli", "Amirli|Amerly|Amirly|Amerli town", "town", "IQ", 34.7244, 44.5872, "Wikipedia: Amirli"),
    ("Mishahda", "Al-Mishahda|Mushahada|Al-Mushahada|Mishahdah", "town", "IQ", 33.6200, 44.2500,
     "Wikipedia: Mishahda, Tarmiyah district north of Baghdad (approximate)"),
    ("Yusufiyah", "Al-Yusufiyah|Yusufiya|Youssifiyah|Yousifiyah", "town", "IQ", 33.0700, 44.2400,
     "Wikipedia: Yusufiyah, south-west of Baghdad (approximate)"),
    ("Salman Pak", "Mada'in|Al-Mada'in|Madain|Al-Madain|Salman Bak", "town", "IQ", 33.0970, 44.5840,
     "Wikipedia: Salman Pak"),
    ("Dhuluiya", "Al-Dhuluiya|Dhuluiyah|Duluiya|Al-Duluiya|Dhuluiyah", "town", "IQ", 34.0580, 44.2310,
     "Wikipedia: Dhuluiya, on the Tigris north-east of Balad (approximate)"),
    ("Buhriz", "Buhruz|Bohriz", "town", "IQ", 33.7100, 44.6400,
     "Wikipedia: Buhriz, ~5 km south of Baqubah (approximate)"),
    ("Al-Baghdadi", "Baghdadi|Al Baghdadi|Baghdadi town", "town", "IQ", 33.8667, 42.5500, "Wikipedia: Al-Baghdadi"),
    ("Saqlawiyah", "Saqlawiya|Al-Saqlawiyah|Saqlawiyya|Seqlawiyah|Al-Saqlawiya", "town", "IQ", 33.4000, 43.7000,
     "Wikipedia: Saqlawiyah, north-west of Fallujah (approximate)"),
    ("Habbaniyah", "Al-Habbaniyah|Habbaniya|Habaniyah", "town", "IQ", 33.3700, 43.5800,
     "Wikipedia: Habbaniyah, between Ramadi and Fallujah (approximate)"),
    ("Kubaisa", "Kubaysah|Al-Kubaisa|Kubaisah|Kubaysa", "town", "IQ", 33.5800, 42.6100,
     "Wikipedia: Kubaysah, west of Hit (approximate)"),
    ("Haqlaniyah", "Al-Haqlaniyah|Haqlaniya|Haqlaniyyah", "town", "IQ", 34.0800, 42.3700,
     "Wikipedia: Haqlaniyah, south of Haditha (approximate)"),
    ("Barwana", "Barwanah|Al-Barwana", "town", "IQ", 34.1200, 42.4000,
     "Wikipedia: Barwana, across the Euphrates from Haditha (approximate)"),
    ("Alqosh", "Alqush|Al-Qosh|Alkosh|Elqosh", "town", "IQ", 36.7356, 43.0964, "Wikipedia: Alqosh"),
    ("Teleskof", "Tesqopa|Tel Skuf|Tel Esqof|Tall Asqaf|Telskuf", "town", "IQ", 36.6180, 43.1570,
     "Wikipedia: Telskof (approximate)"),
    ("Bahzani", "Bahzane|Behzani", "town", "IQ", 36.4400, 43.3500,
     "Wikipedia: Bahzani, adjoining Bashiqa to the south (approximate)"),
    ("Gwer", "Gweir|Guwair|Gwer town|Al-Guwair", "town", "IQ", 36.0450, 43.4800,
     "Wikipedia: Gwer, on the Great Zab (approximate)"),
    ("Kalak", "Kelek|Al-Kalak|Kalak town", "town", "IQ", 36.2670, 43.6300,
     "Wikipedia: Kalak, on the Great Zab between Mosul and Erbil (approximate)"),
    ("Bardarash", "Bardarash town|Bardarrash", "town", "IQ", 36.5030, 43.5880,
     "Wikipedia: Bardarash (approximate)"),
    ("Darbandikhan", "Derbendikhan|Darbandikhan town|Darbandixan", "town", "IQ", 35.1128, 45.6882,
     "Wikipedia: Darbandikhan"),
    ("Altun Kupri", "Prde|Perde|Altinkopru|Altun Kopri|Altun Kopru|Pirde", "town", "IQ", 35.7500, 44.1450,
     "Wikipedia: Altun Kupri"),
    # Iraq: spellings news uses for listed towns (same point: only the aliases are added)
    ("Koya", "Koysinjaq|Koy Sanjaq|Koysanjaq|Koye", "town", "IQ", 36.08289, 44.62873,
     "GeoNames cities15000 (aliases only)"),
    ("Tel Keppe", "Tel Kaif|Tall Kayf|Tilkaif|Telkaif|Tel Kef|Tel Keif", "town", "IQ", 36.49118, 43.12114,
     "GeoNames cities1000 (aliases only)"),
    ("Shekhan", "Ash Shaykhan|Ain Sifni|Ain Sifne|Ein Sifni|Sheikhan|Shaikhan|Shaykhan", "town", "IQ", 36.69595,
     43.35202, "GeoNames cities1000 (aliases only)"),
]

# --- UCDP GED villages ------------------------------------------------------------------
# Precise locations (where_prec 1-2) of UCDP GED events in Syria whose `where_coordinates`
# is "<name> town|village|city|suburb" become kind=town rows (see add_ucdp_places).
UCDP_SOURCE = "UCDP GED (CC BY 4.0) where_coordinates"
UCDP_SUFFIX = re.compile(r"\s+(?:town|village|city|suburb)$", re.IGNORECASE)
# Anything that is not one named settlement: roads, sectors, "between X and Y", districts...
UCDP_VAGUE = re.compile(r"\b(?:road|roads|sector|between|district|subdistrict|area|outskirts|countryside|near|"
                        r"junction|highway|checkpoint|governorate|farms?|camp|base|airbase|airport|and)\b|\d| - ",
                        re.IGNORECASE)
# Village names that are also a person's or an actor's name, an ordinary word, or a
# better-known place abroad: an article saying "Khattab", "Hazm" or "Sara" rarely means
# the village, so these stay out of the gazetteer. (Names shorter than 4 letters, e.g.
# "Has", "Cat", "Sur", are dropped by rule; so are homonyms of places already listed.)
UCDP_SKIP: frozenset[str] = frozenset(normalize_place_name(n) for n in (
    # people and actors
    "Abu Omar", "Husayn", "Al-Huseen", "Uthman", "Khattab", "Josef", "Salma", "Sara", "Suha", "Alma",
    "Shaykh Ali", "Sheikh Mustafa", "Haj Khalil", "Izz ad-Din", "Ezzeddin", "Al Hajjaj", "Al Ghazal",
    "Adwan", "Shara", "Hazm", "Hawar", "Hassan", "Ali", "Omar",
    # ordinary words ("the village", "new", "paradise", "the white", "sharia", "alms", "praise",
    # a Shia hall, "army", "hill")
    "Al Qariya", "Jadida", "Al Janna", "Al Abyad", "Al Sharia", "Al Zakah", "Al Hamd", "Al Husayniyah",
    "Army", "Tall",
    # better known abroad (Ma'an and Karak in Jordan, Sidon and Niha in Lebanon)
    "Maan", "Al Karak", "Sayda", "Niha",
    # same spelling key as a common word or name once vowels are folded (found by resolving an
    # English word list and UCDP's headlines before and after): As Sawa ~ "Sahwa" (the Iraqi
    # Awakening councils), Naddah ~ "Nahda", Esheh ~ "Aisha", Samma ~ "Shame", Masharah ~ "Massacre",
    # Arbin ~ "Arbaeen" (the Shia pilgrimage), Mashale ~ "Mashallah"
    "As Sawa", "Naddah", "Esheh", "Samma", "Masharah", "Arbin", "Mashale",
))


# --- sites ---------------------------------------------------------------------------
# (name, aliases, site_type, country, expected admin1, lat, lon, source)
SITES: list[tuple[str, str, str, str, str, float, float, str]] = [
    # Syria — Homs desert gas
    ("Al-Shaer gas field", "Shaer|Sha'er|Al-Sha'er|Shaer gas field|Sha'ar|Al-Shaar|Shair|Jabal al-Shaer|Al Shaer",
     "gas_field", "SY", "SY-HI", 34.8894, 37.9300, "UCDP GED 19.1 event location: Shair gas field"),
    ("Hayyan gas field", "Hayyan|Hayan|Hayan gas field|Hayyan field", "gas_field", "SY", "SY-HI", 34.6300, 37.9000,
     "Wikipedia: Hayan Petroleum Company (approximate)"),
    ("Hayyan gas plant", "Hayan gas plant|Hayyan gas processing plant|Hayyan plant|Hayan plant", "plant", "SY",
     "SY-HI", 34.6000, 37.9500, "Wikimapia: Hayan gas plant (approximate)"),
    ("Jihar field", "Jihar|Jhar|Al-Jihar|Jihar gas field|Jihar oil field|Jahar", "gas_field", "SY", "SY-HI",
     34.6089, 37.8255, "UCDP GED 19.1 event location: Jihar oil/gas field"),
    ("Al-Mahr field", "Al-Mahr|Mahr|Al Mahr|Mahr gas field|Al-Mahr gas field", "gas_field", "SY", "SY-HI",
     34.6611, 37.7602, "UCDP GED 19.1 event location: Al Mahr field"),
    ("Arak gas field", "Arak|Arak field|Al-Arak", "gas_field", "SY", "SY-HI", 34.6200, 38.6200,
     "UCDP GED 19.1 (Arak village) and Wikimapia: Arak gas field"),
    ("Abu Rabah gas field", "Abu Rabah|Abu Rabbah|Abu Rabah field", "gas_field", "SY", "SY-HI", 34.6200, 37.3000,
     "SANA: Abu Rabah wells in the al-Furqlus area, east Homs (approximate)"),
    ("Al-Tuwaynan gas plant", "Tuwaynan|Tuweinan|Al-Tuweinan|Tuwaynan gas plant|Tuweinan gas plant|Al-Tuwainan",
     "plant", "SY", "SY-RA", 35.4000, 38.5500, "Wikipedia: Tuweinan gas plant (approximate)"),
    ("Khunayfis phosphate mines", "Khunayfis|Khneifiss|Khunaifis|Khnaifis|Khneifis|Palmyra phosphate mines",
     "other", "SY", "SY-HI", 34.2000, 37.8000,
     "NTI facility profile: Khneifiss, 50-75 km SW of Palmyra (approximate)"),
    ("Tiyas airbase", "T4|T-4|Tiyas|Tiyas airbase|T4 airbase|Tiyas Military Airbase|Tayfur", "airbase", "SY",
     "SY-HI", 34.5225, 37.6297, "Wikipedia: Tiyas Military Airbase"),
    ("Shayrat airbase", "Shayrat|Al-Shayrat|Shairat|Al Shayrat|Shayrat airfield", "airbase", "SY", "SY-HI",
     34.4903, 36.9090, "Wikipedia: Shayrat Airbase"),
    # Syria — Deir ez-Zor and Hasakah oil
    ("Al-Omar oil field", "Al-Omar|Omar|Al Omar|Omar oil field|Al-Omar field|Al Omar oilfield", "oil_field", "SY",
     "SY-DY", 35.0300, 40.6400,
     "UCDP GED 19.1 location (35.03, 40.71) and news (~10 km E of al-Mayadin, east bank), averaged"),
    ("Conoco gas field", "Conoco|Conoco gas plant|Conoco plant|Conoco field|Koniko|Coneco", "gas_field", "SY",
     "SY-DY", 35.3600, 40.3000,
     "News reports: Conoco plant ~20 km NE of Deir ez-Zor, north of Khasham (approximate)"),
    ("Tanak oil field", "Tanak|Al-Tanak|Al Tanak|Tanak field", "oil_field", "SY", "SY-DY", 34.9064, 40.8339,
     "UCDP GED 19.1 event location: Tanak oil field"),
    ("Jafra oil field", "Jafra|Jafrah|Al-Jafra|Jafra field", "oil_field", "SY", "SY-DY", 35.2966, 40.1931,
     "UCDP GED 19.1 event location: Jafrah village"),
    ("Al-Ward oil field", "Al-Ward|Ward|Al Ward|Ward oil field", "oil_field", "SY", "SY-DY", 34.8500, 40.5800,
     "Deir Ezzor 24: al-Ward field, eastern Deir ez-Zor countryside west of the Euphrates (approximate)"),
    ("Al-Tayim oil field", "Tayim|Al-Taym|Taym|Al-Teim|Teim|Al Tayyem|Tayyem", "oil_field", "SY", "SY-DY",
     35.2400, 40.1200,
     "News reports: al-Taim field ~15 km south of Deir ez-Zor city, south of Thardah mountain (approximate)"),
    ("Kharata oil field", "Kharata|Al-Kharata|Kharrata|Al-Kharrata", "oil_field", "SY", "SY-DY", 35.3700, 39.9300,
     "Wikimapia: Kharata oil field (approximate)"),
    ("Rumeilan oil fields", "Rmelan oil fields|Rumeilan|Rmelan fields|Rmeilan oil fields|Rumaylan oil field",
     "oil_field", "SY", "SY-HA", 36.9800, 41.9800, "Wikipedia: Rmelan (oil fields around the town)"),
    ("Suwaydiyah gas plant", "Suwaydiyah|Al-Suwaydiyah|Sweidiyeh|Swediyeh|Suwaydiyah gas field|Swidiyah",
     "plant", "SY", "SY-HA", 37.0000, 42.0700, "Wikimapia: Suwaydiyah gas plant (approximate)"),
    ("Jbessa gas field", "Jbessa|Jbeisa|Al-Jbeisa|Jibsa|Jabsa|Al-Jibsa|Jbisa", "gas_field", "SY", "SY-HA",
     36.0900, 40.6900, "News reports: al-Jabsa gas plant/directorate at al-Shaddadi (approximate)"),
    # Syria — dams, plants, bases
    ("Tishrin Dam", "Tishreen Dam|Tishrin dam|Tishreen dam", "dam", "SY", "SY-HL", 36.3808, 38.1786,
     "UCDP GED 19.1 event location: Tishrin Dam"),
    ("Tabqa Dam", "Euphrates Dam|Al-Thawra Dam|Thawra Dam|Tabqa dam|Al-Tabqa Dam", "dam", "SY", "SY-RA", 35.8700,
     38.5667, "Wikipedia: Tabqa Dam"),
    ("Baath Dam", "Al-Baath Dam|Ba'ath Dam|Baath dam|Al Baath Dam|Ba'th Dam", "dam", "SY", "SY-RA", 35.8150,
     38.7600, "Wikipedia: Baath Dam (approximate)"),
    ("Homs refinery", "Homs oil refinery|Homs Refinery", "refinery", "SY", "SY-HI", 34.7380, 36.6600,
     "Wikipedia: Homs Refinery"),
    ("Baniyas refinery", "Baniyas oil refinery|Banias refinery|Banias oil refinery", "refinery", "SY", "SY-TA",
     35.2150, 35.9700, "Wikipedia: Baniyas Refinery"),
    ("Tabqa airbase", "Tabqa Military Airbase|Tabqa airport|Al-Tabqa airbase|Tabqa air base", "airbase", "SY",
     "SY-RA", 35.7547, 38.5667, "UCDP GED 19.1 event location: Tabqa Military Airbase"),
    ("Deir ez-Zor airport", "Deir ez-Zor airbase|Deir ez-Zor military airport|Deir al-Zour airport", "airbase", "SY",
     "SY-DY", 35.2854, 40.1760, "Wikipedia: Deir ez-Zor Airport"),
    ("Kuweires airbase", "Kuweires|Kuweiris|Kweires|Kuweires military airport|Kuwayris", "airbase", "SY",
     "SY-HL", 36.1869, 37.5833, "Wikipedia: Kuweires Military Airbase"),
    ("Hmeimim airbase", "Hmeimim|Khmeimim|Humaymim|Hmeymim|Basel al-Assad airport", "airbase", "SY", "SY-LA",
     35.4011, 35.9486, "Wikipedia: Khmeimim Air Base"),
    ("Palmyra airport", "Palmyra military airport|Tadmur airport|Palmyra airbase|Tadmur airbase", "airbase", "SY",
     "SY-HI", 34.5574, 38.3169, "Wikipedia: Palmyra Airport"),
    ("Qamishli airport", "Qamishli International Airport|Al-Qamishli airport|Qamishli airbase", "airbase", "SY",
     "SY-HA", 37.0206, 41.1914, "Wikipedia: Qamishli Airport"),
    ("Mezzeh airbase", "Mezzeh military airport|Mezze airbase|Al-Mezzeh airport|Mezzeh air base", "airbase", "SY",
     "SY-DI", 33.4840, 36.2196, "Wikipedia: Mezzeh Military Airport (nudged 0.8 km into the Damascus polygon)"),
    ("Dumayr airbase", "Dumayr military airport|Dmeir airbase|Al-Dumayr airbase|Dumayr air base", "airbase", "SY",
     "SY-RD", 33.6096, 36.7486, "Wikipedia: Al-Dumayr Military Airport"),
    ("Menagh airbase", "Menagh military airport|Minakh airbase|Menagh air base|Mennagh airbase|Menagh|Minakh",
     "airbase", "SY", "SY-HL", 36.5211, 37.0414, "Wikipedia: Menagh Military Airbase"),
    ("Abu al-Duhur airbase", "Abu al-Duhur military airport|Abu Dhuhur airbase|Abu al-Zuhur airbase", "airbase", "SY",
     "SY-ID", 35.7425, 37.0907, "Wikipedia: Abu al-Duhur Military Airbase (nudged 1.7 km into the Idlib polygon)"),
    ("Jirah airbase", "Jirah military airport|Al-Jarrah airbase|Jarrah airbase|Jirah air base", "airbase", "SY",
     "SY-HL", 36.0967, 37.9364, "Wikipedia: Jirah Military Airbase"),
    ("Aleppo airport", "Aleppo International Airport|Nayrab airbase|Al-Nayrab airport", "airbase", "SY", "SY-HL",
     36.1807, 37.2244, "Wikipedia: Aleppo International Airport"),
    ("Damascus airport", "Damascus International Airport", "airbase", "SY", "SY-RD", 33.4114, 36.5156,
     "Wikipedia: Damascus International Airport"),
    ("Hama airbase", "Hama military airport|Hama airport|Hama air base", "airbase", "SY", "SY-HM", 35.1183, 36.7111,
     "Wikipedia: Hama Military Airport"),
    # Syria — border crossings
    ("Al-Tanf", "Tanf|At Tanf|Al-Tanf base|Al-Tanf garrison|Al-Tanf border crossing|Tanf crossing|Al Tanf",
     "border_crossing", "SY", "SY-HI", 33.4950, 38.6400, "Wikipedia: Al-Tanf"),
    ("Al-Bukamal border crossing", "Al-Bukamal crossing|Albu Kamal crossing|Abu Kamal crossing|Bukamal crossing",
     "border_crossing", "SY", "SY-DY", 34.4400, 40.9450, "Wikipedia: Al-Qa'im–Al-Bukamal border crossing"),
    ("Semalka crossing", "Semalka|Semalka border crossing|Simalka|Fishkhabour-Semalka", "border_crossing", "SY",
     "SY-HA", 37.1120, 42.3470, "Wikipedia: Semalka Border Crossing"),
    ("Nasib border crossing", "Nasib crossing|Nassib crossing|Nasib-Jaber crossing|Jaber-Nasib crossing",
     "border_crossing", "SY", "SY-DR", 32.5430, 36.1990, "Wikipedia: Nasib–Jaber Border Crossing"),
    ("Bab al-Hawa crossing", "Bab al-Hawa|Bab al Hawa|Bab al-Hawa border crossing|Bab el-Hawa|Cilvegözü",
     "border_crossing", "SY", "SY-ID", 36.2320, 36.6680, "Wikipedia: Bab al-Hawa Border Crossing"),
    ("Al-Yarubiyah crossing", "Yarubiyah crossing|Al-Yaarubiyah crossing|Yarubiyah-Rabia crossing|Tal Kocher crossing",
     "border_crossing", "SY", "SY-HA", 36.8100, 42.0500, "Wikipedia: Al-Yarubiyah–Rabia border crossing"),
    ("Bab al-Salameh crossing", "Bab al-Salameh|Bab al-Salama|Bab al Salameh|Oncupinar crossing", "border_crossing",
     "SY", "SY-HL", 36.6250, 37.0750, "Wikipedia: Bab al-Salameh Border Crossing"),
    # Syria — sites at UCDP GED event locations and from public references
    ("T2 pumping station", "T2|T-2|T2 station|T-2 pumping station|T2 pump station", "pipeline", "SY", "SY-DY",
     34.3764, 40.1522, "UCDP GED 19.1 event location: T2 Pumping Station"),
    ("T3 pumping station", "T3|T-3|T3 station|T3 airport|T3 airbase|T-3 pumping station", "pipeline", "SY",
     "SY-HI", 34.5281, 38.7333, "UCDP GED 19.1 event location: T3 Airport (the station's airstrip)"),
    ("Rukban camp", "Rukban|Al-Rukban|Al Rukban|Rukban refugee camp|Al-Rukban camp|Rukban IDP camp", "other",
     "SY", "SY-HI", 33.3136, 38.6571,
     "UCDP GED 19.1 event location: Al Rukban camp (nudged 1.7 km north into the Homs polygon)"),
    ("Al-Hol camp", "Al-Hawl camp|Hol camp|Al Hol camp|Al-Hol displacement camp|Hawl camp|al-Hol refugee camp",
     "other", "SY", "SY-HA", 36.3750, 41.1550,
     "Wikipedia: al-Hawl refugee camp, south-east edge of al-Hawl town (approximate)"),
    ("Ghwayran prison", "Al-Sina'a prison|Sina'a prison|Al-Sinaa prison|Sinaa prison|Ghweiran prison|"
     "Ghuwayran prison|Al-Ghuwayran prison|Hasakah prison|Ghwayran|Ghweiran|Ghuwayran|Al-Ghuwayran", "other",
     "SY", "SY-HA", 36.4750, 40.7450,
     "Wikipedia: al-Sina'a prison in the Ghwayran district, southern al-Hasakah city (approximate)"),
    ("Jandar power station", "Jandar|Jandar power plant|Jandar thermal power station|Jandar plant|Jendar",
     "plant", "SY", "SY-HI", 34.6000, 36.7400,
     "Wikipedia: Jandar power station, ~25 km south of Homs near the Homs-Damascus highway (approximate)"),
    ("Zara power plant", "Zara thermal power plant|Al-Zara power station|Zarah power plant|Az Zarah power plant|"
     "Zara power station|Al-Zara power plant", "plant", "SY", "SY-HM", 34.9579, 36.6619,
     "UCDP GED 19.1 event location: Az Zarah Thermal Power Plant"),
    ("Aleppo thermal power plant", "Aleppo power plant|Aleppo thermal plant|Aleppo thermal power station",
     "plant", "SY", "SY-HL", 36.1750, 37.4397, "UCDP GED 19.1 event location: Aleppo Thermal Power Plant"),
    ("Shahba Dam", "Shahba dam|Al-Shahba Dam", "dam", "SY", "SY-HL", 36.4133, 37.2844,
     "UCDP GED 19.1 event location: Shahba Dam"),
    ("Al-Isba oil field", "Isba|Al Isba|Al-Isbah|Isba oil field|Al-Isba field", "oil_field", "SY", "SY-DY",
     35.3669, 40.3456, "UCDP GED 19.1 event location: Al Isba oil field"),
    ("Azraq oil field", "Al-Azraq oil field|Azraq field|Al-Azraq field", "oil_field", "SY", "SY-DY", 35.0561,
     40.8551, "UCDP GED 19.1 event location: Azraq oil field"),
    ("Thaala airbase", "Tha'la airbase|Thaala military airport|Tha'la military airport|Thala airbase|"
     "Thaala air base", "airbase", "SY", "SY-SU", 32.7053, 36.4128,
     "UCDP GED 19.1 event location: Thalah Military Airbase"),
    ("Sayqal airbase", "Sayqal|Seyqal|Al-Sayqal|Sayqal military airport|Sayqal air base|Seen airbase",
     "airbase", "SY", "SY-RD", 33.6822, 37.2139, "UCDP GED 19.1 event location: Sayqal/Sein Military Airbase"),
    ("Taftanaz airbase", "Taftanaz military airport|Taftanaz air base|Taftanaz helicopter base", "airbase", "SY",
     "SY-ID", 35.9722, 36.7831, "UCDP GED 19.1 event location: Taftanaz Military Airbase"),
    # Iraq — Kirkuk oil
    ("Kirkuk oil field", "Baba Gurgur|Baba Gurgur field|Kirkuk field|Baba Dome|Kirkuk oilfield", "oil_field", "IQ",
     "IQ-KI", 35.5250, 44.3600, "Wikipedia: Kirkuk Field; Baba Gurgur"),
    ("Bai Hassan oil field", "Bai Hassan|Bay Hassan|Bai Hasan|Bai Hassan field", "oil_field", "IQ", "IQ-KI",
     35.5800, 44.1000, "Wikipedia: Bai Hassan oil field (approximate)"),
    ("Avana Dome", "Avana|Avanah|Avana oil field|Avana dome", "oil_field", "IQ", "IQ-KI", 35.6000, 44.2300,
     "Wikipedia: Kirkuk Field (Avana dome, approximate)"),
    ("Jambur oil field", "Jambur|Jambour|Jambur field", "oil_field", "IQ", "IQ-KI", 35.1500, 44.5500,
     "GEM Global Oil and Gas Extraction Tracker: Jambur (approximate)"),
    ("Khabbaz oil field", "Khabbaz|Khabaz|Khabbaz field", "oil_field", "IQ", "IQ-KI", 35.3400, 44.2400,
     "Reuters: Khabbaz field 20 km SW of Kirkuk (approximate)"),
    ("K1 air base", "K1|K-1|K1 base|K-1 air base|K1 military base|Kirkuk K1", "airbase", "IQ", "IQ-KI", 35.5150,
     44.3100, "Wikipedia: K-1 Air Base (approximate)"),
    # Iraq — gas and oil elsewhere
    ("Akkas gas field", "Akkas|Akas|Akkaz|Akkas field", "gas_field", "IQ", "IQ-AN", 33.9000, 41.1300,
     "Wikipedia: Akkas gas field (approximate)"),
    ("Khor Mor gas field", "Khor Mor|Khormor|Khor Mor field|Khor Mor gas plant|Kor Mor|Khurmor", "gas_field", "IQ",
     "IQ-SU", 35.1000, 44.8200, "Wikipedia: Khor Mor gas field (approximate)"),
    ("Mansuriya gas field", "Mansuriya|Mansuriyah|Al-Mansuriya|Mansouriya|Al-Mansuriyah gas field", "gas_field",
     "IQ", "IQ-DI", 34.1500, 44.8700,
     "Shafaq News: field between al-Udhaim and Mansuriyat al-Jabal on the Hamrin ridge (approximate)"),
    ("Ajil oil field", "Ajil|Ajeel|Al-Ajil|Ajil field|Ajeel oil field", "oil_field", "IQ", "IQ-SD", 34.8300, 43.9500,
     "Reuters: Ajil field ~35 km NE of Tikrit, east of al-Alam (approximate)"),
    ("Qayyarah oil field", "Qayyarah field|Qayara oil field|Qayyarah oilfield", "oil_field", "IQ", "IQ-NI",
     35.8300, 43.2200, "Wikipedia: Qayyarah oil field (approximate)"),
    ("Najma oil field", "Najma|Najmah|Najma field", "oil_field", "IQ", "IQ-NI", 35.9300, 43.0500,
     "Wikipedia: Najmah oil field (approximate)"),
    ("Baiji refinery", "Beiji refinery|Bayji refinery|Baiji oil refinery|Salahuddin refinery", "refinery", "IQ",
     "IQ-SD", 34.9700, 43.4700, "Wikipedia: Baiji oil refinery"),
    ("Rumaila oil field", "Rumaila|Rumaila field|Rumayla|North Rumaila|South Rumaila", "oil_field", "IQ", "IQ-BA",
     30.3500, 47.3500, "Wikipedia: Rumaila oil field"),
    ("West Qurna 1", "West Qurna-1|West Qurna I|West Qurna 1 oil field", "oil_field", "IQ", "IQ-BA", 30.8300,
     47.3300, "Wikipedia: West Qurna Field (approximate)"),
    ("West Qurna 2", "West Qurna-2|West Qurna II|West Qurna 2 oil field", "oil_field", "IQ", "IQ-BA", 31.0000,
     47.2500, "Wikipedia: West Qurna Field (approximate)"),
    ("Majnoon oil field", "Majnoon|Majnun|Majnoon field", "oil_field", "IQ", "IQ-BA", 31.0500, 47.5800,
     "Wikipedia: Majnoon oil field (approximate)"),
    ("Zubair oil field", "Zubair field|Az Zubayr oil field|Zubayr oil field", "oil_field", "IQ", "IQ-BA", 30.3200,
     47.6300, "Wikipedia: Zubair oil field (approximate)"),
    # Iraq — dams, bases
    ("Mosul Dam", "Mosul dam|Chambarakat Dam|Saddam Dam|Mosul Dam Lake", "dam", "IQ", "IQ-NI", 36.6300, 42.8230,
     "Wikipedia: Mosul Dam"),
    ("Haditha Dam", "Haditha dam|Qadisiyah Dam", "dam", "IQ", "IQ-AN", 34.2075, 42.3554, "Wikipedia: Haditha Dam"),
    ("Samarra Barrage", "Samarra barrage|Samarra Dam|Samarra dam", "dam", "IQ", "IQ-SD", 34.2400, 43.8500,
     "Wikipedia: Samarra Barrage (approximate)"),
    ("Ain al-Asad air base", "Ain al-Asad|Ain al Asad|Al-Asad airbase|Ayn al-Asad|Al Asad air base|Ain al-Assad",
     "airbase", "IQ", "IQ-AN", 33.7856, 42.4412, "Wikipedia: Al Asad Airbase"),
    ("Balad air base", "Balad airbase|Al-Bakr air base|Balad air base|Joint Base Balad", "airbase", "IQ", "IQ-SD",
     33.9402, 44.3615, "Wikipedia: Balad Air Base"),
    ("Camp Taji", "Taji base|Taji camp|Camp Taji|Taji military base", "airbase", "IQ", "IQ-BG", 33.5240, 44.2590,
     "Wikipedia: Camp Taji (approximate)"),
    ("Baghdad airport", "Baghdad International Airport|BIAP|Baghdad International", "airbase", "IQ", "IQ-BG",
     33.2625, 44.2346, "Wikipedia: Baghdad International Airport"),
    ("Erbil airport", "Erbil International Airport|Erbil air base|Erbil airbase", "airbase", "IQ", "IQ-AR", 36.2376,
     43.9632, "Wikipedia: Erbil International Airport"),
    ("Mosul airport", "Mosul International Airport|Mosul airbase", "airbase", "IQ", "IQ-NI", 36.3058, 43.1474,
     "Wikipedia: Mosul International Airport"),
    ("Qayyarah West airbase", "Qayyarah airbase|Q-West|Qayyarah West|Qayyarah air base", "airbase", "IQ", "IQ-NI",
     35.7672, 43.1251, "Wikipedia: Qayyarah Airfield West"),
    ("Al-Taqaddum air base", "Taqaddum|Al-Taqaddum|Habbaniyah airbase|Taqaddum airbase", "airbase", "IQ", "IQ-AN",
     33.3381, 43.5971, "Wikipedia: Al Taqaddum Air Base"),
    ("Camp Speicher", "Speicher|Speicher base|Tikrit air academy|Tikrit airbase", "airbase", "IQ", "IQ-SD", 34.6672,
     43.5425, "Wikipedia: Camp Speicher (approximate)"),
    ("Dukan Dam", "Dokan Dam|Dukan dam|Dokan dam", "dam", "IQ", "IQ-SU", 35.9540, 44.9530, "Wikipedia: Dukan Dam"),
    ("Darbandikhan Dam", "Derbendikhan Dam|Darbandikhan dam|Darbandikhan dam", "dam", "IQ", "IQ-SU", 35.1130,
     45.7060, "Wikipedia: Darbandikhan Dam (approximate)"),
    # Iraq — border crossings
    ("Al-Qaim border crossing", "Al-Qaim crossing|Husaybah crossing|Qaim crossing|Al-Qa'im crossing",
     "border_crossing", "IQ", "IQ-AN", 34.4150, 40.9800, "Wikipedia: Al-Qa'im–Al-Bukamal border crossing"),
    ("Trebil border crossing", "Trebil|Tarbil|Turaibil|Trebil crossing|Karameh-Trebil", "border_crossing", "IQ",
     "IQ-AN", 32.9900, 39.0200, "Wikipedia: Trebil (approximate)"),
    ("Al-Walid border crossing", "Al-Walid|Al-Waleed|Walid crossing|Al-Waleed crossing|Al Walid", "border_crossing",
     "IQ", "IQ-AN", 33.4200, 38.8900, "Wikipedia: Al-Walid border crossing (approximate)"),
    ("Ibrahim Khalil border crossing", "Ibrahim Khalil|Ibrahim al-Khalil|Habur|Habur crossing|Ibrahim Khalil crossing",
     "border_crossing", "IQ", "IQ-DA", 37.1100, 42.5900, "Wikipedia: Habur Border Gate (approximate)"),
    ("Rabia border crossing", "Rabia crossing|Rabiah crossing|Rabi'a crossing", "border_crossing", "IQ",
     "IQ-NI", 36.8000, 42.1000, "Wikipedia: Al-Yarubiyah–Rabia border crossing (approximate)"),
    ("Faysh Khabur crossing", "Fishkhabour crossing|Peshkhabour crossing|Fish Khabur crossing",
     "border_crossing", "IQ", "IQ-DA", 37.0800, 42.3800, "Wikipedia: Faysh Khabur (approximate)"),
]


def _split(s: object) -> list[str]:
    return [a.strip() for a in str(s or "").split("|") if a.strip()]


def _join(names: list[str], exclude: str = "") -> str:
    """Unique names (by normalised form), without the primary name, "|"-joined."""
    seen = {normalize_place_name(exclude)} if exclude else set()
    out = []
    for n in names:
        k = normalize_place_name(n)
        if k and k not in seen:
            seen.add(k)
            out.append(n)
    return "|".join(out)


def build_governorates(shared: Path) -> tuple[list[dict], dict[tuple[str, int], str]]:
    """Natural Earth features → our features; also GeoNames admin1 → ISO map."""
    features: list[dict] = []
    gn_map: dict[tuple[str, int], str] = dict(GEONAMES_EXTRA_ADMIN1)
    undof = None
    for fname in ("ne_admin1_syria.geojson", "ne_admin1_iraq.geojson"):
        data = json.loads((shared / fname).read_text(encoding="utf-8"))
        for feat in data["features"]:
            p = feat["properties"]
            hasc = p.get("code_hasc") or ""
            if p.get("name") == "UNDOF":
                undof = shape(feat["geometry"])
                continue
            code = hasc.replace(".", "-")
            if code == "IQ-TS":  # HASC At-Ta'mim; ISO 3166-2 is IQ-KI
                code = "IQ-KI"
            assert code in ADMIN1_CODES, (code, p.get("name"))
            cc = code[:2]
            gn = p.get("gn_a1_code") or ""
            if "." in gn and gn.split(".")[1].isdigit():
                gn_map[(cc, int(gn.split(".")[1]))] = code
            names = GOVERNORATE_ALIASES[code] + [p.get("name") or "", p.get("woe_name") or "", p.get("gn_name") or ""]
            names += [a for a in _split(p.get("name_alt")) if a.isascii() and a not in NE_ALT_NOT_GOVERNORATE]
            features.append({"code": code, "curated": GOVERNORATE_ALIASES[code], "name": ADMIN1_CODES[code],
                             "country": cc, "aliases": names, "geom": shape(feat["geometry"]),
                             "source_name": p.get("name")})
    # The UNDOF area of separation is Syrian territory inside Quneitra governorate:
    # merge it there so events in it get SY-QU rather than falling between polygons.
    if undof is not None:
        for f in features:
            if f["code"] == "SY-QU":
                f["geom"] = unary_union([f["geom"], undof])
    _widen_baghdad(features)
    for f in features:
        geom = shapely.make_valid(f["geom"])
        # NE polygons share borders; tiny slivers after union are dropped by buffer(0).
        f["geom"] = geom.buffer(0)
        pt = f["geom"].representative_point()
        f["label_lat"], f["label_lon"] = round(pt.y, 5), round(pt.x, 5)
    features.sort(key=lambda f: f["code"])
    return features, gn_map


# Natural Earth's Baghdad polygon is the city alone (~660 km²); the governorate is
# ~4,555 km² and takes in the belt towns that conflict reporting names most often
# (Taji, Tarmiyah, Abu Ghraib, Mahmudiyah, Latifiya, Yusufiyah, Mada'in). This outline is
# hand-drawn (lat, lon) around those district towns, keeping the neighbouring
# governorates' towns out (Dujail, Balad, Fallujah, Iskandariya, Baqubah, Khan Bani Saad):
# approximate at its edges, far better than leaving the belt in Anbar/Salahuddin/Babil.
BAGHDAD_EXTENT = [
    (33.90, 44.38), (33.72, 44.50), (33.52, 44.52), (33.40, 44.75), (33.05, 44.72), (32.97, 44.42),
    (32.98, 44.22), (33.10, 44.05), (33.30, 43.97), (33.55, 44.10), (33.80, 44.28),
]


def _widen_baghdad(features: list[dict]) -> None:
    extent = Polygon([(lon, lat) for lat, lon in BAGHDAD_EXTENT])
    iraq = unary_union([f["geom"] for f in features if f["country"] == "IQ"])
    extent = extent.intersection(iraq)
    for f in features:
        if f["code"] == "IQ-BG":
            f["geom"] = unary_union([f["geom"], extent])
        elif f["country"] == "IQ":
            f["geom"] = f["geom"].difference(extent)


def write_geojson(features: list[dict], path: Path) -> None:
    fc = {
        "type": "FeatureCollection",
        "features": [
            {
                "type": "Feature",
                "properties": {
                    "admin1_code": f["code"], "name": f["name"], "country": f["country"],
                    "aliases": _join(f["aliases"], exclude=f["name"]),
                    "label_lat": f["label_lat"], "label_lon": f["label_lon"], "source_name": f["source_name"],
                },
                "geometry": _rounded(mapping(f["geom"])),
            }
            for f in features
        ],
    }
    path.write_text(json.dumps(fc, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")


def _rounded(geom: dict, nd: int = 5) -> dict:
    def r(c):
        return [r(x) for x in c] if isinstance(c[0], list | tuple) else [round(c[0], nd), round(c[1], nd)]
    return {"type": geom["type"], "coordinates": r(geom["coordinates"])}


class Locator:
    """Point-in-polygon against the built governorates (with a 10 km snap, as geo.py)."""

    def __init__(self, features: list[dict]):
        self.codes = np.array([f["code"] for f in features], dtype=object)
        self.tree = shapely.STRtree([f["geom"] for f in features])
        self.geoms = [f["geom"] for f in features]

    def __call__(self, lat: float, lon: float) -> tuple[str | None, bool]:
        pt = shapely.Point(lon, lat)
        hits = self.tree.query(pt, predicate="intersects")
        if len(hits):
            return self.codes[hits[0]], False
        idx = self.tree.nearest(pt)
        # ~0.09° ≈ 10 km at these latitudes
        if self.geoms[idx].distance(pt) <= 0.09:
            return self.codes[idx], True
        return None, False


def _ascii_alternates(raw: object, primary: str) -> tuple[list[str], list[str]]:
    """GeoNames alternates → (Latin names, Arabic-script names); junk dropped."""
    latin, arabic = [], []
    for a in _split(raw):
        if any("\u0600" <= ch <= "\u06ff" for ch in a):
            arabic.append(a)
        elif a.isascii() or all(ord(ch) < 0x250 or ch in "ʿʾ‘’" for ch in a):
            # All-lowercase forms are machine transliterations ("hjyn"); short upper-case
            # ones are airport codes ("DEZ").
            if a.islower() or (a.isupper() and len(a) <= 4) or len(a) < 3:
                continue
            if normalize_place_name(a) in {normalize_place_name(x) for x in BAD_ALTERNATES.get(primary, ())}:
                continue
            latin.append(a)
    return latin, arabic


# GeoNames alternates that name another place (would mislead the geocoder).
BAD_ALTERNATES: dict[str, set[str]] = {
    "Jāsim": {"Qasim"},
    "Damascus": {"Al-Sham", "Cham", "Sham", "Sam"},
    "Sadr City": {"Sadr"},
    "Soran": {"Diana", "Diyana", "Diyane", "Qaryat Diyana"},
    "Al Madīnah": {"Medina", "Medineh"},
    "Aş Şuwayrah": {"Jazira"},
    "Hajīn": {"Abou Hardane", "Abu Hardan", "Abu Hardub", "Bou Hardane"},
    "Ālbū Kamāl": {"Hindane"},
    "‘Irbīn": {"Aarbil"},
    "Al-'Alam": {"Albu `Ajil"},
    "Kafr Lāhā": set(),
    "Al-Hamdaniya": set(),
    "Kifrī": {"Salahie", "Salahiya", "Salahiyeh", "Sallahiya", "Sallahiyah"},
    "Pīrmām": {"Selahedin"},
    "Ţafas": set(),
    "'Ākra": {"Biuk", "Biyuk", "Byok"},
}


def build_places(shared: Path, locate: Locator, gn_map: dict, features: list[dict],
                 ucdp: Path | None = None) -> pd.DataFrame:
    big = pd.read_csv(shared / "geonames_cities15000_sy_iq.csv", keep_default_na=False)
    small = pd.read_csv(shared / "geonames_cities1000_sy_iq.csv", keep_default_na=False)
    rows: list[dict] = []
    for r in big.itertuples(index=False):
        latin, arabic = _ascii_alternates(r.alternatenames, r.name)
        rows.append({"name": r.name, "aliases": latin, "arabic_names": arabic, "kind": "town",
                     "country": r.countrycode, "latitude": float(r.latitude), "longitude": float(r.longitude),
                     "population": int(r.population), "source": f"GeoNames cities15000 #{r.geonameid}",
                     "geonameid": int(r.geonameid), "source_admin1": gn_map.get((r.countrycode, int(r.admin1code)))})
    # Governorate-name lookup for cities1000's admin1 text ("Muhafazat Kirkuk", "Dahuk").
    gov_by_key: dict[str, str] = {}
    for f in features:
        for n in f["aliases"] + [f["name"]]:
            gov_by_key.setdefault(place_key(n), f["code"])
    gov_by_key.update({place_key("Mayorality of Baghdad"): "IQ-BG", place_key("Salah ad Din Governorate"): "IQ-SD",
                       place_key("Basra Governorate"): "IQ-BA", place_key("Rif-dimashq"): "SY-RD",
                       place_key("Dimashq"): "SY-DI", place_key("Al Qadisiyah"): "IQ-QA"})
    for r in small.itertuples(index=False):
        if not r.name.strip():
            continue
        lat, lon = float(r.lat), float(r.lon)
        dup = _find_near(rows, r.name, r.cc, lat, lon, km=10)
        if dup is not None:
            if normalize_place_name(r.name) != normalize_place_name(dup["name"]):
                dup["aliases"].append(r.name)
            continue
        rows.append({"name": r.name, "aliases": [], "arabic_names": [], "kind": "town", "country": r.cc,
                     "latitude": lat, "longitude": lon, "population": 1000,
                     "source": "GeoNames cities1000", "geonameid": None,
                     "source_admin1": gov_by_key.get(place_key(r.admin1))})
    merged, added = 0, 0
    hand = [(*row, "hand-compiled (see SOURCES.md)") for row in HAND_PLACES] + HAND_PLACES_SOURCED
    for name, aliases, kind, cc, lat, lon, source in hand:
        names = [name] + _split(aliases)
        dup = None
        for n in names:
            dup = _find_near(rows, n, cc, lat, lon, km=15)
            if dup is not None:
                break
        if dup is not None and kind == "town":
            d = _km(lat, lon, dup["latitude"], dup["longitude"])
            if d > 3:
                print(f"  note: hand {name!r} vs GeoNames {dup['name']!r}: {d:.1f} km apart (kept GeoNames)")
            dup["aliases"] = names + dup["aliases"]
            # Display the name researchers use ("Palmyra", not "Tadmur"); GeoNames name stays an alias.
            dup["aliases"].append(dup["name"])
            dup["name"] = name
            merged += 1
            continue
        rows.append({"name": name, "aliases": _split(aliases), "arabic_names": [], "kind": kind, "country": cc,
                     "latitude": lat, "longitude": lon, "population": None, "source": source,
                     "geonameid": None, "source_admin1": None})
        added += 1
    print(f"places: {len(big)} cities15000 + cities1000 extras; hand: {merged} merged into GeoNames, {added} added")
    if ucdp is not None:
        add_ucdp_places(rows, ucdp, gov_by_key, locate)
    # Capitals carry their governorate's spellings ("Deir Ezzor" alone means the city).
    by_gid = {r["geonameid"]: r for r in rows if r["geonameid"]}
    for f in features:
        gid = CAPITAL_GEONAMEID.get(f["code"])
        if gid:
            cap = by_gid[gid]
            cap["aliases"] = [cap["name"]] + cap["aliases"] + [
                a for a in f["curated"] if a not in GOVERNORATE_ONLY_ALIASES]
            cap["name"] = f["name"]
    # Display names without diacritics ("Al Qamishli", not "Al Qāmishlī"); the
    # GeoNames spelling stays an alias.
    for r in rows:
        plain = _plain(r["name"])
        if plain != r["name"]:
            r["aliases"].append(r["name"])
            r["name"] = plain
    out = []
    disagreements = []
    for r in rows:
        code, snapped = locate(r["latitude"], r["longitude"])
        if code is None:
            print(f"  drop: {r['name']!r} ({r['latitude']}, {r['longitude']}) outside SY/IQ")
            continue
        if code[:2] != r["country"]:
            print(f"  note: {r['name']!r} country {r['country']} but polygon says {code}")
        if r["source_admin1"] and r["source_admin1"] != code:
            disagreements.append((r["name"], r["source_admin1"], code))
        out.append({
            "name": r["name"], "aliases": _join(r["aliases"], exclude=r["name"]),
            "arabic_names": "|".join(dict.fromkeys(r["arabic_names"])), "kind": r["kind"],
            "country": code[:2], "admin1_code": code,
            "latitude": round(r["latitude"], 5), "longitude": round(r["longitude"], 5),
            "population": r["population"], "source": r["source"],
        })
    print(f"places: {len(out)} rows; source admin-1 disagrees with polygon for {len(disagreements)}:")
    for name, src, code in disagreements:
        print(f"    {name}: source {src} → polygon {code}")
    df = pd.DataFrame(out)
    df["population"] = df["population"].astype("Int64")
    return df.sort_values(["country", "admin1_code", "name"]).reset_index(drop=True)


def add_ucdp_places(rows: list[dict], path: Path, gov_by_key: dict[str, str], locate: Locator) -> None:
    """UCDP GED precise event locations → town rows (in place).

    A location near (≤ 10 km) a listed place with the same or a close spelling key only
    adds its spellings as aliases. Otherwise it becomes a row unless every spelling is
    skipped: shorter than 4 letters, in UCDP_SKIP, the spelling key of a place listed
    elsewhere (a homonym would take that place's lookups), or of two UCDP locations more
    than 10 km apart (ambiguous). Points that the generalised polygons put outside Syria
    (Golan, the Iraqi border at al-Baghuz) are left out rather than given a wrong country.
    """
    from rapidfuzz import fuzz

    ged = pd.read_csv(path, usecols=["where_prec", "where_coordinates", "adm_1", "latitude", "longitude"])
    ged = ged[ged["where_prec"].isin([1, 2])].drop_duplicates("where_coordinates").sort_values("where_coordinates")
    cands: list[tuple[str, list[str], float, float, str | None]] = []
    vague = skipped = outside = 0
    dropped: list[str] = []
    for r in ged.itertuples(index=False):
        text = " ".join(str(r.where_coordinates).split())
        m = re.match(r"^(.*?)\s*\(([^()]*)\)$", text)
        base, extra = (m.group(1), [m.group(2)]) if m else (text, [])
        if not UCDP_SUFFIX.search(base):
            continue
        base = UCDP_SUFFIX.sub("", base)
        if UCDP_VAGUE.search(base) or any(UCDP_VAGUE.search(e) for e in extra):
            vague += 1
            continue
        parts = [p.strip() for p in base.split("/") + extra if p.strip()]
        keep = [p for p in parts if len(normalize_place_name(p).replace(" ", "")) >= 4
                and normalize_place_name(p) not in UCDP_SKIP]
        skipped += len(parts) - len(keep)
        dropped.extend(p for p in parts if p not in keep)
        code, _ = locate(float(r.latitude), float(r.longitude))
        if keep and (code is None or not code.startswith("SY")):
            outside += 1
            continue
        if keep:
            adm1 = gov_by_key.get(place_key(str(r.adm_1))) if isinstance(r.adm_1, str) else None
            cands.append((text, keep, float(r.latitude), float(r.longitude), adm1))
    # Spelling keys of everything already listed (places, sites, governorates).
    listed: dict[str, list[tuple[float, float]]] = {}
    for row in rows:
        for n in [row["name"], *row["aliases"]]:
            listed.setdefault(place_key(n), []).append((row["latitude"], row["longitude"]))
    site_keys = {place_key(n) for s in SITES for n in [s[0], *_split(s[1])]}
    # Spelling keys shared by UCDP locations far apart.
    spread: dict[str, list[tuple[float, float]]] = {}
    for _, parts, lat, lon, _ in cands:
        for p in parts:
            spread.setdefault(place_key(p), []).append((lat, lon))
    ambiguous = {k for k, pts in spread.items() if any(_km(*a, *b) > 10 for a in pts for b in pts)}
    merged = added = homonyms = 0
    left_out: list[str] = []
    for _text, parts, lat, lon, adm1 in cands:
        keys = [place_key(p) for p in parts]
        near = None
        for row in rows:
            d = _km(lat, lon, row["latitude"], row["longitude"])
            if row["country"] != "SY" or d > 10:
                continue
            row_keys = {place_key(n) for n in [row["name"], *row["aliases"]]}
            # Same or a close spelling within 10 km; or, within 1.5 km, any spelling sharing
            # most of its letters ("Morek"/"Murak", "Sarrin"/"Sirrin ash Shamaliyah").
            if any(k in row_keys or any(k[0] == rk[0] and k[-1] == rk[-1] and fuzz.ratio(k, rk) >= 88
                                        for rk in row_keys if rk) for k in keys) or (
                    d <= 1.5 and any(fuzz.partial_ratio(k, rk) >= 70 for k in keys for rk in row_keys if rk)):
                near = row
                break
        if near is not None:
            near["aliases"].extend(p for p in parts if p not in near["aliases"])
            merged += 1
            continue
        own = [p for p, k in zip(parts, keys, strict=True)
               if k not in ambiguous and k not in site_keys
               and not any(_km(lat, lon, *pt) > 10 for pt in listed.get(k, []))]
        homonyms += len(parts) - len(own)
        left_out.extend(p for p in parts if p not in own)
        if not own:
            continue
        rows.append({"name": own[0], "aliases": own[1:], "arabic_names": [], "kind": "town", "country": "SY",
                     "latitude": lat, "longitude": lon, "population": None, "source": UCDP_SOURCE,
                     "geonameid": None, "source_admin1": adm1})
        for p in own:
            listed.setdefault(place_key(p), []).append((lat, lon))
        added += 1
    print(f"places: UCDP GED: {len(cands)} named locations; {added} added, {merged} merged into listed places; "
          f"{vague} vague, {outside} outside Syria's polygons and {skipped} spellings (short or UCDP_SKIP) "
          f"skipped ({', '.join(dropped)}), "
          f"{homonyms} spellings left out as homonyms/ambiguous:")
    print("    " + ", ".join(left_out))


def _plain(name: str) -> str:
    """Latin name without diacritics; ʿayn/hamza marks become nothing."""
    import unicodedata
    text = unicodedata.normalize("NFKD", name)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.translate(str.maketrans({"‘": "", "’": "", "ʿ": "", "ʾ": "", "`": ""})).strip()


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    dy = (lat1 - lat2) * 111.0
    dx = (lon1 - lon2) * 111.0 * np.cos(np.radians((lat1 + lat2) / 2))
    return float(np.hypot(dx, dy))


def _find_near(rows: list[dict], name: str, cc: str, lat: float, lon: float, km: float) -> dict | None:
    key = place_key(name)
    if not key:
        return None
    for r in rows:
        if r["country"] != cc or _km(lat, lon, r["latitude"], r["longitude"]) > km:
            continue
        if key == place_key(r["name"]) or any(key == place_key(a) for a in r["aliases"]):
            return r
    return None


def build_sites(locate: Locator) -> pd.DataFrame:
    out, bad = [], []
    for name, aliases, site_type, cc, expected, lat, lon, source in SITES:
        code, snapped = locate(lat, lon)
        if code != expected:
            bad.append(f"{name}: expected {expected}, polygon says {code} ({lat}, {lon})")
        elif snapped:
            bad.append(f"{name}: outside every polygon at ({lat}, {lon}); nudge it inside {expected}")
        out.append({"name": name, "aliases": _join(_split(aliases), exclude=name), "site_type": site_type,
                    "country": cc, "admin1_code": expected, "latitude": lat, "longitude": lon, "source": source})
    if bad:
        raise SystemExit("sites not inside their governorate:\n  " + "\n  ".join(bad))
    print(f"sites: {len(out)} rows, each inside its governorate polygon")
    return pd.DataFrame(out)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--shared", type=Path, default=REPO.parent / "shared" / "geo")
    ap.add_argument("--out", type=Path, default=REPO / "data" / "geo")
    ap.add_argument("--ucdp", type=Path, default=None,
                    help="UCDP GED Syria file (default: ../real/ucdp_ged_syria_sample.csv beside --shared)")
    args = ap.parse_args(argv)
    ucdp = args.ucdp or args.shared.parent / "real" / "ucdp_ged_syria_sample.csv"
    if not ucdp.exists():
        raise SystemExit(f"missing {ucdp}: the UCDP-derived village rows of places.csv come from it")
    args.out.mkdir(parents=True, exist_ok=True)
    features, gn_map = build_governorates(args.shared)
    write_geojson(features, args.out / "governorates.geojson")
    print(f"governorates: {len(features)} features")
    locate = Locator(features)
    sites = build_sites(locate)
    sites.to_csv(args.out / "sites.csv", index=False)
    places = build_places(args.shared, locate, gn_map, features, ucdp)
    places.to_csv(args.out / "places.csv", index=False)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
