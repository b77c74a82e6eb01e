"""Hand-built corpora for the graph tests: invented German places, people and sentences.

``sample_corpus()`` has two articles that agree on some facts (so "confirmed by two
documents" has an answer), a city state with two types, fundings with an exact sum, an upper
bound, a vague range and one without a recipient. ``tricky_corpus()`` puts hostile text
(quotes, backslashes, newlines, ``<script>``, control characters, right-to-left marks) into
every literal position.
"""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from egovkg.model import Amount, Corpus, Document, Entity, EntityKey, Evidence, Funding, Relation

BMI: EntityKey = ("Ministry", "Bundesministerium des Innern")
NDS: EntityKey = ("State", "Niedersachsen")
BUND: EntityKey = ("Country", "Deutschland")
PROG: EntityKey = ("Programme", "Digitale Modellregion Auetal")
LIND: EntityKey = ("Municipality", "Lindenbrück")
HOLL: EntityKey = ("Municipality", "Hollerstedt")
KDW: EntityKey = ("Organization", "Kommunale Datenverarbeitung Weserbergland")
KESTNER: EntityKey = ("Person", "Hannelore Kestner")
ALBRECHT: EntityKey = ("Person", "Jörg Albrecht")
BREMEN: EntityKey = ("State", "Bremen")
KREIS: EntityKey = ("District", "Landkreis Auetal")

TEXT1 = (
    "Lindenbrück wird Modellkommune. "
    "Das Bundesministerium des Innern (BMI) fördert das Programm „Digitale Modellregion Auetal“ "
    "und stellt der Stadt Lindenbrück dafür bis zu 80.000 Euro bereit. "
    "Bürgermeisterin Hannelore Kestner leitet die Stadt Lindenbrück seit 2019. "
    "Lindenbrück ist Mitglied im Zweckverband Kommunale Datenverarbeitung Weserbergland (KDW). "
    "Auch die Gemeinde Hollerstedt gehört dem KDW an. "
    "Lindenbrück und Hollerstedt arbeiten in einem gemeinsamen Arbeitskreis zusammen."
)
TEXT2 = (
    "Kestner zieht Bilanz. "
    "Hannelore Kestner, Bürgermeisterin von Lindenbrück, lobt die Zusammenarbeit. "
    "Hollerstedt kooperiert weiterhin eng mit Lindenbrück. "
    "Das Land Niedersachsen beteiligt sich mit 1,5 Millionen Euro am Programm. "
    "Der Bund stellt insgesamt fünf Milliarden Euro bereit. "
    "Jörg Albrecht, Geschäftsbereichsleiter beim KDW, sieht den Landkreis Auetal in einer "
    "mittleren sechsstelligen Summe gefordert. "
    "Die Freie Hansestadt Bremen arbeitet mit dem KDW zusammen."
)
DATE1 = dt.date(2021, 3, 15)
DATE2 = dt.date(2022, 5, 2)


def doc(doc_id: str, text: str, date: dt.date | None, title: str, source: str | None = None) -> Document:
    """A document whose sha256 is derived from its id (stable)."""
    import hashlib

    return Document(
        doc_id=doc_id, source=source or f"{doc_id}.txt", title=title, text=text, date=date,
        sha256=hashlib.sha256(text.encode("utf-8")).hexdigest(),
    )


def ev(d: Document, sentence_start: str, extractor: str = "pattern:test", confidence: float = 0.8,
       role: str | None = None) -> Evidence:
    """Evidence for the sentence of ``d`` that starts with ``sentence_start`` (offsets computed)."""
    start = d.text.index(sentence_start)
    end = d.text.find(". ", start)
    end = len(d.text) if end < 0 else end + 1
    return Evidence(doc_id=d.doc_id, sentence=d.text[start:end], start=start, end=end,
                    extractor=extractor, confidence=confidence, role=role, date=d.date)


def amount(d: Document, text: str, **values: object) -> Amount:
    start = d.text.index(text)
    return Amount(text=text, start=start, end=start + len(text), **values)  # type: ignore[arg-type]


def sample_corpus() -> Corpus:
    """Two articles about an invented programme in invented Lower Saxon places."""
    d1 = doc("d1", TEXT1, DATE1, "Lindenbrück wird Modellkommune")
    d2 = doc("d2", TEXT2, DATE2, "Kestner zieht Bilanz")
    surfaces = [
        (d1, BMI, "Bundesministerium des Innern"), (d1, BMI, "BMI"),
        (d1, PROG, "Digitale Modellregion Auetal"),
        (d1, LIND, "Lindenbrück"), (d1, LIND, "Stadt Lindenbrück"),
        (d1, KESTNER, "Bürgermeisterin Hannelore Kestner"),
        (d1, KDW, "Kommunale Datenverarbeitung Weserbergland"), (d1, KDW, "KDW"),
        (d1, HOLL, "Gemeinde Hollerstedt"), (d1, HOLL, "Hollerstedt"),
        (d2, KESTNER, "Hannelore Kestner"), (d2, KESTNER, "Kestner"),
        (d2, LIND, "Lindenbrück"), (d2, HOLL, "Hollerstedt"),
        (d2, NDS, "Land Niedersachsen"), (d2, PROG, "Programm"), (d2, BUND, "Der Bund"),
        (d2, ALBRECHT, "Jörg Albrecht"), (d2, KDW, "KDW"), (d2, KREIS, "Landkreis Auetal"),
        (d2, BREMEN, "Freie Hansestadt Bremen"),
    ]
    entities: dict[EntityKey, Entity] = {}
    for d, key, surface in surfaces:
        e = entities.setdefault(key, Entity(type=key[0], pref_label=key[1], types={key[0]}))
        e.documents.add(d.doc_id)
        if surface != key[1]:
            e.alt_labels.add(surface)
    entities[BREMEN].types.add("Municipality")
    entities[LIND].external.add("https://sws.geonames.org/1234567/")
    entities[LIND].ags = "03459999"
    entities[BUND].external.add("http://www.wikidata.org/entity/Q183")

    relations = [
        Relation(BMI, "funds", PROG, ev(d1, "Das Bundesministerium")),
        Relation(BMI, "runs", PROG, ev(d1, "Das Bundesministerium", confidence=0.6)),
        Relation(LIND, "participatesIn", PROG, ev(d1, "Lindenbrück wird")),
        Relation(KESTNER, "heads", LIND, ev(d1, "Bürgermeisterin", role="Bürgermeisterin", confidence=0.9)),
        Relation(LIND, "memberOf", KDW, ev(d1, "Lindenbrück ist Mitglied")),
        Relation(HOLL, "memberOf", KDW, ev(d1, "Auch die Gemeinde")),
        Relation(LIND, "cooperatesWith", HOLL, ev(d1, "Lindenbrück und Hollerstedt")),
        Relation(KESTNER, "heads", LIND, ev(d2, "Hannelore Kestner,", role="Bürgermeisterin", confidence=0.9)),
        Relation(HOLL, "cooperatesWith", LIND, ev(d2, "Hollerstedt kooperiert")),
        Relation(ALBRECHT, "worksFor", KDW, ev(d2, "Jörg Albrecht", role="Geschäftsbereichsleiter")),
        Relation(KDW, "locatedIn", LIND, ev(d2, "Jörg Albrecht", confidence=0.5)),
        Relation(BREMEN, "cooperatesWith", KDW, ev(d2, "Die Freie Hansestadt")),
    ]
    fundings = [
        Funding(amount(d1, "bis zu 80.000 Euro", max_value=Decimal("80000")), ev(d1, "Das Bundesministerium"),
                funder=BMI, recipient=LIND, programme=PROG),
        Funding(amount(d2, "1,5 Millionen Euro", value=Decimal("1500000")), ev(d2, "Das Land"),
                funder=NDS, programme=PROG),
        Funding(amount(d2, "fünf Milliarden Euro", value=Decimal("5000000000")), ev(d2, "Der Bund"), funder=BUND),
        Funding(amount(d2, "mittleren sechsstelligen Summe", min_value=Decimal("400000"),
                       max_value=Decimal("600000"), approximate=True),
                ev(d2, "Jörg Albrecht"), recipient=KREIS),
    ]
    mentions = [(d.doc_id, key, surface) for d, key, surface in surfaces]
    return Corpus(documents=[d1, d2], entities=entities, relations=relations, fundings=fundings, mentions=mentions)


HOSTILE = 'Er sagte: "Nein\\Ja"\n<script>alert(1)</script>\x01\x7f \u200fעברית\u200e & \'Ende\''


def tricky_corpus() -> Corpus:
    """Hostile text in titles, labels, roles, sentences and sources."""
    text = f"Die Stadt Quirlstadt \u200f<b>prüft</b>. {HOSTILE} Ende. Quirlstadt kooperiert mit \"Zweckverband\\IT\"."
    d = doc("d3", text, DATE1, f"Titel {HOSTILE}", source=f"quelle {HOSTILE}.txt")
    town: EntityKey = ("Municipality", "Quirlstadt \u200f<b>")
    zv: EntityKey = ("Organization", 'Zweckverband "IT\\Süd"\n<script>')
    person: EntityKey = ("Person", "Ülrike \x02Mäder")
    entities = {
        town: Entity(town[0], town[1], {town[0]}, {f"Stadt {HOSTILE}"}, {"d3"}),
        zv: Entity(zv[0], zv[1], {zv[0]}, {"ZV\tIT"}, {"d3"}),
        person: Entity(person[0], person[1], {person[0]}, set(), {"d3"}),
    }
    start = text.index("Er sagte")
    e = Evidence("d3", text[start:start + len(HOSTILE)], start, start + len(HOSTILE), "pattern:test", 0.75,
                 role=f"Leiterin {HOSTILE}", date=DATE1)
    relations = [
        Relation(town, "cooperatesWith", zv, e),
        Relation(person, "heads", zv, e),
    ]
    fundings = [Funding(Amount(f"rund {HOSTILE} Euro", 0, 5, value=Decimal("12.5")), e, funder=zv, recipient=town)]
    mentions = [("d3", town, f"Stadt {HOSTILE}"), ("d3", zv, "ZV\tIT"), ("d3", person, "Frau Mäder")]
    return Corpus(documents=[d], entities=entities, relations=relations, fundings=fundings, mentions=mentions)
