from __future__ import annotations

import re

from ...diagnostics import FixSafety
from ...rule import Context, Rule

_URL = re.compile(r"(?<![\w@/.:-])(?:https?://|www\.)(?:[^\s<>()\[\]{}\"'`]|\([^\s<>()]*\))+", re.I)
_TRAILING = ".,;:!?*_~"


class LinkBare(Rule):
    """Write links as links, not bare URLs in prose.

    ## What it does
    Reports a URL or `www.` address typed straight into prose, including one glued to
    the text ("source.(https://…)"). Links written as `[text](url)` and autolinks
    `<https://…>` are fine, and so are URLs inside reference entries and code.
    The fix wraps an `http(s)` URL in `<…>` (safe); a `www.` address becomes a link
    with `https://` added (unsafe: it changes the target). Inside a raw HTML block or
    a JSX component, where `<…>` is not a link, the fix writes `<a href="…">…</a>`.

    It reads all of the article's prose: paragraphs, headings, list items, table
    cells, block quotes, GitHub alerts, the text inside raw HTML blocks (not their
    tags or attributes) and, in `.mdx` files, inside JSX components.

    ## Why it matters
    Bare URLs break across lines, are easy to mistype and give readers no idea where
    they lead; a descriptive link tells them which source supports the claim.

    ## Example
    ```markdown
    Read the full guidance at https://www.nhs.uk/conditions/vitamins-and-minerals/ for more.
    ```

    ## Use instead
    ```markdown
    Read the [NHS guidance on vitamins](https://www.nhs.uk/conditions/vitamins-and-minerals/) for more.
    ```
    """

    code = "ML305"
    name = "link-bare"
    summary = "Bare or glued URL in prose instead of a link"
    fixable = True
    messages = {"bare": "bare URL in prose: {url}"}

    def check(self, ctx: Context) -> None:
        doc = ctx.doc
        for block in doc.prose_blocks(quoted=True):
            if block.in_footnote:
                continue  # footnote definitions are reference entries
            lowered = block.text.lower()  # the block's prose holds every text run below
            if "http" not in lowered and "www." not in lowered:
                continue
            for node in block.node.walk():
                if node.type != "text" or node.approximate or node.has_ancestor("link", "image"):
                    continue
                text = doc.text[node.start:node.end]
                for m in _URL.finditer(text):
                    url = m.group(0).rstrip(_TRAILING)
                    while url.endswith(")") and url.count("(") < url.count(")"):
                        url = url[:-1]
                    if len(url) < 8:
                        continue
                    start = node.start + m.start()
                    end = start + len(url)
                    if block.kind == "html_text":
                        href = url if not url.lower().startswith("www.") else f"https://{url}"
                        fix = ctx.replace(start, end, f'<a href="{href}">{url}</a>', safety=FixSafety.UNSAFE,
                                          description="turn the address into a link")
                    elif url.lower().startswith("www."):
                        fix = ctx.replace(start, end, f"[{url}](https://{url})", safety=FixSafety.UNSAFE,
                                          description="turn the address into a link")
                    else:
                        fix = ctx.replace(start, end, f"<{url}>", description="wrap the URL in <...>")
                    ctx.report(start, end, "bare", url=url, fix=fix,
                               hint="write it as a link: [what it is](URL), or at least <URL>")
