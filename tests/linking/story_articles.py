"""Two made-up rewrites of one local story, and one of another story, with their quotations."""

from __future__ import annotations

from provenance.extraction import Candidate, CandidateKind, SpeakerRef, SpeakerType

FIRST = (
    "The Lindholm city council will close the island ferry in March, officials said on "
    "Tuesday. In a statement, the council said it could no longer pay for the ageing vessels "
    "and that a new bridge would open in 2027. Mayor Petra Voss told the Harbour Gazette "
    "that the decision was painful but unavoidable. Voss said the council would keep a night "
    "boat for hospital patients. Residents' groups said the closure would cut the island off "
    "from the mainland."
)
SECOND = (
    "Lindholm will end its island ferry service next March. The city council said in a "
    "statement released Tuesday it was unable to fund the old ferries any longer. Mayor Petra "
    "Voss told the Harbour Gazette closing the ferry route had been a hard choice. Voss also "
    "said a boat would still run at night for patients going to hospital. Voss said ticket "
    "prices on the city buses would fall in April."
)
# Another story with the same kind of speaker and channel.
OTHER = (
    "The Brenmark water board raised its tariffs on Monday. In a statement, the board said "
    "it could no longer pay for repairs to the old pipes. Director Anton Ruiz told the "
    "Valley Post that the increase was painful but unavoidable."
)

COUNCIL = SpeakerRef("the council", "Lindholm city council", None, SpeakerType.ORGANISATION)
VOSS = SpeakerRef("Voss", "Petra Voss", None, SpeakerType.PERSON)
BOARD = SpeakerRef("the board", "Brenmark water board", None, SpeakerType.ORGANISATION)
RUIZ = SpeakerRef("Director Anton Ruiz", "Anton Ruiz", None, SpeakerType.PERSON)
GROUPS = SpeakerRef("Residents' groups", None, "Residents' groups", SpeakerType.UNNAMED)


def candidate(body: str, text: str, speaker: SpeakerRef, cue: str) -> Candidate:
    start = body.index(text)
    return Candidate(
        text,
        start,
        start + len(text),
        CandidateKind.INDIRECT,
        speaker,
        cue,
        None,
        confidence=0.8,
        rule="test",
    )


STATEMENT_1 = (
    "it could no longer pay for the ageing vessels and that a new bridge would open in 2027"
)
HARD_1 = "the decision was painful but unavoidable"
BOAT_1 = "the council would keep a night boat for hospital patients"
STATEMENT_2 = "it was unable to fund the old ferries any longer"
HARD_2 = "closing the ferry route had been a hard choice"
BOAT_2 = "a boat would still run at night for patients going to hospital"
PRICES_2 = "ticket prices on the city buses would fall in April"

FIRST_CANDIDATES = [
    candidate(FIRST, STATEMENT_1, COUNCIL, "said"),
    candidate(FIRST, HARD_1, VOSS, "told the Harbour Gazette"),
    candidate(FIRST, BOAT_1, VOSS, "said"),
    candidate(FIRST, "the closure would cut the island off from the mainland", GROUPS, "said"),
]
SECOND_CANDIDATES = [
    candidate(SECOND, STATEMENT_2, COUNCIL, "said in a statement"),
    candidate(SECOND, HARD_2, VOSS, "told the Harbour Gazette"),
    candidate(SECOND, BOAT_2, VOSS, "also said"),
    candidate(SECOND, PRICES_2, VOSS, "said"),
]
OTHER_CANDIDATES = [
    candidate(OTHER, "it could no longer pay for repairs to the old pipes", BOARD, "said"),
    candidate(OTHER, "the increase was painful but unavoidable", RUIZ, "told the Valley Post"),
]
