"""Words the synthetic corpus is made of: names, organisations, topics, stances, cues."""

import datetime as dt

MARK = "syn"  # slug prefix and URL host part that identify synthetic rows
URL_PREFIX = "https://synthetic.example/"
FIRST_DAY = dt.date(2019, 1, 1)
DAYS = 6 * 365

GIVEN = [
    "Anna",
    "Boris",
    "Carla",
    "Dmitri",
    "Elena",
    "Farid",
    "Greta",
    "Hugo",
    "Irina",
    "Jonas",
    "Kira",
    "Luis",
    "Maria",
    "Nikolai",
    "Olga",
    "Pavel",
    "Rosa",
    "Sergei",
    "Tomas",
    "Ulla",
    "Viktor",
    "Wen",
    "Xenia",
    "Yusuf",
    "Zofia",
]
FAMILY = [
    "Andersen",
    "Bauer",
    "Costa",
    "Dragan",
    "Evans",
    "Fischer",
    "Garcia",
    "Horvat",
    "Ivanov",
    "Jensen",
    "Kowalski",
    "Lindqvist",
    "Moreau",
    "Novak",
    "Okafor",
    "Petrov",
    "Quinn",
    "Rossi",
    "Schmidt",
    "Tanaka",
    "Ulyanov",
    "Varga",
    "Weber",
    "Yilmaz",
    "Zielinski",
]
ORG_KIND = ("government", "government_body", "military", "alliance", "organisation")
ORG_WORDS = [
    "Ministry of Defence",
    "Foreign Ministry",
    "General Staff",
    "Presidential Office",
    "Energy Agency",
    "Security Council",
    "Border Service",
    "Interior Ministry",
    "Treasury",
    "Press Office",
]
COUNTRIES = [
    "Arland",
    "Borovia",
    "Calvinia",
    "Drovnia",
    "Estmark",
    "Fennara",
    "Galdor",
    "Hestria",
    "Istovia",
    "Jarmela",
    "Korvia",
    "Lutania",
    "Morvania",
    "Nordhal",
    "Ostavia",
    "Pelmora",
    "Quarnia",
    "Rusvald",
    "Sarnia",
    "Tolvia",
]
ROLE_TITLES = ("Minister", "Spokesperson", "Deputy Minister", "Chief of Staff", "Director")
SUBJECTS = [
    "troops",
    "gas transit",
    "grain exports",
    "the ceasefire",
    "air defence",
    "sanctions",
    "the pipeline",
    "the border crossings",
    "fuel prices",
    "the peace talks",
    "refugee corridors",
    "the power grid",
]
STANCES = (
    ("pulling back", "building up", "are pulling back", "are building up"),
    ("continuing", "stopping", "will continue", "will stop"),
    ("rising", "falling", "are rising", "are falling"),
    ("holding", "collapsing", "is holding", "is collapsing"),
    ("expanding", "shrinking", "are expanding", "are shrinking"),
)
CUES = ("said", "told reporters", "stated", "insisted", "claimed", "according to")
FILLER = (
    "Officials gave no further details.",
    "The statement came after a week of talks.",
    "Independent observers could not verify the claim.",
    "The remarks were made at a press briefing.",
    "Satellite images published the same day told a different story.",
)
