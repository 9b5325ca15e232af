"""Writes nltk_corpus_bleu.json: corpus BLEU of pre-tokenized corpora by NLTK, a reference independent of sacreBLEU.

Run with Debian's python3-nltk (3.8):  /usr/bin/python3 nltk_corpus_bleu.py
NLTK's corpus_bleu without smoothing equals sacreBLEU with tokenize='none' and smooth_method='none': clipped counts
against the highest count in any reference, closest reference length (shorter on ties), brevity penalty. One known
difference: NLTK counts at least one n-gram per segment and order (max(1, count)), so every hypothesis here has at
least four words, where the two agree.
"""
import json
import random

import nltk
from nltk.translate.bleu_score import corpus_bleu

WORDS = ("the a cat dog sat on mat log and was is it not . , ? "
         "кот пёс сидел на коврике и был не это , . ?").split()


def edited(tokens, rng):
    """A noisy copy: some words replaced, dropped or inserted."""
    out = []
    for t in tokens:
        r = rng.random()
        if r < 0.15:
            out.append(rng.choice(WORDS))
        elif r < 0.22:
            continue
        else:
            out.append(t)
        if rng.random() < 0.07:
            out.append(rng.choice(WORDS))
    while len(out) < 4:
        out.append(rng.choice(WORDS))
    return out


def corpus(seed, segments):
    rng = random.Random(seed)
    hyps, refs = [], []
    for _ in range(segments):
        source = [rng.choice(WORDS) for _ in range(rng.randint(3, 15))]
        refs.append([edited(source, rng) for _ in range(rng.randint(1, 3))])
        hyps.append(edited(source, rng))
    return hyps, refs


# The example of NLTK's corpus_bleu docstring (expected 0.5920...).
cases = [{
    "name": "nltk docstring example",
    "hypotheses": [
        "It is a guide to action which ensures that the military always obeys the commands of the party".split(),
        "he read the book because he was interested in world history".split(),
    ],
    "references": [
        ["It is a guide to action that ensures that the military will forever heed Party commands".split(),
         "It is the guiding principle which guarantees the military forces always being under the command of the Party".split(),
         "It is the practical guide for the army always to heed the directions of the party".split()],
        ["he was interested in world history because he read the book".split()],
    ],
}]
for seed in range(1, 9):
    hyps, refs = corpus(seed, 5 + 3 * seed)
    cases.append({"name": f"random corpus {seed}", "hypotheses": hyps, "references": refs})

for case in cases:
    case["bleu"] = corpus_bleu(case["references"], case["hypotheses"])
    case["hypotheses"] = [" ".join(h) for h in case["hypotheses"]]
    case["references"] = [[" ".join(r) for r in rs] for rs in case["references"]]

with open("nltk_corpus_bleu.json", "w", encoding="utf-8") as f:
    json.dump({"generator": f"nltk {nltk.__version__} corpus_bleu, default weights, no smoothing", "cases": cases},
              f, ensure_ascii=False, indent=1)
