from medlint.rules.clinical.ml404_absolute_claim import AbsoluteClaim
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(AbsoluteClaim)

test_absolute_claim = tester.cases(
    valid=[
        "There is no miracle cure for poor sleep.\n",
        "No supplement can cure insomnia on its own.\n",
        "There is no cure for hay fever, but treatment helps.\n",
        '> The label calls it "a miracle detox" and that is all it is: a label.\n',
        "## What is a liver detox?\n\nA liver detox is a diet sold as a cleanse.\n",
        "## Can turmeric cure arthritis?\n",
        "## Liver detox\n",
        "## Miracle cures\n\nThere is no miracle cure for arthritis.\n",
        "## Myths about supplements\n\nThey claim it cures everything.\n",
        "Always take your medicine with food. Never double a dose.\n",
        "Cured meats are high in salt.\n",
        "Most people have no side effects from the vaccine.\n",
        "Run `cures everything` as a test string.\n",
        # issue #12: a heading that names the topic or asks; a cited, hedged fact
        "## What is a liver detox?\n\nA liver detox is a short diet.\n",
        "Antibiotics usually cure strep throat within ten days [1].\n\n## References\n\n1. NICE. Sore throat. 2023.\n",
        "It is 100% natural and tastes of nothing.\n",
    ],
    invalid=[
        # once per sentence, at the first absolute phrase
        Invalid("This supplement cures anxiety and is 100% safe.\n",
                errors=[Expect(1, 17, 1, 22, message_id="absolute")]),
        Invalid("- A miracle pill for weight loss.\n", errors=[Expect(1, 5)]),
        Invalid("# Detox your body in 3 days\n", errors=[Expect(1, 3)]),
        Invalid("Results are guaranteed.\r\n", errors=[Expect(1, 13, 1, 23)]),
        Invalid("| Claim |\n|---|\n| No side effects at all |\n", errors=[Expect(3, 3)]),
        # every container is read (SPEC §12 "What is prose")
        Invalid("> This tea is a miracle detox!\n", errors=[Expect(1, 17)]),
        Invalid("> [!TIP]\n> This balm cures eczema.\n", errors=[Expect(2, 13, 2, 18)]),
        Invalid("## Guaranteed results in a week\n", errors=[Expect(1, 4)]),
        Invalid("<aside>\n  This oil <em>cures</em> arthritis.\n</aside>\n", errors=[Expect(2, 16, 2, 21)]),
        # issue #12: reverse, eliminate ... forever, none of the downsides, as much as you like
        Invalid("Berberine reverses type 2 diabetes.\n", errors=[Expect(1, 11, 1, 24)]),
        Invalid("This balm eliminates eczema forever.\n", errors=[Expect(1, 11, 1, 36)]),
        Invalid("It is natural, with none of the downsides of prescription drugs.\n",
                errors=[Expect(1, 21, 1, 42)]),
        Invalid("You can take as much as you like with food.\n", errors=[Expect(1, 9, 1, 33)]),
        Invalid("Hibiscus tea works with no risk of side effects.\n", errors=[Expect(1, 25, 1, 32)]),
        # uncited, a hedged cure is still a cure
        Invalid("Antibiotics usually cure strep throat within ten days.\n", errors=[Expect(1, 21, 1, 25)]),
    ],
)

# Held-out categories (issue #12): promises in other words are claims; a promise word
# used figuratively, as a topic or with a hedge is not. Each case stands for a category.
test_absolute_claim_categories = tester.cases(
    valid=[
        Valid("## Handwashing: the other half of the cure\n", name="figurative-heading"),
        Valid("## Cures for hay fever\n", name="topic-heading-cures-for"),
        Valid("## The cure for athlete's foot\n", name="topic-heading-the-cure-for"),
        Valid("Good hygiene is part of the cure.\n", name="figurative-cure"),
        Valid("Permanent scarring is rare after chickenpox.\n", name="permanent-fact"),
        Valid("Permethrin is completely safe for most children over two months.\n", name="hedged-safe"),
        Valid("Head lice are completely harmless in most cases, just itchy.\n", name="hedged-harmless"),
        Valid("Wipe out the bath after each use.\n", name="wipe-instruction"),
        Valid("A single dose can wipe out the worms, but not their eggs.\n", name="hedged-wipe-out"),
        Valid("Some creams can banish the itch within minutes.\n", name="hedged-banish"),
        Valid("Get rid of the nits with a fine-toothed comb.\n", name="get-rid-instruction"),
        Valid("No treatment works for everyone.\n", name="negated-everyone"),
        Valid("Wash your hands every time you use the toilet.\n", name="every-time-clause"),
        Valid("It can't hurt to ask your pharmacist.\n", name="idiom-cant-hurt"),
        Valid("Natural doesn't mean it can't harm you.\n", name="natural-debunked"),
    ],
    invalid=[
        Invalid("This cream will banish athlete's foot.\n", errors=[Expect(1, 17, 1, 23)]),
        Invalid("Our spray wipes out head lice in one go.\n", errors=[Expect(1, 11, 1, 20)]),
        Invalid("Say goodbye to bloating.\n", errors=[Expect(1, 1, 1, 15)]),
        Invalid("Never suffer from cold sores again.\n", errors=[Expect(1, 1, 1, 35)]),
        Invalid("Our shampoo kills 100% of lice and eggs.\n", errors=[Expect(1, 13, 1, 23)]),
        Invalid("It's natural, so it can't harm you.\n", errors=[Expect(1, 6, 1, 35)]),
        Invalid("It is the only remedy you will ever need.\n", errors=[Expect(1, 7, 1, 41)]),
        Invalid("Our drops work every single time.\n", errors=[Expect(1, 11, 1, 33)]),
        Invalid("With zero side effects, it suits the whole family.\n", errors=[Expect(1, 6, 1, 23)]),
        Invalid("Pure, plant-based and completely harmless.\n", errors=[Expect(1, 23, 1, 42)]),
        Invalid("Instant relief, guaranteed.\n", errors=[Expect(1, 1, 1, 15)]),
        Invalid("## Banish cold sores in 24 hours\n", errors=[Expect(1, 4, 1, 10)]),
        Invalid("## A natural cure for eczema\n", errors=[Expect(1, 14, 1, 18)]),
        Invalid("## Turmeric cures arthritis\n", errors=[Expect(1, 13, 1, 18)]),
    ],
)


# Third widening (issue #12), by category, wordings beside traps: "100%" shared by a
# coordinated adjective, benefits made permanent in other verbs, no upper limit on the
# dose, and negations that reach across a list ("not intended to diagnose, treat, cure
# or prevent") or a seller's exaggeration ("... some websites make it sound").
test_absolute_claim_third_widening = tester.cases(
    valid=[
        # 100% of what it is made of
        "It is 100% natural and made in Wales.\n",
        "Our oil is 100% organic and cold-pressed.\n",
        # permanence of harm, or hedged
        "Untreated glaucoma can permanently damage your sight.\n",
        "High-dose steroids can permanently thin the skin.\n",
        "Nothing permanently rewires your brain overnight.\n",
        # a limit, or a warning against exceeding it
        "It's easy to overdo it with vitamin A.\n",
        "Don't assume you can't overdose on iron tablets.\n",
        "Be careful not to overdo it.\n",
        # negation across a list of verbs; a seller's exaggeration
        "This product is not intended to diagnose, treat, cure or prevent any disease.\n",
        "It does not prevent, treat or cure colds.\n",
        'A "one jab" is not the safe, side-effect-free fix some websites make it sound.\n',
        "Adverts make it sound completely harmless.\n",
    ],
    invalid=[
        Invalid("It's 100% natural and safe.\n", errors=[Expect(1, 6)]),
        Invalid("Our balm is 100% organic and effective.\n", errors=[Expect(1, 13)]),
        Invalid("Lion's mane permanently rewires your brain for resilience.\n", errors=[Expect(1, 13)]),
        Invalid("This blend will boost your immune system permanently.\n", errors=[Expect(1, 17)]),
        Invalid("Our programme resets your metabolism for good.\n", errors=[Expect(1, 15)]),
        Invalid("Ashwagandha permanently strengthens your stress response.\n", errors=[Expect(1, 13)]),
        Invalid("You really can't overdo it.\n", errors=[Expect(1, 1)]),
        Invalid("It's impossible to overdose on elderberry.\n", errors=[Expect(1, 6)]),
        Invalid("You cannot take too much vitamin C.\n", errors=[Expect(1, 1)]),
        # a negation before a list item with a verb of its own does not reach the claim
        Invalid("It has no sugar, cures colds and tastes great.\n", errors=[Expect(1, 18)]),
    ],
)
