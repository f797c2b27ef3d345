"""How rule and tagger candidates combine: each setting was chosen by cross-validation.

The functions read these at call time (settings.NAME), so an experiment can change
one in a single place.
"""

# Every setting below was checked again with the averaged, 10-epoch listening tagger
# (trained on train articles whose index mod 5 is not 0, scored on the other fifth,
# F1 0.715): REQUIRE_AGREEMENT True 0.710, AGREED_CONTENT "tagger" 0.711 and "rule"
# 0.707, DROP_NESTED False 0.708; AGREEMENT 0.1 or 0.35 and FILL_FROM_SUBJECT False
# changed nothing. So each kept its value. Checked again with the tagger that reads
# features.py, seeds 0 and 1 (F1 0.723 and 0.717): REQUIRE_AGREEMENT True 0.719 and
# 0.714, AGREED_CONTENT "tagger" 0.722 and 0.716, DROP_NESTED False 0.717 and 0.710;
# AGREEMENT 0.1 or 0.35 within 0.001. Kept again. With the width-128, depth-3 tagger
# (F1 0.7263, speaker 0.9285): REQUIRE_AGREEMENT True 0.7247 (speaker 0.9314),
# AGREED_CONTENT "tagger" 0.7250, DROP_NESTED False 0.7194. Kept again.
AGREEMENT = 0.2  # content Jaccard above which a rule and a tagger candidate are one
# Whether rule candidates with a non-speech cue ("believes", "showed", "wants") need
# the tagger to agree. Cross-validated on train (tagger trained on 4/5, scored on the
# held-out 1/5, snapshots after 3 to 6 epochs): keeping them raised content F1 by
# 0.005 to 0.014 (recall +0.02 to +0.04) at a cost of 0.003 to 0.007 speaker accuracy.
REQUIRE_AGREEMENT = False
DROP_NESTED = True
# Whose content a rule and tagger candidate that agree keep: "rule", "tagger",
# "union", or "cue": the tagger's when both marked the same cue, else the rule's (when
# they agree only on content, the tagger's content often belongs to a report nested
# in or next to the rule's). Same cross-validation: "cue" beat "tagger" by 0.003 to
# 0.005 F1 at every snapshot; "rule" won speaker accuracy but lost F1 on the
# better-trained snapshots.
AGREED_CONTENT = "cue"
FILL_FROM_SUBJECT = True
