/* The module: a request read and judged, the judge's tables built from Python's. */

#include "sense.h"

/* ---------- a request ---------- */

static int read_ssize(PyObject *obj, PyObject *name, Py_ssize_t *out)
{
    PyObject *v = PyObject_GetAttr(obj, name);
    if (!v) return -1;
    if (!PyLong_CheckExact(v)) { Py_DECREF(v); return 1; }
    *out = PyLong_AsSsize_t(v);
    Py_DECREF(v);
    if (*out == -1 && PyErr_Occurred()) { PyErr_Clear(); return 1; }
    return 0;
}

/* What `marks` says of each match (the `MARK_*` of handover.py). */
enum { MARK_DROPPED = 0, MARK_KEPT = 1, MARK_SURE = 2 };

static PyObject *s_segment, *s_start, *s_end, *s_slug, *s_ambiguous, *s_verdict, *s_term;

/* The id of a slug: the judge's own, or one given to this request (a term with no sense). */
static int slug_id(Req *r, PyObject *slug)
{
    Judge *j = r->j;
    PyObject *id = PyDict_GetItemWithError(j->slug_ids, slug);
    if (!id && !PyErr_Occurred()) {
        id = PyDict_GetItemWithError(r->extra_slugs, slug);
        if (!id && !PyErr_Occurred()) {
            PyObject *fresh = PyLong_FromSsize_t(j->nslugs + PyDict_GET_SIZE(r->extra_slugs));
            if (!fresh || PyDict_SetItem(r->extra_slugs, slug, fresh) < 0) {
                Py_XDECREF(fresh);
                return -1;
            }
            Py_DECREF(fresh);
            id = PyDict_GetItemWithError(r->extra_slugs, slug);
        }
    }
    return id ? (int)PyLong_AsLong(id) : -1;
}

/* 0: read, 1: not for the native path, -1: error */
static int read_candidates(Req *r, PyObject *candidates)
{
    Judge *j = r->j;
    r->ncands = PyList_GET_SIZE(candidates);
    r->cands = zalloc(r, sizeof(Cand) * (r->ncands + 1));
    if (!r->cands) return -1;
    for (Py_ssize_t i = 0; i < r->ncands; i++) {
        Cand *c = &r->cands[i];
        PyObject *obj = PyList_GET_ITEM(candidates, i);
        Py_ssize_t seg;
        int t;
        c->obj = obj;
        if ((t = read_ssize(obj, s_segment, &seg)) != 0) return t;
        if ((t = read_ssize(obj, s_start, &c->start)) != 0) return t;
        if ((t = read_ssize(obj, s_end, &c->end)) != 0) return t;
        if (seg < 0 || seg >= r->nseg || c->start < 0 || c->end < c->start) return 1;
        c->seg = (int)seg;
        PyObject *slug = PyObject_GetAttr(obj, s_slug);
        if (!slug) return -1;
        if (!PyUnicode_CheckExact(slug)) { Py_DECREF(slug); return 1; }
        c->slug = slug_id(r, slug);
        Py_DECREF(slug);
        if (c->slug < 0) return -1;
        PyObject *ambiguous = PyObject_GetAttr(obj, s_ambiguous);
        if (!ambiguous) return -1;
        c->ambiguous = PyObject_IsTrue(ambiguous);
        Py_DECREF(ambiguous);
        if (c->ambiguous < 0) return -1;
        c->sense = c->ambiguous && c->slug < j->nslugs ? j->sense_of_slug[c->slug] : -1;
        c->sentence = -1;
    }
    return 0;
}

/* The matcher's own output, (start, end, slug, ambiguous) tuples per segment, read as the
   request's candidates in order: no Candidate objects on the extension's path.
   0: read, 1: not for the native path, -1: error */
static int read_matches(Req *r, PyObject *per_segment)
{
    Judge *j = r->j;
    if (PyList_GET_SIZE(per_segment) != r->nseg) return 1;
    r->ncands = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        PyObject *found = PyList_GET_ITEM(per_segment, i);
        if (!PyList_CheckExact(found)) return 1;
        r->ncands += PyList_GET_SIZE(found);
    }
    r->cands = zalloc(r, sizeof(Cand) * (r->ncands + 1));
    if (!r->cands) return -1;
    Py_ssize_t n = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        PyObject *found = PyList_GET_ITEM(per_segment, i);
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(found); k++) {
            PyObject *match = PyList_GET_ITEM(found, k);
            if (!PyTuple_CheckExact(match) || PyTuple_GET_SIZE(match) != 4) return 1;
            PyObject *start = PyTuple_GET_ITEM(match, 0), *end = PyTuple_GET_ITEM(match, 1);
            PyObject *slug = PyTuple_GET_ITEM(match, 2);
            if (!PyLong_CheckExact(start) || !PyLong_CheckExact(end) || !PyUnicode_CheckExact(slug))
                return 1;
            Cand *c = &r->cands[n++];
            c->seg = (int)i;
            c->start = PyLong_AsSsize_t(start);
            c->end = PyLong_AsSsize_t(end);
            if (PyErr_Occurred()) { PyErr_Clear(); return 1; }
            if (c->start < 0 || c->end < c->start) return 1;
            c->slug = slug_id(r, slug);
            if (c->slug < 0) return -1;
            c->ambiguous = PyObject_IsTrue(PyTuple_GET_ITEM(match, 3));
            if (c->ambiguous < 0) return -1;
            c->sense = c->ambiguous && c->slug < j->nslugs ? j->sense_of_slug[c->slug] : -1;
            c->sentence = -1;
        }
    }
    return 0;
}

static int index_request(Req *r)
{
    Judge *j = r->j;
    for (Py_ssize_t i = 0; i < r->ncands; i++) {
        Seg *g = &r->segs[r->cands[i].seg];
        g->ncands++;
        if (r->cands[i].sense >= 0) { g->njudged++; r->njudged++; }
    }
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        Seg *g = &r->segs[i];
        g->cands = alloc(r, sizeof(int) * (g->ncands + 1));
        g->judged = alloc(r, sizeof(int) * (g->njudged + 1));
        g->conf = alloc(r, sizeof(int32_t) * (g->ncands + 1));
        if (!g->cands || !g->judged || !g->conf) return -1;
        g->ncands = g->njudged = 0;
    }
    r->judged = alloc(r, sizeof(int) * (r->njudged + 1));
    r->nby_sense = zalloc(r, sizeof(int) * (j->nsenses + 1));
    r->by_sense = zalloc(r, sizeof(int *) * (j->nsenses + 1));
    r->established = alloc(r, j->nsenses + 1);
    r->persons = zalloc(r, sizeof *r->persons * (j->nsenses + 1));
    r->elsewhere_done = zalloc(r, sizeof(int) * (j->nsenses + 1));
    r->elsewhere = zalloc(r, sizeof(Ints) * (j->nsenses + 1));
    if (!r->judged || !r->nby_sense || !r->by_sense || !r->established || !r->persons ||
        !r->elsewhere_done || !r->elsewhere)
        return -1;
    memset(r->established, -1, j->nsenses + 1);
    int n = 0;
    for (Py_ssize_t i = 0; i < r->ncands; i++) {
        Cand *c = &r->cands[i];
        Seg *g = &r->segs[c->seg];
        g->cands[g->ncands++] = (int)i;
        if (!c->ambiguous) g->conf[g->nconf++] = c->slug;
        if (c->sense >= 0) { g->judged[g->njudged++] = (int)i; r->judged[n++] = (int)i; r->nby_sense[c->sense]++; }
    }
    for (Py_ssize_t i = 0; i < r->nseg; i++) r->segs[i].nconf = sort_unique(r->segs[i].conf, r->segs[i].nconf);
    for (Py_ssize_t s = 0; s < j->nsenses; s++) {
        r->by_sense[s] = alloc(r, sizeof(int) * (r->nby_sense[s] + 1));
        if (!r->by_sense[s]) return -1;
        r->nby_sense[s] = 0;
    }
    for (int k = 0; k < n; k++) {
        Cand *c = &r->cands[r->judged[k]];
        r->by_sense[c->sense][r->nby_sense[c->sense]++] = r->judged[k];
    }
    return 0;
}

static void release(Req *r)
{
    if (r->segs)
        for (Py_ssize_t i = 0; i < r->nseg; i++) Py_XDECREF(r->segs[i].shaped);
    Py_XDECREF(r->facts);
    Py_XDECREF(r->keys);
    Py_XDECREF(r->extra_slugs);
    Py_XDECREF(r->defined);
    while (r->chunk) { Chunk *next = r->chunk->next; free(r->chunk); r->chunk = next; }
}

/* judge._Weighing._strays, on a page not about AI: every verdict worked out (`done`), then
   the kept occurrences beyond the blocks beside the page's one AI passage dropped. */
static int drop_strays(Req *r, V *verdicts, char *done)
{
    Judge *j = r->j;
    unsigned char *anchor = zalloc(r, (size_t)r->nseg + 1), *seen = zalloc(r, (size_t)r->nseg + 1);
    char *stray = zalloc(r, (size_t)r->ncands + 1);
    if (!anchor || !seen || !stray) return -1;
    for (Py_ssize_t i = 0; i < r->nseg; i++) anchor[i] = r->segs[i].nconf > 0;
    int kept = 0;
    for (int k = 0; k < r->njudged; k++) {
        int i = r->judged[k];
        Cand *c = &r->cands[i];
        V f;
        if (first(r, c, &f) < 0) return -1;
        if (f.kept && f.score >= j->w[W_AI_PASSAGE_MARK]) anchor[c->seg] = 1;
    }
    for (int k = 0; k < r->njudged; k++) {
        int i = r->judged[k];
        if (final(r, &r->cands[i], &verdicts[i]) < 0) return -1;
        done[i] = 1;
        kept += verdicts[i].kept;
    }
    Py_ssize_t low = -1, high = -1;
    for (Py_ssize_t i = 0; i < r->nseg; i++)
        if (anchor[i]) { if (low < 0) low = i; high = i; }
    if (low < 0 && kept) { /* only ambiguous words: the passage is where the best is */
        double best = 0.0;
        int found = 0;
        for (int k = 0; k < r->njudged; k++) {
            Cand *c = &r->cands[r->judged[k]];
            if (verdicts[r->judged[k]].kept && (!found || c->first.score > best)) {
                best = c->first.score;
                found = 1;
            }
        }
        for (int k = 0; k < r->njudged; k++) {
            Cand *c = &r->cands[r->judged[k]];
            if (verdicts[r->judged[k]].kept && c->first.score == best) {
                anchor[c->seg] = 1;
                if (low < 0 || c->seg < low) low = c->seg;
                if (c->seg > high) high = c->seg;
            }
        }
    }
    if (low < 0 || high - low > (Py_ssize_t)j->w[W_AI_PASSAGE_SPAN]) return 0;
    int blocks = 0;
    for (int k = 0; k < r->njudged; k++) {
        int i = r->judged[k], s = r->cands[i].seg;
        if (!verdicts[i].kept || anchor[s] || (s > 0 && anchor[s - 1]) ||
            (s + 1 < r->nseg && anchor[s + 1]))
            continue;
        stray[i] = 1;
        if (!seen[s]) { seen[s] = 1; blocks++; }
    }
    if (blocks > (int)j->w[W_STRAY_BLOCKS]) return 0;
    for (Py_ssize_t i = 0; i < r->ncands; i++) {
        if (!stray[i]) continue;
        verdicts[i] = with(j, verdicts[i], -verdicts[i].score);
        verdicts[i].against = 1;
        verdicts[i].far_only = 0;
    }
    return 0;
}

/* The verdicts, worked out in full before any is set: on a fall-back, none is. */
static int weigh(Req *r, int first_only, V *verdicts, char *state)
{
    char *done = zalloc(r, (size_t)r->ncands + 1);
    if (!done) return -1;
    if (!r->page && drop_strays(r, verdicts, done) < 0) return -1;
    if (!first_only) {
        for (int k = 0; k < r->njudged; k++) {
            int i = r->judged[k];
            if (!done[i] && final(r, &r->cands[i], &verdicts[i]) < 0) return -1;
            state[i] = 1;
        }
        return 0;
    }
    Py_ssize_t slots = r->j->nslugs + PyDict_GET_SIZE(r->extra_slugs) + 1;
    char *marked = zalloc(r, slots);
    if (!marked) return -1;
    for (Py_ssize_t i = 0; i < r->ncands; i++) {
        Cand *c = &r->cands[i];
        if (c->sense < 0) {
            marked[c->slug] = 1;
        } else if (marked[c->slug]) {
            state[i] = 2;
        } else {
            if (!done[i] && final(r, c, &verdicts[i]) < 0) return -1;
            state[i] = 1;
            if (verdicts[i].kept) marked[c->slug] = 1;
        }
    }
    return 0;
}

/* A request read and weighed: 1 when `verdicts` and `state` hold its verdicts (state 1:
   weighed, 2: not weighed, 0: not judged), 0 when it is one for the Python path, -1 on an
   error. `found` is a list of Candidates, or with `as_matches` the matcher's per-segment
   tuples. The caller releases `r`. */
/* Whether the candidate next to `i` (`step` -1: before it, 1: after it) is a form of the
   same term, with only a bracket and spaces between: "large language model (LLM)", "LLM
   (large language model)", a definition as the entry itself. */
static int beside_its_own_form(Req *r, int i, int step)
{
    if (i + step < 0 || i + step >= r->ncands) return 0;
    Cand *c = &r->cands[i], *other = &r->cands[i + step];
    if (other->seg != c->seg || other->slug != c->slug) return 0;
    if (code_points(r, other) < 0) return -1;
    Seg *g = &r->segs[c->seg];
    Py_ssize_t from = step < 0 ? other->ce : c->ce, to = step < 0 ? c->cs : other->cs;
    for (Py_ssize_t k = from; k < to; k++)
        if (CH(g, k) != ' ' && CH(g, k) != '(') return 0;
    return 1;
}

/* definitions.AFTER, BEFORE, KEYED: where a definition stands beside a form */
enum { DEFINED_AFTER = 0, DEFINED_BEFORE = 1, DEFINED_KEYED = 2 };

/* 1 (and *where) where the candidate is written in brackets, "(DPO)"; right before a
   bracket whose first letter is its own, "GPU (ground power unit)"; or a key with a colon,
   a space and its own first letter after it, "AI: Aisha Iqbal": where the text may define
   it (definitions.Acronyms.defined_otherwise, judge._definition_spots). */
static int definition_spot(Seg *g, Cand *c, int *where)
{
    if (c->cs >= 1 && c->ce < g->len && CH(g, c->cs - 1) == '(' && CH(g, c->ce) == ')') {
        *where = DEFINED_BEFORE;
        return 1;
    }
    if (c->cs < c->ce && c->ce + 2 < g->len && CH(g, c->ce) == ':' && CH(g, c->ce + 1) == ' ') {
        Py_UCS4 first = CH(g, c->cs), next = CH(g, c->ce + 2);
        *where = DEFINED_KEYED;
        return Py_UNICODE_TOLOWER(first) == Py_UNICODE_TOLOWER(next);
    }
    Py_ssize_t open = c->ce < g->len && CH(g, c->ce) == ' ' ? c->ce + 1 : c->ce;
    if (open + 1 >= g->len || CH(g, open) != '(' || c->cs >= c->ce) return 0;
    Py_UCS4 first = CH(g, c->cs), next = CH(g, open + 1);
    if (Py_UNICODE_TOLOWER(first) != Py_UNICODE_TOLOWER(next)) return 0;
    *where = DEFINED_AFTER;
    return 1;
}

/* Acronyms the text defines as something else ("Data Protection Officer (DPO)", "GPU
   (ground power unit)"): the judged candidates where a definition may stand, handed to
   Python once a request, unless each is beside a form of its own term, which defines
   nothing else (on AI pages, most: "(LLM)", "RAG (retrieval-augmented generation)"). */
static int find_definitions(Req *r)
{
    PyObject *spots = NULL;
    int other = 0;
    for (int k = 0; k < r->njudged; k++) {
        int i = r->judged[k], where;
        Cand *c = &r->cands[i];
        if (code_points(r, c) < 0) goto fail;
        if (!definition_spot(&r->segs[c->seg], c, &where)) continue;
        int own = beside_its_own_form(r, i, where == DEFINED_BEFORE ? -1 : 1);
        if (own < 0) goto fail;
        other |= !own;
        if (!spots && !(spots = PyList_New(0))) return -1;
        PyObject *spot = Py_BuildValue("(inni)", c->seg, c->cs, c->ce, where);
        if (!spot || PyList_Append(spots, spot) < 0) { Py_XDECREF(spot); goto fail; }
        Py_DECREF(spot);
    }
    if (!other) { Py_XDECREF(spots); return 0; }
    PyObject *found = PyObject_CallFunctionObjArgs(r->j->cb_defined, r->segments, spots, NULL);
    Py_DECREF(spots);
    if (!found) return -1;
    if (!PyDict_Check(found)) {
        Py_DECREF(found);
        PyErr_SetString(PyExc_TypeError, "definitions: a dict expected");
        return -1;
    }
    if (PyDict_GET_SIZE(found)) r->defined = found; else Py_DECREF(found);
    return 0;
fail:
    Py_XDECREF(spots);
    return -1;
}

static int weigh_request(Req *r, Judge *j, PyObject *segments, PyObject *found, int as_matches,
                         int page_is_ai, int first_only, V **verdicts, char **state)
{
    memset(r, 0, sizeof *r);
    r->j = j;
    r->segments = segments;
    r->nseg = PyList_GET_SIZE(segments);
    if (!j->ready) {
        PyErr_SetString(PyExc_RuntimeError, "the Judge was never built");
        return -1;
    }
    r->facts = PyDict_New();
    r->extra_slugs = PyDict_New();
    r->keys = PyList_New(0);
    if (!r->facts || !r->extra_slugs || !r->keys) return -1;
    r->segs = zalloc(r, sizeof(Seg) * (r->nseg + 1));
    if (!r->segs) return -1;
    for (Py_ssize_t i = 0; i < r->nseg; i++) {
        PyObject *text = PyList_GET_ITEM(segments, i);
        if (!PyUnicode_CheckExact(text)) return 0;
        Seg *g = &r->segs[i];
        g->text = text;
        g->kind = PyUnicode_KIND(text);
        g->data = PyUnicode_DATA(text);
        g->len = PyUnicode_GET_LENGTH(text);
        g->with_terms = -1;
        g->long_block = -1;
        g->capitals = -1;
    }
    int t = as_matches ? read_matches(r, found) : read_candidates(r, found);
    if (t) return t > 0 ? 0 : -1;
    if (index_request(r) < 0) return -1;
    *verdicts = zalloc(r, sizeof(V) * (r->ncands + 1));
    *state = zalloc(r, r->ncands + 1);
    if (!*verdicts || !*state) return -1;
    if (r->njudged == 0) return 1;
    if (find_definitions(r) < 0) return r->fallback && !PyErr_Occurred() ? 0 : -1;
    if (page_is_ai) {
        r->page = 1;
    } else {
        r->page = about_ai(r);
        if (r->page < 0) return -1;
    }
    if (weigh(r, first_only, *verdicts, *state) < 0)
        return r->fallback && !PyErr_Occurred() ? 0 : -1;
    return 1;
}

/* The arguments of `judge` and `marks` (segments, what was found, page_is_ai, first_only),
   then `weigh_request`; -1 with `r` untouched when the arguments are wrong. */
static int parse_and_weigh(Req *r, Judge *j, PyObject *args, int as_matches, V **verdicts,
                           char **state)
{
    PyObject *segments, *found;
    int page_is_ai, first_only;
    memset(r, 0, sizeof *r);
    if (!PyArg_ParseTuple(args, "O!O!pp", &PyList_Type, &segments, &PyList_Type, &found,
                          &page_is_ai, &first_only))
        return -1;
    return weigh_request(r, j, segments, found, as_matches, page_is_ai, first_only, verdicts,
                         state);
}

static PyObject *Judge_judge(Judge *j, PyObject *args)
{
    Req r;
    V *verdicts = NULL;
    char *state = NULL;
    PyObject *result = NULL;
    int t = parse_and_weigh(&r, j, args, 0, &verdicts, &state);
    if (t <= 0) {
        if (t == 0) result = Py_False;
        goto out;
    }
    for (Py_ssize_t i = 0; i < r.ncands; i++) {
        if (!state[i]) continue;
        PyObject *verdict;
        if (state[i] == 2) {
            verdict = Py_NewRef(j->not_weighed);
        } else {
            V v = verdicts[i];
            verdict = PyObject_CallFunction(j->verdict_type, "OdO", v.kept ? Py_True : Py_False,
                                            v.score, v.against ? Py_True : Py_False);
            if (!verdict) goto out;
        }
        int failed = PyObject_SetAttr(r.cands[i].obj, s_verdict, verdict);
        Py_DECREF(verdict);
        if (failed) goto out;
    }
    result = Py_True;
out:
    release(&r);
    return result ? Py_NewRef(result) : NULL;
}

static PyObject *Judge_marks(Judge *j, PyObject *args)
{
    Req r;
    V *verdicts = NULL;
    char *state = NULL;
    PyObject *result = NULL;
    int t = parse_and_weigh(&r, j, args, 1, &verdicts, &state);
    if (t <= 0) {
        if (t == 0) result = Py_NewRef(Py_None);
        goto out;
    }
    result = PyBytes_FromStringAndSize(NULL, r.ncands);
    if (!result) goto out;
    char *marks = PyBytes_AS_STRING(result);
    for (Py_ssize_t i = 0; i < r.ncands; i++)
        marks[i] = r.cands[i].sense < 0 ? MARK_SURE : state[i] == 1 && verdicts[i].kept ? MARK_KEPT : MARK_DROPPED;
out:
    release(&r);
    return result;
}

/* ---------- the judge's tables ---------- */

static int ints_of(PyObject *list, Ints *out)
{
    PyObject *fast = PySequence_Fast(list, "a list of ids");
    if (!fast) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(fast);
    out->ids = malloc(sizeof(int32_t) * (n + 1));
    out->n = (int)n;
    if (!out->ids) { Py_DECREF(fast); PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < n; i++) {
        long v = PyLong_AsLong(PySequence_Fast_GET_ITEM(fast, i));
        if (v == -1 && PyErr_Occurred()) { Py_DECREF(fast); return -1; }
        out->ids[i] = (int32_t)v;
    }
    Py_DECREF(fast);
    return 0;
}

static int cues_of(PyObject *pair, Cues *out)
{
    if (!PyTuple_Check(pair) || PyTuple_GET_SIZE(pair) != 2) {
        PyErr_SetString(PyExc_TypeError, "cues: (words, phrases) expected");
        return -1;
    }
    if (ints_of(PyTuple_GET_ITEM(pair, 0), &out->words) < 0) return -1;
    PyObject *phrases = PySequence_Fast(PyTuple_GET_ITEM(pair, 1), "phrases");
    if (!phrases) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(phrases);
    out->phrases = calloc(n + 1, sizeof(Ints));
    if (!out->phrases) { Py_DECREF(phrases); PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < n; i++) {
        if (ints_of(PySequence_Fast_GET_ITEM(phrases, i), &out->phrases[i]) < 0) {
            out->nphrases = (int)i + 1;
            Py_DECREF(phrases);
            return -1;
        }
    }
    out->nphrases = (int)n;
    Py_DECREF(phrases);
    return 0;
}

/* None, or per never phrase a list of pieces, each a list of ASCII options */
static int patterns_of(PyObject *given, Sense *s)
{
    if (given == Py_None) return 0;
    PyObject *phrases = PySequence_Fast(given, "patterns");
    if (!phrases) return -1;
    int ok = PySequence_Fast_GET_SIZE(phrases) == s->nnever;
    s->patterns = calloc(s->nnever + 1, sizeof(Pattern));
    if (!s->patterns) { Py_DECREF(phrases); PyErr_NoMemory(); return -1; }
    for (int p = 0; ok && p < s->nnever; p++) {
        /* (crosses marks, a name, pieces) */
        PyObject *phrase = PySequence_Fast_GET_ITEM(phrases, p);
        if (!PyTuple_Check(phrase) || PyTuple_GET_SIZE(phrase) != 3) {
            Py_DECREF(phrases);
            PyErr_SetString(PyExc_ValueError, "never patterns: (crosses marks, a name, pieces)");
            return -1;
        }
        PyObject *pieces = PySequence_Fast(PyTuple_GET_ITEM(phrase, 2), "pieces");
        if (!pieces) { Py_DECREF(phrases); return -1; }
        Pattern *pattern = &s->patterns[p];
        pattern->crosses_marks = PyObject_IsTrue(PyTuple_GET_ITEM(phrase, 0)) == 1;
        pattern->name = PyObject_IsTrue(PyTuple_GET_ITEM(phrase, 1)) == 1;
        pattern->npieces = (int)PySequence_Fast_GET_SIZE(pieces);
        pattern->pieces = calloc(pattern->npieces + 1, sizeof(Piece));
        ok = pattern->pieces != NULL && pattern->npieces > 0;
        for (int k = 0; ok && k < pattern->npieces; k++) {
            PyObject *options = PySequence_Fast(PySequence_Fast_GET_ITEM(pieces, k), "options");
            if (!options) { Py_DECREF(pieces); Py_DECREF(phrases); return -1; }
            Piece *piece = &pattern->pieces[k];
            piece->noptions = (int)PySequence_Fast_GET_SIZE(options);
            piece->options = calloc(piece->noptions + 1, sizeof(char *));
            ok = piece->options != NULL;
            for (int o = 0; ok && o < piece->noptions; o++) {
                PyObject *option = PySequence_Fast_GET_ITEM(options, o);
                Py_ssize_t size;
                const char *utf8 = PyUnicode_Check(option) ? PyUnicode_AsUTF8AndSize(option, &size) : NULL;
                ok = utf8 != NULL && size > 0 && PyUnicode_IS_ASCII(option);
                if (ok) ok = (piece->options[o] = strdup(utf8)) != NULL;
                if (ok && k == 0) {
                    unsigned char c = (unsigned char)utf8[0];
                    pattern->first[c >> 6] |= 1ULL << (c & 63);
                }
            }
            Py_DECREF(options);
        }
        Py_DECREF(pieces);
    }
    Py_DECREF(phrases);
    if (!ok) {
        if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "never patterns: ASCII options");
        return -1;
    }
    return 0;
}

static void free_patterns(Sense *s)
{
    if (!s->patterns) return;
    for (int p = 0; p < s->nnever; p++) {
        Pattern *pattern = &s->patterns[p];
        if (!pattern->pieces) continue;
        for (int k = 0; k < pattern->npieces; k++) {
            Piece *piece = &pattern->pieces[k];
            if (piece->options) for (int o = 0; o < piece->noptions; o++) free(piece->options[o]);
            free(piece->options);
        }
        free(pattern->pieces);
    }
    free(s->patterns);
}

static int flag(PyObject *tuple, int i)
{
    return PyObject_IsTrue(PyTuple_GET_ITEM(tuple, i));
}

/* The sense's never words as a small open-addressing set (`never_word`). */
static int never_set_of(Sense *s)
{
    uint32_t size = 8;
    while (size < 2u * (uint32_t)s->never_words.n) size *= 2;
    s->never_set = malloc(sizeof(int32_t) * size);
    if (!s->never_set) { PyErr_NoMemory(); return -1; }
    for (uint32_t i = 0; i < size; i++) s->never_set[i] = -1;
    s->never_mask = size - 1;
    for (int k = 0; k < s->never_words.n; k++) {
        uint32_t i = never_slot(s->never_words.ids[k]) & s->never_mask;
        while (s->never_set[i] >= 0) i = (i + 1) & s->never_mask;
        s->never_set[i] = s->never_words.ids[k];
    }
    return 0;
}

/* For each word of the never set, the never phrases that hold it among their other words. */
static int never_index_of(Sense *s)
{
    uint32_t size = s->never_mask + 1;
    int32_t total = 0;
    s->never_from = calloc(size + 1, sizeof(int32_t));
    if (!s->never_from) { PyErr_NoMemory(); return -1; }
    for (int p = 0; p < s->nnever; p++)
        for (int k = 0; k < s->never[p].n; k++) {
            int i = never_at(s, s->never[p].ids[k]);
            if (i >= 0) { s->never_from[i + 1]++; total++; }
        }
    for (uint32_t i = 0; i < size; i++) s->never_from[i + 1] += s->never_from[i];
    s->never_phrase = malloc(sizeof(int32_t) * ((size_t)total + 1));
    int32_t *cursor = malloc(sizeof(int32_t) * size);
    if (!s->never_phrase || !cursor) { free(cursor); PyErr_NoMemory(); return -1; }
    memcpy(cursor, s->never_from, sizeof(int32_t) * size);
    for (int p = 0; p < s->nnever; p++)
        for (int k = 0; k < s->never[p].n; k++) {
            int i = never_at(s, s->never[p].ids[k]);
            if (i >= 0) s->never_phrase[cursor[i]++] = p;
        }
    free(cursor);
    return 0;
}

static int sense_of(PyObject *tuple, Sense *s)
{
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != 25) {
        PyErr_SetString(PyExc_TypeError, "a sense: a 25-tuple expected");
        return -1;
    }
    s->py = Py_NewRef(PyTuple_GET_ITEM(tuple, 0));
    s->slug = (int)PyLong_AsLong(PyTuple_GET_ITEM(tuple, 1));
    s->prior = PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, 2));
    if (PyErr_Occurred()) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 3), &s->related) < 0) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 20), &s->paired) < 0) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 4), &s->narrow_set) < 0) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 5), &s->own_ids) < 0) return -1;
    PyObject *rarities = PySequence_Fast(PyTuple_GET_ITEM(tuple, 6), "rarities");
    if (!rarities) return -1;
    Py_ssize_t n = PySequence_Fast_GET_SIZE(rarities);
    s->own_rarity = malloc(sizeof(double) * (n + 1));
    if (!s->own_rarity || n != s->own_ids.n) {
        Py_DECREF(rarities);
        if (!s->own_rarity) PyErr_NoMemory(); else PyErr_SetString(PyExc_ValueError, "own words");
        return -1;
    }
    for (Py_ssize_t i = 0; i < n; i++) s->own_rarity[i] = PyFloat_AsDouble(PySequence_Fast_GET_ITEM(rarities, i));
    Py_DECREF(rarities);
    if (PyErr_Occurred()) return -1;
    if (cues_of(PyTuple_GET_ITEM(tuple, 7), &s->for_ai) < 0) return -1;
    if (cues_of(PyTuple_GET_ITEM(tuple, 8), &s->against) < 0) return -1;
    if ((s->has_never = flag(tuple, 9)) < 0) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 10), &s->never_words) < 0) return -1;
    if (never_set_of(s) < 0) return -1;
    if ((s->never_star = flag(tuple, 11)) < 0) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 12), &s->form_words) < 0) return -1;
    if ((s->borrowed = flag(tuple, 13)) < 0) return -1;
    if ((s->narrow = flag(tuple, 14)) < 0) return -1;
    if ((s->capital = flag(tuple, 21)) < 0) return -1;
    if ((s->answers = flag(tuple, 23)) < 0) return -1;
    if ((s->product = flag(tuple, 24)) < 0) return -1;
    s->names = Py_NewRef(PyTuple_GET_ITEM(tuple, 15));
    s->versioned = Py_NewRef(PyTuple_GET_ITEM(tuple, 16));
    s->values = Py_NewRef(PyTuple_GET_ITEM(tuple, 17));
    if (!PyAnySet_Check(s->names) || !PyAnySet_Check(s->versioned)) {
        PyErr_SetString(PyExc_TypeError, "names and versioned: sets expected");
        return -1;
    }
    if ((s->has_names = flag(tuple, 15)) < 0) return -1;
    if ((s->has_versioned = flag(tuple, 16)) < 0) return -1;
    if ((s->has_values = flag(tuple, 17)) < 0) return -1;
    s->form_priors = Py_NewRef(PyTuple_GET_ITEM(tuple, 22));
    if (!PyDict_Check(s->form_priors)) {
        PyErr_SetString(PyExc_TypeError, "form priors: a dict expected");
        return -1;
    }
    if ((s->has_form_priors = flag(tuple, 22)) < 0) return -1;
    PyObject *never = PySequence_Fast(PyTuple_GET_ITEM(tuple, 18), "never phrases");
    if (!never) return -1;
    Py_ssize_t count = PySequence_Fast_GET_SIZE(never);
    s->never = calloc(count + 1, sizeof(Ints));
    if (!s->never) { Py_DECREF(never); PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < count; i++) {
        s->nnever = (int)i + 1;
        if (ints_of(PySequence_Fast_GET_ITEM(never, i), &s->never[i]) < 0) { Py_DECREF(never); return -1; }
    }
    s->nnever = (int)count;
    Py_DECREF(never);
    if (never_index_of(s) < 0) return -1;
    return patterns_of(PyTuple_GET_ITEM(tuple, 19), s);
}

static void free_ints(Ints *x) { free(x->ids); x->ids = NULL; }

static void free_cues(Cues *c)
{
    free_ints(&c->words);
    if (c->phrases) for (int i = 0; i < c->nphrases; i++) free_ints(&c->phrases[i]);
    free(c->phrases);
}

/* The Judge takes part in the garbage collector's cycles: SenseJudge -> Judge -> its
   call-backs -> SenseJudge is one, and without these a SenseJudge was never freed (a leak
   at every dictionary reload; tests/backend/service/test_native_sense.py). */
static int Judge_traverse(Judge *j, visitproc visit, void *arg)
{
    Py_VISIT(j->slug_ids); Py_VISIT(j->callbacks); Py_VISIT(j->verdict_type);
    Py_VISIT(j->not_weighed);
    Py_VISIT(j->cb_facts); Py_VISIT(j->cb_never); Py_VISIT(j->cb_name);
    Py_VISIT(j->cb_person); Py_VISIT(j->cb_surname); Py_VISIT(j->cb_value);
    Py_VISIT(j->cb_longer); Py_VISIT(j->cb_defined); Py_VISIT(j->cb_answering);
    Py_VISIT(j->cb_conversation);
    Py_VISIT(j->cb_phrase);
    Py_VISIT(j->placing_words);
    if (j->senses)
        for (Py_ssize_t i = 0; i < j->nsenses; i++) {
            Py_VISIT(j->senses[i].py); Py_VISIT(j->senses[i].names);
            Py_VISIT(j->senses[i].versioned); Py_VISIT(j->senses[i].values);
            Py_VISIT(j->senses[i].form_priors);
        }
    return 0;
}

/* Breaks a cycle at the call-backs; a Judge cleared so judges no more. */
static int Judge_clear(Judge *j)
{
    j->ready = 0;
    Py_CLEAR(j->callbacks);
    Py_CLEAR(j->cb_facts); Py_CLEAR(j->cb_never); Py_CLEAR(j->cb_name);
    Py_CLEAR(j->cb_person); Py_CLEAR(j->cb_surname); Py_CLEAR(j->cb_value);
    Py_CLEAR(j->cb_longer); Py_CLEAR(j->cb_defined); Py_CLEAR(j->cb_answering);
    Py_CLEAR(j->cb_conversation);
    Py_CLEAR(j->cb_phrase);
    Py_CLEAR(j->placing_words);
    return 0;
}

static void Judge_dealloc(Judge *j)
{
    PyObject_GC_UnTrack(j);
    free(j->arena); free(j->word_cps); free(j->word_len); free(j->word_hash); free(j->slots);
    if (j->senses)
        for (Py_ssize_t i = 0; i < j->nsenses; i++) {
            Sense *s = &j->senses[i];
            Py_XDECREF(s->py); Py_XDECREF(s->names); Py_XDECREF(s->versioned); Py_XDECREF(s->values);
            Py_XDECREF(s->form_priors);
            free_ints(&s->related); free_ints(&s->paired); free_ints(&s->narrow_set); free_ints(&s->own_ids);
            free_ints(&s->form_words); free_ints(&s->never_words); free(s->never_set); free(s->never_from);
            free(s->never_phrase); free(s->own_rarity); free(s->word_bits);
            free_cues(&s->for_ai); free_cues(&s->against);
            free_patterns(s);
            if (s->never) for (int k = 0; k < s->nnever; k++) free_ints(&s->never[k]);
            free(s->never);
        }
    free(j->senses); free(j->sense_of_slug); free(j->borrowed); free(j->pairs); free(j->unusual); free(j->known);
    Py_XDECREF(j->slug_ids); Py_XDECREF(j->callbacks); Py_XDECREF(j->verdict_type);
    Py_XDECREF(j->not_weighed);
    shape_tables_clear(&j->shape);
    Py_XDECREF(j->cb_facts); Py_XDECREF(j->cb_never);
    Py_XDECREF(j->cb_name); Py_XDECREF(j->cb_person);
    Py_XDECREF(j->cb_surname); Py_XDECREF(j->cb_value); Py_XDECREF(j->cb_longer);
    Py_XDECREF(j->cb_defined); Py_XDECREF(j->cb_answering); Py_XDECREF(j->cb_phrase);
    Py_XDECREF(j->cb_conversation);
    Py_XDECREF(j->placing_words);
    Py_TYPE(j)->tp_free((PyObject *)j);
}

static int build_vocabulary(Judge *j, PyObject *vocabulary)
{
    j->nwords = PyList_GET_SIZE(vocabulary);
    if (j->nwords >= INT32_MAX) { PyErr_SetString(PyExc_ValueError, "too many words"); return -1; }
    j->word_cps = calloc(j->nwords + 1, sizeof(uint32_t *));
    j->word_len = calloc(j->nwords + 1, sizeof(Py_ssize_t));
    j->word_hash = calloc(j->nwords + 1, sizeof(uint64_t));
    uint64_t size = 16, cells = 0;
    while (size < (uint64_t)j->nwords * 2 + 2) size *= 2;
    j->slots = calloc(size, sizeof(WordSlot));
    if (!j->word_cps || !j->word_len || !j->word_hash || !j->slots) { PyErr_NoMemory(); return -1; }
    j->mask = size - 1;
    for (Py_ssize_t i = 0; i < j->nwords; i++) {
        PyObject *word = PyList_GET_ITEM(vocabulary, i);
        if (!PyUnicode_Check(word)) { PyErr_SetString(PyExc_TypeError, "words: str expected"); return -1; }
        cells += 1 + (uint64_t)PyUnicode_GET_LENGTH(word);
    }
    if (cells >= UINT32_MAX) { PyErr_SetString(PyExc_ValueError, "too many words"); return -1; }
    j->arena = malloc(sizeof(uint32_t) * (cells + 1));
    if (!j->arena) { PyErr_NoMemory(); return -1; }
    uint32_t *at = j->arena;
    for (Py_ssize_t i = 0; i < j->nwords; i++) {
        PyObject *word = PyList_GET_ITEM(vocabulary, i);
        Py_ssize_t n = PyUnicode_GET_LENGTH(word);
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        at[0] = (uint32_t)n;
        j->word_cps[i] = at + 1;
        for (Py_ssize_t k = 0; k < n; k++) j->word_cps[i][k] = PyUnicode_READ(kind, data, k);
        at += 1 + n;
        j->word_len[i] = n;
        j->word_hash[i] = hash_cps(kind, data, 0, n);
        if (word_id(j, kind, data, 0, n) >= 0) { PyErr_SetString(PyExc_ValueError, "a word twice"); return -1; }
        table_add(j, j->slots, j->mask, (int32_t)i);
    }
    return 0;
}

static void add_pair(Judge *j, int sense, int32_t word, int flag, int own)
{
    uint64_t key = pair_key(j, sense, word), *slot = pair_slot(j, key);
    uint64_t flags = *slot ? (*slot >> 24 & 0xFF) : 0, index = *slot ? (*slot & 0xFFFFFF) : 0;
    if (flag == F_OWN) index = (uint64_t)own;
    *slot = key << 32 | (flags | (uint64_t)flag) << 24 | index;
}

static int build_pairs(Judge *j)
{
    uint64_t count = 0, size = 1024;
    for (Py_ssize_t i = 0; i < j->nsenses; i++) {
        Sense *s = &j->senses[i];
        count += s->own_ids.n + s->for_ai.words.n + s->against.words.n;
    }
    while (size < count * 2) size *= 2;
    if ((uint64_t)j->nsenses * (uint64_t)j->nwords + 1 >= (1ULL << 32)) {
        PyErr_SetString(PyExc_ValueError, "too many senses and words for the pair table");
        return -1;
    }
    j->pairs = calloc(size, sizeof(uint64_t));
    if (!j->pairs) { PyErr_NoMemory(); return -1; }
    j->pair_mask = size - 1;
    for (Py_ssize_t i = 0; i < j->nsenses; i++) {
        Sense *s = &j->senses[i];
        if (s->own_ids.n >= (1 << 24)) { PyErr_SetString(PyExc_ValueError, "own words"); return -1; }
        for (int k = 0; k < s->own_ids.n; k++) add_pair(j, (int)i, s->own_ids.ids[k], F_OWN, k);
        for (int k = 0; k < s->for_ai.words.n; k++) add_pair(j, (int)i, s->for_ai.words.ids[k], F_FOR, 0);
        for (int k = 0; k < s->against.words.n; k++) add_pair(j, (int)i, s->against.words.ids[k], F_AGAINST, 0);
        /* the filter: 16 bits a word, so that about 6% of the other words get through */
        uint64_t words = (uint64_t)s->own_ids.n + s->for_ai.words.n + s->against.words.n;
        int bits = 6;
        while (bits < 30 && (1ULL << bits) < words * 16) bits++;
        s->word_bits_shift = 32 - bits;
        s->word_bits = calloc(((size_t)1 << bits) / 64, sizeof(uint64_t));
        if (!s->word_bits) { PyErr_NoMemory(); return -1; }
        const Ints *lists[3] = {&s->own_ids, &s->for_ai.words, &s->against.words};
        for (int l = 0; l < 3; l++)
            for (int k = 0; k < lists[l]->n; k++) set_bit(s->word_bits, (int32_t)word_bit(s, lists[l]->ids[k]));
    }
    return 0;
}

static int compare_names(const void *a, const void *b) { return strcmp(a, b); }

static PyObject *method(PyObject *obj, const char *name)
{
    return PyObject_GetAttrString(obj, name);
}

static int Judge_init(Judge *j, PyObject *args, PyObject *kwds)
{
    PyObject *vocabulary, *slug_ids, *senses, *borrowed, *weights, *callbacks, *verdict_type,
        *not_weighed, *not_names, *unusual, *known, *marks, *expanding;
    if (j->slots) { PyErr_SetString(PyExc_RuntimeError, "a Judge is built once"); return -1; }
    if (!PyArg_ParseTuple(args, "O!O!O!OO!OOOOO!OOO", &PyList_Type, &vocabulary, &PyDict_Type,
                          &slug_ids, &PyList_Type, &senses, &borrowed, &PyTuple_Type, &weights,
                          &callbacks, &verdict_type, &not_weighed, &not_names, &PyList_Type,
                          &unusual, &known, &marks, &expanding))
        return -1;
    if (shape_tables_init(&j->shape, marks, expanding) < 0) return -1;
    if (PyTuple_GET_SIZE(weights) != W_COUNT) {
        PyErr_SetString(PyExc_ValueError, "weights: not the number sense.c reads");
        return -1;
    }
    for (int i = 0; i < W_COUNT; i++) {
        j->w[i] = PyFloat_AsDouble(PyTuple_GET_ITEM(weights, i));
        if (PyErr_Occurred()) return -1;
    }
    if (build_vocabulary(j, vocabulary) < 0) return -1;
    if (PyList_GET_SIZE(unusual) != j->nwords) {
        PyErr_SetString(PyExc_ValueError, "unusual: one a word");
        return -1;
    }
    j->unusual = malloc(sizeof(double) * (j->nwords + 1));
    if (!j->unusual) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < j->nwords; i++) {
        j->unusual[i] = PyFloat_AsDouble(PyList_GET_ITEM(unusual, i));
        if (PyErr_Occurred()) return -1;
    }
    Ints known_ids;
    if (ints_of(known, &known_ids) < 0) return -1;
    j->known = calloc(j->nwords + 1, 1);
    if (!j->known) { free_ints(&known_ids); PyErr_NoMemory(); return -1; }
    for (int i = 0; i < known_ids.n; i++)
        if (known_ids.ids[i] >= 0 && known_ids.ids[i] < j->nwords) j->known[known_ids.ids[i]] = 1;
    free_ints(&known_ids);
    j->slug_ids = Py_NewRef(slug_ids);
    j->nslugs = PyDict_GET_SIZE(slug_ids);
    j->callbacks = Py_NewRef(callbacks);
    j->verdict_type = Py_NewRef(verdict_type);
    j->not_weighed = Py_NewRef(not_weighed);
    if (!(j->cb_facts = method(callbacks, "facts")) ||
        !(j->cb_never = method(callbacks, "never")) ||
        !(j->cb_name = method(callbacks, "name")) || !(j->cb_person = method(callbacks, "person")) ||
        !(j->cb_surname = method(callbacks, "surname")) ||
        !(j->cb_value = method(callbacks, "value")) ||
        !(j->cb_longer = method(callbacks, "longer_name")) ||
        !(j->cb_defined = method(callbacks, "defined")) ||
        !(j->cb_answering = method(callbacks, "answering")) ||
        !(j->cb_phrase = method(callbacks, "phrase_around")) ||
        !(j->cb_conversation = method(callbacks, "conversation")) ||
        !(j->placing_words = method(callbacks, "placing_words")))
        return -1;
    j->nsenses = PyList_GET_SIZE(senses);
    j->senses = calloc(j->nsenses + 1, sizeof(Sense));
    j->sense_of_slug = malloc(sizeof(int32_t) * (j->nslugs + 1));
    j->borrowed = calloc(j->nslugs + 1, 1);
    if (!j->senses || !j->sense_of_slug || !j->borrowed) { PyErr_NoMemory(); return -1; }
    for (Py_ssize_t i = 0; i < j->nslugs; i++) j->sense_of_slug[i] = -1;
    for (Py_ssize_t i = 0; i < j->nsenses; i++) {
        Sense *s = &j->senses[i];
        if (sense_of(PyList_GET_ITEM(senses, i), s) < 0) return -1;
        if (s->slug < 0 || s->slug >= j->nslugs) { PyErr_SetString(PyExc_ValueError, "slug id"); return -1; }
        j->sense_of_slug[s->slug] = (int32_t)i;
    }
    if (build_pairs(j) < 0) return -1;
    Ints b;
    if (ints_of(borrowed, &b) < 0) return -1;
    for (int i = 0; i < b.n; i++) if (b.ids[i] >= 0 && b.ids[i] < j->nslugs) j->borrowed[b.ids[i]] = 1;
    free_ints(&b);
    PyObject *it = PyObject_GetIter(not_names), *name;
    if (!it) return -1;
    while ((name = PyIter_Next(it))) {
        const char *utf8 = PyUnicode_AsUTF8(name);
        int most = (int)(sizeof j->not_names / sizeof j->not_names[0]);
        if (!utf8 || strlen(utf8) >= sizeof j->not_names[0] || j->nnot_names >= most) {
            Py_DECREF(name); Py_DECREF(it);
            if (!PyErr_Occurred())
                PyErr_SetString(PyExc_ValueError, "not names: words under 16 bytes, 192 at most");
            return -1;
        }
        strcpy(j->not_names[j->nnot_names++], utf8);
        Py_DECREF(name);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return -1;
    qsort(j->not_names, (size_t)j->nnot_names, sizeof j->not_names[0], compare_names);
    j->ready = 1;
    return 0;
}

static PyMethodDef Judge_methods[] = {
    {"judge", (PyCFunction)Judge_judge, METH_VARARGS,
     "judge(segments, candidates, page_is_ai, first_only) -> bool: sets every verdict, or "
     "returns False (and sets none) when the request is one for the Python path."},
    {"marks", (PyCFunction)Judge_marks, METH_VARARGS,
     "marks(segments, per_segment, page_is_ai, first_only) -> bytes | None: for each of the "
     "matcher's tuples in order, 2 (a form with no other sense), 1 (judged and kept) or 0 "
     "(dropped, or not weighed); None when the request is one for the Python path."},
    {NULL, NULL, 0, NULL},
};

/* annotate._marked in C: the reply's matches from the matcher's tuples and their marks (with
   `first_only`, the first kept occurrence of each term), and how many distinct terms have no
   other sense. In Python it was 30 us of a 20 KB page with first marks, 47 with every one. */
/* ---------- a reply's matches (annotate._marked) ---------- */

/* What the walk over a reply's matches does with each one it holds (0, or -1 on error). */
typedef int (*Visit)(void *ctx, Py_ssize_t segment, PyObject *match, PyObject *slug);

/* The matches a reply holds, in order, each given to `visit`: those marked sure or kept,
   with first marks only the first of each term. `confident` gets the terms marked sure,
   `shown` every term held. `who` names the caller in errors. */
static int walk_reply(PyObject *per_segment, PyObject *marks, int first_only, const char *who,
                      PyObject *confident, PyObject *shown, Visit visit, void *ctx)
{
    const char *mark = PyBytes_AS_STRING(marks);
    Py_ssize_t nmarks = PyBytes_GET_SIZE(marks), index = 0;
    for (Py_ssize_t segment = 0; segment < PyList_GET_SIZE(per_segment); segment++) {
        PyObject *found = PyList_GET_ITEM(per_segment, segment);
        if (!PyList_Check(found)) {
            PyErr_Format(PyExc_TypeError, "%s: a list of matches per segment", who);
            return -1;
        }
        for (Py_ssize_t k = 0; k < PyList_GET_SIZE(found); k++, index++) {
            PyObject *match = PyList_GET_ITEM(found, k);
            if (!PyTuple_Check(match) || PyTuple_GET_SIZE(match) != 4 || index >= nmarks) {
                PyErr_Format(PyExc_ValueError, "%s: one mark for each 4-tuple", who);
                return -1;
            }
            PyObject *slug = PyTuple_GET_ITEM(match, 2);
            if (mark[index] == MARK_SURE) {
                if (PySet_Add(confident, slug) < 0) return -1;
            } else if (mark[index] != MARK_KEPT) {
                continue;
            }
            int seen = PySet_Contains(shown, slug);
            if (seen < 0 || (!seen && PySet_Add(shown, slug) < 0)) return -1;
            if (first_only && seen) continue;
            if (visit(ctx, segment, match, slug) < 0) return -1;
        }
    }
    if (index != nmarks) {
        PyErr_Format(PyExc_ValueError, "%s: one mark for each 4-tuple", who);
        return -1;
    }
    return 0;
}

static int append_match(void *ctx, Py_ssize_t segment, PyObject *match, PyObject *slug)
{
    PyObject *at = PyLong_FromSsize_t(segment), *entry = at ? PyDict_New() : NULL;
    int failed = !entry || PyDict_SetItem(entry, s_segment, at) < 0 ||
                 PyDict_SetItem(entry, s_start, PyTuple_GET_ITEM(match, 0)) < 0 ||
                 PyDict_SetItem(entry, s_end, PyTuple_GET_ITEM(match, 1)) < 0 ||
                 PyDict_SetItem(entry, s_term, slug) < 0 || PyList_Append(ctx, entry) < 0;
    Py_XDECREF(at);
    Py_XDECREF(entry);
    return failed ? -1 : 0;
}

static PyObject *reply_matches(PyObject *module, PyObject *args)
{
    PyObject *per_segment, *marks, *matches = NULL, *shown = NULL, *confident = NULL;
    int first_only;
    if (!PyArg_ParseTuple(args, "O!O!p", &PyList_Type, &per_segment, &PyBytes_Type, &marks,
                          &first_only))
        return NULL;
    PyObject *result = NULL;
    if ((matches = PyList_New(0)) && (shown = PySet_New(NULL)) && (confident = PySet_New(NULL)) &&
        walk_reply(per_segment, marks, first_only, "reply_matches", confident, shown,
                   append_match, matches) == 0)
        result = Py_BuildValue("(On)", matches, PySet_GET_SIZE(confident));
    Py_XDECREF(matches); Py_XDECREF(shown); Py_XDECREF(confident);
    return result;
}

/* ---------- the same matches as JSON (annotate.Annotator.reply_json) ---------- */

typedef struct { char *at; size_t used, cap; int plain; Py_ssize_t written; } Out;

static int out_room(Out *o, size_t more)
{
    if (o->used + more <= o->cap) return 0;
    size_t cap = o->cap ? o->cap : 4096;
    while (cap < o->used + more) cap *= 2;
    char *grown = realloc(o->at, cap);
    if (!grown) { PyErr_NoMemory(); return -1; }
    o->at = grown;
    o->cap = cap;
    return 0;
}

static void out_text(Out *o, const char *text, size_t n) { memcpy(o->at + o->used, text, n); o->used += n; }

static void out_number(Out *o, Py_ssize_t n)
{
    char digits[24];
    int k = 0;
    do { digits[k++] = (char)('0' + n % 10); n /= 10; } while (n > 0);
    while (k > 0) o->at[o->used++] = digits[--k];
}

/* A slug orjson writes as it is, between quotes: ASCII with nothing to escape. */
static int plain_slug(PyObject *slug)
{
    if (!PyUnicode_Check(slug) || !PyUnicode_IS_ASCII(slug)) return 0;
    const unsigned char *t = PyUnicode_1BYTE_DATA(slug);
    for (Py_ssize_t i = 0; i < PyUnicode_GET_LENGTH(slug); i++)
        if (t[i] < 0x20 || t[i] == '"' || t[i] == '\\' || t[i] == 0x7F) return 0;
    return 1;
}

/* One match as orjson writes {"segment": .., "start": .., "end": .., "term": ..}. */
static int write_match(void *ctx, Py_ssize_t segment, PyObject *match, PyObject *slug)
{
    Out *o = ctx;
    if (!o->plain) return 0;
    Py_ssize_t start = PyLong_AsSsize_t(PyTuple_GET_ITEM(match, 0));
    Py_ssize_t end = PyLong_AsSsize_t(PyTuple_GET_ITEM(match, 1));
    if ((start == -1 || end == -1) && PyErr_Occurred()) return -1;
    if (start < 0 || end < 0 || !plain_slug(slug)) { o->plain = 0; return 0; }
    Py_ssize_t n = PyUnicode_GET_LENGTH(slug);
    if (out_room(o, (size_t)n + 96) < 0) return -1;
    if (o->written++) out_text(o, ",", 1);
    out_text(o, "{\"segment\":", 11);
    out_number(o, segment);
    out_text(o, ",\"start\":", 9);
    out_number(o, start);
    out_text(o, ",\"end\":", 7);
    out_number(o, end);
    out_text(o, ",\"term\":\"", 9);
    out_text(o, (const char *)PyUnicode_1BYTE_DATA(slug), (size_t)n);
    out_text(o, "\"}", 2);
    return 0;
}

/* reply_matches's list as orjson would write it, with no dict made for any match, the
   terms it holds (a set) and the count of terms marked sure. None for the JSON when a slug
   needs escaping (the caller then makes the objects). */
static PyObject *reply_json(PyObject *module, PyObject *args)
{
    PyObject *per_segment, *marks, *shown = NULL, *confident = NULL, *json = NULL;
    int first_only;
    Out out = {NULL, 0, 0, 1, 0};
    if (!PyArg_ParseTuple(args, "O!O!p", &PyList_Type, &per_segment, &PyBytes_Type, &marks,
                          &first_only))
        return NULL;
    PyObject *result = NULL;
    if ((shown = PySet_New(NULL)) && (confident = PySet_New(NULL)) && out_room(&out, 2) == 0) {
        out_text(&out, "[", 1);
        if (walk_reply(per_segment, marks, first_only, "reply_json", confident, shown,
                       write_match, &out) == 0 && out_room(&out, 1) == 0) {
            out_text(&out, "]", 1);
            json = out.plain ? PyBytes_FromStringAndSize(out.at, (Py_ssize_t)out.used)
                             : Py_NewRef(Py_None);
            if (json) result = Py_BuildValue("(NOn)", json, shown, PySet_GET_SIZE(confident));
        }
    }
    Py_XDECREF(shown); Py_XDECREF(confident); free(out.at);
    return result;
}

static PyMethodDef module_functions[] = {
    {"reply_matches", reply_matches, METH_VARARGS,
     "reply_matches(per_segment, marks, first_only) -> (list[dict], int): the reply's matches "
     "from the matcher's tuples and Judge.marks, and the number of distinct terms marked sure."},
    {"reply_json", reply_json, METH_VARARGS,
     "reply_json(per_segment, marks, first_only) -> (bytes | None, set[str], int): "
     "reply_matches's list as JSON, the terms it holds and the number marked sure."},
    {NULL, NULL, 0, NULL},
};

static PyMemberDef Judge_members[] = {
    {"callbacks", T_OBJECT, offsetof(Judge, callbacks), READONLY, "the Python checks it calls"},
    {NULL, 0, 0, 0, NULL},
};

static PyTypeObject JudgeType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ai_glossary.service.sense._native.Judge",
    .tp_basicsize = sizeof(Judge),
    .tp_flags = Py_TPFLAGS_DEFAULT | Py_TPFLAGS_HAVE_GC,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Judge_init,
    .tp_dealloc = (destructor)Judge_dealloc,
    .tp_traverse = (traverseproc)Judge_traverse,
    .tp_clear = (inquiry)Judge_clear,
    .tp_methods = Judge_methods,
    .tp_members = Judge_members,
    .tp_doc = "The sense judgement's tables, built once; `judge` per request.",
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "The sense judgement, non-explaining path, in C.", -1,
    module_functions, NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__native(void)
{
    if (PyType_Ready(&JudgeType) < 0) return NULL;
    if (!(s_segment = PyUnicode_InternFromString("segment")) ||
        !(s_start = PyUnicode_InternFromString("start")) ||
        !(s_end = PyUnicode_InternFromString("end")) ||
        !(s_slug = PyUnicode_InternFromString("slug")) ||
        !(s_ambiguous = PyUnicode_InternFromString("ambiguous")) ||
        !(s_verdict = PyUnicode_InternFromString("verdict")) ||
        !(s_term = PyUnicode_InternFromString("term")))
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    if (PyModule_AddObjectRef(m, "Judge", (PyObject *)&JudgeType) < 0) { Py_DECREF(m); return NULL; }
    return m;
}
