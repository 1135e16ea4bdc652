"""Static site generator for browsable research-paper catalogues."""
