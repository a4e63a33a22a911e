"""The workbench's pages: one module per screen, each a router built from the `Workbench`. A page
calls the services through their clients, builds a plain view model and renders one template."""
