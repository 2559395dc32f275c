"""`dossier serve`: the knowledge base in a browser, each page with its JSON twin under /api/."""
