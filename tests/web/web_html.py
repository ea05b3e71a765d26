"""Reading the web app's HTML in tests: a strict parser, and the check that nothing from the data became markup."""

from __future__ import annotations

from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"}


class Page(HTMLParser):
    """Parses a page; records tags, attributes and text, and fails on mis-nested or unclosed elements."""

    def __init__(self, markup: str) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self.classes: list[str] = []
        self.covered: dict[str, set[int]] = {}  # class -> offsets of the text inside elements with it
        self.feed(markup)
        self.close()

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))
        if tag not in VOID:
            self.stack.append(tag)
            self.classes.append(dict(attrs).get("class") or "")

    def handle_startendtag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag):
        assert self.stack and self.stack[-1] == tag, f"</{tag}> closes <{self.stack[-1] if self.stack else None}>"
        self.stack.pop()
        self.classes.pop()

    def handle_data(self, data):
        offset = sum(map(len, self.text))
        for name in self.classes:
            self.covered.setdefault(name, set()).update(range(offset, offset + len(data)))
        self.text.append(data)

    def all(self, tag: str, **attrs: str) -> list[dict[str, str | None]]:
        return [a for t, a in self.tags if t == tag and all(a.get(k) == v for k, v in attrs.items())]


def assert_inert(page: Page) -> None:
    """Nothing from the data became markup: only our own script, no handlers, no script URLs."""
    assert [a.get("src") for a in page.all("script")] in (
        ["http://testserver/static/tables.js"],
        ["http://testserver/static/tables.js", "http://testserver/static/article.js"])
    assert page.all("img") == []
    for tag, attrs in page.tags:
        assert not any(name.startswith("on") for name in attrs), (tag, attrs)
        for name in ("href", "src", "action"):
            value = (attrs.get(name) or "").strip().lower()
            assert not value.startswith(("javascript:", "data:", "vbscript:")), (tag, attrs)
