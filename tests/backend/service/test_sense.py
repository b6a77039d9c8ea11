"""The sense judgement, one occurrence at a time: idioms, names, cues, neighbours, distance,
short texts, and the explanation a dictionary author reads."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from ai_glossary.glossary.reader import BUNDLED, load_dictionary
from ai_glossary.service.annotate import Annotator, Options
from ai_glossary.service.sense import variants

from tests.support.native import PATHS, annotator_on


# Every test runs on both paths of the judgement (tests/support/native.py).
@pytest.fixture(scope="module", params=PATHS)
def annotator(request: pytest.FixtureRequest) -> Annotator:
    return annotator_on(request.param, load_dictionary(BUNDLED))


def termed(annotator: Annotator, *segments: str, **options: bool) -> list[tuple[int, str, str]]:
    """(segment, marked words, term) of every mark, as a browser would slice them."""
    reply = annotator.annotate(list(segments), Options(**options))
    found = []
    for match in reply["matches"]:
        units = segments[match["segment"]].encode("utf-16-le")
        text = units[match["start"] * 2 : match["end"] * 2].decode("utf-16-le")
        found.append((match["segment"], text, match["term"]))
    return found


def marked(annotator: Annotator, *segments: str, **options: bool) -> list[tuple[int, str]]:
    """(segment, marked words) of every mark."""
    return [(segment, text) for segment, text, _ in termed(annotator, *segments, **options)]


def words(annotator: Annotator, *segments: str, **options: bool) -> list[str]:
    return [text for _, text in marked(annotator, *segments, **options)]


def slugs(annotator: Annotator, *segments: str) -> list[tuple[str, str]]:
    """(marked words, term) of every mark."""
    return [(text, term) for _, text, term in termed(annotator, *segments)]


def test_terms_that_support_each_other_are_all_marked(annotator: Annotator) -> None:
    text = "DPO has largely replaced PPO in many post-training recipes."
    assert words(annotator, text) == ["DPO", "PPO", "post-training"]
    assert words(annotator, "Hallucinations still plague LLMs.") == ["Hallucinations", "LLMs"]


def test_an_unusual_ai_word_vouches_for_a_common_one_beside_it(annotator: Annotator) -> None:
    # "evals" is rare in everyday English, so it supports "prompts" in one sentence; two
    # everyday words ("agent", "token") do not vouch for each other (the test below).
    assert "prompts" in words(annotator, "Write evals before you write prompts.")


def test_a_word_that_vouched_for_its_neighbour_is_vouched_for_in_turn(
    annotator: Annotator,
) -> None:
    # "MCP" (unusual) marks "agent"; then "agent" returns the support in this short sentence.
    text = "MCP lets our agent talk to Jira without custom glue code."
    assert words(annotator, text) == ["MCP", "agent"]
    # Only in short sentences: in a long one two words of one field co-occur more loosely.
    padding = ", then the billing service, the audit log, the mailer, the queue and the index"
    assert words(annotator, "MCP lets our agent talk to Jira" + padding + ".") == ["agent"]


def test_related_terms_hold_each_other_up_in_a_short_sentence(annotator: Annotator) -> None:
    # Neither word is rare or has evidence of its own; the glossary relates the two.
    text = "Pre-training builds knowledge and post-training shapes behaviour."
    assert words(annotator, text) == ["Pre-training", "post-training"]
    assert words(annotator, "Our RL agent loses every race.") == ["RL", "agent"]
    # Only terms the glossary relates ("agent" and "token" are not), only in a short
    # sentence, and only with nothing against either word.
    assert words(annotator, "The agent spent one token.") == []
    padding = " against the old bots, the new bots, the scripted bots, the random bots and the rest"
    assert words(annotator, "Our RL agent loses every race" + padding + ".") == []
    assert words(annotator, "Our insurance agent says RL cover is cheap.") == []


def test_a_cue_that_is_another_terms_form_pairs_the_two(annotator: Annotator) -> None:
    # "epoch" lists "loss" as a cue, "Claude" lists "prompt": each word is judged itself,
    # so the author's word holds both up in a short sentence, whichever lists the other.
    flattened = "The loss flattened after epoch three, so we stopped the run."
    assert words(annotator, flattened) == ["loss", "epoch"]
    timing_out = "Claude keeps timing out on long prompts since this morning's update."
    assert words(annotator, timing_out) == ["Claude", "prompts"]
    # Two everyday words make no pair from a cue alone ("policy" lists "agent").
    insurer = "Your agent can explain what the policy covers."
    assert words(annotator, insurer) == []
    # Nor does a pair hold where something speaks against one of its words.
    assert words(annotator, "Weight loss slowed after the first epoch of the diet.") == []
    assert words(annotator, "Claude gave a prompt reply to our letter.") == []


def test_a_form_written_in_mixed_case_vouches_like_a_rare_word(annotator: Annotator) -> None:
    # "MoE" is everyday English's "moe" by its letters; its capitals say it is jargon.
    text = "MoE models only activate a fraction of their weights for each token."
    assert words(annotator, text)[:2] == ["MoE", "weights"]


def test_the_same_term_marked_nearby_carries_its_sense_to_a_heading(
    annotator: Annotator,
) -> None:
    paragraph = (
        "Automatic benchmarks are curated datasets with evaluation metrics that compare "
        "language models on reasoning tasks."
    )
    assert marked(annotator, "Automatic Benchmarks", paragraph)[0] == (0, "Benchmarks")
    # Nearby only: three blocks on, a heading gets nothing from it.
    far = ["Automatic Benchmarks", "Our bakery.", "Fresh bread daily.", "Opening hours.", paragraph]
    assert [text for segment, text in marked(annotator, *far) if segment == 0] == []


def test_a_term_established_across_the_page_keeps_its_sense_where_nothing_says_otherwise(
    annotator: Annotator,
) -> None:
    first = (
        "Agents plan their steps with a large language model and call tools by function calling."
    )
    again = (
        "Each agent keeps a scratchpad of tool calls and asks the language model what to do next."
    )
    filler = [
        "Our office is on the second floor.",
        "The coffee machine is new.",
        "Lunch is at noon.",
    ]
    bare = "The agent stops after ten steps."
    spread = [first, *filler, again, "Parking is free.", "Ask at the desk.", bare]
    assert (7, "agent") in marked(annotator, *spread)
    # Marked in two blocks side by side (as one AI passage can be), it stays nearby.
    close = [first, again, *filler, "Parking is free.", "Ask at the desk.", bare]
    assert (7, "agent") not in marked(annotator, *close)
    # Where something speaks against it, the page's sense does not carry.
    against = [
        first,
        *filler,
        again,
        "Parking is free.",
        "Ask at the desk.",
        "The travel agent called.",
    ]
    assert (7, "agent") not in marked(annotator, *against)


def test_a_term_marked_in_a_paragraph_keeps_its_sense_in_the_whole_paragraph(
    annotator: Annotator,
) -> None:
    paragraph = (
        "Say what you want from the model before anything else. A short prompt leaves too "
        "much to guess, and the output drifts from one run to the next. Put two worked "
        "examples in the prompt and keep the format the same every time."
    )
    assert words(annotator, paragraph) == ["prompt", "prompt"]
    # With first marks only, the first occurrence is the one marked.
    reply = annotator.annotate([paragraph], Options(first_only=True))
    assert [match["start"] for match in reply["matches"]] == [paragraph.index("prompt")]
    # Where another occurrence there is the everyday word, the paragraph has two senses.
    assert words(annotator, paragraph + " Thanks for the prompt reply.") == ["prompt"]


def test_a_first_name_followed_by_a_surname_is_a_person(annotator: Annotator) -> None:
    text = "Our senior adviser, Claude Mensah, holds an LLM in immigration and refugee law."
    assert words(annotator, text) == []
    # A word the glossary uses after the name keeps it the product.
    text = "The Gemma Instruct model uses a chat template, and its tokenizer adds special tokens."
    assert "Gemma" in words(annotator, text)
    assert "Claude" in words(
        annotator, "Ask Claude to summarise it, then paste the prompt into ChatGPT."
    )


def test_one_ai_sentence_lends_little_to_the_rest_of_its_paragraph(annotator: Annotator) -> None:
    paragraph = (
        "The youth group had a lively term, with a sleepover and a visit to the food bank. "
        "Their evenings often start with a simple prompt for discussion: a question, a "
        "picture or a verse. One evening they discussed whether AI chatbots can offer real "
        "comfort to someone who is grieving. Next term they will plan the summer fair."
    )
    assert words(annotator, paragraph) == ["AI chatbots"]
    # A paragraph about AI lends its whole weight to every sentence in it.
    about_ai = (
        "Chain-of-thought prompting asks a large language model to reason step by step. "
        "The prompt shows worked examples with their reasoning."
    )
    assert "prompt" in words(annotator, about_ai)


def test_a_narrow_entry_takes_support_only_from_its_own_field(annotator: Annotator) -> None:
    """Actor-critic's "critic" is `narrow`: in writing about AI products, critics are people,
    and only reinforcement learning's terms (or the entry's own cues) vouch for it."""
    news = (
        "Critics never quite agreed on what the chatbot was, though the large language model "
        "behind it drew praise."
    )
    assert "Critics" not in words(annotator, news)
    assert "critic" in words(annotator, "In PPO the critic estimates returns for the policy.")


def test_a_product_name_in_lower_case_is_the_everyday_word(annotator: Annotator) -> None:
    """Whisper is `capital`: "a whisper" beside speech recognition is still a whisper."""
    text = "The transcription app uses speech recognition and picked up even a whisper."
    assert "whisper" not in words(annotator, text)
    assert "Whisper" in words(annotator, "Whisper transcribed the podcast, accents and all.")


def test_a_unit_of_size_before_a_form_starts_no_name(annotator: Annotator) -> None:
    """A capitalised word before a form counts against it as part of a longer name ("the
    SNLI dataset"), but "GB" in "a single 24 GB GPU" is a unit."""
    text = "Can we run Llama 3 8B on a single 24 GB GPU with 4-bit quantization?"
    assert "GPU" in words(annotator, text)


def test_a_short_block_is_one_message_however_many_sentences(annotator: Annotator) -> None:
    """A block under `LONG_BLOCK` words lends its whole weight to each of its sentences: an
    interface line's second sentence says nothing either way, and does not halve the first's
    evidence. A long block still weighs its other sentences by how much they are about AI."""
    # A cue beside the form ("instructions"), not a phrase it stands in ("fine-tuning job").
    text = "Fine-tuning queued with new instructions. Estimated start: 14:20."
    assert words(annotator, text) == ["Fine-tuning"]
    long_block = (
        "Fine-tuning queued with new instructions for the night shift at the mill, where the "
        "crew spent hours on the press and the boiler. Estimated start: 14:20, after the "
        "morning's long delivery."
    )
    assert words(annotator, long_block) == []


def test_words_marked_in_one_ai_sentence_lend_little_to_the_rest_of_its_paragraph(
    annotator: Annotator,
) -> None:
    """Support from words marked in the block is weighed as terms are: by how much of the
    block is about AI, unless the page is."""
    paragraph = (
        "Please film in daylight and keep the edit simple. Show the fabric up close and let it "
        "move. A gentle call to action at the end works better than a hard sell. Do not use "
        "Sora, Midjourney or any other generative AI tool to make or retouch the footage. Your "
        "own hands and home are what viewers trust. Brand alignment matters too: no rival "
        "products in shot, and no smoking."
    )
    assert "alignment" not in words(annotator, paragraph)
    assert {"Sora", "Midjourney", "generative AI"} <= set(words(annotator, paragraph))


def test_a_cue_counts_only_outside_the_occurrence_it_is_part_of(annotator: Annotator) -> None:
    # "translation" is a cue of machine translation and a word of its form "automatic
    # translation": inside the occurrence it says nothing (the GNU FDL's formats).
    gfdl = "Suitable for input to text formatters or for automatic translation to many formats."
    assert words(annotator, gfdl) == []
    elsewhere = (
        "Automatic translation still trips over idioms, so a person checks each translation."
    )
    assert words(annotator, elsewhere) == ["Automatic translation"]


# Science and scholarship that is not about AI, in words machine learning shares with it.
@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("In corpus linguistics, the type-token ratio compares each token with its lemma.", ""),
        ("We used normal priors with standard deviation 1.5 on the logit scale.", ""),
        ("Octopamine in the bee brain is thought to carry the reward signal to the neurons.", ""),
        ("Chloride concentrations in the aquifer were far above the diffusion model's.", ""),
        ("Download the training dataset from the job training programme evaluation.", ""),
        ("The diffusion model turns noise into an image in fifty steps.", "diffusion model"),
        ("We split the training dataset off before fitting the classifier.", "training dataset"),
        ("The softmax turns each logit into a probability over the vocabulary.", "logit"),
        ("Our reward signal comes from a reward model trained on preferences.", "reward signal"),
    ],
)
def test_science_keeps_its_own_senses(annotator: Annotator, text: str, form: str) -> None:
    found = words(annotator, text)
    if form:
        assert form in found
    else:
        assert found == []


def test_a_patients_hallucinations_beside_a_chatbot_are_not_the_ai_sense(
    annotator: Annotator,
) -> None:
    text = (
        "Some members typed a prompt about their diagnosis into ChatGPT. Keep a diary: note"
        " when hallucinations occur, and ask your neurologist about your medication."
    )
    assert "hallucinations" not in words(annotator, text)


def test_a_version_number_after_a_product_name_is_the_product(annotator: Annotator) -> None:
    # The entries' own text writes "Claude 3", "Gemini 1.5": a name followed by a version.
    assert words(annotator, "Claude 3 Haiku, Claude 3 Sonnet, and Claude 3 Opus") == ["Claude"] * 3
    assert words(annotator, "We moved the summariser to Gemini 2.5 last week.") == ["Gemini"]
    assert words(annotator, "We moved the summariser to Gemini last week.") == []
    assert words(annotator, "Claude scored 3 goals on Saturday.") == []
    text = "Gemini 3 splashed down in the Atlantic after three orbits, NASA said."
    assert words(annotator, text) == []
    # A capitalised word before the name that is neither the glossary's nor an everyday one
    # makes a longer name: a pub team's score. An imperative before it does not.
    assert words(annotator, "Crown Gemini 7, Bell and Compass 5") == []
    assert words(annotator, "Try Gemini 2 for long documents.") == ["Gemini"]
    # Versions are counted on one hand: two digits or more are another maker's model number.
    salon = "The beds in rooms one and two are Gemini 48 units, with quieter Whisper fans."
    assert words(annotator, salon) == []
    assert words(annotator, "Gemini 10.5 is not out yet; Whisper v12 might be.") == [
        "Gemini",
        "Whisper",
    ]


def test_a_word_ai_writing_uses_everywhere_is_no_cue_against(annotator: Annotator) -> None:
    # "shell" speaks of a command prompt only as "shell prompt" (a `never` phrase): a shell
    # script far down a guide to prompts says nothing against its prompts.
    page = (
        "Prompt functions",
        "Give each prompt a name and one input, and reuse it across the guide.",
        "The GPT model answers each prompt with a short summary.",
        "Notes",
        "Tables",
        "Figures",
        "Save the results from a shell script.",
    )
    assert "prompt" in words(annotator, *page)
    assert words(annotator, "Type the command at the shell prompt and press Enter.") == []


def test_an_assistant_asked_to_summarise_a_pdf_is_the_assistant(annotator: Annotator) -> None:
    # What people ask chat assistants to do is among their entries' cues.
    assert words(annotator, "Can Gemini summarise a 40-page PDF?") == ["Gemini"]
    assert words(annotator, "Why does Claude refuse to summarize this file?") == ["Claude"]
    assert words(annotator, "Why does Claude refuse to open this file?") == []
    # A person with a surname stays a person, whatever they summarise.
    assert words(annotator, "Claude Mensah summarised the minutes as a PDF.") == []
    # And what a code editor's assistant does, or a video model.
    assert words(annotator, "How do I stop Cursor from rewriting my whole file?") == ["Cursor"]
    assert words(annotator, "Sora can now generate longer scenes.") == ["Sora"]
    # What a video model makes, as people name it; a person clips things.
    assert words(annotator, "Sora clips look great until someone walks through a door.") == ["Sora"]
    assert words(annotator, "Sora clips her coupons every Sunday.") == []
    assert words(annotator, "Sora videos still mess up hands.") == ["Sora"]
    # A speech model that copes with accents; a code editor that rewrote the tests.
    assert words(annotator, "Ran Whisper on our podcast archive.") == ["Whisper"]
    assert words(annotator, "Her Glasgow accent made the whisper hard to follow.") == []
    # The entry names a project "whisper.cpp", which is no lower-case use of the name.
    assert words(annotator, "Whisper can't cope with my brother's accent.") == ["Whisper"]
    assert words(annotator, "Cursor rewrote half my tests.") == ["Cursor"]
    assert words(annotator, "Move the cursor to the end of the line.") == []


def test_an_assistant_that_answered_is_the_assistant(annotator: Annotator) -> None:
    # People write of a chat assistant as of someone who answers them.
    assert words(annotator, "Grok answered the question with a meme.") == ["Grok"]
    assert words(annotator, "Gemini just told me to add more salt.") == ["Gemini"]
    assert words(annotator, "Took me years to grok why the belt drifts.") == []
    # A horoscope names the other signs: Gemini there is the sign.
    horoscope = "Gemini, Taurus and Virgo: a friend told me this week brings news."
    assert words(annotator, horoscope) == []


def test_an_assistant_greeted_asked_or_answering_is_the_assistant(annotator: Annotator) -> None:
    # Only the AI sense of these names is asked things and answers (`answers = true`): a star
    # sign, a wind or a look of bewilderment is not. No cue word of the entry's is here.
    assert words(annotator, "Hey Gemini, how long do I boil an egg?") == ["Gemini"]
    assert words(annotator, "Perplexity found the out-of-print manual in seconds.") == [
        "Perplexity"
    ]
    assert words(annotator, "My son asked Grok about the offside rule.") == ["Grok"]
    assert words(annotator, "Llama's answer was in fluent Welsh.") == ["Llama"]
    assert words(annotator, "We ran the parish council recording through Whisper.") == ["Whisper"]
    assert words(annotator, "fix: retry before calling Gemini again") == ["Gemini"]
    # Named is not asked: a badger or a boat called Gemini.
    assert words(annotator, "A very grumpy badger called Gemini lives in pen 4.") == []
    # It lends nothing to the words around it: clothing's layers, a roast's temperature.
    assert words(annotator, "Gemini says dress in layers for Snowdon.") == ["Gemini"]
    text = "Hey Gemini, what temperature should I roast a chicken at?"
    assert words(annotator, text) == ["Gemini"]
    # A person's first name answers too, so "Claude" has no such flag.
    assert words(annotator, "Claude says the trestle tables are in the church hall.") == []
    # Evidence against still outweighs it; a name in lower case is the everyday word.
    assert words(annotator, "Your horoscope for the week: Gemini says yes to travel.") == []
    assert words(annotator, "The whisper said it all.") == []
    assert words(annotator, "Gemini rises early and plans the week.") == []


def test_a_product_called_it_or_bought_is_the_product(annotator: Annotator) -> None:
    # A person is he, she or they: a name its sentence calls "it" as it writes, says or
    # suggests something is the assistant (`product = true`), and so is one right before
    # what one buys or runs of a product. No cue word of the entry's is here.
    assert words(annotator, "Asked Claude for one pun and it wrote an essay.") == ["Claude"]
    assert words(annotator, "I showed my photo to Gemma and it spotted the glare.") == ["Gemma"]
    assert words(annotator, "Does our Claude licence cover the night shift?") == ["Claude"]
    assert words(annotator, "The Llama licence forbids some uses.") == ["Llama"]
    # "It" that is something else, doing what things do; a person's doing after the name;
    # a person named in the same sentence is still a person.
    assert words(annotator, "Claude fixed the gutter and it looks great.") == []
    assert words(annotator, "Claude answers the phone on Fridays.") == []
    assert words(annotator, "Did Claude draft the invitation?") == []
    assert words(annotator, "Claude from finance asked whether it said 40 or 14.") == []
    # An entry whose name is also another product has no such flag: Sora is a school
    # library's reading app too.
    assert words(annotator, "Log in to your Sora account with your school email.") == []


def test_what_answered_is_explained(annotator: Annotator) -> None:
    reply: dict[str, Any] = annotator.annotate(
        ["Perplexity found the paper."], Options(explain=True)
    )
    [found] = reply["explanations"]
    assert found["kept"] is True
    assert [e["detail"] for e in found["evidence"]] == ["Perplexity"]


def test_a_name_followed_by_the_team_or_place_it_comes_from_is_a_person(
    annotator: Annotator,
) -> None:
    assert words(annotator, "Gemma from HR wants us all to try Gemma 3 on our laptops") == [
        "Gemma 3"
    ]
    text = "Claude from next door says the bins go out on Tuesday, and Claude the chatbot agrees."
    assert words(annotator, text) == ["Claude", "chatbot"]
    # A product comes from its maker, capitalised.
    assert "Llama" in words(annotator, "Llama from Meta answered in fluent Welsh.")
    config = "Set the Adam epsilon to 1e-6; Adam from the platform team says fp16 runs need it."
    assert words(annotator, config) == ["Adam", "fp16"]


def test_a_headlines_verb_and_a_software_regression_are_not_the_terms(
    annotator: Annotator,
) -> None:
    # "prompts" as a headline's verb; a regression fixed in a release, beside AI words that
    # still count.
    headline = "Grok update prompts fresh content moderation concerns"
    assert "prompts" not in words(annotator, headline)
    changelog = "Fixed a regression in the LLM evaluation harness where the prompt was cut."
    assert words(annotator, changelog) == ["LLM evaluation", "prompt"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # One line, both senses: the everyday one is a fixed phrase of its own.
        ("Dress in layers: the room where we train the GANs is kept very cold.", ["GANs"]),
        ("I finally grok why attention needs positional encoding.", None),
        (
            "Jailbreaking a phone voids the warranty; jailbreaking a chatbot gets you banned.",
            ["jailbreaking", "chatbot"],
        ),
        ("The diffusion of generative AI through small firms has been slow.", ["generative AI"]),
        ("The offsite was about team alignment, not AI alignment.", ["AI alignment"]),
        # An assistant's name beside the everyday word it speaks of.
        ("ChatGPT says use distilled water in the iron", ["ChatGPT"]),
        ("Copilot says the letters need C4 envelopes, is that right?", ["Copilot"]),
        (
            "came for the Transformers films, stayed for the transformer architecture explainer",
            ["transformer architecture"],
        ),
        ("the bus token machine is broken again, Gemini found me another stop", ["Gemini"]),
        # Self-critique is everyday English too; beside a model it is the technique.
        ("Adam wrote an honest self-critique after the lesson.", []),
        (
            "The model drafts an answer, then a self-critique step asks the LLM to find errors.",
            ["self-critique", "LLM"],
        ),
    ],
)
def test_an_everyday_sense_beside_an_ai_one_in_the_same_line(
    annotator: Annotator, text: str, expected: list[str] | None
) -> None:
    found = words(annotator, text)
    if expected is None:  # the verb "grok", written in lower case, is never the chatbot
        assert "grok" not in found and "attention" in found
    else:
        assert found == expected


def test_tokens_streamed_or_billed_are_a_models(annotator: Annotator) -> None:
    # A reply's tokens are streamed, counted per request and billed: "stream tokens" and
    # "per request" are cues for a token, "billed" for input and output tokens only.
    assert words(annotator, "feat: stream tokens to the UI as they arrive") == ["tokens"]
    assert words(annotator, "Tokens per request are now shown on the dashboard.") == ["Tokens"]
    assert words(annotator, "How many input tokens am I billed for?") == ["input tokens"]
    # An arcade's, a festival's, a hotel bar's tokens stay unmarked.
    assert words(annotator, "Drinks tokens are billed to your room.") == []
    assert words(annotator, "Stream the final on the big screen; bar tokens at the door.") == []
    assert words(annotator, "Buy tokens for the arcade machines at the desk.") == []
    assert words(annotator, "Each drink costs two tokens at the festival bar.") == []


def test_speech_recognition_that_struggles_with_accents_is_a_models(
    annotator: Annotator,
) -> None:
    assert words(annotator, "Speech recognition still struggles with Glaswegian accents.") == [
        "Speech recognition"
    ]
    assert words(annotator, "Now in beta: on-device speech recognition.") == ["speech recognition"]
    # An audiologist's speech recognition is a listener's.
    assert words(annotator, "Her speech recognition scores in noise improved by 18 points.") == []
    clinic = "The speech recognition of children with accents was tested in the clinic."
    assert words(annotator, clinic) == []


def test_embeddings_reindexed_or_with_a_dim_are_a_models(annotator: Annotator) -> None:
    assert words(annotator, "why is the embedding dim 3072?") == ["embedding"]
    assert words(annotator, "Embedding the index card in the scrapbook took a minute.") == []
    assert words(annotator, "Embedding drift means re-indexing everything.") == ["Embedding"]
    assert words(annotator, "Embedding the new hires in their teams took a month.") == []
    # The plural is the vectors whatever surrounds it: everyday English embeds, it has no
    # "embeddings".
    assert words(annotator, "The embeddings for refund and return sit close together.") == [
        "embeddings"
    ]


def test_an_acronyms_plural_that_no_other_field_uses_is_the_models(
    annotator: Annotator,
) -> None:
    # The news channel and the intelligence agency are never plural; the networks often are.
    assert words(annotator, "CNNs still win on tiny data.") == ["CNNs"]
    assert words(annotator, "Nobody trains GRUs any more.") == ["GRUs"]
    assert words(annotator, "The interview aired on CNN last night.") == []


def test_what_is_done_to_a_model_is_a_cue_for_its_parts(annotator: Annotator) -> None:
    # Weights are pruned, inference is a spend.
    pruned = "We pruned 30% of the weights with barely any loss in accuracy."
    assert words(annotator, pruned) == ["weights"]  # a loss in accuracy is no loss function
    assert words(annotator, "Inference spend doubled this quarter.") == ["Inference"]
    assert words(annotator, "The alignment team is hiring again.") == ["alignment"]
    # A joiner's planes, a garage's wheels, a gym's weights stay unmarked.
    assert words(annotator, "Our planes are fine-tuned for each job.") == []
    assert words(annotator, "Book a wheel alignment at our tyre centre.") == []
    assert words(annotator, "The alignment team at the garage checked the tracking.") == []
    assert words(annotator, "The inference from the survey is that spend on heating rose.") == []
    assert words(annotator, "Frozen peas and the fine-tuning of the recipe took all day.") == []
    assert words(annotator, "We appreciate your prompt completion of the form.") == []
    assert words(annotator, "She pruned the roses, then lifted weights at the gym.") == []
    no_accuracy_loss = "We pruned 30% of the weights with almost no accuracy loss."
    assert words(annotator, no_accuracy_loss) == ["weights"]
    rocket = "Small weights in the nose cone cost a little altitude, as ChatGPT told me."
    assert words(annotator, rocket) == ["ChatGPT"]
    phones = "RAG helps the support bot, so agents on the phones get answers in seconds."
    assert words(annotator, phones) == ["RAG"]
    # Pruning takes weights out of a network: the glossary relates the two.
    pruning = "After pruning 30% of the weights, accuracy held."
    assert words(annotator, pruning) == ["pruning", "weights"]
    assert words(annotator, "After pruning the roses she lifted weights.") == []
    # "layers" is a form since the glossary judges the bare word: a network's, here.
    assert words(annotator, "Adding layers didn't help; the gradient just vanished.") == [
        "layers",
        "gradient",
    ]


def test_a_data_migration_is_not_a_training_run(annotator: Annotator) -> None:
    # A batch job's checkpoint file, a deduplication's exact matches and a data protection
    # officer sit beside AI words in a migration plan; none of them is the AI term.
    job = "Each batch writes a checkpoint file; if a batch fails, the job restarts from it."
    assert words(annotator, job) == []
    dedupe = "Exact matches on company number are merged; fuzzy matches go to review."
    assert words(annotator, dedupe) == []
    officer = "The DPO asked us not to send customer records to a large language model."
    assert words(annotator, officer) == ["large language model"]
    # The same words where they are a model's.
    dpo = "Reran the DPO job with a lower beta; the reward margins collapse after 2k steps."
    assert words(annotator, dpo)[:1] == ["DPO"]
    api = "Should we self-host Llama or just use the Claude API?"
    assert words(annotator, api) == ["self-host", "Llama", "Claude", "API"]


def test_how_a_term_is_worked_with_is_a_cue_for_it(annotator: Annotator) -> None:
    # From the seventeenth round's sentences, each beside an everyday sentence that holds
    # the same cue word.
    assert words(annotator, "Why does the tokenizer split 'Wednesday' into three pieces?") == [
        "tokenizer"
    ]
    # A compiler's tokenizer splits its source into pieces too: its cue against outweighs.
    compiler = "The compiler's tokenizer splits the source file into pieces."
    assert words(annotator, compiler) == []
    assert words(annotator, "chore: bump checkpoint to epoch 3") == ["checkpoint", "epoch"]
    museum = "Each epoch of the museum's timeline has a checkpoint quiz for pupils."
    assert words(annotator, museum) == []
    assert words(annotator, "My VAE keeps producing the same blurry face.") == ["VAE"]
    adhesive = "VAE adhesive gives a blurry finish if the seed layer is wet."
    assert words(annotator, adhesive) == []
    assert words(annotator, "Llama runs fine on my laptop, surprisingly.") == ["Llama"]
    farm = "The llama farm keeps a laptop in the barn to log the herd locally."
    assert words(annotator, farm) == []
    assert words(annotator, "Our intern built a RAG demo over the office wiki.") == ["RAG"]
    assert words(annotator, "The RAG status on the project wiki is amber.") == []
    # A software agent works in a sandbox, loops and is referred to as "itself".
    assert words(annotator, "The agent looped overnight and booked a meeting with itself.") == [
        "agent"
    ]
    assert words(annotator, "Our travel agent booked the hotel and the flights herself.") == []
    # A law degree writes nothing.
    assert words(annotator, "The product description was obviously written by an LLM.") == ["LLM"]
    assert words(annotator, "She wrote her dissertation for an LLM in tax law.") == []


def test_a_size_in_parameters_after_a_product_name_is_the_product(annotator: Annotator) -> None:
    # A model is named by its size as often as by its version: "Gemma 7B", "Llama 70b".
    assert words(annotator, "Can my laptop run Gemma 7B?") == ["Gemma"]
    assert words(annotator, "Can my laptop run Llama 70b?") == ["Llama"]
    assert words(annotator, "Can my laptop run Gemma?") == []
    # Not a size: a flat, a room, a grade.
    assert words(annotator, "Gemma 7Bx rang twice.") == []
    assert words(annotator, "Gemma moved into flat 7B on Friday.") == []


def test_a_model_s_size_in_a_sentence_is_evidence_for_its_terms(annotator: Annotator) -> None:
    distilled = "We distilled the 70B model into a 3B one for the phone app."
    assert words(annotator, distilled) == ["distilled"]
    assert words(annotator, "We distilled the report into a 3-page summary.") == []
    assert "LLM" in words(annotator, "Falcon 40B was the first open LLM I ran on my rig.")
    # Not a size: a class, a flat, or money.
    assert words(annotator, "Pupils in Class 3B paid the agent a visit.") == []
    assert words(annotator, "The agent at flat 3B called twice.") == []
    assert words(annotator, "The agent closed a $70B deal.") == []


def test_words_ai_writing_uses_daily_are_judged_not_left_out(annotator: Annotator) -> None:
    # "dataset" and "prompting" are marked in their AI sense, and only there.
    prepared = "We cleaned the dataset and fine-tuned the classifier on its labelled examples."
    assert "dataset" in words(annotator, prepared)
    assert words(annotator, "The census dataset covers every household in the county.") == []
    assert "Prompting" in words(annotator, "Prompting the LLM with three examples helped.")
    assert words(annotator, "The closure came without prompting a single complaint.") == []
    # An acronym another field uses is judged: a serving toolkit, not a restaurant chain.
    assert "TGI" in words(annotator, "We serve Llama with TGI behind a load balancer.")
    assert words(annotator, "Dinner at TGI Fridays after the match.") == []
    assert words(annotator, "Back up the photos to the office NAS every night.") == []


def test_cues_from_business_and_engineering_pages_about_ai(annotator: Annotator) -> None:
    # A machine's or a patient's temperature is a reading, not the sampling setting.
    sensors = "Select vibration velocity, bearing temperature and motor current."
    assert words(annotator, sensors) == []
    vitals = "The model combines heart rate, blood pressure and temperature with lactate."
    assert words(annotator, vitals) == []
    # A data protection officer is consulted; the method is configured.
    assert "DPO" not in words(annotator, "Check with the DPO if you are unsure about the chatbot.")
    configured = "Training involves configuring DPO-specific parameters for the reward margins."
    assert "DPO" in words(annotator, configured)
    # An LLM that invents something, a support bot's latency, a bigger model beside MoE.
    assert words(annotator, "I asked the LLM for a recipe and it invented a spice.") == ["LLM"]
    assert words(annotator, "Latency on the support bot jumped to eight seconds.") == ["Latency"]
    assert words(annotator, "Is MoE the reason the bigger model answers faster?") == ["MoE"]


def test_a_name_the_entry_keeps_capitalised_is_never_it_in_lower_case(
    annotator: Annotator,
) -> None:
    # Perplexity the company says `capital = true`: in lower case the word is the metric (or
    # bewilderment), however much AI writing surrounds it, and the metric's entry has it.
    cited = "Why does Perplexity cite pages that don't contain the quote?"
    assert slugs(annotator, cited) == [("Perplexity", "perplexity-ai")]
    metric = "The GPT-2 language model reached a perplexity of 18 on the held-out tokens."
    assert ("perplexity", "perplexity") in slugs(annotator, metric)
    assert "perplexity-ai" not in {slug for _, slug in slugs(annotator, metric)}
    assert words(annotator, "To my perplexity, the shop was closed.") == []
    assert words(annotator, "She stared at the parking fine in perplexity.") == []
    shouted = "PERPLEXITY PRO NOW CITES PDFS"
    assert slugs(annotator, shouted) == [("PERPLEXITY PRO", "perplexity-ai")]
    # The metric's entry has a negative prior: the word, rare as it is in everyday English,
    # is as often bewilderment, so its rarity vouches for nothing beside it.
    coach = "A look of perplexity crossed the coach's face when the transformer hummed."
    assert words(annotator, coach) == []
    # A name without that flag can still be marked in lower case where the AI evidence is
    # strong enough.
    casual = "I asked claude to refactor the LangChain agent and the RAG pipeline."
    assert "claude" in words(annotator, casual)


def test_a_name_in_lower_case_counts_against_only_where_the_text_capitalises(
    annotator: Annotator,
) -> None:
    # Typed into a search box, nothing is capitalised, so the lower case says nothing.
    assert words(annotator, "claude or chatgpt for my cover letter") == ["claude", "chatgpt"]
    # Where the writer capitalises other words, a lower-case name is still held against
    # itself, and the everyday word with nothing about AI stays unmarked either way.
    assert words(annotator, "Ask claude or ChatGPT to rewrite your CV.") == ["ChatGPT"]
    assert words(annotator, "claude from accounts is off today") == []


def test_the_forty_seventh_round(annotator: Annotator) -> None:
    # An assistant argued with, chatted with or told something is the assistant; a person
    # of a star sign comes with an article.
    assert words(annotator, "Dad keeps arguing with Gemini about cribbage rules.") == ["Gemini"]
    assert words(annotator, "I told Grok to roast my profile picture.") == ["Grok"]
    assert words(annotator, "She was arguing with a Gemini at the party.") == []
    # A plan's name is the product ("Claude Pro"); "letting agents handle" is a verb, and
    # only a letting agent with its article is the property one.
    assert words(annotator, "Claude Pro writes better than the rest.") == ["Claude Pro"]
    agents = "Our buyer agents negotiate with suppliers, using tool calling and a system prompt."
    letting = "Next quarter we may try letting agents handle the smallest orders end to end."
    assert marked(annotator, agents, letting)[-1] == (1, "agents")
    rent = "The letting agent never returned the deposit, and the agent's fees went up."
    assert words(annotator, rent) == []
    # A child running a temperature has a fever.
    assert words(annotator, "Ollie ran a temperature all night, so I asked the chatbot.") == [
        "chatbot"
    ]


def test_the_forty_eighth_round(annotator: Annotator) -> None:
    # Cloth cut on the bias, a library's computer use and a bite's misalignment are everyday,
    # even with AI in the sentence; the benchmark named after bias keeps its AI sense.
    assert words(annotator, "Our AI pattern tool can't handle cutting on the bias.") == ["AI"]
    library = "The library's rules on computer use now include a section on AI."
    assert words(annotator, library) == ["AI"]
    bite = "The orthodontist's AI spotted my bite misalignment before she did."
    assert words(annotator, bite) == ["AI"]
    assert "bias" in words(annotator, "Mixtral shows less bias on the Bias Benchmark for QA.")
    # Post-edited output is machine translation's.
    assert words(annotator, "MT output must be post-edited by a linguist.") == ["MT"]


def test_the_forty_ninth_round(annotator: Annotator) -> None:
    # A capitalised word after only a rating, a bullet or a figure on its line starts the
    # sentence, so it names nothing; inside a sentence it still may.
    assert words(annotator, "★★★★★ Handy AI planner, it sorts my week.") == ["AI"]
    assert words(annotator, "- Clever AI captions on every video") == ["AI"]
    assert words(annotator, "We tried Clever AI for the captions.") == []
    # "LLM" alone is the language model; the law degree comes with its letters and its
    # qualifications, and "lawyers use LLMs too".
    assert words(annotator, "Why won't the LLM remember what I said yesterday?") == ["LLM"]
    assert words(annotator, "Ask for Hannah Osei, BA, LLM, who handles our leases.") == []
    assert words(annotator, "Our new trustee holds an LLM from Leeds.") == []
    assert words(annotator, "Jobs like this ask for qualifications such as an LLM.") == []
    cited = "The solicitor apologised: an LLM had made up two of the citations."
    assert words(annotator, cited) == ["LLM"]
    # An assistant that powers something, rates or calls something; in a block with no
    # capital at all, one asked or answering in lower case.
    assert words(annotator, "Powered by Gemini, the planner builds your week.") == ["Gemini"]
    assert words(annotator, "Grok called my essay mid.") == ["Grok"]
    assert words(annotator, "A horse called Grok won the 3.15.") == []
    final = "The quiz final was won by a retired postman called Claude, not by the chatbot."
    assert words(annotator, final) == ["chatbot"]
    assert words(annotator, "gemini says my fridge is too warm") == ["gemini"]
    # Speech and face recognition are, as a rule, the machines'; an audiologist's test is not.
    assert words(annotator, "Our speech recognition mishears every postcode.") == [
        "speech recognition"
    ]
    assert words(annotator, "The audiologist checked her speech recognition in noise.") == []
    # Everyday company beside an AI word: a stamped addressed envelope, a software
    # regression; and an engineer's context: a GPU quota, a model's temperature, annotators.
    assert words(annotator, "Send an SAE, says the chatbot.") == ["chatbot"]
    fixed = "Fixes a regression from last week's release in the chatbot."
    assert words(annotator, fixed) == ["chatbot"]
    assert words(annotator, "GPU quota exceeded, so the training job waits.") == ["GPU"]
    assert words(annotator, "Nit: log the temperature next to the model name.") == ["temperature"]
    annotated = "Limitation: ground truth came from one annotator."
    assert words(annotator, annotated) == ["ground truth"]


def test_the_fiftieth_round(annotator: Annotator) -> None:
    # An app that runs an assistant asks it; "whisper it" is a confidence.
    assert words(annotator, "This little Mac app runs Whisper locally.") == ["Whisper"]
    whispered = "Whisper it, but I prefer Gemini to ChatGPT now."
    assert words(annotator, whispered) == ["Gemini", "ChatGPT"]
    # Everyday company beside an AI word: a dropout from university, a coat of paint, a
    # reply that should be prompt.
    assert words(annotator, "My cousin's a uni dropout who sells AI courses.") == ["AI"]
    painted = "The second layer of eggshell goes on Monday, whatever the AI colour app says."
    assert words(annotator, painted) == ["AI"]
    slot = "Please be prompt in telling us about changes to your delivery slot."
    assert words(annotator, slot) == []
    # What only a model does: inventing what does not exist, a data protection rule on
    # decisions no person takes.
    invented = "It hallucinated a bus route that doesn't exist."
    assert words(annotator, invented) == ["hallucinated"]
    gdpr = "Under the GDPR, nobody may be subject to a solely automated decision."
    # Since the fifty-fourth round the decision spelled out is the glossary's own idea.
    assert words(annotator, gdpr) == ["GDPR", "solely automated decision"]


def test_the_fifty_first_round(annotator: Annotator) -> None:
    # An engineer's context: an agent's loop and trace, prompts logged, a model's version
    # pinned, tokens in a plan.
    assert words(annotator, "Agent stuck in a loop again, trace attached.") == ["Agent"]
    assert words(annotator, "Please don't log full prompts at INFO level.") == ["prompts"]
    pinned = "Please pin the Claude version before Friday's release."
    assert words(annotator, pinned) == ["Claude"]
    assert words(annotator, "The Pro plan includes two million tokens a month.") == ["tokens"]
    # Everyday company beside an AI word: a star sign someone is, a bandage, a baby's fever,
    # an app's dialog.
    sign = "Zoe's a Gemini, so obviously she got ChatGPT to write her poem."
    assert words(annotator, sign) == ["ChatGPT"]
    bandage = "Tensor bandage on, ankle up, and ChatGPT says rest."
    assert words(annotator, bandage) == ["ChatGPT"]
    fever = "Baby's temperature is 38, so no, I'm not asking ChatGPT."
    assert words(annotator, fever) == ["ChatGPT"]
    dialog = "The app shows a prompt asking you to review the captions before checkout."
    assert words(annotator, dialog) == []


def test_the_fifty_second_round(annotator: Annotator) -> None:
    # A model one hosts oneself, a prompt's paste limit, an agent's mode and browser, a
    # tokenizer loaded at startup.
    hosted = "Self-hosted Llama keeps customer data in-house."
    assert words(annotator, hosted) == ["Self-hosted", "Llama"]
    assert words(annotator, "Paste limit: 40 KB per prompt.") == ["prompt"]
    mode = "Introducing agent mode: describe the task, and the agent opens a browser."
    assert words(annotator, mode) == ["agent", "agent"]
    loaded = "Don't tokenize inside the request handler; load the tokenizer at startup."
    assert words(annotator, loaded) == ["tokenize", "tokenizer"]
    # Replies that are prompt are quick ones; a payment provider's keys are rotated too.
    quick = "Customer support replies are prompt, and the AI helper hands you to a person."
    assert words(annotator, quick) == ["AI"]
    assert words(annotator, "Your secret API key must be rotated if it leaks.") == []


def test_the_fifty_fifth_round(annotator: Annotator) -> None:
    # A valve preamp's output transformer, on a page about AI plug-ins.
    valve = "The AI plug-in course demos a valve preamp and its output transformer."
    assert words(annotator, valve) == ["AI"]
    # A law degree studied for, part-time or not; a model run in production.
    lodger = "I am studying part-time for an LLM, so keep the house quiet after 9pm."
    assert words(annotator, lodger) == []
    assert words(annotator, "She is doing an LLM at King's.") == []
    assert words(annotator, "We run an LLM in production for support tickets.") == ["LLM"]
    # From tune101: a shuttle that drives itself; a CV writer, a book token and a camper van
    # beside AI words.
    shuttle = "Our self-driving shuttle stopped for a pigeon."
    assert words(annotator, shuttle) == ["self-driving"]
    assert words(annotator, "best free ai cv writer") == ["ai"]
    token = "Auntie gave me a book token, and the chatbot suggested a novel to spend it on."
    assert words(annotator, token) == ["chatbot"]
    camper = "Finished the T5 camper build; an AI image generator helped me try out layouts."
    assert words(annotator, camper) == ["AI image generator"]


def test_the_fifty_sixth_round(annotator: Annotator) -> None:
    # Grok, capitalised, is the assistant unless something says otherwise: the verb is
    # written in lower case.
    assert words(annotator, "Is Grok any good at maths homework?") == ["Grok"]
    # Any capitalised name after a word for a person or an animal and "called" or "named"
    # is theirs, whatever the words around it (the second line is not ASCII: Python reads it).
    assert words(annotator, "A bloke called Grok runs the climbing wall on Tuesdays.") == []
    colleague = "My colleague named Claude pasted the screenshot into the ticket."
    assert words(annotator, colleague) == []
    assert words(annotator, "Zoë's dog named Gemini hates the app that feeds her.") == []
    assert words(annotator, "We asked a chatbot called Grok.") == ["chatbot", "Grok"]
    # From tune104: a raising agent, a person's learning curve, a language's vocab, a data
    # protection officer who signs off, a bottling line's throughput, beside AI words.
    scones = "The chatbot said my scones were flat because I forgot the raising agent."
    assert words(annotator, scones) == ["chatbot"]
    curve = "My learning curve with the new AI scheduling app has been gentle so far."
    assert words(annotator, curve) == ["AI"]
    vocab = "She revised her Spanish vocab with ChatGPT before the trip."
    assert words(annotator, vocab) == ["ChatGPT"]
    officer = "Our DPO has signed off the chatbot pilot for the help desk."
    assert words(annotator, officer) == ["chatbot"]
    bottles = "The AI camera checks every label, and throughput is 3,000 bottles a shift."
    assert words(annotator, bottles) == ["AI"]
    # Two entries that each explain themselves with the other's word hold each other up in a
    # short sentence, as related terms do.
    assert words(annotator, "The gradient is tiny, so Adam barely moves.") == ["gradient", "Adam"]
    split = "Split the dataset before you touch the test set."
    assert words(annotator, split) == ["dataset", "test set"]
    looks = "The decoder looks back with attention at every step."
    assert words(annotator, looks) == ["decoder", "attention"]
    # From tune103: data held back from a model, a rule written into a prompt, a shipbroker's
    # charterers and their agents, suggestions only logged in shadow mode.
    held = (
        "We hold back last winter's claims as a test set: scores come from cases it has not seen."
    )
    assert words(annotator, held) == ["test set"]
    written = "The rule about dates was written into the prompt, which is where it went wrong."
    assert words(annotator, written) == ["prompt"]
    charterers = (
        "Charterers and their agents now get a weekly summary drafted by a large language model."
    )
    assert words(annotator, charterers) == ["large language model"]
    shadow = (
        "Before launch the new ranking ran in shadow mode, and its suggestions were only logged."
    )
    assert words(annotator, shadow) == ["shadow mode"]


def test_related_words_marked_all_along_a_page_vouch_for_a_term(annotator: Annotator) -> None:
    # From tune141: "the RL part" on a page that writes of a policy and a reward all along,
    # in words with other senses that the page marks on their own evidence.
    page = [
        "What we learned from a robot that stacks cups",
        "Our agent controls a six-joint arm. It learns a policy from a reward for every cup it "
        "stacks, in a simulator built with a physics engine.",
        "The simulator runs a thousand episodes an hour on one GPU.",
        "The first policy learned to knock cups over, because the reward counted cups that "
        "touched, not cups that stood.",
        "We fixed the reward and trained the policy again for two days.",
        "On the real arm the policy stacked nine cups in ten, and the reward curve finally "
        "flattened.",
        "Would we use RL again? Yes, but we would build the simulator first.",
    ]
    assert (6, "RL") in marked(annotator, *page)


def test_cues_against_elsewhere_do_not_outvote_the_pages_own_sense(annotator: Annotator) -> None:
    # From tune135 and tune79: a word marked in its AI sense all along a page stays so in a
    # plain sentence, though a cue against it sits in a far block ("travel" in the footer);
    # the same cue in the sentence's own block still keeps it unmarked.
    page = [
        "How our AI agent handles orders",
        "The agent is an LLM with tools: it reads an order, checks stock through an API and "
        "drafts a reply.",
        "Each morning the agent also writes a summary of overnight orders for the team.",
        "Stock levels come from the warehouse system every ten minutes.",
        "Refunds over fifty pounds always go to a manager.",
        "Like any LLM with tools, the agent can hallucinate, so a person checks every refund it "
        "drafts.",
        "Questions about this page go to the operations desk, not to our travel team.",
    ]
    assert (2, "agent") in marked(annotator, *page)
    page[2] = "Each morning the agent also writes a summary of overnight travel orders."
    assert (2, "agent") not in marked(annotator, *page)


# The sixty-sixth to sixty-ninth rounds: each line in the project's own words, with what it
# marks; each fails on the code before the change read off the parts named.
SIXTY_SIXTH_TO_SIXTY_NINTH = [
    # From tune86 and tune129: Claude used to do a task or typed into is the assistant; a
    # person is bumped into, and one "is called" Claude.
    ("I used Claude to turn my notes into a packing list for the trip.", ["Claude"]),
    ("I typed the pub quiz questions into Claude to check my answers.", ["Claude"]),
    ("I bumped into Claude at the bakery this morning.", []),
    (
        "My neighbour's lad is called Claude, and his school started using Claude for "
        "homework help.",
        ["Claude"],
    ),
    # From tune132: a classroom's behaviour support (prompts, a prompt hierarchy, token
    # boards) beside an AI tool.
    (
        "Support staff use gestural prompts, a prompt hierarchy and token boards with pupils, "
        "and the school's speech-to-text app now types up each session's notes.",
        ["speech-to-text"],
    ),
    # From tune136: a bug in software is a regression of its own kind.
    (
        "After the upgrade we found a software regression in the upload page, though the "
        "linear regression model behind the forecasts was untouched.",
        ["linear regression"],
    ),
    # From tune137: a solar panel's own temperature, measured, beside a model.
    (
        "The anomaly detection model reads each inverter's module temperature every five "
        "minutes and flags strings that underperform.",
        ["anomaly detection"],
    ),
    # From tune134 and tune138: asking whether an assistant is down.
    ("Is Claude down? My chats won't load.", ["Claude"]),
    # From tune39, tune46 and tune88: a contact centre's human agents on AI pages.
    (
        "Speech recognition with diarisation separates the customer from the agent, and an "
        "LLM scores each call against the QA form.",
        ["Speech recognition", "diarisation", "LLM"],
    ),
    (
        "The chatbot drafts the reply and a senior support agent approves it before sending.",
        ["chatbot"],
    ),
    # From tune42, tune48 and tune62: attention given, or deserved, beside AI words.
    ("We gave attention to every refusal the LLM produced in the pilot.", ["refusal", "LLM"]),
    ("The chatbot's refusals deserve attention before launch.", ["chatbot", "refusals"]),
    # From tune52, tune58 and tune69: a device's temperature climbing.
    (
        "Running the LLM on the phone for an hour makes the phone's temperature climb, and "
        "then token generation slows.",
        ["LLM", "token"],
    ),
    # From tune140: token fines, and a news channel's reporter.
    (
        "Regulators have so far handed out only token fines to firms whose chatbots gave "
        "bad advice.",
        ["chatbots"],
    ),
    ("A CNN reporter asked whether the chatbot had been tested.", ["chatbot"]),
    # From tune139: a law degree after "doing law".
    (
        "Our son has been in Durham for four years, first doing law and now an LLM, so he is "
        "not coming home.",
        [],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SIXTY_SIXTH_TO_SIXTY_NINTH)
def test_the_sixty_sixth_to_sixty_ninth_rounds(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert words(annotator, text) == expected


SEVENTIETH_TO_SEVENTY_THIRD = [
    # From tune145: a room's measured temperature and a log of temperatures beside AI words.
    (
        "The chatbot went slow on Friday because the temperature in the data centre kept climbing.",
        ["chatbot"],
    ),
    ("Paper greenhouse temperature logs are now read by AI OCR every evening.", ["AI", "OCR"]),
    # A person on the phone one waits on hold for; a database's pooled connections.
    (
        "Since the chatbot went live, callers are no longer left on hold waiting for an agent.",
        ["chatbot"],
    ),
    ("Turn on connection pooling before the embedding calls run in a loop.", ["embedding"]),
    # Words of a training study that hold each other up; a forecast is what prediction makes;
    # a product placed on the market is the AI Act's language.
    (
        "Scaling laws fitted on our small runs overestimated how well the final checkpoint did "
        "on downstream performance.",
        ["Scaling laws", "checkpoint", "downstream performance"],
    ),
    (
        "The ferry company uses predictive analytics to forecast how many cars will book each "
        "sailing.",
        ["predictive analytics"],
    ),
    (
        "Under the AI Act, a provider must finish its checks before the system is placed on the "
        "market.",
        ["AI Act"],
    ),
    # A business rates agent, not an AI agent, beside the AI tool that reads the claim.
    (
        "When a shop or its rating agent uploads a claim, an AI tool reads the lease and the "
        "accounts.",
        ["AI"],
    ),
    # From tune143: a colleague who thinks; a television's decoder box; an assistant used as
    # something; a banknote's watermark held to the light; a chess site's rating.
    (
        "Adam thinks the new chatbot is only on the paid licences, so ask him before you try it.",
        ["chatbot"],
    ),
    (
        "Grandpa reckons the voice assistant lives inside the decoder box under the telly.",
        ["voice assistant"],
    ),
    ("We used Claude as quiz master for the pub night and it kept the scores.", ["Claude"]),
    (
        "Hold each note up to the light and check the watermark; the till's AI note checker "
        "still gets some wrong.",
        ["AI"],
    ),
    ("My lichess Elo rating jumped once I stopped asking ChatGPT for openings.", ["ChatGPT"]),
    # From tune142: a data protection officer speaks of GDPR wherever it applies, an AI
    # pilot too.
    (
        "Asked whether the LLM triage pilot complied with GDPR, the data protection officer "
        "said a DPIA had been done.",
        ["LLM", "GDPR"],
    ),
    # From tune148: a charger's mains transformer, pasteurisation temperatures, someone's AGI
    # timeline, Le Chat on a free tier, a colleague addressed by name.
    (
        "The robot dog answers questions with an LLM, but the mains transformer on its charger "
        "hums all night.",
        ["LLM"],
    ),
    (
        "Our AI food safety checklist is done, but someone still has to log the pasteurisation "
        "temperatures.",
        ["AI"],
    ),
    ('My AGI timeline is "once the printer works".', ["AGI"]),
    ("Le Chat from Mistral is fast, and the free tier is plenty for me.", ["Le Chat", "Mistral"]),
    ("Adam, can you see what Copilot did to the rota? Every shift says zero.", ["Copilot"]),
    # From tune149: a baby weighed at home in winter layers (two everyday words that would
    # otherwise pair); a climate map's temperature; viewers' attention held; an operating policy.
    ("The midwife did the weights at home, so the baby stayed in her winter layers.", []),
    (
        "The emulator is a neural network that turns emissions into maps of temperature and "
        "rainfall.",
        ["neural network"],
    ),
    (
        "The board heard that the recommender algorithm could hold viewers' attention at the "
        "cost of variety.",
        ["recommender"],
    ),
    (
        "Under the lab's operating policy, every new reinforcement learning controller is "
        "reviewed before it runs.",
        ["reinforcement learning"],
    ),
    # From tune147: a problem brought to someone's attention.
    (
        "The AI assistant can tidy up your letter, but only you can bring the damp problem to "
        "someone's attention.",
        ["AI assistant"],
    ),
    # From tune151: an intern named like a writing assistant; tokens explained as chunks of
    # words; a school's dropout; an umpire's bias; a research mode that reads sources.
    ("Jasper AI wrote the first draft and our intern Jasper tidied it up.", ["Jasper AI"]),
    (
        "Explaining tokens to a new starter: they are chunks of words, so one long word may be "
        "three tokens.",
        ["tokens", "tokens"],
    ),
    (
        "We predict apprenticeship dropout from attendance records with gradient boosted trees.",
        ["gradient boosted trees"],
    ),
    (
        "A cricket umpire's bias is one person's; algorithmic bias repeats itself on every "
        "decision.",
        ["algorithmic bias"],
    ),
    (
        "Beta: Deep Research mode reads up to 100 sources about a supplier and writes a short "
        "risk note.",
        ["Deep Research"],
    ),
    # A colleague from a team, named like an optimiser.
    (
        "Adam from data science says we should try AdamW with a lower learning rate.",
        ["AdamW", "learning rate"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEVENTIETH_TO_SEVENTY_THIRD)
def test_the_seventieth_to_seventy_third_rounds(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert words(annotator, text) == expected


SEVENTY_FOURTH_TO_SEVENTY_SEVENTH = [
    # The seventy-fourth round, from tune153 and tune152: a name with a family after it, a
    # role in brackets after it or after a surname, a possessive office, "from ops": a person.
    (
        "Turns out Gemma's husband made the party invitations with an AI image generator.",
        ["AI image generator"],
    ),
    (
        "Jasper Lee (trainee) will check the chatbot's answers before the parents see them.",
        ["chatbot"],
    ),
    ("Claude in our office wants the chatbot's answers checked before they go out.", ["chatbot"]),
    ("Gemma from ops asked whether we could run Gemma 2 on the spare laptop.", ["Gemma 2"]),
    # Condolences, a tripped transformer, a charity walk's checkpoint, a quiet appliance, a
    # sleep study's 30-second epochs and a new starter's CV beside AI words.
    ("So sorry for your loss; I used ChatGPT to find the words for the card.", ["ChatGPT"]),
    (
        "The transformer in the plant room tripped, so the self-hosted chatbot was down all day.",
        ["self-hosted", "chatbot"],
    ),
    (
        "I'm manning a checkpoint on the charity walk, then I'll look at the chatbot logs.",
        ["chatbot"],
    ),
    ("Whisper-quiet blender, though its AI mode is a gimmick.", ["AI"]),
    ("The sleep study scored every 30-second epoch with a deep learning model.", ["deep learning"]),
    ("The new starter's CV mentions machine learning and Python.", ["machine learning"]),
    # The seventy-fifth, from tune155: a team office of several words, a person of a trade
    # "named" so.
    (
        "When Claude from the county library office asked what RAG is, I showed him our chatbot.",
        ["RAG", "chatbot"],
    ),
    ("The bakery's chatbot takes orders, and a driver named Claude delivers them.", ["chatbot"]),
    # What only an assistant does: it reads, handles and rewrites.
    ("Gemini reads handwritten recipe cards surprisingly well.", ["Gemini"]),
    ("Mistral handles our Italian supplier emails now.", ["Mistral"]),
    # From tune154: apps and tools that hallucinate; from tune155, epochs trained for, what
    # goes in the prompt, a model fine-tuned on something.
    ("Double-check every date, because these apps can hallucinate.", ["hallucinate"]),
    ("The tools sometimes hallucinate opening hours that do not exist.", ["hallucinate"]),
    ("We trained for four epochs on the ferry timetables.", ["epochs"]),
    ("Keep account numbers out of the prompt, please.", ["prompt"]),
    ("She fine-tuned it on ten years of parish newsletters.", ["fine-tuned"]),
    # A data protection officer who approves, an estate agent who sold, a layer of ice, a
    # litter sired by insemination.
    ("The DPO must approve the new chatbot before it goes live.", ["chatbot"]),
    ("The agent who sold our flat had never used ChatGPT.", ["ChatGPT"]),
    (
        "A thin layer of ice covered the car park where the face recognition camera stands.",
        ["face recognition"],
    ),
    ("Her springer's last litter came by AI, since the stud dog lives in Wales.", []),
    # The seventy-sixth, from tune157 and tune156: a pallet's weights, network latency, a
    # rug's padding, a plant care app's pruning, a trolley token, a YOLO said, calls answered
    # promptly.
    (
        "The depot says the pallet weights are wrong because the OCR misread the delivery notes.",
        ["OCR"],
    ),
    (
        "Support says network latency is fine, so the slowness is the model's time to first token.",
        ["time to first token"],
    ),
    ("The robot mower's AI maps the lawn, then gets stuck on the padding under the rug.", ["AI"]),
    (
        "A handy plant care app with sensible pruning advice, though its AI diagnosis was wrong.",
        ["AI"],
    ),
    ("Take a token for the trolley; the chatbot at the entrance won't give you one.", ["chatbot"]),
    ("My nan said YOLO and asked ChatGPT to plan a trip to Iceland.", ["ChatGPT"]),
    ("Prompt answering of calls improved once the chatbot took the simple questions.", ["chatbot"]),
    # An invoice-reading pipeline's prompt: "invoice" no longer speaks against it.
    (
        "We send the OCR text to an LLM with a prompt that lists every invoice field.",
        ["OCR", "LLM", "prompt"],
    ),
    # The seventy-seventh, from tune159: a model fine-tuned on something, a prompt logged, an
    # agent that sends email with a person's approval, AGI beside labs and predictions.
    ("Fine-tuned on twelve years of lifeboat call logs.", ["Fine-tuned"]),
    (
        "Our class learned that fine-tuning a model on parish records teaches it old spellings.",
        ["fine-tuning"],
    ),
    ("Every prompt was logged for the auditors.", ["prompt"]),
    ("Please don't log the full prompt; it holds patients' names.", ["prompt"]),
    ("Any agent that can send email must ask for human approval first.", ["agent"]),
    ("Pundits should define AGI before repeating the labs' predictions.", ["AGI"]),
    # A cellar's temperature, a price in Singapore dollars, a dissected frog's neurons.
    (
        "The shop's voice assistant speaks French now, but the cellar temperature is on a dial.",
        ["voice assistant"],
    ),
    ("Quote: 400 SGD for the GPU rental, invoice attached.", ["GPU"]),
    # A bike's gears fine-tuned on a test ride are no model fine-tuned on data.
    ("Gears fine-tuned on a test ride, chain degreased, drivetrain checked.", []),
    # From tune158: a prompt that tells the model something; a layer of support.
    ("The prompt tells the model to use only the facts on the match form.", ["prompt"]),
    ("Reading apps are one more layer of support, and the AI voice is optional.", ["AI voice"]),
    (
        "An artificial neuron is a weighted sum, not like the neurons in the frog we dissected.",
        ["artificial neuron"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEVENTY_FOURTH_TO_SEVENTY_SEVENTH)
def test_the_seventy_fourth_to_seventy_seventh_rounds(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert words(annotator, text) == expected


SEVENTY_EIGHTH_TO_EIGHTY_FIFTH = [
    # The eighty-second round, from tune168: a product "built on" a model beside a person of
    # that name, a model that "may hallucinate" among patients, a prompt called vague.
    (
        "Our clinic's triage helper is built on Claude; Claude Mensah, our nurse lead, checks "
        "it weekly.",
        ["Claude"],
    ),
    (
        "The hazard log notes that the model may hallucinate a dose that no leaflet gives, so "
        "a pharmacist checks each patient's answer.",
        ["hallucinate"],
    ),
    (
        "A vague prompt gets a vague lesson plan, so say who the class is and what they already "
        "know.",
        ["prompt"],
    ),
    # The eighty-fifth round, from tune174: applied-AI pages' own phrases (bounding boxes drawn,
    # inference run, a test set not used to adjust the prompt).
    (
        "The grading app draws bounding boxes round each apple it detects on the conveyor.",
        ["bounding boxes"],
    ),
    (
        "We run the inference on a tablet in the orchard, so no signal is needed there.",
        ["inference"],
    ),
    (
        "The test set will not be used to adjust the prompt, and the panel's agreed list is final.",
        ["test set", "prompt"],
    ),
    # The eighty-fourth round, from tune172: a tender's "train or fine-tune", a model self-hosted.
    (
        "Parish records must not be used to train or fine-tune any model, and the supplier "
        "must say so in writing.",
        ["fine-tune"],
    ),
    (
        "The transcription model is self-hosted in the county's own data centre, never in a "
        "public cloud.",
        ["self-hosted"],
    ),
]


@pytest.mark.parametrize(("text", "expected"), SEVENTY_EIGHTH_TO_EIGHTY_FIFTH)
def test_the_seventy_eighth_to_eighty_fifth_rounds(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert words(annotator, text) == expected


EIGHTY_SIXTH_TO_NINETY_THIRD = [
    # The eighty-sixth to ninety-third rounds, from tune176 to tune190: a chat's speaker
    # with a job in brackets; everyday company beside AI words (a star sign, motor oil,
    # diving weights, a phone on pay-as-you-go, loyalty tokens, a bridle and a steel drum
    # tuned by hand or ear, a railway's traction transformer, a prompt reminder).
    (
        "Gemma (metadata librarian): what temperature did we set for the cataloguing prompt?",
        ["temperature", "prompt"],
    ),
    (
        "The snow globe was a prompt reminder that diffusion models start from noise.",
        ["diffusion models"],
    ),
    ("I'm a Gemini, so of course I asked ChatGPT for my horoscope.", ["ChatGPT"]),
    ("I asked ChatGPT whether SAE 30 oil suits the lawnmower.", ["ChatGPT"]),
    (
        "Grandad still keeps his diving weights in the shed, and now he asks the voice "
        "assistant about tides.",
        ["voice assistant"],
    ),
    (
        "It works on any pay-as-you-go handset, because on-device AI does the work offline.",
        ["on-device AI"],
    ),
    (
        "The noodle bar's app recommends dishes with AI and lets diners spend loyalty tokens.",
        ["AI"],
    ),
    ("She fine-tuned the bridle by hand after an AI tool designed the canopy pattern.", ["AI"]),
    (
        "The steel drum was fine-tuned by ear; the chatbot was fine-tuned on tickets.",
        ["chatbot", "fine-tuned"],
    ),
    (
        "The railway's traction transformer failed, so the AI timetable assistant rerouted "
        "the trains.",
        ["AI"],
    ),
    # A support agent introducing himself, a theatre's prompt corner, a law degree finished,
    # a dog's mating or an AI (insemination).
    (
        "Hi Marianne, Claude here from the support team; I've read your chat with our AI "
        "assistant.",
        ["AI assistant"],
    ),
    (
        "Ruth will sit in the prompt corner while the chatbot writes the programme notes.",
        ["chatbot"],
    ),
    (
        "Her nephew, who has just finished an LLM in Edinburgh, asked ChatGPT about the lease.",
        ["ChatGPT"],
    ),
    (
        "We do not walk bitches within ten days of a mating or an AI; the booking chatbot "
        "knows this.",
        ["chatbot"],
    ),
    # A pet of any kind called so; a client said to be one, not a client's assistant.
    (
        "Jonah's tarantula is called Llama, not to be confused with the Llama model on his laptop.",
        ["Llama"],
    ),
    ("The chatbot sent the quote to Claude the client, not to our sales team.", ["chatbot"]),
    # A title before a name; yarn weights.
    (
        "Mrs Gemma Okoro, our head of careers, will run a session on writing a prompt for ChatGPT.",
        ["prompt", "ChatGPT"],
    ),
    (
        "The best listings came from a detailed prompt: the materials, the yarn weights and "
        "the care instructions.",
        ["prompt"],
    ),
    # A pet named, a team written with a capital.
    ("In the end we named ours Claude, after my grandad, not after the chatbot.", ["chatbot"]),
    ("Claude in Finance has confirmed the chatbot budget.", ["chatbot"]),
]


@pytest.mark.parametrize(("text", "expected"), EIGHTY_SIXTH_TO_NINETY_THIRD)
def test_the_eighty_sixth_to_ninety_third_rounds(
    annotator: Annotator, text: str, expected: list[str]
) -> None:
    assert words(annotator, text) == expected


def test_a_name_the_page_shows_to_be_a_persons_is_that_person_in_its_other_sentences(
    annotator: Annotator,
) -> None:
    # Minutes list those present by full name; later blocks use the first name alone.
    blocks = (
        "Attendees: Priya Nair, Jasper Cole (trainee), Ben Hart.",
        "Our speaking practice app uses speech recognition and a large language model.",
        "Jasper will run the trial with Year 9 and report back on the app's feedback.",
    )
    assert (2, "Jasper") not in marked(annotator, *blocks)
    # Strong evidence still outweighs it: a product line's version, other models beside it.
    blocks = (
        "Our neighbour Claude Brennan lent us his ladder.",
        "Claude 3.5 Sonnet and GPT-4o both wrote the unit tests, and Claude needed fewer retries.",
    )
    assert marked(annotator, *blocks).count((1, "Claude")) == 1
    # Inside one sentence the two are set apart: the person first, then the chatbot.
    text = "Claude from finance asked whether Claude, the chatbot, may read supplier invoices."
    assert words(annotator, text) == ["Claude", "chatbot"]


def test_an_everyday_verb_is_no_clinicians_word_against_an_error_metric(
    annotator: Annotator,
) -> None:
    # "affect" is a psychiatric examination's word (a flat affect), not the verb "affects"
    # anywhere on a page, which said nothing against a model's error before.
    blocks = [
        "How the weather affects sales.",
        "Rain keeps shoppers at home.",
        "Sun brings them back.",
        "Snow closes the car park.",
        "The forecast's mean absolute error was 6%.",
    ]
    reply: dict[str, Any] = annotator.annotate(blocks, Options(explain=True))
    [error] = [e for e in reply["explanations"] if e["term"] == "mean-squared-error"]
    assert "affects" not in [e["detail"] for e in error["evidence"]]


def test_a_never_phrases_words_of_grammar_take_no_endings(annotator: Annotator) -> None:
    # "grok it" (to understand it) is a never phrase of Grok's; "its" is no ending of "it",
    # so the assistant that picks its sources is still the assistant.
    assert words(annotator, "It took a week to grok how Grok picks its sources.") == ["Grok"]
    assert words(annotator, "Give it a month and you will grok it.") == []


def test_the_sixty_fifth_round(annotator: Annotator) -> None:
    # From tune131: records shared, not a network's pooling, beside AI words.
    pharmacies = (
        "Federated learning lets pharmacies train a shared model without pooling prescription "
        "records."
    )
    assert words(annotator, pharmacies) == ["Federated learning"]


def test_the_sixty_fourth_round(annotator: Annotator) -> None:
    # From tune127 and tune128: a fair's tombola tokens, doors out of alignment, a running
    # club's warm-up, a layer of stuffing, beside AI words; an airline's virtual agent, a
    # prompt library, a trip an assistant planned, a system that hallucinated.
    fair = [
        "The AI voucher checker is new this year, and the tombola and tokens stall is back.",
        "Prizes are on the table by the door.",
        "Bring change for the tokens.",
    ]
    assert words(annotator, *fair) == ["AI"]
    doors = "I asked the chatbot about the hinge and it said the doors were out of alignment."
    assert words(annotator, doors) == ["chatbot"]
    club = "Our running club's ChatGPT plan skips the warm-up, which is how you pull a hamstring."
    assert words(annotator, club) == ["ChatGPT"]
    loaves = "Gemini told me to spread a layer of stuffing between the two loaves."
    assert words(annotator, loaves) == ["Gemini"]
    case = "The airline's virtual agent kept telling me my case was on its way."
    assert words(annotator, case) == ["agent"]
    chasers = "I've put my prompt for chasing late invoices in the prompt library."
    assert words(annotator, chasers) == ["prompt", "prompt library"]
    porto = "Gemini planned our week in Porto and got every museum's opening hours wrong."
    assert words(annotator, porto) == ["Gemini"]
    gap = "I do not know whether the system simply hallucinated a delivery date to fill the gap."
    assert words(annotator, gap) == ["hallucinated"]
    # From tune126: a CI server's build agent beside an LLM; package names a model invented,
    # and CV systems, said in so many words.
    ci = (
        "The LLM suggested a package that did not exist, and the CI build agent installed a "
        "lookalike during the test run."
    )
    assert words(annotator, ci) == ["LLM"]
    squat = "Attackers register hallucinated package names that a coding assistant tends to invent."
    assert words(annotator, squat) == ["hallucinated"]
    port = "Our CV systems check every container for dents before it leaves the port."
    assert words(annotator, port) == ["CV"]


def test_the_sixty_third_round(annotator: Annotator) -> None:
    # From tune125, tune123 and tune124: a CI server's build agent, a hotel's reservations
    # agent, a baby's star sign, a surveyor's benchmark, beside AI words; a machine that
    # hallucinated, and minutes produced by an assistant on a page about travel.
    build = "The LLM eval suite only fails on the build agent with no route to the internet."
    assert words(annotator, build) == ["LLM eval"]
    guest = "When the chatbot is unsure it passes the guest to a reservations agent."
    assert words(annotator, guest) == ["chatbot"]
    sign = "The pregnancy app's chatbot says the baby will be a Gemini or a Cancer."
    assert words(annotator, sign) == ["chatbot"]
    survey = "The site survey AI misread a temporary benchmark on the drawing as a drain."
    assert words(annotator, survey) == ["AI"]
    worse = "Worse, it hallucinated a detail about his war service that never happened."
    assert words(annotator, worse) == ["hallucinated"]
    trip = [
        "Flights to Leeds are booked for the whole team.",
        "Hotel rooms are on the second floor.",
        "Lunch is at one.",
        "The notes of the call were produced by Copilot, so check your actions.",
    ]
    assert words(annotator, *trip) == ["Copilot"]


def test_the_sixty_second_round(annotator: Annotator) -> None:
    # From tune122: a colleague introduced by the team she works in or the group she comes
    # from at the head of a sentence, a name in the plural (whales, a football team), a NAS
    # that holds a reader's files, headphones' padding, a bird of prey's flying display.
    payroll = "Claude in payroll asked the chatbot to explain the pension change."
    assert words(annotator, payroll) == ["chatbot"]
    choir = "Gemma from our choir used ChatGPT to plan the Christmas concert."
    assert words(annotator, choir) == ["ChatGPT"]
    falcons = "The Falcons lost again, and the AI pundit still tipped them to win."
    assert words(annotator, falcons) == ["AI"]
    nas = "The AI agent deleted half the photos on your NAS before anyone noticed."
    assert words(annotator, nas) == ["AI agent"]
    ears = "The AI noise cancelling is clever, but the padding hurts my ears after an hour."
    assert words(annotator, ears) == ["AI"]
    show = "After the Falcon display, the children asked the chatbot for a quiz about it."
    assert words(annotator, show) == ["chatbot"]
    # A product is still used in labs and called from a terminal mid-sentence, and its model
    # is named.
    labs = "Students may use Copilot in labs if they can explain every line."
    assert words(annotator, labs) == ["Copilot"]
    terminal = "Each night we call Claude from the terminal to refactor the test suite."
    assert words(annotator, terminal) == ["Claude"]
    calls = "Our reps use Copilot in sales calls to draft the follow-up emails."
    assert words(annotator, calls) == ["Copilot"]
    model = "The newest Claude model admitted it did not know the answer."
    assert words(annotator, model) == ["Claude"]
    # From tune121: a prompt copy (a quick one), a layer of dust, a performer's agent, a
    # colleague who is emailed, beside AI words.
    proof = "The AI image generator made the flyer, and the printer promised a prompt copy."
    assert words(annotator, proof) == ["AI image generator"]
    dust = "The robot vacuum's machine learning cannot stop a layer of dust settling on its camera."
    assert words(annotator, dust) == ["machine learning"]
    voice = "Any request to clone a presenter's voice with AI goes through their agent first."
    assert words(annotator, voice) == ["AI"]
    desk = "Questions about the chatbot's answers can be sent by emailing Gemma at the front desk."
    assert words(annotator, desk) == ["chatbot"]
    # From tune120: the people on a contact centre's phones, a foam's blowing agent; and a
    # model fine-tuned, and the logs of prompts, said in so many words.
    centre = (
        "The chatbot drafts the reply, and our customer service agents check it before it goes."
    )
    assert words(annotator, centre) == ["chatbot"]
    foam = "The LLM summarised the review of the foam blowing agent tank without missing a hazard."
    assert words(annotator, foam) == ["LLM"]
    line = "After a week of images from the line we fine-tune the model, since every plant differs."
    assert words(annotator, line) == ["fine-tune"]
    logs = "Do not paste client names into the assistant: the prompt logs are kept for ninety days."
    assert words(annotator, logs) == ["prompt"]


def test_the_sixty_first_round(annotator: Annotator) -> None:
    # From tune119 and tune118: a lazy generalisation, a jar's net weights, heat diffusion in
    # permafrost's active layer, a news channel on the radio, a NAS that holds files, a
    # building model's alignment, bearings' temperatures, beside AI words.
    lazy = "It's a lazy generalisation to say every chatbot lies."
    assert words(annotator, lazy) == ["chatbot"]
    jar = "The AI label checker reads the net weights on each jar."
    assert words(annotator, jar) == ["AI"]
    permafrost = "Our LSTM beats a physics-based heat diffusion model of the active layer."
    assert words(annotator, permafrost) == ["LSTM"]
    aired = "CNN and two radio stations aired the deepfake before anyone checked it."
    assert words(annotator, aired) == ["deepfake"]
    nas = "A speech-to-text job transcribes the voicemails straight off the NAS every night."
    assert words(annotator, nas) == ["speech-to-text"]
    bim = (
        "The computer vision model compares each frame with the BIM drawings, so alignment matters."
    )
    assert words(annotator, bim) == ["computer vision"]
    bearings = "The anomaly score rises when the temperatures of matched bearings drift apart."
    assert words(annotator, bearings) == ["anomaly score"]
    # From tune117: a law degree being finished, a speedcuber's last layer, a show's kitchen
    # scales, beside AI words.
    durham = "She is finishing her LLM at Durham, so the chatbot project waits."
    assert words(annotator, durham) == ["chatbot"]
    cube = "ChatGPT gave my brother last-layer algorithms for his Rubik's cube that don't work."
    assert words(annotator, cube) == ["ChatGPT"]
    marrows = "The AI tool logged the marrows, but the weights were checked on kitchen scales."
    assert words(annotator, marrows) == ["AI"]


def test_the_sixtieth_round(annotator: Annotator) -> None:
    # From tune116 and tune114: a tracker's RAG column and a cook temperature beside AI words.
    column = "The RAG column on the tracker turned red for the chatbot rollout this week."
    assert words(annotator, column) == ["chatbot"]
    features = "Our machine learning model takes salt, pH and cook temperature as features."
    assert words(annotator, features) == ["machine learning"]
    # From tune115: an illustrator is a person, not Adobe's file format, however far away; a
    # fun run's marshals at a checkpoint and a gazebo's sandbag weights beside AI words.
    shop = [
        "You must be 16 or over to use the AI tool.",
        "Designs are made in the shop's own app.",
        "Orders ship within five days.",
        "Gift wrapping is extra.",
        "Returns are free within 30 days.",
        "For the look of a living illustrator, commission them instead.",
    ]
    assert words(annotator, *shop) == ["AI"]
    marshals = "The chatbot sent the marshals to the wrong checkpoint."
    assert words(annotator, marshals) == ["chatbot"]
    gazebo = "ChatGPT suggested sandbag weights for the gazebo legs."
    assert words(annotator, gazebo) == ["ChatGPT"]
    # From the tuned pages about other things (tune7, tune99): people who staff the phones.
    phones = "Our phone lines are staffed by trained agents, and the chatbot answers overnight."
    assert words(annotator, phones) == ["chatbot"]


def test_the_fifty_ninth_round(annotator: Annotator) -> None:
    # From tune113: an assistant's name that powers something is the assistant (a star sign
    # powered by coffee is not); software regressions, a printer's layers, a pole's
    # transformer beside AI words; a detector that flags, dropout's units, a spam classifier.
    search = "The library's new Gemini-powered search answers questions about opening hours."
    assert words(annotator, search) == ["Gemini"]
    assert words(annotator, "My cousin is a Gemini - powered by coffee and gossip.") == []
    upgraded = "Upgraded the tokenizer library; no regressions in the eval suite."
    assert words(annotator, upgraded) == ["tokenizer", "eval suite"]
    printer = "The AI camera on the 3D printer spots layers that have shifted."
    assert words(annotator, printer) == ["AI"]
    pole = "The chatbot logged a fault with the transformer on the electricity pole outside."
    assert words(annotator, pole) == ["chatbot"]
    flagged = "Anomaly detection flagged two payments from the same card."
    assert words(annotator, flagged) == ["Anomaly detection"]
    units = "Dropout switches off a random share of units while the network trains."
    assert words(annotator, units) == ["Dropout"]
    spam = "A classifier decides whether each email is spam or not."
    assert words(annotator, spam) == ["classifier"]
    # From tune112 and tune113: a country's initials before a term are no name of a thing.
    covered = "Prompts that hold personal data are covered by UK GDPR."
    assert words(annotator, covered) == ["Prompts", "GDPR"]
    # From the tuned sentences: "chat bot" written apart and OCR are, as a rule, the AI
    # sense (a stream's command bot and the exam board have their own words); a job title's
    # "Lead" makes no name of what follows.
    bank = "The bank's chat bot kept sending me the same link."
    assert words(annotator, bank) == ["chat bot"]
    registers = "OCR struggles with the faded parish registers from the 1920s."
    assert words(annotator, registers) == ["OCR"]
    complaint = "File a complaint with OCR within 180 days of the discrimination."
    assert words(annotator, complaint) == []
    assert words(annotator, "We're hiring a Lead ML Engineer for the search team.") == ["ML"]


def test_the_fifty_eighth_round(annotator: Annotator) -> None:
    # From tune110: a token fee, prompt notice and a howling mistral beside AI words; MoE
    # models and a retriever's passages are the AI senses.
    fee = "The testers were paid a token fee, and the chatbot logged every session."
    assert words(annotator, fee) == ["chatbot"]
    notice = "Please give prompt notice if the AI assistant shows you someone else's data."
    assert words(annotator, notice) == ["AI assistant"]
    wind = "The mistral was howling all night, so I asked ChatGPT about ferry delays."
    assert words(annotator, wind) == ["ChatGPT"]
    assert words(annotator, "MoE models are cheap to run and hungry for memory.") == ["MoE"]
    assert words(annotator, "The retriever returned the same passage twice.") == ["retriever"]
    # From tune108: a client's agent and a structure's self-weights beside AI words; a saved
    # prompt is the AI sense.
    client = "Do not send the AI draft to the client's agent before an engineer has checked it."
    assert words(annotator, client) == ["AI"]
    weights = "The AI tool must never calculate self-weights for a structure."
    assert words(annotator, weights) == ["AI"]
    saved = 'Open the saved prompt called "RAMS first draft" and paste your notes.'
    assert words(annotator, saved) == ["prompt"]


def test_the_fifty_seventh_round(annotator: Annotator) -> None:
    # From tune106: the star sign's people and season, a sticker reward, a call centre's QA,
    # a CV sift and a bit of a learning curve, beside AI words.
    twins = "Mum says all Geminis are stubborn, and the chatbot agreed."
    assert words(annotator, twins) == ["chatbot"]
    season = "It is Gemini season, and the Gemini app still cannot find my train."
    assert words(annotator, season) == ["Gemini app"]
    sticker = (
        "The sticker reward for tidy bedrooms works better than anything the chatbot suggested."
    )
    assert words(annotator, sticker) == ["chatbot"]
    calls = "Call QA scores now include whether the AI summary was read out to the caller."
    assert words(annotator, calls) == ["AI summary"]
    sift = "We paused the AI CV sift until someone checks it for bias."
    assert words(annotator, sift) == ["AI", "bias"]
    curve = "Bit of a learning curve with Copilot, but it saved me an hour."
    assert words(annotator, curve) == ["Copilot"]
    # From tune105 and tune107: a phone that prompts you, a tutor's individual attention, a
    # power transformer's gases and a gully's silt layer, beside AI words.
    location = "The app may prompt you to share your location; the chatbot itself never asks."
    assert words(annotator, location) == ["chatbot"]
    tutor = "Every learner gets individual attention, and the AI tutor is only there for practice."
    assert words(annotator, tutor) == ["AI"]
    gas = (
        "We feed the dissolved gas readings from each transformer into an anomaly detection model."
    )
    assert words(annotator, gas) == ["anomaly detection"]
    silt = "The machine learning model reads the silt layer depth from each gully survey."
    assert words(annotator, silt) == ["machine learning"]


def test_the_fifty_fourth_round(annotator: Annotator) -> None:
    # A model trained, then fine-tuned; images held back from training; a service that
    # learns what is normal.
    tuned = (
        "The detector started as a network trained on street photos, "
        "which we fine-tuned on 2,000 images of our own."
    )
    assert words(annotator, tuned) == ["fine-tuned"]
    held = "We held back 500 images that the model never saw in training as a test set."
    assert words(annotator, held) == ["test set"]
    normal = (
        "The service learns what normal traffic looks like, "
        "and its anomaly detection flags the odd spikes."
    )
    assert words(annotator, normal) == ["anomaly detection"]
    # A data protection officer who speaks, a token apology, a CV builder, waste
    # classification and a weights session, each beside an AI word.
    officer = "Our DPO says the chatbot can't see patient letters yet."
    assert words(annotator, officer) == ["chatbot"]
    apology = "The chatbot gave a token apology and repeated the mistake."
    assert words(annotator, apology) == ["chatbot"]
    assert words(annotator, "The AI CV builder listed Excel four times.") == ["AI"]
    waste = "The AI quoting tool guesses the waste classification from a photo."
    assert words(annotator, waste) == ["AI"]
    gym = "The AI training plan put a weights session on Boxing Day."
    assert words(annotator, gym) == ["AI"]
    shadow = "We'll run the new classifier in shadow mode before it routes a ticket."
    assert words(annotator, shadow) == ["classifier", "shadow mode"]
    # Automated decision-making spelled out has no other sense; "ADM" has (a grain trader).
    tenants = "There is no automated decision-making about tenants."
    assert words(annotator, tenants) == ["automated decision-making"]
    assert words(annotator, "ADM shares rose as grain prices climbed.") == []


def test_a_never_phrase_that_is_a_name_is_matched_as_written(annotator: Annotator) -> None:
    """ "Google AI" and "Scale AI" are names: "Google's AI" and "scales with AI" are neither,
    though an idiom may take a word between its words and an ending ("pay close attention")."""
    google = "Turn off the use of your chats to improve Google's AI."
    assert words(annotator, google) == ["AI"]
    scales = "Kitchen scales with AI nutrition analysis need calibration."
    assert words(annotator, scales) == ["AI"]
    assert words(annotator, "Scale AI labels data for OpenAI.") == ["OpenAI"]
    close = "Pay close attention to the attention weights."
    assert words(annotator, close) == ["attention", "weights"]


def test_the_fifty_third_round(annotator: Annotator) -> None:
    # Money in Singapore dollars, a hen's feed, a horse at a fence, a treadmill's slope, a
    # quick answer, a race's checkpoint and a pool's warmth, each beside an AI word.
    taxi = "ChatGPT says the taxi from the airport is about SGD 30 at night."
    assert words(annotator, taxi) == ["ChatGPT"]
    feed = "The chatbot on the feed shop's site knows its layer pellets from its chick crumb."
    assert words(annotator, feed) == ["chatbot"]
    horse = "The chatbot suggested more oats when I asked about my horse's refusal at the fence."
    assert words(annotator, horse) == ["chatbot"]
    treadmill = "Our AI coach on the treadmill raises the gradient whenever my pace drops."
    assert words(annotator, treadmill) == ["AI"]
    assert words(annotator, "Thanks for a prompt answer about the chatbot, Sam.") == ["chatbot"]
    race = "The AI photo tagger matched every runner at the 10 km checkpoint."
    assert words(annotator, race) == ["AI"]
    pool = "The pool temperature was lovely, and the chatbot booked our lane."
    assert words(annotator, pool) == ["chatbot"]
    # Writing prompts for a chatbot is the AI sense; a writer's prompt for a story is not.
    practise = "You will practise writing prompts that get useful results from the chatbot."
    assert words(annotator, practise) == ["prompts", "chatbot"]
    story = "Here is a writing prompt for your story, and the chatbot can wait."
    assert words(annotator, story) == ["chatbot"]
    # A reranker's recall, an assistant's phone app.
    assert words(annotator, "Recall fell after we changed the reranking step.") == ["reranking"]
    assert words(annotator, "Does Claude have an Android app yet?") == ["Claude"]


def test_the_assistant_prompted_the_model_distilled_and_the_gpu_hours_are_cues(
    annotator: Annotator,
) -> None:
    prompting = "Spent the morning prompting Claude to write unit tests."
    assert words(annotator, prompting) == ["prompting", "Claude"]
    assert words(annotator, "The teacher kept prompting the class to answer.") == []
    distilled = "The support bot runs on a small model distilled from our flagship."
    assert words(annotator, distilled) == ["distilled"]
    assert words(annotator, "The spirit is distilled from malted barley.") == []
    assert words(annotator, "The search burned 40x the GPU hours.") == ["GPU"]
    assert words(annotator, "My GPU fan is loud when I play games.") == []


def test_the_cues_and_relations_from_round_26(annotator: Annotator) -> None:
    """Related terms that hold each other up, and cues, from the twenty-sixth round."""
    checkpoint = "Checkpoint 1200 looks best on the dev set, ship that one."
    assert words(annotator, checkpoint) == ["Checkpoint", "dev set"]
    versus = "Prompting alone got us to 80%; the last 15% needed fine-tuning."
    assert words(annotator, versus) == ["Prompting", "fine-tuning"]
    assert words(annotator, "Our fine-tune fails with NaN loss after step 300.") == [
        "fine-tune",
        "loss",
    ]
    assert words(annotator, "Attention is just a weighted average with extra steps.") == [
        "Attention"
    ]
    grounding = "Without grounding, the bot confidently invents last week's football scores."
    assert words(annotator, grounding) == ["grounding"]
    assert words(annotator, "Check the grounding of the outlet before you plug it in.") == []
    assert words(annotator, "fix(retrieval): raise chunk overlap to 100 tokens") == ["tokens"]
    assert words(annotator, "Whisper mangles Welsh place names on every call recording.") == [
        "Whisper"
    ]
    audiology = "Speech testing: her speech recognition threshold was 35 dB HL in each ear."
    assert words(annotator, audiology) == []
    railway = (
        "Power is from a new transformer and controller in a weatherproof box, and three "
        "locomotives now have DCC sound decoders fitted."
    )
    assert words(annotator, railway) == []


def test_the_cues_and_relations_from_round_28(annotator: Annotator) -> None:
    """Cues and relations from the twenty-eighth round's short texts."""
    assert words(annotator, "chore: bump Llama checkpoint to latest release") == [
        "Llama",
        "checkpoint",
    ]
    assert words(annotator, "The checkpoint from step 40k is the best one.") == ["checkpoint"]
    assert words(annotator, "TPU quota request denied. Again.") == ["TPU"]
    assert words(annotator, "Our TPU phone case sold out.") == []
    assert words(annotator, "It's multimodal now, so it can read my handwriting.") == ["multimodal"]
    assert words(annotator, "The LLM refused to write a birthday poem about my boss.") == ["LLM"]
    assert words(annotator, "Another lawyer fined over hallucinated case law.") == ["hallucinated"]
    jailbreak = "Someone posted a working jailbreak for the new Gemini on a forum."
    assert words(annotator, jailbreak) == ["jailbreak", "Gemini"]
    assert words(annotator, "loss went NaN at step 12k again.") == ["loss"]
    assert words(annotator, "GAN collapsed to one face again.") == ["GAN"]
    retriever = "hallucinations spike whenever the retriever returns nothing."
    assert words(annotator, retriever) == ["hallucinations", "retriever"]
    assert words(annotator, "attention is quadratic, this meeting felt cubic.") == ["attention"]


def test_the_cues_and_relations_from_round_29(annotator: Annotator) -> None:
    """Cues, idioms and relations from the twenty-ninth round."""
    # A product's EU declaration of conformity is CE-marking law, not the AI Act's.
    customs = "List the commodity code and keep the EU declaration of conformity for the goods."
    assert words(annotator, customs) == []
    act = "Under the AI Act the provider signs an EU declaration of conformity for the system."
    assert "EU declaration of conformity" in words(annotator, act)
    late = "The ChatGPT demo started late, so each guest got a token of apology at the door."
    assert words(annotator, late) == ["ChatGPT"]
    lab = "This reinforcement learning lab follows the module's collaboration policy."
    assert words(annotator, lab) == ["reinforcement learning"]
    grief = (
        "She asked a chatbot about the trial date. "
        "Since the crash she has had flashbacks and even hallucinations at night."
    )
    assert words(annotator, grief) == ["chatbot"]
    assert words(annotator, "With DPO the policy learns from preference pairs.") == [
        "DPO",
        "policy",
        "preference pairs",
    ]
    assert words(annotator, "Is a PPO clip range of 0.2 too wide?") == ["PPO"]
    assert words(annotator, "CLIP puts images and text in one space.") == ["CLIP"]


def test_the_cues_and_relations_from_round_30(annotator: Annotator) -> None:
    """Cues, idioms and relations from the thirtieth round."""
    guidance = [
        "Choosing your modules",
        "These notes explain how to choose taught modules for the Master of Laws programme.",
        "Each module carries fifteen credits.",
        "The timetable is published in September.",
        "Firms value breadth, and those on a training contract often pick to match it. Last year"
        " students asked a chatbot to compare module outlines, and it left out prerequisites."
        " If unsure, book a slot through the LLM office.",
    ]
    assert words(annotator, *guidance) == ["chatbot"]
    fined = "A barrister was fined after an LLM invented three citations."
    assert words(annotator, fined) == ["LLM"]  # lawyers use LLMs too
    fertility = "Fertility treatment: we exclude assisted conception, including AI and IVF."
    asked = "Members who asked our chatbot about exclusions should call us."
    assert words(annotator, fertility, asked) == ["chatbot"]
    free = "Classifier-free guidance trades variety for a closer match to the prompt."
    assert "Classifier" not in words(annotator, free)
    laptop = "The GPU run produced tokens quickly, but the case temperature rose as well."
    assert "temperature" not in words(annotator, laptop)
    assert words(annotator, "A higher temperature makes the model's outputs more varied.") == [
        "temperature"
    ]
    # Everyday words are no cues: phrases are.
    assert words(annotator, "The temperature varied a lot during the week.") == []
    assert words(annotator, "The work is repetitive and the temperature drops at night.") == []
    assert words(annotator, "CNN obtained x-rays showing the player's broken wrist.") == []
    small = "Quantised, it fits in 16 gigabytes of memory."
    assert words(annotator, small) == ["Quantised"]
    guardrail = "The guardrail blocks responses that mention a patient's name."
    assert words(annotator, guardrail) == ["guardrail"]
    prompt = "Skip the fine-tuning and rewrite the prompt first."
    assert words(annotator, prompt) == ["fine-tuning", "prompt"]
    assert words(annotator, "Policy entropy fell to zero after 3k steps.") == ["Policy"]
    assert words(annotator, "Each embedding holds 768 floating-point values.") == ["embedding"]


def test_the_cues_and_relations_from_round_32(annotator: Annotator) -> None:
    """Cues, idioms and relations from the thirty-second round."""
    wax = "The course covered embedding wire into wax foundation with an electric embedder."
    assert words(annotator, wax) == []
    wandered = (
        "The context window has grown to 128,000 tokens, so the tutor keeps the session in"
        " view even when the student's attention has wandered."
    )
    assert words(annotator, wandered) == ["context window", "tokens"]
    full = (
        "The fine-tuned model and its tokenizer ship this week, and our partner team will give"
        " every customer its full attention."
    )
    assert words(annotator, full) == ["fine-tuned", "tokenizer"]
    changes = "What post-training actually changes in the weights"
    assert words(annotator, changes) == ["post-training", "weights"]
    hiring = "Hiring an RL post-training engineer, remote is fine."
    assert words(annotator, hiring) == ["RL", "post-training"]
    assert words(annotator, "The weights are released under an open licence.") == ["weights"]
    size = "Embedding size 1024 or 3072 for our search index?"
    assert words(annotator, size) == ["Embedding"]
    assert words(annotator, "The reward curve went flat after 300 steps.") == ["reward"]
    averaged = "Checkpoint averaging over the last five saves helped."
    assert words(annotator, averaged) == ["Checkpoint"]
    groups = "Bias results across demographic groups are in the appendix."
    assert words(annotator, groups) == ["Bias"]


def test_business_english_from_round_33(annotator: Annotator) -> None:
    """Business and policy writing about AI keeps its everyday idioms (the thirty-third
    round): attention that came to someone, a bank's credit losses and risk weights, prompt
    feedback, constructive alignment, rewards and sanctions, management bias."""
    audit = (
        "Our chatbot and the large language model behind it flagged matters that came to our"
        " attention during the audit."
    )
    assert words(annotator, audit) == ["chatbot", "large language model"]
    bank = (
        "The LLM team reviewed every fine-tuned model, and the expected credit loss models with"
        " their risk weights stay under the main policy."
    )
    assert words(annotator, bank) == ["LLM", "fine-tuned"]
    briefed = "Staff were briefed on prompt feedback and the large language model pilot."
    assert words(annotator, briefed) == ["large language model"]
    aligned = (
        "Our AI assistant drafts replies, and we use constructive alignment between learning"
        " outcomes and tasks."
    )
    assert words(annotator, aligned) == ["AI assistant"]
    school = "The chatbot handles rewards and sanctions queries for the LLM-based school app."
    assert words(annotator, school) == ["chatbot", "LLM"]
    estimates = (
        "The chatbot summarises the audit, and auditors note management bias in the estimates."
    )
    assert words(annotator, estimates) == ["chatbot"]
    dogs = "The club follows a reward-based training policy, so dogs are paid for good work."
    assert words(annotator, dogs) == []
    cases = {
        "Our AI assistant now answers brokers and agents directly about each claim.": [
            "AI assistant"
        ],
        "The chatbot drafts letters; the Reward team sets salary ranges by benchmarking.": [
            "chatbot"
        ],
        "The AI image tool may only be used for colour temperature studies.": ["AI"],
        "Suppliers must not offer staff a token of nominal value, including free chatbots.": [
            "chatbots"
        ],
        "These risks deserve our attention as the LLM rollout begins.": ["LLM"],
        "We seek alignment with ISO 27001 before the LLM pilot starts.": ["LLM"],
        "Pay should show clear alignment with long-term value, not chatbot revenue.": ["chatbot"],
        "The chatbot reads temperature records from the cold chain.": ["chatbot"],
        "Behaviour and rewards: the school chatbot logs reward points.": ["chatbot"],
        "Artists keep line weights intact in every asset, with or without the AI tool.": ["AI"],
        "Our proxy voting agent executed every vote, and the chatbot drafted the summary.": [
            "chatbot"
        ],
        "Chatbot incidents are covered under prompt reporting rules.": ["Chatbot"],
        "The chatbot hallucinated a two-year tracker linked to a benchmark we do not use.": [
            "chatbot",
            "hallucinated",
        ],
        "Bank Rate, the benchmark for borrowing costs, is not a question for our chatbot.": [
            "chatbot"
        ],
    }
    for text, expected in cases.items():
        assert words(annotator, text) == expected, text
    # People are agents to economists: a cue against, which related AI terms can outweigh.
    economists = "Economists use the word agents for households and firms."
    assert "agents" not in words(annotator, economists + " Our chatbot explains it.")


def test_retrieval_in_business_shorthand(annotator: Annotator) -> None:
    # What RAG is over, and a RAG demo, are retrieval; a RAG status is a traffic light.
    assert words(annotator, "RAG over the policy library is live in three teams.") == ["RAG"]
    assert words(annotator, "The RAG demo impressed the board.") == ["RAG"]
    assert words(annotator, "The project's RAG status turned amber.") == []


def test_what_a_business_spends_on_ai(annotator: Annotator) -> None:
    # Spend, usage and capacity are what budgets say of models, tokens and GPUs; a
    # ball's drinks tokens are counted per guest, which is no cue.
    assert words(annotator, "LLM spend rose to £42k in the third quarter.") == ["LLM"]
    assert words(annotator, "Finance asked why token spend doubled in March.") == ["token"]
    assert words(annotator, "The board approved £250k for GPU capacity.") == ["GPU"]
    assert words(annotator, "Two drinks tokens per guest, for wine or soft drinks.") == []


def test_what_a_research_team_runs_and_masks(annotator: Annotator) -> None:
    # A PPO or RL run, an attention mask, chunked documents, NLP systems: the phrases, not
    # their everyday words, are the cues.
    assert words(annotator, "The PPO run needed four models in memory at once.") == ["PPO"]
    assert words(annotator, "Our RL run diverged at step 812.") == ["RL"]
    assert words(annotator, "attention masks are where packing goes wrong") == ["attention"]
    chunks = "Chunking documents too finely splits sentences across passages."
    assert words(annotator, chunks) == ["Chunking"]
    assert words(annotator, "NLP systems still struggle with sarcasm.") == ["NLP"]


def test_everyday_english_beside_an_ai_term_from_round_35(annotator: Annotator) -> None:
    """An everyday use of a colliding word in the same short text as an AI term (the
    thirty-fifth round): the AI term lends it nothing where an idiom settles it."""
    cases = {
        "Court ruling prompts lawsuit against chatbot maker": ["chatbot"],
        "Data centres running AI workloads strain grids as temperatures soar": ["AI"],
        "Test car hits guardrail; maker blames its object detection model": ["object detection"],
        "The chatbot's answers were discussed on CNN during the evening segment about AI.": [
            "chatbot",
            "AI",
        ],
        "Whisky distillery uses machine learning to fine-tune its blends": ["machine learning"],
        "GRU-linked group used deepfake video to sway the vote": ["deepfake"],
        "Could you distill the feedback into three bullets for the chatbot team?": ["chatbot"],
        "Customer's phone is jailbroken, so the ChatGPT app won't install.": ["ChatGPT"],
        "Stripe sandbox keys expired, which broke the AI agent checkout demo.": ["AI agent"],
        "QA passed the release, but the chatbot still hallucinates refund dates.": [
            "chatbot",
            "hallucinates",
        ],
        "Unlike a biological neuron, a perceptron sums weighted inputs.": ["perceptron"],
        "That is a fair inference from the emails, but the LLM costs worry me.": ["LLM"],
        "Attention everyone: the ChatGPT extension is blocked from Monday.": ["ChatGPT"],
        "Kahoot leaderboard winners pick next week's Kaggle dataset for the LLM lab.": [
            "Kaggle dataset",
            "LLM",
        ],
        "Active learning session: pairs explain self-attention to each other.": ["self-attention"],
        "Chess Elo ratings inspired how Chatbot Arena ranks models.": ["Chatbot Arena"],
        "The steering group reached alignment on scope for the LLM pilot.": ["LLM"],
        "Embedding a designer in the chatbot squad has paid off.": ["chatbot"],
        "We did deep research on vendors before trying ChatGPT.": ["ChatGPT"],
        "my daughter asked for MLP fan art and Midjourney delivered": ["Midjourney"],
        "Regulator's findings prompts investigation into chatbot maker": ["chatbot"],
        "Temperatures hit 40C in the hall where the LLM runs.": ["LLM"],
        "The Stripe payment sandbox failed during the AI agent demo.": ["AI agent"],
        "Tracing that bug was a needle in a haystack, unlike the needle-in-a-haystack test the"
        " LLM aces.": ["needle-in-a-haystack test", "LLM"],
    }
    for text, expected in cases.items():
        assert words(annotator, text) == expected, text
    moved = "Project checkpoint moved to Thursday; the LLM demo follows it."
    assert "checkpoint" not in words(annotator, moved)
    assert words(annotator, "GAN training is a contest between two networks.") == ["GAN"]


def test_an_adjective_of_a_people_starts_no_name(annotator: Annotator) -> None:
    # "Meta AI" is a name; "a European LLM" is not.
    assert words(annotator, "Mistral raises fresh funds to build a European LLM") == [
        "Mistral",
        "LLM",
    ]
    assert "AI" not in words(annotator, "The Meta AI app added a voice mode.")


def test_a_company_written_with_its_capital_is_the_company(annotator: Annotator) -> None:
    # Anthropic and Cohere have a prior of 1.0: capitalised, they are the companies; in
    # lower case, the anthropic principle and a verb.
    assert words(annotator, "Anthropic signs partnership with consulting giant") == ["Anthropic"]
    assert words(annotator, "Cohere raises new funding round") == ["Cohere"]
    assert words(annotator, "The findings cohere with earlier surveys.") == []
    assert words(annotator, "Anthropic reasoning does not by itself refute design.") == []


def test_the_company_an_ml_sense_keeps_is_a_cue(annotator: Annotator) -> None:
    spiked = "Loss spiked at step 40k, so we rolled back to the previous checkpoint."
    assert words(annotator, spiked) == ["Loss", "checkpoint"]
    assert words(annotator, "Losses spiked in the third quarter, the insurer said.") == []
    # Artificial insemination of horses is no AI, as cattle's is not.
    assert words(annotator, "Dolly goes to the stallion's yard on Thursday for AI.") == []


def test_bird_flu_and_breeding_said_in_one_line_are_no_ai(annotator: Annotator) -> None:
    # A line of a poultry keeper's, a pig, goat or alpaca breeder's page met on its own.
    for text in (
        "Our geese stay housed until the AI prevention zone is lifted.",
        "We switched the sows' litters to AI three years ago and they are more even.",
        "Most of our goats now go to AI rather than to the buck.",
        "Is AI worth it for a herdsire with a poor fleece?",
    ):
        assert words(annotator, text) == [], text
    # Words that AI writing also uses stay out of the cues: guinea pigs, market bulls.
    assert words(annotator, "We were the guinea pigs for the new AI tool.") == ["AI"]
    assert words(annotator, "Bulls say AI spending will keep rising.") == ["AI"]


def test_everyday_phrases_that_would_hold_up_an_ai_word_stay_unmarked(
    annotator: Annotator,
) -> None:
    # Two ambiguous words of related entries hold each other up in a short sentence, and a
    # rare everyday word vouches for another: a token rise and a council's attention, a
    # reader's hallucinating and a dog called the retriever.
    for text in (
        "Even a token rise for the mayor shows where the council's attention lies.",
        "I was hallucinating with tiredness when I read about the retriever.",
    ):
        assert words(annotator, text) == [], text
    # A taste panel's pairwise comparison is no model's win rate.
    tasting = "In a blind tasting, our crisp won the pairwise comparison, a win rate of 58%."
    assert words(annotator, tasting) == []
    # Those phrases are written so that the AI uses stay marked.
    assert words(annotator, "Apply proper attention masking to the padded tokens.") == [
        "attention",
        "tokens",
    ]


def test_a_line_of_teaching_or_engineering_names_its_field(annotator: Annotator) -> None:
    # Lecture slides, flashcards, textbook lines and commit messages say little around a
    # term, but what they say belongs to its field: a device for tensors, an update for a
    # batch size, edge detectors for a CNN.
    for text, terms in (
        ("Both tensors must be on the same device.", ["tensors"]),
        ("Never look at the test set while tuning the model.", ["test set"]),
        ("Batch size is the number of examples per update.", ["Batch size"]),
        ("Quantization needs less memory at a small cost in quality.", ["Quantization"]),
        ("Sycophancy means telling the user what they want to hear.", ["Sycophancy"]),
        ("RAG: retrieve relevant passages, then generate the answer.", ["RAG"]),
        ("The VAE decode step takes most of the time.", ["VAE"]),
        ("A finish reason of content filter means the answer was cut short.", ["content filter"]),
        ("Decision trees split on one feature at a time.", ["Decision trees"]),
        ("Hallucination: a fluent answer that nothing supports.", ["Hallucination"]),
        ("Early layers of a CNN act as edge detectors.", ["layers", "CNN"]),
        (
            "The score is the dot product of the center word vector and a context word vector.",
            ["word vector", "word vector"],
        ),
        ("A pooling window of height and width two halves the resolution.", ["pooling"]),
        ("Bahdanau's attention is additive rather than multiplicative.", ["attention"]),
        ("Finally we decode the output tokens into text.", ["output tokens"]),
    ):
        assert words(annotator, text) == terms, text
    # Words too common to say which field a line is in are no cues: a forum's users, dense
    # reading, a detector.
    assert words(annotator, "The forum's users mocked his sycophancy toward the moderators.") == []
    assert words(annotator, "The MoE figures are dense reading for parents.") == []
    assert words(annotator, "Watch CNN tonight for a look at airport metal detectors.") == []


def test_another_ambiguous_form_is_no_cue_in_any_inflection(annotator: Annotator) -> None:
    # "tokens" is on the API entry's list of cues, but "token" is judged itself: as a cue
    # it would make any tokens API an AI one, which would then vouch for "token".
    assert words(annotator, "Use the Tokens API to get an access key for the tile server.") == []


def test_an_acronym_with_a_number_is_an_identifier(annotator: Annotator) -> None:
    assert words(annotator, "AI-3: route the paging policy to the on-call channel.") == []
    assert words(annotator, "Ticket ML-104 asks how much AI the support team uses.") == ["AI"]


def test_a_unit_of_size_after_a_number_is_the_unit(annotator: Annotator) -> None:
    # A file's or a chunk's size, however much retrieval is around it; the knowledge base
    # itself, with no number before it, is still the term.
    text = (
        "The RAG pipeline splits each knowledge base page into chunks of about 2 KB for embedding."
    )
    assert "KB" not in words(annotator, text)
    assert words(
        annotator, "Our chatbot answers from the KB, and the 1.5\u00a0KB cap keeps chunks small."
    ) == [
        "chatbot",
        "KB",
    ]


def test_a_setting_followed_by_its_value_is_the_setting(annotator: Annotator) -> None:
    # The temperature entry's `values` are 0 to 2: such a number right after it is a
    # sampling setting, however it is joined; a measurement has a unit, or is out of range.
    for text in (
        "Try temperature 0.3 for the summaries.",
        "We set temperature=0 for the regression suite.",
        "Turn the temperature down to 0.5 and run it again.",
        "Keep the temperature at zero for extraction.",
        "The temperature was 0 for every run.",
        "The temperature is set to 0.2 for extraction.",
    ):
        assert words(annotator, text) == ["temperature"]
    for text in (
        "The temperature 2 °C below freezing kept the roads icy.",
        "A temperature of 1.5 degrees above the average.",
        "The temperature 38.5 means a fever.",
        "Hold the temperature at 2C overnight.",
        "The temperature in 2 hours will drop.",
        "The temperature was 2 degrees at dawn.",
        "The temperature was 1.5 times the norm.",
        # A range's unit comes after its other end.
        "Insulin is stored at a temperature of 2 to 8°C.",
        "Keep the temperature at 1-2 degrees.",
    ):
        assert words(annotator, text) == []
    # Dropout's values are 0 to 1; a regulator's dropout of 0.3 V is a voltage.
    assert words(annotator, "Use a dropout of 0.1 after the last block.") == ["dropout"]
    assert words(annotator, "The regulator has a dropout of 0.3 V at full load.") == []
    # A measurement is settled, whatever AI is beside it: the same word in its AI sense in
    # the sentence, a chatbot in the next clause. A thousands separator is part of a number.
    kiln = "Kiln temperature 1,200°C; chatbot temperature 0.7."
    assert words(annotator, kiln) == ["chatbot", "temperature"]
    assert words(annotator, "She had a temperature of 38.5 and ChatGPT said rest.") == ["ChatGPT"]
    # A version is no number of either kind.
    assert words(annotator, "Pin the temperature 12.5.1 release of the sensor library.") == []


def test_a_narrow_sense_needs_its_own_related_terms(annotator: Annotator) -> None:
    # In AI writing a "query" is mostly a user's question: AI terms around it say nothing
    # of attention's query vector; attention's own words and terms do.
    for text in (
        "With prompt caching, the chatbot no longer resends the whole document with each query.",
        "Our reranker moved the right answer into the top three for most queries.",
        "The agent splits a complex query into sub-questions before it calls the LLM.",
    ):
        assert "query" not in " ".join(words(annotator, text)).lower(), text
    text = "Each attention head compares the query with every key and weighs the values."
    assert "query" in words(annotator, text)
    # So is an RL "policy": AI writing about assistants has refund, travel and safety
    # policies; RL's own terms vouch for it, and pair with it in a short sentence.
    for text in (
        "The answer lives in the travel and expenses policy, and we use RAG to find it.",
        "Jailbreaks bypass the safety policies and guardrails of an LLM.",
    ):
        assert "polic" not in " ".join(words(annotator, text)).lower(), text
    rl = "Why does the policy collapse to one action after 200k steps of RL?"
    assert words(annotator, rl) == ["policy", "RL"]
    hacking = "Reward hacking: the policy learns that the reward model likes long answers."
    assert "policy" in words(annotator, hacking)


def test_terms_borrowed_from_another_field_do_not_vouch_for_each_other(
    annotator: Annotator,
) -> None:
    # Data-protection terms are in the glossary for AI readers; a privacy notice that names
    # several of them is still not about AI.
    notice = (
        "We process your personal data under the GDPR. Our data retention policy keeps "
        "booking records for six years; shared records are pseudonymised and personally "
        "identifiable information (PII) is never sold."
    )
    assert words(annotator, notice) == []
    # Nor is a hosting plan's contract, for its service level words.
    contract = (
        "Our hosting plan commits to 99.95 percent monthly availability under the uptime SLA; "
        "if we miss it you may claim service credits. The payments API returns JSON over "
        "HTTPS and sends webhooks for refunds."
    )
    assert words(annotator, contract) == []
    # Beside an AI term, each is the idea the glossary explains.
    ai = "Before we send chats to the LLM we strip PII, as the GDPR asks."
    assert words(annotator, ai) == ["LLM", "PII", "GDPR"]


def test_a_form_written_in_full_nearby_says_what_the_acronym_stands_for(
    annotator: Annotator,
) -> None:
    heading = "Definition of an MDP"
    paragraph = "A Markov decision process (MDP) is a model of how a system changes."
    assert words(annotator, heading, paragraph) == ["MDP", "Markov decision process", "MDP"]
    # Without the full name, nothing here says which MDP it is.
    assert words(annotator, heading, "An MDP is a model of how a system changes.") == []


def test_everyday_senses_are_not_marked(annotator: Annotator) -> None:
    assert words(annotator, "The travel agent gave us a token for the laundry.") == []
    assert words(annotator, "Leave the dough at room temperature and pay attention to it.") == []
    assert words(annotator, "Our HR team sends a post-training survey to every new hire.") == []
    assert words(annotator, "She holds an LLM in tax law from a London law school.") == []
    text = "Avian influenza (AI) was confirmed in a poultry flock; AI outbreaks spread fast."
    assert words(annotator, text) == []
    text = "Hours at a screen can bring on computer vision syndrome: dry eyes and headaches."
    assert words(annotator, text) == []
    # A chess club's ratings: terms AI borrowed from games do not vouch for each other.
    text = "Our ladder uses the Elo rating system, and the club leaderboard shows each win rate."
    assert words(annotator, text) == []
    assert words(annotator, "Computer vision finds the cracks in each weld.") == ["Computer vision"]


# Forms beside AI are the ideas the glossary explains: those that documentation uses in its
# own senses (below), and those the evaluation's labellers used where the glossary had none
# (kept in their own fields' senses too, on AI pages as elsewhere).
@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("We train in half precision on eight GPUs to fit the model weights.", "half precision"),
        ("Never paste API keys into the system prompt.", "API keys"),
        ("Ragas scores context precision on the retrieved chunks.", "context precision"),
        ("Ragas scores context recall on the retrieved chunks.", "context recall"),
        ("The system prompt and the user prompt reach the model together.", "user prompt"),
        ("We finetuned Llama on our tickets with LoRA.", "finetuned"),
        ("Mamba replaces attention with a selective scan.", "Mamba"),
        ("GQA and MQA share key-value heads across query heads to shrink the KV cache.", "MQA"),
        ("GQA cuts the KV cache of Llama 2 70B.", "GQA"),
        ("We tokenize the corpus before pre-training the LLM.", "tokenize"),
        ("the llm kept hallucinating citations", "llm"),
        ("Accuracy on the held-out set fell after fine-tuning.", "held-out set"),
        ("The SelfInstruct class asks the LLM for new instructions.", "SelfInstruct"),
        ("EvolInstruct rewrites each instruction to be harder for the LLM.", "EvolInstruct"),
        ("Llama uses rotary embeddings, not learned positional encodings.", "rotary embeddings"),
        ("Train in float16 with loss scaling so the gradients do not underflow.", "float16"),
        ("Switching the weights from float32 to bfloat16 halves their memory.", "float32"),
        ("Whisper large-v3 reaches a WER of 2.0 on LibriSpeech test-clean.", "WER"),
        ("Each region proposal is scored against the bounding boxes.", "region proposal"),
        ("The dense block concatenates the feature maps of every layer.", "dense block"),
        ("NiN uses 1x1 convolutions after each convolution.", "NiN"),
        ("Our CV team trained a defect detector on photos from the line cameras.", "CV"),
        ("chatgpt wrote the first draft of the release notes", "chatgpt"),
        ("the gpu runs out of memory when I load the model weights", "gpu"),
        ("how much vram do I need to run a 7B model locally", "vram"),
        ("Apply NMS with an IoU threshold of 0.5 to the predicted boxes.", "NMS"),
        ("BERT was pre-trained with masked language modelling and NSP.", "NSP"),
        ("We reviewed the preference data in Argilla before the DPO run.", "Argilla"),
        ("Adadelta needs no learning rate of its own.", "Adadelta"),
        ("Llama 3 8B scores 82 on HellaSwag.", "HellaSwag"),
        ("We built a code agent with smolagents.", "smolagents"),
        ("Use 2,000 warmup steps, then cosine decay of the learning rate.", "warmup steps"),
        (
            "Speaker diarization splits the call into the agent's turns and the customer's.",
            "Speaker diarization",
        ),
        ("LLaVA answers VQA questions about each image.", "VQA"),
        ("The detector reaches 78 mAP on VOC 2007 test images.", "VOC 2007"),
        ("Image quality jumped when we swapped the GAN for diffusion.", "diffusion"),
        ("We run YOLO on the depot cameras to count pallets.", "YOLO"),
        ("The council banned face recognition cameras in the town centre.", "face recognition"),
        ("Police trialled live facial recognition at the match.", "live facial recognition"),
        ("The model has 96 layers, each with its own attention heads.", "layers"),
        ("The attention heads in layer 12 track negation in the prompt.", "layer"),
        ("We run OCR on the scanned invoices before the LLM extracts the totals.", "OCR"),
        ("Chain-of-thought prompting lifts BBH scores for every model size.", "BBH"),
        ("Orca 2 learned to reason from GPT-4's step-by-step explanations.", "Orca 2"),
        ("Marketing drafts product blurbs in Jasper.", "Jasper"),
        ("Magpie prompts an aligned LLM with only the template's pre-query tokens.", "Magpie"),
    ],
)
def test_forms_beside_ai_are_marked(annotator: Annotator, text: str, form: str) -> None:
    assert form in words(annotator, text)


@pytest.mark.parametrize(
    ("text", "form"),
    [
        ("Use conda or mamba install pytorch before you fine-tune the LLM.", "mamba"),
        ("A black mamba was found in the garage.", "mamba"),
        ("Our LLM app stores tokenized card numbers from the payment form.", "tokenized"),
        ("Card numbers are tokenized before they reach the payment processor.", "tokenized"),
        ("LLaVA scores well on VQAv2 and the GQA benchmark after fine-tuning.", "GQA"),
        ("MQA files play in hi-res on Tidal.", "MQA"),
        ("She is studying for an llm in tax law at a London law school.", "llm"),
        ("The moderators kept back a held-out set of exam papers for the appeal.", "held-out set"),
        ("The price is given as a float32 in the API response.", "float32"),
        ("Open Event Viewer and check the WER reports for the crash.", "WER"),
        ("The region proposal for the new bypass was rejected by the council.", "region proposal"),
        ("The report was a dense block of text with no headings.", "dense block"),
        ("Please send your CV and a cover letter to the hiring manager.", "CV"),
        ("The recruiter shortlisted applicants whose CV listed an AI course.", "CV"),
        ("Update your CV before you apply for the ML engineer role.", "CV"),
        ("The CV joint on the front axle clicks on tight turns.", "CV"),
        ("The NMS raised an alert over SNMP when a switch port went down.", "NMS"),
        ("Our NSP hands out clean needles and syringes every weekday.", "NSP"),
        ("Mix the argilla powder with water for a clay face mask.", "argilla"),
        ("Argilla bianca is the gentlest clay for sensitive skin.", "Argilla"),
        ("Do ten minutes of warm-up before the match: jogging and stretches.", "warm-up"),
        ("As a warm-up we train the model on one GPU before scaling out.", "warm-up"),
        ("The plant cut its VOC 2012 emissions of solvents by a third.", "VOC 2012"),
        ("Our VQA scores measure video quality after compression at each bitrate.", "VQA"),
        ("Perplexity on WikiText-103 fell to 18.3 after fine-tuning.", "Perplexity"),
        ("Diffusion of the solute through the membrane took an hour.", "Diffusion"),
        ("The diffusion of innovations explains why farmers adopted the new seed.", "diffusion"),
        ("Booked the trip on a whim, YOLO, and the flight was half empty.", "YOLO"),
        ("Patients with prosopagnosia have impaired face recognition.", "face recognition"),
        ("Put a second layer of paint on the fence once the first is dry.", "layer"),
        (
            "The orchestration layer sends each request to the cheapest LLM that can answer.",
            "layer",
        ),
        ("Moderation is one layer of defence against prompt injection, not the only one.", "layer"),
        ("Layer up before the walk: the forecast says snow.", "Layer"),
        ("The OCR opened an investigation into the district's Title IX complaint.", "OCR"),
        ("CIFAR funds research chairs across Canada.", "CIFAR"),
        ("A peregrine falcon nests on the cathedral.", "falcon"),
        ("A pod of orca swam past the ferry.", "orca"),
        ("The jasper pendant is polished quartz.", "jasper"),
        ("Two magpies raided the bird feeder again.", "magpies"),
    ],
)
def test_forms_labellers_used_keep_their_own_fields_senses(
    annotator: Annotator, text: str, form: str
) -> None:
    assert form not in words(annotator, text)


# Forms found marked in this machine's manuals, Python's docstrings and Debian's package
# notes, each in its own sense there.
@pytest.mark.parametrize(
    "text",
    [
        "Embedders are encouraged to use unique prefixes with the public embedder API of V8.",
        "We generate a random initialization vector for each message before encryption.",
        "Enable floating-point operations on odd-numbered single-precision registers.",
        "Add a variety of inputs to the text-encoder benchmark.",
        "The captain moved to the copilot seat on the left.",
        "Store your API key in an environment variable.",
        "Square root of a non-negative number to context precision.",
        "Add more tests for the resolver's response parsing.",
        "Allow the package tool to remove dependencies on user prompt.",
        "The edit-find and edit-find-replace dialogs were finetuned.",
    ],
)
def test_documentation_keeps_its_own_senses(annotator: Annotator, text: str) -> None:
    assert words(annotator, text) == []


def test_idioms_are_never_the_ai_sense_even_on_ai_pages(annotator: Annotator) -> None:
    found = marked(annotator, "Pay close attention to every RLHF run of the transformer.")
    assert found == [(0, "RLHF"), (0, "transformer")]
    text = "After RLHF, the transformer calls attention to rare tokens."
    assert words(annotator, text) == ["RLHF", "transformer", "tokens"]


def test_a_form_inside_a_name_is_not_the_idea(annotator: Annotator) -> None:
    text = "We log every fine-tuning run to Weights & Biases while the LLM trains on GPUs."
    found = words(annotator, text)
    assert "Weights" not in found and "Biases" not in found and "LLM" in found
    found = words(annotator, "Researchers at Epoch AI estimate how compute grows.")
    assert "AI" not in found
    # A short sentence is no title-case heading for its capitalised first word, nor for
    # the many names it holds: a heading ends without a full stop.
    assert words(annotator, "Manage entities in Vertex AI.") == []
    assert words(annotator, "Second was Lucy Moss on Silver Copilot.") == []
    # An acronym joined by a spaced ampersand is a list, not a name.
    blocks = ("RAG & Memory", "The agent keeps its memory in a vector database for the LLM.")
    assert (0, "RAG") in marked(annotator, *blocks)


def test_a_capitalised_word_that_ends_a_sentence_starts_no_name(annotator: Annotator) -> None:
    text = (
        "Scanned invoices go through OCR, then an LLM reads the text and returns line items "
        "as JSON. Prompt includes six few-shot examples."
    )
    assert "Prompt" in words(annotator, text)
    text = "Findings from red teaming the support chatbot and its LLM, for the Risk Committee."
    assert "Classification" not in words(annotator, f"{text} Classification: internal.")

    def named(text: str) -> bool:
        reply: dict[str, Any] = annotator.annotate([text], Options(explain=True))
        [claude] = [e for e in reply["explanations"] if text[e["start"] : e["end"]] == "Claude"]
        return any(x["kind"] == "name" for x in claude["evidence"])

    # A title, an initial or a dotted abbreviation before it ends no sentence.
    for before in ("Dr.", "J.", "U.S."):
        assert named(f"The prompt was checked by {before} Claude yesterday.")
    assert not named("The prompt was checked in the ERP. Claude wrote the fix.")


def test_a_cue_phrase_the_occurrence_stands_in_counts_for_more(
    annotator: Annotator,
) -> None:
    text = "Asked the app about my asthma medication and it hallucinated a study from 2021."
    assert words(annotator, text) == ["hallucinated"]
    text = "Asked the app about my asthma medication; the study from 2021 was hallucinated."
    assert words(annotator, text) == []
    # A saddle, a bell or an engine is fine-tuned too, on the spot.
    assert words(annotator, "Many saddles can be fine-tuned on the spot by the fitter.") == []


def test_a_lower_case_form_after_a_capitalised_word_is_a_thing_of_that_kind(
    annotator: Annotator,
) -> None:
    def names(text: str) -> dict[str, bool]:
        reply: dict[str, Any] = annotator.annotate([text], Options(explain=True))
        return {
            text[e["start"] : e["end"]]: any(x["kind"] == "name" for x in e["evidence"])
            for e in reply["explanations"]
        }

    # A name capitalises its words; "agent" here is an agent, of the Task Planner kind.
    assert names("The chat goes to a Task Planner agent that picks tools.") == {"agent": False}
    # After an acronym the glossary does not know, the thing belongs to another field.
    assert names("The RDS encoder sends the song title to car radios.") == {"encoder": True}
    assert names("Researchers at Nimbus AI estimate how compute grows.") == {"AI": True}


def test_a_name_that_is_a_persons_is_not_the_product(annotator: Annotator) -> None:
    text = "Claude Ferrand (partner) leads the team that advises on the ChatGPT rollout."
    assert words(annotator, text) == ["ChatGPT"]
    text = "ChatGPT wrote the first draft; our neighbour Gemma checked it."
    assert words(annotator, text) == ["ChatGPT"]
    text = "Claude himself admits the chatbot writes better minutes than he does."
    assert words(annotator, text) == ["chatbot"]
    assert words(annotator, "Claude writes better minutes than the ChatGPT trial did.") == [
        "Claude",
        "ChatGPT",
    ]


def test_who_a_name_is_said_to_be_right_after_it_is_a_person_or_an_animal(
    annotator: Annotator,
) -> None:
    text = (
        "The AI only writes the menus in our cafe app, and Gemma, our head chef, checks each one."
    )
    assert words(annotator, text) == ["AI"]
    text = "Jasper the cat slept on the keyboard while the chatbot drafted my essay."
    assert words(annotator, text) == ["chatbot"]
    # A product is said to be one too: "the assistant" is no person.
    text = "Claude, the coding assistant, wrote the unit tests for the LLM pipeline."
    assert words(annotator, text) == ["Claude", "LLM"]


def test_someones_person_or_animal_and_a_letters_greeting_are_people(
    annotator: Annotator,
) -> None:
    text = "My dog Jasper has better instruction following than any AI agent I've tried."
    assert "Jasper" not in words(annotator, text) and "AI agent" in words(annotator, text)
    text = (
        "Our student volunteer, Adam, checked every transcript the speech recognition model wrote."
    )
    assert "Adam" not in words(annotator, text)
    text = 'The AI drafted an email to "Dear Claude" when the client\'s name is Claire.'
    assert words(annotator, text) == ["AI"]
    # A word before it that is no person or animal's: "my AI coach" is a product.
    assert "Gemini" in words(annotator, "My AI coach Gemini planned the week of runs.")


def test_a_person_asked_for_placed_or_joined_to_another_is_a_person(
    annotator: Annotator,
) -> None:
    # One asks for a person at a desk, and a name joined to a person's is one too.
    text = "For your rent account, ask for Claude or Jasper in the income team."
    assert words(annotator, text) == []
    text = "Leave a message and Claude or Gemma from our quality team will ring you back."
    assert words(annotator, text) == []
    assert words(annotator, "My sister Gemma and Claude planned it with ChatGPT.") == ["ChatGPT"]
    # Where a person lives, the team a passive's doer works in, a job before the name.
    text = "Adam next door reckons his car has Full Self-Driving now."
    assert "Adam" not in words(annotator, text)
    text = "The checklist was drafted with ChatGPT by Jasper in IT and checked by me."
    assert words(annotator, text) == ["ChatGPT"]
    assert words(annotator, "Adam in IT has switched on Copilot for everyone.") == ["Copilot"]
    text = "Tom used ChatGPT, I used Perplexity, and our producer Jasper used Gemini."
    assert "Jasper" not in words(annotator, text)
    # The place a person comes from; a human called so.
    text = "The plant app says bramble, not the lettuce Gemma from the garden centre sold us."
    assert "Gemma" not in words(annotator, text)
    text = "The agent who answered was a lovely human called Claude, unlike the AI agent."
    assert "Claude" not in words(annotator, text)
    # Products joined, and a product used in a team, are still products.
    assert words(annotator, "I used ChatGPT and Claude to plan it.") == ["ChatGPT", "Claude"]


def test_people_named_on_a_rota_or_beside_their_team_are_people(annotator: Annotator) -> None:
    # People in the plural before their names, with a comma.
    text = "Lessons are with our associate teachers, Jasper and Claude, and cost £38 a couple."
    assert words(annotator, text) == []
    text = "We gave our engineers Claude and Gemini for the pilot, and both wrote tests."
    assert words(annotator, text) == ["Claude", "Gemini"]
    # A numbered place one lives in, a shift, leave, the team one is joined to.
    assert words(annotator, "The class is led by Claude from Flat 12 with light weights.") == []
    text = "Thanks to Jasper and Claude on C shift for covering the board."
    assert words(annotator, text) == []
    assert words(annotator, "Gemma on leave all week; Claude on call.") == []
    text = "Please ring the shop, where Gemma and the team will sort it out."
    assert words(annotator, text) == []
    text = "Claude on Bedrock drafted the tests, and Gemma and the team's model ran them."
    assert "Claude" in words(annotator, text)


def test_names_listed_as_people_or_heading_a_message_are_people(annotator: Annotator) -> None:
    # Minutes' and letters' lists of people, whatever their neighbours say of models.
    minutes = [
        "Present: Priya (PI), Gemma, Jasper, Adam, Claude (visiting from the Pasteur).",
        "Item 2: the foundation model was fine-tuned with LoRA on our embeddings.",
    ]
    found = words(annotator, *minutes)
    assert not {"Gemma", "Jasper", "Adam", "Claude"} & set(found) and "LoRA" in found
    assert words(annotator, "From: Claude Okeke\nTo: Gemma\nSubject: rota") == []
    # A list of people says more of the page's other sentences than a surname would.
    minutes = [
        "Present: Gemma, Jasper, Tomasz.",
        "Item 1: Gemma asked whether the foundation model would need fine-tuning on our data.",
    ]
    assert "Gemma" not in words(annotator, *minutes)
    # A list that is not of people, and a key that lists none.
    text = "Models tried: Claude, Gemini and Llama, with the same system prompt."
    assert words(annotator, text) == ["Claude", "Gemini", "Llama", "system prompt"]
    # A name and surname before a comma, atop a message, even in a line of capitals; a
    # speaker's role in brackets.
    assert words(annotator, "Thread Started By Claude Okeke, Audience Editor, 09:12") == []
    text = "GEMMA (host): Welcome back. Our guest trained a large language model."
    assert "GEMMA" not in words(annotator, text)
    assert words(annotator, "Claude (20:50): we use Gemini on my phone for stories.") == ["Gemini"]
    chat = [
        "09:02 Gemma (organiser): names are drawn, ask the chatbot for gift ideas.",
        "09:12 Gemma: that's the fun of it! Give the chatbot lots of detail.",
    ]
    assert words(annotator, *chat) == ["chatbot", "chatbot"]
    # A sender in a team, an aunt, a shift of one's own.
    text = "Ticket from Claude in accounts: the invoice OCR reads every 7 as a 1."
    assert words(annotator, text) == ["OCR"]
    text = "Auntie Gemma wants to know if Copilot can write her speech."
    assert words(annotator, text) == ["Copilot"]
    text = "The AI thermostat learned our routine but can't cope with Claude's night shifts."
    assert "Claude" not in words(annotator, text)


def test_a_capitalised_name_in_lower_case_is_the_everyday_word(annotator: Annotator) -> None:
    text = "The mistral blew my hat into the sea while I was reading about Mistral Large."
    assert words(annotator, text) == ["Mistral Large"]


def test_letters_after_a_persons_name_are_a_qualification(annotator: Annotator) -> None:
    text = "Legal adviser: Jasper Moran, LLM, a specialist in media law, reviews releases."
    assert words(annotator, text) == []
    assert words(annotator, "Signed: Ann Lee, LLM.") == []
    assert words(annotator, "Thanks to Ann Lee, LLM agents now fix our tests.") == ["LLM agents"]


def test_a_name_said_to_be_his_or_hers_is_a_persons(annotator: Annotator) -> None:
    transcript = [
        "Welcome back. I'm joined as ever by Claude, who is here with his guide dog.",
        "CLAUDE: Thanks. Today it's the apps that read menus aloud with a multimodal model.",
        "CLAUDE: The OCR is good; the descriptions less so.",
    ]
    assert words(annotator, *transcript) == ["multimodal model", "OCR"]
    # Without the pronoun, "who" says nothing either way.
    text = "We asked Claude, who answered in seconds with a summary of the RAG pipeline."
    assert words(annotator, text) == ["Claude", "RAG pipeline"]


def test_a_name_speaking_in_a_conversation_between_people_is_a_persons(
    annotator: Annotator,
) -> None:
    group_chat = [
        "Jasper: define small",
        "Mia: like a coin, no bigger",
        "Jasper: ok so I asked ChatGPT for ideas and it hallucinated a zodiac symbol",
        "Mia: classic",
    ]
    assert words(annotator, *group_chat) == ["ChatGPT", "hallucinated"]
    podcast = "GEMMA: Welcome back to the show.\nROB: Thanks.\nROB: So, chatbots for game prep?"
    assert words(annotator, podcast) == ["chatbots"]
    # A chat with an AI: whoever else speaks is "Me", a role, or another product.
    with_an_ai = [
        "Me: Summarise this contract for me.",
        "Claude: Sure. As a large language model I can give you a summary in plain words.",
        "Me: Thanks. Now list the risks.",
        "Claude: The main risks are the notice period and the fees.",
    ]
    assert words(annotator, *with_an_ai)[:2] == ["Claude", "large language model"]
    compared = [
        "ChatGPT: a long list of recipes, some of them made up.",
        "Gemini: the shortest answer, with links.",
        "Claude: the clearest plan of the three.",
        "Verdict: all three chatbots saved me time.",
    ]
    assert "Claude" in words(annotator, *compared)


def test_a_layer_needs_the_networks_own_words_not_just_ai_around_it(
    annotator: Annotator,
) -> None:
    logs = "The machine learning model reads the well logs, but thin layers were often missed."
    assert words(annotator, logs) == ["machine learning"]
    photos = "Our image classifier checks each photo; we added two more layers of checks."
    assert "layers" not in words(annotator, photos)
    frozen = "We froze the bottom twelve layers of the transformer and fine-tuned the rest."
    assert words(annotator, frozen) == ["layers", "transformer", "fine-tuned"]
    assert words(annotator, "Each MoE layer routes every token to two of 64 experts.") == [
        "MoE",
        "layer",
        "token",
    ]


def test_what_a_tool_makes_up_and_a_model_tested_for_are_the_ai_senses(
    annotator: Annotator,
) -> None:
    manual = "The assistant can hallucinate, so check every answer against the manual."
    assert words(annotator, manual) == ["hallucinate"]
    assert words(annotator, "Patients with delirium may hallucinate at night.") == []
    tested = "We tested the model for bias: its errors were similar for rural and urban schools."
    assert words(annotator, tested) == ["bias"]
    assert words(annotator, "The survey has a sampling bias towards older readers.") == []


def test_forms_whose_ai_sense_is_the_usual_one_need_less_evidence(annotator: Annotator) -> None:
    # A prior of their own: little around them is enough, nothing is not.
    budget = (
        "Budget note: token pricing fell, but usage tripled, so the total cost of ownership rose."
    )
    assert words(annotator, budget) == ["token pricing", "total cost of ownership"]
    assert words(annotator, "What does context length mean?") == []
    assert words(annotator, "Human oversight of the night shift is the duty manager's job.") == []
    camera_traps = [
        "Our wildlife trust now sorts camera-trap photos with machine learning.",
        "What the classifier does",
        "It looks at each photo and says whether an animal is in it.",
        "Behind it sits a convolutional neural network trained on labelled photos.",
        "Volunteers still check a sample every week.",
        "A large language model we tried for captions was dropped.",
    ]
    assert "classifier" in words(annotator, *camera_traps)


def test_one_of_a_kind_of_people_named_after_a_comma_is_a_person(annotator: Annotator) -> None:
    letter = "One reader, Adam from Bristol, sent us an appeal the chatbot wrote for him."
    assert words(annotator, letter) == ["chatbot"]
    moderator = "And yes, I'm a human moderator called Claude, not the chatbot."
    assert words(annotator, moderator) == ["chatbot"]
    clerk = "Sora, our new booking clerk, answers what the chatbot cannot."
    assert words(annotator, clerk) == ["chatbot"]
    # Without the comma, the name may be what one was given.
    given = "We gave one engineer Claude and another the chatbot, to compare the two."
    assert words(annotator, given) == ["Claude", "chatbot"]


def test_a_spacecraft_with_a_number_is_no_model(annotator: Annotator) -> None:
    newsreel = "Crowds watch the Gemini 4 spacewalk on a television in a shop window."
    assert words(annotator, newsreel) == []
    assert words(annotator, "Gemini 2.5 drafted the whole reply.") == ["Gemini"]


def test_attention_needs_the_mechanisms_own_words_not_just_ai_around_it(
    annotator: Annotator,
) -> None:
    manual = [
        "The voice assistant runs on a large language model and reads your messages aloud.",
        "Driver attention",
        "It waits for a quiet moment before speaking, so your attention stays on the road.",
    ]
    assert "attention" not in words(annotator, *manual)
    text = (
        "The assistant is built on a large language model with retrieval-augmented "
        "generation. Most of its attention goes to the last question asked."
    )
    assert "attention" not in words(annotator, text)
    text = "We trained LoRA adapters of rank 16 on the attention projections only."
    assert "attention" in words(annotator, text)
    assert words(annotator, "Attention lets each token look at the others.") == [
        "Attention",
        "token",
    ]


def test_tokens_earned_are_rewards(annotator: Annotator) -> None:
    assert words(annotator, "Ask your child how many tokens they earned today.") == []
    assert words(annotator, "Ask the chatbot how many tokens the reply used.") == [
        "chatbot",
        "tokens",
    ]


def test_a_logged_prompt_needs_the_prompt_logged(annotator: Annotator) -> None:
    text = "We need clearer prompts on the winch screen: two stations were logged wrongly."
    assert words(annotator, text) == []
    text = "All prompts are logged for 30 days, then deleted."
    assert words(annotator, text) == ["prompts"]


def test_a_name_written_in_lower_case_is_the_everyday_word(annotator: Annotator) -> None:
    review = (
        "The laptop ships with Copilot and an AI assistant key. The glass trackpad is large, "
        "and the cursor never jumped while I was typing."
    )
    found = words(annotator, review)
    assert "cursor" not in found and "Copilot" in found
    assert "Cursor" in words(annotator, "Cursor's coding agent rewrote the tests with Claude.")
    # Copilot's prior: the name alone is the product, the word in lower case is not.
    assert words(annotator, "Copilot summarised the meeting for me.") == ["Copilot"]
    assert words(annotator, "The copilot took the controls at 9,000 feet.") == []


def test_one_ai_sentence_marks_only_its_own_neighbourhood(annotator: Annotator) -> None:
    page = [
        "Our week in Lisbon: trams, tiles and pastries.",
        "The hotel gave us a token for the laundry and a travel agent booked the ferry.",
        "Breakfast was at eight; the room temperature was perfect.",
        "Pastries are best warm, so pay attention to the oven.",
        "I asked an AI chatbot for packing tips, and the LLM suggested a transformer plug.",
        "The tram to Belém is slow but cheap.",
        "Our guide said the bakery's agent handles all the export orders.",
        "The embedding of seeds in the crust is a local tradition.",
    ]
    found = marked(annotator, *page)
    assert found, "the AI sentence's own terms are marked"
    assert {segment for segment, _ in found} <= {3, 4, 5}


ALLOTMENT_NEWSLETTER = [
    "Hillside Allotment Society: October newsletter",
    "Thanks to everyone who came to the harvest supper. Marion's chutney sold out in twenty "
    "minutes, and the raffle raised £212 for the new water butts.",
    "Several members have asked about the watering rota. It starts on Monday, and the sheet "
    "is pinned to the shed door.",
    "Derek tried asking ChatGPT for a planting plan for his raised beds. It suggested "
    "bananas, which he has politely declined.",
    "The committee met on the 3rd. Subscriptions stay at £25 a year, and the skip will come "
    "on the 14th.",
    "Our seed swap is on the 20th. Please label packets with the variety and the year they "
    "were saved.",
]
# Words of the page's own subject that a cue or two make look like AI's: a laminated chart's
# "classifier" and its "test set" of leaves.
BLIGHT_CHART = (
    "The tomato blight classifier on the noticeboard, a laminated chart of leaf photos, has a "
    "test set of twenty leaves for new members to practise on."
)


def test_a_stray_mark_far_from_a_pages_one_ai_passage_is_dropped(annotator: Annotator) -> None:
    page = [*ALLOTMENT_NEWSLETTER, BLIGHT_CHART]
    assert marked(annotator, *page) == [(3, "ChatGPT")]
    # The same words beside the AI passage are its neighbourhood, and may be marked.
    beside = [*ALLOTMENT_NEWSLETTER[:4], BLIGHT_CHART, *ALLOTMENT_NEWSLETTER[4:]]
    assert (4, "test set") in marked(annotator, *beside)
    # The extension's first marks are every occurrence's first ones.
    assert marked(annotator, *page, first_only=True) == [(3, "ChatGPT")]


def test_a_stray_mark_is_explained(annotator: Annotator) -> None:
    reply = annotator.annotate([*ALLOTMENT_NEWSLETTER, BLIGHT_CHART], Options(explain=True))
    [stray] = [e for e in reply["explanations"] if e["term"] == "test-set"]
    assert not stray["kept"] and stray["score"] < stray["threshold"]
    assert "AI passage" in stray["evidence"][0]["kind"]


def test_weak_marks_in_several_blocks_back_each_other(annotator: Annotator) -> None:
    # An AI page that names its one term with no other sense once: its ambiguous words,
    # weakly marked in two blocks beyond that passage's neighbours, are not strays.
    page = [*ALLOTMENT_NEWSLETTER, BLIGHT_CHART, "Tea and cake follow.", BLIGHT_CHART]
    assert {text for _, text in marked(annotator, *page)} >= {"test set"}
    # On a page about AI, there is no one AI passage to stray from.
    assert (6, "test set") in marked(annotator, *page[:6], BLIGHT_CHART, page_is_ai=True)


def test_a_borrowed_term_on_a_page_about_ai_is_its_ais(annotator: Annotator) -> None:
    # A service level: on a page about AI, the AI service's; elsewhere, a term of
    # procurement like any other.
    text = "Our SLA promises 99.5 per cent availability in working hours."
    assert words(annotator, text, page_is_ai=True) == ["SLA"]
    assert words(annotator, text) == []


def test_a_model_fine_tuned_on_recipes_is_fine_tuned_but_a_recipe_is_not(
    annotator: Annotator,
) -> None:
    # Recipes are what a meal planner's model learns from, and ML's own "training recipes":
    # no cue against fine-tuning; fine-tuning a recipe itself is cooking.
    text = "Our meal planner uses a language model fine-tuned on members' recipe notes."
    assert "fine-tuned" in words(annotator, text)
    cooking = "We fine-tuned the recipe over three weekends until the sauce was right."
    assert words(annotator, "Our ChatGPT meal planner suggested a curry.", cooking) == ["ChatGPT"]


def test_a_marked_ambiguous_related_term_counts_as_an_unambiguous_one(
    annotator: Annotator,
) -> None:
    def lent(before: str) -> list[tuple[str, float]]:
        reply: dict[str, Any] = annotator.annotate(
            [before, "It still had hallucinations."], Options(explain=True)
        )
        return [
            (e["detail"], e["weight"])
            for found in reply["explanations"]
            if found["segment"] == 1
            for e in found["evidence"]
            if e["kind"] == "related term, next block"
        ]

    # "temperature", marked on its own evidence (its value), is related to hallucination as
    # retrieval-augmented generation is, and lends as much from the block before.
    [(_, setting)] = lent("Set the temperature to 0.2 for extraction.")
    [(_, unambiguous)] = lent("Answers are checked by retrieval-augmented generation.")
    assert setting == unambiguous


def test_a_long_block_speaks_for_itself(annotator: Annotator) -> None:
    before = "Our ChatGPT pilot used a large language model with retrieval-augmented generation."
    after = "The chatbot answers from a vector database, and RLHF keeps it polite."
    minutes = (
        "The committee then turned to the quarterly figures: the loss on the warehouse lease "
        "was smaller than feared, the new roof came in under budget, and the volunteers asked "
        "for a second kettle in the staff room."
    )
    assert (1, "loss") not in marked(annotator, before, minutes, after)
    # A short block between them is what they are about.
    assert (1, "loss") in marked(annotator, before, "The loss was small.", after)


def test_the_page_context_is_a_clue_not_a_switch(annotator: Annotator) -> None:
    assert words(annotator, "The agent called back.", page_is_ai=True) == []
    assert words(annotator, "The agent called the search tool with a prompt.", page_is_ai=True)


def test_a_page_that_keeps_coming_back_to_ai_is_about_ai(annotator: Annotator) -> None:
    other = "We met on Tuesday and agreed the timetable."
    ai = [
        "We fine-tuned a large language model with RLHF.",
        "ChatGPT answered most of the questions.",
        "Retrieval-augmented generation kept the answers grounded.",
        "The chatbot now reads from a vector database.",
        "A second large language model checks each answer.",
        "The chatbot logs every retrieval-augmented generation call.",
        "RLHF made ChatGPT more cautious.",
    ]
    first = "Give the prompt two worked examples and a clear output format, then iterate."
    # The same AI sentences spread over most of the page, or together in one paragraph of a
    # page about something else; the first block is beyond the reach of either.
    spread = [first, other, other, ai[0], ai[1], other, ai[2], ai[3], other, *ai[4:]]
    together = [first, other, other, " ".join(ai), *[other] * 6]

    def prompt(blocks: list[str]) -> dict[str, Any]:
        reply: dict[str, Any] = annotator.annotate(blocks, Options(explain=True))
        [found] = [e for e in reply["explanations"] if e["segment"] == 0]
        return found

    about, once = prompt(spread), prompt(together)
    assert "page" in {e["kind"] for e in about["evidence"]}
    assert "page" not in {e["kind"] for e in once["evidence"]}
    assert about["score"] > once["score"]
    # A page about something else that comes back to AI now and then is not about it.
    now_and_then = [first, other, other, ai[0], other, other, ai[1], other, other, ai[2]]
    now_and_then += [other, other, ai[3], other, other, ai[4]]
    assert "page" not in {e["kind"] for e in prompt(now_and_then)["evidence"]}


def test_short_lines_do_not_dilute_a_page_about_ai(annotator: Annotator) -> None:
    # A prompting guide: its paragraphs are about AI, and between them come the short lines
    # of its examples, which hold no term. Its terms are in under a quarter of its blocks
    # but in most of its text: it is about AI. A page of short AI lines among long paragraphs
    # about something else is not.
    first = "Give the prompt two worked examples and a clear output format, then iterate."
    paragraphs = [
        "We fine-tuned a large language model with RLHF before trying these prompts on it.",
        "ChatGPT answered most of the questions once the instructions named the format.",
        "Retrieval-augmented generation kept the answers grounded in the documents we gave.",
        "The chatbot now reads from a vector database before it writes each answer.",
        "A second large language model checks each answer that the chatbot gives.",
    ]
    labels = ["Prompt:", "Output:", "Example"]
    guide = [first, *labels[:2]]
    for paragraph in paragraphs:
        guide += [paragraph, *labels]
    assert 4 * len(paragraphs) < len(guide)

    def evidence(blocks: list[str]) -> set[str]:
        reply: dict[str, Any] = annotator.annotate(blocks, Options(explain=True))
        [found] = [e for e in reply["explanations"] if e["segment"] == 0]
        return {e["kind"] for e in found["evidence"]}

    assert "page" in evidence(guide)
    minutes = (
        "The committee agreed the timetable for the spring term, the budget for the new roof "
        "and the rota for the volunteers who keep the hall open on Saturday mornings."
    )
    lines = ["ChatGPT wrote it.", "RLHF, again.", "A chatbot.", "Retrieval-augmented generation."]
    lines.append("A large language model.")
    diluted = [first, minutes, minutes]
    for line in lines:
        diluted += [line, minutes, minutes]
    assert "page" not in evidence(diluted)


def test_a_guide_with_its_terms_in_near_half_its_text_is_about_ai(annotator: Annotator) -> None:
    # A developer guide: its terms are in a quarter of its blocks, between headings and
    # paragraphs of plain set-up advice, and in a little under half of its text.
    first = "Send the prompt with a schema, and check what comes back before you store it."
    ai = [
        "Structured output makes the reply match the schema you send with the request.",
        "Keep the sampling temperature at zero for extraction, and use JSON mode as a fallback.",
        "Constrained decoding masks whatever would break the schema, as ChatGPT does at each step.",
        "A large language model can still write a wrong date into a field that is valid.",
    ]
    plain = [
        "Set the timeout to thirty seconds, retry twice with a delay, and log every failure.",
        "Store the key in an environment variable and never commit it to the repository.",
        "Mark every field as required and forbid additional properties in the schema itself.",
    ]
    guide = [first, "Overview", ai[0], plain[0], "Options", ai[1], plain[1], "Example", "Notes"]
    guide += ["Types", ai[2], plain[2], "Errors", "Limits", "Codes", ai[3], "Next steps"]
    with_terms = sum(map(len, ai))
    assert 4 * len(ai) < len(guide) and 0.4 * sum(map(len, guide)) < with_terms
    reply: dict[str, Any] = annotator.annotate(guide, Options(explain=True))
    [found] = [e for e in reply["explanations"] if e["segment"] == 0]
    assert "page" in {e["kind"] for e in found["evidence"]}


def test_a_form_with_a_prior_of_its_own_is_weighed_from_it(annotator: Annotator) -> None:
    # Computer vision's full name is the AI sense all but always (prior 1.0); its acronym is
    # as often a résumé, so "CV" starts from a prior of its own and needs evidence.
    seen = "A phone app uses computer vision to name the weeds in a photo."
    assert words(annotator, seen) == ["computer vision"]
    assert words(annotator, "Her CV is two pages long.") == []
    reply: dict[str, Any] = annotator.annotate(["The CV team shipped it."], Options(explain=True))
    [acronym] = reply["explanations"]
    kinds = {e["kind"]: e["weight"] for e in acronym["evidence"]}
    assert kinds["the form's own prior, beside the entry's"] < 0


def test_an_acronym_the_text_defines_as_something_else_is_that_thing(
    annotator: Annotator,
) -> None:
    # The definition settles every occurrence in the request, not only the one beside it,
    # however much AI writing surrounds them.
    officer = (
        "Our Data Protection Officer (DPO) reviewed the LLM pilot. The DPO asked how the "
        "fine-tuning data and the RLHF preference pairs were anonymised."
    )
    assert "DPO" not in words(annotator, officer)
    reply: dict[str, Any] = annotator.annotate([officer], Options(explain=True))
    said = [
        e["evidence"][0]
        for e in reply["explanations"]
        if e["term"] == "direct-preference-optimization"
    ]
    assert [e["kind"] for e in said] == ["defined in the text as something else"] * 2
    assert said[1]["detail"] == "Data Protection Officer (DPO)"
    assert "DPO" not in words(
        annotator, "Ask the Data Protection Officer (DPO).", "The DPO and the LLM."
    )
    reversed_ = ["The GPU (ground power unit) powers the aircraft.", "Check the GPU cable."]
    assert "GPU" not in words(annotator, *reversed_)
    aviation = "Connect the ground power unit (GPU) before the model of the APU is trained."
    assert "GPU" not in words(annotator, aviation)
    # A definition as the entry itself, in any listed form or most of its words, is none.
    trained = "We trained it with Direct Preference Optimization (DPO). DPO needs no reward model."
    assert words(annotator, trained).count("DPO") == 2
    experts = "A Mixture-of-Expert (MoE) layer routes each token; the MoE router is small."
    assert words(annotator, experts).count("MoE") == 2
    models = "Large Language Models (LLMs) predict tokens; LLMs hallucinate."
    assert "LLMs" in words(annotator, models)


def test_a_key_to_initials_says_who_the_acronyms_are(annotator: Annotator) -> None:
    # A rota's key: AI, ML and CV are volunteers, and vouch for each other no more; a page's
    # own glossary entry does the same, and one that names the entry keeps it.
    rota = [
        "Key to initials",
        "AI: Aisha Iqbal",
        "ML: Martin Lowe",
        "CV: Carol Vance",
        "1 April: AI, ML. Unroll and flatten the drawings.",
        "6 May to 24 June: AI and ML on alternate weeks with CV.",
    ]
    assert words(annotator, *rota) == []
    assert words(annotator, *rota[4:]) != [], "without the key, the three vouch for each other"
    keyed = ["DPO: Data Protection Officer", "Ask the DPO before you tune the LLM with RLHF."]
    assert "DPO" not in words(annotator, *keyed)
    named = ["LLM: Large Language Model", "The LLM was tuned with DPO and RLHF."]
    assert words(annotator, *named).count("LLM") == 2


@pytest.mark.parametrize("path", PATHS)
def test_a_forms_own_prior_decides_whether_its_rarity_vouches(path: str, tmp_path: Path) -> None:
    # The metric "perplexity" given a positive prior but a negative one of its own: the
    # form's is the prior, so its rarity in everyday English vouches for nothing beside it.
    folder = tmp_path / "glossary"
    shutil.copytree(BUNDLED, folder)
    entry = folder / "terms" / "perplexity.toml"
    text = entry.read_text(encoding="utf-8")
    assert "\nprior = -0.2\n" in text
    entry.write_text(text.replace("\nprior = -0.2\n", "\nprior = 0.5\n"), encoding="utf-8")
    coach = "A look of perplexity crossed the coach's face when the transformer hummed."
    assert words(annotator_on(path, load_dictionary(folder)), coach) == [
        "perplexity",
        "transformer",
    ]
    own = text.replace("\nprior = -0.2\n", "\nprior = 0.5\nform_priors = { perplexity = -0.2 }\n")
    entry.write_text(own, encoding="utf-8")
    assert words(annotator_on(path, load_dictionary(folder)), coach) == []


def test_explanations_show_the_evidence(annotator: Annotator) -> None:
    text = "Pay attention to the AI agent's tool calls."
    reply: dict[str, Any] = annotator.annotate([text], Options(explain=True))
    by_word = {text[e["start"] : e["end"]]: e for e in reply["explanations"]}
    idiom = by_word["attention"]
    assert not idiom["kept"] and idiom["evidence"][0]["kind"] == "never"
    assert idiom["score"] < idiom["threshold"]
    assert all({"kind", "detail", "weight"} == set(e) for e in idiom["evidence"])
    without = annotator.annotate([text], Options())
    assert "explanations" not in without


def test_cues_meet_their_inflections_only() -> None:
    assert {"cows", "breeding", "breeds"} <= variants("cow") | variants("breed")
    assert "studies" in variants("study") and "scored" in variants("score")
    assert "completing" not in variants("completion")
    # A word in -s takes -es: "COMPAS", the risk-assessment tool, is no "compass".
    assert "biases" in variants("bias") and "compass" not in variants("compas")


def test_a_command_bot_is_no_chatbot(annotator: Annotator) -> None:
    assert words(annotator, "On my Twitch stream the chat bot answers !commands only.") == []
    assert words(annotator, "The support chatbot now answers in Welsh.") == ["chatbot"]


def test_astral_characters_do_not_change_what_is_judged(annotator: Annotator) -> None:
    # Offsets are UTF-16 units; the judgement converts them once per block, and an emoji
    # before the text changes no verdict (it once made long blocks take seconds each).
    text = " ".join(
        ["The transformer's attention heads weigh tokens; an LLM agent calls tools."] * 40
    )
    plain = words(annotator, text)
    assert plain and words(annotator, "😀 " + text) == plain


def test_a_tensor_worked_with_in_code_is_the_array(annotator: Annotator) -> None:
    # A textbook's arrays are reshaped, indexed, concatenated and filled with zeros.
    assert words(annotator, "We can construct a tensor of zeros with that shape.") == ["tensor"]
    concatenated = "We can also concatenate multiple tensors along one axis."
    assert words(annotator, concatenated) == ["tensors"]
    assert words(annotator, "Each tensor supports elementwise operations.") == ["tensor"]
    # A physicist's or an anatomist's tensor keeps its own sense beside the same words.
    curvature = "The tensor field's zeros are where the curvature vanishes."
    assert words(annotator, curvature) == []
    assert words(annotator, "The tensor muscle changes shape when the elbow flexes.") == []
    covariant = "A tensor's components, written with indexing, obey the covariant rule."
    assert words(annotator, covariant) == []


def test_a_capitalised_plural_after_a_capital_is_a_kind_not_a_name(annotator: Annotator) -> None:
    # "A100 GPUs" are GPUs of a model; a name keeps its words singular ("Meta AI").
    trained = "The model was trained for two weeks on 96 A100 GPUs in one cluster."
    assert words(annotator, trained) == ["GPUs"]
    function_agents = "Our Function Agents call tools and return JSON to the orchestrator agent."
    assert words(annotator, function_agents)[0] == "Agents"
    # Everyday plurals still need evidence; a singular in -s stays a name's word.
    assert words(annotator, "Our Sales Agents will call you about the policy renewal.") == []
    assert words(annotator, "The film follows two Secret Agents across Europe.") == []
    assert words(annotator, "Staff must attend the Unconscious Bias workshop in March.") == []


def test_a_page_that_names_related_terms_all_along_keeps_their_sense(
    annotator: Annotator,
) -> None:
    # Terms the prompt entry relates, with no other sense, in four blocks spread over three:
    # a page about prompts, so a bare "prompt" far from them keeps its AI sense.
    guide = [
        "Prompt engineering is the craft of writing for a language model.",
        "A system prompt sets the rules for the whole conversation.",
        "A prompt template keeps the same layout for every request.",
        "Prompt injection hides orders in the text that gets read.",
        "Our team meets on Tuesdays to share what worked.",
        "Most of the work is patient rewriting.",
        "Shorten the prompt and ask again.",
        "Then compare the two answers side by side.",
    ]
    assert (6, "prompt") in marked(annotator, *guide)
    # In three blocks only, they are a passage about prompts, not the page.
    shorter = guide[:3] + guide[4:]
    assert (5, "prompt") not in marked(annotator, *shorter)
    # And never where something speaks against the occurrence.
    paid = [*guide[:6], "Thanks for the prompt payment of the invoice.", guide[7]]
    assert (6, "prompt") not in marked(annotator, *paid)


def test_a_term_written_all_along_a_page_about_ai_keeps_its_sense(annotator: Annotator) -> None:
    # "prompt" in four blocks, with nothing against any of them, on a page whose terms with
    # no other sense are in two passages far apart: a guide that writes of prompts.
    guide = [
        "ChatGPT reads what you type and answers.",
        "Start with a short prompt.",
        "Read the answer slowly.",
        "Change one word of the prompt at a time.",
        "Keep the prompt you liked best.",
        "Share the prompt with your team.",
        "Retrieval-augmented generation can add your own documents.",
    ]
    assert (3, "prompt") in marked(annotator, *guide)
    # One AI passage is not enough: a page about something else with one AI sentence.
    kitchen = [*guide[:6], "Then tidy the kitchen."]
    assert [text for _, text in marked(annotator, *kitchen)] == ["ChatGPT"]
    # Nor is a page where anything speaks against the word ("payment": prompt payment).
    paid = [*guide[:2], "Read the answer slowly and check the payment.", *guide[3:]]
    assert (3, "prompt") not in marked(annotator, *paid)
    # Two AI blocks side by side will do if one names a term the entry relates.
    close = [
        "Prompt engineering is a craft.",
        "ChatGPT reads what you type and answers.",
        "Start with a short prompt.",
        "Read the answer slowly.",
        "Then tidy the desk.",
        "Change one word of the prompt at a time.",
        "Keep the prompt you liked best.",
        "Share the prompt with your team.",
    ]
    assert (6, "prompt") in marked(annotator, *close)
    unrelated = ["Our guide is a craft.", *close[1:]]
    assert [text for _, text in marked(annotator, *unrelated)] == ["ChatGPT"]


def test_a_sub_agent_beside_agent_words_is_the_agents_helper(annotator: Annotator) -> None:
    # "sub-agent" is also a publisher's, a shipping line's and an insurer's word.
    assert words(annotator, "Each sub-agent gets a fresh context window.") == [
        "sub-agent",
        "context window",
    ]
    assert words(annotator, "Sub-agents report back to the lead agent.") == ["Sub-agents", "agent"]


@pytest.mark.parametrize(
    ("sentence", "everyday", "still_marked"),
    [
        # Science writing about AI brings its own fields' fixed phrases (the fortieth round).
        (
            "A graph neural network predicts the yields; chemists still pick the coupling agent "
            "by habit.",
            "agent",
            "graph neural network",
        ),
        (
            "We fine-tuned the language model on 4,000 records; loss to follow-up was 8%.",
            "loss",
            "language model",
        ),
        (
            "Two of us checked the large language model's screening and assessed risk of bias.",
            "bias",
            "large language model",
        ),
        ("The AI-ECG tool uses a convolutional neural network.", "tool uses", "AI"),
        # ... and a message puts a person's sense beside a chatbot (the forty-first round).
        ("I'm hallucinating with fever, ask ChatGPT if Lemsip's safe", "hallucinating", "ChatGPT"),
    ],
)
def test_another_fields_fixed_phrase_beside_ai_words_is_not_marked(
    annotator: Annotator, sentence: str, everyday: str, still_marked: str
) -> None:
    found = words(annotator, sentence)
    assert still_marked in found
    assert everyday not in found


def test_an_idiom_never_spans_a_clause_mark(annotator: Annotator) -> None:
    # "prompt reply" is an idiom; "the prompt, the reply" is two things a model's log keeps.
    log = "Each trace keeps the prompt, the reply, the latency and the token counts."
    assert words(annotator, log) == ["prompt", "latency", "token"]
    assert words(annotator, "Thanks for the prompt reply, Sam.") == []
    # A phrase that holds a mark itself still spans marks: the entry's "YOLO (you only live
    # once)" keeps the motto unmarked beside an AI term.
    motto = "YOLO, you only live once, so I trained the object detection model on my laptop."
    assert words(annotator, motto) == ["object detection"]


def test_a_service_down_for_everyone_is_the_assistant(annotator: Annotator) -> None:
    assert words(annotator, "Is Claude down for anyone else this morning?") == ["Claude"]
    assert words(annotator, "Claude was feeling down for a while after the match.") == []


def test_a_cv_a_chatbot_rewrites_is_a_resume(annotator: Annotator) -> None:
    assert words(annotator, "My brother let ChatGPT rewrite his CV last night.") == ["ChatGPT"]
    assert "CV" in words(annotator, "Our CV model flags cracked tiles in the kiln photos.")
