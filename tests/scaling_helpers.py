"""A small generated corpus of German e-government news (sentences written for these tests)."""
from __future__ import annotations

import random
from pathlib import Path

TOWNS = ["Ibbenbüren", "Ahaus", "Meerane", "Düren", "Wetzlar", "Altena", "Gengenbach", "Lingen"]
PEOPLE = ["Anna Berger", "Jonas Keller", "Petra Schulte", "Markus Lehmann", "Sabine Vogt"]
SENTENCES = [
    "Die Stadt {town} wurde als Modellkommune E-Government ausgewählt.",
    "Bürgermeisterin {person} aus {town} freut sich über die Förderung.",
    "Das Bundesministerium des Innern unterstützt das Vorhaben in {town} mit bis zu {amount}.000 Euro.",
    "Die Stadt {town} arbeitet bei der digitalen Bauakte eng mit der Stadt {town2} zusammen.",
    "Der Zweckverband Kommunale Informationsverarbeitung Sachsen begleitet die Kommune {town}.",
    "In {town} können Bürgerinnen und Bürger ihren Wohnsitz künftig online ummelden.",
    "Landrat {person} sagte, der Kreis Steinfurt wolle die Verwaltung schneller digitalisieren.",
    "Das Land Nordrhein-Westfalen fördert das Projekt mit {amount}.000 Euro.",
]


def article(rng: random.Random, number: int) -> str:
    """One article: a headline, a date line and four to seven sentences."""
    parts = []
    for template in rng.sample(SENTENCES, k=rng.randint(4, 7)):
        town, town2 = rng.sample(TOWNS, 2)
        parts.append(template.format(town=town, town2=town2, person=rng.choice(PEOPLE),
                                     amount=rng.randint(10, 90)))
    day = f"[{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2012, 2024)}]"
    return f"Digitale Verwaltung, Folge {number}\n\n{day} " + " ".join(parts) + "\n"


def write_corpus(folder: Path, n: int, seed: int = 7) -> Path:
    """Write ``n`` articles ``a00001.txt`` ... into ``folder`` (deterministic for ``seed``)."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"a{i + 1:05d}.txt").write_text(article(rng, i + 1), encoding="utf-8")
    return folder
