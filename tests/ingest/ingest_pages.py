"""Synthetic German news pages (written for these tests) in the layouts scraped portals use.

Every name here is invented; the layouts mirror what the ingest stage must handle:
``PAGE_SPACED`` (crawl date, glued kicker, captions before teaser headlines, blank lines),
``PAGE_COMPACT`` (two-line title, no blank lines, captions after teasers, glued kicker word,
footer noise), ``PAGE_NO_MARKER`` (no date, teasers without a marker line) and
``PAGE_FALLBACK_DATE`` (no bracket date, a date in the text, a link block).
"""
from __future__ import annotations

TEASER_DORF = (
    "Musterdorf: Digitale Akte eingeführt\n\n"
    "[03.02.2025] Die Gemeinde Musterdorf führt die elektronische Akte in allen Ämtern ein. "
    "Bis zum Sommer sollen alle Papierakten ersetzt sein. mehr...\n"
)

PAGE_SPACED = (
    "Montag, 3. März 2025\n\n"
    "MusterstadtNeues Bürgerportal gestartet\n\n"
    "[12.05.2021] Die Stadt Musterstadt hat ein neues Bürgerportal freigeschaltet. "
    "Das Landesministerium fördert das Vorhaben mit 50.000 Euro.\n"
    "Musterstadt: Ein Portal für alle Anliegen.\n\n"
    "Musterstadt: Ein Portal für alle Anliegen.\n\n"
    "v.l.: Anna Beispiel, Leiterin des Bürgeramts der Stadt Musterstadt; "
    "Karl Probe, Bürgermeister der Stadt Musterstadt\n\n"
    "(Bildquelle: Stadt Musterstadt)\n\n"
    "Mit dem Portal können Anträge rund um die Uhr gestellt werden (wir berichteten). "
    "Begleitet wird die Stadt vom Zweckverband Kommunale Datenverarbeitung Nord.\n\n\n\n"
    "Stichwörter: Politik, Musterstadt, Bürgerportal\n\n\n"
    "Anzeige\n\n"
    "Weitere Meldungen und Beiträge aus dem Bereich: Politik\n"
    "rathaus_musterdorf_aussen\n\n"
    + TEASER_DORF + "\n"
    "Porträt von Erika Test, Staatssekretärin im Ministerium des Innern\n\n"
    "Beispielland: Neue Landes-CIO ernannt\n\n"
    "[28.01.2025] Erika Test ist neue CIO des Landes Beispielland. Sie will die Kommunen eng "
    "einbinden. mehr...\n\n"
    "Luftaufnahme einer kleinen Stadt im Nebel.\n"
    "reportage\n\n"
    "Digitalisierung: Ein Blick nach vorn\n\n"
    "[20.01.2025] Wie sehen Verwaltungen im Jahr 2030 aus? Eine Umfrage gibt Hinweise. mehr..."
)

PAGE_COMPACT = (
    "Nordkreis/Südstadt:\n"
    "Gemeinsame Plattform für E-Akten\n\n\n"
    "[7.3.2016] Der Nordkreis und die Stadt Südstadt wollen ihre Akten künftig auf einer "
    "gemeinsamen Plattform führen.\n\n"
    "Die Kooperation wurde am 4. März 2016 im Kreistag beschlossen. Das Land unterstützt das "
    "Vorhaben mit jeweils 80.000 Euro. (ab)\n\n"
    "http://www.nordkreis.example\n\n"
    "Stichwörter: Politik, Nordkreis, Südstadt\n\n"
    "Bildquelle: Kreisverwaltung Nordkreis\n\n"
    "Druckversion    PDF     Link mailen\n\n\n"
    "Weitere Meldungen und Beiträge aus dem Bereich Politik\n"
    "Ostland: Gesetz zur Digitalisierung beschlossen\n"
    "[18.4.2024] Das Kabinett in Ostland hat ein Gesetz zur Digitalisierung der Verwaltung "
    "beschlossen. mehr...\n"
    "Ministerin Petra Muster stellt das neue Gesetz in der Staatskanzlei vor.\n"
    "Datenschutz: Alles im Griff Bericht\n"
    "[9.4.2024] Immer mehr Kommunen bestellen eigene Datenschutzbeauftragte. mehr...\n"
    "Ein Aktenschrank aus grauem Metall.\n"
    "Suchen...\n\n"
    " Anzeige\n\n"
    "Aboverwaltung\n\n\n"
    "Abbonement kuendigen\n"
    "Aktuelle Meldungen"
)

PAGE_NO_MARKER = (
    "WaldheimBürgerkoffer im Einsatz\n"
    "Im Erzgebirge nutzt nun auch die Stadt Waldheim den mobilen Bürgerkoffer. "
    "Bürgermeisterin Jana Beispiel sieht darin eine Hilfe für ältere Menschen.\n"
    "http://www.waldheim.example\n"
    "www.kommunal-it.example\n"
    "Musterdorf: Digitale Akte eingeführt\n"
    "[03.02.2025] Die Gemeinde Musterdorf führt die elektronische Akte in allen Ämtern ein. "
    "Bis zum Sommer sollen alle Papierakten ersetzt sein. mehr...\n"
    "Hafenstadt: Neuer Chatbot im Rathaus\n"
    "[01.02.2025] Die Hafenstadt beantwortet Fragen nun auch per Chatbot. mehr...\n"
)

PAGE_FALLBACK_DATE = (
    "„Digitales Amt“ abgeschlossen – Netzwerk bleibt bestehen\n\n"
    "FOTOLANDKREIS\n\n"
    "Vor drei Jahren, im Mai 2016, begann das Vorhaben „Digitales Amt“ im Landkreis Beispiel.\n\n"
    "Am 14. Juni 2019 wurde das Vorhaben in der Kreisstadt feierlich beendet. Landrat Otto Probe "
    "dankte allen Beteiligten. Der Vertrag wurde am 15. Juni 2019 unterschrieben.\n\n"
    "Quellen/Verweise:\n\n"
    "https://www.landkreis-beispiel.example/digitales-amt.pdf?download=1\n\n"
    "http://www.beispiel.example/presse\n\n"
    "Kreistag informiert sich über E-Akte\n\n"
    "KV BesuchKreistag V1.0 20190312\n\n"
    "Der Kreistag ließ sich die E-Akte erklären.\n\n"
    " eAkte2\n"
)


HTML_PAGE = """<!DOCTYPE html>
<html lang="de"><head><meta charset="utf-8">
<title>Musterstadt: Neues Bürgerportal freigeschaltet</title>
<meta property="article:published_time" content="2021-05-12T09:30:00+02:00">
<script>var geheim = "Skriptinhalt darf nie im Text erscheinen";</script>
<style>.hinweis { color: red; } /* Stilinhalt */</style>
</head><body>
<nav><a href="/">Startseite</a> | <a href="/kontakt">Kontakt</a></nav>
<article>
<h1>Musterstadt: Neues Bürgerportal freigeschaltet</h1>
<p>Die Stadt Musterstadt hat ein neues Bürgerportal freigeschaltet. Bürgerinnen und Bürger können
dort künftig mehr als achtzig Verwaltungsleistungen rund um die Uhr online beantragen.</p>
<p>Das Landesministerium für Digitales fördert das Vorhaben mit 50.000 Euro. Begleitet wird die
Stadt vom Zweckverband Kommunale Datenverarbeitung Nord, dem sie seit vielen Jahren angehört.</p>
<p>Bürgermeister Karl Probe sprach von einem wichtigen Schritt für die Verwaltung der Stadt und
kündigte an, dass bis zum Jahresende weitere Leistungen folgen sollen.</p>
<script>document.write("Noch ein Skript im Artikel");</script>
</article>
<footer>Impressum · Datenschutz</footer>
</body></html>
"""

HTML_EMPTY = """<html><head><title>Leer</title><script>var x = 1;</script></head>
<body><nav>Startseite</nav><div></div></body></html>"""


def _pdf_escape(s: str) -> str:
    return s.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")


def make_pdf(lines: list[str], title: str | None = None) -> bytes:
    """A minimal one-page PDF whose text layer holds ``lines`` (Helvetica, WinAnsiEncoding)."""
    content = ("BT /F1 11 Tf 72 720 Td 14 TL "
               + " ".join(f"({_pdf_escape(ln)}) Tj T*" for ln in lines) + " ET").encode("cp1252")
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    if title:
        objs.append(b"<< /Title (" + _pdf_escape(title).encode("cp1252") + b") >>")
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % off for off in offsets)
    info = b" /Info %d 0 R" % len(objs) if title else b""
    out += b"trailer\n<< /Size %d /Root 1 0 R" % (len(objs) + 1) + info + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return out
