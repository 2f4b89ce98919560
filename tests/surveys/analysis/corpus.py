"""A corpus written for the tests: 40 answers to seed 004's concern question, with known counts.

Counted by hand (responses mentioning each, once per response):
    speeding cars / cars speeding / speeding car       10  (the pair in either order, plurals merged)
    anti-social behaviour (with ASB, antisocial behavior, anti social behaviour)  9
    fly tipping / fly-tipping                          6
    drug dealing                                       5
    burglary / burglaries                              4
    street lights / street lighting                    4
"""

SPEEDING = [
    "Speeding cars on the grid roads.",
    "Cars speeding past the school at pick up time.",
    "Speeding cars every evening near the shops.",
    "speeding car outside the school",
    "The speeding cars scare my children.",
    "SPEEDING CARS on the V7.",
    "Speeding cars and noise.",
    "cars speeding through the estate",
    "Speeding cars, too many of them.",
    "speeding cars at night",
]
ASB = [
    "Anti-social behaviour in the underpass.",
    "antisocial behavior by groups at night",
    "ASB near the shops",
    "Anti social behaviour from teenagers.",
    "Anti-social behaviour, every weekend.",
    "ASB at the play park.",
    "asb and graffiti",
    "Antisocial behaviour in the redways",
    "anti\u2013social behaviour (with an en dash)",
]
FLY_TIPPING = [
    "Fly tipping behind the shops.",
    "Fly-tipping in the redways.",
    "fly tipping on the verges",
    "Fly-tipping again.",
    "Lots of fly tipping.",
    "fly tipping by the garages",
]
DRUGS = [
    "Drug dealing near the local centre.",
    "drug dealing in the car park",
    "Drug dealing openly.",
    "Drug dealing at night.",
    "drug dealing by the garages",
]
BURGLARY = [
    "Burglaries on our estate.",
    "A burglary next door last month.",
    "burglaries in the close",
    "Burglary.",
]
LIGHTS = [
    "Broken street lights.",
    "Street lighting is poor on the redway.",
    "street lights out for weeks",
    "The street lights are off.",
]
OTHER = ["Dog fouling.", "Nothing really."]

CORPUS = SPEEDING + ASB + FLY_TIPPING + DRUGS + BURGLARY + LIGHTS + OTHER

SYNONYMS = [("anti-social behaviour", ["ASB", "antisocial behavior", "anti social behavior"])]

THEMES = [
    ("Anti-social behaviour", ["anti-social behaviour", "graffiti", "youths", "teenagers"]),
    ("Speeding and parking", ["speeding", "speed", "parking"]),
    ("Drugs", ["drug dealing", "drugs", "drug"]),
    ("Burglary", ["burglary"]),
    ("Litter and fly-tipping", ["fly tipping", "litter", "dog fouling"]),
    ("Street lighting", ["street lights", "street lighting"]),
]
