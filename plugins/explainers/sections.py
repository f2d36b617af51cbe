"""An explainer's body in its fixed sections, and its questions and answers.

Writers use fixed ``## `` headings (Bunyi aturan, Apa artinya …); the template shows the
sections in one order whatever order they were written in, and the ``### question``
headings of "Tanya jawab" also become FAQPage structured data.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from bs4 import BeautifulSoup, Tag
from markupsafe import Markup

from warta_common import json_ld

# (heading as written, id of the section on the page), in the order readers see them.
SECTIONS = (
    ("Bunyi aturan", "bunyi-aturan"),
    ("Apa artinya", "apa-artinya"),
    ("Siapa yang diatur", "siapa-yang-diatur"),
    ("Yang dilarang dan yang boleh", "dilarang-dan-boleh"),
    ("Sanksi", "sanksi"),
    ("Contoh", "contoh"),
    ("Tanya jawab", "tanya-jawab"),
)
FAQ_SECTION = "Tanya jawab"
_BY_NAME = {" ".join(title.lower().split()): (title, anchor) for title, anchor in SECTIONS}


@dataclass(frozen=True)
class Section:
    title: str
    anchor: str
    html: Markup


@dataclass(frozen=True)
class Question:
    question: str
    answer_html: Markup
    answer_text: str


@dataclass(frozen=True)
class Body:
    intro: Markup
    sections: tuple[Section, ...]
    questions: tuple[Question, ...]
    problems: tuple[str, ...]
    missing: tuple[str, ...]


def _html(nodes: list) -> Markup:
    """Nodes of the converted body, as markup templates show unescaped."""
    return Markup("".join(str(node) for node in nodes).strip())


def _questions(nodes: list) -> tuple[list[Question], list[str]]:
    found: list[Question] = []
    problems: list[str] = []
    question: str | None = None
    answer: list = []

    def close() -> None:
        if question is None:
            return
        text = " ".join(
            " ".join(node.get_text() if isinstance(node, Tag) else node for node in answer).split()
        )
        if not text:
            problems.append(f"the question '### {question}' has no answer — write it below the question")
        else:
            found.append(Question(question, _html(answer), text))

    for node in nodes:
        if isinstance(node, Tag) and node.name == "h3":
            close()
            question, answer = node.get_text(" ", strip=True), []
        elif question is not None:
            answer.append(node)
        elif isinstance(node, Tag):
            problems.append(
                f"'## {FAQ_SECTION}' must consist of '### question' headings, each followed by its answer"
            )
    close()
    return found, problems


def split_body(html: str) -> Body:
    """The body's sections in reading order, with every problem an editor should fix."""
    soup = BeautifulSoup(html, "html.parser")
    intro: list = []
    written: dict[str, list] = {}
    current: list = intro
    problems: list[str] = []
    for node in list(soup.contents):
        if isinstance(node, Tag) and node.name == "h2":
            heading = node.get_text(" ", strip=True)
            known = _BY_NAME.get(" ".join(heading.lower().split()))
            if known is None:
                names = [title for title, _ in SECTIONS]
                close = difflib.get_close_matches(heading, names, n=1, cutoff=0.6)
                hint = f" — did you mean '## {close[0]}'?" if close else ""
                problems.append(f"'## {heading}' is not an explainer section{hint} Use: {', '.join(names)}")
                current = []
                continue
            if known[0] in written:
                problems.append(f"'## {known[0]}' appears twice — merge the two parts into one section")
            current = written.setdefault(known[0], [])
            continue
        current.append(node)
    sections = []
    questions: list[Question] = []
    for title, anchor in SECTIONS:
        if title not in written:
            continue
        if title == FAQ_SECTION:
            found, faq_problems = _questions(written[title])
            questions.extend(found)
            problems.extend(faq_problems)
        sections.append(Section(title, anchor, _html(written[title])))
    missing = tuple(title for title, _ in SECTIONS if title not in written)
    return Body(_html(intro), tuple(sections), tuple(questions), tuple(problems), missing)


def faq_json_ld(questions: tuple[Question, ...]) -> Markup:
    """FAQPage structured data, as its ``<script>`` element."""
    data = {
        "@context": "https://schema.org",
        "@type": "FAQPage",
        "mainEntity": [
            {
                "@type": "Question",
                "name": item.question,
                "acceptedAnswer": {"@type": "Answer", "text": item.answer_text},
            }
            for item in questions
        ],
    }
    return json_ld.script(data, indent=1)
