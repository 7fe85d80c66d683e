"""The word lists of the sentence splitter (``translation/sentences.py``).

Abbreviations are lower case with the final dot left out; the splitter matches them against
the word before a period, lower-cased, unless that word is written like an acronym or initials
("E.L.", "DS", "S.": see ``sentences._is_acronym``).
"""

from __future__ import annotations

# Abbreviations that practically never end a sentence: they stand before a name, a number or a
# phrase, and that next word is often capitalised ("dr. Hansen", "bl.a. Ap", "St. Olavs"), so a
# capital after them says nothing.
# fmt: off
NEVER_END = frozenset({
    "adm", "ang", "ant", "art", "avd", "bl.a", "ca", "d.d", "d.e", "d.s", "ds", "dir", "div",
    "dvs", "dr", "eks", "ekskl", "el", "evt", "ev", "f", "f.eks", "f.o.m", "feat", "fhv", "fr",
    "fork", "gen", "hhv", "hr", "ift", "ifm", "iht", "inkl", "jf", "jfr", "kap", "kl", "lnr",
    "m.a.o", "m.h.t", "mht", "nr", "o.a", "p.t", "pga", "pkt", "pr", "prof", "ref", "resp", "s",
    "sekr", "sml", "st", "str", "t.o.m", "tlf", "utg", "vedr", "vol", "vs",
    # English titles before a name, common in reviews: "Mr. Bean", "Mrs. Hughes".
    "mr", "mrs", "ms",
    # Reviews of music, film and books: "«Title» ft. Artist", "Pt. 2", "a.k.a. Name", "Us v.
    # Them", "(prod. Name)", "Sgt. Pepper", "(tidl. Name)", "(f. 1974, deb. 2011)", and the
    # Norwegian middle name "Kåre Chr. Vestrheim".
    "ft", "pt", "a.k.a", "v", "prod", "sgt", "tidl", "deb", "chr",
})
# fmt: on

# Abbreviations that often end a sentence ("... og andre land osv. Neste setning."): a boundary
# only if an upper-case letter, dash or quote follows, never before a digit ("8. jan. 2020",
# "60 mrd. 2024" is not a start).
# fmt: off
CAN_END = frozenset({
    "osv", "m.m", "o.l", "e.l", "etc", "mv", "m.fl", "mfl", "o.s.v", "mill", "mrd", "mnd", "kr",
    "stk", "sek", "min", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "okt",
    "nov", "des",
    # Dotted place names that end sentences as often as they stand before a name.
    "d.c", "u.s.a",
    # Numbered works: "Sonate no. 3", "op. 10" (but "Eg kjem no. Han …" in Nynorsk ends).
    "no", "op",
})
# fmt: on

# The abbreviations above that are written in capitals (any other word so written is an
# acronym or initials: "E.L. James" is no "e.l.", "Nintendo DS" no "ds.").
WRITTEN_IN_CAPITALS = frozenset({"d.c", "u.s.a"})

# Parts of a name after which a sentence ends only before a word no name is, like after an
# initial: "Robert Downey Jr. Han …" ends, "Jr. – «Tittel»" and "Jr. (Navn)" go on.
NAME_SUFFIXES = frozenset({"jr", "sr"})

# Words that open Norwegian sentences and are never a name, so never the surname after an
# initial: "… bandet K.L.M. Det …", "… i U.S.A. Det …", "… klasse C. Blant annet …", "… mot
# Model S. Men …". Not "Hans" ("Georg V. Hans …" is ambiguous) nor "I", a Roman numeral after
# an initial. The first block was written by hand; the second was read off NoReC's train part
# (bench/norec_sentences.py): words that open at least 100 of its sentences and stand
# capitalised inside a sentence at most 2% as often (so no name), such lexicons being free of
# the corpus's licence.
# fmt: off
OPENING_WORDS = frozenset({
    "Alle", "Alt", "Av", "Bare", "Blant", "Både", "Da", "De", "Dem", "Den", "Denne", "Der",
    "Deres", "Derfor", "Dermed", "Dessuten", "Det", "Dette", "Disse", "Du", "Ei", "En", "Enda",
    "Er", "Et", "Etter", "Fra", "Før", "Hadde", "Han", "Har", "Heller", "Her", "Hun", "Hva",
    "Hvem", "Hvis", "Hvor", "Hvordan", "Hvorfor", "Ikke", "Ingen", "Jeg", "Kanskje", "Likevel",
    "Mange", "Med", "Mens", "Nå", "Når", "Og", "Også", "Om", "På", "Samtidig", "Selv", "Siden",
    "Slik", "Som", "Så", "Til", "Vi",
}) | frozenset({
    "Absolutt", "Akkurat", "Allikevel", "Altså", "Anbefalte", "Anmeldelsen", "Anmeldt",
    "Antall", "Avslutningen", "Bagasjerommet", "Bak", "Bandet", "Bandets", "Barna", "Basert",
    "Batteriet", "Batterilevetiden", "Batteritiden", "Bedre", "Begge", "Bildekvalitet",
    "Bildekvaliteten", "Bildene", "Bildet", "Bilen", "Blir", "Boka", "Boken", "Bokens",
    "Bortsett", "Burde", "Dere", "Deretter", "Derfra", "Derimot", "Dernest", "Dersom",
    "Dessverre", "Desto", "Dialogen", "Duoen", "Dét", "Egentlig", "Egnethet", "Ein", "Eit",
    "Eksempelvis", "Eller", "Ellers", "Endelig", "Eneste", "Enig", "Enkel", "Enkelt", "Enkelte",
    "Enten", "Ett", "Ettersom", "Faktisk", "Fantastisk", "Faren", "Felles", "Figurene", "Fikk",
    "Filmanmeldelse", "Filmen", "Fint", "Fjorårets", "Flere", "Flott", "Foran", "Fordelen",
    "Fordi", "Foreløpig", "Forestillingen", "Forfatter", "Forfatteren", "Forholdet", "Forrige",
    "Forskjellen", "Fortellingen", "Fortsatt", "Foruten", "Forventningene", "Fremdeles", "Få",
    "Får", "Fått", "Følelsen", "Følg", "Først", "Førstnevnte", "Ganske", "Gjennom", "Glem",
    "Glimrende", "Grafikken", "Greit", "Grepet", "Grunnen", "Går", "Handlingen", "Heldigvis",
    "Hele", "Helt", "Historien", "Hovedpersonen", "Humoren", "Husker", "Hvert", "Hvilken",
    "Hvilket", "Hvorvidt", "Iblant", "Ideen", "Idet", "Ifølge", "Ikkje", "Imponerende",
    "Innimellom", "Innledningsvis", "Interessant", "Interiøret", "Intet", "Ja", "Joda",
    "Kameraet", "Kjedelig", "Kjøttet", "Klarer", "Kombinasjonen", "Konklusjon", "Konserten",
    "Konstruksjon", "Kontrasten", "Kort", "Kun", "Kunne", "Kvaliteten", "Kveldens", "Legg",
    "Lenge", "Leseren", "Lett", "Liker", "Litt", "Lokalet", "Lydbildet", "Lyden", "Låten",
    "Låtene", "Låter", "Løsningen", "Mangler", "Manuset", "Manusforfatter", "Maskinen", "Maten",
    "Mellom", "Men", "Menneskene", "Menyen", "Menyene", "Merk", "Mest", "Midt", "Mindre",
    "Morsomt", "Motoren", "Muligens", "Musikken", "Mye", "Målet", "Måten", "Nasjonalitet",
    "Nei", "Nesten", "Nettopp", "Noe", "Noen", "Nok", "Nydelig", "Ofte", "Omtrent",
    "Oppfølgeren", "Oppløsningen", "Overraskende", "Pekeplaten", "Personlig", "Platen",
    "Plottet", "Plutselig", "Poenget", "Prisen", "Prisene", "Problemet", "Regissør",
    "Regissøren", "Restauranten", "Resten", "Resultatet", "Retten", "Riktig", "Riktignok",
    "Romanen", "Samme", "Sammen", "Sammenlignet", "Samspillet", "Samt", "Sangene", "Scenene",
    "Seks", "Selve", "Selvfølgelig", "Selvsagt", "Senere", "Sensur", "Ser", "Serien", "Sett",
    "Sistnevnte", "Sjarmerende", "Sjekk", "Sjelden", "Skal", "Skildringen", "Skjermen",
    "Skjønt", "Skoene", "Skuespillerne", "Skulle", "Slike", "Slikt", "Slutten", "Snarere",
    "Snart", "Spennende", "Spenningen", "Spesielt", "Spiller", "Spilleren", "Spillet",
    "Språket", "Spørsmålet", "Stadig", "Stemmen", "Stemningen", "Sterk", "Sterke", "Sterkt",
    "Svaret", "Svært", "Synd", "Sånn", "Sånt", "Særlig", "Takk", "Takket", "Tanken", "Tar",
    "Tastaturet", "Teksten", "Telefonen", "Temaet", "Tenk", "Terningkast", "Tidligere",
    "Tidvis", "Tittelen", "Tja", "Tonen", "Totalt", "Trenger", "Tross", "Tvert", "Uansett",
    "Ulempen", "Undertegnede", "Underveis", "Utgangspunktet", "Utover", "Utrolig", "Uttrykket",
    "Utviklerne", "Vakkert", "Valget", "Var", "Ved", "Veien", "Vel", "Veldig", "Velg",
    "Vellykket", "Verdt", "Verken", "Verre", "Vil", "Visst", "Visuelt", "Vokalen", "Vokalist",
    "Våre", "Vær", "Ytelse", "Ytelsen", "Året", "Årsaken", "Åtte", "Én", "Ønsker",
})
# fmt: on

# Words before a small number that make "N." an ordinal or a list number, not a sentence end:
# "Ridder av 1. klasse", "nr. 1. Den", "todelt: 1. Bush …".
BEFORE_ORDINAL = frozenset({"av", "nr", "nr."})
