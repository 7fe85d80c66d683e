"""A small library of fetched-looking articles for the reader's news keys: each with a date, a
few paragraphs and the source trailer `tolk fetch` writes; two of them in Nynorsk (written for
these tests), one in Danish."""

from __future__ import annotations

from pathlib import Path

BOKMAL = [
    (
        "2024-03-04",
        "Regjeringen legger fram ny plan for jernbanen",
        [
            "Regjeringen vil bruke mer penger på jernbanen de neste årene. Det sier "
            "samferdselsministeren til NRK mandag.",
            "Planen skal legges fram for Stortinget før sommeren. Opposisjonen mener at den "
            "kommer for sent og at den ikke er god nok.",
        ],
    ),
    (
        "2024-03-03",
        "Rekordmange søker seg til sykepleierutdanningen",
        [
            "Aldri før har så mange søkt seg til sykepleierutdanningen som i år. Det viser nye "
            "tall fra Samordna opptak.",
            "Det er gledelig, sier dekanen ved universitetet. Hun tror at flere har fått øynene "
            "opp for hvor viktig yrket er.",
        ],
    ),
    (
        "2024-03-02",
        "Kraftig snøfall skaper trøbbel på veiene",
        [
            "Store deler av Østlandet har fått mye snø i løpet av natten. Politiet ber folk "
            "om å la bilen stå hvis de kan.",
            "Det er meldt mer snø utover dagen, og brøytemannskapene jobber på spreng for å "
            "holde veiene åpne.",
        ],
    ),
]

NYNORSK = [
    (
        "2024-03-05",
        "Kommunen vil byggje ny skule i bygda",
        [
            "Kommunestyret vedtok torsdag at det skal byggjast ein ny skule i bygda. Dei gamle "
            "bygningane er ikkje lenger gode nok, meiner ordføraren.",
            "Eg er glad for at vi endeleg kjem i gang, seier ho. Foreldra har venta lenge på "
            "dette, og no får borna ein skule dei kan vere stolte av.",
        ],
    ),
    (
        "2024-03-01",
        "Fiskarane fekk ein god sesong",
        [
            "Det har vore ein god vinter for fiskarane langs kysten. Prisane har halde seg "
            "høge, og det har vore mykje fisk å hente.",
            "Vi har ikkje hatt det så bra på mange år, fortel Ola Nordmann til NRK Vestland. "
            "Han trur "
            "likevel at det kan bli vanskelegare neste år.",
        ],
    ),
]

DANISH = (
    "2024-02-28",
    "Regeringen vil give flere penge til sundhedsvæsenet",
    [
        "Regeringen har mandag fremlagt et nyt udspil, som skal give flere penge til "
        "sygehusene. Det fortæller sundhedsministeren til DR.",
        "Udspillet bliver nu forhandlet med partierne i Folketinget, og der er stadig mange "
        "spørgsmål, som ikke er blevet besvaret endnu.",
    ],
)


def source_url(number: int) -> str:
    """The page the `number`th article (in the order written) came from."""
    return f"https://www.nrk.no/norge/sak-1.{16000 + number}"


def write_news_library(folder: Path) -> dict[str, Path]:
    """Write the articles into `folder`; their paths by title."""
    folder.mkdir(parents=True, exist_ok=True)
    written = {}
    for number, (date, title, paragraphs) in enumerate([*BOKMAL, *NYNORSK, DANISH]):
        text = "\n\n".join([f" date {date} – {title}", *paragraphs])
        trailer = f"source: {source_url(number)}\nfeed: NRK"
        path = folder / f"{date}_{number:02}.txt"
        path.write_text(f"{text}\n\n{trailer}\n", encoding="utf-8")
        written[title] = path
    return written
