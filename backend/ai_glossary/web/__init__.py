"""The Starlette application: the JSON API, the HTML pages, and their HTTP concerns."""
