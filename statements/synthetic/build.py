"""Draw the synthetic rows, ids and all, from a seeded random generator."""

from __future__ import annotations

import bisect
import datetime as dt
import itertools
import random

from .schema import COLUMNS, Corpus, Sizes
from .vocabulary import (
    COUNTRIES,
    CUES,
    DAYS,
    FAMILY,
    FILLER,
    FIRST_DAY,
    GIVEN,
    MARK,
    ORG_KIND,
    ORG_WORDS,
    ROLE_TITLES,
    STANCES,
    SUBJECTS,
    URL_PREFIX,
)


def _zipf_picker(rng: random.Random, n: int, skew: float = 1.1):
    """A function drawing 0..n-1 with a long tail: a few ids very often, most rarely."""
    weights = [1 / (i + 1) ** skew for i in range(n)]
    cumulative = list(itertools.accumulate(weights))
    total = cumulative[-1]
    order = list(range(n))
    rng.shuffle(order)  # so the prolific ones are not simply the first ids
    return lambda: order[bisect.bisect_left(cumulative, rng.random() * total)]


def build(sizes: Sizes, *, seed: int = 1, first_ids: dict[str, int] | None = None) -> Corpus:
    """The whole corpus for these sizes; the same seed always gives the same rows."""
    rng = random.Random(seed)
    ids = dict.fromkeys(COLUMNS, 1)
    ids.update(first_ids or {})
    corpus = Corpus()

    def next_id(table):
        value = ids[table]
        ids[table] += 1
        return value

    for i in range(sizes.outlets):
        country = COUNTRIES[i % len(COUNTRIES)]
        corpus.outlets.append(
            (next_id("outlets"), f"Synthetic {country} Herald {i}", f"herald{i}.{MARK}", country)
        )
    outlet_ids = [row[0] for row in corpus.outlets]

    # Organisations first (about one actor in ten), then people who belong to them.
    n_orgs = max(2, sizes.actors // 10)
    org_ids, person_ids = [], []
    for i in range(sizes.actors):
        aid = next_id("actors")
        if i < n_orgs:
            country = COUNTRIES[i % len(COUNTRIES)]
            name = f"{country} {ORG_WORDS[(i // len(COUNTRIES)) % len(ORG_WORDS)]} {i}"
            kind, parent = ORG_KIND[i % len(ORG_KIND)], None
            org_ids.append(aid)
        else:
            name = f"{rng.choice(GIVEN)} {rng.choice(FAMILY)} {i}"
            kind, parent = "person", rng.choice(org_ids)
            person_ids.append(aid)
        slug = f"{MARK}-{name.lower().replace(' ', '-')}"
        corpus.actors.append((aid, name, slug, kind, parent, "", "", "approved"))
        corpus.aliases.append((next_id("aliases"), aid, name, f"{MARK} {name.lower()}"))
        if parent is not None:
            switch = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
            title = rng.choice(ROLE_TITLES)
            corpus.roles.append((next_id("roles"), aid, parent, title, FIRST_DAY, switch))
            later = rng.choice(ROLE_TITLES)
            corpus.roles.append(
                (next_id("roles"), aid, parent, f"{later}", switch + dt.timedelta(days=1), None)
            )
    actor_rows = {row[0]: row for row in corpus.actors}
    all_actor_ids = [row[0] for row in corpus.actors]

    topic_info = []  # (id, stance_a, stance_b, verb_a, verb_b, subject, window)
    for i in range(sizes.topics):
        tid = next_id("topics")
        subject = SUBJECTS[i % len(SUBJECTS)]
        a, b, verb_a, verb_b = STANCES[i % len(STANCES)]
        region = COUNTRIES[(i // len(SUBJECTS)) % len(COUNTRIES)]
        name = f"{subject.capitalize()} in {region} ({i})"
        window = (14, 30, 60, 90)[i % 4]
        corpus.topics.append(
            (
                tid,
                name,
                f"{MARK}-topic-{i}",
                f"Synthetic topic {i}.",
                a,
                verb_a,
                b,
                verb_b,
                "",
                window,
            )
        )
        corpus.propositions.append((next_id("propositions"), tid, f"{subject} {verb_a}", "a"))
        corpus.propositions.append((next_id("propositions"), tid, f"{subject} {verb_b}", "b"))
        topic_info.append((tid, a, b, verb_a, verb_b, subject, window, region))

    events_by_topic: dict[int, list] = {}
    for tid, _a, _b, verb_a, verb_b, subject, _w, region in topic_info:
        for k in range(3):
            eid = next_id("events")
            confirms = "a" if k % 2 else "b"
            verb = verb_a if confirms == "a" else verb_b
            day = FIRST_DAY + dt.timedelta(days=rng.randrange(60, DAYS))
            corpus.events.append(
                (
                    eid,
                    f"Observers confirm {subject} {verb} in {region}",
                    f"{MARK}-event-{eid}",
                    "",
                    day,
                    tid,
                    confirms,
                    f"{URL_PREFIX}events/{eid}",
                )
            )
            corpus.event_actors.append((next_id("event_actors"), eid, rng.choice(org_ids)))
            events_by_topic.setdefault(tid, []).append((eid, day, confirms))

    pick_actor = _zipf_picker(rng, len(all_actor_ids))
    pick_topic = _zipf_picker(rng, len(topic_info), skew=0.9)
    pick_outlet = _zipf_picker(rng, len(outlet_ids), skew=0.8)

    # Statements are written article by article so each article's text holds its claims.
    per_topic: dict[int, dict[str, list]] = {t[0]: {"a": [], "b": []} for t in topic_info}
    by_actor_topic: dict[tuple[int, int], dict[str, list]] = {}
    written = 0
    while written < sizes.statements:
        article_id = next_id("articles")
        day = FIRST_DAY + dt.timedelta(days=rng.randrange(DAYS))
        n_here = min(rng.randint(3, 7), sizes.statements - written)
        paragraphs, offset = [], 0
        topic_index = pick_topic()
        for _ in range(n_here):
            if rng.random() < 0.3:  # articles mostly stay on one topic
                topic_index = pick_topic()
            tid, a, b, verb_a, verb_b, subject, _w, region = topic_info[topic_index]
            actor_id = all_actor_ids[pick_actor()]
            name = actor_rows[actor_id][1]
            roll = rng.random()
            stance_key = "a" if roll < 0.45 else ("b" if roll < 0.9 else "")
            verb = {"a": verb_a, "b": verb_b, "": "are under review"}[stance_key]
            number = rng.randrange(2, 200) * 100
            content = f"{subject.capitalize()} in {region} {verb}, with {number} involved"
            cue = rng.choice(CUES)
            lead = f"{name} {cue} that " if cue != "according to" else f"According to {name}, "
            sentence = f"{lead}{content}. {rng.choice(FILLER)}"
            start = offset + len(lead)
            sid = next_id("statements")
            said = day - dt.timedelta(days=rng.randrange(0, 3))
            corpus.statements.append(
                (
                    sid,
                    actor_id,
                    article_id,
                    name,
                    content,
                    "paraphrase" if cue != "according to" else "direct_quote",
                    cue,
                    start,
                    start + len(content),
                    "[]",
                    said,
                    "day",
                    "",
                    "",
                    tid,
                    {"a": a, "b": b, "": ""}[stance_key],
                    verb if stance_key else "",
                    "cue" if stance_key else "",
                    0.8 if stance_key else 0.0,
                    round(0.6 + rng.random() * 0.4, 3),
                    "extracted",
                    "unreviewed",
                )
            )
            if stance_key:
                per_topic[tid][stance_key].append((sid, said, actor_id))
                by_actor_topic.setdefault((actor_id, tid), {"a": [], "b": []})[stance_key].append(
                    (sid, said)
                )
            paragraphs.append(sentence)
            offset += len(sentence) + 1  # the "\n" between paragraphs
            written += 1
        text = "\n".join(paragraphs)
        outlet = outlet_ids[pick_outlet()]
        corpus.articles.append(
            (
                article_id,
                f"{URL_PREFIX}{article_id}",
                f"{MARK}{article_id:061d}",
                outlet,
                f"Report {article_id}: {topic_info[topic_index][5]}",
                "",
                dt.datetime(day.year, day.month, day.day, 9, 0, tzinfo=dt.UTC),
                text,
                "en",
                "done",
                "",
            )
        )

    _contradictions(
        rng, sizes, corpus, topic_info, per_topic, by_actor_topic, events_by_topic, next_id
    )
    _claim_columns(corpus)
    return corpus


def _claim_columns(corpus: Corpus) -> None:
    """Append each contradiction's copy of its claims' actor, outlet and date said, as
    services.contradictions_claims_sync would write them (COPY bypasses the services)."""
    outlet = COLUMNS["articles"].index("outlet_id")
    outlet_of = {row[0]: row[outlet] for row in corpus.articles}
    actor, article, said = (
        COLUMNS["statements"].index(name) for name in ("actor_id", "article_id", "said_on")
    )
    claims = {row[0]: (row[actor], outlet_of[row[article]], row[said]) for row in corpus.statements}
    empty = (None, None, None)
    rows = []
    for row in corpus.contradictions:
        a, b = claims[row[1]], claims.get(row[2], empty)
        rows.append((*row, a[0], b[0], a[1], b[1], a[2], b[2]))
    corpus.contradictions[:] = rows


def _contradictions(rng, sizes, corpus, topic_info, per_topic, by_actor_topic, events, next_id):
    seen_pairs, seen_events = set(), set()
    windows = {t[0]: t[6] for t in topic_info}
    reversal_keys = [k for k, v in by_actor_topic.items() if v["a"] and v["b"]]
    topics_with_both = [t for t, v in per_topic.items() if v["a"] and v["b"]]
    if not topics_with_both:
        return
    for lists in per_topic.values():
        lists["b"].sort(key=lambda row: row[1])
    b_days = {t: [row[1].toordinal() for row in v["b"]] for t, v in per_topic.items()}
    attempts = 0
    while len(corpus.contradictions) < sizes.contradictions and attempts < sizes.contradictions * 5:
        attempts += 1
        roll = rng.random()
        event_id = None
        if roll < 0.08 and reversal_keys:
            actor_topic = rng.choice(reversal_keys)
            tid = actor_topic[1]
            (s1, d1), (s2, d2) = (
                rng.choice(by_actor_topic[actor_topic]["a"]),
                rng.choice(by_actor_topic[actor_topic]["b"]),
            )
            kind = "reversal"
        elif roll < 0.13:
            tid = rng.choice(topics_with_both)
            eid, day, confirms = rng.choice(events[tid])
            other = "b" if confirms == "a" else "a"
            s1, d1, _actor = rng.choice(per_topic[tid][other])
            if d1 >= day or (s1, eid) in seen_events:
                continue
            seen_events.add((s1, eid))
            s2, d2, event_id, kind = None, day, eid, "event"
        else:
            tid = rng.choice(topics_with_both)
            s1, d1, _x = rng.choice(per_topic[tid]["a"])
            # An opposing claim said within the topic's window of this one.
            days = b_days[tid]
            lo = bisect.bisect_left(days, d1.toordinal() - windows[tid])
            hi = bisect.bisect_right(days, d1.toordinal() + windows[tid])
            if lo >= hi:
                continue
            s2, d2, _y = per_topic[tid]["b"][rng.randrange(lo, hi)]
            kind = "opposite_direction" if rng.random() < 0.75 else "numeric_mismatch"
        if s2 is not None:
            if s1 == s2:
                continue
            s1, s2 = min(s1, s2), max(s1, s2)
            if (s1, s2) in seen_pairs:
                continue
            seen_pairs.add((s1, s2))
        later = max(d1, d2)
        detected = dt.datetime(later.year, later.month, later.day, tzinfo=dt.UTC) + dt.timedelta(
            hours=rng.randrange(1, 72)
        )
        status = rng.choices(("detected", "confirmed", "dismissed"), (80, 15, 5))[0]
        corpus.contradictions.append(
            (
                next_id("contradictions"),
                s1,
                s2,
                event_id,
                tid,
                kind,
                round(0.5 + rng.random() * 0.5, 4),
                f"Synthetic {kind.replace('_', ' ')}",
                "",
                "",
                status,
                "",
                detected,
            )
        )
