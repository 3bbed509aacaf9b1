"""Writes the King James Bible (Debian package bible-kjv, public domain text) as one verse per line,
without the verse references. Usage: python3 corpus.py kjv.txt"""
import re
import subprocess
import sys

out = subprocess.run(["bible", "-f", "Gen1:1-Rev22:21"], check=True, capture_output=True, text=True).stdout
verses = []
for line in out.splitlines():
    m = re.match(r"^\S+?\d+:\d+ (.*)$", line)
    if m:
        verses.append(m.group(1).strip())
with open(sys.argv[1], "w", encoding="utf-8") as f:
    f.write("\n".join(verses) + "\n")
print(len(verses), "verses")
