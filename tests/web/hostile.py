"""Hostile documents for the web reader and the exports: every payload here must end up as
inert text. Each would set `window.__pwned` (or open a dialog) if it ever ran."""

from __future__ import annotations

from pathlib import Path

TEXT = """<script>window.__pwned = 1</script> Notes on a <b>contested</b> archive

By <img src=x onerror="window.__pwned=2;alert(2)">

The curator said "the boxes were opened in </script><script>window.__pwned=3</script> 1953" and added that \
<a href="javascript:window.__pwned=4">this link</a> proves nothing.
According to <svg onload="window.__pwned=5">Dr. Vane</svg>, the archive "was burned twice".
A broken attribute: <a href=" onmouseover="window.__pwned=6" x=">hover here</a> and <iframe srcdoc="<script>parent.__pwned=7</script>">.
Template tricks: {{ 7*7 }} ${window.__pwned=8} <style>body{display:none}</style> &lt;b&gt; &amp;amp;
Bidi and control: \u202eevil\u202c \x07bell.
"""

HTML = """<!doctype html><html><head>
<title>&lt;/title&gt;&lt;script&gt;window.__pwned=9&lt;/script&gt; Hostile page</title>
<meta property="og:url" content="javascript:window.__pwned=10">
<meta name="author" content="&lt;img src=x onerror=window.__pwned=11&gt;">
</head><body><article>
<h1>&lt;script&gt;window.__pwned=12&lt;/script&gt; A page about the fire</h1>
<p>The historian wrote that &lt;img src=x onerror="window.__pwned=13"&gt; was "a forgery, plainly" and
<a href="javascript:window.__pwned=14">a javascript: link</a> should stay text.</p>
<p>Professor Quill argues that "the records &lt;/span&gt;&lt;/article&gt;&lt;script&gt;window.__pwned=15&lt;/script&gt; were lost".</p>
<script>window.__pwned = 16</script>
</article></body></html>
"""


def write(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "hostile.txt").write_text(TEXT, encoding="utf-8")
    (folder / "hostile.html").write_text(HTML, encoding="utf-8")
    return [folder / "hostile.txt", folder / "hostile.html"]
