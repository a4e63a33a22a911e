"""The workbench's pages: one module per screen, each a `router(wb)` built from the `Workbench`.

A page calls the services through their clients (services/web/clients/, one per service), builds
a plain view model (a dataclass) and renders one template; a fragment htmx swaps in is a template
under templates/partials/ that the full page includes. Every form posts with `ui.csrf()` and
answers with a redirect (`context.redirect`, with a flash key for templates/partials/flash.html)
or the same page again with `errors` (field -> message key; the Dutch text is in the template).
To add a screen: a client call, a module here with its router (listed in app.py), a template,
one line in navigation.py, and a browser test that passes each page to `visit.check`.
"""
