"""Relevance on the demo content: each query must find its page in the top three.

Queries are typed the way visitors type them: without diacritics, in other grammatical
cases, a few words at once, in each of the five languages. Runs on whichever database the
suite uses (SQLite locally; PostgreSQL in CI with DATABASE_URL), through the live demo
server the browser tests use, so the demo is loaded once per test run.
"""

import re
import urllib.parse
import urllib.request

# (language, query, slug of the page that must be in the top three)
RELEVANCE_SET = [
    ("sl", "proracuna obcine", "qa-budget"),
    ("sl", "participativni proracun ajdovscina", "participatory-budgeting-ajdovscina"),
    ("sl", "proracunu", "qa-budget"),
    ("sl", "obcinski prostorski nacrt", "qa-spatial-plan"),
    ("sl", "delavnice kamnik", "kamnik-spatial-plan-workshops"),
    ("sl", "solski proracun", "gabrovo-school-participatory-budget"),
    ("sl", "nevladnimi organizacijami", "ngo-cooperation-hoce-slivnica"),
    ("sl", "mladi lokalna politika", "youth-policy-kanal-ob-soci"),
    ("sl", "koordinatorja participacije", "participation-coordinator"),
    ("sl", "odloka", "qa-ordinance"),
    ("sl", "razvojne strategije", "qa-strategy"),
    ("sl", "obvescanje javnosti", "informing"),
    ("sl", "zakaj vkljucevati ljudi", "why-involve"),
    ("sl", "drzavljanski forum haskovo", "civic-forum-haskovo"),
    ("en", "participatory budget Ajdovscina", "participatory-budgeting-ajdovscina"),
    ("en", "municipal budgets", "qa-budget"),
    ("en", "spatial plans", "qa-spatial-plan"),
    ("en", "ordinances", "qa-ordinance"),
    ("en", "coordinators regional authorities online workshop", "participation-coordinators-workshop-2027"),
    ("en", "school budget Gabrovo", "gabrovo-school-participatory-budget"),
    ("en", "consulting the public", "consulting"),
    ("en", "evaluating process", "evaluation"),
    ("en", "young people local policy", "youth-policy-kanal-ob-soci"),
    ("bg", "общинския бюджет", "qa-budget"),
    ("bg", "партиципаторно бюджетиране", "participatory-budgeting-ajdovscina"),
    ("bg", "устройствен план", "qa-spatial-plan"),
    ("bg", "наредбата", "qa-ordinance"),
    ("bg", "координатори по участието височина", "participation-coordinators-vysocina-region"),
    ("bg", "граждански форум хасково", "civic-forum-haskovo"),
    ("bg", "информиране на обществеността", "informing"),
    ("bg", "ученически бюджет", "gabrovo-school-participatory-budget"),
    ("cs", "rozpoctu obce", "qa-budget"),
    ("cs", "uzemni plan", "qa-spatial-plan"),
    ("cs", "koordinatora participace", "participation-coordinator"),
    ("cs", "obecni vyhlasky", "qa-ordinance"),
    ("cs", "participativni rozpocet Ajdovscina", "participatory-budgeting-ajdovscina"),
    ("cs", "verejne dilny Kamnik", "kamnik-spatial-plan-workshops"),
    ("cs", "neziskovymi organizacemi", "ngo-cooperation-hoce-slivnica"),
    ("cs", "diagnoza uradu", "diagnosis"),
    ("sk", "rozpoctu obce", "qa-budget"),
    ("sk", "koordinatorov participacie", "participation-coordinators-vysocina-region"),
    ("sk", "uzemneho planu", "qa-spatial-plan"),
    ("sk", "mimovladnymi organizaciami", "ngo-cooperation-hoce-slivnica"),
    ("sk", "skolsky rozpocet Gabrove", "gabrovo-school-participatory-budget"),
    ("sk", "strategie rozvoja", "qa-strategy"),
    ("sk", "obcianske forum Chaskove", "civic-forum-haskovo"),
]
RESULT_LINK = re.compile(r'<ol class="search-results"[^>]*>(.*?)</ol>', re.S)


def top_slugs(html, count=3):
    match = RESULT_LINK.search(html)
    urls = re.findall(r'<h2><a href="([^"]+)"', match.group(1)) if match else []
    return [url.rstrip("/").rsplit("/", 1)[-1] for url in urls[:count]]


def search_page(base_url, language, query):
    url = f"{base_url}/{language}/search/?{urllib.parse.urlencode({'q': query})}"
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310 (our own local server)
        assert response.status == 200
        return response.read().decode()


def test_relevance_set_is_large_and_covers_every_language():
    assert len(RELEVANCE_SET) >= 40
    assert {language for language, _query, _slug in RELEVANCE_SET} == {"sl", "en", "bg", "cs", "sk"}


def test_each_query_finds_its_page_in_the_top_three(live_url):
    misses = []
    for language, query, slug in RELEVANCE_SET:
        found = top_slugs(search_page(live_url, language, query))
        if slug not in found:
            misses.append(f"{language} {query!r}: wanted {slug}, got {found}")
    score = 1 - len(misses) / len(RELEVANCE_SET)
    print(f"\nRelevance: {len(RELEVANCE_SET) - len(misses)}/{len(RELEVANCE_SET)} in the top 3 ({score:.0%})")
    assert not misses, "\n".join(misses)
