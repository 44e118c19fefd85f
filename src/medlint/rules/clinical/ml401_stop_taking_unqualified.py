from __future__ import annotations

from collections import defaultdict

from ...data import extended_lexicon
from ...diagnostics import Severity
from ...document import ProseBlock
from ...language.stop_taking import default_lexicon, find_unqualified_stop_advice
from ...rule import Context, Rule


class StopTakingUnqualified(Rule):
    """Advice to stop or change a medicine must send the reader to a clinician first.

    ## What it does
    Finds advice to stop, skip, quit, pause, halve, taper or "come off" a medication,
    supplement or treatment, or to change its dose or swap it for something else
    ("Stop taking your statin", "You can skip your evening dose", "Try a month
    without your reflux tablets", "Take an extra puff of your steroid inhaler",
    "Swap your propranolol for feverfew", "There's no need to keep taking vitamin D",
    "You don't need to finish the course") that is not qualified by a clinician —
    doctor, GP, nurse, pharmacist, prescriber, care team, an emergency line ("call
    111", 911, 999, poison control), "under medical supervision", "unless told to" —
    in the same sentence or the sentence before or after it in the same paragraph or
    list item, once per sentence; the first sentence of the next item of the same
    list also counts as the sentence after ("- Stop taking ibuprofen if you have black
    stools." / "- Call your doctor straight away." passes). A shop assistant, a
    friend, a forum or a customer care team is not a clinician, and neither is a
    clinician named as the one who prescribed, or who may prescribe in the sentence
    before ("Your doctor may prescribe tamsulosin. ... you can leave it off once the
    stone has passed."; after the advice it is a next step and qualifies), or
    one the article distrusts ("Doctors
    hand out antidepressants like sweets. Ditch yours.", "My GP was horrified when I
    stopped.").

    The wording is recognised by kind, not by fixed sentence:
    - **switches**: "swap X for Y", "replace your inhaler with…", "change from X to
      Y", "use Y rather than metformin", "… instead of your antiviral cream", "X works
      just as well, so you can drop Y";
    - **letting a medicine lapse or resting from it**: "let the prescription lapse",
      "don't bother renewing", "no need to reorder", "cancel your repeat
      prescription", "leave the patch off", "put the tablets away", "give your pills a
      rest", "take a week off the tablets", "have a drug holiday";
    - **telling the reader they won't need it**: "you won't need your inhaler any
      more", "no need for your water tablet", "you can manage without your
      antacids", "you'll be able to throw away your painkillers";
    - **a day or a course length** of a medicine named before: "you can skip a day",
      "you don't need to finish the full four weeks", "drop the last two weeks of
      terbinafine";
    - **a carer giving it**: "there's no need to give paracetamol every four hours",
      "you don't need to keep giving your child ibuprofen";
    - **dose changes in other words**: "take half your usual dose", "one tablet
      instead of two", "every other day", "space your doses out", "try a smaller
      dose", "go down a dose", "top up with an extra…", "take a couple more sachets",
      "go up to 4 a day" (after a medicine was named), "take more
      than the label says", "delay your next dose";
    - **not starting it**: "say no to the statin your GP offers", "decline the
      antibiotics";
    - **sentence shapes**: "you're ready to come off…", "it's fine to miss a few
      doses of…", "there's nothing wrong with skipping…", "Stopping your statin for a
      month is worth a try", questions that suggest ("Why keep taking a statin when
      plant sterols do the same job?", "Who needs painkillers when you have
      turmeric?"), experiments ("see how you get on without your tablets", "try
      turmeric and see if you can reduce your statin"), a bare "stop" after a
      medicine was named ("Hay fever tablets: stop once the season ends", "you can
      just stop at the end without tapering", "stop cold turkey"), a taper with no
      object ("## Wean yourself off in eight weeks"), a time clause with no comma
      ("once you're home you don't need to finish ..."), and "it"/"them" for a
      medicine named up to two sentences before.

    A medicine is a medication, supplement or treatment named by its kind ("your
    tablets", "the cream", "the spray"), its class, its generic or brand name (also
    an unlisted generic by its stem: "-statin", "-mab", "-azole", ...), or a
    capitalised name swapped for a medicine ("swap your Kwells for our ginger
    capsules"). An "instead of" or "rather than" after a cause is no switch ("red
    eyes, often from the preservative rather than the medicine itself"). The
    objects that make these phrases advice about something else stay quiet: "swap
    crisps for fruit", "switch to decaf", "cut down on alcohol", "take a break from
    screens", "replace your inhaler with a new one".

    It reads all of the article's prose: paragraphs, headings, list items, table
    cells, block quotes, GitHub alerts (`> [!WARNING]`), the text inside raw HTML
    blocks (`<div class="callout">`) and, in `.mdx` files, inside JSX components. A
    warning box that tells the reader to stop a medicine is advice. The cells of a
    table row are read in order, like the sentences of a paragraph.

    Not advice, so not reported: negated advice ("Do not stop taking…"),
    descriptions ("Many people stop taking statins…"), first-person accounts,
    consequence conditionals ("If you stop taking the pill, your cycle may change"),
    temporal clauses ("while you taper the dose"), questions, code, adjectives that
    look like verbs ("Lower doses of zinc are found in multivitamins"), and stopping
    things that are not medicines ("stop smoking"). "Stop taking it and call your doctor if you get a rash" names the
    clinician and passes.

    The leaflet's missed-dose instruction ("If it is nearly time for your next dose,
    skip the missed one and take your next dose at the usual time") is not reported:
    the dose is already missed, and the instruction keeps the schedule and prevents a
    double dose, so it is neither a discontinuation nor a dose change (SPEC §12: "the
    whole family of self-directed discontinuation and dose change"). Skipping a dose
    that is not missed ("Skip tomorrow's dose if you feel dizzy") is reported.

    Saying a medicine is not needed for something it does not treat ("There's no need
    to give antibiotics for a cold", "no point taking vitamin C to prevent colds") is
    not reported either: the medicine is named in general and what it would be for
    follows, so the sentence is about not starting it, which is neither stopping nor
    a dose change. It is still reported when the medicine is one the reader has ("the
    antibiotics", "your statin"), when "for" opens a stretch of time ("no need to give
    paracetamol for more than three days") or when the sentence says the reader is on
    it ("no need to continue antibiotics once you feel better", "... any more").
    Turning down a medicine a clinician offers ("say no to the statin your GP offers")
    is reported, as above.

    ## Why it matters
    Stopping some medicines suddenly is dangerous: beta-blockers, steroids,
    antidepressants, anticonvulsants, blood thinners and insulin among them. A reader
    who follows unqualified advice can be badly harmed; patient information always
    routes the decision through the prescriber.

    ## Example
    ```markdown
    If your legs ache, stop taking your statin for a week and see if it helps.
    ```

    ## Use instead
    ```markdown
    If your legs ache, talk to your doctor before you stop taking your statin.
    ```

    ## Options
    - `lexicon` (string): a YAML file that extends the shipped cue lists
      (`medlint/data/lexicons/stop_taking.yaml`): add your own medication names,
      clinician words or qualifier phrases under the same keys. A relative path is
      read from the folder of the config file that sets it.
    """

    code = "ML401"
    name = "stop-taking-unqualified"
    summary = "Advice to stop or change a medication with no 'talk to your doctor'"
    severity = Severity.ERROR
    messages = {
        "advice": "advice to stop or change a medicine (\"{phrase}\") without sending the reader to a clinician",
    }
    options_schema = {
        "type": "object",
        "properties": {"lexicon": {"type": ["string", "null"], "default": None,
                                   "description": "YAML file extending the shipped stop-taking cue lists."}},
        "additionalProperties": False,
    }
    path_options = ("lexicon",)

    def check(self, ctx: Context) -> None:
        path = self.options.get("lexicon")
        lex = extended_lexicon("stop_taking", path) if path else default_lexicon()
        units: dict[int, list] = defaultdict(list)
        following: dict[int, ProseBlock | None] = {}
        for block in ctx.doc.prose_blocks(quoted=True):  # every container, quotes included
            unit = block.unit
            # A table row is read like a paragraph: its cells in order, so "| Ibuprofen
            # 400 mg | Stop it once the turmeric kicks in |" names what "it" is.
            key = id(unit.parent) if unit.type == "table_cell" and unit.parent is not None else id(unit)
            units[key].extend(block.sentences)
            following[key] = block.next_in_list
        for key, sentences in units.items():
            texts = [s.text for s in sentences]
            nxt = following[key]
            if nxt is not None and nxt.sentences:
                texts.append(nxt.sentences[0].text)  # the next item of the same list is adjacent
            reported: set[int] = set()
            for advice in find_unqualified_stop_advice(texts, lex):
                if advice.sentence >= len(sentences):
                    continue  # in the next item: reported with its own item
                if advice.sentence in reported:
                    continue  # once per sentence: "Take an extra puff rather than reaching for the reliever"
                reported.add(advice.sentence)
                sentence = sentences[advice.sentence]
                start, end = sentence.span(advice.start, advice.end)
                ctx.report(start, end, "advice", phrase=advice.phrase,
                           hint="add \"talk to your doctor before you stop\" in this or the next sentence")

