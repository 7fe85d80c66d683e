"""Feeds and article pages for the fetch tests, written here (Norwegian text from the seeds'
kind of news, so the test tokenizers know it)."""

from __future__ import annotations

from xml.sax.saxutils import escape

LEAD = "Generalsekretæren mener alliansen står sterkere enn noen gang etter møtet i London."
BODY = (
    "Da er det viktig at vi sitter rundt det samme bordet og diskuterer ansikt til ansikt, "
    "svarer Stoltenberg på spørsmål om hvordan det blir å holde alliansen samlet."
)
SUBHEADING = "Politisk koordinering"
BODY_2 = (
    "Den siste tiden har det vært flere vanskelige saker for alliansen, ikke minst at Tyrkia "
    "invaderte kurdiskkontrollerte områder i Syria etter at USA trakk seg ut."
)
BODY_3 = (
    "Mangelen på informasjon og koordinering førte også til at Frankrikes president Emmanuel "
    "Macron omtalte alliansen som «hjernedød»."
)
# What must never reach an article file.
BOILERPLATE = (
    "Forsiden",
    "Vi bruker informasjonskapsler",
    "Les også",
    "Noe helt annet skjedde i går",
    "Foto: NTB",
    "Ansvarlig redaktør",
    "alert(",
    "trackVisitor",
)


def article_page(title: str, *, lead: str = LEAD, extra: str = "") -> str:
    """A news page as sites write them: scripts, navigation, a cookie banner, a caption, a
    "read also" box and a footer around the article."""
    return f"""<!DOCTYPE html>
<html lang="nb"><head><meta charset="utf-8"><title>{escape(title)} | Nyheter</title>
<script>alert("x"); function trackVisitor() {{}}</script>
<style>body {{ color: red }}</style></head>
<body>
<nav><ul><li><a href="/">Forsiden</a></li><li><a href="/sport">Sport</a></li></ul></nav>
<div id="cookie-banner">Vi bruker informasjonskapsler. <button>Godta alle</button></div>
<main><article>
<h1>{escape(title)}</h1>
<p class="lead">{escape(lead)}</p>
<p>{escape(BODY)}</p>
<figure><img src="bilde.jpg" alt=""><figcaption>Foto: NTB</figcaption></figure>
<h2>{SUBHEADING}</h2>
<p>{escape(BODY_2)}</p>
<aside class="related"><h3>Les også</h3>
<ul><li><a href="/x">Noe helt annet skjedde i går</a></li></ul></aside>
<p>{escape(BODY_3)}{extra}</p>
</article></main>
<footer><p>© Nyheter 2024. Ansvarlig redaktør: Ola Nordmann.</p></footer>
<script>trackVisitor();</script>
</body></html>"""


def rss(title: str, items: list[tuple[str, str, str | None, str | None]]) -> str:
    """An RSS 2.0 feed; items are (title, link, guid, pubDate)."""
    entries = []
    for item_title, link, guid, date in items:
        parts = [f"<title>{escape(item_title)}</title>", f"<link>{escape(link)}</link>"]
        if guid is not None:
            parts.append(f'<guid isPermaLink="false">{escape(guid)}</guid>')
        if date is not None:
            parts.append(f"<pubDate>{date}</pubDate>")
        entries.append("<item>" + "".join(parts) + "</item>")
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<rss version="2.0"><channel>'
        f"<title>{escape(title)}</title><link>https://example.org/</link>"
        f"<description>test</description>{''.join(entries)}</channel></rss>"
    )


def atom(title: str, items: list[tuple[str, str, str, str]]) -> str:
    """An Atom feed; items are (title, href, id, updated)."""
    entries = "".join(
        f'<entry><title>{escape(t)}</title><link href="{escape(href)}"/><id>{escape(i)}</id>'
        f"<updated>{updated}</updated></entry>"
        for t, href, i, updated in items
    )
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
        f"<title>{escape(title)}</title><id>urn:test</id><updated>2024-01-01T00:00:00Z</updated>"
        f"{entries}</feed>"
    )


BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
]>
<rss version="2.0"><channel><title>&lol4;</title>
<item><title>&lol4;</title><link>http://127.0.0.1:9/laughs</link></item></channel></rss>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<rss version="2.0"><channel><title>x</title>
<item><title>&secret;</title><link>http://127.0.0.1:9/secret</link></item></channel></rss>"""
