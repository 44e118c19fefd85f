from medlint.rules.clinical.ml401_stop_taking_unqualified import StopTakingUnqualified
from medlint.testing import Expect, Invalid, RuleTester, Valid

tester = RuleTester(StopTakingUnqualified)

test_stop_taking_unqualified = tester.cases(
    valid=[
        "Talk to your doctor before you stop taking metformin.\n",
        "Do not stop taking your statin without talking to your doctor.\n",
        "Many people stop taking their medication when they feel better.\n",
        "Stop smoking. It helps your heart.\n",
        "Stop taking your time with meals. Stop taking photos of every dish.\n",
        "Stop taking the supplement. Check with your pharmacist first.\n",
        "Ask your doctor about tapering. You may be able to stop taking prednisone slowly.\n",
        "Run `stop taking your statin` in the demo.\n",
        "```\nStop taking your statin.\n```\n",
        "Should you stop taking statins?\n",
        "- Stop taking your statin\n  only if your doctor says so.\n",
        "- Stop taking your statin.\n\n  Talk to your doctor first.\n",
        "If you stop taking the pill, your cycle may change.\n",
        "Stop taking it and call your doctor right away if you get a rash.\n",
        "## References\n\n1. Stop taking statins? A review. Journal. 2020.\n",
        # the next item of the same list is the adjacent sentence (SPEC §12)
        "- Stop taking ibuprofen if you have black stools.\n- Call your doctor straight away.\n",
        "1. Stop taking the tablets if you get a rash.\n2. Then tell your pharmacist.\n",
        '<div class="callout">\n  <p>Stop taking it and call your GP if you get a rash.</p>\n</div>\n',
        "> [!WARNING]\n> Do not stop taking warfarin on your own. Ask your doctor first.\n",
        # issue #12: emergency lines, adjectives, temporal clauses
        "If you feel faint, stop taking the tablets and call 111.\n",
        "Lower doses of zinc are found in most multivitamins.\n",
        "You will feel better while you taper the dose down over several weeks.\n",
        "Keep taking your steroid tablets while you and your nurse taper the dose down over several weeks.\n",
        "| Drug | Advice | Who |\n|---|---|---|\n| Ibuprofen | Stop it if your stomach hurts | Ask your GP |\n",
        "Call 999 if your lips swell.\n\nStop the tablets at once and call 999.\n",
        # everyday cues: a label schedule, non-medicines, a clinician in the next sentence
        "Take a second dose two weeks after the first.\n",
        "Phase out sugary drinks. Give your legs a rest.\n",
        "Knock a tablet off each week. Your prescriber will give you a plan.\n",
    ],
    invalid=[
        Invalid("If your legs ache, stop taking your statin for a week.\n",
                errors=[Expect(1, 20, 1, 43, message_id="advice")]),
        Invalid("---\ntitle: T\n---\n\nStop taking your blood pressure pills if you feel dizzy.\n",
                errors=[Expect(5, 1, 5, 38)]),
        Invalid("- Rest more.\n- Skip your evening dose of metformin.\n", errors=[Expect(2, 3)]),
        Invalid("Tip: you can stop your antidepressant now.\n", errors=[Expect(1, 14, 1, 38)]),
        Invalid("1. Eat well.\n2. You can stop your antidepressant now.\n", errors=[Expect(2, 12, 2, 36)]),
        Invalid("Stop taking your statin.\n\nTalk to your doctor about diet.\n", errors=[Expect(1, 1)]),
        Invalid("There's no need to keep taking vitamin D once you feel better.\n", errors=[Expect(1, 9, 1, 41)]),
        Invalid("| Tip |\n|---|\n| Stop your statin |\n", errors=[Expect(3, 3)]),
        Invalid("Stop taking your *statin* today.\r\n", errors=[Expect(1, 1, 1, 25)]),
        # drug names known only by their INN ending (-triptan, -statin, -apine)
        Invalid("If that happens, just stop taking your triptans for a month.\n", errors=[Expect(1, 23, 1, 48)]),
        Invalid("Stop taking your rosuvastatin today.\n", errors=[Expect(1, 1, 1, 30)]),
        Invalid("You can quit your olanzapine now.\n", errors=[Expect(1, 9, 1, 29)]),
        # every container is read: quotes, alerts, headings, HTML blocks (SPEC §12)
        Invalid("> Stop taking your pills, my neighbour said.\n", errors=[Expect(1, 3, 1, 25)]),
        Invalid("## Stop taking your statin\n\nMuscle aches fade.\n", errors=[Expect(1, 4)]),
        Invalid("> [!WARNING]\n> Stop taking your statin if your legs ache.\n", errors=[Expect(2, 3)]),
        Invalid('<div class="callout">\n  <p>Stop taking your statin for a week.</p>\n</div>\n',
                errors=[Expect(2, 6)]),
        Invalid("<details>\n<summary>Tips</summary>\n\nSkip your evening dose of metformin.\n\n</details>\n",
                errors=[Expect(4, 1)]),
        # only the NEXT item of the SAME list counts
        Invalid("- Call your doctor.\n- Stop taking ibuprofen if you have black stools.\n", errors=[Expect(2, 3)]),
        Invalid("- Stop taking ibuprofen if you have black stools.\n\nText.\n\n- Call your doctor.\n",
                errors=[Expect(1, 3)]),
        # issue #12: paraphrases, dose increases and switches, once per sentence
        Invalid("You can leave off the water tablet on hot days.\n", errors=[Expect(1, 9, 1, 35)]),
        Invalid("Try a month without your reflux tablets and see how you get on.\n",
                errors=[Expect(1, 1, 1, 40)]),
        Invalid("Skip tomorrow's dose of your blood pressure tablet if you feel dizzy.\n",
                errors=[Expect(1, 1, 1, 51)]),
        Invalid("Take an extra puff of your steroid inhaler whenever you feel tight.\n",
                errors=[Expect(1, 1, 1, 43)]),
        Invalid("Change over to turmeric capsules instead of your prescribed painkiller.\n",
                errors=[Expect(1, 34, 1, 71)]),
        Invalid("Take an extra puff of your inhaler rather than reaching for the reliever.\n",
                errors=[Expect(1, 1, 1, 35)]),
        Invalid("Stop taking metformin. If you are not sure, our customer care team can help.\n",
                errors=[Expect(1, 1, 1, 22)]),
        # a table row is read like a paragraph: the drug in one cell, the advice in the next
        Invalid("| Drug | Advice |\n|---|---|\n| Ibuprofen 400 mg | Stop it once the turmeric kicks in |\n",
                errors=[Expect(3, 22, 3, 29)]),
        # everyday idioms, extra doses and creams (a held-out set showed literal cues missed them)
        Invalid("Knock a tablet off each week until you're taking none.\n", errors=[Expect(1, 1, 1, 19)]),
        Invalid("- Rest well.\n- Phase out your statin over a month.\n", errors=[Expect(2, 3, 2, 24)]),
        Invalid("You can stop the cream there.\n", errors=[Expect(1, 9, 1, 23)]),
        Invalid("If the pain persists, take a couple more ibuprofen.\n", errors=[Expect(1, 23, 1, 51)]),
    ],
)


# Paraphrase categories (issue #12; a held-out set showed literal cues missed them):
# switches, letting a medicine lapse, "you won't need it", dose changes in other words,
# other objects and idioms. Each category has traps beside it: non-medicines, negated
# advice, descriptions, first-person stories, consequence conditionals, questions and
# advice a clinician qualifies.
test_stop_taking_paraphrase_categories = tester.cases(
    valid=[
        "Swap crisps for fruit.\n",
        "Switch to decaf.\n",
        "Cut down on alcohol.\n",
        "Take a break from screens before bed.\n",
        "Give your eyes a rest from screens.\n",
        "Space out your meals.\n",
        "Take half an hour for yourself.\n",
        "Top up with an extra glass of water.\n",
        "Replace your toothbrush with a new one every three months.\n",
        "Replace your inhaler with a new one when the counter reads zero.\n",
        "Use an emollient instead of soap when you wash.\n",
        "You won't need a prescription for the smaller pack.\n",
        "There's no need for a prescription: ask at the counter.\n",
        "You won't need your umbrella any more.\n",
        "Put the kettle on hold.\n",
        "Eat more fruit and go up to five a day.\n",
        "Take an extra spoonful of honey for your cough.\n",
        "Take one thing off your list each day.\n",
        "Don't swap your inhaler for a salt pipe.\n",
        "Never let your prescription lapse.\n",
        "Do not take half your usual dose.\n",
        "Many people swap their statin for red yeast rice.\n",
        "Some children have a drug holiday at weekends.\n",
        "I swapped my inhaler for a salt pipe and regretted it.\n",
        "We let our prescriptions lapse last year.\n",
        "If you let your prescription lapse, your symptoms may come back.\n",
        "If you take one tablet instead of two, the pain may come back.\n",
        "Can you swap your statin for red yeast rice?\n",
        "Should you take a drug holiday?\n",
        "Ask your doctor whether you can take one tablet instead of two.\n",
        "Your doctor may suggest a drug holiday at weekends.\n",
        "Swap your omeprazole for famotidine only if your pharmacist agrees.\n",
        "Space your doses out. Your pharmacist can show you how.\n",
        "If it is nearly time for your next dose, skip the missed one and take your next dose at the usual time.\n",
    ],
    invalid=[
        Invalid("Cream not working? Switch to our Lysine tablets instead of your antiviral cream.\n", errors=[Expect(1, 49)]),
        Invalid("Replace your reliever inhaler with a salt pipe.\n", errors=[Expect(1, 1)]),
        Invalid("Use apple cider vinegar rather than metformin for your blood sugar.\n", errors=[Expect(1, 25)]),
        Invalid("Try berberine in place of metformin.\n", errors=[Expect(1, 15)]),
        Invalid("Change from your steroid cream to coconut oil.\n", errors=[Expect(1, 1)]),
        Invalid("Magnesium works just as well, so you can drop the sleeping pills.\n", errors=[Expect(1, 42)]),
        Invalid("Don't bother renewing your prescription.\n", errors=[Expect(1, 1)]),
        Invalid("There's no need to reorder the tablets once the box is empty.\n", errors=[Expect(1, 9)]),
        Invalid("There's no need to keep refilling that prescription once you feel steady.\n", errors=[Expect(1, 9)]),
        Invalid("Leave the nicotine patch off at night.\n", errors=[Expect(1, 1)]),
        Invalid("Cancel your repeat prescription and try our tea.\n", errors=[Expect(1, 1)]),
        Invalid("Let the tablets run out and don't reorder.\n", errors=[Expect(1, 1)]),
        Invalid("Put your inhaler on hold for the summer.\n", errors=[Expect(1, 1)]),
        Invalid("Have a drug holiday at weekends.\n", errors=[Expect(1, 1)]),
        Invalid("You won't need your inhaler any more.\n", errors=[Expect(1, 5)]),
        Invalid("There's no need for your water tablet once you cut out salt.\n", errors=[Expect(1, 9)]),
        Invalid("You'll soon be able to throw away your painkillers.\n", errors=[Expect(1, 24)]),
        Invalid("You won't have to rely on your antihistamines after this.\n", errors=[Expect(1, 5)]),
        Invalid("Take half your usual dose on quiet days.\n", errors=[Expect(1, 1)]),
        Invalid("Take one tablet instead of two.\n", errors=[Expect(1, 1)]),
        Invalid("Take your statin every other day.\n", errors=[Expect(1, 1)]),
        Invalid("Top up with an extra paracetamol in the evening.\n", errors=[Expect(1, 1)]),
        Invalid("Ibuprofen suits most people. If the pain is bad, go up to 4 a day.\n", errors=[Expect(1, 50)]),
        Invalid("Space your doses out.\n", errors=[Expect(1, 1)]),
        Invalid("Space out your doses of ibuprofen.\n", errors=[Expect(1, 1)]),
        Invalid("Try a smaller dose of your sleeping pill.\n", errors=[Expect(1, 1)]),
        Invalid("These tablets can upset your stomach. Take them less often.\n", errors=[Expect(1, 39)]),
        Invalid("If nothing has happened after two days, just take a couple more sachets.\n", errors=[Expect(1, 46)]),
        Invalid("Skip the chemical lotions altogether and use our spray instead.\n", errors=[Expect(1, 1)]),
        Invalid("Stop your new blood pressure tablets if they make you dizzy.\n", errors=[Expect(1, 1)]),
        Invalid("Chuck out your sleeping tablets.\n", errors=[Expect(1, 1)]),
        Invalid("Swear off painkillers for a month.\n", errors=[Expect(1, 1)]),
        Invalid("Give your statin the boot.\n", errors=[Expect(1, 1)]),
        # in every container
        Invalid("> [!TIP]\n> You won't need your inhaler any more.\n", errors=[Expect(2, 7)]),
        Invalid("- Eat well.\n- Take your statin every other day.\n", errors=[Expect(2, 3)]),
    ],
)


def test_team_lexicon_extends_medications(tmp_path):
    extra = tmp_path / "lex.yaml"
    extra.write_text("medication_objects: [zorblax]\n", encoding="utf-8")
    text = "Stop taking zorblax today.\n"
    assert tester.lint(text) == []
    [found] = tester.lint(text, {"lexicon": str(extra)})
    assert (found.line, found.column) == (1, 1)
