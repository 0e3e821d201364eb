"""A human-readable summary of one coding, for the terminal (``eventwire demo``, ``--format
summary``). It shows every extracted item once, with the evidence it came from kept short."""

from __future__ import annotations

from eventwire.records import Actor, Coding, Event, Figure, Place, Quote

__all__ = ["render"]

_WIDTH = 96


def _clip(text: str, width: int = 70) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def _actor(actor: Actor) -> str:
    code = "/".join(x for x in (actor.country or "?", actor.sector or "?"))
    count = ""
    if actor.count is not None:
        qualifier = "" if actor.count_qualifier in (None, "exact") else f"{actor.count_qualifier} "
        count = f" ×{qualifier}{actor.count:,}"
    return f"{actor.name} [{code}]{count}"


def _actors(actors: tuple[Actor, ...]) -> str:
    return " + ".join(_actor(a) for a in actors) or "—"


def _place(place: Place | None) -> str:
    if place is None:
        return "—"
    if place.geonameid is None:
        return f"{place.text} (not resolved)"
    where = ", ".join(x for x in (place.name, place.admin1, place.country) if x)
    return f"{where} ({place.lat:.3f}, {place.lon:.3f})"


def _event(event: Event) -> list[str]:
    flags = [name for name in ("negated", "hypothetical", "future", "reported")
             if getattr(event, name)]
    head = f"{event.event}" + (f"/{','.join(event.mode)}" if event.mode else "")
    lines = [f"  {event.id} {head:<22} {_actors(event.actors)} → {_actors(event.recipients)}"]
    detail = [f"trigger '{event.trigger}'"]
    if event.cameo:
        detail.append(f"CAMEO {event.cameo}")
    if event.place:
        detail.append(f"at {_place(event.place)}")
    if event.date:
        detail.append(f"on {event.date.isoformat()} ({event.date_precision})")
    size = [f"{k} {v}" for k, v in (("dead", event.size.dead), ("injured", event.size.injured),
                                     ("arrested", event.size.arrested),
                                     ("people", event.size.people)) if v is not None]
    if size:
        detail.append(", ".join(size))
    if flags:
        detail.append("flags: " + ", ".join(flags))
    detail.append(f"confidence {event.confidence:.2f}")
    lines.append("      " + "; ".join(detail))
    return lines


def _number(value: float) -> str:
    return f"{value:,.0f}" if value == int(value) else f"{value:,.3g}"


def _figure(figure: Figure) -> str:
    if figure.low is not None and figure.high is not None and figure.low != figure.high:
        qualifier, value = "", f"{_number(figure.low)}–{_number(figure.high)}"
    else:
        qualifier = "" if figure.qualifier == "exact" else f"{figure.qualifier} "
        value = _number(figure.value)
    derived = (f" (≈{_number(figure.derived)} of {figure.basis})" if figure.derived is not None
               else "")
    what = figure.unit or ""
    predicate = f" — {_clip(figure.predicate, 50)}" if figure.predicate else ""
    return f"  {figure.id} {qualifier}{value} {what}{derived} [{figure.kind}]{predicate}"


def _quote(quote: Quote) -> str:
    speaker = quote.speaker.name if quote.speaker else (quote.speaker_text or "unknown speaker")
    affiliation = f" ({quote.affiliation})" if quote.affiliation else ""
    return f"  {quote.id} {speaker}{affiliation} {quote.verb or ''}: “{_clip(quote.text, 60)}”"


def render(coding: Coding) -> str:
    """The coding as a few aligned sections of plain text."""
    article = coding.article
    out = [f"{article.title or '(no title)'}"]
    out.append("=" * min(_WIDTH, max(len(out[0]), 10)))
    if article.byline:
        out.append("By " + ", ".join(article.byline))
    out.append(f"Published: {article.published.isoformat() if article.published else 'unknown'}"
               f"   Source: {article.source or '-'}   Id: {article.id}")
    if article.standfirst:
        out.append(f"Standfirst: {_clip(article.standfirst, 84)}")
    out.append(f"Body: {len(article.text)} characters, starting “{_clip(article.text, 60)}”")
    if article.removed:
        out.append("Removed as web debris:")
        out.extend(f"  - [{cut.reason}] {_clip(cut.text, 70)}" for cut in article.removed)
    sections: list[tuple[str, list[str]]] = [
        (f"Events ({len(coding.events)})", [line for e in coding.events for line in _event(e)]),
        (f"Actors ({len(coding.actors)})", [f"  {a.id} {_actor(a)}  “{_clip(a.text, 40)}”"
                                            + (f"  office: {a.office}" if a.office else "")
                                            + (f"  of {a.affiliation}" if a.affiliation else "")
                                            for a in coding.actors]),
        (f"Places ({len(coding.places)})", [f"  {p.id} {p.text:<20} {_place(p)}"
                                            for p in coding.places]),
        (f"Dates ({len(coding.dates)})",
         [f"  {d.id} {d.text:<24} {d.value.isoformat() if d.value else 'unknown'}"
          f" ({d.precision})" for d in coding.dates]),
        (f"Figures ({len(coding.figures)})", [_figure(f) for f in coding.figures]),
        (f"Quotes ({len(coding.quotes)})", [_quote(q) for q in coding.quotes]),
    ]
    for heading, lines in sections:
        out.append("")
        out.append(heading)
        out.extend(lines or ["  (none)"])
    return "\n".join(out)
