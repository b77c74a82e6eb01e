"""Dependency patterns (German TIGER labels) for Docs with a parse: more recall, same facts.

Patterns are data (``ontology/relations/deps.jsonl``), one spaCy ``DependencyMatcher``
pattern per line with the predicate and which nodes are subject and object. Placeholders
are filled from ``triggers.json``: ``"$cues"`` with the cue forms of the predicate,
``"$membership.nouns"`` with that list; ``"predicate": "$agents"`` expands a pattern into one
per agent predicate (supports, funds, runs) and ``"$role"`` takes the relation from the role
word matched as node ``role``. Coordinated objects ("mit A, B und C": ``cj``/``cd``) are
expanded. Used only when ``doc.has_annotation("DEP")``; the surface patterns never need it.
"""
from __future__ import annotations

import copy
from typing import Any

from spacy.matcher import DependencyMatcher

from egovkg.ingest.rel_base import Context, Ent
from egovkg.ingest.rel_lexicon import lookup_role
from egovkg.model import Relation

_CACHE: dict[int, tuple[DependencyMatcher, dict[str, dict]]] = {}


def _fill(node: Any, triggers: dict, cues: list[str]) -> Any:
    if isinstance(node, dict):
        return {k: _fill(v, triggers, cues) for k, v in node.items()}
    if isinstance(node, list):
        return [_fill(v, triggers, cues) for v in node]
    if isinstance(node, str) and node.startswith("$"):
        if node == "$cues":
            return list(cues)
        cur: Any = triggers
        for part in node[1:].split("."):
            cur = cur[part]
        return list(cur)
    return node


def build_matcher(ctx: Context) -> tuple[DependencyMatcher, dict[str, dict]]:
    """The DependencyMatcher of the configured patterns and the spec of each match key."""
    key = id(ctx.cfg)
    if key in _CACHE and _CACHE[key][0].vocab is ctx.doc.vocab:
        return _CACHE[key]
    matcher = DependencyMatcher(ctx.doc.vocab)
    specs: dict[str, dict] = {}
    triggers = ctx.cfg.triggers
    for spec in ctx.cfg.dep_patterns:
        preds = list(triggers["agents"]) if spec["predicate"] == "$agents" else [spec["predicate"]]
        for pred in preds:
            cues = triggers["agents"].get(pred, [])
            cues = [c for c in cues if " " not in c]
            name = f"{spec['name']}:{pred}"
            pattern = _fill(copy.deepcopy(spec["pattern"]), triggers, cues)
            matcher.add(name, [pattern])
            specs[name] = {**spec, "predicate": pred}
    _CACHE[key] = (matcher, specs)
    return matcher, specs


def _conjuncts(ctx: Context, tok: int) -> list[Ent]:
    """The entity at ``tok`` and those coordinated with it (cj / cd chains)."""
    out: list[Ent] = []
    stack, seen = [ctx.doc[tok]], set()
    while stack:
        t = stack.pop()
        if t.i in seen:
            continue
        seen.add(t.i)
        e = ctx.ent_at(t.i)
        if e is not None and e not in out:
            out.append(e)
        stack.extend(c for c in t.children if c.dep_ in ("cj", "cd"))
    return out


def extract(ctx: Context) -> list[Relation]:
    """Relations found by the dependency patterns."""
    if not ctx.doc.has_annotation("DEP") or not ctx.cfg.dep_patterns:
        return []
    matcher, specs = build_matcher(ctx)
    out: list[Relation] = []
    for match_id, toks in matcher(ctx.doc):
        name = ctx.doc.vocab.strings[match_id]
        spec = specs[name]
        ids = [n["RIGHT_ID"] for n in spec["pattern"]]
        pos = dict(zip(ids, toks))
        pred, role = spec["predicate"], None
        if pred == "$role":
            found = lookup_role(ctx.cfg, ctx.doc[pos["role"]].text)
            if found is None or found[0].relation == "none":
                continue
            pred, role = found[0].relation, ctx.doc[pos["role"]].text
        subjects = _conjuncts(ctx, pos[spec["subject"]])
        objects = _conjuncts(ctx, pos[spec["object"]])
        for s in subjects:
            for o in objects:
                if s.key != o.key:
                    out.append(ctx.relation(s, pred, o, f"dep:{spec['name']}", 0.8, role, list(toks)))
    return out
