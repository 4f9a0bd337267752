"""`reader import`: sources, recognisers (dates, figures, names), parties, and the draft's YAML."""
