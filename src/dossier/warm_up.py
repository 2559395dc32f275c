"""Warming a process up for extraction before it forks its build workers.

A process's first document costs about a second more than the next ones:
indexes read from disk, lexicons loaded and patterns compiled on first use.
Extracting a few short profiles here, in each language the lexicons cover,
does most of that once in the build's own process; workers forked after it
start with it done (and share those pages with it until they write to them).
Every answer kept on the way is a pure function of its text, so what the
real documents give does not change.

The profiles are written for this purpose; the groups and people are invented.
"""

from __future__ import annotations

from dossier.extract import extract_document
from dossier.ingest import document_from_bytes

PROFILES = {
    "warm-up-en.txt": """\
Name: Grey Heron Brigades
Also known as: GHB; Brigadas de la Garza Gris
Areas of operation: Portugal, Spain
Founded: 11 May 1998 in Porto
Leader: Duarte Valquim (since 2004)
Ideology: separatism

The Grey Heron Brigades are an armed group founded in 1998 by Duarte Valquim and two former
students. In 2003 the group split; a faction led by Ines Torvela formed the Heron Vanguard.
At its height in 2006 it had between 300 and 500 fighters.

Timeline
- 4 June 2001: Grey Heron Brigades militants bombed a railway bridge near Braga, killing 3 people.
- March 2005: the group kidnapped two engineers in Lisbon; they were released a month later.
- 2009: Duarte Valquim was arrested in Madrid and sentenced to 20 years in prison.
""",
    "warm-up-nl.txt": """\
Naam: Front van de Stille Polder
Ook bekend als: FSP
Actief in: Nederland, België
Opgericht: 1987 in Utrecht
Leider: Maarten Vlierbos

Het Front van de Stille Polder is een gewapende groep die in 1987 werd opgericht door Maarten
Vlierbos. Op 2 februari 1990 pleegde de groep een aanslag op een kazerne in Gent, waarbij vier mensen
om het leven kwamen. In 1995 had de groep ongeveer 120 leden. Vlierbos overleed in 2001.
""",
    "warm-up-fr.txt": """\
Nom : Armée des Collines Bleues
Sigle : ACB
Zones d'opération : Mali, Niger
Fondation : 2012 à Gao
Chef : Sidi Ag Talsemt

L'Armée des Collines Bleues est un groupe armé fondé en 2012 par Sidi Ag Talsemt. Le 14 juillet
2015, ses combattants ont attaqué un camp militaire près de Niamey et tué 12 soldats. En 2017, le
groupe a prêté allégeance à une coalition du Sahel ; il comptait alors environ 800 hommes.
""",
}


def warm_up() -> None:
    """Read and extract the warm-up profiles (their statements are thrown away)."""
    for name, text in PROFILES.items():
        extract_document(document_from_bytes(name, text.encode("utf-8"), {}))
