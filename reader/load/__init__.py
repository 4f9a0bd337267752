"""Loading articles: strict YAML reading, schema checks, building and resolving articles, file stamps."""
