#!/usr/bin/env python3
"""Adds or updates strings in both resource files at once, so en and zh-CN never drift apart.

Usage: tools/resx.py strings.tsv   (lines: key<TAB>English<TAB>简体中文; later lines win)
"""
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "src" / "DealerCrm.Web" / "Resources"
FILES = {"en": ROOT / "SharedResource.resx", "zh-CN": ROOT / "SharedResource.zh-CN.resx"}
HEADER = """<?xml version="1.0" encoding="utf-8"?>
<root>
  <resheader name="resmimetype"><value>text/microsoft-resx</value></resheader>
  <resheader name="version"><value>2.0</value></resheader>
  <resheader name="reader"><value>System.Resources.ResXResourceReader, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
  <resheader name="writer"><value>System.Resources.ResXResourceWriter, System.Windows.Forms, Version=4.0.0.0, Culture=neutral, PublicKeyToken=b77a5c561934e089</value></resheader>
"""


def load(path):
    if not path.exists():
        return {}
    return {d.get("name"): d.findtext("value") or "" for d in ET.parse(path).getroot().findall("data")}


def save(path, strings):
    from xml.sax.saxutils import escape
    lines = [HEADER]
    for key in sorted(strings):
        lines.append(f'  <data name="{escape(key)}" xml:space="preserve"><value>{escape(strings[key])}</value></data>\n')
    lines.append("</root>\n")
    path.write_text("".join(lines), encoding="utf-8")


def main():
    tables = {lang: load(path) for lang, path in FILES.items()}
    for line in Path(sys.argv[1]).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        key, en, zh = line.split("\t")
        tables["en"][key], tables["zh-CN"][key] = en, zh
    for lang, path in FILES.items():
        save(path, tables[lang])
    print(f"{len(tables['en'])} keys")


if __name__ == "__main__":
    main()
