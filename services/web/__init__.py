"""The workbench: server-rendered staff screens over the four services' public HTTP APIs."""
