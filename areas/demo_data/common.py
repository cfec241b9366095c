"""What both demo municipalities' tables use: short names for the statuses and the notes of an
IOP partnership whose every criterion is met."""

from areas.models import ActivityStatus, CriterionAnswer

DONE = ActivityStatus.DONE
ONGOING = ActivityStatus.ONGOING
NOT_STARTED = ActivityStatus.NOT_STARTED

MET = CriterionAnswer.MET
NOT_MET = CriterionAnswer.NOT_MET
OPEN = CriterionAnswer.NOT_ASSESSED

ALL_MET_NOTES = {
    "initiative": "Föreningen kom med idén och en första skiss till förvaltningen.",
    "political_programme": "Ingår i kommunens program för social hållbarhet 2023–2027.",
    "not_association_grant": "Verksamheten ryms inte i de ordinarie föreningsbidragen.",
    "no_market": "Marknadsanalys: inga företag erbjuder motsvarande verksamhet.",
    "co_financing": "Föreningen bidrar med ideella timmar, lokaler och egna medel.",
    "no_detailed_steering": "Gemensamma mål i överenskommelsen; föreningen styr arbetssättet.",
    "long_term": "Treårig överenskommelse med möjlighet till förlängning.",
}


def criteria(**overrides) -> dict:
    result = {key: {"answer": MET, "note": note} for key, note in ALL_MET_NOTES.items()}
    for key, (answer, note) in overrides.items():
        result[key] = {"answer": answer, "note": note}
    return result


# Added to a checklist step's note when the step is evaluated.
EVALUATION_NOTE = "Utvärderat i den årliga uppföljningen: fungerar och behålls."
