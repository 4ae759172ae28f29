"""The dataset card written next to every training export (``README.md``).

It says what a reader of the files needs and cannot see in them: counts per split and label,
the label schema, the tool version and options that produced the data, how the split was made
leakage-safe, and how offsets are defined.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from annotator import __version__
from annotator.export.splits import Grouping

if TYPE_CHECKING:
    from annotator.export.training import Context, TrainingFormat

OFFSETS = (
    "Offsets are Unicode code points into the article text exactly as stored (never normalized or "
    "rewritten), in logical (memory) order, `start` inclusive and `end` exclusive, so "
    "`text[start:end]` in Python gives the span. Every exported span was checked to satisfy this. "
    "JavaScript and Qt count UTF-16 code units: after a character outside the Basic Multilingual "
    "Plane (an emoji) their positions are one higher than ours."
)


def _options(ctx: Context) -> list[str]:
    o = ctx.options
    layer = o.layer if o.layer != "annotator" else "annotators " + ", ".join(o.annotators)
    rows: list[tuple[str, Any]] = [
        ("layer", layer),
        ("article statuses", ", ".join(o.statuses) if o.statuses is not None else "all"),
        ("labels", ", ".join(o.labels) if o.labels is not None else "all"),
        ("rename", ", ".join(f"{a} → {b}" for a, b in o.rename.items()) or "none"),
        ("suggestions included", "yes" if o.include_suggestions else "no"),
        ("split", "/".join(map(str, o.split)) + f" (seed {o.seed})" if o.split else "none"),
        ("nested entities", o.nested),
    ]
    rows += [(str(k), v) for k, v in sorted(o.extra.items())]
    return [f"- {k}: {v}" for k, v in rows]


def _counts(ctx: Context, fmt: TrainingFormat, splits: Sequence[str]) -> list[str]:
    keys: list[str] = []
    if fmt.item_name == "entity label":
        keys = list(ctx.labels)
    extra = sorted({k for s in ctx.stats.values() for k in s.items} - set(keys))
    keys += extra
    token_col = any(s.tokens for s in ctx.stats.values())
    head = ["split", "articles", "records", *(["tokens"] if token_col else []), *keys]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    total: Counter[str] = Counter()
    totals = [0, 0, 0]
    for name in splits:
        s = ctx.stats.get(name)
        a, e, t = (s.articles, s.examples, s.tokens) if s else (0, 0, 0)
        items = s.items if s else Counter[str]()
        total.update(items)
        totals = [totals[0] + a, totals[1] + e, totals[2] + t]
        row = [name, str(a), str(e), *([str(t)] if token_col else []), *(str(items[k]) for k in keys)]
        lines.append("| " + " | ".join(row) + " |")
    if len(splits) > 1:
        row = ["total", str(totals[0]), str(totals[1]), *([str(totals[2])] if token_col else []),
               *(str(total[k]) for k in keys)]
        lines.append("| " + " | ".join(row) + " |")
    return lines


def _schema(ctx: Context, fmt: TrainingFormat) -> list[str]:
    sc = ctx.schema
    if fmt.item_name == "quote kind":
        return [f"Quote kinds: {', '.join(sc.quote_kinds)}."]
    if fmt.item_name == "polarity":
        topics = "; ".join(f"`{t.id}` ({t.name})" for t in sc.topics) or "none"
        return [f"Polarities: {', '.join(sc.polarities)}.", f"Stance topics: {topics}."]
    back = {ctx.options.rename.get(e.label, e.label): e for e in sc.entities}
    out = [f"Schema: {sc.name}. Entity labels, in tag-id order:", ""]
    for label in ctx.labels:
        e = back.get(label)
        sources = [x.label for x in sc.entities if ctx.options.rename.get(x.label, x.label) == label]
        origin = f" (from {', '.join(sources)})" if sources != [label] else ""
        desc = f"{e.name} / {e.name_ar}" if e is not None and e.name_ar else (e.name if e else "")
        out.append(f"- `{label}`{origin}: {desc}")
    return out


def achieved(ctx: Context) -> str:
    """The split percentages actually reached (in articles), next to the requested ones."""
    total = sum(s.articles for s in ctx.stats.values()) or 1
    got = "/".join(str(round(100 * ctx.stats[n].articles / total)) if n in ctx.stats else "0"
                   for n in ("train", "dev", "test"))
    want = "/".join(map(str, ctx.options.split or ()))
    return f"achieved {got} in articles (requested {want})"


def _grouping(grouping: Grouping, ctx: Context) -> list[str]:
    g = grouping.report()
    out = [
        "Articles that report the same story never straddle splits: copies of one story (near-duplicate "
        "text across outlets) and different outlets' own reports of one event are grouped first, and whole "
        "groups are assigned to splits with the seed, approximating the requested percentages.",
        "",
        f"- near-duplicates: {g['method']}, single linkage (copying is transitive)",
        f"- threshold: estimated Jaccard similarity ≥ {g['threshold']}; {g['pairs_confirmed']} near-duplicate "
        "pairs joined",
        f"- same event: {g['event_method']}",
    ]
    if g["event_threshold"] > 0:
        out.append(f"- same-event threshold: mean cosine ≥ {g['event_threshold']}; {g['pairs_event']} "
                   "same-event pairs joined")
        out += [f"  - joined: “{a}” ~ “{b}” (cosine {s})" for a, b, s in g["event_examples"]]
    out += [
        f"- declared events: articles with the same `meta.{g['event_key']}` are grouped too",
        f"- size cap: the similarity passes make no group of more than {g['cap']} articles "
        f"({g['refused']} links refused by the cap or the linkage rule)",
        f"- articles: {g['articles']}; groups: {g['groups']} ({g['groups_of_several']} with several articles, "
        f"largest {g['largest']})",
        "- group sizes (size: count): " + ", ".join(f"{k}: {v}" for k, v in g["sizes"].items()),
    ]
    if g["largest_groups"]:
        out.append("- largest groups (size: example titles):")
        out += [f"  - {lg['size']}: " + "; ".join(f"“{t}”" for t in lg["examples"]) for lg in g["largest_groups"]]
    out.append(f"- split: {achieved(ctx)}; large groups can keep a split from reaching its share")
    return out


def render(ctx: Context, fmt: TrainingFormat, splits: Sequence[str], grouping: Grouping | None,
           files: Sequence[str]) -> str:
    """The Markdown dataset card of one export."""
    lines = [
        f"# Dataset card: `{fmt.name}` export",
        "",
        f"Written by annotator {__version__} on {datetime.now(UTC).strftime('%Y-%m-%d %H:%M UTC')}.",
        "",
        "## Files",
        "",
        *(f"- `{f}`" for f in files),
        "",
        "## Counts",
        "",
        f"Records per split; the label columns count {fmt.item_name}s.",
        "",
        *_counts(ctx, fmt, splits),
        "",
        "## Schema",
        "",
        *_schema(ctx, fmt),
        "",
        "## Options",
        "",
        *_options(ctx),
        "",
        "## Offsets",
        "",
        OFFSETS,
    ]
    a = ctx.align
    if a.spans:
        lines += ["", "## Token alignment", "",
                  f"{a.spans} spans: {a.aligned} on token boundaries, {a.expanded} expanded to whole tokens, "
                  f"{a.empty} covering no token dropped, {a.nested_dropped} overlapping spans beyond the "
                  f"tag columns dropped; {a.merged_sentences} sentence breaks removed where a span crossed them."]
    if ctx.unknown_labels:
        lines += ["", "Spans with labels outside the schema were left out: "
                  + ", ".join(f"{k} ({v})" for k, v in sorted(ctx.unknown_labels.items()))]
    if grouping is not None:
        lines += ["", "## Splits without leakage", "", *_grouping(grouping, ctx)]
    extra = fmt.card_extra(ctx)
    if extra:
        lines += ["", "## Using the files", "", *extra]
    return "\n".join(lines) + "\n"
