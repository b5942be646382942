"""What every app cites: sources and statements, which models are published content, the content signal and memo.

Also the editors' CSV imports and their previews. The lowest layer: it imports no app of ours.
"""
