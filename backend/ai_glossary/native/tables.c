/* A request's memory, numbers as Python works them out, sets of ids, the word tables. */

#include "sense.h"

void *alloc(Req *r, size_t n)
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

void *zalloc(Req *r, size_t n)
{
    void *p = alloc(r, n);
    if (p) memset(p, 0, n);
    return p;
}

/* ---------- numbers as Python works them out ---------- */

/* round(x, 3): printf rounds the exact binary value half to even, as Python's round does. */
double round3(double x)
{
    char buf[64];
    if (!isfinite(x)) return x;
    double y = x * 1000.0;
    if (fabs(y) < 4503599627370496.0) { /* 2**52 */
        double r = nearbyint(y), off = fabs(y - r);
        /* Away from a tie, the product's error (half an ulp of y) cannot change the rounded
           integer, and r / 1000 is the double nearest to it: what printf and strtod give
           (they were 4% of the judgement's instructions). */
        if (fabs(off - 0.5) > 1e-9 * (1.0 + fabs(y))) return r / 1000.0;
    }
    snprintf(buf, sizeof buf, "%.3f", x);
    return strtod(buf, NULL);
}

/* sum() of floats, from the int 0: plain additions before 3.12, Neumaier's after. */
double pysum(const double *xs, int n)
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

V with(Judge *j, V v, double weight)
{
    double score = round3(v.score + weight);
    V out = {score, score >= j->w[W_THRESHOLD], v.against, v.far_only};
    return out;
}

/* ---------- sorting ---------- */

/* Sorting a few numbers: in place, by insertion. glibc's qsort is a merge sort that copies
   through a buffer and calls the comparison each time; most sets sorted here hold fewer
   than ten (a block's terms, a text's own words). qsort was 2% of judging a page; this
   saved 1%. */
#define FEW 24

void sort_descending(double *xs, int n)
{
    if (n > FEW) {
        qsort(xs, n, sizeof *xs, cmp_desc);
        return;
    }
    for (int i = 1; i < n; i++) {
        double x = xs[i];
        int k = i;
        for (; k > 0 && xs[k - 1] < x; k--) xs[k] = xs[k - 1];
        xs[k] = x;
    }
}

int cmp_int32(const void *a, const void *b)
{
    int32_t x = *(const int32_t *)a, y = *(const int32_t *)b;
    return (x > y) - (x < y);
}

int sort_unique(int32_t *xs, int n)
{
    if (n < 2) return n;
    if (n <= FEW) {
        for (int i = 1; i < n; i++) {
            int32_t x = xs[i];
            int k = i;
            for (; k > 0 && xs[k - 1] > x; k--) xs[k] = xs[k - 1];
            xs[k] = x;
        }
    } else {
        qsort(xs, n, sizeof *xs, cmp_int32);
    }
    int k = 1;
    for (int i = 1; i < n; i++) if (xs[i] != xs[k - 1]) xs[k++] = xs[i];
    return k;
}

/* ---------- the vocabulary ---------- */

/* A word's hash (sense.h): bytes 8 at a time where every code point is below 256. */
uint64_t hash_cps(int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    int narrow = 1;
    if (kind != PyUnicode_1BYTE_KIND)
        for (Py_ssize_t i = a; i < b && narrow; i++) narrow = PyUnicode_READ(kind, data, i) < 256;
    if (!narrow) {
        uint64_t h = HASH_START;
        for (Py_ssize_t i = a; i < b; i++) h = hash_step(h, PyUnicode_READ(kind, data, i));
        return hash_end(h);
    }
    uint64_t h = BYTES_START, chunk = 0;
    int k = 0;
    for (Py_ssize_t i = a; i < b; i++) {
        chunk |= (uint64_t)PyUnicode_READ(kind, data, i) << (8 * k);
        if (++k == 8) { h = mix8(h, chunk); chunk = 0; k = 0; }
    }
    if (k) h = mix8(h, chunk);
    return bytes_end(h, b - a);
}

int32_t lookup(Judge *j, const WordSlot *slots, uint64_t mask, int kind, const void *data,
                      Py_ssize_t a, Py_ssize_t b)
{
    return lookup_hashed(j, slots, mask, hash_cps(kind, data, a, b), kind, data, a, b);
}

int32_t lookup_hashed(Judge *j, const WordSlot *slots, uint64_t mask, uint64_t h, int kind,
                      const void *data, Py_ssize_t a, Py_ssize_t b)
{
    Py_ssize_t n = b - a;
    for (uint64_t i = h & mask;; i = (i + 1) & mask) {
        const WordSlot *slot = &slots[i];
        if (slot->id1 == 0) return -1;
        if (slot->hash != h) continue;
        const uint32_t *word = j->arena + slot->at;
        if (word[0] != (uint32_t)n) continue;
        const uint32_t *cps = word + 1;
        Py_ssize_t k = 0;
        if (kind == PyUnicode_1BYTE_KIND) {
            const unsigned char *b8 = (const unsigned char *)data + a;
            while (k < n && cps[k] == b8[k]) k++;
        } else {
            while (k < n && cps[k] == PyUnicode_READ(kind, data, a + k)) k++;
        }
        if (k == n) return (int32_t)slot->id1 - 1;
    }
}

int32_t word_id(Judge *j, int kind, const void *data, Py_ssize_t a, Py_ssize_t b)
{
    return lookup(j, j->slots, j->mask, kind, data, a, b);
}

void table_add(Judge *j, WordSlot *slots, uint64_t mask, int32_t id)
{
    uint64_t slot = j->word_hash[id] & mask;
    while (slots[slot].id1) slot = (slot + 1) & mask;
    slots[slot] = (WordSlot){j->word_hash[id], (uint32_t)id + 1, (uint32_t)(j->word_cps[id] - 1 - j->arena)};
}

/* The words of a shape from shape.c (its one space: the boundary), each looked up in a
   table: ids[k], and pos[k] where it starts when pos is not NULL. Words are found and
   hashed a batch at a time, their slots fetched ahead, then looked up, so that the cache
   misses of a batch's look-ups overlap: nearly half the time of a look-up went in waiting
   for its slot and its word (perf). */
#define BATCH 32
#define SCAN_WORDS(FIND_END)                                                              \
    {                                                                                     \
        while (at < len) {                                                                \
            int count = 0;                                                                \
            while (count < BATCH) {                                                       \
                while (at < len && PyUnicode_READ(kind, data, at) == SHAPE_BOUNDARY) at++; \
                if (at >= len) break;                                                     \
                Py_ssize_t a = at;                                                        \
                FIND_END;                                                                 \
                starts[count] = a;                                                        \
                ends[count] = at;                                                         \
                __builtin_prefetch(&slots[hashes[count] & mask]);                         \
                count++;                                                                  \
            }                                                                             \
            for (int i = 0; i < count; i++) {                                             \
                if (pos) pos[k] = starts[i];                                              \
                if (end) end[k] = ends[i];                                                \
                ids[k++] = lookup_hashed(j, slots, mask, hashes[i], kind, data, starts[i], \
                                         ends[i]);                                        \
            }                                                                             \
        }                                                                                 \
    }

/* `readable`: for a 1-byte shape, how many bytes of data can be read (at least len). */
Py_ssize_t scan_words(Judge *j, const WordSlot *slots, uint64_t mask, int kind, const void *data,
                      Py_ssize_t len, Py_ssize_t readable, int32_t *ids, Py_ssize_t *pos,
                      Py_ssize_t *end)
{
    Py_ssize_t k = 0, at = 0, starts[BATCH], ends[BATCH];
    uint64_t hashes[BATCH];
    if (kind == PyUnicode_1BYTE_KIND) {
        SCAN_WORDS(at = word_end1(data, a, len, readable, &hashes[count]))
    } else {
        SCAN_WORDS(while (at < len && PyUnicode_READ(kind, data, at) != SHAPE_BOUNDARY) at++;
                   hashes[count] = hash_cps(kind, data, a, at))
    }
    return k;
}

/* A shaped block's words (str.split()), with their vocabulary ids (-1: none). */
int split_words(Req *r, int kind, const void *data, Py_ssize_t len, Py_ssize_t readable, Seg *g)
{
    Py_ssize_t most = len / 2 + 1; /* words and boundaries alternate at best */
    g->wid = alloc(r, sizeof(int32_t) * (most + 1));
    g->wpos = alloc(r, sizeof(Py_ssize_t) * (most + 1));
    g->wend = alloc(r, sizeof(Py_ssize_t) * (most + 1));
    if (!g->wid || !g->wpos || !g->wend) return -1;
    g->nw = scan_words(r->j, r->j->slots, r->j->mask, kind, data, len, readable, g->wid, g->wpos,
                       g->wend);
    return 0;
}

/* An ASCII block's words from the spots every_words found (the same shape, boundaries and
   hashes as split_words would find again), each looked up with its hash. */
int words_of_spots(Req *r, Seg *g)
{
    Judge *j = r->j;
    Py_ssize_t n = g->spot_b - g->spot_a;
    const Spot *spots = r->every_spots + g->spot_a;
    g->wid = alloc(r, sizeof(int32_t) * (n + 1));
    g->wpos = alloc(r, sizeof(Py_ssize_t) * (n + 1));
    g->wend = alloc(r, sizeof(Py_ssize_t) * (n + 1));
    if (!g->wid || !g->wpos || !g->wend) return -1;
    for (Py_ssize_t k = 0; k < n && k < 8; k++) __builtin_prefetch(&j->slots[spots[k].hash & j->mask]);
    for (Py_ssize_t k = 0; k < n; k++) {
        if (k + 8 < n) __builtin_prefetch(&j->slots[spots[k + 8].hash & j->mask]);
        Py_ssize_t a = spots[k].start, b = a + spots[k].len;
        g->wpos[k] = a;
        g->wend[k] = b;
        g->wid[k] = lookup_hashed(j, j->slots, j->mask, spots[k].hash, PyUnicode_1BYTE_KIND, g->sbuf, a, b);
    }
    g->nw = n;
    return 0;
}

/* Marks the words of a set (`ids` must outlive the marks: the next mark unmarks them):
   in_marked() then tells whether a word is one of them. */
int mark(Req *r, const int32_t *ids, int n)
{
    if (!r->seen) {
        r->seen = zalloc(r, bits_size(r->j->nwords));
        if (!r->seen) return -1;
    }
    for (int i = 0; i < r->nmarked; i++) r->seen[r->marked[i] >> 6] = 0;
    for (int i = 0; i < n; i++) set_bit(r->seen, ids[i]);
    r->marked = ids;
    r->nmarked = n;
    return 0;
}


/* The distinct vocabulary words of ids[a:b] (Text.words), in the order first found. */
int distinct_of(Req *r, const int32_t *ids, Py_ssize_t a, Py_ssize_t b, Text *t)
{
    t->ids = alloc(r, sizeof(int32_t) * (b - a + 1));
    if (!t->ids || mark(r, NULL, 0) < 0) return -1;
    int k = 0;
    for (Py_ssize_t i = a; i < b; i++)
        if (ids[i] >= 0 && !in_marked(r, ids[i])) {
            set_bit(r->seen, ids[i]);
            t->ids[k++] = ids[i];
        }
    r->marked = t->ids; /* unmarked by the next mark() */
    r->nmarked = k;
    t->n = k;
    t->a = (int)a; t->b = (int)b;
    t->done = 1;
    return 0;
}
