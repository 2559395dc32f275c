"""The documents the web tests build their knowledge base from: invented groups and persons.

Two profiles of one group (English and Dutch, disagreeing on the founding year),
a second group it is allied with, and a document whose names and text are
script-injection attempts, which every page must show as text and never run.
Pictures: an HTML page with a flag beside it and a logo inside it, a PDF with an
emblem and a DOCX with a banner and its caption, and a page whose picture is a
hostile SVG with an injected alt text.
"""

from __future__ import annotations

from pathlib import Path

from pictures import HOSTILE_SVG, data_url, docx_with_picture, html_page, pdf_with_picture, png

SCRIPT = "<script>alert(1)</script>"
ATTRIBUTE = '"><img src=x onerror=alert(1)>'

AMBER_COAST = """\
GROUP PROFILE (test document written for dossier; the group and its people are invented)

Name: Amber Coast Liberation Army
Also known as: ACLA; Armée de la Côte d'Ambre
Country of origin: Senegal
Areas of operation: Senegal, Gambia, Guinea-Bissau
Founded: 2004
Ideology: coastal separatism
Leaders: Ousmane Kaliba Ndour, Mariama Sekou Badji
Allies: Tidewater Rifles (2009–2014)
Funding: smuggling of timber and cashew nuts

Overview

The Amber Coast Liberation Army is an invented rebel movement used to test dossier. It grew out of
fishing villages in the south of Senegal and later kept camps across the border in Gambia.

Size

In 2008 the army had about 300 fighters. In 2015 the army had about 1,200 fighters.

Leaders

• Ousmane Kaliba Ndour (1961), alias The Pilot, founder and first leader of the army.
• Mariama Sekou Badji (1970), alias Sister Salt, head of the coastal wing, leader of the army since 2016.

Mariama Sekou Badji was arrested in Dakar on 4 March 2021.

Timeline

12 September 2006: Amber Coast Liberation Army fighters attacked a customs post in Kolda and killed 4 people.
3 March 2009: Amber Coast Liberation Army gunmen kidnapped 6 fishermen near Ziguinchor.
21 July 2013: a bomb planted by the Amber Coast Liberation Army in Bignona killed 2 people and wounded 9.
2 February 2018: soldiers arrested 5 Amber Coast Liberation Army fighters near Kolda.
"""

AMBER_COAST_NL = """\
# Amber Coast Liberation Army

(testdocument geschreven voor dossier; de groep en haar leden zijn verzonnen)

Naam organisatie: Amber Coast Liberation Army
Aliassen: ACLA
Opgericht: 2006
Land van herkomst: Senegal
Operatiegebied: Senegal, Gambia

## Financiële inkomstenbronnen

De beweging leeft van smokkel van hout en van losgeld uit ontvoeringen langs de kust.

## Tijdlijn

- 14 maart 2012: strijders van de Amber Coast Liberation Army ontvoerden twee ambtenaren bij Sédhiou.
"""

TIDEWATER = """\
GROUP PROFILE (test document written for dossier; the group and its people are invented)

Name: Tidewater Rifles
Also known as: TWR
Areas of operation: Gambia
Founded: 1999
Leaders: Lamin Fatou Ceesay

Leaders

• Lamin Fatou Ceesay (1955), commander of the rifles since their founding.

Timeline

9 May 2010: Tidewater Rifles fighters ambushed a patrol near Brikama and killed 3 soldiers.
"""

INJECTION = f"""\
GROUP PROFILE (test document written for dossier; an invented group whose names are attacks on the web pages)

Name: {SCRIPT} Brigade
Also known as: {ATTRIBUTE}; SBX
Areas of operation: Mali
Founded: 2011
Ideology: {SCRIPT}

Overview

The {SCRIPT} Brigade is an invented group. Its leaflets read {ATTRIBUTE} and worse.

Timeline

5 June 2016: {SCRIPT} Brigade fighters attacked a market near Gao and killed 3 people {ATTRIBUTE}.
"""

DOCUMENTS = {
    "amber-coast.txt": AMBER_COAST,
    "amber-coast-nl.md": AMBER_COAST_NL,
    "tidewater-rifles.txt": TIDEWATER,
    "injection.txt": INJECTION,
}


FLAG = png((0, 120, 60), mark="F")
LOGO = png((200, 120, 0), mark="L")
EMBLEM = png((20, 90, 160), mark="E")
BANNER = png((120, 20, 90), size=(90, 30), mark="B")
FLAG_CAPTION = "The flag of the Amber Coast Liberation Army: a green field with a pale band."
LOGO_ALT = "Logo of the Amber Coast Liberation Army"
EMBLEM_ALT = "Emblem of the Tidewater Rifles"
BANNER_CAPTION = "Banner of the Amber Coast Liberation Army carried at its rallies"

EMBLEMS_PAGE = html_page(
    "Amber Coast Liberation Army: flag and logo",
    f"""<p>The pictures on this page were drawn for the tests of dossier; the group is invented.</p>
<figure><img src="pictures/flag.png" alt="Flag"><figcaption>{FLAG_CAPTION}</figcaption></figure>
<p><img src="{data_url(LOGO)}" alt="{LOGO_ALT}"> The army prints its logo on every leaflet.</p>
<p><img src="https://pictures.example.org/never-fetched.png" alt="A picture on the web, never fetched"></p>""",
)

INJECTED_PICTURES = html_page(
    f"{SCRIPT} Brigade",
    f"""<p>The {SCRIPT} Brigade, an invented group, prints a picture on its leaflets.</p>
<p><img src="{data_url(HOSTILE_SVG, "image/svg+xml")}" alt='{SCRIPT} {ATTRIBUTE}'></p>""",
)


def write(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in DOCUMENTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    (folder / "pictures").mkdir(exist_ok=True)
    (folder / "pictures" / "flag.png").write_bytes(FLAG)
    (folder / "amber-coast-emblems.html").write_text(EMBLEMS_PAGE, encoding="utf-8")
    (folder / "injection-pictures.html").write_text(INJECTED_PICTURES, encoding="utf-8")
    pdf_with_picture(
        folder / "tidewater-emblem.pdf",
        ["Tidewater Rifles: emblem", "An invented group; the emblem was drawn for the tests of dossier."],
        EMBLEM,
        EMBLEM_ALT,
    )
    docx_with_picture(
        folder / "amber-coast-banner.docx",
        ["Amber Coast Liberation Army: banner", "A note written for the tests of dossier about an invented group."],
        BANNER,
        "A purple banner",
        BANNER_CAPTION,
    )
    return folder
