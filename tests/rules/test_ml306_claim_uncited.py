from medlint.rules.citations.ml306_claim_uncited import ClaimUncited
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(ClaimUncited)

test_claim_uncited = tester.cases(
    valid=[
        "Studies show that walking lowers blood pressure [1].\n",
        "About 40% of adults take a supplement. This varies by age [2].\n",
        "One in five adults has high blood pressure.[^1]\n\n[^1]: CDC. Facts.\n",
        "Research suggests a benefit (see the [review](https://example.org/review)).\n",
        "Use 1% hydrocortisone cream for itchy skin.\n",
        "More research is needed.\n",
        "| Group | Share |\n|---|---|\n| Adults | 40% |\n",
        "## 40% of adults\n",
        "| Measure | At diagnosis |\n|---|---|\n| HbA1c | 7.8% |\n",
        "| Drug | Note |\n|---|---|\n| Fexofenadine | Drowsiness in fewer than 1 in 10 people [3] |\n",
        "| Drug | Note | Source |\n|---|---|---|\n| Fexofenadine | Drowsiness in fewer than 1 in 10 | [3] |\n",
        "- About 30% of people get side effects [3].\n",
        "Here is what the evidence says, in plain words.\n",
        "About 40% of adults take a supplement (Smith et al., 2020).\n",
        "Studies show a small benefit (CDC, 2023; Lee & Park 2019a).\n",
        # issue #12: the source as a bracketed URL; arithmetic on the article's own numbers;
        # product composition
        "Nearly 38 million Americans have diabetes (https://www.cdc.gov/diabetes).\n",
        "Each capsule gives you 90 mg of vitamin C, that is 100 percent of your daily need.\n",
        "Choose dark chocolate with 70% cocoa.\n",
        "Our gummies contain 90% protein by weight.\n",
        "My antibodies fell from 640 to 290, a drop of 55%.\n",
    ],
    invalid=[
        Invalid("Studies show that 30% of adults over 50 do not absorb enough B12.\n",
                errors=[Expect(1, 1, 1, 66, message_id="uncited")]),
        Invalid("Low iron is common. About 25% of children have it.\n", errors=[Expect(1, 21, 1, 51)]),
        Invalid("- Smokers are twice as likely to get gum disease.\n", errors=[Expect(1, 3)]),
        Invalid("Sleep matters.\n\nA 2019 study found that naps help. Cited elsewhere [1].\n\nResearch shows it works.\n",
                errors=[Expect(5, 1)]),
        Invalid("There is good evidence that detox teas remove nothing.\n", errors=[Expect(1, 1)]),
        Invalid("About 40% of adults take a supplement (in 2020).\n", errors=[Expect(1, 1)]),
        # every container is read (SPEC §12 "What is prose")
        Invalid("> Studies show that 90% of people love it.\n", errors=[Expect(1, 3, 1, 43)]),
        Invalid("> [!NOTE]\n> Research shows that magnesium helps sleep.\n", errors=[Expect(2, 3, 2, 45)]),
        Invalid("## Studies show that turmeric eases joint pain\n", errors=[Expect(1, 4)]),
        Invalid("| Drug | Note |\n|---|---|\n| Fexofenadine | Drowsiness in fewer than 1 in 10 people |\n",
                errors=[Expect(3, 18)]),
        Invalid('<div class="callout">\n  <p>Studies show that 40% of adults lack vitamin D.</p>\n</div>\n',
                errors=[Expect(2, 6, 2, 53)]),
        Invalid("<aside>\n\nResearch suggests zinc shortens colds.\n\n</aside>\n", errors=[Expect(3, 1)]),
        # issue #12: population figures, passive evidence, studies in other words, authority
        Invalid("Nearly 38 million Americans have diabetes.\n", errors=[Expect(1, 1, 1, 43)]),
        Invalid("Diabetes is common.\nGlucomannan has been shown to help weight loss.\n",
                errors=[Expect(2, 1, 2, 48)]),
        Invalid("Fexofenadine was found to cause less drowsiness.\n", errors=[Expect(1, 1, 1, 49)]),
        Invalid("- A trial in Denmark concluded that it made no difference.\n", errors=[Expect(1, 3, 1, 59)]),
        Invalid("Researchers at a university in Iran found a benefit.\n", errors=[Expect(1, 1, 1, 53)]),
        Invalid("Experts say that most of us are low in vitamin D by February.\n", errors=[Expect(1, 1)]),
        Invalid("Most doctors agree that exercise is the best treatment.\n", errors=[Expect(1, 1)]),
        Invalid("It is well known that chocolate triggers migraines.\n", errors=[Expect(1, 1)]),
    ],
)

# Held-out categories (issue #12): product strengths, the article's own arithmetic and
# dosing comparisons are not statistics about people; discovery, research and authority
# worded in other ways are claims. Each case stands for a category, not a sentence.
test_claim_uncited_categories = tester.cases(
    valid=[
        # a product strength after the medicine's name, or before its form or ingredient
        Valid("Tioconazole 28% nail solution is painted on twice a day.\n", name="strength-name"),
        Valid("Malathion 0.5% (Derbac-M) is left on for 12 hours.\n", name="strength-brand"),
        Valid("Ketoconazole 2% can be used on the scalp twice a week.\n", name="strength-verb"),
        Valid("Clobetasone butyrate 0.05% is a moderate steroid.\n", name="strength-ester"),
        Valid("Mometasone 0.1% is applied once a day.\n", name="strength-steroid"),
        Valid("Treat the whole family with 0.5% malathion liquid.\n", name="strength-form"),
        Valid("Use 1% clotrimazole twice a day for two weeks.\n", name="strength-ingredient"),
        Valid("Salicylic acid 2% is a gentle exfoliant.\n", name="strength-acid"),
        # the article's own arithmetic on its own numbers, and prices
        Valid("That is 6 fewer headaches a month, a 50% fall.\n", name="own-arithmetic"),
        Valid("I lost 4 kg in eight weeks, roughly a 5% drop.\n", name="own-arithmetic-first-person"),
        Valid("Cutting from four tablets to two halves the cost.\n", name="own-arithmetic-halves"),
        Valid("Buying the 56-pack saves you 20%.\n", name="price-saving"),
        Valid("The own-brand version is 40% cheaper.\n", name="price-cheaper"),
        # the writer's own result, a brand before its strength, a dose instruction
        Valid("After a month my bloating was down by about 80%.\n", name="own-result"),
        Valid("Our Occlusal 26% is the strongest you can buy.\n", name="strength-brand-name"),
        Valid("Reduce your dose by 10% every two to four weeks.\n", name="dose-instruction"),
        Valid("Buy two packs and save 15%.\n", name="price-save"),
        # comparisons of dosing
        Valid("Apply it twice as often on the first day.\n", name="dosing-often"),
        Valid("Children need half as much as adults.\n", name="dosing-much"),
        Valid("Use the spray three times as often when symptoms are bad.\n", name="dosing-times"),
        # authority and research words that are not claims
        "Doctors recommend taking it with food.\n",
        "Your pharmacist can recommend a cream.\n",
        "Ask your GP, who will know which is best.\n",
        "Researchers don't know why eczema flares in winter.\n",
        "Ask about taking part in a clinical trial.\n",
        "Scientists are still studying how it works.\n",
        "Doctors call this post-viral fatigue.\n",
        "According to the leaflet, you take two tablets a day.\n",
    ],
    invalid=[
        # statistics about people stay findings next to the new exemptions
        Invalid("Smokers get gum disease twice as often as non-smokers.\n", errors=[Expect(1, 1, 1, 55)]),
        Invalid("Women who take HRT are twice as likely to get gallstones.\n", errors=[Expect(1, 1, 1, 58)]),
        Invalid("Up to 4% of school children have head lice at any one time.\n", errors=[Expect(1, 1, 1, 60)]),
        Invalid("Terbinafine tablets clear around 70% of nail infections.\n", errors=[Expect(1, 1, 1, 57)]),
        Invalid("Of 2,000 women surveyed, 80% felt calmer within a week.\n", errors=[Expect(1, 1, 1, 56)]),
        Invalid("In 2019, a 30% rise in cases was reported across Europe.\n", errors=[Expect(1, 1, 1, 57)]),
        Invalid("Clotrimazole 1% is sold as a cream and a spray. It clears thrush in 80% of women.\n",
                errors=[Expect(1, 49, 1, 82)]),
        Invalid("That is 6 fewer headaches a month, a 50% fall. Studies show most people improve.\n",
                errors=[Expect(1, 48, 1, 81)]),
        # discovery and research in other words
        Invalid("Researchers have discovered that zinc shortens colds.\n", errors=[Expect(1, 1, 1, 54)]),
        Invalid("Scientists discovered that the gut talks to the brain.\n", errors=[Expect(1, 1, 1, 55)]),
        Invalid("New research reveals that coffee protects the liver.\n", errors=[Expect(1, 1, 1, 53)]),
        Invalid("Clinical trials prove that it works.\n", errors=[Expect(1, 1, 1, 37)]),
        Invalid("A landmark study changed how we treat reflux.\n", errors=[Expect(1, 1, 1, 46)]),
        Invalid("In one small trial, people who took it slept longer.\n", errors=[Expect(1, 1, 1, 53)]),
        Invalid("The evidence is overwhelming: sugar rots teeth.\n", errors=[Expect(1, 1, 1, 48)]),
        Invalid("The science is clear that ultra-processed food harms the gut.\n", errors=[Expect(1, 1, 1, 62)]),
        Invalid("It's a proven fact that cold water boosts immunity.\n", errors=[Expect(1, 1, 1, 52)]),
        # authority in other words
        Invalid("Dietitians say that breakfast is the most important meal.\n", errors=[Expect(1, 1, 1, 58)]),
        Invalid("Podiatrists recommend a urea cream for cracked heels.\n", errors=[Expect(1, 1, 1, 54)]),
        Invalid("Nutritionists swear by apple cider vinegar.\n", errors=[Expect(1, 1, 1, 44)]),
        Invalid("Doctors won't tell you this, but most supplements work.\n", errors=[Expect(1, 1, 1, 56)]),
        Invalid("According to experts, most adults are short of magnesium.\n", errors=[Expect(1, 1, 1, 58)]),
        Invalid("Researchers believe that inflammation drives depression.\n", errors=[Expect(1, 1, 1, 57)]),
    ],
)


# Third widening (issue #12), by category, wordings beside traps: counts of people named
# by any agent noun, professions ending in -iatrist, product strengths before any product
# noun, present-tense "is linked with" a condition (no research claim unless it names a
# risk), and statements that evidence is absent (no source to give).
test_claim_uncited_third_widening = tester.cases(
    valid=[
        # a strength before a product noun
        "Our 5% foam is stronger than the 2% versions sold for women.\n",
        "Pack a 50% DEET repellent and long sleeves.\n",
        "Each capsule holds a 90% omega-3 concentrate.\n",
        "The 10% formula suits oily skin better than the 5% one.\n",
        "Buy the 40% extract, not the cheaper 20% product.\n",
        # an association stated as a description, not research
        "It is often linked with raised pressure inside the eye.\n",
        "Eczema is linked with asthma and hay fever.\n",
        "Psoriasis is associated with joint pain in some people.\n",
        # absence of evidence
        "There is little good evidence for this, and no drink dissolves stones.\n",
        "There's no evidence that detox teas remove toxins.\n",
        "There is not enough evidence to recommend it.\n",
        "There isn't any good research on copper bracelets.\n",
        # amounts that are not people
        "Walk 10,000 steps a day.\n",
        "Each softgel holds 1,000 IU of vitamin D.\n",
        "The trail is about 2,000 metres long.\n",
        # a reader's own clinician
        "Your psychiatrist may suggest a slower taper.\n",
    ],
    invalid=[
        Invalid("Around 1,500 travellers bring malaria back to the UK each year.\n", errors=[Expect(1, 1)]),
        Invalid("More than 20,000 pensioners fall at home every winter.\n", errors=[Expect(1, 1)]),
        Invalid("Some 12,000 carers looked after a parent with dementia.\n", errors=[Expect(1, 1)]),
        Invalid("Most psychiatrists now agree that SSRIs are overprescribed.\n", errors=[Expect(1, 1)]),
        Invalid("Podiatrists and geriatricians say falls are preventable.\n", errors=[Expect(1, 1)]),
        Invalid("Paediatric psychiatrists warn that screens harm sleep.\n", errors=[Expect(1, 1)]),
        # a strength is no exemption for a statistic about people
        Invalid("About 2% of versions sold online were fake.\n", errors=[Expect(1, 1)]),
        Invalid("A 90% effective vaccine protects most travellers.\n", errors=[Expect(1, 1)]),
        # associations with a risk, and research reported in the perfect, stay claims
        Invalid("HRT tablets are linked to a small increase in stroke risk.\n", errors=[Expect(1, 1)]),
        Invalid("Obesity is associated with a higher risk of gout.\n", errors=[Expect(1, 1)]),
        Invalid("Eczema has been linked with asthma.\n", errors=[Expect(1, 1)]),
        # evidence that is there still needs its source
        Invalid("There is growing evidence that zinc shortens colds.\n", errors=[Expect(1, 1)]),
        Invalid("There is some evidence for turmeric in arthritis.\n", errors=[Expect(1, 1)]),
    ],
)
