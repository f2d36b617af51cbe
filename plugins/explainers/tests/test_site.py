"""Small real sites: explainer pages, validation, linking in articles, backlinks, index pages."""

from __future__ import annotations

import json

from pelican import signals

from .conftest import PILKADA, messages

CITING = (
    "Netralitas ASN diatur dalam Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum. "
    "Pada Pasal 280 ayat (2) dijelaskan bahwa ASN dilarang terlibat.\n\n"
    "Sekali lagi, Pasal 280 ayat (2) UU Pemilu berlaku."
)


def rule_links(page):
    return [(a.get_text(), a["href"]) for a in page.select(".article-body a.rule-link")]


def test_explainer_page_at_a_url_derived_from_the_rule(site):
    site.add_explainer("larangan-asn")
    assert site.build().ok
    page = site.page("aturan/uu-7-2017/pasal-280-ayat-2/")
    assert page.h1.get_text() == "Larangan Melibatkan ASN dalam Kampanye Pemilu"
    assert [s["id"] for s in page.select("section.rule-section")] == [
        "bunyi-aturan",
        "apa-artinya",
        "siapa-yang-diatur",
        "dilarang-dan-boleh",
        "sanksi",
        "contoh",
        "tanya-jawab",
    ]
    assert page.select_one("#bunyi-aturan blockquote")
    facts = page.select_one(".rule-facts").get_text(" ", strip=True)
    assert "Pasal 280 ayat (2) Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum" in facts
    assert "https://peraturan.bpk.go.id/Details/37644/uu-no-7-tahun-2017" in facts
    assert page.select_one('.menu a[aria-current="page"]').get_text() == "Aturan"
    # The explainer's own bare pasal belongs to its regulation.
    assert ("Pasal 493", "/aturan/uu-7-2017/") in rule_links(page)


def test_sections_render_in_one_order_whatever_the_writing_order(site):
    body = "## Sanksi\n\nPidana.\n\n## Bunyi aturan\n\n> Bunyi.\n"
    site.add_explainer("acak", body=body)
    result = site.build()
    assert result.ok
    page = site.page("aturan/uu-7-2017/pasal-280-ayat-2/")
    assert [s["id"] for s in page.select("section.rule-section")] == ["bunyi-aturan", "sanksi"]
    warnings = messages(site.check())
    assert (
        "warning: content/aturan/acak.md: Body: the section '## Tanya jawab' is missing"
        in warnings.replace(str(site.root) + "/", "")
    )


def test_questions_become_faqpage_json_ld(site):
    site.add_explainer("larangan-asn")
    assert site.build().ok
    page = site.page("aturan/uu-7-2017/pasal-280-ayat-2/")
    # The page also carries the seo plugin's JSON-LD (BreadcrumbList).
    scripts = page.select('script[type="application/ld+json"]')
    data = next(d for d in map(json.loads, (s.string for s in scripts)) if d["@type"] == "FAQPage")
    assert data["@type"] == "FAQPage"
    assert [q["name"] for q in data["mainEntity"]] == [
        "Apakah ASN kehilangan hak pilih?",
        "Siapa yang memeriksa?",
    ]
    assert data["mainEntity"][0]["acceptedAnswer"] == {"@type": "Answer", "text": "Tidak. ASN tetap memilih."}


def problems_of(site) -> str:
    return messages(site.build()).replace(str(site.root) + "/", "")


def test_explainer_validation_names_file_and_field(site):
    site.add_explainer("a", Regulation=None, Article="Psl 280", Source=None)
    found = problems_of(site)
    assert "content/aturan/a.md: Regulation: missing — add a line 'Regulation: UU 7/2017' at the top" in found
    assert "content/aturan/a.md: Article: 'Psl 280' is not an article number — write it as Pasal 280" in found
    assert "content/aturan/a.md: Source: missing" in found


def test_malformed_regulation_and_amended_rule_without_amendment(site):
    site.add_explainer("a", Regulation="Undang-Undang 7 2017")
    site.add_explainer("b", Article="Pasal 281", Status="diubah")
    found = problems_of(site)
    assert (
        "content/aturan/a.md: Regulation: 'Undang-Undang 7 2017' is not a regulation — write it as UU 7/2017"
        in found
    )
    assert "content/aturan/b.md: AmendedBy: missing — the rule's Status is 'diubah'" in found


def test_two_explainers_of_one_rule_and_unknown_sections(site):
    site.add_explainer("a")
    site.add_explainer("b", Title="Judul Lain", RegulationTitle="UU Pemilu yang lain")
    site.add_explainer("c", Title="Judul Ketiga", Article="Pasal 281", body="## Sanksinya\n\nPidana.\n")
    site.add_explainer(
        "d", Title="Judul Keempat", Article="Pasal 282", body="## Tanya jawab\n\n### Tanpa jawaban?\n"
    )
    found = problems_of(site)
    assert (
        "content/aturan/b.md: Article: Pasal 280 ayat (2) UU 7/2017 is already explained in content/aturan/a.md"
        in found
    )
    assert (
        "content/aturan/c.md: Body: '## Sanksinya' is not an explainer section — did you mean '## Sanksi'?"
        in found
    )
    assert "content/aturan/d.md: Body: the question '### Tanpa jawaban?' has no answer" in found


def test_regulation_title_must_agree_across_explainers(site):
    site.add_explainer("a")
    site.add_explainer("b", Title="Pasal Lain", Article="Pasal 281", RegulationTitle="UU tentang Pemilu")
    assert "content/aturan/b.md: RegulationTitle: differs from content/aturan/a.md" in problems_of(site)


def test_citations_link_first_occurrence_to_the_explainer(site):
    site.add_explainer("larangan-asn")
    site.add_article("patroli", body=CITING)
    assert site.build().ok
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    assert rule_links(page) == [
        ("Undang-Undang Nomor 7 Tahun 2017", "/aturan/uu-7-2017/"),
        ("Pasal 280 ayat (2)", "/aturan/uu-7-2017/pasal-280-ayat-2/"),
    ]
    box = page.select_one("aside.cited-rules")
    assert [a["href"] for a in box.select("a")] == ["/aturan/uu-7-2017/pasal-280-ayat-2/"]
    assert box.h2.get_text() == "Aturan yang dirujuk"


def test_most_specific_explainer_that_exists(site):
    site.add_explainer("pasal-71", **PILKADA)
    body = "Pasal 71 ayat (1) UU 10/2016 melarang kepala desa. Pasal 187A UU Pilkada mengancam pidana."
    site.add_article("a", body=body)
    result = site.build()
    assert result.ok
    assert rule_links(site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")) == [
        ("Pasal 71 ayat (1) UU 10/2016", "/aturan/uu-10-2016/pasal-71/"),
        ("Pasal 187A UU Pilkada", "/aturan/uu-10-2016/"),
    ]
    assert "cites Pasal 187A UU 10/2016, which has no explainer yet" in messages(site.check())


def test_never_links_inside_links_headings_code_or_boxes(site):
    site.add_explainer("larangan-asn")
    body = (
        "## Pasal 280 ayat (2) UU 7/2017\n\n"
        "Lihat [Pasal 280 ayat (2) UU 7/2017](https://example.org/).\n\n"
        "`Pasal 280 ayat (2) UU 7/2017`\n\n"
        '<aside class="baca-juga" aria-label="Baca juga"><a href="/x/">Pasal 280 ayat (2) UU Pemilu</a></aside>\n\n'
        "Akhirnya Pasal 280 ayat (2) UU 7/2017 disebut di paragraf biasa."
    )
    site.add_article("a", body=body)
    assert site.build().ok
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    links = page.select("a.rule-link")
    assert len(links) == 1
    assert links[0].parent.name == "p" and links[0].parent.get_text().startswith("Akhirnya")
    assert page.select_one("code").get_text() == "Pasal 280 ayat (2) UU 7/2017"


def test_rules_field_adds_rules_and_rejects_unknown_ids(site):
    site.add_explainer("larangan-asn")
    site.add_article("a", body="Tanpa kutipan pasal.", Rules="uu-7-2017-pasal-280-ayat-2")
    assert site.build().ok
    page = site.page("berita/bawaslu-kota-bengkulu-patroli-media-sosial-asn/")
    assert [a["href"] for a in page.select("aside.cited-rules a")] == ["/aturan/uu-7-2017/pasal-280-ayat-2/"]

    site.add_article("b", Title="Lain", Rules="uu-7-2017-pasal-281, pasal 280")
    found = problems_of(site)
    assert (
        "content/artikel/b.md: Rules: 'uu-7-2017-pasal-281' is not a rule with an explainer — known rules:"
        in found
    )
    assert (
        "content/artikel/b.md: Rules: 'pasal 280' is not a rule id — write it as uu-7-2017-pasal-280-ayat-2"
        in found
    )


def test_backlinks_newest_first_published_only(site):
    site.add_explainer("larangan-asn")
    site.add_article("lama", Title="Berita Lama", Date="2024-10-01 09:00", body=CITING)
    site.add_article("baru", Title="Berita Baru", Date="2024-10-09 09:00", body=CITING)
    site.add_article("draf", Title="Berita Draf", Date="2024-10-10 09:00", Status="draft", body=CITING)
    site.add_article("lain", Title="Berita Lain", Date="2024-10-11 09:00", body="Tidak menyebut aturan.")
    assert site.build().ok
    citing = site.page("aturan/uu-7-2017/pasal-280-ayat-2/").select_one(".citing")
    assert citing.h2.get_text() == "Berita yang merujuk aturan ini"
    assert [a.get_text() for a in citing.select("a")] == ["Berita Baru", "Berita Lama"]
    regulation = site.page("aturan/uu-7-2017/").select_one(".citing")
    assert [a.get_text() for a in regulation.select("a")] == ["Berita Baru", "Berita Lama"]


def test_index_grouped_by_regulation_and_topic(site):
    site.add_explainer("larangan-asn")
    site.add_explainer("pasal-71", **PILKADA)
    assert site.build().ok
    index = site.page("aturan/")
    by_regulation, by_topic = index.select("main section")
    assert [h.get_text(" ", strip=True) for h in by_regulation.select("h3")] == [
        "UU 7/2017 (UU Pemilu)",
        "UU 10/2016 (UU Pilkada)",
    ]
    assert [h["id"] for h in by_topic.select("h3")] == ["topik-kampanye", "topik-netralitas-asn"]
    assert len(by_topic.select("#topik-netralitas-asn + ul li")) == 2
    regulation = site.page("aturan/uu-10-2016/")
    assert [a["href"] for a in regulation.select(".rule-list a")] == ["/aturan/uu-10-2016/pasal-71/"]
    home = site.page("")
    assert home.select_one('.menu a[href="/aturan/"]').get_text() == "Aturan"


def test_cited_rules_are_set_before_all_generators_finalized(site):
    site.add_explainer("larangan-asn")
    site.add_article(
        "a", body=CITING + "\n\nJuga Pasal 187A ayat (1) UU Nomor 10 Tahun 2016 dan UU Nomor 20 Tahun 2023."
    )
    seen = {}

    def record(generators):
        for generator in generators:
            for article in getattr(generator, "articles", []):
                seen[article.slug] = (getattr(article, "cited_rules", None), article._content)

    signals.all_generators_finalized.connect(record)
    try:
        assert site.build().ok
    finally:
        signals.all_generators_finalized.disconnect(record)
    rules, content = seen["bawaslu-kota-bengkulu-patroli-media-sosial-asn"]
    assert rules == ("uu-7-2017/pasal-280/ayat-2", "uu-10-2016/pasal-187a/ayat-1", "uu-20-2023")
    assert 'class="rule-link"' in content


def test_two_builds_are_byte_identical(site, tmp_path):
    site.add_explainer("larangan-asn")
    site.add_article("a", body=CITING)
    assert site.build().ok
    first = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert site.build().ok
    second = {p.relative_to(site.output): p.read_bytes() for p in site.output.rglob("*") if p.is_file()}
    assert first == second


def test_amended_rule_shows_a_notice(site):
    site.add_explainer("a", Status="diubah", AmendedBy="UU 6/2020")
    assert site.build().ok
    notice = site.page("aturan/uu-7-2017/pasal-280-ayat-2/").select_one(".rule-notice")
    assert notice.get_text().startswith("Aturan ini sudah diubah oleh UU 6/2020.")


def test_an_alias_names_one_regulation(site):
    site.add_explainer("a")
    site.add_explainer("b", **{**PILKADA, "Aliases": "UU Pemilu"})
    assert "content/aturan/b.md: Aliases: 'UU Pemilu' already names UU 7/2017" in problems_of(site)
