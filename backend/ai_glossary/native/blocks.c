/* Blocks: their shape, sentences, offsets and words; a form's facts; call-backs. */

#include "sense.h"

/* ---------- blocks ---------- */



/* texts._SENTENCE_END's match starts:
   (?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]*[A-Z0-9])|\n+
   Only after [.!?] or at a newline can one start: the scan looks for those first, in the
   block's own width (reading each character through its kind took a sixth of judging a
   page with every occurrence). */
#define AT_END(T, IS_MARK)                                                                 \
    {                                                                                      \
        const T *t = (const T *)g->data;                                                   \
        Py_ssize_t q = p > 0 ? p - 1 : 0;                                                  \
        while (q < len && !(IS_MARK)) q++;                                                 \
        p = q >= len ? len : (t[q] == '\n' ? (q >= p ? q : p) : q + 1);                    \
    }

/* '.', '!', '?' (a sentence may end after them) and '\n' (one ends there), by byte: one
   read and a branch that is nearly always taken for each character (with a test for
   "below '?'" first, the branch went both ways at every space). */
static const unsigned char END_MARK[256] = {['\n'] = 1, ['.'] = 1, ['!'] = 1, ['?'] = 1};

int find_ends(Req *r, Seg *g)
{
    Py_ssize_t len = g->len, cap = 8, n = 0, p = 0;
    Py_ssize_t *ends = malloc(sizeof *ends * cap);
    if (!ends) { PyErr_NoMemory(); return -1; }
    while (p < len) {
        if (g->kind == PyUnicode_1BYTE_KIND) AT_END(Py_UCS1, END_MARK[t[q]])
        else if (g->kind == PyUnicode_2BYTE_KIND) AT_END(Py_UCS2, t[q] < 256 && END_MARK[t[q]])
        else AT_END(Py_UCS4, t[q] < 256 && END_MARK[t[q]])
        if (p >= len) break;
        Py_ssize_t matched = -1;
        if (p > 0) {
            Py_UCS4 prev = CH(g, p - 1);
            if (prev == '.' || prev == '!' || prev == '?') {
                Py_ssize_t q = p;
                while (q < len && is_closing(CH(g, q))) q++;
                Py_ssize_t s = q;
                while (q < len && Py_UNICODE_ISSPACE(CH(g, q))) q++;
                if (q > s) {
                    Py_ssize_t e = q;
                    while (q < len && is_opening(CH(g, q))) q++;
                    if (q < len) {
                        Py_UCS4 c = CH(g, q);
                        if ((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')) matched = e;
                    }
                }
            }
        }
        if (matched < 0 && CH(g, p) == '\n') {
            matched = p;
            while (matched < len && CH(g, matched) == '\n') matched++;
        }
        if (matched < 0) { p++; continue; }
        if (n == cap) {
            cap *= 2;
            Py_ssize_t *more = realloc(ends, sizeof *ends * cap);
            if (!more) { free(ends); PyErr_NoMemory(); return -1; }
            ends = more;
        }
        ends[n++] = p;
        p = matched;
    }
    g->ends = alloc(r, sizeof *ends * (n + 1));
    if (!g->ends) { free(ends); return -1; }
    memcpy(g->ends, ends, sizeof *ends * n);
    free(ends);
    g->nends = (int)n;
    g->ends_done = 1;
    return 0;
}


/* bisect_right(ends, position) */


/* texts._points_of: UTF-16 offsets to code points, or none when they are the same. */
int ensure_points(Req *r, Seg *g)
{
    if (g->points_done) return 0;
    g->points_done = 1;
    if (g->kind != PyUnicode_4BYTE_KIND) {
        if (g->kind == PyUnicode_2BYTE_KIND)
            for (Py_ssize_t i = 0; i < g->len; i++) {
                Py_UCS4 c = CH(g, i);
                if (c >= 0xD800 && c <= 0xDFFF) { r->fallback = 1; return -1; } /* Python raises */
            }
        return 0;
    }
    Py_ssize_t units = 0;
    for (Py_ssize_t i = 0; i < g->len; i++) {
        Py_UCS4 c = CH(g, i);
        if (c >= 0xD800 && c <= 0xDFFF) { r->fallback = 1; return -1; }
        units += c > 0xFFFF ? 2 : 1;
    }
    if (units == g->len) return 0;
    g->points = alloc(r, sizeof(Py_ssize_t) * (units + 1));
    if (!g->points) return -1;
    for (Py_ssize_t u = 0; u <= units; u++) g->points[u] = -1;
    units = 0;
    for (Py_ssize_t i = 0; i < g->len; i++) {
        g->points[units] = i;
        units += CH(g, i) > 0xFFFF ? 2 : 1;
    }
    g->points[units] = g->len;
    g->units = units;
    return 0;
}

int code_points(Req *r, Cand *c)
{
    if (c->cp_done) return 0;
    Seg *g = &r->segs[c->seg];
    if (ensure_points(r, g) < 0) return -1;
    if (!g->points) {
        c->cs = c->start; c->ce = c->end;
    } else {
        c->cs = c->start <= g->units && g->points[c->start] >= 0 ? g->points[c->start] : c->start;
        c->ce = c->end <= g->units && g->points[c->end] >= 0 ? g->points[c->end] : g->len;
    }
    if (c->cs > c->ce || c->ce > g->len) { r->fallback = 1; return -1; } /* slices clamp there */
    c->cp_done = 1;
    return 0;
}

int sentence_of(Req *r, Cand *c)
{
    if (c->sentence >= 0) return c->sentence;
    Seg *g = &r->segs[c->seg];
    if (code_points(r, c) < 0 || ensure_ends(r, g) < 0) return -1;
    c->sentence = sentence_at(g, c->cs);
    return c->sentence;
}

/* shaping.normalize of ASCII text (shape.c), in the request's memory, 0-terminated. */
char *shaped_ascii(Req *r, const unsigned char *text, Py_ssize_t len)
{
    char *out = alloc(r, len + SHAPE_PADDING);
    if (!out) return NULL;
    shape_ascii(text, len, (Py_UCS1 *)out);
    memset(out + len, 0, SHAPE_PADDING);
    return out;
}

/* The block's shape as a str (for the call-back that needs it). */
PyObject *shaped_of(Seg *g)
{
    if (!g->shaped) g->shaped = PyUnicode_FromStringAndSize(g->sbuf, g->len);
    return g->shaped;
}

/* The block's words (Block.all). */
int ensure_words(Req *r, Seg *g)
{
    if (g->words_done) return 0;
    int kind;
    const void *data;
    if (PyUnicode_IS_ASCII(g->text)) {
        if (!g->sbuf) g->sbuf = shaped_ascii(r, PyUnicode_1BYTE_DATA(g->text), g->len); /* or every_words' */
        if (!g->sbuf) return -1;
        kind = PyUnicode_1BYTE_KIND;
        data = g->sbuf;
    } else {
        g->shaped = shape_normalize(&r->j->shape, g->text);
        if (!g->shaped) return -1;
        kind = PyUnicode_KIND(g->shaped);
        data = PyUnicode_DATA(g->shaped);
    }
    g->skind = kind;
    g->sdata = data;
    Py_ssize_t readable = g->sbuf && data == g->sbuf ? g->len + SHAPE_PADDING : g->len;
    /* An ASCII block that every_words split and hashed already is not split again: its
       spots are looked up (judging the corpus, both option sets: 3-4% less time, two builds
       A/B in one process, medians of 25 rounds, the same marks) */
    if (r->every_done && g->sbuf && data == g->sbuf && g->edata == g->sbuf) {
        if (words_of_spots(r, g) < 0) return -1;
    } else if (split_words(r, kind, data, g->len, readable, g) < 0) {
        return -1;
    }
    if (distinct_of(r, g->wid, 0, g->nw, &g->all) < 0) return -1;
    g->words_done = 1;
    return 0;
}

/* A sentence's words: those of the block inside its span (cuts fall on boundaries). */
Text *sentence_text(Req *r, Seg *g, int sentence)
{
    if (ensure_words(r, g) < 0 || ensure_ends(r, g) < 0) return NULL;
    if (!g->sentences) {
        g->sentences = zalloc(r, sizeof(Text) * (g->nends + 1));
        if (!g->sentences) return NULL;
    }
    Text *t = &g->sentences[sentence];
    if (!t->done) {
        Py_ssize_t start, end, a = 0, b;
        span_of(g, sentence, &start, &end);
        while (a < g->nw && g->wpos[a] < start) a++;
        b = a;
        while (b < g->nw && g->wpos[b] < end) b++;
        if (distinct_of(r, g->wid, a, b, t) < 0) return NULL;
    }
    return t;
}

/* Terms with no other sense in one sentence of a block (Block.confident_in). */
int confident_in(Req *r, Seg *g, int sentence, int32_t *out)
{
    int n = 0;
    for (int i = 0; i < g->ncands; i++) {
        Cand *c = &r->cands[g->cands[i]];
        if (c->ambiguous) continue;
        int s = sentence_of(r, c);
        if (s < 0) return -1;
        if (s == sentence) out[n++] = c->slug;
    }
    return sort_unique(out, n);
}

int sentences_with_terms(Req *r, Seg *g)
{
    if (g->with_terms >= 0) return g->with_terms;
    int32_t *seen = alloc(r, sizeof(int32_t) * (g->ncands + 1));
    if (!seen) return -1;
    int n = 0;
    for (int i = 0; i < g->ncands; i++) {
        Cand *c = &r->cands[g->cands[i]];
        if (c->ambiguous) continue;
        int s = sentence_of(r, c);
        if (s < 0) return -1;
        seen[n++] = s;
    }
    g->with_terms = sort_unique(seen, n);
    return g->with_terms;
}

/* len(text.split()) over [a, b) of a block's own text */
Py_ssize_t count_words(Seg *g, Py_ssize_t a, Py_ssize_t b)
{
    Py_ssize_t n = 0;
    int inside = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        int space = Py_UNICODE_ISSPACE(CH(g, i));
        if (!space && !inside) n++;
        inside = !space;
    }
    return n;
}

int is_long(Req *r, int segment)
{
    Seg *g = &r->segs[segment];
    if (g->long_block < 0) g->long_block = count_words(g, 0, g->len) >= r->j->w[W_LONG_BLOCK];
    return g->long_block;
}

/* ---------- the facts of a written form: how unusual, and its key ---------- */

/* judge._MIXED_CASE.search on ASCII: \b[A-Z][a-z]+[A-Z]\w* */
int mixed_case(const unsigned char *t, Py_ssize_t n)
{
    for (Py_ssize_t i = 0; i + 2 < n; i++) {
        if (!(t[i] >= 'A' && t[i] <= 'Z')) continue;
        if (i > 0 && (ascii_alnum(t[i - 1]) || t[i - 1] == '_')) continue;
        Py_ssize_t k = i + 1;
        while (k < n && t[k] >= 'a' && t[k] <= 'z') k++;
        if (k > i + 1 && k < n && t[k] >= 'A' && t[k] <= 'Z') return 1;
    }
    return 0;
}

/* SenseJudge._rarity and key_of for a form written in ASCII */
int ascii_facts(Req *r, Cand *c, const unsigned char *t, Py_ssize_t n)
{
    char *shaped = shaped_ascii(r, t, n);
    c->kbuf = alloc(r, n + 1);
    if (!shaped || !c->kbuf) return -1;
    Py_ssize_t k = 0, i = 0;
    double found = 0.0;
    int any = 0;
    while (i < n) {
        while (i < n && shaped[i] == ' ') i++;
        if (i >= n) break;
        Py_ssize_t a = i;
        while (i < n && shaped[i] != ' ') i++;
        if (k) c->kbuf[k++] = ' ';
        memcpy(c->kbuf + k, shaped + a, i - a);
        k += i - a;
        int32_t w = word_id(r->j, PyUnicode_1BYTE_KIND, shaped, a, i);
        double u = w >= 0 ? r->j->unusual[w] : 0.0;
        if (!any || u > found) found = u; /* max(): the first of the largest */
        any = 1;
    }
    c->kbuf[k] = 0;
    c->klen = k;
    if (mixed_case(t, n) && r->j->w[W_UNUSUAL] > found) found = r->j->w[W_UNUSUAL];
    c->rarity = found;
    c->facts_done = 1;
    return 0;
}

/* The candidate's key as a str (borrowed: the request holds it). */
PyObject *key_of(Req *r, Cand *c)
{
    if (!c->key && c->kbuf) {
        PyObject *key = PyUnicode_FromStringAndSize(c->kbuf, c->klen);
        if (!key) return NULL;
        int failed = PyList_Append(r->keys, key);
        Py_DECREF(key);
        if (failed) return NULL;
        c->key = key;
    }
    return c->key;
}

int facts(Req *r, Cand *c)
{
    if (c->facts_done) return 0;
    if (code_points(r, c) < 0) return -1;
    Seg *g = &r->segs[c->seg];
    if (g->kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *t = PyUnicode_1BYTE_DATA(g->text) + c->cs;
        Py_ssize_t n = c->ce - c->cs, i = 0;
        while (i < n && t[i] < 128) i++;
        if (i == n) return ascii_facts(r, c, t, n);
    }
    PyObject *written = PyUnicode_Substring(g->text, c->cs, c->ce);
    if (!written) return -1;
    PyObject *found = PyDict_GetItemWithError(r->facts, written);
    if (!found) {
        if (PyErr_Occurred()) { Py_DECREF(written); return -1; }
        found = PyObject_CallOneArg(r->j->cb_facts, written);
        if (!found) { Py_DECREF(written); return -1; }
        int bad = !PyTuple_Check(found) || PyTuple_GET_SIZE(found) != 2 ||
                  !PyUnicode_Check(PyTuple_GET_ITEM(found, 1));
        if (bad || PyDict_SetItem(r->facts, written, found) < 0) {
            if (bad) PyErr_SetString(PyExc_TypeError, "facts: (float, str) expected");
            Py_DECREF(found); Py_DECREF(written);
            return -1;
        }
        Py_DECREF(found); /* the dict holds it */
    }
    Py_DECREF(written);
    c->rarity = PyFloat_AsDouble(PyTuple_GET_ITEM(found, 0));
    if (c->rarity == -1.0 && PyErr_Occurred()) return -1;
    c->key = PyTuple_GET_ITEM(found, 1);
    c->facts_done = 1;
    return 0;
}

/* ---------- call-backs ---------- */

int truth(Req *r, PyObject *result)
{
    if (!result) return -1;
    int t = PyObject_IsTrue(result);
    Py_DECREF(result);
    return t;
}


int call_text(Req *r, PyObject *fn, PyObject *sense, Seg *g, Py_ssize_t start, Py_ssize_t end, int with_start)
{
    PyObject *s = py_int(start), *e = py_int(end), *result;
    if (!s || !e) { Py_XDECREF(s); Py_XDECREF(e); return -1; }
    if (sense)
        result = PyObject_CallFunctionObjArgs(fn, sense, g->text, s, e, NULL);
    else if (with_start)
        result = PyObject_CallFunctionObjArgs(fn, g->text, s, e, NULL);
    else
        result = PyObject_CallFunctionObjArgs(fn, g->text, e, NULL);
    Py_DECREF(s); Py_DECREF(e);
    return truth(r, result);
}
