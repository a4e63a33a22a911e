"""The pure domain of the invoicing service: the JW323 matcher, the match policy, the JW325
answer model, the answer deadline and the events. No I/O, clock, uuid or framework here.

Entry points: `matcher.match_declaration`, `matcher.rematch_line`, `policy.MatchPolicy`,
`answer.build_answer`, `deadline.lines_to_auto_reject`, `decisions.decide_receipt`. The choices
made where the standard leaves room are listed in `interpretations.py`.
"""
