#!/usr/bin/env python3
"""Builds the semantic-cache paraphrase set from two public-domain English Bible translations.

Inputs (Debian packages sword-text-kjv and sword-text-web, exported with libsword-utils):
    mod2imp engKJV2006eb -s > kjv.imp
    mod2imp engWEB2015eb -s > web.imp
    python3 make-paraphrases.py kjv.imp web.imp > ../src/main/resources/paraphrase/kjv-web.tsv

Each output line is `id<TAB>kjv<TAB>web`: the same verse in the King James Version (1769 text) and in the
World English Bible, a modern-English revision; both are in the public domain. Verses are taken from the
New Testament, 8 to 40 words long, worded differently in the two, every 13th eligible verse, so that the set is deterministic.
"""
import re
import sys


def read(path):
    verses, key, lines = {}, None, []
    with open(path, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if line.startswith("$$$"):
                if key is not None:
                    verses[key] = " ".join(lines)
                key, lines = line[3:], []
            else:
                lines.append(line)
    if key is not None:
        verses[key] = " ".join(lines)
    return verses


def clean(text):
    text = text.replace("\u00b6", " ")
    text = re.sub(r"([a-z])([A-Z])", r"\1 \2", text)  # markup stripping glues footnoted words
    return re.sub(r"\s+", " ", text).strip()


NT = ("Matthew", "Mark", "Luke", "John", "Acts", "Romans", "I Corinthians", "II Corinthians", "Galatians",
      "Ephesians", "Philippians", "Colossians", "I Thessalonians", "II Thessalonians", "I Timothy",
      "II Timothy", "Titus", "Philemon", "Hebrews", "James", "I Peter", "II Peter", "I John", "II John",
      "III John", "Jude", "Revelation of John")


def main():
    kjv, web = read(sys.argv[1]), read(sys.argv[2])
    eligible = []
    for key in kjv:  # the KJV module's order is canonical
        book = key.rsplit(" ", 1)[0]
        if book not in NT or key not in web:
            continue
        a, b = clean(kjv[key]), clean(web[key])
        if not (8 <= len(a.split()) <= 40 and 8 <= len(b.split()) <= 40):
            continue
        if "\t" in a or "\t" in b:
            continue
        if re.sub(r"\W+", " ", a).lower().strip() == re.sub(r"\W+", " ", b).lower().strip():
            continue  # the same words in both translations: not a paraphrase
        eligible.append((key, a, b))
    for key, a, b in eligible[::13]:
        print(f"{key}\t{a}\t{b}")


if __name__ == "__main__":
    main()
