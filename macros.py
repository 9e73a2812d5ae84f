"""mkdocs-macros' module: the macros of the site's own pages (the home page's plan index, the kindergarten
index, the calendar, the tags, the open data, the editors' guide and the form editor).

Thin glue: the `pairing` plugin (pairing/site/plugin.py) has loaded and checked everything before this runs and
makes each macro's HTML from its templates. mkdocs-macros renders only pages that ask for it with
`render_macros: true` (mkdocs.yml: render_by_default: false); plan pages and generated pages are never
templates: the plugin fills their parts itself.
"""


def define_env(env):
    """Register the site macros, each rendering for the page being built."""
    site = env.conf.plugins["pairing"]
    for name, macro in site.site_macros(lambda: env.page.url).items():
        env.macro(macro, name)
