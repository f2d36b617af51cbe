"""What a page's fingerprint covers: the variables its templates read, and nothing it cannot see."""

from __future__ import annotations

import jinja2
import pytest

from unchanged_output.fingerprint import Fingerprints, Unsure
from warta.build import load_settings
from warta.testing import SETTINGS


@pytest.fixture(scope="module")
def fingerprints() -> Fingerprints:
    return Fingerprints(load_settings(SETTINGS))


def environment(templates: dict[str, str]) -> jinja2.Environment:
    return jinja2.Environment(loader=jinja2.DictLoader(templates))


def test_variables_of_a_template_and_all_it_extends_includes_and_imports(fingerprints):
    env = environment(
        {
            "base.html": "{{ SITENAME }}{% block body %}{% endblock %}{% include 'absent.html' ignore missing %}",
            "page.html": "{% extends 'base.html' %}{% from 'm.html' import card %}"
            "{% block body %}{% for a in articles %}{{ card(a) }}{% endfor %}{% include 'menu.html' %}{% endblock %}",
            "m.html": "{% macro card(a) %}{{ a.title }}{{ SITEURL }}{% endmacro %}",
            "menu.html": "{% for c in menu_categories %}{{ c }}{% endfor %}",
        }
    )
    use = fingerprints.uses(env.get_template("page.html"))
    assert {"SITENAME", "articles", "SITEURL", "menu_categories"} <= use.names
    assert not use.reads_body


def test_a_template_reading_bodies_is_noticed(fingerprints):
    env = environment({"full.html": "{% for a in articles %}{{ a['content'] }}{% endfor %}"})
    assert fingerprints.uses(env.get_template("full.html")).reads_body


def test_a_function_given_the_whole_context_must_say_what_it_reads(fingerprints):
    @jinja2.pass_context
    def head(context):
        return context.get("article")

    env = environment({"silent.html": "{{ head() }}", "declared.html": "{{ tell() }}"})
    env.globals["head"] = head
    with pytest.raises(Unsure):
        fingerprints.uses(env.get_template("silent.html"))

    @jinja2.pass_context
    def tell(context):
        return context.get("article")

    tell.reads_context = ("article", "page_name")
    env.globals["tell"] = tell
    assert {"article", "page_name"} <= fingerprints.uses(env.get_template("declared.html")).names


def test_a_computed_template_name_makes_pages_always_render(fingerprints):
    env = environment({"dynamic.html": "{% include partial_name %}"})
    with pytest.raises(Unsure):
        fingerprints.uses(env.get_template("dynamic.html"))


def test_values_are_fingerprinted_by_content_not_identity(fingerprints):
    first = {"title": "Berita", "tags": ["a", "b"], "count": 3}
    same = {"title": "Berita", "tags": ["a", "b"], "count": 3}
    other = {"title": "Berita", "tags": ["a", "c"], "count": 3}
    assert fingerprints.value(first) == fingerprints.value(same) != fingerprints.value(other)
    with pytest.raises(Unsure):
        fingerprints.value({"items": (n for n in range(3))})


def test_a_value_that_cannot_be_fingerprinted_fails_on_every_page(fingerprints):
    items = {"items": (n for n in range(3))}
    loop = []
    loop.append(loop)
    for value in (items, items, {"loop": loop}):
        with pytest.raises(Unsure):
            fingerprints.value(value)


def test_objects_gathering_others_count_by_value_not_identity(fingerprints):
    class Shelf:
        def __init__(self, books):
            self.books = books

    shared = Shelf(["a", "b"])
    assert fingerprints.value([shared, shared]) == fingerprints.value([Shelf(["a", "b"]), Shelf(["a", "b"])])
    assert fingerprints.value([shared]) != fingerprints.value([Shelf(["a", "c"])])
