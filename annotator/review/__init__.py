"""Several annotators on one project: their layers, agreement, adjudication into gold, merge, assignment.

``layers`` loads annotators' work in bulk; ``metrics`` and ``agreement`` compute the figures of
``annotator agree``; ``alignment`` lines up one article's layers into review items, which the
commands of ``adjudicate`` (and ``revoke``) decide; ``project`` runs accept-agreed over a whole
project; ``merge`` folds in another project file; ``assign`` hands out articles. Nothing here imports Qt.
"""
