"""Finding a dictionary's surface forms in text: the automaton, and offsets in UTF-16 units."""
