/* judge.py: words and cues, the score, the first verdict and the weighing. */

#include "sense.h"

/* ---------- words and cues (judge._words, _words_in, _outside_occurrences) ---------- */

/* `needed <= words and phrase in padded` (Cues.found): its words first, then in a row. */
int phrase_in(Req *r, const int32_t *ids, Py_ssize_t a, Py_ssize_t b, const Ints *phrase)
{
    for (int k = 0; k < phrase->n; k++) if (!in_marked(r, phrase->ids[k])) return 0;
    for (Py_ssize_t i = a; i + phrase->n <= b; i++) {
        int k = 0;
        while (k < phrase->n && ids[i + k] == phrase->ids[k]) k++;
        if (k == phrase->n) return 1;
    }
    return 0;
}

/* padded.count(f" {word} "): non-overlapping, so a run of k of them counts (k + 1) // 2 */
int padded_count(const int32_t *ids, int a, int b, int32_t word)
{
    int count = 0, run = 0;
    for (int i = a; i <= b; i++) {
        if (i < b && ids[i] == word) { run++; continue; }
        count += (run + 1) / 2;
        run = 0;
    }
    return count;
}

int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

Memo *words_found(Req *r, int si, int segment, int sentence)
{
    Seg *g = &r->segs[segment];
    for (Memo *m = g->memo; m; m = m->next)
        if (m->kind == M_WORDS && m->sense == si && m->sentence == sentence) return m;
    Judge *j = r->j;
    Sense *s = &j->senses[si];
    Text *t;
    if (sentence < 0) {
        if (ensure_words(r, g) < 0) return NULL;
        t = &g->all;
    } else {
        t = sentence_text(r, g, sentence);
        if (!t) return NULL;
    }
    Memo *m = zalloc(r, sizeof *m);
    double *items = alloc(r, sizeof(double) * (t->n + s->for_ai.nphrases + s->against.nphrases + 2));
    int32_t *for_hits = alloc(r, sizeof(int32_t) * (t->n + 1));
    double *own = alloc(r, sizeof(double) * (t->n + 1));
    m->against.ids = alloc(r, sizeof(int32_t) * (t->n + s->against.nphrases + 1));
    if (!m || !items || !for_hits || !own || !m->against.ids) return NULL;
    int nown = 0, nfor = 0, nforp = 0, nitems = 0;
    for (int i = 0; i < t->n; i++) {
        int32_t w = t->ids[i];
        if (!may_be_paired(s, w)) continue;
        int at, flags = pair_of(j, si, w, &at);
        if (!flags) continue;
        if (flags & F_OWN) own[nown++] = s->own_rarity[at];
        if (flags & F_FOR) for_hits[nfor++] = w;
        if (flags & F_AGAINST) m->against.ids[m->against.n++] = w;
    }
    const int32_t *ids = g->wid;
    if ((s->for_ai.nphrases || s->against.nphrases) && mark(r, t->ids, t->n) < 0) return NULL;
    for (int p = 0; p < s->for_ai.nphrases; p++)
        if (phrase_in(r, ids, t->a, t->b, &s->for_ai.phrases[p])) nforp++;
    for (int p = 0; p < s->against.nphrases; p++)
        if (phrase_in(r, ids, t->a, t->b, &s->against.phrases[p]))
            m->against.ids[m->against.n++] = (int32_t)(j->nwords + p); /* a phrase's own id */
    if (nown) {
        sort_descending(own, nown);
        double total = j->w[W_OWN_WORDS] * pysum(own, nown);
        items[nitems++] = j->w[W_OWN_WORDS_CAP] < total ? j->w[W_OWN_WORDS_CAP] : total;
    }
    /* A cue that is a word of the entry's forms counts only outside its occurrences. */
    int kept_for = nfor;
    int outside = 0;
    for (int i = 0; i < nfor; i++) outside |= has(&s->form_words, for_hits[i]);
    if (outside) {
        int32_t *inside = alloc(r, sizeof(int32_t) * (nfor + 1));
        if (!inside) return NULL;
        memset(inside, 0, sizeof(int32_t) * (nfor + 1));
        for (int i = 0; i < g->ncands; i++) {
            Cand *c = &r->cands[g->cands[i]];
            if (c->slug != s->slug) continue;
            if (sentence >= 0) {
                int at = sentence_of(r, c);
                if (at < 0) return NULL;
                if (at != sentence) continue;
            }
            if (facts(r, c) < 0) return NULL;
            PyObject *key = key_of(r, c);
            if (!key) return NULL;
            int kk = PyUnicode_KIND(key);
            const void *kd = PyUnicode_DATA(key);
            Py_ssize_t kl = PyUnicode_GET_LENGTH(key), q = 0;
            while (q < kl) {
                while (q < kl && Py_UNICODE_ISSPACE(PyUnicode_READ(kk, kd, q))) q++;
                if (q >= kl) break;
                Py_ssize_t a = q;
                while (q < kl && !Py_UNICODE_ISSPACE(PyUnicode_READ(kk, kd, q))) q++;
                int32_t w = word_id(j, kk, kd, a, q);
                for (int h = 0; h < nfor; h++) if (for_hits[h] == w) inside[h]++;
            }
        }
        kept_for = 0;
        for (int i = 0; i < nfor; i++)
            if (!has(&s->form_words, for_hits[i]) ||
                padded_count(ids, t->a, t->b, for_hits[i]) > inside[i])
                kept_for++;
    }
    for (int i = 0; i < kept_for + nforp; i++) items[nitems++] = j->w[W_CUE_FOR];
    for (int i = 0; i < m->against.n; i++) items[nitems++] = j->w[W_CUE_AGAINST];
    m->score = pysum(items, nitems);
    m->kind = M_WORDS; m->sense = si; m->sentence = sentence;
    m->next = g->memo; g->memo = m;
    return m;
}

/* ---------- cues against anywhere in the request (judge._elsewhere_cues) ---------- */

/* Request.everything (the shape of the texts joined by " . ") as a table of its distinct
   words, each block shaped alone in the mode shaping would pick for the joined text (the
   separator is ASCII and spaced, so no character's shape depends on the block beside it).
   A sense then looks its own few cues against up in it. This replaced looking every word
   of the request up in a table of all cues against (14,000 words; 46% of an AI page's words
   are among them), and the whole vocabulary's scan of every block holding an ambiguous form,
   which it had shared: judging 20 KB pages with first marks, 256 -> 228 us a page (medians
   of 15 rounds, interleaved in one process; with every occurrence no change). */

/* Each word of a shape (its one space: the boundary): where, how long, its hash. */
static Py_ssize_t split_hashed(int kind, const void *data, Py_ssize_t len, Py_ssize_t readable,
                               int32_t seg, Spot *out)
{
    Py_ssize_t n = 0, at = 0;
    while (at < len) {
        while (at < len && PyUnicode_READ(kind, data, at) == SHAPE_BOUNDARY) at++;
        if (at >= len) break;
        Py_ssize_t a = at;
        if (kind == PyUnicode_1BYTE_KIND) {
            at = word_end1(data, a, len, readable, &out[n].hash);
        } else {
            while (at < len && PyUnicode_READ(kind, data, at) != SHAPE_BOUNDARY) at++;
            out[n].hash = hash_cps(kind, data, a, at);
        }
        out[n].start = a;
        out[n].len = (int32_t)(at - a);
        out[n].seg = seg;
        n++;
    }
    return n;
}

/* Whether the word at a spot is the same as the code points cps[0:n]. */
static int spot_is(Req *r, const Spot *at, const uint32_t *cps, Py_ssize_t n)
{
    if (at->len != n) return 0;
    const Seg *g = &r->segs[at->seg];
    if (g->ekind == PyUnicode_1BYTE_KIND) {
        const Py_UCS1 *t = (const Py_UCS1 *)g->edata + at->start;
        for (Py_ssize_t k = 0; k < n; k++) if (t[k] != cps[k]) return 0;
    } else {
        const Py_UCS4 *t = (const Py_UCS4 *)g->edata + at->start;
        for (Py_ssize_t k = 0; k < n; k++) if (t[k] != cps[k]) return 0;
    }
    return 1;
}

static int every_words(Req *r)
{
    Judge *j = r->j;
    Py_ssize_t most = 0, length = 0, non_ascii = 0;
    int expands = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        most += r->segs[i].len / 2 + 1;
        length += r->segs[i].len + (i ? 3 : 0);
        shape_survey(&j->shape, r->segs[i].text, &non_ascii, &expands);
    }
    if (most >= INT32_MAX / 4) { r->fallback = 1; return -1; }
    ShapeMode mode = shape_mode(length, non_ascii, expands, 0);
    Spot *spots = alloc(r, sizeof(Spot) * (most + 1));
    if (!spots) return -1;
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        Seg *g = &r->segs[i];
        if (PyUnicode_IS_ASCII(g->text)) { /* ASCII shapes alike in every mode */
            /* kept for ensure_words, should the block's words be needed later */
            if (!g->sbuf) g->sbuf = shaped_ascii(r, PyUnicode_1BYTE_DATA(g->text), g->len);
            if (!g->sbuf) return -1;
            g->ekind = PyUnicode_1BYTE_KIND;
            g->edata = g->sbuf;
        } else {
            Py_UCS4 *wide = alloc(r, sizeof(Py_UCS4) * (g->len + 1));
            if (!wide || shape_into(&j->shape, g->text, mode, wide) < 0) return -1;
            for (Py_ssize_t k = 0; k < g->len; k++) if (wide[k] == SHAPE_SPACE) wide[k] = SHAPE_BOUNDARY;
            g->ekind = PyUnicode_4BYTE_KIND;
            g->edata = wide;
        }
        Py_ssize_t readable = g->ekind == PyUnicode_1BYTE_KIND ? g->len + SHAPE_PADDING : g->len;
        g->spot_a = n;
        n += split_hashed(g->ekind, g->edata, g->len, readable, (int32_t)i, spots + n);
        g->spot_b = n;
    }
    /* Words by hash and length in an open-addressing table of their first spots (a quarter
       full at most); each spot's word as that first spot, and the spots of a word in a chain.
       Words are not compared here (comparing every repeated word was 4% of judging a page):
       two words of one hash and length, which 64 bits make all but impossible, would share a
       chain, and look-ups compare the words they find. */
    uint64_t size = 16;
    while (size < (uint64_t)n * 4) size *= 2;
    r->every_slots = zalloc(r, sizeof(int32_t) * size);
    r->every_word = alloc(r, sizeof(int32_t) * (n + 1));
    r->every_next = alloc(r, sizeof(int32_t) * (n + 1));
    r->every_head = alloc(r, sizeof(int32_t) * (n + 1));
    if (!r->every_slots || !r->every_word || !r->every_next || !r->every_head) return -1;
    r->every_mask = size - 1;
    for (Py_ssize_t k = 0; k < n; k++) {
        uint64_t i = spots[k].hash & r->every_mask;
        int32_t first;
        for (;; i = (i + 1) & r->every_mask) {
            first = r->every_slots[i] - 1;
            if (first < 0) {
                first = (int32_t)k;
                r->every_slots[i] = first + 1;
                r->every_head[first] = -1;
                break;
            }
            if (spots[first].hash == spots[k].hash && spots[first].len == spots[k].len) break;
        }
        r->every_word[k] = first;
        r->every_next[k] = r->every_head[first];
        r->every_head[first] = (int32_t)k;
    }
    r->every_spots = spots;
    r->every_n = n;
    r->every_done = 1;
    return 0;
}

/* Whether the word at spot k is the vocabulary word w. */
static int spot_holds(Req *r, int32_t k, int32_t w)
{
    return spot_is(r, &r->every_spots[k], r->j->word_cps[w], r->j->word_len[w]);
}

/* The chain (its first spot) of a vocabulary word in the request, or -1 when it is not in it. */
static int32_t every_spot(Req *r, int32_t w)
{
    Judge *j = r->j;
    uint64_t h = j->word_hash[w];
    for (uint64_t i = h & r->every_mask;; i = (i + 1) & r->every_mask) {
        int32_t first = r->every_slots[i] - 1;
        if (first < 0) return -1;
        const Spot *at = &r->every_spots[first];
        if (at->hash != h || at->len != j->word_len[w]) continue;
        for (int32_t k = r->every_head[first]; k >= 0; k = r->every_next[k])
            if (spot_holds(r, k, w)) return first;
        return -1;
    }
}

/* Cues.found's `phrase in padded` over the whole request: its words in a row, somewhere. */
static int phrase_everywhere(Req *r, const Ints *phrase)
{
    if (phrase->n == 0) return 1;
    int32_t firsts[64];
    if (phrase->n > 64) { r->fallback = 1; return -1; }
    for (int k = 0; k < phrase->n; k++)
        if ((firsts[k] = every_spot(r, phrase->ids[k])) < 0) return 0;
    for (int32_t i = r->every_head[firsts[0]]; i >= 0; i = r->every_next[i]) {
        if (i + phrase->n > r->every_n || !spot_holds(r, i, phrase->ids[0])) continue;
        int k = 1;
        while (k < phrase->n && r->every_word[i + k] == firsts[k] &&
               spot_holds(r, i + k, phrase->ids[k]))
            k++;
        if (k == phrase->n) return 1;
    }
    return 0;
}

/* Cues against anywhere in the request (judge._elsewhere_cues), once per sense: the
   sense's own cue words (sorted, distinct) and then its phrases. The order does not count
   (score_of counts them). */
Ints *elsewhere(Req *r, int si)
{
    Judge *j = r->j;
    Sense *s = &j->senses[si];
    if (r->elsewhere_done[si]) return &r->elsewhere[si];
    if (!r->every_done && every_words(r) < 0) return NULL;
    Ints *out = &r->elsewhere[si];
    out->ids = alloc(r, sizeof(int32_t) * (s->against.words.n + s->against.nphrases + 1));
    if (!out->ids) return NULL;
    out->n = 0;
    for (int i = 0; i < s->against.words.n; i++)
        if (every_spot(r, s->against.words.ids[i]) >= 0) out->ids[out->n++] = s->against.words.ids[i];
    for (int p = 0; p < s->against.nphrases; p++) {
        int t = phrase_everywhere(r, &s->against.phrases[p]);
        if (t < 0) return NULL;
        if (t) out->ids[out->n++] = (int32_t)(j->nwords + p);
    }
    r->elsewhere_done[si] = 1;
    return out;
}

/* ---------- the score (judge._score) ---------- */

int places_of(Req *r, int segment, int *where, int *index)
{
    int n = 0;
    where[n] = P_SENTENCE; index[n++] = segment;
    where[n] = P_BLOCK; index[n++] = segment;
    static const int kinds[2] = {P_NEXT, P_TWO};
    for (int d = 1; d <= 2; d++) {
        int at[2] = {segment - d, segment + d};
        for (int k = 0; k < 2; k++)
            if (at[k] >= 0 && at[k] < r->nseg) { where[n] = kinds[d - 1]; index[n++] = at[k]; }
    }
    return n;
}

/* _vouching, then the terms' weight before WHERE (0 when none vouch) */
double terms_weight(Judge *j, Sense *s, const int32_t *slugs, int n)
{
    int count = 0, related = 0;
    for (int i = 0; i < n; i++) {
        int32_t x = slugs[i];
        if (s->borrowed && x < j->nslugs && j->borrowed[x]) continue;
        if (s->narrow && !has(&s->narrow_set, x)) continue;
        count++;
        related += has(&s->related, x) + (x == s->slug);
    }
    if (!count) return 0.0;
    double extra = j->w[W_RELATED_TERM] - j->w[W_CONFIDENT_TERM];
    return j->w[W_CONFIDENT_TERM] * count + extra * related;
}

int weights_of(Req *r, int segment, int sentence, double *w, int32_t *scratch)
{
    Judge *j = r->j;
    Seg *g = &r->segs[segment];
    w[P_SENTENCE] = j->w[W_SENTENCE]; w[P_BLOCK] = j->w[W_BLOCK];
    w[P_NEXT] = j->w[W_NEXT]; w[P_TWO] = j->w[W_TWO];
    if (ensure_ends(r, g) < 0) return -1;
    int sentences = g->nends + 1;
    if (sentences == 1 || !is_long(r, segment)) return 0; /* judge._weights: a short block is one */
    int with_terms = sentences_with_terms(r, g);
    if (with_terms < 0) return -1;
    int here = confident_in(r, g, sentence, scratch);
    if (here < 0) return -1;
    int others = with_terms - (here ? 1 : 0);
    w[P_BLOCK] = j->w[W_BLOCK] * (others + 1) / sentences;
    return 0;
}

int score_of(Req *r, int si, int segment, int sentence, double *out, int *against,
             int *far_only)
{
    Judge *j = r->j;
    Sense *s = &j->senses[si];
    Seg *g = &r->segs[segment];
    int where[6], index[6];
    double w[4];
    int32_t *scratch = alloc(r, sizeof(int32_t) * (g->ncands + 1));
    if (!scratch) return -1;
    double score = s->prior + (r->page ? j->w[W_PAGE_IS_AI] : 0.0);
    int nplaces = places_of(r, segment, where, index);
    if (weights_of(r, segment, sentence, w, scratch) < 0) return -1;
    double own = 0.0, near = 0.0;
    for (int p = 0; p < nplaces; p++) {
        double terms;
        if (where[p] == P_SENTENCE) {
            int n = confident_in(r, g, sentence, scratch);
            if (n < 0) return -1;
            terms = terms_weight(j, s, scratch, n);
        } else {
            Seg *o = &r->segs[index[p]];
            terms = terms_weight(j, s, o->conf, o->nconf);
        }
        if (terms == 0.0) continue; /* no terms vouch (a weight is never 0 otherwise) */
        double weight = w[where[p]] * terms;
        if (where[p] == P_SENTENCE || where[p] == P_BLOCK) own += weight; else near += weight;
    }
    int counted = own >= j->w[W_SPEAKS] || !is_long(r, segment);
    score += own + (counted ? near : 0.0);
    *far_only = 0;
    if (score >= j->w[W_DECIDED]) { *out = score; *against = 0; return 0; }
    int32_t nearby[2048];
    int nnear = 0;
    for (int p = 0; p < 2; p++) {
        Memo *m = words_found(r, si, index[p], where[p] == P_SENTENCE ? sentence : -1);
        if (!m) return -1;
        own += w[where[p]] * m->score;
        score += w[where[p]] * m->score;
        for (int i = 0; i < m->against.n && nnear < 2048; i++) nearby[nnear++] = m->against.ids[i];
        if (nnear >= 2048) { r->fallback = 1; return -1; }
    }
    if (!counted && own >= j->w[W_SPEAKS]) score += near;
    if (r->nseg > nplaces - 1) {
        Ints *cues = elsewhere(r, si);
        if (!cues) return -1;
        int far = 0;
        for (int i = 0; i < cues->n; i++) {
            int inside = 0;
            for (int k = 0; k < nnear && !inside; k++) inside = nearby[k] == cues->ids[i];
            far += !inside;
        }
        score += far * j->w[W_CUE_AGAINST] * j->w[W_ELSEWHERE];
        *out = score; *against = nnear > 0 || far > 0; *far_only = far > 0 && nnear == 0;
        return 0;
    }
    *out = score; *against = nnear > 0;
    return 0;
}

/* ---------- the first verdict (judge._first) ---------- */

/* judge._first: `block.text.lower() != block.text`; a block with no capital at all says
   nothing by a name's lower case ("claude or chatgpt for my cv") */
static int writes_capitals(Seg *g)
{
    if (g->capitals < 0) {
        g->capitals = 0;
        for (Py_ssize_t i = 0; i < g->len && !g->capitals; i++) {
            Py_UCS4 ch = CH(g, i);
            g->capitals = Py_UNICODE_TOLOWER(ch) != ch;
        }
    }
    return g->capitals;
}

/* 1 and *own when the candidate's form has a prior of its own (as the entry's difference
   from it), 0 when not, -1 on error */
static int form_prior(Req *r, Cand *c, double *own)
{
    if (facts(r, c) < 0 || !key_of(r, c)) return -1;
    PyObject *found = PyDict_GetItemWithError(r->j->senses[c->sense].form_priors, c->key);
    if (!found) return PyErr_Occurred() ? -1 : 0;
    *own = PyFloat_AsDouble(found);
    return *own == -1.0 && PyErr_Occurred() ? -1 : 1;
}

/* 1 when the text defines the candidate's acronym as something else, 0 when not, -1 on
   error (judge._first, definitions.Acronyms) */
static int defined_otherwise(Req *r, Cand *c)
{
    if (facts(r, c) < 0 || !key_of(r, c)) return -1;
    PyObject *found = PyDict_GetItemWithError(r->defined, c->key);
    if (!found) return PyErr_Occurred() ? -1 : 0;
    if (!PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2) {
        PyErr_SetString(PyExc_TypeError, "a definition: a (slug, text) tuple expected");
        return -1;
    }
    PyObject *slug = PyObject_GetAttrString(r->j->senses[c->sense].py, "slug");
    if (!slug) return -1;
    int same = PyObject_RichCompareBool(slug, PyTuple_GET_ITEM(found, 0), Py_EQ);
    Py_DECREF(slug);
    return same;
}

/* judge.SenseJudge._stop: whether something settles the candidate alone (c->stop its
   weight, c->person whether it shows a person), once; -1 on error */
static int stop_of(Req *r, Cand *c)
{
    if (c->stop_done) return c->stopped;
    Judge *j = r->j;
    Sense *s = &j->senses[c->sense];
    Seg *g = &r->segs[c->seg];
    if (code_points(r, c) < 0) return -1;
    double stop = j->w[W_NEVER];
    int t = r->defined ? defined_otherwise(r, c) : 0;
    if (!t) t = decisive(r, c, &stop);
    if (t < 0) return -1;
    if (!t && s->capital && s->has_names && c->cs < c->ce && Py_UNICODE_ISLOWER(CH(g, c->cs)) &&
        writes_capitals(g)) {
        /* a name the entry says is never written in lower case, in a block that writes
         * capitals */
        if (facts(r, c) < 0 || !key_of(r, c)) return -1;
        t = PySet_Contains(s->names, c->key);
        if (t < 0) return -1;
        if (t) stop = j->w[W_NEVER];
    }
    c->stop = stop; c->stopped = (char)(t != 0); c->stop_done = 1;
    return c->stopped;
}

/* judge._Weighing._a_persons_name: a name, written with its capital, that another
   occurrence of the term in another sentence shows to be a person's; 0, 1 (2 when that
   occurrence was in a list of people), or -1 */
static int a_persons_name(Req *r, Cand *c)
{
    Sense *s = &r->j->senses[c->sense];
    Seg *g = &r->segs[c->seg];
    if (!s->has_names || !is_upper_first(g, c->cs, c->ce)) return 0;
    if (facts(r, c) < 0 || !key_of(r, c)) return -1;
    int t = PySet_Contains(s->names, c->key);
    if (t <= 0) return t;
    struct Persons *p = &r->persons[c->sense];
    if (!p->done) { /* judge._Weighing._persons_places, once a term */
        for (int i = 0; i < r->nby_sense[c->sense] && p->n < 2; i++) {
            Cand *o = &r->cands[r->by_sense[c->sense][i]];
            if ((t = stop_of(r, o)) < 0) return -1;
            if (!t || !o->person) continue;
            int sentence = sentence_of(r, o);
            if (sentence < 0) return -1;
            if (p->n == 0) {
                p->seg = o->seg; p->sentence = sentence; p->n = 1; p->listed[0] = o->person == 2;
            } else if (o->seg != p->seg || sentence != p->sentence) {
                p->n = 2; p->listed[1] = o->person == 2;
            }
        }
        p->done = 1;
    }
    if (p->n == 0) return 0;
    int own = c->seg == p->seg;
    if (own) {
        int sentence = sentence_of(r, c);
        if (sentence < 0) return -1;
        own = sentence == p->sentence;
    }
    /* the first place of a person's evidence that is not the occurrence's own sentence */
    if (own && p->n == 1) return 0;
    return 1 + p->listed[own];
}

/* entries.phrase_around on the block's words: a `for` cue phrase that holds the
   occurrence's words in a row, and more, found within its length of them on either side.
   An occurrence that is not whole words of the block asks Python (calling back for every
   occurrence whose key a phrase holds took the native judgement from +235% to +968% of
   the annotate core, bench/sense.py, every occurrence). */
static int phrase_around(Req *r, Sense *s, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    if (ensure_words(r, g) < 0) return -1;
    Py_ssize_t w0 = 0, hi = g->nw;
    while (w0 < hi) {
        Py_ssize_t mid = (w0 + hi) / 2;
        if (g->wend[mid] <= start) w0 = mid + 1; else hi = mid;
    }
    Py_ssize_t w1 = w0;
    while (w1 < g->nw && g->wpos[w1] < end) w1++;
    if (w0 == w1 || g->wpos[w0] != start || g->wend[w1 - 1] != end)
        return call_text(r, r->j->cb_phrase, s->py, g, start, end, 0);
    Py_ssize_t own = w1 - w0;
    for (int p = 0; p < s->for_ai.nphrases; p++) {
        const Ints *phrase = &s->for_ai.phrases[p];
        Py_ssize_t n = phrase->n, held = 0;
        for (Py_ssize_t i = 0; !held && own < n && i + own <= n; i++) { /* own in phrase */
            Py_ssize_t k = 0;
            while (k < own && phrase->ids[i + k] == g->wid[w0 + k]) k++;
            held = k == own;
        }
        if (!held) continue;
        Py_ssize_t a = w0 - (n - 1) > 0 ? w0 - (n - 1) : 0;
        Py_ssize_t b = w1 + (n - 1) < g->nw ? w1 + (n - 1) : g->nw;
        for (Py_ssize_t i = a; i + n <= b; i++) {
            Py_ssize_t k = 0;
            while (k < n && g->wid[i + k] == phrase->ids[k]) k++;
            if (k == n) return 1;
        }
    }
    return 0;
}

int first(Req *r, Cand *c, V *out)
{
    if (c->first_done) { *out = c->first; return 0; }
    Judge *j = r->j;
    Sense *s = &j->senses[c->sense];
    Seg *g = &r->segs[c->seg];
    int t = stop_of(r, c);
    if (t < 0) return -1;
    V v;
    if (t) {
        v.score = c->stop; v.kept = 0; v.against = 1; v.far_only = 0;
    } else {
        int sentence = sentence_of(r, c);
        if (sentence < 0) return -1;
        Memo *m = g->memo;
        while (m && !(m->kind == M_FIRST && m->sense == c->sense && m->sentence == sentence)) m = m->next;
        if (m) {
            v = m->v;
        } else {
            double score;
            int against, far_only;
            if (score_of(r, c->sense, c->seg, sentence, &score, &against, &far_only) < 0)
                return -1;
            v.kept = score >= j->w[W_THRESHOLD];
            v.score = round3(score);
            v.against = (char)against;
            v.far_only = (char)far_only;
            m = zalloc(r, sizeof *m);
            if (!m) return -1;
            m->kind = M_FIRST; m->sense = c->sense; m->sentence = sentence; m->v = v;
            m->next = g->memo; g->memo = m;
        }
        if (s->has_form_priors) {
            /* judge._first: "CV" is as often a résumé as computer vision */
            double own;
            if ((t = form_prior(r, c, &own)) < 0) return -1;
            if (t) v = with(j, v, own);
        }
        Py_ssize_t start = c->cs, end = c->ce;
        if (s->for_ai.nphrases) {
            /* "and it hallucinated a study": a cue phrase the occurrence is a word of
               (judge._first) */
            if ((t = phrase_around(r, s, g, start, end)) < 0) return -1;
            if (t) v = with(j, v, j->w[W_PHRASE_AROUND]);
        }
        int upper = is_upper_first(g, start, end), named = 0;
        if (s->has_versioned && upper) {
            if (facts(r, c) < 0 || !key_of(r, c)) return -1;
            t = PySet_Contains(s->versioned, c->key);
            if (t < 0) return -1;
            if (t && end < g->len && (CH(g, end) == ' ' || CH(g, end) == '\t') &&
                version_after(g, end)) {
                /* "Crown Gemini 7": a longer name's number (decisive.in_a_longer_name) */
                int longer = call_text(r, j->cb_longer, NULL, g, start, end, 1);
                if (longer < 0) return -1;
                if (!longer) { v = with(j, v, j->w[W_VERSION_AFTER]); named = 1; }
            }
        }
        if (!named) { /* "the 70B model": a model's size in the sentence (entries.SIZE) */
            Py_ssize_t from, to;
            span_of(g, sentence, &from, &to); /* sentence_of found the ends */
            int sized = size_in(r, g, from, to);
            if (sized < 0) return -1;
            if (sized) v = with(j, v, j->w[W_SIZE_IN_SENTENCE]);
        }
        if (s->has_values && end < g->len) {
            Py_UCS4 next = CH(g, end);
            if (next == ' ' || next == '\t' || next == '=' || next == ':') {
                PyObject *e = py_int(end);
                if (!e) return -1;
                /* entries.value_after: 1 a setting's value, -1 a measurement, 0 neither */
                PyObject *said = PyObject_CallFunctionObjArgs(j->cb_value, g->text, e, s->values, NULL);
                Py_DECREF(e);
                if (!said) return -1;
                long value = PyLong_AsLong(said);
                Py_DECREF(said);
                if (value == -1 && PyErr_Occurred()) return -1;
                if (value > 0) v = with(j, v, j->w[W_VALUE_AFTER]);
                if (value < 0) { v = with(j, v, j->w[W_NEVER]); v.against = 1; v.far_only = 0; }
            }
        }
        if (s->has_names && start < end && Py_UNICODE_ISLOWER(CH(g, start)) &&
            writes_capitals(g)) {
            if (facts(r, c) < 0 || !key_of(r, c)) return -1;
            t = PySet_Contains(s->names, c->key);
            if (t < 0) return -1;
            if (t) {
                double score = round3(v.score + j->w[W_CUE_AGAINST]);
                v.score = score; v.kept = score >= j->w[W_THRESHOLD]; v.against = 1;
                v.far_only = 0;
            }
        }
        /* "Gemma Lund" in a list of those present, then "Gemma asked that ...": the same
           person (judge._Weighing._first_verdict) */
        if ((t = a_persons_name(r, c)) < 0) return -1;
        if (t) {
            v = with(j, v, j->w[t == 2 ? W_LISTED_NAME : W_NAME]);
            v.against = 1; v.far_only = 0;
        }
    }
    c->first = v; c->first_done = 1;
    *out = v;
    return 0;
}

/* ---------- the weighing (judge._Weighing) ---------- */

/* 1 and *unusual when it may vouch for others, 0 when not, -1 on error */
int plausible(Req *r, Cand *c, double *unusual)
{
    if (!c->pl_done) {
        V f;
        if (first(r, c, &f) < 0 || facts(r, c) < 0) return -1;
        double u = c->rarity;
        /* judge._Weighing.plausible: a negative prior is never rare enough to vouch */
        double prior = r->j->senses[c->sense].prior, own = 0.0;
        if (r->j->senses[c->sense].has_form_priors && form_prior(r, c, &own) < 0) return -1;
        int rare = u >= r->j->w[W_UNUSUAL] && prior + own >= 0.0;
        c->pl_none = !(!f.against && (f.score >= r->j->w[W_SUPPORTING] || rare));
        c->plausible = u;
        c->pl_done = 1;
    }
    *unusual = c->plausible;
    return !c->pl_none;
}

int is_short(Req *r, int segment, int sentence)
{
    Seg *g = &r->segs[segment];
    Py_ssize_t start, end;
    if (ensure_ends(r, g) < 0) return -1;
    span_of(g, sentence, &start, &end);
    return count_words(g, start, end) <= r->j->w[W_SHORT_SENTENCE];
}

int paired(Req *r, Sense *s, Cand *other, Cand *c, int sentence)
{
    Judge *j = r->j;
    if (other->seg != c->seg || !has(&s->paired, other->slug) || s->borrowed ||
        (s->narrow && !has(&s->related, other->slug)))
        return 0; /* judge._paired: a narrow entry pairs with its related terms only */
    if (other->slug < j->nslugs && j->borrowed[other->slug]) return 0;
    int at = sentence_of(r, other);
    if (at < 0) return -1;
    if (at != sentence) return 0;
    V f;
    if (first(r, other, &f) < 0) return -1;
    if (f.against) return 0;
    int t = is_short(r, c->seg, sentence);
    if (t <= 0 || has(&s->related, other->slug)) return t;
    /* a pair from a cue: one of the two words is less than everyday */
    if (facts(r, c) < 0 || facts(r, other) < 0) return -1;
    return (c->rarity > other->rarity ? c->rarity : other->rarity) >= j->w[W_PAIRED_RARITY];
}

int supported(Req *r, Cand *c, V *out)
{
    if (c->sup_done) { *out = c->sup; return 0; }
    Judge *j = r->j;
    V v;
    if (first(r, c, &v) < 0) return -1;
    if (v.score <= j->w[W_NEVER] / 2 || v.kept) goto done;
    Sense *s = &j->senses[c->sense];
    int sentence = sentence_of(r, c);
    if (sentence < 0) return -1;
    double block_w[4];
    int block_done = 0;
    int total = 0;
    for (int d = -1; d <= 1; d++)
        if (c->seg + d >= 0 && c->seg + d < r->nseg) total += r->segs[c->seg + d].njudged;
    double *support = alloc(r, sizeof(double) * (total + 1));
    int32_t *seen = alloc(r, sizeof(int32_t) * (total + 1));
    if (!support || !seen) return -1;
    int nsupport = 0, nseen = 0;
    int order[3] = {c->seg, c->seg - 1, c->seg + 1};
    for (int o = 0; o < 3; o++) {
        int index = order[o];
        if (index < 0 || index >= r->nseg) continue;
        Seg *g = &r->segs[index];
        for (int i = 0; i < g->njudged; i++) {
            Cand *other = &r->cands[g->judged[i]];
            if (other == c) continue;
            int dup = 0;
            for (int k = 0; k < nseen && !dup; k++) dup = seen[k] == other->slug;
            if (dup) continue;
            double unusual;
            int may = plausible(r, other, &unusual);
            if (may < 0) return -1;
            if (!may) {
                if (!v.against) {
                    int t = paired(r, s, other, c, sentence);
                    if (t < 0) return -1;
                    if (t) { support[nsupport++] = j->w[W_RELATED_PAIR]; seen[nseen++] = other->slug; }
                }
                continue;
            }
            if (s->borrowed && other->slug < j->nslugs && j->borrowed[other->slug] &&
                other->slug != s->slug)
                continue;
            int same = other->slug == c->slug;
            V of;
            if (first(r, other, &of) < 0) return -1;
            int other_kept = of.kept;
            if (same && !other_kept) continue;
            int where;
            if (index != c->seg) {
                where = P_NEXT;
            } else {
                int at = sentence_of(r, other);
                if (at < 0) return -1;
                where = at == sentence ? P_SENTENCE : P_BLOCK;
            }
            int related = same || has(&s->related, other->slug);
            if (s->narrow && !related) continue;
            if (!(related || where == P_SENTENCE || other_kept)) continue;
            double weight;
            if (same) {
                weight = j->w[W_RELATED_TERM];
            } else {
                unusual = j->w[W_MIN_UNUSUAL] < unusual ? unusual : j->w[W_MIN_UNUSUAL];
                if (unusual >= j->w[W_UNUSUAL] && where == P_SENTENCE && !s->borrowed) {
                    /* Unusual enough to vouch on its own: in full in a short sentence
                       (not for a borrowed term, which needs evidence from AI itself). */
                    int t = is_short(r, c->seg, sentence);
                    if (t < 0) return -1;
                    if (t) unusual = 1.0;
                }
                weight = (related ? j->w[W_RELATED_TERM] : j->w[W_OTHER_AMBIGUOUS]) * unusual;
                if (other_kept) {
                    double floor = related ? j->w[W_RELATED_TERM] : j->w[W_CONFIDENT_TERM];
                    weight = floor > weight ? floor : weight;
                } else if (!v.against) {
                    /* A related term that could vouch for others holds this one up at least
                       as well as one that could not (`paired`). */
                    int t = paired(r, s, other, c, sentence);
                    if (t < 0) return -1;
                    if (t && j->w[W_RELATED_PAIR] > weight) weight = j->w[W_RELATED_PAIR];
                }
            }
            double share = where == P_SENTENCE ? 1.0 : where == P_NEXT ? j->w[W_NEXT] : j->w[W_BLOCK];
            if (where == P_BLOCK && !r->page) {
                /* On a page not about AI, the rest of the block counts as much of it as is
                   about AI, as for terms (judge._weights). */
                if (!block_done) {
                    int32_t *scratch = alloc(r, sizeof(int32_t) * (r->segs[c->seg].ncands + 1));
                    if (!scratch || weights_of(r, c->seg, sentence, block_w, scratch) < 0) return -1;
                    block_done = 1;
                }
                share = block_w[P_BLOCK];
            }
            support[nsupport++] = weight * share;
            seen[nseen++] = other->slug;
        }
    }
    if (nsupport) {
        double score = round3(v.score + pysum(support, nsupport));
        v.score = score; v.kept = score >= j->w[W_THRESHOLD];
    }
done:
    c->sup = v; c->sup_done = 1;
    *out = v;
    return 0;
}

int returned(Req *r, Cand *c, V *out)
{
    if (c->ret_done) { *out = c->ret; return 0; }
    Judge *j = r->j;
    V v;
    double unusual;
    if (supported(r, c, &v) < 0) return -1;
    if (v.kept || v.against) goto done;
    int may = plausible(r, c, &unusual);
    if (may < 0) return -1;
    if (!may) goto done;
    int sentence = sentence_of(r, c);
    if (sentence < 0) return -1;
    int t = is_short(r, c->seg, sentence);
    if (t < 0) return -1;
    if (!t) goto done;
    Seg *g = &r->segs[c->seg];
    for (int i = 0; i < g->njudged; i++) {
        Cand *other = &r->cands[g->judged[i]];
        if (other->slug == c->slug) continue;
        int at = sentence_of(r, other);
        if (at < 0) return -1;
        if (at != sentence) continue;
        V sup, f;
        if (supported(r, other, &sup) < 0) return -1;
        if (!sup.kept) continue;
        if (first(r, other, &f) < 0) return -1;
        if (f.kept) continue;
        v = with(j, v, j->w[W_RETURNED]);
        break;
    }
done:
    c->ret = v; c->ret_done = 1;
    *out = v;
    return 0;
}

/* The blocks holding terms with no other sense (judge._Weighing._term_blocks), once. */
static void term_blocks(Req *r)
{
    if (r->terms_done) return;
    r->terms_done = 1;
    r->terms_low = r->terms_high = -1;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        if (r->segs[i].nconf == 0) continue;
        r->terms_blocks++;
        if (r->terms_low < 0) r->terms_low = i;
        r->terms_high = i;
    }
}

/* The blocks holding terms the sense relates (judge._Weighing._related_blocks), in forms
   with no other sense or marked before the page's sense of a term is weighed: how many,
   with the first and the last in *low and *high; -1 on error. */
static int related_blocks(Req *r, Sense *s, Py_ssize_t *low, Py_ssize_t *high)
{
    int blocks = 0;
    *low = *high = -1;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        Seg *g = &r->segs[i];
        int holds = 0;
        for (int k = 0; k < g->nconf && !holds; k++) holds = has(&s->related, g->conf[k]);
        for (int k = 0; k < g->njudged && !holds; k++) {
            Cand *c = &r->cands[g->judged[k]];
            if (!has(&s->related, c->slug)) continue;
            V v;
            if (returned(r, c, &v) < 0) return -1;
            holds = v.kept;
        }
        if (!holds) continue;
        blocks++;
        if (*low < 0) *low = i;
        *high = i;
    }
    return blocks;
}

/* judge._Weighing.repeated_on_an_ai_page, for a sense neither borrowed nor narrow
   (`related`: whether the page names a term it relates); 0, 1, or -1 on error */
static int repeated_on_an_ai_page(Req *r, int si, int related)
{
    Judge *j = r->j;
    term_blocks(r);
    if (r->terms_blocks < 2 ||
        (r->terms_high - r->terms_low < j->w[W_DISCOURSE_SPREAD] && !related))
        return 0;
    int blocks = 0, last = -1, first_seg = -1;
    for (int i = 0; i < r->nby_sense[si]; i++) { /* candidates in text order */
        Cand *c = &r->cands[r->by_sense[si][i]];
        if (c->seg != last) {
            blocks++;
            if (first_seg < 0) first_seg = c->seg;
            last = c->seg;
        }
    }
    if (blocks < j->w[W_DISCOURSE_REPEATS] || last - first_seg < j->w[W_DISCOURSE_SPREAD]) return 0;
    for (int i = 0; i < r->nby_sense[si]; i++) {
        V f;
        if (first(r, &r->cands[r->by_sense[si][i]], &f) < 0) return -1;
        if (f.against) return 0;
    }
    return 1;
}

/* judge._Weighing.established, or else related_all_along or repeated_on_an_ai_page (one
   verdict in C: no explaining) */
int established(Req *r, int si)
{
    if (r->established[si] >= 0) return r->established[si];
    int found = 0, low = -1, high = -1;
    for (int i = 0; i < r->nby_sense[si]; i++) {
        Cand *c = &r->cands[r->by_sense[si][i]];
        V v;
        if (returned(r, c, &v) < 0) return -1;
        if (v.kept) {
            low = low < 0 ? c->seg : (c->seg < low ? c->seg : low);
            high = c->seg > high ? c->seg : high;
            if (high - low >= r->j->w[W_DISCOURSE_SPREAD]) { found = 1; break; }
        }
    }
    Sense *s = &r->j->senses[si];
    if (!found && !(s->borrowed || s->narrow)) {
        Py_ssize_t from, to;
        int n = related_blocks(r, s, &from, &to);
        if (n < 0) return -1;
        /* judge._Weighing.related_all_along */
        found = n >= r->j->w[W_DISCOURSE_RELATED_BLOCKS] && to - from >= r->j->w[W_DISCOURSE_SPREAD];
        if (!found) found = repeated_on_an_ai_page(r, si, n > 0);
        if (found < 0) return -1;
    }
    r->established[si] = (signed char)found;
    return found;
}

/* judge._Weighing.marked_in_its_block: an occurrence of the sense in c's block marked on
   its own evidence, and none there with evidence against (c itself is not marked when this
   is asked); worked out once for the block's occurrences, which by_sense holds side by side
   (text order). 0, 1, or -1 on error */
static int marked_in_its_block(Req *r, Cand *c)
{
    if (c->in_block) return c->in_block == 2;
    const int *ids = r->by_sense[c->sense];
    int n = r->nby_sense[c->sense], from = 0;
    while (r->cands[ids[from]].seg != c->seg) from++;
    int to = from;
    while (to < n && r->cands[ids[to]].seg == c->seg) to++;
    int against = 0, marked = 0;
    for (int i = from; i < to && !against; i++) {
        V v;
        if (first(r, &r->cands[ids[i]], &v) < 0) return -1;
        against = v.against;
    }
    for (int i = from; i < to && !against && !marked; i++) {
        V v;
        if (returned(r, &r->cands[ids[i]], &v) < 0) return -1;
        marked = v.kept;
    }
    char answer = marked && !against ? 2 : 1;
    for (int i = from; i < to; i++) r->cands[ids[i]].in_block = answer;
    return answer == 2;
}

int final(Req *r, Cand *c, V *out)
{
    V v;
    if (returned(r, c, &v) < 0) return -1;
    Sense *s = &r->j->senses[c->sense];
    if ((s->answers || s->product) && !v.kept && v.score > r->j->w[W_NEVER] / 2 &&
        (is_upper_first(&r->segs[c->seg], c->cs, c->ce) || !writes_capitals(&r->segs[c->seg]))) {
        /* "Hey Gemini", "Perplexity found it", "asked Claude and it wrote" (judge._answering;
           code_points found by first) */
        int t = call_text(r, r->j->cb_answering, s->py, &r->segs[c->seg], c->cs, c->ce, 1);
        if (t < 0) return -1;
        if (t) v = with(r->j, v, r->j->w[W_ASKED_OR_ANSWERING]);
    }
    /* judge._Weighing.final: cues against elsewhere do not keep the page's sense from it */
    if (!(v.kept || (v.against && !v.far_only)) && !v.against && r->page && s->borrowed)
        v = with(r->j, v, r->j->w[W_BORROWED_ON_AN_AI_PAGE]);
    if (!(v.kept || (v.against && !v.far_only))) {
        int t = established(r, c->sense);
        if (t == 0 && v.score > 0) t = marked_in_its_block(r, c);
        if (t < 0) return -1;
        if (t) v = with(r->j, v, r->j->w[W_DISCOURSE]);
    }
    *out = v;
    return 0;
}

/* judge._about_ai */
int about_ai(Req *r)
{
    Judge *j = r->j;
    int blocks = 0, first_block = -1, last_block = -1, nterms = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++)
        if (r->segs[i].nconf) {
            blocks++;
            if (first_block < 0) first_block = (int)i;
            last_block = (int)i;
            nterms += r->segs[i].nconf;
        }
    if (blocks < j->w[W_ABOUT_AI_BLOCKS] || last_block - first_block < j->w[W_ABOUT_AI_SPREAD])
        return 0;
    if (blocks < j->w[W_ABOUT_AI_SHARE] * r->nseg) { /* judge._text_share */
        Py_ssize_t text = 0, theirs = 0;
        for (Py_ssize_t i = 0; i < r->nseg; i++) {
            text += r->segs[i].len;
            if (r->segs[i].nconf) theirs += r->segs[i].len;
        }
        if (theirs < j->w[W_ABOUT_AI_TEXT_SHARE] * text) return 0;
    }
    int32_t *terms = alloc(r, sizeof(int32_t) * (nterms + 1));
    if (!terms) return -1;
    int n = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++)
        for (int k = 0; k < r->segs[i].nconf; k++) terms[n++] = r->segs[i].conf[k];
    return sort_unique(terms, n) >= j->w[W_ABOUT_AI_TERMS];
}
