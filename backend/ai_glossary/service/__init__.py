"""The one core that the CLI and the web both call: annotate, term data, search and cards."""
