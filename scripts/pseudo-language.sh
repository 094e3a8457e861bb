#!/usr/bin/env bash
# Writes the pseudo-language (qps-ploc) resource file from the English one: every text wrapped in
# « » with its letters accented ("Overview" → "«Óvérvíéw»"), its places for values ({0}, {1:0.0})
# untouched. On a page, in a report or a workbook read in qps-ploc, a plain English word is then a
# text that did not come from the resource files, even inside another text (issue #26). Run it after
# adding or changing a text; TextsTests checks that the file is current.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 - <<'PY'
import html, re
src = 'src/CxPlus.Reports/Localization/Texts.resx'
texts = {k: html.unescape(v) for k, v in re.findall(r'<data name="([^"]+)" xml:space="preserve"><value>(.*?)</value></data>', open(src, encoding='utf-8').read(), re.S)}
# The data layer's sentences have their English in its table (Sentence.English).
table = open('src/CxPlus.Data/Sentence.cs', encoding='utf-8').read()
for code, text in re.findall(r'\["([\w.]+)"\] = "((?:[^"\\]|\\.)*)"', table):
    texts.setdefault(code, text.replace('\\"', '"'))
accent = str.maketrans('aeiouyAEIOUYcnCNsSrRtTlLzZdDgGkKhHwWjJ', 'áéíóúýÁÉÍÓÚÝçñÇÑšŠŕŔťŤĺĹžŽďĎğĞķĶĥĤŵŴĵĴ')
def pseudo(key, text):
    if key in ('Date.Format', 'DateTime.Format'): return text  # format patterns, not words
    parts = re.split(r'(\{[^}]*\})', text)  # places for values stay as they are
    return '«' + ''.join(p if p.startswith('{') else p.translate(accent) for p in parts) + '»'
head = open(src, encoding='utf-8').read().split('  <data ', 1)[0]
with open('src/CxPlus.Reports/Localization/Texts.qps-ploc.resx', 'w', encoding='utf-8') as out:
    out.write(head)
    for key in sorted(texts):
        out.write(f'  <data name="{key}" xml:space="preserve"><value>{html.escape(pseudo(key, texts[key]), quote=False)}</value></data>\n')
    out.write('</root>\n')
PY
