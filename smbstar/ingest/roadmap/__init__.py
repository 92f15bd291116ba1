"""The SMB-STAR roadmap (000_ad982b00eef8a1f3.txt): divisions (분과), technology areas and their sections.

`structure` finds the areas and the lettered sections inside them; the other modules each read one kind of
section (candidates, milestones, firms, contacts, markets) or the survey chapter Ⅶ.
"""
