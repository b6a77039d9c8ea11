/* The sense judgement's non-explaining path (SenseJudge.judge with explain=False), in C.

   A port of backend/ai_glossary/service/sense/{judge,texts,decisive}.py, step for step, so
   that every verdict is the Python path's: the same additions in the same order, the same
   rounding (tests/backend/service/test_native_sense.py compares the two). Tables and
   weights come from Python once (service/sense/handover.py). ASCII text is shaped, split
   and tested for names, idioms and surnames here; what is rare, or not ASCII, calls the
   Python code itself once a cheap test here lets it through (`Callbacks` in handover.py:
   the shape of other text, a person's relation word, a version or a value after a form,
   an identifier, a form's facts). Anything unusual in a request (offsets out of range, a
   lone surrogate) makes `judge` return False, having set nothing: the caller then runs
   the Python path.

   Sections: numbers as Python works them out; sets of ids; the word tables; blocks
   (shape, sentences, offsets); a form's facts; call-backs; decisive; words and cues; the
   score; the first verdict; the weighing; a request; the tables. */

#define PY_SSIZE_T_CLEAN
#include <Python.h>
#include <structmember.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The order of handover.WEIGHTS. */
enum {
    W_SENTENCE, W_BLOCK, W_NEXT, W_TWO, W_ELSEWHERE, W_CONFIDENT_TERM, W_RELATED_TERM,
    W_OTHER_AMBIGUOUS, W_OWN_WORDS, W_OWN_WORDS_CAP, W_CUE_FOR, W_CUE_AGAINST,
    W_VERSION_AFTER, W_VALUE_AFTER, W_PAGE_IS_AI, W_ABOUT_AI_BLOCKS, W_ABOUT_AI_SPREAD,
    W_ABOUT_AI_TERMS, W_ABOUT_AI_SHARE, W_NEVER, W_NAME, W_JOINED_NAME, W_PERSON,
    W_THRESHOLD, W_DECIDED, W_LONG_BLOCK, W_SPEAKS, W_SUPPORTING, W_UNUSUAL,
    W_SHORT_SENTENCE, W_RETURNED, W_RELATED_PAIR, W_MIN_UNUSUAL, W_DISCOURSE_SPREAD,
    W_DISCOURSE, W_COUNT
};

/* Where evidence is, as in judge._places. */
enum { P_SENTENCE, P_BLOCK, P_NEXT, P_TWO };

typedef struct { int32_t *ids; int n; } Ints;
typedef struct { Ints words; Ints *phrases; int nphrases; } Cues;

/* A never phrase: its words, each as the options of decisive._never_pattern, in order. */
typedef struct { char **options; int noptions; } Piece;
typedef struct { Piece *pieces; int npieces; } Pattern;

typedef struct {
    PyObject *py;  /* the Sense */
    int slug;
    double prior;
    Ints related, narrow_set, own_ids, form_words, never_words;
    double *own_rarity;
    Cues for_ai, against;
    int has_never, never_star, borrowed, narrow;
    Ints *never; int nnever; /* each never phrase's other words */
    Pattern *patterns; /* each never phrase as decisive._never_pattern reads it, or NULL:
                          a phrase not all ASCII is left to Python */
    PyObject *names, *versioned, *values; /* frozensets, tuple or None */
    int has_names, has_versioned, has_values;
} Sense;

typedef struct {
    PyObject_HEAD
    /* vocabulary: words as code points, in an open-addressing table */
    Py_ssize_t nwords;
    uint32_t **word_cps;
    Py_ssize_t *word_len;
    uint64_t *word_hash;
    uint64_t *slots;
    uint64_t mask;
    uint64_t *cue_slots; /* the cues against alone (and their phrases' words): small, cached */
    uint64_t cue_mask;
    PyObject *slug_ids; /* dict: slug -> id */
    Py_ssize_t nslugs;
    Sense *senses;
    Py_ssize_t nsenses;
    int32_t *sense_of_slug; /* slug id -> sense index or -1 */
    unsigned char *borrowed; /* by slug id */
    double w[W_COUNT];
    PyObject *callbacks, *verdict_type, *not_weighed;
    PyObject *cb_normalize, *cb_facts, *cb_never, *cb_identifier, *cb_name, *cb_person,
        *cb_surname, *cb_version, *cb_value;
    char not_names[64][8];
    int nnot_names;
    /* (sense, word) -> what the word is to the sense (F_*), in one open-addressing table:
       one probe where sorted arrays took four binary searches a word */
    uint64_t *pairs; /* key << 32 | flags << 24 | own index; 0: empty */
    uint64_t pair_mask;
    unsigned char *against_any; /* by word: a cue against, or a word of one, for some sense */
    double *unusual; /* by word: SenseJudge._unusual, 0.0 for the others */
    unsigned char *known; /* by word: one of SenseJudge._known_words */
    int ready; /* built in full */
} Judge;

enum { F_OWN = 1, F_FOR = 2, F_AGAINST = 4, F_NEVER = 8 };

/* ---------- per request ---------- */

typedef struct Chunk { struct Chunk *next; size_t used, cap; double data[]; } Chunk;

typedef struct { double score; char kept, against; } V;

typedef struct Memo {
    struct Memo *next;
    int kind, sense, sentence;
    V v;           /* first verdicts; `v.kept`: may hold (never) */
    double score;  /* words: Found.score */
    Ints against;  /* words: the cues against found (ids) */
} Memo;

enum { M_FIRST, M_WORDS, M_NEVER };

typedef struct { int done; int32_t *ids; int n; int a, b; } Text; /* distinct ids; words [a, b) */

typedef struct {
    PyObject *text; /* borrowed from the segments */
    int kind; const void *data; Py_ssize_t len;
    int *cands; int ncands; int *judged; int njudged;
    int32_t *conf; int nconf;
    int ends_done; Py_ssize_t *ends; int nends;
    int points_done; Py_ssize_t *points; Py_ssize_t units; /* NULL: the same offsets */
    int words_done; PyObject *shaped; char *sbuf; int skind; const void *sdata; int32_t *wid; Py_ssize_t *wpos; Py_ssize_t nw;
    Text all; Text *sentences;
    int with_terms; /* sentences holding a term with no other sense, -1: not yet */
    int long_block; /* -1: not yet */
    Memo *memo;
} Seg;

typedef struct {
    PyObject *obj;
    int seg; Py_ssize_t start, end; int slug; int ambiguous; int sense;
    int cp_done; Py_ssize_t cs, ce;
    int sentence; /* -1: not yet */
    char first_done, sup_done, ret_done, pl_done, pl_none, facts_done;
    V first, sup, ret;
    double plausible, rarity;
    PyObject *key; /* borrowed from the facts dict or the request's own keys */
    char *kbuf; Py_ssize_t klen; /* the key, when worked out here (ASCII) */
} Cand;

typedef struct {
    Judge *j;
    Chunk *chunk;
    int fallback;
    Py_ssize_t nseg;
    Seg *segs;
    Cand *cands; Py_ssize_t ncands;
    int *judged; int njudged;
    int page;
    PyObject *segments, *facts, *extra_slugs, *keys;
    int every_done; int32_t *every_ids; Py_ssize_t every_n; int32_t *every_distinct; int every_nd;
    uint32_t *seen; uint32_t stamp; /* by word: the stamp of the last text marked */
    int *elsewhere_done; Ints *elsewhere;
    signed char *established; /* by sense: -1 not yet */
    int **by_sense; int *nby_sense;
} Req;

static void *alloc(Req *r, size_t n)
{
    n = (n + 15) & ~(size_t)15;
    if (n == 0) n = 16;
    if (!r->chunk || r->chunk->used + n > r->chunk->cap) {
        size_t cap = n > 65536 ? n : 65536;
        Chunk *c = malloc(sizeof(Chunk) + cap);
        if (!c) { PyErr_NoMemory(); return NULL; }
        c->next = r->chunk; c->used = 0; c->cap = cap; r->chunk = c;
    }
    void *p = (char *)r->chunk->data + r->chunk->used;
    r->chunk->used += n;
    return p;
}

static void *zalloc(Req *r, size_t n)
{
    void *p = alloc(r, n);
    if (p) memset(p, 0, n);
    return p;
}

/* ---------- numbers as Python works them out ---------- */

/* round(x, 3): printf rounds the exact binary value half to even, as Python's round does. */
static double round3(double x)
{
    char buf[64];
    if (!isfinite(x)) return x;
    snprintf(buf, sizeof buf, "%.3f", x);
    return strtod(buf, NULL);
}

/* sum() of floats, from the int 0: plain additions before 3.12, Neumaier's after. */
static double pysum(const double *xs, int n)
{
    if (n == 0) return 0.0;
    double f = 0.0 + xs[0];
#if PY_VERSION_HEX >= 0x030C0000
    double c = 0.0;
    for (int i = 1; i < n; i++) {
        double x = xs[i], t = f + x;
        if (fabs(f) >= fabs(x)) c += (f - t) + x; else c += (x - t) + f;
        f = t;
    }
    if (c != 0.0 && isfinite(c)) f += c;
#else
    for (int i = 1; i < n; i++) f += xs[i];
#endif
    return f;
}

static V with(Judge *j, V v, double weight)
{
    double score = round3(v.score + weight);
    V out = {score, score >= j->w[W_THRESHOLD], v.against};
    return out;
}

/* ---------- small sets of ids (sorted arrays) ---------- */

static int has(const Ints *s, int32_t x)
{
    int lo = 0, hi = s->n;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (s->ids[mid] < x) lo = mid + 1; else if (s->ids[mid] > x) hi = mid; else return 1;
    }
    return 0;
}

static uint64_t pair_key(Judge *j, int sense, int32_t word)
{
    return (uint64_t)sense * (uint64_t)j->nwords + (uint64_t)word + 1;
}

static uint64_t *pair_slot(Judge *j, uint64_t key)
{
    for (uint64_t i = (key * 0x9E3779B97F4A7C15ULL) >> 20 & j->pair_mask;; i = (i + 1) & j->pair_mask)
        if (j->pairs[i] == 0 || j->pairs[i] >> 32 == key) return &j->pairs[i];
}

/* F_* flags of a word for a sense, and the index of its rarity when F_OWN */
static int pair_of(Judge *j, int sense, int32_t word, int *own)
{
    uint64_t v = *pair_slot(j, pair_key(j, sense, word));
    if (own) *own = (int)(v & 0xFFFFFF);
    return (int)(v >> 24 & 0xFF);
}

static int cmp_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

static int sort_unique(int32_t *xs, int n)
{
    if (n < 2) return n;
    qsort(xs, n, sizeof *xs, cmp_int32);
    int k = 1;
    for (int i = 1; i < n; i++) if (xs[i] != xs[k - 1]) xs[k++] = xs[i];
    return k;
}

/* ---------- the vocabulary ---------- */

/* A word's hash, the same for a word whatever the width of the str it sits in: eight code
   points at a time while all are below 256, FNV-1a over code points otherwise. */
static uint64_t mix(uint64_t h, uint64_t x)
{
    h = (h ^ x) * 0xff51afd7ed558ccdULL;
    return h ^ (h >> 32);
}

static uint64_t hash_bytes(const unsigned char *b, Py_ssize_t n)
{
    uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)n;
    Py_ssize_t i = 0;
    for (; i + 8 <= n; i += 8) {
        uint64_t x = 0;
        for (int k = 0; k < 8; k++) x |= (uint64_t)b[i + k] << (8 * k);
        h = mix(h, x);
    }
    uint64_t x = 0;
    for (int k = 0; i + k < n; k++) x |= (uint64_t)b[i + k] << (8 * k);
    return mix(h, x ^ 0x100);
}

static uint64_t hash_cps(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    if (kind == PyUnicode_1BYTE_KIND) return hash_bytes((const unsigned char *)data + a, b - a);
    int narrow = 1;
    for (Py_ssize_t i = a; i < b && narrow; i++) narrow = PyUnicode_READ(kind, data, i) < 256;
    if (narrow) {
        uint64_t h = 0x9E3779B97F4A7C15ULL ^ (uint64_t)(b - a);
        Py_ssize_t i = a;
        for (; i + 8 <= b; i += 8) {
            uint64_t x = 0;
            for (int k = 0; k < 8; k++) x |= (uint64_t)PyUnicode_READ(kind, data, i + k) << (8 * k);
            h = mix(h, x);
        }
        uint64_t x = 0;
        for (int k = 0; i + k < b; k++) x |= (uint64_t)PyUnicode_READ(kind, data, i + k) << (8 * k);
        return mix(h, x ^ 0x100);
    }
    uint64_t h = 1469598103934665603ULL;
    for (Py_ssize_t i = a; i < b; i++) {
        h ^= (uint64_t)PyUnicode_READ(kind, data, i);
        h *= 1099511628211ULL;
    }
    return h;
}

static int32_t lookup(Judge *j, const uint64_t *slots, uint64_t mask, int kind, const void *data,
                      Py_ssize_t a, Py_ssize_t b)
{
    uint64_t h = hash_cps(kind, data, a, b);
    Py_ssize_t n = b - a;
    /* a slot: the hash's high half, then the id + 1 (0: empty), so a miss reads one slot */
    for (uint64_t i = h & mask;; i = (i + 1) & mask) {
        uint64_t slot = slots[i];
        if (slot == 0) return -1;
        if (slot >> 32 != h >> 32) continue;
        int32_t id = (int32_t)(slot & 0xFFFFFFFF) - 1;
        if (j->word_hash[id] != h || j->word_len[id] != n) continue;
        const uint32_t *cps = j->word_cps[id];
        Py_ssize_t k = 0;
        if (kind == PyUnicode_1BYTE_KIND) {
            const unsigned char *b8 = (const unsigned char *)data + a;
            while (k < n && cps[k] == b8[k]) k++;
        } else {
            while (k < n && cps[k] == PyUnicode_READ(kind, data, a + k)) k++;
        }
        if (k == n) return id;
    }
}

static int32_t word_id(Judge *j, int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    return lookup(j, j->slots, j->mask, kind, data, a, b);
}

static void table_add(uint64_t *slots, uint64_t mask, uint64_t hash, int32_t id)
{
    uint64_t slot = hash & mask;
    while (slots[slot]) slot = (slot + 1) & mask;
    slots[slot] = (hash >> 32) << 32 | (uint64_t)(id + 1);
}

/* The words of a shaped text (str.split()), with their vocabulary ids (-1: none). */
static int split_words(Req *r, int kind, const void *data, Py_ssize_t len, int32_t **ids,
                       Py_ssize_t **pos, Py_ssize_t *n)
{
    Py_ssize_t count = 0;
    if (kind == PyUnicode_1BYTE_KIND) {
        const unsigned char *t = data;
        for (Py_ssize_t i = 0; i < len; i++)
            if (!Py_UNICODE_ISSPACE(t[i]) && (i == 0 || Py_UNICODE_ISSPACE(t[i - 1]))) count++;
    } else {
        for (Py_ssize_t i = 0; i < len; i++)
            if (!Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i)) &&
                (i == 0 || Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i - 1))))
                count++;
    }
    *ids = alloc(r, sizeof(int32_t) * (count + 1));
    *pos = alloc(r, sizeof(Py_ssize_t) * (count + 1));
    if (!*ids || !*pos) return -1;
    Py_ssize_t k = 0, i = 0;
    while (i < len) {
        while (i < len && Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        if (i >= len) break;
        Py_ssize_t a = i;
        while (i < len && !Py_UNICODE_ISSPACE(PyUnicode_READ(kind, data, i))) i++;
        (*ids)[k] = word_id(r->j, kind, data, a, i);
        (*pos)[k] = a;
        k++;
    }
    *n = k;
    return 0;
}

/* Marks the words of a set: in_marked() then tells whether a word is one of them. */
static int mark(Req *r, const int32_t *ids, int n)
{
    if (!r->seen) {
        r->seen = zalloc(r, sizeof(uint32_t) * (r->j->nwords + 1));
        if (!r->seen) return -1;
    }
    if (++r->stamp == 0) { memset(r->seen, 0, sizeof(uint32_t) * (r->j->nwords + 1)); r->stamp = 1; }
    for (int i = 0; i < n; i++) r->seen[ids[i]] = r->stamp;
    return 0;
}

static int in_marked(Req *r, int32_t w) { return r->seen[w] == r->stamp; }

/* The distinct vocabulary words of ids[a:b] (Text.words), in the order first found. */
static int distinct_of(Req *r, const int32_t *ids, Py_ssize_t a, Py_ssize_t b, Text *t)
{
    t->ids = alloc(r, sizeof(int32_t) * (b - a + 1));
    if (!t->ids || mark(r, NULL, 0) < 0) return -1;
    int k = 0;
    for (Py_ssize_t i = a; i < b; i++)
        if (ids[i] >= 0 && r->seen[ids[i]] != r->stamp) {
            r->seen[ids[i]] = r->stamp;
            t->ids[k++] = ids[i];
        }
    t->n = k;
    t->a = (int)a; t->b = (int)b;
    t->done = 1;
    return 0;
}

/* ---------- blocks ---------- */

#define CH(g, i) PyUnicode_READ((g)->kind, (g)->data, (i))

static int is_closing(Py_UCS4 c) { return c == '"' || c == '\'' || c == 0x201D || c == 0x2019 || c == ')' || c == ']'; }
static int is_opening(Py_UCS4 c) { return c == '"' || c == '\'' || c == 0x201C || c == 0x2018 || c == '(' || c == '['; }

/* texts._SENTENCE_END's match starts:
   (?<=[.!?])["'”’)\]]*\s+(?=["'“‘(\[]*[A-Z0-9])|\n+ */
static int find_ends(Req *r, Seg *g)
{
    Py_ssize_t len = g->len, cap = 8, n = 0, p = 0;
    Py_ssize_t *ends = malloc(sizeof *ends * cap);
    if (!ends) { PyErr_NoMemory(); return -1; }
    while (p < len) {
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

static int ensure_ends(Req *r, Seg *g) { return g->ends_done ? 0 : find_ends(r, g); }

/* bisect_right(ends, position) */
static int sentence_at(Seg *g, Py_ssize_t position)
{
    int lo = 0, hi = g->nends;
    while (lo < hi) {
        int mid = (lo + hi) / 2;
        if (position < g->ends[mid]) hi = mid; else lo = mid + 1;
    }
    return lo;
}

static void span_of(Seg *g, int sentence, Py_ssize_t *start, Py_ssize_t *end)
{
    *start = sentence == 0 ? 0 : g->ends[sentence - 1];
    *end = sentence < g->nends ? g->ends[sentence] : g->len;
}

/* texts._points_of: UTF-16 offsets to code points, or none when they are the same. */
static int ensure_points(Req *r, Seg *g)
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

static int code_points(Req *r, Cand *c)
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

static int sentence_of(Req *r, Cand *c)
{
    if (c->sentence >= 0) return c->sentence;
    Seg *g = &r->segs[c->seg];
    if (code_points(r, c) < 0 || ensure_ends(r, g) < 0) return -1;
    c->sentence = sentence_at(g, c->cs);
    return c->sentence;
}

/* shaping.normalize for ASCII text (its `_ascii_table`, then `_stray_dot`): letters and
   digits lower-cased, "+#_." kept, the rest a space; a dot stays only between two letters
   or digits. Other text is shaped by Python's normalize.
   TODO(lead): one shape.c for the matcher and the judgement. */
static int ascii_alnum(unsigned char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

static char *shape_ascii(Req *r, const unsigned char *text, Py_ssize_t len)
{
    char *out = alloc(r, len + 1);
    if (!out) return NULL;
    for (Py_ssize_t i = 0; i < len; i++) {
        unsigned char c = text[i];
        if (ascii_alnum(c)) out[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
        else if (c == '+' || c == '#' || c == '_' || c == '.') out[i] = (char)c;
        else out[i] = ' ';
    }
    for (Py_ssize_t i = 0; i < len; i++)
        if (text[i] == '.' && !(i > 0 && i + 1 < len && ascii_alnum(text[i - 1]) && ascii_alnum(text[i + 1])))
            out[i] = ' ';
    out[len] = 0;
    return out;
}

/* The block's shape as a str (for the call-back that needs it). */
static PyObject *shaped_of(Seg *g)
{
    if (!g->shaped) g->shaped = PyUnicode_FromStringAndSize(g->sbuf, g->len);
    return g->shaped;
}

/* The block's words (Block.all). */
static int ensure_words(Req *r, Seg *g)
{
    if (g->words_done) return 0;
    int kind;
    const void *data;
    if (PyUnicode_IS_ASCII(g->text)) {
        g->sbuf = shape_ascii(r, PyUnicode_1BYTE_DATA(g->text), g->len);
        if (!g->sbuf) return -1;
        kind = PyUnicode_1BYTE_KIND;
        data = g->sbuf;
    } else {
        g->shaped = PyObject_CallOneArg(r->j->cb_normalize, g->text);
        if (!g->shaped) return -1;
        if (!PyUnicode_Check(g->shaped) || PyUnicode_GET_LENGTH(g->shaped) != g->len) {
            r->fallback = 1;
            return -1;
        }
        kind = PyUnicode_KIND(g->shaped);
        data = PyUnicode_DATA(g->shaped);
    }
    g->skind = kind;
    g->sdata = data;
    if (split_words(r, kind, data, g->len, &g->wid, &g->wpos, &g->nw) < 0) return -1;
    if (distinct_of(r, g->wid, 0, g->nw, &g->all) < 0) return -1;
    g->words_done = 1;
    return 0;
}

/* A sentence's words: those of the block inside its span (cuts fall on boundaries). */
static Text *sentence_text(Req *r, Seg *g, int sentence)
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
static int confident_in(Req *r, Seg *g, int sentence, int32_t *out)
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

static int sentences_with_terms(Req *r, Seg *g)
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
static Py_ssize_t count_words(Seg *g, Py_ssize_t a, Py_ssize_t b)
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

static int is_long(Req *r, int segment)
{
    Seg *g = &r->segs[segment];
    if (g->long_block < 0) g->long_block = count_words(g, 0, g->len) >= r->j->w[W_LONG_BLOCK];
    return g->long_block;
}

/* ---------- the facts of a written form: how unusual, and its key ---------- */

/* judge._MIXED_CASE.search on ASCII: \b[A-Z][a-z]+[A-Z]\w* */
static int mixed_case(const unsigned char *t, Py_ssize_t n)
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
static int ascii_facts(Req *r, Cand *c, const unsigned char *t, Py_ssize_t n)
{
    char *shaped = shape_ascii(r, t, n);
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
static PyObject *key_of(Req *r, Cand *c)
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

static int facts(Req *r, Cand *c)
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

static int truth(Req *r, PyObject *result)
{
    if (!result) return -1;
    int t = PyObject_IsTrue(result);
    Py_DECREF(result);
    return t;
}

static PyObject *py_int(Py_ssize_t x) { return PyLong_FromSsize_t(x); }

static int call_text(Req *r, PyObject *fn, PyObject *sense, Seg *g, Py_ssize_t start, Py_ssize_t end, int with_start)
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

/* ---------- decisive (decisive.decisive) ---------- */

static int may_hold(Req *r, Sense *s, int si, int segment)
{
    Seg *g = &r->segs[segment];
    for (Memo *m = g->memo; m; m = m->next)
        if (m->kind == M_NEVER && m->sense == si) return m->v.kept;
    int holds = s->never_star;
    if (!holds) {
        if (ensure_words(r, g) < 0) return -1;
        for (int i = 0; i < g->all.n && !holds; i++)
            holds = pair_of(r->j, si, g->all.ids[i], NULL) & F_NEVER;
    }
    Memo *m = zalloc(r, sizeof *m);
    if (!m) return -1;
    m->kind = M_NEVER; m->sense = si; m->v.kept = (char)holds;
    m->next = g->memo; g->memo = m;
    return holds;
}

/* never_around's first test: some phrase has no other words, or one of them is in the
   words of the shape around the occurrence (cut where the window cuts). */
static int never_nearby(Req *r, Sense *s, int si, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    if (ensure_words(r, g) < 0) return -1;
    for (int p = 0; p < s->nnever; p++) if (s->never[p].n == 0) return 1;
    Py_ssize_t low = start - 60 > 0 ? start - 60 : 0, high = end + 60 < g->len ? end + 60 : g->len;
    Py_ssize_t i = low;
    while (i < high) {
        while (i < high && Py_UNICODE_ISSPACE(PyUnicode_READ(g->skind, g->sdata, i))) i++;
        if (i >= high) break;
        Py_ssize_t a = i;
        while (i < high && !Py_UNICODE_ISSPACE(PyUnicode_READ(g->skind, g->sdata, i))) i++;
        int32_t w = word_id(r->j, g->skind, g->sdata, a, i);
        if (w < 0 || !(pair_of(r->j, si, w, NULL) & F_NEVER)) continue;
        for (int p = 0; p < s->nnever; p++) if (has(&s->never[p], w)) return 1;
    }
    return 0;
}

/* decisive._never_pattern on an ASCII window, in the order Python's regex engine tries
   things, so that each match starts and ends where Python's does:
   (?<![^\W_]) word (?:[\W_]+(?:[^\W_]+[\W_]+)? word)* (?![^\W_]), any case, each word one of
   its options then (?:s|es|ed|d|ing)?. */
typedef struct { const unsigned char *w; Py_ssize_t n; const Pattern *p; } Window;

static int al(const Window *x, Py_ssize_t i) { return ascii_alnum(x->w[i]); }

static Py_ssize_t piece_at(const Window *x, int k, Py_ssize_t pos);

static int literal_at(const Window *x, Py_ssize_t pos, const char *lit)
{
    Py_ssize_t i = 0;
    for (; lit[i]; i++) {
        if (pos + i >= x->n) return -1;
        unsigned char c = x->w[pos + i];
        if ((c >= 'A' && c <= 'Z' ? c + 32 : c) != (unsigned char)lit[i]) return -1;
    }
    return (int)i;
}

static Py_ssize_t after_piece(const Window *x, int k, Py_ssize_t p)
{
    if (k == x->p->npieces - 1) return p == x->n || !al(x, p) ? p : -1;
    Py_ssize_t most = p;
    while (most < x->n && !al(x, most)) most++;
    for (Py_ssize_t q = most; q > p; q--) {
        /* (?:[^\W_]+[\W_]+)? first, greedy at every step */
        Py_ssize_t r_most = q;
        while (r_most < x->n && al(x, r_most)) r_most++;
        for (Py_ssize_t r = r_most; r > q; r--) {
            Py_ssize_t s_most = r;
            while (s_most < x->n && !al(x, s_most)) s_most++;
            for (Py_ssize_t t = s_most; t > r; t--) {
                Py_ssize_t found = piece_at(x, k + 1, t);
                if (found >= 0) return found;
            }
        }
        Py_ssize_t found = piece_at(x, k + 1, q);
        if (found >= 0) return found;
    }
    return -1;
}

static Py_ssize_t piece_at(const Window *x, int k, Py_ssize_t pos)
{
    static const char *suffixes[] = {"s", "es", "ed", "d", "ing"};
    const Piece *piece = &x->p->pieces[k];
    for (int o = 0; o < piece->noptions; o++) {
        int n = literal_at(x, pos, piece->options[o]);
        if (n < 0) continue;
        Py_ssize_t p = pos + n;
        for (int f = 0; f < 5; f++) {
            int m = literal_at(x, p, suffixes[f]);
            if (m < 0) continue;
            Py_ssize_t found = after_piece(x, k, p + m);
            if (found >= 0) return found;
        }
        Py_ssize_t found = after_piece(x, k, p);
        if (found >= 0) return found;
    }
    return -1;
}

/* finditer: whether a match holds [inner_start, inner_end) */
static int pattern_holds(const Window *x, Py_ssize_t inner_start, Py_ssize_t inner_end)
{
    Py_ssize_t pos = 0;
    while (pos <= x->n) {
        if (pos == 0 || !al(x, pos - 1)) {
            Py_ssize_t end = piece_at(x, 0, pos);
            if (end >= 0) {
                if (pos <= inner_start && inner_end <= end) return 1;
                if (end > pos) { pos = end; continue; }
            }
        }
        pos++;
    }
    return 0;
}

/* decisive.never_around, when the window and the phrases are ASCII (2: ask Python) */
static int never_around(Req *r, Sense *s, int si, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t low = start - 60 > 0 ? start - 60 : 0, high = end + 60 < g->len ? end + 60 : g->len;
    if (!s->patterns || g->kind != PyUnicode_1BYTE_KIND) return 2;
    const unsigned char *text = PyUnicode_1BYTE_DATA(g->text);
    for (Py_ssize_t i = low; i < high; i++) if (text[i] >= 128) return 2;
    if (ensure_words(r, g) < 0) return -1;
    int32_t nearby[256];
    int nnear = 0;
    Py_ssize_t i = low;
    while (i < high) {
        while (i < high && Py_UNICODE_ISSPACE(PyUnicode_READ(g->skind, g->sdata, i))) i++;
        if (i >= high) break;
        Py_ssize_t a = i;
        while (i < high && !Py_UNICODE_ISSPACE(PyUnicode_READ(g->skind, g->sdata, i))) i++;
        int32_t w = word_id(r->j, g->skind, g->sdata, a, i);
        if (w >= 0 && (pair_of(r->j, si, w, NULL) & F_NEVER)) {
            if (nnear == 256) return 2;
            nearby[nnear++] = w;
        }
    }
    Window x = {text + low, high - low, NULL};
    for (int p = 0; p < s->nnever; p++) {
        if (s->never[p].n) {
            int any = 0;
            for (int k = 0; k < nnear && !any; k++) any = has(&s->never[p], nearby[k]);
            if (!any) continue;
        }
        x.p = &s->patterns[p];
        if (pattern_holds(&x, start - low, end - low)) return 1;
    }
    return 0;
}

static int is_upper_first(Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    return start < end && Py_UNICODE_ISUPPER(CH(g, start));
}

/* decisive._may_be_a_name (a word of 8 letters or more, or not ASCII, asks Python). */
static int may_be_a_name(Judge *j, Seg *g, Py_ssize_t start, Py_ssize_t end)
{
    Py_ssize_t low = start - 30 > 0 ? start - 30 : 0, b = start;
    for (Py_ssize_t i = end; i < end + 3 && i < g->len; i++) if (CH(g, i) == '&') return 1;
    while (b > low && Py_UNICODE_ISSPACE(CH(g, b - 1))) b--;
    if (b > low && CH(g, b - 1) == '&') return 1;
    Py_ssize_t w = b;
    while (w > low && CH(g, w - 1) != ' ' && CH(g, w - 1) != '\n') w--;
    if (w >= b || !Py_UNICODE_ISUPPER(CH(g, w))) return 0;
    char lower[8];
    Py_ssize_t n = b - w;
    if (n >= (Py_ssize_t)sizeof lower) return 1;
    for (Py_ssize_t i = 0; i < n; i++) {
        Py_UCS4 c = CH(g, w + i);
        if (c >= 128) return 1;
        lower[i] = (char)(c >= 'A' && c <= 'Z' ? c + 32 : c);
    }
    lower[n] = 0;
    for (int i = 0; i < j->nnot_names; i++) if (strcmp(lower, j->not_names[i]) == 0) return 0;
    /* not before.endswith(("'s", "’s")) and before[:cut].rstrip()[-1:] not in ".!?:" */
    if (b - low >= 2 && CH(g, b - 1) == 's' && (CH(g, b - 2) == '\'' || CH(g, b - 2) == 0x2019))
        return 0;
    Py_ssize_t prefix = w > low ? w - 1 : b - 1; /* cut = -1: before[:-1] */
    while (prefix > low && Py_UNICODE_ISSPACE(CH(g, prefix - 1))) prefix--;
    if (prefix <= low) return 0; /* "" is in any str */
    Py_UCS4 last = CH(g, prefix - 1);
    return !(last == '.' || last == '!' || last == '?' || last == ':');
}

/* ---- decisive's name tests on ASCII text (a block not all ASCII asks Python) ---- */

static int word_char(unsigned char c) { return ascii_alnum(c) || c == '_'; } /* \w */
static int is_space(unsigned char c) { return Py_UNICODE_ISSPACE(c); }           /* \s */

static int not_a_name(Judge *j, const unsigned char *w, Py_ssize_t n)
{
    char lower[8];
    if (n >= (Py_ssize_t)sizeof lower) return 0;
    for (Py_ssize_t i = 0; i < n; i++) lower[i] = (char)(w[i] >= 'A' && w[i] <= 'Z' ? w[i] + 32 : w[i]);
    lower[n] = 0;
    for (int i = 0; i < j->nnot_names; i++) if (strcmp(lower, j->not_names[i]) == 0) return 1;
    return 0;
}

/* str.isupper() / str.islower() on ASCII */
static int ascii_upper(const unsigned char *t, Py_ssize_t n)
{
    int cased = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (t[i] >= 'a' && t[i] <= 'z') return 0;
        cased |= t[i] >= 'A' && t[i] <= 'Z';
    }
    return cased;
}

static int ascii_lower(const unsigned char *t, Py_ssize_t n)
{
    int cased = 0;
    for (Py_ssize_t i = 0; i < n; i++) {
        if (t[i] >= 'A' && t[i] <= 'Z') return 0;
        cased |= t[i] >= 'a' && t[i] <= 'z';
    }
    return cased;
}

/* decisive._title_case */
static int title_case(const unsigned char *t, Py_ssize_t n)
{
    Py_ssize_t e = n;
    while (e > 0 && is_space(t[e - 1])) e--;
    if (e > 0 && t[e - 1] == '.') return 0;
    Py_ssize_t limit = n < 400 ? n : 400, i = 0;
    long words = 0, longs = 0, capitals = 0;
    while (i < limit) {
        while (i < limit && !ascii_alnum(t[i])) i++;
        if (i >= limit) break;
        Py_ssize_t a = i;
        while (i < limit && ascii_alnum(t[i])) i++;
        if (words++ == 0) continue;
        if (i - a > 3) { longs++; capitals += t[a] >= 'A' && t[a] <= 'Z'; }
    }
    if (!longs) return 1;
    return (double)capitals / (double)longs > 0.6;
}

/* decisive._PREVIOUS_WORD.search(before): ([^\W_][\w.\-’']*)\s+$ -> where group 1
   starts and ends, or -1 */
static Py_ssize_t previous_word(const unsigned char *b, Py_ssize_t n, Py_ssize_t *word_end)
{
    Py_ssize_t ws = n;
    while (ws > 0 && is_space(b[ws - 1])) ws--;
    if (ws == n) return -1;
    Py_ssize_t rs = ws;
    while (rs > 0 && (word_char(b[rs - 1]) || b[rs - 1] == '.' || b[rs - 1] == '-' || b[rs - 1] == '\''))
        rs--;
    while (rs < ws && !ascii_alnum(b[rs])) rs++;
    if (rs >= ws) return -1;
    *word_end = ws;
    return rs;
}

/* decisive._name_around on ASCII text: 1 and where the name starts (-1: joined by "&") */
static int name_around(Judge *j, const unsigned char *text, Py_ssize_t len, Py_ssize_t start,
                       Py_ssize_t end, Py_ssize_t *name_start)
{
    Py_ssize_t low = start - 40 > 0 ? start - 40 : 0, bn = start - low, word_end;
    const unsigned char *before = text + low, *form = text + start;
    Py_ssize_t fn = end - start;
    Py_ssize_t p = previous_word(before, bn, &word_end);
    if (p >= 0 && ascii_lower(form, fn) && !ascii_upper(before + p, word_end - p)) p = -1;
    if (p >= 0) {
        const unsigned char *word = before + p;
        Py_ssize_t wn = word_end - p, q = p;
        while (q > 0 && is_space(before[q - 1])) q--; /* prefix = before[:p].rstrip() */
        int sentence_start;
        if (q == 0) {
            sentence_start = start < 40;
        } else {
            unsigned char last = before[q - 1];
            sentence_start = last == '.' || last == '!' || last == '?' || last == ':' ||
                             last == ';' || last == '"' || last == '(' || last == '[';
        }
        int possessive = wn >= 2 && word[wn - 1] == 's' && word[wn - 2] == '\'';
        if (word[0] >= 'A' && word[0] <= 'Z' && !not_a_name(j, word, wn) && !sentence_start &&
            !possessive && !title_case(text, len)) {
            *name_start = start - bn + p;
            return 1;
        }
    }
    Py_ssize_t an = end + 4 < len ? 4 : len - end;
    const unsigned char *after = text + end;
    int spaced = ascii_upper(form, fn) &&
                 ((an >= 2 && after[0] == ' ' && after[1] == '&') ||
                  (bn >= 2 && before[bn - 2] == '&' && before[bn - 1] == ' '));
    if (spaced) return 0;
    /* re.match(r"\s*&\s*[A-Z]", after) */
    Py_ssize_t i = 0;
    while (i < an && is_space(after[i])) i++;
    if (i < an && after[i] == '&') {
        i++;
        while (i < an && is_space(after[i])) i++;
        if (i < an && after[i] >= 'A' && after[i] <= 'Z') { *name_start = -1; return 1; }
    }
    /* re.search(r"[A-Z]\w*\s*&\s*$", before) */
    Py_ssize_t e = bn;
    while (e > 0 && is_space(before[e - 1])) e--;
    if (e > 0 && before[e - 1] == '&') {
        Py_ssize_t z = e - 1;
        while (z > 0 && is_space(before[z - 1])) z--;
        for (Py_ssize_t k = z; k > 0 && word_char(before[k - 1]); k--)
            if (before[k - 1] >= 'A' && before[k - 1] <= 'Z') { *name_start = -1; return 1; }
    }
    return 0;
}

/* decisive._surname_after on ASCII text, once the form is capitalised and a capitalised
   word follows it */
static int surname_after(Req *r, const unsigned char *text, Py_ssize_t len, Py_ssize_t start,
                         Py_ssize_t end)
{
    Judge *j = r->j;
    Py_ssize_t fn = end - start;
    if (!(fn >= 1 && text[start] >= 'A' && text[start] <= 'Z' && ascii_lower(text + start + 1, fn - 1)))
        return 0;
    Py_ssize_t q = end;
    while (q < len && (text[q] == ' ' || text[q] == '\t')) q++;
    if (q == end || q + 1 >= len || !(text[q] >= 'A' && text[q] <= 'Z') || !(text[q + 1] >= 'a' && text[q + 1] <= 'z'))
        return 0;
    Py_ssize_t w = q + 2;
    while (w < len && (word_char(text[w]) || text[w] == '\'' || text[w] == '-')) w++;
    char *lower = alloc(r, w - q + 1);
    if (!lower) return -1;
    for (Py_ssize_t i = q; i < w; i++) lower[i - q] = (char)(text[i] >= 'A' && text[i] <= 'Z' ? text[i] + 32 : text[i]);
    int32_t id = word_id(j, PyUnicode_1BYTE_KIND, lower, 0, w - q);
    if ((id >= 0 && j->known[id]) || not_a_name(j, text + q, w - q)) return 0;
    if (title_case(text, len)) return 0;
    Py_ssize_t low = start - 40 > 0 ? start - 40 : 0, word_end;
    Py_ssize_t p = previous_word(text + low, start - low, &word_end);
    if (p >= 0 && text[low + p] >= 'A' && text[low + p] <= 'Z') return 0;
    return 1;
}

/* 1 and the weight when settled, 0 when not, -1 on error */
static int decisive(Req *r, Cand *c, double *weight)
{
    Judge *j = r->j;
    Sense *s = &j->senses[c->sense];
    Seg *g = &r->segs[c->seg];
    Py_ssize_t start = c->cs, end = c->ce;
    int t;
    if (s->has_never) {
        t = may_hold(r, s, c->sense, c->seg);
        if (t < 0) return -1;
        if (t) t = never_around(r, s, c->sense, g, start, end);
        if (t < 0) return -1;
        if (t == 1) { *weight = j->w[W_NEVER]; return 1; }
        if (t == 2) t = never_nearby(r, s, c->sense, g, start, end);
        if (t < 0) return -1;
        if (t) {
            if (!shaped_of(g)) return -1;
            PyObject *a = py_int(start), *b = py_int(end);
            if (!a || !b) { Py_XDECREF(a); Py_XDECREF(b); return -1; }
            t = truth(r, PyObject_CallFunctionObjArgs(j->cb_never, s->py, g->text, g->shaped, a, b, NULL));
            Py_DECREF(a); Py_DECREF(b);
            if (t < 0) return -1;
            if (t) { *weight = j->w[W_NEVER]; return 1; }
        }
    }
    if (end < g->len && CH(g, end) == '-') {
        t = call_text(r, j->cb_identifier, NULL, g, start, end, 1);
        if (t < 0) return -1;
        if (t) { *weight = j->w[W_NAME]; return 1; }
    }
    int ascii = PyUnicode_IS_ASCII(g->text);
    const unsigned char *text = ascii ? PyUnicode_1BYTE_DATA(g->text) : NULL;
    if (may_be_a_name(j, g, start, end)) {
        PyObject *found;
        if (ascii) {
            Py_ssize_t at;
            found = name_around(j, text, g->len, start, end, &at) ? PyLong_FromSsize_t(at)
                                                                  : Py_NewRef(Py_None);
        } else {
            PyObject *a = py_int(start), *b = py_int(end);
            if (!a || !b) { Py_XDECREF(a); Py_XDECREF(b); return -1; }
            found = PyObject_CallFunctionObjArgs(j->cb_name, g->text, a, b, NULL);
            Py_DECREF(a); Py_DECREF(b);
        }
        if (!found) return -1;
        if (found != Py_None) {
            Py_ssize_t name_start = PyLong_AsSsize_t(found);
            Py_DECREF(found);
            if (name_start == -1 && PyErr_Occurred()) return -1;
            int inside = 0;
            for (int i = 0; i < g->ncands && !inside; i++) {
                Cand *o = &r->cands[g->cands[i]];
                if (code_points(r, o) < 0) return -1;
                inside = o->cs <= name_start && name_start < o->ce;
            }
            if (!inside) { *weight = name_start < 0 ? j->w[W_JOINED_NAME] : j->w[W_NAME]; return 1; }
        } else {
            Py_DECREF(found);
        }
    }
    if (s->has_names) {
        if (facts(r, c) < 0 || !key_of(r, c)) return -1;
        t = PySet_Contains(s->names, c->key);
        if (t < 0) return -1;
        if (t) {
            t = call_text(r, j->cb_person, s->py, g, start, end, 1);
            if (t < 0) return -1;
            if (t) { *weight = j->w[W_PERSON]; return 1; }
        }
    }
    /* _surname_after: a capitalised form, then [ \t]+[A-Z][a-z] */
    if (is_upper_first(g, start, end) && end < g->len) {
        Py_ssize_t q = end;
        while (q < g->len && (CH(g, q) == ' ' || CH(g, q) == '\t')) q++;
        if (q > end && q + 1 < g->len) {
            Py_UCS4 a = CH(g, q), b = CH(g, q + 1);
            if (a >= 'A' && a <= 'Z' && b >= 'a' && b <= 'z') {
                t = ascii ? surname_after(r, text, g->len, start, end)
                          : call_text(r, j->cb_surname, NULL, g, start, end, 1);
                if (t < 0) return -1;
                if (t) { *weight = j->w[W_NAME]; return 1; }
            }
        }
    }
    return 0;
}

/* ---------- words and cues (judge._words, _words_in, _outside_occurrences) ---------- */

/* `needed <= words and phrase in padded` (Cues.found): its words first, then in a row. */
static int phrase_in(Req *r, const int32_t *ids, Py_ssize_t a, Py_ssize_t b, const Ints *phrase)
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
static int padded_count(const int32_t *ids, int a, int b, int32_t word)
{
    int count = 0, run = 0;
    for (int i = a; i <= b; i++) {
        if (i < b && ids[i] == word) { run++; continue; }
        count += (run + 1) / 2;
        run = 0;
    }
    return count;
}

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static Memo *words_found(Req *r, int si, int segment, int sentence)
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
        qsort(own, nown, sizeof *own, cmp_desc);
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

/* Cues against anywhere in the request (judge._elsewhere_cues), once per sense. */
static Ints *elsewhere(Req *r, int si)
{
    Judge *j = r->j;
    Sense *s = &j->senses[si];
    if (r->elsewhere_done[si]) return &r->elsewhere[si];
    if (!r->every_done) {
        Py_ssize_t *pos;
        int ascii = 1;
        for (Py_ssize_t i = 0; i < r->nseg; i++) {
            ascii &= PyUnicode_IS_ASCII(r->segs[i].text);
        }
        if (ascii) {
            /* The shape of ASCII text joined by " . " is that of each text, joined by
               spaces (a dot beside a space is stray): the blocks' words, one after another. */
            /* Only cues matter here: a block whose words are not needed otherwise is looked
               up in the small table of cue words (-1 for any other word, as in the blocks). */
            Py_ssize_t most = 0;
            for (Py_ssize_t i = 0; i < r->nseg; i++) most += r->segs[i].len / 2 + 1;
            r->every_ids = alloc(r, sizeof(int32_t) * (most + 1));
            if (!r->every_ids) return NULL;
            r->every_n = 0;
            for (Py_ssize_t i = 0; i < r->nseg; i++) {
                Seg *g = &r->segs[i];
                int32_t *out = r->every_ids + r->every_n;
                if (g->words_done) {
                    for (Py_ssize_t k = 0; k < g->nw; k++)
                        out[k] = g->wid[k] >= 0 && j->against_any[g->wid[k]] ? g->wid[k] : -1;
                    r->every_n += g->nw;
                    continue;
                }
                const char *shaped = shape_ascii(r, PyUnicode_1BYTE_DATA(g->text), g->len);
                if (!shaped) return NULL;
                Py_ssize_t k = 0, at = 0;
                while (at < g->len) {
                    while (at < g->len && shaped[at] == ' ') at++;
                    if (at >= g->len) break;
                    Py_ssize_t a = at;
                    while (at < g->len && shaped[at] != ' ') at++;
                    out[k++] = lookup(j, j->cue_slots, j->cue_mask, PyUnicode_1BYTE_KIND, shaped, a, at);
                }
                r->every_n += k;
            }
        } else {
            PyObject *dot = PyUnicode_FromString(" . ");
            if (!dot) return NULL;
            PyObject *joined = PyUnicode_Join(dot, r->segments);
            Py_DECREF(dot);
            if (!joined) return NULL;
            PyObject *shaped = PyObject_CallOneArg(j->cb_normalize, joined);
            Py_DECREF(joined);
            if (!shaped) return NULL;
            int failed = !PyUnicode_Check(shaped) ||
                         split_words(r, PyUnicode_KIND(shaped), PyUnicode_DATA(shaped),
                                     PyUnicode_GET_LENGTH(shaped), &r->every_ids, &pos,
                                     &r->every_n) < 0;
            Py_DECREF(shaped);
            if (failed) { if (!PyErr_Occurred()) r->fallback = 1; return NULL; }
        }
        /* Only the words some sense has as a cue against (or in one) are looked up here. */
        r->every_distinct = alloc(r, sizeof(int32_t) * (r->every_n + 1));
        if (!r->every_distinct || mark(r, NULL, 0) < 0) return NULL;
        int n = 0;
        for (Py_ssize_t i = 0; i < r->every_n; i++) {
            int32_t w = r->every_ids[i];
            if (w >= 0 && j->against_any[w] && r->seen[w] != r->stamp) {
                r->seen[w] = r->stamp;
                r->every_distinct[n++] = w;
            }
        }
        r->every_nd = n;
        r->every_done = 1;
    }
    Ints *out = &r->elsewhere[si];
    out->ids = alloc(r, sizeof(int32_t) * (r->every_nd + s->against.nphrases + 1));
    if (!out->ids) return NULL;
    out->n = 0;
    for (int i = 0; i < r->every_nd; i++)
        if (pair_of(j, si, r->every_distinct[i], NULL) & F_AGAINST)
            out->ids[out->n++] = r->every_distinct[i];
    if (s->against.nphrases && mark(r, r->every_distinct, r->every_nd) < 0) return NULL;
    for (int p = 0; p < s->against.nphrases; p++)
        if (phrase_in(r, r->every_ids, 0, r->every_n, &s->against.phrases[p]))
            out->ids[out->n++] = (int32_t)(j->nwords + p);
    r->elsewhere_done[si] = 1;
    return out;
}

/* ---------- the score (judge._score) ---------- */

static int places_of(Req *r, int segment, int *where, int *index)
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
static double terms_weight(Judge *j, Sense *s, const int32_t *slugs, int n)
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

static int weights_of(Req *r, int segment, int sentence, double *w, int32_t *scratch)
{
    Judge *j = r->j;
    Seg *g = &r->segs[segment];
    w[P_SENTENCE] = j->w[W_SENTENCE]; w[P_BLOCK] = j->w[W_BLOCK];
    w[P_NEXT] = j->w[W_NEXT]; w[P_TWO] = j->w[W_TWO];
    if (ensure_ends(r, g) < 0) return -1;
    int sentences = g->nends + 1;
    if (sentences == 1) return 0;
    int with_terms = sentences_with_terms(r, g);
    if (with_terms < 0) return -1;
    int here = confident_in(r, g, sentence, scratch);
    if (here < 0) return -1;
    int others = with_terms - (here ? 1 : 0);
    w[P_BLOCK] = j->w[W_BLOCK] * (others + 1) / sentences;
    return 0;
}

static int score_of(Req *r, int si, int segment, int sentence, double *out, int *against)
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
        *out = score; *against = nnear > 0 || far > 0;
        return 0;
    }
    *out = score; *against = nnear > 0;
    return 0;
}

/* ---------- the first verdict (judge._first) ---------- */

static int first(Req *r, Cand *c, V *out)
{
    if (c->first_done) { *out = c->first; return 0; }
    Judge *j = r->j;
    Sense *s = &j->senses[c->sense];
    Seg *g = &r->segs[c->seg];
    if (code_points(r, c) < 0) return -1;
    double stop;
    int t = decisive(r, c, &stop);
    if (t < 0) return -1;
    V v;
    if (t) {
        v.score = stop; v.kept = 0; v.against = 1;
    } else {
        int sentence = sentence_of(r, c);
        if (sentence < 0) return -1;
        Memo *m = g->memo;
        while (m && !(m->kind == M_FIRST && m->sense == c->sense && m->sentence == sentence)) m = m->next;
        if (m) {
            v = m->v;
        } else {
            double score;
            int against;
            if (score_of(r, c->sense, c->seg, sentence, &score, &against) < 0) return -1;
            v.kept = score >= j->w[W_THRESHOLD];
            v.score = round3(score);
            v.against = (char)against;
            m = zalloc(r, sizeof *m);
            if (!m) return -1;
            m->kind = M_FIRST; m->sense = c->sense; m->sentence = sentence; m->v = v;
            m->next = g->memo; g->memo = m;
        }
        Py_ssize_t start = c->cs, end = c->ce;
        int upper = is_upper_first(g, start, end);
        if (s->has_versioned && upper) {
            if (facts(r, c) < 0 || !key_of(r, c)) return -1;
            t = PySet_Contains(s->versioned, c->key);
            if (t < 0) return -1;
            if (t && end < g->len && (CH(g, end) == ' ' || CH(g, end) == '\t')) {
                t = call_text(r, j->cb_version, NULL, g, start, end, 0);
                if (t < 0) return -1;
                if (t) v = with(j, v, j->w[W_VERSION_AFTER]);
            }
        }
        if (s->has_values && end < g->len) {
            Py_UCS4 next = CH(g, end);
            if (next == ' ' || next == '\t' || next == '=' || next == ':') {
                PyObject *e = py_int(end);
                if (!e) return -1;
                t = truth(r, PyObject_CallFunctionObjArgs(j->cb_value, g->text, e, s->values, NULL));
                Py_DECREF(e);
                if (t < 0) return -1;
                if (t) v = with(j, v, j->w[W_VALUE_AFTER]);
            }
        }
        if (s->has_names && start < end && Py_UNICODE_ISLOWER(CH(g, start))) {
            if (facts(r, c) < 0 || !key_of(r, c)) return -1;
            t = PySet_Contains(s->names, c->key);
            if (t < 0) return -1;
            if (t) {
                double score = round3(v.score + j->w[W_CUE_AGAINST]);
                v.score = score; v.kept = score >= j->w[W_THRESHOLD]; v.against = 1;
            }
        }
    }
    c->first = v; c->first_done = 1;
    *out = v;
    return 0;
}

/* ---------- the weighing (judge._Weighing) ---------- */

/* 1 and *unusual when it may vouch for others, 0 when not, -1 on error */
static int plausible(Req *r, Cand *c, double *unusual)
{
    if (!c->pl_done) {
        V f;
        if (first(r, c, &f) < 0 || facts(r, c) < 0) return -1;
        double u = c->rarity;
        c->pl_none = !(!f.against && (f.score >= r->j->w[W_SUPPORTING] || u >= r->j->w[W_UNUSUAL]));
        c->plausible = u;
        c->pl_done = 1;
    }
    *unusual = c->plausible;
    return !c->pl_none;
}

static int is_short(Req *r, int segment, int sentence)
{
    Seg *g = &r->segs[segment];
    Py_ssize_t start, end;
    if (ensure_ends(r, g) < 0) return -1;
    span_of(g, sentence, &start, &end);
    return count_words(g, start, end) <= r->j->w[W_SHORT_SENTENCE];
}

static int paired(Req *r, Sense *s, Cand *other, Cand *c, int sentence)
{
    Judge *j = r->j;
    if (other->seg != c->seg || !has(&s->related, other->slug) || s->borrowed || s->narrow)
        return 0;
    if (other->slug < j->nslugs && j->borrowed[other->slug]) return 0;
    int at = sentence_of(r, other);
    if (at < 0) return -1;
    if (at != sentence) return 0;
    V f;
    if (first(r, other, &f) < 0) return -1;
    if (f.against) return 0;
    return is_short(r, c->seg, sentence);
}

static int supported(Req *r, Cand *c, V *out)
{
    if (c->sup_done) { *out = c->sup; return 0; }
    Judge *j = r->j;
    V v;
    if (first(r, c, &v) < 0) return -1;
    if (v.score <= j->w[W_NEVER] / 2 || v.kept) goto done;
    Sense *s = &j->senses[c->sense];
    int sentence = sentence_of(r, c);
    if (sentence < 0) return -1;
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
                weight = (related ? j->w[W_RELATED_TERM] : j->w[W_OTHER_AMBIGUOUS]) * unusual;
                if (other_kept) {
                    double floor = related ? j->w[W_RELATED_TERM] : j->w[W_CONFIDENT_TERM];
                    weight = floor > weight ? floor : weight;
                }
            }
            double share = where == P_SENTENCE ? 1.0 : where == P_BLOCK ? j->w[W_BLOCK] : j->w[W_NEXT];
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

static int returned(Req *r, Cand *c, V *out)
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

static int established(Req *r, int si)
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
    r->established[si] = (signed char)found;
    return found;
}

static int final(Req *r, Cand *c, V *out)
{
    V v;
    if (returned(r, c, &v) < 0) return -1;
    if (!(v.kept || v.against)) {
        int t = established(r, c->sense);
        if (t < 0) return -1;
        if (t) v = with(r->j, v, r->j->w[W_DISCOURSE]);
    }
    *out = v;
    return 0;
}

/* judge._about_ai */
static int about_ai(Req *r)
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
    if (blocks < j->w[W_ABOUT_AI_SHARE] * r->nseg) return 0;
    int32_t *terms = alloc(r, sizeof(int32_t) * (nterms + 1));
    if (!terms) return -1;
    int n = 0;
    for (Py_ssize_t i = 0; i < r->nseg; i++)
        for (int k = 0; k < r->segs[i].nconf; k++) terms[n++] = r->segs[i].conf[k];
    return sort_unique(terms, n) >= j->w[W_ABOUT_AI_TERMS];
}

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

static PyObject *s_segment, *s_start, *s_end, *s_slug, *s_ambiguous, *s_verdict;

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
        PyObject *id = PyDict_GetItemWithError(j->slug_ids, slug);
        if (!id && !PyErr_Occurred()) {
            id = PyDict_GetItemWithError(r->extra_slugs, slug);
            if (!id && !PyErr_Occurred()) {
                PyObject *fresh = PyLong_FromSsize_t(j->nslugs + PyDict_GET_SIZE(r->extra_slugs));
                if (!fresh || PyDict_SetItem(r->extra_slugs, slug, fresh) < 0) {
                    Py_XDECREF(fresh); Py_DECREF(slug); return -1;
                }
                Py_DECREF(fresh);
                id = PyDict_GetItemWithError(r->extra_slugs, slug);
            }
        }
        Py_DECREF(slug);
        if (!id) return -1;
        c->slug = (int)PyLong_AsLong(id);
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
    r->elsewhere_done = zalloc(r, sizeof(int) * (j->nsenses + 1));
    r->elsewhere = zalloc(r, sizeof(Ints) * (j->nsenses + 1));
    if (!r->judged || !r->nby_sense || !r->by_sense || !r->established || !r->elsewhere_done ||
        !r->elsewhere)
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
    while (r->chunk) { Chunk *next = r->chunk->next; free(r->chunk); r->chunk = next; }
}

/* The verdicts, worked out in full before any is set: on a fall-back, none is. */
static int weigh(Req *r, int first_only, V *verdicts, char *state)
{
    if (!first_only) {
        for (int k = 0; k < r->njudged; k++) {
            if (final(r, &r->cands[r->judged[k]], &verdicts[r->judged[k]]) < 0) return -1;
            state[r->judged[k]] = 1;
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
            if (final(r, c, &verdicts[i]) < 0) return -1;
            state[i] = 1;
            if (verdicts[i].kept) marked[c->slug] = 1;
        }
    }
    return 0;
}

static PyObject *Judge_judge(Judge *j, PyObject *args)
{
    PyObject *segments, *candidates;
    int page_is_ai, first_only;
    if (!PyArg_ParseTuple(args, "O!O!pp", &PyList_Type, &segments, &PyList_Type, &candidates,
                          &page_is_ai, &first_only))
        return NULL;
    if (!j->ready) {
        PyErr_SetString(PyExc_RuntimeError, "the Judge was never built");
        return NULL;
    }
    Req r;
    memset(&r, 0, sizeof r);
    r.j = j;
    r.segments = segments;
    r.nseg = PyList_GET_SIZE(segments);
    PyObject *result = NULL;
    V *verdicts = NULL;
    char *state = NULL;
    r.facts = PyDict_New();
    r.extra_slugs = PyDict_New();
    r.keys = PyList_New(0);
    if (!r.facts || !r.extra_slugs || !r.keys) goto out;
    r.segs = zalloc(&r, sizeof(Seg) * (r.nseg + 1));
    if (!r.segs) goto out;
    for (Py_ssize_t i = 0; i < r.nseg; i++) {
        PyObject *text = PyList_GET_ITEM(segments, i);
        if (!PyUnicode_CheckExact(text)) { result = Py_False; goto out; }
        Seg *g = &r.segs[i];
        g->text = text;
        g->kind = PyUnicode_KIND(text);
        g->data = PyUnicode_DATA(text);
        g->len = PyUnicode_GET_LENGTH(text);
        g->with_terms = -1;
        g->long_block = -1;
    }
    int t = read_candidates(&r, candidates);
    if (t) { if (t > 0) result = Py_False; goto out; }
    if (index_request(&r) < 0) goto out;
    if (r.njudged == 0) { result = Py_True; goto out; }
    if (page_is_ai) {
        r.page = 1;
    } else {
        r.page = about_ai(&r);
        if (r.page < 0) goto out;
    }
    verdicts = zalloc(&r, sizeof(V) * (r.ncands + 1));
    state = zalloc(&r, r.ncands + 1);
    if (!verdicts || !state) goto out;
    if (weigh(&r, first_only, verdicts, state) < 0) {
        if (r.fallback && !PyErr_Occurred()) result = Py_False;
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
        PyObject *pieces = PySequence_Fast(PySequence_Fast_GET_ITEM(phrases, p), "pieces");
        if (!pieces) { Py_DECREF(phrases); return -1; }
        Pattern *pattern = &s->patterns[p];
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

static int sense_of(PyObject *tuple, Sense *s)
{
    if (!PyTuple_Check(tuple) || PyTuple_GET_SIZE(tuple) != 20) {
        PyErr_SetString(PyExc_TypeError, "a sense: a 20-tuple expected");
        return -1;
    }
    s->py = Py_NewRef(PyTuple_GET_ITEM(tuple, 0));
    s->slug = (int)PyLong_AsLong(PyTuple_GET_ITEM(tuple, 1));
    s->prior = PyFloat_AsDouble(PyTuple_GET_ITEM(tuple, 2));
    if (PyErr_Occurred()) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 3), &s->related) < 0) return -1;
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
    if ((s->never_star = flag(tuple, 11)) < 0) return -1;
    if (ints_of(PyTuple_GET_ITEM(tuple, 12), &s->form_words) < 0) return -1;
    if ((s->borrowed = flag(tuple, 13)) < 0) return -1;
    if ((s->narrow = flag(tuple, 14)) < 0) return -1;
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
    return patterns_of(PyTuple_GET_ITEM(tuple, 19), s);
}

static void free_ints(Ints *x) { free(x->ids); x->ids = NULL; }

static void free_cues(Cues *c)
{
    free_ints(&c->words);
    if (c->phrases) for (int i = 0; i < c->nphrases; i++) free_ints(&c->phrases[i]);
    free(c->phrases);
}

static void Judge_dealloc(Judge *j)
{
    if (j->word_cps) for (Py_ssize_t i = 0; i < j->nwords; i++) free(j->word_cps[i]);
    free(j->word_cps); free(j->word_len); free(j->word_hash); free(j->slots); free(j->cue_slots);
    if (j->senses)
        for (Py_ssize_t i = 0; i < j->nsenses; i++) {
            Sense *s = &j->senses[i];
            Py_XDECREF(s->py); Py_XDECREF(s->names); Py_XDECREF(s->versioned); Py_XDECREF(s->values);
            free_ints(&s->related); free_ints(&s->narrow_set); free_ints(&s->own_ids);
            free_ints(&s->form_words); free_ints(&s->never_words); free(s->own_rarity);
            free_cues(&s->for_ai); free_cues(&s->against);
            free_patterns(s);
            if (s->never) for (int k = 0; k < s->nnever; k++) free_ints(&s->never[k]);
            free(s->never);
        }
    free(j->senses); free(j->sense_of_slug); free(j->borrowed); free(j->pairs); free(j->against_any); free(j->unusual); free(j->known);
    Py_XDECREF(j->slug_ids); Py_XDECREF(j->callbacks); Py_XDECREF(j->verdict_type);
    Py_XDECREF(j->not_weighed);
    Py_XDECREF(j->cb_normalize); Py_XDECREF(j->cb_facts); Py_XDECREF(j->cb_never);
    Py_XDECREF(j->cb_identifier); Py_XDECREF(j->cb_name); Py_XDECREF(j->cb_person);
    Py_XDECREF(j->cb_surname); Py_XDECREF(j->cb_version); Py_XDECREF(j->cb_value);
    Py_TYPE(j)->tp_free((PyObject *)j);
}

static int build_vocabulary(Judge *j, PyObject *vocabulary)
{
    j->nwords = PyList_GET_SIZE(vocabulary);
    j->word_cps = calloc(j->nwords + 1, sizeof(uint32_t *));
    j->word_len = calloc(j->nwords + 1, sizeof(Py_ssize_t));
    j->word_hash = calloc(j->nwords + 1, sizeof(uint64_t));
    uint64_t size = 16;
    while (size < (uint64_t)j->nwords * 2 + 2) size *= 2;
    j->slots = calloc(size, sizeof(uint64_t));
    if (!j->word_cps || !j->word_len || !j->word_hash || !j->slots) { PyErr_NoMemory(); return -1; }
    j->mask = size - 1;
    for (Py_ssize_t i = 0; i < j->nwords; i++) {
        PyObject *word = PyList_GET_ITEM(vocabulary, i);
        if (!PyUnicode_Check(word)) { PyErr_SetString(PyExc_TypeError, "words: str expected"); return -1; }
        Py_ssize_t n = PyUnicode_GET_LENGTH(word);
        int kind = PyUnicode_KIND(word);
        const void *data = PyUnicode_DATA(word);
        j->word_cps[i] = malloc(sizeof(uint32_t) * (n + 1));
        if (!j->word_cps[i]) { PyErr_NoMemory(); return -1; }
        for (Py_ssize_t k = 0; k < n; k++) j->word_cps[i][k] = PyUnicode_READ(kind, data, k);
        j->word_len[i] = n;
        j->word_hash[i] = hash_cps(kind, data, 0, n);
        if (word_id(j, kind, data, 0, n) >= 0) { PyErr_SetString(PyExc_ValueError, "a word twice"); return -1; }
        table_add(j->slots, j->mask, j->word_hash[i], (int32_t)i);
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
        count += s->own_ids.n + s->for_ai.words.n + s->against.words.n + s->never_words.n;
    }
    while (size < count * 2) size *= 2;
    if ((uint64_t)j->nsenses * (uint64_t)j->nwords + 1 >= (1ULL << 32)) {
        PyErr_SetString(PyExc_ValueError, "too many senses and words for the pair table");
        return -1;
    }
    j->pairs = calloc(size, sizeof(uint64_t));
    j->against_any = calloc(j->nwords + 1, 1);
    if (!j->pairs || !j->against_any) { PyErr_NoMemory(); return -1; }
    j->pair_mask = size - 1;
    for (Py_ssize_t i = 0; i < j->nsenses; i++) {
        Sense *s = &j->senses[i];
        if (s->own_ids.n >= (1 << 24)) { PyErr_SetString(PyExc_ValueError, "own words"); return -1; }
        for (int k = 0; k < s->own_ids.n; k++) add_pair(j, (int)i, s->own_ids.ids[k], F_OWN, k);
        for (int k = 0; k < s->for_ai.words.n; k++) add_pair(j, (int)i, s->for_ai.words.ids[k], F_FOR, 0);
        for (int k = 0; k < s->against.words.n; k++) add_pair(j, (int)i, s->against.words.ids[k], F_AGAINST, 0);
        for (int k = 0; k < s->never_words.n; k++) add_pair(j, (int)i, s->never_words.ids[k], F_NEVER, 0);
        for (int k = 0; k < s->against.words.n; k++) j->against_any[s->against.words.ids[k]] = 1;
        for (int p = 0; p < s->against.nphrases; p++)
            for (int k = 0; k < s->against.phrases[p].n; k++) j->against_any[s->against.phrases[p].ids[k]] = 1;
    }
    uint64_t cues = 0, cue_size = 64;
    for (Py_ssize_t w = 0; w < j->nwords; w++) cues += j->against_any[w];
    while (cue_size < cues * 2 + 2) cue_size *= 2;
    j->cue_slots = calloc(cue_size, sizeof(uint64_t));
    if (!j->cue_slots) { PyErr_NoMemory(); return -1; }
    j->cue_mask = cue_size - 1;
    for (Py_ssize_t w = 0; w < j->nwords; w++)
        if (j->against_any[w]) table_add(j->cue_slots, j->cue_mask, j->word_hash[w], (int32_t)w);
    return 0;
}

static PyObject *method(PyObject *obj, const char *name)
{
    return PyObject_GetAttrString(obj, name);
}

static int Judge_init(Judge *j, PyObject *args, PyObject *kwds)
{
    PyObject *vocabulary, *slug_ids, *senses, *borrowed, *weights, *callbacks, *verdict_type,
        *not_weighed, *not_names, *unusual, *known;
    if (j->slots) { PyErr_SetString(PyExc_RuntimeError, "a Judge is built once"); return -1; }
    if (!PyArg_ParseTuple(args, "O!O!O!OO!OOOOO!O", &PyList_Type, &vocabulary, &PyDict_Type,
                          &slug_ids, &PyList_Type, &senses, &borrowed, &PyTuple_Type, &weights,
                          &callbacks, &verdict_type, &not_weighed, &not_names, &PyList_Type,
                          &unusual, &known))
        return -1;
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
    if (!(j->cb_normalize = method(callbacks, "normalize")) || !(j->cb_facts = method(callbacks, "facts")) ||
        !(j->cb_never = method(callbacks, "never")) || !(j->cb_identifier = method(callbacks, "identifier")) ||
        !(j->cb_name = method(callbacks, "name")) || !(j->cb_person = method(callbacks, "person")) ||
        !(j->cb_surname = method(callbacks, "surname")) || !(j->cb_version = method(callbacks, "version")) ||
        !(j->cb_value = method(callbacks, "value")))
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
        if (!utf8 || strlen(utf8) >= sizeof j->not_names[0] || j->nnot_names >= 64) {
            Py_DECREF(name); Py_DECREF(it);
            if (!PyErr_Occurred()) PyErr_SetString(PyExc_ValueError, "not names: short words, 64 at most");
            return -1;
        }
        strcpy(j->not_names[j->nnot_names++], utf8);
        Py_DECREF(name);
    }
    Py_DECREF(it);
    if (PyErr_Occurred()) return -1;
    j->ready = 1;
    return 0;
}

static PyMethodDef Judge_methods[] = {
    {"judge", (PyCFunction)Judge_judge, METH_VARARGS,
     "judge(segments, candidates, page_is_ai, first_only) -> bool: sets every verdict, or "
     "returns False (and sets none) when the request is one for the Python path."},
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
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_new = PyType_GenericNew,
    .tp_init = (initproc)Judge_init,
    .tp_dealloc = (destructor)Judge_dealloc,
    .tp_methods = Judge_methods,
    .tp_members = Judge_members,
    .tp_doc = "The sense judgement's tables, built once; `judge` per request.",
};

static struct PyModuleDef module = {
    PyModuleDef_HEAD_INIT, "_native", "The sense judgement, non-explaining path, in C.", -1, NULL,
    NULL, NULL, NULL, NULL,
};

PyMODINIT_FUNC PyInit__native(void)
{
    if (PyType_Ready(&JudgeType) < 0) return NULL;
    if (!(s_segment = PyUnicode_InternFromString("segment")) ||
        !(s_start = PyUnicode_InternFromString("start")) ||
        !(s_end = PyUnicode_InternFromString("end")) ||
        !(s_slug = PyUnicode_InternFromString("slug")) ||
        !(s_ambiguous = PyUnicode_InternFromString("ambiguous")) ||
        !(s_verdict = PyUnicode_InternFromString("verdict")))
        return NULL;
    PyObject *m = PyModule_Create(&module);
    if (!m) return NULL;
    if (PyModule_AddObjectRef(m, "Judge", (PyObject *)&JudgeType) < 0) { Py_DECREF(m); return NULL; }
    return m;
}
