"""What is prose (SPEC §12): every container an article's text can sit in, tagged.

Markdown in, the Document's prose blocks out: (container, text) and where they sit.
Positions of each container are in tests/test_positions.py.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner

from medlint.cli import main
from medlint.document import Container, Document
from medlint.position import Source

REPO_ROOT = Path(__file__).resolve().parent.parent
C = Container


def blocks(text: str, path: str = "t.md") -> list[tuple[str, str]]:
    doc = Document(path, Source(text))
    return [(b.container.value, b.text) for b in doc.blocks]


@pytest.mark.parametrize("markdown, expected", [
    ("Plain.\n", [("paragraph", "Plain.")]),
    ("## Stop taking it\n", [("heading", "Stop taking it")]),
    ("- one\n- two\n", [("list_item", "one"), ("list_item", "two")]),
    ("| a | b |\n|---|---|\n| c | d |\n", [("table_cell", t) for t in "abcd"]),
    ("> quoted\n", [("block_quote", "quoted")]),
    ("> [!WARNING]\n> Stop taking it.\n", [("alert", "Stop taking it.")]),
    ("> [!note]\n> Lower case works too.\n", [("alert", "Lower case works too.")]),
    ("> [!TIP]\n>\n> Body in its own paragraph.\n", [("alert", "Body in its own paragraph.")]),
    ("> [!WARNING] not alone on its line\n", [("block_quote", "[!WARNING] not alone on its line")]),
    ("> [!WARNING]\n> - a list in an alert\n", [("list_item", "a list in an alert")]),
    ('<div class="callout">\n  <p>Stop taking <b>your</b> statin.</p>\n</div>\n',
     [("html", "Stop taking your statin.")]),
    ("<aside>Call 111.</aside>\n", [("html", "Call 111.")]),
    ("<details>\n<summary>Why?</summary>\nBecause it helps.\n</details>\n",
     [("html", "Why?"), ("html", "Because it helps.")]),
    ('<div class="callout">\n\nMarkdown *inside* the box.\n\n</div>\n', [("html", "Markdown inside the box.")]),
    ("<div>\n<script>var stop = 'Stop taking it.'</script>\n<style>p{}</style>\nShown.\n</div>\n",
     [("html", "Shown.")]),
    ("<div>\nUse <code>stop()</code> here.<br>Next line.\n</div>\n", [("html", "Use \ufffc here. Next line.")]),
    ("<div>\nA &amp; B.\n</div>\n", [("html", "A &amp; B.")]),
    ('<div title="Stop taking it">\nThe attribute is not prose.\n</div>\n',
     [("html", "The attribute is not prose.")]),
    ("<div>\n<!-- a comment, not prose -->\nText.\n</div>\n", [("html", "Text.")]),
])
def test_containers(markdown, expected):
    assert blocks(markdown) == expected


MDX = """---
title: T
---
import { Callout } from "../components/Callout"
export const meta = { author: "A" }

# Statins {meta.author}

<Callout type="warning" title="Stop taking it">
  Stop taking your statin if your muscles ache.
</Callout>

<Note />

<Tabs>
  <Tab label="Adults">
    Adults take {dose} mg.
  </Tab>
</Tabs>

<Callout type="info">

Markdown inside a component.

</Callout>

<Callout>One line component.</Callout>

```js
export const notEsm = true
```
"""


def test_mdx_prose():
    doc = Document("a.mdx", Source(MDX))
    got = [(b.container.value, b.text, b.element.tag if b.element else None) for b in doc.blocks if b.text]
    assert got == [
        ("heading", "Statins \ufffc", None),
        ("jsx", "Stop taking your statin if your muscles ache.", "Callout"),
        ("jsx", "Adults take \ufffc mg.", "Tab"),
        ("jsx", "Markdown inside a component.", "Callout"),
        ("jsx", "One line component.", "Callout"),
    ]
    assert doc.blocks[1].element.attrs == {"type": "warning", "title": "Stop taking it"}


def test_mdx_component_content_is_markdown():
    """As in MDX, the lines between a component's tag lines are Markdown: a table, a
    list, an indented paragraph (MDX has no indented code), a tag split over lines."""
    text = ('<ComparisonTable caption="Supplements">\n| Supplement | Evidence |\n|---|---|\n'
            "| Glucosamine | Large trials show no benefit |\n</ComparisonTable>\n\n"
            "<Note>\n        Deeply indented prose.\n</Note>\n\n"
            '<Callout\n  type="tip"\n  title="Lists too">\n- Stop taking it.\n- Call your GP.\n</Callout>\n')
    doc = Document("a.mdx", Source(text))
    got = [(b.container.value, b.text, b.element.tag if b.element else None) for b in doc.blocks]
    assert got == [
        ("table_cell", "Supplement", "ComparisonTable"), ("table_cell", "Evidence", "ComparisonTable"),
        ("table_cell", "Glucosamine", "ComparisonTable"),
        ("table_cell", "Large trials show no benefit", "ComparisonTable"),
        ("jsx", "Deeply indented prose.", "Note"),
        ("list_item", "Stop taking it.", "Callout"), ("list_item", "Call your GP.", "Callout"),
    ]
    assert doc.blocks[5].element.attrs == {"type": "tip", "title": "Lists too"}
    assert doc.blocks[5].next_in_list is doc.blocks[6]


def test_the_same_text_as_md_keeps_esm_and_braces():
    """Only .mdx files have ESM and expressions; in .md they are text."""
    doc = Document("a.md", Source("import x from 'y'\n\nThe set {a, b}.\n"))
    assert [b.text for b in doc.blocks] == ["import x from 'y'", "The set {a, b}."]


def test_quoted_and_alert_flags():
    doc = Document.from_text("> Myth: it cures.\n\n> [!CAUTION]\n> Stop it.\n")
    myth, alert = doc.blocks
    assert (myth.quoted, myth.alert) == (True, None)
    assert (alert.quoted, alert.alert, alert.container) == (False, "caution", C.ALERT)
    assert [b.text for b in doc.prose_blocks()] == ["Stop it."]
    assert [b.text for b in doc.prose_blocks(quoted=True, containers={C.BLOCK_QUOTE})] == ["Myth: it cures."]


def test_next_in_list():
    doc = Document.from_text("- a\n- b\n\n  b2\n- c\n  - nested\n\n1. other list\n")
    by_text = {b.text: b for b in doc.blocks}
    assert by_text["a"].next_in_list is by_text["b"]
    assert by_text["b"].next_in_list is by_text["c"] and by_text["b2"].next_in_list is by_text["c"]
    assert by_text["c"].next_in_list is None  # the last item; a later list is not the same list
    assert by_text["nested"].next_in_list is None
    assert by_text["other list"].next_in_list is None


def test_suppression_comment_inside_an_html_block_still_works():
    text = ('<div class="callout">\n<!-- medlint-disable-next-line stop-taking-unqualified -- reviewed -->\n'
            "Stop taking your statin for a week.\n</div>\n")
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "a.md", "--isolated", "--format", "json",
                                       "--select", "stop-taking-unqualified,unused-suppression"], input=text)
    assert json.loads(result.output) == []
    unsuppressed = text.replace("<!-- medlint-disable-next-line stop-taking-unqualified -- reviewed -->\n", "")
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "a.md", "--isolated", "--format", "json",
                                       "--select", "stop-taking-unqualified"], input=unsuppressed)
    assert [(f["rule"], f["line"], f["column"]) for f in json.loads(result.output)] == [
        ("stop-taking-unqualified", 2, 1)]


def test_mdx_files_are_linted_by_default(tmp_path: Path):
    (tmp_path / "a.mdx").write_text("<Callout>\n  Stop taking your statin today.\n</Callout>\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("Stop taking your statin today.\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "medlint", "check", "--isolated", "--format", "json",
                           "--select", "stop-taking-unqualified", "."], cwd=tmp_path, capture_output=True, text=True)
    found = [(f["path"], f["line"], f["column"]) for f in json.loads(done.stdout)]
    assert found == [("a.mdx", 2, 3), ("b.md", 1, 1)], done.stderr


def test_precommit_hook_and_init_template_include_mdx(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    hooks = yaml.safe_load((REPO_ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hooks[0]["types_or"] == ["markdown", "mdx"]
    monkeypatch.chdir(tmp_path)
    result = CliRunner().invoke(main, ["init"])
    assert result.exit_code == 0, result.output
    config = (tmp_path / "medlint.toml").read_text(encoding="utf-8")
    # init includes the content folder only (issue #15 item 15), MDX as well as Markdown
    assert 'include = ["content/**/*.md", "content/**/*.mdx"' in config


# Hostile HTML and MDX: 10x the input costs about 10x, never 100x (no wall-clock bound).
HOSTILE = {
    "tags never closed": ("a.md", lambda n: "<div>\n" + "<a " * n + "\n"),
    "comments never closed": ("a.md", lambda n: "<div>\n" + "<!-- x " * n + "\n"),
    "attribute quotes never closed": ("a.md", lambda n: "<div>\n" + '<a href="' * n + "\n"),
    "many pieces": ("a.md", lambda n: "<div>\n" + "<p>x</p> " * n + "\n"),
    "braces never closed, one per line": ("a.mdx", lambda n: "{\n" * n),
    "components on lines of their own": ("a.mdx", lambda n: "".join(f"<C{i}>\n\ntext\n\n" for i in range(n))),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_hostile_html_and_mdx_take_linear_time(name):
    from scaling import assert_linear

    path, make = HOSTILE[name]
    assert_linear(lambda n: (lambda text=make(n): Document(path, Source(text))), 500, 5_000)
