#!/usr/bin/env python3
"""Generates N synthetic articles twice: as a valid evidoc content folder and
as a minimal Hugo site with the same Markdown (one page template, one index
page). Seeded, so the same N and seed give the same bytes.

Each article has ~1,000 words in short plain sentences, numbered citations
([@refK], CSL-JSON bibliography), glossary words (first use becomes an inline
definition in evidoc), cross-links to other articles, a hero image and an
inline image, red flags, related articles and questions to ask.

usage: gen_content.py N OUT [--seed S]
  writes OUT/evidoc (content folder) and OUT/hugo (Hugo site)
"""
import argparse
import json
import os
import random
import shutil

WORDS = ("leg arm back foot hand knee hip neck skin blood pain ache cramp rest sleep walk "
         "run day night week month year doctor nurse test scan drug pill dose water salt food "
         "heat cold warm sore red swell stiff weak tired help care sign risk cause age child "
         "adult body muscle nerve joint bone heart lung vein clot step stretch move sit stand "
         "lie bed chair shoe sock diet tea milk fruit fish egg bread rice soup cup glass").split()
VERBS = "can may will should often help make feel get keep take stop start ease ask check".split()
GLOSSARY = ("placebo trial symptom chronic acute dose tendon ligament cartilage inflammation "
            "diuretic electrolyte potassium magnesium sodium calcium thrombosis embolism "
            "ultrasound biopsy infection antibiotic steroid spasm reflex neuropathy sciatica "
            "arthritis gout bursitis cyst edema varicose statin insulin dialysis anaemia "
            "dehydration hormone thyroid").split()


def sentence(rng, extra=None):
    n = rng.randint(7, 11)
    words = [rng.choice(WORDS) for _ in range(n)]
    words.insert(2, rng.choice(VERBS))
    if extra:
        words.insert(rng.randint(3, len(words)), extra)
    s = " ".join(words)
    return s[0].upper() + s[1:]


def article_markdown(rng, i, n, n_refs, n_images, for_hugo):
    """The body (~1,000 words) shared by both generators."""
    parts = []
    cites = 0
    for section in range(5):
        parts.append("## " + sentence(rng).split(" ")[0] + " " + " ".join(rng.sample(WORDS, 3)))
        parts.append("")
        for para in range(3):
            sents = []
            for k in range(5):
                extra = rng.choice(GLOSSARY) if rng.random() < 0.3 else None
                s = sentence(rng, extra)
                if rng.random() < 0.25:
                    other = rng.randrange(n)
                    if other != i:
                        s += " Read about [condition %d](/condition-%05d/)" % (other, other)
                s += "."
                if k == 4 or rng.random() < 0.1:
                    ref = (i * 7 + cites) % n_refs
                    cites += 1
                    s = s[:-1] + " [@ref%d]." % ref
                sents.append(s)
            parts.append(" ".join(sents))
            parts.append("")
        items = [sentence(rng) for _ in range(3)]
        parts.extend("- " + it for it in items)
        parts.append("")
        if section == 1:
            img = rng.randrange(n_images)
            src = ("/images/img%d.svg" if for_hugo else "images/img%d.svg") % img
            parts.append('![A simple drawing number %d](%s "Drawing %d")' % (img, src, img))
            parts.append("")
    return "\n".join(parts)


def svg(k):
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="640" height="360" '
            'viewBox="0 0 640 360"><rect width="640" height="360" fill="#e8f0f8"/>'
            '<circle cx="%d" cy="180" r="80" fill="#005eb8"/></svg>\n' % (100 + (k * 37) % 440))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("n", type=int)
    ap.add_argument("out")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args()
    n = args.n
    ev = os.path.join(args.out, "evidoc")
    hu = os.path.join(args.out, "hugo")
    for d in (ev, hu):
        shutil.rmtree(d, ignore_errors=True)
    for d in (ev + "/articles", ev + "/images", hu + "/content", hu + "/static/images",
              hu + "/layouts/_default"):
        os.makedirs(d)

    n_refs = max(1, min(300, n * 3))
    n_images = 20
    with open(ev + "/site.yaml", "w") as f:
        f.write("title: Bench health\nbase_url: https://example.org\nlanguage: en-GB\n"
                "publisher: bench\nreading_grade_target: 8\nreview_period_months: 36\n")
    refs = []
    for k in range(n_refs):
        refs.append({"id": "ref%d" % k, "type": "article-journal",
                     "title": "A trial of care number %d" % k,
                     "author": [{"family": "Author%d" % k, "given": "A"},
                                {"family": "Writer", "given": "B"}],
                     "container-title": "Journal of Tests", "issued": {"date-parts": [[2000 + k % 24]]},
                     "volume": str(1 + k % 50), "issue": str(1 + k % 12), "page": "%d-%d" % (k, k + 9),
                     "DOI": "10.1000/bench.%d" % k, "PMID": str(10000000 + k)})
    with open(ev + "/references.json", "w") as f:
        json.dump(refs, f, indent=1)
    with open(ev + "/glossary.yaml", "w") as f:
        for g in GLOSSARY:
            f.write("- term: %s\n  aliases: [%ss]\n  definition: A plain word for %s, used in tests.\n"
                    % (g, g, g))
    for k in range(n_images):
        for d in (ev + "/images", hu + "/static/images"):
            with open(os.path.join(d, "img%d.svg" % k), "w") as f:
                f.write(svg(k))

    with open(hu + "/config.toml", "w") as f:
        f.write('baseURL = "https://example.org/"\nlanguageCode = "en-gb"\ntitle = "Bench health"\n'
                'disableKinds = ["taxonomy", "term", "RSS"]\n')
    with open(hu + "/layouts/_default/single.html", "w") as f:
        f.write('<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
                '<title>{{ .Title }} - {{ .Site.Title }}</title>'
                '<meta name="description" content="{{ .Params.summary }}">'
                '<link rel="stylesheet" href="/site.css"></head><body>'
                '<header><a href="/">{{ .Site.Title }}</a></header><main><h1>{{ .Title }}</h1>'
                '<p>{{ .Params.summary }}</p>{{ .Content }}'
                '<p>Page last reviewed: {{ .Params.last_reviewed }}</p></main></body></html>\n')
    with open(hu + "/layouts/index.html", "w") as f:
        f.write('<!doctype html>\n<html lang="en-GB"><head><meta charset="utf-8">'
                '<title>{{ .Site.Title }}</title></head><body><main><h1>{{ .Site.Title }}</h1><ul>'
                '{{ range .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> '
                '{{ .Params.summary }}</li>{{ end }}</ul></main></body></html>\n')

    for i in range(n):
        rng = random.Random(args.seed * 1000003 + i)
        slug = "condition-%05d" % i
        title = "Condition %d %s" % (i, rng.choice(WORDS))
        summary = sentence(rng) + "."
        body_ev = article_markdown(random.Random(args.seed * 7919 + i), i, n, n_refs, n_images, False)
        body_hu = article_markdown(random.Random(args.seed * 7919 + i), i, n, n_refs, n_images, True)
        related = sorted({(i + d) % n for d in (1, 2, 3)} - {i})
        img = i % n_images
        fm = ["---", "title: %s" % title, "slug: %s" % slug, "summary: %s" % summary,
              "codes:", "  - {system: ICD-10-CM, code: R%02d.%d, display: Bench code}" % (i % 100, i % 10),
              "synonyms: [bench word %d, test word %d]" % (i, i),
              "last_reviewed: 2025-01-15", "next_review: 2028-01-15", "reviewers: [bench team]",
              "hero: {src: images/img%d.svg, alt: \"A simple drawing\", width: 640, height: 360}" % img,
              "related: [%s]" % ", ".join("condition-%05d" % r for r in related),
              "red_flags:",
              "  - sign: Your leg is hot and swollen", "    urgency: same_day",
              "    advice: See a doctor today.", "    reason: It can be a clot.",
              "  - sign: You cannot breathe well", "    urgency: emergency",
              "    advice: Call 999 or 112 now.", "    reason: It can be a clot in the lung.",
              "questions_to_ask:", "  - What could cause this?", "  - What can I do at home?",
              "---", ""]
        with open(os.path.join(ev, "articles", slug + ".md"), "w") as f:
            f.write("\n".join(fm) + body_ev)
        hfm = ["---", "title: \"%s\"" % title, "slug: %s" % slug, "summary: \"%s\"" % summary,
               "last_reviewed: 2025-01-15", "---", ""]
        with open(os.path.join(hu, "content", slug + ".md"), "w") as f:
            f.write("\n".join(hfm) + body_hu)


if __name__ == "__main__":
    main()
