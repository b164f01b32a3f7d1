"""Pure analysis: readers, outline, extraction pipeline. Imports neither eolens.data nor Qt."""
