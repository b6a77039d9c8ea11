"""AI Glossary backend: the dictionary, the matcher, the annotate API and the term pages."""
