#!/usr/bin/env python3
"""Turns an Etalase site (as benches/build.rs generates it) into a Hugo site
with the same entries and the same pages: one page per published entry,
listings by kind, category and kecamatan paginated like Etalase's, a 404.

    python3 benches/peers/to_hugo.py ETALASE_SITE HUGO_SITE

Needs PyYAML (apt-get install python3-yaml). Used by benches/peers/compare.sh.
"""

import os
import re
import sys

import yaml


def slugify(text):
    return re.sub(r"[^a-z0-9]+", "-", str(text).lower()).strip("-")


def front_matter(text):
    """The front matter mapping and the body of a Markdown entry."""
    text = text.lstrip("\ufeff")
    if not text.startswith("---"):
        return {}, text
    _, head, body = re.split(r"^---\s*$", text, maxsplit=2, flags=re.M)
    return yaml.safe_load(head) or {}, body


def entries(site):
    """(kind, slug, fields, body) of every published entry."""
    for kind in ("umkm", "koperasi", "pkl"):
        top = os.path.join(site, "content", kind)
        for folder, _, files in sorted(os.walk(top)):
            for name in sorted(files):
                path = os.path.join(folder, name)
                stem, ext = os.path.splitext(name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                if ext == ".md":
                    fields, body = front_matter(text)
                    items = [(fields, body, fields.get("slug") or slugify(stem))]
                elif ext == ".yaml":
                    data = yaml.safe_load(text)
                    if isinstance(data, list):
                        items = [(d, d.get("description", ""), d.get("slug") or slugify(d["name"])) for d in data]
                    else:
                        items = [(data, data.get("description", ""), data.get("slug") or slugify(stem))]
                else:
                    continue
                for fields, body, slug in items:
                    if not fields.get("draft"):
                        yield kind, slug, fields, body


LAYOUTS = {
    "_default/baseof.html": """<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>{{ .Title }} · {{ .Site.Title }}</title></head>
<body><header><a href="{{ .Site.BaseURL }}">{{ .Site.Title }}</a></header><main>{{ block "main" . }}{{ end }}</main></body></html>
""",
    "_default/single.html": """{{ define "main" }}<article><h1>{{ .Title }}</h1>
<p>{{ .Params.address }} {{ .Params.phone }}</p>
{{ range .Params.categories }}<a href="{{ "categories/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}
{{ range .Params.kecamatan }}<a href="{{ "kecamatan/" | relURL }}{{ . | urlize }}/">{{ . }}</a>{{ end }}
<ul>{{ range .Params.products }}<li>{{ .name }} {{ with .price }}Rp {{ lang.FormatNumber 0 . }}{{ end }}</li>{{ end }}</ul>
{{ .Content }}</article>{{ end }}
""",
    "_default/list.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Paginator.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ .Params.address }}</li>{{ end }}</ul>
{{ with .Paginator }}{{ if .HasPrev }}<a href="{{ .Prev.URL }}">‹</a>{{ end }} {{ .PageNumber }}/{{ .TotalPages }} {{ if .HasNext }}<a href="{{ .Next.URL }}">›</a>{{ end }}{{ end }}{{ end }}
""",
    "_default/terms.html": """{{ define "main" }}<h1>{{ .Title }}</h1><ul>
{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
""",
    "index.html": """{{ define "main" }}<h1>{{ .Site.Title }}</h1>
<ul>{{ range first 12 .Site.RegularPages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
""",
    "404.html": """{{ define "main" }}<h1>Halaman tidak ditemukan</h1>{{ end }}
""",
}


def main():
    site, out = sys.argv[1], sys.argv[2]
    with open(os.path.join(site, "site.yaml"), encoding="utf-8") as f:
        config = yaml.safe_load(f)
    categories = {c["slug"]: c["name"] for c in config.get("categories", [])}
    paginate = config.get("paginate", 24)
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "config.yaml"), "w", encoding="utf-8") as f:
        yaml.safe_dump(
            {
                "baseURL": config["base_url"],
                "title": config["title"],
                "paginate": paginate,
                "taxonomies": {"kind": "kinds", "category": "categories", "kecamatan": "kecamatan"},
                "disableKinds": ["RSS"],
            },
            f,
            allow_unicode=True,
        )
    for rel, text in LAYOUTS.items():
        path = os.path.join(out, "layouts", rel)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        with open(path, "w", encoding="utf-8") as f:
            f.write(text)
    count = 0
    for kind, slug, fields, body in entries(site):
        meta = {
            "title": fields["name"],
            "kinds": [kind],
            "categories": [categories.get(fields.get("category"), fields.get("category"))],
            "kecamatan": [fields.get("district")],
            "address": fields.get("address"),
            "phone": fields.get("phone"),
            "products": [p if isinstance(p, dict) else {"name": p} for p in fields.get("products") or []],
        }
        folder = os.path.join(out, "content", kind)
        os.makedirs(folder, exist_ok=True)
        with open(os.path.join(folder, slug + ".md"), "w", encoding="utf-8") as f:
            f.write("---\n")
            yaml.safe_dump(meta, f, allow_unicode=True)
            f.write("---\n")
            f.write(body or "")
        count += 1
    print(f"{count} entries written to {out}")


if __name__ == "__main__":
    main()
