"""Benchmark the events stage against public gold sets, our figures beside the reference figures.

    .venv/bin/python benchmarks/events.py [--limit N] [--only plover,ours,blind,muc,india,
                                           acled,petrarch,crosswalk]

Sets (read from the ``shared`` folder beside the repository; their text never enters the project):

- PLOVER gold sentences (322): event type, mode, actor/recipient country+sector, calibration of
  our confidence. Reference: GDELT's independently checked event-code accuracy, 81%.
- Our own labelled sentences (``eventwire/data/events/sentences.tsv``, written by us): event type
  and mode, and the sentences we miss (ours to read: they are not an evaluation set).
- Our held-out sentences (``sentences_blind.tsv``, written by us before the lexicon was read and
  never tuned on): the same figures.
- MUC-3/4 dev (200 stories): incident detection and role fillers (perpetrator -> actor,
  target/victim -> recipient) as head-noun precision / recall / F1.
- IndiaPoliceEvents: recall of ARREST and KILL sentences, and precision on the rest.
- ACLED 2022 dev (3,024 notes): detection, ACLED type mapped to PLOVER, fatalities.
- PETRARCH2's output on its Gigaword sample beside ours: agreement on the CAMEO root code.
- Our CAMEO crosswalk (cameo.tsv and the lexicon's codes) checked against CAMEO2PLOVER-2021.
- Speed: events-stage time against parse time of the same texts, in the same run.

Every set is split in two by position (even = "dev", odd = "check") so a lexicon change tuned on
one half can be checked on the other; both halves and the whole are printed.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from eventwire import dates, nlp, pipeline, places
from eventwire import events as events_stage
from eventwire.events.lexicon import load as load_lexicon
from eventwire.ingest import from_text
from eventwire.records import Article, Coding, Event

SHARED = Path(__file__).resolve().parents[2] / "shared"
PLOVER = SHARED / "plover"
EVAL = SHARED / "eval"

GDELT_ACCURACY = 0.81
TARGET_TYPE = 0.85
TARGET_SPEED = 0.10

# PLOVER 0.5b1 (2016) labels of the gold file -> current PLOVER (type, mode).
OLD_TYPES = {"DEMAND": ("REQUEST", None), "DISAPPROVE": ("ACCUSE", "disapprove"),
             "INVESTIGATE": ("ACCUSE", "investigate"), "FIGHT": ("ASSAULT", None)}
# 2016 mode names -> ours; modes not listed here are not scored.
OLD_MODES = {"strike-hun": "hunger", "strike-gen": "strike", "demo-org": "demo",
             "demo-spon": "demo", "riot-spon": "riot", "riot": "riot", "detain": "arrest",
             "arrest": "arrest", "confiscate": "seize", "host": "visit", "visit": "visit",
             "phone": "phone", "third-party": "third-party", "multilateral": "multilateral",
             "heavy-weapons": "heavy-weapons", "explosives": "explosives",
             "firearms": "firearms", "assassinate": "assassinate", "torture": "torture",
             "beat": "beat", "sexual": "sexual", "primitive": "primitive",
             "suicide-attack": "suicide-attack", "destroy": "destroy", "curfew": "curfew",
             "martial-law": "martial-law", "deport": "deport", "ban": "ban", "censor": "censor",
             "restrict": "restrict", "obstruct": "obstruct", "troops": "troops",
             "police": "police", "weapons": "weapons", "relations": "relations",
             "violence": "violence"}

# MUC incident types -> PLOVER types that report them.
MUC_TYPES = {"attack": {"ASSAULT"}, "bombing": {"ASSAULT"}, "bombing / attack": {"ASSAULT"},
             "kidnapping": {"ASSAULT"}, "arson": {"ASSAULT"}, "robbery": {"ASSAULT", "COERCE"},
             "forced work stoppage": {"PROTEST", "COERCE"}}

# ACLED (event type, sub-event type) -> PLOVER types that code it (first = the natural one).
ACLED_TYPES: dict[tuple[str, str], tuple[str, ...]] = {
    ("Battles", "Armed clash"): ("ASSAULT",),
    ("Battles", "Government regains territory"): ("ASSAULT", "COERCE"),
    ("Battles", "Non-state actor overtakes territory"): ("ASSAULT", "COERCE"),
    ("Explosions/Remote violence", "Chemical weapon"): ("ASSAULT",),
    ("Explosions/Remote violence", "Air/drone strike"): ("ASSAULT",),
    ("Explosions/Remote violence", "Suicide bomb"): ("ASSAULT",),
    ("Explosions/Remote violence", "Shelling/artillery/missile attack"): ("ASSAULT",),
    ("Explosions/Remote violence", "Remote explosive/landmine/IED"): ("ASSAULT",),
    ("Explosions/Remote violence", "Grenade"): ("ASSAULT",),
    ("Protests", "Peaceful protest"): ("PROTEST",),
    ("Protests", "Protest with intervention"): ("PROTEST", "COERCE", "ASSAULT"),
    ("Protests", "Excessive force against protesters"): ("ASSAULT", "PROTEST"),
    ("Riots", "Violent demonstration"): ("PROTEST",),
    ("Riots", "Mob violence"): ("ASSAULT", "PROTEST"),
    ("Strategic developments", "Agreement"): ("AGREE", "SUPPORT", "RETREAT", "CONCEDE"),
    ("Strategic developments", "Arrests"): ("COERCE",),
    ("Strategic developments", "Disrupted weapons use"): ("COERCE", "RETREAT"),
    ("Strategic developments", "Headquarters or base established"): ("MOBILIZE",),
    ("Strategic developments", "Looting/property destruction"): ("ASSAULT", "COERCE"),
    ("Strategic developments", "Non-violent transfer of territory"): ("RETREAT", "COERCE"),
    ("Violence against civilians", "Sexual violence"): ("ASSAULT",),
    ("Violence against civilians", "Attack"): ("ASSAULT",),
    ("Violence against civilians", "Abduction/forced disappearance"): ("ASSAULT",),
}


# --------------------------------------------------------------------------------------------
# running the pipeline with timings


@dataclass
class Clock:
    """Parse seconds and events-stage seconds over everything coded in this run."""

    parse: float = 0.0
    events: float = 0.0
    hooks: float = 0.0  # part of ``events`` spent in places.locate and dates.when
    texts: int = 0
    per_set: dict[str, tuple[float, float, float, int]] = field(default_factory=dict)


HOOK_SECONDS = [0.0]
INSIDE_EVENTS = [False]
STAGE_SECONDS = [0.0]  # CPU seconds inside the events stage (``_stage_timed``)

# Speed is CPU time of this process (``time.process_time``), not wall time: the machine is
# shared, and another job's load would otherwise be charged to the stage or to the parse.
_clock = time.process_time


def _timed(func: Callable) -> Callable:
    """Wrap a function the events stage calls, adding its time (when called from the events
    stage) to HOOK_SECONDS."""

    def wrapper(*args: object) -> object:
        if not INSIDE_EVENTS[0]:
            return func(*args)
        started = _clock()
        try:
            return func(*args)
        finally:
            HOOK_SECONDS[0] += _clock() - started

    return wrapper


def _stage_timed(func: Callable) -> Callable:
    """Wrap the events stage's extractor, adding its CPU time to STAGE_SECONDS."""

    def wrapper(*args: object) -> object:
        started = _clock()
        try:
            return func(*args)
        finally:
            STAGE_SECONDS[0] += _clock() - started

    return wrapper


def _marked(func: Callable) -> Callable:
    """Wrap the events stage's per-sentence coder so the hooks know they run inside it."""

    def wrapper(*args: object) -> object:
        INSIDE_EVENTS[0] = True
        try:
            return func(*args)
        finally:
            INSIDE_EVENTS[0] = False

    return wrapper


# The events stage calls these through their modules; timing them separates our own cost from
# the places and dates engineers' (reported beside the total).
places.locate = _timed(places.locate)
dates.when = _timed(dates.when)
events_stage.code_sentence = _marked(events_stage.code_sentence)
pipeline.STAGES = tuple(dataclasses.replace(stage, func=_stage_timed(stage.func))
                        if stage.name == "events" else stage for stage in pipeline.STAGES)


def code_texts(name: str, texts: Sequence[str], clock: Clock, *, ingest: bool = False
               ) -> list[Coding]:
    """Code each text as one article through the whole pipeline, timing parse and events.
    ``ingest``: read each text as a user's file is read (``ingest.from_text``: cruft removed,
    capitals restored to caseless text) instead of taking it as the clean body."""
    articles = [from_text(t, id=f"{name}-{i}") if ingest else Article(id=f"{name}-{i}", text=t)
                for i, t in enumerate(texts)]
    started = _clock()
    docs = list(nlp.parse_many((a.text for a in articles), batch_size=64))
    parse = _clock() - started
    codings = []
    hooks_before, stage_before = HOOK_SECONDS[0], STAGE_SECONDS[0]
    for article, doc in zip(articles, docs, strict=True):
        codings.append(pipeline.code_article(article, doc))
    spent = STAGE_SECONDS[0] - stage_before
    hooks = HOOK_SECONDS[0] - hooks_before
    clock.parse += parse
    clock.events += spent
    clock.hooks += hooks
    clock.texts += len(texts)
    clock.per_set[name] = (parse, spent, hooks, len(texts))
    return codings


def main_event(coding: Coding) -> Event | None:
    """The article's main event: for a one-sentence text, the trigger nearest the root."""
    if not coding.events:
        return None
    doc = nlp.parse(coding.article.text)
    return events_stage.primary(coding.events, doc)


def factual(e: Event) -> bool:
    """Counted as a fact: not negated, not hypothetical, not future."""
    return not (e.negated or e.hypothetical or e.future)


def pct(a: float, b: float) -> str:
    return f"{100 * a / b:5.1f}%" if b else "  n/a"


def halves(n: int) -> dict[str, list[int]]:
    return {"dev": list(range(0, n, 2)), "check": list(range(1, n, 2)), "all": list(range(n))}


# --------------------------------------------------------------------------------------------
# PLOVER gold


def gold_label(item: dict) -> tuple[str, str | None]:
    event = item["event"]
    mode = item.get("mode") or None
    if event in OLD_TYPES:
        event, fixed = OLD_TYPES[event]
        mode = fixed or mode
    return event, OLD_MODES.get(mode, mode if mode in ("disapprove", "investigate") else None) \
        if mode else None


def _codes(entries: object) -> list[tuple[str, str | None]]:
    if not isinstance(entries, list):
        return []
    return [(e.get("code", ""), e.get("sector")) for e in entries if isinstance(e, dict)]


def _sector(gold: str | None) -> str | None:
    """The gold's sector as a three-letter code: the 2016 file appends an ethnic or religious
    code to it ("CVLkur", "REFtam", "RELCHR": its readme, ISO-639-2 ethnicity codes) and writes
    "***" for a sector left unspecified, which we score like a missing one."""
    if not gold or gold == "***":
        return None
    return gold[:3]


def _match(gold: list[tuple[str, str | None]], ours: Sequence) -> tuple[bool, bool]:
    """(country matches, country and sector match) for any gold entity against any of ours."""
    country = any(a.country == code for code, _ in gold for a in ours)
    both = any(a.country == code and (_sector(sector) is None or a.sector == _sector(sector))
               for code, sector in gold for a in ours)
    return country, both


def bench_plover(limit: int | None, clock: Clock) -> None:
    items = [x for x in json.loads((PLOVER / "PLOVER_GSR_CAMEO.json").read_text())
             if x.get("event") != "DOCUMENT" and x.get("text")][:limit]
    codings = code_texts("plover", [x["text"] for x in items], clock)
    mains = [main_event(c) for c in codings]
    print(f"\n== PLOVER gold sentences ({len(items)})")
    print(f"{'':8}{'type':>8}{'mode':>12}{'actor c':>10}{'actor c+s':>11}{'recip c':>10}"
          f"{'recip c+s':>11}{'found':>8}")
    for name, idx in halves(len(items)).items():
        t = m = mt = ac = acs = an = rc = rcs = rn = got = 0
        for i in idx:
            gtype, gmode = gold_label(items[i])
            ev = mains[i]
            got += ev is not None
            t += ev is not None and ev.event == gtype
            if gmode:
                mt += 1
                m += ev is not None and ev.event == gtype and gmode in ev.mode
            src, tar = _codes(items[i].get("source")), _codes(items[i].get("target"))
            if src:
                an += 1
                c, cs = _match(src, ev.actors if ev else ())
                ac, acs = ac + c, acs + cs
            if tar:
                rn += 1
                c, cs = _match(tar, ev.recipients if ev else ())
                rc, rcs = rc + c, rcs + cs
        print(f"{name:8}{pct(t, len(idx)):>8}{pct(m, mt):>7} n={mt:<3}{pct(ac, an):>10}"
              f"{pct(acs, an):>11}{pct(rc, rn):>10}{pct(rcs, rn):>11}{pct(got, len(idx)):>8}")
    print(f"reference: GDELT event-code accuracy {100 * GDELT_ACCURACY:.0f}%; "
          f"our target >= {100 * TARGET_TYPE:.0f}% event type")
    dev = halves(len(items))["dev"]
    confusion = Counter((gold_label(items[i])[0], mains[i].event if mains[i] else "-")
                        for i in dev)
    wrong = [(g, o, n) for (g, o), n in confusion.most_common() if g != o][:12]
    print("most frequent confusions on the dev half only (gold -> ours):",
          ", ".join(f"{g}->{o} {n}" for g, o, n in wrong))
    check = halves(len(items))["check"]
    confusion = Counter((gold_label(items[i])[0], mains[i].event if mains[i] else "-")
                        for i in check)
    print("check half, aggregate counts only (gold -> ours):",
          ", ".join(f"{g}->{o} {n}" for (g, o), n in confusion.most_common() if g != o))
    if SHOW_DEV_ERRORS:
        print("dev-half errors (gold type/mode | our main event | all our events):")
        for i in dev:
            gtype, gmode = gold_label(items[i])
            ev = mains[i]
            if ev is not None and ev.event == gtype:
                continue
            ours = f"{ev.event}/{'+'.join(ev.mode)} '{ev.trigger}'" if ev else "-"
            every = "; ".join(f"{e.event}/{'+'.join(e.mode)} '{e.trigger}'"
                              for e in codings[i].events)
            print(f"  [{i}] {gtype}/{gmode} | {ours} | {every}\n      {items[i]['text']}")
    _calibration(items, mains)


SHOW_DEV_ERRORS = False  # ``--dev-errors``: list the dev half's type errors (never the check's)


CALIBRATION_BINS = ((0.0, 0.5), (0.5, 0.6), (0.6, 0.7), (0.7, 0.8), (0.8, 0.9), (0.9, 1.01))


def _calibration(items: list[dict], mains: list[Event | None]) -> None:
    """Reliability bins and expected calibration error of the main event's confidence against
    event-type correctness, for each half separately (the check half is the honest figure)."""
    print("calibration (event type on PLOVER gold): half  bin  n  mean confidence  accuracy")
    for name, idx in halves(len(items)).items():
        hits = [(mains[i].confidence, mains[i].event == gold_label(items[i])[0]) for i in idx
                if mains[i] is not None]
        for lo, hi in CALIBRATION_BINS:
            inside = [(c, ok) for c, ok in hits if lo <= c < hi]
            if inside:
                conf = sum(c for c, _ in inside) / len(inside)
                acc = sum(ok for _, ok in inside) / len(inside)
                print(f"  {name:6}[{lo:.1f}, {min(hi, 1.0):.1f})  {len(inside):4d}  {conf:6.3f}"
                      f"  {acc:6.3f}")
        print(f"  {name:6}expected calibration error {ece(hits):.3f} over {len(hits)} coded "
              f"sentences")


def ece(hits: Sequence[tuple[float, bool]],
        bins: Sequence[tuple[float, float]] = CALIBRATION_BINS) -> float:
    """Expected calibration error: the count-weighted gap between mean confidence and accuracy
    over the bins."""
    gap = 0.0
    for lo, hi in bins:
        inside = [(c, ok) for c, ok in hits if lo <= c < hi]
        gap += abs(sum(c for c, _ in inside) - sum(ok for _, ok in inside))
    return gap / len(hits) if hits else 0.0


# --------------------------------------------------------------------------------------------
# our own labelled sentences


def own_sentences(name: str = "sentences.tsv") -> list[tuple[str, str, str]]:
    """(type, mode, sentence) rows of the package's own labelled sentences (``sentences.tsv``,
    or the blind set ``sentences_blind.tsv``)."""
    text = resources.files("eventwire").joinpath("data", "events", name).read_text("utf-8")
    return [tuple(line.split("\t")) for line in text.splitlines()  # type: ignore[misc]
            if line.strip() and not line.startswith("#")]


def bench_ours(limit: int | None, clock: Clock, name: str = "sentences.tsv") -> None:
    rows = own_sentences(name)[:limit]
    codings = code_texts("blind" if "blind" in name else "ours", [r[2] for r in rows], clock)
    mains = [main_event(c) for c in codings]
    print(f"\n== Our own labelled sentences ({len(rows)}; written by us, see {name})")
    print(f"{'':8}{'type':>8}{'mode':>12}")
    for name, idx in halves(len(rows)).items():
        t = sum(mains[i] is not None and mains[i].event == rows[i][0] for i in idx)
        moded = [i for i in idx if rows[i][1]]
        m = sum(mains[i] is not None and mains[i].event == rows[i][0] and rows[i][1] in
                mains[i].mode for i in moded)
        print(f"{name:8}{pct(t, len(idx)):>8}{pct(m, len(moded)):>7} n={len(moded)}")
    misses = [(r, e) for r, e in zip(rows, mains, strict=True) if e is None or e.event != r[0]]
    for (kind, _, text), e in misses[:25]:
        print(f"  {kind} <- {e.event if e else '-'}: {text}")


def bench_blind(limit: int | None, clock: Clock) -> None:
    """Our held-out sentences (``sentences_blind.tsv``): never tuned on, the test of rules and
    of any learned ranker trained on ``sentences.tsv``."""
    bench_ours(limit, clock, "sentences_blind.tsv")


# --------------------------------------------------------------------------------------------
# MUC-3/4


def _head(text: str) -> str:
    words = re.findall(r"[a-z0-9][a-z0-9'\-]*", text.lower())
    return words[-1] if words else ""


def bench_muc(limit: int | None, clock: Clock) -> None:
    docs = [json.loads(line) for line in (EVAL / "muc34/processed/dev.json").read_text()
            .splitlines() if line.strip()][:limit]
    # the stories come lower-cased: read them as a user's file would be (capitals restored)
    codings = code_texts("muc", [d["doctext"] for d in docs], clock, ingest=True)
    print(f"\n== MUC-3/4 dev ({len(docs)} stories, "
          f"{sum(len(d['templates']) for d in docs)} incidents)")
    print(f"{'':8}{'incident R':>11}{'P':>8}{'perp P':>8}{'R':>7}{'F1':>7}"
          f"{'targ/vict P':>12}{'R':>7}{'F1':>7}{'quiet docs ok':>15}")
    for name, idx in halves(len(docs)).items():
        match = gold_n = ours_n = 0
        perp = [0, 0, 0]  # matched predicted, predicted, matched gold ... (P numer, P den, R)
        perp_gold = [0, 0]
        targ = [0, 0]
        targ_gold = [0, 0]
        quiet = quiet_ok = 0
        for i in idx:
            doc, coding = docs[i], codings[i]
            violent = [e for e in coding.events if factual(e) and e.event in (
                "ASSAULT", "COERCE", "PROTEST")]
            attacks = [e for e in violent if e.event == "ASSAULT"]
            need: Counter[str] = Counter()
            for t in doc["templates"]:
                need["ASSAULT" if "ASSAULT" in MUC_TYPES[t["incident_type"]] else
                     sorted(MUC_TYPES[t["incident_type"]])[0]] += 1
            have = Counter(e.event for e in violent)
            match += sum(min(n, have[k]) for k, n in need.items())
            gold_n += sum(need.values())
            ours_n += sum(have.values())
            if not doc["templates"]:
                quiet += 1
                quiet_ok += not any(e.event == "ASSAULT" for e in violent)
            _roles(doc, attacks, "actors", ("PerpInd", "PerpOrg"), perp, perp_gold)
            _roles(doc, attacks, "recipients", ("Target", "Victim"), targ, targ_gold)
        pp, pr = _pr(perp, perp_gold)
        tp, tr = _pr(targ, targ_gold)
        print(f"{name:8}{pct(match, gold_n):>11}{pct(match, ours_n):>8}"
              f"{pp:8.3f}{pr:7.3f}{_f(pp, pr):7.3f}{tp:12.3f}{tr:7.3f}{_f(tp, tr):7.3f}"
              f"{pct(quiet_ok, quiet):>15}")
    print("reference: no figure ships with this set (published template-filling scores use "
          "other splits and scorers); 'quiet docs ok' = stories without incidents where we "
          "report no factual ASSAULT")


def _roles(doc: dict, events: list[Event], attr: str, keys: tuple[str, ...],
           pred_acc: list[int], gold_acc: list[int]) -> None:
    gold_entities = []
    for t in doc["templates"]:
        for key in keys:
            for entity in t.get(key, []):
                heads = {_head(m[0]) for m in entity}
                if heads not in gold_entities:
                    gold_entities.append(heads)
    predicted = {_head(a.text) for e in events for a in getattr(e, attr)} - {""}
    pred_acc[0] += sum(any(h in g for g in gold_entities) for h in predicted)
    pred_acc[1] += len(predicted)
    gold_acc[0] += sum(bool(g & predicted) for g in gold_entities)
    gold_acc[1] += len(gold_entities)


def _pr(pred: list[int], gold: list[int]) -> tuple[float, float]:
    return (pred[0] / pred[1] if pred[1] else 0.0, gold[0] / gold[1] if gold[1] else 0.0)


def _f(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


# --------------------------------------------------------------------------------------------
# IndiaPoliceEvents


def bench_india(limit: int | None, clock: Clock) -> None:
    rows = [json.loads(line) for line in (EVAL / "india_police_events/sents.jsonl").read_text(
        encoding="utf-8").splitlines() if line.strip()]
    rows = [r for r in rows if len(r["sent_text"].split()) >= 3][:limit]
    codings = code_texts("india", [r["sent_text"] for r in rows], clock)
    print(f"\n== IndiaPoliceEvents ({len(rows)} sentences)")
    print(f"{'':8}{'ARREST R':>10}{'P':>8}{'KILL R':>9}{'P':>8}{'KILL R (any ASSAULT)':>22}"
          f"{'KILL P (police actor)':>23}")
    for name, idx in halves(len(rows)).items():
        s = Counter()
        for i in idx:
            labels = set(rows[i]["sent_labels"])
            evs = [e for e in codings[i].events if factual(e)]
            arrest = any(e.event == "COERCE" and "arrest" in e.mode for e in evs)
            kill = any(e.event == "ASSAULT" and (e.size.dead or 0) > 0 for e in evs)
            anyviol = any(e.event == "ASSAULT" for e in evs)
            police = any(e.event == "ASSAULT" and (e.size.dead or 0) > 0 and any(
                a.sector == "COP" for a in e.actors) for e in evs)
            s["pp"] += police
            s["pt"] += police and "KILL" in labels
            s["ag"] += "ARREST" in labels
            s["ap"] += arrest
            s["at"] += arrest and "ARREST" in labels
            s["kg"] += "KILL" in labels
            s["kp"] += kill
            s["kt"] += kill and "KILL" in labels
            s["ka"] += anyviol and "KILL" in labels
        print(f"{name:8}{pct(s['at'], s['ag']):>10}{pct(s['at'], s['ap']):>8}"
              f"{pct(s['kt'], s['kg']):>9}{pct(s['kt'], s['kp']):>8}{pct(s['ka'], s['kg']):>22}"
              f"{pct(s['pt'], s['pp']):>16} of {s['pp']:<4}")
    print("note: the labels mark police actions only (KILL = police killed someone), so killings "
          "by others count against precision; the last column keeps police actors only")
    print("reference: no figure ships with this set; the labels are the reference")


# --------------------------------------------------------------------------------------------
# ACLED


def bench_acled(limit: int | None, clock: Clock) -> None:
    with (EVAL / "acled/acled_2022_dev.csv").open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))[:limit]
    notes = [re.sub(r"\s*\[size=[^\]]*\]", "", r["notes"]) for r in rows]
    codings = code_texts("acled", notes, clock)
    print(f"\n== ACLED 2022 dev ({len(rows)} events)")
    print(f"{'':8}{'detected':>10}{'type (any)':>12}{'type (main)':>13}{'fatal =':>9}"
          f"{'fatal>0 =':>11}")
    for name, idx in halves(len(rows)).items():
        s = Counter()
        for i in idx:
            want = ACLED_TYPES.get((rows[i]["event_type"], rows[i]["sub_event_type"]))
            evs = [e for e in codings[i].events if factual(e)]
            s["n"] += 1
            s["det"] += bool(evs)
            if want:
                s["typed"] += 1
                s["any"] += any(e.event in want for e in evs)
                best = max(evs, key=lambda e: (e.confidence, -e.spans[0].start), default=None)
                s["main"] += best is not None and best.event == want[0]
            fatal = int(float(rows[i]["fatalities"] or 0))
            dead = _note_dead(evs)
            s["feq"] += dead == fatal
            if fatal > 0:
                s["fpos"] += 1
                s["fposeq"] += dead == fatal
        print(f"{name:8}{pct(s['det'], s['n']):>10}{pct(s['any'], s['typed']):>12}"
              f"{pct(s['main'], s['typed']):>13}{pct(s['feq'], s['n']):>9}"
              f"{pct(s['fposeq'], s['fpos']):>11}")
    print("reference: ACLED's own coders (the labels); no published automatic baseline on these "
          "notes")


def _note_dead(evs: list[Event]) -> int:
    """Deaths a note reports: the largest count any of its events carries (notes often repeat
    a toll, so counts are not added up)."""
    return max((e.size.dead or 0 for e in evs), default=0)


# --------------------------------------------------------------------------------------------
# PETRARCH2 side by side


def bench_petrarch(limit: int | None, clock: Clock) -> None:
    rows = [json.loads(line) for line in (EVAL / "petrarch/GigaWord.sample.PETR.jsonl")
            .read_text().splitlines() if line.strip()][:limit]
    theirs: dict[str, set[str]] = {}
    for line in (EVAL / "petrarch/petrarch2_output_on_GigaWord_sample.tsv").read_text() \
            .splitlines():
        cols = line.split("\t")
        if len(cols) > 5:
            theirs.setdefault(cols[5], set()).add(cols[3][:2])
    codings = code_texts("petrarch", [r["text"] for r in rows], clock)
    both = agree = only_them = only_us = neither = 0
    for row, coding in zip(rows, codings, strict=True):
        ev = main_event(coding)
        roots = theirs.get(row["id"], set())
        ours = ev.cameo[:2] if ev and ev.cameo else None
        if roots and ours:
            both += 1
            agree += ours in roots
        elif roots:
            only_them += 1
        elif ours:
            only_us += 1
        else:
            neither += 1
    print(f"\n== PETRARCH2 on its Gigaword sample ({len(rows)} sentences)")
    print(f"both coded {both}, same CAMEO root {agree} ({pct(agree, both).strip()}); "
          f"only PETRARCH2 {only_them}; only eventwire {only_us}; neither {neither}")


# --------------------------------------------------------------------------------------------
# crosswalk


def _reference_crosswalk() -> dict[str, tuple[str, str]]:
    table = {}
    for line in (PLOVER / "CAMEO2PLOVER-2021.txt").read_text().splitlines():
        m = re.match(r"^(\d{3,4}):\s*([A-Z]+)\s*,\s*([^,#]*)", line)
        if m:
            table[m.group(1)] = (m.group(2), m.group(3).strip())
    return table


def bench_crosswalk() -> None:
    ref = _reference_crosswalk()
    lex = load_lexicon()
    pairs: set[tuple[str, str, str]] = {(e, m, c) for (e, m), c in lex.crosswalk.items()}
    pairs |= {(r.event, r.mode, r.cameo) for rs in lex.readings.values() for r in rs
              if r.cameo and r.event not in ("COMMIT", "-")}
    same_type = same_mode = moded = 0
    bad = []
    for event, mode, code in sorted(pairs):
        ref_event, ref_mode = ref.get(code, ("?", ""))
        same_type += ref_event == event
        if ref_event != event:
            bad.append(f"{event}/{mode or '-'}->{code} (reference {ref_event})")
        if ref_mode and mode:
            moded += 1
            same_mode += ref_mode == mode
    print(f"\n== CAMEO crosswalk: {len(pairs)} (event, mode, code) triples of ours")
    print(f"CAMEO code maps back to the same PLOVER type in the reference table: "
          f"{same_type}/{len(pairs)} ({pct(same_type, len(pairs)).strip()}); same mode where "
          f"both give one {same_mode}/{moded}")
    if bad:
        print("differences (our choice, see docs/events.md):", "; ".join(bad[:20]))


# --------------------------------------------------------------------------------------------


BENCHES = ("plover", "ours", "blind", "muc", "india", "acled", "petrarch", "crosswalk")


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="items per set (development)")
    parser.add_argument("--only", default=",".join(BENCHES), help="comma-separated set names")
    parser.add_argument("--dev-errors", action="store_true",
                        help="list the PLOVER dev half's event-type errors (the check half "
                             "is reported in aggregate only)")
    args = parser.parse_args(list(argv) if argv is not None else None)
    global SHOW_DEV_ERRORS
    SHOW_DEV_ERRORS = args.dev_errors
    chosen = [b.strip() for b in args.only.split(",") if b.strip()]
    unknown = set(chosen) - set(BENCHES)
    if unknown:
        parser.error(f"unknown set(s) {sorted(unknown)}; choose from {', '.join(BENCHES)}")
    nlp.load()
    load_lexicon()
    list(pipeline.code_many(["Rebels attacked a police post in the north on Monday, killing two "
                             "officers, the army said."]))  # warm every stage before timing
    clock = Clock()
    runners = {"plover": bench_plover, "ours": bench_ours, "blind": bench_blind,
               "muc": bench_muc, "india": bench_india,
               "acled": bench_acled, "petrarch": bench_petrarch}
    for name in chosen:
        if name == "crosswalk":
            bench_crosswalk()
        else:
            runners[name](args.limit, clock)
    if clock.texts:
        print(f"\n== Speed ({clock.texts} texts, one run; CPU time of this process)")
        print("events = the whole events stage; 'own' leaves out places.locate and dates.when, "
              "which it calls")
        for name, (parse, spent, hooks, n) in clock.per_set.items():
            own = pct(spent - hooks, parse).strip()
            print(f"{name:10} parse {parse:7.2f}s  events {spent:6.2f}s "
                  f"added {pct(spent, parse).strip():>6}  own {own:>6}  ({n} texts)")
        print(f"{'total':10} parse {clock.parse:7.2f}s  events {clock.events:6.2f}s added "
              f"{pct(clock.events, clock.parse).strip():>6}  own "
              f"{pct(clock.events - clock.hooks, clock.parse).strip():>6}  "
              f"(target <= {100 * TARGET_SPEED:.0f}%)")


if __name__ == "__main__":
    main()
