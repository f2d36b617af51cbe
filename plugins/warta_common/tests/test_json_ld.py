import json

from bs4 import BeautifulSoup

from warta_common import json_ld

AWKWARD = {"name": "</script><script>alert(1)</script> <!-- & \"kutip\" 'satu' </SCRIPT"}


def test_script_element_keeps_every_value_inside_it():
    html = str(json_ld.script(AWKWARD))
    inside = html.removeprefix('<script type="application/ld+json">').removesuffix("</script>")
    assert not any(mark in inside for mark in "<>&")
    scripts = BeautifulSoup(f"<head>{html}</head>", "html.parser").find_all("script")
    assert len(scripts) == 1
    assert json.loads(scripts[0].string) == AWKWARD


def test_indented_like_json_dumps():
    data = {"a": [1, {"b": "c"}]}
    inside = str(json_ld.script(data, indent=1)).split(">", 1)[1].removesuffix("</script>")
    assert inside == json.dumps(data, indent=1)
    assert str(json_ld.script(data)).endswith('>{"a":[1,{"b":"c"}]}</script>')
